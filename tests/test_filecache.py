"""The cache of validated files: unchanged files are loaded back, changed ones re-checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from directory.data import directory as loader
from directory.data import filecache
from directory.data.directory import load_directory
from directory.data.problems import DataError

from .project import copy_project

GROUP = "groups/eccles-friendship-lunch-club.yaml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def _checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the files that are parsed and validated (not loaded from the cache)."""
    seen: list[str] = []
    read_one = loader._read_one

    def spy(file: Path, shown_as: str, model: type, raw: bytes):
        seen.append(shown_as)
        return read_one(file, shown_as, model, raw)

    monkeypatch.setattr(loader, "_read_one", spy)
    return seen


def test_unchanged_files_come_from_the_cache_and_give_the_same_directory(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_directory(project)
    assert (project / filecache.CACHE_FILE).is_file()
    checked = _checked(monkeypatch)
    second = load_directory(project)
    assert checked == []
    assert second.groups == first.groups
    assert [g.slug for g in second.groups] == [g.slug for g in first.groups]
    assert second.warnings == first.warnings


def test_a_changed_group_file_is_validated_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_directory(project)
    checked = _checked(monkeypatch)
    file = project / GROUP
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("phone:", "phnoe:", 1), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_directory(project)
    assert checked == [GROUP]
    assert any(p.path == GROUP and "phnoe" in p.field for p in error.value.problems)

    file.write_text(text.replace("name: ", "name: Renamed ", 1), encoding="utf-8")
    renamed = load_directory(project).group("eccles-friendship-lunch-club")
    assert renamed.name.startswith("Renamed ")
    assert checked == [GROUP, GROUP]


def test_a_broken_file_stays_broken_when_loaded_from_the_cache(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = project / GROUP
    file.write_text(file.read_text(encoding="utf-8").replace("phone:", "phnoe:", 1))
    with pytest.raises(DataError) as cold:
        load_directory(project)
    checked = _checked(monkeypatch)
    with pytest.raises(DataError) as warm:
        load_directory(project)
    assert checked == []
    assert warm.value.problems == cold.value.problems


def test_other_code_means_every_file_is_checked_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_directory(project)
    monkeypatch.setattr(filecache, "code_version", lambda: "a different rule set")
    checked = _checked(monkeypatch)
    directory = load_directory(project)
    files = directory.groups + directory.neighbourhoods + directory.closed
    assert len(checked) == len(files)


def test_a_damaged_cache_is_ignored(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = load_directory(project).groups
    (project / filecache.CACHE_FILE).write_bytes(b"not a pickle")
    checked = _checked(monkeypatch)
    assert load_directory(project).groups == expected
    assert len(checked) > len(expected)
