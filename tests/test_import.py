"""`directory import oruk`: ORUK services in, group files out, nothing lost or invented.

Feeds under tests/feeds/ are shaped like real ORUK 1.x and 3.0 output: oruk3-page.json is
page 1 of 6 with a long-shared-prefix pair, two unreadable records, a duplicate id and a
service with HTML, location schedules, phones and a scheme-less website; oruk1-page.json
is an ORUK 1.x (Spring) page.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml
from directory.cli import main
from directory.data.directory import Directory, load_directory
from directory.data.models import Group
from directory.data.problems import DataError
from directory.opendata import oruk
from directory.opendata.exports import ORUK_DIR, export_files
from directory.opendata.importing import import_services
from directory.opendata.importing.feed import read_feed
from directory.opendata.importing.html import first_sentence, to_markdown
from directory.opendata.importing.mapping import ImportMap, load_map
from directory.opendata.importing.slugs import slugify

from .oruk.validation import EXAMPLES_DIR, errors
from .project import ROOT, build_site, copy_project

SITE_URL = "https://example-org.github.io/community-directory/"
FEEDS = Path(__file__).parent / "feeds"
ORUK3, ORUK1 = FEEDS / "oruk3-page.json", FEEDS / "oruk1-page.json"


@pytest.fixture(scope="module")
def sample() -> Directory:
    return load_directory(ROOT)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The sample project without its groups, with the test feeds' import map."""
    root = copy_project(tmp_path / "project", with_groups=False)
    shutil.copy(FEEDS / "import-map.yaml", root / "import-map.yaml")
    return root


def run(project: Path, *args: str) -> int:
    return main(["--root", str(project), "import", "oruk", *args])


def check(project: Path) -> int:
    """`directory check` of the group files there. Only imported groups are in the project,
    so a check of everything would also warn of needs and neighbourhoods no group uses."""
    paths = [str(p) for p in sorted((project / "groups").glob("*.yaml"))]
    return main(["--root", str(project), "check", *paths])


def files(project: Path) -> dict[str, str]:
    return {p.name: p.read_text("utf-8") for p in sorted((project / "groups").glob("*.yaml"))}


def service(**fields: object) -> dict:
    """A small valid ORUK 3.0 service to change field by field."""
    base = {
        "id": "0b8d6f3e-9d3c-4c1e-8c5a-3f1f4b2d9e10",
        "name": "Weaste Knit and Natter",
        "description": "Knitting, crochet and a chat over tea.",
        "status": "active",
        "email": "knit@example.org",
        "assured_date": "2026-05-01",
    }
    return base | fields


def only(directory: Directory, data: object, terms: ImportMap | None = None) -> object:
    _, results = import_services(data, directory, terms)
    assert len(results) == 1
    return results[0]


def notes(result: object, kind: str | None = None) -> list[str]:
    return [f"{n.path}: {n.text}" for n in result.notes if kind in (None, n.kind)]


# --- never lose, never overwrite ---------------------------------------------------------


