"""QR codes: every code printed in the handouts decodes, and the cache changes no byte."""

from __future__ import annotations

import filecmp
import re
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from directory.data.directory import Directory, load_directory
from directory.site import qrcodes
from directory.site.handouts import handout_pages

from .project import ROOT, build_site, copy_project

SITE = "https://example.org/directory/"
_ENTRY = re.compile(r'href="[./]*groups/([a-z0-9-]+)/".*?<path [^>]*d="([^"]+)"', re.S)


def _png(path: str, pixels_per_module: int = 4) -> bytes:
    """Rasterise segno's SVG path (M/m moves, h runs of dark modules, one row high) as a
    greyscale PNG, so zbarimg reads exactly what the page draws."""
    x = y = 0.0
    runs = []
    for command, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", path):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            runs.append((int(y), int(x), int(x + float(a))))
            x += float(a)
    size = max(end for _, _, end in runs) + 2  # segno leaves the same border all round
    rows = [bytearray(b"\xff" * size) for _ in range(size)]
    for row, start, end in runs:
        rows[row][start:end] = b"\x00" * (end - start)
    raw = b"".join(
        b"\x00" + bytes(v for v in row for _ in range(pixels_per_module))
        for row in rows
        for _ in range(pixels_per_module)
    )
    side = size * pixels_per_module

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def directory() -> Directory:
    return load_directory(ROOT)


def test_every_handout_code_decodes_to_its_group_page(directory: Directory, tmp_path: Path):
    printed: dict[str, str] = {}
    for page in handout_pages(directory, SITE):
        for slug, path in _ENTRY.findall(page.content):
            assert printed.setdefault(slug, path) == path, f"{slug} has two different codes"
    assert len(printed) == len(directory.groups)
    images = []
    for n, path in enumerate(printed.values()):
        image = tmp_path / f"{n}.png"
        image.write_bytes(_png(path))
        images.append(str(image))
    decoded = subprocess.run(
        ["zbarimg", "--raw", "-q", *images], capture_output=True, text=True, check=False
    )
    assert decoded.stdout.splitlines() == [f"{SITE}groups/{slug}/" for slug in printed]


def test_the_rasteriser_would_notice_a_wrong_code(tmp_path: Path) -> None:
    path = re.search(r'd="([^"]+)"', qrcodes.drawing(SITE)).group(1)
    broken = re.sub(r"h(\d+)", lambda m: f"h{int(m.group(1)) + 1}", path)  # smear every run
    image = tmp_path / "broken.png"
    image.write_bytes(_png(broken))
    decoded = subprocess.run(["zbarimg", "--raw", "-q", str(image)], capture_output=True)
    assert decoded.stdout == b""


def _same_tree(a: Path, b: Path) -> list[str]:
    """Files that differ or exist on one side only."""
    names = sorted({p.relative_to(a) for p in a.rglob("*") if p.is_file()}
                   | {p.relative_to(b) for p in b.rglob("*") if p.is_file()})
    return [
        str(n) for n in names
        if not ((a / n).is_file() and (b / n).is_file()
                and filecmp.cmp(a / n, b / n, shallow=False))
    ]  # fmt: skip


def test_cold_and_warm_cache_build_the_same_bytes(tmp_path: Path, monkeypatch) -> None:
    project = copy_project(tmp_path / "project")
    cache = project / qrcodes.CACHE_DIR
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    cold, _ = build_site(project, tmp_path / "cold")
    stored = sorted(cache.glob("*.svg"))
    assert len(stored) == len(list((project / "groups").glob("*.yaml")))

    def no_new_codes(url: str) -> str:
        raise AssertionError(f"the warm build made a code for {url}")

    monkeypatch.setattr(qrcodes, "_draw", no_new_codes)
    warm, _ = build_site(project, tmp_path / "warm")
    assert _same_tree(cold, warm) == []
    assert sorted(cache.glob("*.svg")) == stored
