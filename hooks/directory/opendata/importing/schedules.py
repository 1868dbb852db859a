"""ORUK schedules (service-level and location-level) into our sessions.

An rrule-style schedule becomes one session per weekday. What a session cannot say goes
in its notes or the description, never nowhere: every other week, the last Friday, the
15th of the month, overnight hours. Schedules that have ended are not imported as current.
"""

from __future__ import annotations

import datetime as dt
import re

from pydantic import ValidationError

from ...data import wording
from ...data.freshness import today
from ...data.models import DAYS, Session
from .. import oruk
from .reading import Context, items, join, one_line

RRULE_TO_DAY = {code: day for day, code in oruk.RRULE_DAYS.items()}
ORDINAL = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 5: "5th", -1: "last", -2: "second to last"}


def clock(value: object) -> tuple[str | None, str]:
    """('10:00', '') from '10:00:00'; the second part is any timezone suffix."""
    match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)(?::[0-5]\d(?:\.\d+)?)?(.*)", one_line(value))
    if not match:
        return None, ""
    return f"{int(match[1]):02d}:{match[2]}", match[3].strip()


def day_of(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def season(ctx: Context, session: dict, starts: dt.date | None, ends: dt.date | None) -> None:
    """Where a session runs only part of the year: the feed's dates become the session's
    `from` and `until` (ORUK 3.0 has no months, so a season in words stays in the notes)."""
    if starts:
        session["from"] = starts
    if ends:
        session["until"] = ends


def rules(ctx: Context) -> list[tuple[str, dict, str | None]]:
    """(path, schedule, venue) from the service and from each of its locations."""
    found = [(f"schedules[{i}]", rule, None) for i, rule in items(ctx.service, "schedules")]
    for i, link in items(ctx.service, "service_at_locations"):
        location = link.get("location") if isinstance(link.get("location"), dict) else {}
        venue = ctx.venue_ids.get(str(link.get("id"))) or ctx.venue_ids.get(str(location.get("id")))
        base = f"service_at_locations[{i}]"
        found += [(f"{base}.schedules[{j}]", r, venue) for j, r in items(link, "schedules")]
        found += [
            (f"{base}.location.schedules[{j}]", r, venue) for j, r in items(location, "schedules")
        ]
    return found


def read_sessions(ctx: Context) -> list[dict]:
    sessions: list[dict] = []
    for path, rule, venue in rules(ctx):
        for session in read_schedule(ctx, rule, path, venue):
            if session not in sessions:
                sessions.append(session)
    return sessions


def _weekday(value: object) -> str | None:
    """1.x `weekday`: a name (Monday) or a number (1 is Monday)."""
    text = one_line(value).casefold()
    if text.isdigit() and 1 <= int(text) <= 7:
        return DAYS[int(text) - 1]
    return next((d for d in DAYS if text in (d, d[:3])), None)


def read_schedule(ctx: Context, rule: dict, path: str, venue: str | None) -> list[dict]:
    take = ctx.take

    def text(key: str) -> str:
        return one_line(rule.get(key))

    ends = min(filter(None, map(day_of, [rule.get("valid_to"), rule.get("until")])), default=None)
    starts = max(
        filter(None, map(day_of, [rule.get("valid_from"), rule.get("dtstart")])), default=None
    )
    for key in ("valid_to", "until", "valid_from", "dtstart"):
        take(rule, key, path)
    if ends and ends < today():
        ctx.lost(path, f"it ended on {ends:%-d %B %Y}, so it is not imported as current")
        return []

    freq, interval = text("freq").upper(), rule.get("interval")
    words = " ".join(text(k) for k in ("description", "attending_type", "notes")).casefold()
    opens, opens_zone = clock(rule.get("opens_at"))
    closes, closes_zone = clock(rule.get("closes_at"))
    venue = (
        venue
        or ctx.venue_ids.get(text("service_at_location_id"))
        or ctx.venue_ids.get(text("location_id"))
    )
    base: dict[str, object] = {}
    if opens and closes and closes > opens:
        base.update(opens=opens, closes=closes)
    if venue:
        base["venue"] = venue
        take(rule, "service_at_location_id", path)
        take(rule, "location_id", path)
    if "term time" in words:
        base["term_time_only"] = True
    if "appointment" in words:
        base["by_appointment"] = True

    days: dict[str, list[int]] = {}
    notes: list[str] = []
    for token in filter(None, (t.strip() for t in text("byday").upper().split(","))):
        match = re.fullmatch(r"([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)", token)
        if not match:
            ctx.lost(join(path, "byday"), f"“{token}” is not a weekday")
            continue
        day = RRULE_TO_DAY[match[2]]
        weeks = days.setdefault(day, [])
        n = int(match[1]) if match[1] else 0
        if n and freq == "MONTHLY" and 1 <= n <= 5:
            weeks.append(n)
        elif n and freq == "MONTHLY" and n in ORDINAL:
            notes.append(f"The {ORDINAL[n]} {day.title()} of the month.")
            ctx.confirm("sessions", f"“{token}” ({ORDINAL[n]} {day}) kept only in the notes")
    weekday = _weekday(rule.get("weekday"))
    if weekday and weekday not in days:
        days[weekday] = []
    take(rule, "weekday", path)

    when = f"{opens} to {closes}" if opens and closes else ""
    monthdays = [d for d in re.split(r"\s*,\s*", text("bymonthday")) if d]
    if monthdays and not days:
        listed = ", ".join(monthdays)
        ctx.extra.append(f"Times: {when + ' ' if when else ''}on day {listed} of each month.")
        ctx.note("moved", join(path, "bymonthday"), "kept in the description: no weekday")
        take(rule, "bymonthday", path)
        take(rule, "freq", path)
        _take_times(ctx, rule, path)
        return []
    if opens and closes and closes <= opens and days:
        names = ", ".join(d.title() for d in sorted(days, key=DAYS.index))
        ctx.extra.append(f"Overnight: {names}, {opens} until {closes} the next morning.")
        ctx.note("moved", path, "kept in the description: it runs overnight")
        for key in ("byday", "freq"):
            take(rule, key, path)
        _take_times(ctx, rule, path)
        return []

    sessions = []
    for day in sorted(days, key=DAYS.index):
        weeks = {"weeks_of_month": sorted(set(days[day]))} if days[day] else {}
        sessions.append({"day": day, **base, **weeks})
    if not sessions and base.get("by_appointment"):
        sessions.append(dict(base))
    kept = [s for s in sessions if _valid(s)]
    if not kept:
        ctx.note("lost", path, "it gives no weekday with opening times")
        return []  # its values stay unused, so the report lists each of them
    if len(kept) < len(sessions):
        ctx.note("lost", path, f"{len(sessions) - len(kept)} day(s) had no opening times")
    for key in ("freq", "byday"):
        take(rule, key, path)
    if monthdays:
        notes.append(f"On day {', '.join(monthdays)} of the month.")
        take(rule, "bymonthday", path)
    _take_times(ctx, rule, path)
    if opens_zone or closes_zone:
        zone = opens_zone or closes_zone
        ctx.note("changed", path, f"timezone “{zone}” dropped; the times are kept as given")
    if isinstance(rule.get("count"), int):
        notes.append(f"{rule['count']} sessions in all.")
        take(rule, "count", path)
        ctx.confirm("sessions", f"a run of {rule['count']} sessions, kept only in the notes")
    notes.insert(0, text("notes"))
    take(rule, "notes", path)
    if interval not in (None, 1, "1"):
        notes.append(f"Every {interval} {'weeks' if freq == 'WEEKLY' else 'months'}")
    take(rule, "interval", path)
    described = {wording.when(Session.model_validate(s)) for s in kept}
    for key in ("description", "attending_type"):
        value = text(key)
        ours = value.removesuffix(f" at {venue}") if venue else value
        known = ("In person", "By appointment", *oruk.ATTENDING_TYPES)  # what we export
        if value and ours not in described and ours not in known:
            notes.append(value)
        take(rule, key, path)
    notes = [n for n in notes if n]
    if len(notes) > 1:
        notes = [n if n.endswith((".", "!", "?")) else n + "." for n in notes]
    for session in kept:
        if notes:
            session["notes"] = " ".join(notes)
        if starts or ends:
            season(ctx, session, starts, ends)
    return kept


def _take_times(ctx: Context, rule: dict, path: str) -> None:
    for key in ("opens_at", "closes_at"):
        ctx.take(rule, key, path)


def _valid(session: dict) -> bool:
    try:
        Session.model_validate(session)
    except ValidationError:
        return False
    return True
