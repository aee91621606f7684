"""Retries and rate limiting for Sheets requests.

gspread's own back-off client retries forever, without jitter, ignores
`Retry-After` and retries non-idempotent POSTs; this policy is truncated
exponential back-off with full jitter, a maximum attempt count and a deadline.
"""

from __future__ import annotations

import random
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

import requests
from gspread.exceptions import APIError

from service.errors import QuotaExhausted

__all__ = [
    "Limiter",
    "RateLimiter",
    "RetryPolicy",
    "is_retryable",
    "quota_refusal",
    "retry_after_seconds",
]

T = TypeVar("T")

_RETRYABLE_STATUS = {408, 429, 500, 502, 503, 504}
# Google's documented quota reasons: Drive answers 403 (or 429) with these in
# `error.errors[].reason`; the Sheets API v4 puts RATE_LIMIT_EXCEEDED in an ErrorInfo detail.
_SHORT_TERM_REASONS = frozenset(
    {
        "rateLimitExceeded",
        "userRateLimitExceeded",
        "sharingRateLimitExceeded",
        "RATE_LIMIT_EXCEEDED",
    }
)
_DAILY_REASONS = frozenset({"dailyLimitExceeded", "quotaExceeded"})
# Also in the `usageLimits` domain, but a full Drive is not a rate limit: waiting does not help.
_NOT_A_RATE_LIMIT = frozenset({"storageQuotaExceeded"})


def _reasons(error: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(domain, reason) pairs of a Google error object, old `errors[]` and new `details[]` style."""
    pairs: list[tuple[str, str]] = []
    for key in ("errors", "details"):
        items = error.get(key)
        if isinstance(items, list):
            pairs += [
                (str(item.get("domain", "")), str(item.get("reason", "")))
                for item in items
                if isinstance(item, Mapping)
            ]
    return pairs


def quota_refusal(status: int, error: Mapping[str, Any]) -> str | None:
    """ "minute" or "day" when a Google error answer is a quota refusal, else None.

    `error` is the `error` object of the answer's JSON body.
    """
    if status not in (403, 429):
        return None
    pairs = _reasons(error)
    if any(reason in _DAILY_REASONS for _, reason in pairs):
        return "day"
    if status == 429 or error.get("status") == "RESOURCE_EXHAUSTED":
        return "minute"
    for domain, reason in pairs:
        if reason in _SHORT_TERM_REASONS:
            return "minute"
        if domain == "usageLimits" and reason not in _NOT_A_RATE_LIMIT:
            return "minute"
    return None


def retry_after_seconds(exc: BaseException) -> float | None:
    """The server's `Retry-After` in seconds, when it sent one."""
    if isinstance(exc, APIError):
        header = exc.response.headers.get("Retry-After")
        if header:
            try:
                return max(0.0, float(header))
            except ValueError:
                return None
    return None


def is_retryable(exc: BaseException, *, idempotent: bool) -> bool:
    """Whether trying again may succeed and cannot apply a change twice."""
    if isinstance(exc, APIError):
        # A quota refusal was refused before it ran, so even a non-idempotent call may retry it.
        if quota_refusal(exc.code, exc.error) == "minute":
            return True
        return idempotent and exc.code in _RETRYABLE_STATUS
    if isinstance(exc, requests.Timeout | requests.ConnectionError):
        return idempotent
    return False


def _is_quota(exc: BaseException) -> bool:
    return isinstance(exc, APIError) and quota_refusal(exc.code, exc.error) is not None


@dataclass
class RetryPolicy:
    """Truncated exponential back-off with jitter, bounded by attempts and a deadline."""

    max_attempts: int = 8
    deadline: float = 120.0
    base: float = 1.0
    cap: float = 32.0
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    jitter: Callable[[], float] = random.random
    on_retry: Callable[[BaseException, float], None] | None = None
    # For a person waiting on the answer: the most seconds spent backing off quota
    # refusals before giving up with Retry-After (None: only the deadline bounds them).
    quota_wait: float | None = None

    def wait_for(self, attempt: int, exc: BaseException) -> float:
        """Seconds to wait before attempt `attempt + 1`."""
        hinted = retry_after_seconds(exc)
        if hinted is not None:
            return min(hinted, self.cap)
        ceiling = min(self.cap, self.base * 2.0 ** (attempt - 1))
        return float(ceiling * (0.5 + self.jitter() / 2))

    def call(self, fn: Callable[[], T], *, idempotent: bool) -> T:
        """Run `fn`, retrying what is safe to retry until attempts or deadline run out."""
        started = self.clock()
        attempt = 0
        quota_waited = 0.0
        while True:
            attempt += 1
            try:
                return fn()
            except (APIError, requests.RequestException) as exc:
                if attempt >= self.max_attempts or not is_retryable(exc, idempotent=idempotent):
                    raise
                wait = self.wait_for(attempt, exc)
                if self.clock() - started + wait > self.deadline:
                    raise
                if _is_quota(exc) and self.quota_wait is not None:
                    quota_waited += wait
                    if quota_waited > self.quota_wait:
                        raise
                if self.on_retry is not None:
                    self.on_retry(exc, wait)
                self.sleep(wait)


class Limiter(Protocol):
    """A client-side Sheets budget: this process's (`RateLimiter`) or every instance's."""

    def acquire(self, kind: str, *, max_wait: float | None = None) -> float:
        """Wait for room for one request of `kind`; `QuotaExhausted` past `max_wait`."""
        ...


@dataclass
class RateLimiter:
    """At most `per_minute[kind]` requests of a kind in any window, across a process's threads.

    A sliding window, not a token bucket: a full bucket would let a burst of a
    whole minute's budget through on top of the steady rate, and Google counts
    every request that lands within the minute.
    """

    per_minute: dict[str, int]
    window: float = 60.0
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _sent: dict[str, deque[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def acquire(self, kind: str, *, max_wait: float | None = None) -> float:
        """Wait until a request of `kind` fits the window, then count it; returns seconds waited.

        With `max_wait`, a request that would have to wait longer is not sent:
        `QuotaExhausted` says, in `retry_after`, when the window has room again.
        """
        limit = self.per_minute.get(kind)
        if limit is None:
            return 0.0
        waited = 0.0
        while True:
            with self._lock:
                now = self.clock()
                sent = self._sent.setdefault(kind, deque())
                while sent and sent[0] <= now - self.window:
                    sent.popleft()
                if len(sent) < limit:
                    sent.append(now)
                    return waited
                wait = sent[0] + self.window - now
            if max_wait is not None and waited + wait > max_wait:
                raise QuotaExhausted(
                    "The Sheets quota for this minute is used up; try again "
                    f"in {max(1, round(wait))} seconds.",
                    retry_after=wait,
                )
            self.sleep(wait)
            waited += wait
