"""Search: the built index, loaded into the Python port of lunr as Material's worker would.

Material indexes each page section as a document with title, text and tags fields
(boosts 1e3, 1, 1e6) and per-document boosts; its worker also matches every term as a
prefix. We do the same and check that realistic queries put the right group in the top 3.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lunr.builder import Builder
from lunr.index import Index
from lunr.stop_word_filter import stop_word_filter
from lunr.tokenizer import Tokenizer

QUERIES = [
    ("lunch club eccles", "eccles-friendship-lunch-club"),
    ("lunch club little hulton", "little-hulton-lunch-club"),
    ("carers swinton", "swinton-carers-circle"),
    ("zumba", "pendlebury-zumba-gold"),
    ("fuel bills", "salford-warm-homes-energy-advice"),
    ("befriend", "kersal-and-broughton-befriending"),
    ("furniture swinton", "swinton-community-furniture-reuse"),
    ("falls walkden", "walkden-steady-steps"),
    ("dementia cafe ordsall", "ordsall-memory-cafe"),
    ("english conversation broughton", "broughton-esol-conversation-club"),
    ("mens shed", "peel-green-mens-shed"),
    ("recovery", "walkden-recovery-cafe"),
]


@pytest.fixture(scope="module")
def index(built_site: Path) -> Index:
    """The index Material's worker builds from search_index.json, rebuilt with lunr.py."""
    data = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    config = data["config"]
    separator = re.compile(config["separator"])
    builder = Builder()
    if "stopWordFilter" in config["pipeline"]:
        builder.pipeline.add(stop_word_filter)
    builder.tokenizer = lambda obj, metadata=None: Tokenizer(obj, metadata, separator)
    builder.ref("location")
    for name, options in config["fields"].items():
        builder.field(name, boost=options.get("boost", 1))
    for doc in data["docs"]:
        fields = {"location": doc["location"], "title": doc["title"], "text": doc["text"]}
        fields["tags"] = " ".join(doc.get("tags", []))
        builder.add(fields, attributes={"boost": doc.get("boost", 1)})
    return builder.build()


def top_pages(index: Index, query: str, n: int = 3) -> list[str]:
    """The first n pages for a query, ranked as Material's worker ranks them.

    Every term becomes a prefix query; a section's score is multiplied by
    1 + (is the page's first section + share of query terms it matched)^2.
    """
    terms = query.lower().split()
    scored = []
    for hit in index.search(" ".join(f"{t}*" for t in terms)):
        matched = hit["match_data"].metadata.keys()
        share = sum(any(key.startswith(t) for key in matched) for t in terms) / len(terms)
        first_section = "#" not in hit["ref"]
        scored.append((hit["score"] * (1 + (first_section + share) ** 2), hit["ref"]))
    pages: list[str] = []
    for _, ref in sorted(scored, key=lambda pair: -pair[0]):
        page = ref.split("#")[0].strip("/")
        if page not in pages:
            pages.append(page)
    return pages[:n]


def test_there_are_enough_realistic_queries() -> None:
    assert len(QUERIES) >= 8


@pytest.mark.parametrize(("query", "slug"), QUERIES, ids=[q for q, _ in QUERIES])
def test_query_finds_the_group_in_the_top_three(index: Index, query: str, slug: str) -> None:
    top = top_pages(index, query)
    assert f"groups/{slug}" in top, f"{query!r} gave {top}"
