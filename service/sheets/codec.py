"""Translate between Sheets API v4 JSON and the domain snapshots and changes."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from service.core.grid import (
    BLANK,
    AddTab,
    BasicFilter,
    Cell,
    CellValue,
    CellWrite,
    Change,
    ColumnTag,
    ColumnWidth,
    Dropdown,
    FormatBlock,
    GrowTab,
    Oversize,
    ProtectColumns,
    Rgb,
    RowTag,
    RuleColor,
    SpreadsheetSnapshot,
    TabSnapshot,
    TagColumn,
    TagRow,
    TagTab,
)

__all__ = [
    "READ_FIELDS",
    "TAB_LIST_FIELDS",
    "decode_read",
    "decode_spreadsheet",
    "encode_changes",
    "read_filters",
]

Json = dict[str, Any]

_TAGS = "developerMetadata(metadataKey,metadataValue)"
# The reader's fields only: values, formulas, notes and number-format types of the
# tabs the data filters select, their tags, and the spreadsheet's locale.
READ_FIELDS = (
    "spreadsheetId,properties(title,locale),"
    "sheets(properties(sheetId,title,index,"
    "gridProperties(rowCount,columnCount,frozenRowCount,frozenColumnCount)),"
    f"{_TAGS},"
    f"data(startRow,startColumn,columnMetadata({_TAGS}),rowMetadata({_TAGS}),"
    "rowData(values(userEnteredValue/formulaValue,effectiveValue,"
    "effectiveFormat/numberFormat/type,userEnteredFormat/numberFormat/type,note))))"
)
# Every tab's name and id, no cells: what a new tab's title and id must not clash with.
TAB_LIST_FIELDS = "spreadsheetId,properties(title,locale),sheets(properties(sheetId,title,index))"


def read_filters(tab_keys: Iterable[str]) -> list[Json]:
    """Data filters selecting every tab that carries one of these tab-level metadata keys."""
    return [
        {"developerMetadataLookup": {"metadataKey": key, "locationType": "SHEET"}}
        for key in tab_keys
    ]


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


def _format_type(raw: Mapping[str, Any]) -> str | None:
    for key in ("effectiveFormat", "userEnteredFormat"):
        kind = ((raw.get(key) or {}).get("numberFormat") or {}).get("type")
        if kind:
            return str(kind)
    return None


_CELL_KEYS = frozenset(
    {"userEnteredValue", "effectiveValue", "userEnteredFormat", "effectiveFormat", "note"}
)


def _cell(raw: Mapping[str, Any] | Cell) -> Cell:
    if isinstance(raw, Cell):
        return raw
    if not raw:
        return BLANK
    entered = raw.get("userEnteredValue") or {}
    formula = entered.get("formulaValue")
    value = _scalar(raw.get("effectiveValue")) if "effectiveValue" in raw else None
    if value is None and formula is None:
        value = _scalar(entered)
    return Cell(value=value, format_type=_format_type(raw), formula=formula, note=raw.get("note"))


def _tags(metadata: Iterable[Mapping[str, Any]]) -> Iterator[tuple[str, str]]:
    for item in metadata:
        yield item.get("metadataKey", ""), item.get("metadataValue", "")


def _block_size(block: Mapping[str, Any]) -> tuple[int, int]:
    rows = block.get("rowData", [])
    width = max((len(row.get("values", [])) for row in rows), default=0)
    return block.get("startRow", 0) + len(rows), block.get("startColumn", 0) + width


def _decode_tab(sheet: Mapping[str, Any], max_cells: int | None) -> TabSnapshot:
    props = sheet.get("properties", {})
    grid = props.get("gridProperties", {})
    blocks = sheet.get("data", [])
    sizes = [_block_size(block) for block in blocks]
    height = max((rows for rows, _ in sizes), default=0)
    width = max((columns for _, columns in sizes), default=0)
    oversize = None
    if max_cells is not None and height * width > max_cells:
        oversize = Oversize(rows=height, columns=width, limit=max_cells)
    rows: list[tuple[Cell, ...]] = []
    column_tags: list[ColumnTag] = []
    row_tags: list[RowTag] = []
    for block in blocks:
        start_row, start_col = block.get("startRow", 0), block.get("startColumn", 0)
        for offset, column in enumerate(block.get("columnMetadata", [])):
            for key, value in _tags(column.get("developerMetadata", [])):
                column_tags.append(ColumnTag(column=start_col + offset, key=key, value=value))
        for offset, row_meta in enumerate(block.get("rowMetadata", [])):
            for key, value in _tags(row_meta.get("developerMetadata", [])):
                row_tags.append(RowTag(row=start_row + offset, key=key, value=value))
        if oversize is not None:
            continue  # too big to decode: the tab is reported, its cells are not read
        for offset, row in enumerate(block.get("rowData", [])):
            while len(rows) < start_row + offset:
                rows.append(())
            cells = tuple(_cell(value) for value in row.get("values", []))
            rows.append((BLANK,) * start_col + cells)
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
        row_tags=tuple(row_tags),
        rows=tuple(rows),
        oversize=oversize,
    )


class _CellsAsParsed:
    """A json object hook that turns each CellData into a Cell as soon as it is parsed.

    The parsed dicts of a big grid take several times the response's bytes; turning
    each cell into a Cell at once keeps only the compact form. Past `max_cells` cells
    in one sheet, cells become the shared blank: the tab is refused anyway.
    """

    def __init__(self, max_cells: int | None) -> None:
        self.max_cells = max_cells
        self.in_sheet = 0

    def __call__(self, obj: dict[str, Any]) -> object:
        if obj and obj.keys() <= _CELL_KEYS:
            self.in_sheet += 1
            if self.max_cells is not None and self.in_sheet > self.max_cells:
                return BLANK
            return _cell(obj)
        if "properties" in obj and "spreadsheetId" not in obj:
            self.in_sheet = 0  # a Sheet closed: the next sheet's cells count afresh
        return obj


def decode_read(raw: bytes, max_cells: int | None = None) -> SpreadsheetSnapshot:
    """A read's raw JSON body to a snapshot, decoding cells as they are parsed."""
    body = json.loads(raw, object_hook=_CellsAsParsed(max_cells))
    return decode_spreadsheet(body, max_cells)


