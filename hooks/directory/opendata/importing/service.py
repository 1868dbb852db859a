"""One ORUK service to the data of one group file, or a reason to skip it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...data.directory import Directory
from .contact import read_contact
from .details import (
    read_cost,
    read_eligibility,
    read_languages,
    read_last_reviewed,
    read_organization,
    read_referral,
)
from .html import first_sentence, safe, to_markdown
from .mapping import ImportMap
from .places import read_neighbourhoods, read_venues
from .reading import EMPTY, Context, Note, one_line, short
from .schedules import read_sessions
from .slugs import NAME_MAX
from .terms import read_needs


@dataclass
class Imported:
    """One service turned into a group file (or skipped, with the reason)."""

    where: str  # its place in the input, e.g. contents[2]
    name: str
    source_id: str = ""
    slug: str = ""
    data: dict[str, object] = field(default_factory=dict)
    review: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    skipped: str | None = None


def texts(ctx: Context, name: str) -> tuple[str, str | None]:
    """The summary (the first real sentence) and the description, as safe Markdown."""
    s = ctx.service
    raw = str(ctx.take(s, "description", "") or "")
    text, was_html = to_markdown(raw)
    if text and safe(text) is None:
        ctx.lost("description", "it is not safe to publish, even after conversion")
        text = ""
    elif was_html:
        ctx.note("changed", "description", "HTML converted to Markdown")
    if not text:
        org = s.get("organization")
        org_text = ctx.take(org, "description", "organization") if isinstance(org, dict) else None
        text = safe(to_markdown(str(org_text or ""))[0]) or ""
    short_text = one_line(ctx.take(s, "short_description", ""))
    if short_text and (is_short_html := to_markdown(short_text))[1]:
        short_text = one_line(first_sentence(is_short_html[0]) or "")
    summary = short_text if 0 < len(short_text) <= 160 else None
    summary = summary or first_sentence(text) or first_sentence(short_text)
    if not summary:
        summary = f"{name}."
        ctx.confirm("summary", "the feed gave no description; write one sentence")
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    if paragraphs and one_line(paragraphs[0]) == summary:
        paragraphs = paragraphs[1:]
    return summary, "\n\n".join(paragraphs) or None


def map_service(directory: Directory, terms: ImportMap, service: dict, where: str) -> Imported:
    ctx = Context(directory, terms, service, where)
    result = Imported(where, one_line(service.get("name")), source_id=one_line(service.get("id")))
    status = ctx.take(service, "status", "")
    if not result.name:
        result.skipped = "it has no name"
        return result
    ctx.take(service, "name", "")
    if len(result.name) > NAME_MAX:
        ctx.extra.append(f"Full name: {result.name}")
        result.name = result.name[: NAME_MAX - 1].rsplit(" ", 1)[0] + "…"
        ctx.note("changed", "name", f"cut to {NAME_MAX} characters; the full name is kept")
    if status is not None and str(status).strip().casefold() != "active":
        result.skipped = f"its status is “{status}”, not active"
        return result
    contact = read_contact(ctx)
    if contact is None:
        result.skipped = "it has no phone, email or website that we could use"
        result.notes = ctx.notes
        return result
    summary, description = texts(ctx, result.name)
    venues = read_venues(ctx)
    data: dict[str, object] = {
        "name": result.name,
        "summary": summary,
        "description": description,
        "needs": read_needs(ctx),
        "neighbourhoods": read_neighbourhoods(ctx, venues),
        "contact": contact,
        "venues": venues,
        "sessions": read_sessions(ctx),
        "cost": read_cost(ctx),
        "eligibility": read_eligibility(ctx),
        "languages": read_languages(ctx),
        "referral": read_referral(ctx),
        "last_reviewed": read_last_reviewed(ctx),
    }
    read_organization(ctx, result.name, summary)
    if ctx.extra:
        extra = "\n\n".join(dict.fromkeys(ctx.extra))
        data["description"] = f"{description}\n\n{extra}" if description else extra
        if safe(str(data["description"])) is None:
            data["description"] = description
            ctx.lost("description", f"extra details could not be kept safely: {short(extra)}")
    result.data = {k: v for k, v in data.items() if v not in EMPTY}
    ctx.leftovers()
    result.review, result.notes = ctx.review, ctx.notes
    return result
