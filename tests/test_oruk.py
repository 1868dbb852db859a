"""ORUK 3.0 exports: valid against the official schemas, complete, and stable."""

from __future__ import annotations

import json

import pytest
from directory.data import wording
from directory.data.directory import Directory, load_directory
from directory.data.models import Session
from directory.opendata import oruk
from directory.opendata.exports import ORUK_DIR, export_files
from directory.opendata.places import SiteInfo, site_info
from jsonschema import Draft202012Validator

from .oruk.validation import errors
from .project import LUNCH_CLUB, ROOT, with_group

SITE_URL = "https://example-org.github.io/community-directory/"
CONFIG = {"region": "Greater Manchester", "town": "Salford"}  # as mkdocs.yml's extra
COPIES = 8  # 8 copies of the sample (69+ groups) is well over 500 groups


@pytest.fixture(scope="module")
def sample() -> Directory:
    return load_directory(ROOT)


def site_of(directory: Directory) -> SiteInfo:
    return site_info(directory.districts, SITE_URL, CONFIG)


def oruk_documents(directory: Directory) -> dict[str, object]:
    """The ORUK files as they go into the site, read back as JSON."""
    prefix = ORUK_DIR + "/"
    return {
        path.removeprefix(prefix): json.loads(data)
        for path, data in export_files(directory, site_of(directory)).items()
        if path.startswith(prefix)
    }


def schema_errors(documents: dict[str, object]) -> list[str]:
    found = []
    for path, document in documents.items():
        found += [f"{path}: {e}" for e in errors(oruk.schema_for(path), document)]
        if path.startswith("services/"):
            # HSDS 3.0 parts the ORUK profile's service schema does not list: check each
            # against its own ORUK schema so they are not published unchecked.
            phones = document.get("phones", [])
            phones += [p for c in document.get("contacts", []) for p in c.get("phones", [])]
            for phone in phones:
                found += [f"{path}: phone: {e}" for e in errors("phone.json", phone)]
            for language in document.get("languages", []):
                found += [f"{path}: language: {e}" for e in errors("language.json", language)]
    return found


def many_groups(directory: Directory, copies: int) -> Directory:
    """The sample again and again under new names and slugs, some awkward on purpose."""
    prefixes = ["", "Ünïcödé ", "=Formula ", "<b>Tagged</b> ", "O'Brien & Sons "]
    groups = []
    for i in range(copies):
        for group in directory.groups:
            name = f"{prefixes[i % len(prefixes)]}{group.name} {i}"[:100]
            copy = group.model_copy(update={"name": name})
            copy._slug = f"{group.slug}-{i}"
            groups.append(copy)
    return Directory(groups, list(directory.neighbourhoods), list(directory.needs))


def test_format_checks_are_really_on() -> None:
    # Without rfc3986-validator installed, jsonschema silently skips "uri".
    checked = Draft202012Validator.FORMAT_CHECKER.checkers
    assert {"uuid", "uri", "email", "date-time"} <= set(checked)


def test_the_validator_catches_mistakes(sample: Directory) -> None:
    document = oruk.service_full(sample, sample.group(LUNCH_CLUB), SITE_URL)
    broken = json.loads(json.dumps(document))
    broken["id"] = "lunch-club"
    broken["status"] = "open"
    broken["url"] = "not a web address"
    broken["schedules"][0]["freq"] = "DAILY"
    broken["service_at_locations"][0]["location"]["addresses"][0].pop("postal_code")
    found = errors("service.json", broken)
    assert len(found) == 5, found
    assert errors("service.json", document) == []


def test_sample_exports_validate_with_no_errors(sample: Directory) -> None:
    documents = oruk_documents(sample)
    groups = len(sample.groups)
    venues = sum(len(g.venues) for g in sample.groups)
    terms = len(sample.needs) + len(wording.ROUTE_WORDS)
    # index; 5 lists, 3 of them as a first page and page-1; a service, an organisation and a
    # service_at_location per group or venue; 2 taxonomies; every term
    assert len(documents) == 1 + 5 + 3 + 2 * groups + venues + 2 + terms
    assert {p: oruk.schema_for(p) for p in documents if "page-" in p} == {
        "services/page-1.json": "service_list.json",
        "organizations/page-1.json": "organization_list.json",
        "service_at_locations/page-1.json": "service_at_location_list.json",
    }
    assert schema_errors(documents) == []


def test_five_hundred_generated_groups_validate_with_no_errors(sample: Directory) -> None:
    big = many_groups(sample, COPIES)
    assert len(big.groups) >= 500
    documents = oruk_documents(big)
    services = [p for p in documents if p.startswith("services/") and "/page-" not in p]
    assert len(services) == len(big.groups)
    assert len([p for p in documents if p.startswith("services/page-")]) == 2  # 500 a page
    assert schema_errors(documents) == []


