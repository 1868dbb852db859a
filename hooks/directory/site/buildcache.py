"""What a build made, kept for the next build of the same project.

The generated pages, card files and open data are a pure function of the project's files,
the date, the site's settings and the code and libraries that make them: two builds of
the same input give byte-identical output (tested). So a build whose inputs hash the same
as the last build's reads back what that build made instead of making it again, as
Material's own plugins keep their work under `.cache/`. At 1,500 groups that is about
5 s of CPU a build, most of a warm build beyond Material's own rendering.

The hash (the fingerprint) covers every file in the project except those a build cannot
read from: hidden folders (.git, .cache, .venv), the hand-written docs, the built site,
tests and benchmarks. A file counted by mistake costs only a miss; a file left out would
serve stale pages, so the list names what to leave out, not what to take in. It also
covers the date (`SOURCE_DATE_EPOCH`), Python and every installed library's version, and
the settings the hook passes in. Any change, even to one group, makes everything afresh.

Kept as one pack file written anew by every build with only what that build used, so the
cache never outgrows one build and never holds more in memory than an index of offsets.
A build that fails leaves the last good pack in place.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import struct
import sys
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from importlib import metadata
from pathlib import Path
from typing import BinaryIO, TypeVar

from ..data.freshness import today

CACHE_FILE = Path(".cache") / "directory" / "built.pack"  # under the project root
NOT_INPUT = {"docs", "site", "tests", "benchmarks", "__pycache__"}  # and hidden names
_KEY = 16  # bytes of blake2b
_RECORD = struct.Struct(f"<{_KEY}sQ")  # key, then the length of the compressed item
T = TypeVar("T")


def fingerprint(root: Path, settings: str, leave_out: Iterable[Path] = ()) -> bytes:
    """A hash of everything the generated files are made from (see above); `leave_out`
    adds folders the build writes or MkDocs reads itself (site_dir, docs_dir)."""
    skip = {p.resolve() for p in leave_out}
    digest = hashlib.blake2b(digest_size=_KEY)
    digest.update(f"{sys.version}\n{today().isoformat()}\n{settings}\n".encode())
    libraries = sorted(f"{d.metadata['Name']} {d.version}" for d in metadata.distributions())
    digest.update("\n".join(libraries).encode())
    for folder, names, files in os.walk(root):
        here = Path(folder)
        names[:] = sorted(
            n
            for n in names
            if not n.startswith(".")
            and not (here == root and n in NOT_INPUT)
            and n != "__pycache__"
            and (here / n).resolve() not in skip
        )
        for name in sorted(files):
            if name.startswith(".") or name.endswith(".pyc"):
                continue
            file = here / name
            digest.update(file.relative_to(root).as_posix().encode() + b"\0")
            try:
                digest.update(hashlib.blake2b(file.read_bytes(), digest_size=_KEY).digest())
            except OSError:
                digest.update(b"unreadable")
    return digest.digest()


class BuildCache:
    """The last build's pack (read) and this build's (written beside it), for inputs
    that hash to `key`."""

    def __init__(self, file: Path | None, key: bytes) -> None:
        self.file = file
        self.key = key
        self.reused: list[str] = []  # the parts read back, for the log and tests
        self._old: BinaryIO | None = None
        self._old_at: dict[bytes, tuple[int, int]] = {}
        self._new: BinaryIO | None = None
        self._new_path: Path | None = None
        if file is None:
            return
        try:
            self._old = file.open("rb")
            self._old_at = _index(self._old)
        except (OSError, struct.error):  # none yet, or cut short: start afresh
            self._old_at = {}
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(dir=file.parent, suffix=".tmp")
            self._new, self._new_path = os.fdopen(handle, "wb"), Path(name)
        except OSError:
            pass  # a read-only checkout still builds, only without keeping its work

    def each(self, part: str, items: Iterable[T]) -> Iterator[T]:
        """`items` for this `part` of the build (e.g. "pages en"), read back when the last
        build of the same inputs kept them (then `items`, a lazy generator, is never
        started), else made and kept; one at a time either way."""
        keys = self._kept_keys(part)
        if keys is not None:
            self.reused.append(part)
            for key in keys:
                packed = self._read(key)
                self._write(key, packed)
                yield pickle.loads(zlib.decompress(packed))
            self._write(self._item_key(part, "count"), str(len(keys)).encode())
            return
        count = 0
        for item in items:
            packed = zlib.compress(pickle.dumps(item, pickle.HIGHEST_PROTOCOL), 1)
            self._write(self._item_key(part, count), packed)
            count += 1
            yield item
        self._write(self._item_key(part, "count"), str(count).encode())

    def one(self, part: str, make: Callable[[], T]) -> T:
        """What `make()` gives for this `part`, read back or made and kept."""
        return list(self.each(part, (make() for _ in range(1))))[0]

    def _item_key(self, part: str, item: int | str) -> bytes:
        return hashlib.blake2b(f"{part}\0{item}".encode(), key=self.key, digest_size=_KEY).digest()

    def _kept_keys(self, part: str) -> list[bytes] | None:
        """The keys of every item of `part` in the last pack, or None unless all are there
        (a part is only read back whole)."""
        count = self._item_key(part, "count")
        if count not in self._old_at:
            return None
        try:
            number = int(self._read(count))
        except (OSError, ValueError):
            return None
        keys = [self._item_key(part, n) for n in range(number)]
        return keys if all(k in self._old_at for k in keys) else None

    def _read(self, key: bytes) -> bytes:
        offset, length = self._old_at[key]
        assert self._old is not None
        self._old.seek(offset)
        packed = self._old.read(length)
        if len(packed) != length:
            raise OSError("the build cache was cut short while it was read")
        return packed

    def _write(self, key: bytes, packed: bytes) -> None:
        if self._new is not None:
            self._new.write(_RECORD.pack(key, len(packed)) + packed)

    def finish(self, built: bool) -> None:
        """Keep this build's pack for the next build if it `built`, else the last one."""
        if self._old is not None:
            self._old.close()
            self._old = None
        if self._new is None or self._new_path is None or self.file is None:
            return
        self._new.close()
        self._new = None
        if built:
            os.replace(self._new_path, self.file)  # whole or not at all
        else:
            self._new_path.unlink(missing_ok=True)


def _index(pack: BinaryIO) -> dict[bytes, tuple[int, int]]:
    """Where each item starts in the pack and how long it is, reading headers only."""
    at: dict[bytes, tuple[int, int]] = {}
    end = pack.seek(0, os.SEEK_END)
    offset = 0
    while offset + _RECORD.size <= end:
        pack.seek(offset)
        key, length = _RECORD.unpack(pack.read(_RECORD.size))
        offset += _RECORD.size
        if offset + length > end:
            break  # cut short: the rest is unusable
        at[key] = (offset, length)
        offset += length
    return at


def nothing_kept() -> BuildCache:
    """A cache that keeps nothing: every part is made afresh (tests, read-only builds)."""
    return BuildCache(None, b"")
