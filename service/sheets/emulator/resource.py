"""Render the stored document as Google's Spreadsheet resource (with grid data on demand)."""

from __future__ import annotations

import copy
from typing import Any

from .a1 import Box
from .cells import effective_of, formatted_value
from .defaults import DEFAULT_COLUMN_PIXELS, DEFAULT_ROW_PIXELS
from .document import Doc, Sheet, box_of, cell_at, grid_size, resolve_range
from .fields import FieldTree, apply_mask, wants

__all__ = ["render_cell", "render_spreadsheet"]

_SHEET_LISTS = (
    "merges",
    "conditionalFormats",
    "protectedRanges",
    "rowGroups",
    "columnGroups",
    "bandedRanges",
)


def render_cell(cell: dict[str, Any] | None) -> dict[str, Any]:
    """Render a stored cell as CellData, adding the formattedValue Google computes."""
    if not cell:
        return {}
    out = copy.deepcopy(cell)
    effective = effective_of(cell)
    if effective is not None:
        out["effectiveValue"] = copy.deepcopy(effective)
        number_format = cell.get("userEnteredFormat", {}).get("numberFormat")
        out["formattedValue"] = formatted_value(effective, number_format)
    return out


def _dimension_meta(
    doc: Doc, sheet: Sheet, dimension: str, start: int, end: int
) -> list[dict[str, Any]]:
    key, pixels = ("rowMeta", DEFAULT_ROW_PIXELS)
    if dimension == "COLUMNS":
        key, pixels = ("colMeta", DEFAULT_COLUMN_PIXELS)
    stored: list[Any] = sheet[key]
    out = []
    for index in range(start, end):
        entry = stored[index] if index < len(stored) and stored[index] else {}
        out.append({"pixelSize": pixels, **entry})
    sheet_id = sheet["properties"]["sheetId"]
    for meta in doc.get("developerMetadata", []):
        span = meta["location"].get("dimensionRange")
        if not span or span.get("sheetId", 0) != sheet_id or span["dimension"] != dimension:
            continue
        for index in range(max(span.get("startIndex", 0), start), min(span["endIndex"], end)):
            out[index - start].setdefault("developerMetadata", []).append(copy.deepcopy(meta))
    return out


def _grid_data(doc: Doc, sheet: Sheet, box: Box, mask: FieldTree | None) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if box.row0:
        data["startRow"] = box.row0
    if box.col0:
        data["startColumn"] = box.col0
    if wants(mask, "rowData"):
        rows = []
        for row in range(box.row0, box.row1):
            values = [render_cell(cell_at(sheet, row, col)) for col in range(box.col0, box.col1)]
            while values and not values[-1]:
                values.pop()
            rows.append({"values": values} if values else {})
        while rows and not rows[-1]:
            rows.pop()
        if rows:
            data["rowData"] = rows
    if wants(mask, "rowMetadata"):
        data["rowMetadata"] = _dimension_meta(doc, sheet, "ROWS", box.row0, box.row1)
    if wants(mask, "columnMetadata"):
        data["columnMetadata"] = _dimension_meta(doc, sheet, "COLUMNS", box.col0, box.col1)
    return data


def _render_sheet(
    doc: Doc, sheet: Sheet, boxes: list[Box] | None, mask: FieldTree | None
) -> dict[str, Any]:
    out: dict[str, Any] = {"properties": copy.deepcopy(sheet["properties"])}
    if boxes is not None:
        data_mask = mask.get("data") if mask is not None else None
        out["data"] = [_grid_data(doc, sheet, box, data_mask) for box in boxes]
    for key in _SHEET_LISTS:
        if sheet.get(key):
            out[key] = copy.deepcopy(sheet[key])
    sheet_id = sheet["properties"]["sheetId"]
    own = [
        copy.deepcopy(meta)
        for meta in doc.get("developerMetadata", [])
        if meta["location"].get("sheetId") == sheet_id
        and meta["location"]["locationType"] == "SHEET"
    ]
    if own:
        out["developerMetadata"] = own
    return out


def _selected_boxes(doc: Doc, ranges: list[str]) -> dict[int, list[Box]]:
    chosen: dict[int, list[Box]] = {}
    for text in ranges:
        sheet, bounds = resolve_range(doc, text)
        chosen.setdefault(sheet["properties"]["sheetId"], []).append(box_of(sheet, bounds, text))
    return chosen


def render_spreadsheet(
    doc: Doc,
    include_grid: bool,
    ranges: list[str],
    mask: FieldTree | None,
    selected: dict[int, list[Box]] | None = None,
) -> dict[str, Any]:
    """Render the Spreadsheet resource like spreadsheets.get (ranges, grid data, field mask).

    `selected` (sheet id → boxes), when given, picks the sheets and cells instead of `ranges`.
    """
    sheet_mask = mask.get("sheets") if mask is not None else None
    grid = wants(sheet_mask, "data") if mask is not None else include_grid
    chosen = selected if selected is not None else _selected_boxes(doc, ranges) if ranges else None
    sheets = []
    for sheet in doc["sheets"]:
        sheet_id = sheet["properties"]["sheetId"]
        if chosen is not None and sheet_id not in chosen:
            continue
        boxes = None
        if grid:
            rows, cols = grid_size(sheet)
            boxes = chosen[sheet_id] if chosen is not None else [Box(0, rows, 0, cols)]
        sheets.append(_render_sheet(doc, sheet, boxes, sheet_mask))
    out: dict[str, Any] = {
        "spreadsheetId": doc["spreadsheetId"],
        "properties": copy.deepcopy(doc["properties"]),
        "sheets": sheets,
    }
    if doc.get("namedRanges"):
        out["namedRanges"] = copy.deepcopy(doc["namedRanges"])
    top = [m for m in doc.get("developerMetadata", []) if m["location"].get("spreadsheet")]
    if top:
        out["developerMetadata"] = copy.deepcopy(top)
    out["spreadsheetUrl"] = f"https://docs.google.com/spreadsheets/d/{doc['spreadsheetId']}/edit"
    result: dict[str, Any] = apply_mask(out, mask)
    return result
