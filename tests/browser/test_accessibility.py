"""WCAG 2.2 AA in a real browser: axe-core run inside Debian's chromium on every kind of page.

axe is the vendored release in vendor/ (see its README), injected after the page has
loaded and settled, at phone and desktop widths. Any violation fails, listed by rule,
impact and element. The page list and helpers here are shared by test_keyboard.py and
test_privacy.py, so every browser test covers the same pages.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from ..project import ROOT

VENDOR = Path(__file__).parent / "vendor"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
WIDTHS = {"phone": 375, "desktop": 1280}

# The group that uses every field, and a neighbourhood and need it is listed under.
GROUP = "eccles-friendship-lunch-club"
_GROUP_DATA = yaml.safe_load((ROOT / "groups" / f"{GROUP}.yaml").read_text(encoding="utf-8"))
NEIGHBOURHOOD = _GROUP_DATA["neighbourhoods"][0]
NEED = _GROUP_DATA["needs"][0]
SEARCH_QUERY = "lunch club"
CLOSED = sorted(p.stem for p in (ROOT / "closed-groups").glob("*.yaml"))[0]  # a closed group

PAGES = {
    "home": "",
    "group": f"groups/{GROUP}/",
    "neighbourhood": f"neighbourhoods/{NEIGHBOURHOOD}/",
    "need": f"needs/{NEED}/",
    "crisis": "needs/domestic-abuse/",  # quick exit and helplines
    "crisis-group": "groups/safe-harbour-domestic-abuse-support/",
    "find": "find/",
    "shortlist": "shortlist/",
    "search": "",  # the home page with Material's search open on SEARCH_QUERY
    "404": None,  # a missing address, served the way the host serves the 404 page
    "closed": f"groups/{CLOSED}/",  # a closed group's page at its old address
    "contributor": "add-your-group/",
    "handout": None,  # the first handout linked from the "For clinics" page
}


# --- finding and opening pages -----------------------------------------------------------


def _title(html: str) -> str:
    found = re.search(r"<title>(.*?)</title>", html, re.S)
    return unescape(found.group(1)).strip() if found else ""


def handout_path(site: Path) -> str | None:
    """The first handout linked from the "For clinics" page; None if the site has neither.

    Fails if one exists without the other, or if the link leads nowhere, so a broken
    handout can never pass for a site that has none.
    """
    pages = sorted(site.glob("*/index.html"))
    clinics = [p for p in pages if _title(p.read_text("utf-8")).startswith("For clinics")]
    handouts = sorted(site.glob("handouts/**/index.html"))
    if not clinics:
        assert not handouts, "the site has handouts but no 'For clinics' page listing them"
        return None
    html = clinics[0].read_text("utf-8")
    content = html[html.find("<article") :]
    links = [unescape(h) for h in re.findall(r'<a [^>]*href="([^"]+)"', content)]
    first = next((h for h in links if "handout" in h), None)
    assert first is not None, f"{clinics[0].parent.name}/ links to no handout"
    here = f"{clinics[0].parent.name}/"
    path = urlsplit(urljoin("http://site/" + here, first)).path.lstrip("/")
    assert (site / unquote(path) / "index.html").is_file(), f"{here} links to missing {path}"
    return path


def deployed_prefix(site: Path) -> str:
    """The path the site is published under (from site_url), e.g. /community-directory/.

    The 404 page links to its assets from there, because it is served at any address."""
    found = re.search(r'href="(/[^"]*?)assets/', (site / "404.html").read_text("utf-8"))
    assert found, "404.html does not link its stylesheets from an absolute path"
    return found.group(1)


def open_missing_page(page, site_url: str, site: Path) -> None:  # playwright Page
    """Serve the site under its published prefix, as GitHub Pages does, and open a page
    that does not exist: the host answers 404 with 404.html."""
    prefix = deployed_prefix(site)
    root = site_url.rstrip("/")

    def serve(route) -> None:  # playwright Route
        relative = unquote(urlsplit(route.request.url).path[len(prefix) :])
        file = site / relative
        if file.is_dir():
            file = file / "index.html"
        if relative and ".." not in relative and file.is_file():
            route.fulfill(path=file)
        else:
            route.fulfill(path=site / "404.html", status=404)

    page.route(f"{root}{prefix}**", serve)
    response = page.goto(f"{root}{prefix}no-such-page/")
    assert response is not None and response.status == 404


def open_search(page, query: str = SEARCH_QUERY) -> None:  # playwright Page
    """Type into Material's search (opening it from the header on narrow screens) and wait
    for results."""
    field = page.locator("input.md-search__input")
    if not field.is_visible():
        page.locator("label.md-header__button[for='__search']").click()
    field.press_sequentially(query)
    page.locator(".md-search-result__item").first.wait_for(state="visible")


def settle(page) -> None:  # playwright Page
    """Wait for CSS transitions (the search overlay, the drawer) to finish, so contrast
    and geometry are measured on what people actually see."""
    page.wait_for_function(
        "document.getAnimations().every(a => a.playState !== 'running')", timeout=5000
    )


def open_named(page, name: str, site_url: str, site: Path) -> str | None:  # playwright Page
    """Open one of PAGES by name; returns None (and opens nothing) for a missing handout."""
    if name == "404":
        open_missing_page(page, site_url, site)
    elif name == "handout":
        path = handout_path(site)
        if path is None:
            return None
        page.goto(site_url + path)
    else:
        response = page.goto(site_url + PAGES[name])
        assert response is not None and response.ok, f"{name}: HTTP {response and response.status}"
        if name == "search":
            open_search(page)
    settle(page)
    return page.url


# --- axe ---------------------------------------------------------------------------------


def run_axe(page) -> list[dict]:  # playwright Page
    page.add_script_tag(path=str(VENDOR / "axe.min.js"))
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.map(n => n.target.join(' ')),
            }));
        }""",
        AXE_TAGS,
    )


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines += [f"    {target}" for target in v["targets"]]
    return "\n".join(lines)


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_violations(page, site_url: str, built_site: Path, name: str, width: int):
    page.set_viewport_size({"width": width, "height": 900})
    if open_named(page, name, site_url, built_site) is None:
        # handout_path has already asserted there is neither a handout nor a clinics page.
        print(f"axe {name} @ {width}px: no handouts in this build")
        return
    violations = run_axe(page)
    print(f"axe {name} @ {width}px: {len(violations)} violations")
    assert violations == [], f"{name} at {width}px ({page.url}):\n{describe(violations)}"


