"""The printed shortlist's QR codes: one standalone SVG file per group and language, made
from the cached drawing, decoding to that language's group page, and kept out of
shortlist.json."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest
from directory.data.directory import Directory, load_directory
from directory.site import qrcodes
from directory.site.carddata import cards_json
from directory.site.i18n import ENGLISH, Language
from directory.site.pages import find_pages
from directory.site.shortlist import qr_files

from .project import ROOT
from .test_qrcodes import SITE, _png


@pytest.fixture(scope="module")
def directory() -> Directory:
    return load_directory(ROOT)


@pytest.fixture
def cache(tmp_path: Path):
    qrcodes.use_cache(tmp_path / "qr")
    yield tmp_path / "qr"
    qrcodes.use_cache(None)


def _decode(files: list[Path], tmp_path: Path) -> list[str]:
    """What zbarimg reads from each file's drawing, rasterised as test_qrcodes does."""
    images = []
    for n, file in enumerate(files):
        path = re.search(r'<path [^>]*d="([^"]+)"', file.read_text(encoding="utf-8"))
        assert path is not None, file
        image = tmp_path / f"{n}.png"
        image.write_bytes(_png(path.group(1)))
        images.append(str(image))
    found = subprocess.run(["zbarimg", "--raw", "-q", *images], capture_output=True, text=True)
    return found.stdout.splitlines()


@pytest.mark.parametrize("prefix", ["", "ur/"])
def test_every_group_has_a_code_file_for_its_page_in_that_language(
    directory: Directory, cache: Path, tmp_path: Path, prefix: str
) -> None:
    code = prefix.strip("/") or "en"
    language = Language(code, "", False, ENGLISH.translations)
    made = list(qr_files(directory, SITE, language))
    assert [path for path, _ in made] == [f"{prefix}qr/{g.slug}.svg" for g in directory.groups]
    files = [Path(file) for _, file in made]
    assert len(set(files)) == len(directory.groups)
    for file in files[:3]:  # an image on its own: the SVG namespace, not inline markup
        assert ElementTree.parse(file).getroot().tag == f"{{{qrcodes.SVG_NAMESPACE}}}svg"
    assert _decode(files, tmp_path) == [f"{SITE}{prefix}groups/{g.slug}/" for g in directory.groups]


def test_code_files_come_from_the_cache_and_match_a_cold_drawing(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"{SITE}groups/eccles-friendship-lunch-club/"
    first = qrcodes.svg_file(url)
    assert first.is_relative_to(cache)
    inline = sorted(cache.glob("*.svg"))  # the handouts' drawings, as before
    assert len(inline) == 1
    inline[0].unlink()  # so only the file itself can answer the second call
    qrcodes.drawing.cache_clear()

    def no_drawing(url: str) -> str:
        raise AssertionError(f"a warm build drew {url} again")

    monkeypatch.setattr(qrcodes, "_draw", no_drawing)
    assert qrcodes.svg_file(url) == first
    monkeypatch.undo()
    qrcodes.use_cache(None)  # no cache (a read-only checkout): a file of the build's own
    uncached = qrcodes.svg_file(url)
    assert not uncached.is_relative_to(cache)
    assert uncached.read_bytes() == first.read_bytes()
    assert qrcodes.svg_file(SITE).read_bytes() != first.read_bytes()  # it can tell codes apart


def test_shortlist_data_carries_no_codes_and_the_page_its_date_and_address(
    directory: Directory,
) -> None:
    data = cards_json(directory, full=True)
    assert "<svg" not in data and "qr/" not in data
    _, shortlist = find_pages(directory, ENGLISH, SITE)
    assert 'data-find-qr="../qr/"' in shortlist.content
    assert f"<strong>{SITE}</strong>" in shortlist.content
    assert re.search(r"Information as of \d{1,2} [A-Z][a-z]+ \d{4}\.", shortlist.content)
