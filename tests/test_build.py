"""The site as a whole: built in-process with --strict, one page per data file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from .project import ROOT, BuildFailed, build_site, copy_project

GROUP_FILES = sorted((ROOT / "groups").glob("*.yaml"))
CLOSED_FILES = sorted((ROOT / "closed-groups").glob("*.yaml"))  # their pages say so
PLACE_FILES = sorted((ROOT / "neighbourhoods").glob("*.yaml"))
NEED_SLUGS = [n["slug"] for n in yaml.safe_load((ROOT / "needs.yaml").read_text())["needs"]]


def _pages(site: Path, folder: str) -> set[str]:
    return {p.parent.name for p in (site / folder).glob("*/index.html")}


def test_one_page_per_group_neighbourhood_and_need(built_site: Path) -> None:
    assert _pages(built_site, "groups") == {f.stem for f in GROUP_FILES + CLOSED_FILES}
    assert _pages(built_site, "neighbourhoods") == {f.stem for f in PLACE_FILES}
    assert _pages(built_site, "needs") == set(NEED_SLUGS)


def test_sample_data_is_big_enough_and_spread() -> None:
    assert len(GROUP_FILES) >= 60
    assert len(PLACE_FILES) == 5
    assert len(NEED_SLUGS) >= 20


def test_group_pages_are_not_in_the_nav(built_site: Path) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', home, re.S)
    assert nav is not None
    assert "groups/" not in nav.group(0)
    assert "needs/" in nav.group(0)


def test_group_page_links_to_its_yaml_for_editing(built_site: Path) -> None:
    slug = GROUP_FILES[0].stem
    html = (built_site / "groups" / slug / "index.html").read_text(encoding="utf-8")
    assert f"/edit/main/groups/{slug}.yaml" in html
    about = (built_site / "about" / "index.html").read_text(encoding="utf-8")
    assert "/edit/main/docs/about.md" in about


def test_every_page_says_the_data_is_fictional(built_site: Path) -> None:
    for page in ["index.html", f"groups/{GROUP_FILES[0].stem}/index.html", "404.html"]:
        assert "fictional" in (built_site / page).read_text(encoding="utf-8")


def test_group_page_shows_contact_links(built_site: Path) -> None:
    html = (built_site / "groups/eccles-friendship-lunch-club/index.html").read_text("utf-8")
    assert 'href="tel:+44-161-496-0123">0161 496 0123</a>' in html
    assert 'href="mailto:hello@eccles-lunch.example.org"' in html
    assert "openstreetmap.org/?mlat=53.4833&amp;mlon=-2.3349" in html
    assert "Last checked: " in html and "14 September 2026" in html
    assert "اردو (Urdu)" in html and "Polski (Polish)" in html


def _break(project: Path, slug: str, old: str, new: str) -> int:
    """Replace `old` with `new` in a group file; return the line number of the change."""
    file = project / "groups" / f"{slug}.yaml"
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("min_age: 60", "min_age: sixty", "eligibility.min_age"),
        ("  phone: 0161 496 0123", "  phnoe: 0161 496 0123", "contact.phnoe"),
        ("  website: https", "  email: again@example.org\n  website: https", "contact.email"),
        ("needs: [food,", "needs: [carer, food,", "needs[0]"),
    ],
    ids=["wrong-type", "unknown-key", "duplicate-key", "unknown-need"],
)
def test_breaking_a_sample_file_fails_the_build_at_its_line(
    project: Path, old: str, new: str, field: str
) -> None:
    line = _break(project, "eccles-friendship-lunch-club", old, new)
    with pytest.raises(BuildFailed) as failure:
        build_site(project)
    assert f"groups/eccles-friendship-lunch-club.yaml:{line}: {field}: " in str(failure.value)


def test_two_broken_files_are_both_reported(project: Path) -> None:
    first, second = GROUP_FILES[0].stem, GROUP_FILES[1].stem
    line_one = _break(project, first, "last_reviewed:", "last_reviewd:")
    line_two = _break(project, second, "summary:", "sumary:")
    with pytest.raises(BuildFailed) as failure:
        build_site(project)
    report = str(failure.value)
    assert f"groups/{first}.yaml:{line_one}: last_reviewd: " in report
    assert f"groups/{second}.yaml:{line_two}: sumary: " in report


def test_strict_build_fails_on_an_unused_need(project: Path) -> None:
    needs = project / "needs.yaml"
    needs.write_text(
        needs.read_text() + "  - slug: knitting\n    title: Knitting\n    description: Yarn.\n"
    )
    with pytest.raises(BuildFailed):
        build_site(project)


def test_stale_entries_warn_readers_and_are_listed_oldest_first(built_site: Path) -> None:
    from directory.data.directory import load_directory
    from directory.data.freshness import is_stale, today

    groups = load_directory(ROOT).groups
    stale = sorted((g for g in groups if is_stale(g, today())), key=lambda g: g.last_reviewed)
    assert stale, "the sample data should include entries not checked for a year"
    for group in groups:
        html = (built_site / "groups" / group.slug / "index.html").read_text("utf-8")
        assert ("This entry may be out of date" in html) == (group in stale), group.slug
    listing = (built_site / "maintainers" / "index.html").read_text("utf-8")
    positions = [listing.index(f"groups/{g.slug}.yaml") for g in stale]
    assert positions == sorted(positions)


def test_group_page_offers_report_a_problem_with_the_group_prefilled(built_site: Path) -> None:
    html = (built_site / "groups/swinton-carers-circle/index.html").read_text("utf-8")
    assert "/issues/new?template=report-a-problem.yml&amp;group=swinton-carers-circle&amp;" in html
    assert ">Edit this entry<" in html
