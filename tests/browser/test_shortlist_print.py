"""The shortlist on paper: a handout of the picked groups, printed to A4 PDF by Chromium
and read back with poppler and zbarimg, as a clinic would check it by eye and by phone.

Expected text and addresses come from the loaded directory and mkdocs.yml, never written
out by hand.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from directory.data import wording
from directory.data.directory import Directory
from directory.data.freshness import today
from directory.data.models import Group

from .test_print import CHROME, pdf_pages, pdf_text

QR_IMAGES = "ul.find-results .dir-qr"
CARDS = "ul.find-results > li[data-slug]"
LOADED = f"""() => {{
    const codes = [...document.querySelectorAll({json.dumps(QR_IMAGES)})];
    return codes.length > 0 && codes.every((img) => img.complete && img.naturalWidth > 0);
}}"""


def open_shortlist(page, site_url: str, slugs: list[str], prefix: str = "") -> None:
    """The shortlist page with `slugs` picked on this device, its QR codes loaded."""
    page.add_init_script(f"localStorage.setItem('directory-shortlist', '{json.dumps(slugs)}')")
    page.goto(f"{site_url}{prefix}shortlist/")
    page.wait_for_selector("html[data-find=ready]")
    page.wait_for_function(LOADED)


def print_pdf(page, out: Path) -> Path:  # page: playwright Page
    out.write_bytes(page.pdf(format="A4", print_background=False))
    return out


def qr_codes(pdf: Path, tmp_path: Path) -> list[str]:
    """Every QR code on the printed pages, as zbarimg reads them from 300 dpi images."""
    prefix = tmp_path / pdf.stem
    subprocess.run(["pdftoppm", "-r", "300", "-png", str(pdf), str(prefix)], check=True)
    images = sorted(str(p) for p in tmp_path.glob(f"{pdf.stem}*.png"))
    assert images
    found = subprocess.run(
        ["zbarimg", "--raw", "-q", *images], capture_output=True, text=True, check=False
    )
    return found.stdout.split()


def three(groups: list[Group]) -> list[Group]:
    """Three groups from across the list, one of them without a phone where there is one."""
    no_phone = [g for g in groups if not g.contact.phone]
    return [groups[0], groups[len(groups) // 2], (no_phone or groups)[-1]]


def test_printed_shortlist_is_a_handout_with_date_address_and_qr_codes(
    page, site_url: str, public_url: str, directory: Directory, tmp_path: Path
) -> None:
    picked = three(directory.groups)
    assert len({g.slug for g in picked}) == 3
    open_shortlist(page, site_url, [g.slug for g in picked])
    pdf = print_pdf(page, tmp_path / "shortlist.pdf")
    text = pdf_text(pdf)
    assert f"Information as of {wording.long_date(today())}." in text
    assert f"Check online for the latest: {public_url}." in text
    for group in picked:
        assert " ".join(group.name.split()) in text
        if group.contact.phone:
            assert wording.phone_display(group.contact.phone) in text, group.name
    assert [words for words in CHROME if words in text] == []
    assert text.startswith("Your shortlist Information as of")  # no language switcher
    assert "Copy link" not in text and "kept on this device" not in text
    codes = qr_codes(pdf, tmp_path)
    assert sorted(codes) == sorted(f"{public_url}groups/{g.slug}/" for g in picked)


def test_two_of_the_tallest_entries_fit_one_side(
    page, site_url: str, directory: Directory, tmp_path: Path
) -> None:
    """Measure every group's printed card on the shortlist, then print the tallest two."""
    page.set_viewport_size({"width": 703, "height": 1032})  # A4 less 12 mm margins, at 96 dpi
    open_shortlist(page, site_url, [g.slug for g in directory.groups])
    page.emulate_media(media="print")
    heights = page.eval_on_selector_all(
        CARDS, "cards => cards.map((c) => [c.offsetHeight, c.dataset.slug])"
    )
    assert len(heights) == len(directory.groups)
    tallest = [slug for _, slug in sorted(heights, reverse=True)[:2]]
    assert sorted(heights)[-1][0] > sorted(heights)[0][0]  # the cards do differ

    everyone = print_pdf(page, tmp_path / "all.pdf")
    assert pdf_pages(everyone) > 1  # the page count can tell a long list from a short one

    page.close()  # the new page's shortlist would replace this one's (shared storage)
    fresh = page.context.new_page()
    open_shortlist(fresh, site_url, tallest)
    pdf = print_pdf(fresh, tmp_path / "two.pdf")
    assert pdf_pages(pdf) == 1


