"""The scorecard tab's layout: which column is what, found by header and metadata.

Definition columns belong to the manager and are found by their header text;
period columns are headed by an ISO start date; computed columns belong to the
service and are found by developer metadata, so people may rename, move or
insert columns between syncs without misaligned writes.
"""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from service.core.grid import Cell, TabSnapshot
from service.core.models import (
    DEFINITION_FIELDS,
    HEADERS,
    Cadence,
    KpiRow,
    ParseError,
    parse_date,
    parse_number,
)
from service.core.trends import PeriodValue

__all__ = [
    "COLUMN_KEY",
    "COMPUTED_HEADERS",
    "TAB_KEY",
    "ComputedColumn",
    "KpiLine",
    "LayoutError",
    "ScorecardIdentity",
    "ScorecardTab",
    "column_letter",
    "identity_of",
    "locate_header",
    "read_scorecard",
]

TAB_KEY = "scorecard.tab"
COLUMN_KEY = "scorecard.column"
HEADER_SEARCH_ROWS = 5


class ComputedColumn(StrEnum):
    """The service-owned columns, in sheet order."""

    LATEST = "latest"
    AVERAGE = "average"
    TREND = "trend"
    SPARKLINE = "sparkline"
    STATUS = "status"
    FLAGS = "flags"
    VERDICT = "verdict"
    UPDATED = "updated"


COMPUTED_HEADERS: dict[ComputedColumn, str] = {
    ComputedColumn.LATEST: "Latest",
    ComputedColumn.AVERAGE: "Avg (last 4)",
    ComputedColumn.TREND: "Trend",
    ComputedColumn.SPARKLINE: "Sparkline",
    ComputedColumn.STATUS: "Status",
    ComputedColumn.FLAGS: "Flags",
    ComputedColumn.VERDICT: "Verdict",
    ComputedColumn.UPDATED: "Updated",
}

_HEADER_TO_FIELD = {field.header.lower(): field.name for field in DEFINITION_FIELDS}


class LayoutError(ValueError):
    """The tab's layout is ambiguous; the message says what to repair."""


