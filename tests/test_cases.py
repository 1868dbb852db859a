"""Broken group files and the exact report lines they must produce.

Each case is a file in tests/cases/: `<name>.yaml` is copied into a project as
groups/<name>.yaml and `<name>.expected` holds lines that must appear in the report.
Add a case by adding the two files.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from directory.data.directory import load_directory
from directory.data.problems import DataError

from .project import copy_project

CASES = Path(__file__).parent / "cases"
NAMES = sorted(p.stem for p in CASES.glob("*.yaml"))


@pytest.fixture(scope="module")
def reference_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("project"), with_groups=False)


def _report(project: Path, names: list[str]) -> str:
    for name in names:
        shutil.copy(CASES / f"{name}.yaml", project / "groups" / f"{name}.yaml")
    try:
        load_directory(project)
    except DataError as error:
        return str(error)
    finally:
        for name in names:
            (project / "groups" / f"{name}.yaml").unlink()
    raise AssertionError("the broken files loaded without errors")


def _expected(name: str) -> list[str]:
    return (CASES / f"{name}.expected").read_text(encoding="utf-8").splitlines()


def test_there_are_cases() -> None:
    assert len(NAMES) >= 15


@pytest.mark.parametrize("name", NAMES)
def test_case_reports_file_line_and_message(reference_project: Path, name: str) -> None:
    report = _report(reference_project, [name]).splitlines()
    for line in _expected(name):
        assert line in report, f"expected {line!r} in:\n" + "\n".join(report)


def test_every_broken_file_is_reported_in_one_run(reference_project: Path) -> None:
    report = _report(reference_project, NAMES).splitlines()
    for name in NAMES:
        for line in _expected(name):
            assert line in report
    assert report[-1].startswith(f"{sum(1 for r in report[:-1] if ': warning: ' not in r)} error")
