"""Find help: find.json, the filter form, card parts, and the postcode-district table."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from directory.data.directory import DISTRICTS_FILE, load_directory
from directory.data.problems import DataError
from directory.site import carddata, finder, pages

from .project import ROOT, copy_project, hostile_group


@pytest.fixture(scope="module")
def directory():
    return load_directory(ROOT)


# --- find.json ---------------------------------------------------------------------------


def test_find_json_in_the_site_is_what_finder_makes(built_site: Path, directory) -> None:
    text = (built_site / "data" / "find.json").read_text(encoding="utf-8")
    assert text == finder.find_json(directory)
    assert finder.find_json(directory) == finder.find_json(load_directory(ROOT))  # stable
    data = json.loads(text)
    assert sorted(data["groups"]) == sorted(g.slug for g in directory.groups)
    assert len(data["terms"]) == len(directory.terms.terms)
    assert set(data["districts"]) == set(directory.districts)


def test_find_json_holds_what_the_filters_need(directory) -> None:
    data = finder.find_data(directory)["groups"]
    for group in directory.groups:
        entry = data[group.slug]
        assert entry["needs"] == sorted(group.needs)
        assert set(entry["places"]) == {p.slug for p in directory.neighbourhoods_of(group)}
        assert entry["free"] == int(group.is_free)
        assert entry["langs"] == sorted(group.languages)
        timed = [s for s in group.sessions if not s.by_appointment]
        assert len(entry["sessions"]) == len(timed)
    everywhere = [g for g in directory.groups if g.serves_everywhere]
    assert everywhere, "the sample data should have a group serving everywhere"
    assert len(data[everywhere[0].slug]["places"]) == len(directory.neighbourhoods)


def test_find_json_is_compact(directory) -> None:
    size = len(finder.find_json(directory).encode("utf-8"))
    assert size < 400 * len(directory.groups) + 4000, f"find.json is {size} bytes"


def test_routes_follow_the_how_to_join_wording() -> None:
    assert finder.routes(hostile_group()) == ["self"]  # says nothing: people get in touch
    assert finder.routes(hostile_group(referral={"routes": ["self", "gp"]})) == ["gp", "self"]
    assert finder.routes(hostile_group(referral={"routes": ["social-prescriber"]})) == ["gp"]
    assert finder.routes(hostile_group(referral={"routes": ["professional"]})) == ["pro"]


def test_points_use_lat_lon_else_the_district_centre(directory) -> None:
    venue = {"name": "Hall", "address": "1 Street", "postcode": "M27 4AA"}
    placed = hostile_group(venues=[{**venue, "lat": 53.5, "lon": -2.3}])
    assert finder.points(placed, directory.districts) == [(53.5, -2.3)]
    unplaced = hostile_group(venues=[venue])
    assert finder.points(unplaced, directory.districts) == [directory.districts["M27"]]
    assert finder.points(hostile_group(), directory.districts) == []


def test_step_free_needs_a_venue_that_says_so() -> None:
    hall = {"name": "Hall", "address": "1 Street", "postcode": "M27 4AA"}
    assert finder.step_free(hostile_group(venues=[{**hall, "step_free": True}]))
    assert not finder.step_free(hostile_group(venues=[{**hall, "step_free": False}]))
    assert not finder.step_free(hostile_group(venues=[hall]))  # unknown is not step-free
    assert not finder.step_free(hostile_group())


# --- markup ------------------------------------------------------------------------------


class _Controls(HTMLParser):
    """Collects form controls, labels, legends and fieldsets."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict] = []
        self.labels: set[str] = set()
        self.fieldsets = 0
        self.legends = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag in ("input", "select"):
            self.controls.append(attributes)
        elif tag == "label":
            self.labels.add(attributes.get("for", ""))
        elif tag == "fieldset":
            self.fieldsets += 1
        elif tag == "legend":
            self.legends += 1


def _controls(html: str) -> _Controls:
    parser = _Controls()
    parser.feed(html)
    return parser


def test_every_filter_has_a_label_and_every_fieldset_a_legend(directory) -> None:
    form = _controls(finder.filter_form(directory, "../"))
    names = {c["name"] for c in form.controls}
    assert names == {"need", "place", "day", "lang", "route", "age", "free", "step", "open", "near"}
    assert all(c["id"] in form.labels for c in form.controls)
    assert form.fieldsets == form.legends == 3


@pytest.mark.parametrize(("fixed", "left_out"), [("need", "need"), ("place", "place")])
def test_need_and_neighbourhood_pages_leave_out_their_own_filter(
    directory, fixed: str, left_out: str
) -> None:
    names = {c["name"] for c in _controls(finder.filter_form(directory, "../../", fixed)).controls}
    assert left_out not in names and "free" in names


