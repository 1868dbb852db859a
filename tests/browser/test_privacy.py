"""Private and robust: nothing but our own server is contacted and no cookie is set; pages
reflow at 320 CSS px; and without JavaScript every group is reached by following links.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from ..project import ROOT
from .conftest import RequestLog
from .test_accessibility import PAGES, open_named

GROUP_SLUGS = {path.stem for path in (ROOT / "groups").glob("*.yaml")}


def test_pages_contact_only_our_server_and_set_no_cookies(
    context, site_url: str, built_site: Path
) -> None:
    """The context fixture fails on any request to another host; here we also check it saw
    the page's real traffic (stylesheets, scripts, the search index) and no cookies."""
    page = context.new_page()
    for name in PAGES:
        open_named(page, name, site_url, built_site)
    urls = context.request_log.urls
    assert any(u.endswith(".css") for u in urls) and any(u.endswith(".js") for u in urls)
    assert any("search_index.json" in u for u in urls), "search ran without its index?"
    assert context.request_log.foreign == []
    assert context.cookies() == []


# Attributes that make the browser fetch something as the page loads.
FETCHED = re.compile(
    r"<(?:script|img|iframe|source|audio|video|embed|track)\b[^>]*?\ssrc=\"([^\"]*)\""
    r"|<link\b(?=[^>]*\srel=\"(?:stylesheet|preload|prefetch|preconnect|dns-prefetch|icon|"
    r"modulepreload|manifest)\")[^>]*?\shref=\"([^\"]*)\""
    r"|url\(\s*['\"]?((?:https?:)?//[^)'\"]*)"
)


def test_built_files_load_nothing_from_other_hosts(built_site: Path) -> None:
    """No Google Fonts, CDN, analytics or map tiles anywhere in the built site, not only on
    the pages the browser tests open: every fetched address is relative to our own."""
    offenders, checked = [], 0
    for file in sorted([*built_site.rglob("*.html"), *built_site.rglob("*.css")]):
        for match in FETCHED.finditer(file.read_text("utf-8")):
            address = next(group for group in match.groups() if group is not None)
            checked += 1
            if urlsplit(address).scheme in ("http", "https") or address.startswith("//"):
                offenders.append(f"{file.relative_to(built_site)}: {address}")
    assert checked > 1000
    assert offenders == []


@pytest.mark.parametrize("name", PAGES)
def test_no_sideways_scrolling_at_320px(page, site_url: str, built_site: Path, name: str):
    """1280 px at 400 % zoom is 320 CSS px wide: nothing may need horizontal scrolling
    (WCAG 1.4.10 reflow)."""
    page.set_viewport_size({"width": 320, "height": 640})
    if open_named(page, name, site_url, built_site) is None:
        print(f"reflow {name}: no handouts in this build")
        return
    widths = page.evaluate(
        "({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
    )
    assert widths["scroll"] <= widths["inner"], f"{name} is {widths['scroll']} px wide at 320"


@pytest.fixture
def no_js_context(browser, site_url: str):  # -> playwright BrowserContext
    """Like the shared `context` fixture, with JavaScript switched off."""
    ctx = browser.new_context(java_script_enabled=False)
    log = RequestLog(urlsplit(site_url).netloc)
    ctx.on("request", log)
    yield ctx
    ctx.close()
    assert log.foreign == [], f"requests to other hosts: {log.foreign}"


def test_every_group_is_reached_without_javascript(no_js_context, site_url: str) -> None:
    """Crawl from the home page through need and neighbourhood pages only; every group
    page must be linked from them and open."""
    page = no_js_context.new_page()
    browse = ("", "needs/", "neighbourhoods/")
    queue, visited, groups = [site_url], set(), set()
    while queue:
        url = queue.pop()
        if url in visited:
            continue
        visited.add(url)
        response = page.goto(url)  # "load": the stylesheets apply before we look
        assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"
        assert "no-js" in page.evaluate("document.documentElement.className"), "JS ran"
        # No control that needs JavaScript is offered: the search box would do nothing.
        assert page.locator("form[role=search]:visible, .md-search__input:visible").count() == 0
        for href in page.eval_on_selector_all("article a[href]", "as => as.map(a => a.href)"):
            link = urljoin(url, href).split("#")[0].split("?")[0]
            if not link.startswith(site_url):
                continue
            path = link[len(site_url) :]
            parts = path.strip("/").split("/")
            if path.startswith("groups/") and len(parts) == 2:
                groups.add(parts[1])
            elif path in browse or (parts[0] in ("needs", "neighbourhoods") and len(parts) == 2):
                queue.append(link)
    assert groups == GROUP_SLUGS
    # Each reached group page is served and names its group (fetched, not rendered: the
    # rendering of a group page without JavaScript is the same as any other page's).
    for slug in sorted(groups):
        response = no_js_context.request.get(f"{site_url}groups/{slug}/")
        assert response.ok, f"groups/{slug}/: HTTP {response.status}"
        assert response.text().count("<h1") == 1, slug
