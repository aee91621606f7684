"""Write a Spreadsheet resource (as the Sheets API returns it, with grid data) to an .xlsx file."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from service.core.layout import TAB_KEY

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
_WHITE = "FFFFFF"
# Sheets measures columns in pixels, Excel in widths of the digit 0 (about 7 px in Calibri 11).
_PIXELS_PER_CHAR = 7.0
_DEFAULT_PIXELS = 100  # Sheets' default column width
_LINE_POINTS = 15.0  # one line of 11 pt text
# Same face and size as the workbook default, so bold headers do not fall back to a serif.
_BOLD = Font(name="Calibri", size=11, bold=True)
# Functions only Google Sheets has: other programs would show #NAME? in the cell.
_SHEETS_ONLY = re.compile(r"\b(SPARKLINE|IMAGE|IMPORTRANGE|GOOGLEFINANCE)\s*\(", re.IGNORECASE)


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


def _content(cell: dict[str, Any]) -> tuple[Any, bool, str]:
    """Return (value, is_text, note); a Sheets-only formula moves into the note."""
    value, is_text = _cell_value(cell)
    note = cell.get("note") or ""
    if not is_text and isinstance(value, str) and _SHEETS_ONLY.search(value):
        return None, False, "\n".join(filter(None, (note, f"In Google Sheets: {value}")))
    return value, is_text, note


def _hex(color: dict[str, Any]) -> str:
    parts = (round(float(color.get(key, 0)) * 255) for key in ("red", "green", "blue"))
    return "".join(f"{part:02X}" for part in parts)


def _fill(color: dict[str, Any] | None) -> PatternFill | None:
    # Both colours: cells paint a solid fill with fgColor, Excel's rule formats with bgColor.
    if not color:
        return None
    return PatternFill(fill_type="solid", fgColor=_hex(color), bgColor=_hex(color))


def _style(target: Any, fmt: dict[str, Any]) -> None:
    """Carry the formats the service writes: bold, background, wrap and number pattern."""
    if (fmt.get("textFormat") or {}).get("bold"):
        target.font = _BOLD
    color = fmt.get("backgroundColor")
    if color and _hex(color) != _WHITE:
        target.fill = _fill(color)
    if fmt.get("wrapStrategy") == "WRAP":
        target.alignment = Alignment(wrap_text=True)
    pattern = (fmt.get("numberFormat") or {}).get("pattern")
    if pattern:
        target.number_format = pattern


def _a1(grid: dict[str, Any]) -> str:
    row0, col0 = grid.get("startRowIndex", 0), grid.get("startColumnIndex", 0)
    row1, col1 = grid.get("endRowIndex", row0 + 1), grid.get("endColumnIndex", col0 + 1)
    return f"{get_column_letter(col0 + 1)}{row0 + 1}:{get_column_letter(col1)}{row1}"


def _write_cells(ws: Any, data: dict[str, Any], validations: dict[str, DataValidation]) -> None:
    row0, col0 = data.get("startRow", 0), data.get("startColumn", 0)
    for r_off, row in enumerate(data.get("rowData") or []):
        for c_off, cell in enumerate(row.get("values") or []):
            target = ws.cell(row=row0 + r_off + 1, column=col0 + c_off + 1)
            value, is_text, note = _content(cell)
            if value is not None:
                target.value = value
                if is_text:
                    target.data_type = "s"
            _style(target, cell.get("userEnteredFormat") or {})
            if note:
                target.comment = Comment(note, _AUTHOR)
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
        kind = condition.get("type", "")
        formula = [v.get("userEnteredValue", "0") for v in condition.get("values") or []]
        fmt = boolean.get("format") or {}
        fill = _fill(fmt.get("backgroundColor"))
        font = _BOLD if (fmt.get("textFormat") or {}).get("bold") else None
        if kind == "CUSTOM_FORMULA" and formula:
            # Both formats anchor a custom formula at the range's top-left cell.
            xlsx_rule = FormulaRule(formula=[formula[0].removeprefix("=")], fill=fill, font=font)
        elif kind in _OPERATORS:
            xlsx_rule = CellIsRule(operator=_OPERATORS[kind], formula=formula, fill=fill, font=font)
        else:
            continue  # gradients and text rules have no faithful openpyxl form here
        for grid in rule.get("ranges") or []:
            ws.conditional_formatting.add(_a1(grid), xlsx_rule)


def _column_widths(ws: Any, data: dict[str, Any]) -> None:
    col0 = data.get("startColumn", 0)
    for offset, meta in enumerate(data.get("columnMetadata") or []):
        pixels = (meta or {}).get("pixelSize")
        if pixels:
            letter = get_column_letter(col0 + offset + 1)
            ws.column_dimensions[letter].width = round(pixels / _PIXELS_PER_CHAR, 1)


def _wrapped_lines(ws: Any, cell: Any) -> int:
    if not (cell.alignment.wrap_text and isinstance(cell.value, str)):
        return 1
    # .get: indexing column_dimensions would create a column entry as a side effect.
    dimension = ws.column_dimensions.get(cell.column_letter)
    width = dimension.width if dimension and dimension.width else None
    chars = max(int(width or _DEFAULT_PIXELS / _PIXELS_PER_CHAR), 1)
    return sum(max(len(textwrap.wrap(part, chars)), 1) for part in cell.value.split("\n"))


def _row_heights(ws: Any) -> None:
    """Give rows of wrapped text a height: LibreOffice keeps an xlsx row's stored height."""
    for row in ws.iter_rows():
        lines = max((_wrapped_lines(ws, cell) for cell in row), default=1)
        if lines > 1:
            ws.row_dimensions[row[0].row].height = lines * _LINE_POINTS


