"""The values endpoints: get, batchGet, update, batchUpdate, append, clear, batchClear."""

from __future__ import annotations

from typing import Any

from .a1 import Bounds, Box, column_letters, format_range
from .calculation import Calculation
from .cells import DateTimeOption, RenderOption, cell_value, effective_value, parse_input
from .document import Doc, Sheet, box_of, cell_at, grid_size, put_cell, resolve_range, trim_grid
from .errors import bad_request
from .locales import Locale, locale_of
from .request_rules import check_cell_limit
from .schema import check_body

__all__ = [
    "MAX_CELL_CHARS",
    "values_append",
    "values_batch_clear",
    "values_batch_get",
    "values_batch_update",
    "values_clear",
    "values_get",
    "values_update",
]

MAX_CELL_CHARS = 50_000
Params = dict[str, list[str]]


def _param(params: Params, name: str, default: str) -> str:
    return params.get(name, [default])[0]


def _render_option(params: Params) -> RenderOption:
    text = _param(params, "valueRenderOption", "FORMATTED_VALUE")
    try:
        return RenderOption(text)
    except ValueError as exc:
        raise bad_request(f"Invalid value at 'value_render_option' (enum), \"{text}\"") from exc


def _date_option(params: Params) -> DateTimeOption:
    text = _param(params, "dateTimeRenderOption", "SERIAL_NUMBER")
    try:
        return DateTimeOption(text)
    except ValueError as exc:
        message = f"Invalid value at 'date_time_render_option' (enum), \"{text}\""
        raise bad_request(message) from exc


def doc_locale(doc: Doc) -> Locale:
    """The rules of the spreadsheet's locale (properties.locale)."""
    return locale_of(doc.get("properties", {}).get("locale"))


def _read_grid(doc: Doc, sheet: Sheet, box: Box, params: Params, major: str) -> list[list[Any]]:
    option, date_option, locale = _render_option(params), _date_option(params), doc_locale(doc)
    calculation = Calculation(doc)
    rows = []
    for row in range(box.row0, box.row1):
        values = []
        for col in range(box.col0, box.col1):
            cell = cell_at(sheet, row, col)
            effective = calculation.effective(sheet, row, col, cell)
            values.append(cell_value(cell, option, locale, date_option, effective))
        rows.append(values)
    if major == "COLUMNS":
        rows = [list(column) for column in zip(*rows, strict=False)] if rows else []
    for line in rows:
        while line and line[-1] == "":
            line.pop()
    while rows and not rows[-1]:
        rows.pop()
    return rows


def read_range(doc: Doc, text: str, params: Params) -> dict[str, Any]:
    """Read one range as a ValueRange, trimmed and normalised as Google writes it."""
    sheet, bounds = resolve_range(doc, text)
    box = box_of(sheet, bounds, text)
    major = _param(params, "majorDimension", "ROWS")
    out: dict[str, Any] = {
        "range": format_range(sheet["properties"]["title"], box),
        "majorDimension": major,
    }
    rows = _read_grid(doc, sheet, box, params, major)
    if rows:
        out["values"] = rows
    return out


def values_get(doc: Doc, text: str, params: Params) -> dict[str, Any]:
    """GET values/{range}."""
    return read_range(doc, text, params)


def values_batch_get(doc: Doc, params: Params) -> dict[str, Any]:
    """GET values:batchGet?ranges=…"""
    value_ranges = [read_range(doc, text, params) for text in params.get("ranges", [])]
    return {"spreadsheetId": doc["spreadsheetId"], "valueRanges": value_ranges}


def _shape(values: list[Any], major: str) -> list[list[Any]]:
    if not isinstance(values, list) or not all(isinstance(row, list) for row in values):
        raise bad_request("Invalid values: expected an array of arrays", "data.values")
    if major == "COLUMNS":
        width = max((len(column) for column in values), default=0)
        return [[c[i] if i < len(c) else None for c in values] for i in range(width)]
    return values


def _write_cell(
    sheet: Sheet, row: int, col: int, raw: Any, user_entered: bool, locale: Locale
) -> None:
    if isinstance(raw, str) and len(raw) > MAX_CELL_CHARS:
        message = (
            f"Your input contains more than the maximum of {MAX_CELL_CHARS} "
            "characters in a single cell."
        )
        raise bad_request(message)
    cell = dict(cell_at(sheet, row, col) or {})
    current = cell.get("userEnteredFormat", {}).get("numberFormat")
    entered, number_format = parse_input(raw, user_entered, locale, current)
    cell.pop("userEnteredValue", None)
    cell.pop("effectiveValue", None)
    if entered is not None:
        cell["userEnteredValue"] = entered
        effective = effective_value(entered)
        if effective is not None:
            cell["effectiveValue"] = effective
    if number_format is not None:
        cell["userEnteredFormat"] = {
            **cell.get("userEnteredFormat", {}),
            "numberFormat": number_format,
        }
    put_cell(sheet, row, col, cell)


