"""Calendar arithmetic: period starts, ends, distances and elapsed shares."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from service.core.models import Cadence
from service.core.periods import (
    add_cadences,
    elapsed_share,
    is_period_start,
    next_period,
    period_end,
    period_start,
    period_starts,
    periods_between,
)

W, M, Q = Cadence.WEEKLY, Cadence.MONTHLY, Cadence.QUARTERLY
days = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
cadences = st.sampled_from(list(Cadence))


@pytest.mark.parametrize(
    ("day", "cadence", "start"),
    [
        (date(2026, 1, 5), W, date(2026, 1, 5)),  # a Monday is its own start
        (date(2026, 1, 11), W, date(2026, 1, 5)),  # Sunday belongs to the week before
        (date(2026, 1, 1), W, date(2025, 12, 29)),  # weeks cross the new year
        (date(2026, 2, 28), M, date(2026, 2, 1)),
        (date(2026, 1, 1), M, date(2026, 1, 1)),
        (date(2026, 3, 31), Q, date(2026, 1, 1)),
        (date(2026, 4, 1), Q, date(2026, 4, 1)),
        (date(2026, 8, 15), Q, date(2026, 7, 1)),
        (date(2026, 12, 31), Q, date(2026, 10, 1)),
    ],
)
def test_period_start(day: date, cadence: Cadence, start: date) -> None:
    assert period_start(day, cadence) == start


@pytest.mark.parametrize(
    ("start", "cadence", "end", "following"),
    [
        (date(2026, 1, 5), W, date(2026, 1, 11), date(2026, 1, 12)),
        (date(2024, 2, 1), M, date(2024, 2, 29), date(2024, 3, 1)),  # leap year
        (date(2025, 2, 1), M, date(2025, 2, 28), date(2025, 3, 1)),
        (date(2026, 12, 1), M, date(2026, 12, 31), date(2027, 1, 1)),
        (date(2026, 10, 1), Q, date(2026, 12, 31), date(2027, 1, 1)),
        (date(2026, 4, 1), Q, date(2026, 6, 30), date(2026, 7, 1)),
    ],
)
def test_period_end_and_next(start: date, cadence: Cadence, end: date, following: date) -> None:
    assert period_end(start, cadence) == end
    assert next_period(start, cadence) == following


@pytest.mark.parametrize(
    ("first", "count", "cadence", "starts"),
    [
        (date(2026, 1, 7), 3, W, [date(2026, 1, 5), date(2026, 1, 12), date(2026, 1, 19)]),
        (date(2025, 11, 15), 3, M, [date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1)]),
        (date(2025, 8, 1), 3, Q, [date(2025, 7, 1), date(2025, 10, 1), date(2026, 1, 1)]),
        (date(2026, 1, 5), 0, W, []),
        (date(2026, 1, 5), -2, W, []),
    ],
)
def test_period_starts(first: date, count: int, cadence: Cadence, starts: list[date]) -> None:
    assert period_starts(first, count, cadence) == starts


@pytest.mark.parametrize(
    ("a", "b", "cadence", "between"),
    [
        (date(2026, 1, 5), date(2026, 1, 11), W, 0),
        (date(2026, 1, 11), date(2026, 1, 12), W, 1),
        (date(2026, 1, 19), date(2026, 1, 5), W, -2),
        (date(2025, 12, 31), date(2026, 1, 1), M, 1),
        (date(2025, 1, 15), date(2026, 3, 2), M, 14),
        (date(2025, 3, 31), date(2026, 4, 1), Q, 5),
    ],
)
def test_periods_between(a: date, b: date, cadence: Cadence, between: int) -> None:
    assert periods_between(a, b, cadence) == between


@pytest.mark.parametrize(
    ("start", "cadence", "today", "share"),
    [
        (date(2026, 1, 5), W, date(2026, 1, 5), 0.0),  # first day: nothing has elapsed
        (date(2026, 1, 5), W, date(2026, 1, 6), 1 / 7),
        (date(2026, 1, 5), W, date(2026, 1, 11), 6 / 7),
        (date(2026, 1, 5), W, date(2026, 1, 20), 1.0),  # after the period: clamped
        (date(2026, 1, 5), W, date(2026, 1, 1), 0.0),  # before the period: clamped
        (date(2026, 2, 1), M, date(2026, 2, 15), 14 / 28),
        (date(2026, 1, 1), Q, date(2026, 1, 19), 18 / 90),
    ],
)
def test_elapsed_share(start: date, cadence: Cadence, today: date, share: float) -> None:
    assert elapsed_share(start, cadence, today) == pytest.approx(share)


@pytest.mark.parametrize(
    ("day", "count", "cadence", "moved"),
    [
        (date(2026, 1, 5), 2, W, date(2026, 1, 19)),
        (date(2026, 1, 31), 1, M, date(2026, 2, 28)),  # month ends clamp
        (date(2026, 1, 31), 2, M, date(2026, 3, 31)),
        (date(2025, 11, 30), 1, Q, date(2026, 2, 28)),
        (date(2026, 3, 15), 2, Q, date(2026, 9, 15)),
    ],
)
def test_add_cadences(day: date, count: int, cadence: Cadence, moved: date) -> None:
    assert add_cadences(day, count, cadence) == moved


@given(days, cadences)
def test_every_day_lies_in_its_period(day: date, cadence: Cadence) -> None:
    start = period_start(day, cadence)
    assert start <= day <= period_end(start, cadence)
    assert period_start(start, cadence) == start
    assert next_period(start, cadence) == period_end(start, cadence) + timedelta(days=1)
    assert periods_between(start, next_period(start, cadence), cadence) == 1
    assert 0.0 <= elapsed_share(start, cadence, day) < 1.0


@given(days, st.integers(min_value=0, max_value=60), cadences)
def test_period_starts_are_consecutive(first: date, count: int, cadence: Cadence) -> None:
    starts = period_starts(first, count, cadence)
    assert len(starts) == count
    for earlier, later in zip(starts, starts[1:], strict=False):
        assert next_period(earlier, cadence) == later
        assert periods_between(earlier, later, cadence) == 1
    if starts:
        assert periods_between(starts[0], starts[-1], cadence) == count - 1


@given(days, cadences)
def test_is_period_start_agrees_with_period_start(day: date, cadence: Cadence) -> None:
    assert is_period_start(day, cadence) == (period_start(day, cadence) == day)
