"""What a resident sees on a 375 x 812 phone: results in view after a filter, cards that
say where and how to call, crisis pages with a way out, residents' menu, problem reports."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

PHONE = {"width": 375, "height": 812}
NEUTRAL = "https://www.bbc.co.uk/weather"
SHOWN = "ul.dir-cards > li[data-slug]:not([hidden])"
MAINTAINER_PAGES = ("Entries to check", "Performance", "Open data", "Add or update your group")


@pytest.fixture
def phone(browser, site_url: str) -> Iterator:
    """A phone page. The neutral site the quick exit goes to is answered here, so the test
    needs no network; every other request must stay on this site."""
    ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    foreign: list[str] = []
    ctx.route(NEUTRAL + "*", lambda route: route.fulfill(body="<title>Weather</title>"))
    here = urlsplit(site_url).netloc

    def log(request) -> None:
        if urlsplit(request.url).netloc != here and not request.url.startswith(NEUTRAL):
            foreign.append(request.url)

    ctx.on("request", log)
    yield ctx.new_page()
    ctx.close()
    assert foreign == []


def in_viewport(page, selector: str) -> bool:
    return page.eval_on_selector(
        selector,
        """el => { const r = el.getBoundingClientRect();
                   return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight; }""",
    )


@pytest.mark.parametrize("tick", ["#find-free", "#find-step", "#find-open"])
def test_after_ticking_a_filter_the_count_and_a_card_are_in_view(
    phone, site_url: str, tick: str
) -> None:
    phone.goto(site_url + "find/")
    phone.wait_for_selector("html[data-find=ready]")
    phone.check(tick)
    phone.wait_for_function("location.search.length > 1")
    assert in_viewport(phone, ".find-count"), phone.text_content(".find-count")
    assert "Showing" in phone.text_content(".find-count") or "No groups" in phone.text_content(
        ".find-count"
    )
    if phone.locator(SHOWN).count():
        assert in_viewport(phone, f"{SHOWN} .dir-card-name")


def test_a_card_shows_its_area_and_a_call_link(phone, site_url: str, directory) -> None:
    group = directory.group("eccles-friendship-lunch-club")
    phone.goto(site_url + "find/")
    card = phone.locator(f'li[data-slug="{group.slug}"]')
    area = card.locator(".dir-card-area").text_content()
    assert all(p.name in area for p in directory.neighbourhoods_of(group))
    call = card.locator("a.dir-call")
    assert call.get_attribute("href").startswith("tel:+44")
    assert call.is_visible() and call.text_content().startswith("Call ")


@pytest.mark.parametrize(
    "path", ["needs/domestic-abuse/", "groups/safe-harbour-domestic-abuse-support/"]
)
def test_crisis_pages_show_helplines_and_a_quick_exit(phone, site_url: str, path: str) -> None:
    phone.goto(site_url)
    phone.goto(site_url + path)
    for number in ("999", "0808 2000 247", "116 123"):
        assert phone.locator(f'.dir-helplines a.dir-call:has-text("{number}")').is_visible()
    exit_button = phone.locator("a.dir-exit-button")
    assert exit_button.is_visible() and in_viewport(phone, "a.dir-exit-button")
    phone.mouse.wheel(0, 1500)  # still there after scrolling: it stays on screen
    phone.wait_for_timeout(200)
    assert in_viewport(phone, "a.dir-exit-button")
    exit_button.click()
    phone.wait_for_url(NEUTRAL)
    phone.go_back()  # the crisis page was replaced in the history, so Back skips it
    assert phone.url.rstrip("/") == site_url.rstrip("/")


def test_shift_three_times_leaves_too(phone, site_url: str) -> None:
    phone.goto(site_url + "needs/domestic-abuse/")
    for _ in range(3):
        phone.keyboard.press("Shift")
    phone.wait_for_url(NEUTRAL)


def test_crisis_filters_never_end_at_no_groups_match(phone, site_url: str) -> None:
    phone.goto(site_url + "needs/domestic-abuse/?lang=ur&age=3&free=1&step=1")
    phone.wait_for_selector("html[data-find=ready]")
    count = phone.text_content(".find-count")
    assert "helpline" in count or "Showing" in count
    assert phone.locator(".dir-helplines").is_visible()


def test_other_pages_have_no_quick_exit(phone, site_url: str) -> None:
    for path in ("", "find/", "needs/food/", "groups/eccles-friendship-lunch-club/"):
        phone.goto(site_url + path)
        assert phone.locator(".dir-exit").count() == 0, path


def test_the_main_menu_holds_no_maintainer_page(phone, site_url: str) -> None:
    phone.goto(site_url)
    menu = phone.locator("nav.md-nav--primary").first.inner_text()
    for title in MAINTAINER_PAGES:
        assert title not in menu
    for title in ("Find help", "Needs", "Neighbourhoods", "For clinics", "About"):
        assert title in menu
    footer = phone.locator(".dir-footer")
    assert "For groups and maintainers" in footer.inner_text()
    for title in MAINTAINER_PAGES:
        assert footer.get_by_role("link", name=title).count() == 1


def test_a_group_page_ends_with_is_something_wrong(phone, site_url: str) -> None:
    phone.goto(site_url + "groups/eccles-friendship-lunch-club/")
    name = phone.locator("h1").bounding_box()
    edit = phone.get_by_role("link", name="Edit this entry")
    assert edit.count() == 1 and edit.bounding_box()["y"] > name["y"]
    report = phone.locator("section.dir-report")
    assert "Is something wrong?" in report.locator("h2").text_content()
    mail = report.locator('a[href^="mailto:"]').get_attribute("href")
    assert mail.startswith("mailto:directory@example.org?subject=Problem%20with%20Eccles")
    assert "community-directory/groups/eccles-friendship-lunch-club/" in mail  # its address
    assert report.locator('a[href*="/issues/new"]').count() == 1


def test_the_shortlist_says_where_it_is_kept_and_can_be_cleared(phone, site_url: str) -> None:
    phone.add_init_script(
        "localStorage.setItem('directory-shortlist', '[\"eccles-friendship-lunch-club\"]')"
    )
    phone.goto(site_url + "shortlist/")
    phone.wait_for_selector("html[data-find=ready]")
    assert "kept on this device" in phone.text_content(".find-private")
    phone.get_by_role("button", name="Clear my shortlist").click()
    assert phone.evaluate("localStorage.getItem('directory-shortlist')") in ("[]", None)


def test_the_home_page_asks_one_question_and_the_name_fits(phone, site_url: str) -> None:
    phone.goto(site_url)
    assert phone.locator("h1").text_content() == "What do you need help with?"
    assert phone.locator("#dir-q").is_visible() and phone.locator("#dir-near").is_visible()
    assert phone.locator("body").inner_text().count("fictional") == 1
    title = phone.locator(".md-header__topic .md-ellipsis").first
    assert title.evaluate("el => el.scrollWidth <= el.clientWidth"), "site name is cut off"
