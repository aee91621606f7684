"""Translate between Sheets API v4 JSON and the domain snapshots and changes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from service.core.grid import (
    AddTab,
    Cell,
    CellValue,
    CellWrite,
    Change,
    ColumnTag,
    ColumnWidth,
    Dropdown,
    FormatBlock,
    ProtectColumns,
    Rgb,
    RuleColor,
    SpreadsheetSnapshot,
    TabSnapshot,
    TagColumn,
    TagTab,
)

__all__ = ["READ_FIELDS", "decode_spreadsheet", "encode_changes"]

Json = dict[str, Any]

# One read returns every tab's properties, metadata and cells: the whole sync input.
READ_FIELDS = (
    "spreadsheetId,properties.title,"
    "sheets(properties(sheetId,title,index,"
    "gridProperties(rowCount,columnCount,frozenRowCount,frozenColumnCount)),"
    "developerMetadata(metadataKey,metadataValue),"
    "data(startRow,startColumn,columnMetadata(developerMetadata(metadataKey,metadataValue)),"
    "rowData(values(userEnteredValue,effectiveValue,note))))"
)


def _scalar(value: Mapping[str, Any] | None) -> CellValue:
    if not value:
        return None
    for key in ("numberValue", "stringValue", "boolValue"):
        if key in value:
            result: CellValue = value[key]
            return float(result) if key == "numberValue" else result  # type: ignore[arg-type]
    if "errorValue" in value:
        return "#ERROR!"
    return None


def _cell(raw: Mapping[str, Any]) -> Cell:
    entered = raw.get("userEnteredValue") or {}
    formula = entered.get("formulaValue")
    value = _scalar(raw.get("effectiveValue")) if "effectiveValue" in raw else None
    if value is None and formula is None:
        value = _scalar(entered)
    return Cell(value=value, formula=formula, note=raw.get("note"))


def _tags(metadata: Iterable[Mapping[str, Any]]) -> Iterator[tuple[str, str]]:
    for item in metadata:
        yield item.get("metadataKey", ""), item.get("metadataValue", "")


def _decode_tab(sheet: Mapping[str, Any]) -> TabSnapshot:
    props = sheet.get("properties", {})
    grid = props.get("gridProperties", {})
    rows: list[tuple[Cell, ...]] = []
    column_tags: list[ColumnTag] = []
    for block in sheet.get("data", []):
        start_row, start_col = block.get("startRow", 0), block.get("startColumn", 0)
        for offset, column in enumerate(block.get("columnMetadata", [])):
            for key, value in _tags(column.get("developerMetadata", [])):
                column_tags.append(ColumnTag(column=start_col + offset, key=key, value=value))
        for offset, row in enumerate(block.get("rowData", [])):
            while len(rows) < start_row + offset:
                rows.append(())
            cells = tuple(_cell(value) for value in row.get("values", []))
            rows.append(tuple(Cell() for _ in range(start_col)) + cells)
    return TabSnapshot(
        sheet_id=props.get("sheetId", 0),
        title=props.get("title", ""),
        index=props.get("index", 0),
        row_count=grid.get("rowCount", 0),
        column_count=grid.get("columnCount", 0),
        frozen_rows=grid.get("frozenRowCount", 0),
        frozen_columns=grid.get("frozenColumnCount", 0),
        tags=dict(_tags(sheet.get("developerMetadata", []))),
        column_tags=tuple(column_tags),
        rows=tuple(rows),
    )


def decode_spreadsheet(body: Mapping[str, Any]) -> SpreadsheetSnapshot:
    """Google's `Spreadsheet` resource (as masked by READ_FIELDS) to a snapshot."""
    return SpreadsheetSnapshot(
        spreadsheet_id=body.get("spreadsheetId", ""),
        title=body.get("properties", {}).get("title", ""),
        tabs=tuple(_decode_tab(sheet) for sheet in body.get("sheets", [])),
    )


def _entered(change: CellWrite) -> Json:
    if change.formula is not None:
        return {"formulaValue": change.formula}
    value = change.value
    if value is None:
        return {}
    if isinstance(value, bool):
        return {"boolValue": value}
    if isinstance(value, int | float):
        return {"numberValue": value}
    return {"stringValue": value}


def _cell_data(change: CellWrite) -> Json:
    data: Json = {}
    entered = _entered(change)
    if entered:
        data["userEnteredValue"] = entered
    if change.write_note and change.note:
        data["note"] = change.note
    return data


def _runs(cells: Sequence[CellWrite]) -> Iterator[list[CellWrite]]:
    """Group writes into runs of adjacent cells in one row with the same field mask."""
    ordered = sorted(cells, key=lambda c: (c.sheet_id, c.row, c.column))
    run: list[CellWrite] = []
    for cell in ordered:
        if run and not (
            cell.sheet_id == run[-1].sheet_id
            and cell.row == run[-1].row
            and cell.column == run[-1].column + 1
            and cell.write_note == run[-1].write_note
        ):
            yield run
            run = []
        run.append(cell)
    if run:
        yield run


def _update_cells(run: list[CellWrite]) -> Json:
    first = run[0]
    return {
        "updateCells": {
            "rows": [{"values": [_cell_data(cell) for cell in run]}],
            "start": {
                "sheetId": first.sheet_id,
                "rowIndex": first.row,
                "columnIndex": first.column,
            },
            "fields": "userEnteredValue,note" if first.write_note else "userEnteredValue",
        }
    }


