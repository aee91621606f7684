"""A KPI's history as typed into the period columns, cleaned up for the trend engine.

`build_history` turns the raw period cells into one value per period, oldest
first, and keeps the cells that held text which is not a number. The summary
statistics here are written so that huge finite values give `inf` or `None`
rather than an exception.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from service.core.models import Cadence
from service.core.periods import index_start, is_period_start, period_index

__all__ = [
    "DEFAULT_THRESHOLDS",
    "History",
    "PeriodValue",
    "Point",
    "Thresholds",
    "build_history",
    "finite_or_none",
    "mean",
    "median",
]


class PeriodValue(BaseModel):
    """One period cell: the period's first day, its number, and the raw text when unreadable.

    `problem` says why a cell that holds something was not taken as a number
    (empty for plain text such as "n/a").
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    start: date
    value: float | None = None
    raw: str = ""
    problem: str = ""


class Thresholds(BaseModel):
    """The tunable numbers behind every trend and flag rule."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    trend_window: int = Field(default=8, ge=3)
    # Flat when the fitted line moves less than this share of the values' scale
    # across the trend window (see `trends`).
    flat_tolerance: float = Field(default=0.05, ge=0)
    watch_misses: int = Field(default=2, ge=1)
    discuss_misses: int = Field(default=3, ge=1)
    chronic_window: int = Field(default=13, ge=1)
    worsening_periods: int = Field(default=4, ge=1)
    shift_run: int = Field(default=8, ge=2)
    always_green_periods: int = Field(default=10, ge=1)
    stale_periods: int = Field(default=2, ge=1)
    review_cadences: int = Field(default=2, ge=1)
    grace_days: int = Field(default=3, ge=0)
    early_share: float = Field(default=0.2, ge=0, le=1)


DEFAULT_THRESHOLDS = Thresholds()


class Point(NamedTuple):
    """A period that holds a number; `offset` counts periods since the series began."""

    offset: int
    start: date
    value: float


@dataclass(frozen=True, slots=True)
class History:
    """One KPI's cleaned series up to and including the period that contains today."""

    cadence: Cadence
    today: date
    current: date
    first: date | None
    points: tuple[Point, ...]
    bad_cells: tuple[PeriodValue, ...]
    last_filled: date | None

    @property
    def values(self) -> list[float]:
        """The numbers, oldest first."""
        return [point.value for point in self.points]


def _rank(cell: PeriodValue) -> tuple[bool, bool]:
    """How much a cell says: a number beats text, and text beats a blank."""
    if cell.value is not None:
        return (math.isfinite(cell.value), True)
    return (False, bool(cell.raw.strip()))


def _one_per_period(cells: Iterable[PeriodValue], cadence: Cadence) -> dict[int, PeriodValue]:
    # A column headed by any day of a period counts for that period. When two
    # columns land on the same period the one that says more wins; among
    # equals the later column wins.
    chosen: dict[int, PeriodValue] = {}
    for cell in cells:
        index = period_index(cell.start, cadence)
        kept = chosen.get(index)
        if kept is None or _rank(cell) >= _rank(kept):
            chosen[index] = cell
    return chosen


def build_history(values: Sequence[PeriodValue], cadence: Cadence, today: date) -> History:
    """Sort, de-duplicate and split the cells; periods that start after today are ignored."""
    current = period_index(today, cadence)
    chosen = _one_per_period(values, cadence)
    indices = sorted(index for index in chosen if index <= current)
    base = indices[0] if indices else current
    points: list[Point] = []
    bad: list[PeriodValue] = []
    last_filled: date | None = None
    for index in indices:
        cell = chosen[index]
        number, filled = _rank(cell)
        if not filled:
            continue
        # Columns are normally headed by the period's first day; only others need converting.
        last_filled = (
            cell.start if is_period_start(cell.start, cadence) else index_start(index, cadence)
        )
        if number and cell.value is not None:
            points.append(Point(index - base, last_filled, cell.value))
        elif cell.start == last_filled:
            bad.append(cell)
        else:
            bad.append(cell.model_copy(update={"start": last_filled}))
    return History(
        cadence=cadence,
        today=today,
        current=index_start(current, cadence),
        first=index_start(base, cadence) if indices else None,
        points=tuple(points),
        bad_cells=tuple(bad),
        last_filled=last_filled,
    )


def finite_or_none(number: float | None) -> float | None:
    """`number` when it is finite, else None (huge inputs can overflow to inf or nan)."""
    return number if number is not None and math.isfinite(number) else None


def mean(numbers: Sequence[float]) -> float:
    """Arithmetic mean that survives values near the float limit."""
    total = sum(numbers)
    if math.isfinite(total):
        return total / len(numbers)
    # The plain sum overflowed: dividing first keeps every term and the total in range.
    return sum(number / len(numbers) for number in numbers)


def median(numbers: Sequence[float]) -> float:
    """Median; the two middle values are halved before adding so they cannot overflow."""
    ordered = sorted(numbers)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return ordered[middle - 1] / 2 + ordered[middle] / 2
