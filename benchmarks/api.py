"""Benchmark `directory oruk-api`: 200 concurrent requests on loopback, p50 and p95 latency.

    python benchmarks/api.py                   # the sample site, built into a temp folder
    python benchmarks/api.py --groups 1500     # generated groups
    python benchmarks/api.py --site site/      # a site you have built

All the requests are opened at once (the validator's mix: lists, pages, services by id,
filters). The baseline, measured in the same run on the same machine, is Python's own
threaded file server answering the same number of concurrent requests for the exported
files of the same services (`data/oruk/services/<id>.json`): the API's latency is
reported as a ratio to it. Everything stays on 127.0.0.1; the count and every wait are
bounded, so a hung server fails the run instead of stalling it.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import http.server
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # for tests.project

from generate import write_groups  # noqa: E402

from tests.project import ROOT, copy_project  # noqa: E402

REQUESTS = 200
REQUEST_TIMEOUT_S = 30.0
RUN_TIMEOUT_S = 120.0
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass
class Latency:
    requests: int
    errors: int
    p50_ms: float
    p95_ms: float
    wall_s: float

    def __str__(self) -> str:
        return (
            f"{self.requests} requests, {self.errors} errors, p50 {self.p50_ms:.1f} ms, "
            f"p95 {self.p95_ms:.1f} ms, all done in {self.wall_s:.2f} s"
        )


async def _get(port: int, path: str) -> tuple[int, float]:
    """(status, seconds) for one HTTP/1.1 GET on its own connection."""
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
    await writer.drain()
    answer = await reader.read()  # to the end: the whole body
    writer.close()
    status = int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else 0
    return status, time.perf_counter() - started


async def _all_at_once(port: int, paths: list[str]) -> Latency:
    async def one(path: str) -> tuple[int, float]:
        try:
            return await asyncio.wait_for(_get(port, path), REQUEST_TIMEOUT_S)
        except (OSError, TimeoutError):
            return 0, REQUEST_TIMEOUT_S

    started = time.perf_counter()
    results = await asyncio.wait_for(asyncio.gather(*map(one, paths)), RUN_TIMEOUT_S)
    wall = time.perf_counter() - started
    times = sorted(seconds * 1000 for _, seconds in results)
    return Latency(
        requests=len(paths),
        errors=sum(status != 200 for status, _ in results),
        p50_ms=statistics.median(times),
        p95_ms=times[max(0, round(0.95 * len(times)) - 1)],
        wall_s=wall,
    )


def concurrent(port: int, paths: list[str]) -> Latency:
    return asyncio.run(_all_at_once(port, paths))


def validator_mix(site: Path, count: int) -> tuple[list[str], list[str]]:
    """(API paths, the same services as static file paths), `count` of each."""
    first = json.loads((site / "data/oruk/services.json").read_bytes())
    ids = [s["id"] for s in first["contents"]]
    api = ["/", "/services?page=1", "/services?page=2&per_page=20", "/taxonomies"]
    api += ["/taxonomy_terms", "/organizations", "/service_at_locations"]
    api += ["/services?search=club", "/services?postcode=M30&proximity=2000"]
    while len(api) < count:
        api.append(f"/services/{ids[len(api) % len(ids)]}")
    static = [f"/data/oruk/services/{ids[i % len(ids)]}.json" for i in range(count)]
    return api[:count], static


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def oruk_api(site: Path) -> Iterator[tuple[int, float]]:
    """(port, seconds to load and answer) for `directory oruk-api` on `site`."""
    port = _free_port()
    command = [sys.executable, "-m", "directory.cli", "oruk-api", str(site), "--port", str(port)]
    started = time.perf_counter()
    server = subprocess.Popen(command, env=ENV, stdout=subprocess.DEVNULL)
    try:
        deadline = started + RUN_TIMEOUT_S
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.perf_counter() > deadline:
                    raise RuntimeError("oruk-api did not start") from None
                time.sleep(0.05)
        yield port, time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class _Server(http.server.ThreadingHTTPServer):
    request_queue_size = REQUESTS + 56  # the default of 5 would refuse most connections


@contextmanager
def static_files(site: Path) -> Iterator[int]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def api_figures(site: Path, count: int = REQUESTS) -> str:
    """One line of figures for a built site: the API against static files, same run."""
    api_paths, static_paths = validator_mix(site, count)
    with static_files(site) as port:
        concurrent(port, static_paths[:10])  # warm up
        baseline = concurrent(port, static_paths)
    with oruk_api(site) as (port, start_s):
        concurrent(port, api_paths[:10])
        ours = concurrent(port, api_paths)
    ratio = ours.p95_ms / baseline.p95_ms if baseline.p95_ms else float("nan")
    return (
        f"oruk-api: {ours} (started in {start_s:.2f} s)\n"
        f"static files (baseline): {baseline}\n"
        f"p95 ratio, API over static files: {ratio:.2f}"
    )


def build_sample(work: Path, groups: int) -> Path:
    project = copy_project(work / "project", with_groups=groups == 0)
    if groups:
        write_groups(project, groups)
    site = work / "site"
    command = ["mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    subprocess.run(command, check=True, env=ENV, cwd=ROOT, timeout=1800)
    return site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the sample)")
    parser.add_argument("--groups", type=int, default=0, help="generated groups (0: sample)")
    parser.add_argument("--requests", type=int, default=REQUESTS, help="concurrent requests")
    args = parser.parse_args(argv)
    if args.site:
        print(api_figures(args.site, args.requests))
        return 0
    work = Path(tempfile.mkdtemp(prefix="directory-api-bench-"))
    try:
        print(api_figures(build_sample(work, args.groups), args.requests))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