def decode_spreadsheet(
    body: Mapping[str, Any], max_cells: int | None = None
) -> SpreadsheetSnapshot:
    """Google's `Spreadsheet` resource (as masked by READ_FIELDS) to a snapshot.

    A tab holding more than `max_cells` cells (rows × columns read) is returned
    with its tags but without cells, marked `oversize`.
    """
    props = body.get("properties", {})
    return SpreadsheetSnapshot(
        spreadsheet_id=body.get("spreadsheetId", ""),
        title=props.get("title", ""),
        locale=props.get("locale") or "en_US",
        tabs=tuple(_decode_tab(sheet, max_cells) for sheet in body.get("sheets", [])),
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
    entered = {} if change.note_only else _entered(change)
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
            and cell.note_only == run[-1].note_only
        ):
            yield run
            run = []
        run.append(cell)
    if run:
        yield run


def _mask(cell: CellWrite) -> str:
    if cell.note_only:
        return "note"
    return "userEnteredValue,note" if cell.write_note else "userEnteredValue"


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
            "fields": _mask(first),
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
        fmt["numberFormat"] = {
            "type": change.number_format.type,
            "pattern": change.number_format.pattern,
        }
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
    if isinstance(change, GrowTab):
        return {
            "updateSheetProperties": {
                "properties": {
                    "sheetId": change.sheet_id,
                    "gridProperties": {"rowCount": change.rows},
                },
                "fields": "gridProperties.rowCount",
            }
        }
    if isinstance(change, BasicFilter):
        span = _grid(change.sheet_id, None, (0, change.columns))
        return {"setBasicFilter": {"filter": {"range": span}}}
    if isinstance(change, FormatBlock):
        return _format(change)
    if isinstance(change, TagTab):
        return _metadata(change.key, change.value, {"sheetId": change.sheet_id})
    if isinstance(change, TagRow):
        span = {
            "sheetId": change.sheet_id,
            "dimension": "ROWS",
            "startIndex": change.row,
            "endIndex": change.row + 1,
        }
        return _metadata(change.key, change.value, {"dimensionRange": span})
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
    # New tabs and grown grids come first: the cell writes may land in them.
    first = ("addSheet", "updateSheetProperties")
    structure = [r for r in out if any(key in r for key in first)]
    rest = [r for r in out if not any(key in r for key in first)]
    return structure + [_update_cells(run) for run in _runs(cells)] + rest
