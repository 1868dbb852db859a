"""Group descriptions: a small, safe subset of Markdown.

Raw HTML and links to anything but the web, email or phone are refused when the file is
checked, so the author hears about it. The HTML we publish still goes through nh3's
allow-list as a second line of defence.
"""

from __future__ import annotations

from functools import lru_cache
from html.parser import HTMLParser

import markdown
import nh3

LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "h2", "h3", "h4"}
)


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


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.hrefs.append(value)


def _scheme(url: str) -> str | None:
    head, sep, _ = url.partition(":")
    if not sep or "/" in head or "?" in head or "#" in head:
        return None  # relative link
    return "".join(head.split()).lower()


def check_description(text: str) -> str | None:
    """Say what is wrong with a description, or None when it is fine."""
    html, raw_html = _converted(text)
    if raw_html:
        return "must not contain HTML tags; use Markdown (**bold**, [link](https://...))"
    links = _Links()
    links.feed(html)
    for href in links.hrefs:
        scheme = _scheme(href)
        if scheme is None:
            return f"link {href!r} must be a full address starting with https://"
        if scheme not in LINK_SCHEMES:
            return f"link {href!r} is not allowed; links may start with https://, mailto: or tel:"
    return None


def description_html(text: str) -> str:
    """The description as sanitised HTML, ready to place in a page."""
    html, _ = _converted(text)
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={"a": {"href"}},
        url_schemes=set(LINK_SCHEMES),
        link_rel="noopener nofollow",
    )
