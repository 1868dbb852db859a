"""The directory as Open Referral UK (ORUK) 3.0 documents: static files shaped like the API.

One group is one ORUK organization delivering one service. The files mirror the read-only
API's endpoints (`/services`, `/services/{id}`, `/organizations`, `/service_at_locations`,
`/taxonomies`, `/taxonomy_terms` and the `/` details); long lists come in pages of
STATIC_PAGE_SIZE (`services.json` is the first, `services/page-2.json` the next), so no
consumer has to read one huge file. `directory oruk-api` (api.py) serves the same
documents as the API itself, with paging and filters.

Ids are uuid5 values from the group's first file name (the oldest under `formerly`, so a
rename keeps them; and, for parts of a group, the part's position or name) under a fixed
project namespace, so a group keeps its ids across builds.

A few HSDS 3.0 fields that the ORUK 3.0 profile's schemas leave out are added, because
without them a consumer would lose something a resident needs: `phones` on the service
and on its contact (where ORUK consumers look for them), `name` and `code` on each
language, `eligibility_description` and `application_process`. The ORUK schemas allow
extra properties, so every file still validates; these follow HSDS 3.0's names and shapes
so consumers that know HSDS can read them.

Times are the local (Europe/London) wall-clock times the groups give; ORUK asks for a
timezone suffix, but a fixed offset would be wrong for half of every year.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Iterator
from functools import cache
from math import ceil

from babel import Locale

from ..data import wording
from ..data.directory import Directory
from ..data.models import Group, Need, Neighbourhood, Session, Venue
from .places import COUNTRY, SiteInfo, region, site_info, street_and_town

# Fixed for this project; changing it would change every id we have ever published.
NAMESPACE = uuid.UUID("9beeabcf-4b39-41e5-ad1c-289ec016b90a")
# The sample's region. Exports take the region from the site's configuration (places.py);
# only the importer still compares with this name.
COUNTY = "Greater Manchester"
STATIC_PAGE_SIZE = 500  # items per static list page: about 0.5 MB of services

API_VERSION = "HSDS-UK-3.0"
PROFILE_URL = "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md"
OPENAPI_URL = "https://docs.openreferraluk.org/en/latest/openapi30.json"

NEEDS_TAXONOMY = "needs"
ROUTES_TAXONOMY = "referral-routes"
NEED_LINK = "need"
ROUTE_LINK = "referral_route"
RRULE_DAYS = {
    "monday": "MO",
    "tuesday": "TU",
    "wednesday": "WE",
    "thursday": "TH",
    "friday": "FR",
    "saturday": "SA",
    "sunday": "SU",
}

Json = dict[str, object]


@cache  # the same ids are asked for again and again while building the files
def stable_id(*parts: str) -> str:
    """A UUID that depends only on `parts`: ('service', 'eccles-lunch-club')."""
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def _clean(data: Json) -> Json:
    """Leave out fields we do not hold, rather than publishing nulls or empty lists."""
    return {k: v for k, v in data.items() if v is not None and v != []}


def page_address(site_url: str | None, path: str) -> str | None:
    return f"{site_url.rstrip('/')}/{path}" if site_url else None


# --- taxonomies --------------------------------------------------------------------------


def need_term(need: Need, site_url: str | None) -> Json:
    return _clean(
        {
            "id": stable_id("taxonomy_term", NEEDS_TAXONOMY, need.slug),
            "name": need.title,
            "description": need.description,
            "taxonomy": "Salford Community Directory needs",
            "taxonomy_id": stable_id("taxonomy", NEEDS_TAXONOMY),
            "term_uri": page_address(site_url, f"needs/{need.slug}/"),
            "term": need.slug,
        }
    )


def route_term(route: str) -> Json:
    return {
        "id": stable_id("taxonomy_term", ROUTES_TAXONOMY, route),
        "name": wording.ROUTE_WORDS[route],
        "description": wording.ROUTE_WORDS[route],
        "taxonomy": "Salford Community Directory referral routes",
        "taxonomy_id": stable_id("taxonomy", ROUTES_TAXONOMY),
        "term": route,
    }


def taxonomies(directory: Directory, site_url: str | None) -> list[Json]:
    """Our two vocabularies, each with its terms: needs, and how people get referred."""
    return [
        _clean(
            {
                "id": stable_id("taxonomy", NEEDS_TAXONOMY),
                "name": "Salford Community Directory needs",
                "description": "The kinds of help residents browse the directory by.",
                "uri": page_address(site_url, "needs/"),
                "taxonomy_terms": [need_term(n, site_url) for n in directory.needs],
            }
        ),
        {
            "id": stable_id("taxonomy", ROUTES_TAXONOMY),
            "name": "Salford Community Directory referral routes",
            "description": "How people get to a group: by themselves or through someone.",
            "taxonomy_terms": [route_term(r) for r in sorted(wording.ROUTE_WORDS)],
        },
    ]


def _attribute(service_id: str, link_type: str, term: Json) -> Json:
    return {
        "id": stable_id("attribute", service_id, str(term["id"])),
        "link_id": service_id,
        "link_type": link_type,
        "taxonomy_term_id": term["id"],
        "taxonomy_term": term,
    }


# --- places ------------------------------------------------------------------------------


def _venue_keys(group: Group) -> list[str]:
    """A key per venue for ids: its name, made unique if a group repeats a name."""
    keys: list[str] = []
    for i, venue in enumerate(group.venues):
        keys.append(venue.name if venue.name not in keys else f"{venue.name}#{i}")
    return keys


def location(group: Group, venue: Venue, key: str, site: SiteInfo) -> Json:
    location_id = stable_id("location", group.first_slug, key)
    street, town = street_and_town(venue, site)
    address = {
        "id": stable_id("address", group.first_slug, key),
        "location_id": location_id,
        "address_1": street,
        "city": town,
        "state_province": region(venue, site),
        "postal_code": venue.postcode,
        "country": COUNTRY,
        "address_type": "physical",
    }
    access = [
        {
            "id": stable_id("accessibility", group.first_slug, key, str(i)),
            "location_id": location_id,
            "description": fact,
            "accessibility": fact,
        }
        for i, fact in enumerate(wording.access_facts(venue))
    ]
    return _clean(
        {
            "id": location_id,
            "location_type": "physical",
            "name": venue.name,
            "latitude": venue.lat,
            "longitude": venue.lon,
            "addresses": [address],
            "accessibility": access,
        }
    )


def service_areas(
    directory: Directory, group: Group, service_id: str, site_url: str | None
) -> list[Json]:
    """One area per neighbourhood served; `everywhere` lists them all, as the site does."""
    return [
        _clean(
            {
                "id": stable_id("service_area", group.first_slug, place.slug),
                "service_id": service_id,
                "name": place.name,
                "service_area": area_text(place),
                # the postcode districts, for a consumer (or api.py) matching a postcode
                "extent": ", ".join(place.postcode_districts),
                "extent_type": "text",
                "uri": page_address(site_url, f"neighbourhoods/{place.slug}/"),
            }
        )
        for place in directory.neighbourhoods_of(group)
    ]


def area_text(place: Neighbourhood) -> str:
    return f"{', '.join(place.areas)} (postcodes {', '.join(place.postcode_districts)})"


# --- when, cost, languages ---------------------------------------------------------------


def rrule(session: Session) -> tuple[str | None, str | None]:
    """(freq, byday): ('WEEKLY', 'TU'), or ('MONTHLY', '1TU,3TU') for some weeks only."""
    if session.day is None:
        return None, None
    day = RRULE_DAYS[session.day]
    if session.weeks_of_month:
        return "MONTHLY", ",".join(f"{w}{day}" for w in sorted(session.weeks_of_month))
    return "WEEKLY", day


def schedule(
    group: Group, index: int, session: Session, service_id: str, places: dict[str, str]
) -> Json:
    freq, byday = rrule(session)
    return _clean(
        {
            "id": stable_id("schedule", group.first_slug, str(index)),
            "service_id": service_id,
            "service_at_location_id": places.get(session.venue or ""),
            "freq": freq,
            "byday": byday,
            "opens_at": wording.clock(session.opens) if session.opens else None,
            "closes_at": wording.clock(session.closes) if session.closes else None,
            "description": wording.when(session),
            "attending_type": attending_type(group, session),
            "notes": session.notes,
            # A course's dates; a season (months) has no ORUK 3.0 field, so it is in words
            # in the description: "Every Monday, 12:00 to 16:00 (October to March)".
            "valid_from": session.from_.isoformat() if session.from_ else None,
            "valid_to": session.until.isoformat() if session.until else None,
        }
    )


def schedules(directory: Directory, group: Group, service_id: str, places: dict) -> list[Json]:
    """One schedule per session, then one saying when the group is closed (bank holidays,
    its own dates, the directory's): ORUK 3.0 has no closure field, so it is in words,
    with no days or times, so no reader takes it for an opening."""
    found = [schedule(group, i, s, service_id, places) for i, s in enumerate(group.sessions)]
    if group.sessions:
        found.append(
            {
                "id": stable_id("schedule", group.first_slug, "closed"),
                "service_id": service_id,
                "description": wording.closed_facts(group, directory.closures),
                "notes": "Closure dates: no sessions on these days.",
            }
        )
    return found


_MONEY = re.compile(r"£\s?(\d+(?:\.\d{1,2})?)|\b(\d+)p\b")


def amount(cost: str) -> float | None:
    """The price when the text names exactly one (£3.50, 50p); None when it is not that simple."""
    found = _MONEY.findall(cost)
    if len(found) != 1:
        return None
    pounds, pence = found[0]
    value = float(pounds) if pounds else int(pence) / 100
    return int(value) if value == int(value) else value


def cost_options(group: Group, service_id: str) -> list[Json]:
    if group.cost is None:
        return []
    base = {"id": stable_id("cost_option", group.first_slug), "service_id": service_id}
    if group.is_free:
        return [{**base, "option": "Free", "amount": 0}]
    return [_clean({**base, "amount": amount(group.cost), "amount_description": group.cost})]


@cache
def language_name(code: str) -> str:
    return Locale.parse(code).get_display_name("en") or code


def languages(group: Group, service_id: str) -> list[Json]:
    return [
        {
            "id": stable_id("language", group.first_slug, code),
            "service_id": service_id,
            "name": language_name(code),
            "code": code,
        }
        for code in group.languages
    ]


# --- organisation and service ------------------------------------------------------------


def organization_id(group: Group) -> str:
    return stable_id("organization", group.first_slug)


def service_id(group: Group) -> str:
    return stable_id("service", group.first_slug)


def organization(group: Group, site_url: str | None) -> Json:
    return _clean(
        {
            "id": organization_id(group),
            "name": group.name,
            "description": group.summary,
            "email": group.contact.email,
            "website": group.contact.website,
            "uri": page_address(site_url, f"groups/{group.slug}/"),
        }
    )


def service_text(group: Group) -> str:
    """The summary, then the longer description when there is one."""
    return group.summary + (f"\n\n{group.description.strip()}" if group.description else "")


def last_modified(group: Group) -> str:
    """When the entry last changed as far as we know: the day someone last checked it."""
    return f"{group.last_reviewed.isoformat()}T00:00:00Z"


ATTENDING_TYPES = ("in person", "online", "phone")


def attending_type(group: Group, session: Session) -> str:
    """How people attend, in HSDS's words: at a venue, else by phone, else online."""
    if session.venue or group.venues:
        return "in person"
    return "phone" if group.contact.phone else "online"


def contacts(group: Group, sid: str) -> tuple[list[Json], list[Json]]:
    """(phones, contacts): the group's phone, on the service and on its one contact,
    because ORUK consumers read `contacts[].phones` and HSDS ones `service.phones`."""
    if not group.contact.phone:
        return [], []
    contact_id = stable_id("contact", group.first_slug)
    phone = {
        "id": stable_id("phone", group.first_slug),
        "service_id": sid,
        "contact_id": contact_id,
        "number": wording.phone_display(group.contact.phone),
    }
    contact = {"id": contact_id, "service_id": sid, "name": group.name, "phones": [phone]}
    return [phone], [contact]


def service_at_location(
    group: Group, venue: Venue, key: str, site: SiteInfo, sid: str | None = None
) -> Json:
    place = location(group, venue, key, site)
    return {
        "id": stable_id("service_at_location", group.first_slug, key),
        "service_id": sid or service_id(group),
        "location_id": place["id"],
        "location": place,
    }


def service_at_locations(group: Group, site: SiteInfo) -> list[Json]:
    sid = service_id(group)
    return [
        service_at_location(group, venue, key, site, sid)
        for venue, key in zip(group.venues, _venue_keys(group), strict=True)
    ]


def service_basic(group: Group, site_url: str | None) -> Json:
    """The fields the list endpoints carry: no nested arrays."""
    rule = group.eligibility
    return _clean(
        {
            "id": service_id(group),
            "organization_id": organization_id(group),
            "name": group.name,
            "description": service_text(group),
            "url": group.contact.website,
            "email": group.contact.email,
            "status": "active",
            "minimum_age": rule.min_age if rule else None,
            "maximum_age": rule.max_age if rule else None,
            "assured_date": group.last_reviewed.isoformat(),
            "last_modified": last_modified(group),
            "organization": organization(group, site_url),
        }
    )


def service_full(
    directory: Directory, group: Group, site: SiteInfo | str | None = None
) -> Json:
    """One service with everything we hold about it, in ORUK's `service_full` shape."""
    site = site_info(directory.districts, site)
    site_url = site.url
    sid = service_id(group)
    at_locations = service_at_locations(group, site)
    places: dict[str, str] = {}
    for venue, link in zip(group.venues, at_locations, strict=True):
        places.setdefault(venue.name, str(link["id"]))
    needs = [_attribute(sid, NEED_LINK, need_term(n, site_url)) for n in directory.needs_of(group)]
    routes = group.referral.routes if group.referral else []
    attributes = needs + [_attribute(sid, ROUTE_LINK, route_term(r)) for r in routes]
    phones, people = contacts(group, sid)
    basic = service_basic(group, site_url)
    organization_json = basic.pop("organization")
    full = {
        **basic,
        "eligibility_description": group.eligibility.who if group.eligibility else None,
        "application_process": group.referral.notes if group.referral else None,
        "schedules": schedules(directory, group, sid, places),
        "service_areas": service_areas(directory, group, sid, site_url),
        "service_at_locations": at_locations,
        "languages": languages(group, sid),
        "organization": organization_json,
        "cost_options": cost_options(group, sid),
        "phones": phones,
        "contacts": people,
        "attributes": attributes,
    }
    return _clean(full)


# --- pages of the API --------------------------------------------------------------------


def page_of(items: list[Json], page: int = 1, total_items: int | None = None,
            per_page: int | None = None) -> Json:
    """One page of a list, with ORUK's paging fields; everything on one page by default."""
    total = len(items) if total_items is None else total_items
    pages = max(1, ceil(total / per_page)) if per_page else 1
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": len(items),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": not items,
        "contents": items,
    }


