"""Hostile and broken input: nothing lost, nothing injected, nothing different twice.

Broken files with a fixed report live in tests/cases/ (see test_cases.py); the cases here
need bytes, several files, a build or random mutation.
"""

from __future__ import annotations

import filecmp
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from directory.data.directory import load_directory
from directory.data.loading import MAX_BYTES, parse_document
from directory.data.problems import DataError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .project import ROOT, build_site, copy_project

SAMPLE = (ROOT / "groups" / "eccles-friendship-lunch-club.yaml").read_bytes()


def _problems(raw: bytes) -> list[str]:
    return [str(p) for p in parse_document(raw, "groups/x.yaml").problems]


def test_a_file_over_the_size_limit_is_refused_before_parsing() -> None:
    raw = SAMPLE + b"# padding\n" * (MAX_BYTES // 10)
    assert _problems(raw) == [f"groups/x.yaml:1: is {len(raw):,} bytes; the limit is 65,536"]


def test_non_utf8_bytes_are_reported_with_their_position() -> None:
    raw = SAMPLE.replace(b"Eccles Friendship", b"Eccles Caf\xe9 Friendship", 1)
    assert _problems(raw) == [
        "groups/x.yaml:3: byte 0xe9 at column 17 is not UTF-8; save the file as UTF-8"
    ]


def test_a_utf8_byte_order_mark_is_accepted() -> None:
    doc = parse_document(b"\xef\xbb\xbf" + SAMPLE, "groups/x.yaml")
    assert doc.problems == []
    assert doc.data["name"] == "Eccles Friendship Lunch Club"


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    problems = _problems("\n".join(lines).encode())
    assert problems and all("YAML aliases" in p for p in problems)


def test_two_groups_with_the_same_name_are_an_error_naming_both(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    original = project / "groups" / "eccles-friendship-lunch-club.yaml"
    twin = original.read_text().replace("0161 496 0123", "0161 496 0998")
    twin = twin.replace("name: Eccles Friendship Lunch Club", "name: eccles  FRIENDSHIP lunch club")
    (project / "groups" / "zz-twin.yaml").write_text(twin)
    with pytest.raises(DataError) as failure:
        load_directory(project)
    assert str(failure.value).splitlines()[0] == (
        "groups/zz-twin.yaml:3: name: 'eccles  FRIENDSHIP lunch club' is already the name of "
        "groups/eccles-friendship-lunch-club.yaml; choose another"
    )


# --- injection: valid but hostile text comes out as text ---------------------------------

PAYLOAD = (
    '<script>alert("x")</script> [x](javascript:alert(1)) {: onclick="alert(2)" } '
    '"><img src=x onerror=alert(3)>'
)
NAME = 'Hostile <script>alert("x")</script> [x](javascript:alert(1)) {: onclick="alert(2)" }'
SUMMARY = '=HYPERLINK(1) "><img src=x onerror=alert(3)> <script>alert(5)</script>'
HOSTILE = f"""# yaml-language-server: $schema=../docs/schema/group.schema.json
name: {json.dumps(NAME)}
summary: {json.dumps(SUMMARY)}
description: |
  Plain words, then *emphasis* and a [fine link](https://example.org).
needs: [loneliness]
neighbourhoods: [swinton]
contact:
  phone: 0161 496 0997
  website: https://example.org/?q="><script>alert(4)</script>
venues:
  - name: {json.dumps("Hall " + PAYLOAD)}
    address: {json.dumps("1 Road " + PAYLOAD)}
    postcode: M27 4AW
    parking: {json.dumps("Car park " + PAYLOAD)}
sessions:
  - day: monday
    opens: "10:00"
    closes: "11:00"
    notes: {json.dumps("Notes " + PAYLOAD)}
cost: {json.dumps("+1 " + PAYLOAD)}
eligibility:
  who: {json.dumps("@everyone " + PAYLOAD)}
referral:
  routes: [self]
  notes: {json.dumps("-1 " + PAYLOAD)}
last_reviewed: 2026-10-01
"""


class _ActiveContent(HTMLParser):
    """Collects anything in a page that could run: scripts, handlers, script URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action", "formaction") and value:
                if (
                    re.sub(r"[\s\x00-\x1f]", "", value)
                    .lower()
                    .startswith(("javascript:", "data:text"))
                ):
                    self.found.append(f"<{tag} {name}={value!r}>")
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = None

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    (project / "groups" / "hostile.yaml").write_text(HOSTILE, encoding="utf-8")
    site, _ = build_site(project)
    return site


def test_hostile_text_is_shown_escaped_on_the_group_page(hostile_site: Path) -> None:
    html = (hostile_site / "groups" / "hostile" / "index.html").read_text("utf-8")
    assert (
        "Hostile &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; [x](javascript:alert(1))" in html
    )
    assert "{: onclick=&quot;alert(2)&quot; }" in html
    assert "<title>Hostile &lt;script&gt;" in html
    assert '<meta name="description" content="=HYPERLINK(1) &quot;&gt;&lt;img' in html


@pytest.mark.parametrize("kind", ["html", "svg", "xml"])
def test_no_active_payload_anywhere_in_the_site(hostile_site: Path, kind: str) -> None:
    files = sorted(hostile_site.rglob(f"*.{kind}"))
    assert files or kind == "svg"
    for file in files:
        parser = _ActiveContent()
        parser.feed(file.read_text("utf-8"))
        assert parser.found == [], f"{file}: {parser.found}"
        for attrs, body in parser.scripts:
            if attrs.get("type") == "application/ld+json":
                assert "</" not in body and "<script" not in body.lower()
                json.loads(body)  # still one JSON document: no break-out
            else:
                assert "alert(" not in body, f"{file}: payload inside a script"


def test_spreadsheet_cells_cannot_start_a_formula(hostile_site: Path) -> None:
    import csv

    tables = sorted(hostile_site.rglob("*.csv"))
    assert tables, "the open-data export should write groups.csv"
    for table in tables:
        with table.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                assert not [cell for cell in row if cell[:1] in ("=", "+", "-", "@")], row


# --- nothing lost: random mutation never crashes the loader ------------------------------

SAMPLE_DATA = yaml.safe_load(SAMPLE)


def _mutations() -> st.SearchStrategy[bytes]:
    text = SAMPLE.decode()
    lines = text.splitlines(keepends=True)
    junk = st.binary(min_size=1, max_size=8)
    delete = st.integers(0, len(lines) - 1).map(lambda i: "".join(lines[:i] + lines[i + 1 :]))
    duplicate = st.integers(0, len(lines) - 1).map(
        lambda i: "".join(lines[: i + 1] + [lines[i]] + lines[i + 1 :])
    )
    retype = st.tuples(
        st.integers(0, len(lines) - 1),
        st.sampled_from(["", " 12", " [a, b]", " {x: 1}", " true", " ~", " 'text'", " 2026-13-45"]),
    ).map(lambda p: "".join(lines[: p[0]] + [_retyped(lines[p[0]], p[1])] + lines[p[0] + 1 :]))
    rename = st.tuples(
        st.integers(0, len(lines) - 1), st.text("abcxyz_", min_size=1, max_size=6)
    ).map(
        lambda p: "".join(
            lines[: p[0]]
            + [re.sub(r"[a-z_]+:", p[1] + ":", lines[p[0]], count=1)]
            + lines[p[0] + 1 :]
        )
    )
    as_bytes = st.one_of(delete, duplicate, retype, rename).map(str.encode)
    insert = st.tuples(as_bytes, st.integers(0, len(SAMPLE)), junk).map(
        lambda p: p[0][: p[1]] + p[2] + p[0][p[1] :]
    )
    return st.one_of(as_bytes, insert)


def _retyped(line: str, value: str) -> str:
    key, sep, _ = line.partition(":")
    return f"{key}:{value}\n" if sep else line


@pytest.fixture(scope="module")
def mutation_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("mutants"), with_groups=False)


@settings(
    max_examples=500,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(raw=_mutations())
def test_mutated_files_give_a_report_never_a_crash(mutation_project: Path, raw: bytes) -> None:
    file = mutation_project / "groups" / "mutant.yaml"
    file.write_bytes(raw)
    try:
        directory = load_directory(mutation_project, [file])
    except DataError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.path in ("groups/mutant.yaml", "needs.yaml") or problem.path.startswith(
                "neighbourhoods/"
            )
            assert problem.line >= 1 and problem.message
    else:
        assert [g.slug for g in directory.groups] == ["mutant"]


# --- every field reaches the page or an export -------------------------------------------


def _leaves(value: object, loc: tuple = ()) -> list[tuple[tuple, object]]:
    if isinstance(value, dict):
        return [leaf for k, v in value.items() for leaf in _leaves(v, (*loc, k))]
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return [leaf for i, v in enumerate(value) for leaf in _leaves(v, (*loc, i))]
    return [(loc, value)]


def test_every_field_of_a_full_group_reaches_its_page(built_site: Path) -> None:
    from directory.data import wording

    html = (built_site / "groups" / "eccles-friendship-lunch-club" / "index.html").read_text()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#x27;", "'")
    shown = {
        "step_free": "Step-free access",
        "accessible_toilet": "Accessible toilet",
        "hearing_loop": "Hearing loop",
        "term_time_only": None,
    }
    missing = []
    for loc, value in _leaves(SAMPLE_DATA):
        field = loc[-1]
        if field in shown:
            expected = shown[field] if value else None
        elif field == "description":
            expected = "highlight of their week"
        elif field == "weeks_of_month":
            expected = "1st and 3rd Saturday"
        elif field in ("opens", "closes"):
            expected = str(value)
        elif field == "day":
            expected = value.capitalize()
        elif field == "last_reviewed":
            expected = wording.long_date(value)
        elif field == "languages":
            expected = [wording.language_name(code) for code in value]
        elif field == "routes":
            expected = [wording.ROUTE_WORDS[route] for route in value]
        elif field == "needs":
            expected = ["Food and lunch clubs", "Older people"]
        elif field == "neighbourhoods":
            expected = ["Eccles & Irlam"]
        elif field == "min_age":
            expected = f"Ages {value} and over"
        else:
            expected = str(value)
        for item in expected if isinstance(expected, list) else [expected]:
            if item is not None and item not in text.replace("&amp;", "&"):
                missing.append((loc, item))
    assert missing == []


# --- determinism --------------------------------------------------------------------------


def _differences(left: Path, right: Path) -> list[str]:
    comparison = filecmp.dircmp(left, right)
    found = [*comparison.left_only, *comparison.right_only]
    _, mismatch, errors = filecmp.cmpfiles(left, right, comparison.common_files, shallow=False)
    found += mismatch + errors
    for name in comparison.common_dirs:
        found += [f"{name}/{d}" for d in _differences(left / name, right / name)]
    return found


def test_two_builds_are_byte_identical(built_site: Path, tmp_path: Path) -> None:
    again, _ = build_site(ROOT, tmp_path / "again")
    assert _differences(built_site, again) == []
