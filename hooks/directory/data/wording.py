"""Plain-English wording for model values, shared by pages, print views and exports."""

from __future__ import annotations

import datetime as dt
from functools import cache

import phonenumbers
from babel import Locale

from .freshness import today
from .models import DAYS, MONTHS, Closures, Group, Referral, Session, Venue


def N_(message: str) -> str:
    """Marks fixed English words that the site's pages translate (site/i18n.py extracts
    them); the words themselves stay English here."""
    return message


ROUTE_WORDS = {
    "self": N_("Just turn up or get in touch yourself"),
    "gp": N_("Ask your GP"),
    "social-prescriber": N_("Ask a social prescriber (link worker)"),
    "professional": N_("Referral by a professional, such as a social worker or health visitor"),
}
ORDINALS = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 5: "5th"}
MONTH_NAMES = [month.capitalize() for month in MONTHS]
SHORT_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def long_date(day: dt.date) -> str:
    """14 September 2026."""
    return f"{day.day} {day:%B %Y}"


def clock(time: dt.time) -> str:
    return f"{time:%H:%M}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def season(months: list[str]) -> str:
    """'October to March' (a run, across the new year too), 'December only', or a list."""
    if not months or len(months) == 12:
        return ""
    picked = sorted(MONTHS.index(m) for m in months)
    # A run starts at the one picked month whose previous month is not picked.
    starts = [m for m in picked if (m - 1) % 12 not in picked]
    if len(starts) == 1:
        first = starts[0]
        last = (first + len(picked) - 1) % 12
        if first == last:
            return f"{MONTH_NAMES[first]} only"
        return f"{MONTH_NAMES[first]} to {MONTH_NAMES[last]}"
    return _and([MONTH_NAMES[m] for m in picked])


def span(first: dt.date, last: dt.date) -> str:
    """'29 to 31 December 2026', '12 January to 13 March 2027', or across years in full."""
    if first == last:
        return long_date(first)
    if first.year != last.year:
        return f"{long_date(first)} to {long_date(last)}"
    if first.month != last.month:
        return f"{first.day} {first:%B} to {long_date(last)}"
    return f"{first.day} to {long_date(last)}"


def _dates(session: Session) -> str:
    if session.from_ and session.until:
        return span(session.from_, session.until)
    if session.from_:
        return f"from {long_date(session.from_)}"
    return f"until {long_date(session.until)}" if session.until else ""


def _limits(session: Session) -> list[str]:
    """The parts of the year a session keeps to: season, dates, term time."""
    parts = [season(session.months or []), _dates(session)]
    if session.term_time_only:
        parts.append("term time only")
    return [part for part in parts if part]


def when(session: Session) -> str:
    """'Every Tuesday, 12:00 to 14:00', '1st and 3rd Saturday of the month, ...', with
    '(October to March)' or '(term time only)' after it."""
    if session.by_appointment and session.day is None:
        text = "By appointment"
    else:
        day = (session.day or "").capitalize()
        if session.weeks_of_month:
            weeks = _and([ORDINALS[w] for w in sorted(session.weeks_of_month)])
            text = f"{weeks} {day} of the month"
        else:
            text = f"Every {day}"
        if session.opens and session.closes:
            text += f", {clock(session.opens)} to {clock(session.closes)}"
        if session.by_appointment:
            text += ", by appointment"
    limits = _limits(session)
    return text + (f" ({'; '.join(limits)})" if limits else "")


def _day_runs(days: list[int]) -> str:
    """[0, 1, 2, 3, 4] -> 'Mon–Fri'; [0, 2] -> 'Mon and Wed'; [5] -> 'Saturday'."""
    if len(days) == 1:
        return DAYS[days[0]].capitalize()
    runs: list[list[int]] = []
    for day in days:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    words = []
    for run in runs:
        if len(run) >= 3:
            words.append(f"{SHORT_DAYS[run[0]]}–{SHORT_DAYS[run[-1]]}")
        else:
            words += [SHORT_DAYS[d] for d in run]
    return _and(words)


def _compact(sessions: list[Session]) -> list[str]:
    """Sessions alike but for the day share one line ('Mon–Fri 12:00–16:00'), and lines
    with the same season or dates share them: 'Tuesday 18:30–19:30, Saturday 08:30–09:30
    (12 January to 13 March 2027)'."""
    alike: dict[tuple, list[int]] = {}
    for s in sessions:
        if s.day is None:
            continue
        key = (
            tuple(_limits(s)),
            tuple(sorted(s.weeks_of_month or [])),
            s.opens,
            s.closes,
            s.by_appointment,
        )
        alike.setdefault(key, []).append(DAYS.index(s.day))
    by_limits: dict[tuple, list[str]] = {}
    for (limits, weeks, opens, closes, booked), days in alike.items():
        text = _day_runs(sorted(set(days)))
        if weeks:
            text = f"{_and([ORDINALS[w] for w in weeks])} {text}"
        if opens and closes:
            text += f" {clock(opens)}–{clock(closes)}"
        if booked:
            text += " by appointment"
        by_limits.setdefault(limits, []).append(text)
    lines = [
        ", ".join(texts) + (f" ({'; '.join(limits)})" if limits else "")
        for limits, texts in by_limits.items()
    ]
    if any(s.day is None for s in sessions):
        lines.append("By appointment")
    return lines


