"""batchUpdate requests on cells: updateCells, repeatCell, validation, merges, copy/cut."""

from __future__ import annotations

import copy
from typing import Any

from .a1 import Box
from .cells import effective_value
from .document import Doc, Sheet, cell_at, put_cell, sheet_by_id, trim_grid
from .errors import bad_request
from .fields import FieldTree, parse_update_mask
from .masks import box_of_grid_range, clean_range, normalise_format
from .values import MAX_CELL_CHARS

__all__ = ["CELL_HANDLERS"]

Reply = dict[str, Any] | None
_VALUE_KEYS = ("userEnteredValue", "effectiveValue")


def _check_length(cell: dict[str, Any]) -> None:
    for value in (cell.get("userEnteredValue") or {}).values():
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            raise bad_request(
                f"Your input contains more than the maximum of {MAX_CELL_CHARS} "
                "characters in a single cell."
            )


def _masked_format(old: dict[str, Any], new: dict[str, Any], sub: FieldTree) -> dict[str, Any]:
    fmt = copy.deepcopy(old)
    for name in sub:
        fmt.pop(name + "Style", None)
        if name in new:
            fmt[name] = copy.deepcopy(new[name])
        else:
            fmt.pop(name, None)
    return normalise_format(fmt)


def _merge_cell(
    old: dict[str, Any] | None, new: dict[str, Any], tree: FieldTree | None
) -> dict[str, Any]:
    """Apply the masked fields of `new` onto `old` (tree None means every field)."""
    # Request bodies are parsed fresh for every call, so their parts can be stored as they are.
    if tree is None:
        cell = {k: v for k, v in new.items() if v not in (None, "", {})}
        tree = dict.fromkeys(("userEnteredValue",))
    else:
        cell = dict(old or {})
        for key, sub in tree.items():
            if key == "userEnteredFormat" and sub is not None:
                cell[key] = _masked_format(cell.get(key, {}), new.get(key) or {}, sub)
            elif new.get(key) not in (None, "", {}):
                cell[key] = new[key]
            else:
                cell.pop(key, None)
    if cell.get("userEnteredFormat"):
        cell["userEnteredFormat"] = normalise_format(cell["userEnteredFormat"])
    else:
        cell.pop("userEnteredFormat", None)
    if "userEnteredValue" in tree:
        cell.pop("effectiveValue", None)
        effective = effective_value(cell.get("userEnteredValue"))
        if effective is not None:
            cell["effectiveValue"] = effective
    return cell


def _fields_tree(fields: str | None) -> FieldTree | None:
    if not fields:
        raise bad_request("At least one field must be updated with 'fields'.")
    return None if fields.strip() == "*" else parse_update_mask(fields)


def update_cells(doc: Doc, request: dict[str, Any]) -> Reply:
    """updateCells: write rows at `start` or over `range` under a fields mask."""
    tree = _fields_tree(request.get("fields"))
    rows = request.get("rows") or []
    if "range" in request and request["range"] is not None:
        sheet, box = box_of_grid_range(doc, request["range"])
    else:
        start = request.get("start") or {}
        width = max((len(r.get("values") or []) for r in rows), default=0)
        row0, col0 = start.get("rowIndex") or 0, start.get("columnIndex") or 0
        grid = {
            "sheetId": start.get("sheetId") or 0,
            "startRowIndex": row0,
            "endRowIndex": row0 + len(rows),
            "startColumnIndex": col0,
            "endColumnIndex": col0 + width,
        }
        sheet, box = box_of_grid_range(doc, grid)
    for r_off, row in enumerate(range(box.row0, box.row1)):
        values = (rows[r_off].get("values") or []) if r_off < len(rows) else []
        for c_off, col in enumerate(range(box.col0, box.col1)):
            new = values[c_off] if c_off < len(values) else {}
            _check_length(new or {})
            put_cell(sheet, row, col, _merge_cell(cell_at(sheet, row, col), new or {}, tree))
    trim_grid(sheet)
    return None


