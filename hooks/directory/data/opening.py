"""Opening-hours rules: is a group open now, and when is it next on?

Times in group files are London wall-clock times. Every function takes an explicit,
time-zone-aware `now` and works in Europe/London, whatever the machine's zone. find.js
implements the same rules for the live answer in the browser, reading the data
`find_data` and `group_find_data` write into find.json (bank holidays included, so there
is no holiday logic in JavaScript); keep the two in step.

The rules, in words:
- A session runs on its weekday; with `weeks_of_month` only on those occurrences of the
  weekday in the month (the 5th Tuesday is the 29th, 30th or 31st); with `months` only in
  those months; with `from`/`until` only between those dates (both included).
- A term-time session runs on days inside a term in terms.yaml, not in the gaps. Before
  the first term or after the last (or with no terms.yaml) nobody knows: such a day makes
  the answer "check with the group" rather than a guess.
- A group is closed, whatever its sessions, on bank holidays (unless
  `open_on_bank_holidays`), on its own `closed` dates, and on the dates in closures.yaml
  (unless `open_during_closures`).
- By-appointment sessions are never "open now" and never "next": people book a time.
- A session opens at the first moment London clocks show its opening time or later, and
  closes likewise. On the last Sunday of March the clocks jump from 01:00 to 02:00, so a
  01:30 session opens at 02:00 BST; on the last Sunday of October 01:00 to 02:00 happens
  twice, and a 01:30 time means the first 01:30 (BST).
- Sessions that meet or overlap (10:00-12:00 and 12:00-14:00) count as one opening.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal
from zoneinfo import ZoneInfo

import holidays

from . import wording
from .models import DAYS, MONTHS, Closures, Group, Session, TermDates

LONDON = ZoneInfo("Europe/London")
UTC = dt.UTC
# How far ahead to look for the next session: long enough for a summer holiday, a winter-only
# session seen in spring, and a 5th-week session in a year with few 5th weekdays.
HORIZON_DAYS = 370
# The `holidays` library's names for the UK's three sets of bank holidays.
SUBDIVISIONS = {"england-and-wales": "ENG", "scotland": "SCT", "northern-ireland": "NIR"}

Kind = Literal["open", "next", "appointment", "ask", "check"]


@dataclass(frozen=True)
class Calendar:
    """The dates every group's times depend on: terms, bank holidays, shared closures."""

    terms: TermDates | None = None
    closures: Closures = field(default_factory=Closures)
    bank_holidays: frozenset[dt.date] = frozenset()


def bank_holidays(region: str, years: range) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("GB", subdiv=SUBDIVISIONS[region], years=years))


def calendar(terms: TermDates | None, closures: Closures, on: dt.date) -> Calendar:
    """The calendar for a site built on `on`: bank holidays from last year to two years
    ahead, which covers every `now` a page can be read at and HORIZON_DAYS after it."""
    years = range(on.year - 1, on.year + 3)
    return Calendar(terms, closures, bank_holidays(closures.bank_holidays, years))


def _calendar(value: Calendar | TermDates | None) -> Calendar:
    if isinstance(value, Calendar):
        return value
    return Calendar(terms=value)


@dataclass(frozen=True)
class Status:
    """What a card says about time: open until `at`, next on at `at`, or no time at all.
    `closed` says why a group that meets today is closed; `season` that the next opening
    is after a break between seasons; `course` that it starts a new course."""

    kind: Kind
    at: dt.datetime | None = None
    closed: str | None = None
    season: str | None = None
    course: bool = False


def london(now: dt.datetime) -> dt.datetime:
    if now.tzinfo is None:
        raise ValueError("now must be time-zone aware")
    return now.astimezone(LONDON)


def _utc(now: dt.datetime) -> dt.datetime:
    # Instants are compared in UTC: Python compares two London times by their wall
    # clocks, so 01:15 GMT would come before 01:30 BST on the night the clocks go back.
    return london(now).astimezone(UTC)


def week_of_month(day: dt.date) -> int:
    """1 for the first of that weekday in the month, ... 5 for the fifth."""
    return (day.day - 1) // 7 + 1


def in_season(session: Session, day: dt.date) -> bool:
    return not session.months or MONTHS[day.month - 1] in session.months


