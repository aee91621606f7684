"""Score one scorecard tab: each row's health and verdict, and the cells that show them.

Pure: the snapshot, the time and the role's template come in; writes to plan
and a report go out. The workflows do the one read and the one write around it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

from service.core.flags import flag_word
from service.core.grid import Change, TabSnapshot
from service.core.layout import KpiLine, LayoutError, ScorecardTab, locate_header
from service.core.models import (
    Cadence,
    Direction,
    Flag,
    FlagLevel,
    ParseError,
    RoleContext,
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
    Status,
    Thresholds,
    assess_kpi,
    flags_label,
    needs_attention,
    status_label,
    trend_label,
)
from validators import KpiVerdict, ValidationReport, validate_scorecard

__all__ = [
    "Attention",
    "FlagNote",
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


class FlagNote(BaseModel):
    """One flag as a manager reads it: its word, why it was raised and what to do."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    word: str
    reason: str
    fix: str


class Attention(BaseModel):
    """A KPI that needs the manager: off target, near target or flagged, with its row."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    tab_id: int
    tab: str
    person: str
    kpi: str
    row: int  # as the sheet numbers it (1-based)
    status: str  # the Status cell's text
    trend: str  # the Trend cell's text
    flags: tuple[FlagNote, ...]
    almost: bool = False  # near target: a miss within the tolerance, shown after the misses


class TabWork(BaseModel):
    """The outcome of computing one tab: its writes and what to report."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    changes: list[Change]
    report: ValidationReport
    flags: dict[str, list[Flag]]
    rows: int
    attention: tuple[Attention, ...] = ()
    on_target: int = 0


# Off target first, then the near misses ("almost"), then flagged KPIs on target or without data.
_STATUS_URGENCY = {Status.OFF_TARGET: 0, Status.NEAR_TARGET: 1}


def _urgency(health: KpiHealth) -> tuple[int, int]:
    loudest = max((list(FlagLevel).index(flag.level) for flag in health.flags), default=-1)
    return _STATUS_URGENCY.get(health.status, len(_STATUS_URGENCY)), -loudest


def _attention(tab: ScorecardTab, line: KpiLine, health: KpiHealth) -> Attention | None:
    almost = health.status is Status.NEAR_TARGET
    if not health.flags and not almost and not needs_attention(health.status):
        return None
    return Attention(
        tab_id=tab.sheet_id,
        tab=tab.title,
        person=tab.identity.person,
        kpi=line.kpi.name or f"row {line.row + 1}",
        row=line.row + 1,
        status=status_label(health.status),
        trend=trend_label(health),
        flags=tuple(
            FlagNote(
                code=f.code.value, word=f.label or flag_word(f.code), reason=f.reason, fix=f.fix
            )
            for f in health.flags
        ),
        almost=almost,
    )


def compute_tab(
    tab: ScorecardTab,
    cells: TabSnapshot,
    now: datetime,
    template: Template | None,
    context: RoleContext | None,
    *,
    trends: bool,
    healths: Sequence[KpiHealth] | None = None,
    notes: Mapping[int, str] | None = None,
) -> TabWork:
    """Health, verdicts and the cell writes for one tab; `trends=False` writes verdicts only.

    `template` gives the tab's cadence; `context` is what the validators judge with.
    `healths` (from `assess_tab`) saves recomputing them; `notes` adds a line, per
    row, to the note of the row's Flags cell.
    """
    if healths is None:
        healths = assess_tab(tab, now.date(), template)
    notes = notes or {}
    report = validate_scorecard(
        [line.kpi for line in tab.lines],
        role=context,
        flags=[health.flags for health in healths],
    )
    outputs = {
        line.row: _row_output(health if trends else None, verdict, notes.get(line.row, ""))
        for line, health, verdict in zip(tab.lines, healths, report.results, strict=True)
    }
    stamp = now.strftime("%Y-%m-%d %H:%M UTC")
    changes: list[Change] = [*plan_outputs(tab, cells, outputs, stamp)]
    changes += plan_tab_notice(tab.sheet_id, cells, tab.header_row, tab.name_column, tab.notice)
    # Keyed by sheet row: two KPIs may share a name, a row is one KPI.
    flagged = {
        _row_key(line.row, line.kpi.name): list(health.flags)
        for line, health in zip(tab.lines, healths, strict=True)
        if health.flags
    }
    # Most urgent first: off, then near, then on target; then the loudest flag; ties in row order.
    ranked = sorted(zip(tab.lines, healths, strict=True), key=lambda pair: _urgency(pair[1]))
    attention = tuple(
        item for line, health in ranked if (item := _attention(tab, line, health)) is not None
    )
    return TabWork(
        changes=changes,
        report=report,
        flags=flagged,
        rows=len(tab.lines),
        attention=attention,
        on_target=sum(health.status is Status.ON_TARGET for health in healths),
    )


def _row_key(row: int, name: str) -> str:
    """`row 5` (the sheet's 1-based row), with the KPI's name when it has one."""
    return f"row {row + 1} · {name}" if name else f"row {row + 1}"


def refuse_tab(cells: TabSnapshot, error: LayoutError) -> tuple[TabError, list[Change]]:
    """Report a tab whose layout is ambiguous, and say so in its KPI header's note."""
    problem = TabError(tab=cells.title, tab_id=cells.sheet_id, code=error.code, message=str(error))
    header = locate_header(cells)
    if header is None:
        return problem, []
    note = f"⚠ Could not sync this tab: {error}"
    return problem, [*plan_tab_notice(cells.sheet_id, cells, *header, note)]
