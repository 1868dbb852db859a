"""Site pages generated from the directory: view data for each page kind, rendered by the
templates in site/templates (which escape every value).

Pages are Markdown files holding HTML that Markdown leaves unchanged, so nothing a group
writes can turn into Markdown syntax, attributes or script. Links are relative and assume
`use_directory_urls` (groups/<slug>/).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from ..data import wording
from ..data.directory import NEEDS_FILE, Directory
from ..data.freshness import is_stale, stale_groups, today
from ..data.models import Group, Need, Neighbourhood
from ..data.prose import description_html
from ..opendata.jsonld import jsonld_json
from ..opendata.places import SiteInfo
from . import carddata, cards, finder
from .i18n import ENGLISH, Language
from .templating import render, trusted


@dataclass(frozen=True)
class Page:
    """A page to add to the site. `source` is the data file it comes from (for edit links)."""

    src_uri: str
    content: str
    source: str | None = None
    in_nav: bool = False


# JSON strings are YAML double-quoted scalars, but json.dumps writes an emoji as a
# surrogate pair (\ud83d\ude00) that YAML refuses, and MkDocs then drops the whole front
# matter. So characters are written as they are, except those YAML would not take raw.
_NOT_RAW_IN_YAML = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _yaml_json(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return _NOT_RAW_IN_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def front_matter(title: str, description: str, **extra: object) -> str:
    lines = [f"title: {_yaml_json(title)}", f"description: {_yaml_json(description)}"]
    lines += [f"{key}: {_yaml_json(value)}" for key, value in extra.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def _url(up: str, kind: str, slug: str) -> str:
    return f"{up}{kind}/{quote(slug)}/"


def handout_url(up: str, place: str, need: str | None = None, large: bool = False) -> str:
    """A printable handout (made by handouts.py): a neighbourhood, or one need in it."""
    path = f"{up}{'large-print' if large else 'handouts'}/{quote(place)}/"
    return f"{path}{quote(need)}/" if need else path


def _links(up: str, kind: str, items: list[Need] | list[Neighbourhood]) -> list[tuple[str, str]]:
    return [(_url(up, kind, i.slug), i.title if isinstance(i, Need) else i.name) for i in items]


def helplines(needs: list[Need]) -> list[tuple[str, str, str, str | None]]:
    """(name, number, tel: address, hours) of each need's helplines, each number once."""
    lines = {h.phone: h for need in needs for h in need.helplines}
    return [(h.name, h.phone, "tel:" + h.phone.replace(" ", ""), h.hours) for h in lines.values()]


# --- group pages -------------------------------------------------------------------------


def osm_link(venue_lat: float | None, venue_lon: float | None, address: str) -> str:
    if venue_lat is not None and venue_lon is not None:
        return (
            f"https://www.openstreetmap.org/?mlat={venue_lat}&mlon={venue_lon}"
            f"#map=17/{venue_lat}/{venue_lon}"
        )
    return "https://www.openstreetmap.org/search?" + urlencode({"query": address})


def summary(group: Group, language: Language) -> str:
    """The group's summary in the page's language when the group wrote one."""
    return group.summary_translations.get(language.code, group.summary)


def group_view(
    directory: Directory,
    group: Group,
    site: SiteInfo | None = None,
    language: Language = ENGLISH,
) -> dict:
    up = "../../"
    contact = group.contact
    rule = group.eligibility
    who = [line for line in (wording.ages(group), rule.who if rule else None) if line]
    venues = []
    for venue in group.venues:
        address = wording.full_address(venue)
        venues.append(
            {
                "name": venue.name,
                "address": address,
                "osm": osm_link(venue.lat, venue.lon, address),
                "facts": wording.access_facts(venue),
            }
        )
    return {
        "slug": group.slug,
        "name": group.name,
        "summary": summary(group, language),
        "find_group": finder.group_json(directory, group),
        "sensitive": any(n.sensitive for n in directory.needs_of(group)),
        "helplines": helplines(directory.needs_of(group)),
        "stale": wording.long_date(group.last_reviewed) if is_stale(group, today()) else None,
        "needs": _links(up, "needs", directory.needs_of(group)),
        "places": (
            None
            if group.serves_everywhere
            else _links(up, "neighbourhoods", directory.neighbourhoods_of(group))
        ),
        "phone": cards.phone(contact.phone),
        "email": contact.email,
        "website": contact.website,
        "sessions": [
            {"when": times, "venue": venue, "notes": notes}
            for times, venue, notes in wording.when_lines(group)
        ],
        "closed": wording.closed_facts(group, directory.closures) if group.sessions else None,
        "venues": venues,
        "cost": wording.cost(group),
        "who": who,
        "languages": [(c, wording.language_name(c)) for c in group.languages],
        "routes": wording.referral_routes(group.referral),
        "referral_notes": group.referral.notes if group.referral else None,
        # nh3 has cleaned the description (prose.py); JSON-LD is escaped for <script>.
        "description": trusted(description_html(group.description)) if group.description else None,
        "checked_iso": group.last_reviewed.isoformat(),
        "checked": wording.long_date(group.last_reviewed),
        "jsonld": trusted(jsonld_json(directory, group, site)),
    }