def runs_on(session: Session, day: dt.date, cal: Calendar | TermDates | None = None) -> bool | None:
    """Whether a timed (not by-appointment) session happens on `day`, closures aside:
    True, False, or None when nobody knows (term time outside the known term dates)."""
    if session.by_appointment or session.day is None:
        return False
    if DAYS[day.weekday()] != session.day:
        return False
    if session.weeks_of_month and week_of_month(day) not in session.weeks_of_month:
        return False
    if not in_season(session, day):
        return False
    if (session.from_ and day < session.from_) or (session.until and day > session.until):
        return False
    if session.term_time_only:
        terms = _calendar(cal).terms
        if terms is None or not terms.terms:
            return None
        if not terms.terms[0].starts <= day <= terms.terms[-1].ends:
            return None
        return terms.in_term(day)
    return True


def closed_because(group: Group, day: dt.date, cal: Calendar | TermDates | None) -> str | None:
    """Why the group is shut all day on `day` ('bank holiday', 'Christmas break'), or None."""
    cal = _calendar(cal)
    if day in cal.bank_holidays and not group.open_on_bank_holidays:
        return "bank holiday"
    for closed in group.closed:
        if closed.from_ <= day <= closed.last:
            return closed.reason or "closed"
    if not group.open_during_closures:
        for closure in cal.closures.closures:
            if closure.from_ <= day <= closure.until:
                return closure.name
    return None


def _wall(instant: dt.datetime) -> dt.datetime:
    return instant.astimezone(LONDON).replace(tzinfo=None, fold=0)


def wall_instant(day: dt.date, time: dt.time) -> dt.datetime:
    """The first moment (in UTC) London clocks on `day` show `time` or later."""
    naive = dt.datetime.combine(day, time)
    for fold in (0, 1):  # fold=0 is the first of two readings when the clocks go back
        candidate = naive.replace(tzinfo=LONDON, fold=fold).astimezone(UTC)
        if _wall(candidate) == naive:
            return candidate
    # The clocks skip this time: find the minute they jump, between the two readings.
    low, high = sorted(naive.replace(tzinfo=LONDON, fold=f).astimezone(UTC) for f in (0, 1))
    while high - low > dt.timedelta(minutes=1):
        middle = low + (high - low) // 2
        middle -= dt.timedelta(seconds=middle.second, microseconds=middle.microsecond)
        if _wall(middle) >= naive:
            high = middle
        else:
            low = middle
    return high


@dataclass(frozen=True, order=True)
class _Span:
    opens: dt.datetime
    closes: dt.datetime
    known: bool  # False: a term-time session on a day outside the known term dates
    session: Session = field(compare=False)


def _spans(group: Group, day: dt.date, cal: Calendar) -> list[_Span]:
    if closed_because(group, day, cal):
        return []
    spans = []
    for s in group.sessions:
        runs = runs_on(s, day, cal) if s.opens and s.closes else False
        if runs is not False:
            spans.append(
                _Span(wall_instant(day, s.opens), wall_instant(day, s.closes), bool(runs), s)
            )
    return sorted(spans)


def open_until(
    group: Group, now: dt.datetime, cal: Calendar | TermDates | None
) -> dt.datetime | None:
    """When (in UTC) the group closes if it is surely open at `now`, else None."""
    now = _utc(now)
    until = None
    for span in _spans(group, london(now).date(), _calendar(cal)):
        if not span.known:
            continue
        if span.opens <= now < span.closes or (until is not None and span.opens <= until):
            until = span.closes if until is None else max(until, span.closes)
    return until


def _next(group: Group, now: dt.datetime, cal: Calendar) -> list[_Span]:
    """The spans that could be the next opening: those starting first after `now`, or an
    unknown one (a term-time day nobody knows about) that has not ended yet."""
    today = london(now).date()
    for ahead in range(HORIZON_DAYS + 1):
        spans = [
            s
            for s in _spans(group, today + dt.timedelta(days=ahead), cal)
            if s.opens > now or (not s.known and s.closes > now)
        ]
        if spans:
            first = min(s.opens for s in spans)
            return [s for s in spans if s.opens == first]
    return []


