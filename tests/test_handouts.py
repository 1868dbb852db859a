"""Handouts: printable lists of groups per neighbourhood and need, with QR codes."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from directory.data import wording
from directory.data.directory import Directory, load_directory
from directory.site import handouts, qrcodes
from directory.site.handouts import (
    QR_BORDER,
    QR_SCALE,
    SiteUrlMissing,
    group_url,
    handout_pages,
    need_handouts,
    neighbourhood_handouts,
    qr_svg,
)
from markupsafe import escape

from .project import ROOT, BuildFailed, build_site, copy_project

SITE = "https://example.org/directory/"


def _need_parts(*args: object, **kwargs: object) -> list:
    """need_handouts' parts, made one at a time, as a list."""
    return list(need_handouts(*args, **kwargs))


def _place_parts(*args: object, **kwargs: object) -> list:
    """neighbourhood_handouts' parts, as a list."""
    return list(neighbourhood_handouts(*args, **kwargs))


@pytest.fixture(scope="module")
def directory() -> Directory:
    return load_directory(ROOT)


def _entries(content: str) -> list[str]:
    """The group slugs with a full entry, in order."""
    return re.findall(r'<li class="dir-entry">.*?href="[./]*groups/([a-z0-9-]+)/"', content)


def test_need_handout_has_every_fact_for_each_group(directory: Directory) -> None:
    place, need = directory.neighbourhood("eccles-irlam"), directory.need("food")
    page = _need_parts(directory, place, need, SITE)[0]
    groups = [g for g in directory.groups_in("eccles-irlam") if "food" in g.needs]
    assert len(groups) >= 3
    assert page.src_uri == "handouts/eccles-irlam/food/index.md"
    assert not page.in_nav
    assert _entries(page.content) == [g.slug for g in groups]
    for group in groups:
        for fact in [
            group.name,
            group.summary,
            wording.when_short(group),
            wording.cost(group),
            wording.referral_short(group),
        ] + [wording.full_address(v) for v in group.venues]:
            assert escape(fact) in page.content, fact
        if group.contact.phone:
            assert wording.phone_display(group.contact.phone) in page.content


