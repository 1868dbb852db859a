"""What each language costs a build: the same generated groups built in English only and
then with every catalogue in locales/ (all in the same run, so the ratios hold on a busy
machine), each in a subprocess so that its peak memory is its own.

    python benchmarks/languages.py --groups 1500
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # for tests.project and directory

from directory.site import i18n  # noqa: E402

from tests.project import ROOT  # noqa: E402

PEAK_MIB = 600  # the scale issue's memory goal, at 1,500 groups


def language_figures(project: Path, work: Path, build: Callable[[Path, Path, Path], Any]) -> str:
    """Build `project` without catalogues, then with the sample's; `build(config, site, log)`
    returns a run with wall_s, cpu_s and peak_mib (run.py's `build`)."""
    locales = project / i18n.LOCALES_DIR
    shutil.rmtree(locales, ignore_errors=True)
    english = build(project / "mkdocs.yml", work / "site-en", work / "build-en.log")
    shutil.copytree(ROOT / i18n.LOCALES_DIR, locales)
    count = 1 + len(i18n.codes(locales))
    try:
        every = build(project / "mkdocs.yml", work / "site-all", work / "build-all.log")
    finally:
        shutil.rmtree(locales)
    pages = sum(1 for _ in (work / "site-all").rglob("index.html"))
    extra = count - 1
    per_language = (every.cpu_s - english.cpu_s) / extra
    memory_ok = "within" if every.peak_mib <= PEAK_MIB else "OVER"
    return (
        f"  languages: English only {english.wall_s:.1f} s ({english.cpu_s:.1f} s CPU), "
        f"{english.peak_mib:.0f} MiB; {count} languages {every.wall_s:.1f} s "
        f"({every.cpu_s:.1f} s CPU, {every.cpu_s / english.cpu_s:.2f}×), "
        f"{every.peak_mib:.0f} MiB ({memory_ok} {PEAK_MIB} MiB), {pages:,} pages; "
        f"each extra language +{per_language:.1f} s CPU, "
        f"+{(every.peak_mib - english.peak_mib) / extra:.0f} MiB"
    )


def main(argv: list[str] | None = None) -> int:
    from generate import write_groups
    from run import build

    from tests.project import copy_project

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--groups", type=int, default=1500)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="languages-") as folder:
        work = Path(folder)
        project = copy_project(work / "project", with_groups=False)
        write_groups(project, args.groups)
        print(f"{args.groups:,} groups", flush=True)
        print(language_figures(project, work, build), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
