"""Worst-case descriptions: `directory check` must stay linear in a file's size.

    python benchmarks/hostile.py

For each pathological Markdown construct (those the limits refuse and those they let
through) a group file is filled with it up to 8, 16, 32 and 64 KB and checked as
`directory check` checks it (parse, then validate). It prints the time at 64 KB, the
growth from 16 to 64 KB (about 4 is linear; 16 is quadratic: a wide gap, as a shared
machine is noisy) and the ratio to a plain-text description of the same size measured in
the same run.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "hooks"))

from directory.data.loading import MAX_BYTES, parse_document, to_model  # noqa: E402
from directory.data.models import Group  # noqa: E402
from directory.data.prose import _converted  # noqa: E402

SIZES = (8 * 1024, 16 * 1024, 32 * 1024, MAX_BYTES)
LINEAR_GROWTH = 6.0  # from 16 to 64 KB: linear is 4, quadratic 16
NOISE_SECONDS = 0.02  # below this, timer resolution and noise swamp the growth figure
WORST_SECONDS = 1.0  # a generous bound for one 64 KB file
HEAD = """name: Worst Case Group
summary: A group whose description is built to be slow to parse.
needs: [loneliness]
neighbourhoods: [swinton]
contact:
  phone: 0161 496 0513
last_reviewed: 2026-10-01
description: """

# Each makes a description of about n characters.
CONSTRUCTS: dict[str, Callable[[int], str]] = {
    "plain text (baseline)": lambda n: "word " * (n // 5),
    "[ run (refused)": lambda n: "[" * n,
    "![ run (refused)": lambda n: "![" * (n // 2),
    "- - - nesting (refused)": lambda n: "- " * (n // 2),
    "[a] links, closed": lambda n: "[a] " * (n // 4),
    "[[[a]]] at the depth limit": lambda n: "[[[a]]] " * (n // 8),
    "[[[ then a long paragraph ]]]": lambda n: "[[[" + "a" * (n - 6) + "]]]",
    "[a]( unclosed parens": lambda n: "[a](" * (n // 4),
    "* emphasis run": lambda n: "*a" * (n // 2),
    "` backtick run": lambda n: "`a" * (n // 2),
    "< run": lambda n: "<a" * (n // 2),
    "& entity run": lambda n: "&a" * (n // 2),
    "lists 6 deep, repeated": lambda n: "- - - - - - x\n" * (n // 14),
    "quotes 6 deep, repeated": lambda n: "> > > > > > x\n" * (n // 14),
}


def _file(make: Callable[[int], str], size: int) -> bytes:
    """A group file of `size` bytes at most, its description a block scalar from `make`."""
    room = size - len(HEAD) - 3
    while True:
        lines = make(room).splitlines() or [""]
        raw = (HEAD + "|\n" + "".join(f"  {line}\n" for line in lines)).encode()
        if len(raw) <= size:
            return raw
        room -= len(raw) - size


def check_seconds(raw: bytes, runs: int = 5) -> float:
    best = float("inf")
    for _ in range(runs):
        _converted.cache_clear()  # a check converts each text once; do not time the cache
        start = time.process_time()  # CPU time: a shared machine inflates wall time
        doc = parse_document(raw, "groups/worst-case.yaml")
        to_model(doc, Group)
        best = min(best, time.process_time() - start)
    return best


def hostile_figures() -> list[tuple[str, float, float, float]]:
    """(construct, seconds at 64 KB, growth 16 -> 64 KB, ratio to plain text at 64 KB)."""
    rows = []
    baseline = None
    for name, make in CONSTRUCTS.items():
        times = [check_seconds(_file(make, size)) for size in SIZES]
        baseline = baseline or times[-1]
        rows.append((name, times[-1], times[-1] / max(times[1], 1e-9), times[-1] / baseline))
    return rows


def hostile_report() -> str:
    rows = hostile_figures()
    lines = [f"Worst-case descriptions, {MAX_BYTES // 1024} KB file, `directory check`:"]
    lines += [f"  {'construct':32} {'64 KB':>9} {'16->64':>7} {'vs text':>8}"]
    for name, seconds, growth, ratio in rows:
        lines.append(f"  {name:32} {seconds * 1000:7.1f}ms {growth:6.2f}x {ratio:7.1f}x")
    worst = max(rows, key=lambda row: row[1])
    timed = [row for row in rows if row[1] >= NOISE_SECONDS] or rows
    steepest = max(timed, key=lambda row: row[2])
    linear = "met" if steepest[2] <= LINEAR_GROWTH else "MISSED"
    bound = "met" if worst[1] <= WORST_SECONDS else "MISSED"
    lines.append(
        f"  worst at 64 KB: {worst[0]}, {worst[1] * 1000:.0f} ms (<= {WORST_SECONDS:g} s: "
        f"{bound}); steepest growth of those over {NOISE_SECONDS * 1000:.0f} ms: "
        f"{steepest[2]:.2f}x ({steepest[0]}; linear, <= {LINEAR_GROWTH}x: {linear})"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    print(hostile_report())
