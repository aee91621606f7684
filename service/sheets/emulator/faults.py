"""Scripted faults, rate quotas and the request log: the emulator's test and benchmark knobs."""

from __future__ import annotations

import threading
import time
from collections import deque
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from .errors import ApiError

__all__ = ["Counts", "Fault", "FaultPlan", "Quota", "QuotaMeter", "RequestKind", "RequestRecord"]


class RequestKind(StrEnum):
    """How Google's quota counts a call."""

    READ = "read"
    WRITE = "write"
    OTHER = "other"


class Fault(BaseModel):
    """A scripted failure: the next `times` calls to `endpoint` ('*' = any) fail this way.

    A status below 400 only adds `latency` and lets the call through.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    endpoint: str = "*"
    status: int = 503
    times: int = 1
    timeout: bool = False
    latency: float = 0.0
    retry_after: float | None = None


class Quota(BaseModel):
    """Per-window budgets, like Google's 60 reads and 60 writes per minute per user."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    reads_per_window: int = 60
    writes_per_window: int = 60
    window_seconds: float = 60.0


class RequestRecord(BaseModel):
    """One request the emulator answered."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    method: str
    path: str
    endpoint: str
    status: int
    spreadsheet_id: str | None


class Counts(BaseModel):
    """How many reads and writes were made (as the quota counts them)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    reads: int
    writes: int
    total: int


class FaultPlan:
    """The queue of scripted faults; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[list[Fault | int]] = []

    def add(self, fault: Fault) -> None:
        """Script a fault for the next `fault.times` matching calls."""
        with self._lock:
            self._faults.append([fault, fault.times])

    def clear(self) -> None:
        """Drop every scripted fault."""
        with self._lock:
            self._faults.clear()

    def take(self, endpoint: str) -> Fault | None:
        """Consume and return the first fault matching this endpoint, if any."""
        with self._lock:
            for entry in self._faults:
                fault, left = entry
                assert isinstance(fault, Fault) and isinstance(left, int)  # noqa: S101 - typed pair
                if fault.endpoint in ("*", endpoint):
                    entry[1] = left - 1
                    if left - 1 <= 0:
                        self._faults.remove(entry)
                    return fault
        return None


class QuotaMeter:
    """Sliding-window counters that answer 429 RESOURCE_EXHAUSTED past the budget."""

    _METRICS = {RequestKind.READ: "Read requests", RequestKind.WRITE: "Write requests"}

    def __init__(self, quota: Quota) -> None:
        self.quota = quota
        self._lock = threading.Lock()
        self._calls: dict[RequestKind, deque[float]] = {k: deque() for k in self._METRICS}

    def spend(self, kind: RequestKind) -> None:
        """Count one call, or raise Google's 429 when the window's budget is used up."""
        if kind not in self._METRICS:
            return
        budget = (
            self.quota.reads_per_window
            if kind is RequestKind.READ
            else self.quota.writes_per_window
        )
        now = time.monotonic()
        with self._lock:
            calls = self._calls[kind]
            while calls and now - calls[0] >= self.quota.window_seconds:
                calls.popleft()
            if len(calls) >= budget:
                metric = self._METRICS[kind]
                raise ApiError(
                    429,
                    f"Quota exceeded for quota metric '{metric}' and limit '{metric} per minute "
                    "per user' of service 'sheets.googleapis.com' for consumer "
                    "'project_number:000000000000'.",
                )
            calls.append(now)
