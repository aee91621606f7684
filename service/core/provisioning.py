"""Plan a new scorecard tab: every cell, format, rule and tag, for one atomic write."""

from __future__ import annotations

import unicodedata
import zlib
from collections.abc import Sequence
from datetime import date

from service.core.grid import (
    AddTab,
    CellWrite,
    Change,
    ColumnWidth,
    Dropdown,
    FormatBlock,
    NumberFormat,
    ProtectColumns,
    Rgb,
    RuleColor,
    SpreadsheetSnapshot,
    TagColumn,
    TagRow,
    TagTab,
)
from service.core.layout import (
    COLUMN_KEY,
    COMPUTED_HEADERS,
    HEADER_KEY,
    TAB_KEY,
    ComputedColumn,
    ScorecardIdentity,
    column_letter,
)
from service.core.models import (
    DEFINITION_FIELDS,
    Cadence,
    Control,
    Direction,
    KpiRow,
    parse_number,
)
from service.core.periods import period_starts
from service.core.readings import is_percent_unit
from service.core.templates import Template
from service.core.trends import Status, status_symbol

__all__ = [
    "MAX_TITLE",
    "clean_person",
    "period_format",
    "plan_scorecard_tab",
    "scorecard_sheet_id",
    "scorecard_title",
]

MAX_TITLE = 100
SPARE_ROWS = 25
GREY = Rgb(red=0.93, green=0.93, blue=0.93)
BLUE = Rgb(red=0.87, green=0.92, blue=0.98)
YELLOW = Rgb(red=1.0, green=0.97, blue=0.85)
# Met and missed read apart without colour vision too: blue and orange stay distinct under
# deuteranopia and protanopia (unlike green and red), and a miss is also set in bold.
MET = Rgb(red=0.78, green=0.87, blue=0.97)
MISSED = Rgb(red=0.99, green=0.80, blue=0.56)
_WIDTHS = {"name": 220, "definition": 320, "business_result": 160, "data_source": 160}
_COMPUTED_WIDTHS = {
    ComputedColumn.TREND: 170,
    ComputedColumn.STATUS: 110,
    ComputedColumn.FLAGS: 240,
    ComputedColumn.VERDICT: 240,
    ComputedColumn.UPDATED: 140,
}
_FIELD_INDEX = {field.name: index for index, field in enumerate(DEFINITION_FIELDS)}
_COMPUTED_START = len(DEFINITION_FIELDS)
_COMPUTED = list(ComputedColumn)
_PERIOD_START = _COMPUTED_START + len(_COMPUTED)
# What people type into a period cell lands as the KPI's unit reads: a % KPI's cells
# show percentages, money shows as money; "Last reviewed" shows an ISO date.
PERCENT_FORMAT = NumberFormat(type="PERCENT", pattern="0.0%")
NUMBER_FORMAT = NumberFormat(type="NUMBER", pattern="#,##0.##")
DATE_FORMAT = NumberFormat(type="DATE", pattern="yyyy-mm-dd")
_CURRENCIES = ("$", "€", "£")


def period_format(unit: str) -> NumberFormat:
    """The number format of a KPI's period cells, from its unit."""
    text = unit.strip()
    if is_percent_unit(text):
        return PERCENT_FORMAT
    if text in _CURRENCIES:
        return NumberFormat(type="CURRENCY", pattern=f'"{text}"#,##0.00')
    return NUMBER_FORMAT


def clean_person(text: str) -> str:
    """A person's name fit for a tab title: NFC, no control, bidi or zero-width characters,
    spaces collapsed; "" when nothing a reader could see is left (say, only combining marks).
    """
    # Cc are control characters (NUL, escapes); Cf are the invisible format characters:
    # bidi overrides and isolates, zero-width spaces and joiners, the BOM.
    kept = "".join(
        " " if ch.isspace() else ch
        for ch in unicodedata.normalize("NFC", text)
        if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn")
    )
    cleaned = " ".join(kept.split())
    visible = any(unicodedata.category(ch)[0] in "LNPS" for ch in cleaned)
    return cleaned if visible else ""


def scorecard_sheet_id(role: str, person: str, taken: set[int]) -> int:
    """A sheet id from role and person: two racing requests collide instead of doubling."""
    sheet_id = zlib.crc32(f"{role}\x00{person.casefold()}".encode()) & 0x7FFFFFFF or 1
    while sheet_id in taken:
        sheet_id = sheet_id % 0x7FFFFFFF + 1
    return sheet_id


