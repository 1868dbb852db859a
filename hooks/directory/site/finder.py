"""Find help: the data the filters run on (find.json) and the filter form's view data.

Every group is listed in the HTML, so the site works without JavaScript. find.js reads
`data/find.json` (made here: only what the filters need, with the slow parts worked out
at build time) and hides, shows and reorders the cards, which carry `data-slug`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal

from ..data import opening, wording
from ..data.directory import Directory, LatLon
from ..data.models import DAYS, Group
from ..data.wording import N_
from .cards import routes
from .templating import ENV

FIND_JSON = "data/find.json"
ROUTE_CHOICES = (
    ("self", N_("Just turn up or get in touch")),
    ("gp", N_("Ask your GP or social prescriber")),
    ("pro", N_("Referral from a professional")),
)
DAY_NAMES = {
    "monday": N_("Monday"),
    "tuesday": N_("Tuesday"),
    "wednesday": N_("Wednesday"),
    "thursday": N_("Thursday"),
    "friday": N_("Friday"),
    "saturday": N_("Saturday"),
    "sunday": N_("Sunday"),
}
# The sentences find.js writes (open now, next time, how many shown), with {names} it fills
# in; each language's pages carry their translations (pages.localised).
FIND_WORDS = [
    N_("Open now until {time}"),
    N_("By appointment"),
    N_("Get in touch to check times"),
    N_("Check with the group: term dates not known yet"),
    N_("Closed today."),
    N_("Closed today ({reason})."),
    N_("Next: {date} {time} (new course)"),
    N_("Runs {season}."),
    N_("Opens {when} {time}"),
    N_("today"),
    N_("Showing {n} of {total} groups."),
    N_("Showing {n} of {total} groups, nearest first."),
    N_("No groups match. Try removing a filter, or call a helpline above."),
    N_("No groups match. Try removing a filter."),
    *DAY_NAMES.values(),
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
]
Fixed = Literal["need", "place"] | None


# --- the data the filters run on ---------------------------------------------------------


def step_free(group: Group) -> bool:
    """At least one venue says it is step-free (unknown counts as not)."""
    return any(venue.step_free for venue in group.venues)


def days(group: Group) -> list[str]:
    """Weekdays with a session, by-appointment ones included, Monday first."""
    return [day for day in DAYS if any(s.day == day for s in group.sessions)]


def points(group: Group, districts: dict[str, LatLon]) -> list[LatLon]:
    """Where the group meets: each venue's lat/lon, else its postcode district's centre."""
    found = []
    for venue in group.venues:
        if venue.lat is not None and venue.lon is not None:
            found.append((venue.lat, venue.lon))
        elif venue.postcode.split()[0] in districts:
            found.append(districts[venue.postcode.split()[0]])
    return sorted(set(found))


def languages(directory: Directory) -> list[str]:
    """Every language some group speaks, in order of its English name."""
    codes = {code for group in directory.groups for code in group.languages}
    return sorted(codes, key=lambda code: (wording.language_name(code).split("(")[-1], code))


def group_data(directory: Directory, group: Group) -> dict:
    """One group's entry in find.json."""
    rule = group.eligibility
    return {
        "needs": sorted(group.needs),
        "places": sorted(p.slug for p in directory.neighbourhoods_of(group)),
        "free": int(group.is_free),
        "ages": [rule.min_age if rule else None, rule.max_age if rule else None],
        "langs": sorted(group.languages),
        "step": int(step_free(group)),
        "days": days(group),
        "routes": routes(group),
        "appt": int(any(s.by_appointment for s in group.sessions)),
        "points": [
            [round(lat, 4), round(lon, 4)] for lat, lon in points(group, directory.districts)
        ],
        **opening.group_find_data(group),
    }


def find_data(directory: Directory) -> dict:
    groups = {group.slug: group_data(directory, group) for group in directory.groups}
    return {
        "groups": groups,
        **opening.find_data(directory.calendar),
        "districts": {d: [lat, lon] for d, (lat, lon) in sorted(directory.districts.items())},
    }


def group_json(directory: Directory, group: Group) -> str:
    """One group's filter data and the calendar (terms, bank holidays, closures), in
    find.json's shape, for its own page: open now there without every group's data."""
    return json.dumps(
        {
            "groups": {group.slug: group_data(directory, group)},
            **opening.find_data(directory.calendar),
        },
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )


def find_json(directory: Directory) -> str:
    """data/find.json: compact, sorted, byte-identical for the same data."""
    return json.dumps(
        find_data(directory), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )


# --- the filter form ---------------------------------------------------------------------


@dataclass(frozen=True)
class Select:
    name: str
    label: str
    options: list[tuple[str, str]]


@dataclass(frozen=True)
class FilterForm:
    """What templates/partials/filters.html draws."""

    up: str
    find_json: str
    main: list[Select]
    more: list[Select]


def filter_view(
    directory: Directory, up: str, fixed: Fixed = None, root: str | None = None
) -> FilterForm:
    """On a need or neighbourhood page that choice is already made, so its select is left
    out (`fixed`). `root` leads to the site's root (find.json), when it is not `up`."""
    main = []
    if fixed != "need":
        needs = [(n.slug, n.title) for n in directory.needs]
        main.append(Select("need", N_("What help"), [("", N_("Any kind of help")), *needs]))
    if fixed != "place":
        places = [(p.slug, p.name) for p in directory.neighbourhoods]
        main.append(Select("place", N_("Neighbourhood"), [("", N_("Anywhere")), *places]))
    langs = [(c, wording.language_name(c)) for c in languages(directory)]
    more = [
        Select("day", N_("Day"), [("", N_("Any day")), *((d, DAY_NAMES[d]) for d in DAYS)]),
        Select("lang", N_("Language spoken"), [("", N_("Any language")), *langs]),
        Select("route", N_("How to join"), [("", N_("Any way")), *ROUTE_CHOICES]),
    ]
    return FilterForm(up, f"{up if root is None else root}{FIND_JSON}", main, more)


def filter_form(directory: Directory, up: str, fixed: Fixed = None) -> str:
    """The filter form's HTML on its own (pages render it inside their template)."""
    template = ENV.get_template("partials/filters.html")
    return template.module.filters(filter_view(directory, up, fixed))
