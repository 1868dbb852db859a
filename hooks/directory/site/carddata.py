"""Cards drawn in the browser: Find help and the shortlist carry only the first cards in
their HTML (so no page grows with the directory) and find.js adds the rest from these
files as the visitor scrolls, filters or shortlists.

Each card is the HTML the cards partial makes, so a card looks the same whether the page
or the script placed it, and the template still escapes every value.
"""

from __future__ import annotations

import json

from ..data.directory import Directory
from . import cards
from .templating import ENV

CARDS_JSON = "data/cards.json"  # Find help: short cards
SHORTLIST_JSON = "data/shortlist.json"  # the shortlist: fuller cards, to print or send
UP = "../"  # both pages are one folder down (find/, shortlist/)


def _card_html(directory: Directory, full: bool) -> dict[str, str]:
    macro = ENV.get_template("partials/card.html").module.card
    return {
        g.slug: str(macro(cards.card(directory, g, UP, full=full), "h2", full)).strip()
        for g in directory.groups
    }


def cards_json(directory: Directory, full: bool = False) -> str:
    """{"order": slugs A to Z, "cards": {slug: card HTML}}: compact and byte-identical for
    the same data."""
    data = {"order": [g.slug for g in directory.groups], "cards": _card_html(directory, full)}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
