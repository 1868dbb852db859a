"""Python lunr (build time) and lunr.js (the visitor's browser) must see the same words.

The served worker script runs in node with a stand-in for the worker's globals: it must
load the built index with `lunr.Index.load`, fold text as searchindex.fold does, and
stem as Python lunr does.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from directory.site.searchindex import fold, stem, worker_script

SAMPLES = [
    "Ordsall Memory Café",
    "English language (ESOL)",
    "Men’s Shed, Peel Green",
    "Ünïcödé naïve façade",
    "اردو (Urdu)",
    "Dial-a-Ride: M27 & M30!",
    "counselling loneliness volunteering befriending",
]

RUN = """
const fs = require("fs")
const vm = require("vm")
const [script, indexFile, samples] = process.argv.slice(2)
const worker = {
  self: { location: "http://localhost/assets/javascripts/workers/search.js" },
  addEventListener: () => {}, postMessage: () => {}, console,
}
vm.runInNewContext(fs.readFileSync(script, "utf8") + "\\n;this.stem = stem", worker)
const { lunr, fold, stem } = worker
const words = JSON.parse(samples)
const index = lunr.Index.load(JSON.parse(fs.readFileSync(indexFile, "utf8")).index)
console.log(JSON.stringify({
  folded: words.map(fold),
  stems: words.map(w => fold(w).split(" ").map(stem)),
  hits: index.search("bereav").length,
}))
"""


@pytest.fixture(scope="module")
def node_answers(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node is not installed; CI must compare lunr.js with Python lunr")
        pytest.skip("node is not installed")
    folder = tmp_path_factory.mktemp("node")
    (folder / "worker.js").write_text(worker_script(), encoding="utf-8")
    (folder / "run.js").write_text(RUN, encoding="utf-8")
    stub = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    index = built_site / "search" / stub["config"]["index"]
    command = [node, str(folder / "run.js"), str(folder / "worker.js"), str(index)]
    done = subprocess.run([*command, json.dumps(SAMPLES)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_lunr_js_folds_as_python_does(node_answers: dict) -> None:
    assert node_answers["folded"] == [fold(s) for s in SAMPLES]


def test_lunr_js_stems_as_python_lunr_does(node_answers: dict) -> None:
    assert node_answers["stems"] == [[stem(w) for w in fold(s).split()] for s in SAMPLES]


def test_lunr_js_loads_the_index_python_lunr_built(node_answers: dict) -> None:
    assert node_answers["hits"] >= 3
