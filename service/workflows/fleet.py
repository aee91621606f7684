"""Scheduled syncs of every enrolled spreadsheet: the workflow bound to the queue and registry."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from service.errors import ErrorCode, ScorecardError, Unavailable
from service.registry import Enrolment, RunOutcome
from service.scheduling import (
    CloudTasksQueue,
    InlineQueue,
    Queue,
    SyncHandler,
    SyncOutcome,
    TaskBody,
    bind_task,
    enqueue_due,
    syncs_per_minute,
    task_name,
)
from service.settings import QueueBackend
from service.workflows.results import EnrolmentState, Queued
from service.workflows.sync import sync_outcome, sync_unlocked

if TYPE_CHECKING:
    from service.context import Services

__all__ = [
    "cron_tick",
    "deliver_sync_task",
    "enqueue_due_syncs",
    "Schedule",
    "enrol",
    "queue_for",
    "run_sync_task",
    "schedule_of",
    "skip_unchanged",
    "unenrol",
]

log = logging.getLogger("service.workflows.fleet")


def _handler(services: Services) -> SyncHandler:
    def handle(spreadsheet_id: str) -> SyncOutcome:
        return sync_outcome(sync_unlocked(services, spreadsheet_id, paced=True))

    return handle


def _task_body(services: Services) -> TaskBody:
    return bind_task(
        services.registry, _handler(services), now_fn=services.now, holder_prefix=services.holder
    )


def queue_for(services: Services) -> Queue:
    """The configured queue (built once per process): inline workers or Cloud Tasks."""
    if services.queue is None:
        settings = services.settings
        # The settings were checked at start (`check_settings`): project and location are set.
        if settings.queue_backend is QueueBackend.CLOUD_TASKS:
            services.queue = CloudTasksQueue(
                settings.cloud_tasks_project,
                settings.cloud_tasks_location,
                settings.cloud_tasks_queue,
                service=settings.cloud_tasks_service or None,
            )
        else:
            services.queue = InlineQueue.from_settings(_task_body(services), settings)
    return services.queue


def skip_unchanged(services: Services) -> int:
    """Settle, without reading them, due spreadsheets Drive says nobody touched since our sync.

    Only sheets synced earlier the same day qualify: flags such as "stale" move with
    the date even when no cell does. Asks Drive once per 1,000 changed files; if
    Drive refuses, every sheet is read as usual.
    """
    now = services.now()
    candidates = [
        enrolment
        for enrolment in services.registry.due(now)
        if enrolment.last_synced_at is not None
        and enrolment.last_synced_at.astimezone(UTC).date() == now.date()
        and enrolment.last_outcome in (RunOutcome.SYNCED, RunOutcome.UNCHANGED)
    ]
    if not candidates:
        return 0
    since = min(e.last_synced_at for e in candidates if e.last_synced_at is not None)
    try:
        changed = services.sheets.gateway(paced=True).changed_since(since)
    except ScorecardError as error:
        log.warning("Drive change filter unavailable (%s): reading every due sheet", error.code)
        return 0
    unchanged = [e.spreadsheet_id for e in candidates if e.spreadsheet_id not in changed]
    return services.registry.settle_unchanged(unchanged, now=now)


def enqueue_due_syncs(services: Services) -> int:
    """Queue one named task per due spreadsheet, paced to the quota until the next cron tick."""
    return enqueue_due(
        services.registry,
        queue_for(services),
        now=services.now(),
        budget_per_minute=syncs_per_minute(services.settings),
        horizon=timedelta(minutes=services.settings.cron_minutes),
    )


def cron_tick(services: Services) -> Queued:
    """One cron tick: settle unchanged sheets (when the Drive filter is on), queue the rest."""
    unchanged = skip_unchanged(services) if services.settings.drive_change_filter else 0
    return Queued(queued=enqueue_due_syncs(services), unchanged=unchanged)


def deliver_sync_task(services: Services, spreadsheet_id: str, name: str | None) -> SyncOutcome:
    """Run one delivery of a task; `Unavailable` (503) when the queue should try again.

    A permanent failure (say, the sheet was unshared) is recorded and returned as
    the outcome, so the queue does not retry it.
    """
    outcome = run_sync_task(services, spreadsheet_id, name)
    if outcome.retryable:
        cause = outcome.error_code or ErrorCode.INTERNAL
        raise Unavailable(
            outcome.error_message or "The sync did not finish; the queue will retry it.",
            code=ErrorCode.SYNC_RETRY,
            fields={"cause": cause},
        )
    return outcome


def run_sync_task(services: Services, spreadsheet_id: str, name: str | None) -> SyncOutcome:
    """Run one delivery of a sync task; a repeated delivery of the same name is a no-op."""
    if not name:
        enrolment = services.registry.get(spreadsheet_id)
        minutes = enrolment.schedule_minutes if enrolment else services.settings.cron_minutes
        name = task_name(spreadsheet_id, services.now(), minutes)
    return _task_body(services)(spreadsheet_id, name)


def _state(enrolment: Enrolment) -> EnrolmentState:
    return EnrolmentState(
        spreadsheet_id=enrolment.spreadsheet_id,
        enrolled=True,
        schedule_minutes=enrolment.schedule_minutes,
        next_sync_at=enrolment.next_sync_at.isoformat(),
    )


def enrol(
    services: Services, spreadsheet_id: str, *, by: str, schedule_minutes: int | None = None
) -> EnrolmentState:
    """Put a spreadsheet on the sync schedule (idempotent), once one read shows it can be read.

    An unknown spreadsheet is 404 and one not shared with the service 403, so nothing
    is enrolled that every cron tick would spend a read on in vain.
    """
    minutes = schedule_minutes or services.settings.default_schedule_minutes
    services.sheets.gateway().read(spreadsheet_id)
    enrolment = services.registry.enrol(
        spreadsheet_id, by=by, schedule_minutes=minutes, now=services.now()
    )
    return _state(enrolment)


def unenrol(services: Services, spreadsheet_id: str) -> EnrolmentState:
    """Take a spreadsheet off the sync schedule (idempotent); its run history stays."""
    services.registry.unenrol(spreadsheet_id)
    return EnrolmentState(spreadsheet_id=spreadsheet_id, enrolled=False)


class Schedule(BaseModel):
    """Whether a spreadsheet syncs on schedule, when it last did and when it next will."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    spreadsheet_id: str
    enrolled: bool
    paused: bool = False
    schedule_minutes: int | None = None
    last_synced_at: datetime | None = None
    next_sync_at: datetime | None = None
    summary: str  # "synced 12 min ago · next in 48 min", as a manager reads it


