"""Fixes to markup of Material's that has no template block to override.

Material's base.html gives its two hidden toggle checkboxes (menu drawer and search)
autocomplete="off", which HTML allows only on text-like inputs, so every page failed the
W3C conformance check (tests/test_conformance.py). Overriding base.html would mean
forking it; these exact strings are replaced in the written page instead. Material's own
script resets both toggles on load, so the attribute did nothing there.
"""

from __future__ import annotations

FIXES = (
    (
        'type="checkbox" id="__drawer" autocomplete="off">',
        'type="checkbox" id="__drawer">',
    ),
    (
        'type="checkbox" id="__search" autocomplete="off">',
        'type="checkbox" id="__search">',
    ),
)


def conforming(page_html: str) -> str:
    for wrong, right in FIXES:
        page_html = page_html.replace(wrong, right, 1)
    return page_html
