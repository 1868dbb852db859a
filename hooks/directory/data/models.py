"""The data model: one Pydantic model per concept, the single source of truth.

Validation messages, the JSON Schema editors use, the pages, the search text, the print
views and the exports all read these models. A field's `description` is the sentence a
volunteer sees when hovering over it in their editor, so write it for them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import cache
from typing import Annotated, Literal

import phonenumbers
from babel import Locale, UnknownLocaleError
from email_validator import EmailNotValidError, validate_email
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    StrictInt,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .prose import check_description

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
EVERYWHERE = "everywhere"
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january february march april may june july august september october november december"
).split()
BANK_HOLIDAY_REGIONS = ("england-and-wales", "scotland", "northern-ireland")
REFERRAL_ROUTES = ("self", "gp", "social-prescriber", "professional")

# UK postcode shape (outward code, space, inward code), upper case as Royal Mail prints it.
POSTCODE_PATTERN = r"^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$"
DISTRICT_PATTERN = r"^[A-Z]{1,2}[0-9][A-Z0-9]?$"


class Model(BaseModel):
    """Base for every file model: unknown keys are errors, never dropped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


def _fail(kind: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(kind, message)


# --- field types -------------------------------------------------------------------------


def _phone(value: str) -> str:
    try:
        number = phonenumbers.parse(value, "GB")
    except phonenumbers.NumberParseException:
        raise _fail("phone", "is not a phone number; write it like 0161 496 0123") from None
    # Ofcom keeps 07700 900000-900999 for drama; libphonenumber calls them invalid, but
    # they are exactly what fictional sample data must use.
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if not (phonenumbers.is_valid_number(number) or e164.startswith("+447700900")):
        raise _fail("phone", "is not a valid UK phone number; write it like 0161 496 0123")
    return value


def _email(value: str) -> str:
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as error:
        raise _fail("email", f"is not a valid email address ({error})") from None
    return value


def _website(value: str) -> str:
    if value != value.strip():
        raise _fail("website", "has a space or line break at the start or end; delete it")
    if not re.fullmatch(r"https?://[^\s/$.?#][^\s]*", value):
        raise _fail("website", "must be a web address starting with https:// or http://")
    return value


_TWELVE_HOUR = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?m\.?", re.IGNORECASE)


def _clock(value: object) -> object:
    if isinstance(value, str) and re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9]", value):
        return dt.time.fromisoformat(value)
    if isinstance(value, dt.time):
        return value
    text = str(value).strip()
    twelve = _TWELVE_HOUR.fullmatch(text)
    if twelve and 1 <= int(twelve[1]) <= 12 and int(twelve[2] or 0) < 60:
        hour = int(twelve[1]) % 12 + (12 if twelve[3].lower() == "p" else 0)
        raise _fail("time", f"write {hour:02d}:{int(twelve[2] or 0):02d} (24-hour, with a colon)")
    other = re.fullmatch(r"(\d{1,2})[.:h ]?(\d{2})", text)
    if other and int(other[1]) < 24 and int(other[2]) < 60:
        raise _fail("time", f"write {int(other[1]):02d}:{other[2]} (24-hour, with a colon)")
    raise _fail("time", "should be a 24-hour time like 09:30 or 14:00")


def _day(value: object) -> object:
    """A day written as Tue, Tues or Tuesday gets the exact word to write."""
    if isinstance(value, str) and value not in DAYS:
        word = value.strip().rstrip(".").casefold()
        match = [d for d in DAYS if len(word) >= 2 and d.startswith(word)]
        if len(match) == 1:
            raise _fail("day", f"write {match[0]} (the whole day, in lower case)")
    return value


@cache
def _nameable(code: str) -> bool:
    """Whether Babel can name the language, as the pages do (wording.language_name)."""
    try:
        return bool(Locale.parse(code).get_display_name("en"))
    except (ValueError, UnknownLocaleError):
        return False


def _language(value: str) -> str:
    if len(value) != 2 or value not in Locale("en").languages:
        raise _fail("language", "is not a two-letter ISO 639-1 language code (en, ur, pl, ar, ...)")
    if not _nameable(value):
        name = Locale("en").languages[value]
        raise _fail(
            "language",
            f"{value} ({name}) is a code the site cannot name yet; write the language in notes "
            "or cost, or ask a maintainer",
        )
    return value


