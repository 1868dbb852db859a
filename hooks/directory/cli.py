"""`directory`: check, create and maintain group files without building the site."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from .data.directory import GROUPS_DIR, load_directory
from .data.freshness import STALE_AFTER_MONTHS, stale_groups, today
from .data.history import HistoryError, gone_without_record
from .data.loading import parse_document, to_model
from .data.models import Group
from .data.problems import DataError, Problem, printable, report
from .data.schema import SCHEMA_DIR, write_schemas


def _annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command, so the problem shows on the pull request diff."""

    def data(text: str) -> str:  # GitHub's escaping, after other control characters
        return printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    level = "warning" if problem.severity == "warning" else "error"
    title = f"{problem.field}: " if problem.field else ""
    return (
        f"::{level} file={prop(problem.path)},line={problem.line}::{data(title + problem.message)}"
    )


def _stale_warnings(groups: Sequence[Group], root: Path) -> list[Problem]:
    return [
        Problem(
            f"{GROUPS_DIR}/{g.slug}.yaml",
            1,
            "last_reviewed",
            f"last checked {g.last_reviewed.isoformat()}, over {STALE_AFTER_MONTHS} months ago; "
            "please check the entry and update the date",
            "warning",
        )
        for g in stale_groups(list(groups), today())
    ]


def _in_root(path: str, root: Path) -> str:
    """`path` as the report shows it (groups/x.yaml), given from `root` or absolute."""
    try:
        return (root / path).resolve().relative_to(root).as_posix()
    except ValueError:
        return path


def check(
    paths: Sequence[str], root: Path, base: str | None = None, added: Sequence[str] = ()
) -> int:
    """Validate files (or everything) and print the report; 1 if there are errors.

    With `base` (a git commit or branch), also fail for each group file there that is gone
    without a `formerly:` or closed record keeping its address."""
    group_files = [Path(p).resolve() for p in paths if Path(p).parent.name == GROUPS_DIR] or None
    if paths and group_files is not None and len(group_files) < len(paths):
        group_files = None  # a needs or neighbourhood file changed: check everything
    if base is not None:
        group_files = None  # every current address is needed to compare with the base
    try:
        new = [_in_root(p, root) for p in added]
        directory = load_directory(root, group_files, new)
        problems = directory.warnings + _stale_warnings(directory.groups, root)
        if base is not None:
            problems += gone_without_record(directory, root, base)
        # `mkdocs build --strict` (CI and publish) stops on the data's warnings: so does this
        code = 1 if directory.warnings or any(p.severity == "error" for p in problems) else 0
    except DataError as error:
        problems, code = error.problems, 1
    except HistoryError as error:
        print(error, file=sys.stderr)
        return 2
    if problems:
        print(report(problems))
    if code and not any(p.severity == "error" for p in problems):
        print("The site build (mkdocs build --strict) stops on these warnings: fix them too.")
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in sorted(problems):
            print(_annotation(problem))
    if code == 0:
        count = len(group_files) if group_files else "all"
        print(f"OK: {count} group file(s) checked, no errors.")
    return code


def translations(root: Path) -> int:
    """Each language's messages that are not translated yet (the site shows them in
    English). Listing them is not a failure: a build works with any number missing."""
    from .site import i18n  # only here: checks start faster

    directory = load_directory(root)
    for code, gaps in i18n.missing(root / i18n.LOCALES_DIR, directory).items():
        print(f"{code}: {len(gaps)} missing")
        for message in gaps:
            print(f"  {message}")
    return 0


def update_catalogues(root: Path, add: Sequence[str]) -> int:
    from .site import i18n

    for path in i18n.write_catalogues(root / i18n.LOCALES_DIR, load_directory(root), add):
        print(f"Wrote {path.relative_to(root)}")
    return 0


def stale(months: int, root: Path) -> int:
    directory = load_directory(root)
    groups = stale_groups(directory.groups, today(), months)
    for group in groups:
        name = printable(group.name)
        print(f"{group.last_reviewed.isoformat()}  {GROUPS_DIR}/{group.slug}.yaml  {name}")
    print(f"{len(groups)} group(s) not checked for {months} months or more.")
    return 0


def slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _yaml_list(values: Sequence[str]) -> str:
    return "[" + ", ".join(values) + "]"


def new_group_text(answers: dict[str, object]) -> str:
    """A commented group file from the answers; strings are JSON-quoted (valid YAML)."""
    q = json.dumps
    contact = "\n".join(
        f"  {key}: {q(answers[key])}" for key in ("phone", "email", "website") if answers.get(key)
    )
    return f"""# yaml-language-server: $schema=../{SCHEMA_DIR.as_posix()}/group.schema.json
# One file per group. Lines starting with # are notes and can be deleted.
# Guide: docs/add-your-group.md
name: {q(answers["name"])}
# One plain sentence, at most 160 characters.
summary: {q(answers["summary"])}
# What people can expect, in Markdown (optional). Delete the line if you don't need it.
# description: |
#   Write a paragraph or two here.
needs: {_yaml_list(answers["needs"])}  # from needs.yaml
neighbourhoods: {_yaml_list(answers["neighbourhoods"])}  # file names in neighbourhoods/
contact:
{contact}
# Where and when you meet (optional): copy a venue or session block for more.
# venues:
#   - name: Swinton Library
#     address: Chorley Road, Swinton
#     postcode: M27 4AW
#     step_free: true
# sessions:
#   - day: tuesday
#     opens: "10:00"
#     closes: "12:00"
#     venue: Swinton Library
# cost: free
# languages: [en]
# referral:
#   routes: [self]
last_reviewed: {answers["last_reviewed"]}
"""


