"""Opening-hours rules: open now and next open, in London time, across the clock changes.

Clock changes used here: Sunday 25 October 2026 (02:00 BST -> 01:00 GMT) and Sunday
28 March 2027 (01:00 GMT -> 02:00 BST), both at 01:00 UTC.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from directory.data import wording
from directory.data.directory import Directory, load_directory
from directory.data.models import DAYS, Closures, Group, TermDates
from directory.data.opening import (
    LONDON,
    Calendar,
    Status,
    bank_holidays,
    label,
    next_opening,
    open_until,
    runs_on,
    status,
    wall_instant,
    week_of_month,
)
from directory.data.problems import DataError
from hypothesis import given, settings
from hypothesis import strategies as st

from .project import ROOT, build_site, copy_project

UTC = dt.UTC
TERMS = TermDates.model_validate(
    {
        "terms": [
            {"name": "Autumn 1", "starts": "2026-09-03", "ends": "2026-10-23"},
            {"name": "Autumn 2", "starts": "2026-11-02", "ends": "2026-12-18"},
        ]
    }
)


def group(*sessions: dict) -> Group:
    return Group.model_validate(
        {
            "name": "Test group",
            "summary": "A group for tests.",
            "needs": ["food"],
            "neighbourhoods": ["swinton"],
            "contact": {"phone": "0161 496 0123"},
            "last_reviewed": "2026-09-14",
            "sessions": list(sessions),
        }
    )


def at(text: str, zone: str = "Europe/London") -> dt.datetime:
    """A wall-clock time in a zone: at('2026-10-25 01:30')."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(zone))


def utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=UTC)


def says(g: Group, now: dt.datetime, terms: TermDates | None = TERMS) -> str:
    return label(status(g, now, terms), now)


TUESDAY = {"day": "tuesday", "opens": "10:00", "closes": "12:00"}
CHECK = "Check with the group: term dates not known yet"


# --- weekly sessions ---------------------------------------------------------------------


def test_weekly_session_open_and_next() -> None:
    g = group(TUESDAY)
    assert says(g, at("2026-11-24 09:00")) == "Opens today 10:00"
    assert says(g, at("2026-11-24 10:00")) == "Open now until 12:00"
    assert says(g, at("2026-11-24 11:59")) == "Open now until 12:00"
    assert says(g, at("2026-11-24 12:00")) == "Opens Tuesday 1 December 10:00"
    assert says(g, at("2026-11-26 15:00")) == "Opens Tuesday 10:00"
    assert next_opening(g, at("2026-11-24 12:00"), None) == at("2026-12-01 10:00")


def test_answer_does_not_depend_on_the_device_time_zone() -> None:
    g = group(TUESDAY)
    london = at("2026-07-14 10:30")  # BST
    for zone in ("UTC", "America/New_York", "Asia/Karachi", "Pacific/Auckland"):
        assert says(g, london.astimezone(ZoneInfo(zone))) == "Open now until 12:00"
    # 10:30 UTC in summer is 11:30 in London; in winter it is 10:30.
    assert open_until(g, utc("2026-07-14 10:30"), None) == at("2026-07-14 12:00")
    assert open_until(g, utc("2026-07-14 11:30"), None) is None
    assert open_until(g, utc("2026-12-01 11:30"), None) == at("2026-12-01 12:00")


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        status(group(TUESDAY), dt.datetime(2026, 11, 24, 10), None)


def test_next_more_than_a_week_away_names_the_date() -> None:
    g = group({**TUESDAY, "weeks_of_month": [1]})
    assert says(g, at("2026-11-26 09:00")) == "Opens Tuesday 10:00"  # 1 December
    assert says(g, at("2026-12-01 12:30")) == "Opens Tuesday 5 January 10:00"