def group_page(
    directory: Directory,
    group: Group,
    site: SiteInfo | None = None,
    language: Language = ENGLISH,
) -> Page:
    view = group_view(directory, group, site, language)
    body = render("group.html", language.translations, g=view)
    # searchindex.py indexes the group as one compact entry from the model, with its
    # needs and places as tags, rather than Material section by section.
    text = summary(group, language)
    meta = front_matter(group.name, text, group=group.slug, search={"exclude": True}, find=True)
    return Page(f"groups/{group.slug}.md", meta + body, source=f"groups/{group.slug}.yaml")


# --- lists of groups ---------------------------------------------------------------------

# Groups a list page carries in its HTML: need and neighbourhood pages are paged by this,
# and Find help shows this many before find.js draws the rest (carddata.py), so no page
# grows with the directory.
PAGE_SIZE = 50


def in_pieces(items: list, size: int) -> list[list]:
    """`items` cut into lists of at most `size`, in order; one empty list when there are none
    (a page or handout that lists nothing still exists and says so)."""
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def _paged_uri(folder: str, slug: str, number: int) -> str:
    """needs/food.md, then needs/food/page-2.md (served as needs/food/page-2/)."""
    return f"{folder}/{slug}.md" if number == 1 else f"{folder}/{slug}/page-{number}.md"


def page_links(count: int, number: int, up: str, folder: str, slug: str) -> list:
    """(label, href or None for this page) of each page of a list, for the page links."""
    if count == 1:
        return []
    first = _url(up, folder, slug)
    return [
        (str(n), None if n == number else first if n == 1 else f"{first}page-{n}/")
        for n in range(1, count + 1)
    ]


def _page_title(title: str, number: int, language: Language) -> str:
    return title if number == 1 else language.tr("{title} (page {number})", title=title,
                                                 number=str(number))


def neighbourhood_pages(
    directory: Directory, place: Neighbourhood, language: Language = ENGLISH
) -> Iterator[Page]:
    """The neighbourhood's groups A to Z, PAGE_SIZE a page."""
    groups = directory.groups_in(place.slug)
    chunks = in_pieces(groups, PAGE_SIZE)
    for number, chunk in enumerate(chunks, 1):
        up = "../../" if number == 1 else "../../../"
        view = {
            "up": up,
            "slug": place.slug,
            "name": place.name,
            "description": place.description,
            "areas": place.areas,
            "postcodes": place.postcode_districts,
            "count": len(groups),
            "cards": [cards.card(directory, g, up, lang=language.code) for g in chunk],
            "pages": page_links(len(chunks), number, up, "neighbourhoods", place.slug),
            "handout": handout_url(up, place.slug),
            "handout_large": handout_url(up, place.slug, large=True),
            "filters": finder.filter_view(directory, up, "place", up + _root(language)),
        }
        body = render("neighbourhood.html", language.translations, p=view)
        # Indexed by searchindex.py: parsing every card only for Material to skip them was
        # slow.
        title = language.tr("{place}: local groups", place=place.name)
        title = _page_title(title, number, language)
        description = language.gettext(place.description)
        meta = front_matter(title, description, search={"exclude": True}, find=True)
        uri = _paged_uri("neighbourhoods", place.slug, number)
        yield Page(uri, meta + body, source=f"neighbourhoods/{place.slug}.yaml")


