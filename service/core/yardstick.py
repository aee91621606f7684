"""What "good" means for one KPI: its target and the direction in which it is better.

A KPI can be judged against its target only when the comparison is
unambiguous. A range target ("90–100") is judged as a band even when "Better
when" is blank; a single number with no direction is not judged at all,
because 95 could be a floor or a ceiling.
"""

from __future__ import annotations

from dataclasses import dataclass

from service.core.formatting import format_number
from service.core.models import Direction, Target

__all__ = ["Yardstick"]


@dataclass(frozen=True, slots=True)
class Yardstick:
    """A KPI's target and effective direction (None when it cannot be told)."""

    target: Target | None
    direction: Direction | None

    @classmethod
    def of(cls, target: Target | None, direction: Direction | None) -> Yardstick:
        """The yardstick for a KPI row; a blank direction with a range target means in range."""
        if direction is None and target is not None and target.is_range:
            return cls(target, Direction.RANGE)
        return cls(target, direction)

    @property
    def can_judge(self) -> bool:
        """Whether values can be called on or off target."""
        return self.target is not None and self.direction is not None

    def meets(self, value: float) -> bool:
        """Whether `value` is on target; only meaningful when `can_judge`."""
        if self.target is None or self.direction is None:
            return False
        return self.target.is_met(value, self.direction)

    def badness(self, value: float) -> float | None:
        """A number that grows as `value` gets worse, or None when "worse" is unknown."""
        if self.direction is Direction.HIGHER:
            return -value
        if self.direction is Direction.LOWER:
            return value
        if self.direction is Direction.RANGE and self.target is not None:
            # Distance from the band's middle: outside the band it moves exactly
            # with the distance to the band, inside it rewards staying central.
            middle = self.target.low / 2 + self.target.high / 2
            return abs(value - middle)
        return None

    def target_text(self) -> str:
        """The target as a manager reads it: "≥ 90", "≤ 5", "90–100", "= 90"."""
        if self.target is None:
            return "no target"
        if self.target.is_range:
            return str(self.target)
        number = format_number(self.target.low)
        if self.direction is Direction.HIGHER:
            return f"≥ {number}"
        if self.direction is Direction.LOWER:
            return f"≤ {number}"
        return f"= {number}"
