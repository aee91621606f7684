"""Off-track episodes: when misses become an issue, and when the issue's episode ends."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from service.core.episodes import open_episode
from service.core.grid import Cell, TabSnapshot
from service.core.history import DEFAULT_THRESHOLDS, build_history
from service.core.models import Cadence, Direction, FlagCode
from service.core.targets import parse_target
from service.core.team import SETTING_LABELS, TeamSettings, read_settings
from service.core.yardstick import Yardstick
from tests.core.series import MONDAY, cells, day_after

H, M = 95.0, 80.0  # on target and missed, against ≥ 90
STICK = Yardstick.of(parse_target("≥ 90"), Direction.HIGHER)


def _episode(row: list[float | None], misses: int = 3, today: date | None = None):  # type: ignore[no-untyped-def]
    history = build_history(cells(row), Cadence.WEEKLY, today or day_after(row))
    return open_episode(history, STICK, thresholds=DEFAULT_THRESHOLDS, misses=misses)


def _week(index: int) -> date:
    return MONDAY + timedelta(weeks=index)


@pytest.mark.parametrize(
    ("row", "misses", "since"),
    [
        ([H, H, M, M], 3, None),  # two misses are not yet an issue
        ([H, H, M, M, M], 3, 2),  # three are, since the first of them
        ([H, H, M, M, M, M], 3, 2),  # the episode keeps its name while it lasts
        ([H, H, M, M, M, H], 3, None),  # back on target: over
        ([M, M, M, H, M, M, M], 3, 4),  # a new episode after being back on target
        ([H, M, None, M, M], 3, 1),  # a blank week neither breaks nor extends the run
        ([H, H, M, M], 2, 2),  # the threshold is a setting
        ([H, H, H, H, M, M, M, M], 5, None),
        ([H, H, M, M, M, M], 5, 2),  # …but four misses in six weeks are chronic
        # Chronic from week 5 on (4 misses in 6 weeks), named by that run's first week;
        # a week back on target does not end it while most weeks still miss.
        ([M, H, M, H, M, M, H, M], 3, 4),
        ([H] * 8, 3, None),
    ],
)
def test_when_an_episode_is_open(row: list[float | None], misses: int, since: int | None) -> None:
    episode = _episode(row, misses)
    assert (episode.since if episode else None) == (None if since is None else _week(since))


def test_the_period_in_progress_does_not_count() -> None:
    row = [H, H, M, M, M]
    inside_last_week = _week(4) + timedelta(days=2)
    assert _episode(row, today=inside_last_week) is None
    assert _episode(row, today=day_after(row)) is not None


def test_why_is_the_flags_own_reason() -> None:
    run = _episode([H, H, M, M, M, M])
    chronic = _episode([M, H, M, H, M, M, H, M])
    assert run is not None and run.code is FlagCode.CONSECUTIVE_MISSES
    assert run.why == "Off target 4 periods in a row (80, 80, 80, 80 vs ≥ 90)"
    assert chronic is not None and chronic.code is FlagCode.CHRONIC
    assert chronic.why.startswith("Off target in 5 of the last 8 periods")


def test_no_target_no_episode() -> None:
    stick = Yardstick.of(None, Direction.HIGHER)
    row = [M] * 6
    history = build_history(cells(row), Cadence.WEEKLY, day_after(row))
    assert open_episode(history, stick, thresholds=DEFAULT_THRESHOLDS) is None


def _overview(values: dict[str, object]) -> TabSnapshot:
    rows = [(Cell(value="Person"),)]
    for name, label in SETTING_LABELS.items():
        value = values.get(name)
        rows.append((Cell(), Cell(value=label), Cell(value=value)))  # type: ignore[arg-type]
    return TabSnapshot(sheet_id=1, title="Team overview", rows=tuple(rows))


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({}, TeamSettings()),
        (
            {"issue_misses": 4.0, "near_tolerance": 0.1},
            TeamSettings(issue_misses=4, near_tolerance=0.1),
        ),
        (
            {"issue_misses": "2", "near_tolerance": "10%"},
            TeamSettings(issue_misses=2, near_tolerance=0.1),
        ),
        ({"near_tolerance": 10.0}, TeamSettings(near_tolerance=0.1)),  # "10" means 10 %
        ({"issue_misses": "lots", "near_tolerance": ""}, TeamSettings()),
        ({"issue_misses": 0.0}, TeamSettings(issue_misses=1)),
    ],
)
def test_settings_are_read_from_their_labels(
    values: dict[str, object], expected: TeamSettings
) -> None:
    assert read_settings(_overview(values)) == expected
    assert read_settings(None) == TeamSettings()
