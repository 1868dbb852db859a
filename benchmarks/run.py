"""Benchmark the directory at borough and region scale, against bare Material.

    python benchmarks/run.py                      # 1,500 groups
    python benchmarks/run.py --groups 1500 15000  # and Greater Manchester scale
    python benchmarks/run.py --groups 15000 --real-text --no-browser  # memory, real lengths

For each size it generates fictional groups into a temporary copy of the project, times
`directory check` (cold, then warm with its cache of validated files) against start-up
alone, builds the site in a subprocess (so peak memory is the build's own) with no
`.cache/` and again with it, measures the output, times the first search result in
headless Chromium, and builds a bare Material site with as many HTML pages in the same run
for comparison. A size above 1,500 also runs 1,500, for the growth ratio.
Nothing is written into the project itself.
"""

from __future__ import annotations

import argparse
import filecmp
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
import textwrap
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, astuple, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # for tests.project

from api import api_figures  # noqa: E402
from bare import write_bare_site  # noqa: E402
from generate import write_groups  # noqa: E402
from hostile import hostile_report  # noqa: E402
from languages import language_figures  # noqa: E402
from phone import phone_report  # noqa: E402
from redirects import redirect_figures  # noqa: E402
from search import report as search_report  # noqa: E402
from search import search_figures  # noqa: E402

from tests.browser.conftest import CHROMIUM_ARGS  # noqa: E402
from tests.project import copy_project  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
QUERY = "walking eccles"
SEARCH_RUNS = 3
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795000000"}

# Targets from issues 8 and 19.
BUILD_RATIO = 1.2
LINEAR_FACTOR = 11
PEAK_MIB = 600
CHECK_SECONDS = 0.5
SEARCH_SECONDS = {1500: 0.5, 15000: 1.5}
PAGE_KIB = 60  # a group page
HTML_KIB = 512  # any page


@dataclass
class Figures:
    groups: int
    real_text: bool = False
    pages: int = 0  # HTML pages in our site; the bare site gets as many
    build_s: float = 0.0  # warm: .cache/ kept from the cold build
    build_cpu_s: float = 0.0
    cold_build_s: float = 0.0  # no .cache/
    cold_build_cpu_s: float = 0.0
    cold_warm_identical: bool = False
    ms_per_group: float = 0.0  # CPU, warm
    peak_rss_mib: float = 0.0  # the larger of the cold and warm builds
    bare_build_s: float = 0.0
    bare_build_cpu_s: float = 0.0
    bare_peak_rss_mib: float = 0.0
    build_ratio: float = 0.0  # CPU over CPU, warm
    cold_build_ratio: float = 0.0
    check_s: float = 0.0  # warm: the cache of validated files kept
    check_cpu_s: float = 0.0
    cold_check_s: float = 0.0
    startup_s: float = 0.0  # `directory --help`: Python and the imports, no files read
    startup_cpu_s: float = 0.0
    check_beyond_startup_s: float = 0.0
    check_beyond_startup_cpu_s: float = 0.0  # steadier on a shared machine: the verdict
    cold_check_beyond_startup_s: float = 0.0
    cold_check_beyond_startup_cpu_s: float = 0.0
    site_mib: float = 0.0
    search_index_kib: float = 0.0
    search_index_gzip_kib: float = 0.0
    bare_search_index_kib: float = 0.0
    largest_group_page_kib: float = 0.0
    largest_page_kib: float = 0.0
    largest_page: str = ""
    find_data_kib: float = 0.0
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


def _cli() -> list[str]:
    cli = shutil.which("directory")
    return [cli] if cli else [sys.executable, "-m", "directory.cli"]


def median_run(command: list[str], log: Path, runs: int = 3) -> Run:
    """The run with the median wall time."""
    done = [measured(command, log) for _ in range(runs)]
    return sorted(done, key=lambda run: run.wall_s)[len(done) // 2]


def check_run(project: Path, log: Path, runs: int = 3) -> Run:
    """The `directory check` command over every file."""
    return median_run([*_cli(), "--root", str(project), "check"], log, runs)


def startup_run(log: Path) -> Run:
    """Start-up alone: Python and the same imports as `check`, no file read."""
    return median_run([*_cli(), "--help"], log)


def same_tree(a: Path, b: Path) -> bool:
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    if files != sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file()):
        return False
    return all(filecmp.cmp(a / f, b / f, shallow=False) for f in files)


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