def next_opening(
    group: Group, now: dt.datetime, cal: Calendar | TermDates | None
) -> dt.datetime | None:
    """The next time (in UTC) the group surely opens after `now`, within HORIZON_DAYS."""
    spans = _next(group, _utc(now), _calendar(cal))
    return spans[0].opens if spans and all(s.known for s in spans) else None


def status(group: Group, now: dt.datetime, cal: Calendar | TermDates | None) -> Status:
    cal = _calendar(cal)
    now = _utc(now)
    until = open_until(group, now, cal)
    if until is not None:
        return Status("open", until)
    spans = _next(group, now, cal)
    if spans and not all(s.known for s in spans):
        return Status("check")
    if spans:
        today = london(now).date()
        closed = closed_because(group, today, cal)
        if closed and not any(runs_on(s, today, cal) is not False for s in group.sessions):
            closed = None  # it would not have met today anyway
        course = any(s.session.from_ and today < s.session.from_ for s in spans)
        away = [s.session for s in spans if not in_season(s.session, today)]
        season = None
        if not course and len(away) == len(spans):
            season = min(wording.season(s.months or []) for s in away)
        return Status("next", spans[0].opens, closed, season, course)
    if any(s.by_appointment for s in group.sessions):
        return Status("appointment")
    return Status("ask")


def label(state: Status, now: dt.datetime) -> str:
    """'Open now until 15:00', 'Opens today 18:00', 'Opens Tuesday 10:00' (this week),
    'Opens Tuesday 15 December 10:00' (later), with 'Closed today (bank holiday). ' or
    'Runs October to March. ' before it, or 'Next: 12 January 18:30 (new course)';
    'By appointment', 'Get in touch to check times'."""
    if state.kind == "appointment":
        return "By appointment"
    if state.kind == "check":
        return "Check with the group: term dates not known yet"
    if state.kind == "ask" or state.at is None:
        return "Get in touch to check times"
    at = state.at.astimezone(LONDON)
    clock = f"{at:%H:%M}"
    if state.kind == "open":
        return f"Open now until {clock}"
    before = ""
    if state.closed:  # a closed date with no reason given says just that
        before = (
            "Closed today. " if state.closed == "closed" else f"Closed today ({state.closed}). "
        )
    if state.course:
        return f"{before}Next: {at.day} {wording.MONTH_NAMES[at.month - 1]} {clock} (new course)"
    if state.season:
        before += f"Runs {state.season}. "
    days = (at.date() - london(now).date()).days
    weekday = DAYS[at.weekday()].capitalize()
    if days == 0:
        return f"{before}Opens today {clock}"
    if days < 7:
        return f"{before}Opens {weekday} {clock}"
    return f"{before}Opens {weekday} {at.day} {wording.MONTH_NAMES[at.month - 1]} {clock}"


# --- what find.js reads (finder.py puts it into find.json) -------------------------------


def find_data(cal: Calendar) -> dict:
    """The dates every group shares, with bank holidays worked out here, not in JavaScript."""
    terms = cal.terms.terms if cal.terms else []
    return {
        "terms": [[t.starts.isoformat(), t.ends.isoformat()] for t in terms],
        "bankHolidays": sorted(day.isoformat() for day in cal.bank_holidays),
        "closures": [
            [c.from_.isoformat(), c.until.isoformat(), c.name] for c in cal.closures.closures
        ],
    }


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def group_find_data(group: Group) -> dict:
    """One group's times for find.js. Each session is [weekday 0-6 from Monday, opens,
    closes, weeks, term time only, months 1-12, from, until, season words]."""
    sessions = sorted(
        [
            DAYS.index(s.day),
            f"{s.opens:%H:%M}",
            f"{s.closes:%H:%M}",
            sorted(s.weeks_of_month or []),
            int(s.term_time_only),
            sorted(MONTHS.index(m) + 1 for m in s.months or []),
            _iso(s.from_),
            _iso(s.until),
            wording.season(s.months or []),
        ]
        for s in group.sessions
        if not s.by_appointment and s.day and s.opens and s.closes
    )
    return {
        "sessions": sessions,
        "closed": [[c.from_.isoformat(), c.last.isoformat(), c.reason or ""] for c in group.closed],
        "bankHolidayOpen": int(group.open_on_bank_holidays),
        "closuresOpen": int(group.open_during_closures),
    }
