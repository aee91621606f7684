"""Targets as scorecard tools write them: a number, an operator with a number, or a band.

The Target column accepts `95`, `≥ 95` (or `>= 95`), `> 95`, `≤ 2` (`<= 2`),
`< 2`, `= 0`, a range `90–110` (or `90-110`, `90 to 110`) and `outside 90–110`.
A bare number needs "Better when" to say whether it is a floor or a ceiling; an
operator says so itself. "Better when" still sets the trend's direction, and a
validator reports when it contradicts the operator (`≤ 2` with "higher").

A miss is *near* the target when the value is within a share of the bound it
misses (5 % by default): 91 against `≥ 95` is near, 80 is far off. A bound of 0
has no near zone, since any share of 0 is 0.
"""

from __future__ import annotations

import math
import re
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from service.core.models import Direction, ParseError, parse_number

__all__ = [
    "DEFAULT_NEAR_TOLERANCE",
    "Operator",
    "Target",
    "contradicts",
    "implied_direction",
    "parse_target",
]

DEFAULT_NEAR_TOLERANCE = 0.05


class Operator(StrEnum):
    """How a target's number is compared; the value is the symbol a manager reads."""

    AT_LEAST = "≥"
    ABOVE = ">"
    AT_MOST = "≤"
    BELOW = "<"
    EQUAL = "="
    OUTSIDE = "outside"


_IMPLIED: dict[Operator, Direction | None] = {
    Operator.AT_LEAST: Direction.HIGHER,
    Operator.ABOVE: Direction.HIGHER,
    Operator.AT_MOST: Direction.LOWER,
    Operator.BELOW: Direction.LOWER,
    Operator.EQUAL: Direction.RANGE,
    Operator.OUTSIDE: None,
}
# "Better when" values that say the opposite of an operator.
_OPPOSED: dict[Operator, frozenset[Direction]] = {
    Operator.AT_LEAST: frozenset({Direction.LOWER}),
    Operator.ABOVE: frozenset({Direction.LOWER}),
    Operator.AT_MOST: frozenset({Direction.HIGHER}),
    Operator.BELOW: frozenset({Direction.HIGHER}),
    Operator.EQUAL: frozenset(),
    Operator.OUTSIDE: frozenset({Direction.RANGE}),
}


def _fmt(number: float) -> str:
    return str(int(number)) if number.is_integer() else f"{number:g}"


class Target(BaseModel):
    """A target: one number (`low == high`) or an inclusive band, with an optional operator.

    Without an operator a single number is judged by "Better when" and two numbers
    are a band. With one, the operator decides what counts as on target.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    low: float
    high: float
    operator: Operator | None = None

    @property
    def is_range(self) -> bool:
        """True when the target is a band rather than one number."""
        return self.low != self.high

    def is_met(self, value: float, direction: Direction | None) -> bool:
        """Whether `value` meets this target for a KPI that is better `direction`."""
        return self.gap(value, direction) == 0 and not self._on_strict_bound(value)

    def _on_strict_bound(self, value: float) -> bool:
        if self.operator is Operator.ABOVE:
            return value <= self.low
        if self.operator is Operator.BELOW:
            return value >= self.high
        return False

    def gap(self, value: float, direction: Direction | None) -> float:
        """How far `value` is from the nearest on-target value; 0 when met or on a strict bound."""
        op = self.operator
        if op in (Operator.AT_LEAST, Operator.ABOVE):
            return max(self.low - value, 0.0)
        if op in (Operator.AT_MOST, Operator.BELOW):
            return max(value - self.high, 0.0)
        if op is Operator.EQUAL:
            close = math.isclose(value, self.low, rel_tol=1e-9, abs_tol=1e-9)
            return 0.0 if close else abs(value - self.low)
        if op is Operator.OUTSIDE:
            return min(value - self.low, self.high - value) if self.low < value < self.high else 0.0
        if direction is Direction.HIGHER and not self.is_range:
            return max(self.low - value, 0.0)
        if direction is Direction.LOWER and not self.is_range:
            return max(value - self.high, 0.0)
        return max(self.low - value, value - self.high, 0.0)

    def _bound(self, value: float) -> float:
        """The bound a missing `value` is measured against (the nearer one of a band)."""
        if self.operator is Operator.OUTSIDE:
            return self.low if value - self.low <= self.high - value else self.high
        if self.operator in (Operator.AT_MOST, Operator.BELOW):
            return self.high
        if self.operator in (Operator.AT_LEAST, Operator.ABOVE, Operator.EQUAL):
            return self.low
        return self.low if abs(value - self.low) <= abs(value - self.high) else self.high

    def is_near(self, value: float, direction: Direction | None, tolerance: float) -> bool:
        """Whether a miss is within `tolerance` (a share, 0.05 = 5 %) of the bound it misses."""
        if self.is_met(value, direction):
            return False
        allowed = tolerance * abs(self._bound(value))
        # A hair of slack, so 2.1 against "≤ 2" is within 5 % despite binary fractions.
        return self.gap(value, direction) <= allowed * (1 + 1e-9) + 1e-12

    def __str__(self) -> str:
        band = f"{_fmt(self.low)}–{_fmt(self.high)}"
        if self.operator is Operator.OUTSIDE:
            return f"outside {band}"
        if self.operator is not None:
            return f"{self.operator.value} {_fmt(self.low)}"
        return band if self.is_range else _fmt(self.low)


def implied_direction(target: Target) -> Direction | None:
    """The "Better when" an operator implies: ≥ → higher, ≤ → lower, = → in range."""
    if target.operator is None:
        return Direction.RANGE if target.is_range else None
    return _IMPLIED[target.operator]


def contradicts(target: Target, direction: Direction) -> bool:
    """True when "Better when" says the opposite of the target's operator (`≤ 2`, "higher")."""
    return target.operator is not None and direction in _OPPOSED[target.operator]


