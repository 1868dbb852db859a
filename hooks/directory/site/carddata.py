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
from .i18n import ENGLISH, Language
from .templating import environment

CARDS_JSON = "data/cards.json"  # Find help: short cards
SHORTLIST_JSON = "data/shortlist.json"  # the shortlist: fuller cards, to print or send
QR_DIR = "qr/"  # the printed shortlist's QR codes, qr/<slug>.svg (shortlist.py)
UP = "../"  # both pages are one folder down (find/, shortlist/)


def _card_html(directory: Directory, full: bool, language: Language) -> dict[str, str]:
    env = environment(language.translations)
    macro = env.get_template("partials/card.html").module.card
    return {
        g.slug: str(
            macro(cards.card(directory, g, UP, full=full, lang=language.code), "h2", full)
        ).strip()
        for g in directory.groups
    }


def cards_json(directory: Directory, full: bool = False, language: Language = ENGLISH) -> str:
    """{"order": slugs A to Z, "cards": {slug: card HTML}} in the language's words:
    compact and byte-identical for the same data."""
    cards_html = _card_html(directory, full, language)
    data = {"order": [g.slug for g in directory.groups], "cards": cards_html}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
