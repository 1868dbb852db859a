"""The keyboard alone: reach the search from the top of the page, find a group, open it;
and wherever focus goes on the way, people can see it (WCAG 2.1.1, 2.4.3, 2.4.7, 2.4.11).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .test_accessibility import GROUP, NEED, SEARCH_QUERY, WIDTHS

FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    return {tag: el.tagName.toLowerCase(), cls: String(el.className),
            text: el.textContent.trim().slice(0, 40)};
}"""

# Why the focused element cannot be seen, or null when it can: a ring is drawn; it is on
# screen, not zero-sized, hidden or transparent; and nothing (such as the sticky header)
# covers it (WCAG 2.4.7, 2.4.11).
FOCUS_PROBLEM = """() => {
    const el = document.activeElement, style = getComputedStyle(el);
    const outline = style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth);
    if (!(outline > 0) && (style.boxShadow === 'none' || !style.boxShadow)) return 'has no ring';
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return 'has no size';
    if (r.right <= 0 || r.bottom <= 0 || r.left >= innerWidth || r.top >= innerHeight)
        return `is off screen at ${Math.round(r.left)},${Math.round(r.top)}`;
    for (let up = el; up; up = up.parentElement) {
        const s = getComputedStyle(up);
        if (s.visibility === 'hidden' || parseFloat(s.opacity) < 0.5) return 'is transparent';
    }
    const x = Math.min(Math.max(r.left + Math.min(r.width / 2, 8), 0), innerWidth - 1);
    const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
    const hit = document.elementFromPoint(x, y);
    const own = hit && (el.contains(hit) || hit.contains(el));
    if (own || hit?.closest('label')?.control === el) return null;
    return 'is under ' + (hit ? hit.outerHTML.slice(0, 80) : 'nothing');
}"""


def focused(page) -> dict | None:  # playwright Page
    """What has focus; None when nothing (the page itself) has."""
    return page.evaluate(FOCUSED)


def assert_focus_visible(page, where: str) -> dict:  # playwright Page
    """Fail unless the focused element is visible once transitions (the search overlay,
    the drawer) have had up to 3 seconds to finish."""
    element = focused(page)
    assert element is not None, f"{where}: focus left the page's controls"
    try:
        page.wait_for_function(f"({FOCUS_PROBLEM})() === null", timeout=3000)
    except PlaywrightTimeout:
        problem = page.evaluate(FOCUS_PROBLEM)
        pytest.fail(
            f"{where}: <{element['tag']} class={element['cls']!r}> {element['text']!r} {problem}"
        )
    return element


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_search_by_keyboard_opens_a_result(page, site_url: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(site_url)
    for press in range(1, 11):
        page.keyboard.press("Tab")
        if "md-search__input" in assert_focus_visible(page, f"Tab {press}")["cls"]:
            break
    else:
        pytest.fail("ten Tab presses from the top did not reach the search box")
    page.keyboard.type(SEARCH_QUERY)
    results = page.locator(".md-search-result__link")
    results.first.wait_for(state="visible")
    hrefs = set(results.evaluate_all("links => links.map(a => a.href)"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url != site_url
    assert page.url in hrefs, f"Enter opened {page.url}, not one of the results"


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", ["", f"groups/{GROUP}/", f"needs/{NEED}/"])
def test_focus_is_always_visible(page, site_url: str, path: str, width: int) -> None:
    """Tab through the page's first 40 stops (or all of them): each one is on screen with a
    visible ring, including the navigation drawer on phones."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(site_url + path)
    seen = 0
    for press in range(1, 41):
        page.keyboard.press("Tab")
        if focused(page) is None:  # wrapped round to the browser
            break
        assert_focus_visible(page, f"{path or 'home'} Tab {press}")
        seen += 1
    assert seen >= 10, f"only {seen} focusable things on {path or 'home'}"


def test_skip_link_moves_past_the_navigation(page, site_url: str) -> None:
    page.goto(site_url + f"needs/{NEED}/")
    page.keyboard.press("Tab")
    assert "md-skip" in focused(page)["cls"]
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    inside = page.evaluate("document.activeElement.closest('.md-content') !== null")
    assert inside, f"after the skip link, Tab went to {focused(page)}"


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_focus_going_back_is_not_hidden_under_the_header(page, site_url: str, width: int):
    """Shift+Tab from the bottom of a long page scrolls each link up into view; the sticky
    header must not cover it."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(site_url + f"needs/{NEED}/")
    page.keyboard.press("End")
    for press in range(1, 31):
        page.keyboard.press("Shift+Tab")
        assert_focus_visible(page, f"Shift+Tab {press}")
