"""The build cache: a build of unchanged inputs reads back what the last one made, byte
for byte, and any change to an input makes everything afresh."""

from __future__ import annotations

from pathlib import Path

from directory.site import pages
from directory.site.buildcache import CACHE_FILE, BuildCache, fingerprint

from .project import build_site, copy_project
from .test_qrcodes import _same_tree


def _made(items: list[str], seen: list[str]):
    for item in items:
        seen.append(item)
        yield item


def test_a_part_is_read_back_whole_only_for_the_same_key(tmp_path: Path) -> None:
    file = tmp_path / "built.pack"
    first = BuildCache(file, b"k" * 16)
    assert list(first.each("pages en", iter(["a", "b"]))) == ["a", "b"]
    first.finish(built=True)

    seen: list[str] = []
    again = BuildCache(file, b"k" * 16)
    assert list(again.each("pages en", _made(["x"], seen))) == ["a", "b"]
    assert seen == [] and again.reused == ["pages en"]  # the generator never started
    assert list(again.each("pages cy", _made(["c"], seen))) == ["c"]  # another part: made
    again.finish(built=True)

    other = BuildCache(file, b"j" * 16)  # other inputs: nothing read back
    assert list(other.each("pages en", _made(["new"], seen))) == ["new"]
    assert other.reused == []
    other.finish(built=False)  # a failed build leaves the last good pack
    assert list(BuildCache(file, b"k" * 16).each("pages cy", iter([]))) == ["c"]


def test_a_damaged_pack_is_made_afresh(tmp_path: Path) -> None:
    file = tmp_path / "built.pack"
    cache = BuildCache(file, b"k" * 16)
    list(cache.each("pages en", iter(["a" * 1000, "b" * 1000])))
    cache.finish(built=True)
    file.write_bytes(file.read_bytes()[:-300])  # cut short: the second item and the count
    seen: list[str] = []
    assert list(BuildCache(file, b"k" * 16).each("pages en", _made(["a", "b"], seen))) == [
        "a",
        "b",
    ]
    assert seen == ["a", "b"]


def test_the_fingerprint_follows_inputs_not_outputs(tmp_path: Path, monkeypatch) -> None:
    project = copy_project(tmp_path / "project")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    before = fingerprint(project, "settings")
    (project / ".cache").mkdir()
    (project / ".cache" / "x").write_text("written by a build")
    (project / "docs" / "about.md").write_text("hand-written, read by MkDocs itself")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("the built site")
    assert fingerprint(project, "settings") == before
    assert fingerprint(project, "other settings") != before

    group = sorted((project / "groups").glob("*.yaml"))[0]
    group.write_text(group.read_text() + "\n")
    after_edit = fingerprint(project, "settings")
    assert after_edit != before
    (project / "hooks" / "directory" / "site" / "templates" / "group.html").write_text("x")
    assert fingerprint(project, "settings") != after_edit
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1795000000 + 86400))  # the next day
    assert fingerprint(project, "settings") not in (before, after_edit)


def test_a_warm_build_makes_no_page_and_changes_no_byte(tmp_path: Path, monkeypatch) -> None:
    project = copy_project(tmp_path / "project")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    cold, _ = build_site(project, tmp_path / "cold")
    assert (project / CACHE_FILE).is_file()
    made: list[str] = []
    group_page = pages.group_page

    def counted(directory, group, *args, **kwargs):
        made.append(group.slug)
        return group_page(directory, group, *args, **kwargs)

    monkeypatch.setattr(pages, "group_page", counted)
    warm, _ = build_site(project, tmp_path / "warm")
    assert made == []
    assert _same_tree(cold, warm) == []

    # One group changes: its page shows the change, so nothing stale was read back.
    group = project / "groups" / "eccles-lunch-club.yaml"
    if not group.exists():
        group = sorted((project / "groups").glob("*.yaml"))[0]
    text = group.read_text(encoding="utf-8")
    summary = next(line for line in text.splitlines() if line.startswith("summary:"))
    group.write_text(text.replace(summary, "summary: A changed summary for the cache test."))
    edited, _ = build_site(project, tmp_path / "edited")
    assert group.stem in made
    page = (edited / "groups" / group.stem / "index.html").read_text(encoding="utf-8")
    assert "A changed summary for the cache test." in page


def test_with_nowhere_to_keep_it_every_part_is_made(tmp_path: Path) -> None:
    seen: list[str] = []
    for _ in range(2):
        cache = BuildCache(None, b"k" * 16)
        assert list(cache.each("pages en", _made(["a"], seen))) == ["a"]
        cache.finish(built=True)
    assert seen == ["a", "a"]