def append_cells(doc: Doc, request: dict[str, Any]) -> Reply:
    """appendCells: rows go below the last row with data, growing the grid if needed."""
    sheet = sheet_by_id(doc, request.get("sheetId") or 0)
    rows = request.get("rows") or []
    trim_grid(sheet)
    row0 = len(sheet["rows"])
    width = max((len(r.get("values") or []) for r in rows), default=0)
    grid = sheet["properties"]["gridProperties"]
    grid["rowCount"] = max(grid["rowCount"], row0 + len(rows))
    grid["columnCount"] = max(grid["columnCount"], width)
    start = {"sheetId": request.get("sheetId") or 0, "rowIndex": row0, "columnIndex": 0}
    return update_cells(doc, {"start": start, "rows": rows, "fields": request.get("fields")})


def repeat_cell(doc: Doc, request: dict[str, Any]) -> Reply:
    """repeatCell: the same cell data over every cell of the range."""
    tree = _fields_tree(request.get("fields"))
    sheet, box = box_of_grid_range(doc, request.get("range") or {})
    new = request.get("cell") or {}
    _check_length(new)
    for row in range(box.row0, box.row1):
        for col in range(box.col0, box.col1):
            put_cell(sheet, row, col, _merge_cell(cell_at(sheet, row, col), new, tree))
    trim_grid(sheet)
    return None


def set_data_validation(doc: Doc, request: dict[str, Any]) -> Reply:
    """setDataValidation: set (or with no rule, clear) the rule on every cell of the range."""
    sheet, box = box_of_grid_range(doc, request.get("range") or {})
    rule = request.get("rule")
    for row in range(box.row0, box.row1):
        for col in range(box.col0, box.col1):
            cell = dict(cell_at(sheet, row, col) or {})
            if rule:
                cell["dataValidation"] = copy.deepcopy(rule)
            else:
                cell.pop("dataValidation", None)
            put_cell(sheet, row, col, cell)
    trim_grid(sheet)
    return None


def _overlaps(a: Box, b: Box) -> bool:
    return a.row0 < b.row1 and b.row0 < a.row1 and a.col0 < b.col1 and b.col0 < a.col1


def _inside(inner: Box, outer: Box) -> bool:
    return (
        outer.row0 <= inner.row0
        and inner.row1 <= outer.row1
        and outer.col0 <= inner.col0
        and inner.col1 <= outer.col1
    )


def _box(grid: dict[str, Any]) -> Box:
    return Box(
        grid["startRowIndex"], grid["endRowIndex"], grid["startColumnIndex"], grid["endColumnIndex"]
    )


def _clear_values(sheet: Sheet, box: Box, keep: tuple[int, int]) -> None:
    for row in range(box.row0, box.row1):
        for col in range(box.col0, box.col1):
            cell = cell_at(sheet, row, col)
            if (row, col) != keep and cell:
                put_cell(sheet, row, col, {k: v for k, v in cell.items() if k not in _VALUE_KEYS})


def merge_cells(doc: Doc, request: dict[str, Any]) -> Reply:
    """mergeCells: MERGE_ALL, MERGE_COLUMNS or MERGE_ROWS; only top-left values survive."""
    grid = request.get("range") or {}
    sheet, box = box_of_grid_range(doc, grid)
    kind = request.get("mergeType") or "MERGE_ALL"
    if kind == "MERGE_COLUMNS":
        parts = [Box(box.row0, box.row1, c, c + 1) for c in range(box.col0, box.col1)]
    elif kind == "MERGE_ROWS":
        parts = [Box(r, r + 1, box.col0, box.col1) for r in range(box.row0, box.row1)]
    else:
        parts = [box]
    # Merges wholly inside the new range are absorbed; a partial overlap is refused.
    merges: list[dict[str, Any]] = [m for m in sheet.get("merges", []) if not _inside(_box(m), box)]
    sheet["merges"] = merges
    for part in parts:
        if any(_overlaps(part, _box(m)) for m in merges):
            raise bad_request(
                "You must select all cells in a merged range to merge or unmerge them."
            )
        if part.rows * part.cols > 1:
            _clear_values(sheet, part, (part.row0, part.col0))
            merges.append(
                clean_range(
                    {
                        "sheetId": grid.get("sheetId") or 0,
                        "startRowIndex": part.row0,
                        "endRowIndex": part.row1,
                        "startColumnIndex": part.col0,
                        "endColumnIndex": part.col1,
                    }
                )
            )
    if not merges:
        del sheet["merges"]
    trim_grid(sheet)
    return None


