"""The site's search index, built once at build time with lunr (the Python port of lunr.js).

Material's own search builds a lunr.js index in every visitor's browser from each page's
text. Here the build does that work: one lunr document per group (name, summary,
description, needs and their other words, places, languages, who it is for, "free"), one
per need and neighbourhood page, and Material's entries for the hand-written pages
residents read. The index, packed (`build_index`: a quarter of lunr's own serialization),
and what each result shows go into one file, search/index.<hash>.json, that
search_worker.js fetches when a visitor starts a search and turns into a lunr.js Index;
Material's search_index.json keeps only its config (Material's pages fetch that on every
load) and names the file. The file is cached under .cache/directory/search/ by a hash of
its documents and of the code that shapes it, so a warm build runs no Python lunr.

Python lunr and lunr.js must see the same words, so text is folded here (`fold`: case,
accents, punctuation) and the worker folds queries the same way; both pipelines use only
lunr's own trimmer, stop word filter and stemmer, which lunr.js registers for `Index.load`.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import lunr
from lunr.builder import Builder
from lunr.stemmer import stemmer
from lunr.stop_word_filter import WORDS as STOP_WORDS
from lunr.stop_word_filter import stop_word_filter
from lunr.token import Token
from lunr.tokenizer import Tokenizer
from lunr.trimmer import trimmer

from ..data import wording
from ..data.directory import Directory
from ..data.filecache import write_whole
from ..data.models import Group, Need, Neighbourhood
from .templating import html_text

SEARCH_WORKER = Path(__file__).with_name("search_worker.js")
CACHE_DIR = Path(".cache") / "directory" / "search"  # under the project root
LUNR_JS = Path(__file__).parent / "lunr" / "lunr.min.js"
# Material's own worker and its source map, which the site's worker replaces.
MATERIAL_WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js(\.map)?")
EVERYWHERE_TAG = "Across the whole area"

# Field boosts: what a group is called and what it is for count most; the description
# counts, but a word in passing there should not beat a group named for it.
FIELDS = {
    "title": 10,
    "needs": 4,
    "translated": 4,
    "places": 4,
    "languages": 3,
    "summary": 2,
    "text": 1,
}
GROUP_BOOST = 3  # a group's own page ranks above the need and neighbourhood lists
LIST_BOOST = 1.5
PAGE_BOOST = 1
# Pages for contributors and maintainers, not for residents looking for help.
INSIDER_PAGES = ("maintainers/", "performance/", "open-data/", "add-your-group/")

_APOSTROPHE = re.compile(r"['’`]")
_NOT_WORD = re.compile(r"[\W_]+")
_TAG = re.compile(r"<[^>]*>")
_LINK_TARGET = re.compile(r"\]\([^)]*\)|https?://\S+|\S+@\S+")


def fold(text: str) -> str:
    """Lower case, accents and apostrophes gone, punctuation as spaces: "Men's Café (ESOL)"
    -> "mens cafe esol". search_worker.js `fold` does the same to queries."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
    return _NOT_WORD.sub(" ", _APOSTROPHE.sub("", bare.lower())).strip()


def compounds(phrase: str) -> list[str]:
    """Each pair of neighbouring words joined, so "food bank" is also found as "foodbank"
    and "Tai Chi" as "taichi" (the worker joins and splits typed words the same way).
    Stop words are skipped, as lunr drops them: "dial a ride" gives "dialride"."""
    words = [w for w in fold(phrase).split() if w not in STOP_WORDS]
    return [a + b for a, b in zip(words, words[1:], strict=False)]


def _phrases(phrases: Iterable[str]) -> str:
    phrases = list(phrases)
    return " ".join([*phrases, *(c for p in phrases for c in compounds(p))])


@lru_cache(maxsize=65536)  # the same few thousand words recur in every document
def stem(word: str) -> str:
    return str(stemmer(Token(word), 0, []))


# A need's title and search words in the site's other languages (i18n.need_words), so
# "jedzenie" or "روٹی" finds food groups from any page.
_translated: dict[str, list[str]] = {}


def use_translated_words(words: dict[str, list[str]]) -> None:
    _translated.clear()
    _translated.update(words)


def need_words(need: Need) -> list[str]:
    return [need.title, *need.other_words]


def translated_words(need: Need) -> list[str]:
    # A field of their own: in the English field they would lengthen it, and lunr's length
    # normalisation would then rank groups by how many needs they have, not by their words.
    return _translated.get(need.slug, [])


def group_fields(directory: Directory, group: Group) -> dict[str, str]:
    """The words a group is found by, field by field."""
    places: list[str] = []
    if group.serves_everywhere:
        places.append(EVERYWHERE_TAG)
    for place in directory.neighbourhoods_of(group):
        places += [place.name, *place.areas, *place.postcode_districts]
    places += [v.postcode.split()[0] for v in group.venues if v.postcode]
    who = group.eligibility.who if group.eligibility and group.eligibility.who else ""
    description = _LINK_TARGET.sub(" ", group.description or "")
    return {
        "title": _phrases([group.name]),
        "needs": _phrases(w for n in directory.needs_of(group) for w in need_words(n)),
        "translated": _phrases(w for n in directory.needs_of(group) for w in translated_words(n)),
        "places": " ".join(places),
        "languages": " ".join(wording.language_name(c) for c in group.languages),
        "summary": group.summary,
        "text": " ".join([description, who, "free" if group.is_free else ""]),
    }


