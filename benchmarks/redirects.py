"""Old addresses at scale: what redirect pages and the 404 page's slugs.json cost.

Every group is given one former slug, then the redirect pages are written and timed next
to the group pages they point at, in the same run (a ratio, so a busy machine matters less).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from directory.data.directory import load_directory
from directory.site.pages import group_page
from directory.site.redirects import redirect_files, slugs_json


def _best_of(work: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return min(times)


def redirect_figures(project: Path, site_url: str = "https://example.org/") -> str:
    directory = load_directory(project)
    for group in directory.groups:
        group.formerly = [f"old-{group.slug}"]
    pages_s = _best_of(lambda: [group_page(directory, g) for g in directory.groups])
    redirects_s = _best_of(lambda: redirect_files(directory, site_url))
    files = redirect_files(directory, site_url)
    page_bytes = max(len(html.encode()) for html in files.values())
    kib = len(slugs_json(directory).encode()) / 1024
    return (
        f"  redirects: {len(files):,} pages in {redirects_s * 1000:.0f} ms CPU, "
        f"{redirects_s / pages_s:.3f} × the group pages ({pages_s * 1000:.0f} ms); "
        f"each ≤ {page_bytes} bytes; slugs.json {kib:.0f} KiB"
    )
