"""The Sheets budget in the registry database, so every instance draws from one quota.

Google counts a service account's Sheets requests per minute, whichever instance
sends them; a limiter in each process lets N instances send N times the quota.
`SharedQuota` keeps the sliding window in the database (PostgreSQL in production)
instead: one short transaction per request, serialised per kind by a row lock.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

from service.errors import QuotaExhausted
from service.registry.store import Registry

__all__ = ["SharedQuota"]


class SharedQuota:
    """At most `per_minute[kind]` requests of a kind in any window, across every process.

    The same contract as the in-process limiter: `acquire` waits for room and
    returns the seconds waited, or raises `QuotaExhausted` past `max_wait`.
    """

    def __init__(
        self,
        registry: Registry,
        per_minute: Mapping[str, int],
        *,
        window: float = 60.0,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.registry = registry
        self.per_minute = dict(per_minute)
        self.window = window
        self.clock = clock
        self.sleep = sleep

    def acquire(self, kind: str, *, max_wait: float | None = None) -> float:
        """Wait until a request of `kind` fits every instance's window, then count it."""
        limit = self.per_minute.get(kind)
        if limit is None:
            return 0.0
        waited = 0.0
        while True:
            wait = self.registry.take_quota(kind, limit=limit, window=self.window, clock=self.clock)
            if wait <= 0.0:
                return waited
            if max_wait is not None and waited + wait > max_wait:
                raise QuotaExhausted(
                    "The Sheets quota for this minute is used up; try again "
                    f"in {max(1, round(wait))} seconds.",
                    retry_after=wait,
                )
            self.sleep(wait)
            waited += wait
