"""Flags on the feedback loop itself: values that stop arriving, reviews that stop happening,
and cells that hold text instead of a number. None of these need a target.
"""

from __future__ import annotations

from datetime import date, timedelta

from service.core.formatting import format_number, format_text, period_noun
from service.core.history import History, Thresholds
from service.core.models import Flag, FlagCode, FlagLevel
from service.core.periods import add_cadences, period_end, period_index, period_start

__all__ = ["bad_value_flag", "last_due_period", "review_flag", "stale_flag"]


def bad_value_flag(history: History) -> Flag | None:
    """BAD_VALUE naming the cells that hold something other than a number."""
    cells = history.bad_cells
    if not cells:
        return None
    shown = [
        f"{cell.start} {format_text(cell.raw) if cell.raw.strip() else repr(str(cell.value))}"
        for cell in cells[-3:]
    ]
    if len(cells) == 1:
        problem = cells[0].problem or "is not a number"
        reason = f"The cell for {shown[0]} {problem}"
    elif all(cell.problem for cell in cells):
        more = "…, " if len(cells) > 3 else ""
        reason = f"{len(cells)} cells are unclear ({more}{', '.join(shown)}): {cells[-1].problem}"
    else:
        more = "…, " if len(cells) > 3 else ""
        reason = f"{len(cells)} cells are not numbers ({more}{', '.join(shown)})"
    # Loud only when the unreadable cell is the newest entry: it hides the latest number.
    newest = cells[-1].start == history.last_filled
    return Flag(
        code=FlagCode.BAD_VALUE,
        level=FlagLevel.WATCH if newest else FlagLevel.INFO,
        reason=reason,
        fix=(
            "Type the value the way the KPI's unit reads it, such as 95 or 87%, "
            "or leave the cell empty when there is none."
        ),
    )


def last_due_period(history: History, grace_days: int) -> date | None:
    """Start of the newest period whose grace window (`grace_days` after its end) is over."""
    ordinal = history.today.toordinal() - grace_days - 1
    if ordinal < 1:
        return None
    cutoff = date.fromordinal(ordinal)  # the last day a due period may end on
    start = period_start(cutoff, history.cadence)
    if period_end(start, history.cadence) <= cutoff:
        return start
    if start.toordinal() == 1:
        return None
    return period_start(start - timedelta(days=1), history.cadence)


def stale_flag(history: History, thresholds: Thresholds) -> Flag | None:
    """STALE when the last `stale_periods` periods past their grace window have no value."""
    needed = thresholds.stale_periods
    last_due = last_due_period(history, thresholds.grace_days)
    if history.first is None or last_due is None:
        return None
    cadence = history.cadence
    due_index = period_index(last_due, cadence)
    first_index = period_index(history.first, cadence)
    latest = history.points[-1] if history.points else None
    seen_index = period_index(latest.start, cadence) if latest else first_index - 1
    missing = due_index - seen_index
    # A KPI tracked for fewer due periods than `needed` cannot be stale yet.
    if missing < needed or due_index - first_index + 1 < needed:
        return None
    since = (
        f"last value {format_number(latest.value)} for {latest.start}"
        if latest
        else f"tracked since {history.first}"
    )
    return Flag(
        code=FlagCode.STALE,
        level=FlagLevel.WATCH,
        reason=f"No value for the last {missing} {period_noun(cadence, missing)} ({since})",
        fix="Enter the missing values, or retire the KPI if nobody uses it.",
    )


def review_flag(
    history: History, thresholds: Thresholds, last_reviewed: date | None
) -> Flag | None:
    """NOT_REVIEWED when the last review is over `review_cadences` cadences old, or never was."""
    cadences = thresholds.review_cadences
    fix = "Put it on the agenda of its review and record the date in 'Last reviewed'."
    if last_reviewed is None:
        if len(history.points) < 2:
            return None
        return Flag(
            code=FlagCode.NOT_REVIEWED,
            level=FlagLevel.WATCH,
            reason=f"Never reviewed, though {len(history.points)} periods have values",
            fix=fix,
        )
    try:
        due = add_cadences(last_reviewed, cadences, history.cadence)
    except (OverflowError, ValueError):  # a review date near year 9999 is never overdue
        return None
    if history.today <= due:
        return None
    return Flag(
        code=FlagCode.NOT_REVIEWED,
        level=FlagLevel.WATCH,
        reason=(
            f"Last reviewed {last_reviewed}, more than {cadences} "
            f"{period_noun(history.cadence, cadences)} ago"
        ),
        fix=fix,
    )
