"""`directory import oruk`: Open Referral UK services in, group files out, nothing lost.

feed.py      which ORUK version, which services, complete or one page of many
reading.py   what one service's readers share: used values, notes, review fields
contact.py, places.py, schedules.py, terms.py, details.py   a reader per kind of ORUK data
html.py      descriptions to safe Markdown; the summary
mapping.py   import-map.yaml: other taxonomies to our needs and neighbourhoods
service.py   one service to one group's data
slugs.py     unique, stable file names
writing.py   the file text, and merging an update into a file people have edited
report.py    the report for the data officer

Every service becomes one file or one reported skip. Whatever was guessed is listed in
the file's `review:` field, which `directory check` refuses until a person removes it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml
from pydantic import ValidationError

from ...data.directory import GROUPS_DIR, Directory, load_directory
from ...data.models import Group
from .feed import Feed, ImportProblem, combine, read_feed
from .mapping import ImportMap, load_map
from .report import Outcome, make_report
from .service import Imported, map_service
from .slugs import assign
from .writing import comparable, group_text, merge, ordered

__all__ = ["ImportProblem", "Imported", "command", "import_services", "run"]


def import_services(
    data: object | Feed,
    directory: Directory,
    terms: ImportMap | None = None,
    taken: dict[str, tuple[str, str]] | None = None,
    feed_name: str = "feed",
) -> tuple[Feed, list[Imported]]:
    """Map every service; give each a unique file name; skip (with a reason) what cannot be.

    `taken` maps the files already there to (source id, name): see slugs.assign.
    """
    feed = data if isinstance(data, Feed) else read_feed(data)
    terms = terms or ImportMap()
    results: list[Imported] = []
    first: dict[str, str] = {}
    for where, service in feed.services:
        name = str(service.get("name") or "").strip()
        source_id = str(service.get("id") or "")
        if where in feed.problems:
            results.append(Imported(where, name, source_id, skipped=feed.problems[where]))
            continue
        if source_id in first:
            why = f"it has the same id as {first[source_id]}"
            results.append(Imported(where, name, source_id, skipped=why))
            continue
        if source_id:
            first[source_id] = where
        try:
            results.append(map_service(directory, terms, service, where))
        except Exception as error:  # a reader's bug must cost one record, not the import
            why = f"the import could not read it ({type(error).__name__}); please report this"
            results.append(Imported(where, name, source_id, skipped=why))
    mapped = [r for r in results if not r.skipped]
    names = assign([(r.where, r.name, r.source_id) for r in mapped], taken or {})
    for result in mapped:
        result.slug, result.name = names[result.where]
        result.data["name"] = result.name
        if result.source_id:
            result.data["source"] = {"feed": feed_name, "id": result.source_id}
        problem = _invalid(result.data)
        if problem:
            result.skipped = f"it does not make a valid group ({problem})"
        elif result.review:
            result.data["review"] = list(result.review)
    return feed, results


def _invalid(data: dict) -> str | None:
    try:
        Group.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        return f"{where}: {first['msg']}"
    return None


def _on_disk(folders: list[Path]) -> dict[str, tuple[str, str]]:
    """Each group file there: (the source id it holds, its group's name)."""
    found: dict[str, tuple[str, str]] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.yaml")):
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, yaml.YAMLError):
                data = None
            data = data if isinstance(data, dict) else {}
            source = data.get("source") if isinstance(data.get("source"), dict) else {}
            found.setdefault(path.stem, (str(source.get("id") or ""), str(data.get("name") or "")))
    return found


def _read(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def read_pages(paths: list[Path]) -> Feed:
    """One feed from one file, or from every page of it, one file per page."""
    named = []
    for path in paths:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ImportProblem(f"{path}: cannot read it as JSON ({error})") from None
        try:
            named.append((path.name, read_feed(data)))
        except ImportProblem as error:
            raise ImportProblem(f"{path}: {error}") from None
    return combine(named)


def run(
    path: Path | list[Path],
    output: Path,
    root: Path,
    update: bool = False,
    force: bool = False,
    feed_name: str | None = None,
) -> tuple[int, str]:
    """Import the file(s) into the folder `output`; return (exit code, report)."""
    paths = path if isinstance(path, list) else [path]
    try:
        feed = read_pages(paths)
    except ImportProblem as error:
        return 1, str(error)
    directory = load_directory(root, group_files=[])  # needs and neighbourhoods only
    taken = _on_disk([output, root / GROUPS_DIR])
    name = feed_name or paths[0].name
    feed, results = import_services(feed, directory, load_map(root), taken, name)
    outcome = Outcome()
    writes: list[tuple[Path, str]] = []
    for result in (r for r in results if not r.skipped):
        target = output / f"{result.slug}.yaml"
        shown = f"{output.name}/{target.name}"
        data = ordered(result.data)
        if not target.exists():
            outcome.new.append(shown)
        elif update and taken.get(result.slug, ("",))[0] == result.source_id:
            old = _read(target)
            data = merge(old, data, result.review)
            if comparable(old) == comparable(data):
                outcome.unchanged.append(shown)
                continue
            outcome.updated.append(shown)
        elif force:
            outcome.updated.append(shown)
        else:
            outcome.refused.append(shown)
            continue
        writes.append((target, group_text(data, feed.version)))
    if outcome.refused:
        files = ", ".join(outcome.refused[:5]) + (" ..." if len(outcome.refused) > 5 else "")
        return 1, (
            f"not importing: {files} already exist(s); add --update to update files imported "
            "from this feed, or --force to overwrite"
        )
    output.mkdir(parents=True, exist_ok=True)
    for target, text in writes:
        target.write_text(text, encoding="utf-8")
    return 0, make_report(", ".join(p.name for p in paths), feed, results, outcome)


def command(
    path: Path | list[Path],
    output: Path | None,
    root: Path,
    update: bool = False,
    force: bool = False,
    report: Path | None = None,
    feed_name: str | None = None,
) -> int:
    """`directory import oruk PATH...`: print (or write) the report; 1 if nothing was written."""
    code, text = run(path, output or root / GROUPS_DIR, root, update, force, feed_name)
    if report is not None and code == 0:
        report.write_text(text, encoding="utf-8")
        first = text.split("\n## ", 2)
        print(first[0] + "\n## " + first[1] if len(first) > 1 else text)
        print(f"The whole report is in {report}.")
    else:
        print(text, file=sys.stdout if code == 0 else sys.stderr)
    return code