_UK_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})")


def _date(value: object) -> object:
    """A date written the British way (01/02/2025) gets the ISO form to write instead."""
    if isinstance(value, str):
        uk = _UK_DATE.fullmatch(value.strip())
        if uk:
            year = int(uk[3]) + (2000 if len(uk[3]) == 2 else 0)
            try:
                iso = dt.date(year, int(uk[2]), int(uk[1])).isoformat()
            except ValueError:
                iso = None
            if iso:
                raise _fail("date", f"write the date as {iso} (year-month-day)")
    return value


def _not_future(value: dt.date) -> dt.date:
    from .freshness import today  # freshness imports this module

    if value > today() + dt.timedelta(days=1):  # a day's grace for time zones
        raise _fail("date", "is in the future; write the date someone last checked the entry")
    return value


def _postcode(value: str) -> str:
    if not re.fullmatch(POSTCODE_PATTERN, value):
        squashed = re.sub(r"\s+", "", value.upper())
        hint = f"{squashed[:-3]} {squashed[-3:]}" if len(squashed) >= 5 else None
        if hint and re.fullmatch(POSTCODE_PATTERN, hint):
            raise _fail("postcode", f"write the postcode as {hint}")
        raise _fail("postcode", "is not a UK postcode; write it like M30 0AA")
    return value


# Characters that change how text is shown without being seen: they reorder a line
# (bidi embeddings, overrides and isolates) or take no space at all.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BREAKS = re.compile("[\t\n\r\x0b\x0c\x85\u2028\u2029]")
_BLANKS = "\u115f\u1160\u2800\u3164\uffa0"  # fillers: letters that show as nothing


def visible(text: str) -> str:
    """`text` without invisible characters: format characters (zero-width space, joiners,
    marks, soft hyphen), Hangul and Braille blanks. For comparing names."""
    return "".join(c for c in text if unicodedata.category(c) != "Cf" and c not in _BLANKS)


def _text(value: str) -> str:
    control = _CONTROL.search(value)
    if control:
        code = f"U+{ord(control.group()):04X}"
        raise _fail("text", f"holds the invisible control character {code}; delete it")
    if _BIDI.search(value):
        raise _fail("text", "holds a character that reverses text direction (bidi); delete it")
    if not visible(value).strip():
        raise _fail("text", "is blank: only spaces or invisible characters; write the text")
    return unicodedata.normalize("NFC", value)


def _one_line(value: str) -> str:
    if _BREAKS.search(value):
        raise _fail("one_line", "should be one line of plain text: no line breaks or tabs")
    return value


Text = Annotated[str, Field(min_length=1), AfterValidator(_text)]
OneLine = Annotated[str, Field(min_length=1), AfterValidator(_text), AfterValidator(_one_line)]
Slug = Annotated[str, Field(pattern=SLUG_PATTERN)]
Phone = Annotated[str, AfterValidator(_phone), Field(examples=["0161 496 0123"])]
Email = Annotated[str, AfterValidator(_email), Field(examples=["hello@example.org"])]
Website = Annotated[
    str, AfterValidator(_website), Field(pattern=r"^https?://", examples=["https://example.org"])
]
ClockTime = Annotated[
    dt.time,
    BeforeValidator(_clock),
    WithJsonSchema({"type": "string", "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9]$"}),
]
LanguageCode = Annotated[str, AfterValidator(_language), Field(pattern=r"^[a-z]{2}$")]
Postcode = Annotated[str, AfterValidator(_postcode), Field(examples=["M30 0AA"])]
Day = Annotated[
    Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
    BeforeValidator(_day),
]
Date = Annotated[dt.date, BeforeValidator(_date)]
PastDate = Annotated[dt.date, BeforeValidator(_date), AfterValidator(_not_future)]


def _cost(value: str) -> str:
    # The ORUK export reads one amount from the text; a 400-digit one overflowed it.
    if re.search(r"\d{6}", value):
        raise _fail("cost", "has a number too long for a price; write it like £3.50")
    return value


