"""How numbers read in a cell or a flag's reason: short, exact enough, plain for everyday sizes."""

from __future__ import annotations

import math
from collections.abc import Sequence

from service.core.models import Cadence

__all__ = ["format_number", "format_signed", "format_text", "format_values", "period_noun"]

_PERIOD_NOUNS = {Cadence.WEEKLY: "week", Cadence.MONTHLY: "month", Cadence.QUARTERLY: "quarter"}

_MINUS = "\u2212"  # a real minus sign reads better than a hyphen next to "+"


def format_number(number: float) -> str:
    """82 → "82", 79.456 → "79.46", 1250000 → "1.25e+06", 0.0042 → "0.0042"."""
    if not math.isfinite(number):
        return "∞" if number > 0 else ("-∞" if number < 0 else "?")
    size = abs(number)
    if size == 0:
        return "0"
    if size >= 1e6 or size < 0.01:
        return f"{number:.3g}"
    text = f"{number:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def format_signed(number: float) -> str:
    """A change with its sign spelled out: "+1.2", "−3", "0"."""
    text = format_number(abs(number))
    if number > 0:
        return f"+{text}"
    if number < 0:
        return f"{_MINUS}{text}"
    return text


def format_values(numbers: Sequence[float], *, limit: int = 6) -> str:
    """The last `limit` numbers, oldest first, with "…" when earlier ones are left out."""
    shown = [format_number(number) for number in numbers[-limit:]]
    if len(numbers) > limit:
        shown.insert(0, "…")
    return ", ".join(shown)


def format_text(text: str, *, limit: int = 24) -> str:
    """Text a person typed, quoted and cut short so one long cell cannot swamp a reason."""
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1].rstrip() + "…")


def period_noun(cadence: Cadence, count: int = 1) -> str:
    """The period's name for a cadence, plural unless `count` is 1: week, months, quarter."""
    noun = _PERIOD_NOUNS[cadence]
    return noun if count == 1 else f"{noun}s"
