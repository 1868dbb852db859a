"""Broken files and the exact report lines they must produce, from `check` and the build.

Each case is a file in tests/cases/: `<name>.yaml` is copied into a project as
groups/<name>.yaml (or where a first line `# as: <path>` says) and `<name>.expected` holds
lines that must appear in the report. Add a case by adding the two files.

One rule: whatever the build refuses, `directory check` refuses first, with the same
lines, and neither shows a traceback.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from directory import cli
from directory.data.directory import load_directory
from directory.data.problems import DataError

from .project import BuildFailed, build_site, copy_project

CASES = Path(__file__).parent / "cases"
ALL_NAMES = sorted(p.stem for p in CASES.glob("*.yaml"))


def _target(name: str) -> str:
    first = (CASES / f"{name}.yaml").read_text(encoding="utf-8").partition("\n")[0]
    return first.removeprefix("# as: ") if first.startswith("# as: ") else f"groups/{name}.yaml"


NAMES = [name for name in ALL_NAMES if _target(name) == f"groups/{name}.yaml"]  # group files


@pytest.fixture(scope="module")
def reference_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("project"), with_groups=False)


class _Placed:
    """The cases copied into the project for the length of a `with` block."""

    def __init__(self, project: Path, names: list[str]) -> None:
        self.files = [project / _target(name) for name in names]
        self.sources = [CASES / f"{name}.yaml" for name in names]

    def __enter__(self) -> None:
        for source, file in zip(self.sources, self.files, strict=True):
            file.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, file)

    def __exit__(self, *_: object) -> None:
        for file in self.files:
            file.unlink()
            if file.parent.name not in ("groups", "neighbourhoods"):
                file.parent.rmdir()


def _report(project: Path, names: list[str]) -> str:
    with _Placed(project, names):
        try:
            load_directory(project)
        except DataError as error:
            return str(error)
    raise AssertionError("the broken files loaded without errors")


def _expected(name: str) -> list[str]:
    return (CASES / f"{name}.expected").read_text(encoding="utf-8").splitlines()


def test_there_are_cases() -> None:
    assert len(ALL_NAMES) >= 50


@pytest.mark.parametrize("name", ALL_NAMES)
def test_case_reports_file_line_and_message(reference_project: Path, name: str) -> None:
    report = _report(reference_project, [name]).splitlines()
    for line in _expected(name):
        assert line in report, f"expected {line!r} in:\n" + "\n".join(report)


@pytest.mark.parametrize("name", ALL_NAMES)
def test_check_and_the_build_refuse_each_case_alike(
    reference_project: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with _Placed(reference_project, [name]):
        code = cli.main(["--root", str(reference_project), "check"])
        checked = capsys.readouterr()
        with pytest.raises(BuildFailed) as build:
            build_site(reference_project, reference_project / "site")
    assert code == 1
    built = "\n".join(build.value.messages).splitlines()
    for line in _expected(name):
        assert line in checked.out.splitlines()
        assert line in built, f"the build did not report {line!r}:\n" + "\n".join(built)
    assert "Traceback" not in checked.out + checked.err + "\n".join(built)


def test_every_broken_file_is_reported_in_one_run(reference_project: Path) -> None:
    report = _report(reference_project, ALL_NAMES).splitlines()
    for name in ALL_NAMES:
        for line in _expected(name):
            assert line in report
    assert report[-1].startswith(f"{sum(1 for r in report[:-1] if ': warning: ' not in r)} error")
