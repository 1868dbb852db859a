"""Addresses printed from an earlier commit: every group file there must still lead somewhere.

A pull request that deletes or renames groups/<slug>.yaml would break every QR code and
link to groups/<slug>/. `directory check --base REF` compares with REF (the base branch)
and fails unless the address is kept: by a group listing it under `formerly`, or by a
record in closed-groups/. A former slug listed at REF must still be listed by some file.
"""

from __future__ import annotations

import subprocess
from pathlib import Path, PurePosixPath

from .directory import CLOSED_DIR, GROUPS_DIR, Directory
from .loading import parse_document
from .problems import Problem


class HistoryError(Exception):
    """git could not list the files at the given commit."""


FOLDERS = (f"{GROUPS_DIR}/", f"{CLOSED_DIR}/")


def _git(root: Path, ref: str, *args: str, given: bytes | None = None) -> bytes:
    try:
        return subprocess.run(
            ["git", *args], cwd=root, input=given, capture_output=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        detail = getattr(error, "stderr", b"") or str(error).encode()
        message = f"cannot list the group files at {ref}: {detail.decode(errors='replace')}"
        raise HistoryError(message.strip()) from None


def _data_files(listing: bytes) -> list[str]:
    paths = [PurePosixPath(line) for line in listing.decode().splitlines()]
    return [p.as_posix() for p in paths if p.suffix == ".yaml" and len(p.parts) == 2]


def slugs_at(root: Path, ref: str) -> set[str]:
    """The file names (without .yaml) under groups/ and closed-groups/ at `ref`."""
    listing = _git(root, ref, "ls-tree", "-r", "--name-only", ref, "--", *FOLDERS)
    return {PurePosixPath(p).stem for p in _data_files(listing)}


def former_slugs_at(root: Path, ref: str) -> dict[str, str]:
    """Former slugs listed at `ref` by files changed since, with the file that listed each.
    Unchanged files still list theirs, so only changed ones are read (one git process)."""
    changed = _data_files(
        _git(root, ref, "diff", "--name-only", "--no-renames", ref, "--", *FOLDERS)
    )
    if not changed:
        return {}
    wanted = "".join(f"{ref}:{path}\n" for path in changed).encode()
    batch = _git(root, ref, "cat-file", "--batch", given=wanted)
    found: dict[str, str] = {}
    at = 0
    for path in changed:
        header_end = batch.index(b"\n", at)
        header = batch[at:header_end].split()
        at = header_end + 1
        if len(header) != 3:  # "<name> missing": the file is new since `ref`
            continue
        size = int(header[2])
        data = parse_document(batch[at : at + size], path).data
        at += size + 1
        olds = data.get("formerly") if isinstance(data, dict) else None
        for old in olds if isinstance(olds, list) else []:
            if isinstance(old, str):
                found.setdefault(old, path)
    return found


def kept_addresses(directory: Directory) -> set[str]:
    """Every groups/<slug>/ address the site serves: live, closed or redirected."""
    items = [*directory.groups, *directory.closed]
    return {i.slug for i in items} | {old for i in items for old in i.formerly}


def gone_without_record(directory: Directory, root: Path, ref: str) -> list[Problem]:
    kept = kept_addresses(directory)
    gone = sorted(slugs_at(root, ref) - kept)
    dropped = {old: path for old, path in former_slugs_at(root, ref).items() if old not in kept}
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
    ] + [
        Problem(
            path,
            1,
            "formerly",
            f"listed {old} in {ref}, and no file lists it now, so printed links to "
            f"groups/{old}/ would break: keep {old} under formerly",
        )
        for old, path in sorted(dropped.items())
    ]
