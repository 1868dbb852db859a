"""Feed descriptions (often HTML) into our safe Markdown, and a summary from them.

markdownify does the conversion; the rules on top are ours: headings become bold lines
(group pages have their own headings), links keep their address only when it is a web,
email or phone link, scripts, styles and images go, odd spaces become plain ones.
"""

from __future__ import annotations

import re

from markdownify import ATX, MarkdownConverter

from ...data.prose import LINK_SCHEMES, check_description

SUMMARY_MAX = 160
_HTML = re.compile(r"<[a-zA-Z!/][^>]*>|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);")
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\t": " "})
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


class _Converter(MarkdownConverter):
    def convert_hN(self, n: int, el: object, text: str, parent_tags: set[str]) -> str:  # noqa: N802
        text = " ".join(text.split()).strip("*")
        return f"\n\n**{text}**\n\n" if text else ""

    def convert_a(self, el: object, text: str, parent_tags: set[str]) -> str:
        href = str(el.get("href") or "").strip()  # type: ignore[attr-defined]
        scheme = href.partition(":")[0].lower() if ":" in href else ""
        if scheme not in LINK_SCHEMES or not text.strip():
            return text
        return super().convert_a(el, text, parent_tags)

    def convert_br(self, el: object, text: str, parent_tags: set[str]) -> str:
        return "\n\n"  # Markdown's hard break is two trailing spaces, which YAML mangles

    def convert_img(self, el: object, text: str, parent_tags: set[str]) -> str:
        return ""

    def convert_script(self, el: object, text: str, parent_tags: set[str]) -> str:
        return ""

    def convert_style(self, el: object, text: str, parent_tags: set[str]) -> str:
        return ""


def is_html(text: str) -> bool:
    return bool(_HTML.search(text))


def tidy(text: str) -> str:
    """Plain spaces, no invisible characters, no blank-line runs, no trailing spaces."""
    text = _INVISIBLE.sub("", text.translate(_SPACES)).replace("\r\n", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def to_markdown(text: str) -> tuple[str, bool]:
    """The text as our Markdown, and whether it was HTML (so the report can say so)."""
    if not is_html(text):
        return tidy(text), False
    markdown = _Converter(heading_style=ATX, bullets="-", escape_misc=False).convert(text)
    return tidy(markdown), True


def safe(markdown: str) -> str | None:
    """The text when our Markdown rules accept it; else None."""
    return None if check_description(markdown) else markdown


def plain(markdown: str) -> str:
    """Markdown to plain words, for the one-line summary."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"(\*\*|__|\*|`)", "", text)
    text = re.sub(r"\\(.)", r"\1", text)
    return " ".join(text.split())


def _is_label(paragraph: str) -> bool:
    """A heading, a label ("Services include:") or a list: never a summary."""
    lines = paragraph.strip().split("\n")
    first = lines[0].strip()
    if re.fullmatch(r"\*\*[^*]+\*\*:?", first) and len(lines) == 1:
        return True
    if re.match(r"^([-*+]|\d+\.)\s", first) or first.startswith("#"):
        return True
    words = plain(paragraph)
    return words.endswith(":") or len(words.split()) < 4 and not words.endswith((".", "!"))


def first_sentence(markdown: str) -> str | None:
    """The first real sentence, at most 160 characters (cut at a word, with an ellipsis)."""
    for paragraph in re.split(r"\n\s*\n", markdown):
        if not paragraph.strip() or _is_label(paragraph):
            continue
        text = plain(paragraph)
        sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9“\"'(])", text, maxsplit=1)[0]
        if len(sentence) <= SUMMARY_MAX:
            return sentence
        return sentence[: SUMMARY_MAX - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return None
