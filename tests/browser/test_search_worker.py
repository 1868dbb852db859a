"""The search box with the site's worker (lunr.js on the index built at build time), in
Chromium: the index waits until search is used; results, counts and no dead ends."""

from __future__ import annotations

import re

SEARCH = ".md-search__input"


def _index_requests(urls: list[str]) -> list[str]:
    return [u for u in urls if re.search(r"/search/index\.[0-9a-f]+\.json$", u)]


def _type(page, query: str) -> None:
    page.locator(SEARCH).fill(query)
    page.locator(SEARCH).press("End")


def test_a_group_page_fetches_the_index_only_once_search_is_used(page, context, site_url) -> None:
    page.goto(site_url + "groups/ordsall-memory-cafe/", wait_until="networkidle")
    assert _index_requests(context.request_log.urls) == []
    page.locator(SEARCH).focus()
    page.wait_for_timeout(500)
    assert len(_index_requests(context.request_log.urls)) == 1


def test_results_show_in_materials_list_with_words_marked_and_a_plain_count(page, site_url) -> None:
    page.goto(site_url)
    _type(page, "zumba")
    first = page.locator(".md-search-result__item").first
    first.wait_for()
    assert "groups/pendlebury-zumba-gold/" in first.locator("a").first.get_attribute("href")
    assert first.locator("mark").first.text_content().lower() == "zumba"
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function("document.querySelector('.md-search-result__meta').dataset.dirShown")
    assert re.fullmatch(r"\d+ groups?( and \d+ other pages?)?", meta.text_content().strip())
    assert page.locator(".md-search-result del, .md-search-result s").count() == 0


def test_nothing_found_is_not_a_dead_end(page, site_url) -> None:
    page.goto(site_url)
    _type(page, "zumbaaa")
    help_ = page.locator("[data-dir-search-help]")
    help_.wait_for()
    assert "Nothing found" in page.locator(".md-search-result__meta").text_content()
    assert help_.get_by_role("button", name="zumba").is_visible()  # did you mean
    assert help_.locator("[data-dir-needs] a").count() >= 10
    assert help_.get_by_role("link", name="Find help").get_attribute("href").endswith("find/")
    assert help_.locator('a[href^="tel:"]').text_content() == "0161 496 0999"
    help_.get_by_role("button", name="zumba").click()
    page.locator(".md-search-result__item").first.wait_for()
    assert help_.is_hidden()


def test_without_javascript_the_home_page_offers_links_not_a_dead_search_box(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url)
    assert page.locator('a[href*="needs/"]').count() >= 5
    assert page.locator('a[href*="neighbourhoods/"]').count() >= 3
    visible = [
        box
        for box in page.locator("input[type=text], input[type=search]").all()
        if box.is_visible()
    ]
    assert visible == []
    context.close()