def need_pages(directory: Directory, need: Need, language: Language = ENGLISH) -> Iterator[Page]:
    """The need's groups by neighbourhood, PAGE_SIZE cards a page (a group serving two
    neighbourhoods shows under each)."""
    groups = directory.groups_for_need(need.slug)
    listed = [("everywhere", cards.EVERYWHERE, g) for g in groups if g.serves_everywhere]
    for place in directory.neighbourhoods:
        listed += [
            (place.slug, place.name, g)
            for g in groups
            if not g.serves_everywhere and place.slug in g.neighbourhoods
        ]
    # Printable handouts of this need, one per neighbourhood that has such groups.
    places = [
        p
        for p in directory.neighbourhoods
        if any(need.slug in g.needs for g in directory.groups_in(p.slug))
    ]
    chunks = in_pieces(listed, PAGE_SIZE)
    for number, chunk in enumerate(chunks, 1):
        up = "../../" if number == 1 else "../../../"
        sections: list[tuple[str, str, list]] = []
        for anchor, label, group in chunk:
            if not sections or sections[-1][0] != anchor:
                sections.append((anchor, label, []))
            sections[-1][2].append(cards.card(directory, group, up, lang=language.code))
        handouts = [
            (
                p.name,
                handout_url(up, p.slug, need.slug),
                handout_url(up, p.slug, need.slug, large=True),
            )
            for p in places
        ]
        view = {
            "slug": need.slug,
            "title": need.title,
            "description": need.description,
            "sensitive": need.sensitive,
            "helplines": helplines([need]),
            "count": len(groups),
            "sections": sections,
            "pages": page_links(len(chunks), number, up, "needs", need.slug),
            "handouts": handouts,
            "filters": finder.filter_view(directory, up, "need", up + _root(language)),
        }
        body = render("need.html", language.translations, p=view)
        title = _page_title(language.gettext(need.title), number, language)
        description = language.gettext(need.description)
        # Indexed by searchindex.py (the first page); `find` loads find.js.
        meta = front_matter(title, description, search={"exclude": True}, find=True)
        yield Page(_paged_uri("needs", need.slug, number), meta + body, source=NEEDS_FILE)


def _root(language: Language) -> str:
    """From a language's home to the site's root, where find.json and the assets are."""
    return "../" * language.prefix.count("/")


def find_pages(
    directory: Directory, language: Language = ENGLISH, site_url: str = ""
) -> list[Page]:
    """The "Find help" page (in the nav) and the shortlist page. Find help carries the
    first PAGE_SIZE cards and the shortlist none: find.js draws the rest from
    carddata.py's files, made in the page's language beside it (../data/). The shortlist
    prints as a handout: the data's date, the site's address and QR codes (shortlist.py)."""
    meta = {"search": {"exclude": True}, "find": True}
    lang, tr, up = language.code, language.tr, "../"
    view = {
        "count": len(directory.groups),
        "cards": [cards.card(directory, g, up, lang=lang) for g in directory.groups[:PAGE_SIZE]],
        "cards_json": f"{up}{carddata.CARDS_JSON}",
        "needs": _links(up, "needs", directory.needs),
        "places": _links(up, "neighbourhoods", directory.neighbourhoods),
        "filters": finder.filter_view(directory, up, root=up + _root(language)),
    }
    find = Page(
        "find.md",
        front_matter(
            tr("Find help"), tr("Filter every group by need, place, day and more."), **meta
        )
        + render("find.html", language.translations, p=view),
        in_nav=True,
    )
    view = {
        "cards_json": f"{up}{carddata.SHORTLIST_JSON}",
        "find_json": f"{up}{_root(language)}{finder.FIND_JSON}",
        "qr_dir": f"{up}{carddata.QR_DIR}",
        "date": wording.long_date(today()),
        "site_url": site_url,
    }
    shortlist = Page(
        "shortlist.md",
        front_matter(tr("Your shortlist"), tr("Groups you picked, to print or send."), **meta)
        + render("shortlist.html", language.translations, p=view),
    )
    return [find, shortlist]


# --- indexes and home --------------------------------------------------------------------


def _need_links(directory: Directory, up: str) -> list[tuple[str, str, int, str]]:
    return [
        (_url(up, "needs", n.slug), n.title, len(directory.groups_for_need(n.slug)), "")
        for n in directory.needs
    ]


def _place_links(directory: Directory, up: str) -> list[tuple[str, str, int, str]]:
    return [
        (
            _url(up, "neighbourhoods", p.slug),
            p.name,
            len(directory.groups_in(p.slug)),
            ", ".join(p.areas),
        )
        for p in directory.neighbourhoods
    ]


def _index_page(
    folder: str, heading: str, links: list, title: str, description: str, language: Language
) -> Page:
    view = {"folder": folder, "heading": heading, "links": links}
    body = render("index.html", language.translations, p=view)
    return Page(f"{folder}/index.md", front_matter(title, description) + body, in_nav=True)


