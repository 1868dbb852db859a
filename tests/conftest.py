"""Shared fixtures: one in-process strict build of the sample site."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# One "today" for the whole run: builds compare byte for byte, and a run that crosses
# midnight would otherwise see open-now lines, stale notices and sitemap dates change.
os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(time.time())))

from .project import ROOT, build_site  # noqa: E402


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site, built once per test run; fails on any warning."""
    site, warnings = build_site(ROOT, tmp_path_factory.mktemp("site") / "site")
    assert warnings == [], "the sample build logged warnings:\n" + "\n".join(warnings)
    return site
