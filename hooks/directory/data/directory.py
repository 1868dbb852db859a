"""The whole directory: every file loaded, validated and cross-referenced, once.

`load_directory` reads needs.yaml, neighbourhoods/, groups/ and closed-groups/, checks
every reference between them, and either returns a `Directory` or raises `DataError`
carrying every problem in every file, so one run tells a contributor everything that needs
fixing.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path

from .filecache import CACHE_FILE, ValidatedFiles
from .freshness import today
from .loading import Document, parse_document, read_bytes, read_model, to_model
from .models import (
    DISTRICT_PATTERN,
    EVERYWHERE,
    SLUG_PATTERN,
    ClosedGroup,
    Closures,
    Group,
    Need,
    NeedList,
    Neighbourhood,
    TermDates,
    visible,
)
from .opening import Calendar, calendar
from .problems import DataError, Problem, field_path, suggest

NEEDS_FILE = "needs.yaml"
GROUPS_DIR = "groups"
CLOSED_DIR = "closed-groups"
NEIGHBOURHOODS_DIR = "neighbourhoods"
TERMS_FILE = "terms.yaml"
CLOSURES_FILE = "closures.yaml"
DISTRICTS_FILE = "neighbourhoods/postcode-districts.csv"
LatLon = tuple[float, float]


# Slugs that would collide with a page or a word the files already use.
RESERVED = {
    "index": "index is the name of the list page itself",
    EVERYWHERE: "everywhere already means every neighbourhood in group files",
}


def _by_name(name: str) -> str:
    """Names as people read them: case, spacing and invisible characters ignored."""
    return " ".join(visible(name).casefold().split())


@dataclass
class Directory:
    """Validated groups, neighbourhoods and needs, with their cross-references."""

    groups: list[Group]
    neighbourhoods: list[Neighbourhood]
    needs: list[Need]
    warnings: list[Problem] = field(default_factory=list)
    terms: TermDates | None = None  # None when there is no terms.yaml
    districts: dict[str, LatLon] = field(default_factory=dict)  # postcode district centroids
    closed: list[ClosedGroup] = field(default_factory=list)  # their addresses keep working
    closures: Closures = field(default_factory=Closures)  # bank holiday region, shared closures

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

    @cached_property
    def calendar(self) -> Calendar:
        """Terms, bank holidays and shared closures, for opening.py and find.js."""
        return calendar(self.terms, self.closures, today())

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
    if file.stem in RESERVED:
        message = f"{RESERVED[file.stem]}; rename the file, e.g. {file.parent.name}/my-{file.name}"
        doc.problems.append(Problem(doc.path, 1, "", message))
    elif not re.fullmatch(SLUG_PATTERN, file.stem):
        better = re.sub(r"[^a-z0-9]+", "-", file.stem.lower()).strip("-") or "my-group"
        doc.problems.append(
            Problem(
                doc.path,
                1,
                "",
                f"file name should be lower-case words joined by hyphens: rename it {better}.yaml",
            )
        )


def _unread(file: Path, root: Path, folder: str) -> str | None:
    """Why a file under groups/ or neighbourhoods/ is not one we read, with the fix."""
    if file.parent != root / folder:
        inside = f" in {file.parent.name}/" if file.parent.parent == root / folder else ""
        return f"is in a folder{inside}; {folder}/ has no folders: move it to {folder}/{file.name}"
    if file.suffix == ".yaml":
        return None
    if file.suffix.lower() in (".yaml", ".yml"):
        return f"is not read: rename it to {file.stem}.yaml"
    if file.name.startswith("."):
        return "is not read: only .yaml files belong here; delete it"
    return f"is not read: only .yaml files are; rename it to {file.stem}.yaml, or delete it"


def _files(root: Path, folder: str) -> tuple[list[Path], list[Problem]]:
    """Every .yaml file directly in `folder`, and a problem for every other file under it,
    so nothing a contributor adds is ignored without a word."""
    found, problems = [], []
    for here, folders, names in os.walk(root / folder):  # does not follow folder links
        for name in sorted(folders):
            if (Path(here) / name).is_symlink():
                message = "is a link to a folder; put the files themselves here"
                problems.append(Problem(_rel(Path(here) / name, root), 1, "", message))
        for name in names:
            file = Path(here) / name
            if _rel(file, root) == DISTRICTS_FILE:
                continue  # read by _read_districts
            why = _unread(file, root, folder)
            if why is None:
                found.append(file)
            else:
                problems.append(Problem(_rel(file, root), 1, "", why))
    return sorted(found), sorted(problems)


def _read_one(file: Path, shown_as: str, model: type, raw: bytes) -> tuple[object, Document]:
    doc = parse_document(raw, shown_as)
    _slug_problem(doc, file)
    instance = to_model(doc, model)
    if instance is not None:
        instance._slug = file.stem
    return instance, _for_cross_checks(doc)


# What the checks across files read from a file's raw data once it is validated (names,
# references, former slugs), and the lines they report at. The rest of the raw data and
# its line of every value came to half the memory of loading 15,000 groups, all held
# until the last file was read.
_CROSS_CHECKED = ("name", "needs", "neighbourhoods", "formerly", "postcode_districts")
_CROSS_CHECKED_PARTS = {"venues": ("name", "postcode"), "sessions": ("venue",)}


def _for_cross_checks(doc: Document) -> Document:
    """`doc` with only what the checks across files read, and its problems."""
    if not isinstance(doc.data, dict):
        data = doc.data
    else:
        data = {k: doc.data[k] for k in _CROSS_CHECKED if k in doc.data}
        for key, parts in _CROSS_CHECKED_PARTS.items():
            items = doc.data.get(key)
            if isinstance(items, list):
                data[key] = [
                    {k: v for k, v in item.items() if k in parts}
                    if isinstance(item, dict)
                    else item
                    for item in items
                ]

    def wanted(loc: tuple[str | int, ...]) -> bool:
        if not loc or loc[0] in _CROSS_CHECKED:
            return True
        parts = _CROSS_CHECKED_PARTS.get(str(loc[0]))
        return parts is not None and (len(loc) <= 2 or loc[2] in parts)

    lines = {loc: line for loc, line in doc.lines.items() if wanted(loc)}
    return Document(doc.path, data, lines, doc.problems)


def _read_named(
    root: Path,
    folder: str,
    model: type,
    cache: ValidatedFiles,
    files: Iterable[Path] | None = None,
) -> tuple[list[tuple[object, Document]], list[Problem]]:
    if files is None:
        paths, problems = _files(root, folder)
    else:
        paths, problems = [], []
        for file in sorted(files):
            why = _unread(file, root, folder)
            if why is None:
                paths.append(file)
            else:
                problems.append(Problem(_rel(file, root), 1, "", why))
    loaded = []
    for file in paths:
        shown_as = _rel(file, root)
        raw, refused = read_bytes(file, root)  # bounded, regular files inside root only
        if refused:
            doc = Document(shown_as, problems=[Problem(shown_as, 1, "", refused)])
            _slug_problem(doc, file)
            loaded.append((None, doc))
            continue
        make = partial(_read_one, file, shown_as, model, raw)
        loaded.append(cache.result(f"{model.__name__} {shown_as}", raw, make))
    return loaded, problems


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


def load_directory(
    root: Path, group_files: Iterable[Path] | None = None, added: Iterable[str] = ()
) -> Directory:
    """Load and cross-check everything under `root`; raise DataError listing every problem.

    `group_files` limits which group files are read (for checking a pull request's
    changes); needs and neighbourhoods are always read in full because groups refer to them.
    `added` names the group files (as groups/x.yaml) that a pull request adds: when two
    groups share a name, those are the newer ones.
    """
    problems: list[Problem] = []

    need_list, needs_doc = read_model(root / NEEDS_FILE, NEEDS_FILE, NeedList, root)
    needs = list(need_list.needs) if need_list else []
    seen_needs: dict[str, int] = {}
    for i, need in enumerate(needs):
        if need.slug in seen_needs:
            needs_doc.problem(("needs", i, "slug"), f"{need.slug} is listed twice")
        if need.slug in RESERVED:
            needs_doc.problem(("needs", i, "slug"), f"{RESERVED[need.slug]}; choose another")
        seen_needs[need.slug] = i
    problems += needs_doc.problems

    terms = None
    if (root / TERMS_FILE).exists():  # optional: without it term-time sessions have no dates
        terms, terms_doc = read_model(root / TERMS_FILE, TERMS_FILE, TermDates, root)
        problems += terms_doc.problems
    closures = None
    if (root / CLOSURES_FILE).exists():  # optional: without it, England and Wales, no closures
        closures, closures_doc = read_model(root / CLOSURES_FILE, CLOSURES_FILE, Closures, root)
        problems += closures_doc.problems
    districts, district_problems = _read_districts(root)
    problems += district_problems

    cache = ValidatedFiles(root / CACHE_FILE)
    places, unread = _read_named(root, NEIGHBOURHOODS_DIR, Neighbourhood, cache)
    problems += unread
    groups, unread = _read_named(root, GROUPS_DIR, Group, cache, group_files)
    problems += unread
    closed, unread = _read_named(root, CLOSED_DIR, ClosedGroup, cache)
    problems += unread
    cache.save()
    _check_addresses(root, groups, closed)
    for place, doc in places:
        if place is not None and districts:
            for i, district in enumerate(place.postcode_districts):
                if district not in districts:
                    doc.problem(
                        ("postcode_districts", i),
                        f"{district} is not in {DISTRICTS_FILE}; add its centre there",
                    )
        problems += doc.problems

    need_slugs = {n.slug for n in needs}
    place_slugs = {p.slug for p, _ in places if p is not None}
    _same_names(groups, set(added))
    for group, doc in groups:
        _check_references(doc, need_slugs, place_slugs)
        if group is not None:
            problems += _unplaced_venues(group, doc, districts)
        problems += doc.problems
    for _, doc in closed:
        _check_references(doc, need_slugs, place_slugs)
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
        terms=terms,
        districts=districts,
        closed=[c for c, d in closed if c is not None and not d.problems],
        closures=closures or Closures(),
    )


def _check_addresses(
    root: Path, groups: list[tuple[object, Document]], closed: list[tuple[object, Document]]
) -> None:
    """Every address ever printed must lead to one place: a former slug may not be a live
    group file (checked on disk, so a check of a few files sees them all), a closed record,
    or claimed by two files; a closed record may not sit beside a live group file."""
    closed_slugs = {Path(doc.path).stem for _, doc in closed}
    claimed: dict[str, str] = {}
    for folder, pairs in ((GROUPS_DIR, groups), (CLOSED_DIR, closed)):
        for _, doc in pairs:
            data = doc.data if isinstance(doc.data, dict) else {}
            own = Path(doc.path).stem
            for i, old in _strings(data.get("formerly")):
                loc = ("formerly", i)
                if old == own:
                    doc.problem(loc, f"{old} is this file's own name; list only earlier names")
                elif (root / GROUPS_DIR / f"{old}.yaml").exists():
                    doc.problem(
                        loc,
                        f"{GROUPS_DIR}/{old}.yaml still exists; delete that file, or take "
                        f"{old} out of formerly",
                    )
                elif old in closed_slugs:
                    message = f"{CLOSED_DIR}/{old}.yaml keeps that address for a closed group"
                    doc.problem(loc, message + "; take it out of formerly")
                elif old in claimed:
                    doc.problem(
                        loc,
                        f"{old} is already listed under formerly in {claimed[old]}; "
                        "an old address can lead to one group only",
                    )
                else:
                    claimed[old] = doc.path
            if folder == CLOSED_DIR and (root / GROUPS_DIR / f"{own}.yaml").exists():
                message = f"{GROUPS_DIR}/{own}.yaml still exists; delete it when a group closes"
                doc.problem((), message)


def _same_names(groups: list[tuple[object, Document]], added: set[str]) -> None:
    """Two groups with one name (as people read it) is an error on the newer file: one the
    pull request adds (`added`), else the one whose file name sorts later, as git history
    is not reliably there in CI. Read from the raw data, so it is reported in the same run
    as the file's other mistakes."""
    first: dict[str, str] = {}
    for _, doc in sorted(groups, key=lambda pair: (pair[1].path in added, pair[1].path)):
        name = doc.data.get("name") if isinstance(doc.data, dict) else None
        if not isinstance(name, str) or not _by_name(name):
            continue
        key = _by_name(name)
        if key in first:
            doc.problem(("name",), f"{name!r} is already the name of {first[key]}; choose another")
        else:
            first[key] = doc.path


