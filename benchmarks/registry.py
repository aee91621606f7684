"""Registry and fan-out figures: enrol, due, enqueue and lease costs for a large fleet.

Run: .venv/bin/python -m benchmarks.registry [--sheets N] [--url DATABASE_URL]
(SQLite in a temporary directory unless --url is given; PostgreSQL URLs should
point at a scratch database, whose registry tables this script fills.)
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from service.registry import Registry, RunKind, RunOutcome
from service.scheduling import InlineQueue, SyncOutcome, bind_task, enqueue_due, plan_fanout

T = TypeVar("T")
NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def timed(label: str, action: Callable[[], T]) -> T:
    """Run `action`, print how long it took, return its result."""
    start = time.perf_counter()
    result = action()
    print(f"{label:<48} {time.perf_counter() - start:8.3f} s")
    return result


class CountingQueue:
    """A queue that only counts names, to time the fan-out itself."""

    def __init__(self) -> None:
        self.names: set[str] = set()

    def enqueue(self, spreadsheet_id: str, task_name: str, *, eta: datetime | None = None) -> bool:
        if task_name in self.names:
            return False
        self.names.add(task_name)
        return True


def measure(registry: Registry, sheets: int) -> None:
    """Print the figures for a registry holding `sheets` enrolments."""
    ids = [f"sheet-{index:06d}" for index in range(sheets)]
    timed(f"enrol {sheets} sheets", lambda: [registry.enrol(s, by="a@b.c", now=NOW) for s in ids])
    due = timed("due(now) over the whole fleet", lambda: registry.due(NOW))
    plan = timed("plan_fanout at 60/min", lambda: plan_fanout(due, now=NOW, budget_per_minute=60))
    print(f"  last start after {(plan[-1][1] - NOW) / timedelta(minutes=1):.1f} min")
    queue = CountingQueue()
    new = timed(
        "enqueue_due (names only)",
        lambda: enqueue_due(registry, queue, now=NOW, budget_per_minute=60),
    )
    again = enqueue_due(registry, queue, now=NOW + timedelta(minutes=5), budget_per_minute=60)
    print(f"  queued {new}, a second tick in the same slot queued {again}")

    def one_run(index: int) -> None:
        run_id = registry.start_run(ids[index], RunKind.SYNC, now=NOW, task_name=f"t{index}")
        registry.finish_run(
            run_id,
            now=NOW,
            outcome=RunOutcome.SYNCED,
            reads=1,
            writes=1,
            rows=10,
            changed_cells=5,
            flags=0,
        )

    count = min(sheets, 500)
    timed(f"start+finish {count} runs, one thread", lambda: [one_run(i) for i in range(count)])
    leases = timed(
        "1,000 acquire+release, 8 threads",
        lambda: race_leases(registry, 1000),
    )
    print(f"  leases taken {leases}")
    synced = timed(
        "inline queue, 200 no-op syncs at 6,000/min",
        lambda: inline(registry, ids[count : count + 200]),
    )
    print(f"  synced {synced}")


def race_leases(registry: Registry, attempts: int) -> int:
    """Eight threads take and give back leases on 50 sheets; count the takes."""

    def attempt(index: int) -> int:
        sid, holder = f"lease-{index % 50}", f"h{index}"
        taken = registry.acquire_lease(sid, holder, now=NOW, ttl=timedelta(minutes=5))
        registry.release_lease(sid, holder)
        return int(taken)

    with ThreadPoolExecutor(max_workers=8) as pool:
        return sum(pool.map(attempt, range(attempts)))


def inline(registry: Registry, ids: list[str]) -> int:
    """Run no-op syncs through InlineQueue and run_task; return how many synced."""
    done: list[str] = []

    def sync(spreadsheet_id: str) -> SyncOutcome:
        done.append(spreadsheet_id)
        return SyncOutcome(outcome=RunOutcome.UNCHANGED, reads=1)

    body = bind_task(registry, sync, now_fn=lambda: NOW, holder_prefix="bench")
    with InlineQueue(body, workers=4, syncs_per_minute=6000) as queue:
        for sid in ids:
            queue.enqueue(sid, f"bench-{sid}")
        queue.drain()
    return len(done)


def main() -> None:
    """Parse arguments, build the registry, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sheets", type=int, default=5000)
    parser.add_argument("--url", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        url = args.url or f"sqlite:///{Path(scratch) / 'registry.db'}"
        registry = Registry(url)
        registry.upgrade()
        print(f"registry: {registry.url.split('@')[-1]}")
        try:
            measure(registry, args.sheets)
        finally:
            registry.close()


if __name__ == "__main__":
    main()