def bench(count: int, work: Path, browser, profile: bool, real_text: bool = False) -> Figures:
    figures = Figures(count, real_text)
    load_before = os.getloadavg()[0]
    project = copy_project(work / "project", with_groups=False)
    names = write_groups(project, count, real_text=real_text)
    cache = project / ".cache"
    print(redirect_figures(project), flush=True)
    if count <= 1500:  # every page once per language: a region-sized run is for memory
        print(language_figures(project, work, build), flush=True)

    startup = startup_run(work / "startup.log")
    cold_check = measured([*_cli(), "--root", str(project), "check"], work / "check.log")
    check = check_run(project, work / "check.log")
    figures.startup_s, figures.startup_cpu_s = startup.wall_s, startup.cpu_s
    figures.cold_check_s, figures.check_s, figures.check_cpu_s = (
        cold_check.wall_s, check.wall_s, check.cpu_s
    )  # fmt: skip
    figures.check_beyond_startup_s = check.wall_s - startup.wall_s
    figures.cold_check_beyond_startup_s = cold_check.wall_s - startup.wall_s
    figures.check_beyond_startup_cpu_s = check.cpu_s - startup.cpu_s
    figures.cold_check_beyond_startup_cpu_s = cold_check.cpu_s - startup.cpu_s
    print(
        f"  directory check: {cold_check.wall_s:.2f} s cold, {check.wall_s:.2f} s warm; "
        f"start-up {startup.wall_s:.2f} s",
        flush=True,
    )

    site, cold_site, bare_site = work / "site", work / "cold-site", work / "bare-site"
    shutil.rmtree(cache, ignore_errors=True)
    cold = build(project / "mkdocs.yml", cold_site, work / "cold-build.log")
    print(f"  our build, cold cache: {cold.wall_s:.1f} s ({cold.cpu_s:.1f} s CPU)", flush=True)
    ours = build(project / "mkdocs.yml", site, work / "build.log")
    print(f"  our build, warm cache: {ours.wall_s:.1f} s ({ours.cpu_s:.1f} s CPU)", flush=True)
    figures.cold_warm_identical = same_tree(cold_site, site)
    shutil.rmtree(cold_site)
    html = sorted(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    figures.pages = len(html)
    bare_config = write_bare_site(work / "bare", names, figures.pages)
    bare = build(bare_config, bare_site, work / "bare.log")
    print(f"  bare Material build: {bare.wall_s:.1f} s ({bare.cpu_s:.1f} s CPU)", flush=True)
    figures.build_s, figures.build_cpu_s = ours.wall_s, ours.cpu_s
    figures.cold_build_s, figures.cold_build_cpu_s = cold.wall_s, cold.cpu_s
    figures.peak_rss_mib = max(ours.peak_mib, cold.peak_mib)
    figures.bare_build_s, figures.bare_build_cpu_s, figures.bare_peak_rss_mib = astuple(bare)
    figures.ms_per_group = ours.cpu_s / count * 1000
    figures.build_ratio = ours.cpu_s / bare.cpu_s
    figures.cold_build_ratio = cold.cpu_s / bare.cpu_s

    figures.site_mib = size(site) / 2**20
    figures.search_index_kib, figures.search_index_gzip_kib = search_sizes(site)
    figures.bare_search_index_kib = search_sizes(bare_site)[0]
    pages = (site / "groups").glob("*/index.html")
    figures.largest_group_page_kib = max(p.stat().st_size for p in pages) / 1024
    figures.largest_page_kib = html[-1].stat().st_size / 1024
    figures.largest_page = html[-1].relative_to(site).as_posix()
    find_data = site / "data" / "find.json"
    figures.find_data_kib = find_data.stat().st_size / 1024 if find_data.is_file() else 0.0

    if browser is not None:
        figures.index_ready_s, figures.first_result_s = first_result_seconds(browser, site, QUERY)
        print(f"  first search result: {figures.first_result_s:.2f} s", flush=True)
        bare_times = first_result_seconds(browser, bare_site, QUERY)
        figures.bare_index_ready_s, figures.bare_first_result_s = bare_times
        with serve(site) as ours, serve(bare_site) as baseline:
            print("\n".join(phone_report(browser, ours, baseline)), flush=True)
    print(search_report(count, search_figures(browser, project, site, bare_site)), flush=True)
    print(textwrap.indent(api_figures(site), "  "), flush=True)  # the ORUK API (api.py)
    figures.load_average = (load_before, os.getloadavg()[0])
    if profile:  # warm, as a contributor's second build is
        profile_build(project / "mkdocs.yml", work / "profiled-site", work / "build.prof")
    return figures


# --- report ------------------------------------------------------------------------------


def _s(value: float | None, unit: str = "s", digits: int = 2) -> str:
    return "not measured" if value is None else f"{value:.{digits}f} {unit}"


def report(results: list[Figures]) -> str:
    rows = [
        ("HTML pages (ours = bare)", lambda f: f"{f.pages:,}"),
        ("description text", lambda f: "real lengths" if f.real_text else "short"),
        ("build, warm cache (wall)", lambda f: _s(f.build_s)),
        ("build, warm cache (CPU)", lambda f: _s(f.build_cpu_s)),
        ("build, cold cache (wall)", lambda f: _s(f.cold_build_s)),
        ("build, cold cache (CPU)", lambda f: _s(f.cold_build_cpu_s)),
        ("cold and warm output identical", lambda f: "yes" if f.cold_warm_identical else "NO"),
        ("ms per group (CPU, warm)", lambda f: _s(f.ms_per_group, "ms", 1)),
        ("peak RSS (build)", lambda f: _s(f.peak_rss_mib, "MiB", 0)),
        ("bare Material build (wall)", lambda f: _s(f.bare_build_s)),
        ("bare Material build (CPU)", lambda f: _s(f.bare_build_cpu_s)),
        ("bare Material peak RSS", lambda f: _s(f.bare_peak_rss_mib, "MiB", 0)),
        ("build / bare Material, warm (CPU)", lambda f: f"{f.build_ratio:.2f} ×"),
        ("build / bare Material, cold (CPU)", lambda f: f"{f.cold_build_ratio:.2f} ×"),
        ("directory start-up (wall)", lambda f: _s(f.startup_s)),
        ("directory start-up (CPU)", lambda f: _s(f.startup_cpu_s)),
        ("directory check, warm (wall)", lambda f: _s(f.check_s)),
        ("  beyond start-up (wall)", lambda f: _s(f.check_beyond_startup_s)),
        ("  beyond start-up (CPU)", lambda f: _s(f.check_beyond_startup_cpu_s)),
        ("directory check, cold (wall)", lambda f: _s(f.cold_check_s)),
        ("  beyond start-up (wall)", lambda f: _s(f.cold_check_beyond_startup_s)),
        ("  beyond start-up (CPU)", lambda f: _s(f.cold_check_beyond_startup_cpu_s)),
        ("site size", lambda f: _s(f.site_mib, "MiB", 1)),
        ("search index", lambda f: _s(f.search_index_kib, "KiB", 0)),
        ("search index gzipped", lambda f: _s(f.search_index_gzip_kib, "KiB", 0)),
        ("bare Material search index", lambda f: _s(f.bare_search_index_kib, "KiB", 0)),
        ("find data (data/find.json)", lambda f: _s(f.find_data_kib, "KiB", 0)),
        ("largest HTML page", lambda f: _s(f.largest_page_kib, "KiB", 0)),
        ("  which", lambda f: f.largest_page[-22:]),
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
        ratio = f"1,500: build {f.build_ratio:.2f} × bare Material, CPU, warm cache (≤ 1.2)"
        say(f.build_ratio <= BUILD_RATIO, ratio)
        beyond = f.check_beyond_startup_s
        say(
            beyond <= CHECK_SECONDS,
            f"1,500: directory check {beyond:.2f} s beyond start-up (≤ 0.5 s)",
        )
        kib = f.largest_page_kib
        say(kib <= HTML_KIB, f"1,500: largest HTML page {kib:.0f} KiB, {f.largest_page} (≤ 512)")
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
        say(f.cold_warm_identical, f"{f.groups:,}: cold and warm cache builds byte-identical")
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
    parser.add_argument(
        "--real-text", action="store_true", help="descriptions as long as real councils' records"
    )
    parser.add_argument("--no-browser", action="store_true", help="skip the search timing")
    parser.add_argument("--profile", action="store_true", help="also print a build profile")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--keep", type=Path, help="keep the projects and sites here")
    parser.add_argument("--import-services", type=int, nargs="*", default=[], help="see import.py")
    args = parser.parse_args(argv)
    if args.import_services:  # `directory import oruk` only: benchmarks/import.py
        return __import__("import").main(["--services", *map(str, args.import_services)])

    print(f"Machine: {machine()}", flush=True)
    results = []
    with contextmanager(_browser)(not args.no_browser) as browser:
        # The 15,000 ÷ 1,500 ratio needs a 1,500 run on the same machine, in the same run.
        sizes = sorted(set(args.groups) | ({1500} if max(args.groups) > 1500 else set()))
        for count in sizes:
            print(f"{count:,} groups:", flush=True)
            if args.keep:
                work = args.keep / str(count)
                shutil.rmtree(work, ignore_errors=True)
                work.mkdir(parents=True)
                results.append(bench(count, work, browser, args.profile, args.real_text))
            else:
                with tempfile.TemporaryDirectory(prefix="directory-bench-") as tmp:
                    results.append(bench(count, Path(tmp), browser, args.profile, args.real_text))
    print()
    print(report(results))
    print()
    print("\n".join(verdicts(results)))
    print()
    print(hostile_report())
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