def _ask(label: str, given: object, many: bool = False) -> object:
    if given:
        return given
    if not sys.stdin.isatty():
        raise SystemExit(f"directory new: --{label.split()[0].lower()} is required")
    answer = input(f"{label}: ").strip()
    return [a.strip() for a in answer.split(",") if a.strip()] if many else answer


def new(args: argparse.Namespace, root: Path) -> int:
    answers: dict[str, object] = {
        "name": _ask("Name of the group", args.name),
        "summary": args.summary
        or (_ask("One sentence about what it does", None) if sys.stdin.isatty() else None)
        or f"{args.name} is a local group; replace this line with one sentence about it.",
        "needs": _ask("Needs, comma-separated (see needs.yaml)", args.need, many=True),
        "neighbourhoods": _ask("Neighbourhoods, comma-separated", args.neighbourhood, many=True),
        "phone": args.phone,
        "email": args.email,
        "website": args.website,
        "last_reviewed": today().isoformat(),
    }
    if not (args.phone or args.email or args.website):
        answers["phone"] = _ask("Phone number", None)
    slug = args.slug or slugify(str(answers["name"]))
    target = root / GROUPS_DIR / f"{slug}.yaml"
    if target.exists():
        print(f"{target.relative_to(root)} already exists; edit it instead.", file=sys.stderr)
        return 1
    text = new_group_text(answers)
    doc = parse_document(text.encode("utf-8"), f"{GROUPS_DIR}/{slug}.yaml")
    to_model(doc, Group)
    if doc.problems:
        print(report(doc.problems), file=sys.stderr)
        return 1
    target.write_text(text, encoding="utf-8")
    print(f"Wrote {target.relative_to(root)}; open it and fill in the commented lines.")
    return check([str(target)], root)


def oruk_api(site_dir: Path, host: str, port: int) -> int:
    try:
        from .opendata.api import serve  # only here: the site itself needs no web server
    except ImportError as error:
        print(
            f"directory oruk-api needs the [api] extra ({error.name} is missing): "
            "pip install 'community-directory[api]'",
            file=sys.stderr,
        )
        return 1
    try:
        return serve(site_dir.resolve(), host, port)
    except FileNotFoundError as error:
        print(f"directory oruk-api: {error}", file=sys.stderr)
        return 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="directory", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder")
    commands = parser.add_subparsers(dest="command", required=True)

    checking = commands.add_parser("check", help="validate group files (default: all)")
    checking.add_argument("paths", nargs="*")
    checking.add_argument(
        "--base",
        metavar="REF",
        help="git commit or branch to compare with: fail if a group file there is gone "
        "without a formerly: or closed-groups/ record",
    )
    checking.add_argument(
        "--added",
        action="append",
        default=[],
        metavar="PATH",
        help="a group file the pull request adds: the newer one when two share a name",
    )
    checking.add_argument(
        "--translations", action="store_true", help="list untranslated messages per language"
    )
    catalogues = commands.add_parser(
        "translations", help="write locales/messages.pot and update every catalogue"
    )
    catalogues.add_argument("--add", action="append", default=[], help="start a language")

    making = commands.add_parser("new", help="write a new group file")
    making.add_argument("--name")
    making.add_argument("--summary")
    making.add_argument("--need", action="append")
    making.add_argument("--neighbourhood", action="append")
    making.add_argument("--phone")
    making.add_argument("--email")
    making.add_argument("--website")
    making.add_argument("--slug", help="file name (default: from the name)")

    old = commands.add_parser("stale", help="list groups not checked recently, oldest first")
    old.add_argument("--months", type=int, default=STALE_AFTER_MONTHS)

    schema = commands.add_parser("schema", help="write the JSON Schemas for editors")
    schema.add_argument("--output", type=Path, default=None)

    importing = commands.add_parser("import", help="turn ORUK 1.x or 3.0 services into groups")
    importing.add_argument("format", choices=["oruk"], help="the input's format")
    importing.add_argument(
        "path", type=Path, nargs="+", help="a service list or service, as JSON; or every page"
    )
    importing.add_argument("--output", type=Path, default=None, help="folder (default: groups/)")
    importing.add_argument(
        "--update", action="store_true", help="update the files imported from these services"
    )
    importing.add_argument("--force", action="store_true", help="overwrite existing files")
    importing.add_argument("--report", type=Path, default=None, help="write the report here")
    importing.add_argument("--feed", default=None, help="the feed's name (default: file name)")

    api = commands.add_parser("oruk-api", help="serve a built site's ORUK 3.0 files as the API")
    api.add_argument("site_dir", type=Path, help="the built site (mkdocs build's site/)")
    api.add_argument("--host", default="127.0.0.1", help="address to listen on")
    api.add_argument("--port", type=int, default=8080)

    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        if args.command == "check":
            if args.translations:
                return translations(root)
            return check(args.paths, root, args.base, args.added)
        if args.command == "translations":
            return update_catalogues(root, args.add)
        if args.command == "new":
            return new(args, root)
        if args.command == "stale":
            return stale(args.months, root)
        if args.command == "oruk-api":
            return oruk_api(args.site_dir, args.host, args.port)
        if args.command == "import":
            from .opendata.importing import command as import_oruk  # here: checks start faster

            return import_oruk(
                args.path, args.output, root, args.update, args.force, args.report, args.feed
            )
        for path in write_schemas(args.output or root / SCHEMA_DIR):
            print(f"Wrote {path}")
        return 0
    except DataError as error:
        print(error, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
