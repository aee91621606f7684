"""How many KPI-periods per second `assess_kpi` gets through.

A spreadsheet-sized workload: 10 tabs × 50 KPIs × 52 weekly periods, with a mix
of directions and targets, some blank cells and some text that is not a number.
Run with `python -m benchmarks.bench_trends`.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date

from service.core.models import Cadence, Direction
from service.core.periods import period_starts
from service.core.targets import Target
from service.core.trends import PeriodValue, assess_kpi

TABS = 10
KPIS_PER_TAB = 50
PERIODS = 52
FIRST = date(2025, 1, 6)
TODAY = date(2026, 1, 7)
ROUNDS = 3


@dataclass(frozen=True)
class Kpi:
    values: list[PeriodValue]
    target: Target | None
    direction: Direction | None
    last_reviewed: date | None


def _make_kpi(rng: random.Random, starts: list[date]) -> Kpi:
    level = rng.uniform(-50, 5_000)
    drift = rng.uniform(-0.005, 0.005) * abs(level)
    noise = rng.uniform(0.01, 0.2) * abs(level) + 1
    values: list[PeriodValue] = []
    for index, start in enumerate(starts):
        roll = rng.random()
        if roll < 0.08:
            values.append(PeriodValue(start=start))
        elif roll < 0.1:
            values.append(PeriodValue(start=start, raw="n/a"))
        else:
            values.append(
                PeriodValue(start=start, value=level + drift * index + rng.gauss(0, noise))
            )
    direction = rng.choice([Direction.HIGHER, Direction.LOWER, Direction.RANGE, None])
    if direction is Direction.RANGE:
        target: Target | None = Target(low=level - noise, high=level + noise)
    else:
        target = rng.choice([Target(low=level, high=level), None])
    reviewed = rng.choice([None, date(2025, 12, 1), date(2026, 1, 2)])
    return Kpi(values, target, direction, reviewed)


def main() -> None:
    """Build the workload, time assess_kpi over it, print the figures."""
    rng = random.Random(20260107)
    starts = period_starts(FIRST, PERIODS, Cadence.WEEKLY)
    kpis = [_make_kpi(rng, starts) for _ in range(TABS * KPIS_PER_TAB)]
    best = float("inf")
    flags: Counter[str] = Counter()
    for _ in range(ROUNDS):
        began = time.perf_counter()
        results = [
            assess_kpi(
                kpi.values,
                target=kpi.target,
                direction=kpi.direction,
                cadence=Cadence.WEEKLY,
                today=TODAY,
                last_reviewed=kpi.last_reviewed,
            )
            for kpi in kpis
        ]
        best = min(best, time.perf_counter() - began)
    for health in results:
        flags.update(flag.code.value for flag in health.flags)
    periods = len(kpis) * PERIODS
    print(f"workload: {TABS} tabs x {KPIS_PER_TAB} KPIs x {PERIODS} weekly periods")
    print(f"KPIs assessed: {len(kpis)}; KPI-periods: {periods}")
    print(f"total (best of {ROUNDS}): {best * 1000:.1f} ms")
    print(f"throughput: {periods / best:,.0f} KPI-periods/s ({len(kpis) / best:,.0f} KPIs/s)")
    print("flags raised: " + ", ".join(f"{code} {count}" for code, count in sorted(flags.items())))


if __name__ == "__main__":
    main()
