"""Benchmark `directory import oruk` on a large generated ORUK 3.0 feed.

    python benchmarks/import.py                    # 1,500 and 15,000 services
    python benchmarks/import.py --services 1500    # just one size

Each feed is fictional and shaped like a council's export: HTML descriptions, several
phones, location-level schedules (some expired, some seasonal), long names sharing a
prefix, taxonomy terms we do not know, and one unreadable record in every 500. The import
runs in a subprocess (its peak memory is its own) against an empty copy of the project.
The baseline, in the same run, is the floor any import pays: read the JSON and write one
small YAML file per service. Printed: services, files written and on disk, time, peak
memory, the report's length, and the ratio to the baseline.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # for tests.project
sys.path.insert(0, str(HERE))

from run import Run, measured  # noqa: E402

from tests.project import copy_project  # noqa: E402

PREFIX = "Cost of Living Services - Welcoming Space at Everyone Active Leisure Centre"
PLACES = ["Swinton", "Irlam", "Broughton", "Walkden", "Ordsall", "Bristol North"]
TERMS = ["Warm spaces", "Food banks", "Adults Kickboxing", "Craft groups", "Lunch clubs"]
BASELINE = """
import json, sys, yaml
from pathlib import Path
feed, out = json.loads(Path(sys.argv[1]).read_text()), Path(sys.argv[2])
out.mkdir(exist_ok=True)
for i, s in enumerate(feed["contents"]):
    (out / f"{i}.yaml").write_text(yaml.safe_dump({"name": s.get("name"), "id": s.get("id")}))
"""


def service(i: int) -> dict:
    sid = f"00000000-0000-4000-8000-{i:012d}"
    name = f"{PREFIX} {i}" if i % 10 == 0 else f"Community Group {i}"
    place = PLACES[i % len(PLACES)]
    times = {"opens_at": "10:00", "closes_at": "12:00"}
    sessions = [
        {"id": f"s{i}a", "freq": "WEEKLY", "byday": "TU", **times},
        {"id": f"s{i}b", "freq": "MONTHLY", "byday": "-1FR", **times},
    ]
    if i % 3 == 0:
        sessions.append(
            {"id": f"s{i}c", "freq": "WEEKLY", "byday": "TH", "opens_at": "14:00",
             "closes_at": "16:00", "valid_to": "2021-03-31"}
        )  # fmt: skip
    if i % 7 == 0:
        sessions.append(
            {"id": f"s{i}d", "freq": "WEEKLY", "byday": "SA", "opens_at": "10:00",
             "closes_at": "12:00", "valid_from": "2027-06-01", "valid_to": "2027-08-31"}
        )  # fmt: skip
    data: dict[str, object] = {
        "id": sid,
        "name": name,
        "description": (
            f"<h2>About Us</h2><p>Group {i} meets&nbsp;weekly in {place}.</p>"
            "<ul><li>Tea</li><li>Advice</li></ul>"
            f"<p>See <a href='https://example.org/{i}'>our page</a>.</p><script>x()</script>"
        ),
        "status": "active",
        "url": f"www.example.org/group-{i}",
        "email": f"group{i}@example.org",
        "assured_date": "2026-06-01" if i % 4 else None,
        "phones": [
            {"id": f"p{i}a", "number": f"0161 496 {i % 1000:04d}", "extension": str(i % 90 + 10)},
            {"id": f"p{i}b", "number": f"07700 900{i % 1000:03d}"},
        ],
        "attributes": [
            {
                "id": f"a{i}",
                "link_type": "service_type",
                "taxonomy_term": {"id": f"t{i % 5}", "name": TERMS[i % 5]},
            }
        ],  # fmt: skip
        "service_areas": [{"id": f"sa{i}", "name": place}],
        "service_at_locations": [
            {
                "id": f"sal{i}",
                "location": {
                    "id": f"loc{i}",
                    "location_type": "physical",
                    "name": f"Hall {i}",
                    "addresses": [
                        {
                            "id": f"ad{i}",
                            "address_1": f"{i % 200 + 1} High Street",
                            "city": "Salford",
                            "postal_code": "M27 4AW",
                            "country": "GB",
                        }
                    ],  # fmt: skip
                    "accessibility": [{"id": f"ac{i}", "description": "Ramp at the side door"}],
                },
                "schedules": sessions,
            }
        ],
    }
    if i % 500 == 499:
        data["schedules"] = True  # unreadable: skipped and reported
    return data


def write_feed(count: int, path: Path) -> None:
    feed = {"total_items": count, "total_pages": 1, "page_number": 1, "size": count}
    feed["contents"] = [service(i) for i in range(count)]
    path.write_text(json.dumps(feed), encoding="utf-8")


def import_figures(count: int, work: Path) -> dict[str, object]:
    feed = work / "feed.json"
    write_feed(count, feed)
    project = copy_project(work / "project", with_groups=False)
    shutil.copy(HERE.parent / "import-map.yaml", project / "import-map.yaml")
    report = work / "report.md"
    cli = shutil.which("directory")
    command = [cli] if cli else [sys.executable, "-m", "directory.cli"]
    args = ["--root", str(project), "import", "oruk", str(feed), "--report", str(report)]
    run: Run = measured([*command, *args], work / "import.log")
    base: Run = measured(
        [sys.executable, "-c", BASELINE, str(feed), str(work / "baseline")], work / "base.log"
    )
    text = report.read_text("utf-8")
    written = next(
        int(line.split(":")[1].split("(")[0].replace(",", ""))
        for line in text.splitlines()
        if line.startswith("- Group files written:")
    )
    return {
        "services": count,
        "written": written,
        "on_disk": len(list((project / "groups").glob("*.yaml"))),
        "seconds": run.wall_s,
        "cpu_s": run.cpu_s,
        "peak_mib": run.peak_mib,
        "report_lines": text.count("\n"),
        "baseline_s": base.cpu_s,
        "ratio": run.cpu_s / base.cpu_s if base.cpu_s else float("nan"),
    }


def report(figures: list[dict[str, object]]) -> str:
    head = "| services | written | on disk | wall s | cpu s | peak MiB | report lines | ×baseline |"
    lines = [head, "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for f in figures:
        lines.append(
            f"| {f['services']:,} | {f['written']:,} | {f['on_disk']:,} | {f['seconds']:.1f} "
            f"| {f['cpu_s']:.1f} | {f['peak_mib']:.0f} | {f['report_lines']:,} "
            f"| {f['ratio']:.1f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--services", type=int, nargs="+", default=[1500, 15000])
    args = parser.parse_args(argv)
    figures = []
    for count in args.services:
        with tempfile.TemporaryDirectory(prefix="directory-import-") as tmp:
            figures.append(import_figures(count, Path(tmp)))
            print(f"{count:,} services done", flush=True)
    print(report(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
