"""`directory oruk-api SITE_DIR`: a read-only Open Referral UK 3.0 API over a built site.

A static host cannot answer `/services?page=2` or serve `/services` and `/services/{id}`
both as JSON, so the ORUK validator and ORUK consumers need a small server. This one reads
the ORUK files the site build wrote (data/oruk/) and data/postcode-districts.csv once, at
start, and answers every request from memory: a document by id is the exported file's
bytes as they are; a list is the exported list, filtered and cut into pages.

It is built on Starlette (the `[api]` extra, with uvicorn to run it): a handful of GET
routes over documents that already exist needs routing, query strings and an ASGI server,
not FastAPI's request models or its /docs page (which would load Swagger UI from a CDN).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .exports import DISTRICTS_CSV, ORUK_DIR
from .oruk import page_of
from .places import district

Json = dict[str, object]
LatLon = tuple[float, float]
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200  # a page of 200 services is about 200 kB
EARTH_RADIUS_M = 6_371_000
HEADERS = {"Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=300"}


class BadRequest(Exception):
    """A query parameter the API cannot use; answered 400 with the reason."""


class NotFound(Exception):
    """No such document; answered 404 with a JSON body."""


def json_response(data: object, status: int = 200) -> Response:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return raw_response(body, status)


def raw_response(body: bytes, status: int = 200) -> Response:
    return Response(body, status, headers=HEADERS, media_type="application/json")


# --- what the API holds ------------------------------------------------------------------


@dataclass
class Service:
    """A service from the export, with what its filters need worked out once."""

    basic: Json  # as in the service list
    words: str  # name, description and organisation, case-folded, for `search`
    organization_id: str
    terms: set[str]  # taxonomy_term ids of its attributes
    taxonomies: set[str]  # and their taxonomy ids
    modified: dt.datetime | None
    districts: set[str]  # postcode districts of its service areas and venues
    points: list[LatLon]  # where it meets: venue coordinates or district centres


@dataclass
class Export:
    """Every ORUK document of one built site, in memory."""

    details: bytes
    services: list[Service]
    lists: dict[str, list[Json]]  # organizations, taxonomies, taxonomy_terms, ...
    by_id: dict[str, dict[str, bytes]]  # endpoint -> id -> the exported file
    links: list[tuple[Json, Service, list[LatLon]]]  # service_at_location, service, venue
    centres: dict[str, LatLon]  # postcode district -> centre


def _read(path: Path) -> object:
    return json.loads(path.read_bytes())


def _contents(folder: Path, name: str) -> list[Json]:
    """Every item of an exported list: the first page, then page-2.json onwards."""
    first = _read(folder / f"{name}.json")
    assert isinstance(first, dict)
    items = list(first["contents"])
    for number in range(2, int(first["total_pages"]) + 1):
        page = _read(folder / name / f"page-{number}.json")
        assert isinstance(page, dict)
        items += page["contents"]
    return items


def _files(folder: Path) -> dict[str, bytes]:
    """id -> bytes for each <id>.json (not the page-N.json files)."""
    return {
        path.stem: path.read_bytes()
        for path in sorted(folder.glob("*.json"))
        if not path.stem.startswith("page-")
    }


def _moment(text: str) -> dt.datetime:
    """A date or date-time, as an aware UTC datetime (a bare date is midnight UTC)."""
    value = dt.datetime.fromisoformat(text.strip().replace(" ", "+"))
    return value.replace(tzinfo=value.tzinfo or dt.UTC).astimezone(dt.UTC)


def _point(location: Json, centres: dict[str, LatLon]) -> LatLon | None:
    lat, lon = location.get("latitude"), location.get("longitude")
    if isinstance(lat, int | float) and isinstance(lon, int | float):
        return float(lat), float(lon)
    for address in location.get("addresses") or []:
        centre = centres.get(district(str(address.get("postal_code") or "")))
        if centre:
            return centre
    return None


def _postcodes(location: Json) -> set[str]:
    return {district(str(a.get("postal_code") or "")) for a in location.get("addresses") or []}


def _service(basic: Json, full: Json, centres: dict[str, LatLon]) -> Service:
    organization = full.get("organization") or {}
    words = [full.get("name"), full.get("description"), organization.get("name")]
    attributes = full.get("attributes") or []
    districts: set[str] = set()
    for area in full.get("service_areas") or []:
        if area.get("extent_type") == "text":
            districts |= {d.strip() for d in str(area.get("extent") or "").split(",")}
    points = []
    for link in full.get("service_at_locations") or []:
        location = link.get("location") or {}
        districts |= _postcodes(location)
        point = _point(location, centres)
        if point:
            points.append(point)
    modified = full.get("last_modified")
    return Service(
        basic=basic,
        words=" ".join(str(w) for w in words if w).casefold(),
        organization_id=str(full.get("organization_id")),
        terms={str(a.get("taxonomy_term_id")) for a in attributes},
        taxonomies={str((a.get("taxonomy_term") or {}).get("taxonomy_id")) for a in attributes},
        modified=_moment(str(modified)) if modified else None,
        districts=districts - {""},
        points=points,
    )


def read_centres(path: Path) -> dict[str, LatLon]:
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {r["district"]: (float(r["lat"]), float(r["lon"])) for r in csv.DictReader(handle)}


def load_export(site_dir: Path) -> Export:
    """Read a built site's ORUK files; FileNotFoundError if it has none."""
    folder = site_dir / ORUK_DIR
    if not (folder / "index.json").is_file():
        raise FileNotFoundError(f"{folder / 'index.json'} not found: build the site first")
    centres = read_centres(site_dir / DISTRICTS_CSV)
    by_id = {
        name: _files(folder / name)
        for name in (
            "services",
            "organizations",
            "taxonomies",
            "taxonomy_terms",
            "service_at_locations",
        )
    }
    services = []
    for basic in _contents(folder, "services"):
        full = json.loads(by_id["services"][str(basic["id"])])
        services.append(_service(basic, full, centres))
    lists = {
        name: _contents(folder, name)
        for name in ("organizations", "taxonomies", "taxonomy_terms", "service_at_locations")
    }
    by_service = {str(s.basic["id"]): s for s in services}
    links = []
    for link in lists["service_at_locations"]:
        point = _point(link.get("location") or {}, centres)
        links.append((link, by_service[str(link["service_id"])], [point] if point else []))
    return Export(
        details=(folder / "index.json").read_bytes(),
        services=services,
        lists=lists,
        by_id=by_id,
        links=links,
        centres=centres,
    )