def scorecard_title(template: Template, person: str, taken: set[str]) -> str:
    """ "Accounting rep — Dana Ruiz", shortened to fit and never clashing with an existing tab."""
    base = f"{template.title} — {person}"
    for attempt in range(1, 1000):
        suffix = "" if attempt == 1 else f" ({attempt})"
        title = base[: MAX_TITLE - len(suffix)].rstrip() + suffix
        if title.casefold() not in {t.casefold() for t in taken}:
            return title
    raise ValueError("no free tab title")  # pragma: no cover - a thousand clashes


def _text_cell(sheet_id: int, row: int, column: int, value: str | float) -> CellWrite:
    return CellWrite(sheet_id=sheet_id, row=row, column=column, value=value)


def _target_value(text: str) -> str | float:
    """A plain number is written as a number (so sheet formulas can compare it); else text."""
    try:
        return parse_number(text)
    except ValueError:
        return text


def _kpi_cells(sheet_id: int, row: int, kpi: KpiRow) -> list[CellWrite]:
    values: dict[str, str | float] = dict(kpi.model_dump())
    values["target"] = _target_value(kpi.target) if kpi.target else ""
    return [
        _text_cell(sheet_id, row, _FIELD_INDEX[name], values[name])
        for name in _FIELD_INDEX
        if values.get(name) not in (None, "")
    ]


def _header_cells(sheet_id: int, starts: Sequence[date]) -> list[CellWrite]:
    headers = [field.header for field in DEFINITION_FIELDS]
    headers += [COMPUTED_HEADERS[kind] for kind in ComputedColumn]
    headers += [start.isoformat() for start in starts]
    return [_text_cell(sheet_id, 0, column, text) for column, text in enumerate(headers)]


def _formats(sheet_id: int, rows: int, periods: int) -> list[Change]:
    end = _PERIOD_START + periods
    return [
        FormatBlock(
            sheet_id=sheet_id,
            start_row=0,
            end_row=1,
            start_column=0,
            end_column=end,
            bold=True,
            wrap=True,
            background=GREY,
        ),
        FormatBlock(
            sheet_id=sheet_id,
            start_row=0,
            end_row=rows,
            start_column=_COMPUTED_START,
            end_column=_PERIOD_START,
            background=BLUE,
        ),
        FormatBlock(
            sheet_id=sheet_id,
            start_row=0,
            end_row=1,
            start_column=_PERIOD_START,
            end_column=end,
            background=YELLOW,
        ),
        FormatBlock(
            sheet_id=sheet_id,
            start_row=1,
            end_row=rows,
            start_column=0,
            end_column=_COMPUTED_START,
            wrap=True,
        ),
        *(
            ColumnWidth(sheet_id=sheet_id, column=_FIELD_INDEX[name], pixels=px)
            for name, px in _WIDTHS.items()
        ),
        *(
            ColumnWidth(
                sheet_id=sheet_id, column=_COMPUTED_START + _COMPUTED.index(kind), pixels=px
            )
            for kind, px in _COMPUTED_WIDTHS.items()
        ),
    ]


def _number_formats(sheet_id: int, rows: int, periods: int, kpis: Sequence[KpiRow]) -> list[Change]:
    reviewed = _FIELD_INDEX["last_reviewed"]
    changes: list[Change] = [
        FormatBlock(
            sheet_id=sheet_id,
            start_row=1,
            end_row=rows,
            start_column=reviewed,
            end_column=reviewed + 1,
            number_format=DATE_FORMAT,
        )
    ]
    if periods:
        changes += [
            FormatBlock(
                sheet_id=sheet_id,
                start_row=1 + offset,
                end_row=2 + offset,
                start_column=_PERIOD_START,
                end_column=_PERIOD_START + periods,
                number_format=period_format(kpi.unit),
            )
            for offset, kpi in enumerate(kpis)
        ]
    return changes


def _dropdowns(sheet_id: int, rows: int) -> list[Change]:
    lists = {
        "control": tuple(c.value for c in Control),
        "direction": tuple(d.value for d in Direction),
        "cadence": tuple(c.value for c in Cadence),
    }
    return [
        Dropdown(
            sheet_id=sheet_id, column=_FIELD_INDEX[name], start_row=1, end_row=rows, options=options
        )
        for name, options in lists.items()
    ]


