"""The single-process queue: a bounded thread pool paced to the Sheets quota."""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from datetime import datetime
from types import TracebackType

from service.scheduling.fanout import syncs_per_minute
from service.scheduling.ratelimit import TokenBucket
from service.scheduling.tasks import SyncOutcome, TaskBody
from service.settings import Settings

__all__ = ["REMEMBERED_TASKS", "InlineQueue"]

log = logging.getLogger(__name__)

# Enough names for a day at the default pace; older ones cannot recur anyway,
# because names carry their schedule slot.
REMEMBERED_TASKS = 100_000


class InlineQueue:
    """Runs tasks on `workers` threads, at most `syncs_per_minute` starts a minute.

    It dedupes by task name and retries retryable outcomes with exponential
    backoff; what happened is recorded by the task body, not here.
    """

    def __init__(
        self,
        body: TaskBody,
        *,
        workers: int,
        syncs_per_minute: float,
        max_attempts: int = 3,
        backoff_seconds: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._body = body
        self._bucket = TokenBucket(syncs_per_minute, clock=clock, sleep=sleep)
        self._sleep = sleep
        self._max_attempts = max(1, max_attempts)
        self._backoff = backoff_seconds
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="scorecard-sync")
        self._lock = threading.Lock()
        self._names: OrderedDict[str, None] = OrderedDict()
        self._pending: set[Future[SyncOutcome]] = set()

    @classmethod
    def from_settings(cls, body: TaskBody, settings: Settings) -> InlineQueue:
        """A queue with the configured workers, paced to the configured Sheets quota."""
        return cls(
            body, workers=settings.queue_workers, syncs_per_minute=syncs_per_minute(settings)
        )

    def enqueue(self, spreadsheet_id: str, task_name: str, *, eta: datetime | None = None) -> bool:
        """Queue one task; False when a task of that name was queued already.

        `eta` is accepted for parity with Cloud Tasks; the rate limiter does the pacing.
        """
        with self._lock:
            if task_name in self._names:
                return False
            self._names[task_name] = None
            if len(self._names) > REMEMBERED_TASKS:
                self._names.popitem(last=False)
            future = self._pool.submit(self._run, spreadsheet_id, task_name)
            self._pending.add(future)
        future.add_done_callback(self._forget)
        return True

    def drain(self, timeout: float | None = None) -> bool:
        """Wait for every queued task; True when all finished within `timeout` seconds."""
        with self._lock:
            pending = set(self._pending)
        _done, not_done = wait(pending, timeout=timeout)
        return not not_done

    def close(self) -> None:
        """Finish queued tasks and stop the workers."""
        self._pool.shutdown(wait=True)

    def __enter__(self) -> InlineQueue:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _run(self, spreadsheet_id: str, task_name: str) -> SyncOutcome:
        attempt = 1
        while True:
            self._bucket.acquire()
            outcome = self._body(spreadsheet_id, task_name)
            if not outcome.retryable or attempt >= self._max_attempts:
                return outcome
            self._sleep(self._backoff * 2 ** (attempt - 1))
            attempt += 1

    def _forget(self, future: Future[SyncOutcome]) -> None:
        with self._lock:
            self._pending.discard(future)
        error = None if future.cancelled() else future.exception()
        if error is not None:
            log.error("scheduled sync task crashed", exc_info=error)
