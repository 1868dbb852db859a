"""Opening-hours rules: is a group open now, and when is it next on?

Times in group files are London wall-clock times. Every function takes an explicit,
time-zone-aware `now` and works in Europe/London, whatever the machine's zone. find.js
implements the same rules for the live answer in the browser; keep the two in step.

The rules, in words:
- A session runs on its weekday; with `weeks_of_month` only on those occurrences of the
  weekday in the month (the 5th Tuesday is the 29th, 30th or 31st); with `term_time_only`
  only on days inside a term in terms.yaml (none if there is no terms.yaml).
- By-appointment sessions are never "open now" and never "next": people book a time.
- A session opens at the first moment London clocks show its opening time or later, and
  closes likewise. On the last Sunday of March the clocks jump from 01:00 to 02:00, so a
  01:30 session opens at 02:00 BST; on the last Sunday of October 01:00 to 02:00 happens
  twice, and a 01:30 time means the first 01:30 (BST).
- Sessions that meet or overlap (10:00-12:00 and 12:00-14:00) count as one opening.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal
from zoneinfo import ZoneInfo

from .models import DAYS, Group, Session, TermDates

LONDON = ZoneInfo("Europe/London")
UTC = dt.UTC
# How far ahead to look for the next session: long enough for a summer holiday and for
# a 5th-week session in a year with few 5th weekdays.
HORIZON_DAYS = 370

MONTHS = (
    "January February March April May June July August September October November December"
).split()

Kind = Literal["open", "next", "appointment", "ask"]


@dataclass(frozen=True)
class Status:
    """What a card says about time: open until `at`, next on at `at`, or no time at all."""

    kind: Kind
    at: dt.datetime | None = None


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


def runs_on(session: Session, day: dt.date, terms: TermDates | None) -> bool:
    """Whether a timed (not by-appointment) session happens on `day`."""
    if session.by_appointment or session.day is None:
        return False
    if DAYS[day.weekday()] != session.day:
        return False
    if session.weeks_of_month and week_of_month(day) not in session.weeks_of_month:
        return False
    if session.term_time_only:
        return terms is not None and terms.in_term(day)
    return True


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


def _spans(group: Group, day: dt.date, terms: TermDates | None) -> list[tuple]:
    spans = [
        (wall_instant(day, s.opens), wall_instant(day, s.closes))
        for s in group.sessions
        if s.opens and s.closes and runs_on(s, day, terms)
    ]
    return sorted(spans)


def open_until(group: Group, now: dt.datetime, terms: TermDates | None) -> dt.datetime | None:
    """When (in UTC) the group closes if it is open at `now`, else None."""
    now = _utc(now)
    until = None
    for opens, closes in _spans(group, london(now).date(), terms):
        if opens <= now < closes or (until is not None and opens <= until < closes):
            until = closes if until is None else max(until, closes)
    return until


def next_opening(group: Group, now: dt.datetime, terms: TermDates | None) -> dt.datetime | None:
    """The next time (in UTC) the group opens after `now`, within HORIZON_DAYS, else None."""
    now = _utc(now)
    today = london(now).date()
    for ahead in range(HORIZON_DAYS + 1):
        day = today + dt.timedelta(days=ahead)
        starts = [opens for opens, _ in _spans(group, day, terms) if opens > now]
        if starts:
            return min(starts)
    return None


def status(group: Group, now: dt.datetime, terms: TermDates | None) -> Status:
    until = open_until(group, now, terms)
    if until is not None:
        return Status("open", until)
    upcoming = next_opening(group, now, terms)
    if upcoming is not None:
        return Status("next", upcoming)
    if any(s.by_appointment for s in group.sessions):
        return Status("appointment")
    return Status("ask")


def label(state: Status, now: dt.datetime) -> str:
    """'Open now until 15:00', 'Next: today 18:00', 'Next: Tuesday 10:00' (this week),
    'Next: Tuesday 15 December 10:00' (later), 'By appointment'."""
    if state.kind == "appointment":
        return "By appointment"
    if state.kind == "ask" or state.at is None:
        return "Get in touch to find out when"
    at = state.at.astimezone(LONDON)
    clock = f"{at:%H:%M}"
    if state.kind == "open":
        return f"Open now until {clock}"
    days = (at.date() - london(now).date()).days
    weekday = DAYS[at.weekday()].capitalize()
    if days == 0:
        return f"Next: today {clock}"
    if days < 7:
        return f"Next: {weekday} {clock}"
    return f"Next: {weekday} {at.day} {MONTHS[at.month - 1]} {clock}"
