"""Provision, validate and sync: one read, pure computation, at most one write.

Each workflow takes the `Services` port and plain arguments and returns a typed
result; views and commands only parse input and print or serialise results.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from service.core.grid import CellWrite, Change, SpreadsheetSnapshot, TabSnapshot
from service.core.layout import LayoutError, ScorecardTab, identity_of, read_scorecard
from service.core.models import KpiRow
from service.core.periods import period_start
from service.core.provisioning import clean_person, plan_scorecard_tab
from service.core.scoring import compute_tab
from service.core.spreadsheet import existing_issue_notes, plan_sync, score_spreadsheet
from service.core.templates import Template, TemplateError, TemplateKpi
from service.errors import (
    Conflict,
    ErrorCode,
    InvalidRequest,
    NotFound,
    ScorecardError,
    Unavailable,
    UpstreamError,
    ValidationFailed,
)
from service.registry import RunKind, RunOutcome, TabSeen
from service.scheduling import RETRYABLE_STATUSES, SyncOutcome, finish
from service.settings import SheetsBackend
from service.sheets.gateway import SheetsGateway
from service.workflows.results import (
    AddedKpi,
    CreatedSpreadsheet,
    ProvisionResult,
    RequestsUsed,
    ScorecardSummary,
    SyncResult,
    TabValidation,
)
from validators import ValidationReport, validate_scorecard

if TYPE_CHECKING:
    from service.context import Services

__all__ = [
    "add_kpi",
    "create_spreadsheet",
    "list_scorecards",
    "mark_reviewed",
    "provision",
    "sync",
    "sync_outcome",
    "sync_unlocked",
    "validate_kpis",
    "validate_tab",
]

log = logging.getLogger("service.workflows")


def _used(gateway: SheetsGateway) -> RequestsUsed:
    return RequestsUsed(reads=gateway.counts.reads, writes=gateway.counts.writes)


def _summary(tab: TabSnapshot, locale: str) -> ScorecardSummary | None:
    identity = identity_of(tab)
    if identity is None:
        return None
    try:
        kpis = len(read_scorecard(tab, locale).lines)
    except LayoutError:
        kpis = 0
    return ScorecardSummary(
        tab_id=tab.sheet_id,
        title=tab.title,
        role=identity.role,
        person=identity.person,
        template_version=identity.template_version,
        kpis=kpis,
    )


def _summaries(snapshot: SpreadsheetSnapshot) -> list[ScorecardSummary]:
    return [s for tab in snapshot.tabs if (s := _summary(tab, snapshot.locale)) is not None]


def list_scorecards(services: Services, spreadsheet_id: str) -> list[ScorecardSummary]:
    """The scorecard tabs of a spreadsheet, found by their metadata (renames don't matter)."""
    return _summaries(services.sheets.gateway().read(spreadsheet_id))


def create_spreadsheet(services: Services, title: str) -> CreatedSpreadsheet:
    """Create an empty spreadsheet on the local backend; on Google, people create their own."""
    if services.settings.sheets_backend is not SheetsBackend.LOCAL:
        raise NotFound(
            "Create spreadsheets in Google Sheets, then share them with Scorecard.",
            code=ErrorCode.NOT_AVAILABLE,
        )
    spreadsheet_id = services.sheets.gateway().create(title)
    return CreatedSpreadsheet(spreadsheet_id=spreadsheet_id, title=title)


def _clean_person(person: str) -> str:
    cleaned = clean_person(person)
    if not cleaned:
        raise ValidationFailed(
            "Say whose scorecard this is: `person` is blank.",
            fields={"person": "blank"},
        )
    return cleaned


def _existing(snapshot: SpreadsheetSnapshot, role: str, person: str) -> ScorecardSummary | None:
    for summary in _summaries(snapshot):
        if summary.role == role and summary.person.casefold() == person.casefold():
            return summary
    return None


def provision(
    services: Services,
    spreadsheet_id: str,
    role: str,
    person: str,
    *,
    kpis: Sequence[str] | None = None,
    periods: int = 13,
    first_period: date | None = None,
    enrolled_by: str | None = None,
) -> ProvisionResult:
    """Add a scorecard tab for role and person in one write, or return the one that exists.

    With `enrolled_by`, the spreadsheet is also put on the sync schedule once the tab exists.
    """
    person = _clean_person(person)
    template = services.catalog.get(role)
    try:
        chosen = template.select(kpis)
    except TemplateError as error:
        raise ValidationFailed(error.message, fields={"kpis": error.message}) from error
    result = _provision_tab(
        services,
        spreadsheet_id,
        template,
        person,
        chosen,
        periods=periods,
        first_period=first_period,
    )
    if enrolled_by is not None:
        services.registry.enrol(
            spreadsheet_id,
            by=enrolled_by,
            schedule_minutes=services.settings.default_schedule_minutes,
            now=services.now(),
        )
    return result


def _with_all_tabs(
    snapshot: SpreadsheetSnapshot, listed: SpreadsheetSnapshot
) -> SpreadsheetSnapshot:
    """The read's tabs plus every other tab's id and title (cells not needed)."""
    known = {tab.sheet_id for tab in snapshot.tabs}
    extra = tuple(tab for tab in listed.tabs if tab.sheet_id not in known)
    return snapshot.model_copy(update={"tabs": snapshot.tabs + extra})


def _provision_tab(
    services: Services,
    spreadsheet_id: str,
    template: Template,
    person: str,
    chosen: Sequence[TemplateKpi],
    *,
    periods: int,
    first_period: date | None,
) -> ProvisionResult:
    gateway = services.sheets.gateway()
    snapshot = gateway.read(spreadsheet_id)
    existing = _existing(snapshot, template.role, person)
    if existing is not None:
        return ProvisionResult(scorecard=existing, created=False, requests=_used(gateway))
    start = first_period or period_start(services.today(), template.cadence)

    def plan(existing: SpreadsheetSnapshot) -> tuple[int, str, list[Change]]:
        return plan_scorecard_tab(
            template, person, chosen, existing=existing, first_period=start, periods=periods
        )

    sheet_id, title, changes = plan(snapshot)
    try:
        gateway.apply(spreadsheet_id, changes, against=snapshot)
    except InvalidRequest as error:
        # Either a racing request added the same tab first (its sheet id is ours, so
        # our batch failed whole: answer with the tab it made), our answer was lost and
        # our retry was refused because our own first attempt had committed, or a tab
        # the read did not select (not a scorecard) holds our title or id: plan around
        # every tab.
        again = gateway.read(spreadsheet_id)
        found = _existing(again, template.role, person)
        if found is not None:
            # A lost answer with our tab there now means this call made it.
            ours = gateway.counts.uncertain_writes > 0 and found.tab_id == sheet_id
            log.info("provision of %s/%s settled after %s", spreadsheet_id, title, error.code)
            return ProvisionResult(scorecard=found, created=ours, requests=_used(gateway))
        every = _with_all_tabs(again, gateway.read_tab_list(spreadsheet_id))
        sheet_id, title, changes = plan(every)
        gateway.apply(spreadsheet_id, changes, against=every)
    except (Unavailable, UpstreamError) as error:
        # The answer never came: the write may have committed. Our tab there with our
        # sheet id means this call made it.
        found = _existing(gateway.read(spreadsheet_id), template.role, person)
        if found is None or found.tab_id != sheet_id:
            raise
        log.info("provision of %s/%s answered after %s", spreadsheet_id, title, error.code)
        return ProvisionResult(scorecard=found, created=True, requests=_used(gateway))
    summary = ScorecardSummary(
        tab_id=sheet_id,
        title=title,
        role=template.role,
        person=person,
        template_version=template.version,
        kpis=len(chosen),
    )
    return ProvisionResult(scorecard=summary, created=True, requests=_used(gateway))


def validate_kpis(services: Services, rows: Sequence[KpiRow], role: str | None) -> ValidationReport:
    """Judge KPI definitions sent by a caller; writes nothing."""
    context = services.catalog.context_for(role) if role else None
    return validate_scorecard(rows, role=context)


def sync_unlocked(services: Services, spreadsheet_id: str, *, paced: bool = False) -> SyncResult:
    """Recompute every scorecard tab and the team tabs (overview, issues): 1 read, ≤ 1 write.

    The caller holds the spreadsheet's lease (see `sync`, and the scheduled task);
    `paced` work (the scheduler's) waits for quota instead of answering 429.
    """
    gateway = services.sheets.gateway(paced=paced)
    snapshot = gateway.read(spreadsheet_id)
    now = services.now()
    seen = [
        TabSeen(
            sheet_id=cells.sheet_id,
            title=cells.title,
            role=identity.role,
            person=identity.person,
            seen_at=now,
        )
        for cells in snapshot.tabs
        if (identity := identity_of(cells)) is not None
    ]
    scored = score_spreadsheet(snapshot, now, services.catalog.find, services.catalog.context_for)
    plan = plan_sync(scored)
    try:
        gateway.apply(spreadsheet_id, plan.changes, against=snapshot)
    except InvalidRequest:
        # Adding the team tabs (once per spreadsheet): a tab the read left out may hold
        # their title. Plan around every tab's title and id, as provisioning does.
        if not plan.adds_tabs:
            raise
        every = _with_all_tabs(snapshot, gateway.read_tab_list(spreadsheet_id))
        plan = plan_sync(dataclasses.replace(scored, snapshot=every))
        gateway.apply(spreadsheet_id, plan.changes, against=every)
    services.registry.record_tabs(spreadsheet_id, seen)
    return SyncResult(
        spreadsheet_id=spreadsheet_id,
        tabs=len(seen),
        rows=plan.rows,
        changed_cells=len(plan.changes),
        flags=sum(len(v) for v in plan.flagged.values()),
        requests=_used(gateway),
        tab_errors=tuple(plan.errors),
        flagged=plan.flagged,
        attention=tuple(plan.attention),
        on_target=plan.on_target,
    )


def sync_outcome(result: SyncResult) -> SyncOutcome:
    """A sync result as the run history records it."""
    return SyncOutcome(
        outcome=RunOutcome.SYNCED if result.requests.writes else RunOutcome.UNCHANGED,
        reads=result.requests.reads,
        writes=result.requests.writes,
        rows=result.rows,
        changed_cells=result.changed_cells,
        flags=result.flags,
    )


def sync(services: Services, spreadsheet_id: str) -> SyncResult:
    """Sync now, on demand: under the spreadsheet's lease, recorded in the run history."""
    with services.lease(spreadsheet_id):
        run_id = services.registry.start_run(spreadsheet_id, RunKind.SYNC, now=services.now())
        try:
            result = sync_unlocked(services, spreadsheet_id)
        except ScorecardError as error:
            failed = SyncOutcome(
                outcome=RunOutcome.FAILED,
                error_code=error.code,
                error_message=error.message,
                retryable=error.status in RETRYABLE_STATUSES,
            )
            finish(services.registry, run_id, failed, now=services.now())
            raise
        except Exception as error:
            # Whatever went wrong, the run must not stay "running" for ever.
            crashed = SyncOutcome(
                outcome=RunOutcome.FAILED,
                error_code=ErrorCode.INTERNAL,
                error_message=f"{type(error).__name__}: {error}"[:1000],
                retryable=True,
            )
            finish(services.registry, run_id, crashed, now=services.now())
            raise
        finish(services.registry, run_id, sync_outcome(result), now=services.now())
        return result


def _scorecard_tab(snapshot: SpreadsheetSnapshot, tab_id: int) -> tuple[TabSnapshot, ScorecardTab]:
    cells = snapshot.tab(tab_id)
    if cells is None or identity_of(cells) is None:
        raise NotFound(
            f"No scorecard tab with id {tab_id} in this spreadsheet: "
            "list them with GET .../scorecards.",
            code=ErrorCode.TAB_NOT_FOUND,
        )
    try:
        return cells, read_scorecard(cells, snapshot.locale)
    except LayoutError as error:
        raise Conflict(str(error), code=ErrorCode(error.code)) from error


def validate_tab(services: Services, spreadsheet_id: str, tab_id: int) -> TabValidation:
    """Validate every row of a tab and write verdicts and notes in one write.

    The tab's computed columns are recomputed in the same write, so validating never
    blanks Latest, Trend or Status (unchanged values cost no cell writes).
    """
    gateway = services.sheets.gateway()
    snapshot = gateway.read(spreadsheet_id)
    cells, tab = _scorecard_tab(snapshot, tab_id)
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
        requests=_used(gateway),
    )


def mark_reviewed(services: Services, spreadsheet_id: str, tab_id: int, rows: Sequence[int]) -> int:
    """Stamp today's date in "Last reviewed" on the KPI rows among the given rows; one write."""
    gateway = services.sheets.gateway()
    snapshot = gateway.read(spreadsheet_id)
    _, tab = _scorecard_tab(snapshot, tab_id)
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
    _, tab = _scorecard_tab(snapshot, tab_id)
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
