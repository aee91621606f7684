"""Check request bodies against the Sheets v4 discovery document, as Google's parser does."""

from __future__ import annotations

import json
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import bad_request

__all__ = ["ConditionRule", "check_body", "check_mask", "condition_rules"]

_TYPE_PREFIX = "type.googleapis.com/google.apps.sheets.v4."
_CAMEL = re.compile(r"([A-Z])")
_INTEGER_TEXT = re.compile(r"^-?\d+$")
_NUMBER_TEXT = re.compile(r"^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
# The discovery document does not mark unions, so the ones requests can hit are listed
# here from the API reference ("Union field value can be only one of the following").
_ONEOFS: dict[str, dict[str, tuple[str, ...]]] = {
    "Request": {"kind": ()},  # every field of Request is one member of the union
    "ExtendedValue": {
        "value": ("numberValue", "stringValue", "boolValue", "formulaValue", "errorValue")
    },
    "DataFilter": {"filter": ("developerMetadataLookup", "a1Range", "gridRange")},
    "DeveloperMetadataLocation": {"location": ("spreadsheet", "sheetId", "dimensionRange")},
    "ConditionValue": {"value": ("relativeDate", "userEnteredValue")},
    "ColorStyle": {"kind": ("rgbColor", "themeColor")},
    "UpdateCellsRequest": {"area": ("start", "range")},
    "ConditionalFormatRule": {"rule": ("booleanRule", "gradientRule")},
    "PasteDataRequest": {"kind": ("delimiter", "html")},
    "UpdateDimensionPropertiesRequest": {"dimensionRange": ("range", "dataSourceSheetRange")},
    "AutoResizeDimensionsRequest": {"dimensionRange": ("dimensions", "dataSourceSheetDimensions")},
}
# Scalar JSON types as Google's parser names them in "Invalid value" messages.
_SCALAR_NAMES = {
    ("integer", "int32"): "TYPE_INT32",
    ("integer", "uint32"): "TYPE_UINT32",
    ("string", "int64"): "TYPE_INT64",
    ("number", "double"): "TYPE_DOUBLE",
    ("number", "float"): "TYPE_FLOAT",
    ("boolean", None): "TYPE_BOOL",
    ("string", None): "TYPE_STRING",
}


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
def _fields_of(schema_name: str) -> dict[str, tuple[str, dict[str, Any], str]]:
    """Map each accepted field spelling (camelCase or snake_case) to (path, spec, JSON name)."""
    properties: dict[str, Any] = _schemas()[schema_name].get("properties", {})
    fields = {name: (_snake(name), spec, name) for name, spec in properties.items()}
    fields.update({_snake(name): (_snake(name), spec, name) for name, spec in properties.items()})
    return fields


# How the reference words a ConditionType's number of values, in its enum descriptions.
_ARITY_WORDS = (
    ("Requires a single", (1, 1)),
    ("Requires exactly two", (2, 2)),
    ("Requires no", (0, 0)),
    ("Requires at least one", (1, None)),
    ("Supports zero, one or two", (0, 2)),
    ("Supports any number", (0, None)),
)
ConditionRule = tuple[int, int | None, frozenset[str]]


@lru_cache(maxsize=1)
def condition_rules() -> dict[str, ConditionRule]:
    """Per ConditionType: (fewest values, most values or None, where it is supported).

    Read from the discovery document's descriptions of BooleanCondition.type, e.g.
    "Supported by data validation, conditional formatting and filters. Requires a single
    ConditionValue." Places are "data validation", "conditional formatting", "filters".
    """
    spec = _schemas()["BooleanCondition"]["properties"]["type"]
    rules: dict[str, ConditionRule] = {}
    for kind, text in zip(spec["enum"], spec["enumDescriptions"], strict=True):
        counts = next((n for words, n in _ARITY_WORDS if words in text), None)
        if counts is None:
            continue
        found = re.search(r"Supported by ([^.]*)\.", text)
        places = re.split(r",\s*|\s+and\s+", found.group(1)) if found else []
        rules[kind] = (counts[0], counts[1], frozenset(p.strip() for p in places if p.strip()))
    return rules


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def check_body(body: Any, schema_name: str, root: str = "") -> None:
    """Raise Google's 400 when the body has an unknown field or a value of the wrong shape."""
    _check_object(body, schema_name, root)


def _oneof_members(name: str) -> dict[str, str]:
    """Map each union member of a schema to its union's name."""
    members: dict[str, str] = {}
    for union, names in _ONEOFS.get(name, {}).items():
        chosen = names or tuple(_schemas()[name].get("properties", {}))
        members.update(dict.fromkeys(chosen, union))
        members.update(dict.fromkeys((_snake(n) for n in chosen), union))
    return members


def _check_oneofs(value: dict[str, Any], name: str, path: str) -> None:
    members = _oneof_members(name)
    if not members:
        return
    seen: set[str] = set()
    for key, item in value.items():
        union = members.get(key)
        if union is None or item is None:
            continue
        if union in seen:
            message = (
                f"Invalid value at '{path}' (oneof), oneof field '{union}' is already set. "
                f"Cannot set '{key}'"
            )
            raise bad_request(message, path or None)
        seen.add(union)


def _check_object(value: Any, name: str, path: str) -> None:
    if not isinstance(value, dict):
        _invalid(path or name, f"{_TYPE_PREFIX}{name}", value)
    _check_oneofs(value, name, path)
    fields = _fields_of(name)
    renamed: list[tuple[str, str]] = []
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
            value[key] = _parsed_scalar(item, found[1])
        if key != found[2]:
            renamed.append((key, found[2]))
    # Google's parser takes proto (snake_case) names too; the handlers read JSON names.
    for key, json_name in renamed:
        value[json_name] = value.pop(key)


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
    else:
        _check_scalar(value, spec, path)


def _check_scalar(value: Any, spec: dict[str, Any], path: str) -> None:
    kind = spec.get("type")
    if "enum" in spec:
        if not isinstance(value, str) or value not in spec["enum"]:
            _invalid(path, "enum", value)
    elif kind in ("integer", "number", "boolean", "string") and not _scalar_fits(value, spec):
        name = _SCALAR_NAMES.get((kind, spec.get("format")), _SCALAR_NAMES.get((kind, None)))
        _invalid(path, name or kind, value)


def _parsed_scalar(value: Any, spec: dict[str, Any]) -> Any:
    """The value a checked scalar holds once parsed ("12" or 12.0 for an int32 is 12)."""
    if isinstance(value, bool) or not isinstance(value, str | float):
        return value
    if spec.get("type") == "integer":
        return int(value)
    if spec.get("type") == "number" and isinstance(value, str):
        return float(value)
    return value


def _scalar_fits(value: Any, spec: dict[str, Any]) -> bool:
    """Whether a JSON value fits a scalar field as proto3's JSON mapping accepts it."""
    kind, fmt = spec.get("type"), spec.get("format")
    if kind == "boolean":
        return isinstance(value, bool)
    if isinstance(value, bool):
        return False
    if kind == "integer" or (kind == "string" and fmt in ("int64", "uint64")):
        if isinstance(value, float):
            return value.is_integer()
        if isinstance(value, str):
            fits = bool(_INTEGER_TEXT.match(value))
            return fits and (fmt != "uint32" or not value.startswith("-"))
        return isinstance(value, int) and (fmt != "uint32" or value >= 0)
    if kind == "number":
        if isinstance(value, str) and _NUMBER_TEXT.match(value):
            value = float(value)
        # A double holds no more than about 1.8e308; NaN and infinities cannot go back out
        # as JSON, so they are refused here rather than stored.
        return isinstance(value, int | float) and abs(value) <= sys.float_info.max
    return isinstance(value, str)


def check_mask(fields: str, schema_name: str) -> None:
    """Raise Google's 400 when an update mask names a path the schema does not have."""
    if fields.strip() == "*":
        return
    from .fields import parse_mask  # local: fields imports errors only, but keep this light

    _check_tree(parse_mask(fields), schema_name, "")


def _check_tree(tree: dict[str, Any], schema_name: str, prefix: str) -> None:
    known = _fields_of(schema_name)
    for name, sub in tree.items():
        path = f"{prefix}{name}"
        found = known.get(name)
        if found is None:
            message = f"Invalid field mask: '{path}' is not a field of {schema_name}."
            raise bad_request(message)
        if sub:
            target = found[1].get("$ref")
            if target is None:
                message = f"Invalid field mask: '{path}' has no fields below it."
                raise bad_request(message)
            _check_tree(sub, target, f"{path}.")


def _invalid(path: str, type_name: str, value: Any) -> None:
    shown = json.dumps(value, ensure_ascii=False)
    raise bad_request(f"Invalid value at '{path}' ({type_name}), {shown}", path)
