"""Search figures: the index's size and build time, and the wait from opening search to
the first result with Chromium's CPU throttled 4x on a cold cache, ours against bare
Material in the same run.

    python benchmarks/search.py --groups 1500   # on its own (builds both sites)

benchmarks/run.py calls `search_figures` with the sites it has built.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
import time
from pathlib import Path

QUERY = "walking eccles"
RUNS = 3
THROTTLE = 4

# From the moment the search box gets focus (the visitor starts a search) to the first
# result on screen; the page has loaded and is idle by then. Also when the worker's first
# answer reached the page: Chromium throttles the page's main thread only (it refuses
# Emulation.setCPUThrottlingRate for workers: "Operation is only supported for pages, not
# workers"), so the worker's share, which a slow phone would slow down too, is shown apart.
WATCH_WORKER = """
const NativeWorker = window.Worker
window.Worker = function (url, options) {
  const worker = new NativeWorker(url, options)
  worker.addEventListener("message", ({ data }) => {
    if (window.__opened && !window.__answered && data && data.type === 3 && data.data.items.length)
      window.__answered = performance.now()
  })
  return worker
}
"""
OPEN_TO_RESULT = """async (query) => {
  const input = document.querySelector(".md-search__input")
  const start = window.__opened = performance.now()
  input.focus()
  input.value = query
  input.dispatchEvent(new KeyboardEvent("keyup", {key: "End", bubbles: true}))
  while (!document.querySelector(".md-search-result__item"))
    await new Promise(resolve => setTimeout(resolve, 5))
  return [(performance.now() - start) / 1000, (window.__answered - start) / 1000]
}"""


def index_sizes(site: Path) -> tuple[float, float]:
    """KiB of what a search downloads from site/search/, raw and gzipped."""
    files = [f for f in (site / "search").iterdir() if f.is_file()]
    raw = sum(f.stat().st_size for f in files)
    packed = sum(len(gzip.compress(f.read_bytes(), 6)) for f in files)
    return raw / 1024, packed / 1024


def index_build_seconds(project: Path) -> float:
    """Python lunr's CPU time to build the index (after the directory has loaded)."""
    from directory.data.directory import load_directory
    from directory.site.searchindex import build_index, directory_docs

    docs = directory_docs(load_directory(project))
    start = time.process_time()
    build_index(docs)
    return time.process_time() - start


def open_to_result_seconds(browser, url: str, query: str = QUERY) -> tuple[float, float]:
    """Medians over fresh contexts (cold cache) with the CPU throttled: seconds from
    opening search to the first result, and to the worker's answer reaching the page."""
    shown, answered = [], []
    for _ in range(RUNS):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.add_init_script(WATCH_WORKER)
        cdp = context.new_cdp_session(page)
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        page.goto(url, wait_until="networkidle")
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
        first, answer = page.evaluate(OPEN_TO_RESULT, query)
        shown.append(first)
        answered.append(answer)
        context.close()
    return statistics.median(shown), statistics.median(answered)


def search_figures(browser, project: Path, site: Path, bare_site: Path) -> dict[str, float]:
    from run import serve

    raw, packed = index_sizes(site)
    figures = {"index_kib": raw, "index_gzip_kib": packed}
    figures["index_build_s"] = index_build_seconds(project)
    if browser is not None:
        for key, folder in (("", site), ("bare_", bare_site)):
            with serve(folder) as url:
                shown, answered = open_to_result_seconds(browser, url)
            figures[f"{key}open_to_result_s"] = shown
            figures[f"{key}worker_answer_s"] = answered
    return figures


def report(count: int, figures: dict[str, float]) -> str:
    lines = [f"search at {count:,} groups (CPU throttled {THROTTLE}x, cold cache):"]
    lines.append(
        f"  index {figures['index_kib']:.0f} KiB, {figures['index_gzip_kib']:.0f} KiB gzipped"
    )
    lines.append(f"  index build (Python lunr) {figures['index_build_s']:.2f} s CPU")
    for key, label in (("", "ours"), ("bare_", "bare Material")):
        if f"{key}open_to_result_s" in figures:
            shown, answered = figures[f"{key}open_to_result_s"], figures[f"{key}worker_answer_s"]
            lines.append(
                f"  search opened to first result, {label}: {shown:.2f} s (the worker's answer"
                f" in at {answered:.2f} s; with the worker {THROTTLE}x slower too, at most"
                f" {shown + (THROTTLE - 1) * answered:.2f} s)"
            )
    return "\n".join(lines)


def main() -> int:
    sys.path.insert(0, str(Path(__file__).parent))
    from bare import write_bare_site
    from generate import write_groups
    from run import build

    from tests.project import copy_project

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--groups", type=int, default=1500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="search-bench-") as tmp:
        work = Path(tmp)
        project = copy_project(work / "project", with_groups=False)
        names = write_groups(project, args.groups)
        bare_config = write_bare_site(work / "bare", names)
        build(project / "mkdocs.yml", work / "site", work / "build.log")
        build(bare_config, work / "bare-site", work / "bare.log")
        with _browser_context() as browser:
            figures = search_figures(browser, project, work / "site", work / "bare-site")
    print(report(args.groups, figures))
    return 0


def _browser_context():
    from contextlib import contextmanager

    from run import _browser

    return contextmanager(_browser)(True)


if __name__ == "__main__":
    sys.exit(main())
