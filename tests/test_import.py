"""`directory import oruk`: ORUK services in, valid group files out, nothing lost silently."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from directory.cli import main
from directory.data.directory import Directory, load_directory
from directory.data.models import Group
from directory.opendata import oruk
from directory.opendata.exports import ORUK_DIR, export_files
from directory.opendata.oruk_import import import_services, services_in

from .oruk.validation import EXAMPLES_DIR, errors
from .project import ROOT, copy_project

SITE_URL = "https://example-org.github.io/community-directory/"
EXAMPLES = ["service_full.json", "service_list.json"]


@pytest.fixture(scope="module")
def sample() -> Directory:
    return load_directory(ROOT)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def run(project: Path, *args: str) -> int:
    return main(["--root", str(project), "import", "oruk", *args])


def service(**fields: object) -> dict:
    """A small valid ORUK service to change field by field."""
    base = {
        "id": "0b8d6f3e-9d3c-4c1e-8c5a-3f1f4b2d9e10",
        "name": "Weaste Knit and Natter",
        "description": "Knitting, crochet and a chat over tea.",
        "status": "active",
        "email": "knit@example.org",
        "assured_date": "2026-05-01",
    }
    return base | fields


def only(directory: Directory, data: object) -> object:
    results = import_services(data, directory, {})
    assert len(results) == 1
    return results[0]


@pytest.mark.parametrize("example", EXAMPLES)
def test_official_examples_import_and_pass_check(
    project: Path, example: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {p.name for p in (project / "groups").glob("*.yaml")}
    assert run(project, str(EXAMPLES_DIR / example)) == 0
    out = capsys.readouterr().out
    new = {p.name for p in (project / "groups").glob("*.yaml")} - before
    assert new == {"community-counselling.yaml"}
    text = (project / "groups/community-counselling.yaml").read_text(encoding="utf-8")
    assert "# TODO: needs:" in text and "# TODO: neighbourhoods:" in text

    directory = load_directory(project)  # what `directory check` runs; raises on errors
    group = directory.group("community-counselling")
    assert group.contact.email == "email@example.com"
    assert (group.eligibility.min_age, group.eligibility.max_age) == (12, 100)
    assert main(["--root", str(project), "check"]) == 0

    # The report names what could not be kept, with its value.
    for field in ("accreditations", "alert", "assurer_email", "organization.logo"):
        assert f"  - {field}: not kept: " in out
    if example == "service_full.json":
        assert [(s.day, s.opens.hour, s.closes.hour) for s in group.sessions] == [
            ("thursday", 10, 18),
            ("friday", 10, 18),
        ]
        assert group.cost == "Under 18s and Over 60s: £35 per 1 hour session"
        for field in (
            "funding[0].source",
            "contacts[0].name",
            "schedules[0].bymonthday",
            "languages[0]",
            "service_at_locations[0].location.addresses[0].postal_code",
        ):
            assert f"  - {field}: " in out, field

    # Exported again, every ORUK file is valid.
    found = [
        f"{path}: {e}"
        for path, data in export_files(directory, SITE_URL).items()
        if path.startswith(ORUK_DIR + "/")
        for e in errors(oruk.schema_for(path.removeprefix(ORUK_DIR + "/")), json.loads(data))
    ]
    assert found == []


def test_an_organisation_with_its_services_imports_too(sample: Directory) -> None:
    data = json.loads((EXAMPLES_DIR / "organization_full.json").read_text("utf-8"))
    result = only(sample, data)
    assert result.skipped is None
    assert result.where == "services[0]"
    assert "organization.name: not kept: 'Example Organization Inc.'" in result.notes


def test_existing_files_are_not_overwritten_without_force(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    example = str(EXAMPLES_DIR / "service_full.json")
    assert run(project, example) == 0
    target = project / "groups/community-counselling.yaml"
    target.write_text(target.read_text("utf-8") + "# a volunteer's edit\n", encoding="utf-8")
    capsys.readouterr()
    assert run(project, example) == 1
    assert "already exists; add --force" in capsys.readouterr().err
    assert target.read_text("utf-8").endswith("# a volunteer's edit\n")
    assert run(project, example, "--force") == 0
    assert not target.read_text("utf-8").endswith("# a volunteer's edit\n")
    load_directory(project)


def test_our_own_export_imports_back_unchanged(tmp_path: Path, sample: Directory) -> None:
    project = copy_project(tmp_path / "empty", with_groups=False)
    services = [oruk.service_full(sample, g, SITE_URL) for g in sample.groups]
    source = tmp_path / "services.json"
    source.write_text(json.dumps(services), encoding="utf-8")
    assert run(project, str(source)) == 0
    again = load_directory(project)
    assert [g.slug for g in again.groups] == [g.slug for g in sample.groups]
    for before, after in zip(sample.groups, again.groups, strict=True):
        old, new = before.model_dump(), after.model_dump()
        for data in (old, new):
            data["needs"] = sorted(data["needs"])
            data["description"] = (data["description"] or "").strip()
            _drop_what_oruk_cannot_carry(data, before)
        assert new == old, before.slug


def _drop_what_oruk_cannot_carry(data: dict, group: Group) -> None:
    """ORUK 3.0 schedules have no months and services no closed dates: the export puts
    them in words (description, a closures schedule), which the import keeps as words.
    A course's dates (valid_from, valid_to) come back as fields."""
    for key in ("closed", "open_on_bank_holidays", "open_during_closures"):
        data.pop(key)
    for session, kept in zip(data["sessions"], group.sessions, strict=False):
        session.pop("months")
        if kept.months:
            session.pop("notes")


