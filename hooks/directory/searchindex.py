"""Search entries for group pages: one compact document per group, from the model.

Material's search plugin indexes every section of a page as its own document, each
repeating the page's tags: eight documents and about 2.7 KB per group page, so 40 MB
at 15,000 groups, all of which each visitor's browser downloads and indexes before it
can show a result. A group is found by its name, what it does, its needs and where it
is, so its entry holds just that. Group pages are kept out of Material's index
(`search: exclude` in their front matter) and these entries are added instead.

Entries follow Material's search_index.json format. Its browser code puts title, text
and tags into the page as HTML, so every value is escaped here.

Material's search worker then builds a lunr.js index in each visitor's browser before
it can answer, which takes seconds at region scale; search_worker.js answers the same
messages with the same ranking after one quick pass over the entries. The hook puts it
in place of Material's worker file.
"""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path
from typing import Any

from .directory import Directory
from .models import Group

SEARCH_WORKER = Path(__file__).with_name("search_worker.js")
# Material's own worker and its source map, which the site's worker replaces.
MATERIAL_WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js(\.map)?")
EVERYWHERE_TAG = "Across the whole area"
GROUP_BOOST = 2  # a group's own page ranks above need and neighbourhood lists


def search_tags(directory: Directory, group: Group) -> list[str]:
    """Needs and places, so "carers swinton" ranks the carers' group in Swinton first
    (mkdocs.yml keeps Material's field boosts moderate for this)."""
    needs = [n.title for n in directory.needs_of(group)]
    if group.serves_everywhere:
        return [*needs, EVERYWHERE_TAG]
    return needs + [p.name for p in directory.neighbourhoods_of(group)]


def e(text: str) -> str:
    return escape(text, quote=True)


def group_entry(directory: Directory, group: Group) -> dict[str, Any]:
    return {
        # Material's page URL for groups/<slug>.md with use_directory_urls.
        "location": f"groups/{group.slug}/",
        "title": e(group.name),
        "text": e(group.summary),
        "tags": [e(tag) for tag in search_tags(directory, group)],
        "boost": GROUP_BOOST,
    }


def with_group_entries(index_json: str, directory: Directory) -> str:
    """Material's search_index.json with one entry per group added after its own."""
    index = json.loads(index_json)
    docs = [d for d in index["docs"] if not d["location"].startswith("groups/")]
    docs += [group_entry(directory, g) for g in directory.groups]
    index["docs"] = docs
    # Material writes the index compactly; so do we.
    return json.dumps(index, separators=(",", ":"), ensure_ascii=False)
