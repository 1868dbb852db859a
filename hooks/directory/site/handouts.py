"""Printable handouts: local groups on A4 paper, for people who are not online.

GP surgeries, social prescribers and district nurses hand these out. For every
neighbourhood there is a handout of all its groups by need, and a short one for each need
with groups there; each comes in standard and large print. Every entry carries a QR code
to the group's page, so a handout needs the site's absolute address (MkDocs `site_url`).
Where the handouts live is decided once, by `pages.handout_url`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from markupsafe import Markup

from ..data import wording
from ..data.directory import Directory
from ..data.freshness import stale_warning, today
from ..data.models import Group, Need, Neighbourhood
from . import qrcodes
from .i18n import ENGLISH, N_, Language
from .pages import Page, front_matter, handout_url, in_pieces
from .templating import render, trusted

MISSING_SITE_URL = (
    "Printed handouts link to each group's page with a QR code, which needs the site's "
    "full address: set site_url in mkdocs.yml, for example "
    "site_url: https://example.org/directory/"
)
QR_SCALE, QR_BORDER = qrcodes.SCALE, qrcodes.BORDER
# Entries printed in full on one handout, to keep it to two A4 sides: eight of the tallest
# fit a standard side (tests/browser/test_print.py), large print about half as many. A
# longer list is printed in parts.
HANDOUT_GROUPS = {False: 12, True: 4}


class SiteUrlMissing(ValueError):
    """The site has no absolute address, so QR codes cannot point anywhere."""


def group_url(site_url: str, group: Group, prefix: str = "") -> str:
    """The group's page (in the handout's language) as an absolute address, for QR codes."""
    return f"{site_url.rstrip('/')}/{prefix}groups/{group.slug}/"


def qr_svg(url: str) -> tuple[Markup, Markup]:
    """An inline SVG QR code for `url`: the <svg> tag's own attributes and its drawing.
    segno writes no role, so the template opens the tag itself with an escaped label."""
    svg = qrcodes.drawing(url)
    attributes, drawing = svg.removeprefix("<svg ").split(">", 1)
    return trusted(attributes), trusted(drawing)


# --- one entry ---------------------------------------------------------------------------


def _where(group: Group) -> str:
    if not group.venues:
        return N_("Get in touch to find out where")
    return "; ".join(f"{v.name}, {wording.full_address(v)}" for v in group.venues)


def _contact(group: Group) -> tuple[str, str]:
    """The phone number if there is one: most readers of a handout will ring."""
    contact = group.contact
    if contact.phone:
        return N_("Phone"), wording.phone_display(contact.phone)
    if contact.email:
        return N_("Email"), contact.email
    return N_("Website"), str(contact.website)


@dataclass(frozen=True)
class Entry:
    """A compact entry: name, summary, when, where, contact, cost, referral and QR code."""

    href: str
    name: str
    summary: str
    when: str
    stale: str
    where: str
    contact_label: str
    contact: str
    cost: str
    join: str
    qr_label: str
    qr: tuple[Markup, Markup]


def handout_entry(group: Group, site_url: str, up: str, language: Language = ENGLISH) -> Entry:
    label, contact = _contact(group)
    return Entry(
        href=f"{up}groups/{group.slug}/",
        name=group.name,
        summary=group.summary_translations.get(language.code, group.summary),
        when=wording.when_short(group),
        stale=stale_warning(group),
        where=_where(group),
        contact_label=label,
        contact=contact,
        cost=wording.cost(group),
        join=wording.referral_short(group),
        qr_label=language.tr("QR code for the web page of {name}", name=group.name),
        qr=qr_svg(group_url(site_url, group, language.prefix)),
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
    count: int,
    large: bool,
    other: str,
    back: str,
    site_url: str,
    language: Language,
    entries: list[Entry] | None = None,
    sections: list | None = None,
    part: int = 1,
    parts: int = 1,
) -> Page:
    first = src_uri
    if part > 1:
        src_uri = src_uri.removesuffix("index.md") + f"part-{part}/index.md"
    up = _depth_up(src_uri)
    base = up + first.removesuffix("index.md")
    tr = language.tr
    if parts > 1:
        title = tr("{title}, part {part} of {parts}", title=title, part=str(part), parts=str(parts))
    variant = tr("large print") if large else tr("standard print")
    groups = tr("1 group") if count == 1 else tr("{count} groups", count=str(count))
    view = {
        "cls": "dir-handout dir-handout--large" if large else "dir-handout",
        "title": title,
        "groups": groups,
        "place": place.name,
        "postcodes": ", ".join(place.postcode_districts),
        "date": wording.long_date(today()),
        "up": up,
        "other": up + other,
        "switch": tr("Standard print version") if large else tr("Large print version"),
        "back": up + back,
        "entries": entries or [],
        "sections": sections,
        "parts": [
            (n, None if n == part else base if n == 1 else f"{base}part-{n}/")
            for n in range(1, parts + 1)
        ]
        if parts > 1
        else [],
        "site_url": site_url,
    }
    meta = front_matter(
        f"{title} ({variant})",
        tr("A printable handout of {groups} in {place}.", groups=groups, place=place.name),
        hide=["navigation", "toc"],
        search={"exclude": True},
        print=True,  # loads print.js, which wires the print button (overrides/main.html)
    )
    return Page(src_uri, meta + render("handout.html", language.translations, p=view))


def need_handouts(
    directory: Directory,
    place: Neighbourhood,
    need: Need,
    site_url: str,
    large: bool = False,
    language: Language = ENGLISH,
) -> Iterator[Page]:
    """The groups in one neighbourhood that help with one need: one A4 sheet for up to 8,
    and in parts of HANDOUT_GROUPS when there are more."""
    groups = [g for g in directory.groups_in(place.slug) if need.slug in g.needs]
    src_uri = handout_url("", place.slug, need.slug, large) + "index.md"
    pieces = in_pieces(groups, HANDOUT_GROUPS[large])
    title = language.tr("{need} in {place}", need=language.gettext(need.title), place=place.name)
    for part, piece in enumerate(pieces, 1):
        up = _depth_up(src_uri) + ("../" if part > 1 else "")
        yield _handout(
            title=title,
            place=place,
            src_uri=src_uri,
            language=language,
            entries=[handout_entry(g, site_url, up, language) for g in piece],
            count=len(groups),
            large=large,
            other=handout_url("", place.slug, need.slug, not large),
            back=f"needs/{need.slug}/",
            site_url=site_url,
            part=part,
            parts=len(pieces),
        )


def neighbourhood_handouts(
    directory: Directory,
    place: Neighbourhood,
    site_url: str,
    large: bool = False,
    language: Language = ENGLISH,
) -> Iterator[Page]:
    """Every group in a neighbourhood, by need, in parts of HANDOUT_GROUPS entries. A group
    that helps with several needs is printed in full once, under its first need, and named
    under the others, to save paper.
    """
    groups = directory.groups_in(place.slug)
    src_uri = handout_url("", place.slug, large=large) + "index.md"
    size = HANDOUT_GROUPS[large]
    printed: dict[str, Need] = {}
    # Each part: (need, groups printed in full there, also-line) a section; a need's
    # groups run on into the next part when this one is full.
    parts: list[list] = [[]]
    filled = 0
    for need in directory.needs:
        here = [g for g in groups if need.slug in g.needs]
        if not here:
            continue
        new = [g for g in here if g.slug not in printed]
        seen = [g for g in here if g.slug in printed]
        also = "; ".join(
            language.tr(
                "{name} (see {need})", name=g.name, need=language.gettext(printed[g.slug].title)
            )
            for g in seen
        )
        printed.update({g.slug: need for g in new})
        while True:
            if filled == size and new:
                parts.append([])
                filled = 0
            piece, new = new[: size - filled], new[size - filled :]
            filled += len(piece)
            parts[-1].append((need, piece, "" if new else also))
            if not new:
                break
    for number, part in enumerate(parts, 1):
        up = _depth_up(src_uri) + ("../" if number > 1 else "")
        sections = [
            (
                need.slug,
                language.gettext(need.title),
                [handout_entry(g, site_url, up, language) for g in piece],
                also,
            )
            for need, piece, also in part
        ]
        yield _handout(
            title=language.tr("Local groups in {place}", place=place.name),
            place=place,
            src_uri=src_uri,
            language=language,
            sections=sections,
            count=len(groups),
            large=large,
            other=handout_url("", place.slug, large=not large),
            back=f"neighbourhoods/{place.slug}/",
            site_url=site_url,
            part=number,
            parts=len(parts),
        )


def needs_in(directory: Directory, place: Neighbourhood) -> list[tuple[Need, int]]:
    """Each need with groups in `place`, and how many, in the directory's need order."""
    groups = directory.groups_in(place.slug)
    counts = [(n, sum(n.slug in g.needs for g in groups)) for n in directory.needs]
    return [(need, count) for need, count in counts if count]


