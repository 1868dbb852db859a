"""Printed links that last: a renamed group's old address redirects, a closed group's says so,
and `directory check` refuses addresses that would lead nowhere or to two places."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import jsonschema
import pytest
import yaml
from directory.cli import main
from directory.data.directory import load_directory
from directory.data.problems import DataError
from directory.data.schema import SCHEMA_DIR
from directory.site.redirects import redirect_html

from .project import ROOT, build_site, copy_project

OLD = "eccles-friendship-lunch-club"
NEW = "eccles-lunch-club"
SITE_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
CLOSED = sorted(p.stem for p in (ROOT / "closed-groups").glob("*.yaml"))


def rename(project: Path, old: str, new: str, formerly: bool = True) -> None:
    """What a contributor does: rename the file and (if `formerly`) list the old name."""
    text = (project / "groups" / f"{old}.yaml").read_text(encoding="utf-8")
    if formerly:
        text += f"formerly: [{old}]\n"
    (project / "groups" / f"{new}.yaml").write_text(text, encoding="utf-8")
    (project / "groups" / f"{old}.yaml").unlink()


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("renamed"))
    rename(project, OLD, NEW)
    site, warnings = build_site(project)
    assert warnings == []
    return site


def _meta_refresh(html: str) -> str:
    found = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', html)
    assert found, html
    return unescape(found.group(1))


def test_old_address_redirects_to_the_new_page(renamed_site: Path) -> None:
    html = (renamed_site / "groups" / OLD / "index.html").read_text(encoding="utf-8")
    target = _meta_refresh(html)
    # Relative, so it works on any host and prefix; it must reach the new page.
    landed = urljoin(f"http://host/groups/{OLD}/", target)
    assert landed == f"http://host/groups/{NEW}/"
    assert (renamed_site / "groups" / NEW / "index.html").is_file()
    assert f'<link rel="canonical" href="{SITE_URL}groups/{NEW}/">' in html
    assert f'<a href="{target}">Eccles Friendship Lunch Club</a>' in html  # without refresh
    assert "<script" not in html


def test_sitemap_lists_only_the_new_address(renamed_site: Path) -> None:
    sitemap = (renamed_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"{SITE_URL}groups/{NEW}/" in sitemap
    assert f"groups/{OLD}/" not in sitemap


def _ids(value: object) -> set[str]:
    if isinstance(value, dict):
        own = {value["id"]} if isinstance(value.get("id"), str) else set()
        return own.union(*(_ids(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_ids(v) for v in value))
    return set()


def _oruk_service(site: Path, name: str) -> dict:
    listing = json.loads((site / "data/oruk/services.json").read_text(encoding="utf-8"))
    (found,) = [s for s in listing["contents"] if s["name"] == name]
    return json.loads((site / f"data/oruk/services/{found['id']}.json").read_text("utf-8"))


def test_oruk_ids_survive_the_rename(built_site: Path, renamed_site: Path) -> None:
    before = _oruk_service(built_site, "Eccles Friendship Lunch Club")
    after = _oruk_service(renamed_site, "Eccles Friendship Lunch Club")
    assert after["id"] == before["id"]
    assert _ids(after) == _ids(before) and len(_ids(before)) > 5
    assert after["organization"]["uri"] == f"{SITE_URL}groups/{NEW}/"  # the page did move


def test_a_second_rename_keeps_the_first_ids(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    rename(project, OLD, NEW)
    before = {g.slug: g for g in load_directory(project).groups}[NEW]
    path = project / "groups" / f"{NEW}.yaml"
    path.write_text(
        path.read_text("utf-8").replace(f"formerly: [{OLD}]", f"formerly: [{OLD}, {NEW}]"),
        encoding="utf-8",
    )
    path.rename(project / "groups" / "eccles-lunch-and-friends.yaml")
    after = {g.slug: g for g in load_directory(project).groups}["eccles-lunch-and-friends"]
    assert after.first_slug == before.first_slug == OLD


def test_redirect_page_escapes_the_name() -> None:
    html = redirect_html('Tea & "Talk" <b>', "tea-and-talk", None)
    assert "Tea &amp; &#34;Talk&#34; &lt;b&gt;" in html
    assert '<link rel="canonical" href="../tea-and-talk/">' in html


# --- closed groups -----------------------------------------------------------------------


def test_closed_group_keeps_its_address_and_points_to_its_needs(built_site: Path) -> None:
    assert CLOSED, "the sample data should show a closed-groups/ record"
    record = yaml.safe_load((ROOT / "closed-groups" / f"{CLOSED[0]}.yaml").read_text("utf-8"))
    html = (built_site / "groups" / CLOSED[0] / "index.html").read_text(encoding="utf-8")
    assert f"{record['name']} has closed" in html
    for need in record["needs"]:
        assert f'href="../../needs/{need}/"' in html
    assert f"/edit/main/closed-groups/{CLOSED[0]}.yaml" in html


def test_closed_records_validate_against_their_editor_schema() -> None:
    schema = json.loads((ROOT / SCHEMA_DIR / "closed-group.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for name in CLOSED:
        text = (ROOT / "closed-groups" / f"{name}.yaml").read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=../docs/schema/closed-group.")
        data = json.loads(json.dumps(yaml.safe_load(text), default=str))
        assert [e.message for e in validator.iter_errors(data)] == []
    assert list(validator.iter_errors({"name": "X", "closed": "2026-11-30", "need": ["food"]}))


def test_a_closed_groups_former_name_leads_to_its_closed_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    record = project / "closed-groups" / f"{CLOSED[0]}.yaml"
    record.write_text(record.read_text("utf-8") + "formerly: [old-knitting-club]\n", "utf-8")
    site, _ = build_site(project)
    html = (site / "groups/old-knitting-club/index.html").read_text(encoding="utf-8")
    assert _meta_refresh(html) == f"../{CLOSED[0]}/"
    assert "has closed</title>" in html


def test_404_page_offers_needs_places_and_the_help_phone(built_site: Path) -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    html = (built_site / "404.html").read_text(encoding="utf-8")
    content = html[html.find('<h1 id="not-found"') :]
    prefix = urlsplit(SITE_URL).path
    assert f'<form class="dir-search" role="search" action="{prefix}"' in content
    assert '<label for="dir-q">' in content and '<button type="submit">' in content
    phone = config["extra"]["help_phone"]
    assert f">{phone}</a>" in content
    for need in yaml.safe_load((ROOT / "needs.yaml").read_text("utf-8"))["needs"]:
        assert f'href="{prefix}needs/{need["slug"]}/"' in content
    assert ">Eccles &amp; Irlam</a>" in content  # MkDocs' templates do not escape by default
    assert f'data-slugs="{prefix}data/slugs.json"' in content
    rows = json.loads((built_site / "data/slugs.json").read_text(encoding="utf-8"))
    assert [OLD, "Eccles Friendship Lunch Club"] in rows
    assert CLOSED[0] in {row[0] for row in rows}  # a closed group's page is a real address


def test_slugs_json_lists_former_slugs_for_suggestions(renamed_site: Path) -> None:
    rows = json.loads((renamed_site / "data/slugs.json").read_text(encoding="utf-8"))
    assert [NEW, "Eccles Friendship Lunch Club", OLD] in rows
    assert OLD not in {row[0] for row in rows}


# --- refusals ----------------------------------------------------------------------------


def _errors(project: Path) -> str:
    with pytest.raises(DataError) as raised:
        load_directory(project)
    return str(raised.value)


def test_former_slug_that_is_still_a_live_group_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    shutil.copy(project / "groups" / f"{OLD}.yaml", project / "groups" / f"{NEW}.yaml")
    path = project / "groups" / f"{NEW}.yaml"
    path.write_text(path.read_text("utf-8").replace("name: Eccles Friendship", "name: Eccles"))
    path.write_text(path.read_text("utf-8") + f"formerly: [{OLD}]\n", encoding="utf-8")
    lines = len(path.read_text("utf-8").splitlines())
    assert (
        f"groups/{NEW}.yaml:{lines}: formerly[0]: groups/{OLD}.yaml still exists; "
        f"delete that file, or take {OLD} out of formerly"
    ) in _errors(project)


def test_former_slug_claimed_by_two_groups_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    rename(project, OLD, NEW)
    other = sorted((project / "groups").glob("*.yaml"))[0]
    other.write_text(other.read_text("utf-8") + f"formerly: [{OLD}]\n", encoding="utf-8")
    report = _errors(project)
    claimants = sorted([f"groups/{NEW}.yaml", f"groups/{other.name}"])
    message = f"{OLD} is already listed under formerly in {claimants[0]}"
    assert f"{claimants[1]}:" in report and message in report
    assert "an old address can lead to one group only" in report


def test_closed_record_beside_a_live_group_file_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    closed = project / "closed-groups"
    shutil.copy(closed / f"{CLOSED[0]}.yaml", closed / f"{OLD}.yaml")  # groups/{OLD}.yaml stays
    assert (
        f"closed-groups/{OLD}.yaml:1: groups/{OLD}.yaml still exists; delete it when a group closes"
    ) in _errors(project)


# --- the pull request check against its base --------------------------------------------


def _git(project: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=project,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "repo")
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "base")
    return project


def _check(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--root", str(project), "check", "--base", "main"])
    return code, capsys.readouterr().out


def test_base_check_passes_when_nothing_is_gone(repo: Path, capsys) -> None:
    assert _check(repo, capsys)[0] == 0


def test_removed_group_without_a_record_fails_the_base_check(repo: Path, capsys) -> None:
    (repo / "groups" / f"{OLD}.yaml").unlink()
    code, out = _check(repo, capsys)
    assert code == 1
    assert f"groups/{OLD}.yaml:1: was in main but is gone" in out
    assert f"add formerly: [{OLD}] to its new file" in out


def test_rename_without_formerly_fails_and_with_it_passes(repo: Path, capsys) -> None:
    rename(repo, OLD, NEW, formerly=False)
    assert _check(repo, capsys)[0] == 1
    path = repo / "groups" / f"{NEW}.yaml"
    path.write_text(path.read_text("utf-8") + f"formerly: [{OLD}]\n", encoding="utf-8")
    assert _check(repo, capsys)[0] == 0


def test_closed_record_passes_the_base_check(repo: Path, capsys) -> None:
    (repo / "groups" / f"{OLD}.yaml").unlink()
    (repo / "closed-groups" / f"{OLD}.yaml").write_text(
        "name: Eccles Friendship Lunch Club\nclosed: 2026-11-30\nneeds: [food]\n", "utf-8"
    )
    assert _check(repo, capsys)[0] == 0


def test_unknown_base_is_a_clear_failure(repo: Path, capsys) -> None:
    assert main(["--root", str(repo), "check", "--base", "no-such-branch"]) == 2
    assert "cannot list the group files at no-such-branch" in capsys.readouterr().err


def test_dropping_a_former_slug_fails_the_base_check(repo: Path, capsys) -> None:
    rename(repo, OLD, NEW)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "renamed")
    path = repo / "groups" / f"{NEW}.yaml"
    path.write_text(path.read_text("utf-8").replace(f"formerly: [{OLD}]\n", ""), "utf-8")
    code, out = _check(repo, capsys)
    assert code == 1
    assert f"groups/{NEW}.yaml:1: formerly: listed {OLD} in main, and no file lists it now" in out
    # Moving it to another file (a merge) keeps the address: that passes.
    other = repo / "groups" / "swinton-job-club.yaml"
    other.write_text(other.read_text("utf-8") + f"formerly: [{OLD}]\n", encoding="utf-8")
    assert _check(repo, capsys)[0] == 0