Cost = Annotated[Text, AfterValidator(_cost)]


def _month(value: object) -> object:
    # Volunteers write names; a number is taken too, as people often think of months so.
    if isinstance(value, str) and value.strip().lower() in MONTHS:
        return value.strip().lower()
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 12:
        return MONTHS[value - 1]
    raise _fail("month", f"{value} is not a month; write a month name in lower case: october")


Month = Annotated[
    str,
    BeforeValidator(_month),
    WithJsonSchema({"type": "string", "enum": list(MONTHS)}),
]
Route = Literal["self", "gp", "social-prescriber", "professional"]


def _date_order(start: dt.date | None, end: dt.date | None) -> dt.date | None:
    if start is not None and end is not None and end < start:
        raise _fail("until", f"must not be before from ({start.isoformat()}); swap the dates")
    return end


def _no_repeats(values: list) -> list:
    seen: set = set()
    for value in values:
        if value in seen:
            raise _fail("repeated", f"lists {value} twice; keep one")
        seen.add(value)
    return values


Formerly = Annotated[list[Slug], AfterValidator(_no_repeats)]


# --- a group's parts ---------------------------------------------------------------------


class Contact(Model):
    """How people get in touch. At least one of phone, email or website."""

    phone: Phone | None = Field(None, description="A UK phone number people can ring.")
    email: Email | None = Field(None, description="An email address that someone reads.")
    website: Website | None = Field(None, description="A web page, starting with https://.")

    @model_validator(mode="after")
    def _at_least_one(self) -> Contact:
        if not (self.phone or self.email or self.website):
            raise _fail("contact", "give at least one of phone, email or website")
        return self


class Venue(Model):
    """A place where the group meets, with the facts people need to get there."""

    name: OneLine = Field(description="What the building is called, e.g. St Mary's Church Hall.")
    address: OneLine = Field(description="Street address without the postcode.")
    postcode: Postcode = Field(description="Full UK postcode, e.g. M30 0AA.")
    lat: float | None = Field(None, ge=49.8, le=60.9, description="Latitude, if you know it.")
    lon: float | None = Field(None, ge=-8.7, le=1.8, description="Longitude, if you know it.")
    step_free: StrictBool | None = Field(
        None, description="true if people can get in without steps (ramp or level)."
    )
    accessible_toilet: StrictBool | None = Field(None, description="true if there is one.")
    hearing_loop: StrictBool | None = Field(None, description="true if there is one.")
    parking: Text | None = Field(None, description="Parking nearby, e.g. Free car park.")
    public_transport: Text | None = Field(
        None, description="Buses, trams or trains nearby, e.g. Buses 10 and 67 stop outside."
    )

    @model_validator(mode="after")
    def _lat_with_lon(self) -> Venue:
        if (self.lat is None) != (self.lon is None):
            raise _fail("lat_lon", "give both lat and lon, or neither")
        return self


class Session(Model):
    """When something happens: a day and times, or by appointment."""

    day: Day | None = Field(None, description="Day of the week, in lower case: tuesday.")
    opens: ClockTime | None = Field(None, description="Start time, 24-hour: 10:00.")
    closes: ClockTime | None = Field(None, description="End time, 24-hour: 12:30.")
    weeks_of_month: (
        Annotated[list[Annotated[StrictInt, Field(ge=1, le=5)]], AfterValidator(_no_repeats)] | None
    ) = Field(
        None,
        description="Only some weeks: [1, 3] means the 1st and 3rd of the month.",
        min_length=1,
    )
    venue: Text | None = Field(None, description="Which venue, by its name under venues.")
    term_time_only: StrictBool = Field(False, description="true if it stops in school holidays.")
    by_appointment: StrictBool = Field(False, description="true if people book a time.")
    notes: Text | None = Field(None, description="Anything else about this session.")
    months: Annotated[list[Month], AfterValidator(_no_repeats)] | None = Field(
        None,
        min_length=1,
        description="Only in some months, e.g. [october, november, december, january, "
        "february, march] for a winter session. Leave out if it runs all year.",
    )
    from_: Date | None = Field(
        None,
        alias="from",
        description="First date it runs, for a course or a session that starts later: 2027-01-12.",
    )
    until: Date | None = Field(
        None, description="Last date it runs, for a course or a session that stops: 2027-06-22."
    )

    model_config = ConfigDict(populate_by_name=True)

    @field_validator("until")
    @classmethod
    def _until_after_from(cls, until: dt.date | None, info: ValidationInfo) -> dt.date | None:
        return _date_order(info.data.get("from_"), until)

    @field_validator("closes")
    @classmethod
    def _closes_after_opens(cls, closes: dt.time | None, info: ValidationInfo) -> dt.time | None:
        opens = info.data.get("opens")
        if closes is not None and opens is not None and closes <= opens:
            raise _fail("closes", f"must be later than opens ({opens:%H:%M})")
        return closes

    @model_validator(mode="after")
    def _when(self) -> Session:
        if self.by_appointment:
            return self
        missing = [name for name in ("day", "opens", "closes") if getattr(self, name) is None]
        if missing:
            raise _fail(
                "session",
                "a session needs day, opens and closes (missing: "
                + ", ".join(missing)
                + "), or by_appointment: true",
            )
        return self


