"""Hostile and broken input: nothing lost, nothing injected, nothing different twice.

Broken files with a fixed report live in tests/cases/ (see test_cases.py); the cases here
need bytes, several files, a build or random mutation.
"""

from __future__ import annotations

import copy
import filecmp
import functools
import json
import os
import re
import tomllib
from html import unescape
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


# --- files that are not plain files in the repository -----------------------------------


def _load_errors(project: Path) -> list[str]:
    with pytest.raises(DataError) as failure:
        load_directory(project)
    return str(failure.value).splitlines()


def test_links_to_devices_and_outside_files_are_refused_unread(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    outside = tmp_path / "secret.yaml"
    outside.write_bytes(SAMPLE)
    (project / "groups" / "zero.yaml").symlink_to("/dev/zero")
    (project / "groups" / "elsewhere.yaml").symlink_to(outside)
    os.mkfifo(project / "groups" / "pipe.yaml")  # opening it would wait forever
    report = _load_errors(project)
    link = "is a link to a file outside the repository; put the file itself here"
    assert f"groups/zero.yaml:1: {link}" in report
    assert f"groups/elsewhere.yaml:1: {link}" in report
    assert "groups/pipe.yaml:1: is not a regular file; put a plain text file here" in report


def test_a_large_file_is_read_no_further_than_the_limit(tmp_path: Path) -> None:
    from directory.data.loading import read_bytes

    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (50 * MAX_BYTES))
    raw, refused = read_bytes(big, tmp_path)
    assert raw == b"" and refused == "is over 65,536 bytes, the limit; shorten it"


def test_a_district_table_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    from directory.data.directory import DISTRICTS_FILE

    project = copy_project(tmp_path)
    table = project / DISTRICTS_FILE
    table.write_bytes(table.read_bytes() + "M99,53.5,-2.3 Caf\xe9\n".encode("latin-1"))
    lines = table.read_bytes().count(b"\n")
    assert _load_errors(project)[0] == (
        f"{DISTRICTS_FILE}:{lines}: byte 0xe9 is not UTF-8; save the file as UTF-8"
    )


def test_a_need_may_not_be_called_index(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    needs = project / "needs.yaml"
    needs.write_text(re.sub(r"slug: \S+", "slug: index", needs.read_text(), count=1))
    assert any(
        ": index is the name of the list page itself; choose another" in line
        for line in _load_errors(project)
    )


# --- duplicates: compared as people read them, blamed on the newer file ------------------


def test_a_zero_width_space_does_not_make_a_new_name(tmp_path: Path) -> None:
    project = copy_project(tmp_path, with_groups=False)
    original = SAMPLE.decode()
    (project / "groups" / "b-twin.yaml").write_text(
        original.replace("Eccles Friendship", "Eccles\u200b Friendship", 1).replace(
            "0161 496 0123", "phone-number"
        ),
        encoding="utf-8",
    )
    (project / "groups" / "a-first.yaml").write_text(original, encoding="utf-8")
    report = _load_errors(project)
    # reported on the file that sorts later, and in the same run as its other mistake
    assert any(line.startswith("groups/b-twin.yaml:") and "phone" in line for line in report)
    assert (
        "groups/b-twin.yaml:3: name: 'Eccles\\u200b Friendship Lunch Club' is already the name "
        "of groups/a-first.yaml; choose another"
    ) in report
    assert not any(line.startswith("groups/a-first.yaml") for line in report)


def test_the_file_a_pull_request_adds_is_the_newer_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from directory.cli import main

    project = copy_project(tmp_path)
    original = project / "groups" / "eccles-friendship-lunch-club.yaml"
    twin = original.read_text().replace("0161 496 0123", "0161 496 0998")
    (project / "groups" / "aa-twin.yaml").write_text(twin)  # sorts first, yet is new
    assert main(["--root", str(project), "check", "--added", "groups/aa-twin.yaml"]) == 1
    assert (
        "groups/aa-twin.yaml:3: name: 'Eccles Friendship Lunch Club' is already the name of "
        "groups/eccles-friendship-lunch-club.yaml; choose another"
    ) in capsys.readouterr().out.splitlines()


# --- output to tools: nothing forges a log line or reaches the terminal raw --------------


def test_annotations_escape_percent_line_breaks_and_control_characters() -> None:
    from directory.cli import _annotation
    from directory.data.problems import Problem

    message = "50% off\r\n::stop-commands::token\n::error file=x::forged \x1b]52;c;aGk=\x07"
    line = _annotation(Problem("groups/a,b:c.yaml", 3, "name", message))
    assert line.splitlines() == [line]
    assert line.startswith("::error file=groups/a%2Cb%3Ac.yaml,line=3::name: 50%25 off")
    assert "\x1b" not in line and "\x07" not in line and "\r" not in line


def test_check_prints_no_raw_escape_sequences(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from directory.cli import main

    project = copy_project(tmp_path, with_groups=False)
    hostile_key = '"\\e]8;;https://example.com\\e\\\\click\\e]8;;\\e\\\\\\u202e": 1\n'
    (project / "groups" / "keys.yaml").write_bytes(SAMPLE + hostile_key.encode())
    assert main(["--root", str(project), "check"]) == 1
    out = capsys.readouterr().out
    assert "is not a field we know" in out
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]", out)


def test_check_fails_on_the_warnings_a_strict_build_stops_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from directory.cli import main

    from .project import BuildFailed

    project = copy_project(tmp_path)
    file = project / "groups" / "eccles-friendship-lunch-club.yaml"
    text = re.sub(r"^    (lat|lon): .*\n", "", file.read_text(encoding="utf-8"), flags=re.M)
    file.write_text(re.sub(r"postcode: M\d+ ", "postcode: OL1 ", text), encoding="utf-8")
    assert main(["--root", str(project), "check"]) == 1
    out = capsys.readouterr().out
    assert "warning: venues[0].postcode: add lat and lon, or add OL1" in out
    with pytest.raises(BuildFailed):
        build_site(project)


# --- workflows: pinned, locked, least privilege ------------------------------------------

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_by_commit_and_packages_by_hash(workflow: Path) -> None:
    text = workflow.read_text(encoding="utf-8")
    uses = re.findall(r"uses: (\S+)(.*)", text)
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r" # v\d+(\.\d+)*", comment), f"{action}: say the tag"
    installs = [line.strip() for line in text.splitlines() if "pip install" in line]
    assert installs == [
        "pip install --require-hashes --no-deps -r requirements.lock",
        "pip install --no-deps -e .",
    ]