def test_every_service_is_one_file_or_one_reported_skip(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(project, str(ORUK3)) == 0
    out = capsys.readouterr().out
    written = files(project)
    # The long-shared-prefix pair: two files, each with a suffix from its own ORUK id.
    pair = [n for n in written if n.startswith("cost-of-living-services-welcoming-space")]
    assert len(pair) == 2 and len(set(pair)) == 2
    names = {yaml.safe_load(written[n])["name"] for n in pair}
    assert len(names) == 2
    # The written count is the files on disk, and the skips add up to the rest.
    assert f"Group files written: {len(written)} ({len(written)} new" in out
    assert "Services read: 6" in out and "Skipped: 3" in out
    assert "schedules should be a list, but it is true: 1 service: Broken Schedules" in out
    assert "cost_options[0].amount is nan (not a number): 1 service: Not a Number" in out
    assert "contents[0], contents[5]; only the first was imported" in out
    assert "**Incomplete feed:** the input is page 1 of 6;" in out


def test_suffixes_are_stable_whatever_the_order(sample: Directory) -> None:
    data = json.loads(ORUK3.read_text("utf-8"))
    pair = data["contents"][:2]
    _, forward = import_services({"contents": pair}, sample)
    _, backward = import_services({"contents": pair[::-1]}, sample)
    assert {r.source_id: r.slug for r in forward} == {r.source_id: r.slug for r in backward}
    assert len(slugify(pair[0]["name"])) <= 60


def test_a_reader_bug_costs_one_record_not_the_import(
    sample: Directory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from directory.opendata.importing import service as mapping

    def broken(ctx: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(mapping, "read_cost", broken)
    _, results = import_services([service(), service(id="b", name="B")], sample)
    assert [r.skipped for r in results] == [
        "the import could not read it (KeyError); please report this"
    ] * 2


# --- read what feeds hold ----------------------------------------------------------------


def test_html_location_schedules_phones_and_websites(sample: Directory) -> None:
    data = json.loads(ORUK3.read_text("utf-8"))
    terms = load_map(FEEDS.parent / "feeds")
    result = only(sample, [data["contents"][4]], terms)
    group = result.data
    text = group["description"]
    # Headings are bold lines, lists stay lists, links keep web addresses only.
    assert "**About Us**" in text and "**Who we are**" in text
    assert "- Knitting and crochet\n- Tea and a chat" in text
    assert "[our page](https://example.org/knit/about)" in text
    assert "javascript" not in text and "click here" in text
    assert "trackVisitor" not in text and "color" not in text
    assert "\u00a0" not in text and "\u200b" not in text
    assert group["summary"] == "We are volunteers who love wool."
    # Phones: the first in contact, with its extension; the rest kept in the description.
    assert group["contact"] == {
        "phone": "0161 496 0101 ext. 204",
        "website": "https://www.example.org/knit",
    }
    assert "07700 900123 (Mobile, evenings); 0161 496 0102" in text
    assert "url: https:// added to “www.example.org/knit”" in notes(result, "changed")
    # Location-level schedules: current ones at the venue, the expired one not live,
    # the seasonal one with its dates and a review entry, the last Friday in words.
    sessions = [(s["day"], s.get("notes")) for s in group["sessions"]]
    assert sessions == [
        ("tuesday", None),
        ("saturday", "Summer knitting in the garden"),
        ("friday", "The last Friday of the month."),
    ]
    assert all(s["venue"] == "Weaste Library" for s in group["sessions"])
    assert (
        group["sessions"][1]["from"].isoformat(),
        group["sessions"][1]["until"].isoformat(),
    ) == (
        "2027-06-01",
        "2027-08-31",
    )  # the season's dates as the session's own fields
    assert any("ended on 31 March 2021" in n for n in notes(result, "lost"))
    # Free-text accessibility and sign language are kept where people read them.
    assert "Access at Weaste Library: Ramp at the side door; ring the bell." in text
    assert "British Sign Language: An interpreter on the first Tuesday" in text
    assert group["languages"] == ["en"]


def test_an_oruk_1x_page_imports(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(project, str(ORUK1)) == 0
    out = capsys.readouterr().out
    assert "# Import of oruk1-page.json (ORUK 1.x)" in out
    text = (project / "groups/irlam-dads-kickabout.yaml").read_text("utf-8")
    assert "(ORUK 1.x) data" in text
    group = load_directory(project).group("irlam-dads-kickabout")
    assert group.contact.website == "https://example.com/irlam-hub"  # organization.url
    assert [(s.day, s.opens.isoformat("minutes")) for s in group.sessions] == [
        ("saturday", "09:30")
    ]
    assert group.venues[0].postcode == "M44 6BR" and group.venues[0].step_free is True
    assert (group.eligibility.min_age, group.eligibility.who) == (16, "For: Fathers.")
    assert group.needs == ["children-families"]  # service_taxonomys through the map
    assert "Run by Irlam Family Hub, registered charity 1234567." in group.description
    assert load_directory(project).group("swinton-carers-coffee-morning").needs == ["carers"]
    assert check(project) == 0


@pytest.mark.parametrize(
    ("html", "summary"),
    [
        ("<h2>About Us</h2><p>Services include:</p><p>We run a pantry.</p>", "We run a pantry."),
        ("<p>Homeless?</p><h3>Who we are</h3>Homeless people get help here.", "Homeless people"),
        ("We help. Come along on Mondays.", "We help."),
    ],
)
def test_the_summary_is_the_first_real_sentence(html: str, summary: str) -> None:
    markdown, _ = to_markdown(html)
    if "<h3>" in html:
        assert "**Who we are**\n\nHomeless people" in markdown  # not glued together
        summary = "Homeless people get help here."
    assert first_sentence(markdown) == summary


def test_feed_versions_and_pages_are_detected() -> None:
    assert read_feed(json.loads(ORUK1.read_text("utf-8"))).version == "ORUK 1.x"
    assert read_feed(json.loads(ORUK1.read_text("utf-8"))).incomplete is None
    feed = read_feed(json.loads(ORUK3.read_text("utf-8")))
    assert (feed.version, feed.incomplete) == ("ORUK 3.0", "page 1 of 6")
    spring = read_feed({"content": [], "totalPages": 292, "number": 0})
    assert spring.incomplete == "page 1 of 292"


# --- nothing unreviewed is publishable ---------------------------------------------------


def test_a_feed_with_taxonomies_not_ours_fails_check_until_reviewed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "whole")  # with the sample groups, so it builds
    shutil.copy(FEEDS / "import-map.yaml", project / "import-map.yaml")
    feed = tmp_path / "feed.json"
    term = {"id": "t9", "name": "Adults Kickboxing", "taxonomy": "localTypes"}
    area = {"id": "a9", "name": "Bristol North"}
    data = [
        service(
            name="Adults Kickboxing",
            assured_date=None,
            attributes=[{"id": "x", "link_type": "service_type", "taxonomy_term": term}],
            service_areas=[area],
        )
    ]
    feed.write_text(json.dumps(data), encoding="utf-8")
    assert run(project, str(feed)) == 0
    out = capsys.readouterr().out
    assert "- term “Adults Kickboxing”: 1 service" in out
    assert "- area “Bristol North”: 1 service" in out
    assert "needs (1), neighbourhoods (1), last_reviewed (1)" in out
    assert check(project) == 1
    err = capsys.readouterr().out
    assert "review: imported: confirm needs, neighbourhoods, last_reviewed" in err
    with pytest.raises(DataError):
        load_directory(project)  # what the build runs, so the build refuses it too

    # Mapping the terms instead: the import has nothing left to guess but the date.
    target = project / "groups/adults-kickboxing.yaml"
    mapping = project / "import-map.yaml"
    mapping.write_text(
        mapping.read_text("utf-8").replace(
            "needs:\n", "needs:\n  Adults Kickboxing: [physical-activity]\n"
        )
        + "  Bristol North: [broughton]\n",
        encoding="utf-8",
    )
    assert run(project, str(feed), "--update") == 0
    data = yaml.safe_load(target.read_text("utf-8"))
    assert (data["needs"], data["neighbourhoods"]) == (["physical-activity"], ["broughton"])
    assert data["review"] == ["last_reviewed"]  # only the date is still a guess

    # A person confirms and deletes the review line: check passes and the site builds.
    lines = target.read_text("utf-8").splitlines()
    target.write_text("\n".join(x for x in lines if not x.startswith("review:")) + "\n", "utf-8")
    assert check(project) == 0
    site, _ = build_site(project)
    assert (site / "groups/adults-kickboxing/index.html").exists()


# --- identity and sync -------------------------------------------------------------------


def test_update_changes_nothing_then_follows_a_rename_and_keeps_hand_edits(
    project: Path, tmp_path: Path
) -> None:
    data = json.loads(ORUK1.read_text("utf-8"))
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps(data), encoding="utf-8")
    assert run(project, str(feed)) == 0
    before = files(project)
    assert run(project, str(feed)) == 1  # files exist: refuse without --update
    assert run(project, str(feed), "--update") == 0
    assert files(project) == before

    target = project / "groups/swinton-carers-coffee-morning.yaml"
    edited = target.read_text("utf-8") + "cost: free\n"  # a field the feed does not hold
    target.write_text(edited, encoding="utf-8")
    data["content"][1]["name"] = "Swinton Carers Cuppa"
    feed.write_text(json.dumps(data), encoding="utf-8")
    assert run(project, str(feed), "--update") == 0
    after = files(project)
    assert set(after) == set(before)  # updated in place, no new file
    group = load_directory(project).group("swinton-carers-coffee-morning")
    assert (group.name, group.cost) == ("Swinton Carers Cuppa", "free")
    assert group.source.id == "1a2b3c4d-0000-4000-8000-000000000002"


def test_our_own_export_imports_back_and_exports_byte_identical(
    tmp_path: Path, sample: Directory
) -> None:
    project = copy_project(tmp_path / "empty", with_groups=False)
    services = [oruk.service_full(sample, g, SITE_URL) for g in sample.groups]
    source = tmp_path / "services.json"
    source.write_text(json.dumps(services), encoding="utf-8")
    assert run(project, str(source)) == 0
    again = load_directory(project)
    assert [g.slug for g in again.groups] == [g.slug for g in sample.groups]
    assert not any(g.review for g in again.groups)
    before, after = export_files(sample, SITE_URL), export_files(again, SITE_URL)
    oruk_files = [p for p in before if p.startswith(ORUK_DIR + "/")]
    changed = {p for p in oruk_files if before[p] != after[p]}
    # ORUK 3.0 has no field for months or closed dates: the export says them in words,
    # which the import keeps as words. Only the files of groups that use them may differ.
    in_words = [g for g in sample.groups if _beyond_oruk(g)]
    assert in_words and len(in_words) < len(sample.groups) // 4
    allowed = {f"{ORUK_DIR}/services/{oruk.service_id(g)}.json" for g in in_words}
    lists = {p for p in oruk_files if not p.startswith(f"{ORUK_DIR}/services/") or "page-" in p}
    assert oruk_files and changed - allowed - lists == set()
    assert not changed & {
        f"{ORUK_DIR}/services/{oruk.service_id(g)}.json"
        for g in sample.groups
        if not _beyond_oruk(g)
    }


def _beyond_oruk(group: Group) -> bool:
    """Seasons, closed dates and bank-holiday opening (facts ORUK 3.0 can only put in
    words), or a course that has ended (which an import rightly does not take as current)."""
    return bool(
        any(s.until and s.until < dt.date.today() for s in group.sessions)
        or group.closed
        or group.open_on_bank_holidays
        or group.open_during_closures
        or any(s.months for s in group.sessions)
    )


@pytest.mark.parametrize("example", ["service_full.json", "service_list.json"])
def test_official_examples_import_and_pass_check_once_reviewed(
    project: Path, example: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(project, str(EXAMPLES_DIR / example)) == 0
    out = capsys.readouterr().out
    target = project / "groups/community-counselling.yaml"
    data = yaml.safe_load(target.read_text("utf-8"))
    assert data["review"] == ["needs", "neighbourhoods"]
    assert data["source"]["id"] == "ac148810-d857-441c-9679-408f346de14b"
    for field in ("accreditations, 1 service", "alert notices (alert), 1 service"):
        assert f"- {field}: " in out
    assert "- organisation's logo (organization.logo), 1 service: " in out
    assert "Traceback" not in out and "validation error" not in out.lower()
    target.write_text(target.read_text("utf-8").replace("review: [needs, neighbourhoods]\n", ""))
    directory = load_directory(project)
    group = directory.group("community-counselling")
    assert (group.eligibility.min_age, group.eligibility.max_age) == (12, 100)
    found = [
        f"{path}: {e}"
        for path, data in export_files(directory, SITE_URL).items()
        if path.startswith(ORUK_DIR + "/")
        for e in errors(oruk.schema_for(path.removeprefix(ORUK_DIR + "/")), json.loads(data))
    ]
    assert found == []


# --- the report --------------------------------------------------------------------------


def test_the_report_file_is_markdown_with_the_summary_first(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "report.md"
    assert run(project, str(ORUK3), "--report", str(report)) == 0
    shown = capsys.readouterr().out
    text = report.read_text("utf-8")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings[0] == "## Summary"
    assert "## Skipped" in headings and "## Not kept" in headings
    assert f"The whole report is in {report}" in shown and "## Not kept" not in shown
    assert "pydantic" not in text.lower() and "Traceback" not in text
    assert text.count("contacts.name") == 2  # once in the summary, once in the details


def test_every_value_not_used_is_reported(sample: Directory) -> None:
    result = only(sample, service(x_local_code="AB12", alert="Closed in August"))
    assert "x_local_code: “AB12”" in notes(result, "lost")
    assert "alert: “Closed in August”" in notes(result, "lost")
    assert not any(n.startswith("id:") for n in notes(result))


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"status": "defunct"}, "its status is “defunct”, not active"),
        ({"email": "not an email"}, "no phone, email or website"),
        ({"name": ""}, "it has no name"),
    ],
)
def test_services_that_cannot_be_groups_are_skipped_with_a_reason(
    sample: Directory, fields: dict, reason: str
) -> None:
    result = only(sample, [service(**fields)])
    assert result.skipped is not None and reason in result.skipped


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


