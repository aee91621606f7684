"""run_task: each scheduled sync runs at most once and every outcome is recorded."""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

import pytest

from service.errors import NotShared, QuotaExhausted
from service.registry import Registry, RunOutcome
from service.scheduling import SyncOutcome, bind_task, run_task, task_name


class CountingSync:
    """A sync handler that counts calls per spreadsheet and fails as told."""

    def __init__(self, failures: dict[str, Exception] | None = None) -> None:
        self.calls: Counter[str] = Counter()
        self.failures = failures or {}
        self._lock = threading.Lock()

    def __call__(self, spreadsheet_id: str) -> SyncOutcome:
        with self._lock:
            self.calls[spreadsheet_id] += 1
        if spreadsheet_id in self.failures:
            raise self.failures[spreadsheet_id]
        return SyncOutcome(outcome=RunOutcome.SYNCED, reads=1, writes=1, rows=4, changed_cells=8)


def clock(at: datetime) -> Callable[[], datetime]:
    """A clock stopped at `at`."""
    return lambda: at


def test_task_name_is_stable_within_a_slot_and_safe(now: datetime) -> None:
    name = task_name("1AbC-x_9/odd id", now, 60)

    assert name == task_name("1AbC-x_9/odd id", now + timedelta(minutes=59), 60)
    assert name != task_name("1AbC-x_9/odd id", now + timedelta(minutes=60), 60)
    assert name != task_name("1AbC-x_9/odd id", now, 30)
    assert name != task_name("other", now, 60)
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,500}", name)
    assert len(task_name("x" * 5000, now, 60)) <= 500


def test_a_duplicate_delivery_is_a_no_op(registry: Registry, now: datetime) -> None:
    registry.enrol("sheet-a", by="ann@example.com", now=now)
    sync = CountingSync()

    first = run_task(registry, sync, "sheet-a", "t-1", now_fn=clock(now), holder="w1")
    second = run_task(registry, sync, "sheet-a", "t-1", now_fn=clock(now), holder="w2")

    assert first.outcome is RunOutcome.SYNCED
    assert second.outcome is RunOutcome.SKIPPED
    assert sync.calls["sheet-a"] == 1
    (run,) = registry.runs("sheet-a")
    assert (run.task_name, run.outcome, run.rows, run.changed_cells) == ("t-1", "synced", 4, 8)


def test_a_permanent_failure_is_recorded_and_the_next_sheets_still_sync(
    registry: Registry, now: datetime
) -> None:
    for sid in ("a", "b", "c"):
        registry.enrol(sid, by="ann@example.com", now=now)
    sync = CountingSync({"b": NotShared("Share the spreadsheet with the service account.")})

    outcomes = {
        sid: run_task(registry, sync, sid, f"t-{sid}", now_fn=clock(now), holder="w")
        for sid in ("a", "b", "c")
    }

    assert outcomes["b"].outcome is RunOutcome.FAILED
    assert outcomes["b"].retryable is False
    assert outcomes["b"].error_code == "not_shared"
    assert {sid: registry.runs(sid)[0].outcome for sid in "abc"} == {
        "a": "synced",
        "b": "failed",
        "c": "synced",
    }
    assert registry.runs("b")[0].error_code == "not_shared"
    failed = registry.get("b")
    assert failed is not None
    assert failed.last_outcome is RunOutcome.FAILED


def test_a_retryable_failure_is_flagged_and_runs_again(registry: Registry, now: datetime) -> None:
    registry.enrol("sheet-a", by="ann@example.com", now=now)
    sync = CountingSync({"sheet-a": QuotaExhausted("The Sheets quota is spent.")})

    first = run_task(registry, sync, "sheet-a", "t-1", now_fn=clock(now), holder="w")
    sync.failures.clear()
    retry = run_task(registry, sync, "sheet-a", "t-1", now_fn=clock(now), holder="w")

    assert (first.outcome, first.retryable, first.error_code) == ("failed", True, "quota_exhausted")
    assert retry.outcome is RunOutcome.SYNCED
    assert sync.calls["sheet-a"] == 2
    assert [run.outcome for run in registry.runs("sheet-a")] == ["synced", "failed"]


def test_a_crashing_handler_is_recorded_as_internal_and_retryable(
    registry: Registry, now: datetime
) -> None:
    registry.enrol("sheet-a", by="ann@example.com", now=now)
    sync = CountingSync({"sheet-a": ZeroDivisionError("division by zero")})

    outcome = run_task(registry, sync, "sheet-a", "t-1", now_fn=clock(now), holder="w")

    assert (outcome.outcome, outcome.retryable, outcome.error_code) == ("failed", True, "internal")
    assert registry.runs("sheet-a")[0].error_message == "ZeroDivisionError: division by zero"
    assert registry.acquire_lease("sheet-a", "next", now=now, ttl=timedelta(minutes=1))


def test_a_held_lease_makes_the_task_retry_without_syncing(
    registry: Registry, now: datetime
) -> None:
    registry.enrol("sheet-a", by="ann@example.com", now=now)
    registry.acquire_lease("sheet-a", "manual-sync", now=now, ttl=timedelta(minutes=5))
    sync = CountingSync()

    outcome = run_task(registry, sync, "sheet-a", "t-1", now_fn=clock(now), holder="w")

    assert (outcome.outcome, outcome.retryable) == (RunOutcome.FAILED, True)
    assert outcome.error_code == "sync_running"
    assert sync.calls["sheet-a"] == 0
    assert registry.runs("sheet-a") == []


@pytest.mark.parametrize("state", ["paused", "unenrolled"])
def test_paused_or_unenrolled_sheets_are_skipped(
    registry: Registry, now: datetime, state: str
) -> None:
    registry.enrol("sheet-a", by="ann@example.com", now=now)
    if state == "paused":
        registry.set_paused("sheet-a", True)
    else:
        registry.unenrol("sheet-a")
    sync = CountingSync()

    outcome = run_task(registry, sync, "sheet-a", "t-1", now_fn=clock(now), holder="w")

    assert outcome.outcome is RunOutcome.SKIPPED
    assert sync.calls["sheet-a"] == 0


def test_two_workers_racing_on_one_task_sync_once(registry: Registry, now: datetime) -> None:
    registry.enrol("sheet-a", by="ann@example.com", now=now)
    sync = CountingSync()
    body = bind_task(registry, sync, now_fn=clock(now), holder_prefix="worker")
    start = threading.Barrier(4)

    def deliver(_: int) -> SyncOutcome:
        start.wait()
        outcome = body("sheet-a", "t-1")
        # The queue redelivers retryable outcomes until the task is done.
        while outcome.retryable:
            outcome = body("sheet-a", "t-1")
        return outcome

    with ThreadPoolExecutor(max_workers=4) as pool:
        outcomes = list(pool.map(deliver, range(4)))

    assert sync.calls["sheet-a"] == 1
    assert sorted(o.outcome for o in outcomes) == ["skipped", "skipped", "skipped", "synced"]
    assert len(registry.runs("sheet-a")) == 1
