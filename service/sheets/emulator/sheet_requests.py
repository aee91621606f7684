"""batchUpdate requests on sheets and dimensions (add/delete/update sheets, rows, columns)."""

from __future__ import annotations

import copy
from typing import Any

from .cells import effective_of
from .defaults import DEFAULT_COLUMN_PIXELS
from .dimensions import delete_dimension, insert_dimension, move_dimension
from .document import Doc, Sheet, cell_at, grid_size, new_id, new_sheet, sheet_by_id, sheet_by_title
from .errors import bad_request
from .masks import apply_update, prune_defaults

__all__ = ["SHEET_HANDLERS"]

Reply = dict[str, Any] | None
_META_KEY = {"ROWS": "rowMeta", "COLUMNS": "colMeta"}


def _reindex(doc: Doc) -> None:
    for index, sheet in enumerate(doc["sheets"]):
        sheet["properties"]["index"] = index


def _duplicate_title(title: str) -> None:
    raise bad_request(f'A sheet with the name "{title}" already exists. Please enter another name.')


def add_sheet(doc: Doc, request: dict[str, Any]) -> Reply:
    """addSheet: a chosen or random sheetId; duplicate titles are refused."""
    props = copy.deepcopy(request.get("properties") or {})
    sheet_id = props.get("sheetId")
    if sheet_id is None:
        sheet_id = new_id()
    elif any(s["properties"]["sheetId"] == sheet_id for s in doc["sheets"]):
        raise bad_request(f"Sheet with id {sheet_id} already exists.")
    title = props.get("title") or f"Sheet{len(doc['sheets']) + 1}"
    if sheet_by_title(doc, title) is not None:
        _duplicate_title(title)
    index = min(props.get("index", len(doc["sheets"])), len(doc["sheets"]))
    props.update({"sheetId": sheet_id, "title": title, "index": index})
    sheet = new_sheet(props)
    prune_defaults(sheet["properties"])
    doc["sheets"].insert(index, sheet)
    _reindex(doc)
    return {"addSheet": {"properties": copy.deepcopy(sheet["properties"])}}


def delete_sheet(doc: Doc, request: dict[str, Any]) -> Reply:
    """deleteSheet, with what is anchored to it; the last sheet cannot go."""
    sheet = sheet_by_id(doc, request.get("sheetId") or 0)
    if len(doc["sheets"]) == 1:
        raise bad_request("You can't remove all the sheets in a document.")
    sheet_id = sheet["properties"]["sheetId"]
    doc["sheets"].remove(sheet)
    doc["namedRanges"] = [
        n for n in doc.get("namedRanges", []) if n["range"].get("sheetId", 0) != sheet_id
    ]
    doc["developerMetadata"] = [
        m for m in doc.get("developerMetadata", []) if _meta_sheet(m) != sheet_id
    ]
    _reindex(doc)
    return None


def _meta_sheet(meta: dict[str, Any]) -> int | None:
    location = meta["location"]
    if "sheetId" in location:
        return int(location["sheetId"])
    if "dimensionRange" in location:
        return int(location["dimensionRange"].get("sheetId", 0))
    return None


def update_sheet_properties(doc: Doc, request: dict[str, Any]) -> Reply:
    """updateSheetProperties under a fields mask (title, hidden, gridProperties.*, index)."""
    source = request.get("properties") or {}
    sheet = sheet_by_id(doc, source.get("sheetId") or 0)
    updated = copy.deepcopy(sheet["properties"])
    apply_update(updated, source, request.get("fields"))
    updated["sheetId"] = sheet["properties"]["sheetId"]
    title = updated.get("title", "")
    other = sheet_by_title(doc, title)
    if other is not None and other is not sheet:
        _duplicate_title(title)
    if updated.get("hidden") and all(
        s is sheet or s["properties"].get("hidden") for s in doc["sheets"]
    ):
        raise bad_request("You can't hide all the sheets in a document.")
    _resize(doc, sheet, updated["gridProperties"])
    sheet["properties"] = updated
    if updated.get("index", 0) != doc["sheets"].index(sheet):
        doc["sheets"].remove(sheet)
        doc["sheets"].insert(min(updated["index"], len(doc["sheets"])), sheet)
    _reindex(doc)
    return None


