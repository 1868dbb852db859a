"""Open data files built with the site: groups.json, groups.csv and the ORUK 3.0 files.

`export_files` returns every file as bytes keyed by its path in the built site, so the
MkDocs hook only has to add them; the same input always gives byte-identical files.
data/postcode-districts.csv is the district centres the site's "near me" uses, so the ORUK
API (api.py), which reads only the built site, can answer `postcode` and `proximity`.

groups.csv is meant to be opened in spreadsheets. A cell that starts with `=`, `+`, `-`,
`@`, a tab or a carriage return could run as a formula there (CSV injection), so such
cells (other than a plain negative number) get a leading apostrophe, which spreadsheets
show as plain text. The file is UTF-8 with a byte-order mark, because Excel reads it as a
legacy code page otherwise.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator

from ..data import wording
from ..data.directory import Directory
from ..data.models import Group
from . import oruk
from .places import SiteInfo, site_info

DATA_DIR = "data"
ORUK_DIR = f"{DATA_DIR}/oruk"
DISTRICTS_CSV = f"{DATA_DIR}/postcode-districts.csv"
LICENCE = {
    "name": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}
SAMPLE_NOTE = (
    "Example data: every group, person, phone number, email address and website is "
    "fictional. Do not contact them."
)
CSV_COLUMNS = (
    "id",
    "slug",
    "name",
    "organisation",
    "summary",
    "needs",
    "neighbourhoods",
    "phone",
    "email",
    "website",
    "venues",
    "postcodes",
    "latitude",
    "longitude",
    "step_free",
    "when",
    "cost",
    "min_age",
    "max_age",
    "who",
    "languages",
    "referral",
    "referral_notes",
    "last_reviewed",
    "page",
    "description",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")  # a longitude such as -2.295 is a value, not a formula


def spreadsheet_safe(cell: str) -> str:
    """Make a cell that a spreadsheet would run as a formula show as text instead."""
    if cell.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def dump_json(data: object, indent: int | None = None) -> bytes:
    """Compact by default, like an API response (and json's fast C encoder)."""
    separators = (",", ": ") if indent else (",", ":")
    text = json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)
    return (text + "\n").encode("utf-8")


def page_url(site_url: str | None, group: Group) -> str:
    path = f"groups/{group.slug}/"
    return f"{site_url.rstrip('/')}/{path}" if site_url else path


def group_record(group: Group, site_url: str | None) -> dict[str, object]:
    """A group as plain JSON: the file's own fields, plus its ids and page."""
    data = group.model_dump(mode="json", exclude_none=True)
    for session, model in zip(data["sessions"], group.sessions, strict=True):
        for key in ("opens", "closes"):  # 12:00, as group files write it, not 12:00:00
            if getattr(model, key) is not None:
                session[key] = wording.clock(getattr(model, key))
    return {
        "id": oruk.service_id(group),
        "slug": group.slug,
        "page": page_url(site_url, group),
        **data,
    }


def groups_json(directory: Directory, site_url: str | None) -> bytes:
    return dump_json(
        {
            "note": SAMPLE_NOTE,
            "licence": LICENCE,
            "count": len(directory.groups),
            "groups": [group_record(g, site_url) for g in directory.groups],
        },
        indent=1,  # one value a line: easy to read and to diff
    )


def _flag(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def csv_row(directory: Directory, group: Group, site_url: str | None) -> list[str]:
    rule = group.eligibility
    contact = group.contact
    places = (
        "Everywhere"
        if group.serves_everywhere
        else "; ".join(p.name for p in directory.neighbourhoods_of(group))
    )
    values: dict[str, object] = {
        "id": oruk.service_id(group),
        "slug": group.slug,
        "name": group.name,
        "organisation": group.name,  # each group is its own organisation, as in ORUK
        "summary": group.summary,
        "needs": "; ".join(n.title for n in directory.needs_of(group)),
        "neighbourhoods": places,
        "phone": wording.phone_display(contact.phone) if contact.phone else "",
        "email": contact.email,
        "website": contact.website,
        "venues": "; ".join(f"{v.name}, {wording.full_address(v)}" for v in group.venues),
        "postcodes": "; ".join(v.postcode for v in group.venues),
        # one value per venue, in venue order; blank where a venue does not say
        "latitude": "; ".join("" if v.lat is None else str(v.lat) for v in group.venues),
        "longitude": "; ".join("" if v.lon is None else str(v.lon) for v in group.venues),
        "step_free": "; ".join(_flag(v.step_free) for v in group.venues),
        "when": wording.when_short(group),
        "cost": wording.cost(group),
        "min_age": rule.min_age if rule else None,
        "max_age": rule.max_age if rule else None,
        "who": rule.who if rule else None,
        "languages": "; ".join(oruk.language_name(code) for code in group.languages),
        "referral": "; ".join(group.referral.routes) if group.referral else "",
        "referral_notes": group.referral.notes if group.referral else None,
        "last_reviewed": group.last_reviewed.isoformat(),
        "page": page_url(site_url, group),
        "description": group.description,
    }
    return [spreadsheet_safe("" if values[c] is None else str(values[c])) for c in CSV_COLUMNS]


def groups_csv(directory: Directory, site_url: str | None) -> bytes:
    """One row per group, flat columns; lists are joined with '; '."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for group in directory.groups:
        writer.writerow(csv_row(directory, group, site_url))
    return out.getvalue().encode("utf-8-sig")


def districts_csv(directory: Directory) -> bytes:
    lines = ["district,lat,lon"]
    lines += [f"{d},{lat},{lon}" for d, (lat, lon) in sorted(directory.districts.items())]
    return ("\n".join(lines) + "\n").encode("utf-8")


def export_files(directory: Directory, site: SiteInfo | str | None = None) -> dict[str, bytes]:
    """Every open data file, keyed by its path in the built site. `site` is the site's
    address, or a SiteInfo with its configured region and town too."""
    return dict(each_export(directory, site))


def each_export(
    directory: Directory, site: SiteInfo | str | None = None
) -> Iterator[tuple[str, bytes]]:
    """Every open data file as (path, bytes), made one at a time, so a build can write
    each to disk and let it go."""
    site = site_info(directory.districts, site)
    site_url = site.url
    yield f"{DATA_DIR}/groups.json", groups_json(directory, site_url)
    yield f"{DATA_DIR}/groups.csv", groups_csv(directory, site_url)
    yield DISTRICTS_CSV, districts_csv(directory)
    for path, document in oruk.each_document(directory, site):
        yield f"{ORUK_DIR}/{path}", dump_json(document)
    # Every id is made by now and none is asked for again in a build; the cache of them
    # would otherwise hold about 60 MiB at 15,000 groups to the end.
    oruk.stable_id.cache_clear()
