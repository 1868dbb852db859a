"""Find help: the filters' data, the filter form, the live parts of group cards, and the
"Find help" and shortlist pages.

Every group is listed in the HTML, so the site works without JavaScript. find.js reads
`data/find.json` (made here: only what the filters need, with the slow parts worked out
at build time) and hides, shows and reorders the cards, which carry `data-slug`.
"""

from __future__ import annotations

import json
from html import escape
from typing import TYPE_CHECKING, Literal
from urllib.parse import quote

from ..data import opening, wording
from ..data.directory import Directory, LatLon
from ..data.freshness import stale_warning
from ..data.models import DAYS, Group

if TYPE_CHECKING:
    from .pages import Page

FIND_JSON = "data/find.json"
# Keys for the "how to join" filter, following wording.referral_short: a group that does
# not say how to join is one people can just contact.
ROUTE_KEYS = {"self": "self", "gp": "gp", "social-prescriber": "gp", "professional": "pro"}
ROUTE_CHOICES = (
    ("self", "Just turn up or get in touch"),
    ("gp", "Ask your GP or social prescriber"),
    ("pro", "Referral from a professional"),
)
Fixed = Literal["need", "place"] | None


def e(text: object) -> str:
    return escape(str(text), quote=True)


# --- the data the filters run on ---------------------------------------------------------


def routes(group: Group) -> list[str]:
    if group.referral is None:
        return ["self"]
    return sorted({ROUTE_KEYS[route] for route in group.referral.routes})


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


def find_json(directory: Directory) -> str:
    """data/find.json: compact, sorted, byte-identical for the same data."""
    return json.dumps(
        find_data(directory), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )


# --- card parts (pages.py calls these) ---------------------------------------------------


def card_attributes(group: Group) -> str:
    return f' data-slug="{e(group.slug)}"'


def card_route(group: Group) -> str:
    """How to join, near the top of every card: it decides whether someone can go today."""
    keys = " ".join(routes(group))
    return (
        f'<p class="find-route" data-routes="{e(keys)}"><strong>How to join:</strong> '
        f"{e(wording.referral_short(group))}</p>"
    )


def status_slot() -> str:
    # Filled by find.js with "Open now until 15:00" or "Next: Tuesday 10:00"; the build
    # cannot know the time a page is read, and the session times are listed anyway.
    return '<p class="find-status" hidden></p>'


def language_line(group: Group) -> str:
    """Languages with their own names; left out when a group lists only English."""
    if not set(group.languages) - {"en"}:
        return ""
    names = ", ".join(
        f'<span lang="{e(c)}">{e(wording.language_name(c))}</span>' for c in group.languages
    )
    return f'<p class="find-langs"><strong>Languages:</strong> {names}</p>'


def shortlist_button(group: Group) -> str:
    # Hidden until find.js runs, as the shortlist lives in the browser. The name starts
    # with the visible words and says which group; it stays the same when pressed, as
    # aria-pressed carries the state.
    return (
        f'<button type="button" class="find-pick" data-pick="{e(group.slug)}" '
        f'aria-label="Add to shortlist: {e(group.name)}" aria-pressed="false" hidden>'
        "Add to shortlist</button>"
    )


def card_extras(group: Group) -> str:
    return language_line(group) + '<p class="find-distance" hidden></p>' + shortlist_button(group)


def group_tools(group: Group, up: str) -> str:
    """Open now and the shortlist button, for the top of a group's own page."""
    return (
        f'<div class="find-tools" data-slug="{e(group.slug)}" '
        f'data-find-json="{up}{FIND_JSON}">{status_slot()}{shortlist_button(group)}</div>'
    )


# --- the filter form ---------------------------------------------------------------------


def _select(name: str, label: str, options: list[tuple[str, str]]) -> str:
    choices = "".join(f'<option value="{e(v)}">{e(text)}</option>' for v, text in options)
    return (
        f'<div class="find-field"><label for="find-{name}">{e(label)}</label>'
        f'<select id="find-{name}" name="{name}">{choices}</select></div>'
    )


def _check(name: str, label: str) -> str:
    return (
        f'<div class="find-check"><input type="checkbox" id="find-{name}" name="{name}" '
        f'value="1"><label for="find-{name}">{e(label)}</label></div>'
    )


def filter_form(directory: Directory, up: str, fixed: Fixed = None) -> str:
    """The filters, hidden until find.js runs. On a need or neighbourhood page that choice
    is already made, so its select is left out (`fixed`)."""
    main = []
    if fixed != "need":
        needs = [(n.slug, n.title) for n in directory.needs]
        main.append(_select("need", "What help", [("", "Any kind of help"), *needs]))
    if fixed != "place":
        places = [(p.slug, p.name) for p in directory.neighbourhoods]
        main.append(_select("place", "Neighbourhood", [("", "Anywhere"), *places]))
    langs = [(c, wording.language_name(c)) for c in languages(directory)]
    more = [
        _select("day", "Day", [("", "Any day"), *((d, d.title()) for d in DAYS)]),
        _select("lang", "Language spoken", [("", "Any language"), *langs]),
        _select("route", "How to join", [("", "Any way"), *ROUTE_CHOICES]),
        '<div class="find-field"><label for="find-age">Age of the person</label>'
        '<input id="find-age" name="age" type="number" inputmode="numeric" min="0" max="120">'
        "</div>",
    ]
    checks = _check("free", "Free") + _check("step", "Step-free venue") + _check("open", "Open now")
    # The less-used filters fold away so that on a phone the list starts near the top;
    # find.js opens the fold when one of them is set.
    return (
        '<p class="find-nojs">Every group is listed below. With JavaScript turned on you can '
        "filter them, see which are open now and sort them by distance.</p>\n"
        f'<form class="find-form" action="./" method="get" data-find-json="{up}{FIND_JSON}" '
        'hidden><fieldset class="find-filters"><legend>Filter the groups</legend>'
        f'<div class="find-grid">{"".join(main)}</div>'
        f'<fieldset class="find-checks"><legend>Only show</legend>{checks}</fieldset>'
        '<details class="find-more"><summary>More filters: day, language, how to join, age'
        f'</summary><div class="find-grid">{"".join(more)}</div></details>'
        "</fieldset>"
        '<fieldset class="find-near"><legend>Nearest first</legend>'
        '<div class="find-field"><label for="find-near">Your postcode (or the first half, '
        'like M30)</label><input id="find-near" name="near" type="text" '
        'autocomplete="postal-code" autocapitalize="characters" spellcheck="false"></div>'
        '<button type="submit">Sort by distance</button>'
        '<button type="button" class="find-locate">Use my location</button>'
        '<p class="find-near-note" aria-live="polite"></p></fieldset>'
        '<p class="find-actions"><button type="button" class="find-clear">Clear filters'
        f'</button> <a class="find-shortlist-link" href="{up}shortlist/">Your shortlist'
        '<span class="find-shortlist-count"></span></a></p>'
        "</form>\n"
        '<p class="find-count" role="status" aria-live="polite"></p>'
    )


