"""Every flag rule: when it fires, how loud, and what its reason says."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from service.core.models import Cadence, Direction, Flag, FlagCode, FlagLevel
from service.core.targets import Target
from service.core.trends import KpiHealth, PeriodValue, Thresholds, assess_kpi, flags_label
from tests.core.series import MONDAY, Cell, assess, target

H, L, R = Direction.HIGHER, Direction.LOWER, Direction.RANGE
C = FlagCode


def flag(health: KpiHealth, code: FlagCode) -> Flag | None:
    """The flag with `code`, if raised."""
    found = [item for item in health.flags if item.code is code]
    assert len(found) <= 1
    return found[0] if found else None


def level(health: KpiHealth, code: FlagCode) -> FlagLevel | None:
    """The level of the flag with `code`, or None when it was not raised."""
    raised = flag(health, code)
    return raised.level if raised else None


# --- consecutive misses ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "goal", "direction", "expected", "reason"),
    [
        ([95, 82], target(90), H, None, None),
        ([82], target(90), H, None, None),  # first period: one miss is not a pattern
        (
            [95, 82, 79],
            target(90),
            H,
            FlagLevel.WATCH,
            "Off target 2 periods in a row (82, 79 vs ≥ 90)",
        ),
        (
            [95, 82, 79, 80],
            target(90),
            H,
            FlagLevel.DISCUSS,
            "Off target 3 periods in a row (82, 79, 80 vs ≥ 90)",
        ),
        ([95, 82, None, "n/a", 79], target(90), H, FlagLevel.WATCH, None),  # blanks are skipped
        (
            [4, 6, 7, 8],
            target(5),
            L,
            FlagLevel.DISCUSS,
            "Off target 3 periods in a row (6, 7, 8 vs ≤ 5)",
        ),
        (
            [50, 61, 39],
            target(40, 60),
            R,
            FlagLevel.WATCH,
            "Off target 2 periods in a row (61, 39 vs 40–60)",
        ),
        ([-1, -7, -8], target(-5), L, None, None),  # -1 missed, then -7 and -8 met
        (
            [-9, -1, -2],
            target(-5),
            L,
            FlagLevel.WATCH,
            "Off target 2 periods in a row (-1, -2 vs ≤ -5)",
        ),
        ([80, 80, 80], None, H, None, None),
        ([80, 80, 80], target(90), None, None, None),
        (
            [91, 89, 88, 87, 86, 85, 84, 83, 82],
            target(90),
            H,
            FlagLevel.DISCUSS,
            "Off target 8 periods in a row (…, 87, 86, 85, 84, 83, 82 vs ≥ 90)",
        ),
    ],
)
def test_consecutive_misses(
    row: list[Cell],
    goal: Target | None,
    direction: Direction | None,
    expected: FlagLevel | None,
    reason: str | None,
) -> None:
    health = assess(row, target=goal, direction=direction)
    assert level(health, C.CONSECUTIVE_MISSES) is expected
    if reason:
        raised = flag(health, C.CONSECUTIVE_MISSES)
        assert raised is not None
        assert raised.reason == reason


def test_miss_fixes_name_the_review() -> None:
    watch = flag(assess([95, 82, 79]), C.CONSECUTIVE_MISSES)
    discuss = flag(assess([95, 82, 79, 80], cadence=Cadence.MONTHLY), C.CONSECUTIVE_MISSES)
    assert watch is not None and discuss is not None
    assert watch.fix == "Coach the owner: what would bring it back on target next period?"
    assert discuss.fix == "Discuss at the monthly review: what is blocking it?"


# --- chronic -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ([80, 95] * 6 + [80], FlagLevel.DISCUSS),  # 7 of 13
        ([80, 95] * 6, None),  # 6 of 12 is half, not more than half
        ([80] * 5, None),  # five values are too few to call chronic
        ([80, 95, 80, 80, 95, 95], None),  # 3 of 6
        ([80, 95, 80, 80, 95, 80, 95], FlagLevel.DISCUSS),  # 4 of 7
        ([80] * 7 + [95, 80] * 6 + [95], None),  # older misses fall outside the 13
    ],
)
def test_chronic(row: list[Cell], expected: FlagLevel | None) -> None:
    assert level(assess(row), C.CHRONIC) is expected


def test_chronic_reason() -> None:
    raised = flag(assess([80, 95] * 6 + [80]), C.CHRONIC)
    assert raised is not None
    assert raised.reason == "Off target in 7 of the last 13 periods with values (target ≥ 90)"


# --- worsening ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "goal", "direction", "expected"),
    [
        ([90, 89, 88, 87, 86], target(80), H, FlagLevel.WATCH),
        ([90, 89, 88, 87], target(80), H, None),  # three moves are not enough
        ([90, 89, 89, 88, 87, 86], target(80), H, None),  # a tie ends the run
        ([90, None, 89, 88, None, 87, 86], target(80), H, FlagLevel.WATCH),  # gaps are skipped
        ([1, 2, 3, 4, 5], target(10), L, FlagLevel.WATCH),
        ([5, 4, 3, 2, 1], target(10), L, None),
        ([50, 52, 55, 58, 60], target(40, 60), R, FlagLevel.WATCH),  # drifting to the band's edge
        ([70, 66, 63, 61, 60], target(40, 60), R, None),  # coming back into the band
        ([90, 89, 88, 87, 86], None, None, None),  # no direction, no "worse"
    ],
)
def test_worsening(
    row: list[Cell], goal: Target | None, direction: Direction | None, expected: FlagLevel | None
) -> None:
    assert level(assess(row, target=goal, direction=direction), C.WORSENING) is expected


def test_worsening_reason() -> None:
    raised = flag(assess([95, 90, 89, 88, 87, 86], target=target(80)), C.WORSENING)
    assert raised is not None
    assert raised.reason == "Worse 5 periods in a row (95, 90, 89, 88, 87, 86)"


# --- shift -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "direction", "expected"),
    [
        ([100] * 6 + [110] * 8, H, FlagLevel.INFO),  # shifted to the better side
        ([110] * 6 + [100] * 8, H, FlagLevel.WATCH),  # shifted to the worse side
        ([100] * 6 + [110] * 8, L, FlagLevel.WATCH),
        ([100] * 6 + [110] * 7, H, None),  # seven in a row is not yet a shift
        ([100] * 6 + [110] * 8, None, FlagLevel.INFO),
        ([100] * 14, H, None),  # on the centre line is on neither side
    ],
)
def test_shift(row: list[Cell], direction: Direction | None, expected: FlagLevel | None) -> None:
    assert level(assess(row, direction=direction), C.SHIFT) is expected


def test_shift_reason_names_the_centre_line_and_start() -> None:
    raised = flag(assess([100] * 6 + [110] * 8), C.SHIFT)
    assert raised is not None
    assert (
        raised.reason
        == "The last 8 values are all above the long-run average of 105.71 (since 2026-02-16)"
    )


def test_shift_for_range_kpis_judges_distance_to_the_middle() -> None:
    away = assess([50] * 6 + [58] * 8, target=target(40, 60), direction=R)
    back = assess([58] * 6 + [50] * 8, target=target(40, 60), direction=R)
    assert (level(away, C.SHIFT), level(back, C.SHIFT)) == (FlagLevel.WATCH, FlagLevel.INFO)


# --- outlier -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ([50, 52, 48, 51, 49, 80], FlagLevel.WATCH),
        ([50, 52, 48, 51, 49, 20], FlagLevel.WATCH),  # low side too
        ([50, 52, 48, 51, 49, 55], None),
        ([50, 52, 48, 51, 80], None),  # needs six values
        ([5, 5, 5, 5, 5, 6], FlagLevel.WATCH),  # a perfectly steady process has tight limits
        ([5, 5, 5, 5, 5, 5], None),
        ([-50, -52, -48, -51, -49, -80], FlagLevel.WATCH),
    ],
)
def test_outlier(row: list[Cell], expected: FlagLevel | None) -> None:
    assert level(assess(row, target=target(0)), C.OUTLIER) is expected


def test_outlier_reason_cites_the_limits() -> None:
    raised = flag(assess([50, 52, 48, 51, 49, 80], target=target(0)), C.OUTLIER)
    assert raised is not None
    assert raised.reason.startswith("Latest value 80 is outside the usual range 42.6")
    assert raised.reason.endswith("(average 50 ± 2.66 × average moving range 2.75)")


# --- stale -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "cadence", "today", "stale"),
    [
        # Weekly: the week of Feb 2 ends Sunday Feb 8; three grace days run to Feb 11.
        ([90, 91, 92], Cadence.WEEKLY, date(2026, 2, 11), False),
        ([90, 91, 92], Cadence.WEEKLY, date(2026, 2, 12), True),
        # Monthly: March ends on the 31st; stale from April 4.
        ([90], Cadence.MONTHLY, date(2026, 4, 3), False),
        ([90], Cadence.MONTHLY, date(2026, 4, 4), True),
        # Quarterly: Q3 ends Sep 30; stale from Oct 4.
        ([90], Cadence.QUARTERLY, date(2026, 10, 3), False),
        ([90], Cadence.QUARTERLY, date(2026, 10, 4), True),
        # A value in the current period means values are arriving.
        ([90, None, None, 95], Cadence.WEEKLY, date(2026, 1, 27), False),
        # A KPI added this week has nothing overdue yet.
        ([None], Cadence.WEEKLY, date(2026, 1, 13), False),
        # Blank for three due weeks since tracking began.
        ([None, None, None], Cadence.WEEKLY, date(2026, 1, 29), True),
    ],
)
def test_stale_grace_window(row: list[Cell], cadence: Cadence, today: date, stale: bool) -> None:
    health = assess(row, cadence=cadence, today=today)
    assert level(health, C.STALE) is (FlagLevel.WATCH if stale else None)


@pytest.mark.parametrize(
    ("row", "today", "reason"),
    [
        (
            [90, 91, 92],
            date(2026, 2, 12),
            "No value for the last 2 weeks (last value 92 for 2026-01-19)",
        ),
        (
            [90, 91, 92],
            date(2026, 3, 5),
            "No value for the last 5 weeks (last value 92 for 2026-01-19)",
        ),
        (
            [None, None],
            date(2026, 2, 12),
            "No value for the last 5 weeks (tracked since 2026-01-05)",
        ),
    ],
)
def test_stale_reason(row: list[Cell], today: date, reason: str) -> None:
    raised = flag(assess(row, today=today), C.STALE)
    assert raised is not None
    assert raised.reason == reason


def test_grace_days_are_a_threshold() -> None:
    strict = Thresholds(grace_days=0)
    assert (
        level(assess([90, 91, 92], today=date(2026, 2, 9), thresholds=strict), C.STALE)
        is FlagLevel.WATCH
    )
    assert level(assess([90, 91, 92], today=date(2026, 2, 8), thresholds=strict), C.STALE) is None


# --- always green ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "goal", "direction", "fix"),
    [
        ([95] * 10, target(90), H, "Raise the target so it stretches the team again."),
        ([80] + [95] * 10, target(90), H, "Raise the target so it stretches the team again."),
        ([4] * 10, target(5), L, "Raise the bar: lower the target so it stretches the team again."),
        (
            [50] * 10,
            target(40, 60),
            R,
            "Raise the bar: narrow the range so it still tells you something.",
        ),
        ([95] * 9, target(90), H, None),
        ([95] * 9 + [80], target(90), H, None),
        ([95] * 12, None, H, None),
    ],
)
def test_always_green(
    row: list[Cell], goal: Target | None, direction: Direction, fix: str | None
) -> None:
    raised = flag(assess(row, target=goal, direction=direction), C.ALWAYS_GREEN)
    assert (raised.fix if raised else None) == fix
    if raised:
        assert raised.level is FlagLevel.INFO
        assert raised.reason.startswith("On target 1")


# --- not reviewed ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "cadence", "reviewed", "today", "expected"),
    [
        ([90, 91], Cadence.WEEKLY, date(2026, 1, 6), date(2026, 1, 20), False),  # exactly 2 weeks
        ([90, 91], Cadence.WEEKLY, date(2026, 1, 6), date(2026, 1, 21), True),
        ([90], Cadence.MONTHLY, date(2026, 1, 31), date(2026, 3, 31), False),  # Jan 31 + 2 months
        ([90], Cadence.MONTHLY, date(2026, 1, 31), date(2026, 4, 1), True),
        ([90], Cadence.QUARTERLY, date(2026, 1, 15), date(2026, 7, 15), False),
        ([90], Cadence.QUARTERLY, date(2026, 1, 15), date(2026, 7, 16), True),
        ([90], Cadence.WEEKLY, date(2026, 3, 1), date(2026, 1, 20), False),  # dated in the future
        ([], Cadence.WEEKLY, date(2025, 1, 1), date(2026, 1, 20), True),  # values or not
    ],
)
def test_not_reviewed(
    row: list[Cell], cadence: Cadence, reviewed: date, today: date, expected: bool
) -> None:
    health = assess(row, cadence=cadence, today=today, last_reviewed=reviewed)
    assert level(health, C.NOT_REVIEWED) is (FlagLevel.WATCH if expected else None)


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ([90], None),
        ([90, None, 91], "Never reviewed, though 2 periods have values"),
    ],
)
def test_never_reviewed(row: list[Cell], reason: str | None) -> None:
    raised = flag(assess(row, reviewed=False), C.NOT_REVIEWED)
    assert (raised.reason if raised else None) == reason


def test_not_reviewed_reason() -> None:
    health = assess([90, 91], last_reviewed=date(2026, 1, 6), today=date(2026, 1, 21))
    raised = flag(health, C.NOT_REVIEWED)
    assert raised is not None
    assert raised.reason == "Last reviewed 2026-01-06, more than 2 weeks ago"


# --- bad values --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "expected", "reason"),
    [
        ([90, "n/a", 92], FlagLevel.INFO, "The cell for 2026-01-12 'n/a' is not a number"),
        ([90, 92, "n/a"], FlagLevel.WATCH, "The cell for 2026-01-19 'n/a' is not a number"),
        ([90, 92, "n/a", None], FlagLevel.WATCH, None),  # still the newest thing typed
        (
            [90, "n/a", "tbd", "?", "-", 95],
            FlagLevel.INFO,
            "4 cells are not numbers (…, 2026-01-19 'tbd', 2026-01-26 '?', 2026-02-02 '-')",
        ),
        (["waiting for finance to send the figures"], FlagLevel.WATCH, None),
        ([90, "   ", 92], None, None),  # whitespace is a blank cell
    ],
)
def test_bad_value(row: list[Cell], expected: FlagLevel | None, reason: str | None) -> None:
    health = assess(row)
    assert level(health, C.BAD_VALUE) is expected
    if reason:
        raised = flag(health, C.BAD_VALUE)
        assert raised is not None
        assert raised.reason == reason


def test_long_text_is_cut_short() -> None:
    raised = flag(assess(["waiting for finance to send the figures"]), C.BAD_VALUE)
    assert raised is not None
    assert raised.reason == "The cell for 2026-01-05 'waiting for finance to…' is not a number"


def test_non_finite_numbers_are_bad_values() -> None:
    row = [
        PeriodValue(start=MONDAY, value=90),
        PeriodValue(start=MONDAY + timedelta(weeks=1), value=float("nan")),
    ]
    health = assess_kpi(
        row,
        target=target(90),
        direction=H,
        cadence=Cadence.WEEKLY,
        today=MONDAY + timedelta(weeks=2),
    )
    assert health.latest == 90
    assert level(health, C.BAD_VALUE) is FlagLevel.WATCH


# --- ordering and labels -----------------------------------------------------------------


def test_flags_are_loudest_first() -> None:
    health = assess([95, 82, 79, 80, "n/a"], today=date(2026, 3, 5), reviewed=False)
    levels = [item.level for item in health.flags]
    assert levels[0] is FlagLevel.DISCUSS
    assert levels == sorted(levels, key=[FlagLevel.DISCUSS, FlagLevel.WATCH, FlagLevel.INFO].index)


@pytest.mark.parametrize(
    ("row", "today", "label"),
    [
        ([95, 96], None, ""),
        ([95, 82, 79], None, "⚠ 2 misses in a row"),
        ([95, 82, 79, 80], date(2026, 3, 5), "‼ 3 misses in a row · stale"),
        ([95] * 10, None, "ℹ always green"),
        (
            [90, "n/a"] + [95, 96] * 5,
            None,
            "ℹ always green · not a number",
        ),
    ],
)
def test_flags_label(row: list[Cell], today: date | None, label: str) -> None:
    assert flags_label(assess(row, today=today).flags) == label


def test_outlier_limits_come_from_the_recent_baseline() -> None:
    # A wild first half does not widen today's limits: the last 20 values are steady.
    row: list[Cell] = [0, 100] * 10 + [50, 51] * 10 + [60]
    assert level(assess(row, target=target(0)), C.OUTLIER) is FlagLevel.WATCH
