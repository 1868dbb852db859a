"""Old printed addresses in a real browser: the redirect works without JavaScript, and the
404 page suggests the renamed group for a mistyped old address and passes axe.

The sample site is rebuilt with one group renamed (and its name changed, so only its former
slug can match) and served under the published prefix, the way GitHub Pages serves it.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from ..project import build_site, copy_project
from .conftest import RequestLog
from .test_accessibility import WIDTHS, deployed_prefix, describe, run_axe, settle

OLD = "eccles-friendship-lunch-club"
NEW = "monton-table-talk"
NEW_NAME = "Monton Table Talk"


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("renamed"))
    text = (project / "groups" / f"{OLD}.yaml").read_text(encoding="utf-8")
    text = text.replace("name: Eccles Friendship Lunch Club", f"name: {NEW_NAME}")
    (project / "groups" / f"{NEW}.yaml").write_text(text + f"formerly: [{OLD}]\n", "utf-8")
    (project / "groups" / f"{OLD}.yaml").unlink()
    site, warnings = build_site(project)
    assert warnings == []
    return site


def serve(page, site_url: str, site: Path) -> str:  # playwright Page
    """Serve `site` under its published prefix; missing files get 404.html. Returns the
    site's base URL."""
    prefix = deployed_prefix(site)
    root = site_url.rstrip("/")

    def fulfil(route) -> None:  # playwright Route
        relative = unquote(urlsplit(route.request.url).path[len(prefix) :])
        file = site / relative
        if file.is_dir():
            file = file / "index.html"
        if ".." not in relative and file.is_file():
            route.fulfill(path=file)
        else:
            route.fulfill(path=site / "404.html", status=404)

    page.route(f"{root}{prefix}**", fulfil)
    return f"{root}{prefix}"


def suggestions(page) -> list[tuple[str, str]]:  # playwright Page
    box = page.locator("#dir-suggestions")
    box.wait_for(state="visible")
    links = box.locator("li a")
    return [(a.inner_text(), a.get_attribute("href")) for a in links.all()]


def test_old_address_redirects_without_javascript(browser, site_url: str, renamed_site: Path):
    context = browser.new_context(java_script_enabled=False)
    log = RequestLog(urlsplit(site_url).netloc)
    context.on("request", log)
    try:
        page = context.new_page()
        base = serve(page, site_url, renamed_site)
        page.goto(f"{base}groups/{OLD}/")
        page.wait_for_url(f"{base}groups/{NEW}/")
        assert page.locator("h1").first.inner_text() == NEW_NAME
    finally:
        context.close()
    assert log.foreign == []


@pytest.mark.parametrize("typed", [f"groups/{OLD[:-3]}/", "groups/eccles-friendship-lunch/"])
def test_404_suggests_the_renamed_group_for_its_old_slug(page, site_url, renamed_site, typed):
    base = serve(page, site_url, renamed_site)
    response = page.goto(base + typed)
    assert response is not None and response.status == 404
    found = suggestions(page)
    assert found[0] == (NEW_NAME, f"{urlsplit(base).path}groups/{NEW}/"), found
    assert len(found) <= 3


def test_404_suggests_nothing_for_an_address_outside_groups(page, site_url, renamed_site):
    base = serve(page, site_url, renamed_site)
    page.goto(f"{base}eccles-friendship-lunch/")
    page.wait_for_load_state("networkidle")
    assert page.locator("#dir-suggestions").is_hidden()
    assert page.get_by_role("link", name="Older people").count() == 1


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_404_with_suggestions_passes_axe(page, site_url, renamed_site, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    base = serve(page, site_url, renamed_site)
    page.goto(f"{base}groups/{OLD[:-3]}/")
    suggestions(page)
    settle(page)
    violations = run_axe(page)
    assert violations == [], f"404 at {width}px:\n{describe(violations)}"


def test_404_search_form_opens_the_sites_search(page, site_url, renamed_site) -> None:
    base = serve(page, site_url, renamed_site)
    page.goto(f"{base}groups/no-such-group/")
    page.get_by_label("Search for a group, a need or a place").fill("lunch club")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(f"{base}?q=lunch+club")
    page.locator(".md-search-result__item").first.wait_for(state="visible")
