"""The whole directory: every file loaded, validated and cross-referenced, once.

`load_directory` reads needs.yaml, neighbourhoods/ and groups/, checks every reference
between them, and either returns a `Directory` or raises `DataError` carrying every
problem in every file, so one run tells a contributor everything that needs fixing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .loading import Document, read_document, read_model, to_model
from .models import EVERYWHERE, SLUG_PATTERN, Group, Need, NeedList, Neighbourhood
from .problems import DataError, Problem, suggest

NEEDS_FILE = "needs.yaml"
GROUPS_DIR = "groups"
NEIGHBOURHOODS_DIR = "neighbourhoods"


def _by_name(name: str) -> str:
    return " ".join(name.casefold().split())


@dataclass
class Directory:
    """Validated groups, neighbourhoods and needs, with their cross-references."""

    groups: list[Group]
    neighbourhoods: list[Neighbourhood]
    needs: list[Need]
    warnings: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.groups.sort(key=lambda g: (_by_name(g.name), g.slug))
        self.neighbourhoods.sort(key=lambda n: (_by_name(n.name), n.slug))
        self.needs.sort(key=lambda n: (_by_name(n.title), n.slug))
        self._groups = {g.slug: g for g in self.groups}
        self._needs = {n.slug: n for n in self.needs}
        self._neighbourhoods = {n.slug: n for n in self.neighbourhoods}
        self._by_need: dict[str, list[Group]] = {n.slug: [] for n in self.needs}
        self._by_neighbourhood: dict[str, list[Group]] = {n.slug: [] for n in self.neighbourhoods}
        for group in self.groups:  # already in name order, so every list is too
            for need in group.needs:
                self._by_need[need].append(group)
            for place in self.neighbourhoods_of(group):
                self._by_neighbourhood[place.slug].append(group)

    def group(self, slug: str) -> Group:
        return self._groups[slug]

    def need(self, slug: str) -> Need:
        return self._needs[slug]

    def neighbourhood(self, slug: str) -> Neighbourhood:
        return self._neighbourhoods[slug]

    def needs_of(self, group: Group) -> list[Need]:
        return sorted((self._needs[s] for s in group.needs), key=lambda n: _by_name(n.title))

    def neighbourhoods_of(self, group: Group) -> list[Neighbourhood]:
        if group.serves_everywhere:
            return list(self.neighbourhoods)
        return [n for n in self.neighbourhoods if n.slug in group.neighbourhoods]

    def groups_for_need(self, need: str) -> list[Group]:
        return self._by_need[need]

    def groups_in(self, neighbourhood: str) -> list[Group]:
        return self._by_neighbourhood[neighbourhood]


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _slug_problem(doc: Document, file: Path) -> None:
    if not re.fullmatch(SLUG_PATTERN, file.stem):
        better = re.sub(r"[^a-z0-9]+", "-", file.stem.lower()).strip("-") or "my-group"
        doc.problems.append(
            Problem(
                doc.path,
                1,
                "",
                f"file name should be lower-case words joined by hyphens: rename it {better}.yaml",
            )
        )


def _read_named(
    root: Path, folder: str, model: type, files: Iterable[Path] | None = None
) -> list[tuple[object, Document]]:
    paths = sorted(files) if files is not None else sorted((root / folder).glob("*.yaml"))
    loaded = []
    for file in paths:
        doc = read_document(file, _rel(file, root))
        _slug_problem(doc, file)
        instance = to_model(doc, model)
        if instance is not None:
            instance._slug = file.stem
        loaded.append((instance, doc))
    return loaded


def _strings(values: object) -> list[tuple[int, str]]:
    if not isinstance(values, list):
        return []
    return [(i, v) for i, v in enumerate(values) if isinstance(v, str)]


def _check_references(doc: Document, needs: set[str], neighbourhoods: set[str]) -> None:
    """Check names that point at other files. Works on the raw data, so these problems are
    reported even when the same file has other mistakes."""
    data = doc.data if isinstance(doc.data, dict) else {}
    for i, need in _strings(data.get("needs")):
        if need not in needs:
            doc.problem(("needs", i), f"{need} is not a need in {NEEDS_FILE}{suggest(need, needs)}")
    places = _strings(data.get("neighbourhoods"))
    for i, place in places:
        if place == EVERYWHERE:
            if len(places) > 1:
                doc.problem(("neighbourhoods", i), "everywhere already covers every neighbourhood")
        elif place not in neighbourhoods:
            known = sorted(neighbourhoods | {EVERYWHERE})
            doc.problem(
                ("neighbourhoods", i),
                f"{place} is not a file in {NEIGHBOURHOODS_DIR}/{suggest(place, known)}",
            )
    venues = data.get("venues") if isinstance(data.get("venues"), list) else []
    names = [v["name"] for v in venues if isinstance(v, dict) and isinstance(v.get("name"), str)]
    sessions = data.get("sessions") if isinstance(data.get("sessions"), list) else []
    for i, session in enumerate(sessions):
        venue = session.get("venue") if isinstance(session, dict) else None
        if isinstance(venue, str) and venue not in names:
            hint = suggest(venue, names) if names else "; add it under venues"
            doc.problem(("sessions", i, "venue"), f"{venue!r} is not one of the venues{hint}")


def load_directory(root: Path, group_files: Iterable[Path] | None = None) -> Directory:
    """Load and cross-check everything under `root`; raise DataError listing every problem.

    `group_files` limits which group files are read (for checking a pull request's
    changes); needs and neighbourhoods are always read in full because groups refer to them.
    """
    problems: list[Problem] = []

    need_list, needs_doc = read_model(root / NEEDS_FILE, NEEDS_FILE, NeedList)
    needs = list(need_list.needs) if need_list else []
    seen_needs: dict[str, int] = {}
    for i, need in enumerate(needs):
        if need.slug in seen_needs:
            needs_doc.problem(("needs", i, "slug"), f"{need.slug} is listed twice")
        seen_needs[need.slug] = i
    problems += needs_doc.problems

    places = _read_named(root, NEIGHBOURHOODS_DIR, Neighbourhood)
    groups = _read_named(root, GROUPS_DIR, Group, group_files)
    for _, doc in places:
        problems += doc.problems

    need_slugs = {n.slug for n in needs}
    place_slugs = {p.slug for p, _ in places if p is not None}
    first_by_name: dict[str, str] = {}
    for group, doc in groups:
        _check_references(doc, need_slugs, place_slugs)
        if group is not None:
            key = _by_name(group.name)
            if key in first_by_name:
                doc.problem(
                    ("name",), f"{group.name!r} is already the name of {first_by_name[key]}"
                )
            else:
                first_by_name[key] = doc.path
        problems += doc.problems

    valid_groups = [g for g, d in groups if g is not None and not d.problems]
    if group_files is None and not any(p.severity == "error" for p in problems):
        problems += _unused(valid_groups, needs, needs_doc, places)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise DataError(problems)
    return Directory(
        groups=valid_groups,
        neighbourhoods=[p for p, _ in places if p is not None],
        needs=needs,
        warnings=problems,
    )


def _unused(
    groups: list[Group],
    needs: list[Need],
    needs_doc: Document,
    places: list[tuple[object, Document]],
) -> list[Problem]:
    used_needs = {s for g in groups for s in g.needs}
    used_places = {s for g in groups for s in g.neighbourhoods}
    everywhere = EVERYWHERE in used_places
    warnings = [
        Problem(
            NEEDS_FILE,
            needs_doc.line_of(("needs", i)),
            f"needs[{i}]",
            f"no group lists the need {need.slug}",
            "warning",
        )
        for i, need in enumerate(needs)
        if need.slug not in used_needs
    ]
    for place, doc in places:
        if place is not None and place.slug not in used_places and not everywhere:
            warnings.append(
                Problem(doc.path, 1, "", "no group lists this neighbourhood", "warning")
            )
    return warnings
