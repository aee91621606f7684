"""Scheduled sync of a fleet of 1,000 spreadsheets under the emulator's per-user quota.

Time is scaled by --scale (simulated minutes per real minute). Google allows a
service account 60 reads and 60 writes a minute, so the emulator enforces
Quota(60 reads, 60 writes per 60/scale-second window) and answers 429 past it;
the service is configured for 60 x scale requests a real minute on both sides
(the gateway's RateLimiter and the queue's sync budget, `syncs_per_minute`);
each request waits 0.1/scale s in the emulator, 100 ms of real latency at scale.

The default scale is 15, so 1,000 syncs need 67 s at best. At 60 (one simulated
minute per real second) one Python process on 2 cores cannot run 60 syncs a
second (emulator included), so the run measures the CPU, not the pacing.

The fleet is driven as production drives it: `enqueue_due_syncs` (the cron
tick) queues one named task per due spreadsheet on the InlineQueue with
`queue_workers` threads; every task runs `run_task` (lease, run record) around
`sync_unlocked`. Two cases: every sheet changed, then 10% changed.

The figure is the ratio of wall time to the theoretical minimum under the
quota, max(reads, writes) / (scale requests a second): 1.0 is a fleet paced
exactly to the quota. 429s received should be zero. `cpu s` is the process's
CPU time over the run: close to `wall s`, the single process (emulator
included, one GIL) was the bottleneck rather than the quota.

Run: .venv/bin/python -m benchmarks.bench_fleet [--quick] [--sheets N] [--scale S]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.bench_sync import TimedEmulator, clone, timed_services
from service.context import Services
from service.core.grid import CellWrite
from service.core.layout import read_scorecard
from service.scheduling import InlineQueue
from service.settings import Settings
from service.sheets.emulator import Quota, SheetsEmulator
from service.workflows.fleet import enqueue_due_syncs, enrol, queue_for, skip_unchanged
from tests.builders import build_scorecards

SHEETS = 1000
SCALE = 15.0
CHANGED_SHARE = 0.1
PER_MINUTE = 60  # Google's per-user quota, for reads and for writes alike
REAL_LATENCY_SECONDS = 0.1
KPIS, PERIODS = 5, 13
START = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
SHEETS_API = "https://sheets.googleapis.com/v4/spreadsheets"


@dataclass(frozen=True)
class Pace:
    """Simulated minutes per real minute, and what follows from it."""

    scale: float

    @property
    def per_second(self) -> float:
        """Reads (and writes) the quota allows per real second."""
        return PER_MINUTE * self.scale / 60

    @property
    def quota(self) -> Quota:
        """Google's per-user quota, with its minute shrunk to scale."""
        window = 60 / self.scale
        return Quota(
            reads_per_window=PER_MINUTE, writes_per_window=PER_MINUTE, window_seconds=window
        )

    @property
    def latency(self) -> float:
        """Seconds the emulator waits per request: 100 ms at scale."""
        return REAL_LATENCY_SECONDS / self.scale

    def settings(self, data_dir: Path) -> Settings:
        """Settings whose client-side limits match the scaled quota."""
        return Settings(
            data_dir=data_dir,
            log_format="text",
            sheets_reads_per_minute=PER_MINUTE,
            sheets_writes_per_minute=PER_MINUTE,
            sheets_quota_window_seconds=60 / self.scale,
        )