def _check_fits(bounds: Bounds, rows: list[list[Any]], text: str, row0: int, col0: int) -> None:
    if bounds.row1 is not None and row0 + len(rows) > bounds.row1:
        message = (
            f"Requested writing within range [{text}], but tried writing to row [{bounds.row1 + 1}]"
        )
        raise bad_request(message)
    width = max((len(row) for row in rows), default=0)
    if bounds.col1 is not None and col0 + width > bounds.col1:
        letter = column_letters(bounds.col1)
        message = f"Requested writing within range [{text}], but tried writing to column [{letter}]"
        raise bad_request(message)


def write_rows(
    sheet: Sheet, box: Box, rows: list[list[Any]], user_entered: bool, locale: Locale
) -> dict[str, Any]:
    """Write a block of values at the box's top-left and describe what was updated."""
    width = max((len(row) for row in rows), default=0)
    grid_rows, grid_cols = grid_size(sheet)
    if box.row0 + len(rows) > grid_rows or box.col0 + width > grid_cols:
        target = Box(box.row0, box.row0 + len(rows), box.col0, box.col0 + width)
        cells = format_range(sheet["properties"]["title"], target).rsplit("!", 1)[1]
        title = sheet["properties"]["title"].replace("'", "''")
        message = (
            f"Range ('{title}'!{cells}) exceeds grid limits. "
            f"Max rows: {grid_rows}, max columns: {grid_cols}"
        )
        raise bad_request(message)
    count = 0
    for offset, row in enumerate(rows):
        for col_offset, raw in enumerate(row):
            if raw is not None:
                at_row, at_col = box.row0 + offset, box.col0 + col_offset
                _write_cell(sheet, at_row, at_col, raw, user_entered, locale)
                count += 1
    trim_grid(sheet)
    written = Box(box.row0, box.row0 + max(len(rows), 1), box.col0, box.col0 + max(width, 1))
    return {
        "updatedRange": format_range(sheet["properties"]["title"], written),
        "updatedRows": len(rows),
        "updatedColumns": width,
        "updatedCells": count,
    }


def _input_mode(params: Params) -> bool:
    option = _param(params, "valueInputOption", "")
    if option not in ("RAW", "USER_ENTERED"):
        raise bad_request("Invalid valueInputOption: INPUT_VALUE_OPTION_UNSPECIFIED")
    return option == "USER_ENTERED"


def update_range(doc: Doc, body: dict[str, Any], text: str, user_entered: bool) -> dict[str, Any]:
    """Write one ValueRange into its range, checking that the values fit."""
    sheet, bounds = resolve_range(doc, text)
    rows = _shape(body.get("values") or [], body.get("majorDimension") or "ROWS")
    row0, col0 = bounds.row0 or 0, bounds.col0 or 0
    if ":" in text.rsplit("!", 1)[-1]:
        _check_fits(bounds, rows, text, row0, col0)  # a single cell only anchors the block
    result = write_rows(sheet, Box(row0, row0, col0, col0), rows, user_entered, doc_locale(doc))
    return {"spreadsheetId": doc["spreadsheetId"], **result}


def values_update(doc: Doc, text: str, body: Any, params: Params) -> dict[str, Any]:
    """PUT values/{range}?valueInputOption=…"""
    check_body(body, "ValueRange", "data")
    user_entered = _input_mode(params)
    out = update_range(doc, body, text, user_entered)
    if _param(params, "includeValuesInResponse", "false").lower() == "true":
        response = {
            "valueRenderOption": params.get("responseValueRenderOption", ["FORMATTED_VALUE"]),
            "dateTimeRenderOption": params.get("responseDateTimeRenderOption", ["SERIAL_NUMBER"]),
        }
        out["updatedData"] = read_range(doc, out["updatedRange"], response)
    return out


