"""QR codes for printed handouts: made with one fixed mask, and made once per address.

segno normally scores all eight mask patterns and keeps the best, which was most of the
cost of a code (about 5 ms against 1 ms). Every mask gives a valid code that readers
decode (tests decode every code in the handouts with zbarimg), so one is fixed: mask 5
drew the shortest SVG paths for group addresses.

Drawings are also kept on disk under `.cache/directory/qr/`, named by a hash of the
address and of everything else that shapes the drawing (segno's version, mask, size), as
Material's own plugins cache under `.cache/`. A warm build makes no codes; a cold one
writes the same bytes, so the site is identical either way (tested). The printed
shortlist takes each code as a standalone SVG file (`svg_file`), kept in the cache's
`files/` folder for MkDocs to copy.
"""

from __future__ import annotations

import hashlib
import tempfile
from functools import lru_cache
from pathlib import Path
from xml.etree import ElementTree

import segno

from ..data.filecache import write_whole

CACHE_DIR = Path(".cache") / "directory" / "qr"  # under the project root
ERROR = "m"  # 15 % of the code can be smudged or folded and still read
MASK = 5
# 2 px per module: a group's address makes a version 5 or 6 code, about 22 to 24 mm wide on
# paper, which phones read easily; white space around each entry adds to the 2-module border.
SCALE = 2
BORDER = 2
_RECIPE = f"segno {segno.__version__} error {ERROR} mask {MASK} scale {SCALE} border {BORDER}"

_cache_dir: Path | None = None


def use_cache(folder: Path | None) -> None:
    """Keep drawings in `folder` (None: make every code afresh, as tests do by default)."""
    global _cache_dir
    _cache_dir = folder
    drawing.cache_clear()


def make(url: str) -> segno.QRCode:
    """The QR code for `url`, as every handout prints it."""
    return segno.make(url, error=ERROR, micro=False, mask=MASK)


def _draw(url: str) -> str:
    return make(url).svg_inline(scale=SCALE, border=BORDER, svgclass="dir-qr", lineclass=None)


# Bounded: each group's code is used in a few handouts, and at region scale holding every
# drawing would cost tens of MiB; a miss costs one small file read.
@lru_cache(maxsize=2048)
def drawing(url: str) -> str:
    """segno's inline SVG for `url`, from the disk cache when it is there."""
    if _cache_dir is None:
        return _draw(url)
    key = hashlib.sha256(f"{_RECIPE}\n{url}".encode()).hexdigest()
    file = _cache_dir / f"{key}.svg"
    try:
        return file.read_text(encoding="utf-8")
    except OSError:
        pass
    svg = _draw(url)
    try:
        write_whole(file, svg)
    except OSError:
        pass  # a read-only checkout still builds, only slower
    return svg


SVG_NAMESPACE = "http://www.w3.org/2000/svg"
_spare: tempfile.TemporaryDirectory[str] | None = None  # when there is no usable cache


def _image(url: str) -> str:
    """The inline drawing with the namespace a standalone SVG file needs (0.02 ms, against
    1 ms to draw the code again with segno's own file writer)."""
    svg = ElementTree.fromstring(drawing(url))
    svg.set("xmlns", SVG_NAMESPACE)
    return ElementTree.tostring(svg, encoding="unicode")


def svg_file(url: str) -> Path:
    """A file holding the code for `url` as a standalone SVG image (for <img src>), for
    the site to copy rather than hold in memory. Kept in the cache's `files/` folder (the
    inline drawings' folder stays as it was), so a warm build only looks it up; the bytes
    are the same drawing either way."""
    global _spare
    name = hashlib.sha256(f"{_RECIPE} file\n{url}".encode()).hexdigest() + ".svg"
    if _cache_dir is not None:
        file = _cache_dir / "files" / name
        if file.is_file():
            return file
        try:
            write_whole(file, _image(url))
            return file
        except OSError:
            pass  # a read-only checkout: a folder of this build's own, below
    if _spare is None:
        _spare = tempfile.TemporaryDirectory(prefix="directory-qr-")
    file = Path(_spare.name) / name
    if not file.is_file():
        write_whole(file, _image(url))
    return file
