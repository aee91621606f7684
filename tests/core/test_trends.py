"""assess_kpi: latest value, averages, status, trend and the labels that show them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.core.models import Cadence, Direction, FlagCode
from service.core.targets import Target
from service.core.trends import (
    KpiHealth,
    PeriodValue,
    Status,
    TrendDirection,
    assess_kpi,
    status_label,
    theil_sen_slope,
    trend_label,
)
from tests.core.series import MONDAY, Cell, assess, cells, target

H, L, R = Direction.HIGHER, Direction.LOWER, Direction.RANGE


# --- status ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "goal", "direction", "status"),
    [
        ([95], target(90), H, Status.ON_TARGET),
        ([90], target(90), H, Status.ON_TARGET),  # meeting the number exactly counts
        ([89.9], target(90), H, Status.NEAR_TARGET),  # a miss within 5 % of the target
        ([85.4], target(90), H, Status.OFF_TARGET),
        ([4], target(5), L, Status.ON_TARGET),
        ([6], target(5), L, Status.OFF_TARGET),
        ([-10, -3], target(-5), L, Status.OFF_TARGET),  # negative values are ordinary numbers
        ([-10, -7], target(-5), L, Status.ON_TARGET),
        ([90], target(90, 100), R, Status.ON_TARGET),  # ranges are inclusive at both ends
        ([100], target(90, 100), R, Status.ON_TARGET),
        ([100.5], target(90, 100), R, Status.NEAR_TARGET),
        ([89.9], target(90, 100), R, Status.NEAR_TARGET),
        ([106], target(90, 100), R, Status.OFF_TARGET),
        ([85], target(90, 100), R, Status.OFF_TARGET),
        ([95], target(90, 100), None, Status.ON_TARGET),  # a range needs no direction
        ([101], target(90, 100), None, Status.NEAR_TARGET),
        ([120], target(90, 100), None, Status.OFF_TARGET),
        ([95], target(90), None, Status.NO_TARGET),  # 90 could be a floor or a ceiling
        ([95], None, H, Status.NO_TARGET),
        ([90], target(90), R, Status.ON_TARGET),  # in range of a single number: equal to it
        ([91], target(90), R, Status.NEAR_TARGET),
        ([99], target(90), R, Status.OFF_TARGET),
        ([80, 95, None, 70], target(90), H, Status.OFF_TARGET),  # the latest value decides
    ],
)
def test_status(
    row: list[Cell], goal: Target | None, direction: Direction | None, status: Status
) -> None:
    assert assess(row, target=goal, direction=direction).status is status


@pytest.mark.parametrize(
    ("row", "today", "goal", "status"),
    [
        # No value anywhere: "too early" while under 20% of the current period has passed.
        ([], MONDAY, target(90), Status.TOO_EARLY),
        ([], MONDAY + timedelta(days=1), target(90), Status.TOO_EARLY),  # 1/7 elapsed
        ([], MONDAY + timedelta(days=2), target(90), Status.NO_DATA),  # 2/7 elapsed
        ([None], MONDAY, target(90), Status.TOO_EARLY),
        ([None, None], MONDAY + timedelta(days=9), target(90), Status.NO_DATA),
        (["n/a"], MONDAY + timedelta(days=3), target(90), Status.NO_DATA),
        ([], MONDAY + timedelta(days=3), None, Status.NO_DATA),  # values come before targets
        # The current period is blank: the last period with a value speaks for it.
        ([95, None], MONDAY + timedelta(days=7), target(90), Status.ON_TARGET),
        ([80, None], MONDAY + timedelta(days=12), target(90), Status.OFF_TARGET),
        # The current period already has a value: it counts, even early in the period.
        ([95, 80], MONDAY + timedelta(days=7), target(90), Status.OFF_TARGET),
        # Columns for periods that have not started are ignored.
        ([95, 80, 70], MONDAY + timedelta(days=3), target(90), Status.ON_TARGET),
    ],
)
def test_status_over_time(
    row: list[Cell], today: date, goal: Target | None, status: Status
) -> None:
    assert assess(row, target=goal, today=today).status is status


def test_monthly_and_quarterly_early_window() -> None:
    # 20% of January is 6.2 days: the 6th (5 days elapsed) is early, the 8th is not.
    jan = date(2026, 1, 1)
    early = assess([], cadence=Cadence.MONTHLY, today=date(2026, 1, 6))
    late = assess([], cadence=Cadence.MONTHLY, today=date(2026, 1, 8))
    quarter = assess([], cadence=Cadence.QUARTERLY, today=jan + timedelta(days=17))
    assert (early.status, late.status, quarter.status) == (
        Status.TOO_EARLY,
        Status.NO_DATA,
        Status.TOO_EARLY,
    )


# --- latest, previous, change, averages --------------------------------------------------


def test_numbers_skip_blank_periods() -> None:
    health = assess([10, None, "n/a", 14, None])
    assert health.latest == 14
    assert health.latest_period == MONDAY + timedelta(weeks=3)
    assert (health.previous, health.change) == (10, 4)
    assert health.average_4 == health.average_13 == 12


def test_averages_over_last_values() -> None:
    health = assess(list(range(1, 21)))
    assert health.average_4 == 18.5  # 17..20
    assert health.average_13 == 14  # 8..20


@pytest.mark.parametrize(
    ("row", "latest", "previous", "change", "average"),
    [
        ([], None, None, None, None),
        ([None, None], None, None, None, None),
        ([42], 42, None, None, 42),
        ([0], 0, None, None, 0),  # zero is a value, not a blank
        ([-3, -5], -5, -3, -2, -4),
    ],
)
def test_numbers_edge_cases(
    row: list[Cell],
    latest: float | None,
    previous: float | None,
    change: float | None,
    average: float | None,
) -> None:
    health = assess(row)
    assert (health.latest, health.previous, health.change, health.average_4) == (
        latest,
        previous,
        change,
        average,
    )


def test_columns_in_the_same_period_collapse() -> None:
    # A date inside the week counts for that week; a number beats text, text beats blank.
    row = [
        PeriodValue(start=MONDAY, value=3),
        PeriodValue(start=MONDAY + timedelta(days=2), raw="n/a"),
        PeriodValue(start=MONDAY + timedelta(days=7)),
        PeriodValue(start=MONDAY + timedelta(days=9), value=5),
        PeriodValue(start=MONDAY + timedelta(days=10), value=6),  # later column wins a tie
    ]
    health = assess_kpi(
        row,
        target=target(1),
        direction=H,
        cadence=Cadence.WEEKLY,
        today=MONDAY + timedelta(days=15),
    )
    assert (health.previous, health.latest, health.latest_period) == (
        3,
        6,
        MONDAY + timedelta(days=7),
    )
    assert FlagCode.BAD_VALUE not in {flag.code for flag in health.flags}


# --- trend -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "goal", "direction", "trend", "slope"),
    [
        ([80, 82, 84, 86, 88], target(90), H, TrendDirection.IMPROVING, 2),
        ([80, 82, 84, 86, 88], target(90), L, TrendDirection.WORSENING, 2),
        ([88, 86, 84, 82, 80], target(90), L, TrendDirection.IMPROVING, -2),
        ([88, 86, 84, 82, 80], target(90), H, TrendDirection.WORSENING, -2),
        ([90, 91, 90, 91, 90, 91, 90, 91], target(90), H, TrendDirection.FLAT, 0),
        ([10, 12, 14, 100, 18, 20], target(9), H, TrendDirection.IMPROVING, 2),  # robust to a spike
        (
            [10, None, 14, None, 18],
            target(9),
            H,
            TrendDirection.IMPROVING,
            2,
        ),  # per period, gaps kept
        ([80, 75, 70, 65, 60], target(40, 60), R, TrendDirection.IMPROVING, -5),  # toward the band
        ([20, 25, 30, 35, 40], target(40, 60), R, TrendDirection.IMPROVING, 5),
        ([50, 55, 60, 65, 70], target(40, 60), R, TrendDirection.WORSENING, 5),  # away from middle
        ([50, 45, 40, 35, 30], target(40, 60), None, TrendDirection.WORSENING, -5),
        ([80, 82, 84, 86, 88], None, R, TrendDirection.UNKNOWN, 2),  # no band to move toward
        ([80, 82, 84, 86, 88], target(90), None, TrendDirection.UNKNOWN, 2),
        ([0, 0, 0, 0], target(0), L, TrendDirection.FLAT, 0),
        ([-10, -8, -6, -4], target(0), H, TrendDirection.IMPROVING, 2),
        ([80, 82], target(90), H, TrendDirection.UNKNOWN, None),  # needs three values
        ([80, None, "n/a", 82], target(90), H, TrendDirection.UNKNOWN, None),
    ],
)
def test_trend(
    row: list[Cell],
    goal: Target | None,
    direction: Direction | None,
    trend: TrendDirection,
    slope: float | None,
) -> None:
    health = assess(row, target=goal, direction=direction)
    assert (health.trend, health.slope) == (trend, slope)


def test_trend_uses_only_the_window() -> None:
    # A long decline followed by eight rising values: the window sees only the rise.
    health = assess([200 - 10 * i for i in range(12)] + [100 + i for i in range(8)])
    assert (health.trend, health.slope) == (TrendDirection.IMPROVING, 1)


def test_flat_rule_scales_with_the_values() -> None:
    # +0.5/period over 7 periods moves the line 3.5: flat around 100, not around 10.
    big = assess([100 + 0.5 * i for i in range(8)], target=target(1))
    small = assess([10 + 0.5 * i for i in range(8)], target=target(1))
    assert (big.trend, small.trend) == (TrendDirection.FLAT, TrendDirection.IMPROVING)


@pytest.mark.parametrize(
    ("xs", "ys", "slope"),
    [
        ([0, 1, 2], [1, 2, 3], 1),
        ([0, 1, 2, 3], [0, 0, 10, 10], pytest.approx(25 / 6)),  # even count: middle two averaged
        ([0, 2, 3], [4, 0, -2], -2),
        ([1, 1], [3, 4], None),  # no two distinct periods
        ([], [], None),
    ],
)
def test_theil_sen_slope(xs: list[float], ys: list[float], slope: float | None) -> None:
    assert theil_sen_slope(xs, ys) == slope


# --- labels ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "label"),
    [
        (Status.ON_TARGET, "✓ On target"),
        (Status.NEAR_TARGET, "≈ Near target"),
        (Status.OFF_TARGET, "✗ Off target"),
        (Status.NO_TARGET, "○ No target"),
        (Status.NO_DATA, "– No data"),
        (Status.TOO_EARLY, "… Too early"),
    ],
)
def test_status_label(status: Status, label: str) -> None:
    assert status_label(status) == label


@pytest.mark.parametrize(
    ("row", "cadence", "direction", "label"),
    [
        ([80 + 1.2 * i for i in range(8)], Cadence.WEEKLY, H, "↗ improving (+1.2/wk)"),
        ([30, 27, 24, 21], Cadence.MONTHLY, H, "↘ worsening (−3/mo)"),
        ([30, 27, 24, 21], Cadence.QUARTERLY, L, "↘ improving (−3/qtr)"),
        ([90, 91, 90, 91, 90], Cadence.WEEKLY, H, "→ flat"),
        ([1, 2, 3], Cadence.WEEKLY, None, "↗ rising (+1/wk)"),
        ([1, 2], Cadence.WEEKLY, H, "· not enough data"),
    ],
)
def test_trend_label(
    row: list[Cell], cadence: Cadence, direction: Direction | None, label: str
) -> None:
    assert trend_label(assess(row, cadence=cadence, direction=direction)) == label


# --- properties --------------------------------------------------------------------------

finite = st.floats(allow_nan=False, allow_infinity=False)
any_float = st.floats()
cell_values = st.one_of(st.none(), finite, any_float)
targets = st.one_of(
    st.none(),
    st.tuples(finite, finite).map(lambda pair: Target(low=min(pair), high=max(pair))),
)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
period_cells = st.lists(
    st.builds(
        PeriodValue,
        start=days,
        value=cell_values,
        raw=st.one_of(st.just(""), st.text(max_size=30)),
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(
    period_cells,
    targets,
    st.one_of(st.none(), st.sampled_from(list(Direction))),
    st.sampled_from(list(Cadence)),
    days,
    st.one_of(st.none(), days),
)
def test_never_raises_and_is_deterministic(
    row: list[PeriodValue],
    goal: Target | None,
    direction: Direction | None,
    cadence: Cadence,
    today: date,
    last_reviewed: date | None,
) -> None:
    def run() -> KpiHealth:
        return assess_kpi(
            row,
            target=goal,
            direction=direction,
            cadence=cadence,
            today=today,
            last_reviewed=last_reviewed,
        )

    health = run()
    assert health == run()
    assert isinstance(trend_label(health), str)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), finite), max_size=40), st.sampled_from(list(Cadence)))
def test_column_order_does_not_matter(values: list[float | None], cadence: Cadence) -> None:
    row = cells(values, cadence=cadence)
    today = date(2030, 1, 1)
    forward = assess_kpi(row, target=target(1), direction=H, cadence=cadence, today=today)
    backward = assess_kpi(row[::-1], target=target(1), direction=H, cadence=cadence, today=today)
    assert forward == backward


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(st.none(), finite), min_size=1, max_size=30),
    finite,
    st.sampled_from(list(Cadence)),
)
def test_flipping_direction_flips_status_and_trend(
    values: list[float | None], goal: float, cadence: Cadence
) -> None:
    row = [None if value == goal else value for value in values]
    higher = assess(row, target=target(goal), direction=H, cadence=cadence)
    lower = assess(row, target=target(goal), direction=L, cadence=cadence)
    # A miss may be near or far from the target; flipping swaps met and missed.
    flipped_status = {
        Status.ON_TARGET: {Status.OFF_TARGET, Status.NEAR_TARGET},
        Status.OFF_TARGET: {Status.ON_TARGET},
        Status.NEAR_TARGET: {Status.ON_TARGET},
    }
    flipped_trend = {
        TrendDirection.IMPROVING: TrendDirection.WORSENING,
        TrendDirection.WORSENING: TrendDirection.IMPROVING,
    }
    assert lower.status in flipped_status.get(higher.status, {higher.status})
    assert lower.trend == flipped_trend.get(higher.trend, higher.trend)
    assert lower.slope == higher.slope
