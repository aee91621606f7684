"""Write a Spreadsheet resource (as the Sheets API returns it, with grid data) to an .xlsx file."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

__all__ = ["export_xlsx"]

_BAD_TITLE_CHARS = re.compile(r"[\\/*?:\[\]]")
_OPERATORS = {
    "NUMBER_GREATER": "greaterThan",
    "NUMBER_GREATER_THAN_EQ": "greaterThanOrEqual",
    "NUMBER_LESS": "lessThan",
    "NUMBER_LESS_THAN_EQ": "lessThanOrEqual",
    "NUMBER_EQ": "equal",
    "NUMBER_NOT_EQ": "notEqual",
    "NUMBER_BETWEEN": "between",
    "NUMBER_NOT_BETWEEN": "notBetween",
}
_AUTHOR = "Scorecard"


def _cell_value(cell: dict[str, Any]) -> tuple[Any, bool]:
    """Return (value, is_text): text that starts with '=' must not become a formula."""
    entered = cell.get("userEnteredValue") or {}
    if "formulaValue" in entered:
        return entered["formulaValue"], False
    if "numberValue" in entered:
        return entered["numberValue"], False
    if "boolValue" in entered:
        return entered["boolValue"], False
    if "stringValue" in entered:
        return entered["stringValue"], True
    return None, False


def _hex(color: dict[str, Any]) -> str:
    parts = (round(float(color.get(key, 0)) * 255) for key in ("red", "green", "blue"))
    return "".join(f"{part:02X}" for part in parts)


def _a1(grid: dict[str, Any]) -> str:
    row0, col0 = grid.get("startRowIndex", 0), grid.get("startColumnIndex", 0)
    row1, col1 = grid.get("endRowIndex", row0 + 1), grid.get("endColumnIndex", col0 + 1)
    return f"{get_column_letter(col0 + 1)}{row0 + 1}:{get_column_letter(col1)}{row1}"


def _write_cells(ws: Any, data: dict[str, Any], validations: dict[str, DataValidation]) -> None:
    row0, col0 = data.get("startRow", 0), data.get("startColumn", 0)
    for r_off, row in enumerate(data.get("rowData") or []):
        for c_off, cell in enumerate(row.get("values") or []):
            target = ws.cell(row=row0 + r_off + 1, column=col0 + c_off + 1)
            value, is_text = _cell_value(cell)
            if value is not None:
                target.value = value
                if is_text:
                    target.data_type = "s"
            if cell.get("note"):
                target.comment = Comment(cell["note"], _AUTHOR)
            rule = cell.get("dataValidation")
            if rule:
                _validation(ws, rule, validations).add(target.coordinate)


def _validation(ws: Any, rule: dict[str, Any], known: dict[str, DataValidation]) -> DataValidation:
    key = json.dumps(rule, sort_keys=True)
    if key not in known:
        condition = rule.get("condition") or {}
        values = [v.get("userEnteredValue", "") for v in condition.get("values") or []]
        if condition.get("type") == "ONE_OF_LIST":
            validation = DataValidation(type="list", formula1='"' + ",".join(values) + '"')
        elif condition.get("type") == "ONE_OF_RANGE" and values:
            validation = DataValidation(type="list", formula1=values[0].lstrip("="))
        else:
            validation = DataValidation(type="custom", formula1="TRUE")
        validation.allow_blank = True
        validation.showErrorMessage = bool(rule.get("strict"))
        ws.add_data_validation(validation)
        known[key] = validation
    return known[key]


def _conditional_formats(ws: Any, rules: list[dict[str, Any]]) -> None:
    for rule in rules:
        boolean = rule.get("booleanRule") or {}
        condition = boolean.get("condition") or {}
        operator = _OPERATORS.get(condition.get("type", ""))
        if operator is None:
            continue  # gradients and text rules have no faithful openpyxl form here
        formula = [v.get("userEnteredValue", "0") for v in condition.get("values") or []]
        color = (boolean.get("format") or {}).get("backgroundColor")
        fill = PatternFill(fill_type="solid", fgColor=_hex(color)) if color else None
        for grid in rule.get("ranges") or []:
            ws.conditional_formatting.add(
                _a1(grid), CellIsRule(operator=operator, formula=formula, fill=fill)
            )


def _write_sheet(wb: Any, sheet: dict[str, Any]) -> None:
    props = sheet.get("properties") or {}
    title = _BAD_TITLE_CHARS.sub("_", props.get("title", "Sheet"))[:31] or "Sheet"
    ws = wb.create_sheet(title)
    validations: dict[str, DataValidation] = {}
    for data in sheet.get("data") or []:
        _write_cells(ws, data, validations)
    grid = props.get("gridProperties") or {}
    rows, cols = grid.get("frozenRowCount", 0), grid.get("frozenColumnCount", 0)
    if rows or cols:
        ws.freeze_panes = ws.cell(row=rows + 1, column=cols + 1).coordinate
    for merge in sheet.get("merges") or []:
        ws.merge_cells(_a1(merge))
    _conditional_formats(ws, sheet.get("conditionalFormats") or [])
    if props.get("hidden"):
        ws.sheet_state = "hidden"


def export_xlsx(spreadsheet: dict[str, Any], path: Path) -> None:
    """Write values, formulas, notes (as comments), freezes, validation lists and rules."""
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in spreadsheet.get("sheets") or []:
        _write_sheet(wb, sheet)
    if not wb.worksheets:
        wb.create_sheet("Sheet1")
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
