"""Group descriptions: a small, safe subset of Markdown.

Raw HTML, images, and links to anything but the web, email or phone are refused when the
file is checked, so the author hears about it; whatever is allowed is published as written.
The HTML we publish still goes through nh3's allow-list as a second line of defence.

Python-Markdown's link parsing is quadratic in unclosed `[` and its lists and quotes
recurse once per level, so `limits` measures both, in one linear pass, before it runs.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser

import markdown
import nh3

LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "pre", "hr"}
    | {"h2", "h3", "h4"}
)
# What Markdown can make that a description may not hold, and what to write instead.
REFUSED_TAGS = {
    "img": "images are not shown on the site; link to the picture instead: [photo](https://...)",
    "h1": "a heading with one # is the page title; start headings with ## instead",
    "h5": "headings go down to ####; use ## to #### instead",
    "h6": "headings go down to ####; use ## to #### instead",
}
MAX_BRACKET_DEPTH = 3
MAX_NESTING = 6  # lists and quotes inside each other
SCAN_BUDGET = 100_000  # characters scanned for unclosed < and (, beyond 4 per character
# Python-Markdown rebuilds a paragraph's text for each inline match (emphasis, code), and
# does a block's work per list item, so these are bounded too: far above what prose needs.
MAX_INLINE_MARKS = 400  # * _ ` in one paragraph
MAX_LIST_ITEMS = 300  # list and quote markers in the whole text
_MARKERS = re.compile(r"(?:[-*+>]|\d{1,9}[.)])(?:[ \t]+|$)")


# No extensions: attr_list and friends would let text inject attributes.
_MARKDOWN = markdown.Markdown(output_format="html")


@lru_cache(maxsize=1 << 16)
def _converted(text: str) -> tuple[str, bool]:
    """The HTML, and whether the text held raw HTML. One Markdown instance, reset per text,
    because building its parser cost more than converting a description; cached because
    a build converts each description twice (checking, then the page)."""
    md = _MARKDOWN.reset()
    html = md.convert(text)
    return html, bool(md.htmlStash.rawHtmlBlocks)


def forget_converted() -> None:
    """Let go of the converted texts once every page is made (about 50 MiB at 15,000
    groups with real descriptions)."""
    _converted.cache_clear()


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.hrefs.append(value)


def _scheme(url: str) -> str | None:
    head, sep, _ = url.partition(":")
    if not sep or "/" in head or "?" in head or "#" in head:
        return None  # relative link
    return head.lower()


def limits(text: str) -> str | None:
    """What makes `text` too costly for Markdown to parse, or None. Linear in its length."""
    unclosed = (
        "a [ is never closed with ]; write links as [words](https://...), "
        "or write \\[ for a bracket"
    )
    depth = marks = items = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            if depth:  # a link cannot span paragraphs
                return f"line {number - 1} of the text: {unclosed}"
            marks = 0
            continue
        marks += line.count("*") + line.count("_") + line.count("`")
        if marks > MAX_INLINE_MARKS:
            return (
                f"line {number} of the text: this paragraph has over {MAX_INLINE_MARKS} "
                "of * _ `; use fewer, or split it with a blank line"
            )
        rest = line.expandtabs(4)
        level = (len(rest) - len(rest.lstrip(" "))) // 4
        rest = rest.lstrip(" ")
        while level <= MAX_NESTING and (marker := _MARKERS.match(rest)) is not None:
            level += 1
            items += 1
            rest = rest[marker.end() :]
        if level > MAX_NESTING:
            return (
                f"line {number} of the text nests lists or quotes more than {MAX_NESTING} "
                "deep; start the deepest ones at the left margin"
            )
        if items > MAX_LIST_ITEMS:
            return f"has over {MAX_LIST_ITEMS} list items or quotes; a description needs fewer"
        escaped = False
        for char in line:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == "[":
                depth += 1
                if depth > MAX_BRACKET_DEPTH:
                    return (
                        f"line {number} of the text has [ inside [ inside [; "
                        "write links as [words](https://...)"
                    )
            elif char == "]" and depth:
                depth -= 1
    if depth:
        return f"the text's last paragraph: {unclosed}"
    return _unclosed_cost(text)


def _unclosed_cost(text: str) -> str | None:
    """Python-Markdown looks for the > after each <, and the ) after each (, up to the end
    of the paragraph: many unclosed ones cost time quadratic in its length. Add up those
    distances (one pass, backwards) and refuse text far beyond what prose needs."""
    budget = SCAN_BUDGET + 4 * len(text)
    for opener, closer in (("<", ">"), ("(", ")")):
        cost = 0
        for paragraph in re.split(r"\n[ \t]*\n", text):
            next_close = len(paragraph)
            for i in range(len(paragraph) - 1, -1, -1):
                char = paragraph[i]
                if char == closer:
                    next_close = i
                elif char == opener:
                    cost += next_close - i
            if cost > budget:
                return (
                    f"has too many {opener} without a {closer} after them; close each one, "
                    f"or write the words instead (less than, or a comma)"
                )
    return None


def check_description(text: str) -> str | None:
    """Say what is wrong with a description, or None when it is fine."""
    too_costly = limits(text)
    if too_costly:
        return too_costly
    html, raw_html = _converted(text)
    if raw_html:
        return "must not contain HTML tags; use Markdown (**bold**, [link](https://...))"
    found = _Tags()
    found.feed(html)
    for tag in found.tags:
        if tag in REFUSED_TAGS:
            return REFUSED_TAGS[tag]
        if tag not in ALLOWED_TAGS:
            return f"makes a <{tag}>, which descriptions cannot show; write plain paragraphs"
    for href in found.hrefs:
        scheme = _scheme(href)
        if scheme is None:
            return f"link {href!r} must be a full address starting with https://"
        if not re.fullmatch(r"[a-z][a-z0-9+.-]*", scheme) or re.search(r"\s", href):
            return f"link {href!r} has a space in it; write the address without spaces"
        if scheme not in LINK_SCHEMES:
            return f"link {href!r} is not allowed; links may start with https://, mailto: or tel:"
    return None


def description_html(text: str) -> str:
    """The description as sanitised HTML, ready to place in a page."""
    html, _ = _converted(text)
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={"a": {"href", "title"}},
        url_schemes=set(LINK_SCHEMES),
        link_rel="noopener nofollow",
    )