def values_batch_update(doc: Doc, body: Any) -> dict[str, Any]:
    """POST values:batchUpdate (all ranges or none)."""
    check_body(body, "BatchUpdateValuesRequest")
    user_entered = _input_mode({"valueInputOption": [body.get("valueInputOption") or ""]})
    responses = [
        update_range(doc, item, item.get("range", ""), user_entered)
        for item in body.get("data") or []
    ]
    return {
        "spreadsheetId": doc["spreadsheetId"],
        "totalUpdatedRows": sum(r["updatedRows"] for r in responses),
        "totalUpdatedColumns": sum(r["updatedColumns"] for r in responses),
        "totalUpdatedCells": sum(r["updatedCells"] for r in responses),
        "totalUpdatedSheets": len({r["updatedRange"].rsplit("!", 1)[0] for r in responses}),
        "responses": responses,
    }


def clear_range(doc: Doc, text: str) -> str:
    """Clear the values (not formats or notes) of a range; return the cleared range."""
    sheet, bounds = resolve_range(doc, text)
    rows, cols = grid_size(sheet)
    box = bounds.clip(rows, cols)
    box = Box(box.row0, min(box.row1, rows), box.col0, min(box.col1, cols))
    for row in range(box.row0, min(box.row1, len(sheet["rows"]))):
        for col in range(box.col0, box.col1):
            cell = cell_at(sheet, row, col)
            if cell:
                kept = {
                    k: v for k, v in cell.items() if k not in ("userEnteredValue", "effectiveValue")
                }
                put_cell(sheet, row, col, kept)
    trim_grid(sheet)
    return format_range(sheet["properties"]["title"], box)


def values_clear(doc: Doc, text: str) -> dict[str, Any]:
    """POST values/{range}:clear."""
    return {"spreadsheetId": doc["spreadsheetId"], "clearedRange": clear_range(doc, text)}


def values_batch_clear(doc: Doc, body: Any) -> dict[str, Any]:
    """POST values:batchClear."""
    check_body(body, "BatchClearValuesRequest")
    cleared = [clear_range(doc, text) for text in body.get("ranges") or []]
    return {"spreadsheetId": doc["spreadsheetId"], "clearedRanges": cleared}


def _find_table(sheet: Sheet, box: Box) -> Box | None:
    start = None
    for row in range(box.row0, min(box.row1, len(sheet["rows"]))):
        for col in range(box.col0, box.col1):
            if cell_at(sheet, row, col):
                start = (row, col)
                break
        if start:
            break
    if start is None:
        return None
    table = Box(start[0], start[0] + 1, start[1], start[1] + 1)
    grown = True
    while grown:
        grown = False
        for row in range(max(table.row0 - 1, 0), table.row1 + 1):
            for col in range(max(table.col0 - 1, 0), table.col1 + 1):
                inside = table.row0 <= row < table.row1 and table.col0 <= col < table.col1
                if not inside and cell_at(sheet, row, col):
                    table = Box(
                        min(table.row0, row),
                        max(table.row1, row + 1),
                        min(table.col0, col),
                        max(table.col1, col + 1),
                    )
                    grown = True
    return table


def values_append(doc: Doc, text: str, body: Any, params: Params) -> dict[str, Any]:
    """POST values/{range}:append: find the table at the range and write below it."""
    check_body(body, "ValueRange", "data")
    user_entered = _input_mode(params)
    sheet, bounds = resolve_range(doc, text)
    rows = _shape(body.get("values") or [], body.get("majorDimension") or "ROWS")
    grid_rows, grid_cols = grid_size(sheet)
    table = _find_table(sheet, bounds.clip(grid_rows, grid_cols))
    row0 = table.row1 if table else bounds.row0 or 0
    col0 = table.col0 if table else bounds.col0 or 0
    width = max((len(row) for row in rows), default=0)
    grid = sheet["properties"]["gridProperties"]
    if _param(params, "insertDataOption", "OVERWRITE") == "INSERT_ROWS" and row0 < grid_rows:
        from .dimensions import insert_dimension  # local: dimensions imports document only

        insert_dimension(doc, sheet, "ROWS", row0, row0 + len(rows))
    grid["rowCount"] = max(grid["rowCount"], row0 + len(rows))
    grid["columnCount"] = max(grid["columnCount"], col0 + width)
    check_cell_limit(doc)
    updates = write_rows(sheet, Box(row0, row0, col0, col0), rows, user_entered, doc_locale(doc))
    out: dict[str, Any] = {"spreadsheetId": doc["spreadsheetId"]}
    if table is not None:
        out["tableRange"] = format_range(sheet["properties"]["title"], table)
    out["updates"] = {"spreadsheetId": doc["spreadsheetId"], **updates}
    return out
