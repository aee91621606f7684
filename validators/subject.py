"""What every rule receives: the row, what its wording says, and its context."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, update_wrapper
from operator import attrgetter

from service.core.models import KpiRow, RoleContext
from validators.lexicon import PLACEHOLDERS
from validators.profile import Profile
from validators.verdicts import Criterion, Finding, Severity

__all__ = ["Rule", "Subject", "finding", "is_blank", "on_fields", "quoted"]


@dataclass(frozen=True, slots=True)
class Subject:
    """One KPI row under judgement."""

    row: KpiRow
    profile: Profile
    role: RoleContext | None
    # The outcome KPI on the same scorecard that this activity KPI leads to (see R1.4).
    leads: str = ""


Rule = Callable[[Subject], "Finding | None"]


def is_blank(text: str) -> bool:
    """Whether a cell is empty or holds a placeholder ("n/a", "TBD", "?")."""
    stripped = text.strip().lower()
    return not stripped or stripped in PLACEHOLDERS


def quoted(text: str, limit: int = 60) -> str:
    """A cell value as a short quotation for a message."""
    flat = " ".join(text.split())
    return f"'{flat[: limit - 1]}…'" if len(flat) > limit else f"'{flat}'"


def finding(
    rule: str, criterion: Criterion, severity: Severity, message: str, suggestion: str
) -> Finding:
    """Build a Finding; a shorthand the rule modules share."""
    # Findings are immutable and repeat across rows (same owner, same cadence…),
    # so identical ones are built once.
    return _finding(rule, criterion, severity, message, suggestion)


@lru_cache(maxsize=16_384)
def _finding(
    rule: str, criterion: Criterion, severity: Severity, message: str, suggestion: str
) -> Finding:
    return Finding(
        rule=rule, criterion=criterion, severity=severity, message=message, suggestion=suggestion
    )


def on_fields(*fields: str) -> Callable[[Callable[..., Finding | None]], Rule]:
    """Make a rule of a check that reads only `fields` of the row; cached by their values."""

    get = attrgetter(*fields)

    def wrap(check: Callable[..., Finding | None]) -> Rule:
        cached = lru_cache(maxsize=4_096)(check)

        def one(s: Subject) -> Finding | None:
            return cached(get(s.row))

        def several(s: Subject) -> Finding | None:
            return cached(*get(s.row))

        return update_wrapper(one if len(fields) == 1 else several, check)

    return wrap