def unmerge_cells(doc: Doc, request: dict[str, Any]) -> Reply:
    """unmergeCells: every merge inside the range is undone."""
    sheet, box = box_of_grid_range(doc, request.get("range") or {})
    kept = []
    for merge in sheet.get("merges", []):
        inner = _box(merge)
        if not _overlaps(inner, box):
            kept.append(merge)
        elif not _inside(inner, box):
            raise bad_request(
                "You must select all cells in a merged range to merge or unmerge them."
            )
    sheet["merges"] = kept
    if not kept:
        del sheet["merges"]
    return None


_PASTE_KEYS = {
    "PASTE_NORMAL": None,
    "PASTE_VALUES": ("userEnteredValue", "effectiveValue"),
    "PASTE_FORMAT": ("userEnteredFormat",),
    "PASTE_NO_BORDERS": None,
    "PASTE_FORMULA": ("userEnteredValue", "effectiveValue"),
    "PASTE_DATA_VALIDATION": ("dataValidation",),
    "PASTE_CONDITIONAL_FORMATTING": (),
}


def _copy_block(source: Sheet, box: Box) -> list[list[dict[str, Any] | None]]:
    return [
        [copy.deepcopy(cell_at(source, r, c)) for c in range(box.col0, box.col1)]
        for r in range(box.row0, box.row1)
    ]


def _paste(
    target: Sheet, block: list[list[dict[str, Any] | None]], row0: int, col0: int, paste_type: str
) -> None:
    keys = _PASTE_KEYS.get(paste_type)
    for r_off, line in enumerate(block):
        for c_off, cell in enumerate(line):
            row, col = row0 + r_off, col0 + c_off
            if keys is None:
                put_cell(target, row, col, cell)
                continue
            merged = {k: v for k, v in (cell_at(target, row, col) or {}).items() if k not in keys}
            merged.update({k: v for k, v in (cell or {}).items() if k in keys})
            put_cell(target, row, col, merged)
    trim_grid(target)


def copy_paste(doc: Doc, request: dict[str, Any]) -> Reply:
    """copyPaste: copy the source block to the destination's top-left corner."""
    source, box = box_of_grid_range(doc, request.get("source") or {})
    target, dest = box_of_grid_range(doc, request.get("destination") or {})
    block = _copy_block(source, box)
    _check_fits(target, dest.row0 + box.rows, dest.col0 + box.cols)
    _paste(target, block, dest.row0, dest.col0, request.get("pasteType") or "PASTE_NORMAL")
    return None


def _check_fits(sheet: Sheet, row1: int, col1: int) -> None:
    box_of_grid_range(
        {"sheets": [sheet]},
        {
            "sheetId": sheet["properties"]["sheetId"],
            "startRowIndex": 0,
            "endRowIndex": row1,
            "startColumnIndex": 0,
            "endColumnIndex": col1,
        },
    )


def cut_paste(doc: Doc, request: dict[str, Any]) -> Reply:
    """cutPaste: move the source block to the destination coordinate."""
    source, box = box_of_grid_range(doc, request.get("source") or {})
    dest = request.get("destination") or {}
    target = sheet_by_id(doc, dest.get("sheetId") or 0)
    row0, col0 = dest.get("rowIndex") or 0, dest.get("columnIndex") or 0
    _check_fits(target, row0 + box.rows, col0 + box.cols)
    block = _copy_block(source, box)
    for row in range(box.row0, box.row1):
        for col in range(box.col0, box.col1):
            put_cell(source, row, col, None)
    _paste(target, block, row0, col0, request.get("pasteType") or "PASTE_NORMAL")
    return None


CELL_HANDLERS = {
    "updateCells": update_cells,
    "repeatCell": repeat_cell,
    "appendCells": append_cells,
    "setDataValidation": set_data_validation,
    "mergeCells": merge_cells,
    "unmergeCells": unmerge_cells,
    "copyPaste": copy_paste,
    "cutPaste": cut_paste,
}
