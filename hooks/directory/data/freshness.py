"""How old an entry is. Builds are reproducible: 'today' honours SOURCE_DATE_EPOCH."""

from __future__ import annotations

import datetime as dt
import os

from .models import Group

STALE_AFTER_MONTHS = 12


def today() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def months_between(earlier: dt.date, later: dt.date) -> int:
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


def is_stale(group: Group, on: dt.date, months: int = STALE_AFTER_MONTHS) -> bool:
    return months_between(group.last_reviewed, on) >= months


def stale_groups(groups: list[Group], on: dt.date, months: int = STALE_AFTER_MONTHS) -> list[Group]:
    """Groups not checked for `months` months or more, oldest first."""
    old = [g for g in groups if is_stale(g, on, months)]
    return sorted(old, key=lambda g: (g.last_reviewed, g.slug))


def stale_warning(group: Group, on: dt.date | None = None) -> str:
    """A short warning for wherever times show (card, page, handout), or '' if fresh."""
    on = on or today()
    if not is_stale(group, on):
        return ""
    checked = f"{group.last_reviewed.day} {group.last_reviewed:%B %Y}"
    return f"May be out of date: last checked {checked}. Ring before you go."
