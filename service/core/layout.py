"""The scorecard tab's layout: which row and column is what, found by metadata and header.

The header row carries our row metadata (older tabs: the first row holding several
known headers). Definition columns belong to the manager and are found by their
header text; a period column is headed by an exact ISO date or a date-formatted
cell, never a bare number; computed columns belong to the service and are found
by developer metadata, so people may rename, move or insert columns between syncs
without misaligned writes. A KPI row has a name and at least one definition field.
"""

from __future__ import annotations

import json
import re
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
    Target,
    parse_target,
)
from service.core.readings import (
    DATE_TYPES,
    LocaleRules,
    definition_text,
    is_percent_unit,
    locale_rules,
    period_value,
    serial_date,
)
from service.core.trends import PeriodValue

__all__ = [
    "COLUMN_KEY",
    "COMPUTED_HEADERS",
    "HEADER_KEY",
    "TAB_KEY",
    "ComputedColumn",
    "KpiLine",
    "LayoutError",
    "ScorecardIdentity",
    "ScorecardTab",
    "TabTooLarge",
    "column_letter",
    "identity_of",
    "locate_header",
    "read_scorecard",
]

TAB_KEY = "scorecard.tab"
COLUMN_KEY = "scorecard.column"
HEADER_KEY = "scorecard.header"
HEADER_SEARCH_ROWS = 10
# Without our row metadata, the header row is the first that holds this many known
# headers (one of them "KPI"), so a title row that merely says "KPI" is passed over.
KNOWN_HEADERS_NEEDED = 3


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
_KNOWN_HEADERS = set(_HEADER_TO_FIELD) | {h.lower() for h in COMPUTED_HEADERS.values()}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class LayoutError(ValueError):
    """The tab's layout is ambiguous; the message says what to repair."""

    code = "layout_ambiguous"


class TabTooLarge(LayoutError):
    """The tab holds more cells than one read may decode."""

    code = "tab_too_large"


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
    def period_blocks(self) -> tuple[tuple[int, int], ...]:
        """The period columns in date order as runs of adjacent columns: (first, last)."""
        blocks: list[tuple[int, int]] = []
        for _, column in self.period_columns:
            if blocks and column == blocks[-1][1] + 1:
                blocks[-1] = (blocks[-1][0], column)
            else:
                blocks.append((column, column))
        return tuple(blocks)

    @property
    def notice(self) -> str:
        """What the tab's header note should say about its layout ("" when all is well)."""
        blocks = self.period_blocks
        if len(blocks) <= 1:
            return ""
        spans = ", ".join(
            column_letter(a) if a == b else f"{column_letter(a)}–{column_letter(b)}"
            for a, b in blocks
        )
        return (
            f"ℹ The period columns are not one block in date order ({spans}): "
            "the sparkline plots only the period columns, in date order. Move other "
            "columns out from between them, and keep the dates left to right, to tidy up."
        )

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


def _kpi_column(row: tuple[Cell, ...]) -> int | None:
    return next((c for c, cell in enumerate(row) if _header_text(cell) == "kpi"), None)


def locate_header(tab: TabSnapshot) -> tuple[int, int] | None:
    """(row, column) of the "KPI" header cell, or None.

    The header row is the one our row metadata marks; failing that, the first of
    the top rows holding several known headers, not just "KPI".
    """
    for tag in tab.row_tags:
        if tag.key == HEADER_KEY and tag.row < len(tab.rows):
            column = _kpi_column(tab.rows[tag.row])
            if column is not None:
                return tag.row, column
    for row in range(min(HEADER_SEARCH_ROWS, len(tab.rows))):
        cells = tab.rows[row]
        column = _kpi_column(cells)
        known = {text for cell in cells if (text := _header_text(cell)) in _KNOWN_HEADERS}
        if column is not None and len(known) >= KNOWN_HEADERS_NEEDED:
            return row, column
    return None


def _find_header_row(tab: TabSnapshot) -> int:
    found = locate_header(tab)
    if found is None:
        raise LayoutError("The header row with a 'KPI' column is missing: put the headers back.")
    return found[0]


def _period_start(cell: Cell) -> date | None:
    """A period header: an exact ISO date as text, or a date-formatted cell; nothing else."""
    value = cell.value
    if isinstance(value, str):
        text = value.strip()
        if not _ISO_DATE.match(text):
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    if isinstance(value, float | int) and not isinstance(value, bool):
        if cell.format_type not in DATE_TYPES:
            return None  # a bare number such as 2025 is never a period
        return serial_date(float(value))
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


def _target(text: str) -> Target | None:
    try:
        return parse_target(text)
    except ParseError:
        return None


def _line(
    tab: TabSnapshot,
    row: int,
    fields: dict[str, int],
    periods: tuple[tuple[date, int], ...],
    rules: LocaleRules,
) -> KpiLine | None:
    texts = {
        name: definition_text(tab.cell(row, column), rules, name) for name, column in fields.items()
    }
    kpi = KpiRow.model_validate(texts)
    filled = [name for name, value in kpi.model_dump().items() if value]
    if not kpi.name or len(filled) < 2:
        return None  # a footnote or a blank row: not a KPI, left alone
    percent = is_percent_unit(kpi.unit)
    target = _target(kpi.target)
    values = tuple(
        period_value(start, tab.cell(row, column), rules, percent=percent, target=target)
        for start, column in periods
    )
    return KpiLine(row=row, kpi=kpi, values=values)


def _too_large(tab: TabSnapshot) -> TabTooLarge:
    size = tab.oversize
    assert size is not None  # noqa: S101 - only called for oversize tabs
    return TabTooLarge(
        f"Tab {tab.title!r} holds {size.rows:,} rows × {size.columns:,} columns "
        f"({size.rows * size.columns:,} cells); a scorecard tab may hold at most "
        f"{size.limit:,} (setting SCORECARD_MAX_TAB_CELLS). Move old periods or rows "
        "to another tab."
    )


def read_scorecard(tab: TabSnapshot, locale: str = "en_US") -> ScorecardTab:
    """Read a scorecard tab into typed rows; LayoutError when it is ambiguous or too big.

    `locale` is the spreadsheet's (`properties.locale`): it decides how text numbers
    and text dates read.
    """
    identity = identity_of(tab)
    if identity is None:
        raise LayoutError(f"Tab {tab.title!r} is not a scorecard tab.")
    if tab.oversize is not None:
        raise _too_large(tab)
    rules = locale_rules(locale)
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
        if (line := _line(tab, row, fields, periods, rules)) is not None
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
