"""Targets with operators: parsing, status (on, near, off) and the flags they raise."""

from __future__ import annotations

import pytest

from service.core.models import Direction, FlagCode, ParseError
from service.core.targets import Operator, Target, contradicts, implied_direction, parse_target
from service.core.trends import Status, Thresholds
from tests.core.series import Cell, assess

H, L, R = Direction.HIGHER, Direction.LOWER, Direction.RANGE
ON, NEAR, OFF = Status.ON_TARGET, Status.NEAR_TARGET, Status.OFF_TARGET


@pytest.mark.parametrize(
    ("text", "target", "shown"),
    [
        ("≥ 95", Target(low=95, high=95, operator=Operator.AT_LEAST), "≥ 95"),
        (">= 95", Target(low=95, high=95, operator=Operator.AT_LEAST), "≥ 95"),
        ("at least 95%", Target(low=95, high=95, operator=Operator.AT_LEAST), "≥ 95"),
        ("> 95", Target(low=95, high=95, operator=Operator.ABOVE), "> 95"),
        ("≤ 2", Target(low=2, high=2, operator=Operator.AT_MOST), "≤ 2"),
        ("<= 2", Target(low=2, high=2, operator=Operator.AT_MOST), "≤ 2"),
        ("< 2", Target(low=2, high=2, operator=Operator.BELOW), "< 2"),
        ("< -2", Target(low=-2, high=-2, operator=Operator.BELOW), "< -2"),
        ("= 0", Target(low=0, high=0, operator=Operator.EQUAL), "= 0"),
        ("90–110", Target(low=90, high=110), "90–110"),
        ("90-110", Target(low=90, high=110), "90–110"),
        ("between 90 and 110", Target(low=90, high=110), "90–110"),
        ("outside 90–110", Target(low=90, high=110, operator=Operator.OUTSIDE), "outside 90–110"),
        ("Outside 90-110", Target(low=90, high=110, operator=Operator.OUTSIDE), "outside 90–110"),
        ("95", Target(low=95, high=95), "95"),
    ],
)
def test_parse_target(text: str, target: Target, shown: str) -> None:
    parsed = parse_target(text)
    assert parsed == target
    assert str(parsed) == shown
    assert parse_target(str(parsed)) == parsed  # the canonical text reads back the same


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("≥", "has no number after '≥'"),
        ("outside 5", "needs a range after 'outside'"),
        ("≥ 90–100", "mixes '≥' with a range"),
        ("outside 110–90", "runs backwards"),
        ("≤ lots", "is not a number"),
    ],
)
def test_parse_target_rejects(text: str, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        parse_target(text)


# (target, "Better when", latest value, status): the operator decides on or off target,
# and a miss within 5 % of the bound it misses is "near target".
STATUS: list[tuple[str, Direction | None, float, Status]] = [
    ("≥ 95", H, 95, ON),
    ("≥ 95", H, 91, NEAR),  # 95 × 0.95 = 90.25
    ("≥ 95", H, 90, OFF),
    ("≥ 95", None, 96, ON),  # the operator needs no "Better when"
    ("≥ 95", L, 96, ON),  # a contradicting direction does not turn the operator round
    ("> 95", H, 95.5, ON),
    ("> 95", H, 95, NEAR),  # the bound itself misses a strict target, narrowly
    ("> 95", H, 80, OFF),
    ("≤ 2", L, 2, ON),
    ("≤ 2", L, 2.1, NEAR),
    ("≤ 2", L, 3, OFF),
    ("≤ 2", None, 0, ON),
    ("< 2", L, 1.9, ON),
    ("< 2", L, 2, NEAR),
    ("< 2", L, 2.5, OFF),
    ("= 0", L, 0, ON),
    ("= 0", None, 0, ON),
    ("= 0", L, 0.1, OFF),  # a bound of 0 has no near zone
    ("= 100", R, 102, NEAR),
    ("90–110", R, 110, ON),
    ("90-110", None, 90, ON),
    ("90–110", R, 87, NEAR),  # within 5 % of 90
    ("90–110", R, 114, NEAR),  # within 5 % of 110
    ("90–110", R, 80, OFF),
    ("90–110", H, 120, OFF),  # a band is a band whatever "Better when" says
    ("outside 90–110", None, 80, ON),
    ("outside 90–110", H, 111, ON),
    ("outside 90–110", None, 90, ON),  # the band's ends are outside enough
    ("outside 90–110", None, 92, NEAR),
    ("outside 90–110", None, 100, OFF),
    ("95", H, 91, NEAR),  # bare numbers still follow "Better when"
    ("95", L, 99, NEAR),
    ("95", L, 100, OFF),
    ("95", None, 91, Status.NO_TARGET),
]


@pytest.mark.parametrize(("text", "direction", "latest", "status"), STATUS)
def test_status_of_each_operator(
    text: str, direction: Direction | None, latest: float, status: Status
) -> None:
    health = assess([latest], target=parse_target(text), direction=direction)
    assert health.status is status


def test_near_target_tolerance_is_a_setting() -> None:
    wide = Thresholds(near_tolerance=0.2)
    none = Thresholds(near_tolerance=0)
    target = parse_target("≥ 95")
    assert assess([80], target=target, direction=H, thresholds=wide).status is NEAR
    assert assess([94.9], target=target, direction=H, thresholds=none).status is OFF


# (target, "Better when", row, flag that must be raised, flag that must not)
FLAGS: list[tuple[str, Direction | None, list[Cell], FlagCode | None, FlagCode | None]] = [
    ("≤ 2", L, [1, 3, 3, 4], FlagCode.CONSECUTIVE_MISSES, None),
    ("≤ 2", L, [3, 3, 3, 1], None, FlagCode.CONSECUTIVE_MISSES),
    ("< 2", None, [1, 2, 2, 2], FlagCode.CONSECUTIVE_MISSES, None),  # the bound misses
    ("≥ 95", None, [99, 94, 93, 92], FlagCode.CONSECUTIVE_MISSES, None),
    ("≥ 95", H, [96] * 10, FlagCode.ALWAYS_GREEN, FlagCode.CONSECUTIVE_MISSES),
    ("= 0", L, [0, 1, 2, 3, 4, 5], FlagCode.WORSENING, None),
    ("90–110", R, [100, 95, 89, 80, 70, 60], FlagCode.CONSECUTIVE_MISSES, None),
    ("outside 90–110", None, [80, 85, 95, 100, 100, 100], FlagCode.CONSECUTIVE_MISSES, None),
    ("outside 90–110", None, [60, 70, 80, 85, 88, 89], FlagCode.WORSENING, None),
    ("outside 90–110", None, [50] * 10, FlagCode.ALWAYS_GREEN, None),
    ("≥ 95", H, [90, 80, 90, 80, 90, 80, 96], FlagCode.CHRONIC, None),
    ("≤ 2", L, [5, 6, 5, 6, 5, 6, 1], FlagCode.CHRONIC, FlagCode.CONSECUTIVE_MISSES),
]


@pytest.mark.parametrize(("text", "direction", "row", "raised", "absent"), FLAGS)
def test_flags_of_each_operator(
    text: str,
    direction: Direction | None,
    row: list[Cell],
    raised: FlagCode | None,
    absent: FlagCode | None,
) -> None:
    health = assess(row, target=parse_target(text), direction=direction)
    codes = {flag.code for flag in health.flags}
    if raised is not None:
        assert raised in codes
    if absent is not None:
        assert absent not in codes


@pytest.mark.parametrize(
    ("text", "direction", "implied", "contradiction"),
    [
        ("≥ 95", L, H, True),
        ("> 95", L, H, True),
        ("≥ 95", H, H, False),
        ("≤ 2", H, L, True),
        ("< 2", H, L, True),
        ("≤ 2", L, L, False),
        ("= 0", L, R, False),
        ("= 0", H, R, False),
        ("90–110", H, R, False),
        ("outside 90–110", R, None, True),
        ("outside 90–110", H, None, False),
        ("95", L, None, False),
    ],
)
def test_direction_against_operator(
    text: str, direction: Direction, implied: Direction | None, contradiction: bool
) -> None:
    target = parse_target(text)
    assert implied_direction(target) is implied
    assert contradicts(target, direction) is contradiction
