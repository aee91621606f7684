"""Fan-out: turn the due spreadsheets into paced, named tasks within the Sheets quota."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Protocol

from service.registry import Enrolment, Registry
from service.scheduling.tasks import task_name
from service.settings import Settings

__all__ = [
    "READS_PER_SYNC",
    "SCHEDULE_HEADROOM",
    "WRITES_PER_SYNC",
    "Queue",
    "enqueue_due",
    "plan_fanout",
    "syncs_per_minute",
]

# The sync budget of DESIGN.md: one read and at most one write per spreadsheet.
READS_PER_SYNC = 1
WRITES_PER_SYNC = 1
# Start syncs at 90% of the quota: measured on the emulator, pacing at 100% drew
# 429s from jitter alone, 90–95% drew none.
SCHEDULE_HEADROOM = 0.9
MINUTE = timedelta(minutes=1)


class Queue(Protocol):
    """Where scheduled syncs go: the inline pool or Cloud Tasks."""

    def enqueue(self, spreadsheet_id: str, task_name: str, *, eta: datetime | None = None) -> bool:
        """Queue one task; False when that task name was queued already."""
        ...


def syncs_per_minute(settings: Settings) -> int:
    """How many spreadsheet syncs to start a minute: the Sheets quota less some headroom.

    Starting syncs at exactly the quota leaves no slack: the jitter of each sync's
    own work then puts the 61st request inside someone's minute and earns a 429.
    """
    per_window = min(
        settings.sheets_reads_per_minute // READS_PER_SYNC,
        settings.sheets_writes_per_minute // WRITES_PER_SYNC,
    )
    # The quota window is a minute in production; benchmarks shrink it to scale time.
    windows_a_minute = 60.0 / settings.sheets_quota_window_seconds
    return max(1, math.floor(per_window * windows_a_minute * SCHEDULE_HEADROOM))


def plan_fanout(
    due: Sequence[Enrolment], *, now: datetime, budget_per_minute: int
) -> list[tuple[Enrolment, datetime]]:
    """Give each due spreadsheet a start time, evenly spaced so no minute exceeds the budget."""
    if budget_per_minute < 1:
        raise ValueError("budget_per_minute must be at least 1")
    # Microsecond spacing keeps the arithmetic exact: 60/7 s would round otherwise.
    spacing = MINUTE / budget_per_minute
    return [(enrolment, now + index * spacing) for index, enrolment in enumerate(due)]


def enqueue_due(
    registry: Registry,
    queue: Queue,
    *,
    now: datetime,
    budget_per_minute: int,
    horizon: timedelta | None = None,
) -> int:
    """Queue one named task per due spreadsheet; return how many were new.

    With `horizon` (the time until the next cron tick), only what the budget can
    start before then is queued; the rest stay due, so a fleet larger than the
    quota never piles up a backlog that would sync some sheets twice.
    """
    limit = None if horizon is None else max(1, int(budget_per_minute * (horizon / MINUTE)))
    plan = plan_fanout(registry.due(now, limit), now=now, budget_per_minute=budget_per_minute)
    queued = 0
    for enrolment, eta in plan:
        name = task_name(enrolment.spreadsheet_id, now, enrolment.schedule_minutes)
        queued += queue.enqueue(enrolment.spreadsheet_id, name, eta=eta)
    return queued