_PREFIXES: tuple[tuple[re.Pattern[str], Operator], ...] = tuple(
    (re.compile(pattern), op)
    for pattern, op in (
        (r"^(?:>=|≥|=>|at least|min(?:imum)?\.?|no less than)\s*", Operator.AT_LEAST),
        (r"^(?:<=|≤|=<|at most|max(?:imum)?\.?|no more than|up to)\s*", Operator.AT_MOST),
        (r"^(?:>|over|above|more than)\s*", Operator.ABOVE),
        (r"^(?:<|under|below|less than|fewer than)\s*", Operator.BELOW),
        (r"^(?:==|=|exactly)\s*", Operator.EQUAL),
        (r"^(?:outside|not in|not between)\s*", Operator.OUTSIDE),
    )
)
_RANGE = re.compile(r"^\s*(?P<lo>.+?)\s*(?:–|—|-|to|\.\.|and)\s*(?P<hi>[^-−].*?)\s*$")
_HINT = "type a number such as 95, ≥ 95 or ≤ 2, or a range such as 90–100."


def _operator(text: str) -> tuple[Operator | None, str]:
    if text.startswith("between "):
        return None, text.removeprefix("between ").lstrip()
    for pattern, op in _PREFIXES:
        match = pattern.match(text)
        if match:
            return op, text[match.end() :]
    return None, text


def _band(text: str, shown: str) -> tuple[float, float] | None:
    match = _RANGE.match(text)
    if not match:
        return None
    try:
        low, high = parse_number(match["lo"]), parse_number(match["hi"])
    except ParseError:
        return None
    if low > high:
        raise ParseError(f"Target range {shown!r} runs backwards: put the low end first.")
    return low, high


def parse_target(value: object) -> Target:
    """Read 95, "≥ 95%", "< 2", "= 0", "90–110", "outside 90-110" as a Target; "TBD" raises."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = parse_number(value)
        return Target(low=number, high=number)
    shown = "" if value is None else " ".join(str(value).split())
    if not shown:
        raise ParseError(f"Target is blank: {_HINT}")
    op, rest = _operator(shown.lower())
    if op is not None and not rest:
        raise ParseError(f"Target {shown!r} has no number after {op.value!r}: {_HINT}")
    try:
        number = parse_number(rest)
    except ParseError:
        band = _band(rest, shown)
    else:
        if op is Operator.OUTSIDE:
            raise ParseError(f"Target {shown!r} needs a range after 'outside', such as 90–110.")
        return Target(low=number, high=number, operator=op)
    if band is None:
        raise ParseError(f"Target {shown!r} is not a number: {_HINT}")
    if op not in (None, Operator.OUTSIDE):
        raise ParseError(f"Target {shown!r} mixes {op.value!r} with a range: {_HINT}")
    return Target(low=band[0], high=band[1], operator=op)
