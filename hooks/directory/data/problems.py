"""Problems found in the data, and the report people read.

Every problem names a file and a line so a volunteer in GitHub's web editor can go
straight to it: `groups/eccles-lunch-club.yaml:7: contact.phnoe: unknown field; did you
mean phone?`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{printable(self.path)}:{self.line}: "
        field = f"{printable(self.field)}: " if self.field else ""
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}{prefix}{field}{printable(self.message)}"


# Control characters (C0, DEL, C1), line and paragraph separators and bidi controls: in a
# terminal or a CI log they could move the cursor, start an escape sequence (OSC 8 links,
# OSC 52 clipboard writes), forge a new log line or reorder what is shown.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` safe to print on one line: unprintable characters shown as \\x1b, \\u202e."""
    return _UNPRINTABLE.sub(lambda m: _escaped(m.group()), text)


def _escaped(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class DataError(Exception):
    """Raised when the data has errors; carries every problem found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(report(self.problems))


def suggest(wrong: str, choices: Iterable[str]) -> str:
    """' Did you mean `x`?' for the closest choice, or ''."""
    close = difflib.get_close_matches(str(wrong), list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]}?" if close else ""


def field_path(loc: Sequence[str | int]) -> str:
    """('venues', 0, 'postcode') -> 'venues[0].postcode'."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def report(problems: Sequence[Problem]) -> str:
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    lines = [str(p) for p in sorted(problems)]
    files = len({p.path for p in errors})
    summary = f"{len(errors)} error(s) in {files} file(s)"
    if warnings:
        summary += f", {len(warnings)} warning(s)"
    return "\n".join([*lines, summary])
