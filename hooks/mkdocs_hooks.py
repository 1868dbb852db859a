"""The MkDocs hook: the only module that imports MkDocs.

It loads and validates the directory once per build, adds the generated pages, and turns
data problems into one PluginError that lists them all, so `mkdocs build` stops cleanly.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import shutil
import tempfile
from collections.abc import Iterable
from functools import partial
from html import escape, unescape
from pathlib import Path, PurePosixPath
from typing import Any

from directory.data import prose
from directory.data.directory import load_directory
from directory.data.problems import DataError
from directory.opendata.exports import DATA_DIR, ORUK_DIR, each_export
from directory.opendata.places import site_info
from directory.site import i18n, qrcodes
from directory.site.buildcache import CACHE_FILE, BuildCache, fingerprint
from directory.site.carddata import CARDS_JSON, SHORTLIST_JSON, cards_json
from directory.site.finder import FIND_JSON, find_json
from directory.site.handouts import SiteUrlMissing, handout_pages
from directory.site.notfound import not_found_context
from directory.site.pages import Page as GeneratedPage
from directory.site.pages import find_pages, localised, site_pages
from directory.site.redirects import SLUGS_JSON, closed_pages, redirect_files, slugs_json
from directory.site.searchindex import (
    MATERIAL_WORKER,
    directory_docs,
    search_files,
    use_translated_words,
    worker_script,
)
from directory.site.shortlist import qr_files
from directory.site.theme import STYLESHEET, compact_css, conforming
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.directory")
# What later events need of this build's directory: the 404 page's lists and the search
# documents. The directory itself is let go once on_files has made everything from it,
# so its memory (about 150 MiB at 15,000 groups) is reused for MkDocs' pages.
_loaded: dict[str, Any] = {}
# Generated pages are escaped HTML, which Markdown passes through unchanged (tests/
# test_html_pages.py checks), yet parsing it cost half the build at 1,500 groups. MkDocs
# gets their front matter only; the HTML waits on disk in this build's own temporary
# folder (the pages of 15,000 groups are about a gigabyte: even compressed in memory they
# were 180 MiB) and goes back into the page just before it is rendered, then out again
# once it is written. Their anchors, for MkDocs' link checks, are kept here.
_html: dict[str, Path] = {}
_anchors: dict[str, set[str]] = {}
_generated: set[str] = set()
_temporary: list[Path] = []  # this build's folder for page HTML, removed when it ends
_kept: list[BuildCache] = []  # this build's cache of what it generates (buildcache.py)
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
    _loaded.clear()
    qrcodes.use_cache(root / qrcodes.CACHE_DIR)

    for file in files:
        if file.generated_by is None:  # hand-written: the edit link opens docs/<file>
            file.edit_uri = f"docs/{file.src_uri}"
    # Our search worker, under the name Material's pages load (see searchindex.py).
    for file in [f for f in files if MATERIAL_WORKER.fullmatch(f.src_uri)]:
        files.remove(file)
        if file.src_uri.endswith(".js"):
            files.append(File.generated(config, file.src_uri, content=worker_script()))
    sheet = files.get_file_from_path(STYLESHEET)
    if sheet is not None:  # compacted, as phones on slow lines wait for it (theme.py)
        files.remove(sheet)
        css = compact_css(Path(sheet.abs_src_path).read_text(encoding="utf-8"))
        files.append(File.generated(config, STYLESHEET, content=css))
    # The open data's addresses and links: site_url, and `extra: region:` and `town:`.
    site = site_info(directory.districts, config.site_url, config.extra)
    kept = _keep(root, config)
    # Exports first, each written to disk as it is made and then let go, so that nothing
    # else is held while they are made and their memory is reused for the pages.
    for path, data in kept.each("exports", each_export(directory, site)):
        _write(config, path, data)
        if PurePosixPath(path).parent.as_posix() in (DATA_DIR, ORUK_DIR):
            _list(files, config, path)  # linked from pages; a record's file is not
    _add_written(files, config, FIND_JSON, kept.one("find", lambda: find_json(directory)))
    # Every generated page once per language, English at the root and others under /<code>/;
    # the cards find.js draws too, beside each language's Find help (data/, ur/data/).
    languages = i18n.load(root / i18n.LOCALES_DIR)
    use_translated_words(i18n.need_words(languages, directory))
    for language in languages:
        code = language.code
        for path, full in ((CARDS_JSON, False), (SHORTLIST_JSON, True)):
            content = kept.one(f"{path} {code}", partial(cards_json, directory, full, language))
            _add_written(files, config, language.prefix + path, content)
        pages = localised(site_pages(directory, site, language), language, languages)
        _add_pages(files, config, kept.each(f"pages {code}", pages))
        try:
            pages = handout_pages(directory, config.site_url, language)
        except SiteUrlMissing as error:
            raise PluginError(str(error)) from None
        pages = localised(pages, language, languages)
        _add_pages(files, config, kept.each(f"handouts {code}", pages))
        pages = find_pages(directory, language, config.site_url)
        _add_pages(files, config, localised(pages, language, languages))
        # The printed shortlist's QR codes: copied from the QR cache, never held, and not
        # listed in MkDocs' files (no page links to one; 15,000 Files cost 20 MiB).
        for path, svg in qr_files(directory, config.site_url, language):
            shutil.copyfile(svg, _in_site(config, path))
    _add_pages(files, config, closed_pages(directory))
    # Old addresses: static HTML, copied as-is, so they stay out of the sitemap.
    for path, html in redirect_files(directory, config.site_url).items():
        _add_written(files, config, path, html)
    _add_written(files, config, SLUGS_JSON, slugs_json(directory))
    _loaded["not found"] = not_found_context(directory, config.extra.get("help_phone"))
    _loaded["search"] = directory_docs(directory)
    prose.forget_converted()
    return files


def _keep(root: Path, config: MkDocsConfig) -> BuildCache:
    """This build's cache, keyed by the project's files and the settings pages use."""
    while _kept:  # a build that stopped half way
        _kept.pop().finish(built=False)
    settings = {
        "site_url": config.site_url,
        "extra": config.extra,
        "urls": config.use_directory_urls,
    }
    key = fingerprint(
        root,
        json.dumps(settings, sort_keys=True, default=str),
        leave_out=[Path(config.docs_dir), Path(config.site_dir)],
    )
    _kept.append(BuildCache(root / CACHE_FILE, key))
    return _kept[-1]


def _add_written(files: Files, config: MkDocsConfig, path: str, content: str | bytes) -> None:
    """A file the site serves as it is (cards.json, redirects), written and listed."""
    _write(config, path, content)
    _list(files, config, path)


def _write(config: MkDocsConfig, path: str, content: str | bytes) -> None:
    """Write a file straight to its place in the site rather than hold it for the whole
    build: at region scale these are hundreds of MiB."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    _in_site(config, path).write_bytes(data)