def needs_index(directory: Directory, language: Language = ENGLISH) -> Page:
    links = _need_links(directory, "../")
    tr = language.tr
    heading = tr("What do you need help with?")
    description = tr("Every kind of help in the directory.")
    return _index_page("needs", heading, links, tr("Needs"), description, language)


def neighbourhoods_index(directory: Directory, language: Language = ENGLISH) -> Page:
    links = _place_links(directory, "../")
    tr = language.tr
    title, description = tr("Neighbourhoods"), tr("Groups by neighbourhood.")
    return _index_page("neighbourhoods", title, links, title, description, language)


def home_page(directory: Directory, language: Language = ENGLISH) -> Page:
    view = {
        "root": _root(language),
        "groups": len(directory.groups),
        "places": len(directory.neighbourhoods),
        "needs": [
            (
                _url("", "needs", n.slug),
                n.title,
                len(directory.groups_for_need(n.slug)),
                n.description,
            )
            for n in directory.needs
        ],
        "neighbourhoods": [
            (_url("", "neighbourhoods", n.slug), n.name) for n in directory.neighbourhoods
        ],
    }
    tr = language.tr
    meta = front_matter(
        tr("Find local help"), tr("Local community groups, by need and neighbourhood.")
    )
    return Page("index.md", meta + render("home.html", language.translations, p=view), in_nav=True)


def maintainers_page(directory: Directory) -> Page:
    """Entries nobody has checked for a year, oldest first, for maintainers to chase."""
    old = [
        (
            _url("../", "groups", g.slug),
            g.name,
            g.last_reviewed.isoformat(),
            wording.long_date(g.last_reviewed),
            g.slug,
        )
        for g in stale_groups(directory.groups, today())
    ]
    body = render("maintainers.html", p={"old": old, "total": len(directory.groups)})
    meta = front_matter("Entries to check", "Entries not checked for over a year.")
    return Page("maintainers.md", meta + body)  # linked from the footer, not the menu


def site_pages(
    directory: Directory, site: SiteInfo | None = None, language: Language = ENGLISH
) -> Iterator[Page]:
    """Every generated page in one language, in a fixed order (maintainers' in English
    only), made one at a time so that each can be handed on (and its text freed) before
    the next is made; `site` names the site for the JSON-LD."""
    yield home_page(directory, language)
    yield needs_index(directory, language)
    yield neighbourhoods_index(directory, language)
    if language.code == "en":
        yield maintainers_page(directory)
    for need in directory.needs:
        yield from need_pages(directory, need, language)
    for place in directory.neighbourhoods:
        yield from neighbourhood_pages(directory, place, language)
    for group in directory.groups:
        yield group_page(directory, group, site, language)


# --- languages ---------------------------------------------------------------------------


def page_path(src_uri: str) -> str:
    """The address of a page, from the site's root: needs/food.md -> needs/food/."""
    path = src_uri.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        return path.removesuffix("index")
    return path + "/"


def localised(
    pages: Iterable[Page], language: Language, languages: list[Language]
) -> Iterator[Page]:
    """Pages moved under the language's folder, each saying its language and where its
    versions in the other languages are (overrides/main.html links them)."""
    label = language.tr("Read this page in another language")
    notice = language.tr("Example site: every group, phone number and address here is fictional.")
    words = {w: language.gettext(w) for w in finder.FIND_WORDS}
    words = {english: text for english, text in words.items() if text != english}
    for page in pages:
        path = page_path(page.src_uri)
        versions = [
            {"lang": other.code, "name": other.name, "path": other.prefix + path}
            for other in languages
        ]
        extra = (
            f"lang: {json.dumps(language.code)}\n"
            f"languages_label: {json.dumps(label, ensure_ascii=False)}\n"
            f"notice: {json.dumps(notice, ensure_ascii=False)}\n"
            f"translations: {json.dumps(versions, ensure_ascii=False)}\n"
            f"find_words: {json.dumps(words, ensure_ascii=False)}\n"
        )
        content = page.content
        if language.code != "en" and "\nsearch: " not in content.partition("\n---\n")[0]:
            # One search index, English pages' (searchindex.py adds the translated need words).
            extra += 'search: {"exclude": true}\n'
        if content.startswith("---\n"):
            content = "---\n" + extra + content.removeprefix("---\n")
        in_nav = page.in_nav and language.code == "en"
        yield Page(language.prefix + page.src_uri, content, page.source, in_nav)
