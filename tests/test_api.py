"""`directory oruk-api` on the built sample site, asked what the ORUK validator asks."""

from __future__ import annotations

import json
import math
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from directory.data import wording
from directory.data.directory import Directory, load_directory
from directory.data.models import Group
from directory.opendata import oruk
from directory.opendata.api import MAX_PER_PAGE
from directory.opendata.exports import ORUK_DIR
from directory.opendata.places import district

from .oruk.validation import errors
from .project import ROOT

# Which official schema each endpoint's answer must meet.
ITEM_SCHEMAS = {
    "services": "service.json",
    "organizations": "organization.json",
    "taxonomies": "taxonomy.json",
    "taxonomy_terms": "taxonomy_term.json",
    "service_at_locations": "service_at_location.json",
}
LIST_SCHEMAS = {
    "services": "service_list.json",
    "organizations": "organization_list.json",
    "taxonomies": "taxonomy_list.json",
    "taxonomy_terms": "taxonomy_term_list.json",
    "service_at_locations": "service_at_location_list.json",
}


@pytest.fixture(scope="module")
def sample() -> Directory:
    return load_directory(ROOT)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def api(built_site: Path) -> Iterator[str]:
    """The base address of `directory oruk-api` running on the built sample site."""
    port = _free_port()
    command = [sys.executable, "-m", "directory.cli", "oruk-api", str(built_site)]
    server = subprocess.Popen(
        [*command, "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/", timeout=1).close()
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"oruk-api stopped: {server.stdout.read().decode()}")
                time.sleep(0.05)
        else:
            pytest.fail("oruk-api did not answer within 10 s")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def get(base: str, path: str) -> tuple[int, dict, object]:
    """(status, headers, JSON body) for a GET, whatever the status."""
    try:
        with urllib.request.urlopen(base + path, timeout=10) as answer:
            return answer.status, dict(answer.headers), json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read())


def ok(base: str, path: str) -> dict:
    status, headers, body = get(base, path)
    assert status == 200, (path, body)
    assert headers["access-control-allow-origin"] == "*"
    assert headers["content-type"] == "application/json"
    assert isinstance(body, dict)
    return body


def every_page(base: str, path: str, per_page: int) -> list[dict]:
    sep = "&" if "?" in path else "?"
    first = ok(base, f"{path}{sep}per_page={per_page}")
    pages = [first]
    for number in range(2, first["total_pages"] + 1):
        pages.append(ok(base, f"{path}{sep}per_page={per_page}&page={number}"))
    return pages


def ids(base: str, path: str, per_page: int = MAX_PER_PAGE) -> list[str]:
    return [item["id"] for page in every_page(base, path, per_page) for item in page["contents"]]


def sid(group: Group) -> str:
    return oruk.service_id(group)


# --- what the validator asks -------------------------------------------------------------


def test_the_validators_requests_all_validate(api: str) -> None:
    assert errors("api_details.json", ok(api, "/")) == []
    first = ok(api, "/services?page=1")
    assert first["total_pages"] >= 2  # so the middle and last pages are real pages
    middle = (first["total_pages"] + 1) // 2
    for page in (first, ok(api, f"/services?page={middle}"), ok(api, "/services?page=99")):
        assert errors("service_list.json", page) == []
    last = ok(api, f"/services?page={first['total_pages']}")
    assert last["last_page"] and not last["first_page"] and last["contents"]
    for service_id in ids(api, "/services"):  # every service, not only the validator's few
        full = ok(api, f"/services/{service_id}")
        assert errors("service.json", full) == [], full["name"]
        phones = full.get("phones", []) + [p for c in full.get("contacts", []) for p in c["phones"]]
        assert not [e for p in phones for e in errors("phone.json", p)]
    for endpoint, schema in LIST_SCHEMAS.items():
        listed = ok(api, f"/{endpoint}")
        assert listed["contents"], endpoint
        assert errors(schema, listed) == [], endpoint
        for item_id in ids(api, f"/{endpoint}"):
            one = ok(api, f"/{endpoint}/{item_id}")
            assert errors(ITEM_SCHEMAS[endpoint], one) == [], (endpoint, item_id)


def test_the_api_answers_with_the_exported_files(api: str, built_site: Path) -> None:
    folder = built_site / ORUK_DIR
    for endpoint in ITEM_SCHEMAS:
        for item_id in ids(api, f"/{endpoint}")[:5]:
            exported = json.loads((folder / endpoint / f"{item_id}.json").read_bytes())
            assert ok(api, f"/{endpoint}/{item_id}") == exported
    assert ok(api, "/") == json.loads((folder / "index.json").read_bytes())


def test_paging_is_disjoint_and_complete(api: str, sample: Directory) -> None:
    expected = sorted(sid(g) for g in sample.groups)
    for per_page in (1, 9, 50, MAX_PER_PAGE):
        pages = every_page(api, "/services", per_page)
        found = [s["id"] for page in pages for s in page["contents"]]
        assert len(found) == len(set(found)) == len(expected), per_page
        assert sorted(found) == expected
        assert [p["page_number"] for p in pages] == list(range(1, len(pages) + 1))
        assert all(p["total_items"] == len(expected) for p in pages)
        assert all(p["size"] == len(p["contents"]) <= per_page for p in pages)
        assert [p["first_page"] for p in pages] == [True] + [False] * (len(pages) - 1)
        assert [p["last_page"] for p in pages] == [False] * (len(pages) - 1) + [True]
    beyond = ok(api, "/services?page=99")
    assert beyond["empty"] and beyond["contents"] == [] and beyond["total_items"] == 70
    capped = ok(api, f"/services?per_page={MAX_PER_PAGE * 10}")
    assert capped["size"] <= MAX_PER_PAGE
    venues = sum(len(g.venues) for g in sample.groups)
    assert len(set(ids(api, "/service_at_locations", 7))) == venues


