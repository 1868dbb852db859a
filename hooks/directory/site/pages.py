"""Site pages generated from the directory, as Markdown files holding escaped HTML.

Page bodies are HTML built here with every value escaped, so nothing a group writes can
turn into Markdown syntax, attributes or script. Links are relative and assume
`use_directory_urls` (groups/<slug>/).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html import escape
from urllib.parse import quote, urlencode

from ..data import wording
from ..data.directory import NEEDS_FILE, Directory
from ..data.freshness import is_stale, stale_groups, today
from ..data.models import Group, Need, Neighbourhood
from ..data.prose import description_html
from ..opendata.jsonld import jsonld_script
from . import finder


@dataclass(frozen=True)
class Page:
    """A page to add to the site. `source` is the data file it comes from (for edit links)."""

    src_uri: str
    content: str
    source: str | None = None
    in_nav: bool = False


def e(text: object) -> str:
    return escape(str(text), quote=True)


def front_matter(title: str, description: str, **extra: object) -> str:
    # JSON strings are valid YAML scalars, so any title is safe here.
    lines = [f"title: {json.dumps(title)}", f"description: {json.dumps(description)}"]
    lines += [f"{key}: {json.dumps(value)}" for key, value in extra.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def _url(up: str, kind: str, slug: str) -> str:
    return f"{up}{kind}/{quote(slug)}/"


def handout_url(up: str, place: str, need: str | None = None, large: bool = False) -> str:
    """A printable handout (made by handouts.py): a neighbourhood, or one need in it."""
    path = f"{up}{'large-print' if large else 'handouts'}/{quote(place)}/"
    return f"{path}{quote(need)}/" if need else path


def _links(up: str, kind: str, items: Iterable[Need | Neighbourhood]) -> str:
    return ", ".join(
        f'<a href="{_url(up, kind, item.slug)}">{e(_label(item))}</a>' for item in items
    )


def _label(item: Need | Neighbourhood) -> str:
    return item.title if isinstance(item, Need) else item.name


def _tel(phone: str) -> str:
    return f'<a href="{e(wording.phone_uri(phone))}">{e(wording.phone_display(phone))}</a>'


# --- group pages -------------------------------------------------------------------------


def osm_link(venue_lat: float | None, venue_lon: float | None, address: str) -> str:
    if venue_lat is not None and venue_lon is not None:
        return (
            f"https://www.openstreetmap.org/?mlat={venue_lat}&mlon={venue_lon}"
            f"#map=17/{venue_lat}/{venue_lon}"
        )
    return "https://www.openstreetmap.org/search?" + urlencode({"query": address})


def _section(anchor: str, title: str, body: str) -> str:
    return f'<section class="dir-part"><h2 id="{anchor}">{e(title)}</h2>\n{body}\n</section>'


def _wrap(parts: list[str], tag: str, cls: str) -> str:
    """The h1 first, then the rest in a wrapper. Material's search treats a page's text
    as the page itself only when the h1 is the first element, so it must not be wrapped."""
    heading, *rest = parts
    return f'{heading}\n<{tag} class="{cls}">\n' + "\n".join(rest) + f"\n</{tag}>\n"


def _list(items: Iterable[str], cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<ul{attr}>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _stale_notice(group: Group) -> list[str]:
    if not is_stale(group, today()):
        return []
    checked = e(wording.long_date(group.last_reviewed))
    return [
        f'<p class="dir-stale" role="note"><strong>This entry may be out of date</strong>: it '
        f"was last checked on {checked}, more than a year ago. Please ring or check the "
        "website before you travel.</p>"
    ]


def group_page(directory: Directory, group: Group) -> Page:
    up = "../../"
    needs = directory.needs_of(group)
    places = directory.neighbourhoods_of(group)
    area = (
        "Across the whole area" if group.serves_everywhere else _links(up, "neighbourhoods", places)
    )
    parts = [
        f'<h1 id="{e(group.slug)}">{e(group.name)}</h1>',
        finder.group_tools(group, up),
        f'<p class="dir-summary">{e(group.summary)}</p>',
        *_stale_notice(group),
        f'<p class="dir-tags"><strong>Helps with:</strong> {_links(up, "needs", needs)}<br> '
        f"<strong>Where:</strong> {area}</p>",
    ]
    contact = group.contact
    lines = []
    if contact.phone:
        lines.append(f"<strong>Phone:</strong> {_tel(contact.phone)}")
    if contact.email:
        lines.append(
            f'<strong>Email:</strong> <a href="mailto:{e(contact.email)}">{e(contact.email)}</a>'
        )
    if contact.website:
        lines.append(
            f'<strong>Website:</strong> <a href="{e(contact.website)}" rel="nofollow">'
            f"{e(contact.website)}</a>"
        )
    parts.append(_section("contact", "Contact", _list(lines, "dir-contact")))

    if group.sessions:
        sessions = []
        for session in group.sessions:
            text = e(wording.when(session))
            if session.venue:
                text += f" at {e(session.venue)}"
            if session.notes:
                text += f'<br> <span class="dir-note">{e(session.notes)}</span>'
            sessions.append(text)
        parts.append(_section("when", "When", _list(sessions, "dir-when")))

    if group.venues:
        venues = []
        for venue in group.venues:
            address = wording.full_address(venue)
            osm = osm_link(venue.lat, venue.lon, address)
            facts = _list((e(f) for f in wording.access_facts(venue)), "dir-access")
            venues.append(
                f'<div class="dir-venue"><p><strong>{e(venue.name)}</strong><br> '
                f'<span class="dir-address">{e(address)}</span><br> '
                f'<a href="{e(osm)}" rel="nofollow">Show {e(venue.name)} on OpenStreetMap</a>'
                f"</p>{facts}</div>"
            )
        parts.append(_section("where", "Where", "\n".join(venues)))

    parts.append(_section("cost", "Cost", f"<p>{e(wording.cost(group))}</p>"))

    who = []
    if wording.ages(group):
        who.append(e(wording.ages(group)))
    if group.eligibility and group.eligibility.who:
        who.append(e(group.eligibility.who))
    parts.append(_section("who", "Who it is for", _list(who) if who else "<p>Everyone</p>"))

    if group.languages:
        names = [
            f'<span lang="{e(c)}">{e(wording.language_name(c))}</span>' for c in group.languages
        ]
        parts.append(_section("languages", "Languages spoken", _list(names)))

    routes = [e(r) for r in wording.referral_routes(group.referral)]
    referral = _list(routes, "dir-referral")
    if group.referral and group.referral.notes:
        referral += f"<p>{e(group.referral.notes)}</p>"
    parts.append(_section("referral", "How to get referred", referral))

    if group.description:
        parts.append(_section("about", f"About {group.name}", description_html(group.description)))

    parts.append(
        f'<p class="dir-checked">Last checked: <time datetime="{group.last_reviewed.isoformat()}">'
        f"{e(wording.long_date(group.last_reviewed))}</time></p>"
    )
    body = _wrap(parts, "article", "dir-group")
    body += "\n" + jsonld_script(directory, group) + "\n"  # schema.org data (open data)
    # searchindex.py indexes the group as one compact entry from the model, with its
    # needs and places as tags, rather than Material section by section.
    meta = front_matter(group.name, group.summary, group=group.slug, search={"exclude": True})
    return Page(f"groups/{group.slug}.md", meta + body, source=f"groups/{group.slug}.yaml")


# --- lists of groups ---------------------------------------------------------------------


def group_card(group: Group, up: str) -> str:
    """A short entry for lists: name, summary, when, cost, phone, referral."""
    facts = [
        f"<strong>When:</strong> {e(wording.when_short(group))}",
        f"<strong>Cost:</strong> {e(wording.cost(group))}",
    ]
    if group.contact.phone:
        facts.append(f"<strong>Phone:</strong> {_tel(group.contact.phone)}")
    # How to join and open now sit under the name (finder.py); find.js uses data-slug.
    return (
        f'<li class="dir-card"{finder.card_attributes(group)}>'
        f'<a href="{_url(up, "groups", group.slug)}">{e(group.name)}</a>'
        f"{finder.card_route(group)}{finder.status_slot()}"
        f"<p>{e(group.summary)}</p>"
        f'<p class="dir-card-facts">{"<br> ".join(facts)}</p>{finder.card_extras(group)}</li>'
    )


def _cards(groups: Iterable[Group], up: str) -> str:
    # Cards repeat each group's own page; keeping them out of the search index lets the
    # group itself rank first rather than every list it appears in.
    cards = "".join(group_card(g, up) for g in groups)
    return f'<ul class="dir-cards" data-search-exclude>{cards}</ul>'


def neighbourhood_page(directory: Directory, place: Neighbourhood) -> Page:
    up = "../../"
    groups = directory.groups_in(place.slug)
    parts = [
        f'<h1 id="{e(place.slug)}">{e(place.name)}</h1>',
        f"<p>{e(place.description)}</p>",
        f'<p class="dir-areas"><strong>Areas:</strong> {e(", ".join(place.areas))}<br> '
        f"<strong>Postcodes:</strong> {e(', '.join(place.postcode_districts))}</p>",
        f"<p>{len(groups)} groups in {e(place.name)}, by what they help with.</p>",
        f'<p class="dir-print-links"><a href="{handout_url(up, place.slug)}">Print a handout'
        f'</a> of these groups (<a href="{handout_url(up, place.slug, large=True)}">large '
        f'print</a>), or one for a single need from <a href="{up}clinics/#{e(place.slug)}">'
        "For clinics</a>.</p>",
    ]
    contents = []
    for need in directory.needs:
        here = [g for g in groups if need.slug in g.needs]
        if here:
            contents.append(f'<a href="#{e(need.slug)}">{e(need.title)}</a> ({len(here)})')
            parts.append(f'<h2 id="{e(need.slug)}">{e(need.title)}</h2>\n{_cards(here, up)}')
    parts.insert(4, '<nav aria-label="Needs in this neighbourhood">' + _list(contents) + "</nav>")
    parts.insert(6, finder.filter_form(directory, up, fixed="place"))
    body = _wrap(parts, "div", "dir-list")
    # Indexed by searchindex.py: parsing every card only for Material to skip them was slow.
    meta = front_matter(f"{place.name}: local groups", place.description, search={"exclude": True})
    source = f"neighbourhoods/{place.slug}.yaml"
    return Page(f"neighbourhoods/{place.slug}.md", meta + body, source=source)


def _need_handout_links(directory: Directory, need: Need, up: str) -> str:
    """Printable handouts of this need, one per neighbourhood that has such groups."""
    links = [
        f'<a href="{handout_url(up, p.slug, need.slug)}">{e(p.name)}</a> '
        f'(<a href="{handout_url(up, p.slug, need.slug, large=True)}">large print</a>)'
        for p in directory.neighbourhoods
        if any(need.slug in g.needs for g in directory.groups_in(p.slug))
    ]
    return '<p class="dir-print-links">Print a handout for ' + ", ".join(links) + ".</p>"


def need_page(directory: Directory, need: Need) -> Page:
    up = "../../"
    groups = directory.groups_for_need(need.slug)
    everywhere = [g for g in groups if g.serves_everywhere]
    parts = [
        f'<h1 id="{e(need.slug)}">{e(need.title)}</h1>',
        f"<p>{e(need.description)}</p>",
        f"<p>{len(groups)} groups help with {e(need.title.lower())}, by neighbourhood.</p>",
    ]
    contents = []
    if everywhere:
        contents.append(f'<a href="#everywhere">Across the whole area</a> ({len(everywhere)})')
        parts.append(f'<h2 id="everywhere">Across the whole area</h2>\n{_cards(everywhere, up)}')
    for place in directory.neighbourhoods:
        here = [g for g in groups if not g.serves_everywhere and place.slug in g.neighbourhoods]
        if here:
            contents.append(f'<a href="#{e(place.slug)}">{e(place.name)}</a> ({len(here)})')
            parts.append(f'<h2 id="{e(place.slug)}">{e(place.name)}</h2>\n{_cards(here, up)}')
    parts.insert(3, '<nav aria-label="Neighbourhoods">' + _list(contents) + "</nav>")
    parts.insert(4, _need_handout_links(directory, need, up))
    parts.insert(5, finder.filter_form(directory, up, fixed="need"))
    body = _wrap(parts, "div", "dir-list")
    meta = front_matter(need.title, need.description, search={"exclude": True})  # searchindex.py
    return Page(f"needs/{need.slug}.md", meta + body, source=NEEDS_FILE)


# --- indexes and home --------------------------------------------------------------------


def _need_links(directory: Directory, up: str) -> str:
    return _list(
        f'<a href="{_url(up, "needs", n.slug)}">{e(n.title)}</a> '
        f"({len(directory.groups_for_need(n.slug))})"
        for n in directory.needs
    )


def _place_links(directory: Directory, up: str) -> str:
    return _list(
        f'<a href="{_url(up, "neighbourhoods", p.slug)}">{e(p.name)}</a> '
        f"({len(directory.groups_in(p.slug))}): {e(', '.join(p.areas))}"
        for p in directory.neighbourhoods
    )


def _index_page(folder: str, heading: str, links: str, title: str, description: str) -> Page:
    body = f'<h1 id="{folder}">{heading}</h1>\n<div class="dir-list">\n{links}\n</div>\n'
    return Page(f"{folder}/index.md", front_matter(title, description) + body, in_nav=True)


def needs_index(directory: Directory) -> Page:
    links = _need_links(directory, "../")
    heading = "What do you need help with?"
    return _index_page("needs", heading, links, "Needs", "Every kind of help in the directory.")


def neighbourhoods_index(directory: Directory) -> Page:
    links = _place_links(directory, "../")
    return _index_page(
        "neighbourhoods", "Neighbourhoods", links, "Neighbourhoods", "Groups by neighbourhood."
    )


EXAMPLE_NOTICE = (
    "This directory shows <strong>fictional example data</strong>. The groups, phone "
    "numbers and addresses are invented; do not contact them."
)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def home_page(directory: Directory) -> Page:
    groups = _count(len(directory.groups), "group")
    places = _count(len(directory.neighbourhoods), "neighbourhood")
    body = f"""<h1 id="find-local-help">Find local help</h1>
