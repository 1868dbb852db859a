"""Printing: pages and handouts printed to A4 PDF by Chromium, read back with poppler.

These are the checks a clinic receptionist would make by eye: one sheet per need, every
phone number there, no menus or buttons on paper, QR codes that open the right page.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from directory.data import wording
from directory.data.directory import Directory
from directory.data.models import Group
from directory.site.handouts import needs_in

# Text that belongs to the screen only: header, search, announce bar, nav, buttons.
CHROME = [
    "Search",
    "Skip to content",
    "Example site:",
    "Edit this page",
    "Edit this entry",
    "Report a problem",
    "Neighbourhoods",
    "Add or update your group",
    "About this directory",
    "Entries to check",
    "Print this handout",
    "Large print version",
]
SIXTEEN_POINT_PX = 16 * 96 / 72


def print_pdf(page, site_url: str, path: str, out: Path) -> Path:  # page: playwright Page
    page.goto(site_url + path)
    out.write_bytes(page.pdf(format="A4", print_background=False))
    return out


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    found = re.search(r"^Pages:\s+(\d+)$", info.stdout, re.M)
    assert found is not None, info.stdout
    return int(found.group(1))


def pdf_text(pdf: Path, page: int | None = None) -> str:
    """The PDF's text with runs of white space made single, so wrapped lines still match."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    out = subprocess.run(
        ["pdftotext", *pages, str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(out.stdout.split())


def _phone(group: Group) -> str | None:
    return wording.phone_display(group.contact.phone) if group.contact.phone else None


def _in_handout(directory: Directory, place: str, need: str) -> list[Group]:
    return [g for g in directory.groups_in(place) if need in g.needs]


def _longest_group_page(built_site: Path) -> str:
    def length(index: Path) -> int:
        html = index.read_text(encoding="utf-8")
        article = re.search(r'<article class="dir-group">.*?</article>', html, re.S)
        return len(re.sub(r"<[^>]+>", "", article.group(0))) if article else 0

    # Old addresses (redirects) and closed groups' pages live under groups/ too.
    pages = sorted((built_site / "groups").glob("*/index.html"), key=length)
    assert length(pages[-1]) > 0
    return pages[-1].parent.name


# --- handouts ----------------------------------------------------------------------------


def test_biggest_need_handouts_fit_one_a4_page_with_every_phone(
    page, site_url: str, directory: Directory, tmp_path: Path
) -> None:
    counts = []
    for place in directory.neighbourhoods:
        fitting = [(need, n) for need, n in needs_in(directory, place) if n <= 8]
        need, count = max(fitting, key=lambda pair: pair[1])
        path = f"handouts/{place.slug}/{need.slug}/"
        pdf = print_pdf(page, site_url, path, tmp_path / f"{place.slug}.pdf")
        assert pdf_pages(pdf) == 1, path
        text = pdf_text(pdf)
        groups = _in_handout(directory, place.slug, need.slug)
        assert len(groups) == count
        for group in groups:
            assert group.name in text, (path, group.name)
            if _phone(group):
                assert _phone(group) in text, (path, group.name)
        counts.append(count)
    assert max(counts) >= 6, "test the layout with a handout that nearly fills a page"


def test_eight_of_the_tallest_entries_still_fit_one_page(
    page, site_url: str, directory: Directory, tmp_path: Path
) -> None:
    """The sample's busiest one-need handout has fewer than 8 groups; the promise is 8.
    Find the tallest entry in any handout (as printed), put 8 copies in one and print."""
    page.set_viewport_size({"width": 703, "height": 1032})  # A4 less 12 mm margins, at 96 dpi
    page.emulate_media(media="print")
    tallest = (0, "")
    for place in directory.neighbourhoods:  # the full handouts, all parts, hold every group
        page.goto(f"{site_url}handouts/{place.slug}/")
        parts = page.eval_on_selector_all(".dir-handout-parts a", "as => as.map(a => a.href)")
        for url in [None, *parts]:
            if url:
                page.goto(url)
            height, html = page.evaluate(
                """() => [...document.querySelectorAll('.dir-entry')]
                    .map((li) => [li.offsetHeight, li.outerHTML])
                    .reduce((a, b) => (b[0] > a[0] ? b : a))"""
            )
            tallest = max(tallest, (height, html))
    assert tallest[0] > 0
    place = directory.neighbourhoods[0]
    page.goto(f"{site_url}handouts/{place.slug}/{needs_in(directory, place)[0][0].slug}/")
    entries = page.evaluate(
        """(html) => {
            const list = document.querySelector('.dir-handout-list');
            list.innerHTML = html.repeat(8);
            return list.children.length;
        }""",
        tallest[1],
    )
    assert entries == 8
    pdf = tmp_path / "eight.pdf"
    pdf.write_bytes(page.pdf(format="A4", print_background=False))
    assert pdf_pages(pdf) == 1


@pytest.mark.parametrize("path", ["handouts/eccles-irlam/", "large-print/eccles-irlam/"])
def test_a_long_handouts_first_part_fits_two_sides(
    page, site_url: str, path: str, tmp_path: Path
) -> None:
    pdf = print_pdf(page, site_url, path, tmp_path / "part.pdf")
    assert pdf_pages(pdf) <= 2
    assert "part 1 of" in pdf_text(pdf, 1)


def test_full_handout_never_splits_a_group_across_pages(
    page, site_url: str, directory: Directory, tmp_path: Path
) -> None:
    place = "walkden-little-hulton"
    pages = []
    for part, path in enumerate([f"handouts/{place}/", f"handouts/{place}/part-2/"], 1):
        pdf = print_pdf(page, site_url, path, tmp_path / f"part-{part}.pdf")
        assert pdf_pages(pdf) <= 2, f"{path} is more than two sides of A4"
        pages += [pdf_text(pdf, n) for n in range(1, pdf_pages(pdf) + 1)]
    assert len(pages) >= 2
    groups = [g for g in directory.groups_in(place) if _phone(g)]
    assert len(groups) >= 10
    for group in groups:
        start = " ".join(group.summary.split())[:40]  # the summary opens the entry
        holding = [text for text in pages if start in text]
        assert len(holding) == 1, group.name
        assert _phone(group) in holding[0], f"{group.name} is split across two pages"


def test_large_print_body_text_is_at_least_16_point(page, site_url: str) -> None:
    smallest = """() => {
        const sizes = [];
        for (const el of document.querySelectorAll('.dir-handout *')) {
            const text = [...el.childNodes].some(
                (n) => n.nodeType === 3 && n.textContent.trim());
            if (text && el.getClientRects().length) {
                sizes.push(parseFloat(getComputedStyle(el).fontSize));
            }
        }
        return [Math.min(...sizes), sizes.length];
    }"""
    page.emulate_media(media="print")
    page.goto(site_url + "large-print/swinton/carers/")
    large, count = page.evaluate(smallest)
    assert count >= 20
    assert large >= SIXTEEN_POINT_PX - 0.01
    page.goto(site_url + "handouts/swinton/carers/")
    standard, _ = page.evaluate(smallest)
    assert standard < SIXTEEN_POINT_PX  # the check can tell the two apart


def test_qr_code_opens_the_group_page(page, site_url: str, public_url: str, tmp_path: Path):
    page.goto(site_url + "handouts/eccles-irlam/food/")
    entries = page.locator(".dir-entry")
    assert entries.count() >= 3
    for n in (0, entries.count() - 1):
        entry = entries.nth(n)
        slug = entry.locator(".dir-entry-name a").get_attribute("href").split("/")[-2]
        name = entry.locator(".dir-entry-name").inner_text()
        qr = entry.locator("svg.dir-qr")
        assert qr.get_attribute("role") == "img"
        assert name in qr.get_attribute("aria-label")
        image = tmp_path / f"qr-{n}.png"
        qr.screenshot(path=str(image))
        decoded = subprocess.run(
            ["zbarimg", "--raw", "-q", str(image)], capture_output=True, text=True
        )
        assert decoded.stdout.strip() == f"{public_url}groups/{slug}/"


# --- every page --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "groups/eccles-friendship-lunch-club/",
        "needs/food/",
        "neighbourhoods/swinton/",
        "handouts/swinton/",
        "large-print/eccles-irlam/food/",
        "clinics/",
    ],
)
def test_no_screen_chrome_on_paper(page, site_url: str, path: str, tmp_path: Path) -> None:
    text = pdf_text(print_pdf(page, site_url, path, tmp_path / "page.pdf"))
    assert len(text) > 200
    assert [words for words in CHROME if words in text] == []