def _resize(doc: Doc, sheet: Sheet, grid: dict[str, Any]) -> None:
    rows, cols = grid_size(sheet)
    new_rows, new_cols = int(grid.get("rowCount", rows)), int(grid.get("columnCount", cols))
    if new_rows < 1 or new_cols < 1:
        raise bad_request("The grid must have at least one row and one column.")
    if new_rows < rows:
        delete_dimension(doc, sheet, "ROWS", new_rows, rows)
    if new_cols < cols:
        delete_dimension(doc, sheet, "COLUMNS", new_cols, cols)
    grid_now = sheet["properties"]["gridProperties"]
    grid_now["rowCount"], grid_now["columnCount"] = new_rows, new_cols


def update_spreadsheet_properties(doc: Doc, request: dict[str, Any]) -> Reply:
    """updateSpreadsheetProperties under a fields mask."""
    apply_update(doc["properties"], request.get("properties") or {}, request.get("fields"))
    return None


def _dimension_range(doc: Doc, span: dict[str, Any]) -> tuple[Sheet, str, int, int]:
    sheet = sheet_by_id(doc, span.get("sheetId") or 0)
    dimension = span.get("dimension")
    if dimension not in _META_KEY:
        raise bad_request("range.dimension must be ROWS or COLUMNS.")
    rows, cols = grid_size(sheet)
    limit = rows if dimension == "ROWS" else cols
    start = span.get("startIndex") or 0
    end = limit if span.get("endIndex") is None else span["endIndex"]
    if start < 0 or end > limit or start > end:
        raise bad_request(f"Invalid dimension range: [{start}, {end}) of {limit}.")
    return sheet, dimension, start, end


def append_dimension(doc: Doc, request: dict[str, Any]) -> Reply:
    """appendDimension: grow the grid at the end."""
    sheet = sheet_by_id(doc, request.get("sheetId") or 0)
    key = "rowCount" if request.get("dimension") == "ROWS" else "columnCount"
    sheet["properties"]["gridProperties"][key] += int(request.get("length") or 0)
    return None


def insert_dimension_request(doc: Doc, request: dict[str, Any]) -> Reply:
    """insertDimension: rows/columns open up; developer metadata and ranges move along."""
    span = request.get("range") or {}
    sheet, dimension, start, _ = _dimension_range(doc, {**span, "endIndex": span.get("startIndex")})
    end = span.get("endIndex") or start
    insert_dimension(doc, sheet, dimension, start, end)
    return None


def delete_dimension_request(doc: Doc, request: dict[str, Any]) -> Reply:
    """deleteDimension: rows/columns and what is anchored only to them disappear."""
    sheet, dimension, start, end = _dimension_range(doc, request.get("range") or {})
    rows, cols = grid_size(sheet)
    if end - start >= (rows if dimension == "ROWS" else cols):
        raise bad_request("You can't delete all the rows on the sheet.")
    delete_dimension(doc, sheet, dimension, start, end)
    return None


def move_dimension_request(doc: Doc, request: dict[str, Any]) -> Reply:
    """moveDimension: rows/columns move before destinationIndex, with all anchored to them."""
    sheet, dimension, start, end = _dimension_range(doc, request.get("source") or {})
    destination = request.get("destinationIndex") or 0
    rows, cols = grid_size(sheet)
    limit = rows if dimension == "ROWS" else cols
    if not 0 <= destination <= limit:
        raise bad_request(f"destinationIndex {destination} is outside the grid (0 to {limit}).")
    move_dimension(doc, sheet, dimension, start, end, destination)
    return None


