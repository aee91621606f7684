"""Score one scorecard tab: each row's health and verdict, and the cells that show them.

Pure: the snapshot, the time and the role's template come in; writes to plan
and a report go out. The workflows do the one read and the one write around it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

from service.core.grid import Change, TabSnapshot
from service.core.layout import KpiLine, LayoutError, ScorecardTab, locate_header
from service.core.models import (
    Cadence,
    Direction,
    Flag,
    ParseError,
    parse_cadence,
    parse_date,
    parse_direction,
)
from service.core.outputs import RowOutput, plan_outputs, plan_tab_notice
from service.core.targets import Target, parse_target
from service.core.templates import Template
from service.core.trends import (
    DEFAULT_THRESHOLDS,
    KpiHealth,
    Thresholds,
    assess_kpi,
    flags_label,
    status_label,
    trend_label,
)
from validators import KpiVerdict, ValidationReport, validate_scorecard

__all__ = [
    "LineTerms",
    "TabWork",
    "assess_line",
    "assess_tab",
    "compute_tab",
    "line_terms",
    "refuse_tab",
    "tab_cadence",
]


def _date_or_none(text: str) -> date | None:
    try:
        return parse_date(text) if text else None
    except ParseError:
        return None


@dataclass(frozen=True, slots=True)
class LineTerms:
    """What a row's definition says about judging it; None where the text is unreadable."""

    target: Target | None
    direction: Direction | None
    cadence: Cadence
    last_reviewed: date | None


def line_terms(line: KpiLine, columns: Cadence) -> LineTerms:
    """Target, direction, cadence and last review of a row, read tolerantly.

    A KPI is judged at the coarser of its own cadence and the tab's period columns:
    a weekly KPI on a monthly tab can only get a value a month.
    """
    kpi = line.kpi
    try:
        target = parse_target(kpi.target)
    except ParseError:
        target = None
    try:
        direction = parse_direction(kpi.direction)
    except ParseError:
        direction = None
    try:
        cadence = max(parse_cadence(kpi.cadence), columns, key=list(Cadence).index)
    except ParseError:
        cadence = columns
    return LineTerms(target, direction, cadence, _date_or_none(kpi.last_reviewed))


def assess_line(
    line: KpiLine, today: date, columns: Cadence, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> KpiHealth:
    """A row's health from its definition and values; unreadable fields mean 'unknown'."""
    terms = line_terms(line, columns)
    return assess_kpi(
        line.values,
        target=terms.target,
        direction=terms.direction,
        cadence=terms.cadence,
        today=today,
        last_reviewed=terms.last_reviewed,
        thresholds=thresholds,
    )


def tab_cadence(tab: ScorecardTab, role: Template | None) -> Cadence:
    """The cadence of a tab's period columns, else its role's, else weekly."""
    return tab.column_cadence or (role.cadence if role else Cadence.WEEKLY)


def assess_tab(
    tab: ScorecardTab,
    today: date,
    role: Template | None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> tuple[KpiHealth, ...]:
    """The health of every row of a tab, in row order."""
    cadence = tab_cadence(tab, role)
    return tuple(assess_line(line, today, cadence, thresholds) for line in tab.lines)


def _row_output(health: KpiHealth | None, verdict: KpiVerdict | None, extra: str) -> RowOutput:
    if health is None:
        return RowOutput(
            verdict=verdict.summary() if verdict else None,
            verdict_note=verdict.note() if verdict else "",
        )
    lines = [f"• {flag.reason} → {flag.fix}" for flag in health.flags]
    flags_note = "\n".join([*lines, extra] if extra else lines)
    return RowOutput(
        latest=health.latest,
        average=health.average_4,
        trend=trend_label(health),
        status=status_label(health.status),
        flags=flags_label(health.flags),
        flags_note=flags_note,
        verdict=verdict.summary() if verdict else None,
        verdict_note=verdict.note() if verdict else "",
    )


class TabError(BaseModel):
    """A tab the sync refused, and why."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    tab: str
    tab_id: int
    code: str
    message: str


class TabWork(BaseModel):
    """The outcome of computing one tab: its writes and what to report."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    changes: list[Change]
    report: ValidationReport
    flags: dict[str, list[Flag]]
    rows: int


def compute_tab(
    tab: ScorecardTab,
    cells: TabSnapshot,
    now: datetime,
    role: Template | None,
    *,
    trends: bool,
    healths: Sequence[KpiHealth] | None = None,
    notes: Mapping[int, str] | None = None,
) -> TabWork:
    """Health, verdicts and the cell writes for one tab; `trends=False` writes verdicts only.

    `healths` (from `assess_tab`) saves recomputing them; `notes` adds a line, per
    row, to the note of the row's Flags cell.
    """
    if healths is None:
        healths = assess_tab(tab, now.date(), role)
    notes = notes or {}
    report = validate_scorecard(
        [line.kpi for line in tab.lines],
        role=role.role_context() if role else None,
        flags=[health.flags for health in healths],
    )
    outputs = {
        line.row: _row_output(health if trends else None, verdict, notes.get(line.row, ""))
        for line, health, verdict in zip(tab.lines, healths, report.results, strict=True)
    }
    stamp = now.strftime("%Y-%m-%d %H:%M UTC")
    changes: list[Change] = [*plan_outputs(tab, cells, outputs, stamp)]
    changes += plan_tab_notice(tab.sheet_id, cells, tab.header_row, tab.name_column, "")
    flagged = {
        line.kpi.name or f"row {line.row + 1}": list(health.flags)
        for line, health in zip(tab.lines, healths, strict=True)
        if health.flags
    }
    return TabWork(changes=changes, report=report, flags=flagged, rows=len(tab.lines))


def refuse_tab(cells: TabSnapshot, error: LayoutError) -> tuple[TabError, list[Change]]:
    """Report a tab whose layout is ambiguous, and say so in its KPI header's note."""
    problem = TabError(
        tab=cells.title, tab_id=cells.sheet_id, code="layout_ambiguous", message=str(error)
    )
    header = locate_header(cells)
    if header is None:
        return problem, []
    note = f"⚠ Scorecard could not sync this tab: {error}"
    return problem, [*plan_tab_notice(cells.sheet_id, cells, *header, note)]
