"""A token bucket shared by every worker of a process, with an injectable clock."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

__all__ = ["TokenBucket"]


class TokenBucket:
    """Hands out `per_minute` permits a minute, at most `burst` at once.

    `reserve()` books the next permit and returns how long to wait for it, so a
    waiting caller never holds the lock and the schedule stays fair (first come,
    first served) however many threads ask.
    """

    def __init__(
        self,
        per_minute: float,
        *,
        burst: int = 1,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if per_minute <= 0 or burst < 1:
            raise ValueError("per_minute must be positive and burst at least 1")
        self.rate = per_minute / 60.0
        self.burst = burst
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._tokens = float(burst)
        self._updated = clock()

    def reserve(self) -> float:
        """Book one permit; return the seconds until it may be used (0 when now)."""
        with self._lock:
            now = self._clock()
            elapsed = max(0.0, now - self._updated)
            self._tokens = min(float(self.burst), self._tokens + elapsed * self.rate)
            self._updated = now
            self._tokens -= 1.0
            # A negative balance is a queue of bookings; each waits its turn.
            return 0.0 if self._tokens >= 0 else -self._tokens / self.rate

    def acquire(self) -> float:
        """Wait for one permit; return how long that took."""
        wait = self.reserve()
        if wait > 0:
            self._sleep(wait)
        return wait