def clinics_page(directory: Directory, language: Language = ENGLISH) -> Page:
    """'For clinics': every handout, by neighbourhood, with how to print one."""
    up = "../"

    def pair(place: str, need: str | None) -> tuple[str, str]:
        return up + handout_url("", place, need), up + handout_url("", place, need, True)

    places = [
        (
            place.slug,
            place.name,
            len(directory.groups_in(place.slug)),
            pair(place.slug, None),
            [
                (need.title, n, *pair(place.slug, need.slug))
                for need, n in needs_in(directory, place)
            ],
        )
        for place in directory.neighbourhoods
    ]
    tr = language.tr
    meta = front_matter(
        tr("For clinics"), tr("Printable handouts of local groups, by neighbourhood.")
    )
    body = render("clinics.html", language.translations, p={"places": places})
    return Page("clinics.md", meta + body, in_nav=True)


def handout_pages(
    directory: Directory, site_url: str | None, language: Language = ENGLISH
) -> Iterator[Page]:
    """The For clinics page and every handout, in a fixed order, made one at a time.

    Raises SiteUrlMissing at once when there is no absolute site address for the QR codes.
    """
    if not site_url or not site_url.strip().startswith(("http://", "https://")):
        raise SiteUrlMissing(MISSING_SITE_URL)
    return _handouts(directory, site_url.strip(), language)


def _handouts(directory: Directory, site_url: str, language: Language) -> Iterator[Page]:
    yield clinics_page(directory, language)
    for large in (False, True):
        for place in directory.neighbourhoods:
            yield from neighbourhood_handouts(directory, place, site_url, large, language)
            for need, _ in needs_in(directory, place):
                yield from need_handouts(directory, place, need, site_url, large, language)
