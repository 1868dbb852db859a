"""Plain-English wording for model values, shared by pages, print views and exports."""

from __future__ import annotations

import datetime as dt
from functools import cache

import phonenumbers
from babel import Locale

from .models import Group, Referral, Session, Venue


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


def long_date(day: dt.date) -> str:
    """14 September 2026."""
    return f"{day.day} {day:%B %Y}"


def clock(time: dt.time) -> str:
    return f"{time:%H:%M}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def when(session: Session) -> str:
    """'Every Tuesday, 12:00 to 14:00', '1st and 3rd Saturday of the month, ...'."""
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
    if session.term_time_only:
        text += " (term time only)"
    return text


def when_short(group: Group) -> str:
    """A one-line summary of every session, for cards and handouts."""
    return "; ".join(when(s) for s in group.sessions) or N_("Get in touch to find out when")


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
