"""The committed query set (tests/search_queries.yaml), typed into the site's search box.

Each query goes through Material's search UI and the site's worker in Chromium, exactly
as a resident's would; the test reads the first three results off the page.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

QUERY_SET = Path(__file__).parents[1] / "search_queries.yaml"
QUERIES: list[dict] = yaml.safe_load(QUERY_SET.read_text(encoding="utf-8"))["queries"]
TABLE = 14  # the first queries are the issue's table: each of them must pass
INSIDER = ("maintainers/", "performance/", "open-data/", "add-your-group/")
SHARE = 0.95

# Material rewrites the status line once per answer: blank it, type, wait for it.
ASK = """async (query) => {
  const input = document.querySelector(".md-search__input")
  const meta = document.querySelector(".md-search-result__meta")
  meta.textContent = ""
  input.value = query
  input.dispatchEvent(new KeyboardEvent("keyup", {key: "End", bubbles: true}))
  const start = performance.now()
  while (!meta.textContent.trim()) {
    if (performance.now() - start > 20000) throw new Error("no answer to " + query)
    await new Promise(resolve => setTimeout(resolve, 10))
  }
  return [...document.querySelectorAll(".md-search-result__item > a")]
    .map(a => new URL(a.href).pathname)
}"""


def ask_all(page, site_url: str, queries: list[str]) -> dict[str, list[str]]:
    """Every query's result paths (relative to the site), in the order shown."""
    page.goto(site_url + "groups/" + "barton-warm-welcome-space/")
    page.locator(".md-search__input").focus()
    root = "/" + site_url.split("/", 3)[3]
    answers = {}
    for query in queries:
        answers[query] = [p.removeprefix(root) for p in page.evaluate(ASK, query)]
    return answers


def passes(spec: dict, paths: list[str]) -> bool:
    top = paths[:1] if spec.get("first") else paths[:3]
    wanted = [f"groups/{slug}/" for slug in spec.get("groups", [])] + spec.get("pages", [])
    return any(path in top for path in wanted)


@pytest.fixture(scope="module")
def answers(browser, site_url: str) -> dict[str, list[str]]:
    context = browser.new_context()
    try:
        return ask_all(context.new_page(), site_url, [q["query"] for q in QUERIES])
    finally:
        context.close()


def test_the_query_set_is_large_and_real() -> None:
    assert len(QUERIES) >= 60
    groups = {p.stem for p in (QUERY_SET.parents[1] / "groups").glob("*.yaml")}
    for spec in QUERIES:
        assert set(spec.get("groups", [])) <= groups, spec
        assert spec.get("groups") or spec.get("pages"), spec


def test_most_queries_find_a_group_in_the_top_three(answers: dict[str, list[str]]) -> None:
    failed = {
        q["query"]: answers[q["query"]][:3] for q in QUERIES if not passes(q, answers[q["query"]])
    }
    share = 1 - len(failed) / len(QUERIES)
    print(f"\nquery set: {len(QUERIES) - len(failed)}/{len(QUERIES)} pass ({share:.0%})")
    for query, top in failed.items():
        print(f"  {query!r}: {top}")
    assert share >= SHARE, failed


@pytest.mark.parametrize("spec", QUERIES[:TABLE], ids=[q["query"] for q in QUERIES[:TABLE]])
def test_every_query_in_the_issue_passes(answers: dict[str, list[str]], spec: dict) -> None:
    assert passes(spec, answers[spec["query"]]), answers[spec["query"]][:3]


def test_no_insider_page_in_the_top_three(answers: dict[str, list[str]]) -> None:
    insiders = {q: p[:3] for q, p in answers.items() if any(x.startswith(INSIDER) for x in p[:3])}
    assert insiders == {}