def update_dimension_properties(doc: Doc, request: dict[str, Any]) -> Reply:
    """updateDimensionProperties: pixelSize, hiddenByUser under a fields mask."""
    sheet, dimension, start, end = _dimension_range(doc, request.get("range") or {})
    meta: list[Any] = sheet[_META_KEY[dimension]]
    while len(meta) < end:
        meta.append(None)
    for index in range(start, end):
        entry = dict(meta[index] or {})
        apply_update(entry, request.get("properties") or {}, request.get("fields"))
        if entry.get("hiddenByUser") is False:
            entry.pop("hiddenByUser")
        meta[index] = entry or None
    return None


def auto_resize(doc: Doc, request: dict[str, Any]) -> Reply:
    """autoResizeDimensions: columns widen to their longest text (an approximation)."""
    sheet, dimension, start, end = _dimension_range(doc, request.get("dimensions") or {})
    if dimension != "COLUMNS":
        return None
    meta: list[Any] = sheet["colMeta"]
    while len(meta) < end:
        meta.append(None)
    for col in range(start, end):
        longest = 0
        for row in range(len(sheet["rows"])):
            value = effective_of(cell_at(sheet, row, col) or {}) or {}
            longest = max(longest, len(str(next(iter(value.values()), ""))))
        if longest:
            # About 8.5 px per character of 10 pt Arial, plus padding (fits Google's answers).
            meta[col] = {**(meta[col] or {}), "pixelSize": round(longest * 8.48 + 7)}
        elif meta[col]:
            meta[col]["pixelSize"] = DEFAULT_COLUMN_PIXELS
    return None


def _group_key(dimension: str) -> str:
    return "rowGroups" if dimension == "ROWS" else "columnGroups"


def add_dimension_group(doc: Doc, request: dict[str, Any]) -> Reply:
    """addDimensionGroup: one level of grouping over the range."""
    sheet, dimension, start, end = _dimension_range(doc, request.get("range") or {})
    groups: list[dict[str, Any]] = sheet.setdefault(_group_key(dimension), [])
    depth = 1 + sum(1 for g in groups if g["range"]["startIndex"] <= start < g["range"]["endIndex"])
    span = {"dimension": dimension, "startIndex": start, "endIndex": end}
    if sheet["properties"]["sheetId"]:
        span = {"sheetId": sheet["properties"]["sheetId"], **span}
    groups.append({"range": span, "depth": depth})
    control = "rowGroupControlAfter" if dimension == "ROWS" else "columnGroupControlAfter"
    sheet["properties"]["gridProperties"][control] = True
    return {"addDimensionGroup": {"dimensionGroups": copy.deepcopy(groups)}}


def delete_dimension_group(doc: Doc, request: dict[str, Any]) -> Reply:
    """deleteDimensionGroup: remove the group over exactly that range."""
    sheet, dimension, start, end = _dimension_range(doc, request.get("range") or {})
    key = _group_key(dimension)
    groups = [
        g
        for g in sheet.get(key, [])
        if (g["range"]["startIndex"], g["range"]["endIndex"]) != (start, end)
    ]
    if len(groups) == len(sheet.get(key, [])):
        raise bad_request("No dimension group exists over that range.")
    sheet[key] = groups
    if not groups:
        del sheet[key]
    reply: dict[str, Any] = {"dimensionGroups": copy.deepcopy(groups)} if groups else {}
    return {"deleteDimensionGroup": reply}


SHEET_HANDLERS = {
    "addSheet": add_sheet,
    "deleteSheet": delete_sheet,
    "updateSheetProperties": update_sheet_properties,
    "updateSpreadsheetProperties": update_spreadsheet_properties,
    "appendDimension": append_dimension,
    "insertDimension": insert_dimension_request,
    "deleteDimension": delete_dimension_request,
    "moveDimension": move_dimension_request,
    "updateDimensionProperties": update_dimension_properties,
    "autoResizeDimensions": auto_resize,
    "addDimensionGroup": add_dimension_group,
    "deleteDimensionGroup": delete_dimension_group,
}