class Closed(Model):
    """Days a group is closed: one day, or from one date until another."""

    from_: Date = Field(alias="from", description="First day closed: 2026-12-24.")
    until: Date | None = Field(
        None, description="Last day closed, if more than one day: 2027-01-01."
    )
    reason: OneLine | None = Field(None, description="Why, in a few words: Christmas break.")

    model_config = ConfigDict(populate_by_name=True)

    @field_validator("until")
    @classmethod
    def _until_after_from(cls, until: dt.date | None, info: ValidationInfo) -> dt.date | None:
        return _date_order(info.data.get("from_"), until)

    @property
    def last(self) -> dt.date:
        return self.until or self.from_


class Eligibility(Model):
    """Who the group is for."""

    min_age: StrictInt | None = Field(None, ge=0, le=120, description="Youngest age welcome.")
    max_age: StrictInt | None = Field(None, ge=0, le=120, description="Oldest age welcome.")
    who: Text | None = Field(None, description="Who it is for, in plain words.")

    @field_validator("max_age")
    @classmethod
    def _ages_in_order(cls, max_age: int | None, info: ValidationInfo) -> int | None:
        min_age = info.data.get("min_age")
        if max_age is not None and min_age is not None and max_age < min_age:
            raise _fail("ages", f"must not be below min_age ({min_age})")
        return max_age


class Referral(Model):
    """How people get to the group."""

    routes: Annotated[list[Route], AfterValidator(_no_repeats)] = Field(
        min_length=1,
        description="Any of: self (just turn up or get in touch), gp, social-prescriber, "
        "professional.",
    )
    notes: Text | None = Field(None, description="What to say or bring, in plain words.")


class Source(Model):
    """Where an imported group came from, so a later import updates this file."""

    feed: Text = Field(description="The feed it came from, e.g. its file name or address.")
    id: Text = Field(description="The service's id in that feed. Leave it as it is.")


# Fields an import can only guess or default; a person confirms them.
Reviewable = Literal["summary", "needs", "neighbourhoods", "sessions", "last_reviewed"]


def _nothing_to_review(fields: list[str]) -> list[str]:
    if fields:
        raise _fail(
            "review",
            f"imported: confirm {', '.join(fields)}; check them, then delete this review line",
        )
    return fields


# --- the files ---------------------------------------------------------------------------