def test_sessions_that_meet_count_as_one_opening() -> None:
    g = group(TUESDAY, {"day": "tuesday", "opens": "12:00", "closes": "14:00"})
    assert says(g, at("2026-11-24 11:00")) == "Open now until 14:00"
    apart = group(TUESDAY, {"day": "tuesday", "opens": "13:00", "closes": "14:00"})
    assert says(apart, at("2026-11-24 11:00")) == "Open now until 12:00"
    assert says(apart, at("2026-11-24 12:30")) == "Opens today 13:00"


# --- clock changes -----------------------------------------------------------------------


def test_spring_forward_session_at_0130_opens_when_the_clocks_jump() -> None:
    g = group({"day": "sunday", "opens": "01:30", "closes": "03:00"})
    assert wall_instant(dt.date(2027, 3, 28), dt.time(1, 30)) == utc("2027-03-28 01:00")
    assert open_until(g, utc("2027-03-28 00:59"), None) is None  # 00:59 GMT
    assert says(g, utc("2027-03-28 00:59")) == "Opens today 02:00"
    assert says(g, utc("2027-03-28 01:00")) == "Open now until 03:00"  # 02:00 BST
    assert says(g, utc("2027-03-28 01:59")) == "Open now until 03:00"
    assert says(g, utc("2027-03-28 02:00")) == "Opens Sunday 4 April 01:30"  # 03:00 BST
    assert next_opening(g, utc("2027-03-28 02:00"), None) == utc("2027-04-04 00:30")


def test_spring_forward_session_ending_in_the_skipped_hour() -> None:
    g = group({"day": "sunday", "opens": "00:30", "closes": "01:30"})
    assert says(g, utc("2027-03-28 00:45")) == "Open now until 02:00"
    assert open_until(g, utc("2027-03-28 01:00"), None) is None


def test_fall_back_session_at_0130_means_the_first_0130() -> None:
    g = group({"day": "sunday", "opens": "01:30", "closes": "02:30"})
    assert wall_instant(dt.date(2026, 10, 25), dt.time(1, 30)) == utc("2026-10-25 00:30")
    assert says(g, utc("2026-10-25 00:15")) == "Opens today 01:30"  # 01:15 BST
    assert says(g, utc("2026-10-25 00:30")) == "Open now until 02:30"  # 01:30 BST
    assert says(g, utc("2026-10-25 01:15")) == "Open now until 02:30"  # 01:15 GMT
    assert says(g, utc("2026-10-25 02:29")) == "Open now until 02:30"
    assert open_until(g, utc("2026-10-25 02:30"), None) is None  # 02:30 GMT


def test_fall_back_session_closing_at_0130_closes_at_the_first_0130() -> None:
    g = group({"day": "sunday", "opens": "00:30", "closes": "01:30"})
    assert says(g, utc("2026-10-24 23:30")) == "Open now until 01:30"  # 00:30 BST
    assert open_until(g, utc("2026-10-25 00:30"), None) is None  # first 01:30, BST
    # The clocks show 01:15 again an hour later, but the session has finished.
    assert open_until(g, utc("2026-10-25 01:15"), None) is None


@pytest.mark.parametrize(
    ("sunday", "before", "after"),
    [
        # clocks go forward: Saturday 10:00 is 10:00 UTC, Sunday 10:00 is 09:00 UTC
        ("2027-03-28", "2027-03-27 10:00", "2027-03-28 09:00"),
        # clocks go back: Saturday 10:00 is 09:00 UTC, Sunday 10:00 is 10:00 UTC
        ("2026-10-25", "2026-10-24 09:00", "2026-10-25 10:00"),
    ],
)
def test_sessions_either_side_of_a_clock_change(sunday: str, before: str, after: str) -> None:
    weekend = group(
        {"day": "saturday", "opens": "10:00", "closes": "12:00"},
        {"day": "sunday", "opens": "10:00", "closes": "12:00"},
    )
    saturday_open = utc(before)
    assert open_until(weekend, saturday_open, None) == saturday_open + dt.timedelta(hours=2)
    assert open_until(weekend, saturday_open - dt.timedelta(minutes=1), None) is None
    assert next_opening(weekend, saturday_open, None) == utc(after)
    sunday_open = utc(after)
    assert says(weekend, sunday_open) == "Open now until 12:00"
    assert open_until(weekend, sunday_open - dt.timedelta(minutes=1), None) is None
    assert says(weekend, sunday_open + dt.timedelta(minutes=119)) == "Open now until 12:00"
    assert open_until(weekend, sunday_open + dt.timedelta(hours=2), None) is None
    assert sunday_open.astimezone(LONDON).date().isoformat() == sunday


