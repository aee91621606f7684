"""Explainable flags on a KPI's history: each rule returns one Flag or nothing.

Rules look at the periods that hold a number ("points"), oldest first, so
periods left blank in the middle neither break nor extend a run. Every flag's
reason quotes the numbers it was decided on, and its fix says what to do next:
flags are suggestions for the review meeting, not verdicts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from service.core.formatting import format_number, format_values
from service.core.freshness import bad_value_flag, review_flag, stale_flag
from service.core.history import History, Point, Thresholds, mean
from service.core.models import Direction, Flag, FlagCode, FlagLevel
from service.core.yardstick import Yardstick

__all__ = ["FlagInputs", "compute_flags", "flag_word", "flags_label"]

# Below this many values, run- and spread-based rules have too little to go on.
_MIN_VALUES = 6
# Wheeler's XmR constant: average moving range × 2.66 ≈ 3 sigma for individuals.
_XMR_FACTOR = 2.66
# Wheeler's rule of thumb: limits settle with about 20 values of baseline.
_XMR_BASELINE = 20
_LEVEL_RANK = {FlagLevel.DISCUSS: 0, FlagLevel.WATCH: 1, FlagLevel.INFO: 2}
_LEVEL_SYMBOL = {FlagLevel.DISCUSS: "‼", FlagLevel.WATCH: "⚠", FlagLevel.INFO: "ℹ"}
_SHORT = {
    FlagCode.CONSECUTIVE_MISSES: "misses in a row",
    FlagCode.CHRONIC: "chronic miss",
    FlagCode.WORSENING: "worsening",
    FlagCode.SHIFT: "shift",
    FlagCode.OUTLIER: "outlier",
    FlagCode.STALE: "stale",
    FlagCode.ALWAYS_GREEN: "always green",
    FlagCode.NOT_REVIEWED: "not reviewed",
    FlagCode.BAD_VALUE: "not a number",
}


@dataclass(frozen=True, slots=True)
class FlagInputs:
    """Everything the flag rules read."""

    history: History
    yardstick: Yardstick
    thresholds: Thresholds
    last_reviewed: date | None


def _trailing(points: Sequence[Point], keep: Callable[[Point], bool]) -> list[Point]:
    """The longest run at the end of `points` for which `keep` holds."""
    count = 0
    for point in reversed(points):
        if not keep(point):
            break
        count += 1
    return list(points[len(points) - count :])


def _consecutive_misses(inputs: FlagInputs) -> Flag | None:
    stick, limits = inputs.yardstick, inputs.thresholds
    if not stick.can_judge:
        return None
    run = _trailing(inputs.history.points, lambda point: not stick.meets(point.value))
    if len(run) < limits.watch_misses:
        return None
    values = format_values([point.value for point in run])
    reason = f"Off target {len(run)} periods in a row ({values} vs {stick.target_text()})"
    if len(run) >= limits.discuss_misses:
        review = f"{inputs.history.cadence.value} review"
        return Flag(
            code=FlagCode.CONSECUTIVE_MISSES,
            level=FlagLevel.DISCUSS,
            reason=reason,
            fix=f"Discuss at the {review}: what is blocking it?",
            label=f"{len(run)} misses in a row",
        )
    return Flag(
        code=FlagCode.CONSECUTIVE_MISSES,
        level=FlagLevel.WATCH,
        reason=reason,
        fix="Coach the owner: what would bring it back on target next period?",
        label=f"{len(run)} misses in a row",
    )


def _chronic(inputs: FlagInputs) -> Flag | None:
    stick = inputs.yardstick
    recent = inputs.history.points[-inputs.thresholds.chronic_window :]
    if not stick.can_judge or len(recent) < _MIN_VALUES:
        return None
    misses = sum(1 for point in recent if not stick.meets(point.value))
    if misses * 2 <= len(recent):
        return None
    return Flag(
        code=FlagCode.CHRONIC,
        level=FlagLevel.DISCUSS,
        reason=(
            f"Off target in {misses} of the last {len(recent)} periods with values "
            f"(target {stick.target_text()})"
        ),
        fix="Question the target or the process: is the target realistic, "
        "and what would have to change to reach it?",
    )


def _worsening(inputs: FlagInputs) -> Flag | None:
    stick, points = inputs.yardstick, inputs.history.points
    moves = 0
    later = stick.badness(points[-1].value) if points else None
    for position in range(len(points) - 2, -1, -1):
        earlier = stick.badness(points[position].value)
        # A move counts when it is strictly worse; a tie ends the run.
        if later is None or earlier is None or not later > earlier:
            break
        moves, later = moves + 1, earlier
    if moves < inputs.thresholds.worsening_periods:
        return None
    values = format_values([point.value for point in points[-(moves + 1) :]])
    return Flag(
        code=FlagCode.WORSENING,
        level=FlagLevel.WATCH,
        reason=f"Worse {moves} periods in a row ({values})",
        fix="Find what changed when the slide began, before it misses the target.",
    )


def _shift(inputs: FlagInputs) -> Flag | None:
    stick, points = inputs.yardstick, inputs.history.points
    if not points:
        return None
    centre = mean([point.value for point in points])
    above = _trailing(points, lambda point: point.value > centre)
    below = _trailing(points, lambda point: point.value < centre)
    run, side = (above, "above") if above else (below, "below")
    if len(run) < inputs.thresholds.shift_run:
        return None
    run_badness = stick.badness(mean([point.value for point in run]))
    centre_badness = stick.badness(centre)
    worse = run_badness is not None and centre_badness is not None and run_badness > centre_badness
    return Flag(
        code=FlagCode.SHIFT,
        level=FlagLevel.WATCH if worse else FlagLevel.INFO,
        reason=(
            f"The last {len(run)} values are all {side} the long-run average of "
            f"{format_number(centre)} (since {run[0].start})"
        ),
        fix=(
            f"The process has changed for the worse around {run[0].start}: find out what changed."
            if worse
            else f"The level moved around {run[0].start}: find out why, and reset the baseline "
            "or the target to match."
        ),
    )


def _outlier(inputs: FlagInputs) -> Flag | None:
    values = inputs.history.values
    if len(values) < _MIN_VALUES:
        return None
    # Limits come from the values just before the latest, so a wild latest value
    # cannot widen the limits it is tested against, and a slow drift a year ago
    # does not set today's limits.
    baseline, latest = values[-_XMR_BASELINE - 1 : -1], values[-1]
    centre = mean(baseline)
    moving_range = mean([abs(b - a) for a, b in zip(baseline, baseline[1:], strict=False)])
    low, high = centre - _XMR_FACTOR * moving_range, centre + _XMR_FACTOR * moving_range
    if low <= latest <= high:
        return None
    return Flag(
        code=FlagCode.OUTLIER,
        level=FlagLevel.WATCH,
        reason=(
            f"Latest value {format_number(latest)} is outside the usual range "
            f"{format_number(low)} to {format_number(high)} (average {format_number(centre)} "
            f"± 2.66 × average moving range {format_number(moving_range)})"
        ),
        fix="Check the number is right; if it is, find the special cause before reacting to it.",
    )


def _always_green(inputs: FlagInputs) -> Flag | None:
    stick = inputs.yardstick
    if not stick.can_judge:
        return None
    run = _trailing(inputs.history.points, lambda point: stick.meets(point.value))
    if len(run) < inputs.thresholds.always_green_periods:
        return None
    fixes = {
        Direction.HIGHER: "Raise the target so it stretches the team again.",
        Direction.LOWER: "Raise the bar: lower the target so it stretches the team again.",
        Direction.RANGE: "Raise the bar: narrow the range so it still tells you something.",
    }
    return Flag(
        code=FlagCode.ALWAYS_GREEN,
        level=FlagLevel.INFO,
        reason=f"On target {len(run)} periods in a row (target {stick.target_text()})",
        fix=fixes.get(stick.direction or Direction.HIGHER, fixes[Direction.HIGHER]),
    )


_RULES: tuple[Callable[[FlagInputs], Flag | None], ...] = (
    _consecutive_misses,
    _chronic,
    _worsening,
    _shift,
    _outlier,
    lambda inputs: stale_flag(inputs.history, inputs.thresholds),
    _always_green,
    lambda inputs: review_flag(inputs.history, inputs.thresholds, inputs.last_reviewed),
    lambda inputs: bad_value_flag(inputs.history),
)


def compute_flags(inputs: FlagInputs) -> tuple[Flag, ...]:
    """Every flag that applies, loudest first; the order is fixed for equal levels."""
    found = [flag for rule in _RULES if (flag := rule(inputs)) is not None]
    return tuple(sorted(found, key=lambda flag: _LEVEL_RANK[flag.level]))


def flag_word(code: FlagCode) -> str:
    """The short word a flag code shows in the Flags cell: "stale", "worsening", …"""
    return _SHORT[code]


def _short(flag: Flag) -> str:
    return flag.label or _SHORT[flag.code]


def flags_label(flags: Sequence[Flag]) -> str:
    """Short cell text such as "⚠ 3 misses in a row · stale"; "" when there are no flags."""
    if not flags:
        return ""
    loudest = min(flags, key=lambda flag: _LEVEL_RANK[flag.level]).level
    ordered = sorted(flags, key=lambda flag: _LEVEL_RANK[flag.level])
    return f"{_LEVEL_SYMBOL[loudest]} " + " · ".join(_short(flag) for flag in ordered)
