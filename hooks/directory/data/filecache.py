"""Validated files kept between runs, so `directory check` and the build skip unchanged ones.

Reading a group file and validating it costs about half a millisecond; loading the result
back costs a tenth of that. An entry is used only when the file's bytes hash the same and
the code that checked it is the same: the hash covers this package's data/ modules and
the versions of Python and of every library that validation calls, so changing a rule
re-checks everything. Checks that look across files (names used twice, unknown needs,
unused neighbourhoods) are not cached; they run on every load.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

from .freshness import today

CACHE_FILE = Path(".cache") / "directory" / "validated.pickle"  # under the project root
_LIBRARIES = ("pydantic", "pydantic-core", "pyyaml", "phonenumbers", "email-validator",
              "markdown", "nh3", "babel")  # fmt: skip


def code_version() -> str:
    """A hash of everything that decides what validating a file gives."""
    digest = hashlib.sha256(sys.version.encode())
    # Some rules read the clock (last_reviewed may not be in the future): a new day, a new check.
    digest.update(today().isoformat().encode())
    for library in _LIBRARIES:
        try:
            digest.update(f"{library} {metadata.version(library)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library} none\n".encode())
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.name.encode() + b"\0" + module.read_bytes())
    return digest.hexdigest()


def write_whole(file: Path, data: str | bytes) -> None:
    """Write `file` whole then rename it into place, so an interrupted build never leaves
    half a file for the next one to read. Raises OSError (callers that only cache skip it)."""
    file.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=file.parent, suffix=".tmp")
    with os.fdopen(handle, "wb") as out:
        out.write(data.encode("utf-8") if isinstance(data, str) else data)
    os.replace(temporary, file)


class ValidatedFiles:
    """Results by file, each stored with the hash of the bytes it came from.

    Results are kept pickled, so the objects handed out are always fresh copies that the
    caller may change (cross-file checks add problems to a file's document)."""

    def __init__(self, file: Path | None) -> None:
        self.file = file
        self.version = code_version()
        self.entries: dict[str, tuple[str, bytes]] = {}
        self.changed = False
        if file is not None:
            try:
                with file.open("rb") as stored:
                    version, entries = pickle.load(stored)
                if version == self.version:
                    self.entries = entries
            except Exception:  # missing, truncated or from another version: start afresh
                self.entries = {}

    def result(self, name: str, raw: bytes, make: Callable[[], Any]) -> Any:
        """What `make()` gives for the file `name` with content `raw`, from the cache when
        `raw` is what was checked last time."""
        digest = hashlib.blake2b(raw, digest_size=16).hexdigest()
        kept = self.entries.get(name)
        if kept is not None and kept[0] == digest:
            return pickle.loads(kept[1])
        value = make()
        self.entries[name] = (digest, pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
        self.changed = True
        return value

    def save(self) -> None:
        """Write the cache if anything changed; a read-only checkout just skips it."""
        if self.file is None or not self.changed:
            return
        try:
            write_whole(
                self.file, pickle.dumps((self.version, self.entries), pickle.HIGHEST_PROTOCOL)
            )
        except OSError:
            pass
        self.changed = False
