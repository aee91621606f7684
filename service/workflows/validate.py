"""Validate and edit a tab: verdicts, review stamps and added KPIs, each one read and one write."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from service.core.grid import CellWrite
from service.core.models import KpiRow
from service.core.scoring import compute_tab
from service.core.spreadsheet import existing_issue_notes, score_spreadsheet
from service.errors import (
    Conflict,
    ErrorCode,
    ValidationFailed,
)
from service.workflows.results import (
    AddedKpi,
    TabValidation,
)
from validators import ValidationReport, validate_scorecard

if TYPE_CHECKING:
    from service.context import Services
from service.workflows.snapshots import requests_used, scorecard_tab

__all__ = ["add_kpi", "mark_reviewed", "validate_kpis", "validate_tab"]


def validate_kpis(services: Services, rows: Sequence[KpiRow], role: str | None) -> ValidationReport:
    """Judge KPI definitions sent by a caller; writes nothing."""
    context = services.catalog.context_for(role) if role else None
    return validate_scorecard(rows, role=context)


def validate_tab(services: Services, spreadsheet_id: str, tab_id: int) -> TabValidation:
    """Validate every row of a tab and write verdicts and notes in one write.

    The tab's computed columns are recomputed in the same write, so validating never
    blanks Latest, Trend or Status (unchanged values cost no cell writes).
    """
    gateway = services.sheets.gateway()
    snapshot = gateway.read(spreadsheet_id)
    cells, tab = scorecard_tab(snapshot, tab_id)
    template = services.catalog.find(tab.identity.role)
    context = services.catalog.context_for(tab.identity.role)
    # Judged as a sync judges it (the overview's settings, the issue pointers in the notes),
    # so validating after a sync rewrites nothing.
    scored = score_spreadsheet(
        snapshot, services.now(), services.catalog.find, services.catalog.context_for
    )
    mine = next((t for t in scored.tabs if t.card.sheet_id == tab_id), None)
    work = compute_tab(
        tab,
        cells,
        services.now(),
        template,
        context,
        trends=True,
        healths=mine.healths if mine else None,
        notes=existing_issue_notes(scored, mine) if mine else None,
    )
    gateway.apply(spreadsheet_id, work.changes, against=snapshot)
    return TabValidation(
        tab_id=tab_id,
        title=tab.title,
        report=work.report,
        changed_cells=len(work.changes),
        requests=requests_used(gateway),
    )


def mark_reviewed(services: Services, spreadsheet_id: str, tab_id: int, rows: Sequence[int]) -> int:
    """Stamp today's date in "Last reviewed" on the KPI rows among the given rows; one write."""
    gateway = services.sheets.gateway()
    snapshot = gateway.read(spreadsheet_id)
    _, tab = scorecard_tab(snapshot, tab_id)
    column = tab.definition_columns.get("last_reviewed")
    if column is None:
        raise Conflict(
            "This tab has no 'Last reviewed' column: add one back.", code=ErrorCode.LAYOUT_AMBIGUOUS
        )
    # A selection often takes in the header or blank rows: stamp the KPI rows among them.
    kpi_rows = {line.row for line in tab.lines}
    wanted = sorted({row - 1 for row in rows} & kpi_rows)
    if not wanted:
        raise ValidationFailed(
            f"Rows {sorted(set(rows))} hold no KPI: select KPI rows and try again.",
            fields={"rows": str(sorted(set(rows)))},
        )
    stamp = services.today().isoformat()
    changes = [CellWrite(sheet_id=tab_id, row=row, column=column, value=stamp) for row in wanted]
    gateway.apply(spreadsheet_id, changes, against=snapshot)
    return len(changes)


def add_kpi(services: Services, spreadsheet_id: str, tab_id: int, kpi: KpiRow) -> AddedKpi:
    """Type a KPI definition into the row below the tab's last KPI, then validate the tab.

    The definition is the manager's, written as they typed it (as text); the verdict
    and computed columns come from the same validation as the menu's.
    """
    if not kpi.name:
        raise ValidationFailed("Give the KPI a name first.", fields={"name": "blank"})
    gateway = services.sheets.gateway()
    snapshot = gateway.read(spreadsheet_id)
    _, tab = scorecard_tab(snapshot, tab_id)
    row = max((line.row for line in tab.lines), default=tab.header_row) + 1
    typed = kpi.model_dump()
    changes = [
        CellWrite(sheet_id=tab_id, row=row, column=column, value=typed[field])
        for field, column in tab.definition_columns.items()
        if typed[field]
    ]
    gateway.apply(spreadsheet_id, changes, against=snapshot)
    checked = validate_tab(services, spreadsheet_id, tab_id)
    return AddedKpi(tab_id=tab_id, row=row + 1, report=checked.report)
