"""Many services at once: each mapped, given a unique file name, or skipped with a reason."""

from __future__ import annotations

from pydantic import ValidationError

from ...data.directory import Directory
from ...data.loading import parse_document, to_model
from ...data.models import Group
from .feed import Feed, read_feed
from .mapping import ImportMap
from .service import Imported, map_service
from .slugs import assign
from .writing import group_text


def import_services(
    data: object | Feed,
    directory: Directory,
    terms: ImportMap | None = None,
    taken: dict[str, tuple[str, str]] | None = None,
    feed_name: str = "feed",
) -> tuple[Feed, list[Imported]]:
    """Map every service; give each a unique file name; skip (with a reason) what cannot be.

    `taken` maps the files already there to (source id, name): see slugs.assign.
    """
    feed = data if isinstance(data, Feed) else read_feed(data)
    terms = terms or ImportMap()
    results: list[Imported] = []
    first: dict[str, str] = {}
    for where, service in feed.services:
        name = str(service.get("name") or "").strip()
        source_id = str(service.get("id") or "")
        if where in feed.problems:
            results.append(Imported(where, name, source_id, skipped=feed.problems[where]))
            continue
        if source_id in first:
            why = f"it has the same id as {first[source_id]}"
            results.append(Imported(where, name, source_id, skipped=why))
            continue
        if source_id:
            first[source_id] = where
        try:
            results.append(map_service(directory, terms, service, where))
        except Exception as error:  # a reader's bug must cost one record, not the import
            why = f"the import could not read it ({type(error).__name__}); please report this"
            results.append(Imported(where, name, source_id, skipped=why))
    mapped = [r for r in results if not r.skipped]
    names = assign([(r.where, r.name, r.source_id) for r in mapped], taken or {})
    for result in mapped:
        result.slug, result.name = names[result.where]
        result.data["name"] = result.name
        if result.source_id:
            result.data["source"] = {"feed": feed_name, "id": result.source_id}
        problem = _invalid(result.data)
        if problem:
            result.skipped = f"it does not make a valid group ({problem})"
        elif result.review:
            result.data["review"] = list(result.review)
    return feed, results


def _invalid(data: dict) -> str | None:
    """What is wrong with the mapped data, in the words `directory check` would use."""
    try:
        Group.model_validate(data)
    except ValidationError:
        doc = parse_document(group_text(data, "").encode("utf-8"), "group.yaml")
        to_model(doc, Group)
        first = doc.problems[0] if doc.problems else None
        return f"{first.field}: {first.message}" if first else "it is not a valid group"
    return None
