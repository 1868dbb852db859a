"""The site in other languages: every generated page and handout under /<code>/, in the
catalogue's words, with lang and dir, links to each version, and need words in search."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from babel import Locale
from directory.data.directory import Directory, load_directory
from directory.site import i18n
from directory.site.handouts import group_url, handout_entry, qr_svg
from directory.site.pages import group_page, page_path
from directory.site.searchindex import fold, stem

from .project import ROOT

LOCALES = ROOT / i18n.LOCALES_DIR


@pytest.fixture(scope="module")
def directory() -> Directory:
    return load_directory(ROOT)


@pytest.fixture(scope="module")
def languages() -> list[i18n.Language]:
    return i18n.load(LOCALES)


def _page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text("utf-8")


def _h1(html: str) -> str:
    found = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert found, "no h1"
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()


def _paths(directory: Directory) -> list[str]:
    """Every page each language has: home, Find help, each need, neighbourhood, group and
    neighbourhood handout, in standard and large print."""
    paths = ["", "find/", "needs/", "neighbourhoods/", "clinics/", "shortlist/"]
    paths += [f"needs/{n.slug}/" for n in directory.needs]
    paths += [f"neighbourhoods/{p.slug}/" for p in directory.neighbourhoods]
    paths += [f"groups/{g.slug}/" for g in directory.groups]
    paths += [f"handouts/{p.slug}/" for p in directory.neighbourhoods]
    paths += [f"large-print/{p.slug}/" for p in directory.neighbourhoods]
    return paths


def test_the_sample_has_at_least_five_languages_besides_english(languages) -> None:
    codes = [language.code for language in languages]
    assert codes[0] == "en" and len(codes) >= 6, codes
    assert {"ur", "ar"} <= set(codes)


def test_every_page_and_handout_exists_in_every_language(built_site: Path, directory, languages):
    for language in languages:
        missing = [p for p in _paths(directory) if not (built_site / language.prefix / p).is_dir()]
        assert missing == [], f"{language.code}: {missing[:5]}"


def test_pages_carry_lang_and_rtl_direction_where_the_script_needs_it(built_site: Path, languages):
    for language in languages:
        for path in ("", "find/", "needs/food/", "groups/eccles-friendship-lunch-club/"):
            html = _page(built_site, language.prefix + path)
            assert f'<html lang="{language.code}"' in html, (language.code, path)
            direction = "rtl" if language.rtl else "ltr"
            assert f'<body dir="{direction}"' in html, (language.code, path)
    assert {language.code for language in languages if language.rtl} >= {"ur", "ar"}


def test_headings_come_from_each_catalogue(built_site: Path, directory, languages) -> None:
    food = next(n for n in directory.needs if n.slug == "food")
    for language in languages:
        home = _h1(_page(built_site, language.prefix))
        assert home == language.gettext("What do you need help with?")
        assert _h1(_page(built_site, f"{language.prefix}needs/food/")) == language.gettext(
            food.title
        )
        if language.code != "en":
            assert home != "What do you need help with?", f"{language.code} home is English"


def test_every_page_links_its_other_versions_by_their_own_names(built_site: Path, languages):
    for language in languages:
        html = _page(built_site, f"{language.prefix}needs/food/")
        here = f"http://site/{language.prefix}needs/food/"
        found = re.findall(r'<a href="([^"]*)" hreflang="([^"]+)" lang="\2"[^>]*>([^<]+)</a>', html)
        links = {code: (urljoin(here, href), name) for href, code, name in found}
        assert links == {
            other.code: (
                f"http://site/{other.prefix}needs/food/",
                Locale.parse(other.code).display_name.capitalize(),
            )
            for other in languages
        }, language.code
        # Material fetches a sitemap for each <link rel=alternate>: the sitemap has them.
        assert '<link rel="alternate" hreflang' not in html


def test_the_sitemap_lists_each_page_in_every_language(built_site: Path, languages) -> None:
    sitemap = (built_site / "sitemap.xml").read_text("utf-8")
    site_url = "https://example-org.github.io/community-directory/"
    entry = sitemap.split(f"<loc>{site_url}ur/needs/food/</loc>", 1)[1].split("</url>", 1)[0]
    for other in languages:
        href = f"{site_url}{other.prefix}needs/food/"
        assert f'<xhtml:link rel="alternate" hreflang="{other.code}" href="{href}"/>' in entry


def test_links_stay_in_the_language_and_find_json_is_shared(built_site: Path) -> None:
    html = _page(built_site, "pl/needs/food/")
    assert 'data-find-json="../../../data/find.json"' in html
    assert 'href="../../groups/' in html  # pl/groups/...
    home = _page(built_site, "ur/")
    assert 'href="../add-your-group/"' in home  # hand-written pages stay at the root


def test_find_js_gets_its_sentences_in_the_page_language(built_site: Path, languages) -> None:
    for language in languages[1:]:
        html = _page(built_site, f"{language.prefix}find/")
        words = json.loads(
            re.search(r'<script type="application/json" id="dir-words">(.*?)</script>', html).group(
                1
            )
        )
        assert words["Open now until {time}"] == language.gettext("Open now until {time}")
    assert 'id="dir-words"' not in _page(built_site, "find/")


def test_handouts_are_translated_and_their_qr_codes_open_that_language(directory, languages):
    urdu = next(language for language in languages if language.code == "ur")
    group = directory.groups[0]
    site_url = "https://example.org/directory/"
    entry = handout_entry(group, site_url, "../../", urdu)
    assert group_url(site_url, group, urdu.prefix) == f"{site_url}ur/groups/{group.slug}/"
    assert entry.qr == qr_svg(f"{site_url}ur/groups/{group.slug}/")
    assert entry.qr != handout_entry(group, site_url, "../../").qr
    assert entry.qr_label != handout_entry(group, site_url, "../../").qr_label


def test_a_group_summary_in_another_language_shows_on_that_language_only(directory, languages):
    polish = next(language for language in languages if language.code == "pl")
    group = directory.groups[0].model_copy(
        update={"summary_translations": {"pl": "Cotygodniowe spotkania przy herbacie."}}
    )
    assert (
        "Cotygodniowe spotkania przy herbacie."
        in group_page(directory, group, None, polish).content
    )
    english = group_page(directory, group).content
    assert "Cotygodniowe" not in english and group.summary in english


def _documents_with(packed: dict, term: str) -> set[int]:
    """The documents the packed index lists for `term`, in any field (searchindex.py
    build_index describes the layout)."""
    if term not in packed["terms"]:
        return set()
    flat, found, i = packed["postings"][packed["terms"].index(term)], set(), 0
    while i < len(flat):
        count, i, ref = flat[i + 1], i + 2, 0
        for _ in range(count):
            ref += flat[i] // 2
            i += 2 if flat[i] % 2 else 1
            found.add(ref)
    return found


def test_search_finds_food_groups_by_translated_need_words(built_site: Path, directory) -> None:
    stub = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    full = json.loads((built_site / "search" / stub["config"]["index"]).read_text("utf-8"))
    docs = full["docs"]
    food = {f"groups/{g.slug}/" for g in directory.groups_for_need("food")}
    for word in ("jedzenie", "روٹی"):
        refs = _documents_with(full["index"], stem(fold(word)))
        found = {docs[ref]["location"] for ref in refs}
        assert found & food, word
        assert found <= food | {"needs/food/"}, (word, found - food)


def test_page_path_is_the_address_mkdocs_gives() -> None:
    assert page_path("index.md") == ""
    assert page_path("needs/index.md") == "needs/"
    assert page_path("needs/food.md") == "needs/food/"
    assert page_path("handouts/eccles/index.md") == "handouts/eccles/"