WALL_TIMES = st.times().map(lambda t: t.replace(second=0, microsecond=0, tzinfo=None))


@settings(max_examples=300, deadline=None)
@given(
    instant=st.datetimes(dt.datetime(2026, 1, 1), dt.datetime(2028, 12, 31)),
    opens=WALL_TIMES,
    hours=st.integers(1, 6),
)
def test_on_ordinary_days_open_means_the_wall_clock_is_inside(
    instant: dt.datetime, opens: dt.time, hours: int
) -> None:
    """Away from the two change nights, 'open' is simply opens <= wall clock < closes."""
    now = instant.replace(tzinfo=UTC)
    local = now.astimezone(LONDON)
    closes_at = dt.datetime.combine(local.date(), opens) + dt.timedelta(hours=hours)
    if closes_at.date() != local.date():
        return
    day = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")[
        local.weekday()
    ]
    g = group({"day": day, "opens": f"{opens:%H:%M}", "closes": f"{closes_at:%H:%M}"})
    midnight = dt.datetime.combine(local.date(), dt.time(), LONDON)
    tomorrow = dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(), LONDON)
    if midnight.utcoffset() != tomorrow.utcoffset():
        return  # a clock-change day: covered by the tests above
    wall = local.time().replace(tzinfo=None)
    assert (open_until(g, now, None) is not None) == (opens <= wall < closes_at.time())


# --- weeks of the month ------------------------------------------------------------------


def test_fifth_week_is_the_fifth_of_that_weekday() -> None:
    fifth = group({**TUESDAY, "weeks_of_month": [5]})
    session = fifth.sessions[0]
    # December 2026 starts on a Tuesday: 1, 8, 15, 22, 29.
    assert week_of_month(dt.date(2026, 12, 29)) == 5
    assert runs_on(session, dt.date(2026, 12, 29), None)
    assert not runs_on(session, dt.date(2026, 12, 22), None)
    assert next_opening(fifth, at("2026-12-01 09:00"), None) == at("2026-12-29 10:00")
    # The next month with five Tuesdays is March 2027 (2, 9, 16, 23, 30).
    assert next_opening(fifth, at("2026-12-29 12:00"), None) == at("2027-03-30 10:00")
    assert says(fifth, at("2026-12-29 12:00")) == "Opens Tuesday 30 March 10:00"


def test_first_and_third() -> None:
    g = group({**TUESDAY, "weeks_of_month": [1, 3]})
    tuesdays = [dt.date(2026, 12, d) for d in (1, 8, 15, 22, 29)]
    assert [runs_on(g.sessions[0], d, None) for d in tuesdays] == [True, False, True, False, False]


# --- term time ---------------------------------------------------------------------------


def test_term_time_only_runs_in_term_not_in_half_term() -> None:
    g = group({"day": "wednesday", "opens": "15:30", "closes": "17:00", "term_time_only": True})
    assert says(g, at("2026-10-21 16:00")) == "Open now until 17:00"  # in term
    assert open_until(g, at("2026-10-28 16:00"), TERMS) is None  # half term
    assert says(g, at("2026-10-28 16:00")) == "Opens Wednesday 4 November 15:30"
    assert next_opening(g, at("2026-10-21 17:00"), TERMS) == at("2026-11-04 15:30")


