"""Validate documents against the official ORUK 3.0 schemas, offline, format checks on."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

HERE = Path(__file__).parent
SCHEMA_DIR = HERE / "schema"
EXAMPLES_DIR = HERE / "examples"
# The schemas carry no $id or $schema; their $refs use this base, and the ORUK OpenAPI
# file declares Draft 2020-12 as the dialect.
BASE = "https://openreferraluk.org/specifications/3.0/schema/"


@cache
def registry() -> Registry:
    """Every local schema under its official URL; no retrieval, so nothing is fetched."""
    resources = [
        (BASE + path.name, DRAFT202012.create_resource(json.loads(path.read_text("utf-8"))))
        for path in sorted(SCHEMA_DIR.glob("*.json"))
    ]
    return Registry().with_resources(resources)


@cache
def validator(schema_name: str) -> Draft202012Validator:
    schema = registry().contents(BASE + schema_name)
    return Draft202012Validator(
        schema, registry=registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def errors(schema_name: str, document: object) -> list[str]:
    """Every schema error as 'path: message'."""
    found = validator(schema_name).iter_errors(document)
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in found]
