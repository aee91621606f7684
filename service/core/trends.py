"""What a manager wants at a glance for one KPI: latest value, averages, trend, status, flags.

Pure: "today" is an argument. The rules, in brief:

* Only periods that hold a number count; a blank is "no value", never 0, and
  columns for periods that start after today are ignored.
* Status judges the latest value. An in-progress period without a value
  leaves the status to the last period that has one. With no value at all the
  status is "too early" while less than `early_share` of the current period
  has passed, else "no data". Values come before targets: a KPI without
  values says "no data" even when it also lacks a target.
* A single-number target with a blank "Better when" gets "no target": 95
  could be a floor or a ceiling. A range target is judged as a band.
* Trend is the Theil–Sen slope (median of pairwise slopes, units per period)
  over the last `trend_window` values, needing 3. It is flat when the fitted
  line moves by at most `flat_tolerance` × scale across the window, where the
  scale is the larger of the values' median size and their spread, so KPIs
  near zero and KPIs in the thousands are treated alike. For in-range KPIs the
  slope that decides is that of the distance to the band's middle; the slope
  reported stays the measured one.
* Averages are over the last 4 and 13 values present (fewer when fewer exist).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from service.core.flags import FlagInputs, compute_flags, flags_label
from service.core.formatting import format_signed
from service.core.history import (
    DEFAULT_THRESHOLDS,
    History,
    PeriodValue,
    Thresholds,
    build_history,
    finite_or_none,
    mean,
    median,
)
from service.core.models import Cadence, Direction, Flag, Target
from service.core.periods import elapsed_share
from service.core.yardstick import Yardstick

__all__ = [
    "DEFAULT_THRESHOLDS",
    "KpiHealth",
    "PeriodValue",
    "Status",
    "Thresholds",
    "TrendDirection",
    "assess_kpi",
    "flags_label",
    "needs_attention",
    "status_label",
    "theil_sen_slope",
    "trend_label",
]


class TrendDirection(StrEnum):
    """Which way a KPI is heading, judged by the direction in which it is better."""

    IMPROVING = "improving"
    FLAT = "flat"
    WORSENING = "worsening"
    UNKNOWN = "unknown"


class Status(StrEnum):
    """The latest value against the target."""

    ON_TARGET = "on target"
    OFF_TARGET = "off target"
    NO_TARGET = "no target"
    NO_DATA = "no data"
    TOO_EARLY = "too early"


class KpiHealth(BaseModel):
    """Everything the computed columns show for one KPI."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    cadence: Cadence
    latest: float | None
    latest_period: date | None
    previous: float | None
    change: float | None
    average_4: float | None
    average_13: float | None
    trend: TrendDirection
    slope: float | None
    status: Status
    flags: tuple[Flag, ...]


def theil_sen_slope(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Median of the slopes between every pair of points with distinct x; None if none."""
    slopes = [
        (ys[j] - ys[i]) / (xs[j] - xs[i])
        for i in range(len(xs))
        for j in range(i + 1, len(xs))
        if xs[j] != xs[i]
    ]
    return finite_or_none(median(slopes)) if slopes else None


def _status(history: History, stick: Yardstick, thresholds: Thresholds) -> Status:
    if not history.points:
        share = elapsed_share(history.current, history.cadence, history.today)
        return Status.TOO_EARLY if share < thresholds.early_share else Status.NO_DATA
    if not stick.can_judge:
        return Status.NO_TARGET
    return Status.ON_TARGET if stick.meets(history.points[-1].value) else Status.OFF_TARGET


def _badness_slope(
    xs: list[float], ys: list[float], slope: float, stick: Yardstick
) -> float | None:
    """The slope of "how bad it is": negative means improving."""
    if stick.direction is Direction.HIGHER:
        return -slope
    if stick.direction is Direction.LOWER:
        return slope
    badness = [stick.badness(y) for y in ys]
    if not badness or any(value is None for value in badness):
        return None
    return theil_sen_slope(xs, [value for value in badness if value is not None])


def _trend(
    history: History, stick: Yardstick, thresholds: Thresholds
) -> tuple[TrendDirection, float | None]:
    window = history.points[-thresholds.trend_window :]
    if len(window) < 3:
        return TrendDirection.UNKNOWN, None
    xs = [float(point.offset) for point in window]
    ys = [point.value for point in window]
    slope = theil_sen_slope(xs, ys)
    if slope is None:
        return TrendDirection.UNKNOWN, None
    worse_per_period = _badness_slope(xs, ys, slope, stick)
    if worse_per_period is None:
        return TrendDirection.UNKNOWN, slope
    scale = max(median([abs(y) for y in ys]), max(ys) - min(ys))
    if abs(worse_per_period) * (xs[-1] - xs[0]) <= thresholds.flat_tolerance * scale:
        return TrendDirection.FLAT, slope
    if worse_per_period < 0:
        return TrendDirection.IMPROVING, slope
    return TrendDirection.WORSENING, slope


def assess_kpi(
    values: Sequence[PeriodValue],
    *,
    target: Target | None,
    direction: Direction | None,
    cadence: Cadence,
    today: date,
    last_reviewed: date | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> KpiHealth:
    """Latest value, averages, trend, status and flags for one KPI's period values."""
    history = build_history(values, cadence, today)
    stick = Yardstick.of(target, direction)
    numbers = history.values
    latest = history.points[-1] if history.points else None
    previous = numbers[-2] if len(numbers) >= 2 else None
    trend, slope = _trend(history, stick, thresholds)
    flags = compute_flags(FlagInputs(history, stick, thresholds, last_reviewed))
    return KpiHealth(
        cadence=cadence,
        latest=latest.value if latest else None,
        latest_period=latest.start if latest else None,
        previous=previous,
        change=finite_or_none(latest.value - previous) if latest and previous is not None else None,
        average_4=finite_or_none(mean(numbers[-4:])) if numbers else None,
        average_13=finite_or_none(mean(numbers[-13:])) if numbers else None,
        trend=trend,
        slope=slope,
        status=_status(history, stick, thresholds),
        flags=flags,
    )


_STATUS_LABELS = {
    Status.ON_TARGET: "✓ On target",
    Status.OFF_TARGET: "✗ Off target",
    Status.NO_TARGET: "○ No target",
    Status.NO_DATA: "– No data",
    Status.TOO_EARLY: "… Too early",
}
_RATE_UNITS = {Cadence.WEEKLY: "wk", Cadence.MONTHLY: "mo", Cadence.QUARTERLY: "qtr"}
_MOVING_WORDS = {1: ("↗", "rising"), -1: ("↘", "falling"), 0: ("→", "steady")}


def needs_attention(status: Status) -> bool:
    """Whether a KPI in this status asks the manager to look at it."""
    return status is Status.OFF_TARGET


def status_label(status: Status) -> str:
    """Symbol and word, readable without colour: "✓ On target", "✗ Off target", …"""
    return _STATUS_LABELS[status]


def trend_label(health: KpiHealth) -> str:
    """Trend cell text: "↗ improving (+1.2/wk)", "→ flat", "↘ worsening (−3/mo)"."""
    if health.trend is TrendDirection.FLAT:
        return "→ flat"
    if health.slope is None:
        return "· not enough data"
    sign = (health.slope > 0) - (health.slope < 0)
    arrow, moving = _MOVING_WORDS[sign]
    word = moving if health.trend is TrendDirection.UNKNOWN else health.trend.value
    return f"{arrow} {word} ({format_signed(health.slope)}/{_RATE_UNITS[health.cadence]})"
