"""Inserting and deleting rows or columns, moving everything anchored to them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from .document import Doc, Sheet

__all__ = ["delete_dimension", "insert_dimension", "sheet_ranges"]

_KEYS = {
    "ROWS": ("startRowIndex", "endRowIndex"),
    "COLUMNS": ("startColumnIndex", "endColumnIndex"),
}
_GRID_KEY = {"ROWS": "rowCount", "COLUMNS": "columnCount"}
_META_KEY = {"ROWS": "rowMeta", "COLUMNS": "colMeta"}


def sheet_ranges(doc: Doc, sheet: Sheet) -> Iterator[dict[str, Any]]:
    """Yield every GridRange anchored to a sheet (merges, protections, rules, named ranges)."""
    sheet_id = sheet["properties"]["sheetId"]
    yield from sheet.get("merges", [])
    for protected in sheet.get("protectedRanges", []):
        if "range" in protected:
            yield protected["range"]
    for rule in sheet.get("conditionalFormats", []):
        yield from rule.get("ranges", [])
    if "basicFilter" in sheet:
        yield sheet["basicFilter"]["range"]
    for named in doc.get("namedRanges", []):
        if named["range"].get("sheetId", 0) == sheet_id:
            yield named["range"]


def _dimension_ranges(doc: Doc, sheet: Sheet, dimension: str) -> Iterator[dict[str, Any]]:
    sheet_id = sheet["properties"]["sheetId"]
    for entry in doc.get("developerMetadata", []):
        span = entry["location"].get("dimensionRange")
        if span and span.get("sheetId", 0) == sheet_id and span["dimension"] == dimension:
            yield span
    group_key = "rowGroups" if dimension == "ROWS" else "columnGroups"
    for group in sheet.get(group_key, []):
        yield group["range"]


def _shift(
    doc: Doc,
    sheet: Sheet,
    dimension: str,
    move_start: Callable[[int], int],
    move_end: Callable[[int], int],
) -> None:
    low, high = _KEYS[dimension]
    for grid in list(sheet_ranges(doc, sheet)):
        if low in grid:
            grid[low] = move_start(grid[low])
        if high in grid:
            grid[high] = move_end(grid[high])
    for span in _dimension_ranges(doc, sheet, dimension):
        span["startIndex"] = move_start(span.get("startIndex", 0))
        span["endIndex"] = move_end(span["endIndex"])
    _drop_empty(doc, sheet, dimension)


def _empty(grid: dict[str, Any], low: str, high: str) -> bool:
    return low in grid and high in grid and grid[low] >= grid[high]


def _drop_empty(doc: Doc, sheet: Sheet, dimension: str) -> None:
    low, high = _KEYS[dimension]
    sheet["merges"] = [m for m in sheet.get("merges", []) if not _empty(m, low, high)]
    sheet["protectedRanges"] = [
        p for p in sheet.get("protectedRanges", []) if not _empty(p.get("range", {}), low, high)
    ]
    doc["developerMetadata"] = [
        entry
        for entry in doc.get("developerMetadata", [])
        if not _empty(entry["location"].get("dimensionRange", {}), "startIndex", "endIndex")
    ]
    for key in ("merges", "protectedRanges"):
        if not sheet[key]:
            del sheet[key]


def insert_dimension(doc: Doc, sheet: Sheet, dimension: str, start: int, end: int) -> None:
    """Insert empty rows or columns at [start, end); anchored ranges move or grow."""
    count = end - start
    grid = sheet["properties"]["gridProperties"]
    grid[_GRID_KEY[dimension]] += count
    meta: list[Any] = sheet[_META_KEY[dimension]]
    if start < len(meta):
        meta[start:start] = [None] * count
    if dimension == "ROWS":
        if start < len(sheet["rows"]):
            sheet["rows"][start:start] = [None] * count
    else:
        for line in sheet["rows"]:
            if line and start < len(line):
                line[start:start] = [None] * count
    # A range ending exactly where rows are inserted does not grow; one starting there moves.
    _shift(
        doc,
        sheet,
        dimension,
        lambda i: i + count if i >= start else i,
        lambda i: i + count if i > start else i,
    )


def delete_dimension(doc: Doc, sheet: Sheet, dimension: str, start: int, end: int) -> None:
    """Delete rows or columns [start, end); ranges inside them disappear, later ones move up."""
    count = end - start
    grid = sheet["properties"]["gridProperties"]
    grid[_GRID_KEY[dimension]] -= count
    del sheet[_META_KEY[dimension]][start:end]
    if dimension == "ROWS":
        del sheet["rows"][start:end]
    else:
        for line in sheet["rows"]:
            if line:
                del line[start:end]

    def move(index: int) -> int:
        if index <= start:
            return index
        return start if index <= end else index - count

    _shift(doc, sheet, dimension, move, move)
