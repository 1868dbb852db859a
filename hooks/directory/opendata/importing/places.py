"""Venues from locations, and neighbourhoods from service areas and venue postcodes."""

from __future__ import annotations

import re

from pydantic import ValidationError

from ...data.models import EVERYWHERE, POSTCODE_PATTERN, Neighbourhood, Venue
from .. import oruk
from .reading import Context, items, join, one_line, short

ACCESS_FLAGS = {
    "Step-free access": ("step_free", True),
    "Not step-free: there are steps": ("step_free", False),
    "Accessible toilet": ("accessible_toilet", True),
    "No accessible toilet": ("accessible_toilet", False),
    "Hearing loop": ("hearing_loop", True),
    "No hearing loop": ("hearing_loop", False),
}


def postcode(value: str) -> str | None:
    squashed = re.sub(r"\s+", "", value.upper())
    text = f"{squashed[:-3]} {squashed[-3:]}"
    return text if re.fullmatch(POSTCODE_PATTERN, text) else None


def read_venues(ctx: Context) -> list[dict]:
    venues: list[dict] = []
    for i, link in items(ctx.service, "service_at_locations"):
        path = f"service_at_locations[{i}]"
        location = link.get("location")
        if not isinstance(location, dict):
            continue
        venue = read_venue(ctx, location, f"{path}.location")
        if venue is not None and venue["name"] not in [v["name"] for v in venues]:
            venues.append(venue)
        if venue is not None:
            for key in (link.get("id"), location.get("id")):
                if key:
                    ctx.venue_ids[str(key)] = str(venue["name"])
    return venues


def read_venue(ctx: Context, location: dict, path: str) -> dict | None:
    take = ctx.take
    kind = location.get("location_type")
    if kind not in (None, "physical"):
        ctx.lost(path, f"a {kind} location: group files hold places people go")
        return None
    addresses = [(j, a) for j, a in items(location, "addresses")]
    chosen = next(
        ((j, a) for j, a in addresses if a.get("address_type") in (None, "physical")),
        addresses[0] if addresses else None,
    )
    address = chosen[1] if chosen else {}
    code = postcode(str(address.get("postal_code") or ""))
    street = one_line(address.get("address_1"))
    if code is None or not street:
        found = short(address.get("postal_code")) if chosen else "no address"
        ctx.lost(path, f"the venue needs a street and a UK postcode ({found})")
        return None
    at = f"{path}.addresses[{chosen[0]}]"
    take(location, "location_type", path)
    for key in ("address_1", "postal_code", "address_type"):
        take(address, key, at)
    town = one_line(take(address, "city", at))
    for key in ("state_province", "region"):
        if address.get(key) == oruk.COUNTY:
            take(address, key, at)
    if address.get("country") in (oruk.COUNTRY, "UK", "GBR", "England"):
        take(address, "country", at)
    name = one_line(take(location, "name", path)) or street
    town_given = town and not street.casefold().endswith(town.casefold())
    full = f"{street}, {town}" if town_given else street
    venue: dict[str, object] = {"name": name, "address": full, "postcode": code}
    lat, lon = location.get("latitude"), location.get("longitude")
    if lat is not None and lon is not None:
        try:
            Venue.model_validate({**venue, "lat": lat, "lon": lon})
            venue.update(lat=lat, lon=lon)
            ctx.mark(join(path, "latitude"))
            ctx.mark(join(path, "longitude"))
        except ValidationError:
            ctx.lost(join(path, "latitude"), f"({lat}, {lon}) is not in the UK")
            ctx.mark(join(path, "longitude"))
    for j, access in items(location, "accessibility"):
        read_access(ctx, venue, access, f"{path}.accessibility[{j}]")
    return venue


def read_access(ctx: Context, venue: dict, access: dict, path: str) -> None:
    """Our own accessibility wording back into fields; other words go in the description."""
    key = "description" if access.get("description") else "accessibility"
    text = one_line(access.get(key))
    if not text:
        return
    ctx.take(access, key, path)
    if text in ACCESS_FLAGS:
        field, value = ACCESS_FLAGS[text]
        venue[field] = value
    elif text.startswith("Parking: "):
        venue["parking"] = text.removeprefix("Parking: ")
    elif text.startswith("Getting there: "):
        venue["public_transport"] = text.removeprefix("Getting there: ")
    else:
        ending = "" if text.endswith((".", "!", "?")) else "."
        ctx.extra.append(f"Access at {venue['name']}: {text}{ending}")
        ctx.note("moved", path, "kept in the description (free text, not one of our fields)")


def own_place(ctx: Context, area: dict) -> Neighbourhood | None:
    names = {one_line(area.get(k)).casefold() for k in ("name", "service_area")}
    uri = str(area.get("uri") or "")
    for place in ctx.directory.neighbourhoods:
        own = {place.name.casefold(), place.slug} | {a.casefold() for a in place.areas}
        if uri.endswith(f"/neighbourhoods/{place.slug}/") or names & own:
            return place
    return None


def read_neighbourhoods(ctx: Context, venues: list[dict]) -> list[str]:
    places = ctx.directory.neighbourhoods
    found: list[str] = []
    for i, area in items(ctx.service, "service_areas"):
        path = f"service_areas[{i}]"
        for key in ("name", "service_area", "uri"):
            ctx.take(area, key, path)
        place = own_place(ctx, area)
        uri = str(area.get("uri") or "")
        keys = [area.get("name"), area.get("service_area"), uri, uri.rstrip("/").rsplit("/")[-1]]
        mapped = [place.slug] if place else ctx.terms.lookup("neighbourhoods", *keys)
        if mapped is None:
            label = area.get("name") or area.get("service_area") or uri or "(an area with no name)"
            ctx.note("unmapped", path, one_line(label))
        found += mapped or []
    for venue in venues:
        district = str(venue["postcode"]).split(" ")[0]
        found += [p.slug for p in places if district in p.postcode_districts]
    if EVERYWHERE in found:
        return [EVERYWHERE]
    unique = [p.slug for p in places if p.slug in found]
    if unique and len(unique) == len(places):
        return [EVERYWHERE]
    if unique:
        return unique
    ctx.confirm("neighbourhoods", "no service area or venue postcode matched; set to everywhere")
    return [EVERYWHERE]