# --- pages -------------------------------------------------------------------------------


def _shortlist_card(directory: Directory, group: Group) -> str:
    """A fuller card than the lists show: everything needed to go, for printing or texting."""
    contact = group.contact
    facts = []
    for session in group.sessions:
        at = f" at {session.venue}" if session.venue else ""
        facts.append(f"<strong>When:</strong> {e(wording.when(session) + at)}")
    if not group.sessions:
        facts.append(f"<strong>When:</strong> {e(wording.when_short(group))}")
    stale = stale_warning(group)
    facts += [f'<strong class="dir-stale-line">{e(stale)}</strong>'] if stale else []
    for venue in group.venues:
        facts.append(f"<strong>Where:</strong> {e(venue.name)}, {e(wording.full_address(venue))}")
    facts.append(f"<strong>Cost:</strong> {e(wording.cost(group))}")
    if contact.phone:
        phone = e(wording.phone_display(contact.phone))
        facts.append(
            f'<strong>Phone:</strong> <a href="{e(wording.phone_uri(contact.phone))}">{phone}</a>'
        )
    if contact.email:
        mail = e(contact.email)
        facts.append(f'<strong>Email:</strong> <a href="mailto:{mail}">{mail}</a>')
    if contact.website:
        site = e(contact.website)
        facts.append(f'<strong>Website:</strong> <a href="{site}" rel="nofollow">{site}</a>')
    return (
        f'<li class="dir-card find-short"{card_attributes(group)} hidden>'
        f'<h2 id="{e(group.slug)}"><a href="../groups/{quote(group.slug)}/">{e(group.name)}'
        f"</a></h2>{card_route(group)}{status_slot()}<p>{e(group.summary)}</p>"
        f'<p class="dir-card-facts">{"<br> ".join(facts)}</p>'
        f"{language_line(group)}{shortlist_button(group)}</li>"
    )


def find_pages(directory: Directory) -> list[Page]:
    """The "Find help" page (in the nav) and the shortlist page."""
    from .pages import Page, front_matter, group_card  # pages imports this module

    cards = "".join(group_card(g, "../") for g in directory.groups)
    find_body = (
        '<div class="dir-list find-page">\n<h1 id="find-help">Find help</h1>\n'
        f"<p>All {len(directory.groups)} groups, A to Z. Choose what you need, where, when "
        "and who it is for; the list changes as you go. Add groups to your shortlist to "
        "print it or send it to someone.</p>\n"
        f"{filter_form(directory, '../')}\n"
        f'<ul class="dir-cards find-results" data-search-exclude>{cards}</ul>\n</div>\n'
    )
    meta = dict(search={"exclude": True})
    find = Page(
        "find.md",
        front_matter("Find help", "Filter every group by need, place, day and more.", **meta)
        + find_body,
        in_nav=True,
    )
    short_cards = "".join(_shortlist_card(directory, g) for g in directory.groups)
    short_body = (
        '<div class="dir-list find-shortlist-page">\n<h1 id="your-shortlist">Your shortlist</h1>\n'
        '<p class="find-nojs">Your shortlist is kept on this device and needs JavaScript. '
        'Every group is on the <a href="../find/">Find help</a> page.</p>\n'
        f'<div class="find-shortlist" data-find-json="../{FIND_JSON}" hidden>'
        '<p class="find-count" role="status" aria-live="polite"></p>'
        '<div class="find-share" hidden><p><label for="find-share-url">Link to this list, '
        "to text or email to someone</label>"
        '<input id="find-share-url" type="text" readonly></p>'
        '<p class="find-share-actions"><button type="button" class="find-copy">Copy link</button> '
        '<a class="find-sms" href="sms:">Text the link</a> '
        '<a class="find-email" href="mailto:">Email the link</a> '
        '<button type="button" class="find-print">Print</button> '
        '<button type="button" class="find-keep" hidden>Save to my shortlist</button> '
        '<button type="button" class="find-empty">Clear the shortlist</button></p></div>'
        f'<ul class="dir-cards find-results" data-search-exclude>{short_cards}</ul>'
        '<p><a href="../find/">Find more help</a></p></div>\n</div>\n'
    )
    shortlist = Page(
        "shortlist.md",
        front_matter("Your shortlist", "Groups you picked, to print or send.", **meta) + short_body,
    )
    return [find, shortlist]
