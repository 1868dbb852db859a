"""Printable handouts: local groups on A4 paper, for people who are not online.

GP surgeries, social prescribers and district nurses hand these out. For every
neighbourhood there is a handout of all its groups by need, and a short one for each need
with groups there; each comes in standard and large print. Every entry carries a QR code
to the group's page, so a handout needs the site's absolute address (MkDocs `site_url`).
Where the handouts live is decided once, by `pages.handout_url`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..data import wording
from ..data.directory import Directory
from ..data.freshness import today
from ..data.models import Group, Need, Neighbourhood
from . import qrcodes
from .pages import EXAMPLE_NOTICE, Page, e, front_matter, handout_url

MISSING_SITE_URL = (
    "Printed handouts link to each group's page with a QR code, which needs the site's "
    "full address: set site_url in mkdocs.yml, for example "
    "site_url: https://example.org/directory/"
)
QR_SCALE, QR_BORDER = qrcodes.SCALE, qrcodes.BORDER


class SiteUrlMissing(ValueError):
    """The site has no absolute address, so QR codes cannot point anywhere."""


def group_url(site_url: str, group: Group) -> str:
    """The group's page as an absolute address, for QR codes on paper."""
    return f"{site_url.rstrip('/')}/groups/{group.slug}/"


def qr_svg(url: str, label: str) -> str:
    """An inline SVG QR code for `url`, announced to screen readers as `label`."""
    svg = qrcodes.drawing(url)
    # segno writes no role attribute, so reopen its <svg> tag with our own escaped label.
    attributes, drawing = svg.removeprefix("<svg ").split(">", 1)
    return (
        f'<svg role="img" aria-label="{e(label)}" {attributes}><title>{e(label)}</title>{drawing}'
    )


# --- one entry ---------------------------------------------------------------------------


def _where(group: Group) -> str:
    if not group.venues:
        return "Get in touch to find out where"
    return "; ".join(f"{v.name}, {wording.full_address(v)}" for v in group.venues)


def _contact(group: Group) -> str:
    """The phone number if there is one: most readers of a handout will ring."""
    contact = group.contact
    if contact.phone:
        return (
            '<strong>Phone:</strong> <span class="dir-entry-phone">'
            f"{e(wording.phone_display(contact.phone))}</span>"
        )
    if contact.email:
        return f"<strong>Email:</strong> {e(contact.email)}"
    return f"<strong>Website:</strong> {e(contact.website)}"


def handout_entry(group: Group, site_url: str, up: str, heading: str) -> str:
    """A compact entry: name, summary, when, where, contact, cost, referral and QR code."""
    # Contact, cost and how to join share a line in standard print (print.css).
    short = [
        _contact(group),
        f"<strong>Cost:</strong> {e(wording.cost(group))}",
        f"<strong>How to join:</strong> {e(wording.referral_short(group))}",
    ]
    facts = [
        f"<strong>When:</strong> {e(wording.when_short(group))}",
        f"<strong>Where:</strong> {e(_where(group))}",
        "".join(f'<span class="dir-entry-fact">{fact}</span>' for fact in short),
    ]
    label = f"QR code for the web page of {group.name}"
    return (
        f'<li class="dir-entry"><div class="dir-entry-text">'
        f'<{heading} class="dir-entry-name"><a href="{up}groups/{group.slug}/">'
        f"{e(group.name)}</a></{heading}>"
        f'<p class="dir-entry-summary">{e(group.summary)}</p>'
        f'<p class="dir-entry-facts">{"<br>".join(facts)}</p></div>'
        f"{qr_svg(group_url(site_url, group), label)}</li>"
    )


# --- whole handouts ----------------------------------------------------------------------


def _depth_up(src_uri: str) -> str:
    """Relative path from a page built at `src_uri` (as <dir>/index.md) to the site root."""
    return "../" * (src_uri.count("/"))


def _handout(
    *,
    title: str,
    place: Neighbourhood,
    src_uri: str,
    body: str,
    count: int,
    large: bool,
    other: str,
    back: str,
    site_url: str,
) -> Page:
    up = _depth_up(src_uri)
    variant = "large print" if large else "standard print"
    switch = "Standard print version" if large else "Large print version"
    cls = "dir-handout dir-handout--large" if large else "dir-handout"
    groups = "1 group" if count == 1 else f"{count} groups"
    parts = [
        f'<div class="{cls}">',
        '<header class="dir-handout-head">',
        f'<h1 id="handout">{e(title)}</h1>',
        f'<p class="dir-handout-meta">{groups} in {e(place.name)} '
        f"({e(', '.join(place.postcode_districts))}). "
        f"Information as of {e(wording.long_date(today()))}.</p>",
        "</header>",
        '<p class="dir-handout-tools">'
        # No inline handler (the site has none); print.js wires and reveals the button.
        '<button type="button" class="dir-print-button" data-print hidden>'
        "Print this handout</button> "
        f'<a href="{up}{other}">{switch}</a> · <a href="{up}{back}">Back to the list</a> · '
        f'<a href="{up}clinics/">All handouts</a></p>',
        body,
        '<footer class="dir-handout-foot">',
        f"<p>Check online for the latest: <strong>{e(site_url)}</strong>. "
        "Groups change their times and places; ring before you go. "
        "Scan a square code with a phone camera to open that group's page.</p>",
        f'<p class="dir-handout-notice">{EXAMPLE_NOTICE}</p>',
        "</footer>",
        "</div>",
    ]
    meta = front_matter(
        f"{title} ({variant})",
        f"A printable handout of {groups} in {place.name}.",
        hide=["navigation", "toc"],
        search={"exclude": True},
    )
    return Page(src_uri, meta + "\n".join(parts) + "\n")


