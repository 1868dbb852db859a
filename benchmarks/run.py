"""Benchmark the directory at borough and region scale, against bare Material.

    python benchmarks/run.py                      # 1,500 groups
    python benchmarks/run.py --groups 1500 15000  # and Greater Manchester scale

For each size it generates fictional groups into a temporary copy of the project, builds
the site in a subprocess (so peak memory is the build's own), times `directory check`,
measures the output, times the first search result in headless Chromium, and builds a
bare Material site with the same number of pages in the same run for comparison.
Nothing is written into the project itself.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, astuple, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # for tests.project

from bare import write_bare_site  # noqa: E402
from generate import write_groups  # noqa: E402
from phone import phone_report  # noqa: E402

from tests.browser.conftest import CHROMIUM_ARGS  # noqa: E402
from tests.project import copy_project  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
QUERY = "walking eccles"
SEARCH_RUNS = 3
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795000000"}

# Targets from issue 8.
BUILD_RATIO = 1.2
LINEAR_FACTOR = 11
PEAK_MIB = 600
CHECK_SECONDS = 0.5
SEARCH_SECONDS = {1500: 0.5, 15000: 1.5}
PAGE_KIB = 60


@dataclass
class Figures:
    groups: int
    build_s: float = 0.0
    build_cpu_s: float = 0.0
    ms_per_group: float = 0.0  # CPU
    peak_rss_mib: float = 0.0
    bare_build_s: float = 0.0
    bare_build_cpu_s: float = 0.0
    bare_peak_rss_mib: float = 0.0
    build_ratio: float = 0.0  # CPU over CPU
    check_s: float = 0.0
    check_cpu_s: float = 0.0
    site_mib: float = 0.0
    search_index_kib: float = 0.0
    search_index_gzip_kib: float = 0.0
    bare_search_index_kib: float = 0.0
    largest_group_page_kib: float = 0.0
    index_ready_s: float | None = None
    first_result_s: float | None = None
    bare_index_ready_s: float | None = None
    bare_first_result_s: float | None = None
    load_average: tuple[float, float] = (0.0, 0.0)  # 1-minute, before and after


# --- measuring ---------------------------------------------------------------------------


@dataclass
class Run:
    wall_s: float  # what a person waits
    cpu_s: float  # user + system: steadier when other work shares the machine
    peak_mib: float


def measured(command: list[str], log: Path) -> Run:
    """Run `command` and measure it; exit with its output if it fails."""
    with log.open("wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=ENV)
        # wait4 gives this child's own rusage, not the maximum over every child so far.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{log.read_text(errors='replace')[-4000:]}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def build(config: Path, site: Path, log: Path) -> Run:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
    return measured([*command, "--config-file", str(config), "--site-dir", str(site)], log)


def check_run(project: Path, log: Path, runs: int = 3) -> Run:
    """The `directory check` command over every file: the run with the median CPU time."""
    cli = shutil.which("directory")
    command = [cli] if cli else [sys.executable, "-m", "directory.cli"]
    done = [measured([*command, "--root", str(project), "check"], log) for _ in range(runs)]
    return sorted(done, key=lambda run: run.cpu_s)[len(done) // 2]


def size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def search_sizes(site: Path) -> tuple[float, float]:
    """KiB of every file in site/search/, raw and gzipped (what a server sends)."""
    files = [f for f in (site / "search").rglob("*") if f.is_file()]
    raw = sum(f.stat().st_size for f in files)
    packed = sum(len(gzip.compress(f.read_bytes(), 6)) for f in files)
    return raw / 1024, packed / 1024


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


# Records, in the page's own clock, when the search worker says its index is ready and
# when the first result is put on the page. Material's worker replies READY (1) to SETUP.
FIRST_RESULT_SCRIPT = """
window.__search = {};
const mark = (key) => { if (!(key in window.__search)) window.__search[key] = performance.now(); };
const NativeWorker = window.Worker;
window.Worker = function (url, options) {
  const worker = new NativeWorker(url, options);
  worker.addEventListener("message", (event) => { if (event.data.type === 1) mark("ready"); });
  return worker;
};
addEventListener("keyup", () => mark("typed"), true);
new MutationObserver(() => {
  if (document.querySelector(".md-search-result__item")) mark("result");
}).observe(document, { childList: true, subtree: true });
"""


def first_result_seconds(browser, site: Path, query: str) -> tuple[float, float]:
    """Median seconds from the load event to the search index being ready in the worker,
    and to the first result on screen; a fresh browser cache each run.

    The query is typed as soon as the page has loaded, as an impatient visitor would."""
    ready, shown = [], []
    with serve(site) as url:
        for _ in range(SEARCH_RUNS):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.add_init_script(FIRST_RESULT_SCRIPT)
            page.goto(url, wait_until="load")
            # The whole query at once, then a key (Material searches on keyup): typing it
            # letter by letter through Playwright costs more than the search.
            search = page.locator(".md-search__input")
            search.fill(query)
            search.press("End")
            page.wait_for_selector(".md-search-result__item", timeout=300_000)
            loaded, marks = page.evaluate(
                "[performance.getEntriesByType('navigation')[0].loadEventEnd, window.__search]"
            )
            ready.append((marks.get("ready", marks["result"]) - loaded) / 1000)
            shown.append((marks["result"] - loaded) / 1000)
            context.close()
    return statistics.median(ready), statistics.median(shown)


def profile_build(config: Path, site: Path, out: Path, top: int = 30) -> None:
    """Build again under cProfile and print where the time goes (not timed)."""
    command = [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "mkdocs", "build"]
    measured([*command, "-q", "-f", str(config), "-d", str(site)], out.with_suffix(".log"))
    stats = pstats.Stats(str(out))
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


# --- one size ----------------------------------------------------------------------------


def bench(count: int, work: Path, browser, profile: bool) -> Figures:
    figures = Figures(count)
    load_before = os.getloadavg()[0]
    project = copy_project(work / "project", with_groups=False)
    names = write_groups(project, count)
    bare_config = write_bare_site(work / "bare", names)

    check = check_run(project, work / "check.log")
    figures.check_s, figures.check_cpu_s = check.wall_s, check.cpu_s
    print(f"  directory check: {check.wall_s:.2f} s ({check.cpu_s:.2f} s CPU)", flush=True)

    site, bare_site = work / "site", work / "bare-site"
    ours = build(project / "mkdocs.yml", site, work / "build.log")
    print(f"  our build: {ours.wall_s:.1f} s ({ours.cpu_s:.1f} s CPU)", flush=True)
    bare = build(bare_config, bare_site, work / "bare.log")
    print(f"  bare Material build: {bare.wall_s:.1f} s ({bare.cpu_s:.1f} s CPU)", flush=True)
    figures.build_s, figures.build_cpu_s, figures.peak_rss_mib = astuple(ours)
    figures.bare_build_s, figures.bare_build_cpu_s, figures.bare_peak_rss_mib = astuple(bare)
    figures.ms_per_group = ours.cpu_s / count * 1000
    figures.build_ratio = ours.cpu_s / bare.cpu_s

    figures.site_mib = size(site) / 2**20
    figures.search_index_kib, figures.search_index_gzip_kib = search_sizes(site)
    figures.bare_search_index_kib = search_sizes(bare_site)[0]
    pages = (site / "groups").glob("*/index.html")
    figures.largest_group_page_kib = max(p.stat().st_size for p in pages) / 1024

    if browser is not None:
        figures.index_ready_s, figures.first_result_s = first_result_seconds(browser, site, QUERY)
        print(f"  first search result: {figures.first_result_s:.2f} s", flush=True)
        bare_times = first_result_seconds(browser, bare_site, QUERY)
        figures.bare_index_ready_s, figures.bare_first_result_s = bare_times
        with serve(site) as ours, serve(bare_site) as baseline:
            print("\n".join(phone_report(browser, ours, baseline)), flush=True)
    figures.load_average = (load_before, os.getloadavg()[0])
    if profile:
        profile_build(project / "mkdocs.yml", work / "profiled-site", work / "build.prof")
    return figures


# --- report ------------------------------------------------------------------------------


def _s(value: float | None, unit: str = "s", digits: int = 2) -> str:
    return "not measured" if value is None else f"{value:.{digits}f} {unit}"


def report(results: list[Figures]) -> str:
    rows = [
        ("build (wall)", lambda f: _s(f.build_s)),
        ("build (CPU)", lambda f: _s(f.build_cpu_s)),
        ("ms per group (CPU)", lambda f: _s(f.ms_per_group, "ms", 1)),
        ("peak RSS (build)", lambda f: _s(f.peak_rss_mib, "MiB", 0)),
        ("bare Material build (wall)", lambda f: _s(f.bare_build_s)),
        ("bare Material build (CPU)", lambda f: _s(f.bare_build_cpu_s)),
        ("bare Material peak RSS", lambda f: _s(f.bare_peak_rss_mib, "MiB", 0)),
        ("build / bare Material (CPU)", lambda f: f"{f.build_ratio:.2f} ×"),
        ("directory check (wall)", lambda f: _s(f.check_s)),
        ("directory check (CPU)", lambda f: _s(f.check_cpu_s)),
        ("site size", lambda f: _s(f.site_mib, "MiB", 1)),
        ("search index", lambda f: _s(f.search_index_kib, "KiB", 0)),
        ("search index gzipped", lambda f: _s(f.search_index_gzip_kib, "KiB", 0)),
        ("bare Material search index", lambda f: _s(f.bare_search_index_kib, "KiB", 0)),
        ("largest group page", lambda f: _s(f.largest_group_page_kib, "KiB", 1)),
        ("search index ready after load", lambda f: _s(f.index_ready_s)),
        ("first search result after load", lambda f: _s(f.first_result_s)),
        ("  same, bare Material", lambda f: _s(f.bare_first_result_s)),
        ("load average before / after", lambda f: "{:.1f} / {:.1f}".format(*f.load_average)),
    ]
    width = max(len(label) for label, _ in rows)
    header = " " * width + "".join(f"{f.groups:>16,} groups" for f in results)
    lines = [header]
    lines += [label.ljust(width) + "".join(f"{get(f):>23}" for f in results) for label, get in rows]
    return "\n".join(lines)


def verdicts(results: list[Figures]) -> list[str]:
    by_size = {f.groups: f for f in results}
    lines = []

    def say(ok: bool, text: str) -> None:
        lines.append(f"{'met   ' if ok else 'MISSED'}  {text}")

    if 1500 in by_size:
        f = by_size[1500]
        ratio = f"1,500: build {f.build_ratio:.2f} × bare Material, CPU (≤ 1.2)"
        say(f.build_ratio <= BUILD_RATIO, ratio)
        check = f"1,500: directory check {f.check_cpu_s:.2f} s CPU (≤ 0.5 s)"
        say(f.check_cpu_s <= CHECK_SECONDS, check)
    if 1500 in by_size and 15000 in by_size:
        factor = by_size[15000].build_cpu_s / by_size[1500].build_cpu_s
        say(factor <= LINEAR_FACTOR, f"15,000: build {factor:.1f} × the 1,500 build, CPU (≤ 11)")
    if 15000 in by_size:
        rss = by_size[15000].peak_rss_mib
        say(rss <= PEAK_MIB, f"15,000: peak RSS {rss:.0f} MiB (≤ 600)")
    for count, limit in SEARCH_SECONDS.items():
        first = by_size[count].first_result_s if count in by_size else None
        if first is not None:
            say(first <= limit, f"{count:,}: first search result {first:.2f} s (≤ {limit} s)")
    for f in results:
        kib = f.largest_group_page_kib
        say(kib <= PAGE_KIB, f"{f.groups:,}: largest group page {kib:.1f} KiB (≤ 60)")
    return lines


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--groups", type=int, nargs="+", default=[1500], help="sizes to run")
    parser.add_argument("--no-browser", action="store_true", help="skip the search timing")
    parser.add_argument("--profile", action="store_true", help="also print a build profile")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--keep", type=Path, help="keep the projects and sites here")
    args = parser.parse_args(argv)

    print(f"Machine: {machine()}", flush=True)
    results = []
    with contextmanager(_browser)(not args.no_browser) as browser:
        for count in args.groups:
            print(f"{count:,} groups:", flush=True)
            if args.keep:
                work = args.keep / str(count)
                shutil.rmtree(work, ignore_errors=True)
                work.mkdir(parents=True)
                results.append(bench(count, work, browser, args.profile))
            else:
                with tempfile.TemporaryDirectory(prefix="directory-bench-") as tmp:
                    results.append(bench(count, Path(tmp), browser, args.profile))
    print()
    print(report(results))
    print()
    print("\n".join(verdicts(results)))
    if args.json:
        args.json.write_text(json.dumps([asdict(f) for f in results], indent=2) + "\n")
    return 0


def _browser(wanted: bool) -> Iterator[object]:
    if not wanted:
        yield None
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        print(f"Chromium {browser.version}", flush=True)
        yield browser
        browser.close()


if __name__ == "__main__":
    sys.exit(main())