def test_every_sample_group_is_in_the_service_list_once(sample: Directory) -> None:
    listed = oruk_documents(sample)["services.json"]
    names = [service["name"] for service in listed["contents"]]
    assert sorted(names) == sorted(g.name for g in sample.groups)
    assert len({s["id"] for s in listed["contents"]}) == len(sample.groups)
    assert listed["total_items"] == len(sample.groups)
    files = {p.stem for p in (ROOT / "groups").glob("*.yaml")}
    assert {g.slug for g in sample.groups} == files


def test_ids_are_the_same_on_every_export() -> None:
    first = export_files(load_directory(ROOT), SITE_URL)
    second = export_files(load_directory(ROOT), SITE_URL)
    assert first == second
    # Pinned: a group's id must never change, or consumers would see a new service.
    assert oruk.service_id(load_directory(ROOT).group(LUNCH_CLUB)) == (
        "ff1dbf70-1d80-5b2e-8550-058bab9fe253"
    )


def test_no_two_things_share_an_id(sample: Directory) -> None:
    seen: dict[str, str] = {}

    def walk(value: object, where: str) -> None:
        if isinstance(value, dict):
            if "id" in value and "taxonomy_term" not in where:
                kind = where.rsplit("/", 1)[-1]
                assert seen.setdefault(value["id"], kind) == kind, (value["id"], where)
            for key, item in value.items():
                walk(item, f"{where}/{key}")
        elif isinstance(value, list):
            for item in value:
                walk(item, where)

    for path, document in oruk_documents(sample).items():
        if path.startswith("services/") and "/page-" not in path:
            walk(document, "service")
    assert len(seen) > 10 * len(sample.groups)


def test_the_lunch_club_maps_field_by_field(sample: Directory) -> None:
    service = oruk.service_full(sample, sample.group(LUNCH_CLUB), SITE_URL)
    assert service["name"] == "Eccles Friendship Lunch Club"
    assert service["organization"]["name"] == service["name"]
    assert service["url"] == "https://eccles-lunch.example.org"
    assert service["email"] == "hello@eccles-lunch.example.org"
    assert service["phones"][0]["number"] == "0161 496 0123"
    assert service["minimum_age"] == 60 and "maximum_age" not in service
    assert service["assured_date"] == "2026-09-14"
    assert service["eligibility_description"].startswith("Older people")
    *sessions, closed = service["schedules"]
    assert closed["description"].startswith("Closed on bank holidays") and "freq" not in closed
    rules = [(s.get("freq"), s.get("byday"), s.get("opens_at")) for s in sessions]
    assert rules == [
        ("WEEKLY", "TU", "12:00"),
        ("WEEKLY", "TH", "11:30"),
        ("MONTHLY", "1SA,3SA", "10:00"),
    ]
    place = service["service_at_locations"][0]
    assert service["schedules"][0]["service_at_location_id"] == place["id"]
    address = place["location"]["addresses"][0]
    assert (address["address_1"], address["city"], address["postal_code"]) == (
        "12 Church Street",
        "Eccles",
        "M30 0LS",
    )
    access = [a["description"] for a in place["location"]["accessibility"]]
    assert access[:3] == ["Step-free access", "Accessible toilet", "Hearing loop"]
    assert [a["name"] for a in service["service_areas"]] == ["Eccles & Irlam"]
    assert [(c.get("amount"), c["amount_description"]) for c in service["cost_options"]] == [
        (3.5, "£3.50 for a two-course lunch; coffee mornings are free")
    ]
    assert [x["code"] for x in service["languages"]] == ["en", "ur", "pl"]
    linked = {(a["link_type"], a["taxonomy_term"]["term"]) for a in service["attributes"]}
    assert {("need", "food"), ("need", "older-people"), ("referral_route", "gp")} <= linked


def test_weekly_and_monthly_rules() -> None:
    session = Session(day="tuesday", opens="10:00", closes="12:00")
    assert oruk.rrule(session) == ("WEEKLY", "TU")
    monthly = Session(day="tuesday", opens="10:00", closes="12:00", weeks_of_month=[3, 1])
    assert oruk.rrule(monthly) == ("MONTHLY", "1TU,3TU")
    assert oruk.rrule(Session(by_appointment=True)) == (None, None)


@pytest.mark.parametrize(
    ("text", "amount"),
    [("£3.50 a visit", 3.5), ("50p a session", 0.5), ("£4 a class, or £14 for four", None)],
)
def test_a_cost_has_an_amount_only_when_it_names_one_price(text: str, amount: float) -> None:
    assert oruk.amount(text) == amount


def test_everywhere_lists_every_neighbourhood(sample: Directory) -> None:
    everywhere = next(g for g in sample.groups if g.serves_everywhere)
    areas = oruk.service_areas(sample, everywhere, "x", SITE_URL)
    assert [a["name"] for a in areas] == [n.name for n in sample.neighbourhoods]


