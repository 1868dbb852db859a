"""View data for the 404 page (overrides/404.html), which MkDocs renders as a theme template.

The page is served at any missing address, so the template builds its links from MkDocs'
absolute `base_url`; this module gives it the needs, the neighbourhoods and the phone.
"""

from __future__ import annotations

from typing import Any

from ..data import wording
from ..data.directory import Directory
from .redirects import SLUGS_JSON


def not_found_context(directory: Directory, help_phone: str | None) -> dict[str, Any]:
    phone = (
        {"display": wording.phone_display(help_phone), "uri": wording.phone_uri(help_phone)}
        if help_phone
        else None
    )
    return {
        "directory_needs": [
            {"slug": n.slug, "title": n.title, "count": len(directory.groups_for_need(n.slug))}
            for n in directory.needs
        ],
        "directory_places": [
            {"slug": p.slug, "name": p.name, "count": len(directory.groups_in(p.slug))}
            for p in directory.neighbourhoods
        ],
        "help_phone": phone,
        "slugs_json": SLUGS_JSON,
    }
