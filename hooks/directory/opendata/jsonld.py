"""schema.org JSON-LD for a group page, so search engines and tools can read the facts.

The group is an Organization; what it runs is a Service it offers, with the sessions as
opening hours. The data goes inside a <script> element, where HTML escaping does not
apply, so `<`, `>` and `&` are written as JSON's \\u escapes: no text a group writes can
close the element (`</script>`) or open a comment.
"""

from __future__ import annotations

import json

import phonenumbers

from ..data import wording
from ..data.directory import Directory
from ..data.models import Group, Session, Venue
from . import oruk

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


def postal_address(venue: Venue) -> Json:
    street, town = oruk.split_address(venue)
    return {
        "@type": "PostalAddress",
        "streetAddress": street,
        "addressLocality": town,
        "addressRegion": oruk.COUNTY,
        "postalCode": venue.postcode,
        "addressCountry": oruk.COUNTRY,
    }


def place(venue: Venue) -> Json:
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
            "address": postal_address(venue),
            "geo": geo,
            "amenityFeature": features,
        }
    )


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


def group_jsonld(directory: Directory, group: Group) -> Json:
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
    areas = [{"@type": "Place", "name": p.name} for p in directory.neighbourhoods_of(group)]
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
            "identifier": oruk.organization_id(group),
            "name": group.name,
            "description": group.summary,
            "url": contact.website,
            "email": contact.email,
            "telephone": telephone(contact.phone) if contact.phone else None,
            "address": postal_address(group.venues[0]) if group.venues else None,
            "location": [place(v) for v in group.venues],
            "areaServed": areas,
            "knowsLanguage": list(group.languages),
            "makesOffer": offer,
        }
    )


def script_json(data: object) -> str:
    """JSON that is safe inside a <script> element."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)


def jsonld_script(directory: Directory, group: Group) -> str:
    """The <script type="application/ld+json"> element for a group page."""
    body = script_json(group_jsonld(directory, group))
    return f'<script type="application/ld+json">{body}</script>'
