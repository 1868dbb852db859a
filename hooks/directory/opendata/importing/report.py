"""The import report, for the data officer: a summary first, then details grouped by kind.

It is Markdown, so `--report FILE` can be read anywhere; on the terminal it reads as text.
Fields are named the way the feed names them, without list positions, each kind of thing
once with a count and a few examples, not once per service.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .feed import Feed
from .mapping import MAP_FILE
from .service import Imported

EXAMPLES = 3
# Plain words for the fields feeds hold most; the ORUK name follows in brackets.
PLAIN = {
    "accreditations": "accreditations",
    "alert": "alert notices",
    "assurer_email": "assurer's email",
    "attending_access": "how people attend",
    "contacts.name": "contact people's names",
    "contacts.title": "contact people's job titles",
    "cost_options.valid_from": "price start dates",
    "cost_options.valid_to": "price end dates",
    "description": "description",
    "funding.source": "funding",
    "holiday_schedules": "holiday opening times",
    "languages": "languages",
    "last_modified": "last changed date",
    "organization.description": "organisation's description",
    "organization.logo": "organisation's logo",
    "organization.uri": "organisation's address on the web",
    "schedules": "opening times",
    "service_areas.extent": "service area maps",
    "service_areas.extent_type": "service area map types",
    "service_at_locations.location": "venues",
    "service_at_locations.location.accessibility": "venue accessibility",
    "service_at_locations.location.description": "venue descriptions",
    "service_at_locations.schedules": "opening times at a venue",
    "service_at_locations.location.schedules": "opening times at a venue",
    "url": "website",
}
HEADINGS = {
    "lost": "Not kept",
    "changed": "Changed on the way in",
    "moved": "Kept in the description, for want of a field",
}


@dataclass
class Outcome:
    """What happened on disk."""

    new: list[str] = field(default_factory=list)  # file paths
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # exist; need --update or --force

    @property
    def written(self) -> int:
        return len(self.new) + len(self.updated)


def _count(n: int, thing: str) -> str:
    return f"{n:,} {thing}" if n == 1 else f"{n:,} {thing}s"


def _examples(values: list[str], limit: int = EXAMPLES) -> str:
    shown = list(dict.fromkeys(values))
    more = len(shown) - limit
    return "; ".join(shown[:limit]) + (f"; and {more:,} more" if more > 0 else "")


def plain(field: str) -> str:
    words = PLAIN.get(field)
    return f"{words} ({field})" if words and words != field else field


def make_report(source: str, feed: Feed, results: list[Imported], outcome: Outcome) -> str:
    mapped = [r for r in results if not r.skipped]
    skipped = [r for r in results if r.skipped]
    review = [r for r in mapped if r.review]
    review_fields = Counter(f for r in review for f in r.review)
    unmapped = Counter((n.field, n.text) for r in results for n in r.notes if n.kind == "unmapped")
    by_kind: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for r in results:
        for n in r.notes:
            if n.kind in HEADINGS:
                by_kind[n.kind][n.field].append((r.name or r.where, n.text))
    lost_fields = by_kind["lost"]

    title = f"# Import of {source} ({feed.version})"
    lines = [title, "", "## Summary", ""]
    if feed.incomplete:
        lines.append(
            f"- **Incomplete feed:** the input is {feed.incomplete}; the other pages' services "
            "were not read. Fetch every page and import them together: "
            "`directory import oruk page1.json page2.json ...`"
        )
    lines.append(f"- Services read: {len(results):,}")
    lines.append(
        f"- Group files written: {outcome.written:,} ({len(outcome.new):,} new, "
        f"{len(outcome.updated):,} updated); unchanged: {len(outcome.unchanged):,}"
    )
    if outcome.refused:
        lines.append(
            f"- **Not written: {_count(len(outcome.refused), 'file')} already there.** "
            "Add --update to update files imported from this feed, or --force to replace them."
        )
    lines.append(f"- Skipped: {len(skipped):,}")
    if feed.duplicates:
        lines.append(f"- Ids used by more than one service: {len(feed.duplicates):,}")
    if review:
        fields = ", ".join(f"{f} ({n:,})" for f, n in review_fields.most_common())
        lines.append(
            f"- To review before they can be published: {_count(len(review), 'file')}: {fields}"
        )
    if unmapped:
        lines.append(
            f"- Terms not in {MAP_FILE}: {len(unmapped):,} different, used "
            f"{sum(unmapped.values()):,} times"
        )
    if lost_fields:
        counts = ", ".join(
            f"{plain(f)}: {len({w for w, _ in v}):,}"
            for f, v in sorted(lost_fields.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:8]
        )
        lines.append(f"- Fields not kept, with how many services had them: {counts}")
    lines += ["", "Run `directory check` next: files with a review line fail it until checked."]

    if feed.duplicates:
        lines += ["", "## The same id twice", ""]
        for source_id, places in sorted(feed.duplicates.items()):
            lines.append(f"- {source_id}: {', '.join(places)}; only the first was imported")
    if skipped:
        lines += ["", "## Skipped", ""]
        reasons: dict[str, list[str]] = defaultdict(list)
        for r in skipped:
            reasons[r.skipped or ""].append(f"{r.name or '(no name)'} ({r.where})")
        for reason, who in sorted(reasons.items(), key=lambda kv: -len(kv[1])):
            lines.append(f"- {reason}: {_count(len(who), 'service')}: {_examples(who)}")
    if review:
        lines += ["", "## To review", ""]
        lines.append(
            "Check these fields in each file, then delete its `review:` line; "
            "`directory check` lists every file."
        )
        lines.append("")
        by_fields: dict[str, list[str]] = defaultdict(list)
        for r in review:
            by_fields[", ".join(r.review)].append(f"{r.slug}.yaml")
        for fields, names in sorted(by_fields.items(), key=lambda kv: -len(kv[1])):
            lines.append(f"- {fields}: {_count(len(names), 'file')}: {_examples(names, 10)}")
    if unmapped:
        lines += ["", f"## Terms not in {MAP_FILE}", ""]
        lines.append(
            f"Add each under `needs:` or `neighbourhoods:` in {MAP_FILE} with our slugs "
            "(or [] if it is not one of ours), then import again with --update."
        )
        lines.append("")
        for (place, term), n in sorted(unmapped.items(), key=lambda kv: (-kv[1], kv[0])):
            kind = "area" if place.startswith("service_areas") else "term"
            lines.append(f"- {kind} “{term}”: {_count(n, 'service')}")
    for kind, heading in HEADINGS.items():
        if not by_kind[kind]:
            continue
        lines += ["", f"## {heading}", ""]
        for name, found in sorted(by_kind[kind].items(), key=lambda kv: (-len(kv[1]), kv[0])):
            services = len({w for w, _ in found})
            examples = _examples([f"{w}: {t}" for w, t in found])
            lines.append(f"- {plain(name)}, {_count(services, 'service')}: {examples}")
    return "\n".join(lines) + "\n"
