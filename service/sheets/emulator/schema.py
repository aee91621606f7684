"""Check request bodies against the Sheets v4 discovery document, as Google's parser does."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import bad_request

__all__ = ["check_body"]

_TYPE_PREFIX = "type.googleapis.com/google.apps.sheets.v4."
_CAMEL = re.compile(r"([A-Z])")


# Google's Sheets v4 discovery document, shipped with the emulator (see discovery/README.md).
_DISCOVERY = Path(__file__).with_name("discovery") / "sheets.v4.json"


@lru_cache(maxsize=1)
def _schemas() -> dict[str, Any]:
    path = _DISCOVERY
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    schemas: dict[str, Any] = document["schemas"]
    return schemas


@lru_cache(maxsize=4096)
def _snake(name: str) -> str:
    return _CAMEL.sub(r"_\1", name).lower()


@lru_cache(maxsize=512)
def _fields_of(schema_name: str) -> dict[str, tuple[str, dict[str, Any]]]:
    """Map each accepted field spelling (camelCase or snake_case) to (path name, spec)."""
    properties: dict[str, Any] = _schemas()[schema_name].get("properties", {})
    fields = {name: (_snake(name), spec) for name, spec in properties.items()}
    fields.update({_snake(name): (_snake(name), spec) for name, spec in properties.items()})
    return fields


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def check_body(body: Any, schema_name: str, root: str = "") -> None:
    """Raise Google's 400 when the body has an unknown field or a value of the wrong shape."""
    _check_object(body, schema_name, root)


def _check_object(value: Any, name: str, path: str) -> None:
    if not isinstance(value, dict):
        _invalid(path or name, f"{_TYPE_PREFIX}{name}", value)
    fields = _fields_of(name)
    for key, item in value.items():
        found = fields.get(key)
        if found is None:
            where = f" at '{path}'" if path else ""
            message = (
                f'Invalid JSON payload received. Unknown name "{key}"{where}: Cannot find field.'
            )
            raise bad_request(message, path or None)
        if item is not None:
            _check_value(item, found[1], _join(path, found[0]))


def _check_value(value: Any, spec: dict[str, Any], path: str) -> None:
    if "$ref" in spec:
        _check_object(value, spec["$ref"], path)
        return
    kind = spec.get("type")
    if kind == "array":
        if not isinstance(value, list):
            items = spec.get("items", {})
            nested = items.get("type") == "array"
            type_name = "google.protobuf.ListValue" if nested else "array"
            _invalid(path, f"type.googleapis.com/{type_name}", value)
        for index, item in enumerate(value):
            if item is not None:
                _check_value(item, spec.get("items", {}), f"{path}[{index}]")
    elif kind == "object" and "additionalProperties" in spec and isinstance(value, dict):
        for key, item in value.items():
            _check_value(item, spec["additionalProperties"], _join(path, key))
    elif "enum" in spec and (not isinstance(value, str) or value not in spec["enum"]):
        _invalid(path, "enum", value)


def _invalid(path: str, type_name: str, value: Any) -> None:
    shown = json.dumps(value, ensure_ascii=False)
    raise bad_request(f"Invalid value at '{path}' ({type_name}), {shown}", path)
