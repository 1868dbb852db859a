"""Search entries for the generated pages, from the model: one compact entry per group.

Material's search plugin indexes every section of a page as its own document, each
repeating the page's tags: eight documents and about 2.7 KB per group page, so 40 MB
at 15,000 groups, all of which each visitor's browser downloads and indexes before it
can show a result. A group is found by its name, what it does, its needs and where it
is, so its entry holds just that. Need and neighbourhood pages list every group, so
Material would spend seconds parsing cards it then leaves out; their entries are the
page's title and description and a section per heading. These pages are kept out of
Material's index (`search: exclude` in their front matter) and these entries added.

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

from ..data.directory import Directory
from ..data.models import Group, Need, Neighbourhood

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


def need_entries(directory: Directory, need: Need) -> list[dict[str, Any]]:
    """The need's page, then a section per heading: everywhere, then each neighbourhood."""
    page = f"needs/{need.slug}/"
    groups = directory.groups_for_need(need.slug)
    entries = [{"location": page, "title": e(need.title), "text": f"<p>{e(need.description)}</p>"}]
    if any(g.serves_everywhere for g in groups):
        entries.append(_section(page, "everywhere", EVERYWHERE_TAG))
    for place in directory.neighbourhoods:
        if any(not g.serves_everywhere and place.slug in g.neighbourhoods for g in groups):
            entries.append(_section(page, place.slug, place.name))
    return entries


def neighbourhood_entries(directory: Directory, place: Neighbourhood) -> list[dict[str, Any]]:
    """The neighbourhood's page, with its areas and postcodes. The page lists each group
    once, with its needs as labels, so there are no sections per need to point at."""
    page = f"neighbourhoods/{place.slug}/"
    text = (
        f"<p>{e(place.description)}</p><p>Areas: {e(', '.join(place.areas))} "
        f"Postcodes: {e(', '.join(place.postcode_districts))}</p>"
    )
    return [{"location": page, "title": e(place.name), "text": text}]


def _section(page: str, anchor: str, title: str) -> dict[str, Any]:
    return {"location": f"{page}#{anchor}", "title": e(title), "text": ""}


def directory_entries(directory: Directory) -> list[dict[str, Any]]:
    entries = [x for n in directory.needs for x in need_entries(directory, n)]
    entries += [x for p in directory.neighbourhoods for x in neighbourhood_entries(directory, p)]
    return entries + [group_entry(directory, g) for g in directory.groups]


def with_directory_entries(index_json: str, directory: Directory) -> str:
    """Material's search_index.json with our entries in place of any for the same pages."""
    index = json.loads(index_json)
    ours = directory_entries(directory)
    pages = {entry["location"].split("#")[0] for entry in ours}
    docs = [d for d in index["docs"] if d["location"].split("#")[0] not in pages]
    index["docs"] = docs + ours
    # Material writes the index compactly; so do we.
    return json.dumps(index, separators=(",", ":"), ensure_ascii=False)
