"""The site in other languages in a real browser: axe on right-to-left pages, Find help's
filters and open-now labels in every language under a fixed clock, the remembered choice.

Expected labels come from opening.py's English label, put into each language with the
same catalogue the page uses, so the test follows the data and the translations."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from directory.data import opening
from directory.data.directory import Directory
from directory.site import i18n

from ..project import ROOT
from .conftest import RequestLog
from .test_accessibility import WIDTHS, describe, run_axe, settle
from .test_find import CARDS, load, shown

LANGUAGES = i18n.load(ROOT / i18n.LOCALES_DIR)
RTL = [language for language in LANGUAGES if language.rtl]
RTL_PAGES = {
    "home": "",
    "find": "find/",
    "need": "needs/domestic-abuse/",  # with the quick-exit button and helplines
    "group": "groups/eccles-friendship-lunch-club/",
    "handout": "handouts/eccles-irlam/",
}
NOW = dt.datetime.fromisoformat("2026-11-24T12:30:00+00:00")  # a Tuesday lunchtime, GMT
_NEXT = re.compile(r"Next: (today|\w+)(?: (\d+) (\w+))? (\d\d:\d\d)")


@pytest.fixture
def london_page(browser, site_url: str) -> Iterator:  # -> playwright Page
    """A phone in London; like the `context` fixture, fails on a request to another host."""
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, timezone_id="Europe/London")
    log = RequestLog(urlsplit(site_url).netloc)
    ctx.on("request", log)
    yield ctx.new_page()
    ctx.close()
    assert log.foreign == [], f"requests to other hosts: {log.foreign}"


_BEFORE = re.compile(r"(Closed today\.|Closed today \((.+?)\)\.|Runs (.+?)\.) ")
_OPENS = re.compile(r"Opens (today|\w+)(?: (\d+) (\w+))? (\d\d:\d\d)")
_COURSE = re.compile(r"Next: (\d+) (\w+) (\d\d:\d\d) \(new course\)")


def in_language(label: str, language: i18n.Language) -> str:
    """opening.label's English sentence as find.js writes it in `language`."""
    t = language.gettext
    before = ""
    while found := _BEFORE.match(label):
        whole, reason, season = found.groups()
        if season:
            before += t("Runs {season}.").format(season=season) + " "
        elif reason:
            before += t("Closed today ({reason}).").format(reason=reason) + " "
        else:
            before += t("Closed today.") + " "
        label = label[found.end() :]
    if label.startswith("Open now until "):
        return before + t("Open now until {time}").format(
            time=label.removeprefix("Open now until ")
        )
    if found := _COURSE.fullmatch(label):
        date, month, time = found.groups()
        words = t("Next: {date} {time} (new course)")
        return before + words.format(date=f"{date} {t(month)}", time=time)
    if found := _OPENS.fullmatch(label):
        day, date, month, time = found.groups()
        when = t(day) + (f" {date} {t(month)}" if date else "")
        return before + t("Opens {when} {time}").format(when=when, time=time)
    return before + t(label)


def test_in_language_puts_each_kind_of_label_into_polish() -> None:
    polish = next(language for language in LANGUAGES if language.code == "pl")
    assert in_language("Open now until 14:00", polish) == "Otwarte teraz do 14:00"
    assert in_language("Opens Monday 7 December 10:00", polish) == (
        "Otwarcie: Poniedziałek 7 grudnia 10:00"
    )
    assert in_language("Closed today (bank holiday). Opens today 18:00", polish) == (
        "Dziś zamknięte (bank holiday). Otwarcie: dziś 18:00"
    )
    assert in_language("Get in touch to check times", polish) == (
        "Skontaktuj się, aby sprawdzić godziny"
    )


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("name", RTL_PAGES)
@pytest.mark.parametrize("code", [language.code for language in RTL])
def test_axe_finds_no_violations_on_right_to_left_pages(
    page, site_url: str, built_site: Path, code: str, name: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(f"{site_url}{code}/{RTL_PAGES[name]}")
    assert response is not None and response.ok
    assert page.eval_on_selector("body", "b => getComputedStyle(b).direction") == "rtl"
    settle(page)
    violations = run_axe(page)
    assert violations == [], f"{code} {name} at {width}px:\n{describe(violations)}"


def test_right_to_left_pages_mirror(page, site_url: str) -> None:
    """In Urdu the filters' labels start at the right and the quick-exit button sits left."""
    page.set_viewport_size({"width": 1280, "height": 900})
    # Gaps between the words (a Range over them) and the edges of the box holding them.
    edges = """el => {
        const words = document.createRange();
        words.selectNodeContents(el);
        const r = words.getBoundingClientRect(), p = el.parentElement.getBoundingClientRect();
        return [r.left - p.left, p.right - r.right];
    }"""
    for code, start in (("en", 0), ("ur", 1)):
        prefix = "" if code == "en" else f"{code}/"
        page.goto(f"{site_url}{prefix}needs/domestic-abuse/")
        page.wait_for_selector("html[data-find=ready]")
        # Labels start at the start side; the quick-exit button floats to the end side.
        for selector, side in ((".find-field label", start), (".dir-exit", 1 - start)):
            gaps = page.eval_on_selector(selector, edges)
            assert gaps[side] < 1 < gaps[1 - side], (code, selector, gaps)


@pytest.mark.parametrize("code", [language.code for language in LANGUAGES])
def test_filters_and_open_now_labels_work_the_same_in_every_language(
    london_page, site_url: str, directory: Directory, code: str
) -> None:
    language = next(lang for lang in LANGUAGES if lang.code == code)
    page = london_page
    page.clock.set_fixed_time(NOW)
    load(page, f"{site_url}{language.prefix}find/")
    shown(page)  # draws every card (Find help carries the first 50), from this language's JSON
    status = "cs => cs.map(c => [c.dataset.slug, c.querySelector('.find-status').textContent])"
    said = dict(page.eval_on_selector_all(CARDS, status))
    english = {
        g.slug: opening.label(opening.status(g, NOW, directory.terms), NOW)
        for g in directory.groups
    }
    assert said == {slug: in_language(label, language) for slug, label in english.items()}
    if code != "en":
        assert said != english, "the labels are still in English"

    open_now = {g.slug for g in directory.groups if opening.open_until(g, NOW, directory.terms)}
    assert 0 < len(open_now) < len(directory.groups)
    page.check("#find-open")
    page.wait_for_function("location.search.includes('open=1')")
    assert set(shown(page)) == open_now
    page.uncheck("#find-open")
    page.select_option("#find-need", "food")
    page.wait_for_function("location.search.includes('need=food')")
    assert set(shown(page)) == {g.slug for g in directory.groups_for_need("food")}


def test_the_language_chosen_is_remembered_on_this_device(page, site_url: str) -> None:
    page.goto(site_url)
    page.click(".dir-languages a[data-lang=pl]")
    page.wait_for_url(f"{site_url}pl/")
    assert page.evaluate("localStorage.getItem('directory-language')") == "pl"
    page.goto(f"{site_url}needs/food/")  # typed in or from a link elsewhere: no referrer
    page.wait_for_url(f"{site_url}pl/needs/food/")
    assert page.locator("html").get_attribute("lang") == "pl"
    page.click(".dir-languages a[data-lang=en]")  # back to English, and it stays
    page.wait_for_url(f"{site_url}needs/food/")
    page.goto(site_url)
    assert page.url == site_url
    assert not page.context.cookies()