def status_colour_rules(sheet_id: int, column: int, rows: int) -> list[Change]:
    """A Status column's colour follows its symbol: met, missed, near (data rows 2..rows)."""
    cell = f"{column_letter(column)}2"
    return [
        RuleColor(
            sheet_id=sheet_id,
            start_row=1,
            end_row=rows,
            start_column=column,
            end_column=column + 1,
            formula=f'=LEFT({cell},1)="{status_symbol(kind)}"',
            background=colour,
        )
        for kind, colour in (
            (Status.ON_TARGET, MET),
            (Status.OFF_TARGET, MISSED),
            (Status.NEAR_TARGET, YELLOW),
        )
    ]


def _colour_rules(sheet_id: int, rows: int, periods: int) -> list[Change]:
    """Status colour follows its symbol; period cells compare to the target (inverted if lower)."""
    status = _COMPUTED_START + _COMPUTED.index(ComputedColumn.STATUS)
    rules = status_colour_rules(sheet_id, status, rows)
    if periods:
        cell = f"{column_letter(_PERIOD_START)}2"
        d = f"${column_letter(_FIELD_INDEX['direction'])}2"
        t = f"${column_letter(_FIELD_INDEX['target'])}2"
        u = f"${column_letter(_FIELD_INDEX['unit'])}2"
        # A % KPI's cells hold fractions (87% is 0.87); its target is on the 0–100 scale.
        v = f'IF(LEFT(TRIM({u}),1)="%",100*{cell},{cell})'
        met = f'OR(AND(LOWER({d})="higher",{v}>={t}),AND(LOWER({d})="lower",{v}<={t}))'
        missed = f'OR(AND(LOWER({d})="higher",{v}<{t}),AND(LOWER({d})="lower",{v}>{t}))'
        guard = f"ISNUMBER({cell}),ISNUMBER({t})"
        for formula, colour, bold in ((met, MET, False), (missed, MISSED, True)):
            rules.append(
                RuleColor(
                    sheet_id=sheet_id,
                    start_row=1,
                    end_row=rows,
                    start_column=_PERIOD_START,
                    end_column=_PERIOD_START + periods,
                    formula=f"=AND({guard},{formula})",
                    background=colour,
                    bold=bold,
                )
            )
    return rules


def plan_scorecard_tab(
    template: Template,
    person: str,
    kpis: Sequence[KpiRow],
    *,
    existing: SpreadsheetSnapshot,
    first_period: date,
    periods: int,
) -> tuple[int, str, list[Change]]:
    """(sheet id, title, changes) that add a complete scorecard tab in one batchUpdate."""
    sheet_id = scorecard_sheet_id(template.role, person, {t.sheet_id for t in existing.tabs})
    title = scorecard_title(template, person, {t.title for t in existing.tabs})
    starts = period_starts(first_period, periods, template.cadence)
    rows = 1 + len(kpis) + SPARE_ROWS
    columns = _PERIOD_START + len(starts)
    identity = ScorecardIdentity(
        role=template.role, person=person, template_version=template.version
    )
    changes: list[Change] = [
        AddTab(
            sheet_id=sheet_id,
            title=title,
            rows=rows,
            columns=columns,
            frozen_rows=1,
            frozen_columns=1,
        ),
        TagTab(sheet_id=sheet_id, key=TAB_KEY, value=identity.tag_value()),
        TagRow(sheet_id=sheet_id, row=0, key=HEADER_KEY, value="header"),
        *_header_cells(sheet_id, starts),
    ]
    for offset, kpi in enumerate(kpis):
        changes.extend(_kpi_cells(sheet_id, 1 + offset, kpi))
    for offset, kind in enumerate(ComputedColumn):
        changes.append(
            TagColumn(
                sheet_id=sheet_id, column=_COMPUTED_START + offset, key=COLUMN_KEY, value=kind.value
            )
        )
    changes.extend(_formats(sheet_id, rows, len(starts)))
    changes.extend(_number_formats(sheet_id, rows, len(starts), kpis))
    changes.extend(_dropdowns(sheet_id, rows))
    changes.extend(_colour_rules(sheet_id, rows, len(starts)))
    changes.append(
        ProtectColumns(
            sheet_id=sheet_id,
            start_column=_COMPUTED_START,
            end_column=_PERIOD_START,
            description="Scorecard fills these columns on every sync; edits here are overwritten.",
        )
    )
    return sheet_id, title, changes
