"""The shortlist on paper: a handout of the groups someone picked, with a QR code each.

The shortlist page is drawn in the browser from data/shortlist.json, so its QR codes
cannot be in the page. Each group's code is a small SVG file instead, `qr/<slug>.svg` in
each language's folder (its address is that language's group page, as on the printed
handouts), and find.js puts an <img> on the picked groups' cards only. Keeping the codes
out of shortlist.json keeps that file the same size (a code is about 2.5 KB, the card it
would join about 1.8 KB); the files are the QR cache's own, copied by MkDocs, never held
in memory.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..data.directory import Directory
from . import qrcodes
from .carddata import QR_DIR
from .handouts import group_url
from .i18n import ENGLISH, Language


def qr_files(
    directory: Directory, site_url: str, language: Language = ENGLISH
) -> Iterator[tuple[str, str]]:
    """(path in the site, file to copy there) for each group's QR code in `language`."""
    for group in directory.groups:
        file = qrcodes.svg_file(group_url(site_url, group, language.prefix))
        yield f"{language.prefix}{QR_DIR}{group.slug}.svg", str(file)
