"""InlineQueue and its token bucket: dedupe, pacing and retries, on an injected clock."""

from __future__ import annotations

import threading

import pytest

from service.registry import RunOutcome
from service.scheduling import InlineQueue, SyncOutcome, TokenBucket


class FrozenTime:
    """A clock that only moves when told to; sleeping records the wait instead."""

    def __init__(self) -> None:
        self.now = 0.0
        self.waits: list[float] = []
        self._lock = threading.Lock()

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.waits.append(round(seconds, 6))


class Recorder:
    """A task body that records what it ran and answers from a script."""

    def __init__(self, script: list[SyncOutcome] | None = None) -> None:
        self.ran: list[tuple[str, str]] = []
        self.script = script or []
        self._lock = threading.Lock()

    def __call__(self, spreadsheet_id: str, task_name: str) -> SyncOutcome:
        with self._lock:
            self.ran.append((spreadsheet_id, task_name))
            if self.script:
                return self.script.pop(0)
        return SyncOutcome(outcome=RunOutcome.SYNCED, reads=1, writes=1)


def test_bucket_books_permits_at_the_quota_pace() -> None:
    time = FrozenTime()
    bucket = TokenBucket(60, clock=time.clock, sleep=time.sleep)

    waits = [bucket.reserve() for _ in range(5)]

    assert waits == [0.0, 1.0, 2.0, 3.0, 4.0]


def test_bucket_refills_with_time_up_to_its_burst() -> None:
    time = FrozenTime()
    bucket = TokenBucket(30, burst=3, clock=time.clock, sleep=time.sleep)

    assert [bucket.reserve() for _ in range(4)] == [0.0, 0.0, 0.0, 2.0]
    time.now = 600.0  # ten idle minutes refill the burst, not more
    assert [bucket.reserve() for _ in range(4)] == [0.0, 0.0, 0.0, 2.0]


def test_bucket_refuses_a_nonsense_rate() -> None:
    with pytest.raises(ValueError):
        TokenBucket(0)


def test_queue_dedupes_by_task_name() -> None:
    time = FrozenTime()
    body = Recorder()
    with InlineQueue(
        body, workers=2, syncs_per_minute=60, clock=time.clock, sleep=time.sleep
    ) as queue:
        assert queue.enqueue("sheet-a", "t-1") is True
        assert queue.enqueue("sheet-a", "t-1") is False
        assert queue.enqueue("sheet-b", "t-2") is True
        assert queue.drain(timeout=30)

    assert sorted(body.ran) == [("sheet-a", "t-1"), ("sheet-b", "t-2")]


def test_queue_paces_all_workers_to_one_shared_budget() -> None:
    time = FrozenTime()
    body = Recorder()
    with InlineQueue(
        body, workers=4, syncs_per_minute=60, clock=time.clock, sleep=time.sleep
    ) as queue:
        for index in range(10):
            queue.enqueue(f"sheet-{index}", f"t-{index}")
        assert queue.drain(timeout=30)

    # Ten starts at 60 a minute on a stopped clock: the first goes at once, the
    # others are booked one second apart, whichever worker picks them up.
    assert sorted(time.waits) == [float(second) for second in range(1, 10)]
    assert len(body.ran) == 10


def test_queue_retries_retryable_outcomes_with_backoff() -> None:
    time = FrozenTime()
    failed = SyncOutcome(outcome=RunOutcome.FAILED, error_code="quota_exhausted", retryable=True)
    body = Recorder([failed, failed])
    with InlineQueue(
        body,
        workers=1,
        syncs_per_minute=6000,
        max_attempts=3,
        backoff_seconds=10,
        clock=time.clock,
        sleep=time.sleep,
    ) as queue:
        queue.enqueue("sheet-a", "t-1")
        assert queue.drain(timeout=30)

    assert body.ran == [("sheet-a", "t-1")] * 3
    assert [wait for wait in time.waits if wait >= 10] == [10.0, 20.0]


def test_drain_reports_unfinished_work() -> None:
    release = threading.Event()

    def blocked(spreadsheet_id: str, task_name: str) -> SyncOutcome:
        release.wait()
        return SyncOutcome(outcome=RunOutcome.UNCHANGED)

    with InlineQueue(blocked, workers=1, syncs_per_minute=60) as queue:
        queue.enqueue("sheet-a", "t-1")
        assert queue.drain(timeout=0) is False
        release.set()
        assert queue.drain(timeout=30) is True