def _read_districts(root: Path) -> tuple[dict[str, LatLon], list[Problem]]:
    """The postcode-district centres "near me" sorts by: district,lat,lon, one per line."""
    file = root / DISTRICTS_FILE
    if not file.exists():
        return {}, []
    table: dict[str, LatLon] = {}
    problems = []
    raw, refused = read_bytes(file, root)
    if refused:
        return {}, [Problem(DISTRICTS_FILE, 1, "", refused)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        message = f"byte 0x{raw[error.start]:02x} is not UTF-8; save the file as UTF-8"
        return {}, [Problem(DISTRICTS_FILE, line, "", message)]
    rows = csv.reader(text.splitlines())
    for line, row in enumerate(rows, start=1):
        cells = [cell.strip() for cell in row]
        if line == 1:
            if cells != ["district", "lat", "lon"]:
                message = "the first line must be district,lat,lon"
                problems.append(Problem(DISTRICTS_FILE, 1, "", message))
            continue
        if not cells:
            continue
        try:
            district, lat, lon = cells[0], float(cells[1]), float(cells[2])
            if len(cells) != 3:
                raise ValueError
        except (ValueError, IndexError):
            message = "should be a district and two numbers, like M30,53.483,-2.349"
            problems.append(Problem(DISTRICTS_FILE, line, "", message))
            continue
        if not re.fullmatch(DISTRICT_PATTERN, district):
            message = f"{district!r} is not a postcode district like M30"
        elif district in table:
            message = f"{district} is listed twice"
        elif not (49.8 <= lat <= 60.9 and -8.7 <= lon <= 1.8):
            message = f"{lat},{lon} is not in the UK; write lat first, then lon"
        else:
            table[district] = (lat, lon)
            continue
        problems.append(Problem(DISTRICTS_FILE, line, "", message))
    return table, problems


def _unplaced_venues(group: Group, doc: Document, districts: dict[str, LatLon]) -> list[Problem]:
    """Warn about venues "near me" cannot place: no lat/lon and an unknown district."""
    if not districts:
        return []
    problems = []
    for i, venue in enumerate(group.venues):
        district = venue.postcode.split()[0]
        if (venue.lat is None or venue.lon is None) and district not in districts:
            loc = ("venues", i, "postcode")
            message = f"add lat and lon, or add {district} to {DISTRICTS_FILE}"
            line = doc.line_of(loc)
            problems.append(Problem(doc.path, line, field_path(loc), message, "warning"))
    return problems


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