def test_weekly_and_monthly_rules_become_sessions(sample: Directory) -> None:
    schedules = [
        {"freq": "WEEKLY", "byday": "TU", "opens_at": "10:00", "closes_at": "12:00"},
        {"freq": "MONTHLY", "byday": "1TU,3TU", "opens_at": "18:00:00", "closes_at": "20:00:00"},
        {"freq": "MONTHLY", "byday": "-1FR", "opens_at": "10:00", "closes_at": "11:00"},
        {
            "freq": "WEEKLY",
            "interval": 2,
            "byday": "WE",
            "opens_at": "09:30Z",
            "closes_at": "11:00Z",
        },
        {"description": "Ring to book a time", "attending_type": "By appointment"},
        {"description": "Open most days"},
    ]
    result = only(sample, service(schedules=schedules))
    assert result.data["sessions"] == [
        {"day": "tuesday", "opens": "10:00", "closes": "12:00"},
        {"day": "tuesday", "opens": "18:00", "closes": "20:00", "weeks_of_month": [1, 3]},
        {"day": "wednesday", "opens": "09:30", "closes": "11:00", "notes": "Every 2 weeks"},
        {"by_appointment": True, "notes": "Ring to book a time"},
    ]
    notes = "\n".join(result.notes)
    assert "schedules[2]: not kept: it gives no weekday with opening times" in notes
    assert "schedules[2].byday: not kept: '-1FR'" in notes
    assert "schedules[3]: timezone 'Z' dropped" in notes
    assert "schedules[3]: interval 2 is kept only in the session notes" in notes
    assert "schedules[5].description: not kept: 'Open most days'" in notes


def test_every_value_not_used_is_reported(sample: Directory) -> None:
    result = only(sample, service(x_local_code="AB12", alert="Closed in August"))
    assert "x_local_code: not kept: 'AB12'" in result.notes
    assert "alert: not kept: 'Closed in August'" in result.notes
    assert not any(n.startswith("id:") for n in result.notes)  # ids are summarised instead