class Group(Model):
    """One voluntary, community or social enterprise group: one file in groups/."""

    model_config = ConfigDict(
        title="Group",
        json_schema_extra={"description": "One VCSE group. File name: groups/<slug>.yaml"},
    )

    name: OneLine = Field(max_length=100, description="The group's name as people know it.")
    summary: OneLine = Field(
        max_length=160, description="One plain sentence saying what the group does (≤160 chars)."
    )
    summary_translations: dict[LanguageCode, Annotated[OneLine, Field(max_length=160)]] = Field(
        default_factory=dict,
        description="The summary in other languages, by ISO 639-1 code: {ur: ...}. Shown on "
        "that language's pages; the English summary is shown where there is none.",
    )
    description: Text | None = Field(
        None,
        description="A few paragraphs of Markdown: what happens, what to expect. No HTML.",
    )
    needs: Annotated[list[Slug], AfterValidator(_no_repeats)] = Field(
        min_length=1, description="Need categories this group helps with (see needs.yaml)."
    )
    neighbourhoods: Annotated[list[Slug], AfterValidator(_no_repeats)] = Field(
        min_length=1,
        description="Neighbourhoods served (file names in neighbourhoods/), or [everywhere].",
    )
    contact: Contact = Field(description="Phone, email and website: at least one.")
    venues: list[Venue] = Field(default_factory=list, description="Where the group meets.")
    sessions: list[Session] = Field(default_factory=list, description="When it happens.")
    cost: Cost | None = Field(
        None, description="Write free if it costs nothing; otherwise say what it costs."
    )
    eligibility: Eligibility | None = Field(None, description="Who it is for.")
    languages: Annotated[list[LanguageCode], AfterValidator(_no_repeats)] = Field(
        default_factory=list, description="Languages spoken, as ISO 639-1 codes: en, ur, pl."
    )
    referral: Referral | None = Field(None, description="How people get to the group.")
    closed: list[Closed] = Field(
        default_factory=list,
        description="Dates the group is closed, e.g. holidays or a venue refit: "
        "- from: 2026-12-24 / until: 2027-01-01.",
    )
    open_on_bank_holidays: StrictBool = Field(
        False, description="true if sessions still happen on bank holidays (most groups close)."
    )
    open_during_closures: StrictBool = Field(
        False,
        description="true if the group stays open on the dates every group closes in "
        "closures.yaml (e.g. between Christmas and New Year).",
    )
    last_reviewed: PastDate = Field(
        description="When someone last checked this entry was right: 2026-09-14."
    )
    formerly: Formerly = Field(
        default_factory=list,
        description="Earlier file names of this group, oldest first, so printed links and QR "
        "codes to groups/<old-name>/ still arrive here: [old-name].",
    )
    source: Source | None = Field(
        None, description="Set by `directory import`: the feed and id this group came from."
    )
    review: Annotated[list[Reviewable], AfterValidator(_nothing_to_review)] | None = Field(
        None, description="Set by `directory import`: fields it guessed. Check, then delete it."
    )

    _slug: str = PrivateAttr("")

    @field_validator("description")
    @classmethod
    def _safe_markdown(cls, text: str | None) -> str | None:
        if text is not None:
            problem = check_description(text)
            if problem:
                raise _fail("markdown", problem)
        return text

    @property
    def slug(self) -> str:
        return self._slug

    @property
    def first_slug(self) -> str:
        """The slug the group was first published under: its open-data ids come from it, so
        a rename does not change them."""
        return self.formerly[0] if self.formerly else self.slug

    @property
    def is_free(self) -> bool:
        return self.cost is not None and self.cost.strip().lower() == "free"

    @property
    def serves_everywhere(self) -> bool:
        return EVERYWHERE in self.neighbourhoods


class ClosedGroup(Model):
    """A group that has stopped: one short file in closed-groups/, named as its group file was.

    Its old address keeps working and sends people to the needs it helped with."""

    model_config = ConfigDict(
        title="Closed group",
        json_schema_extra={
            "description": "A group that has closed. File name: closed-groups/<old-slug>.yaml"
        },
    )

    name: Text = Field(max_length=100, description="The group's name as people knew it.")
    closed: Date = Field(description="When the group stopped meeting: 2026-11-30.")
    needs: Annotated[list[Slug], AfterValidator(_no_repeats)] = Field(
        min_length=1,
        description="Need categories it helped with (see needs.yaml): its page links to them.",
    )
    note: OneLine | None = Field(
        None,
        max_length=200,
        description="One plain sentence for its members, e.g. Members now meet at the Pop In Cafe.",
    )
    formerly: Formerly = Field(
        default_factory=list,
        description="Earlier file names of this group, oldest first, if it was renamed before.",
    )

    _slug: str = PrivateAttr("")

    @property
    def slug(self) -> str:
        return self._slug


