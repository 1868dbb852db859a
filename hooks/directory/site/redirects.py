"""Addresses that outlive their group file: renamed groups redirect, closed groups say so.

QR codes and links to groups/<slug>/ are printed and pinned up for years. A group that
lists `formerly: [old-name]` gets a small static page at groups/old-name/ that sends the
browser on with a meta refresh (no JavaScript needed), names the new page as canonical and
links to it. These are plain HTML files rather than MkDocs pages, so they stay out of the
sitemap and the search index. mkdocs-redirects (1.2.3) was tried first: it takes its map
only from mkdocs.yml and checks targets in its own on_files, before this project's hook has
added the group pages, so a strict build fails with "Redirect target ... does not exist"
for every group; its canonical link is relative and it relies on a script. So the pages are
generated here from the model, a few lines of template.

A record in closed-groups/ keeps the group's own address as a short themed page pointing
to the needs it helped with, and its own former names redirect there.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from ..data import wording
from ..data.directory import CLOSED_DIR, Directory
from .pages import Page, front_matter
from .templating import render

SLUGS_JSON = "data/slugs.json"  # read by the 404 page to suggest groups near a bad address

def moved(directory: Directory) -> dict[str, tuple[str, str, bool]]:
    """Each former slug and where it now leads: (the current slug, the name, closed?)."""
    found = {}
    for items, closed in ((directory.groups, False), (directory.closed, True)):
        for item in items:
            for old in item.formerly:
                found[old] = (item.slug, item.name, closed)
    return dict(sorted(found.items()))


def redirect_html(name: str, slug: str, site_url: str | None, closed: bool = False) -> str:
    """The page at groups/<old>/: relative target, so it works under any prefix or host."""
    target = f"../{quote(slug)}/"
    canonical = f"{site_url.rstrip('/')}/groups/{quote(slug)}/" if site_url else target
    return render("redirect.html", name=name, target=target, canonical=canonical, closed=closed)


def redirect_files(directory: Directory, site_url: str | None) -> dict[str, str]:
    """groups/<old>/index.html for every former slug, in a fixed order."""
    return {
        f"groups/{old}/index.html": redirect_html(name, slug, site_url, closed)
        for old, (slug, name, closed) in moved(directory).items()
    }


def closed_pages(directory: Directory) -> list[Page]:
    pages = []
    for group in sorted(directory.closed, key=lambda c: c.slug):
        needs = [directory.need(s) for s in group.needs]
        body = render(
            "closed.html",
            slug=group.slug,
            name=group.name,
            closed_iso=group.closed.isoformat(),
            closed_on=wording.long_date(group.closed),
            note=group.note,
            needs=sorted(needs, key=lambda n: n.title.casefold()),
            up="../../",
        )
        meta = front_matter(
            f"{group.name} has closed",
            f"{group.name} has closed. Other groups help with the same needs.",
            search={"exclude": True},
        )
        pages.append(
            Page(f"groups/{group.slug}.md", meta + body, source=f"{CLOSED_DIR}/{group.slug}.yaml")
        )
    return pages


def slugs_json(directory: Directory) -> str:
    """[[slug, name, former slugs...], ...] for every address under groups/, open or closed."""
    rows = [[g.slug, g.name, *g.formerly] for g in [*directory.groups, *directory.closed]]
    return json.dumps(sorted(rows), ensure_ascii=False, separators=(",", ":"))
