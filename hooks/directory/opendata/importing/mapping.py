"""import-map.yaml: other people's taxonomy terms and area codes, mapped to ours.

Feeds tag services with esd/LGA service types, Open Eligibility terms, ONS area codes or
words of their own. The map says which of our needs or neighbourhoods each one means, so
nothing has to be guessed. A term maps to a list of slugs, or to [] for "known, but not
one of ours" (e.g. "Adults"), which stops it being reported as unmapped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field

from ...data.loading import read_model
from ...data.models import Model, Slug
from ...data.problems import DataError

MAP_FILE = "import-map.yaml"

Terms = dict[str, Annotated[list[Slug], Field(max_length=20)]]


class ImportMap(Model):
    """import-map.yaml: what the terms in other people's feeds mean in this directory."""

    needs: Terms = Field(
        default_factory=dict,
        description="A term (its name, code or id, as the import report lists it) and the "
        "needs it means, e.g. 'Food banks': [food].",
    )
    neighbourhoods: Terms = Field(
        default_factory=dict,
        description="An area (name or ONS code) and the neighbourhoods it covers, or "
        "[everywhere] for the whole borough, e.g. E05000773: [swinton].",
    )

    def lookup(self, table: str, *keys: object) -> list[str] | None:
        """The slugs for the first key the map knows, or None."""
        known = getattr(self, table)
        for key in keys:
            slugs = known.get(fold(key)) if key not in (None, "") else None
            if slugs is not None:
                return slugs
        return None

    def model_post_init(self, _: object) -> None:
        self.needs = {fold(k): v for k, v in self.needs.items()}
        self.neighbourhoods = {fold(k): v for k, v in self.neighbourhoods.items()}


def fold(key: object) -> str:
    return " ".join(str(key).split()).casefold()


def load_map(root: Path) -> ImportMap:
    """The project's import map (empty when there is none); problems raise DataError."""
    path = root / MAP_FILE
    if not path.exists():
        return ImportMap()
    found, doc = read_model(path, MAP_FILE, ImportMap)
    if found is None or doc.problems:
        raise DataError(doc.problems)
    return found
