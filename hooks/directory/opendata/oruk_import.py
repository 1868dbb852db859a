"""`directory import oruk`: Open Referral UK 3.0 services in, group files out.

Accepts a service list (`{"contents": [...]}`), a single service, an organisation with its
`services`, or a plain JSON array of services. Each service becomes one group file.

Nothing is dropped silently. Every value the import reads is marked as used; after
mapping a service, every value it did not use is listed in the report (and named in the
file's header), along with anything that was guessed:

- needs: ORUK taxonomy terms are matched to our needs by id, slug, title or page address.
  When none match, the need whose title and description share most words with the
  service is chosen, and the file says `# TODO` so a person checks it.
- neighbourhoods: service areas are matched by name, area or page address, and venue
  postcodes by their district. When none match, the file says `everywhere`, with a TODO.
- last_reviewed: `assured_date`, else `last_modified`, else today, with a TODO.

A service with no usable phone, email or website, or one that is not active, is skipped
and the report says why. Existing files are never overwritten without `--force`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import textwrap
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError
from pydantic import ValidationError

from ..data import wording
from ..data.directory import GROUPS_DIR, Directory, load_directory
from ..data.freshness import today
from ..data.models import (
    DAYS,
    EVERYWHERE,
    POSTCODE_PATTERN,
    Contact,
    Group,
    Neighbourhood,
    Session,
    Venue,
)
from ..data.prose import check_description
from ..data.schema import SCHEMA_DIR
from . import oruk

RRULE_TO_DAY = {code: day for day, code in oruk.RRULE_DAYS.items()}
STOP_WORDS = frozenset(
    "about after also and are but can for from have help into more other our people that "
    "the their them they this with who will your you".split()
)
SUMMARY_MAX = 160
EMPTY = (None, "", [], {})


class ImportProblem(Exception):
    """The input cannot be imported at all (not JSON, not ORUK services)."""


# --- reading with a record of what was used ----------------------------------------------


class Reader:
    """Reads values out of one service and remembers which paths it used."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, node: object, key: str, path: str) -> object:
        if not isinstance(node, dict):
            return None
        value = node.get(key)
        if value not in EMPTY:
            self.used.add(join(path, key))
        return value

    def mark(self, path: str) -> None:
        self.used.add(path)

    def is_used(self, path: str) -> bool:
        return any(path == used or path.startswith((used + ".", used + "[")) for used in self.used)


