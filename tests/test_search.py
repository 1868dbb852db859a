"""Python lunr (build time) and lunr.js (the visitor's browser) must see the same words.

The served worker script runs in node with a stand-in for the worker's globals: it must
load the built (packed) index, fold text as searchindex.fold does, and stem as Python lunr
does; and the index it unpacks must be the one Python lunr builds, posting for posting
and score for score.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from directory.data.directory import load_directory
from directory.site.searchindex import (
    FIELDS,
    build_index,
    configured_builder,
    directory_docs,
    fold,
    site_docs,
    stem,
    worker_script,
)

from .project import ROOT

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
const exported = "\\n;this.stem = stem; this.unpack = unpack"
vm.runInNewContext(fs.readFileSync(script, "utf8") + exported, worker)
const { lunr, fold, stem } = worker
const words = JSON.parse(samples)
const index = worker.unpack(JSON.parse(fs.readFileSync(indexFile, "utf8")).index)
console.log(JSON.stringify({
  folded: words.map(fold),
  stems: words.map(w => fold(w).split(" ").map(stem)),
  hits: index.search("bereav").length,
}))
"""


# The packed index unpacked by the worker against Python lunr's own serialization of the
# same documents: every posting, every field vector, and lunr.js's answers to queries.
COMPARE = """
const fs = require("fs")
const vm = require("vm")
const [script, packedFile, fullFile, queries] = process.argv.slice(2)
const worker = {
  self: { location: "http://localhost/assets/javascripts/workers/search.js" },
  addEventListener: () => {}, postMessage: () => {}, console,
}
vm.runInNewContext(fs.readFileSync(script, "utf8") + "\\n;this.unpack = unpack", worker)
const full = JSON.parse(fs.readFileSync(fullFile, "utf8"))
const packed = worker.unpack(JSON.parse(fs.readFileSync(packedFile, "utf8")))
const loaded = worker.lunr.Index.load(full)
const answers = index => JSON.parse(queries).map(q => index.search(q).map(h => [h.ref, h.score]))
console.log(JSON.stringify({
  invertedIndex: full.invertedIndex.map(([term]) => [term, packed.invertedIndex[term]]),
  fieldVectors: full.fieldVectors.map(([key]) => [key, packed.fieldVectors[key].elements]),
  missing: ["nosuchterm" in packed.invertedIndex, packed.invertedIndex.nosuchterm === undefined],
  packed: answers(packed),
  loaded: answers(loaded),
}))
"""
QUERIES = ["bereav", "food bank", "cafe*", "walk eccl", "zumba~1", "title:memori", "m27 urdu"]


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node is not installed; CI must compare lunr.js with Python lunr")
        pytest.skip("node is not installed")
    return node


def _lunr_index(docs: list) -> dict:
    """Python lunr's own index of `docs`, each document's ref its position: the reference
    the packed index must match."""
    builder = configured_builder()
    for ref, (_, words, boost) in enumerate(docs):
        folded = {name: fold(words.get(name, "")) for name in FIELDS}
        builder.add({"ref": str(ref), **folded}, attributes={"boost": boost})
    return builder.build().serialize()


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict]:
    """What the worker unpacks from the sample's packed index, and Python lunr's index of
    the same documents (with a hand-written page, as Material gives them)."""
    page = {"location": "about/", "title": "About", "text": "<p>Who runs the directory</p>"}
    docs = site_docs(directory_docs(load_directory(ROOT)), [page])
    folder = tmp_path_factory.mktemp("unpack")
    (folder / "worker.js").write_text(worker_script(), encoding="utf-8")
    (folder / "compare.js").write_text(COMPARE, encoding="utf-8")
    full = _lunr_index(docs)
    (folder / "packed.json").write_text(json.dumps(build_index(docs)), encoding="utf-8")
    (folder / "full.json").write_text(json.dumps(full), encoding="utf-8")
    files = [str(folder / name) for name in ("compare.js", "worker.js", "packed.json", "full.json")]
    done = subprocess.run(
        [_node(), *files, json.dumps(QUERIES)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout), full


def test_the_worker_unpacks_python_lunrs_postings(unpacked: tuple[dict, dict]) -> None:
    js, full = unpacked
    assert len(full["invertedIndex"]) > 500
    assert js["invertedIndex"] == full["invertedIndex"]
    assert js["missing"] == [False, True]


def test_the_worker_scores_every_field_as_python_lunr_does(unpacked: tuple[dict, dict]) -> None:
    js, full = unpacked
    assert js["fieldVectors"] == full["fieldVectors"]


def test_lunr_js_answers_alike_from_the_packed_and_the_full_index(
    unpacked: tuple[dict, dict],
) -> None:
    js, _ = unpacked
    assert all(js["loaded"]), js["loaded"]  # every query finds something
    assert js["packed"] == js["loaded"]


@pytest.fixture(scope="module")
def node_answers(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    node = _node()
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
