"""Render the stored document as Google's Spreadsheet resource (with grid data on demand)."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from .a1 import Box
from .calculation import Calculation
from .cells import formatted_value
from .defaults import DEFAULT_COLUMN_PIXELS, DEFAULT_ROW_PIXELS
from .document import Doc, Sheet, box_of, cell_at, grid_size, resolve_range
from .fields import FieldTree, apply_mask, wants
from .locales import Locale, locale_of

__all__ = ["CellView", "cell_view", "render_cell", "render_spreadsheet"]

_SHEET_LISTS = (
    "merges",
    "conditionalFormats",
    "protectedRanges",
    "rowGroups",
    "columnGroups",
    "bandedRanges",
)


@dataclass(frozen=True)
class CellView:
    """What rendering a cell needs from its spreadsheet: the locale and the default format.

    `format_fields` lists the effectiveFormat fields a field mask asks for (None: all), so
    a read that wants only `effectiveFormat.numberFormat` does not build whole formats;
    `private` asks for cells that share nothing with the stored document (a read answered
    as JSON at once may share, which saves copying every cell).
    """

    locale: Locale
    default_format: dict[str, Any]
    with_effective_format: bool = True
    format_fields: frozenset[str] | None = None
    private: bool = True
    _defaults: dict[str, dict[str, Any]] = field(default_factory=dict, compare=False)

    def defaults_for(self, kind: str | None) -> dict[str, Any]:
        """The default format a value of this kind shows with (None: a cell with no value)."""
        key = kind or ""
        cached = self._defaults.get(key)
        if cached is None:
            cached = dict(self.default_format)
            if kind is not None:
                # Text left, numbers right, booleans and errors centred; links as plain text.
                cached["horizontalAlignment"] = _ALIGNMENT.get(kind, "LEFT")
                cached["hyperlinkDisplayType"] = "PLAIN_TEXT"
            if self.format_fields is not None:
                cached = {k: v for k, v in cached.items() if k in self.format_fields}
            self._defaults[key] = cached
        return cached


_ALIGNMENT = {"numberValue": "RIGHT", "boolValue": "CENTER", "errorValue": "CENTER"}


def cell_view(doc: Doc, cell_mask: FieldTree | None = None, private: bool = True) -> CellView:
    """The rendering context of a document's cells (effectiveFormat only when wanted)."""
    properties = doc.get("properties", {})
    format_mask = cell_mask.get("effectiveFormat") if cell_mask is not None else None
    return CellView(
        locale_of(properties.get("locale")),
        properties.get("defaultFormat") or {},
        wants(cell_mask, "effectiveFormat"),
        frozenset(format_mask) if format_mask is not None else None,
        private,
    )


def _copied(value: Any) -> Any:
    # Stored documents are plain JSON, so a structural copy is enough (and far quicker
    # than copy.deepcopy, which matters on reads of many thousands of cells).
    if isinstance(value, dict):
        return {key: _copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copied(item) for item in value]
    return value


def _merged(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """The base format under `over`, sharing the parts neither changes."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merged(out[key], value)
        else:
            out[key] = value
    return out


def _effective_format(
    view: CellView, effective: dict[str, Any] | None, user_format: dict[str, Any]
) -> dict[str, Any]:
    kind = next(iter(effective), "stringValue") if effective is not None else None
    base = view.defaults_for(kind)
    wanted = view.format_fields
    if wanted is not None:
        user_format = {key: value for key, value in user_format.items() if key in wanted}
    merged = _merged(base, user_format)
    return dict(_copied(merged)) if view.private else merged


def render_cell(
    cell: dict[str, Any] | None, view: CellView, effective: dict[str, Any] | None
) -> dict[str, Any]:
    """Render a stored cell as CellData, adding what Google computes.

    `effective` is what the cell shows (a formula's result comes from a Calculation);
    formattedValue is it through the number format in the locale; effectiveFormat is the
    spreadsheet's default format under the cell's own format.
    """
    if not cell:
        return {}
    out: dict[str, Any] = _copied(cell) if view.private else dict(cell)
    out.pop("effectiveValue", None)
    user_format = cell.get("userEnteredFormat") or {}
    if effective is not None:
        out["effectiveValue"] = _copied(effective) if view.private else effective
        number_format = user_format.get("numberFormat")
        out["formattedValue"] = formatted_value(effective, number_format, view.locale)
    if view.with_effective_format and (effective is not None or user_format):
        out["effectiveFormat"] = _effective_format(view, effective, user_format)
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


def _row_data(sheet: Sheet, box: Box, view: CellView, calculation: Calculation) -> list[Any]:
    rows = []
    for row in range(box.row0, box.row1):
        values = []
        for col in range(box.col0, box.col1):
            cell = cell_at(sheet, row, col)
            values.append(render_cell(cell, view, calculation.effective(sheet, row, col, cell)))
        while values and not values[-1]:
            values.pop()
        rows.append({"values": values} if values else {})
    while rows and not rows[-1]:
        rows.pop()
    return rows


def _grid_data(
    doc: Doc, sheet: Sheet, box: Box, mask: FieldTree | None, private: bool
) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if box.row0:
        data["startRow"] = box.row0
    if box.col0:
        data["startColumn"] = box.col0
    if wants(mask, "rowData"):
        row_mask = mask.get("rowData") if mask is not None else None
        view = cell_view(doc, row_mask.get("values") if row_mask is not None else None, private)
        rows = _row_data(sheet, box, view, Calculation(doc))
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
        # A masked render is answered as JSON at once, so its cells may share stored parts.
        private = mask is None
        out["data"] = [_grid_data(doc, sheet, box, data_mask, private) for box in boxes]
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
        sheet_boxes = None
        if grid:
            rows, cols = grid_size(sheet)
            sheet_boxes = chosen[sheet_id] if chosen is not None else [Box(0, rows, 0, cols)]
        sheets.append(_render_sheet(doc, sheet, sheet_boxes, sheet_mask))
    out: dict[str, Any] = {
        "spreadsheetId": doc["spreadsheetId"],
        "properties": copy.deepcopy(doc["properties"]),
    }
    if sheets:
        out["sheets"] = sheets  # proto3 JSON leaves an empty repeated field out
    if doc.get("namedRanges"):
        out["namedRanges"] = copy.deepcopy(doc["namedRanges"])
    top = [m for m in doc.get("developerMetadata", []) if m["location"].get("spreadsheet")]
    if top:
        out["developerMetadata"] = copy.deepcopy(top)
    out["spreadsheetUrl"] = f"https://docs.google.com/spreadsheets/d/{doc['spreadsheetId']}/edit"
    result: dict[str, Any] = apply_mask(out, mask)
    return result