def e(text: str) -> str:
    return html_text(text)


def search_tags(directory: Directory, group: Group) -> list[str]:
    """Needs and places, shown under the result."""
    needs = [n.title for n in directory.needs_of(group)]
    if group.serves_everywhere:
        return [*needs, EVERYWHERE_TAG]
    return needs + [p.name for p in directory.neighbourhoods_of(group)]


# A document: what the result shows (escaped HTML, as Material's result list inserts it
# as HTML), the words it is found by, and its boost.
Doc = tuple[dict[str, Any], dict[str, str], float]


def group_doc(directory: Directory, group: Group) -> Doc:
    shown = {
        # Material's page URL for groups/<slug>.md with use_directory_urls.
        "location": f"groups/{group.slug}/",
        "title": e(group.name),
        "text": e(group.summary),
        "tags": [e(tag) for tag in search_tags(directory, group)],
    }
    return shown, group_fields(directory, group), GROUP_BOOST


def need_doc(need: Need) -> Doc:
    shown = {"location": f"needs/{need.slug}/", "title": e(need.title), "text": e(need.description)}
    words = {
        "title": _phrases([need.title]),
        "needs": _phrases(need.other_words),
        "translated": _phrases(translated_words(need)),
    }
    return shown, {**words, "summary": need.description}, LIST_BOOST


def neighbourhood_doc(place: Neighbourhood) -> Doc:
    shown = {
        "location": f"neighbourhoods/{place.slug}/",
        "title": e(place.name),
        "text": e(place.description),
    }
    places = " ".join([*place.areas, *place.postcode_districts])
    return shown, {"title": place.name, "places": places, "summary": place.description}, LIST_BOOST


FIND_DOC: Doc = (
    {"location": "find/", "title": "Find help", "text": "Every group, with filters."},
    {
        "title": "Find help",
        "summary": "Filter every group by need, neighbourhood, day, open now, free, "
        "language, step-free access and near me; make a shortlist to print.",
    },
    LIST_BOOST,
)


def page_docs(material_docs: list[dict[str, Any]], ours: set[str]) -> list[Doc]:
    """Material's entries for hand-written pages residents read (not ours, not insiders')."""
    docs = []
    for doc in material_docs:
        page = doc["location"].split("#")[0]
        if page in ours or page.startswith(INSIDER_PAGES):
            continue
        shown = {k: doc[k] for k in ("location", "title", "text")}
        words = {"title": _TAG.sub(" ", doc["title"]), "text": _TAG.sub(" ", doc["text"])}
        docs.append((shown, words, PAGE_BOOST))
    return docs


def directory_docs(directory: Directory) -> list[Doc]:
    """The documents of our pages: groups, needs, neighbourhoods and Find help."""
    docs = [group_doc(directory, g) for g in directory.groups]
    docs += [need_doc(n) for n in directory.needs]
    docs += [neighbourhood_doc(p) for p in directory.neighbourhoods]
    docs.append(FIND_DOC)
    return docs


def site_docs(ours: list[Doc], material_docs: list[dict[str, Any]]) -> list[Doc]:
    """Our documents, then Material's of the hand-written pages residents read."""
    return ours + page_docs(material_docs, {d[0]["location"] for d in ours})


def configured_builder() -> Builder:
    """Python lunr's builder as the site uses it, with no documents yet: its pipelines and
    BM25 settings shape build_index, and tests add documents to it as lunr's reference."""
    builder = Builder()
    builder.pipeline.add(trimmer, stop_word_filter, stemmer)
    builder.search_pipeline.add(stemmer)
    builder.ref("ref")
    for name, boost in FIELDS.items():
        builder.field(name, boost=boost)
    return builder


