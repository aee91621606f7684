"""Builders for KPI histories in tests: a list of cells reads like the sheet row."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from service.core.models import Cadence, Direction
from service.core.periods import period_starts
from service.core.targets import Target
from service.core.trends import KpiHealth, PeriodValue, Thresholds, assess_kpi

MONDAY = date(2026, 1, 5)
AT_LEAST_90 = Target(low=90, high=90)
Cell = float | str | None


def cells(
    row: Sequence[Cell], *, cadence: Cadence = Cadence.WEEKLY, first: date = MONDAY
) -> list[PeriodValue]:
    """One PeriodValue per entry: a number, text that is not a number, or None for blank."""
    starts = period_starts(first, len(row), cadence)
    out: list[PeriodValue] = []
    for start, cell in zip(starts, row, strict=True):
        if isinstance(cell, str):
            out.append(PeriodValue(start=start, raw=cell))
        else:
            out.append(PeriodValue(start=start, value=cell))
    return out


def day_after(
    row: Sequence[Cell], *, cadence: Cadence = Cadence.WEEKLY, first: date = MONDAY, days: int = 2
) -> date:
    """`days` days into the period after the row's last column."""
    return period_starts(first, len(row) + 1, cadence)[-1] + timedelta(days=days)


def assess(
    row: Sequence[Cell],
    *,
    target: Target | None = AT_LEAST_90,
    direction: Direction | None = Direction.HIGHER,
    cadence: Cadence = Cadence.WEEKLY,
    today: date | None = None,
    last_reviewed: date | None = None,
    reviewed: bool = True,
    thresholds: Thresholds | None = None,
) -> KpiHealth:
    """Assess a row; by default today is early in the next period and the KPI was just reviewed."""
    today = today or day_after(row, cadence=cadence)
    if reviewed and last_reviewed is None:
        last_reviewed = today
    return assess_kpi(
        cells(row, cadence=cadence),
        target=target,
        direction=direction,
        cadence=cadence,
        today=today,
        last_reviewed=last_reviewed,
        thresholds=thresholds or Thresholds(),
    )


def target(low: float, high: float | None = None) -> Target:
    """A single-number target, or a range when `high` is given."""
    return Target(low=low, high=low if high is None else high)