def test_monthly_rules_overnight_and_runs_are_kept_in_words(sample: Directory) -> None:
    schedules = [
        {"freq": "MONTHLY", "byday": "1TU,3TU", "opens_at": "18:00:00", "closes_at": "20:00:00"},
        {"freq": "MONTHLY", "bymonthday": "15", "opens_at": "10:00", "closes_at": "12:00"},
        {"freq": "WEEKLY", "byday": "FR", "opens_at": "22:00", "closes_at": "02:00"},
        {
            "freq": "WEEKLY",
            "interval": 2,
            "byday": "WE",
            "opens_at": "09:30Z",
            "closes_at": "11:00Z",
        },
        {"freq": "WEEKLY", "byday": "MO", "opens_at": "10:00", "closes_at": "11:00", "count": 6},
        {
            "freq": "WEEKLY",
            "byday": "SU",
            "opens_at": "10:00",
            "closes_at": "11:00",
            "until": "2024-01-01",
        },
        {"description": "Ring to book a time", "attending_type": "By appointment"},
    ]
    result = only(sample, service(schedules=schedules))
    assert result.data["sessions"] == [
        {"day": "tuesday", "opens": "18:00", "closes": "20:00", "weeks_of_month": [1, 3]},
        {"day": "wednesday", "opens": "09:30", "closes": "11:00", "notes": "Every 2 weeks"},
        {"day": "monday", "opens": "10:00", "closes": "11:00", "notes": "6 sessions in all."},
        {"by_appointment": True, "notes": "Ring to book a time"},
    ]
    text = result.data["description"]
    assert "Times: 10:00 to 12:00 on day 15 of each month." in text
    assert "Overnight: Friday, 22:00 until 02:00 the next morning." in text
    assert "schedules[3]: timezone “Z” dropped; the times are kept as given" in notes(result)
    assert any(n.startswith("schedules[5]: it ended on 1 January 2024") for n in notes(result))
    assert "sessions" in result.review  # the run of 6 has an end the site cannot show


