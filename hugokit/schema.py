"""The JSON Schema of data/publications.yaml, derived from the model's field table."""
from __future__ import annotations

import json
from pathlib import Path

from hugokit.model import FIELDS

SCHEMA_FILE = Path(__file__).parent / "schemas" / "publications.schema.json"
_TYPES: dict[str, dict[str, object]] = {
    "str": {"type": "string"},
    "int": {"type": "integer", "minimum": 1000, "maximum": 9999},
    "list": {"type": "array", "items": {"type": "string", "minLength": 1}},
    "map": {"type": "object", "additionalProperties": {"type": "string", "format": "uri"},
            "propertyNames": {"pattern": "^[A-Za-z][A-Za-z0-9_]*$"}},
}


def publications_schema() -> dict[str, object]:
    entry = {
        "type": "object",
        "additionalProperties": False,
        "required": [f.name for f in FIELDS if f.required],
        "properties": {f.name: {**_TYPES[f.kind], "description": f.description} for f in FIELDS},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "hugokit publication database (data/publications.yaml)",
        "type": "array",
        "items": entry,
    }


def schema_text() -> str:
    return json.dumps(publications_schema(), indent=2, ensure_ascii=False) + "\n"
