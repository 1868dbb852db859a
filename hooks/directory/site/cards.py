"""View data for group cards: the one short entry used on Find help, need, neighbourhood
and shortlist pages (templates/partials/card.html draws it).

pages.py and finder.py both use this module and neither imports the other's cards, which
ends the import circle they had.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote

from ..data import wording
from ..data.directory import Directory
from ..data.freshness import stale_warning
from ..data.models import Group
from ..data.wording import N_

# Keys for the "how to join" filter, following wording.referral_short: a group that does
# not say how to join is one people can just contact.
ROUTE_KEYS = {"self": "self", "gp": "gp", "social-prescriber": "gp", "professional": "pro"}
EVERYWHERE = N_("Across the whole area")


@dataclass(frozen=True)
class Phone:
    display: str
    uri: str


@dataclass(frozen=True)
class Card:
    """Everything a card shows, as plain text: the template escapes it."""

    slug: str
    name: str
    href: str
    summary: str
    area: str
    times: str
    cost: str
    join: str
    routes: str
    phone: Phone | None
    languages: list[tuple[str, str]]
    stale: str = ""  # 'May be out of date: ...' wherever times show, or ''
    needs: list[tuple[str, str]] = field(default_factory=list)  # (href, title) as labels
    # The shortlist's fuller card: every session and venue, and every way to get in touch.
    sessions: list[str] = field(default_factory=list)
    venues: list[str] = field(default_factory=list)
    email: str | None = None
    website: str | None = None


def phone(number: str | None) -> Phone | None:
    if not number:
        return None
    return Phone(wording.phone_display(number), wording.phone_uri(number))


def routes(group: Group) -> list[str]:
    if group.referral is None:
        return ["self"]
    return sorted({ROUTE_KEYS[route] for route in group.referral.routes})


def how_to_join(group: Group) -> str:
    """The group's own words when it gave them; else what its routes and setting allow.
    "Just turn up" only where there is somewhere to turn up to."""
    referral = group.referral
    if referral and referral.notes:
        return referral.notes
    if referral and "self" not in referral.routes:
        return wording.referral_short(group)
    if not group.venues:
        return N_("Ring them yourself") if group.contact.phone else N_("Contact them yourself")
    if referral is None:
        return N_("Get in touch to ask how to join")
    return N_("Just turn up or get in touch")


def localities(group: Group) -> list[str]:
    """The part of each venue's address after its last comma (a district or village)."""
    found = [v.address.rsplit(",", 1)[-1].strip() for v in group.venues]
    return list(dict.fromkeys(found))


def area(directory: Directory, group: Group) -> str:
    """Neighbourhoods, then where the venues are when that adds something: 'Eccles · Monton'."""
    places = (
        [EVERYWHERE]
        if group.serves_everywhere
        else [p.name for p in directory.neighbourhoods_of(group)]
    )
    extra = [name for name in localities(group) if name not in places]
    return " · ".join([", ".join(places), *extra]) if extra else ", ".join(places)


def languages(group: Group) -> list[tuple[str, str]]:
    """(code, own name) of each language; none when a group lists only English."""
    if not set(group.languages) - {"en"}:
        return []
    return [(code, wording.language_name(code)) for code in group.languages]


def card(
    directory: Directory, group: Group, up: str, full: bool = False, lang: str = "en"
) -> Card:
    contact = group.contact
    needs = [(f"{up}needs/{quote(n.slug)}/", n.title) for n in directory.needs_of(group)]
    extra: dict = {}
    if full:
        extra = {
            "sessions": [
                wording.when(s) + (f" at {s.venue}" if s.venue else "") for s in group.sessions
            ],
            "venues": [f"{v.name}, {wording.full_address(v)}" for v in group.venues],
            "email": contact.email,
            "website": contact.website,
        }
    return Card(
        slug=group.slug,
        name=group.name,
        href=f"{up}groups/{quote(group.slug)}/",
        summary=group.summary_translations.get(lang, group.summary),
        area=area(directory, group),
        times=wording.when_short(group),
        stale=stale_warning(group),
        cost=wording.cost(group),
        join=how_to_join(group),
        routes=" ".join(routes(group)),
        phone=phone(contact.phone),
        languages=languages(group),
        needs=needs,
        **extra,
    )
