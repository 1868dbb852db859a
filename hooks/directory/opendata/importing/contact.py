"""Phones, emails and websites: the first usable one of each goes in `contact`, and every
other one is kept in the description so nothing a person could use is dropped."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import ValidationError

from ...data.models import Contact
from .reading import Context, items, one_line, short


def _valid(**values: str) -> bool:
    try:
        Contact.model_validate(values)
    except ValidationError:
        return False
    return True


def _number(phone: dict) -> str:
    number = one_line(phone.get("number"))
    extension = one_line(phone.get("extension"))
    return f"{number} ext. {extension}" if number and extension else number


def phones(ctx: Context) -> Iterator[tuple[str, str, str]]:
    """(path, number with extension, what it is for) from every place HSDS puts phones:
    the service, its contacts, its venues and its organisation."""
    s = ctx.service
    places = [("phones", s)] + [(f"contacts[{i}].phones", c) for i, c in items(s, "contacts")]
    for i, link in items(s, "service_at_locations"):
        location = link.get("location")
        places.append((f"service_at_locations[{i}].location.phones", location))
    org = s.get("organization")
    places.append(("organization.phones", org if isinstance(org, dict) else {}))
    for base, node in places:
        for i, phone in items(node, "phones"):
            number = _number(phone)
            if number:
                purpose = one_line(phone.get("description") or phone.get("type") or "")
                yield f"{base}[{i}]", number, purpose


def emails(ctx: Context) -> Iterator[tuple[str, str]]:
    s = ctx.service
    yield "email", one_line(s.get("email"))
    for i, person in items(s, "contacts"):
        yield f"contacts[{i}].email", one_line(person.get("email"))
    org = s.get("organization")
    if isinstance(org, dict):
        yield "organization.email", one_line(org.get("email"))


def websites(ctx: Context) -> Iterator[tuple[str, str]]:
    s = ctx.service
    yield "url", one_line(s.get("url"))
    org = s.get("organization")
    if isinstance(org, dict):  # 1.x `organization.url` was renamed to website by feed.py
        yield "organization.website", one_line(org.get("website"))


def with_scheme(url: str) -> str:
    return url if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url) else "https://" + url.lstrip("/")


def read_contact(ctx: Context) -> dict[str, str] | None:
    found: dict[str, str] = {}
    others: list[str] = []
    for path, number, purpose in phones(ctx):
        for key in ("number", "extension", "description", "type"):
            ctx.take(_at(ctx.service, path), key, path)
        if number in (found.get("phone"), *others):
            continue
        if "phone" not in found and _valid(phone=number):
            found["phone"] = number
        elif _valid(phone=number):
            others.append(f"{number} ({purpose})" if purpose else number)
        else:
            ctx.lost(path, f"{short(number)} is not a UK phone number")
    if others:
        ctx.extra.append("Other numbers: " + "; ".join(others) + ".")
    more: list[str] = []
    for path, email in emails(ctx):
        if not email:
            continue
        ctx.mark(path)
        if email in (found.get("email"), *more):
            continue
        if not _valid(email=email):
            ctx.lost(path, f"{short(email)} is not an email address")
        elif "email" in found:
            more.append(email)
        else:
            found["email"] = email
    if more:
        ctx.extra.append("Other email addresses: " + "; ".join(more) + ".")
    for path, url in websites(ctx):
        if not url:
            continue
        ctx.mark(path)
        fixed = with_scheme(url)
        if not _valid(website=fixed):
            ctx.lost(path, f"{short(url)} is not a web address")
            continue
        if fixed != url:
            ctx.note("changed", path, f"https:// added to {short(url)}")
        if "website" not in found:
            found["website"] = fixed
        elif fixed != found["website"]:
            ctx.extra.append(f"Also online: <{fixed}>")
    return found or None


def _at(service: dict, path: str) -> dict:
    node: object = service
    for part in re.findall(r"[^.\[\]]+", path):
        node = node[int(part)] if part.isdigit() else node.get(part)  # type: ignore[index,union-attr]
    return node if isinstance(node, dict) else {}