def _ago(minutes: int) -> str:
    if minutes < 1:
        return "just now"
    if minutes < 120:
        return f"{minutes} min ago"
    return f"{minutes // 60} h ago" if minutes < 48 * 60 else f"{minutes // 1440} days ago"


def _within(minutes: int) -> str:
    if minutes < 1:
        return "due now"
    return f"in {minutes} min" if minutes < 120 else f"in {minutes // 60} h"


def _minutes_from(now: datetime, moment: datetime) -> int:
    """Whole minutes from now to a registry time (stored without a zone, in UTC)."""
    return int((moment.replace(tzinfo=UTC) - now).total_seconds() // 60)


def _summary(enrolment: Enrolment | None, now: datetime) -> str:
    if enrolment is None:
        return "not on the schedule: trends refresh only when you ask"
    if enrolment.paused:
        return "schedule paused"
    nxt = "next " + _within(max(_minutes_from(now, enrolment.next_sync_at), 0))
    if enrolment.last_synced_at is None:
        return f"not synced yet · {nxt}"
    return f"synced {_ago(max(-_minutes_from(now, enrolment.last_synced_at), 0))} · {nxt}"


def schedule_of(services: Services, spreadsheet_id: str) -> Schedule:
    """The spreadsheet's sync schedule, with a one-line summary relative to now."""
    enrolment = services.registry.get(spreadsheet_id)
    summary = _summary(enrolment, services.now())
    if enrolment is None:
        return Schedule(spreadsheet_id=spreadsheet_id, enrolled=False, summary=summary)
    return Schedule(
        spreadsheet_id=spreadsheet_id,
        enrolled=True,
        paused=enrolment.paused,
        schedule_minutes=enrolment.schedule_minutes,
        last_synced_at=enrolment.last_synced_at,
        next_sync_at=enrolment.next_sync_at,
        summary=summary,
    )
