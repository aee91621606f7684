"""The tolerant parsing of what people type into a scorecard's definition cells."""

from __future__ import annotations

import pytest

from service.core.models import (
    Cadence,
    Control,
    Direction,
    KpiRow,
    ParseError,
    parse_cadence,
    parse_control,
    parse_date,
    parse_direction,
    parse_number,
)
from service.core.targets import Operator, Target, parse_target

ACCEPTED = [
    (parse_direction, "Higher", Direction.HIGHER),
    (parse_direction, "higher is better", Direction.HIGHER),
    (parse_direction, "  HIGH ", Direction.HIGHER),
    (parse_direction, "↑", Direction.HIGHER),
    (parse_direction, "lower is better", Direction.LOWER),
    (parse_direction, "Lower", Direction.LOWER),
    (parse_direction, "less", Direction.LOWER),
    (parse_direction, "in range", Direction.RANGE),
    (parse_direction, "In Range", Direction.RANGE),
    (parse_direction, "within range", Direction.RANGE),
    (parse_cadence, "Weekly", Cadence.WEEKLY),
    (parse_cadence, "every week", Cadence.WEEKLY),
    (parse_cadence, "MONTHLY", Cadence.MONTHLY),
    (parse_cadence, "per month", Cadence.MONTHLY),
    (parse_cadence, "Quarterly", Cadence.QUARTERLY),
    (parse_cadence, "Q", Cadence.QUARTERLY),
    (parse_control, "Direct", Control.DIRECT),
    (parse_control, "shared", Control.SHARED),
    (parse_control, "partial", Control.SHARED),
    (parse_control, "None", Control.NONE),
    (parse_number, "1,200", 1200.0),
    (parse_number, "12%", 12.0),
    (parse_number, "$1.5k", 1500.0),
    (parse_number, "−3", -3.0),
    (parse_number, "-0.5", -0.5),
    (parse_number, 42, 42.0),
    (parse_number, " 7 days", 7.0),
    (parse_target, "95", Target(low=95, high=95)),
    (parse_target, 95, Target(low=95, high=95)),
    (parse_target, "95-100", Target(low=95, high=100)),
    (parse_target, "95–100", Target(low=95, high=100)),
    (parse_target, "90 to 100", Target(low=90, high=100)),
    (parse_target, "1,200", Target(low=1200, high=1200)),
    (parse_target, "12%", Target(low=12, high=12)),
    (parse_target, "≥ 95%", Target(low=95, high=95, operator=Operator.AT_LEAST)),
    (parse_target, "<= 10", Target(low=10, high=10, operator=Operator.AT_MOST)),
    (parse_target, "-5", Target(low=-5, high=-5)),
    (parse_date, "2026-11-02", __import__("datetime").date(2026, 11, 2)),
    (parse_date, 46000, __import__("datetime").date(2025, 12, 9)),
]

REJECTED = [
    (parse_direction, "sideways", "'Better when' is 'sideways'"),
    (parse_direction, "", "'Better when' is blank"),
    (parse_cadence, "yearly", "Cadence 'yearly' is not one we track"),
    (parse_cadence, "daily", "use weekly, monthly or quarterly"),
    (parse_cadence, "", "Cadence is blank"),
    (parse_control, "maybe", "Owner's control 'maybe' is unclear"),
    (parse_number, "n/a", "'n/a' is not a number"),
    (parse_number, "", "'' is not a number"),
    (parse_number, True, "is not a number"),
    (parse_number, float("nan"), "not a finite number"),
    (parse_target, "TBD", "Target 'TBD' is not a number"),
    (parse_target, "", "Target is blank"),
    (parse_target, "100-90", "runs backwards"),
    (parse_date, "last week", "is not a date"),
]


@pytest.mark.parametrize(("parse", "text", "expected"), ACCEPTED)
def test_accepts_what_people_type(parse, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert parse(text) == expected


@pytest.mark.parametrize(("parse", "text", "message"), REJECTED)
def test_rejects_with_a_message_that_says_what_to_type(parse, text, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ParseError, match=message.replace("(", r"\(")):
        parse(text)


def test_table_is_large_enough() -> None:
    assert len(ACCEPTED) + len(REJECTED) >= 30


@pytest.mark.parametrize(
    ("target", "direction", "value", "met"),
    [
        (Target(low=90, high=90), Direction.HIGHER, 95, True),
        (Target(low=90, high=90), Direction.HIGHER, 85, False),
        (Target(low=10, high=10), Direction.LOWER, 8, True),
        (Target(low=10, high=10), Direction.LOWER, 12, False),
        (Target(low=95, high=100), Direction.RANGE, 100, True),
        (Target(low=95, high=100), Direction.RANGE, 101, False),
        (Target(low=95, high=100), Direction.HIGHER, 94, False),
    ],
)
def test_targets_are_inclusive_and_direction_aware(
    target: Target, direction: Direction, value: float, met: bool
) -> None:
    assert target.is_met(value, direction) is met


def test_a_row_keeps_numbers_from_cells_as_their_shortest_text() -> None:
    row = KpiRow.model_validate({"name": "DSO", "target": 45.0, "unit": None})
    assert (row.target, row.unit) == ("45", "")


def test_a_row_rejects_unknown_fields() -> None:
    with pytest.raises(ValueError, match="extra"):
        KpiRow.model_validate({"name": "DSO", "colour": "red"})
