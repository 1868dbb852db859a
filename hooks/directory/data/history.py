"""Addresses printed from an earlier commit: every group file there must still lead somewhere.

A pull request that deletes or renames groups/<slug>.yaml would break every QR code and
link to groups/<slug>/. `directory check --base REF` compares with REF (the base branch)
and fails unless the address is kept: by a group listing it under `formerly`, or by a
record in closed-groups/.
"""

from __future__ import annotations

import subprocess
from pathlib import Path, PurePosixPath

from .directory import CLOSED_DIR, GROUPS_DIR, Directory
from .problems import Problem


class HistoryError(Exception):
    """git could not list the files at the given commit."""


def slugs_at(root: Path, ref: str) -> set[str]:
    """The file names (without .yaml) under groups/ and closed-groups/ at `ref`."""
    try:
        listed = subprocess.run(
            ["git", "ls-tree", "-r", "--name-only", ref, "--", f"{GROUPS_DIR}/", f"{CLOSED_DIR}/"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        detail = getattr(error, "stderr", "") or str(error)
        raise HistoryError(f"cannot list the group files at {ref}: {detail.strip()}") from None
    paths = [PurePosixPath(line) for line in listed.splitlines()]
    return {p.stem for p in paths if p.suffix == ".yaml" and len(p.parts) == 2}


def kept_addresses(directory: Directory) -> set[str]:
    """Every groups/<slug>/ address the site serves: live, closed or redirected."""
    items = [*directory.groups, *directory.closed]
    return {i.slug for i in items} | {old for i in items for old in i.formerly}


def gone_without_record(directory: Directory, root: Path, ref: str) -> list[Problem]:
    gone = sorted(slugs_at(root, ref) - kept_addresses(directory))
    return [
        Problem(
            f"{GROUPS_DIR}/{slug}.yaml",
            1,
            "",
            f"was in {ref} but is gone, so printed links to groups/{slug}/ would break: if the "
            f"group was renamed, add formerly: [{slug}] to its new file; if it has closed, add "
            f"{CLOSED_DIR}/{slug}.yaml (see docs/add-your-group.md)",
        )
        for slug in gone
    ]
