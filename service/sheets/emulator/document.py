"""The stored spreadsheet: sheets, a sparse cell grid, and lookups by id, title and range."""

from __future__ import annotations

import secrets
from typing import Any

from .a1 import Bounds, Box, parse_a1, split_sheet
from .defaults import default_properties
from .errors import bad_request

__all__ = [
    "Doc",
    "Sheet",
    "box_of",
    "cell_at",
    "grid_size",
    "new_document",
    "new_id",
    "new_sheet",
    "put_cell",
    "resolve_range",
    "sheet_by_id",
    "sheet_by_title",
    "trim_grid",
]

# The stored document is plain JSON (it is persisted as one JSON text per spreadsheet).
Doc = dict[str, Any]
Sheet = dict[str, Any]


def new_id() -> int:
    """Pick a random positive 31-bit id, as Google does for sheets and ranges."""
    return secrets.randbelow(2**31 - 2) + 1


def new_sheet(properties: dict[str, Any]) -> Sheet:
    """Build an empty sheet from its properties (a 1000 × 26 grid unless told)."""
    grid = {"rowCount": 1000, "columnCount": 26, **properties.get("gridProperties", {})}
    props = {"sheetType": "GRID", **properties, "gridProperties": grid}
    return {"properties": props, "rows": [], "rowMeta": [], "colMeta": []}


def new_document(spreadsheet_id: str, title: str, sheet_title: str = "Sheet1") -> Doc:
    """Build a new spreadsheet with one empty sheet, as Drive or the UI creates it."""
    first = new_sheet({"sheetId": 0, "title": sheet_title, "index": 0})
    return {
        "spreadsheetId": spreadsheet_id,
        "properties": default_properties(title),
        "sheets": [first],
        "namedRanges": [],
        "developerMetadata": [],
    }


def sheet_by_id(doc: Doc, sheet_id: int) -> Sheet:
    """Find a sheet by id or raise Google's 400."""
    sheet: Sheet
    for sheet in doc["sheets"]:
        if sheet["properties"]["sheetId"] == sheet_id:
            return sheet
    raise bad_request(f"No grid with id: {sheet_id}")


def sheet_by_title(doc: Doc, title: str) -> Sheet | None:
    """Find a sheet by its exact title (case-insensitive, like Google)."""
    sheet: Sheet
    for sheet in doc["sheets"]:
        if sheet["properties"]["title"].lower() == title.lower():
            return sheet
    return None


def grid_size(sheet: Sheet) -> tuple[int, int]:
    """Return (rowCount, columnCount) of a sheet."""
    grid = sheet["properties"]["gridProperties"]
    return int(grid["rowCount"]), int(grid["columnCount"])


def resolve_range(doc: Doc, text: str) -> tuple[Sheet, Bounds]:
    """Resolve an A1 range (`'My tab'!A1:C`, `Sheet1`, `A2:Z`, a named range) to a sheet."""
    title, cells = split_sheet(text)
    if title is not None:
        sheet = sheet_by_title(doc, title)
        if sheet is None:
            raise bad_request(f"Unable to parse range: {text}")
        return sheet, Bounds() if cells is None else parse_a1(cells, text)
    assert cells is not None  # noqa: S101 - split_sheet returns cells when there is no title
    sheet = sheet_by_title(doc, cells)
    if sheet is not None:
        return sheet, Bounds()
    for named in doc.get("namedRanges", []):
        if named["name"].lower() == cells.lower():
            grid = named["range"]
            bounds = Bounds(
                grid.get("startRowIndex"),
                grid.get("endRowIndex"),
                grid.get("startColumnIndex"),
                grid.get("endColumnIndex"),
            )
            return sheet_by_id(doc, grid.get("sheetId", 0)), bounds
    return doc["sheets"][0], parse_a1(cells, text)


def box_of(sheet: Sheet, bounds: Bounds, text: str, grow: bool = False) -> Box:
    """Clip bounds to the grid; a range past the grid is Google's 'exceeds grid limits'."""
    rows, cols = grid_size(sheet)
    box = bounds.clip(rows, cols)
    if not grow and (box.row1 > rows or box.col1 > cols):
        title = sheet["properties"]["title"]
        message = (
            f"Range ('{title}'!{text.split('!')[-1]}) exceeds grid limits. "
            f"Max rows: {rows}, max columns: {cols}"
        )
        raise bad_request(message)
    return box


def cell_at(sheet: Sheet, row: int, col: int) -> dict[str, Any] | None:
    """Return the stored cell at (row, col), or None when it was never written."""
    rows: list[list[Any]] = sheet["rows"]
    if row >= len(rows) or rows[row] is None or col >= len(rows[row]):
        return None
    cell: dict[str, Any] | None = rows[row][col]
    return cell


def put_cell(sheet: Sheet, row: int, col: int, cell: dict[str, Any] | None) -> None:
    """Store a cell (None or {} empties it), growing the sparse grid as needed."""
    rows: list[Any] = sheet["rows"]
    if not cell:
        if row < len(rows) and rows[row] and col < len(rows[row]):
            rows[row][col] = None
        return
    while len(rows) <= row:
        rows.append(None)
    if rows[row] is None:
        rows[row] = []
    line: list[Any] = rows[row]
    while len(line) <= col:
        line.append(None)
    line[col] = cell


def trim_grid(sheet: Sheet) -> None:
    """Drop trailing empty cells and rows so the stored grid stays small."""
    rows: list[Any] = sheet["rows"]
    for index, line in enumerate(rows):
        if line is not None:
            while line and not line[-1]:
                line.pop()
            if not line:
                rows[index] = None
    while rows and rows[-1] is None:
        rows.pop()
