"""A phone on a slow line: layout shift on Find help, and first paint of the home page
against a default Material page, both with Chromium throttled as DevTools' "Slow 3G"
(2 s round trip, about 400 kbit/s) and a CPU 4 times slower, at 375 x 812.

    python benchmarks/phone.py          # the sample site and a bare Material page
    python benchmarks/run.py            # calls phone_report() at each size

Each figure is the median of a few loads, each with an empty cache.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

RUNS = 3
SLOW_3G = {
    "offline": False,
    "latency": 2000,
    "downloadThroughput": 50_000,
    "uploadThroughput": 50_000,
}
CPU_SLOWDOWN = 4
PHONE = {"width": 375, "height": 812}
CLS_TARGET = 0.1

# Layout shifts not caused by input, and the first paints, as the page records them.
OBSERVE = """
window.__phone = { cls: 0, fcp: null };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__phone.cls += e.value;
}).observe({ type: "layout-shift", buffered: true });
new PerformanceObserver((list) => {
  for (const e of list.getEntries())
    if (e.name === "first-contentful-paint") window.__phone.fcp = e.startTime;
}).observe({ type: "paint", buffered: true });
"""


def _load(browser, url: str, ready: str | None) -> dict:
    """One throttled load: layout shift (to the filters working, plus a second) and FCP."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    page.add_init_script(OBSERVE)
    page.goto(url, wait_until="load", timeout=300_000)
    if ready:
        page.wait_for_selector(ready, state="attached", timeout=300_000)
    page.wait_for_timeout(1000)
    figures = page.evaluate("window.__phone")
    figures["ready_ms"] = page.evaluate("performance.now()")
    context.close()
    return figures


def _median(browser, url: str, ready: str | None = None) -> dict:
    runs = [_load(browser, url, ready) for _ in range(RUNS)]
    return {key: statistics.median(r[key] or 0 for r in runs) for key in ("cls", "fcp")}


def phone_report(browser, site_url: str, bare_url: str) -> list[str]:
    """Lines for the benchmark report; `bare_url` is a default Material site's home."""
    find = _median(browser, site_url + "find/", "html[data-find=ready]")
    home = _median(browser, site_url)
    bare = _median(browser, bare_url)
    verdict = "met" if find["cls"] < CLS_TARGET else "MISSED"
    paint = "met" if home["fcp"] <= bare["fcp"] else "MISSED"
    return [
        f"  phone, slow 3G, CPU x{CPU_SLOWDOWN}: Find help layout shift {find['cls']:.3f}"
        f" (target < {CLS_TARGET}: {verdict}), first paint {find['fcp'] / 1000:.2f} s",
        f"  phone, slow 3G, CPU x{CPU_SLOWDOWN}: home first paint {home['fcp'] / 1000:.2f} s,"
        f" default Material page {bare['fcp'] / 1000:.2f} s (no later: {paint})",
    ]


def main() -> int:
    root = Path(__file__).resolve().parent.parent
    sys.path[:0] = [str(root), str(root / "benchmarks")]
    from bare import write_bare_site
    from playwright.sync_api import sync_playwright
    from run import CHROMIUM, CHROMIUM_ARGS, build, serve

    from tests.project import copy_project

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        project = copy_project(work / "project")
        build(project / "mkdocs.yml", work / "site", work / "build.log")
        bare = write_bare_site(work / "bare", ["Example group"])
        build(bare, work / "bare-site", work / "bare.log")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            with serve(work / "site") as ours, serve(work / "bare-site") as baseline:
                print("\n".join(phone_report(browser, ours, baseline)))
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
