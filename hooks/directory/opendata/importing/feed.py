"""What a feed file holds: which ORUK version, which services, whether it is complete.

ORUK 1.x services are renamed into the ORUK 3.0 shape here, once, so every reader knows
one set of names; the report says which version the feed was.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .reading import join

V1, V3 = "ORUK 1.x", "ORUK 3.0"

# ORUK 1.x name -> ORUK 3.0 name, for the places each appears.
SERVICE_V1 = {
    "regular_schedules": "schedules",
    "service_taxonomys": "attributes",
    "eligibilitys": "eligibilities",
    "fundings": "funding",
}
LOCATION_V1 = {
    "physical_addresses": "addresses",
    "accessibility_for_disabilities": "accessibility",
    "regular_schedules": "schedules",
}
V1_MARKS = {"content", "totalElements", *SERVICE_V1}
# Fields that must be lists of objects; anything else makes a record unreadable.
LISTS = (
    "schedules",
    "phones",
    "contacts",
    "service_at_locations",
    "service_areas",
    "attributes",
    "cost_options",
    "languages",
    "eligibilities",
)


class ImportProblem(Exception):
    """The input cannot be imported at all (not JSON, not ORUK services)."""


@dataclass
class Feed:
    version: str
    services: list[tuple[str, dict]]  # (place in the input, service in ORUK 3.0 shape)
    incomplete: str | None = None  # "page 1 of 292", when the feed is one page of many
    problems: dict[str, str] = field(default_factory=dict)  # place -> why it is unreadable
    duplicates: dict[str, list[str]] = field(default_factory=dict)  # id -> places
    pages: int = 1  # how many pages the whole feed has


def read_feed(data: object) -> Feed:
    """The services in an ORUK document, each with its place in the input."""
    version = V1 if _looks_v1(data) else V3
    if isinstance(data, list):
        found = [(f"[{i}]", s) for i, s in enumerate(data)]
    elif not isinstance(data, dict):
        raise ImportProblem("expected a JSON object or array of ORUK services")
    elif isinstance(data.get("contents"), list) or isinstance(data.get("content"), list):
        key = "contents" if isinstance(data.get("contents"), list) else "content"
        found = [(f"{key}[{i}]", s) for i, s in enumerate(data[key])]
    elif isinstance(data.get("services"), list) and "status" not in data:
        organization = {k: v for k, v in data.items() if k != "services"}
        found = [
            (f"services[{i}]", {**s, "organization": s.get("organization") or organization})
            if isinstance(s, dict)
            else (f"services[{i}]", s)
            for i, s in enumerate(data["services"])
        ]
    elif data.get("id") and data.get("name"):
        found = [("service", data)]
    else:
        raise ImportProblem(
            "this is not an ORUK service list, service or organisation: expected "
            "'contents' (ORUK 3.0), 'content' (ORUK 1.x), 'services', or a service's "
            "'id' and 'name'"
        )
    feed = Feed(version, [], _page(data), pages=_pages(data))
    for where, service in found:
        problem = unreadable(service)
        if problem:
            feed.problems[where] = problem
            feed.services.append((where, service if isinstance(service, dict) else {}))
            continue
        feed.services.append((where, upgrade(service) if version == V1 else service))
    feed.duplicates = _duplicates(feed)
    return feed


def combine(named: list[tuple[str, Feed]]) -> Feed:
    """Several pages (files) of one feed as one: complete when every page is there."""
    if len(named) == 1:
        return named[0][1]
    versions = sorted({feed.version for _, feed in named})
    feed = Feed(" and ".join(versions), [])
    for name, page in named:
        feed.services += [(f"{name} {where}", s) for where, s in page.services]
        feed.problems |= {f"{name} {where}": why for where, why in page.problems.items()}
    pages = max(page.pages for _, page in named)
    if len(named) < pages:
        feed.incomplete = f"{len(named)} of {pages} pages"
    feed.duplicates = _duplicates(feed)
    return feed


def _duplicates(feed: Feed) -> dict[str, list[str]]:
    places: dict[str, list[str]] = {}
    for where, service in feed.services:
        if where not in feed.problems and service.get("id") not in (None, ""):
            places.setdefault(str(service["id"]), []).append(where)
    return {i: p for i, p in places.items() if len(p) > 1}


def _pages(data: object) -> int:
    pages = data.get("total_pages", data.get("totalPages")) if isinstance(data, dict) else None
    return pages if isinstance(pages, int) and pages > 1 else 1


def _looks_v1(data: object) -> bool:
    sample = data
    if isinstance(data, dict) and isinstance(data.get("content"), list):
        return True
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        sample = data["contents"][:1]
    if isinstance(sample, list):
        sample = sample[0] if sample and isinstance(sample[0], dict) else {}
    return isinstance(sample, dict) and bool(V1_MARKS & sample.keys())


def _page(data: object) -> str | None:
    if not isinstance(data, dict):
        return None
    pages = data.get("total_pages", data.get("totalPages"))
    number = data.get("page_number", data.get("number"))
    if not isinstance(pages, int) or pages <= 1:
        return None
    if isinstance(number, int) and "number" in data and "page_number" not in data:
        number += 1  # ORUK 1.x (Spring) pages count from 0
    shown = f"page {number} of {pages}" if isinstance(number, int) else f"one of {pages} pages"
    return shown


def unreadable(service: object, path: str = "") -> str | None:
    """Why a record cannot be read as a service (wrong kinds of value), or None."""
    if not isinstance(service, dict):
        return f"it is {_kind(service)}, not a service object"
    for key in LISTS:
        value = service.get(key)
        if value is not None and not isinstance(value, list):
            return f"{join(path, key)} should be a list, but it is {_kind(value)}"
    for key, value in service.items():
        if isinstance(value, float) and not math.isfinite(value):
            return f"{join(path, key)} is {value} (not a number)"
        if isinstance(value, dict):
            problem = unreadable(value, join(path, key))
            if problem:
                return problem
        if isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, dict):
                    problem = unreadable(item, join(path, f"{key}[{i}]"))
                    if problem:
                        return problem
                elif isinstance(item, float) and not math.isfinite(item):
                    return f"{join(path, key)}[{i}] is {item} (not a number)"
    return None


def _kind(value: object) -> str:
    if value is True or value is False:
        return str(value).lower()
    return {str: "text", int: "a number", float: "a number", dict: "an object"}.get(
        type(value), "a list" if isinstance(value, list) else "empty"
    )


def upgrade(service: dict) -> dict:
    """An ORUK 1.x service in ORUK 3.0 names (values untouched)."""
    out = {SERVICE_V1.get(k, k): v for k, v in service.items()}
    out["attributes"] = [
        {**link, "taxonomy_term": link.get("taxonomy")} if "taxonomy" in link else link
        for link in out.get("attributes") or []
        if isinstance(link, dict)
    ]
    for link in out["attributes"]:
        link.pop("taxonomy", None)
    org = out.get("organization")
    if isinstance(org, dict) and org.get("url") and not org.get("website"):
        out["organization"] = {("website" if k == "url" else k): v for k, v in org.items()}
    out["languages"] = [
        {("name" if k == "language" else k): v for k, v in lang.items()}
        for lang in out.get("languages") or []
        if isinstance(lang, dict)
    ]
    links = []
    for link in out.get("service_at_locations") or []:
        location = link.get("location") if isinstance(link, dict) else None
        if isinstance(location, dict):
            link = {**link, "location": {LOCATION_V1.get(k, k): v for k, v in location.items()}}
        links.append(link)
    out["service_at_locations"] = links
    return {k: v for k, v in out.items() if v != []}