def test_cross_references_are_intact(sample: Directory) -> None:
    documents = oruk_documents(sample)
    kept = {p.split("/")[0]: set() for p in documents if "/" in p}
    for path in documents:
        if "/" in path and "/page-" not in path:
            kept[path.split("/")[0]].add(path.split("/")[1].removesuffix(".json"))
    for path, service in documents.items():
        if not path.startswith("services/") or "/page-" in path:
            continue
        assert service["organization_id"] in kept["organizations"]
        links = {link["id"] for link in service.get("service_at_locations", [])}
        assert links <= kept["service_at_locations"]
        for link in service.get("service_at_locations", []):
            assert (
                documents[f"service_at_locations/{link['id']}.json"]["service_id"] == service["id"]
            )
            assert link["location_id"] == link["location"]["id"]
        for rule in service.get("schedules", []):
            assert rule.get("service_at_location_id", "none given") in links | {"none given"}
        for attribute in service["attributes"]:
            assert attribute["taxonomy_term_id"] in kept["taxonomy_terms"]
            assert attribute["taxonomy_term"]["taxonomy_id"] in kept["taxonomies"]
        for contact in service.get("contacts", []):
            assert all(p["contact_id"] == contact["id"] for p in contact["phones"])
    for path, link in documents.items():
        if path.startswith("service_at_locations/") and "/page-" not in path:
            assert f"services/{link['service_id']}.json" in documents


def test_static_pages_are_disjoint_and_complete(sample: Directory) -> None:
    big = many_groups(sample, COPIES)
    documents = oruk_documents(big)
    pages = [documents[f"services/page-{n}.json"] for n in (1, 2)]
    assert documents["services.json"] == pages[0]
    assert [p["size"] for p in pages] == [oruk.STATIC_PAGE_SIZE, len(big.groups) - 500]
    assert [(p["first_page"], p["last_page"], p["total_pages"]) for p in pages] == [
        (True, False, 2),
        (False, True, 2),
    ]
    found = [s["id"] for p in pages for s in p["contents"]]
    assert sorted(found) == sorted(oruk.service_id(g) for g in big.groups)
    assert "services/page-3.json" not in documents


def test_phones_also_under_contacts_and_last_modified(sample: Directory) -> None:
    service = oruk.service_full(sample, sample.group(LUNCH_CLUB), site_of(sample))
    (contact,) = service["contacts"]
    assert contact["phones"] == service["phones"]
    assert contact["phones"][0]["number"] == "0161 496 0123"
    assert service["last_modified"] == "2026-09-14T00:00:00Z"
    assert (
        oruk.service_basic(sample.group(LUNCH_CLUB), SITE_URL)["last_modified"]
        == (service["last_modified"])
    )


def test_attending_type_comes_from_the_data(sample: Directory) -> None:
    def types(directory: Directory, slug: str) -> set[str]:
        service = oruk.service_full(directory, directory.group(slug), SITE_URL)
        # the closures schedule says when no session happens, so it has no attending type
        return {s["attending_type"] for s in service["schedules"] if "attending_type" in s}

    assert types(sample, LUNCH_CLUB) == {"in person"}
    remote = {"venues": [], "sessions": [{"by_appointment": True}]}
    phoned = with_group(sample, "phone-line", **remote, contact={"phone": "0161 496 0999"})
    assert types(phoned, "phone-line") == {"phone"}
    online = with_group(sample, "online", **remote, contact={"website": "https://example.org"})
    assert types(online, "online") == {"online"}
    assert set(oruk.ATTENDING_TYPES) == {"in person", "online", "phone"}


def test_region_and_town_come_from_configuration(sample: Directory) -> None:
    bristol = {"name": "Patchway Hub", "address": "1 Rodway Road, Patchway", "postcode": "BS34 5LP"}
    no_town = {
        "name": "St Mary's Church Hall",
        "address": "12 Church Street",
        "postcode": "M30 0LS",
    }
    directory = with_group(sample, "two-places", venues=[bristol, no_town], sessions=[])
    group = directory.group("two-places")

    def addresses(site: SiteInfo) -> list[tuple[str, str]]:
        service = oruk.service_full(directory, group, site)
        found = [link["location"]["addresses"][0] for link in service["service_at_locations"]]
        return [(a["city"], a["state_province"]) for a in found]

    configured = site_info(directory.districts, SITE_URL, CONFIG)
    assert addresses(configured) == [("Patchway", "Bristol"), ("Salford", "Greater Manchester")]
    other = site_info(directory.districts, SITE_URL, {"region": "Lancashire", "town": "Elsewhere"})
    assert addresses(other) == [("Patchway", "Bristol"), ("Elsewhere", "Lancashire")]
    # No configuration: every venue is named by its postcode area, never a made-up region.
    assert addresses(site_info(directory.districts, SITE_URL)) == [
        ("Patchway", "Bristol"),
        ("Manchester", "Manchester"),
    ]
    assert schema_errors({"services/x.json": oruk.service_full(directory, group, configured)}) == []