def test_term_edges_and_holidays() -> None:
    session = group({"day": "thursday", "opens": "09:00", "closes": "10:00",
                     "term_time_only": True}).sessions[0]  # fmt: skip
    assert runs_on(session, dt.date(2026, 9, 3), TERMS)  # first day of term
    assert not runs_on(session, dt.date(2026, 8, 27), TERMS)  # summer holiday
    assert runs_on(session, dt.date(2026, 12, 17), TERMS)
    assert not runs_on(session, dt.date(2026, 12, 24), TERMS)  # Christmas holiday
    assert not runs_on(session, dt.date(2026, 10, 22), None)  # no term dates known


def test_term_time_group_with_no_term_dates_says_check() -> None:
    g = group({"day": "wednesday", "opens": "15:30", "closes": "17:00", "term_time_only": True})
    assert status(g, at("2026-10-21 16:00"), None) == Status("check")
    assert says(g, at("2026-10-21 16:00"), None) == CHECK


def test_term_dates_file_loads_and_is_checked(tmp_path: Path) -> None:
    terms = load_directory(ROOT).terms
    assert terms is not None and len(terms.terms) >= 6
    assert terms.in_term(dt.date(2026, 10, 1)) and not terms.in_term(dt.date(2026, 10, 28))
    project = copy_project(tmp_path)
    (project / "terms.yaml").write_text(
        "terms:\n  - name: Autumn\n    starts: 2026-09-03\n    ends: 2026-09-01\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as error:
        load_directory(project)
    assert "terms.yaml:4: terms[0].ends: must not be before starts (2026-09-03)" in str(error.value)


def test_term_dates_out_of_order_are_refused() -> None:
    with pytest.raises(ValueError, match="must start after"):
        TermDates.model_validate(
            {
                "terms": [
                    {"name": "Spring", "starts": "2027-01-05", "ends": "2027-02-12"},
                    {"name": "Autumn", "starts": "2026-09-03", "ends": "2026-10-23"},
                ]
            }
        )


# --- by appointment ----------------------------------------------------------------------


def test_by_appointment_is_never_open_now() -> None:
    timed = group({**TUESDAY, "by_appointment": True})
    assert open_until(timed, at("2026-11-24 11:00"), TERMS) is None
    assert says(timed, at("2026-11-24 11:00")) == "By appointment"
    assert says(group({"by_appointment": True}), at("2026-11-24 11:00")) == "By appointment"
    mixed = group({"by_appointment": True}, TUESDAY)
    assert says(mixed, at("2026-11-24 11:00")) == "Open now until 12:00"


def test_no_sessions_says_get_in_touch() -> None:
    assert says(group(), at("2026-11-24 11:00")) == "Get in touch to check times"


# --- seasons, courses, closed dates and bank holidays ------------------------------------

WINTER = ["october", "november", "december", "january", "february", "march"]
# England and Wales, from the holidays library, for the years the tests use.
CALENDAR = Calendar(TERMS, Closures(), bank_holidays("england-and-wales", range(2026, 2029)))


def says_on(g: Group, now: dt.datetime, cal: Calendar = CALENDAR) -> str:
    return label(status(g, now, cal), now)


def test_a_winter_session_runs_from_its_first_month_to_its_last() -> None:
    g = group({"day": "wednesday", "opens": "12:00", "closes": "16:00", "months": WINTER})
    assert says_on(g, at("2027-03-31 13:00")) == "Open now until 16:00"  # last day of March
    assert says_on(g, at("2027-04-07 13:00")) == (
        "Runs October to March. Opens Wednesday 6 October 12:00"
    )
    first = "Runs October to March. Opens Wednesday 7 October 12:00"
    assert says_on(g, at("2026-09-30 13:00")) == first
    assert says_on(g, at("2026-10-07 13:00")) == "Open now until 16:00"


def test_months_may_be_numbers_and_the_season_reads_as_words() -> None:
    g = group({"day": "saturday", "opens": "09:30", "closes": "11:00", "months": [4, 5, 6, 7]})
    assert g.sessions[0].months == ["april", "may", "june", "july"]
    assert wording.season(g.sessions[0].months) == "April to July"
    assert wording.season(["december"]) == "December only"
    assert wording.season(WINTER) == "October to March"
    assert wording.when(g.sessions[0]) == "Every Saturday, 09:30 to 11:00 (April to July)"


def test_a_course_says_new_course_until_it_starts_and_nothing_after_it_ends() -> None:
    course = {"day": "tuesday", "opens": "18:30", "closes": "19:30"}
    g = group({**course, "from": "2027-01-12", "until": "2027-03-09"})
    assert says_on(g, at("2026-12-15 09:00")) == "Next: 12 January 18:30 (new course)"
    assert says_on(g, at("2027-01-12 18:45")) == "Open now until 19:30"
    assert says_on(g, at("2027-03-09 20:00")) == "Get in touch to check times"
    assert wording.when(g.sessions[0]) == (
        "Every Tuesday, 18:30 to 19:30 (12 January to 9 March 2027)"
    )


def test_bank_holidays_close_a_group_unless_it_says_it_opens() -> None:
    friday = {"day": "friday", "opens": "12:00", "closes": "14:00"}
    g = group(friday)
    christmas = at("2026-12-25 12:30")
    assert open_until(g, christmas, CALENDAR) is None
    assert says_on(g, christmas) == "Closed today (bank holiday). Opens Friday 8 January 12:00"
    assert says_on(g, at("2026-12-18 12:30")) == "Open now until 14:00"
    assert says_on(g, christmas, Calendar()) == "Open now until 14:00"  # no bank holidays known
    opens = Group.model_validate({**g.model_dump(), "open_on_bank_holidays": True})
    assert says_on(opens, christmas) == "Open now until 14:00"


def test_bank_holidays_come_from_the_library_for_the_region() -> None:
    england = bank_holidays("england-and-wales", range(2027, 2028))
    scotland = bank_holidays("scotland", range(2027, 2028))
    for day in ("2027-03-29", "2027-05-03", "2027-08-30", "2027-12-27"):
        assert dt.date.fromisoformat(day) in england
    assert dt.date(2027, 8, 2) in scotland and dt.date(2027, 8, 2) not in england
    assert dt.date(2027, 3, 29) not in scotland  # no Easter Monday in Scotland


def test_own_closed_dates_and_shared_closures() -> None:
    tuesday = group(TUESDAY)
    closed = Group.model_validate(
        {**tuesday.model_dump(), "closed": [{"from": "2026-12-01", "reason": "venue refit"}]}
    )
    refit = at("2026-12-01 10:30")
    assert says_on(tuesday, refit) == "Open now until 12:00"
    assert says_on(closed, refit) == "Closed today (venue refit). Opens Tuesday 8 December 10:00"
    no_reason = Group.model_validate({**tuesday.model_dump(), "closed": [{"from": "2026-12-01"}]})
    assert says_on(no_reason, refit) == "Closed today. Opens Tuesday 8 December 10:00"
    shared = Closures.model_validate(
        {
            "closures": [
                {"name": "Christmas and New Year", "from": "2026-12-29", "until": "2026-12-31"}
            ]
        }
    )
    cal = Calendar(TERMS, shared, CALENDAR.bank_holidays)
    between = at("2026-12-29 10:30")
    assert says_on(tuesday, between, cal) == (
        "Closed today (Christmas and New Year). Opens Tuesday 5 January 10:00"
    )
    stays = Group.model_validate({**tuesday.model_dump(), "open_during_closures": True})
    assert says_on(stays, between, cal) == "Open now until 12:00"


def test_term_time_after_the_last_term_says_check_with_the_group() -> None:
    g = group({"day": "wednesday", "opens": "15:30", "closes": "17:00", "term_time_only": True})
    assert says_on(g, at("2026-12-16 16:00")) == "Open now until 17:00"  # last week of term
    assert says_on(g, at("2026-12-16 17:30")) == CHECK  # TERMS end on 18 December
    assert runs_on(g.sessions[0], dt.date(2027, 1, 6), TERMS) is None
    weekly_first = group(
        {"day": "monday", "opens": "10:00", "closes": "11:00"},
        {"day": "wednesday", "opens": "15:30", "closes": "17:00", "term_time_only": True},
    )
    # A known session before any unknown one is still a sure answer.
    assert says_on(weekly_first, at("2027-01-03 12:00")) == "Opens Monday 10:00"


def test_times_read_compactly() -> None:
    weekdays = [{"day": d, "opens": "12:00", "closes": "16:00"} for d in DAYS[:5]]
    assert wording.when_short(group(*weekdays)) == "Mon–Fri 12:00–16:00"
    first_third = {"day": "saturday", "opens": "10:00", "closes": "12:00", "weeks_of_month": [1, 3]}
    assert wording.when_short(group(first_third)) == "1st and 3rd Saturday 10:00–12:00"
    mixed = group(*weekdays[:2], weekdays[3], {**TUESDAY, "months": WINTER})
    assert wording.when_short(mixed) == (
        "Mon, Tue and Thu 12:00–16:00; Tuesday 10:00–12:00 (October to March)"
    )


def test_closed_facts_for_the_page(tmp_path: Path) -> None:
    g = Group.model_validate(
        {
            **group(TUESDAY).model_dump(),
            "closed": [
                {"from": "2026-12-24", "until": "2027-01-01", "reason": "Christmas break"},
                {"from": "2026-06-01"},
            ],
        }
    )
    on = dt.date(2026, 12, 1)
    shared = Closures.model_validate(
        {"closures": [{"name": "New Year", "from": "2026-12-31", "until": "2027-01-01"}]}
    )
    assert wording.closed_facts(g, Closures(), on) == (
        "Closed on bank holidays and 24 December 2026 to 1 January 2027 (Christmas break)"
    )  # the June date is past
    assert wording.closed_facts(g, shared, on) == wording.closed_facts(g, Closures(), on)
    opens = Group.model_validate({**g.model_dump(), "open_on_bank_holidays": True, "closed": []})
    assert wording.closed_facts(opens, shared, on) == (
        "Open on bank holidays; closed 31 December 2026 to 1 January 2027 (New Year)"
    )
    assert "Closed 24 December 2026 to 1 January 2027" in wording.when_short(g)


def test_closures_file_loads_and_bad_dates_are_refused(tmp_path: Path) -> None:
    sample = load_directory(ROOT)
    assert sample.closures.bank_holidays == "england-and-wales"
    assert dt.date(2026, 12, 25) in sample.calendar.bank_holidays
    project = copy_project(tmp_path)
    (project / "closures.yaml").write_text(
        "bank_holidays: wales\nclosures:\n  - name: Christmas\n    from: 2026-12-31\n"
        "    until: 2026-12-29\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as error:
        load_directory(project)
    report = str(error.value)
    assert "closures.yaml:1: bank_holidays:" in report
    assert "closures.yaml:5: closures[0].until: must not be before from (2026-12-31)" in report


# --- the sample data says the truth (the browser tests check find.js says the same) ------


@pytest.fixture(scope="module")
def sample() -> Directory:
    return load_directory(ROOT)


def _open(sample: Directory, when: str) -> set[str]:
    now = at(when)
    return {g.slug for g in sample.groups if open_until(g, now, sample.calendar)}


CHRISTMAS_THREE = {"barton-warm-welcome-space", "ordsall-community-kitchen", "ordsall-reuse-hub"}


def test_sample_christmas_day_and_the_friday_before(sample: Directory) -> None:
    assert not CHRISTMAS_THREE & _open(sample, "2026-12-25 12:30")
    assert CHRISTMAS_THREE <= _open(sample, "2026-12-18 12:30")


def test_sample_seasons(sample: Directory) -> None:
    barton = "barton-warm-welcome-space"
    assert barton not in _open(sample, "2027-07-06 13:00")
    assert barton in _open(sample, "2026-11-10 13:00")
    irlam = sample.group("irlam-walking-football")
    for when in ("2026-12-05 10:00", "2026-12-05 08:00"):
        assert irlam.slug not in _open(sample, when)
        assert "today" not in says_on(irlam, at(when), sample.calendar)
    assert irlam.slug in _open(sample, "2027-05-08 10:00")


def test_sample_early_may_bank_holiday(sample: Directory) -> None:
    holiday, week_after = _open(sample, "2027-05-03 10:45"), _open(sample, "2027-05-10 10:45")
    assert len(week_after) >= 4
    assert len(holiday) <= len(week_after) / 2


def test_sample_page_card_and_handout_show_season_and_closed_dates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Barton Warm Welcome Space runs October to March and is closed 24 December to
    1 January: its page, a card and a handout say so (built as on 1 December 2026)."""
    monkeypatch.setenv(
        "SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 12, 1, tzinfo=UTC).timestamp()))
    )
    site, _ = build_site(copy_project(tmp_path / "project"), tmp_path / "site")
    closed = "24 December 2026 to 1 January 2027 (Christmas break)"
    page = (site / "groups/barton-warm-welcome-space/index.html").read_text("utf-8")
    card_page = (site / "needs/fuel-poverty/index.html").read_text("utf-8")
    handout = (site / "handouts/eccles-irlam/fuel-poverty/index.html").read_text("utf-8")
    # Five weekday sessions read as one line, with the season.
    assert "Mon–Fri 12:00–16:00 (October to March) at Barton Lane Church Hall" in page
    when = page.split('<ul class="dir-when">')[1].split("</ul>")[0]
    assert when.count("<li>") == 3  # weekdays, the 1st Monday drop-in, closures
    assert f"Closed on bank holidays and {closed}" in page
    for html in (card_page, handout):
        assert "Mon–Fri 12:00–16:00, 1st Monday 13:00–15:00 (October to March)" in html
        assert f"Closed {closed}" in html
    # A stale entry warns wherever its times show.
    stale = "May be out of date: last checked 11 March 2025"
    irlam = (site / "groups/irlam-walking-football/index.html").read_text("utf-8")
    assert "This entry may be out of date" in irlam
    assert stale in (site / "needs/physical-activity/index.html").read_text("utf-8")
    # The neighbourhood's handout, in whichever of its parts the group falls.
    parts = [site / "handouts/eccles-irlam/index.html"]
    parts += sorted((site / "handouts/eccles-irlam").glob("part-*/index.html"))
    assert any(stale in part.read_text("utf-8") for part in parts)


def test_oruk_schedules_carry_seasons_courses_and_closures(sample: Directory) -> None:
    from directory.opendata import oruk

    from .oruk.validation import errors

    site = "https://example.org/directory/"
    barton = oruk.service_full(sample, sample.group("barton-warm-welcome-space"), site)
    *sessions, closed = barton["schedules"]
    assert all(s["description"].endswith("(October to March)") for s in sessions)
    assert "Christmas break" in closed["description"] and "byday" not in closed
    course = oruk.service_full(sample, sample.group("quays-couch-to-5k-club"), site)
    dated = [(s["valid_from"], s["valid_to"]) for s in course["schedules"] if "valid_from" in s]
    assert ("2027-01-12", "2027-03-13") in dated
    for service in (barton, course):
        assert errors("service.json", service) == []


def test_schema_org_hours_carry_course_dates(sample: Directory) -> None:
    from directory.opendata import jsonld

    course = sample.group("quays-couch-to-5k-club").sessions[2]
    hours = jsonld.opening_hours(course)
    assert (hours["validFrom"], hours["validThrough"]) == ("2027-01-12", "2027-03-13")
    assert "validFrom" not in jsonld.opening_hours(
        sample.group("irlam-walking-football").sessions[0]
    )