def test_the_lock_file_pins_every_dependency_with_hashes() -> None:
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pinned = dict(re.findall(r"^([a-z0-9-]+)==(\S+)", lock, re.M))
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for requirement in project["project"]["dependencies"]:
        assert re.split(r"[<>=\[ ]", requirement)[0].lower() in pinned
    blocks = re.split(r"\n(?=[a-z0-9-]+==)", lock.split("\n", 6)[-1].strip())
    assert all("--hash=sha256:" in block for block in blocks)


def test_only_the_deploy_job_may_write_and_it_runs_nothing_else() -> None:
    publish = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text())
    assert publish["permissions"] == {"contents": "read"}
    build, deploy = publish["jobs"]["build"], publish["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]
    assert not any("run" in step for step in deploy["steps"])


def test_changes_outside_groups_need_a_maintainer() -> None:
    owners = [
        line.split()
        for line in (ROOT / ".github" / "CODEOWNERS").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert owners[0][0] == "*" and len(owners[0]) > 1  # everything has an owner...
    assert owners[-1] == ["/groups/*.yaml"]  # ...except group files, last so it wins
    check = (ROOT / ".github" / "workflows" / "check.yml").read_text()
    assert "GITHUB_STEP_SUMMARY" in check and ":(exclude)groups/" in check


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


EMOJI_NAME = "Café ☕ Crafters 🧶"
EMOJI_SUMMARY = "Knitting and a brew 🫖 every week, all welcome 👋"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    (project / "groups" / "hostile.yaml").write_text(HOSTILE, encoding="utf-8")
    emoji = SAMPLE.decode().replace("Eccles Friendship Lunch Club", EMOJI_NAME, 1)
    emoji = re.sub(r"^summary: .*$", f"summary: {EMOJI_SUMMARY}", emoji, count=1, flags=re.M)
    emoji = emoji.replace("0161 496 0123", "0161 496 0996")
    (project / "groups" / "emoji.yaml").write_text(emoji, encoding="utf-8")
    site, _ = build_site(project)
    return site


def test_an_emoji_name_keeps_its_title_and_description(hostile_site: Path) -> None:
    html = (hostile_site / "groups" / "emoji" / "index.html").read_text("utf-8")
    assert f"<title>{EMOJI_NAME}" in html
    assert f'<meta name="description" content="{EMOJI_SUMMARY}"' in html
    assert "template=report-a-problem.yml&amp;group=emoji" in html


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
                risky = [cell for cell in row if cell[:1] in ("=", "+", "-", "@")]
                assert not [c for c in risky if not re.fullmatch(r"-\d+(\.\d+)?", c)], row


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


# Hostile shapes, built from the sample's data so that each is one mistake away from valid.

INVISIBLE = [
    "\u200b",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u00ad",
    "\u3164",
    "\u2800",  # take no space
    "\u202e",
    "\u2066",
    "\u200f",  # direction
    "\x00",
    "\x1b",
    "\x07",
    "\x7f",
    "\x85",
    "\x1b]52;c;aGk=\x07",  # control, OSC 52
    "\n",
    "\r",
    "\t",
    "\u2028",
    "\u00a0",
    "\u0301",
    "e\u0301",
    "\U0001f600",
    " ",
]
MARKDOWN = [
    "[",
    "]",
    "![",
    "(",
    ")",
    "<",
    ">",
    "*",
    "_",
    "`",
    "```",
    "\\",
    "&amp;",
    "#",
    "## ",
    "- ",
    "> ",
    "1. ",
    "    ",
    "\n",
    "\n\n",
    "---",
    "[a](https://example.org)",
    '[t](https://example.org "title")',
    "![i](https://example.org/i.png)",
    "<b>",
    "</p>",
    "https\u00a0://example.org",
    "[x](javascript:alert(1))",
    "words ",
    "\u200b",
]
FIELDS = ["name", "summary", "cost", "description", ("contact", "website"), ("venues", 0, "name")]


def _with(data: dict, where: str | tuple, value: object) -> dict:
    data = copy.deepcopy(data)
    path = (where,) if isinstance(where, str) else where
    holder = data
    for part in path[:-1]:
        holder = holder[part]
    holder[path[-1]] = value
    return data


def _nested(depth: int, kind: str) -> object:
    value: object = "x"
    for _ in range(depth):
        value = [value] if kind == "list" else {"x": value}
    return value


def _hostile_shapes() -> st.SearchStrategy[bytes]:
    dump = functools.partial(yaml.safe_dump, sort_keys=False, allow_unicode=True, width=10**6)
    field = st.sampled_from(FIELDS)
    nesting = st.one_of(
        st.tuples(field, st.integers(1, 150), st.sampled_from(["list", "mapping"])).map(
            lambda p: dump(_with(SAMPLE_DATA, p[0], _nested(p[1], p[2]))).encode()
        ),
        st.tuples(st.integers(1, 600), st.sampled_from("[{")).map(  # deeper than Python's
            lambda p: (
                SAMPLE
                + f"notes: {p[1] * p[0]}{'x'}{(']' if p[1] == '[' else '}') * p[0]}\n".encode()
            )
        ),
    )
    invisible = st.tuples(
        field, st.lists(st.sampled_from(INVISIBLE), min_size=1, max_size=4), st.booleans()
    ).map(
        lambda p: dump(
            _with(SAMPLE_DATA, p[0], "".join(p[1]) if p[2] else "Eccles " + "".join(p[1]) + " Club")
        ).encode()
    )
    markdown = st.lists(st.sampled_from(MARKDOWN), min_size=1, max_size=40).map(
        lambda parts: dump(_with(SAMPLE_DATA, "description", "".join(parts))).encode()
    )
    runs = st.tuples(st.sampled_from(MARKDOWN), st.integers(50, 3000)).map(
        lambda p: dump(_with(SAMPLE_DATA, "description", p[0] * p[1])).encode()
    )
    return st.one_of(nesting, invisible, markdown, runs)


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(raw=_hostile_shapes())
def test_nesting_invisible_characters_and_markdown_give_only_our_report(
    mutation_project: Path, raw: bytes
) -> None:
    from directory.data.prose import description_html

    file = mutation_project / "groups" / "mutant.yaml"
    file.write_bytes(raw)
    try:
        directory = load_directory(mutation_project, [file])
    except DataError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.path == "groups/mutant.yaml" and problem.line >= 1 and problem.message
            assert not re.search("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e]", str(problem))
    else:
        group = directory.groups[0]
        for text in (group.name, group.summary):
            assert text.strip() and not re.search("[\x00-\x1f\x7f-\x9f\u202a-\u202e]", text)
        if group.description:
            description_html(group.description)


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
    text = unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))).replace("&", "&amp;")
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
