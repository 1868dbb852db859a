"""One service being read: which values were used, and what happened to the rest."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ...data.directory import Directory
from .mapping import ImportMap

EMPTY = (None, "", [], {})


@dataclass(frozen=True)
class Note:
    """Something the officer should know about one value.

    kind is "lost" (not kept), "changed" (kept, but altered), "moved" (kept in the
    description for want of a field), or "unmapped" (a taxonomy term or area we do not know).
    """

    kind: str
    path: str
    text: str

    @property
    def field(self) -> str:
        """The path without list positions: service_at_locations.location.name."""
        return re.sub(r"\[\d+\]", "", self.path)


def join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def leaves(value: object, path: str = "") -> Iterator[tuple[str, object]]:
    """Every scalar in a JSON value, with its path: ('schedules[0].byday', 'TU')."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, join(path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from leaves(item, join(path, i))
    elif value not in EMPTY:
        yield path, value


def is_identifier(path: str) -> bool:
    key = path.rsplit(".", 1)[-1]
    return key == "id" or key.endswith("_id")


def short(value: object, limit: int = 70) -> str:
    text = " ".join(str(value).split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def one_line(text: object) -> str:
    return " ".join(str(text or "").split())


def items(node: object, key: str) -> list[tuple[int, dict]]:
    """The objects in a list field, with their positions; anything else gives nothing."""
    value = node.get(key) if isinstance(node, dict) else None
    return (
        [(i, v) for i, v in enumerate(value) if isinstance(v, dict)]
        if isinstance(value, list)
        else []
    )


@dataclass
class Context:
    """What the readers share while mapping one service."""

    directory: Directory
    terms: ImportMap
    service: dict
    where: str
    used: set[str] = field(default_factory=set)
    notes: list[Note] = field(default_factory=list)
    review: list[str] = field(default_factory=list)  # group fields a person must confirm
    extra: list[str] = field(default_factory=list)  # paragraphs added to the description
    venue_ids: dict[str, str] = field(default_factory=dict)  # link or location id -> venue

    def take(self, node: object, key: str, path: str) -> object:
        """The value at node[key], marked as used when there is one."""
        if not isinstance(node, dict):
            return None
        value = node.get(key)
        if value not in EMPTY:
            self.used.add(join(path, key))
        return value

    def mark(self, path: str) -> None:
        self.used.add(path)

    def is_used(self, path: str) -> bool:
        while path:
            if path in self.used:
                return True
            path = re.sub(r"(\.[^.\[]*|\[\d+\])$", "", path) if re.search(r"[.\[]", path) else ""
        return False

    def note(self, kind: str, path: str, text: str) -> None:
        self.notes.append(Note(kind, path, text))

    def lost(self, path: str, text: str) -> None:
        self.mark(path)  # said once, with its reason; not again as a leftover
        self.note("lost", path, text)

    def confirm(self, group_field: str, text: str) -> None:
        if group_field not in self.review:
            self.review.append(group_field)
        self.note("guessed", group_field, text)

    def leftovers(self) -> None:
        """Every value no reader used is reported, so nothing goes missing unseen."""
        for path, value in leaves(self.service):
            if not is_identifier(path) and not self.is_used(path):
                self.note("lost", path, short(value))