<div class="dir-home">
<p class="dir-notice" role="note">{EXAMPLE_NOTICE}</p>
<form class="dir-search" role="search" action="./" method="get">
<label for="dir-q">Search for a group, a need or a place</label>
<input id="dir-q" name="q" type="search" placeholder="e.g. lunch club Eccles" autocomplete="off">
<button type="submit">Search</button>
</form>
<p>{groups} in {places}. <a href="find/">Find help with filters</a>:
free, step-free, open now, language spoken, nearest to a postcode.</p>
<h2 id="by-need">Browse by need</h2>
{_need_links(directory, "")}
<h2 id="by-neighbourhood">Browse by neighbourhood</h2>
{_place_links(directory, "")}
<h2 id="your-group">Run a group?</h2>
<p><a href="add-your-group/">Add or update your group</a>: every entry is a short file that
groups keep up to date themselves.</p>
</div>
"""
    meta = front_matter("Find local help", "Local community groups, by need and neighbourhood.")
    return Page("index.md", meta + body, in_nav=True)


def maintainers_page(directory: Directory) -> Page:
    """Entries nobody has checked for a year, oldest first, for maintainers to chase."""
    old = stale_groups(directory.groups, today())
    rows = "".join(
        f'<tr><td><a href="{_url("../", "groups", g.slug)}">{e(g.name)}</a></td>'
        f'<td><time datetime="{g.last_reviewed.isoformat()}">'
        f"{e(wording.long_date(g.last_reviewed))}</time></td>"
        f"<td><code>groups/{e(g.slug)}.yaml</code></td></tr>"
        for g in old
    )
    table = (
        '<table><thead><tr><th scope="col">Group</th><th scope="col">Last checked</th>'
        f'<th scope="col">File</th></tr></thead><tbody>{rows}</tbody></table>'
        if old
        else "<p>Every entry has been checked in the last 12 months.</p>"
    )
    body = (
        '<h1 id="entries-to-check">Entries to check</h1>\n<div class="dir-list">\n'
        f"<p>{len(old)} of {len(directory.groups)} entries were last checked more than 12 "
        "months ago, oldest first. Ask each group to check its entry and update "
        "<code>last_reviewed</code>.</p>\n"
        f"{table}\n</div>\n"
    )
    meta = front_matter("Entries to check", "Entries not checked for over a year.")
    return Page("maintainers.md", meta + body, in_nav=True)


def site_pages(directory: Directory) -> Iterator[Page]:
    """Every generated page, in a fixed order, made one at a time so that each can be
    handed on (and its text freed) before the next is made."""
    yield home_page(directory)
    yield needs_index(directory)
    yield neighbourhoods_index(directory)
    yield maintainers_page(directory)
    for need in directory.needs:
        yield need_page(directory, need)
    for place in directory.neighbourhoods:
        yield neighbourhood_page(directory, place)
    for group in directory.groups:
        yield group_page(directory, group)