def test_every_email_and_website_is_kept(sample: Directory) -> None:
    data = service(
        contacts=[{"id": "c", "email": "bookings@example.org"}],
        url="https://example.org/knit",
        organization={"id": "o", "name": "Weaste Knit and Natter", "website": "example.com"},
        status="Active",
        service_at_locations=[
            {"id": "l", "location": {"id": "m", "phones": [{"id": "n", "number": "0161 496 0777"}]}}
        ],
    )
    result = only(sample, data)
    assert result.data["contact"] == {
        "phone": "0161 496 0777",  # the venue's
        "email": "knit@example.org",
        "website": "https://example.org/knit",
    }
    assert "Other email addresses: bookings@example.org." in result.data["description"]
    assert "Also online: <https://example.com>" in result.data["description"]


def test_the_projects_import_map_names_only_our_needs_and_neighbourhoods(
    sample: Directory,
) -> None:
    terms = load_map(ROOT)
    needs = {n.slug for n in sample.needs}
    places = {p.slug for p in sample.neighbourhoods} | {"everywhere"}
    assert terms.needs and terms.neighbourhoods
    assert {s for slugs in terms.needs.values() for s in slugs} <= needs
    assert {s for slugs in terms.neighbourhoods.values() for s in slugs} <= places
    assert terms.lookup("needs", "  food BANKS ") == ["food"]  # case and spacing ignored


def test_every_page_imported_together_is_complete(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pages = []
    for number, services in ((1, [service()]), (2, [service(id="b", name="B"), service()])):
        page = tmp_path / f"page{number}.json"
        data = {"total_pages": 2, "page_number": number, "contents": services}
        page.write_text(json.dumps(data), encoding="utf-8")
        pages.append(str(page))
    assert run(project, *pages) == 0
    out = capsys.readouterr().out
    assert "Incomplete" not in out and "Services read: 3" in out
    assert "page1.json contents[0], page2.json contents[1]; only the first" in out
    assert len(files(project)) == 2
    assert run(project, pages[1], "--output", str(tmp_path / "alone")) == 0
    assert "the input is page 2 of 2;" in capsys.readouterr().out


def test_long_names_are_cut_and_kept_whole_in_the_description(sample: Directory) -> None:
    name = "Cost of Living Services " + "and Warm Welcome " * 6
    result = only(sample, service(name=name))
    assert result.skipped is None and len(result.name) <= 100 and result.name.endswith("…")
    assert f"Full name: {name.strip()}" in result.data["description"]