def test_language_choices_use_native_names(directory) -> None:
    form = finder.filter_form(directory, "../")
    assert '<option value="ur">اردو (Urdu)</option>' in form
    assert '<option value="pl">Polski (Polish)</option>' in form
    assert finder.languages(directory)[0] == "ar"  # Arabic first, by English name


def test_find_page_lists_the_first_groups_and_draws_the_rest(built_site: Path, directory) -> None:
    html = (built_site / "find" / "index.html").read_text(encoding="utf-8")
    slugs = re.findall(r'<li class="dir-card" data-slug="([^"]+)"', html)
    assert slugs == [g.slug for g in directory.groups[: pages.PAGE_SIZE]]
    drawn = json.loads((built_site / carddata.CARDS_JSON).read_text(encoding="utf-8"))
    assert drawn["order"] == [g.slug for g in directory.groups]
    assert set(drawn["cards"]) == set(drawn["order"])
    first = directory.groups[-1]
    assert f'data-slug="{first.slug}"' in drawn["cards"][first.slug]
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', html, re.S)
    assert nav is not None and "Find help" in nav.group(0)
    assert "assets/find.js" in html
    # Without JavaScript the page says where the others are, and links every need.
    assert f"All {len(directory.groups)} groups" in html
    for need in directory.needs:
        assert f'href="../needs/{need.slug}/"' in html


def test_every_list_card_carries_its_slug_and_a_shortlist_button(built_site: Path) -> None:
    for page in ("needs/food/index.html", "neighbourhoods/swinton/index.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        cards = re.findall(r'<li class="dir-card" data-slug="([^"]+)"', html)
        buttons = re.findall(r'data-pick="([^"]+)"', html)
        assert cards and sorted(cards) == sorted(buttons)
        assert 'class="find-form"' in html and 'role="status"' in html


def test_shortlist_page_carries_no_cards_and_its_data_every_full_card(
    built_site: Path, directory
) -> None:
    html = (built_site / "shortlist" / "index.html").read_text(encoding="utf-8")
    assert "data-slug=" not in html
    drawn = json.loads((built_site / carddata.SHORTLIST_JSON).read_text(encoding="utf-8"))
    assert drawn["order"] == [g.slug for g in directory.groups]
    assert all('class="dir-card find-short"' in card for card in drawn["cards"].values())


def test_find_and_shortlist_pages_stay_out_of_search(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "find/" not in locations and "shortlist/" not in locations


# --- postcode districts ------------------------------------------------------------------


def test_districts_cover_our_neighbourhoods_and_their_neighbours(directory) -> None:
    ours = {d for place in directory.neighbourhoods for d in place.postcode_districts}
    assert ours <= set(directory.districts)
    for neighbour in ("M1", "M8", "M29", "M41", "M45", "BL4", "WA3", "WN7"):
        assert neighbour in directory.districts
    for lat, lon in directory.districts.values():
        assert 53.3 < lat < 53.7 and -2.7 < lon < -2.0  # Greater Manchester


def _break_districts(project: Path, text: str) -> str:
    (project / DISTRICTS_FILE).write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_directory(project)
    return str(error.value)


def test_district_table_problems_name_the_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    good = (ROOT / DISTRICTS_FILE).read_text(encoding="utf-8")
    lines = good.splitlines()
    report = _break_districts(project, "\n".join([*lines, "M30,53.1,-2.3", "M99,north,west"]))
    end = len(lines)
    assert f"{DISTRICTS_FILE}:{end + 1}: M30 is listed twice" in report
    assert f"{DISTRICTS_FILE}:{end + 2}: should be a district and two numbers" in report
    report = _break_districts(project, "postcode,lat,lon\n" + "\n".join(lines[1:]))
    assert f"{DISTRICTS_FILE}:1: the first line must be district,lat,lon" in report


def test_neighbourhood_district_missing_from_the_table_is_an_error(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    lines = (ROOT / DISTRICTS_FILE).read_text(encoding="utf-8").splitlines()
    report = _break_districts(project, "\n".join(line for line in lines if line[:4] != "M27,"))
    assert "neighbourhoods/swinton.yaml:" in report
    assert "M27 is not in neighbourhoods/postcode-districts.csv" in report


def test_venue_without_coordinates_in_an_unknown_district_is_a_warning(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    file = next(
        f
        for f in sorted((project / "groups").glob("*.yaml"))
        if re.search(r"^    lat: .*\n    lon: .*\n", f.read_text(encoding="utf-8"), re.M)
    )
    text = file.read_text(encoding="utf-8")
    text = re.sub(r"^    lat: .*\n    lon: .*\n", "", text, count=1, flags=re.M)
    text = re.sub(r"postcode: M\d+ ", "postcode: OL1 ", text, count=1)
    file.write_text(text, encoding="utf-8")
    warnings = [str(w) for w in load_directory(project).warnings]
    assert any(
        w.startswith(f"groups/{file.name}:") and "add lat and lon, or add OL1" in w
        for w in warnings
    ), warnings
