"""Sync of one large spreadsheet: compute throughput and end-to-end time, with and without latency.

The spreadsheet holds 10 scorecard tabs x 50 KPIs x 52 weekly periods on the
local emulator. Figures:

* compute: the pure part of a sync over a snapshot read once (layout, trends
  and flags, validation), in KPI-periods per second;
* end to end: `workflows.sync` (lease, 1 read, compute, <= 1 write, run record)
  on a fresh copy (first sync, which writes) and again (unchanged: no write),
  with 100 ms of injected latency per Sheets request and with none.

Run: .venv/bin/python -m benchmarks.bench_sync [--quick]
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from service.context import Services, build_services
from service.core.grid import SpreadsheetSnapshot
from service.core.layout import ScorecardTab, identity_of, read_scorecard
from service.core.scoring import compute_tab
from service.settings import Settings
from service.sheets.backends import connect
from service.sheets.emulator import SheetsEmulator
from service.sheets.emulator.emulator import HttpAnswer
from service.workflows import sync
from tests.builders import build_scorecards

T = TypeVar("T")

TABS, KPIS, PERIODS = 10, 50, 52
LATENCY_SECONDS = 0.1
COMPUTE_ROUNDS = 5
# The builders' "today", so every value is in the past and the trends are stable.
NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


class TimedEmulator(SheetsEmulator):
    """The emulator, keeping count of the seconds spent answering (injected latency included)."""

    def __init__(self, path: Path | None = None) -> None:
        super().__init__(path)
        self.busy = 0.0
        self._busy_lock = threading.Lock()

    def handle(self, method: str, url: str, body: bytes | None) -> HttpAnswer:
        """Answer as the emulator does, adding the time taken to `busy`."""
        began = time.perf_counter()
        try:
            return super().handle(method, url, body)
        finally:
            with self._busy_lock:
                self.busy += time.perf_counter() - began


def timed_services(
    settings: Settings, clock: Callable[[], datetime]
) -> tuple[Services, TimedEmulator]:
    """The wired services on this clock, talking to a TimedEmulator of their own."""
    services = build_services(settings, clock=clock)
    emulator = TimedEmulator(settings.data_dir / "timed-sheets.db")
    services.sheets = connect(settings, emulator=emulator)
    return services, emulator


def best_of(rounds: int, action: Callable[[], T]) -> tuple[float, T]:
    """The shortest wall time of `rounds` runs of `action`, and its last result."""
    best = float("inf")
    result: T | None = None
    for _ in range(rounds):
        began = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - began)
    assert result is not None  # noqa: S101 - rounds >= 1
    return best, result


def compute(services: Services, snapshot: SpreadsheetSnapshot, tabs: list[ScorecardTab]) -> int:
    """The per-tab work of a sync without I/O: trends, flags, verdicts and the cells to write."""
    verdicts = 0
    for tab in tabs:
        cells = snapshot.tab(tab.sheet_id)
        assert cells is not None  # noqa: S101 - the tab came from this snapshot
        template = services.catalog.find(tab.identity.role)
        context = services.catalog.context_for(tab.identity.role)
        work = compute_tab(tab, cells, NOW, template, context, trends=True)
        verdicts += len(work.report.results)
    return verdicts


def measure_compute(services: Services, sid: str, rounds: int) -> list[tuple[str, float]]:
    """Time layout parsing and the pure computation over one snapshot."""
    snapshot = services.sheets.gateway().read(sid)
    cells = [tab for tab in snapshot.tabs if identity_of(tab) is not None]
    parse, tabs = best_of(rounds, lambda: [read_scorecard(tab) for tab in cells])
    work, verdicts = best_of(rounds, lambda: compute(services, snapshot, tabs))
    assert verdicts == TABS * KPIS  # noqa: S101 - the benchmark measured the whole sheet
    return [("read_scorecard (layout)", parse), ("assess + validate + plan writes", work)]


def clone(emulator: SheetsEmulator, source: str, ids: list[str]) -> list[str]:
    """Copies of a stored spreadsheet under `ids`, written straight into the emulator's store."""
    with emulator.store.transaction(write=True) as tx:
        for sid in ids:
            doc = tx.load(source)  # a private copy inside a write transaction
            assert doc is not None  # noqa: S101 - the source exists
            doc["spreadsheetId"] = sid
            tx.save(doc)
    return ids


