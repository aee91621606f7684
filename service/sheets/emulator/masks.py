"""Update masks (`fields` of batchUpdate requests) and the shapes Google stores values in."""

from __future__ import annotations

import copy
from typing import Any

from .a1 import Box
from .document import Doc, Sheet, grid_size, sheet_by_id
from .errors import bad_request
from .fields import FieldTree, parse_update_mask

__all__ = [
    "apply_update",
    "box_of_grid_range",
    "clean_range",
    "normalise_format",
    "prune_defaults",
]

# Plain proto3 fields Google leaves out of its answers when they hold their default.
_FALSY_DEFAULTS = ("hidden", "rightToLeft", "hideGridlines", "frozenRowCount", "frozenColumnCount")


def _apply_tree(target: dict[str, Any], source: dict[str, Any], tree: FieldTree) -> None:
    for key, sub in tree.items():
        if sub is None or not isinstance(source.get(key, {}), dict):
            if key in source and source[key] is not None:
                target[key] = copy.deepcopy(source[key])
            else:
                target.pop(key, None)
            continue
        child = target.get(key)
        if not isinstance(child, dict):
            child = {}
        _apply_tree(child, source.get(key) or {}, sub)
        if child:
            target[key] = child
        else:
            target.pop(key, None)


def apply_update(target: dict[str, Any], source: dict[str, Any], fields: str | None) -> None:
    """Copy the masked fields from source to target; masked fields absent in source are cleared."""
    if not fields:
        raise bad_request("At least one field must be updated with 'fields'.")
    if fields.strip() == "*":
        target.clear()
        target.update(copy.deepcopy(source))
    else:
        _apply_tree(target, source, parse_update_mask(fields))
    prune_defaults(target)


def prune_defaults(target: dict[str, Any]) -> None:
    """Drop false/zero plain fields (hidden, frozenRowCount…) that Google leaves out."""
    for key in _FALSY_DEFAULTS:
        if target.get(key) in (False, 0):
            target.pop(key)
    grid = target.get("gridProperties")
    if isinstance(grid, dict):
        for key in _FALSY_DEFAULTS:
            if grid.get(key) in (False, 0):
                grid.pop(key)


def clean_range(grid: dict[str, Any]) -> dict[str, Any]:
    """Store a GridRange as Google echoes it: sheetId 0 is left out."""
    out = {k: v for k, v in grid.items() if v is not None}
    if out.get("sheetId", 0) == 0:
        out.pop("sheetId", None)
    return out


def box_of_grid_range(doc: Doc, grid: dict[str, Any]) -> tuple[Sheet, Box]:
    """Resolve a GridRange to its sheet and a concrete box, refusing ranges past the grid."""
    sheet = sheet_by_id(doc, grid.get("sheetId") or 0)
    rows, cols = grid_size(sheet)
    row0 = grid.get("startRowIndex") or 0
    col0 = grid.get("startColumnIndex") or 0
    row1 = rows if grid.get("endRowIndex") is None else grid["endRowIndex"]
    col1 = cols if grid.get("endColumnIndex") is None else grid["endColumnIndex"]
    if row1 > rows or col1 > cols or row0 < 0 or col0 < 0:
        title = sheet["properties"]["title"]
        raise bad_request(
            f"Range ('{title}'!R{row0 + 1}C{col0 + 1}:R{row1}C{col1}) exceeds grid limits. "
            f"Max rows: {rows}, max columns: {cols}"
        )
    if row1 < row0 or col1 < col0:
        raise bad_request("The start index of the range must be less than or equal to the end.")
    return sheet, Box(row0, row1, col0, col1)


def _color_style(color: dict[str, Any]) -> dict[str, Any]:
    return {"rgbColor": copy.deepcopy(color)}


def normalise_format(fmt: dict[str, Any]) -> dict[str, Any]:
    """Mirror plain colours into their *Style twins, as Google stores formats."""
    out = copy.deepcopy(fmt)
    if "backgroundColor" in out and "backgroundColorStyle" not in out:
        out["backgroundColorStyle"] = _color_style(out["backgroundColor"])
    text = out.get("textFormat")
    if isinstance(text, dict) and "foregroundColor" in text and "foregroundColorStyle" not in text:
        text["foregroundColorStyle"] = _color_style(text["foregroundColor"])
    return out
