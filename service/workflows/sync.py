"""Sync: recompute every scorecard tab and the team tabs in one read and at most one write."""

from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING

from service.core.layout import identity_of
from service.core.spreadsheet import plan_sync, score_spreadsheet
from service.errors import (
    ErrorCode,
    InvalidRequest,
    ScorecardError,
)
from service.registry import RunKind, RunOutcome, TabSeen
from service.scheduling import RETRYABLE_STATUSES, SyncOutcome, finish
from service.workflows.results import (
    SyncResult,
)

if TYPE_CHECKING:
    from service.context import Services
from service.workflows.snapshots import requests_used, with_all_tabs

__all__ = ["sync", "sync_outcome", "sync_unlocked"]

log = logging.getLogger("service.workflows.sync")


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
        every = with_all_tabs(snapshot, gateway.read_tab_list(spreadsheet_id))
        plan = plan_sync(dataclasses.replace(scored, snapshot=every))
        gateway.apply(spreadsheet_id, plan.changes, against=every)
    services.registry.record_tabs(spreadsheet_id, seen)
    return SyncResult(
        spreadsheet_id=spreadsheet_id,
        tabs=len(seen),
        rows=plan.rows,
        changed_cells=len(plan.changes),
        flags=sum(len(v) for v in plan.flagged.values()),
        requests=requests_used(gateway),
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
