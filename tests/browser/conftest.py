"""Browser fixtures: the built sample site served on localhost, and Debian's Chromium.

Playwright's own browser download does not work here, so we launch the system
`chromium`. Outside CI a missing chromium skips these tests with a hint; with CI=true it
fails, so CI can never pass without running them.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from directory.data.directory import Directory, load_directory

from ..project import ROOT

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Base URL (ending in /) of the built sample site served on localhost."""
    handler = functools.partial(_Quiet, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium")
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed; CI must run the browser tests")
        pytest.skip("browser tests need Debian's chromium: apt-get install -y chromium")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: str):  # -> playwright Browser
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class RequestLog:
    """Every request a page made, to prove nothing leaves the local server."""

    def __init__(self, allowed_host: str) -> None:
        self.allowed_host = allowed_host
        self.urls: list[str] = []

    def __call__(self, request) -> None:  # playwright Request
        self.urls.append(request.url)

    @property
    def foreign(self) -> list[str]:
        return [
            url
            for url in self.urls
            if urlsplit(url).scheme not in ("data", "blob", "about")
            and urlsplit(url).netloc != self.allowed_host
        ]


@pytest.fixture
def context(browser, site_url: str):  # -> playwright BrowserContext
    """A fresh browser context whose requests are all recorded; fails on foreign hosts."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    log = RequestLog(urlsplit(site_url).netloc)
    ctx.on("request", log)
    ctx.request_log = log  # type: ignore[attr-defined]
    yield ctx
    ctx.close()
    assert log.foreign == [], f"requests to other hosts: {log.foreign}"


@pytest.fixture
def page(context):  # -> playwright Page
    return context.new_page()


@pytest.fixture(scope="module")
def directory() -> Directory:
    """The sample directory the built site comes from."""
    return load_directory(ROOT)


@pytest.fixture(scope="module")
def public_url() -> str:
    """The site_url from mkdocs.yml: what QR codes and printed footers must give."""
    found = re.search(r"^site_url:\s*(\S+)\s*$", (ROOT / "mkdocs.yml").read_text(), re.M)
    assert found is not None
    return found.group(1)
