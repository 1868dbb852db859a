"""File names and names for imported groups: unique, and stable from one import to the next.

A name alone makes the file name. When two services would share one (long names cut to
the same 60 characters, or the same name twice), each gets a suffix made from its ORUK id,
so the same service gets the same file every time, whatever order the feed lists them in.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter

SLUG_MAX = 60
NAME_MAX = 100  # Group.name's limit


def slugify(name: str) -> str:
    name = re.sub(r"['’]", "", name)  # Men's Shed -> mens-shed, as group files are named
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug[:SLUG_MAX].strip("-") or "group"


def suffix(source_id: str, where: str) -> str:
    """Six characters from the ORUK id (or, without one, from the place in the feed)."""
    return hashlib.sha1((source_id or where).encode("utf-8")).hexdigest()[:6]


def fold(name: str) -> str:
    return " ".join(name.casefold().split())


def assign(
    wanted: list[tuple[str, str, str]], taken: dict[str, tuple[str, str]]
) -> dict[str, tuple[str, str]]:
    """(slug, name) for each (key, name, source id); key is the service's place in the feed.

    `taken` maps each file already there to (the source id it holds or "", its group's
    name). A service takes a file by its id (an update); otherwise only a free file name,
    and only a name no other file uses.
    """
    by_id = {source: slug for slug, (source, _) in taken.items() if source}
    other_names = {fold(name): slug for slug, (_, name) in taken.items()}
    base = {key: slugify(name) for key, name, source in wanted}
    counts = Counter(base[key] for key, _, source in wanted if source not in by_id)
    names = Counter(fold(name) for _, name, _ in wanted)
    out: dict[str, tuple[str, str]] = {}
    for key, name, source in wanted:
        tail = suffix(source, key)
        if source and source in by_id:
            slug = by_id[source]
        else:
            slug = base[key]
            if counts[slug] > 1 or slug in taken:
                slug = f"{slug[: SLUG_MAX - 7].rstrip('-')}-{tail}"
        owner = other_names.get(fold(name))
        if names[fold(name)] > 1 or owner not in (None, slug):
            name = f"{name[: NAME_MAX - 9].rstrip()} ({tail})"  # group names must be unique too
        out[key] = (slug, name)
    return out