def pages_of(items: list[Json], per_page: int = STATIC_PAGE_SIZE) -> list[Json]:
    """The list cut into pages of `per_page`; one empty page for an empty list."""
    cuts = range(0, len(items), per_page) if items else [0]
    return [
        page_of(items[start : start + per_page], n, len(items), per_page)
        for n, start in enumerate(cuts, 1)
    ]


def _paged(name: str, items: list[Json]) -> Iterator[tuple[str, Json]]:
    """`name.json` is the first page (what `/name` answers); `name/page-N.json` each page."""
    for page in pages_of(items):
        if page["page_number"] == 1:
            yield f"{name}.json", page
        yield f"{name}/page-{page['page_number']}.json", page


def api_details() -> Json:
    return {"version": API_VERSION, "profile": PROFILE_URL, "openapi_url": OPENAPI_URL}


def _without_terms(taxonomy: Json) -> Json:
    return {k: v for k, v in taxonomy.items() if k != "taxonomy_terms"}


def documents(directory: Directory, site: SiteInfo | str | None = None) -> dict[str, Json]:
    """Every ORUK file, keyed by its path under the ORUK folder, in a fixed order."""
    return dict(each_document(directory, site))


def each_document(
    directory: Directory, site: SiteInfo | str | None = None
) -> Iterator[tuple[str, Json]]:
    """Every ORUK file as (path, document), in a fixed order, made one at a time: at region
    scale the full service documents together are hundreds of MiB."""
    site = site_info(directory.districts, site)
    site_url = site.url
    groups = directory.groups
    yield "index.json", api_details()
    yield from _paged("services", [service_basic(g, site_url) for g in groups])
    for group in groups:
        yield f"services/{service_id(group)}.json", service_full(directory, group, site)
    links: list[Json] = []
    for group in groups:
        basic = service_basic(group, site_url)
        for link in service_at_locations(group, site):
            yield f"service_at_locations/{link['id']}.json", {**link, "service": basic}
            links.append({**link, "service": basic})
    yield from _paged("service_at_locations", links)
    yield from _paged("organizations", [organization(g, site_url) for g in groups])
    for group in groups:
        services = [service_basic(group, site_url)]
        services[0].pop("organization")
        yield f"organizations/{organization_id(group)}.json", {
            **organization(group, site_url),
            "services": services,
        }
    vocabularies = taxonomies(directory, site_url)
    yield "taxonomies.json", page_of([_without_terms(t) for t in vocabularies])
    terms: list[Json] = [t for v in vocabularies for t in _terms(v)]
    for vocabulary in vocabularies:
        yield f"taxonomies/{vocabulary['id']}.json", vocabulary
    yield "taxonomy_terms.json", page_of(terms)
    for term in terms:
        yield f"taxonomy_terms/{term['id']}.json", term


def _terms(taxonomy: Json) -> Iterable[Json]:
    terms = taxonomy["taxonomy_terms"]
    assert isinstance(terms, list)
    return terms


# Which official schema describes each file (used by the tests and the Open data page).
SCHEMAS = {
    "index.json": "api_details.json",
    "services.json": "service_list.json",
    "services/": "service.json",
    "service_at_locations.json": "service_at_location_list.json",
    "service_at_locations/": "service_at_location.json",
    "organizations.json": "organization_list.json",
    "organizations/": "organization.json",
    "taxonomies.json": "taxonomy_list.json",
    "taxonomies/": "taxonomy.json",
    "taxonomy_terms.json": "taxonomy_term_list.json",
    "taxonomy_terms/": "taxonomy_term.json",
}


def schema_for(path: str) -> str:
    """The official schema file for a document path: 'services/<id>.json' -> service.json."""
    if path in SCHEMAS:
        return SCHEMAS[path]
    folder, name = path.split("/", 1)
    if name.startswith("page-"):  # services/page-2.json: a page of the list
        return SCHEMAS[f"{folder}.json"]
    return SCHEMAS[folder + "/"]
