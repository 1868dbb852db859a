"""Group cards, rendered from plain view data and from groups; and the rule that markup
lives in templates: no module under hooks/directory escapes HTML or writes tags itself."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from directory.data.directory import load_directory
from directory.site import cards
from directory.site.templating import ENV

from .project import ROOT, hostile_group

PACKAGE = ROOT / "hooks" / "directory"
TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*[\s>/]")
# In plain strings, only what is surely markup: "<slug>" in a help text is not.
ELEMENT = re.compile(r"</[a-zA-Z][a-zA-Z0-9-]*>|<[a-zA-Z][a-zA-Z0-9-]*\s+[a-z-]+=")


@pytest.fixture(scope="module")
def directory():
    return load_directory(ROOT)


def _render(card: cards.Card, **options: object) -> str:
    return str(ENV.get_template("partials/card.html").module.card(card, **options))


def test_a_card_from_plain_data_shows_area_times_cost_and_a_call_link() -> None:
    card = cards.Card(
        slug="x",
        name="Knit & Natter",
        href="../groups/x/",
        summary="Knitting.",
        area="Eccles · Monton",
        times="Mon 10:00–12:00",
        cost="Free",
        join="Just turn up.",
        routes="self",
        phone=cards.Phone("0161 496 0001", "tel:+44-161-496-0001"),
        languages=[("pl", "Polski (Polish)")],
    )
    html = _render(card)
    assert '<li class="dir-card" data-slug="x">' in html
    assert '<a href="../groups/x/">Knit &amp; Natter</a>' in html
    assert '<p class="dir-card-area">Eccles · Monton</p>' in html
    assert "Mon 10:00–12:00" in html and "<strong>Cost:</strong> Free" in html
    assert '<a class="dir-call" href="tel:+44-161-496-0001">Call 0161 496 0001</a>' in html
    assert '<span lang="pl">Polski (Polish)</span>' in html
    assert "Just turn up." in html


def test_card_escapes_everything(directory) -> None:
    nasty = hostile_group(languages=["en", "ur"], referral={"routes": ["gp"]})
    html = _render(cards.card(directory, nasty, "../")) + _render(
        cards.card(directory, nasty, "../", full=True), full=True, heading="h2"
    )
    assert "<script>" not in html and "<b>" not in html
    assert "Tea &amp; &#34;Chat&#34; &lt;script&gt;" in html
    assert 'aria-pressed="false"' in html
    assert "Ask your GP or social prescriber" in html
    assert '<span lang="ur">اردو (Urdu)</span>' in html


def test_english_only_groups_have_no_language_line(directory) -> None:
    assert cards.languages(hostile_group(languages=["en"])) == []
    assert "find-langs" not in _render(cards.card(directory, hostile_group(), "../"))
    assert ("pl", "Polski (Polish)") in cards.languages(hostile_group(languages=["en", "pl"]))


def test_how_to_join_comes_from_the_group_not_a_stock_phrase() -> None:
    ring = hostile_group(referral={"routes": ["self"], "notes": "Just ring."})
    assert cards.how_to_join(ring) == "Just ring."
    line = hostile_group(referral={"routes": ["self"]})  # a phone line: nowhere to turn up to
    assert "turn up" not in cards.how_to_join(line)
    assert cards.how_to_join(hostile_group(referral={"routes": ["gp"]})) == (
        "Ask your GP or social prescriber"
    )


def test_area_names_the_neighbourhood_and_the_venue_locality(directory) -> None:
    hall = {"name": "Hall", "address": "1 Church Street, Monton", "postcode": "M30 9AA"}
    group = hostile_group(neighbourhoods=["eccles-irlam"], venues=[hall])
    assert cards.area(directory, group) == "Eccles & Irlam · Monton"
    assert cards.area(directory, hostile_group(neighbourhoods=["swinton"])) == "Swinton"


# --- markup lives in templates -----------------------------------------------------------


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def markup_in_python(path: Path) -> list[str]:
    """Lines where a module imports an HTML escaper or writes a tag in an f-string."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    parts = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in ("html", "markupsafe"):
            if any(alias.name == "escape" for alias in node.names):
                found.append(f"{node.lineno}: imports escape")
        elif isinstance(node, ast.JoinedStr):
            text = "".join(
                v.value
                for v in node.values
                if isinstance(v, ast.Constant) and isinstance(v.value, str)
            )
            if TAG.search(text):
                found.append(f"{node.lineno}: tag in an f-string")
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docs | parts
        ):
            if ELEMENT.search(node.value):
                found.append(f"{node.lineno}: tag in a string")
    return found


def test_no_module_escapes_html_or_writes_tags() -> None:
    wrong = {
        str(path.relative_to(PACKAGE)): found
        for path in sorted(PACKAGE.rglob("*.py"))
        if (found := markup_in_python(path))
    }
    assert wrong == {}


def test_the_markup_rule_catches_what_it_should(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        'from html import escape\nx = 1\nf"<p>{x}</p>"\ny = "<li class=a>"\n', encoding="utf-8"
    )
    assert [line.split(":")[0] for line in markup_in_python(bad)] == ["1", "3", "4"]
    good = tmp_path / "good.py"
    good.write_text('"""Draws a <p> in the template."""\nf"{1} < {2}"\n', encoding="utf-8")
    assert markup_in_python(good) == []


def test_templates_are_package_data() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    data = project["tool"]["setuptools"]["package-data"]
    assert "templates/*.html" in data["directory.site"]
    assert "templates/partials/*.html" in data["directory.site"]


def test_the_stylesheet_is_compacted_without_changing_its_rules() -> None:
    from directory.site.theme import compact_css

    css = '/* why */\nhtml :is(a, b):focus  {\n  color: red;\n  content: "\\2713  " / "";\n}\n'
    assert compact_css(css) == 'html :is(a,b):focus{color:red;content:"\\2713  " / ""}\n'
    source = (ROOT / "docs" / "assets" / "site.css").read_text(encoding="utf-8")
    small = compact_css(source)
    assert "/*" not in small and len(small) < 0.75 * len(source)
    assert (small.count("{"), small.count("}")) == (source.count("{"), source.count("}"))