class ScorecardIdentity(BaseModel):
    """Who and what a scorecard tab is for, stored as the tab's developer metadata."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    role: str
    person: str
    template_version: int = 1

    def tag_value(self) -> str:
        """The metadata value stored on the tab."""
        return json.dumps(self.model_dump(), ensure_ascii=False, sort_keys=True)


class KpiLine(BaseModel):
    """One KPI row of a tab: where it is, what it says, and its period values."""

    model_config = ConfigDict(frozen=True)

    row: int
    kpi: KpiRow
    values: tuple[PeriodValue, ...]


class ScorecardTab(BaseModel):
    """A scorecard tab read back into typed rows and column positions."""

    model_config = ConfigDict(frozen=True)

    sheet_id: int
    title: str
    identity: ScorecardIdentity
    header_row: int
    name_column: int
    definition_columns: dict[str, int]
    period_columns: tuple[tuple[date, int], ...]
    computed_columns: dict[ComputedColumn, int]
    lines: tuple[KpiLine, ...]

    @property
    def column_cadence(self) -> Cadence | None:
        """How far apart the period columns are: weekly, monthly or quarterly (None if unsure)."""
        starts = [start for start, _ in self.period_columns]
        gaps = sorted((b - a).days for a, b in zip(starts, starts[1:], strict=False))
        if not gaps:
            return None
        typical = gaps[len(gaps) // 2]
        if typical <= 10:
            return Cadence.WEEKLY
        return Cadence.MONTHLY if typical <= 45 else Cadence.QUARTERLY


def identity_of(tab: TabSnapshot) -> ScorecardIdentity | None:
    """The scorecard identity of a tab, or None when it is not one of ours."""
    raw = tab.tags.get(TAB_KEY)
    if raw is None:
        return None
    try:
        return ScorecardIdentity.model_validate_json(raw)
    except ValueError:
        return None


def column_letter(index: int) -> str:
    """Zero-based column index to its letters in a formula (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _header_text(cell: Cell) -> str:
    return " ".join(str(cell.value).split()).lower() if isinstance(cell.value, str) else ""


def locate_header(tab: TabSnapshot) -> tuple[int, int] | None:
    """(row, column) of the "KPI" header cell within the first rows, or None."""
    for row in range(min(HEADER_SEARCH_ROWS, len(tab.rows))):
        for column, cell in enumerate(tab.rows[row]):
            if _header_text(cell) == "kpi":
                return row, column
    return None


def _find_header_row(tab: TabSnapshot) -> int:
    found = locate_header(tab)
    if found is None:
        raise LayoutError("The header row with a 'KPI' column is missing: put the headers back.")
    return found[0]


def _period_start(cell: Cell) -> date | None:
    if cell.value is None or isinstance(cell.value, bool):
        return None
    try:
        return parse_date(cell.value)
    except (ParseError, ValueError, OverflowError):
        return None


def _definition_columns(header: tuple[Cell, ...]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = _HEADER_TO_FIELD.get(_header_text(cell))
        if name is None:
            continue
        if name in columns:
            raise LayoutError(f"Two columns are headed {HEADERS[name]!r}: rename or remove one.")
        columns[name] = index
    return columns


def _computed_columns(tab: TabSnapshot) -> dict[ComputedColumn, int]:
    found: dict[ComputedColumn, int] = {}
    for tag in tab.column_tags:
        if tag.key != COLUMN_KEY or tag.value not in ComputedColumn.__members__.values():
            continue
        kind = ComputedColumn(tag.value)
        if kind in found and found[kind] != tag.column:
            raise LayoutError(
                f"The {COMPUTED_HEADERS[kind]!r} column appears twice: delete the copy."
            )
        found[kind] = tag.column
    missing = [COMPUTED_HEADERS[kind] for kind in ComputedColumn if kind not in found]
    if missing:
        raise LayoutError(
            f"Service column(s) {', '.join(missing)} were deleted: undo the deletion, "
            "or provision the scorecard again."
        )
    return found


def _period_value(start: date, cell: Cell) -> PeriodValue:
    value = cell.value
    if cell.is_blank:
        return PeriodValue(start=start)
    if isinstance(value, float | int) and not isinstance(value, bool):
        return PeriodValue(start=start, value=float(value))
    text = str(value)
    try:
        return PeriodValue(start=start, value=parse_number(text), raw=text)
    except ParseError:
        return PeriodValue(start=start, raw=text)


def _line(
    tab: TabSnapshot, row: int, fields: dict[str, int], periods: tuple[tuple[date, int], ...]
) -> KpiLine | None:
    texts = {name: tab.cell(row, column).value for name, column in fields.items()}
    values = tuple(_period_value(start, tab.cell(row, column)) for start, column in periods)
    has_definition = any(v not in (None, "") for v in texts.values())
    if not has_definition and not any(v.value is not None or v.raw for v in values):
        return None
    return KpiLine(row=row, kpi=KpiRow.model_validate(texts), values=values)


def read_scorecard(tab: TabSnapshot) -> ScorecardTab:
    """Read a scorecard tab into typed rows; LayoutError when it is ambiguous."""
    identity = identity_of(tab)
    if identity is None:
        raise LayoutError(f"Tab {tab.title!r} is not a scorecard tab.")
    header_row = _find_header_row(tab)
    header = tab.rows[header_row]
    fields = _definition_columns(header)
    computed = _computed_columns(tab)
    taken = set(fields.values()) | set(computed.values())
    periods = tuple(
        sorted(
            (start, index)
            for index, cell in enumerate(header)
            if index not in taken and (start := _period_start(cell)) is not None
        )
    )
    starts = [start for start, _ in periods]
    if len(starts) != len(set(starts)):
        raise LayoutError("Two period columns have the same start date: remove the duplicate.")
    lines = tuple(
        line
        for row in range(header_row + 1, len(tab.rows))
        if (line := _line(tab, row, fields, periods)) is not None
    )
    return ScorecardTab(
        sheet_id=tab.sheet_id,
        title=tab.title,
        identity=identity,
        header_row=header_row,
        name_column=fields["name"],
        definition_columns=fields,
        period_columns=periods,
        computed_columns=computed,
        lines=lines,
    )