def _grid(sheet_id: int, rows: tuple[int, int] | None, cols: tuple[int, int] | None) -> Json:
    grid: Json = {"sheetId": sheet_id}
    if rows is not None:
        grid["startRowIndex"], grid["endRowIndex"] = rows
    if cols is not None:
        grid["startColumnIndex"], grid["endColumnIndex"] = cols
    return grid


def _rgb(color: Rgb) -> Json:
    return {"red": color.red, "green": color.green, "blue": color.blue}


def _format(change: FormatBlock) -> Json:
    fmt: Json = {}
    fields: list[str] = []
    if change.bold is not None:
        fmt["textFormat"] = {"bold": change.bold}
        fields.append("userEnteredFormat.textFormat.bold")
    if change.wrap is not None:
        fmt["wrapStrategy"] = "WRAP" if change.wrap else "OVERFLOW_CELL"
        fields.append("userEnteredFormat.wrapStrategy")
    if change.background is not None:
        fmt["backgroundColor"] = _rgb(change.background)
        fields.append("userEnteredFormat.backgroundColor")
    if change.number_format is not None:
        fmt["numberFormat"] = {"type": "NUMBER", "pattern": change.number_format}
        fields.append("userEnteredFormat.numberFormat")
    rows = (change.start_row, change.end_row)
    cols = (change.start_column, change.end_column)
    return {
        "repeatCell": {
            "range": _grid(change.sheet_id, rows, cols),
            "cell": {"userEnteredFormat": fmt},
            "fields": ",".join(fields),
        }
    }


def _metadata(key: str, value: str, location: Json) -> Json:
    return {
        "createDeveloperMetadata": {
            "developerMetadata": {
                "metadataKey": key,
                "metadataValue": value,
                "location": location,
                "visibility": "DOCUMENT",
            }
        }
    }


def _encode_one(change: Change) -> Json:  # noqa: C901 - a flat dispatch on the change kind
    if isinstance(change, AddTab):
        return {
            "addSheet": {
                "properties": {
                    "sheetId": change.sheet_id,
                    "title": change.title,
                    "gridProperties": {
                        "rowCount": change.rows,
                        "columnCount": change.columns,
                        "frozenRowCount": change.frozen_rows,
                        "frozenColumnCount": change.frozen_columns,
                    },
                }
            }
        }
    if isinstance(change, FormatBlock):
        return _format(change)
    if isinstance(change, TagTab):
        return _metadata(change.key, change.value, {"sheetId": change.sheet_id})
    if isinstance(change, TagColumn):
        span = {
            "sheetId": change.sheet_id,
            "dimension": "COLUMNS",
            "startIndex": change.column,
            "endIndex": change.column + 1,
        }
        return _metadata(change.key, change.value, {"dimensionRange": span})
    if isinstance(change, Dropdown):
        return {
            "setDataValidation": {
                "range": _grid(
                    change.sheet_id,
                    (change.start_row, change.end_row),
                    (change.column, change.column + 1),
                ),
                "rule": {
                    "condition": {
                        "type": "ONE_OF_LIST",
                        "values": [{"userEnteredValue": option} for option in change.options],
                    },
                    "showCustomUi": True,
                    "strict": False,
                },
            }
        }
    if isinstance(change, RuleColor):
        rows = (change.start_row, change.end_row)
        cols = (change.start_column, change.end_column)
        return {
            "addConditionalFormatRule": {
                "rule": {
                    "ranges": [_grid(change.sheet_id, rows, cols)],
                    "booleanRule": {
                        "condition": {
                            "type": "CUSTOM_FORMULA",
                            "values": [{"userEnteredValue": change.formula}],
                        },
                        "format": {
                            "backgroundColor": _rgb(change.background),
                            **({"textFormat": {"bold": True}} if change.bold else {}),
                        },
                    },
                },
                "index": 0,
            }
        }
    if isinstance(change, ProtectColumns):
        return {
            "addProtectedRange": {
                "protectedRange": {
                    "range": _grid(change.sheet_id, None, (change.start_column, change.end_column)),
                    "description": change.description,
                    "warningOnly": True,
                }
            }
        }
    if isinstance(change, ColumnWidth):
        return {
            "updateDimensionProperties": {
                "range": {
                    "sheetId": change.sheet_id,
                    "dimension": "COLUMNS",
                    "startIndex": change.column,
                    "endIndex": change.column + 1,
                },
                "properties": {"pixelSize": change.pixels},
                "fields": "pixelSize",
            }
        }
    raise TypeError(f"not a single-request change: {change!r}")


def encode_changes(changes: Sequence[Change]) -> list[Json]:
    """The `requests` list of one batchUpdate, in order: structure first, then cells."""
    out: list[Json] = []
    cells: list[CellWrite] = []
    for change in changes:
        if isinstance(change, CellWrite):
            cells.append(change)
        else:
            out.append(_encode_one(change))
    structure = [r for r in out if "addSheet" in r]
    rest = [r for r in out if "addSheet" not in r]
    return structure + [_update_cells(run) for run in _runs(cells)] + rest
