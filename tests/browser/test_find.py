"""Find help in a real browser: filters, URL state, open now, near me, the shortlist, no-JS.

Expected results are worked out here in Python from the loaded Directory, never written
out by hand, so the tests follow the sample data as it changes.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import pytest
from directory.data import opening
from directory.data.directory import Directory
from directory.data.models import Group
from directory.site import finder, pages

from .conftest import RequestLog
from .test_accessibility import describe, run_axe

CARDS = "ul.dir-cards > li[data-slug]"
SHOWN = "ul.dir-cards > li[data-slug]:not([hidden])"


@pytest.fixture
def new_context(browser, site_url: str) -> Iterator[Callable]:
    """Make extra browser contexts (other time zone, no JavaScript, a second phone), each
    with the same check as the `context` fixture that nothing goes to another host."""
    made = []

    def make(**options):
        ctx = browser.new_context(viewport={"width": 390, "height": 844}, **options)
        log = RequestLog(urlsplit(site_url).netloc)
        ctx.on("request", log)
        made.append((ctx, log))
        return ctx

    yield make
    for ctx, log in made:
        ctx.close()
        assert log.foreign == [], f"requests to other hosts: {log.foreign}"


def load(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("html[data-find=ready]")


def shown(page) -> list[str]:
    """Every matching card: Find help draws them a page at a time, so press "Show more"
    until it goes."""
    page.evaluate(
        "() => { const more = document.querySelector('.find-show-more');"
        " while (more && more.offsetParent) more.click(); }"
    )
    return page.eval_on_selector_all(SHOWN, "cards => cards.map(card => card.dataset.slug)")


def open_more(page) -> None:
    if page.eval_on_selector(".find-more", "fold => !fold.open"):
        page.click(".find-more > summary")


# --- each filter narrows the list --------------------------------------------------------


def _age_ok(group: Group, age: int) -> bool:
    rule = group.eligibility
    low = rule.min_age if rule and rule.min_age is not None else 0
    high = rule.max_age if rule and rule.max_age is not None else 200
    return low <= age <= high


def _routes(group: Group) -> set[str]:
    return set(group.referral.routes) if group.referral else {"self"}


FILTERS: list[tuple[str, Callable, Callable]] = [
    ("need=food", lambda p: p.select_option("#find-need", "food"), lambda d, g: "food" in g.needs),
    (
        "place=swinton",
        lambda p: p.select_option("#find-place", "swinton"),
        lambda d, g: "swinton" in {n.slug for n in d.neighbourhoods_of(g)},
    ),
    ("free=1", lambda p: p.check("#find-free"), lambda d, g: g.is_free),
    (
        "step=1",
        lambda p: p.check("#find-step"),
        lambda d, g: any(v.step_free is True for v in g.venues),
    ),
    (
        "day=saturday",
        lambda p: (open_more(p), p.select_option("#find-day", "saturday")),
        lambda d, g: any(s.day == "saturday" for s in g.sessions),
    ),
    (
        "lang=ur",
        lambda p: (open_more(p), p.select_option("#find-lang", "ur")),
        lambda d, g: "ur" in g.languages,
    ),
    (
        "route=gp",
        lambda p: (open_more(p), p.select_option("#find-route", "gp")),
        lambda d, g: bool({"gp", "social-prescriber"} & _routes(g)),
    ),
    (
        "route=self",
        lambda p: (open_more(p), p.select_option("#find-route", "self")),
        lambda d, g: "self" in _routes(g),
    ),
    (
        "age=8",
        lambda p: (open_more(p), p.fill("#find-age", "8"), p.press("#find-age", "Enter")),
        lambda d, g: _age_ok(g, 8),
    ),
]


@pytest.mark.parametrize(("query", "act", "rule"), FILTERS, ids=[f[0] for f in FILTERS])
def test_each_filter_narrows_the_list(
    page, site_url: str, directory: Directory, query: str, act: Callable, rule: Callable
) -> None:
    expected = {g.slug for g in directory.groups if rule(directory, g)}
    assert 0 < len(expected) < len(directory.groups), "the sample cannot test this filter"
    load(page, site_url + "find/")
    assert len(shown(page)) == len(directory.groups)
    act(page)
    page.wait_for_function(f"location.search.includes({query!r})")
    assert set(shown(page)) == expected
    count = page.locator(".find-count")
    assert count.get_attribute("role") == "status"
    assert count.text_content() == f"Showing {len(expected)} of {len(directory.groups)} groups."


def test_the_url_restores_filters_and_back_undoes_one(
    page, site_url: str, directory: Directory
) -> None:
    both = {g.slug for g in directory.groups if "food" in g.needs and g.is_free and _age_ok(g, 70)}
    load(page, site_url + "find/?need=food&free=1&age=70")
    assert set(shown(page)) == both
    assert page.input_value("#find-need") == "food"
    assert page.is_checked("#find-free")
    assert page.input_value("#find-age") == "70"
    assert page.eval_on_selector(".find-more", "fold => fold.open")  # a folded filter is set

    page.uncheck("#find-free")
    page.wait_for_function("!location.search.includes('free')")
    wider = {g.slug for g in directory.groups if "food" in g.needs and _age_ok(g, 70)}
    assert set(shown(page)) == wider and wider > both

    page.go_back()
    page.wait_for_function("location.search.includes('free=1')")
    assert page.is_checked("#find-free")
    assert set(shown(page)) == both


def test_need_page_filters_its_own_groups(page, site_url: str, directory: Directory) -> None:
    expected = {
        g.slug
        for g in directory.groups_for_need("food")
        if g.is_free and any(n.slug == "swinton" for n in directory.neighbourhoods_of(g))
    }
    load(page, site_url + "needs/food/?place=swinton&free=1")
    assert set(shown(page)) == expected
    assert page.locator("#find-need").count() == 0  # the page is the need
    # Headings of neighbourhoods with no match are hidden along with their lists.
    visible_headings = page.eval_on_selector_all(
        ".dir-list h2:not([hidden])", "hs => hs.map(h => h.id)"
    )
    assert "swinton" in visible_headings or not expected
    assert "broughton" not in visible_headings


# --- open now under a fixed clock --------------------------------------------------------

MOMENTS = [
    # (instant, the device's time zone)
    ("2026-11-24T12:30:00+00:00", "Europe/London"),  # a Tuesday lunchtime, GMT
    ("2026-12-05T10:30:00+00:00", "America/Los_Angeles"),  # 1st Saturday of December
    ("2026-10-28T16:00:00+00:00", "Asia/Karachi"),  # half term (BST ended on the 25th)
    ("2026-10-25T01:30:00+00:00", "Europe/London"),  # just after the clocks went back
    ("2027-03-28T01:30:00+00:00", "Australia/Sydney"),  # just after the clocks went forward
    ("2027-07-13T10:30:00+00:00", "UTC"),  # a summer Tuesday, 11:30 BST
    # Bank holidays (England and Wales), closures, seasons and the end of the term dates.
    ("2026-12-25T12:30:00+00:00", "Europe/London"),  # Christmas Day, a Friday
    ("2026-12-18T12:30:00+00:00", "America/New_York"),  # the Friday before
    ("2026-12-28T11:00:00+00:00", "Asia/Karachi"),  # Boxing Day (substitute Monday)
    ("2026-12-30T13:00:00+00:00", "UTC"),  # between Christmas and New Year (closures.yaml)
    ("2027-03-29T09:45:00+00:00", "Australia/Sydney"),  # Easter Monday, 10:45 BST
    ("2027-05-03T09:45:00+00:00", "America/Los_Angeles"),  # Early May bank holiday
    ("2027-05-10T09:45:00+00:00", "Europe/London"),  # the Monday after
    ("2027-08-30T09:45:00+00:00", "Asia/Karachi"),  # Summer bank holiday
    ("2027-03-31T12:30:00+00:00", "UTC"),  # last day of the October-March season, 13:30 BST
    ("2027-10-01T12:30:00+00:00", "America/New_York"),  # first day of the next season
    ("2027-02-16T13:30:00+00:00", "Europe/London"),  # a group's own closed date (refit)
    ("2027-03-28T11:00:00+00:00", "UTC"),  # last Sunday of March, in the day
    ("2026-10-25T11:00:00+00:00", "Australia/Sydney"),  # last Sunday of October
    ("2027-07-22T16:00:00+00:00", "Asia/Karachi"),  # the day after the term dates end
    ("2026-12-15T09:00:00+00:00", "Europe/London"),  # a course starts in January
]


@pytest.mark.parametrize(("instant", "zone"), MOMENTS)
def test_open_now_matches_python_under_a_fixed_clock(
    new_context, site_url: str, directory: Directory, instant: str, zone: str
) -> None:
    now = dt.datetime.fromisoformat(instant)
    page = new_context(timezone_id=zone).new_page()
    page.clock.set_fixed_time(now)
    load(page, site_url + "find/")
    status = "cs => cs.map(c => [c.dataset.slug, c.querySelector('.find-status').textContent])"
    shown(page)  # draws every card
    said = dict(page.eval_on_selector_all(CARDS, status))
    expected = {
        g.slug: opening.label(opening.status(g, now, directory.calendar), now)
        for g in directory.groups
    }
    assert said == expected

    open_now = {g.slug for g in directory.groups if opening.open_until(g, now, directory.calendar)}
    page.check("#find-open")
    page.wait_for_function("location.search.includes('open=1')")
    assert set(shown(page)) == open_now


# Sessions the sample data does not have, at the awkward times: on the nights the clocks
# change, 5th weeks, term time and by appointment.
EDGE_SESSIONS = [
    [{"day": "sunday", "opens": "01:30", "closes": "03:00"}],
    [{"day": "sunday", "opens": "00:30", "closes": "01:30"}],
    [{"day": "sunday", "opens": "01:30", "closes": "02:30"}],
    [{"day": "sunday", "opens": "01:00", "closes": "02:00"}],
    [
        {"day": "saturday", "opens": "23:00", "closes": "23:59"},
        {"day": "sunday", "opens": "00:00", "closes": "01:00"},
    ],
    [
        {"day": "sunday", "opens": "00:00", "closes": "01:00"},
        {"day": "sunday", "opens": "01:00", "closes": "02:00"},
    ],
    [{"day": "tuesday", "opens": "10:00", "closes": "12:00", "weeks_of_month": [5]}],
    [{"day": "sunday", "opens": "10:00", "closes": "12:00", "term_time_only": True}],
    [{"day": "sunday", "opens": "01:30", "closes": "02:00", "by_appointment": True}],
]
# And whole-group changes at the same awkward times: seasons, one-day courses, closed dates.
EDGE_CHANGES = [{"sessions": sessions} for sessions in EDGE_SESSIONS] + [
    {"sessions": [{"day": "sunday", "opens": "01:30", "closes": "03:00", "months": ["march"]}]},
    {
        "sessions": [{"day": "sunday", "opens": "00:30", "closes": "02:30", "months": ["october"]}],
        "open_on_bank_holidays": True,
    },
    {
        "sessions": [
            {
                "day": "sunday",
                "opens": "01:00",
                "closes": "02:00",
                "from": "2027-03-28",
                "until": "2027-03-28",
            }
        ]
    },  # fmt: skip
    {
        "sessions": [{"day": "sunday", "opens": "00:00", "closes": "01:30"}],
        "closed": [{"from": "2026-10-25", "reason": "clocks go back"}],
    },
    {"sessions": [{"day": "sunday", "opens": "10:00", "closes": "12:00", "from": "2027-04-04"}]},
    {
        "sessions": [{"day": "sunday", "opens": "00:00", "closes": "23:00"}],
        "closed": [{"from": "2027-03-28"}],  # no reason given
    },
    {
        "sessions": [
            {"day": "saturday", "opens": "23:00", "closes": "23:59", "months": ["october"]},
            {"day": "sunday", "opens": "00:00", "closes": "01:00", "months": ["november"]},
        ]
    },
]
EDGE_MOMENTS = [
    f"{day}T{time}:00+00:00"
    for day in ("2026-10-24", "2026-10-25", "2027-03-27", "2027-03-28")
    for time in ("23:30", "00:15", "00:45", "01:15", "01:45", "02:15")
    if not (day.endswith(("24", "27")) and time != "23:30")
]


def test_open_now_matches_python_for_awkward_sessions(
    new_context, site_url: str, directory: Directory
) -> None:
    """find.json is swapped for one where some groups meet at awkward times; the page
    must still say what opening.py says, minute for minute around both clock changes."""
    groups = {}
    data = finder.find_data(directory)
    for group, change in zip(directory.groups, EDGE_CHANGES, strict=False):
        changed = Group.model_validate({**group.model_dump(), **change})
        changed._slug = group.slug
        groups[group.slug] = changed
        data["groups"][group.slug] = finder.group_data(directory, changed)
    page = new_context(timezone_id="America/New_York").new_page()
    page.route("**/data/find.json", lambda route: route.fulfill(json=data))
    status = "cs => cs.map(c => [c.dataset.slug, c.querySelector('.find-status').textContent])"
    for instant in EDGE_MOMENTS:
        now = dt.datetime.fromisoformat(instant)
        page.clock.set_fixed_time(now)
        load(page, site_url + "find/")
        shown(page)  # draws every card
        said = {slug: text for slug, text in page.eval_on_selector_all(CARDS, status)}
        expected = {
            slug: opening.label(opening.status(g, now, directory.calendar), now)
            for slug, g in groups.items()
        }
        assert {slug: said[slug] for slug in groups} == expected, instant


def test_the_new_moments_depend_on_the_calendar(directory: Directory) -> None:
    """Guards the comparison: at the bank holidays and closures some group's answer changes
    when the calendar is taken away, so a rule changed on one side alone shows there."""
    bare = opening.Calendar(terms=directory.terms)
    for instant, _ in MOMENTS[6:12]:
        now = dt.datetime.fromisoformat(instant)
        with_dates = [opening.status(g, now, directory.calendar) for g in directory.groups]
        without = [opening.status(g, now, bare) for g in directory.groups]
        if not instant.startswith("2026-12-18"):  # an ordinary Friday
            assert with_dates != without, instant


def test_some_moment_has_groups_open_and_groups_closed(directory: Directory) -> None:
    """Guards the test above: it proves little if nothing is ever open."""
    for instant, _ in MOMENTS[:2]:
        now = dt.datetime.fromisoformat(instant)
        states = {opening.status(g, now, directory.calendar).kind for g in directory.groups}
        assert {"open", "next"} <= states


def test_group_page_says_open_now(new_context, site_url: str, directory: Directory) -> None:
    now = dt.datetime.fromisoformat(MOMENTS[0][0])
    group = next(g for g in directory.groups if opening.open_until(g, now, directory.calendar))
    page = new_context().new_page()
    page.clock.set_fixed_time(now)
    load(page, f"{site_url}groups/{group.slug}/")
    status = page.locator(".find-tools .find-status")
    assert status.text_content() == opening.label(
        opening.status(group, now, directory.calendar), now
    )
    assert status.text_content().startswith("Open now until ")


# --- the issue's cases, as a resident would see them -------------------------------------

CHRISTMAS_THREE = {"barton-warm-welcome-space", "ordsall-community-kitchen", "ordsall-reuse-hub"}
SEEN = [
    # (instant, groups, whether each says "Open now")
    ("2026-12-25T12:30:00+00:00", CHRISTMAS_THREE, False),  # Christmas Day
    ("2026-12-18T12:30:00+00:00", CHRISTMAS_THREE, True),  # the Friday before
    ("2027-07-06T12:00:00+00:00", {"barton-warm-welcome-space"}, False),  # 13:00 BST, July
    ("2026-11-10T13:00:00+00:00", {"barton-warm-welcome-space"}, True),
    ("2026-12-05T10:00:00+00:00", {"irlam-walking-football"}, False),  # Saturday, winter
    ("2026-12-05T08:00:00+00:00", {"irlam-walking-football"}, False),
    ("2027-05-08T09:00:00+00:00", {"irlam-walking-football"}, True),  # 10:00 BST, May
]


def _statuses(page) -> dict[str, str]:
    status = "cs => cs.map(c => [c.dataset.slug, c.querySelector('.find-status').textContent])"
    shown(page)  # draws every card
    return dict(page.eval_on_selector_all(CARDS, status))


@pytest.mark.parametrize(("instant", "slugs", "is_open"), SEEN)
def test_cards_tell_the_truth_on_the_days_the_issue_names(
    new_context, site_url: str, instant: str, slugs: set[str], is_open: bool
) -> None:
    page = new_context(timezone_id="Europe/London").new_page()
    page.clock.set_fixed_time(dt.datetime.fromisoformat(instant))
    load(page, site_url + "find/")
    said = _statuses(page)
    for slug in slugs:
        assert said[slug].startswith("Open now") is is_open, (slug, said[slug])
        assert "today" not in said[slug] or said[slug].startswith("Closed today"), said[slug]


def test_early_may_bank_holiday_has_at_most_half_the_groups_open(
    new_context, site_url: str
) -> None:
    counts = []
    for instant in ("2027-05-03T09:45:00+00:00", "2027-05-10T09:45:00+00:00"):  # 10:45 BST
        page = new_context(timezone_id="Europe/London").new_page()
        page.clock.set_fixed_time(dt.datetime.fromisoformat(instant))
        load(page, site_url + "find/?open=1")
        counts.append(len(shown(page)))
    holiday, week_after = counts
    assert week_after >= 4 and holiday <= week_after / 2, counts


# --- near me -----------------------------------------------------------------------------


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(h))


def _by_distance(directory: Directory, origin: tuple[float, float]) -> list[tuple[float, str]]:
    ranked = []
    for group in directory.groups:
        places = [
            (v.lat, v.lon) if v.lat is not None else directory.districts[v.postcode.split()[0]]
            for v in group.venues
        ]
        if places:
            ranked.append((min(_km(origin, p) for p in places), group.slug))
    return sorted(ranked)


def test_a_postcode_puts_the_nearest_group_first(page, site_url: str, directory: Directory):
    # The first of our districts whose nearest group is clearly nearest.
    for district in sorted(d for n in directory.neighbourhoods for d in n.postcode_districts):
        ranked = _by_distance(directory, directory.districts[district])
        if ranked[1][0] - ranked[0][0] > 0.05:
            break
    else:
        pytest.fail("no district has a single nearest group")
    load(page, site_url + "find/")
    open_more(page)
    page.fill("#find-near", f"{district.lower()} 1aa")
    page.click("button[type=submit]")
    page.wait_for_function("location.search.includes('near=')")
    assert shown(page)[0] == ranked[0][1]
    assert page.text_content(".find-near-note") == f"Nearest to {district} first."
    first = page.locator(SHOWN).first.locator(".find-distance")
    assert first.text_content().endswith("miles away")
    # Sorting keeps working alongside a filter, and survives a reload from the URL.
    load(page, page.url)
    assert shown(page)[0] == ranked[0][1]


def test_unknown_postcode_says_so(page, site_url: str, directory: Directory) -> None:
    load(page, site_url + "find/?near=ZZ9")
    assert "could not find" in page.text_content(".find-near-note")
    assert len(shown(page)) == len(directory.groups)


def test_use_my_location_sorts_by_the_device_position(
    new_context, site_url: str, directory: Directory
) -> None:
    venue_group = _by_distance(directory, directory.districts["M30"])[0][1]
    venue = directory.group(venue_group).venues[0]
    spot = {"latitude": venue.lat, "longitude": venue.lon}
    page = new_context(geolocation=spot, permissions=["geolocation"]).new_page()
    load(page, site_url + "find/")
    open_more(page)
    page.click("button.find-locate")
    page.wait_for_function(
        "document.querySelector('.find-near-note').textContent.includes('location')"
    )
    assert shown(page)[0] == _by_distance(directory, (venue.lat, venue.lon))[0][1]
    assert "near=" not in page.url  # a position is never put in the address


# --- shortlist ---------------------------------------------------------------------------


def test_shortlist_survives_a_reload_and_its_link_opens_in_a_fresh_browser(
    page, new_context, site_url: str, directory: Directory
) -> None:
    first, second = directory.groups[3], directory.groups[10]
    load(page, site_url + "find/")
    for group in (second, first):  # kept in the order they were added
        button = page.get_by_role("button", name=f"Add to shortlist: {group.name}", exact=True)
        assert button.get_attribute("aria-pressed") == "false"
        button.click()
        assert button.get_attribute("aria-pressed") == "true"
    page.reload()
    page.wait_for_selector("html[data-find=ready]")
    pressed = page.eval_on_selector_all(
        ".find-pick[aria-pressed=true]", "bs => bs.map(b => b.dataset.pick)"
    )
    assert sorted(pressed) == sorted([first.slug, second.slug])
    assert page.text_content(".find-shortlist-count") == " (2)"

    load(page, site_url + "shortlist/")
    assert shown(page) == [second.slug, first.slug]
    assert page.text_content(".find-count") == "2 groups on your shortlist."
    link = page.input_value("#find-share-url")
    assert link == f"{site_url}shortlist/?g={second.slug},{first.slug}"
    assert page.get_attribute(".find-sms", "href").startswith("sms:?&body=")

    phone = new_context().new_page()  # someone else's phone: nothing stored
    load(phone, link)
    assert shown(phone) == [second.slug, first.slug]
    assert phone.text_content(".find-count") == "2 groups shared with you."
    assert phone.evaluate("localStorage.getItem('directory-shortlist')") is None
    phone.click("button.find-keep")
    assert phone.evaluate("JSON.parse(localStorage.getItem('directory-shortlist'))") == [
        second.slug,
        first.slug,
    ]

    # Taking one off, on the group's own page, takes it off the list.
    load(page, f"{site_url}groups/{first.slug}/")
    page.get_by_role("button", name=f"Add to shortlist: {first.name}", exact=True).click()
    load(page, site_url + "shortlist/")
    assert shown(page) == [second.slug]


def test_a_shared_link_naming_object_builtins_shows_only_real_groups(
    page, site_url: str, directory: Directory
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    first = directory.groups[0]
    load(page, f"{site_url}shortlist/?g=__proto__,constructor,toString,{first.slug}")
    assert errors == []
    assert shown(page) == [first.slug]
    assert page.text_content(".find-count") == "1 group shared with you."


def test_empty_shortlist_says_how_to_add(page, site_url: str) -> None:
    page.goto(site_url + "shortlist/")
    page.wait_for_selector(".find-shortlist:not([hidden])")
    assert "empty" in page.text_content(".find-count")
    assert shown(page) == []
    assert page.locator(".find-share").is_hidden()


@pytest.mark.parametrize("path", ["find/", "needs/food/"])
def test_nothing_moves_when_the_data_arrives(page, site_url: str, path: str) -> None:
    """Someone may already be reading or tabbing when find.json loads: it must only fill in
    room already kept, not push the page down."""
    held = []
    page.route("**/data/find.json", lambda route: held.append(route))
    page.goto(site_url + path)
    page.wait_for_function("document.documentElement.classList.contains('find-js')")
    before = page.evaluate("document.documentElement.scrollHeight")
    assert page.locator(".find-status").first.text_content() == ""
    assert len(held) == 1
    held[0].continue_()
    page.wait_for_selector("html[data-find=ready]")
    assert page.locator(".find-status").first.text_content() != ""
    assert page.evaluate("document.documentElement.scrollHeight") == before


def test_a_group_page_shows_open_now_without_loading_find_json(page, site_url: str) -> None:
    fetched = []
    page.route("**/data/find.json", lambda route: (fetched.append(route), route.abort()))
    page.goto(site_url + "groups/eccles-friendship-lunch-club/")
    page.wait_for_selector("html[data-find=ready]")
    assert page.locator(".find-tools .find-status").text_content() != ""
    assert fetched == []


# --- accessibility -----------------------------------------------------------------------


@pytest.mark.parametrize("path", ["find/?lang=ur&near=M27", "shortlist/", "needs/food/?open=1"])
def test_find_pages_pass_axe_with_everything_showing(
    new_context, site_url: str, directory: Directory, path: str
) -> None:
    """The other axe tests see pages as they load; these open the fold, sort by distance,
    fill the shortlist and show its share box first."""
    page = new_context().new_page()
    slugs = [g.slug for g in directory.groups[:3]]
    page.add_init_script(f"localStorage.setItem('directory-shortlist', '{json.dumps(slugs)}')")
    load(page, site_url + path)
    if page.locator(".find-more").count():
        open_more(page)
    violations = run_axe(page)
    assert violations == [], describe(violations)


# --- without JavaScript ------------------------------------------------------------------


def test_without_javascript_every_group_is_reachable(
    new_context, site_url: str, directory: Directory
) -> None:
    """Find help lists its first page of groups and links every need and neighbourhood,
    whose pages list every group."""
    page = new_context(java_script_enabled=False).new_page()
    page.goto(site_url + "find/")
    first = [g.slug for g in directory.groups[: pages.PAGE_SIZE]]
    assert page.eval_on_selector_all(SHOWN, "cs => cs.map(c => c.dataset.slug)") == first
    assert page.locator(f"{SHOWN} a").first.is_visible()
    assert page.locator("form.find-form").is_hidden()  # filters need JavaScript
    assert page.locator(".find-pick").first.is_hidden()  # and so does the shortlist
    assert page.locator(".find-show-more").is_hidden()
    note = page.locator(".find-nojs", has_text="first")
    assert note.is_visible()
    for need in directory.needs:
        assert note.locator(f'a[href="../needs/{need.slug}/"]').count() == 1


def test_find_help_draws_the_rest_as_the_visitor_scrolls(
    page, site_url: str, directory: Directory
) -> None:
    assert len(directory.groups) > pages.PAGE_SIZE, "the sample cannot test drawing"
    load(page, site_url + "find/")
    drawn = "cs => cs.map(c => c.dataset.slug)"
    assert page.eval_on_selector_all(SHOWN, drawn) == [
        g.slug for g in directory.groups[: pages.PAGE_SIZE]
    ]
    total = len(directory.groups)
    assert page.text_content(".find-count") == f"Showing {total} of {total} groups."
    page.mouse.wheel(0, 100_000)
    page.wait_for_function(f"document.querySelectorAll({SHOWN!r}).length === {total}")
    assert page.locator(".find-show-more").is_hidden()
    # A drawn card is a whole card: open-now line and a working shortlist button.
    last = directory.groups[-1]
    card = page.locator(f'li[data-slug="{last.slug}"]')
    assert card.locator(".find-status").text_content() != ""
    card.get_by_role("button", name=f"Add to shortlist: {last.name}", exact=True).click()
    assert page.text_content(".find-shortlist-count") == " (1)"
