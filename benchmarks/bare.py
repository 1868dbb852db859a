"""The baseline: a bare Material site of plain Markdown pages, one per group and more.

Same theme, same search plugin, as many HTML pages as our site, pages kept out of the nav
(as ours are), and no hooks. Each page is a short Markdown version of a group page, so
the difference between this build and ours is what our data loading, pages and hooks cost.
"""

from __future__ import annotations

from pathlib import Path

CONFIG = """site_name: Bare Material baseline
site_url: https://example.org/
theme:
  name: material
  language: en
  font: false
nav:
  - Home: index.md
not_in_nav: |
  /groups/
plugins:
  - search
"""

PAGE = """# {name}

{name} helps people in Salford: come along, meet people and get support.

## Contact

- Phone: 0161 496 0123
- Email: <hello@example.org>

## When

- Every Tuesday, 10:00 to 12:00 at the community centre

## Where

**Community Centre**, 12 Church Street, Eccles, M30 0LS

- Step-free access
- Accessible toilet

## Cost

Free

## Who it is for

Everyone

## How to get referred

- Just turn up or get in touch yourself

## About {name}

{name} meets every week. Everyone gets a warm welcome and a cup of tea. Volunteers run
every session and most have been coming for years.

- Tea, coffee and biscuits at every session.
- Quiet room available if you need a break.
"""


def write_bare_site(target: Path, names: list[str], pages: int | None = None) -> Path:
    """Write a bare Material project whose build has `pages` HTML pages (home and 404
    included; default one per name), reusing the names in turn; return its mkdocs.yml."""
    docs = target / "docs"
    (docs / "groups").mkdir(parents=True)
    (docs / "index.md").write_text("# Baseline\n\nA bare Material site.\n", encoding="utf-8")
    count = len(names) if pages is None else max(pages - 2, 1)
    for i in range(count):
        name = names[i % len(names)]
        (docs / "groups" / f"g{i:05d}.md").write_text(PAGE.format(name=name), encoding="utf-8")
    config = target / "mkdocs.yml"
    config.write_text(CONFIG, encoding="utf-8")
    return config