def _current(group: Group) -> list[Session]:
    """Sessions not ended: a course that finished is history, not a time to go."""
    on = today()
    return [s for s in group.sessions if not (s.until and s.until < on)]


def when_lines(group: Group) -> list[tuple[str, str | None, str | None]]:
    """The group page's When list as (times, venue, notes): sessions alike but for the
    day share a line, 'Mon–Fri 12:00–16:00 (October to March)' rather than five."""
    alike: dict[tuple[str | None, str | None], list[Session]] = {}
    for s in _current(group):
        alike.setdefault((s.venue, s.notes), []).append(s)
    return [
        (text, venue, notes) for (venue, notes), same in alike.items() for text in _compact(same)
    ]


def closed_dates(group: Group, on: dt.date | None = None) -> list[str]:
    """'24 December 2026 to 1 January 2027 (Christmas break)', for dates not past."""
    on = on or today()
    return [
        span(c.from_, c.last) + (f" ({c.reason})" if c.reason else "")
        for c in group.closed
        if c.last >= on
    ]


def closed_facts(group: Group, closures: Closures, on: dt.date | None = None) -> str:
    """Every closure a group's page states, in one line: 'Closed on bank holidays,
    24 December 2026 to 1 January 2027 (Christmas break) and ...'."""
    on = on or today()
    dates = closed_dates(group, on)
    for c in [] if group.open_during_closures else closures.closures:
        inside = any(own.from_ <= c.from_ and c.until <= own.last for own in group.closed)
        if c.until >= on and not inside:  # not when the group's own dates cover it
            dates.append(f"{span(c.from_, c.until)} ({c.name})")
    if group.open_on_bank_holidays:
        return "Open on bank holidays" + (f"; closed {_and(dates)}" if dates else "")
    return "Closed " + _and(["on bank holidays", *dates])


def when_short(group: Group) -> str:
    """Every session not ended in a line, alike ones together, then closed dates: for cards
    and handouts. 'Mon–Fri 12:00–16:00 (October to March); Closed 24 December 2026 to ...'."""
    closed = closed_dates(group)
    lines = _compact(_current(group)) + ([f"Closed {_and(closed)}"] if closed else [])
    return "; ".join(lines) or N_("Get in touch to check times")


def cost(group: Group) -> str:
    if group.cost is None:
        return N_("Ask about cost")
    return N_("Free") if group.is_free else group.cost


def ages(group: Group) -> str | None:
    rule = group.eligibility
    if rule is None or (rule.min_age is None and rule.max_age is None):
        return None
    if rule.min_age is not None and rule.max_age is not None:
        return f"Ages {rule.min_age} to {rule.max_age}"
    if rule.min_age is not None:
        return f"Ages {rule.min_age} and over"
    return f"Ages up to {rule.max_age}"


def referral_routes(referral: Referral | None) -> list[str]:
    if referral is None:
        return [N_("Get in touch to ask how to join")]
    return [ROUTE_WORDS[route] for route in referral.routes]


def referral_short(group: Group) -> str:
    routes = group.referral.routes if group.referral else []
    if not routes or "self" in routes:
        return N_("Just turn up or get in touch")
    return (
        N_("Ask your GP or social prescriber")
        if {"gp", "social-prescriber"} & set(routes)
        else N_("Needs a referral from a professional")
    )


@cache
def language_name(code: str) -> str:
    """The language's own name, then English: 'Polski (Polish)', 'اردو (Urdu)'."""
    locale = Locale.parse(code)
    native = locale.get_display_name(code) or code
    native = native[:1].upper() + native[1:]
    english = locale.get_display_name("en") or code
    return native if native == english else f"{native} ({english})"


@cache
def _parsed(phone: str) -> phonenumbers.PhoneNumber:
    return phonenumbers.parse(phone, "GB")


# Formatting a number costs 0.1 ms and each is printed on many pages; there are only as many
# distinct numbers as groups.
@cache
def phone_display(phone: str) -> str:
    return phonenumbers.format_number(_parsed(phone), phonenumbers.PhoneNumberFormat.NATIONAL)


@cache
def phone_uri(phone: str) -> str:
    return phonenumbers.format_number(_parsed(phone), phonenumbers.PhoneNumberFormat.RFC3966)


def full_address(venue: Venue) -> str:
    return f"{venue.address}, {venue.postcode}"


def access_facts(venue: Venue) -> list[str]:
    facts = []
    for flag, yes, no in (
        (venue.step_free, N_("Step-free access"), N_("Not step-free: there are steps")),
        (venue.accessible_toilet, N_("Accessible toilet"), N_("No accessible toilet")),
        (venue.hearing_loop, N_("Hearing loop"), N_("No hearing loop")),
    ):
        if flag is not None:
            facts.append(yes if flag else no)
    if venue.parking:
        facts.append(f"Parking: {venue.parking}")
    if venue.public_transport:
        facts.append(f"Getting there: {venue.public_transport}")
    return facts
