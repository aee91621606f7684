"""The body of one scheduled sync task: idempotent, leased, recorded."""

from __future__ import annotations

import hashlib
import logging
import re
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field

from service.errors import Conflict, ErrorCode, ScorecardError
from service.registry import Registry, RunKind, RunOutcome

__all__ = [
    "LEASE_TTL",
    "RETRYABLE_STATUSES",
    "SyncHandler",
    "SyncOutcome",
    "TaskBody",
    "bind_task",
    "run_task",
    "task_name",
]

log = logging.getLogger(__name__)

# App Engine ends a task request after 10 minutes, so a lease older than that
# belongs to a worker that is gone.
LEASE_TTL = timedelta(minutes=10)
# Conflict, quota, upstream and availability failures may pass; the rest will not.
RETRYABLE_STATUSES = frozenset({409, 429, 500, 502, 503, 504})
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


class SyncOutcome(BaseModel):
    """What one sync of one spreadsheet did; `retryable` asks the queue to try again."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    outcome: RunOutcome
    reads: int = Field(default=0, ge=0)
    writes: int = Field(default=0, ge=0)
    rows: int = Field(default=0, ge=0)
    changed_cells: int = Field(default=0, ge=0)
    flags: int = Field(default=0, ge=0)
    error_code: ErrorCode | None = None
    error_message: str | None = None
    retryable: bool = False


class SyncHandler(Protocol):
    """Syncs one spreadsheet (the workflow); may return a failed outcome or raise."""

    def __call__(self, spreadsheet_id: str) -> SyncOutcome:
        """Sync the spreadsheet's scorecard tabs."""
        ...


class TaskBody(Protocol):
    """What a queue runs for one task: `run_task` with everything but the ids bound."""

    def __call__(self, spreadsheet_id: str, task_name: str) -> SyncOutcome:
        """Run the task once."""
        ...


def task_name(spreadsheet_id: str, slot: datetime, schedule_minutes: int) -> str:
    """A deterministic Cloud Tasks name for this spreadsheet's sync in this schedule slot."""
    period = timedelta(minutes=schedule_minutes)
    start = EPOCH + ((slot.astimezone(UTC) - EPOCH) // period) * period
    stamp = start.strftime("%Y%m%dT%H%MZ")
    key = f"{spreadsheet_id}\n{stamp}\n{schedule_minutes}"
    # A hashed prefix spreads names across Cloud Tasks' key space; sequential
    # prefixes such as timestamps slow dispatch down.
    digest = hashlib.sha256(key.encode()).hexdigest()[:24]
    readable = _UNSAFE.sub("_", spreadsheet_id)[:200]
    return f"{digest}-{stamp}-{readable}"


def run_task(
    registry: Registry,
    handler: SyncHandler,
    spreadsheet_id: str,
    task_name: str,
    *,
    now_fn: Callable[[], datetime],
    holder: str,
    lease_ttl: timedelta = LEASE_TTL,
) -> SyncOutcome:
    """Run one scheduled sync at most once, however often the task is delivered."""
    if registry.task_seen(task_name) or not _enrolled(registry, spreadsheet_id):
        return SyncOutcome(outcome=RunOutcome.SKIPPED)
    try:
        with registry.lease(spreadsheet_id, holder, now=now_fn(), ttl=lease_ttl):
            # A racing delivery may have finished between the check and the lease.
            if registry.task_seen(task_name):
                return SyncOutcome(outcome=RunOutcome.SKIPPED)
            run_id = registry.start_run(
                spreadsheet_id, RunKind.SYNC, now=now_fn(), task_name=task_name
            )
            outcome = _call(handler, spreadsheet_id)
            finish(registry, run_id, outcome, now=now_fn())
            return outcome
    except Conflict as exc:
        return _failure(exc, retryable=True)


def finish(registry: Registry, run_id: int, outcome: SyncOutcome, *, now: datetime) -> None:
    """Record in the run history how a sync run ended."""
    registry.finish_run(
        run_id,
        now=now,
        outcome=outcome.outcome,
        reads=outcome.reads,
        writes=outcome.writes,
        rows=outcome.rows,
        changed_cells=outcome.changed_cells,
        flags=outcome.flags,
        error_code=outcome.error_code,
        error_message=outcome.error_message,
        permanent=outcome.outcome is RunOutcome.FAILED and not outcome.retryable,
    )


def bind_task(
    registry: Registry,
    handler: SyncHandler,
    *,
    now_fn: Callable[[], datetime],
    holder_prefix: str,
    lease_ttl: timedelta = LEASE_TTL,
) -> TaskBody:
    """A task body for a queue: `run_task` with a fresh lease holder for every delivery."""

    def body(spreadsheet_id: str, task_name: str) -> SyncOutcome:
        # Unique per delivery, so two deliveries in one process never share a lease.
        holder = f"{holder_prefix}/{uuid.uuid4().hex}"
        return run_task(
            registry,
            handler,
            spreadsheet_id,
            task_name,
            now_fn=now_fn,
            holder=holder,
            lease_ttl=lease_ttl,
        )

    return body


def _enrolled(registry: Registry, spreadsheet_id: str) -> bool:
    enrolment = registry.get(spreadsheet_id)
    return enrolment is not None and not enrolment.paused


def _call(handler: SyncHandler, spreadsheet_id: str) -> SyncOutcome:
    try:
        return handler(spreadsheet_id)
    except ScorecardError as exc:
        log.warning("sync of %s failed: %s (%s)", spreadsheet_id, exc.code, exc.message)
        return _failure(exc, retryable=exc.status in RETRYABLE_STATUSES)
    except Exception as exc:
        # Unknown failures are recorded and retried: the queue's attempt limit bounds them.
        log.exception("sync of %s crashed", spreadsheet_id)
        return SyncOutcome(
            outcome=RunOutcome.FAILED,
            error_code=ErrorCode.INTERNAL,
            error_message=f"{type(exc).__name__}: {exc}"[:1000],
            retryable=True,
        )


def _failure(exc: ScorecardError, *, retryable: bool) -> SyncOutcome:
    return SyncOutcome(
        outcome=RunOutcome.FAILED,
        error_code=exc.code,
        error_message=exc.message,
        retryable=retryable,
    )
