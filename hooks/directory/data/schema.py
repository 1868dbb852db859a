"""JSON Schemas generated from the models, for editors (yaml-language-server) and checks."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from .models import ClosedGroup, Closures, Group, NeedList, Neighbourhood, TermDates

SCHEMA_DIR = Path("docs/schema")
SCHEMAS: dict[str, type[BaseModel]] = {
    "group.schema.json": Group,
    "closed-group.schema.json": ClosedGroup,
    "neighbourhood.schema.json": Neighbourhood,
    "needs.schema.json": NeedList,
    "terms.schema.json": TermDates,
    "closures.schema.json": Closures,
}


def schema_text(model: type[BaseModel]) -> str:
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    schema.update(model.model_json_schema())
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = folder / name
        path.write_text(schema_text(model), encoding="utf-8")
        written.append(path)
    return written