def need_handout(
    directory: Directory, place: Neighbourhood, need: Need, site_url: str, large: bool = False
) -> Page:
    """The groups in one neighbourhood that help with one need: one A4 sheet for up to 8."""
    groups = [g for g in directory.groups_in(place.slug) if need.slug in g.needs]
    src_uri = handout_url("", place.slug, need.slug, large) + "index.md"
    up = _depth_up(src_uri)
    entries = "".join(handout_entry(g, site_url, up, "h2") for g in groups)
    return _handout(
        title=f"{need.title} in {place.name}",
        place=place,
        src_uri=src_uri,
        body=f'<ul class="dir-handout-list">{entries}</ul>',
        count=len(groups),
        large=large,
        other=handout_url("", place.slug, need.slug, not large),
        back=f"needs/{need.slug}/",
        site_url=site_url,
    )


def neighbourhood_handout(
    directory: Directory, place: Neighbourhood, site_url: str, large: bool = False
) -> Page:
    """Every group in a neighbourhood, by need. A group that helps with several needs is
    printed in full once, under its first need, and named under the others, to save paper.
    """
    groups = directory.groups_in(place.slug)
    src_uri = handout_url("", place.slug, large=large) + "index.md"
    up = _depth_up(src_uri)
    printed: dict[str, Need] = {}
    sections = []
    for need in directory.needs:
        here = [g for g in groups if need.slug in g.needs]
        if not here:
            continue
        new = [g for g in here if g.slug not in printed]
        seen = [g for g in here if g.slug in printed]
        part = [f'<section class="dir-handout-need"><h2 id="{e(need.slug)}">{e(need.title)}</h2>']
        if new:
            entries = "".join(handout_entry(g, site_url, up, "h3") for g in new)
            part.append(f'<ul class="dir-handout-list">{entries}</ul>')
        if seen:
            also = "; ".join(f"{g.name} (see {printed[g.slug].title})" for g in seen)
            part.append(f'<p class="dir-handout-also"><strong>Also:</strong> {e(also)}</p>')
        part.append("</section>")
        sections.append("".join(part))
        printed.update({g.slug: need for g in new})
    return _handout(
        title=f"Local groups in {place.name}",
        place=place,
        src_uri=src_uri,
        body="\n".join(sections),
        count=len(groups),
        large=large,
        other=handout_url("", place.slug, large=not large),
        back=f"neighbourhoods/{place.slug}/",
        site_url=site_url,
    )


def needs_in(directory: Directory, place: Neighbourhood) -> list[tuple[Need, int]]:
    """Each need with groups in `place`, and how many, in the directory's need order."""
    groups = directory.groups_in(place.slug)
    counts = [(n, sum(n.slug in g.needs for g in groups)) for n in directory.needs]
    return [(need, count) for need, count in counts if count]


def clinics_page(directory: Directory) -> Page:
    """'For clinics': every handout, by neighbourhood, with how to print one."""
    up = "../"

    def pair(place: str, need: str | None) -> str:
        return (
            f'<a href="{up}{handout_url("", place, need)}">Standard print</a> · '
            f'<a href="{up}{handout_url("", place, need, True)}">Large print</a>'
        )

    parts = [
        '<div class="dir-list">',
        '<h1 id="for-clinics">For clinics</h1>',
        "<p>Printed lists of local groups to give to patients and clients who are not "
        "online. Open a handout and use the print button at its top (or press Ctrl+P). "
        "Each sheet is A4; a handout for one need fits on one page. Every group has a QR "
        "code that opens its page on this site, and the large print version uses 16 point "
        "text for people with low vision.</p>",
    ]
    for place in directory.neighbourhoods:
        count = len(directory.groups_in(place.slug))
        rows = [f"<strong>All {count} groups, by need:</strong> {pair(place.slug, None)}"]
        rows += [
            f"{e(need.title)} ({n}): {pair(place.slug, need.slug)}"
            for need, n in needs_in(directory, place)
        ]
        items = "".join(f"<li>{row}</li>" for row in rows)
        parts.append(f'<h2 id="{e(place.slug)}">{e(place.name)}</h2>\n<ul>{items}</ul>')
    parts.append("</div>")
    meta = front_matter("For clinics", "Printable handouts of local groups, by neighbourhood.")
    return Page("clinics.md", meta + "\n".join(parts) + "\n", in_nav=True)


def handout_pages(directory: Directory, site_url: str | None) -> Iterator[Page]:
    """The For clinics page and every handout, in a fixed order, made one at a time.

    Raises SiteUrlMissing at once when there is no absolute site address for the QR codes.
    """
    if not site_url or not site_url.strip().startswith(("http://", "https://")):
        raise SiteUrlMissing(MISSING_SITE_URL)
    return _handouts(directory, site_url.strip())


def _handouts(directory: Directory, site_url: str) -> Iterator[Page]:
    yield clinics_page(directory)
    for large in (False, True):
        for place in directory.neighbourhoods:
            yield neighbourhood_handout(directory, place, site_url, large)
            for need, _ in needs_in(directory, place):
                yield need_handout(directory, place, need, site_url, large)
