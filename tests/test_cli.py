"""The `directory` command: check, new, stale, schema; and the files around it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from directory.cli import main
from directory.data.schema import SCHEMA_DIR, SCHEMAS, schema_text

from .project import ROOT, build_site, copy_project
from .test_cases import CASES, NAMES, _expected


@pytest.fixture(scope="module")
def empty_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("cli"), with_groups=False)


@pytest.mark.parametrize("name", NAMES)
def test_check_exits_1_and_names_file_and_line(
    empty_project: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    target = empty_project / "groups" / f"{name}.yaml"
    shutil.copy(CASES / f"{name}.yaml", target)
    try:
        code = main(["--root", str(empty_project), "check", str(target)])
    finally:
        target.unlink()
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    for line in _expected(name):
        assert line in out


def test_check_passes_on_the_sample_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(ROOT), "check"]) == 0
    assert "OK:" in capsys.readouterr().out


def test_check_writes_github_annotations(
    empty_project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    target = empty_project / "groups" / "unknown-key.yaml"
    shutil.copy(CASES / "unknown-key.yaml", target)
    try:
        assert main(["--root", str(empty_project), "check"]) == 1
    finally:
        target.unlink()
    out = capsys.readouterr().out
    assert "::error file=groups/unknown-key.yaml,line=6::contact.phnoe: is not a field" in out


def test_new_writes_a_file_that_checks_and_builds(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    args = ["--root", str(project), "new", "--name", "Swinton Walking Football"]
    args += ["--need", "physical-activity", "--neighbourhood", "swinton"]
    args += ["--phone", "0161 496 0999"]
    assert main(args) == 0
    written = project / "groups" / "swinton-walking-football.yaml"
    assert written.read_text().startswith("# yaml-language-server: $schema=")
    assert main(["--root", str(project), "check", str(written)]) == 0
    site, warnings = build_site(project)
    assert warnings == []
    assert (site / "groups" / "swinton-walking-football" / "index.html").exists()
    assert main(args) == 1, "new must refuse to overwrite an existing file"


def test_new_refuses_bad_answers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / "p", with_groups=False)
    args = ["--root", str(project), "new", "--name", "Bad Phone Club", "--need", "carer"]
    args += ["--neighbourhood", "swinton", "--phone", "12"]
    assert main(args) == 1
    assert "contact.phone" in capsys.readouterr().err
    assert not (project / "groups" / "bad-phone-club.yaml").exists()


def test_stale_lists_oldest_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "p")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # 2026-11-18
    assert main(["--root", str(project), "stale", "--months", "6"]) == 0
    dates = re.findall(r"^(\d{4}-\d\d-\d\d)  groups/", capsys.readouterr().out, re.M)
    assert dates, "the sample data should have entries older than 6 months"
    assert dates == sorted(dates)
    assert all(d <= "2026-05-18" for d in dates)


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_matches_the_models(name: str) -> None:
    committed = (ROOT / SCHEMA_DIR / name).read_text(encoding="utf-8")
    assert committed == schema_text(SCHEMAS[name]), "run `directory schema` and commit"


def test_sample_groups_validate_against_the_schema() -> None:
    schema = json.loads((ROOT / SCHEMA_DIR / "group.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    for file in sorted((ROOT / "groups").glob("*.yaml")):
        data = json.loads(json.dumps(yaml.safe_load(file.read_text()), default=str))
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], file.name


def test_schema_rejects_an_unknown_field() -> None:
    schema = json.loads((ROOT / SCHEMA_DIR / "group.schema.json").read_text())
    sample = yaml.safe_load((ROOT / "groups" / "eccles-friendship-lunch-club.yaml").read_text())
    sample = json.loads(json.dumps(sample, default=str))
    sample["contact"]["phnoe"] = sample["contact"].pop("phone")
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(sample))


def test_every_group_file_points_editors_at_the_schema() -> None:
    for file in sorted((ROOT / "groups").glob("*.yaml")):
        first = file.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../docs/schema/group.schema.json"


WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[w.name for w in WORKFLOWS])
def test_workflows_are_valid_and_pinned(workflow: Path) -> None:
    data = yaml.safe_load(workflow.read_text())
    triggers = data.get("on", data.get(True))  # YAML 1.1 reads `on` as true
    assert triggers and "pull_request_target" not in triggers
    assert data["permissions"]["contents"] == "read"
    for job in data["jobs"].values():
        assert job["runs-on"]
        for step in job["steps"]:
            assert "run" in step or "uses" in step
            if "uses" in step:
                assert re.search(r"@[0-9a-f]{40}$", step["uses"]), step["uses"]  # a commit


def test_pull_request_check_runs_check_and_a_strict_build() -> None:
    data = yaml.safe_load((ROOT / ".github" / "workflows" / "check.yml").read_text())
    assert "pull_request" in data.get("on", data.get(True))
    assert set(data["permissions"]) == {"contents"}
    runs = " ".join(s.get("run", "") for s in data["jobs"]["check"]["steps"])
    assert "directory check" in runs and "mkdocs build --strict" in runs
    assert "secrets." not in (ROOT / ".github" / "workflows" / "check.yml").read_text()


def test_issue_forms_parse_and_report_form_takes_the_group() -> None:
    forms = {
        p.stem: yaml.safe_load(p.read_text())
        for p in (ROOT / ".github/ISSUE_TEMPLATE").glob("*.yml")
    }
    assert {"add-our-group", "update-our-entry", "report-a-problem"} <= set(forms)
    ids = [item.get("id") for item in forms["report-a-problem"]["body"]]
    assert "group" in ids  # the group page prefills ?group=<slug>


def test_one_check_reports_every_broken_file(
    empty_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    targets = [empty_project / "groups" / f"{name}.yaml" for name in NAMES]
    for name, target in zip(NAMES, targets, strict=True):
        shutil.copy(CASES / f"{name}.yaml", target)
    try:
        code = main(["--root", str(empty_project), "check", *map(str, targets)])
    finally:
        for target in targets:
            target.unlink()
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert [line for name in NAMES for line in _expected(name) if line not in out] == []