def test_axe_reports_a_planted_violation(page, site_url: str) -> None:
    """The check can fail: an image without alt text on our own page is reported."""
    page.goto(site_url)
    page.evaluate(
        "document.querySelector('article').insertAdjacentHTML('beforeend', '<img src=\"x.png\">')"
    )
    assert "image-alt" in {v["id"] for v in run_axe(page)}


# --- the search partial ------------------------------------------------------------------


def test_search_partial_is_materials_plus_accessible_names() -> None:
    """overrides/partials/search.html must stay Material's partial with only our additions,
    so a theme upgrade that changes the original is noticed here, not by residents."""
    import material

    def body(template: str) -> str:  # without the opening comment
        return re.sub(r"\{#-.*?-#\}\s*", "", template, count=1, flags=re.S).strip()

    ours = body((ROOT / "overrides/partials/search.html").read_text("utf-8"))
    theirs = body((Path(material.__file__).parent / "templates/partials/search.html").read_text())
    theirs = theirs.replace(' autocorrect="off"', "", 1)  # not HTML; the W3C checker refuses it
    additions = [
        " aria-label=\"{{ lang.t('search') }}\"",  # the dialog's, before the options' one
        ' aria-label="{{ config.site_name }}"',
        ' role="status"',
    ]
    for added in additions:
        assert added in ours
        ours = ours.replace(added, "", 1)
    # The help shown when nothing matched (tests/browser/test_search_worker.py).
    ours = re.sub(r"\s*\{#- Shown by search-help\.js.*?</div>", "", ours, count=1, flags=re.S)
    assert ours == theirs
