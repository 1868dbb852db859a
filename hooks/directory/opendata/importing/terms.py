"""Taxonomy terms to our needs and referral routes: our own terms first, then the map."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ...data import wording
from .. import oruk
from .reading import Context, items, one_line

STOP_WORDS = frozenset(
    "about after also and are but can for from have help into more other our people that "
    "the their them they this with who will your you".split()
)


def label(term: dict) -> str:
    """How the report names a term, and the key to put in import-map.yaml."""
    name = one_line(term.get("name") or term.get("term") or term.get("code") or term.get("id"))
    return name or "(a term with no name)"


def keys(term: dict) -> list[object]:
    """Every way import-map.yaml may name a term: name, code, id, address, vocab:code."""
    uri = str(term.get("term_uri") or term.get("uri") or "")
    vocab = term.get("taxonomy") or term.get("vocabulary")
    code = term.get("code") or term.get("term")
    found = [term.get("name"), code, term.get("id"), uri, uri.rstrip("/").rsplit("/", 1)[-1]]
    if isinstance(vocab, str) and code:
        found.append(f"{vocab}:{code}")
    return [k for k in found if k]


def attribute_terms(ctx: Context) -> Iterator[tuple[str, str, dict]]:
    for i, link in items(ctx.service, "attributes"):
        if isinstance(link.get("taxonomy_term"), dict):
            yield f"attributes[{i}]", str(link.get("link_type") or ""), link["taxonomy_term"]


def own_need(ctx: Context, term: dict) -> str | None:
    for need in ctx.directory.needs:
        if (
            term.get("id") == oruk.stable_id("taxonomy_term", oruk.NEEDS_TAXONOMY, need.slug)
            or term.get("term") == need.slug
            or one_line(term.get("name")).casefold() in (need.title.casefold(), need.slug)
            or str(term.get("term_uri") or "").endswith(f"/needs/{need.slug}/")
        ):
            return need.slug
    return None


def own_route(term: dict, link_type: str) -> str | None:
    for route in wording.ROUTE_WORDS:
        if term.get("id") == oruk.stable_id("taxonomy_term", oruk.ROUTES_TAXONOMY, route):
            return route
        if link_type == oruk.ROUTE_LINK and term.get("term") == route:
            return route
    return None


def needs_of(ctx: Context, path: str, term: dict) -> list[str] | None:
    """Our needs for one term, or None (and a note) when neither we nor the map know it."""
    own = own_need(ctx, term)
    if own:
        return [own]
    mapped = ctx.terms.lookup("needs", *keys(term))
    if mapped is None:
        ctx.note("unmapped", path, label(term))
    return mapped


def read_needs(ctx: Context) -> list[str]:
    found: list[str] = []
    for path, link_type, term in attribute_terms(ctx):
        if own_route(term, link_type) or link_type == oruk.ROUTE_LINK:
            continue
        ctx.mark(path)
        for need in needs_of(ctx, path, term) or []:
            if need not in found:
                found.append(need)
    for _, rule in items(ctx.service, "eligibilities"):  # Open Eligibility audiences (1.x)
        audience = rule.get("eligibility")
        if isinstance(audience, str) and audience.strip():
            for need in ctx.terms.lookup("needs", audience) or []:
                if need not in found:
                    found.append(need)
    known = {n.slug for n in ctx.directory.needs}
    for need in [n for n in found if n not in known]:
        found.remove(need)
        ctx.lost("needs", f"import-map.yaml names {need}, which is not in needs.yaml")
    if found:
        return found
    guess = guess_need(ctx)
    ctx.confirm("needs", f"no term matched our needs; guessed {guess} from the words")
    return [guess]


def guess_need(ctx: Context) -> str:
    """The need sharing most words with the service; rarer words count for more. Only a
    starting point for the reviewer: the file is not publishable until they confirm it."""

    def words(text: str) -> set[str]:
        found = re.findall(r"[a-z]{3,}", text.casefold())
        return {w.removesuffix("s") for w in found if w not in STOP_WORDS}

    needs = ctx.directory.needs
    vocab = [(n.slug, words(f"{n.slug} {n.title} {n.description}")) for n in needs]
    spread = Counter(w for _, need_words in vocab for w in need_words)
    service = words(f"{ctx.service.get('name')} {ctx.service.get('description')}")
    scores = [
        (sum(1 / spread[w] for w in service & need_words), -i, slug)
        for i, (slug, need_words) in enumerate(vocab)
    ]
    return max(scores)[2]


def read_routes(ctx: Context) -> list[str]:
    routes: list[str] = []
    for path, link_type, term in attribute_terms(ctx):
        route = own_route(term, link_type)
        if route:
            ctx.mark(path)
            if route not in routes:
                routes.append(route)
        elif link_type == oruk.ROUTE_LINK:
            ctx.mark(path)
            ctx.note("unmapped", path, label(term))
    return routes