def join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def leaves(value: object, path: str = "") -> Iterator[tuple[str, object]]:
    """Every scalar in a JSON value, with its path: ('schedules[0].byday', 'TU')."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, join(path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from leaves(item, join(path, i))
    elif value not in EMPTY:
        yield path, value


def is_identifier(path: str) -> bool:
    key = path.rsplit(".", 1)[-1]
    return key == "id" or key.endswith("_id")


def short(value: object, limit: int = 70) -> str:
    text = " ".join(str(value).split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


# --- small conversions -------------------------------------------------------------------


def slugify(name: str) -> str:
    name = re.sub(r"['’]", "", name)  # Men's Shed -> mens-shed, as group files are named
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].strip("-") or "group"


def one_line(text: str) -> str:
    return " ".join(text.split())


def shorten(text: str, limit: int = SUMMARY_MAX) -> str:
    """The first sentence if it fits, else the text cut at a word, with an ellipsis."""
    sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    if len(sentence) <= limit:
        return sentence
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("p", "br", "li", "div"):
            self.parts.append("\n\n" if tag != "br" else "\n")


def plain_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return re.sub(r"\n{3,}", "\n\n", "".join(parser.parts)).strip()


def postcode(value: str) -> str | None:
    squashed = re.sub(r"\s+", "", value.upper())
    text = f"{squashed[:-3]} {squashed[-3:]}"
    return text if re.fullmatch(POSTCODE_PATTERN, text) else None


def clock(value: str) -> tuple[str | None, str]:
    """('10:00', '') from '10:00:00'; the second part is any timezone suffix."""
    match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)(?::[0-5]\d(?:\.\d+)?)?(.*)", value.strip())
    if not match:
        return None, ""
    return f"{int(match[1]):02d}:{match[2]}", match[3].strip()


def valid(model: type, **values: object) -> bool:
    try:
        model.model_validate(values)
    except ValidationError:
        return False
    return True


def language_code(entry: dict) -> str | None:
    known = Locale("en").languages
    code = str(entry.get("code") or "").strip().lower()
    if len(code) == 2 and code in known:
        return code
    if code:
        try:
            parsed = Locale.parse(code).language
        except (ValueError, TypeError, LookupError, UnknownLocaleError):
            parsed = None
        if parsed and len(parsed) == 2 and parsed in known:
            return parsed
    name = str(entry.get("name") or "").strip().casefold()
    return next((c for c, n in sorted(known.items()) if len(c) == 2 and n.casefold() == name), None)


def money(value: float) -> str:
    return f"£{value:.2f}" if value != int(value) else f"£{int(value)}"


# --- one service -------------------------------------------------------------------------


@dataclass
class Imported:
    """One service turned into a group file (or skipped, with the reason)."""

    where: str  # its place in the input, e.g. contents[2]
    name: str
    slug: str = ""
    data: dict[str, object] = field(default_factory=dict)
    todos: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped: str | None = None

    def text(self) -> str:
        return group_text(self)


class ServiceMapper:
    """Maps one ORUK service onto our group fields, noting what it could not keep."""

    def __init__(self, directory: Directory, service: dict, where: str) -> None:
        self.directory = directory
        self.service = service
        self.read = Reader()
        self.result = Imported(where=where, name=str(service.get("name") or "").strip())
        self.venue_names: dict[str, str] = {}  # service_at_location id -> venue name
        self.extra_text: list[str] = []  # kept in the description, for want of a field

    def note(self, path: str, message: str) -> None:
        self.result.notes.append(f"{path}: {message}" if path else message)

    def todo(self, message: str) -> None:
        self.result.todos.append(message)

    def run(self) -> Imported:
        s, take = self.service, self.read.take
        status = take(s, "status", "")
        if not self.result.name:
            self.result.skipped = "it has no name"
            return self.result
        take(s, "name", "")
        if status not in (None, "active"):
            self.result.skipped = f"its status is {status!r}, not active"
            return self.result
        contact = self.contact()
        if contact is None:
            self.result.skipped = "it has no phone, email or website that we could use"
            return self.result
        summary, description = self.texts()
        venues = self.venues()
        data: dict[str, object] = {
            "name": self.result.name,
            "summary": summary,
            "description": description,
            "needs": self.needs(),
            "neighbourhoods": self.neighbourhoods(venues),
            "contact": contact,
            "venues": venues,
            "sessions": self.sessions(),
            "cost": self.cost(),
            "eligibility": self.eligibility(),
            "languages": self.languages(),
            "referral": self.referral(),
            "last_reviewed": self.last_reviewed(),
        }
        self.organization(summary)
        if self.extra_text:
            extra = "\n\n".join(self.extra_text)
            data["description"] = f"{description}\n\n{extra}" if description else extra
        self.result.data = {k: v for k, v in data.items() if v not in EMPTY}
        self.leftovers()
        return self.result

    # -- text -----------------------------------------------------------------------------

    def texts(self) -> tuple[str, str | None]:
        s, take = self.service, self.read.take
        text = str(take(s, "description", "") or "").strip()
        short_text = take(s, "short_description", "")
        if text and check_description(text):
            cleaned = plain_text(text)
            if check_description(cleaned):
                self.note("description", f"not kept: it is not safe Markdown {short(text)}")
                text = ""
            else:
                self.note("description", "HTML tags removed; the words are kept")
                text = cleaned
        if not text:
            org_text = take(s.get("organization"), "description", "organization")
            text = plain_text(str(org_text)) if org_text else ""
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        if short_text:
            summary = one_line(str(short_text))
        elif paragraphs:
            summary = one_line(paragraphs[0])
        else:
            summary = f"{self.result.name}."
            self.todo("summary: ORUK gave no description; write one sentence about the group")
        if len(summary) > SUMMARY_MAX:
            summary = shorten(summary)
            how = "cut to 160 characters" if summary.endswith("…") else "its first sentence"
            self.note("summary", f"{how}; the whole text is kept as the description")
            return summary, text or None
        if paragraphs and one_line(paragraphs[0]) == summary:
            paragraphs = paragraphs[1:]
        return summary, "\n\n".join(paragraphs) or None

    # -- contact --------------------------------------------------------------------------

    def contact(self) -> dict[str, str] | None:
        s = self.service
        org = s.get("organization") if isinstance(s.get("organization"), dict) else {}
        found: dict[str, str] = {}
        for path, phone in self.phones():
            self.read.mark(path)
            if "phone" not in found and valid(Contact, phone=phone):
                found["phone"] = phone
            else:
                reason = "a second number" if "phone" in found else "not a valid UK number"
                self.note(path, f"not kept ({reason}): {short(phone)}")
        for key, ours in (("email", "email"), ("url", "website")):
            org_key = "email" if key == "email" else "website"
            for value, path in ((s.get(key), key), (org.get(org_key), f"organization.{org_key}")):
                if value in EMPTY:
                    continue
                self.read.mark(path)
                if ours not in found and valid(Contact, **{ours: value}):
                    found[ours] = str(value)
                elif found.get(ours) != value:
                    self.note(path, f"not kept: {short(value)}")
        return found or None

    def phones(self) -> Iterator[tuple[str, str]]:
        """Numbers from the HSDS places a phone can be: service, contacts, organisation."""
        s = self.service
        places = [("phones", s.get("phones"))]
        places += [
            (f"contacts[{i}].phones", c.get("phones"))
            for i, c in enumerate(s.get("contacts") or [])
            if isinstance(c, dict)
        ]
        org = s.get("organization")
        if isinstance(org, dict):
            places.append(("organization.phones", org.get("phones")))
        for base, phones in places:
            for i, phone in enumerate(phones if isinstance(phones, list) else []):
                number = phone.get("number") if isinstance(phone, dict) else None
                if number:
                    yield f"{base}[{i}].number", str(number)

    # -- needs and places -----------------------------------------------------------------

    def terms(self) -> Iterator[tuple[str, str, dict]]:
        for i, attribute in enumerate(self.service.get("attributes") or []):
            if isinstance(attribute, dict) and isinstance(attribute.get("taxonomy_term"), dict):
                path = f"attributes[{i}]"
                yield path, str(attribute.get("link_type") or ""), attribute["taxonomy_term"]

    def needs(self) -> list[str]:
        found: list[str] = []
        for path, link_type, term in self.terms():
            if link_type == oruk.ROUTE_LINK or self.route_of(term):
                continue
            need = self.need_of(term)
            if need:
                self.read.mark(path)
                if need not in found:
                    found.append(need)
            else:
                label = term.get("name") or term.get("term") or term.get("id")
                self.note(path, f"taxonomy term {short(label)} is not one of our needs")
        if found:
            return found
        guess = self.guess_need()
        self.todo(
            f"needs: no ORUK taxonomy term matched our needs; guessed {guess} from the words "
            "of the name and description. Check it against needs.yaml."
        )
        return [guess]

    def need_of(self, term: dict) -> str | None:
        for need in self.directory.needs:
            if (
                term.get("id") == oruk.stable_id("taxonomy_term", oruk.NEEDS_TAXONOMY, need.slug)
                or term.get("term") == need.slug
                or str(term.get("name") or "").casefold() in (need.title.casefold(), need.slug)
                or str(term.get("term_uri") or "").endswith(f"/needs/{need.slug}/")
            ):
                return need.slug
        return None

    def route_of(self, term: dict) -> str | None:
        for route in wording.ROUTE_WORDS:
            if term.get("id") == oruk.stable_id("taxonomy_term", oruk.ROUTES_TAXONOMY, route):
                return route
        return None

    def guess_need(self) -> str:
        """The need sharing most words with the service; rarer words count for more."""

        def words(text: str) -> set[str]:
            found = re.findall(r"[a-z]{3,}", text.casefold())
            return {w.removesuffix("s") for w in found if w not in STOP_WORDS}

        vocab = [
            (n.slug, words(f"{n.slug} {n.title} {n.description}")) for n in self.directory.needs
        ]
        spread = Counter(w for _, need_words in vocab for w in need_words)
        service = words(f"{self.service.get('name')} {self.service.get('description')}")
        scores = [
            (sum(1 / spread[w] for w in service & need_words), -i, slug)
            for i, (slug, need_words) in enumerate(vocab)
        ]
        return max(scores)[2]

    def neighbourhoods(self, venues: list[dict]) -> list[str]:
        places = self.directory.neighbourhoods
        found: list[str] = []
        for i, area in enumerate(self.service.get("service_areas") or []):
            path = f"service_areas[{i}]"
            if not isinstance(area, dict):
                continue
            place = self.place_of(area)
            if place:
                found.append(place.slug)
            else:
                label = area.get("name") or area.get("service_area") or area.get("uri")
                self.note(path, f"{short(label)} is not one of our neighbourhoods")
            for key in ("name", "service_area", "uri"):
                self.read.take(area, key, path)
        for venue in venues:
            district = str(venue["postcode"]).split(" ")[0]
            found += [p.slug for p in places if district in p.postcode_districts]
        unique = [p.slug for p in places if p.slug in found]
        if unique and len(unique) == len(places):
            return [EVERYWHERE]
        if unique:
            return unique
        self.todo(
            "neighbourhoods: no service area or venue postcode matched our neighbourhoods; "
            "set to everywhere. List the neighbourhoods the group serves instead."
        )
        return [EVERYWHERE]

    def place_of(self, area: dict) -> Neighbourhood | None:
        names = {str(area.get(k) or "").casefold() for k in ("name", "service_area")}
        for place in self.directory.neighbourhoods:
            own = {place.name.casefold(), place.slug} | {a.casefold() for a in place.areas}
            uri = str(area.get("uri") or "")
            if uri.endswith(f"/neighbourhoods/{place.slug}/") or names & own:
                return place
        return None

    # -- venues ---------------------------------------------------------------------------

    def venues(self) -> list[dict]:
        venues: list[dict] = []
        for i, link in enumerate(self.service.get("service_at_locations") or []):
            path = f"service_at_locations[{i}]"
            location = link.get("location") if isinstance(link, dict) else None
            if not isinstance(location, dict):
                continue
            venue = self.venue(location, f"{path}.location")
            if venue is not None:
                venues.append(venue)
                if link.get("id"):
                    self.venue_names[str(link["id"])] = str(venue["name"])
        return venues

    def venue(self, location: dict, path: str) -> dict | None:
        take = self.read.take
        kind = location.get("location_type")
        if kind not in (None, "physical"):
            self.note(path, f"not kept: a {kind} location; group files hold places people go")
            return None
        addresses = [a for a in location.get("addresses") or [] if isinstance(a, dict)]
        chosen = next(
            (a for a in addresses if a.get("address_type") in (None, "physical")),
            addresses[0] if addresses else None,
        )
        code = postcode(str(chosen.get("postal_code") or "")) if chosen else None
        street = str(chosen.get("address_1") or "").strip() if chosen else ""
        if chosen is None or code is None or not street:
            found = short(chosen.get("postal_code")) if chosen else "no address"
            self.note(path, f"not kept: it needs a street and a UK postcode ({found})")
            return None
        at = f"{path}.addresses[{addresses.index(chosen)}]"
        take(location, "location_type", path)
        for key in ("address_1", "postal_code", "address_type"):
            take(chosen, key, at)
        town = str(take(chosen, "city", at) or "").strip()
        for key in ("state_province", "region"):
            if chosen.get(key) == oruk.COUNTY:
                take(chosen, key, at)
        if chosen.get("country") in (oruk.COUNTRY, "UK"):
            take(chosen, "country", at)
        name = str(take(location, "name", path) or street)
        address = street
        if town and not street.casefold().endswith(town.casefold()):
            address = f"{street}, {town}"
        venue: dict[str, object] = {"name": name, "address": address, "postcode": code}
        lat, lon = location.get("latitude"), location.get("longitude")
        if lat is not None and lon is not None:
            if valid(Venue, **venue, lat=lat, lon=lon):
                venue.update(lat=lat, lon=lon)
                take(location, "latitude", path)
                take(location, "longitude", path)
            else:
                self.note(path, f"latitude and longitude not kept: ({lat}, {lon}) is not in the UK")
                self.read.mark(join(path, "latitude"))
                self.read.mark(join(path, "longitude"))
        for j, access in enumerate(location.get("accessibility") or []):
            self.access(venue, access, f"{path}.accessibility[{j}]")
        return venue

    def access(self, venue: dict, access: object, path: str) -> None:
        """Our own accessibility wording back into fields; anything else stays unused."""
        if not isinstance(access, dict):
            return
        text = str(access.get("description") or access.get("accessibility") or "").strip()
        flags = {
            "Step-free access": ("step_free", True),
            "Not step-free: there are steps": ("step_free", False),
            "Accessible toilet": ("accessible_toilet", True),
            "No accessible toilet": ("accessible_toilet", False),
            "Hearing loop": ("hearing_loop", True),
            "No hearing loop": ("hearing_loop", False),
        }
        if text in flags:
            key, value = flags[text]
            venue[key] = value
        elif text.startswith("Parking: "):
            venue["parking"] = text.removeprefix("Parking: ")
        elif text.startswith("Getting there: "):
            venue["public_transport"] = text.removeprefix("Getting there: ")
        else:
            return
        for key in ("description", "accessibility"):
            if access.get(key) == text:
                self.read.take(access, key, path)

    # -- sessions -------------------------------------------------------------------------

    def sessions(self) -> list[dict]:
        sessions: list[dict] = []
        for i, rule in enumerate(self.service.get("schedules") or []):
            if isinstance(rule, dict):
                sessions += self.schedule(rule, f"schedules[{i}]")
        return sessions

    def schedule(self, rule: dict, path: str) -> list[dict]:
        take = self.read.take

        def text(key: str) -> str:
            return str(rule.get(key) or "").strip()

        freq, interval = rule.get("freq"), rule.get("interval")
        words = " ".join(text(k) for k in ("description", "attending_type", "notes")).casefold()
        opens, opens_zone = clock(text("opens_at"))
        closes, closes_zone = clock(text("closes_at"))
        base: dict[str, object] = {}
        if opens and closes:
            base.update(opens=opens, closes=closes)
        venue = self.venue_names.get(text("service_at_location_id"))
        if venue:
            base["venue"] = venue
        for key, name in (("valid_from", "from"), ("valid_to", "until")):  # a course's dates
            try:
                base[name] = dt.date.fromisoformat(text(key)[:10])
            except ValueError:
                pass  # absent or not a date: the value stays unused, so the report lists it
        if "term time" in words:
            base["term_time_only"] = True
        if "appointment" in words:
            base["by_appointment"] = True
        days: dict[str, list[int]] = {}
        odd: list[str] = []
        for token in filter(None, (t.strip() for t in text("byday").upper().split(","))):
            match = re.fullmatch(r"([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)", token)
            if not match or (match[1] and not 1 <= int(match[1]) <= 5):
                odd.append(token)
                continue
            weeks = days.setdefault(RRULE_TO_DAY[match[2]], [])
            if match[1] and freq == "MONTHLY":
                weeks.append(int(match[1]))
        sessions = []
        for day in sorted(days, key=DAYS.index):
            weeks = {"weeks_of_month": sorted(set(days[day]))} if days[day] else {}
            sessions.append({"day": day, **base, **weeks})
        if not sessions and base.get("by_appointment"):
            sessions.append(dict(base))
        kept = [s for s in sessions if valid(Session, **s)]
        if not kept:
            self.note(path, "not kept: it gives no weekday with opening times")
            return []  # its values stay unused, so the report lists each of them
        if len(kept) < len(sessions):
            self.note(path, f"{len(sessions) - len(kept)} day(s) not kept: no opening times")
        for key in ("freq", "byday", "opens_at", "closes_at"):
            take(rule, key, path)
        for key, name in (("valid_from", "from"), ("valid_to", "until")):
            if name in base:
                take(rule, key, path)
        if venue:
            take(rule, "service_at_location_id", path)
        if opens_zone or closes_zone:
            zone = opens_zone or closes_zone
            self.note(path, f"timezone {zone!r} dropped; the times are kept as given")
        for token in odd:
            self.note(path, f"byday {token!r} not kept: only the 1st to 5th weekday fit")
        notes = [text("notes")]
        take(rule, "notes", path)
        if interval == 1:
            take(rule, "interval", path)
        elif interval is not None:
            notes.append(f"Every {interval} {'weeks' if freq == 'WEEKLY' else 'months'}")
            self.note(path, f"interval {interval} is kept only in the session notes")
            take(rule, "interval", path)
        described = {wording.when(Session.model_validate(s)) for s in kept}
        for key in ("description", "attending_type"):
            value = text(key)
            ours = value.removesuffix(f" at {venue}") if venue else value
            if value and ours not in described and ours not in ("In person", "By appointment"):
                notes.append(value)
            take(rule, key, path)
        notes = [n for n in notes if n]
        if len(notes) > 1:
            notes = [n if n.endswith((".", "!", "?")) else n + "." for n in notes]
        for session in kept:
            if notes:
                session["notes"] = " ".join(notes)
        return kept

    # -- cost, eligibility, languages, referral, dates ------------------------------------

    def cost(self) -> str | None:
        s, take = self.service, self.read.take
        texts: list[str] = []
        free = True
        for i, option in enumerate(s.get("cost_options") or []):
            if not isinstance(option, dict):
                continue
            path = f"cost_options[{i}]"
            label = str(take(option, "option", path) or "").strip()
            amount = take(option, "amount", path)
            detail = str(take(option, "amount_description", path) or "").strip()
            if amount not in (None, 0) or detail or label.casefold() not in ("", "free"):
                free = False
            price = detail
            if isinstance(amount, int | float) and not re.search(r"£|\d+p\b", detail):
                price = " ".join(filter(None, [money(amount), detail]))
            if label and label.casefold() != "free":
                price = f"{label}: {price}" if price else label
            texts.append(price or "Free")
        fees = take(s, "fees", "")
        if texts:
            if fees:
                self.note("fees", f"not kept (cost_options used instead): {short(fees)}")
            return "free" if free else "; ".join(texts)
        return one_line(str(fees)) if fees else None

    def eligibility(self) -> dict | None:
        s, take = self.service, self.read.take
        rule: dict[str, object] = {}
        for key, ours in (("minimum_age", "min_age"), ("maximum_age", "max_age")):
            age = take(s, key, "")
            if isinstance(age, int | float) and age == int(age) and 0 <= age <= 120:
                rule[ours] = int(age)
            elif age is not None:
                self.note(key, f"not kept: {short(age)} is not a whole age from 0 to 120")
        if "min_age" in rule and "max_age" in rule and rule["max_age"] < rule["min_age"]:
            self.note("maximum_age", "not kept: it is below minimum_age")
            del rule["max_age"]
        who = take(s, "eligibility_description", "")
        if who:
            rule["who"] = one_line(str(who))
        return rule or None

    def languages(self) -> list[str]:
        codes: list[str] = []
        for i, entry in enumerate(self.service.get("languages") or []):
            path = f"languages[{i}]"
            code = language_code(entry) if isinstance(entry, dict) else None
            if code:
                if code not in codes:
                    codes.append(code)
                self.read.take(entry, "name", path)
                self.read.take(entry, "code", path)
            else:
                self.note(path, "not kept: no language name or code we recognise")
        return codes

    def referral(self) -> dict | None:
        routes: list[str] = []
        for path, link_type, term in self.terms():
            route = self.route_of(term)
            if route is None and link_type == oruk.ROUTE_LINK:
                route = next((r for r in wording.ROUTE_WORDS if term.get("term") == r), None)
            if route:
                self.read.mark(path)
                if route not in routes:
                    routes.append(route)
            elif link_type == oruk.ROUTE_LINK:
                self.note(path, f"referral route {short(term.get('term'))} is not one of ours")
        process = self.read.take(self.service, "application_process", "")
        if routes:
            return {"routes": routes, **({"notes": one_line(str(process))} if process else {})}
        if process:  # no field for it without routes: keep it where people will read it
            self.extra_text.append(f"How to join: {one_line(str(process))}")
        return None

    def last_reviewed(self) -> dt.date:
        s, take = self.service, self.read.take
        for key in ("assured_date", "last_modified"):
            try:
                day = dt.date.fromisoformat(str(s.get(key))[:10])
            except ValueError:
                continue
            take(s, key, "")
            return day
        self.todo("last_reviewed: ORUK gave no assured_date; set to the day of the import")
        return today()

    def organization(self, summary: str) -> None:
        """The organisation's name and description are kept when they are the group's."""
        org = self.service.get("organization")
        if not isinstance(org, dict):
            return
        if org.get("name") == self.result.name:
            self.read.take(org, "name", "organization")
        if one_line(str(org.get("description") or "")) == summary:
            self.read.take(org, "description", "organization")

    # -- what was left --------------------------------------------------------------------

    def leftovers(self) -> None:
        for path, value in leaves(self.service):
            if not is_identifier(path) and not self.read.is_used(path):
                self.note(path, f"not kept: {short(value)}")


# --- many services -----------------------------------------------------------------------


def services_in(data: object) -> list[tuple[str, dict]]:
    """The services in an ORUK document, each with its place in the input."""
    if isinstance(data, list):
        return [(f"[{i}]", s) for i, s in enumerate(data) if isinstance(s, dict)]
    if not isinstance(data, dict):
        raise ImportProblem("expected a JSON object or array of ORUK services")
    if isinstance(data.get("contents"), list):
        items = data["contents"]
        return [(f"contents[{i}]", s) for i, s in enumerate(items) if isinstance(s, dict)]
    if isinstance(data.get("services"), list) and "status" not in data:
        organization = {k: v for k, v in data.items() if k != "services"}
        return [
            (f"services[{i}]", {**s, "organization": s.get("organization") or organization})
            for i, s in enumerate(data["services"])
            if isinstance(s, dict)
        ]
    if data.get("id") and data.get("name"):
        return [("service", data)]
    raise ImportProblem(
        "this is not an ORUK service list, service or organisation: "
        "expected 'contents', 'services', or a service's 'id' and 'name'"
    )


def import_services(
    data: object, directory: Directory, existing: dict[str, str] | None = None
) -> list[Imported]:
    """Map every service, giving each a name and file name of its own.

    `existing` maps the file names already there to their groups' names. A service whose
    file name is taken keeps it (the caller refuses or, with --force, overwrites); one
    whose name belongs to another file is renamed, since names must be unique.
    """
    existing = existing or {}
    owners = {name.casefold(): slug for slug, name in existing.items() if name}
    batch: set[str] = set()
    results = []
    for where, service in services_in(data):
        result = ServiceMapper(directory, service, where).run()
        results.append(result)
        if result.skipped:
            continue
        org = service.get("organization")
        org_name = str(org.get("name") or "") if isinstance(org, dict) else ""
        candidates = [result.name]
        if org_name and org_name.casefold() != result.name.casefold():
            candidates.append(f"{result.name} ({org_name})")
        candidates += [f"{result.name} ({n})" for n in range(2, 1000)]
        for name in candidates:
            slug = slugify(name)
            if slug not in batch and owners.get(name.casefold()) in (None, slug):
                break
        if name != result.name:
            result.notes.append(f"name: {result.name!r} is already used; named {name!r}")
            result.name = result.data["name"] = name
        result.slug = slug
        batch.add(slug)
        owners[name.casefold()] = slug
        try:
            Group.model_validate(result.data)
        except ValidationError as error:  # a mapping bug: say so rather than write a bad file
            result.skipped = f"the mapped data is not a valid group: {error}"
    return results


# --- writing -----------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Block style; lists of slugs on one line; multi-line text as a literal block."""

    def ignore_aliases(self, data: object) -> bool:
        # Sessions made from one schedule share its dates; volunteers never see &anchors.
        return True


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _list(dumper: yaml.SafeDumper, value: list) -> yaml.Node:
    flow = bool(value) and all(isinstance(v, str) and re.fullmatch(r"[a-z0-9-]+", v) for v in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(list, _list)


def group_text(result: Imported) -> str:
    header = [
        f"# yaml-language-server: $schema=../{SCHEMA_DIR.as_posix()}/group.schema.json",
        "# Imported from Open Referral UK (ORUK 3.0) data by `directory import oruk`.",
    ]
    header += [f"# TODO: {todo}" for todo in result.todos]
    lost = sorted({re.split(r"[.:\[]", n, maxsplit=1)[0] for n in result.notes})
    if lost:
        header.append("# Not kept or changed on the way in (the import report says what):")
        header += [f"#   {line}" for line in textwrap.wrap(", ".join(lost), 86)]
    body = yaml.dump(result.data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000)
    return "\n".join(header) + "\n" + body


def report(results: list[Imported], output: str) -> str:
    lines = []
    written = [r for r in results if not r.skipped]
    for result in written:
        lines.append(f"{output}/{result.slug}.yaml <- {result.where} {result.name!r}")
        lines += [f"  TODO {todo}" for todo in result.todos]
        lines += [f"  - {note}" for note in result.notes]
    for result in results:
        if result.skipped:
            lines.append(f"skipped {result.where} {result.name!r}: {result.skipped}")
    lines.append(
        f"{len(written)} group file(s) written, {len(results) - len(written)} service(s) "
        "skipped. ORUK ids are not kept: the site makes each group's ids from its file "
        "name. Run `directory check` next."
    )
    return "\n".join(lines)


def run(path: Path, output: Path, directory: Directory, force: bool = False) -> tuple[int, str]:
    """Import `path` into the folder `output`; return (exit code, report)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        return 1, f"{path}: cannot read it as JSON ({error})"
    existing = {p.stem: "" for p in output.glob("*.yaml")}
    existing.update({g.slug: g.name for g in directory.groups})
    try:
        results = import_services(data, directory, existing)
    except ImportProblem as error:
        return 1, f"{path}: {error}"
    written = [r for r in results if not r.skipped]
    clashes = sorted(r.slug for r in written if (output / f"{r.slug}.yaml").exists())
    if clashes and not force:
        files = ", ".join(f"{output.name}/{slug}.yaml" for slug in clashes)
        verb = "exists" if len(clashes) == 1 else "exist"
        return 1, f"not importing: {files} already {verb}; add --force to overwrite"
    output.mkdir(parents=True, exist_ok=True)
    for result in written:
        (output / f"{result.slug}.yaml").write_text(result.text(), encoding="utf-8")
    return 0, report(results, output.name)


def command(path: Path, output: Path | None, root: Path, force: bool = False) -> int:
    """`directory import oruk PATH`: print the report; 1 if nothing could be written."""
    directory = load_directory(root)  # our needs and neighbourhoods, and names in use
    code, text = run(path, output or root / GROUPS_DIR, directory, force)
    print(text, file=sys.stdout if code == 0 else sys.stderr)
    return code
