"""Cost, eligibility, languages, referral, review date and the organisation."""

from __future__ import annotations

import datetime as dt
import re

from babel import Locale, UnknownLocaleError

from ...data.freshness import today
from .reading import Context, items, one_line, short
from .terms import read_routes

KNOWN_LANGUAGES = Locale("en").languages


def money(value: float) -> str:
    return f"£{value:.2f}" if value != int(value) else f"£{int(value)}"


def read_cost(ctx: Context) -> str | None:
    texts: list[str] = []
    free = True
    for i, option in items(ctx.service, "cost_options"):
        path = f"cost_options[{i}]"
        label = one_line(ctx.take(option, "option", path))
        amount = ctx.take(option, "amount", path)
        detail = one_line(ctx.take(option, "amount_description", path))
        ctx.take(option, "currency", path)
        if amount not in (None, 0) or detail or label.casefold() not in ("", "free"):
            free = False
        price = detail
        if isinstance(amount, int | float) and not re.search(r"£|\d+p\b", detail):
            price = " ".join(filter(None, [money(amount), detail]))
        if label and label.casefold() != "free":
            price = f"{label}: {price}" if price else label
        texts.append(price or "Free")
    fees = one_line(
        ctx.take(ctx.service, "fees", "") or ctx.take(ctx.service, "fees_description", "")
    )
    if texts:
        if fees and fees not in texts:
            ctx.extra.append(f"Fees: {fees}")
        return "free" if free else "; ".join(texts)
    return fees or None


def _age(ctx: Context, node: dict, key: str, path: str) -> int | None:
    age = ctx.take(node, key, path)
    if isinstance(age, int | float) and age == int(age) and 0 <= age <= 120:
        return int(age)
    if age is not None:
        ctx.lost(f"{path}.{key}".lstrip("."), f"{short(age)} is not a whole age from 0 to 120")
    return None


def read_eligibility(ctx: Context) -> dict | None:
    s = ctx.service
    rule: dict[str, object] = {}
    places = [("", s)] + [(f"eligibilities[{i}]", e) for i, e in items(s, "eligibilities")]
    audiences: list[str] = []
    for path, node in places:
        for key, ours in (("minimum_age", "min_age"), ("maximum_age", "max_age")):
            age = _age(ctx, node, key, path)
            if age is not None and ours not in rule and not (ours == "max_age" and age == 0):
                rule[ours] = age
        if path:
            audience = one_line(ctx.take(node, "eligibility", path))
            if audience and audience not in audiences:
                audiences.append(audience)
    if rule.get("max_age", 200) < rule.get("min_age", 0):
        ctx.lost("maximum_age", "it is below the minimum age")
        del rule["max_age"]
    who = [one_line(ctx.take(s, "eligibility_description", ""))]
    if audiences:
        who.append("For: " + ", ".join(audiences) + ".")
    if any(who):
        rule["who"] = " ".join(w for w in who if w)
    return rule or None


def language_code(entry: dict) -> str | None:
    code = one_line(entry.get("code")).lower()
    if len(code) == 2 and code in KNOWN_LANGUAGES:
        return code
    if code:
        try:
            parsed = Locale.parse(code).language
        except (ValueError, TypeError, LookupError, UnknownLocaleError):
            parsed = None
        if parsed and len(parsed) == 2 and parsed in KNOWN_LANGUAGES:
            return parsed
    name = one_line(entry.get("name")).casefold()
    return next(
        (c for c, n in sorted(KNOWN_LANGUAGES.items()) if len(c) == 2 and n.casefold() == name),
        None,
    )


def read_languages(ctx: Context) -> list[str]:
    """ISO codes for the field; sign languages and notes go in the description."""
    codes: list[str] = []
    other: list[str] = []
    for i, entry in items(ctx.service, "languages"):
        path = f"languages[{i}]"
        code = language_code(entry)
        name = one_line(ctx.take(entry, "name", path))
        ctx.take(entry, "code", path)
        note = one_line(ctx.take(entry, "note", path))
        if code and code not in codes:
            codes.append(code)
        elif not code and not (name or note):
            ctx.lost(path, "no language name or code we recognise")
        if note:
            other.append(f"{name}: {note}" if name else note)
        elif name and not code:
            other.append(name)
    if other:
        ctx.extra.append("Languages: " + "; ".join(other) + ".")
    return codes


def read_referral(ctx: Context) -> dict | None:
    routes = read_routes(ctx)
    process = one_line(ctx.take(ctx.service, "application_process", ""))
    if routes:
        return {"routes": routes, **({"notes": process} if process else {})}
    if process:  # no field for it without routes: keep it where people will read it
        ctx.extra.append(f"How to join: {process}")
    return None


def read_last_reviewed(ctx: Context) -> dt.date:
    for key in ("assured_date", "last_modified"):
        try:
            day = dt.date.fromisoformat(str(ctx.service.get(key))[:10])
        except ValueError:
            continue
        ctx.take(ctx.service, key, "")
        return day
    ctx.confirm("last_reviewed", "the feed gave no assured date; set to the day of the import")
    return today()


def read_organization(ctx: Context, name: str, summary: str) -> None:
    """The organisation's name and charity number are kept when they are not the group's."""
    org = ctx.service.get("organization")
    if not isinstance(org, dict):
        return
    org_name = one_line(ctx.take(org, "name", "organization"))
    if one_line(org.get("description")) == summary:
        ctx.take(org, "description", "organization")
    number = one_line(org.get("charity_number"))
    facts = []
    if org_name and org_name.casefold() != name.casefold():
        facts.append(f"Run by {org_name}")
    if number:
        ctx.take(org, "charity_number", "organization")
        facts.append(f"registered charity {number}")
    if facts:
        text = ", ".join(facts)
        ctx.extra.append(text if text.endswith(".") else text + ".")
