"""Rules Google checks on batchUpdate requests beyond their JSON shape.

The API reference states each of these; a request breaking one is refused as a whole
(400 INVALID_ARGUMENT, prefixed `Invalid requests[i].kind:` by the batch):
- update masks (`fields`) may name only fields of the resource they update;
- ids a caller chooses (sheet, protected range, metadata, …) are non-negative;
- a BooleanCondition has as many values as its ConditionType takes (CUSTOM_FORMULA one)
  and is used where its type is supported (both read from the discovery document);
- a conditional format rule's ranges are all on one sheet; a protected range is anchored
  to one of a range, a named range or a table;
- developer metadata on a dimension covers exactly one row or column;
- a spreadsheet holds at most 10 million cells;
- a spreadsheet's locale is a language code (with a country) and its time zone a known one.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from .document import Doc, grid_size
from .errors import bad_request
from .schema import check_mask, condition_rules

__all__ = ["MAX_CELLS", "check_cell_limit", "check_properties", "check_request"]

MAX_CELLS = 10_000_000
# SpreadsheetProperties.locale: an ISO 639 language code, optionally with a region (en_US).
_LOCALE = re.compile(r"^[a-z]{2,3}(_([A-Z]{2}|\d{3}))?$")

# Request kind → the resource its `fields` mask is written against.
_MASKED = {
    "updateCells": "CellData",
    "repeatCell": "CellData",
    "appendCells": "CellData",
    "updateSheetProperties": "SheetProperties",
    "updateSpreadsheetProperties": "SpreadsheetProperties",
    "updateDimensionProperties": "DimensionProperties",
    "updateNamedRange": "NamedRange",
    "updateDeveloperMetadata": "DeveloperMetadata",
    "updateProtectedRange": "ProtectedRange",
    "updateBanding": "BandedRange",
    "updateFilterView": "FilterView",
    "updateEmbeddedObjectPosition": "EmbeddedObjectPosition",
}
_CHOSEN_IDS = frozenset(
    {
        "sheetId",
        "newSheetId",
        "protectedRangeId",
        "metadataId",
        "filterViewId",
        "bandedRangeId",
        "chartId",
        "objectId",
        "slicerId",
    }
)


def check_request(kind: str, request: dict[str, Any]) -> None:
    """Raise Google's 400 when one request of a batch breaks a documented rule."""
    if kind in _MASKED and request.get("fields"):
        check_mask(request["fields"], _MASKED[kind])
    for path, value in _chosen_ids(request, ""):
        if isinstance(value, int) and not isinstance(value, bool) and value < 0:
            raise bad_request(f"{path} must be non-negative, but was {value}.")
    for condition, place in _conditions(kind, request):
        _check_condition(condition, place)
    check = _BY_KIND.get(kind)
    if check is not None:
        check(request)


def _one_sheet_rule(request: dict[str, Any]) -> None:
    rule = request.get("rule") or {}
    sheets = {(grid or {}).get("sheetId") or 0 for grid in rule.get("ranges") or []}
    if len(sheets) > 1:
        raise bad_request("All ranges of a conditional format rule must be on the same sheet.")


def _one_anchor(request: dict[str, Any]) -> None:
    given = request.get("protectedRange") or {}
    anchors = [key for key in ("range", "namedRangeId", "tableId") if given.get(key)]
    if len(anchors) > 1:
        raise bad_request("Only one of range, namedRangeId or tableId may be set.")


def _metadata_location(request: dict[str, Any]) -> None:
    location = (request.get("developerMetadata") or {}).get("location") or {}
    _check_single_dimension(location.get("dimensionRange"))


def _spreadsheet_properties(request: dict[str, Any]) -> None:
    check_properties(request.get("properties") or {})


_BY_KIND: dict[str, Callable[[dict[str, Any]], None]] = {
    "addConditionalFormatRule": _one_sheet_rule,
    "updateConditionalFormatRule": _one_sheet_rule,
    "addProtectedRange": _one_anchor,
    "updateProtectedRange": _one_anchor,
    "createDeveloperMetadata": _metadata_location,
    "updateDeveloperMetadata": _metadata_location,
    "updateSpreadsheetProperties": _spreadsheet_properties,
}


@lru_cache(maxsize=1)
def _time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def check_properties(properties: dict[str, Any]) -> None:
    """Refuse a locale that is not a language code, or a time zone that does not exist."""
    locale = properties.get("locale")
    if locale is not None and not _LOCALE.match(locale):
        raise bad_request(f"Invalid locale: {locale}")
    zone = properties.get("timeZone")
    # Without a time zone database on the machine there is nothing to check against.
    if zone is not None and _time_zones() and zone not in _time_zones():
        raise bad_request(f"Invalid timeZone: {zone}")


def check_cell_limit(doc: Doc) -> None:
    """Refuse a change that leaves the spreadsheet above Google's 10 million cells."""
    total = 0
    for sheet in doc["sheets"]:
        rows, cols = grid_size(sheet)
        total += rows * cols
    if total > MAX_CELLS:
        raise bad_request(
            "This action would increase the number of cells in the workbook above the "
            f"limit of {MAX_CELLS} cells."
        )


def _chosen_ids(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else key
            if key in _CHOSEN_IDS and not isinstance(item, dict | list):
                yield where, item
            else:
                yield from _chosen_ids(item, where)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _chosen_ids(item, f"{path}[{index}]")


def _conditions(kind: str, request: dict[str, Any]) -> Iterator[tuple[dict[str, Any], str]]:
    if kind == "setDataValidation":
        condition = (request.get("rule") or {}).get("condition")
        if condition:
            yield condition, "data validation"
    if kind in ("addConditionalFormatRule", "updateConditionalFormatRule"):
        condition = ((request.get("rule") or {}).get("booleanRule") or {}).get("condition")
        if condition:
            yield condition, "conditional formatting"


def _check_condition(condition: dict[str, Any], place: str) -> None:
    kind = condition.get("type") or "CONDITION_TYPE_UNSPECIFIED"
    count = len(condition.get("values") or [])
    rule = condition_rules().get(kind)
    if rule is None:
        return  # the reference states no rule for it
    low, high, places = rule
    if places and place not in places:
        raise bad_request(f"Condition type {kind} is not supported by {place}.")
    if count < low or (high is not None and count > high):
        wanted = str(low) if low == high else f"{low} to {high}" if high else f"at least {low}"
        raise bad_request(
            f"Condition type {kind} requires {wanted} ConditionValue(s), but {count} were given."
        )


def _check_single_dimension(span: dict[str, Any] | None) -> None:
    if not span:
        return
    if span.get("dimension") not in ("ROWS", "COLUMNS"):
        raise bad_request("Developer metadata on a dimension needs its dimension: ROWS or COLUMNS.")
    start = span.get("startIndex") or 0
    end = span.get("endIndex")
    if end is None or end - start != 1:
        shown = f"[{start}, {'unbounded' if end is None else end})"
        raise bad_request(
            "Developer metadata may only be associated with a single row or column, "
            f"but the location spans {(span.get('dimension') or 'ROWS').lower()} {shown}."
        )
