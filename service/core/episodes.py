"""Off-track episodes: when a KPI's misses become an issue for the team to discuss.

A KPI is *off track* at the end of a closed period when its last `misses` values
(3 by default) all missed the target, or when the CHRONIC flag holds there. An
episode opens at the first closed period that is off track and stays open until
a closed period is back on target and no longer off track; only then can a new
episode open. The episode is named by the first period of the run of misses
that opened it, so it keeps its name for as long as it lasts, sync after sync.

Only closed periods count: the period that contains today may still change.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from service.core.flags import FlagInputs, chronic_flag, consecutive_misses_flag, is_chronic
from service.core.history import History, Thresholds
from service.core.models import FlagCode
from service.core.yardstick import Yardstick

__all__ = ["DEFAULT_ISSUE_MISSES", "Episode", "open_episode"]

DEFAULT_ISSUE_MISSES = 3


class Episode(BaseModel):
    """An open off-track episode: the period its misses began, and why it is an issue."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    since: date
    code: FlagCode
    why: str


def _why(inputs: FlagInputs, run: int, misses: int, since: date) -> tuple[FlagCode, str]:
    if run >= misses:
        flag = consecutive_misses_flag(inputs)
        if flag is not None:
            return flag.code, flag.reason
    chronic = chronic_flag(inputs)
    if chronic is not None:
        return chronic.code, chronic.reason
    return FlagCode.CONSECUTIVE_MISSES, f"Off target again since {since}"


def open_episode(
    history: History,
    stick: Yardstick,
    *,
    thresholds: Thresholds,
    misses: int = DEFAULT_ISSUE_MISSES,
) -> Episode | None:
    """The KPI's episode that is open at the last closed period of `history`, or None."""
    if not stick.can_judge:
        return None
    closed = tuple(point for point in history.points if point.start < history.current)
    # The flags' own wording names runs from two misses on; an issue may need fewer.
    limits = thresholds.model_copy(update={"watch_misses": min(thresholds.watch_misses, misses)})
    missed = [not stick.meets(point.value) for point in closed]
    if not any(missed):
        return None

    window = thresholds.chronic_window
    run, run_start, since = 0, None, None
    for count, point in enumerate(closed, start=1):
        run, run_start = (run + 1, run_start or point.start) if missed[count - 1] else (0, None)
        recent = missed[max(0, count - window) : count]
        off_track = run >= misses or is_chronic(sum(recent), len(recent))
        if since is None and off_track:
            since = run_start or point.start
        elif since is not None and not missed[count - 1] and not off_track:
            since = None
    if since is None:
        return None
    # The reason is worded over the whole history, the open period included, so the
    # Issues row says what the KPI's own Flags cell says ("8 misses in a row").
    everything = FlagInputs(history, stick, limits, None)
    code, why = _why(everything, run, misses, since)
    return Episode(since=since, code=code, why=why)
