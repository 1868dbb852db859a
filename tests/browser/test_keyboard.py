"""The keyboard alone: reach the search from the top of the page, find a group, open it;
and wherever focus goes on the way, people can see it (WCAG 2.1.1, 2.4.3, 2.4.7, 2.4.11).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .test_accessibility import GROUP, NEED, SEARCH_QUERY, WIDTHS, settle

FOCUS_STYLE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    return {
        tag: el.tagName.toLowerCase(), cls: el.className, text: el.textContent.trim().slice(0, 40),
        outline: style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth),
        shadow: style.boxShadow,
    };
}"""


def focus_ring(page) -> dict | None:  # playwright Page
    """What has focus and how it is drawn; None when nothing (the page itself) has focus."""
    return page.evaluate(FOCUS_STYLE)


def assert_focus_visible(page, where: str) -> dict:  # playwright Page
    focused = focus_ring(page)
    assert focused is not None, f"{where}: focus left the page's controls"
    label = f"{where}: <{focused['tag']} class={focused['cls']!r}> {focused['text']!r}"
    assert focused["outline"] > 0 or focused["shadow"] not in ("", "none"), f"{label} has no ring"
    # On screen: not parked off-canvas, not zero-sized, not transparent.
    expect(page.locator(":focus"), label).to_be_in_viewport()
    assert page.evaluate(
        """() => {
            let el = document.activeElement, r = el.getBoundingClientRect();
            if (r.width < 1 || r.height < 1) return false;
            for (; el; el = el.parentElement) {
                const s = getComputedStyle(el);
                if (s.visibility === 'hidden' || parseFloat(s.opacity) < 0.5) return false;
            }
            return true;
        }"""
    ), f"{label} is invisible"
    return focused


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_search_by_keyboard_opens_a_result(page, site_url: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(site_url)
    for press in range(1, 11):
        page.keyboard.press("Tab")
        settle(page)
        focused = assert_focus_visible(page, f"Tab {press}")
        if "md-search__input" in focused["cls"]:
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
        settle(page)
        if focus_ring(page) is None:  # wrapped round to the browser
            break
        assert_focus_visible(page, f"{path or 'home'} Tab {press}")
        seen += 1
    assert seen >= 10, f"only {seen} focusable things on {path or 'home'}"


def test_skip_link_moves_past_the_navigation(page, site_url: str) -> None:
    page.goto(site_url + f"needs/{NEED}/")
    page.keyboard.press("Tab")
    assert "md-skip" in focus_ring(page)["cls"]
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    inside = page.evaluate("document.activeElement.closest('.md-content') !== null")
    assert inside, f"after the skip link, Tab went to {focus_ring(page)}"