# --- filters -----------------------------------------------------------------------------


def _narrows(found: list[str], expected: set[str], everything: int) -> None:
    assert expected, "a filter test needs something to find"
    assert len(expected) < everything, "and something to leave out"
    assert len(found) == len(set(found))
    assert set(found) == expected


def test_search_narrows_to_groups_with_every_word(api: str, sample: Directory) -> None:
    def says(group: Group, *words: str) -> bool:
        text = oruk.service_text(group).casefold() + " " + group.name.casefold()
        return all(w in text for w in words)

    for query, words in (("lunch", ("lunch",)), ("walk%20eccles", ("walk", "eccles"))):
        expected = {sid(g) for g in sample.groups if says(g, *words)}
        _narrows(ids(api, f"/services?search={query}"), expected, len(sample.groups))
        _narrows(ids(api, f"/services?text={query}"), expected, len(sample.groups))


def test_taxonomy_filters_narrow_to_the_terms_groups(api: str, sample: Directory) -> None:
    term = oruk.need_term(sample.need("food"), None)["id"]
    expected = {sid(g) for g in sample.groups_for_need("food")}
    _narrows(ids(api, f"/services?taxonomy_term_id={term}"), expected, len(sample.groups))
    routes = oruk.stable_id("taxonomy", oruk.ROUTES_TAXONOMY)
    referred = {sid(g) for g in sample.groups if g.referral and g.referral.routes}
    assert set(ids(api, f"/services?taxonomy_id={routes}")) == referred  # every sample group
    assert ids(api, f"/services?taxonomy_id={oruk.stable_id('taxonomy', 'other')}") == []
    terms = ids(api, f"/taxonomy_terms?taxonomy_id={routes}")
    assert sorted(terms) == sorted(oruk.route_term(r)["id"] for r in wording.ROUTE_WORDS)


def test_organization_filter_finds_its_one_service(api: str, sample: Directory) -> None:
    group = sample.group("eccles-friendship-lunch-club")
    found = ids(api, f"/services?organization_id={oruk.organization_id(group)}")
    _narrows(found, {sid(group)}, len(sample.groups))
    links = ids(api, f"/service_at_locations?organization_id={oruk.organization_id(group)}")
    assert len(links) == len(group.venues)


def test_modified_after_narrows_by_last_reviewed(api: str, sample: Directory) -> None:
    days = sorted(g.last_reviewed for g in sample.groups)
    middle = days[len(days) // 2]
    expected = {sid(g) for g in sample.groups if g.last_reviewed >= middle}
    for value in (middle.isoformat(), f"{middle.isoformat()}T00:00:00Z"):
        _narrows(ids(api, f"/services?modified_after={value}"), expected, len(sample.groups))


def _haversine_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    (lat1, lon1), (lat2, lon2) = [(math.radians(x), math.radians(y)) for x, y in (a, b)]
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6_371_000 * math.asin(math.sqrt(h))


def test_postcode_and_proximity_narrow_by_place(api: str, sample: Directory) -> None:
    def serves(group: Group, area: str) -> bool:
        places = {d for n in sample.neighbourhoods_of(group) for d in n.postcode_districts}
        return area in places | {district(v.postcode) for v in group.venues}

    expected = {sid(g) for g in sample.groups if serves(g, "M30")}
    _narrows(ids(api, "/services?postcode=M30%200LS"), expected, len(sample.groups))

    centre = sample.districts["M30"]

    def near(group: Group, metres: float) -> bool:
        points = [
            (v.lat, v.lon) if v.lat is not None else sample.districts[district(v.postcode)]
            for v in group.venues
        ]
        return any(_haversine_m(centre, p) <= metres for p in points)

    for metres in (1000, 3000):
        expected = {sid(g) for g in sample.groups if near(g, metres)}
        found = ids(api, f"/services?postcode=M30&proximity={metres}")
        _narrows(found, expected, len(sample.groups))
    food = oruk.need_term(sample.need("food"), None)["id"]
    both = {sid(g) for g in sample.groups_for_need("food") if near(g, 3000)}
    found = ids(api, f"/services?postcode=M30&proximity=3000&taxonomy_term_id={food}")
    _narrows(found, both, len(sample.groups))


# --- errors ------------------------------------------------------------------------------


@pytest.mark.parametrize("endpoint", list(ITEM_SCHEMAS))
def test_unknown_ids_are_json_404s(api: str, endpoint: str) -> None:
    for unknown in ("00000000-0000-0000-0000-000000000000", "not-an-id"):
        status, headers, body = get(api, f"/{endpoint}/{unknown}")
        assert status == 404
        assert headers["access-control-allow-origin"] == "*"
        assert body["status"] == 404 and unknown in body["message"]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/nowhere", 404),
        ("/services?page=0", 400),
        ("/services?per_page=lots", 400),
        ("/services?modified_after=yesterday", 400),
        ("/services?postcode=ZZ99", 400),
        ("/services?proximity=100", 400),
        ("/services?postcode=M30&proximity=far", 400),
    ],
)
def test_bad_requests_get_a_json_answer(api: str, path: str, status: int) -> None:
    found, headers, body = get(api, path)
    assert (found, body["status"]) == (status, status), body
    assert body["message"] and headers["content-type"] == "application/json"


def test_the_command_explains_a_site_that_is_not_built(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "directory.cli", "oruk-api", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "build the site first" in done.stderr