class Neighbourhood(Model):
    """A neighbourhood: one file in neighbourhoods/."""

    name: OneLine = Field(description="The neighbourhood's name.")
    description: Text = Field(description="A sentence or two about the area.")
    areas: list[Text] = Field(min_length=1, description="Wards, villages and estates in it.")
    postcode_districts: list[Annotated[str, Field(pattern=DISTRICT_PATTERN)]] = Field(
        min_length=1, description="Postcode districts it covers, e.g. M30."
    )

    _slug: str = PrivateAttr("")

    @property
    def slug(self) -> str:
        return self._slug


class Helpline(Model):
    """A national helpline, shown on the pages of a need that lists it."""

    name: Text = Field(description="Who answers, e.g. National Domestic Abuse Helpline.")
    phone: Annotated[str, Field(pattern=r"^[0-9][0-9 ]{2,15}$")] = Field(
        description="The number as people dial it, e.g. 0808 2000 247 or 999."
    )
    hours: Text | None = Field(None, description="When it answers, e.g. 24 hours, free.")


class Need(Model):
    """A need category: one entry in needs.yaml."""

    slug: Slug = Field(description="Short name used in group files, e.g. carers.")
    title: OneLine = Field(description="Title shown on the site, e.g. Carers.")
    description: Text = Field(description="One sentence saying what falls under this need.")
    sensitive: StrictBool = Field(
        False,
        description="true for a need someone may be in danger over (domestic abuse): its pages "
        "and its groups' pages get a quick-exit button and the helplines.",
    )
    helplines: list[Helpline] = Field(
        [], description="National helplines shown on this need's pages and its groups' pages."
    )
    other_words: list[Text] = Field(
        default=[],
        description="Words residents use for this need, for search only: food bank, hungry.",
    )


class NeedList(Model):
    """needs.yaml: the reviewed list of need categories."""

    needs: list[Need] = Field(min_length=1)


class Term(Model):
    """One school term (or half term): the first and last day children are in school."""

    name: Text = Field(description="What schools call it, e.g. Autumn term, first half.")
    starts: Date = Field(description="First day in school: 2026-09-03.")
    ends: Date = Field(description="Last day in school before the break: 2026-10-23.")

    @field_validator("ends")
    @classmethod
    def _ends_after_starts(cls, ends: dt.date, info: ValidationInfo) -> dt.date:
        starts = info.data.get("starts")
        if starts is not None and ends < starts:
            raise _fail("term", f"must not be before starts ({starts.isoformat()})")
        return ends


class TermDates(Model):
    """terms.yaml: school term dates, for sessions that run in term time only."""

    terms: list[Term] = Field(
        min_length=1, description="Each term, in date order; the gaps between are holidays."
    )

    @field_validator("terms")
    @classmethod
    def _in_order(cls, terms: list[Term]) -> list[Term]:
        for before, after in zip(terms, terms[1:], strict=False):
            if after.starts <= before.ends:
                raise _fail(
                    "terms", f"{after.name} must start after {before.name} ends; keep date order"
                )
        return terms

    def in_term(self, day: dt.date) -> bool:
        return any(term.starts <= day <= term.ends for term in self.terms)


class Closure(Model):
    """Dates most groups close, e.g. between Christmas and New Year."""

    name: OneLine = Field(description="What people call it: Christmas and New Year.")
    from_: Date = Field(alias="from", description="First day closed: 2026-12-29.")
    until: Date = Field(description="Last day closed: 2026-12-31.")

    model_config = ConfigDict(populate_by_name=True)

    @field_validator("until")
    @classmethod
    def _until_after_from(cls, until: dt.date, info: ValidationInfo) -> dt.date:
        return _date_order(info.data.get("from_"), until) or until


class Closures(Model):
    """closures.yaml: bank holidays' region and the dates most groups close."""

    bank_holidays: Literal["england-and-wales", "scotland", "northern-ireland"] = Field(
        "england-and-wales",
        description="Whose bank holidays groups close on: england-and-wales, scotland or "
        "northern-ireland.",
    )
    closures: list[Closure] = Field(
        default_factory=list,
        description="Dates every group is closed unless its file says open_during_closures: true.",
    )