@dataclass(frozen=True)
class SyncTiming:
    """One on-demand sync: wall time, the emulator's share of it, and the requests."""

    label: str
    wall: float
    emulator: float
    reads: int
    writes: int

    @property
    def service(self) -> float:
        """Seconds spent outside the emulator: the service's own work."""
        return self.wall - self.emulator


def timed_sync(services: Services, emulator: TimedEmulator, sid: str, label: str) -> SyncTiming:
    """Run one on-demand sync of `sid` and time it."""
    emulator.reset_counts()
    busy = emulator.busy
    began = time.perf_counter()
    sync(services, sid)
    wall = time.perf_counter() - began
    used = emulator.counts(sid)
    return SyncTiming(label, wall, emulator.busy - busy, used.reads, used.writes)


def measure_sync(
    services: Services, emulator: TimedEmulator, pristine: str, latency: float, rounds: int
) -> list[SyncTiming]:
    """Best first and unchanged second sync over `rounds` fresh copies, at this latency."""
    sids = clone(emulator, pristine, [f"{pristine}-{latency:g}-{n}" for n in range(rounds)])
    label = f"{latency * 1000:.0f} ms/request"
    emulator.latency = latency
    try:
        first = [timed_sync(services, emulator, sid, f"first sync, {label}") for sid in sids]
        second = [timed_sync(services, emulator, sid, f"unchanged, {label}") for sid in sids]
    finally:
        emulator.latency = 0.0
    return [min(first, key=lambda t: t.wall), min(second, key=lambda t: t.wall)]


def print_report(
    built: float, rounds: int, stages: list[tuple[str, float]], syncs: list[SyncTiming]
) -> None:
    """The compute and end-to-end tables."""
    periods = TABS * KPIS * PERIODS
    print(f"spreadsheet: {TABS} tabs x {KPIS} KPIs x {PERIODS} weekly periods")
    print(f"  = {periods:,} KPI-periods; built in {built:.1f} s")
    print(f"{'compute, best of ' + str(COMPUTE_ROUNDS):<30} {'ms':>8} {'KPI-periods/s':>14}")
    for label, seconds in [*stages, ("total", sum(s for _, s in stages))]:
        print(f"  {label:<28} {seconds * 1000:8.1f} {periods / seconds:14,.0f}")
    head = f"{'end to end, best of ' + str(rounds):<30} {'wall s':>8} {'emulator':>8}"
    print(f"{head} {'service':>8} {'reads':>6} {'writes':>6}")
    for t in syncs:
        row = f"  {t.label:<28} {t.wall:8.3f} {t.emulator:8.3f} {t.service:8.3f}"
        print(f"{row} {t.reads:6d} {t.writes:6d}")


def main(argv: list[str] | None = None) -> None:
    """Build the spreadsheet, print the compute and end-to-end figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="one round instead of three")
    args = parser.parse_args(argv)
    rounds = 1 if args.quick else 3
    with tempfile.TemporaryDirectory() as scratch:
        settings = Settings(data_dir=Path(scratch), log_format="text")
        services, emulator = timed_services(settings, lambda: NOW)
        try:
            began = time.perf_counter()
            pristine = emulator.create_spreadsheet("Bench")
            build_scorecards(services, pristine, tabs=TABS, kpis=KPIS, periods=PERIODS)
            built = time.perf_counter() - began
            stages = measure_compute(services, pristine, COMPUTE_ROUNDS)
            syncs = [
                *measure_sync(services, emulator, pristine, LATENCY_SECONDS, rounds),
                *measure_sync(services, emulator, pristine, 0.0, rounds),
            ]
        finally:
            services.close()
    print_report(built, rounds, stages, syncs)


if __name__ == "__main__":
    main()
