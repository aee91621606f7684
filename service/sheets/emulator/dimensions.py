"""Inserting and deleting rows or columns, moving everything anchored to them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from .document import Doc, Sheet
from .errors import bad_request

__all__ = ["delete_dimension", "grid_size_of", "insert_dimension", "move_dimension", "sheet_ranges"]

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


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    """Split sorted indices into half-open contiguous runs."""
    runs: list[tuple[int, int]] = []
    for index in indices:
        if runs and runs[-1][1] == index:
            runs[-1] = (runs[-1][0], index + 1)
        else:
            runs.append((index, index + 1))
    return runs


def _moved_runs(low: int, high: int, place: Callable[[int], int]) -> list[tuple[int, int]]:
    return _runs(sorted(place(i) for i in range(low, high)))


def _reorder(items: list[Any], order: list[int]) -> list[Any]:
    padded = items + [None] * (len(order) - len(items))
    moved = [padded[old] for old in order]
    while moved and moved[-1] is None:
        moved.pop()
    return moved


def move_dimension(  # noqa: C901 - one pass over every kind of anchored range
    doc: Doc, sheet: Sheet, dimension: str, start: int, end: int, destination: int
) -> None:
    """Move rows or columns [start, end) before `destination` (an index before the move).

    Cells (values, formats, notes, validation) and row/column properties travel with
    their row or column; merges, protected ranges, conditional formats, named ranges,
    groups and developer metadata follow the rows or columns they cover.
    """
    count = end - start
    limit = grid_size_of(sheet, dimension)
    if count <= 0 or start <= destination <= end:
        return
    others = [i for i in range(limit) if not start <= i < end]
    at = destination if destination < start else destination - count
    order = others[:at] + list(range(start, end)) + others[at:]
    new_index = {old: new for new, old in enumerate(order)}

    def place(index: int) -> int:
        return new_index.get(index, index)

    key = _META_KEY[dimension]
    sheet[key] = _reorder(list(sheet[key]), order)
    if dimension == "ROWS":
        sheet["rows"] = _reorder(list(sheet["rows"]), order)
    else:
        sheet["rows"] = [_reorder(list(line), order) if line else line for line in sheet["rows"]]
    low_key, high_key = _KEYS[dimension]
    for merge in sheet.get("merges", []):
        low, high = merge.get(low_key, 0), merge.get(high_key, limit)
        if len(_moved_runs(low, high, place)) > 1:
            raise bad_request("You can't move only part of a merged range.")
    rule_ranges = {id(g) for rule in sheet.get("conditionalFormats", []) for g in rule["ranges"]}
    for grid in list(sheet_ranges(doc, sheet)):
        if id(grid) not in rule_ranges:
            _move_grid(grid, low_key, high_key, limit, place)
    for rule in sheet.get("conditionalFormats", []):
        # A rule's range split by the move becomes several ranges, as in the Sheets UI.
        split: list[dict[str, Any]] = []
        for grid in rule.get("ranges", []):
            split.extend(_split_grid(grid, low_key, high_key, limit, place))
        rule["ranges"] = split
    for span in _dimension_ranges(doc, sheet, dimension):
        low, high = span.get("startIndex", 0), span.get("endIndex", limit)
        runs = _moved_runs(low, high, place)
        span["startIndex"], span["endIndex"] = runs[0][0], runs[-1][1]


def grid_size_of(sheet: Sheet, dimension: str) -> int:
    """The number of rows or columns of a sheet."""
    return int(sheet["properties"]["gridProperties"][_GRID_KEY[dimension]])


def _move_grid(
    grid: dict[str, Any], low_key: str, high_key: str, limit: int, place: Callable[[int], int]
) -> None:
    if low_key not in grid and high_key not in grid:
        return  # unbounded on this axis: it covers every row or column wherever they go
    low, high = grid.get(low_key, 0), grid.get(high_key, limit)
    runs = _moved_runs(low, high, place)
    if runs:
        grid[low_key], grid[high_key] = runs[0][0], runs[-1][1]


def _split_grid(
    grid: dict[str, Any], low_key: str, high_key: str, limit: int, place: Callable[[int], int]
) -> list[dict[str, Any]]:
    if low_key not in grid and high_key not in grid:
        return [grid]
    low, high = grid.get(low_key, 0), grid.get(high_key, limit)
    return [{**grid, low_key: a, high_key: b} for a, b in _moved_runs(low, high, place)]