def test_group_pages_print_on_at_most_two_pages(
    page, site_url: str, built_site: Path, tmp_path: Path
) -> None:
    longest = _longest_group_page(built_site)
    for slug in ("eccles-friendship-lunch-club", longest):
        pdf = print_pdf(page, site_url, f"groups/{slug}/", tmp_path / f"{slug}.pdf")
        assert pdf_pages(pdf) <= 2, slug


def test_web_links_print_their_address_and_phone_links_do_not(
    page, site_url: str, tmp_path: Path
) -> None:
    path = "groups/eccles-friendship-lunch-club/"
    text = pdf_text(print_pdf(page, site_url, path, tmp_path / "group.pdf"))
    assert "menu for this month (https://eccles-lunch.example.org/menu)" in text
    assert "Phone: 0161 496 0123" in text
    assert "tel:" not in text and "mailto:" not in text
    assert text.count("https://eccles-lunch.example.org ") == 1  # shown once, not twice
    assert "openstreetmap" not in text  # the address is printed instead


def test_print_is_black_on_white(page, site_url: str) -> None:
    page.emulate_media(media="print")
    page.goto(site_url + "groups/eccles-friendship-lunch-club/")
    colours = page.evaluate(
        """() => ['h1', 'h2', '.dir-summary', '.dir-contact a', '.dir-when li', 'body']
            .map((s) => getComputedStyle(document.querySelector(s)).color)"""
    )
    assert set(colours) == {"rgb(0, 0, 0)"}