def test_terms_areas_and_postcodes_map_to_our_slugs(sample: Directory) -> None:
    food = sample.need("food")
    data = service(
        attributes=[
            {"id": "x", "link_type": "need", "taxonomy_term": {"id": "y", "name": food.title}},
            {"id": "z", "taxonomy_term": {"id": "w", "name": "Knitting"}},
        ],
        service_areas=[{"id": "a", "name": "Swinton"}, {"id": "b", "name": "Atlantis"}],
        service_at_locations=[
            {
                "id": "c",
                "location": {
                    "id": "d",
                    "location_type": "physical",
                    "name": "Weaste Library",
                    "addresses": [
                        {
                            "id": "e",
                            "address_1": "35 Weaste Lane",
                            "city": "Weaste",
                            "state_province": "Greater Manchester",
                            "postal_code": "m5 2ja",
                            "country": "GB",
                            "address_type": "physical",
                        }
                    ],
                    "accessibility": [{"id": "f", "description": "Step-free access"}],
                },
            }
        ],
    )
    result = only(sample, data)
    assert result.data["needs"] == ["food"]
    assert result.data["venues"] == [
        {
            "name": "Weaste Library",
            "address": "35 Weaste Lane, Weaste",
            "postcode": "M5 2JA",
            "step_free": True,
        }
    ]
    assert result.data["neighbourhoods"] == ["ordsall-claremont", "swinton"]
    assert "attributes[1]: taxonomy term 'Knitting' is not one of our needs" in result.notes
    assert "service_areas[1]: 'Atlantis' is not one of our neighbourhoods" in result.notes
    assert result.todos == []


def test_guesses_are_marked_todo_in_the_file(sample: Directory) -> None:
    result = only(sample, service(assured_date=None))
    assert result.data["neighbourhoods"] == ["everywhere"]
    assert result.data["needs"][0] in {n.slug for n in sample.needs}
    text = result.text()
    header = [line for line in text.splitlines() if line.startswith("# TODO")]
    assert [line.split(":")[1].strip() for line in header] == [
        "needs",
        "neighbourhoods",
        "last_reviewed",
    ]
    assert yaml.safe_load(text)["name"] == "Weaste Knit and Natter"


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"status": "defunct"}, "its status is 'defunct', not active"),
        ({"email": "not an email"}, "no phone, email or website"),
        ({"name": ""}, "it has no name"),
    ],
)
def test_services_that_cannot_be_groups_are_skipped_with_a_reason(
    sample: Directory, fields: dict, reason: str
) -> None:
    result = only(sample, [service(**fields)])
    assert result.skipped is not None and reason in result.skipped


def test_a_name_another_file_uses_gets_the_organisation_added(sample: Directory) -> None:
    data = service(name="Knit Club", organization={"id": "o", "name": "Salford CVS"})
    [result] = import_services(data, sample, {"weaste-knitters": "Knit Club"})
    assert (result.name, result.slug) == ("Knit Club (Salford CVS)", "knit-club-salford-cvs")
    # The same name in the file it would be written to is a re-import: --force decides.
    [again] = import_services(data, sample, {"knit-club": "Knit Club"})
    assert (again.name, again.slug) == ("Knit Club", "knit-club")


def test_phones_html_and_languages(sample: Directory) -> None:
    data = service(
        description="<p>Knitting &amp; natter.</p><p>All <b>welcome</b>.</p>",
        phones=[{"id": "p", "number": "0161 496 0999"}, {"id": "q", "number": "12"}],
        languages=[{"id": "l1", "name": "Polish"}, {"id": "l2", "code": "ur"}, {"id": "l3"}],
    )
    result = only(sample, data)
    assert result.data["contact"] == {"phone": "0161 496 0999", "email": "knit@example.org"}
    assert result.data["summary"] == "Knitting & natter."
    assert result.data["description"] == "All welcome."
    assert result.data["languages"] == ["pl", "ur"]
    assert "phones[1].number: not kept (a second number): '12'" in result.notes
    assert "languages[2]: not kept: no language name or code we recognise" in result.notes


@pytest.mark.parametrize(
    ("content", "message"),
    [("not json", "cannot read it as JSON"), ('{"hello": 1}', "not an ORUK service list")],
)
def test_bad_input_says_why(
    project: Path, tmp_path: Path, content: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "input.json"
    source.write_text(content, encoding="utf-8")
    assert run(project, str(source)) == 1
    assert message in capsys.readouterr().err


def test_services_in_accepts_a_plain_list() -> None:
    assert [where for where, _ in services_in([service(), service(name="B")])] == ["[0]", "[1]"]
