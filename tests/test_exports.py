"""groups.json, groups.csv and the JSON-LD in group pages."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from directory.data.directory import Directory, load_directory
from directory.data.models import Group
from directory.opendata import jsonld
from directory.opendata.exports import (
    CSV_COLUMNS,
    export_files,
    groups_csv,
    groups_json,
    spreadsheet_safe,
)
from directory.opendata.places import site_info

from .project import LUNCH_CLUB, ROOT, with_group

SITE_URL = "https://example-org.github.io/community-directory/"
CONFIG = {"region": "Greater Manchester", "town": "Salford"}  # as mkdocs.yml's extra
LD_SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def sample() -> Directory:
    return load_directory(ROOT)


def csv_rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark, for Excel"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


# --- CSV ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("https://evil.example","x")', '\'=HYPERLINK("https://evil.example","x")'),
        ("+44 161 496 0123", "'+44 161 496 0123"),
        ("-2+3", "'-2+3"),
        ("-2.295", "-2.295"),  # a longitude: a number, never a formula
        ("-2.295e3", "'-2.295e3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Lunch club", "Lunch club"),
        ("", ""),
    ],
)
def test_spreadsheet_safe(cell: str, safe: str) -> None:
    assert spreadsheet_safe(cell) == safe


def test_csv_has_one_row_per_group(sample: Directory) -> None:
    rows = csv_rows(groups_csv(sample, SITE_URL))
    assert len(rows) == len(sample.groups)
    assert [r["slug"] for r in rows] == [g.slug for g in sample.groups]
    assert tuple(rows[0]) == CSV_COLUMNS
    club = next(r for r in rows if r["slug"] == LUNCH_CLUB)
    assert club["phone"] == "0161 496 0123"
    assert club["organisation"] == "Eccles Friendship Lunch Club"
    venue = sample.group(LUNCH_CLUB).venues[0]
    assert (club["latitude"], club["longitude"]) == (str(venue.lat), str(venue.lon))
    assert float(club["longitude"]) < 0  # a plain number, not an escaped cell
    assert club["step_free"] == "yes"
    walks = next(r for r in rows if r["slug"] == "swinton-job-club")
    assert len(walks["latitude"].split("; ")) == 2  # one value per venue, in venue order
    assert club["postcodes"] == "M30 0LS"
    assert club["languages"] == "English; Urdu; Polish"
    assert club["page"] == SITE_URL + f"groups/{LUNCH_CLUB}/"
    assert "**two-course lunch**" in club["description"]  # multi-line text survives


def test_csv_neutralises_formulas_and_keeps_unicode(sample: Directory) -> None:
    directory = with_group(
        sample,
        "formula-club",
        name='=HYPERLINK("https://evil.example","Click")',
        summary="+1 for a cup of tea — ☕ every Tuesday in Eccles",
        eligibility={"who": "@everyone, ages 60+", "min_age": 60},
    )
    directory = with_group(directory, "minus-club", name="Minus Club", summary="-1 cost")
    rows = {r["slug"]: r for r in csv_rows(groups_csv(directory, SITE_URL))}
    assert len(rows) == len(sample.groups) + 2
    formula = rows["formula-club"]
    assert formula["name"] == '\'=HYPERLINK("https://evil.example","Click")'
    assert formula["summary"] == "'+1 for a cup of tea — ☕ every Tuesday in Eccles"
    assert formula["who"] == "'@everyone, ages 60+"
    assert rows["minus-club"]["summary"] == "'-1 cost"
    for row in rows.values():
        risky = [v for v in row.values() if v.startswith(("=", "+", "-", "@", "\t", "\r"))]
        assert not [v for v in risky if not re.fullmatch(r"-\d+\.\d+", v)], risky


# --- JSON --------------------------------------------------------------------------------


def test_groups_json_holds_every_group_as_written(sample: Directory) -> None:
    data = json.loads(groups_json(sample, SITE_URL))
    assert data["count"] == len(data["groups"]) == len(sample.groups)
    assert "fictional" in data["note"]
    club = next(g for g in data["groups"] if g["slug"] == LUNCH_CLUB)
    assert club["sessions"][0] == {
        "day": "tuesday",
        "opens": "12:00",
        "closes": "14:00",
        "venue": "St Mary's Church Hall",
        "term_time_only": False,
        "by_appointment": False,
    }
    assert club["needs"] == ["food", "loneliness", "older-people"]
    written = {k: v for k, v in club.items() if k not in ("id", "slug", "page")}
    assert Group.model_validate(written).model_dump() == sample.group(LUNCH_CLUB).model_dump()


def test_exports_are_byte_identical_for_the_same_input(sample: Directory) -> None:
    assert export_files(sample, SITE_URL) == export_files(load_directory(ROOT), SITE_URL)


def test_the_built_site_holds_every_export_file_as_is(built_site: Path, sample: Directory) -> None:
    files = export_files(sample, site_info(sample.districts, SITE_URL, CONFIG))
    assert {"data/groups.json", "data/groups.csv", "data/oruk/services.json"} <= set(files)
    for path, data in files.items():
        assert (built_site / path).read_bytes() == data, path


# --- JSON-LD -----------------------------------------------------------------------------


def page_jsonld(site: Path, slug: str) -> dict:
    html = (site / "groups" / slug / "index.html").read_text(encoding="utf-8")
    scripts = LD_SCRIPT.findall(html)
    assert len(scripts) == 1
    return json.loads(scripts[0])


def test_group_pages_carry_json_ld(built_site: Path, sample: Directory) -> None:
    data = page_jsonld(built_site, LUNCH_CLUB)
    assert data["@id"] == SITE_URL + f"groups/{LUNCH_CLUB}/#group"
    assert data["url"] == SITE_URL + f"groups/{LUNCH_CLUB}/"
    assert data["sameAs"] == "https://eccles-lunch.example.org"
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Organization"
    assert data["name"] == "Eccles Friendship Lunch Club"
    assert data["telephone"] == "+44 161 496 0123"
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "12 Church Street",
        "addressLocality": "Eccles",
        "addressRegion": "Greater Manchester",
        "postalCode": "M30 0LS",
        "addressCountry": "GB",
    }
    service = data["makesOffer"]["itemOffered"]
    assert service["@type"] == "Service"
    hours = service["hoursAvailable"]
    assert hours[0]["dayOfWeek"] == "https://schema.org/Tuesday"
    assert (hours[0]["opens"], hours[0]["closes"]) == ("12:00", "14:00")
    assert "1st and 3rd Saturday" in hours[2]["description"]
    for group in sample.groups:
        found = page_jsonld(built_site, group.slug)
        assert found["name"] == group.name
        assert found["url"] == SITE_URL + f"groups/{group.slug}/"  # every group has a URL
        for area in found["areaServed"]:
            within = area["containedInPlace"]
            assert (within["name"], within["containedInPlace"]["name"]) == (
                "Salford",
                "Greater Manchester",
            )


def test_json_ld_gives_each_session_the_venue_it_is_at(sample: Directory) -> None:
    group = sample.group("swinton-job-club")
    data = jsonld.group_jsonld(sample, group, site_info(sample.districts, SITE_URL, CONFIG))
    places = {p["name"]: p for p in data["location"]}
    assert [a["postalCode"] for a in data["address"]] == ["M27 4AE", "M27 8UW"]
    for venue in group.venues:
        held = [s for s in group.sessions if s.venue == venue.name]
        hours = places[venue.name]["openingHoursSpecification"]
        assert held and len(hours) == len(held)
        assert places[venue.name]["address"]["postalCode"] == venue.postcode
        assert all(venue.name in h["description"] for h in hours)


def test_json_ld_keeps_a_venue_elsewhere_in_its_own_region(sample: Directory) -> None:
    bristol = {"name": "Patchway Hub", "address": "1 Rodway Road, Patchway", "postcode": "BS34 5LP"}
    directory = with_group(sample, "bristol", venues=[bristol], sessions=[])
    group = directory.group("bristol")
    data = jsonld.group_jsonld(directory, group, site_info(sample.districts, SITE_URL, CONFIG))
    assert (data["address"]["addressLocality"], data["address"]["addressRegion"]) == (
        "Patchway",
        "Bristol",
    )


def test_json_ld_cannot_break_out_of_its_script(sample: Directory) -> None:
    hostile = '</script><script>alert("x")</script><!-- & -->'
    directory = with_group(sample, "hostile", name="Hostile " + hostile[:80], summary=hostile)
    group = directory.group("hostile")
    inner = jsonld.jsonld_json(directory, group)  # group.html places it in <script>
    assert not re.search(r"[<>&]", inner)
    assert json.loads(inner)["description"] == hostile


def test_json_ld_for_a_group_without_venues_or_phone(sample: Directory) -> None:
    directory = with_group(
        sample,
        "online-only",
        name="Online Only",
        contact={"email": "hi@example.org"},
        venues=[],
        sessions=[{"by_appointment": True}],
        last_reviewed=dt.date(2026, 1, 1),
    )
    data = jsonld.group_jsonld(directory, directory.group("online-only"))
    assert "address" not in data and "telephone" not in data
    assert data["makesOffer"]["itemOffered"]["hoursAvailable"] == [
        {"@type": "OpeningHoursSpecification", "description": "By appointment"}
    ]


def test_the_open_data_page_links_to_the_files(built_site: Path) -> None:
    html = (built_site / "open-data" / "index.html").read_text(encoding="utf-8")
    links = set(re.findall(r'href="\.\./(data/[^"]+)"', html))
    assert {"data/groups.csv", "data/groups.json", "data/oruk/services.json"} <= links
    for link in links:
        assert (built_site / link).is_file(), link
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="open-data/"' in home  # in the navigation