def test_a_translated_shortlist_prints_codes_to_that_languages_pages(
    page, site_url: str, public_url: str, directory: Directory, tmp_path: Path
) -> None:
    picked = directory.groups[:2]
    open_shortlist(page, site_url, [g.slug for g in picked], prefix="ur/")
    assert page.get_attribute("html", "lang") == "ur"
    pdf = print_pdf(page, tmp_path / "ur.pdf")
    assert public_url.rstrip("/") in pdf_text(pdf)  # right to left, the / may move
    codes = qr_codes(pdf, tmp_path)
    assert sorted(codes) == sorted(f"{public_url}ur/groups/{g.slug}/" for g in picked)
    labels = page.eval_on_selector_all(QR_IMAGES, "imgs => imgs.map(i => i.alt)")
    for group, label in zip(picked, labels, strict=True):
        assert group.name in label and "QR code" not in label  # in Urdu


@pytest.mark.parametrize("width", [375, 1280])
def test_screen_view_is_unchanged_and_loads_only_the_picked_codes(
    context, site_url: str, public_url: str, directory: Directory, width: int, tmp_path: Path
) -> None:
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    picked = [g.slug for g in directory.groups[2:4]]
    open_shortlist(page, site_url, picked)
    fetched = [url.rsplit("/", 1)[-1] for url in context.request_log.urls if "/qr/" in url]
    assert sorted(fetched) == sorted(f"{slug}.svg" for slug in picked)
    assert page.locator(QR_IMAGES).count() == 2
    for selector in (QR_IMAGES, ".dir-print-only"):
        shown = page.eval_on_selector_all(selector, "els => els.filter(e => e.offsetParent)")
        assert shown == [], selector
    # Printed from a phone or a desktop, the same handout.
    codes = qr_codes(print_pdf(page, tmp_path / "screen.pdf"), tmp_path)
    assert sorted(codes) == sorted(f"{public_url}groups/{slug}/" for slug in picked)
    # What is added for paper takes no room on screen: removing it moves nothing.
    layout = """() => [document.documentElement.scrollHeight,
        ...[...document.querySelectorAll('.find-shortlist-page *')]
            .filter((el) => !el.matches(PAPER))
            .map((el) => JSON.stringify(el.getBoundingClientRect()))]"""
    paper = ".dir-print-only, .dir-print-only *, .find-results .dir-qr, template.find-qr"
    layout = layout.replace("PAPER", json.dumps(paper))
    before = page.evaluate(layout)
    assert len(before) > 20
    page.evaluate(f"() => document.querySelectorAll({json.dumps(paper)}).forEach(e => e.remove())")
    assert page.evaluate(layout) == before


def test_print_button_waits_for_the_codes(page, site_url: str, directory: Directory) -> None:
    page.add_init_script(
        """window.print = () => {
            window.printedWith = [...document.querySelectorAll('.find-results .dir-qr')]
                .map((img) => img.complete && img.naturalWidth > 0);
        };"""
    )
    # The code is held back until the button is pressed: a print that did not wait for
    # it would print without it.
    held = []
    page.route("**/qr/*.svg", lambda route: held.append(route))
    page.add_init_script(
        f"localStorage.setItem('directory-shortlist', '{json.dumps([directory.groups[5].slug])}')"
    )
    page.goto(site_url + "shortlist/")
    page.wait_for_selector("html[data-find=ready]")
    page.get_by_role("button", name="Print", exact=True).click()
    page.wait_for_timeout(200)
    assert page.evaluate("window.printedWith") is None
    assert len(held) == 1
    held[0].continue_()
    page.wait_for_function("window.printedWith !== undefined")
    assert page.evaluate("window.printedWith") == [True]
