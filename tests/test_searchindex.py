"""The search index: one compact, escaped entry per group instead of one per section."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from directory.data.directory import Directory, load_directory
from directory.site.searchindex import (
    EVERYWHERE_TAG,
    MATERIAL_WORKER,
    SEARCH_WORKER,
    directory_entries,
    group_entry,
    neighbourhood_entries,
    with_directory_entries,
)
from lunr.stop_word_filter import WORDS

from .project import ROOT


@pytest.fixture(scope="module")
def directory() -> Directory:
    return load_directory(ROOT)


@pytest.fixture(scope="module")
def index(built_site: Path) -> dict:
    return json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))


def test_every_group_has_exactly_one_entry_pointing_at_its_page(
    index: dict, built_site: Path, directory: Directory
) -> None:
    locations = [d["location"] for d in index["docs"] if d["location"].startswith("groups/")]
    assert sorted(locations) == sorted(f"groups/{g.slug}/" for g in directory.groups)
    for location in locations:
        assert (built_site / location / "index.html").is_file()


def test_group_entries_carry_name_summary_needs_and_places(directory: Directory) -> None:
    group = directory.group("eccles-friendship-lunch-club")
    entry = group_entry(directory, group)
    assert entry["title"] == "Eccles Friendship Lunch Club"
    assert entry["text"] == group.summary
    assert "Food and lunch clubs" in entry["tags"]
    assert "Eccles &amp; Irlam" in entry["tags"]
    assert entry["boost"] > 1


def test_groups_serving_everywhere_are_tagged_so(directory: Directory) -> None:
    everywhere = [g for g in directory.groups if g.serves_everywhere]
    assert everywhere, "the sample data should have a group serving everywhere"
    tags = group_entry(directory, everywhere[0])["tags"]
    assert tags[-1] == EVERYWHERE_TAG
    assert not any(p.name in tags for p in directory.neighbourhoods)


def test_values_are_escaped_because_materials_browser_code_inserts_them_as_html(
    directory: Directory,
) -> None:
    group = directory.groups[0].model_copy(update={"name": "<b>Cats & Dogs</b>"})
    group._slug = directory.groups[0].slug
    entry = group_entry(directory, group)
    assert entry["title"] == "&lt;b&gt;Cats &amp; Dogs&lt;/b&gt;"
    assert "<" not in json.dumps(entry)


def test_our_entries_replace_materials_for_the_same_pages(directory: Directory) -> None:
    material = {
        "config": {"lang": ["en"]},
        "docs": [
            {"location": "", "title": "Home", "text": ""},
            {"location": "needs/", "title": "Needs", "text": ""},
            {"location": "needs/carers/", "title": "Carers", "text": "cards"},
            {"location": "needs/carers/#swinton", "title": "Swinton", "text": ""},
            {"location": "groups/old/#contact", "title": "Contact", "text": ""},
            {"location": "about/", "title": "About", "text": ""},
        ],
    }
    merged = json.loads(with_directory_entries(json.dumps(material), directory))
    assert merged["config"] == material["config"]
    locations = [d["location"] for d in merged["docs"]]
    assert locations[:4] == ["", "needs/", "groups/old/#contact", "about/"]
    assert locations[4:] == [d["location"] for d in directory_entries(directory)]
    assert locations.count("needs/carers/") == 1


def test_list_page_sections_point_at_headings_on_the_page(
    index: dict, built_site: Path, directory: Directory
) -> None:
    sections = [
        d["location"] for d in index["docs"] if d["location"].startswith(("needs/", "neigh"))
    ]
    assert [s for s in sections if "#" in s], "sections for the headings of list pages"
    for location in sections:
        page, _, anchor = location.partition("#")
        if anchor:
            html = (built_site / page / "index.html").read_text("utf-8")
            assert f'<h2 id="{anchor}">' in html, location
    place = directory.neighbourhoods[0]
    entry = neighbourhood_entries(directory, place)[0]
    assert place.postcode_districts[0] in entry["text"]


def test_the_built_index_has_no_group_sections(index: dict) -> None:
    sections = [d["location"] for d in index["docs"] if d["location"].startswith("groups/")]
    assert sections and not [s for s in sections if "#" in s]


def test_the_site_serves_our_worker_in_place_of_materials(built_site: Path) -> None:
    workers = built_site / "assets" / "javascripts" / "workers"
    served = [p.relative_to(built_site).as_posix() for p in workers.iterdir()]
    assert len(served) == 1 and MATERIAL_WORKER.fullmatch(served[0]), served
    assert (built_site / served[0]).read_text("utf-8") == SEARCH_WORKER.read_text("utf-8")
    home = (built_site / "index.html").read_text("utf-8")
    assert f'"search": "{served[0]}"' in home, "Material's pages load the worker by this name"


def test_the_worker_drops_the_stop_words_material_drops() -> None:
    source = SEARCH_WORKER.read_text("utf-8")
    listed = re.search(r"STOP_WORDS = new Set\(\((.*?)\)\.split", source, re.S)
    assert listed is not None
    words = "".join(re.findall(r'"([^"]*)"', listed.group(1))).split()
    assert sorted(words) == sorted(WORDS)