def _in_site(config: MkDocsConfig, path: str) -> Path:
    """Where `path` goes in the site, its folder made. MkDocs cleaned site_dir before
    on_files, so nothing there is stale."""
    target = Path(config.site_dir) / path
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


def _list(files: Files, config: MkDocsConfig, path: str) -> None:
    """Tell MkDocs of a written file, so links to it check: it copies nothing onto itself
    (File.copy_file lets plugins write into site_dir)."""
    file = File.generated(config, path, abs_src_path="")
    file.abs_src_path = file.abs_dest_path
    files.append(file)


def _add_pages(files: Files, config: MkDocsConfig, pages: Iterable[GeneratedPage]) -> None:
    """Add generated pages as they are made, keeping each one's HTML compressed."""
    for page in pages:
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        meta, end, html = page.content.partition(_FRONT_MATTER_END)
        if page.content.startswith("---\n") and end:
            _anchors[page.src_uri] = {unescape(anchor) for anchor in _ID.findall(html)}
            kept = _folder() / (hashlib.blake2b(page.src_uri.encode()).hexdigest() + ".html")
            kept.write_text(html, encoding="utf-8")
            _html[page.src_uri] = kept
            _generated.add(page.src_uri)
            content = meta + end
        else:
            content = page.content
        file = File.generated(config, page.src_uri, content=content, inclusion=inclusion)
        file.edit_uri = page.source
        files.append(file)


def _folder() -> Path:
    """This build's temporary folder, made when first needed."""
    if not _temporary:
        _temporary.append(Path(tempfile.mkdtemp(prefix="directory-pages-")))
    return _temporary[-1]


def on_template_context(
    context: dict[str, Any], template_name: str, config: MkDocsConfig
) -> dict[str, Any]:
    if template_name == "404.html" and "not found" in _loaded:
        context.update(_loaded["not found"])
    return context


def on_page_markdown(markdown: str, page: Page, **_: object) -> str:
    # The theme prints front-matter title and description without escaping (in <title>,
    # the header and <meta content>), and group names and summaries are contributors' text.
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = escape(page.meta[key], quote=True)
    return markdown


def on_page_content(html: str, page: Page, **_: object) -> str:
    anchors = _anchors.pop(page.file.src_uri, None)
    if anchors is not None:  # what MkDocs' Markdown pass would have found, for link checks
        page.present_anchor_ids = anchors
    return html


@event_priority(100)  # before Material's search plugin reads the page
def on_page_context(context: dict[str, Any], page: Page, **_: object) -> dict[str, Any]:
    kept = _html.pop(page.file.src_uri, None)
    if kept is not None:
        page.content = kept.read_text(encoding="utf-8")
        kept.unlink()
    return context


def on_post_page(output: str, page: Page, **_: object) -> str:
    if page.file.src_uri in _generated:
        page.content = ""  # written: no need to hold it until the build ends
    return conforming(output)  # Material markup with no block to override (theme.py)


def on_post_template(output: str, template_name: str, **_: object) -> str:
    return conforming(output) if template_name.endswith(".html") else output  # the 404 page


def _remove_temporary() -> None:
    while _temporary:
        shutil.rmtree(_temporary.pop(), ignore_errors=True)
    _html.clear()
    _anchors.clear()


def _finish(built: bool) -> None:
    while _kept:
        cache = _kept.pop()
        cache.finish(built)
        if cache.reused:
            log.debug("read back from the build cache: %s", ", ".join(cache.reused))


def on_build_error(**_: object) -> None:
    _remove_temporary()
    _finish(built=False)


@event_priority(-100)  # after Material's search plugin has written its index
def on_post_build(config: MkDocsConfig) -> None:
    _remove_temporary()  # every page is written by now
    _finish(built=True)
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.is_file() and "search" in _loaded:
        material = index.read_text(encoding="utf-8")
        root = Path(config.config_file_path).parent  # the index is cached under .cache/
        for name, text in search_files(material, _loaded.pop("search"), root).items():
            (index.parent / name).write_text(text, encoding="utf-8")
