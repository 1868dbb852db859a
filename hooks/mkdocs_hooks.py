"""The MkDocs hook: the only module that imports MkDocs.

It loads and validates the directory once per build, adds the generated pages, and turns
data problems into one PluginError that lists them all, so `mkdocs build` stops cleanly.
"""

from __future__ import annotations

import logging
import re
import zlib
from html import escape, unescape
from pathlib import Path
from typing import Any

from directory.data.directory import Directory, load_directory
from directory.data.problems import DataError
from directory.opendata.exports import export_files
from directory.site.finder import FIND_JSON, find_json
from directory.site.handouts import SiteUrlMissing, handout_pages
from directory.site.pages import Page as GeneratedPage
from directory.site.pages import find_pages, site_pages
from directory.site.searchindex import MATERIAL_WORKER, SEARCH_WORKER, with_directory_entries
from directory.site.theme import STYLESHEET, compact_css, conforming
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.directory")
_loaded: dict[str, Directory] = {}  # this build's directory, for on_post_build
# Generated pages are escaped HTML, which Markdown passes through unchanged (tests/
# test_html_pages.py checks), yet parsing it cost half the build at 1,500 groups. MkDocs
# gets their front matter only; the HTML, with its anchors for MkDocs' link checks, waits
# here compressed (the pages of 15,000 groups are about a gigabyte) and goes back into the
# page just before it is rendered, then out again once it is written.
_html: dict[str, tuple[bytes, set[str]]] = {}
_generated: set[str] = set()
_FRONT_MATTER_END = "\n---\n\n"  # as pages.front_matter writes it
_ID = re.compile(r'\sid="([^"]*)"')


def on_files(files: Files, config: MkDocsConfig) -> Files:
    root = Path(config.config_file_path).parent
    try:
        directory = load_directory(root)
    except DataError as error:
        raise PluginError(f"The directory data has problems:\n{error}") from None
    for warning in directory.warnings:
        log.warning(str(warning))
    _loaded["directory"] = directory

    for file in files:
        if file.generated_by is None:  # hand-written: the edit link opens docs/<file>
            file.edit_uri = f"docs/{file.src_uri}"
    # Our search worker, under the name Material's pages load (see searchindex.py).
    for file in [f for f in files if MATERIAL_WORKER.fullmatch(f.src_uri)]:
        files.remove(file)
        if file.src_uri.endswith(".js"):
            files.append(File.generated(config, file.src_uri, abs_src_path=str(SEARCH_WORKER)))
    sheet = files.get_file_from_path(STYLESHEET)
    if sheet is not None:  # compacted, as phones on slow lines wait for it (theme.py)
        files.remove(sheet)
        css = compact_css(Path(sheet.abs_src_path).read_text(encoding="utf-8"))
        files.append(File.generated(config, STYLESHEET, content=css))
    _add_pages(files, config, site_pages(directory))
    try:
        _add_pages(files, config, handout_pages(directory, config.site_url))
    except SiteUrlMissing as error:
        raise PluginError(str(error)) from None
    _add_pages(files, config, find_pages(directory))
    for path, data in export_files(directory, config.site_url).items():  # copied as-is
        files.append(File.generated(config, path, content=data))
    files.append(File.generated(config, FIND_JSON, content=find_json(directory)))
    return files


def _add_pages(files: Files, config: MkDocsConfig, pages: list[GeneratedPage]) -> None:
    """Add generated pages, emptying `pages` as it goes so that each page's text is freed."""
    pages.reverse()
    while pages:
        page = pages.pop()
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        meta, end, html = page.content.partition(_FRONT_MATTER_END)
        if page.content.startswith("---\n") and end:
            anchors = {unescape(anchor) for anchor in _ID.findall(html)}
            _html[page.src_uri] = (zlib.compress(html.encode(), 1), anchors)
            _generated.add(page.src_uri)
            content = meta + end
        else:
            content = page.content
        file = File.generated(config, page.src_uri, content=content, inclusion=inclusion)
        file.edit_uri = page.source
        files.append(file)


def on_page_markdown(markdown: str, page: Page, **_: object) -> str:
    # The theme prints front-matter title and description without escaping (in <title>,
    # the header and <meta content>), and group names and summaries are contributors' text.
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = escape(page.meta[key], quote=True)
    return markdown


def on_page_content(html: str, page: Page, **_: object) -> str:
    kept = _html.get(page.file.src_uri)
    if kept is not None:  # what MkDocs' Markdown pass would have found, for link checks
        page.present_anchor_ids = set(kept[1])
    return html


@event_priority(100)  # before Material's search plugin reads the page
def on_page_context(context: dict[str, Any], page: Page, **_: object) -> dict[str, Any]:
    kept = _html.pop(page.file.src_uri, None)
    if kept is not None:
        page.content = zlib.decompress(kept[0]).decode()
    return context


def on_post_page(output: str, page: Page, **_: object) -> str:
    if page.file.src_uri in _generated:
        page.content = ""  # written: no need to hold it until the build ends
    return conforming(output)  # Material markup with no block to override (theme.py)


def on_post_template(output: str, template_name: str, **_: object) -> str:
    return conforming(output) if template_name.endswith(".html") else output  # the 404 page


@event_priority(-100)  # after Material's search plugin has written its index
def on_post_build(config: MkDocsConfig) -> None:
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.is_file() and "directory" in _loaded:
        text = with_directory_entries(index.read_text(encoding="utf-8"), _loaded["directory"])
        index.write_text(text, encoding="utf-8")