def _page_setup(ws: Any) -> None:
    """Print landscape, all columns on one page wide, as many pages tall as it takes."""
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


def _write_sheet(wb: Any, sheet: dict[str, Any]) -> None:
    props = sheet.get("properties") or {}
    title = _BAD_TITLE_CHARS.sub("_", props.get("title", "Sheet"))[:31] or "Sheet"
    ws = wb.create_sheet(title)
    validations: dict[str, DataValidation] = {}
    for data in sheet.get("data") or []:
        _write_cells(ws, data, validations)
        _column_widths(ws, data)
    _row_heights(ws)
    grid = props.get("gridProperties") or {}
    rows, cols = grid.get("frozenRowCount", 0), grid.get("frozenColumnCount", 0)
    if rows or cols:
        ws.freeze_panes = ws.cell(row=rows + 1, column=cols + 1).coordinate
    for merge in sheet.get("merges") or []:
        ws.merge_cells(_a1(merge))
    _conditional_formats(ws, sheet.get("conditionalFormats") or [])
    _page_setup(ws)
    if props.get("hidden"):
        ws.sheet_state = "hidden"


def _open_on_first_scorecard(wb: Any, sheets: list[dict[str, Any]]) -> None:
    """Make the first scorecard tab the one the workbook opens on (not an empty Sheet1)."""
    for index, sheet in enumerate(sheets):
        keys = {meta.get("metadataKey") for meta in sheet.get("developerMetadata") or []}
        if TAB_KEY in keys and not (sheet.get("properties") or {}).get("hidden"):
            for ws in wb.worksheets:
                ws.sheet_view.tabSelected = False
            wb.active = index
            wb.worksheets[index].sheet_view.tabSelected = True
            return


def export_xlsx(spreadsheet: dict[str, Any], path: Path) -> None:
    """Write values, formulas, notes (as comments), formats, widths, freezes, lists and rules."""
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in spreadsheet.get("sheets") or []:
        _write_sheet(wb, sheet)
    if not wb.worksheets:
        wb.create_sheet("Sheet1")
    _open_on_first_scorecard(wb, spreadsheet.get("sheets") or [])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
