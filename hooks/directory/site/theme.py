"""What the site sends besides its pages: Material markup fixed, our stylesheet compacted.

Fixes to markup of Material's that has no template block to override.

Material's base.html gives its two hidden toggle checkboxes (menu drawer and search)
autocomplete="off", which HTML allows only on text-like inputs, so every page failed the
W3C conformance check (tests/test_conformance.py). Overriding base.html would mean
forking it; these exact strings are replaced in the written page instead. Material's own
script resets both toggles on load, so the attribute did nothing there.
"""

from __future__ import annotations

import re

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


# docs/assets/site.css explains itself in comments; phones need none of them. It is render-
# blocking, and on a slow line every byte of it delays the first paint (benchmarks/phone.py).
STYLESHEET = "assets/site.css"
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_AROUND = re.compile(r"\s*([{};,>])\s*")
_STRING = re.compile(r'("(?:[^"\\\n]|\\.)*")')


def compact_css(css: str) -> str:
    """The stylesheet without comments or layout whitespace; quoted strings untouched.
    Spaces before ':' are kept, as `html :is(a)` and `html:is(a)` differ; after it, none
    is ever needed."""
    parts = _STRING.split(_COMMENT.sub("", css))
    for i in range(0, len(parts), 2):  # outside strings
        text = _AROUND.sub(r"\1", re.sub(r"\s+", " ", parts[i]))
        parts[i] = text.replace(": ", ":").replace(";}", "}")
    return "".join(parts).strip() + "\n"
