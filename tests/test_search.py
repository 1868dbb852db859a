"""Search: the built index, loaded into the Python port of lunr as Material's worker would.

Material indexes each page section as a document with title, text and tags fields
(boosts 1e3, 1, 1e6) and per-document boosts; its worker also matches every term as a
prefix. We do the same and check that realistic queries put the right group in the top 3.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lunr import lunr
from lunr.index import Index

QUERIES = [
    ("lunch club eccles", "eccles-friendship-lunch-club"),
]


@pytest.fixture(scope="module")
def index(built_site: Path) -> Index:
    data = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    documents = [
        (
            {
                "location": doc["location"],
                "title": doc["title"],
                "text": doc["text"],
                "tags": " ".join(doc.get("tags", [])),
            },
            {"boost": doc.get("boost", 1)},
        )
        for doc in data["docs"]
    ]
    fields = [
        {"field_name": "title", "boost": 1e3},
        {"field_name": "text", "boost": 1},
        {"field_name": "tags", "boost": 1e6},
    ]
    return lunr(ref="location", fields=fields, documents=documents)


def top_pages(index: Index, query: str, n: int = 3) -> list[str]:
    """The first n distinct pages for a query, as 'groups/<slug>' style paths."""
    terms = query.lower().split()
    expanded = " ".join(f"{t} {t}*" for t in terms)
    pages: list[str] = []
    for hit in index.search(expanded):
        page = hit["ref"].split("#")[0].strip("/")
        if page not in pages:
            pages.append(page)
    return pages[:n]


def test_there_are_enough_realistic_queries() -> None:
    assert len(QUERIES) >= 8


@pytest.mark.parametrize(("query", "slug"), QUERIES, ids=[q for q, _ in QUERIES])
def test_query_finds_the_group_in_the_top_three(index: Index, query: str, slug: str) -> None:
    top = top_pages(index, query)
    assert f"groups/{slug}" in top, f"{query!r} gave {top}"
