"""schema.org JSON-LD for a group page, so search engines and tools can read the facts.

The group is an Organization whose `@id` and `url` are its page in this directory (its
own website is `sameAs`); what it runs is a Service it offers, with the sessions as
opening hours, each venue a Place with the hours of the sessions held there, and the
neighbourhoods it serves as named places within the configured town and region.

The data goes inside a <script> element, where HTML escaping does not apply, so `<`, `>`
and `&` are written as JSON's \\u escapes: no text a group writes can close the element
(`</script>`) or open a comment.
"""

from __future__ import annotations

import json

import phonenumbers

from ..data import wording
from ..data.directory import Directory
from ..data.models import Group, Session, Venue
from . import oruk
from .places import COUNTRY, SiteInfo, region, site_info, street_and_town

SCHEMA_DAYS = "https://schema.org/"
_SCRIPT_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)

Json = dict[str, object]


def _clean(data: Json) -> Json:
    return {k: v for k, v in data.items() if v is not None and v != []}


def telephone(phone: str) -> str:
    """+44 161 496 0123: the international form schema.org asks for."""
    number = phonenumbers.parse(phone, "GB")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def postal_address(venue: Venue, site: SiteInfo) -> Json:
    street, town = street_and_town(venue, site)
    return {
        "@type": "PostalAddress",
        "streetAddress": street,
        "addressLocality": town,
        "addressRegion": region(venue, site),
        "postalCode": venue.postcode,
        "addressCountry": COUNTRY,
    }


def sessions_at(group: Group, venue: Venue) -> list[Session]:
    """The sessions held at a venue; one that names none is at the group's only venue."""
    only = len(group.venues) == 1
    return [s for s in group.sessions if s.venue == venue.name or (s.venue is None and only)]


def place(group: Group, venue: Venue, site: SiteInfo) -> Json:
    features = [
        {"@type": "LocationFeatureSpecification", "name": name, "value": value}
        for name, value in (
            ("Step-free access", venue.step_free),
            ("Accessible toilet", venue.accessible_toilet),
            ("Hearing loop", venue.hearing_loop),
        )
        if value is not None
    ]
    geo = None
    if venue.lat is not None and venue.lon is not None:
        geo = {"@type": "GeoCoordinates", "latitude": venue.lat, "longitude": venue.lon}
    return _clean(
        {
            "@type": "Place",
            "name": venue.name,
            "address": postal_address(venue, site),
            "geo": geo,
            "amenityFeature": features,
            "openingHoursSpecification": [opening_hours(s) for s in sessions_at(group, venue)],
        }
    )


def area_served(directory: Directory, group: Group, site: SiteInfo) -> list[Json]:
    """Each neighbourhood as a named place, inside the configured town and region."""
    within = None
    if site.region:
        within = {"@type": "AdministrativeArea", "name": site.region}
    if site.town:
        within = _clean({"@type": "City", "name": site.town, "containedInPlace": within})
    return [
        _clean(
            {
                "@type": "Place",
                "name": p.name,
                "url": oruk.page_address(site.url, f"neighbourhoods/{p.slug}/"),
                "containedInPlace": within,
            }
        )
        for p in directory.neighbourhoods_of(group)
    ]


def opening_hours(session: Session) -> Json:
    """Day and times where there are some; the plain-English rule always, because
    schema.org cannot say '1st and 3rd Saturday' in structured form."""
    return _clean(
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": SCHEMA_DAYS + session.day.capitalize() if session.day else None,
            "opens": wording.clock(session.opens) if session.opens else None,
            "closes": wording.clock(session.closes) if session.closes else None,
            "validFrom": session.from_.isoformat() if session.from_ else None,
            "validThrough": session.until.isoformat() if session.until else None,
            "description": wording.when(session)
            + (f" at {session.venue}" if session.venue else ""),
        }
    )


def page_url(site: SiteInfo, group: Group) -> str:
    """The group's page: absolute with a site_url, else relative to the site's root."""
    return oruk.page_address(site.url, f"groups/{group.slug}/") or f"groups/{group.slug}/"


def group_jsonld(directory: Directory, group: Group, site: SiteInfo | str | None = None) -> Json:
    site = site_info(directory.districts, site)
    contact = group.contact
    rule = group.eligibility
    audience = None
    if rule is not None:
        audience = _clean(
            {
                "@type": "PeopleAudience",
                "suggestedMinAge": rule.min_age,
                "suggestedMaxAge": rule.max_age,
                "audienceType": rule.who,
            }
        )
    areas = area_served(directory, group, site)
    addresses = [postal_address(v, site) for v in group.venues]
    service = _clean(
        {
            "@type": "Service",
            "name": group.name,
            "description": group.summary,
            "serviceType": [n.title for n in directory.needs_of(group)],
            "areaServed": areas,
            "audience": audience,
            "availableLanguage": list(group.languages),
            "hoursAvailable": [opening_hours(s) for s in group.sessions],
        }
    )
    offer = _clean(
        {
            "@type": "Offer",
            "itemOffered": service,
            "description": wording.cost(group),
            "price": 0 if group.is_free else None,
            "priceCurrency": "GBP" if group.is_free else None,
        }
    )
    return _clean(
        {
            "@context": "https://schema.org",
            "@type": "Organization",
            "@id": page_url(site, group) + "#group",
            "identifier": oruk.organization_id(group),
            "name": group.name,
            "description": group.summary,
            "url": page_url(site, group),
            "sameAs": contact.website,
            "email": contact.email,
            "telephone": telephone(contact.phone) if contact.phone else None,
            "address": addresses[0] if len(addresses) == 1 else addresses,
            "location": [place(group, v, site) for v in group.venues],
            "areaServed": areas,
            "knowsLanguage": list(group.languages),
            "makesOffer": offer,
        }
    )


def script_json(data: object) -> str:
    """JSON that is safe inside a <script> element."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)


def jsonld_json(directory: Directory, group: Group, site: SiteInfo | str | None = None) -> str:
    """The group's JSON-LD, safe to place inside the group page's <script> element."""
    return script_json(group_jsonld(directory, group, site))
