"""The search index built with Python lunr: what each group is found by, and the files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from directory.data.directory import Directory, load_directory
from directory.site import searchindex
from directory.site.searchindex import (
    CACHE_DIR,
    GROUP_BOOST,
    INSIDER_PAGES,
    LIST_BOOST,
    LUNR_JS,
    MATERIAL_WORKER,
    compounds,
    directory_docs,
    fold,
    group_doc,
    search_files,
    worker_script,
)

from .project import ROOT, build_site, copy_project


@pytest.fixture(scope="module")
def directory() -> Directory:
    return load_directory(ROOT)


@pytest.fixture(scope="module")
def search(built_site: Path) -> dict:
    stub = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    full = json.loads((built_site / "search" / stub["config"]["index"]).read_text("utf-8"))
    return {"stub": stub, **full}


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Ordsall Memory Café", "ordsall memory cafe"),
        ("English language (ESOL)", "english language esol"),
        ("Men's Shed", "mens shed"),
        ("Dial-a-Ride, M27", "dial a ride m27"),
        ("اردو (Urdu)", "اردو urdu"),
    ],
)
def test_fold_drops_case_accents_and_punctuation(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_compounds_join_neighbouring_words_but_not_stop_words() -> None:
    assert compounds("Food bank") == ["foodbank"]
    assert compounds("Dial-a-Ride") == ["dialride"]
    assert compounds("Tai Chi for Balance") == ["taichi", "chibalance"]


def test_a_group_is_found_by_its_needs_other_words_places_languages_and_price(
    directory: Directory,
) -> None:
    shown, words, boost = group_doc(directory, directory.group("broughton-carers-lunch"))
    assert shown["location"] == "groups/broughton-carers-lunch/"
    assert "unpaid carer" in words["needs"] and "foodbank" in words["needs"]
    assert "Broughton" in words["places"] and "M7" in words["places"]
    assert "اردو (Urdu)" in words["languages"]
    assert words["text"].endswith("free")
    assert boost == GROUP_BOOST > LIST_BOOST


def test_what_results_show_is_escaped_as_materials_list_inserts_html(
    directory: Directory,
) -> None:
    group = directory.groups[0].model_copy(update={"name": "<b>Cats & Dogs</b>"})
    group._slug = directory.groups[0].slug
    shown, _, _ = group_doc(directory, group)
    assert shown["title"] == "&lt;b&gt;Cats &amp; Dogs&lt;/b&gt;"


def test_materials_index_keeps_only_its_config_and_names_ours(search: dict) -> None:
    assert search["stub"]["docs"] == []
    assert search["stub"]["config"]["index"].startswith("index.")


def test_every_group_has_one_document_and_insider_pages_none(
    search: dict, built_site: Path, directory: Directory
) -> None:
    locations = [d["location"] for d in search["docs"]]
    groups = [x for x in locations if x.startswith("groups/")]
    assert sorted(groups) == sorted(f"groups/{g.slug}/" for g in directory.groups)
    assert not [x for x in locations if x.startswith(INSIDER_PAGES)]
    assert "about/" in locations and "find/" in locations
    for location in locations:
        assert (built_site / location.split("#")[0] / "index.html").is_file(), location


def test_the_index_is_packed_and_uses_only_functions_lunr_js_registers(search: dict) -> None:
    index = search["index"]
    assert index["lunr"] == "packed-1"
    assert len(index["terms"]) == len(index["postings"]) > 500
    assert "bereav" in index["terms"]
    assert index["documents"] == len(search["docs"]) == sum(n for _, n in index["boosts"])
    assert index["pipeline"] == ["stemmer"]
    assert 'registerFunction(e.stemmer,"stemmer")' in LUNR_JS.read_text("utf-8").replace(" ", "")


def test_did_you_mean_has_real_words_for_stems(search: dict) -> None:
    assert search["words"]["bereav"] == "bereavement"


def test_same_input_same_files(built_site: Path, directory: Directory) -> None:
    material = json.dumps({"config": {"lang": ["en"]}, "docs": []})
    docs = directory_docs(directory)
    first, second = search_files(material, docs), search_files(material, docs)
    assert first == second
    name = json.loads(first["search_index.json"])["config"]["index"]
    assert set(first) == {"search_index.json", name}


def test_a_warm_cache_gives_the_same_files_without_running_lunr(
    tmp_path: Path, directory: Directory, monkeypatch: pytest.MonkeyPatch
) -> None:
    material = json.dumps({"config": {"lang": ["en"]}, "docs": []})
    fresh = search_files(material, directory_docs(directory))
    cold = search_files(material, directory_docs(directory), tmp_path)
    assert len(list((tmp_path / CACHE_DIR).glob("*.json"))) == 1

    def no_lunr(docs: list) -> str:
        raise AssertionError("the warm build ran Python lunr")

    monkeypatch.setattr(searchindex, "_index_file", no_lunr)
    assert search_files(material, directory_docs(directory), tmp_path) == cold == fresh


def test_a_build_with_a_warm_cache_writes_the_same_search_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(tmp_path / "project")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    cold, _ = build_site(project, tmp_path / "cold")
    assert len(list((project / CACHE_DIR).glob("*.json"))) == 1

    def no_lunr(docs: list) -> str:
        raise AssertionError("the warm build ran Python lunr")

    monkeypatch.setattr(searchindex, "_index_file", no_lunr)
    warm, _ = build_site(project, tmp_path / "warm")
    names = sorted(p.name for p in (cold / "search").iterdir())
    assert names == sorted(p.name for p in (warm / "search").iterdir())
    assert len(names) == 2
    for name in names:
        assert (cold / "search" / name).read_bytes() == (warm / "search" / name).read_bytes()


def test_changed_documents_are_indexed_afresh_and_replace_the_cached_index(
    tmp_path: Path, directory: Directory
) -> None:
    material = {"config": {"lang": ["en"]}, "docs": []}
    first = search_files(json.dumps(material), directory_docs(directory), tmp_path)
    page = {"location": "about/", "title": "About", "text": "<p>Zyxwv volunteers</p>"}
    material["docs"] = [page]
    second = search_files(json.dumps(material), directory_docs(directory), tmp_path)
    assert second != first
    assert second == search_files(json.dumps(material), directory_docs(directory))
    index = json.loads(second[json.loads(second["search_index.json"])["config"]["index"]])
    assert "zyxwv" in index["index"]["terms"]
    assert len(list((tmp_path / CACHE_DIR).glob("*.json"))) == 1  # the latest only


def test_the_site_serves_lunr_and_our_worker_in_place_of_materials(built_site: Path) -> None:
    workers = built_site / "assets" / "javascripts" / "workers"
    served = [p.relative_to(built_site).as_posix() for p in workers.iterdir()]
    assert len(served) == 1 and MATERIAL_WORKER.fullmatch(served[0]), served
    assert (built_site / served[0]).read_text("utf-8") == worker_script()
    assert (LUNR_JS.parent / "LICENSE").read_text("utf-8").startswith("Copyright")
