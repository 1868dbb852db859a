"""Need and neighbourhood pages are paged and Find help carries only its first cards, so no
page grows with the directory (checked with a small page size on the sample's 70 groups)."""

from __future__ import annotations

import re
from html import escape

import pytest
from directory.data.directory import load_directory
from directory.site import pages

from .project import ROOT

SIZE = 7
CARD = re.compile(r'<li class="dir-card[^"]*" data-slug="([^"]+)"')


@pytest.fixture(scope="module")
def directory():
    return load_directory(ROOT)


@pytest.fixture(autouse=True)
def small_pages(monkeypatch):
    monkeypatch.setattr(pages, "PAGE_SIZE", SIZE)


def test_need_pages_hold_at_most_a_page_each_and_every_group_between_them(directory) -> None:
    need = max(directory.needs, key=lambda n: len(directory.groups_for_need(n.slug)))
    made = list(pages.need_pages(directory, need))
    assert len(made) > 1, "the sample cannot test paging"
    assert made[0].src_uri == f"needs/{need.slug}.md"
    assert [p.src_uri for p in made[1:]] == [
        f"needs/{need.slug}/page-{n}.md" for n in range(2, len(made) + 1)
    ]
    seen = set()
    for page in made:
        cards = CARD.findall(page.content)
        assert 0 < len(cards) <= SIZE
        seen.update(cards)
        # Plain links to every other page, relative to this one.
        assert page.content.count('<nav class="dir-pages"') == 1
        assert page.content.count('aria-current="page"') == 1
    assert seen == {g.slug for g in directory.groups_for_need(need.slug)}
    second = made[1].content
    assert f'href="../../../needs/{need.slug}/">Page 1</a>' in second
    assert f'href="../../../needs/{need.slug}/page-3/">Page 3</a>' in second or len(made) == 2


def test_neighbourhood_pages_are_paged_in_order(directory) -> None:
    place = max(directory.neighbourhoods, key=lambda p: len(directory.groups_in(p.slug)))
    made = list(pages.neighbourhood_pages(directory, place))
    groups = [g.slug for g in directory.groups_in(place.slug)]
    assert len(made) == -(-len(groups) // SIZE)
    found = [slug for page in made for slug in CARD.findall(page.content)]
    assert found == groups
    assert all(len(CARD.findall(p.content)) <= SIZE for p in made)
    assert f"{len(groups)} groups in {escape(place.name)}" in made[-1].content


def test_a_list_that_fits_has_one_page_and_no_page_links(directory, monkeypatch) -> None:
    place = directory.neighbourhoods[0]
    monkeypatch.setattr(pages, "PAGE_SIZE", len(directory.groups_in(place.slug)))
    made = list(pages.neighbourhood_pages(directory, place))
    assert len(made) == 1 and 'class="dir-pages"' not in made[0].content


def test_find_help_and_the_shortlist_carry_no_more_than_a_page(directory) -> None:
    find, shortlist = pages.find_pages(directory)
    assert CARD.findall(find.content) == [g.slug for g in directory.groups[:SIZE]]
    assert f"All {len(directory.groups)} groups" in find.content
    assert CARD.findall(shortlist.content) == []


def test_paged_pages_stay_out_of_the_search_index(directory) -> None:
    need = max(directory.needs, key=lambda n: len(directory.groups_for_need(n.slug)))
    for page in pages.need_pages(directory, need):
        assert 'search: {"exclude": true}' in page.content