def test_header_and_footer(directory: Directory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")  # 21 September 2026
    place, need = directory.neighbourhood("swinton"), directory.need("carers")
    content = _need_parts(directory, place, need, SITE)[0].content
    assert '<h1 id="handout">Carers in Swinton</h1>' in content
    assert "Information as of 21 September 2026." in content
    assert f"Check online for the latest: <strong>{SITE}</strong>" in content
    assert "fictional example data" in content
    assert '"exclude": true' in content  # kept out of search: the group pages are there


def test_large_print_is_marked_and_links_both_ways(directory: Directory) -> None:
    place, need = directory.neighbourhood("broughton"), directory.need("carers")
    large = _need_parts(directory, place, need, SITE, large=True)[0]
    standard = _need_parts(directory, place, need, SITE)[0]
    assert large.src_uri == "large-print/broughton/carers/index.md"
    assert 'class="dir-handout dir-handout--large"' in large.content
    assert 'class="dir-handout"' in standard.content
    assert 'href="../../../handouts/broughton/carers/">Standard print version' in large.content
    assert 'href="../../../large-print/broughton/carers/">Large print version' in standard.content
    assert _entries(large.content) == _entries(standard.content)


def test_neighbourhood_handout_prints_each_group_once(directory: Directory) -> None:
    place = directory.neighbourhood("walkden-little-hulton")
    content = "".join(p.content for p in _place_parts(directory, place, SITE))
    groups = directory.groups_in(place.slug)
    assert sorted(_entries(content)) == sorted(g.slug for g in groups)
    several = [g for g in groups if len(g.needs) > 1]
    assert several, "the sample needs a group with several needs here"
    assert f"{escape(several[0].name)} (see " in content
    for need in directory.needs:
        if any(need.slug in g.needs for g in groups):
            assert f'<h2 id="{need.slug}">' in content


def test_every_value_is_escaped(directory: Directory) -> None:
    nasty = '<script>alert("x")</script> & Co'
    original = directory.group("eccles-friendship-lunch-club")
    group = original.model_copy(update={"name": nasty, "summary": nasty, "cost": nasty})
    place = directory.neighbourhood("eccles-irlam")
    small = Directory(groups=[group], neighbourhoods=[place], needs=directory.needs)
    pages = handout_pages(small, SITE)
    for page in pages:
        assert "<script>" not in page.content, page.src_uri
    content = _need_parts(small, place, directory.need("food"), SITE)[0].content
    safe = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Co"
    assert content.count(safe) >= 4  # name, summary, cost, QR label and title
    assert f'aria-label="QR code for the web page of {safe}"' in content


def test_qr_code_encodes_the_group_page_address(directory: Directory) -> None:
    group = directory.group("eccles-friendship-lunch-club")
    url = group_url("https://example.org/directory", group)
    assert url == "https://example.org/directory/groups/eccles-friendship-lunch-club/"
    attributes, drawing = qr_svg(url)
    svg = f"<svg {attributes}>{drawing}"
    page = _need_parts(
        directory,
        directory.neighbourhood("eccles-irlam"),
        directory.need("food"),
        url[: -len("groups/eccles-friendship-lunch-club/")],
    )[0]
    label = f"QR code for the web page of {group.name}"
    assert (
        f'<svg role="img" aria-label="{label}" {attributes}><title>{label}</title>' in page.content
    )
    expected = qrcodes.make(url).svg_inline(
        scale=QR_SCALE, border=QR_BORDER, lineclass=None
    )
    path = re.search(r'<path [^>]*d="([^"]+)"', expected)
    assert path is not None and path.group(1) in svg
    other = qrcodes.make(url.replace("lunch", "lunchy"))
    assert re.search(r'd="([^"]+)"', other.svg_inline(scale=QR_SCALE)).group(1) not in svg


@pytest.mark.parametrize("site_url", [None, "", "  ", "/directory/"])
def test_handouts_need_an_absolute_site_url(directory: Directory, site_url: str | None) -> None:
    with pytest.raises(SiteUrlMissing, match="set site_url in mkdocs.yml"):
        handout_pages(directory, site_url)


def test_same_input_same_output(directory: Directory) -> None:
    assert list(handout_pages(directory, SITE)) == list(handout_pages(directory, SITE))


def test_build_without_site_url_fails_with_a_sentence(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\nsite_url: " in text
    config.write_text(re.sub(r"\nsite_url: [^\n]*", "", text), encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build_site(project)
    assert "needs the site's full address: set site_url in mkdocs.yml" in str(failure.value)


# --- in the built site -------------------------------------------------------------------


def _hrefs(html: str, pattern: str) -> list[str]:
    return [h for h in re.findall(r'href="([^"]+)"', html) if re.search(pattern, h)]


def test_need_and_neighbourhood_pages_link_to_existing_handouts(built_site: Path) -> None:
    checked = 0
    for folder in ("needs", "neighbourhoods"):
        for index in sorted((built_site / folder).glob("*/index.html")):
            html = index.read_text(encoding="utf-8")
            links = _hrefs(html, r"(handouts|large-print)/")
            assert len(links) >= 2, index
            for href in links:
                target = urljoin(f"/{index.parent.relative_to(built_site)}/", href)
                assert (built_site / target.strip("/") / "index.html").is_file(), (index, href)
                checked += 1
    assert checked >= 50


def test_clinics_page_is_in_the_nav_and_lists_every_handout(built_site: Path) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', home, re.S)
    assert nav is not None
    assert "For clinics" in nav.group(0)
    assert "handouts/" not in nav.group(0) and "large-print/" not in nav.group(0)
    clinics = (built_site / "clinics" / "index.html").read_text(encoding="utf-8")
    listed = {h.strip("./") for h in _hrefs(clinics, r"^\.\./(handouts|large-print)/")}
    built = {
        p.parent.relative_to(built_site).as_posix()
        for folder in ("handouts", "large-print")
        for p in (built_site / folder).rglob("index.html")
    }
    # A long handout's later parts are linked from its first part.
    parts = {b for b in built if re.search(r"/part-\d+$", b)}
    assert listed == built - parts
    for part in parts:
        first = part.rsplit("/", 1)[0]
        html = (built_site / first / "index.html").read_text(encoding="utf-8")
        assert f'href="../../../{part}/"' in html or f'href="../../{part}/"' in html, part
    assert len(built) >= 100


def test_handouts_are_not_in_search(built_site: Path) -> None:
    stub = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    index = json.loads((built_site / "search" / stub["config"]["index"]).read_text("utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert any(loc.startswith("groups/") for loc in locations)
    assert not [loc for loc in locations if loc.startswith(("handouts/", "large-print/"))]


def test_long_handouts_are_printed_in_parts_that_each_fit_two_sides(
    directory: Directory, monkeypatch
) -> None:
    monkeypatch.setitem(handouts.HANDOUT_GROUPS, False, 6)
    place = directory.neighbourhood("walkden-little-hulton")
    made = _place_parts(directory, place, SITE)
    groups = directory.groups_in(place.slug)
    assert len(made) == -(-len(groups) // 6)
    assert [p.src_uri for p in made] == [f"handouts/{place.slug}/index.md"] + [
        f"handouts/{place.slug}/part-{n}/index.md" for n in range(2, len(made) + 1)
    ]
    printed = [_entries(p.content) for p in made]
    assert all(len(entries) <= 6 for entries in printed)
    assert sorted(s for entries in printed for s in entries) == sorted(g.slug for g in groups)
    assert f'href="../../../handouts/{place.slug}/">part 1</a>' in made[1].content
    assert f"part 2 of {len(made)}" in made[1].content
    need = max(directory.needs, key=lambda n: sum(n.slug in g.needs for g in groups))
    monkeypatch.setitem(handouts.HANDOUT_GROUPS, False, 2)
    parts = _need_parts(directory, place, need, SITE)
    assert len(parts) > 1 and all(len(_entries(p.content)) <= 2 for p in parts)
