"""Generated pages skip Markdown: safe only while Markdown would leave them unchanged."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from types import ModuleType, SimpleNamespace

import markdown
import pytest
from directory.site.pages import Page
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from .project import ROOT


def _hooks() -> ModuleType:
    spec = importlib.util.spec_from_file_location("hook", ROOT / "hooks" / "mkdocs_hooks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[ModuleType, dict[str, str], Files]]:
    """Run the hook's on_files on the sample project; the HTML it keeps back, by page."""
    hooks = _hooks()
    site = tmp_path_factory.mktemp("site")  # on_files writes the open data straight there
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site))
    config.plugins._current_plugin = "hook"  # as MkDocs sets it while running an event
    files = hooks.on_files(Files([]), config)
    html = {src: kept.read_text(encoding="utf-8") for src, kept in hooks._html.items()}
    yield hooks, html, files
    hooks.on_build_error()  # no build follows: remove the pages it kept back


def test_every_generated_page_is_kept_back(generated) -> None:
    _, html, files = generated
    pages = [f.src_uri for f in files if f.src_uri.endswith(".md")]
    assert len(pages) > 60 and sorted(pages) == sorted(html)
    for file in files:
        if file.src_uri in html:
            assert file.content_string.startswith("---\n")
            assert file.content_string.endswith("\n---\n\n"), "MkDocs gets front matter only"


def test_markdown_would_not_change_any_generated_page(generated) -> None:
    _, html, _ = generated
    config = load_config(str(ROOT / "mkdocs.yml"))
    for src_uri, body in sorted(html.items()):
        md = markdown.Markdown(
            extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"]
        )
        assert md.convert(body).strip() == body.strip(), src_uri


def test_the_html_comes_back_for_rendering_with_its_anchors_then_goes() -> None:
    hooks = _hooks()
    body = '<h1 id="a&amp;b">T</h1>\n<section id="contact"><p>id="no"</p>'
    config = load_config(str(ROOT / "mkdocs.yml"))
    config.plugins._current_plugin = "hook"
    files = Files([])
    hooks._add_pages(files, config, [Page("x.md", "---\ntitle: T\n---\n\n" + body)])
    page = SimpleNamespace(file=SimpleNamespace(src_uri="x.md"), present_anchor_ids=None)
    page.content = hooks.on_page_content("", page=page)
    assert page.content == "" and page.present_anchor_ids == {"a&b", "contact"}
    context = {"page": page}
    assert hooks.on_page_context(context, page=page) is context
    assert page.content == body
    assert hooks._html == {} and not any(hooks._folder().iterdir()), "read back once, then gone"
    assert hooks.on_post_page("<html>", page=page) == "<html>"
    assert page.content == "", "freed once written"

    other = SimpleNamespace(file=SimpleNamespace(src_uri="about.md"), present_anchor_ids={"x"})
    other.content = hooks.on_page_content("<p>Markdown</p>", page=other)
    hooks.on_page_context({}, page=other)
    hooks.on_post_page("<html>", page=other)
    assert other.content == "<p>Markdown</p>" and other.present_anchor_ids == {"x"}
