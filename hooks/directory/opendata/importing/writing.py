"""Group files as text, and how an update merges the feed into a file a person has edited."""

from __future__ import annotations

import datetime as dt
import re

import yaml

from ...data.schema import SCHEMA_DIR

# libyaml's emitter when present: a quarter of an import's time went on pure-Python YAML.
_Base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_Base):  # type: ignore[misc, valid-type]
    """Block style; lists of slugs on one line; multi-line text as a literal block."""

    def ignore_aliases(self, data: object) -> bool:
        # Sessions made from one schedule share its dates; volunteers never see &anchors.
        return True


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _list(dumper: yaml.SafeDumper, value: list) -> yaml.Node:
    flow = bool(value) and all(
        isinstance(v, str) and re.fullmatch(r"[a-z0-9_-]+", v) for v in value
    )
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(list, _list)


def group_text(data: dict[str, object], version: str) -> str:
    header = [
        f"# yaml-language-server: $schema=../{SCHEMA_DIR.as_posix()}/group.schema.json",
        f"# Imported from Open Referral UK ({version}) data by `directory import oruk`.",
    ]
    if data.get("review"):
        header.append("# review: says what the import guessed. Check those fields, then delete it.")
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000)
    return "\n".join(header) + "\n" + body


def ordered(data: dict[str, object]) -> dict[str, object]:
    """Source and review last, where they do not get in a reader's way."""
    tail = {k: data[k] for k in ("source", "review") if k in data}
    return {k: v for k, v in data.items() if k not in tail} | tail


def merge(old: dict[str, object], new: dict[str, object], guessed: list[str]) -> dict[str, object]:
    """The feed's values over the file's, keeping what the feed does not hold.

    A field the import only guessed keeps the file's value: a person set or confirmed it,
    so it goes under review again only if it was still waiting. A field the feed now gives
    for real (say the map learnt its term) replaces the guess and leaves review.
    """
    waiting = [f for f in old.get("review") or [] if isinstance(f, str)]
    merged = {k: v for k, v in old.items() if k != "review"}
    for key, value in new.items():
        if key != "review" and not (key in guessed and key in old):
            merged[key] = value
    review = [f for f in guessed if f in waiting or f not in old]
    if review:
        merged["review"] = review
    return ordered(merged)


def comparable(data: object) -> object:
    """Dates as text, so a file read back compares equal to the data written."""
    if isinstance(data, dict):
        return {k: comparable(v) for k, v in data.items()}
    if isinstance(data, list):
        return [comparable(v) for v in data]
    if isinstance(data, dt.date):
        return data.isoformat()
    return data
