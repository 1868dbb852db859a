"""`directory import oruk`: files in, files out, and the report."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

from ...data.directory import GROUPS_DIR, load_directory
from .batch import import_services
from .feed import Feed, ImportProblem, combine, read_feed
from .mapping import load_map
from .report import Outcome, make_report
from .writing import comparable, group_text, merge, ordered


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
