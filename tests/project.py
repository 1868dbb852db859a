"""Helpers for tests: copy the project to break it, and build a site in-process."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from directory.data.directory import Directory
from directory.data.models import Group

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = [
    "mkdocs.yml",
    "needs.yaml",
    "terms.yaml",
    "closures.yaml",
    "docs",
    "overrides",
    "hooks",
    "neighbourhoods",
    "groups",
    "closed-groups",
]


def copy_project(target: Path, with_groups: bool = True) -> Path:
    """Copy what a build needs into `target` so a test can change the data freely."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if part == "groups" and not with_groups:
            (target / part).mkdir(parents=True)
        elif source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    # English only unless a test copies the catalogues in; mkdocs.yml watches the folder.
    (target / "locales").mkdir(exist_ok=True)
    return target


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class BuildFailed(Exception):
    """The build stopped; `messages` holds everything MkDocs logged at WARNING or above."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = messages
        super().__init__("\n".join(messages))


def build_site(project: Path, site_dir: Path | None = None) -> tuple[Path, list[str]]:
    """Build `project` in-process with --strict; return the site and any warnings logged.

    Raises BuildFailed, with the logged messages, when the build aborts.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    site = site_dir or project / "site"
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
        build(config)
    except Abort:
        raise BuildFailed(handler.messages) from None
    finally:
        logger.removeHandler(handler)
    return site, handler.messages


# --- groups made in tests ----------------------------------------------------------------

LUNCH_CLUB = "eccles-friendship-lunch-club"


def hostile_group(**extra: object) -> Group:
    """A group whose name and summary hold markup, to show every view escapes them."""
    data = {
        "name": 'Tea & "Chat" <script>alert(1)</script>',
        "summary": "A <b>bold</b> summary & more.",
        "needs": ["food"],
        "neighbourhoods": ["swinton"],
        "contact": {"phone": "0161 496 0123"},
        "last_reviewed": "2026-09-14",
    }
    group = Group.model_validate({**data, **extra})
    group._slug = "tea-and-chat"
    return group


def with_group(directory: Directory, slug: str, **changes: object) -> Directory:
    """The sample plus one more group: the lunch club's data with `changes`."""
    data = directory.group(LUNCH_CLUB).model_dump()
    data.update(changes)
    group = Group.model_validate(data)
    group._slug = slug
    return Directory(
        [*directory.groups, group],
        directory.neighbourhoods,
        directory.needs,
        districts=directory.districts,
    )