# --- queries -----------------------------------------------------------------------------


def _int(request: Request, name: str, default: int) -> int:
    text = request.query_params.get(name)
    if text is None or text == "":
        return default
    try:
        value = int(text)
    except ValueError:
        raise BadRequest(f"{name} must be a whole number, not {text!r}") from None
    if value < 1:
        raise BadRequest(f"{name} must be 1 or more")
    return value


def paged(request: Request, items: list[Json]) -> Json:
    """The page the request asks for, with ORUK's paging fields; per_page is capped."""
    page = _int(request, "page", 1)
    per_page = min(_int(request, "per_page", DEFAULT_PER_PAGE), MAX_PER_PAGE)
    start = (page - 1) * per_page
    return page_of(items[start : start + per_page], page, len(items), per_page)


def distance_m(a: LatLon, b: LatLon) -> float:
    """Great-circle distance in metres (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2
    h += math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(h))


Test = Callable[[Service, list[LatLon]], bool]


def service_tests(request: Request, export: Export) -> list[Test]:
    """One test per filter the request gives; a service must pass them all."""
    query = request.query_params
    tests: list[Test] = []
    text = query.get("search") or query.get("text")  # ORUK says search; text as well
    if text:
        words = text.casefold().split()
        tests.append(lambda s, _: all(w in s.words for w in words))
    if term := query.get("taxonomy_term_id"):
        tests.append(lambda s, _: term in s.terms)
    if taxonomy := query.get("taxonomy_id"):
        tests.append(lambda s, _: taxonomy in s.taxonomies)
    if organization := query.get("organization_id"):
        tests.append(lambda s, _: s.organization_id == organization)
    if after := query.get("modified_after"):
        try:
            moment = _moment(after)
        except ValueError:
            raise BadRequest(f"modified_after must be a date or date-time, not {after!r}") from None
        tests.append(lambda s, _: s.modified is not None and s.modified >= moment)
    postcode, proximity = query.get("postcode"), query.get("proximity")
    if proximity and not postcode:
        raise BadRequest("proximity needs a postcode")
    if postcode:
        area = district(postcode)
        if area not in export.centres:
            raise BadRequest(f"{postcode!r} is not in a postcode district this directory covers")
        if proximity:
            try:
                metres = float(proximity)
            except ValueError:
                raise BadRequest(f"proximity must be metres, not {proximity!r}") from None
            centre = export.centres[area]
            tests.append(lambda _, points: any(distance_m(centre, p) <= metres for p in points))
        else:
            tests.append(lambda s, _: area in s.districts)
    return tests


def _matching(tests: list[Test], rows: Iterable[tuple[Json, Service, list[LatLon]]]) -> list[Json]:
    return [item for item, service, points in rows if all(t(service, points) for t in tests)]


def _search(request: Request, items: list[Json], *keys: str) -> list[Json]:
    text = request.query_params.get("search") or request.query_params.get("text")
    if not text:
        return items
    words = text.casefold().split()
    return [
        item
        for item in items
        if all(w in " ".join(str(item.get(k) or "") for k in keys).casefold() for w in words)
    ]


# --- the application ---------------------------------------------------------------------


def create_app(site_dir: Path) -> Starlette:
    """The API over `site_dir` (a built site), loaded now and served from memory."""
    export = load_export(site_dir)

    async def details(request: Request) -> Response:
        return raw_response(export.details)

    async def services(request: Request) -> Response:
        tests = service_tests(request, export)
        rows = ((s.basic, s, s.points) for s in export.services)
        return json_response(paged(request, _matching(tests, rows)))

    async def service_at_locations(request: Request) -> Response:
        return json_response(
            paged(request, _matching(service_tests(request, export), export.links))
        )

    async def organizations(request: Request) -> Response:
        return json_response(
            paged(request, _search(request, export.lists["organizations"], "name", "description"))
        )

    async def taxonomies(request: Request) -> Response:
        return json_response(
            paged(request, _search(request, export.lists["taxonomies"], "name", "description"))
        )

    async def taxonomy_terms(request: Request) -> Response:
        terms = _search(request, export.lists["taxonomy_terms"], "name", "description")
        if taxonomy := request.query_params.get("taxonomy_id"):
            terms = [t for t in terms if t.get("taxonomy_id") == taxonomy]
        if parent := request.query_params.get("parent_id"):
            terms = [t for t in terms if t.get("parent_id") == parent]
        if request.query_params.get("top_only", "").lower() == "true":
            terms = [t for t in terms if not t.get("parent_id")]
        return json_response(paged(request, terms))

    def one(endpoint: str) -> Callable:
        async def answer(request: Request) -> Response:
            found = export.by_id[endpoint].get(request.path_params["id"])
            if found is None:
                raise NotFound(f"no {endpoint.rstrip('s')} with id {request.path_params['id']!r}")
            return raw_response(found)

        return answer

    async def bad_request(request: Request, error: Exception) -> Response:
        return json_response({"status": 400, "error": "Bad request", "message": str(error)}, 400)

    async def not_found(request: Request, error: Exception) -> Response:
        message = (
            str(error) if isinstance(error, NotFound) else f"no such path {request.url.path!r}"
        )
        return json_response({"status": 404, "error": "Not found", "message": message}, 404)

    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        if error.status_code == 404:
            return await not_found(request, error)
        body = {
            "status": error.status_code,
            "error": str(error.detail),
            "message": str(error.detail),
        }
        return json_response(body, error.status_code)

    routes = [
        Route("/", details),
        Route("/services", services),
        Route("/services/{id}", one("services")),
        Route("/service_at_locations", service_at_locations),
        Route("/service_at_locations/{id}", one("service_at_locations")),
        Route("/organizations", organizations),
        Route("/organizations/{id}", one("organizations")),
        Route("/taxonomies", taxonomies),
        Route("/taxonomies/{id}", one("taxonomies")),
        Route("/taxonomy_terms", taxonomy_terms),
        Route("/taxonomy_terms/{id}", one("taxonomy_terms")),
    ]
    handlers = {BadRequest: bad_request, NotFound: not_found, HTTPException: http_error}
    return Starlette(routes=routes, exception_handlers=handlers)


def serve(site_dir: Path, host: str, port: int) -> int:
    """Run the API until interrupted (the `directory oruk-api` command)."""
    import uvicorn

    app = create_app(site_dir)
    print(f"ORUK 3.0 API for {site_dir} on http://{host}:{port}/ (Ctrl+C stops it)")
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
    return 0
