"""Data flows one way: data/ knows nothing of site/ or opendata/, opendata/ nothing of site/,
and nothing under hooks/directory/ imports MkDocs."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "hooks" / "directory"
FORBIDDEN = {"data": {"site", "opendata"}, "opendata": {"site"}, "site": set()}


def imported_rooms(path: Path) -> set[str]:
    """The rooms (and top-level packages) a module imports, resolved from relative imports."""
    here = path.relative_to(PACKAGE).parts[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(here[: len(here) - (node.level - 1)])
                parts = base + (node.module.split(".") if node.module else [])
                found.add(parts[0] if parts else "")
                if not node.module:  # from . import x / from .. import site
                    found.update(alias.name for alias in node.names if not parts)
            elif node.module:
                found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
    return found


@pytest.mark.parametrize("room", sorted(FORBIDDEN))
def test_rooms_import_one_way(room: str) -> None:
    wrong = {
        str(path.relative_to(PACKAGE)): sorted(imported_rooms(path) & FORBIDDEN[room])
        for path in sorted((PACKAGE / room).glob("*.py"))
        if imported_rooms(path) & FORBIDDEN[room]
    }
    assert wrong == {}


def test_no_module_imports_mkdocs() -> None:
    wrong = [str(p) for p in PACKAGE.rglob("*.py") if "mkdocs" in imported_rooms(p)]
    assert wrong == []
