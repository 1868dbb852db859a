"""The site's search worker (hooks/directory/site/search_worker.js), run in Chromium.

It replaces Material's worker to answer sooner, so it must answer the same messages and
rank as Material's lunr.js index does: BM25 with b = 0, field and document boosts,
every word a prefix, then Material's boost for pages and for matching more words.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from directory.site.searchindex import SEARCH_WORKER
from lunr.builder import Builder
from lunr.stop_word_filter import stop_word_filter
from lunr.tokenizer import Tokenizer

from ..test_search import QUERIES

# Starts the page's worker the way Material's bundle does, and asks it questions.
START_WORKER = """async () => {
  const config = JSON.parse(document.getElementById("__config").textContent)
  const index = await (await fetch(new URL("search/search_index.json", location))).json()
  const worker = new Worker(new URL(config.search, location))
  const replies = []
  let waiting = null
  worker.onmessage = (event) => waiting ? waiting(event.data) : replies.push(event.data)
  const next = () => replies.length ? Promise.resolve(replies.shift())
    : new Promise(resolve => { waiting = (m) => { waiting = null; resolve(m) } })
  worker.postMessage({type: 0, data: {config: index.config, docs: index.docs, options: {}}})
  const ready = await next()
  window.ask = async (query) => { worker.postMessage({type: 2, data: query}); return next() }
  return [config.search, ready.type]
}"""


@pytest.fixture
def ask(page, site_url: str):
    page.goto(site_url)
    url, ready = page.evaluate(START_WORKER)
    assert ready == 1, "the worker answers SETUP with READY"
    assert url.endswith(".min.js")

    def query(text: str) -> list[list[dict]]:
        reply = page.evaluate("q => window.ask(q)", text)
        assert reply["type"] == 3
        return reply["data"]["items"]

    return query


def _pages(items: list[list[dict]], n: int = 3) -> list[str]:
    return [group[0]["location"].split("#")[0].strip("/") for group in items[:n]]


def test_pages_load_our_worker_under_materials_name(page, site_url: str) -> None:
    page.goto(site_url)
    config = json.loads(page.locator("#__config").text_content())
    served = page.request.get(site_url + config["search"]).text()
    assert served == SEARCH_WORKER.read_text(encoding="utf-8")


@pytest.mark.parametrize(("query", "slug"), QUERIES, ids=[q for q, _ in QUERIES])
def test_query_finds_the_group_in_the_top_three(ask, query: str, slug: str) -> None:
    assert f"groups/{slug}" in _pages(ask(query))


def _lunr_as_material(built_site: Path, query: str) -> list[float]:
    """Scores of the first ten results from lunr.py set up as Material sets up lunr.js."""
    data = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    separator = re.compile(data["config"]["separator"])
    builder = Builder()
    builder.b(0)
    builder.pipeline.add(stop_word_filter)
    builder.tokenizer = lambda obj, metadata=None: Tokenizer(obj, metadata, separator)
    builder.ref("location")
    for name, options in data["config"]["fields"].items():
        builder.field(name, boost=options.get("boost", 1))
    for doc in data["docs"]:
        fields = {k: re.sub(r"<[^>]*>", " ", doc[k]) for k in ("location", "title", "text")}
        fields["tags"] = " ".join(doc.get("tags", []))
        builder.add(fields, {"boost": doc.get("boost", 1)})
    terms = query.split()
    scores = []
    for hit in builder.build().search(" ".join(f"{t}*" for t in terms)):
        keys = hit["match_data"].metadata.keys()
        share = sum(any(k.startswith(t) for k in keys) for t in terms) / len(terms)
        scores.append(hit["score"] * (1 + (("#" not in hit["ref"]) + share) ** 2))
    return sorted(scores, reverse=True)[:10]


@pytest.mark.parametrize("query", ["lunch club eccles", "carers swinton", "w", "privacy"])
def test_scores_are_lunrs_as_material_configures_it(ask, built_site: Path, query: str) -> None:
    # Material adds a matched section's page with score 0 so the list can show it.
    found = [item["score"] for group in ask(query) for item in group if item["score"]]
    ours = sorted(found, reverse=True)[:10]
    expected = _lunr_as_material(built_site, query)
    assert len(ours) == len(expected) and ours
    assert all(abs(a - b) < 0.02 for a, b in zip(ours, expected, strict=True)), (ours, expected)


def test_required_and_prohibited_words(ask) -> None:
    both = ask("+carers +swinton")
    assert both and all(all(g[0]["terms"].values()) for g in both)
    without = ask("carers -swinton")
    assert without
    assert not any("Swinton" in " ".join(g[0].get("tags", [])) for g in without)


def test_results_show_in_materials_list_with_the_words_marked(page, site_url: str) -> None:
    page.goto(site_url)
    page.locator(".md-search__input").press_sequentially("zumba")
    first = page.locator(".md-search-result__item").first
    first.wait_for()
    assert "groups/pendlebury-zumba-gold/" in first.locator("a").first.get_attribute("href")
    assert first.locator("mark").first.text_content().lower() == "zumba"