def build_index(docs: list[Doc]) -> dict[str, Any]:
    """The index of `docs` in a compact form that search_worker.js turns into a lunr.js
    Index.

    lunr's own serialization spells out every posting twice, once in the inverted index
    (`"1234":{}` per term, field and document) and again with its score in the field
    vectors: 28 MiB at 15,000 groups, which the browser must download, parse and load
    before the first result. Both halves follow from each term's documents and term
    frequencies, so only those are written: per term, in lunr's term order (first seen),
    for each field that has it, [field, how many documents, then each document as
    2 x (gap from the previous one) + (1 if the term occurs more than once, then the
    count)]. The worker rebuilds a term's postings when a query first touches it, and a
    document's field vector with lunr's BM25 formula, as lunr's Builder does.

    The words go through lunr's own tokenizer and pipeline, but are counted here into
    arrays of (document, count): lunr's Builder keeps a dict for every posting, 305 MiB at
    15,000 groups, the largest part of a build's memory. tests/test_search.py checks every
    vector the worker makes from this against Python lunr's Builder given the same
    documents."""
    builder = configured_builder()
    fields = list(FIELDS)
    found: dict[str, list[array | None]] = {}  # term -> per field: document, count, ...
    boosts: list[list[float]] = []  # run lengths: documents of a kind come together
    for ref, (_, words, boost) in enumerate(docs):
        for number, name in enumerate(fields):
            terms = builder.pipeline.run(Tokenizer(fold(words.get(name, ""))), name)
            for term, count in Counter(str(t) for t in terms).items():  # first seen first
                counts = found.setdefault(term, [None] * len(fields))
                if counts[number] is None:
                    counts[number] = array("I")
                counts[number].extend((ref, count))  # type: ignore[union-attr]
        if boosts and boosts[-1][0] == boost:
            boosts[-1][1] += 1
        else:
            boosts.append([boost, 1])
    postings = []
    for counts in found.values():
        flat: list[int] = []
        for number, pairs in enumerate(counts):
            if pairs is None:
                continue
            flat += [number, len(pairs) // 2]
            previous = 0
            for ref, count in zip(pairs[::2], pairs[1::2], strict=True):
                flat += [2 * (ref - previous) + 1, count] if count > 1 else [2 * (ref - previous)]
                previous = ref
        postings.append(flat)
    return {
        "lunr": "packed-1",
        "fields": [[name, FIELDS[name]] for name in fields],
        "k1": builder._k1,  # noqa: SLF001 (lunr's BM25 settings, as its Builder uses them)
        "b": builder._b,  # noqa: SLF001
        "documents": len(docs),
        "boosts": boosts,
        "pipeline": builder.search_pipeline.serialize(),
        "terms": list(found),
        "postings": postings,
    }


def display_words(docs: list[Doc]) -> dict[str, str]:
    """For each stem in titles, needs and places, the word most often written for it: what
    "Did you mean" offers when nothing matched (a stem such as "bereav" is not a word)."""
    counts: dict[str, Counter[str]] = {}
    for _, words, _ in docs:
        for name in ("title", "needs", "places"):
            for word in fold(words.get(name, "")).split():
                if len(word) > 2 and not word.isdigit():
                    counts.setdefault(stem(word), Counter())[word] += 1
    return {s: c.most_common(1)[0][0] for s, c in sorted(counts.items())}


def _json(value: object) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, sort_keys=True)


# What shapes the index besides its documents: this module (folding, fields, packing),
# lunr's version (tokenizer, stemmer, stop words) and Python's Unicode tables (folding).
_RECIPE = hashlib.sha256(
    f"lunr {lunr.__VERSION__} unicode {unicodedata.unidata_version}\n".encode()
    + Path(__file__).read_bytes()
).hexdigest()


def _index_file(docs: list[Doc]) -> str:
    return _json(
        {
            "index": build_index(docs),
            "docs": [shown for shown, _, _ in docs],
            "words": display_words(docs),
        }
    )


def _cached_index_file(docs: list[Doc], cache: Path | None) -> str:
    """The index file's text, from `cache` when the same documents were indexed by the
    same code before: Python lunr takes seconds at borough scale (20 s at 15,000 groups),
    hashing the documents a fraction of that. The cache keeps the latest index only."""
    if cache is None:
        return _index_file(docs)
    digest = hashlib.sha256(_RECIPE.encode())
    for doc in docs:  # one at a time: the documents' JSON is 30 MiB at 15,000 groups
        digest.update(_json(doc).encode() + b"\n")
    key = digest.hexdigest()
    file = cache / f"{key}.json"
    try:
        return file.read_text(encoding="utf-8")
    except OSError:
        pass
    text = _index_file(docs)
    try:
        write_whole(file, text)
        for old in cache.glob("*.json"):
            if old != file:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only checkout still builds, only slower
    return text


def search_files(index_json: str, ours: list[Doc], project: Path | None = None) -> dict[str, str]:
    """Files for site/search/: Material's search_index.json with its config only, naming
    our index file, and that file. `ours`: directory_docs of the directory. The name holds
    a hash of the content, so browsers may cache it for good. `project`: the project root,
    under which the index is kept between builds (CACHE_DIR); None builds it afresh."""
    material = json.loads(index_json)
    docs = site_docs(ours, material["docs"])
    full = _cached_index_file(docs, None if project is None else project / CACHE_DIR)
    name = f"index.{hashlib.sha256(full.encode()).hexdigest()[:12]}.json"
    stub = {"config": {**material["config"], "index": name}, "docs": []}
    return {"search_index.json": _json(stub), name: full}


def worker_script() -> str:
    """lunr.js, then the site's worker: one file under Material's worker name."""
    return LUNR_JS.read_text(encoding="utf-8") + "\n" + SEARCH_WORKER.read_text(encoding="utf-8")
