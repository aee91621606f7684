"""What the Sheets layer reads and writes, in domain terms.

The gateway turns Google's JSON into these snapshots and turns these changes
into one all-or-nothing `spreadsheets:batchUpdate`. Nothing here knows HTTP or
A1 notation: positions are zero-based row and column indexes within a tab.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "AddTab",
    "BasicFilter",
    "Cell",
    "CellWrite",
    "Change",
    "ColumnTag",
    "ColumnWidth",
    "Dropdown",
    "FormatBlock",
    "GrowTab",
    "NumberFormat",
    "Oversize",
    "ProtectColumns",
    "Rgb",
    "RowTag",
    "RuleColor",
    "SpreadsheetSnapshot",
    "TabSnapshot",
    "TagColumn",
    "TagRow",
    "TagTab",
]

CellValue = str | float | bool | None

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class Cell(BaseModel):
    """One cell as read: its unformatted value, its number format's type, formula and note.

    `format_type` is Google's `NumberFormat.type` (NUMBER, PERCENT, CURRENCY, DATE,
    TIME, DATE_TIME, SCIENTIFIC, TEXT), None when the cell has no number format.
    """

    model_config = _FROZEN

    value: CellValue = None
    format_type: str | None = None
    formula: str | None = None
    note: str | None = None

    @property
    def is_blank(self) -> bool:
        """True when the cell holds nothing at all (no value, formula or text)."""
        return self.formula is None and (self.value is None or self.value == "")


BLANK = Cell()


class ColumnTag(BaseModel):
    """A developer-metadata tag on a whole column."""

    model_config = _FROZEN

    column: int
    key: str
    value: str


class RowTag(BaseModel):
    """A developer-metadata tag on a whole row."""

    model_config = _FROZEN

    row: int
    key: str
    value: str


class Oversize(BaseModel):
    """A tab too big to decode: how many rows and columns it held, and the cell limit."""

    model_config = _FROZEN

    rows: int
    columns: int
    limit: int


class TabSnapshot(BaseModel):
    """One tab as read in the spreadsheet's single read.

    `oversize` is set when the tab held more cells than one read may decode; its
    `rows` are then left empty.
    """

    model_config = _FROZEN

    sheet_id: int
    title: str
    index: int = 0
    row_count: int = 1000
    column_count: int = 26
    frozen_rows: int = 0
    frozen_columns: int = 0
    tags: dict[str, str] = Field(default_factory=dict)
    column_tags: tuple[ColumnTag, ...] = ()
    row_tags: tuple[RowTag, ...] = ()
    rows: tuple[tuple[Cell, ...], ...] = ()
    oversize: Oversize | None = None

    def cell(self, row: int, column: int) -> Cell:
        """The cell at (row, column), blank beyond what was read."""
        if row < len(self.rows) and column < len(self.rows[row]):
            return self.rows[row][column]
        return BLANK


class SpreadsheetSnapshot(BaseModel):
    """The tabs of a spreadsheet read in one request, with the locale that parsed its input."""

    model_config = _FROZEN

    spreadsheet_id: str
    title: str
    locale: str = "en_US"
    tabs: tuple[TabSnapshot, ...] = ()

    def tab(self, sheet_id: int) -> TabSnapshot | None:
        """The tab with this sheet id, if there is one."""
        return next((tab for tab in self.tabs if tab.sheet_id == sheet_id), None)


class Rgb(BaseModel):
    """A colour, each channel 0–1 as the Sheets API wants it."""

    model_config = _FROZEN

    red: float = 1.0
    green: float = 1.0
    blue: float = 1.0


class AddTab(BaseModel):
    """Add a tab with a chosen sheet id (so a retried or racing add fails instead of doubling)."""

    model_config = _FROZEN
    kind: Literal["add_tab"] = "add_tab"

    sheet_id: int
    title: str
    rows: int
    columns: int
    frozen_rows: int = 0
    frozen_columns: int = 0


class CellWrite(BaseModel):
    """Write one cell. Text is always written as text; only `formula` becomes a formula."""

    model_config = _FROZEN
    kind: Literal["cell"] = "cell"

    sheet_id: int
    row: int = Field(ge=0)
    column: int = Field(ge=0)
    value: CellValue = None
    formula: str | None = None
    note: str | None = None
    write_note: bool = False
    # Write only the note and leave the cell's value (and formula) as the manager left it.
    note_only: bool = False


class NumberFormat(BaseModel):
    """A cell number format: Google's type (NUMBER, PERCENT, DATE, …) and its pattern."""

    model_config = _FROZEN

    type: str
    pattern: str = ""


class FormatBlock(BaseModel):
    """Format a rectangle of cells (end indexes exclusive)."""

    model_config = _FROZEN
    kind: Literal["format"] = "format"

    sheet_id: int
    start_row: int
    end_row: int
    start_column: int
    end_column: int
    bold: bool | None = None
    wrap: bool | None = None
    background: Rgb | None = None
    number_format: NumberFormat | None = None


class TagTab(BaseModel):
    """Attach developer metadata to a tab."""

    model_config = _FROZEN
    kind: Literal["tag_tab"] = "tag_tab"

    sheet_id: int
    key: str
    value: str


class TagRow(BaseModel):
    """Attach developer metadata to a row (it moves with the row when rows are inserted)."""

    model_config = _FROZEN
    kind: Literal["tag_row"] = "tag_row"

    sheet_id: int
    row: int
    key: str
    value: str


class TagColumn(BaseModel):
    """Attach developer metadata to a column, so it is found after moves and inserts."""

    model_config = _FROZEN
    kind: Literal["tag_column"] = "tag_column"

    sheet_id: int
    column: int
    key: str
    value: str


class Dropdown(BaseModel):
    """A dropdown list on a column's cells (not strict: people may type other text)."""

    model_config = _FROZEN
    kind: Literal["dropdown"] = "dropdown"

    sheet_id: int
    column: int
    start_row: int
    end_row: int
    options: tuple[str, ...]


class RuleColor(BaseModel):
    """A conditional format: cells where `formula` holds get `background` (and bold text)."""

    model_config = _FROZEN
    kind: Literal["rule_color"] = "rule_color"

    sheet_id: int
    start_row: int
    end_row: int
    start_column: int
    end_column: int
    formula: str
    background: Rgb
    bold: bool = False


class ProtectColumns(BaseModel):
    """Protect columns with a warning only: people are asked before editing them."""

    model_config = _FROZEN
    kind: Literal["protect"] = "protect"

    sheet_id: int
    start_column: int
    end_column: int
    description: str


class ColumnWidth(BaseModel):
    """Set a column's width in pixels."""

    model_config = _FROZEN
    kind: Literal["width"] = "width"

    sheet_id: int
    column: int
    pixels: int


class GrowTab(BaseModel):
    """Give a tab more rows (never fewer), before any cell in the same batch is written."""

    model_config = _FROZEN
    kind: Literal["grow"] = "grow"

    sheet_id: int
    rows: int = Field(ge=1)


class BasicFilter(BaseModel):
    """Turn on the tab's filter over its first `columns` columns (all rows): people sort and
    filter with it."""

    model_config = _FROZEN
    kind: Literal["basic_filter"] = "basic_filter"

    sheet_id: int
    columns: int = Field(ge=1)


Change = (
    AddTab
    | GrowTab
    | BasicFilter
    | CellWrite
    | FormatBlock
    | TagTab
    | TagRow
    | TagColumn
    | Dropdown
    | RuleColor
    | ProtectColumns
    | ColumnWidth
)