class SimClock:
    """The services' clock: frozen during a run, moved on between runs."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass(frozen=True)
class CaseResult:
    """What one fleet run cost and how long it took."""

    case: str
    sheets: int
    reads: int
    writes: int
    throttled: int
    throttled_writes: int
    wall: float
    cpu: float
    minimum: float
    outcomes: Counter[str]

    @property
    def ratio(self) -> float:
        """Wall time over the theoretical minimum."""
        return self.wall / self.minimum if self.minimum else float("nan")


def build_fleet(services: Services, emulator: SheetsEmulator, sheets: int) -> list[str]:
    """`sheets` spreadsheets of one never-synced scorecard tab each, all enrolled."""
    source = emulator.create_spreadsheet("Fleet template")
    build_scorecards(services, source, tabs=1, kpis=KPIS, periods=PERIODS)
    # Drop the empty 1,000 x 26 "Sheet1": rendering it on every read would cost the
    # emulator more CPU than the service spends on the whole sync.
    drop = {"requests": [{"deleteSheet": {"sheetId": 0}}]}
    services.sheets.session.post(f"{SHEETS_API}/{source}:batchUpdate", json=drop).raise_for_status()
    sids = clone(emulator, source, [f"fleet-{number:05d}" for number in range(sheets)])
    emulator.delete_spreadsheet(source)
    for sid in sids:
        enrol(services, sid, by="bench@example.com")
    return sids


def type_new_values(services: Services, sids: list[str], seed: int = 11) -> None:
    """Change the latest value of one KPI in each spreadsheet, as a team member would."""
    rng = random.Random(seed)
    gateway = services.sheets.gateway()
    for sid in sids:
        snapshot = gateway.read(sid)
        tab = next(cells for cells in snapshot.tabs if cells.tags)
        card = read_scorecard(tab)
        line = rng.choice(card.lines)
        _, column = max(card.period_columns)
        # Below the builders' 80-100 range, so the value always changes.
        value = round(rng.uniform(50, 79), 1)
        change = CellWrite(sheet_id=tab.sheet_id, row=line.row, column=column, value=value)
        gateway.apply(sid, [change], against=snapshot)


def run_case(
    case: str,
    services: Services,
    emulator: TimedEmulator,
    sheets: int,
    pace: Pace,
    *,
    drive_filter: bool = False,
) -> CaseResult:
    """Drive one cron tick through the queue until drained, under the quota and latency."""
    emulator.reset_counts()
    emulator.quota, emulator.latency = pace.quota, pace.latency
    cpu = time.process_time()
    began = time.perf_counter()
    settled = skip_unchanged(services) if drive_filter else 0
    queued = enqueue_due_syncs(services)
    queue = queue_for(services)
    assert isinstance(queue, InlineQueue)  # noqa: S101 - the local settings choose it
    queue.drain()
    wall = time.perf_counter() - began
    cpu = time.process_time() - cpu
    emulator.quota, emulator.latency = None, 0.0
    log = list(emulator.log)
    ok = [r for r in log if r.status < 400 and not r.endpoint.startswith("drive.")]
    reads = sum(1 for r in ok if r.method == "GET")
    writes = len(ok) - reads
    tick = [
        run for run in services.registry.runs(limit=4 * sheets) if run.started_at == services.now()
    ]
    outcomes = Counter(str(run.outcome) for run in tick)
    outcomes["queued"] = queued
    if drive_filter:
        outcomes["settled by Drive"] = settled
        outcomes["Drive requests"] = sum(1 for r in log if r.endpoint.startswith("drive."))
    return CaseResult(
        case=case,
        sheets=sheets,
        reads=reads,
        writes=writes,
        throttled=sum(1 for r in log if r.status == 429),
        throttled_writes=sum(1 for r in log if r.status == 429 and r.method != "GET"),
        wall=wall,
        cpu=cpu,
        minimum=max(reads, writes) / pace.per_second,
        outcomes=outcomes,
    )


def print_table(pace: Pace, workers: int, results: list[CaseResult]) -> None:
    """The figures, one row per case, then how each task ended."""
    print(
        f"scale {pace.scale:g}x: quota {PER_MINUTE} reads + {PER_MINUTE} writes per simulated "
        f"minute = {pace.per_second:g}/s real; latency {pace.latency * 1000:.2f} ms/request; "
        f"{workers} queue workers"
    )
    head = f"{'case':<20} {'sheets':>6} {'reads':>6} {'writes':>6} {'429s':>5} {'wall s':>7}"
    print(f"{head} {'min s':>6} {'ratio':>6} {'cpu s':>6}")
    for r in results:
        row = f"{r.case:<20} {r.sheets:6d} {r.reads:6d} {r.writes:6d} {r.throttled:5d}"
        print(f"{row} {r.wall:7.1f} {r.minimum:6.1f} {r.ratio:6.2f} {r.cpu:6.1f}")
    for r in results:
        tally = ", ".join(f"{name} {count}" for name, count in sorted(r.outcomes.items()))
        split = f"429s: {r.throttled - r.throttled_writes} reads, {r.throttled_writes} writes"
        print(f"  {r.case}: tasks {tally}; {split}")


def main(argv: list[str] | None = None) -> None:
    """Build the fleet, run both cases, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="200 spreadsheets")
    parser.add_argument("--sheets", type=int, default=None)
    parser.add_argument("--scale", type=float, default=SCALE, help="simulated minutes a minute")
    args = parser.parse_args(argv)
    sheets = args.sheets or (200 if args.quick else SHEETS)
    changed = max(1, round(sheets * CHANGED_SHARE))
    pace = Pace(args.scale)
    clock = SimClock(START)
    with tempfile.TemporaryDirectory() as scratch:
        services, emulator = timed_services(pace.settings(Path(scratch)), clock)
        try:
            began = time.perf_counter()
            sids = build_fleet(services, emulator, sheets)
            print(f"setup: {sheets} spreadsheets enrolled in {time.perf_counter() - began:.1f} s")
            # Drive's modifiedTime follows the simulated clock, as Google's follows real time.
            emulator.store.clock = lambda: clock.now.timestamp()
            every = run_case("every changed", services, emulator, sheets, pace)
            step = max(1, sheets // changed)
            schedule = timedelta(minutes=services.settings.default_schedule_minutes)
            clock.now += timedelta(minutes=1)
            type_new_values(services, sids[::step][:changed])
            clock.now += schedule
            share = f"{changed / sheets:.0%} changed"
            some = run_case(share, services, emulator, sheets, pace)
            clock.now += timedelta(minutes=1)
            type_new_values(services, sids[1::step][:changed], seed=12)
            clock.now += schedule
            services.settings = services.settings.model_copy(update={"drive_change_filter": True})
            drive = run_case(
                f"{share} + Drive", services, emulator, sheets, pace, drive_filter=True
            )
        finally:
            services.close()
    print_table(pace, services.settings.queue_workers, [every, some, drive])


if __name__ == "__main__":
    main()
