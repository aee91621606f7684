"""Criterion 3: the KPI provides a feedback loop the team will actually use.

A blank data source FAILS: a number with no source stops arriving, and "values
keep arriving" is part of the criterion. A source nobody else can check (an
estimate, a gut feel) only WARNS.

Usage evidence arrives as flags computed elsewhere from the period values; the
rules here turn the flags about use (stale, not reviewed, always green,
chronic misses, unreadable values) into warnings and never recompute history.
Flags about performance (a worsening trend, an outlier) are the scorecard's
business, not the KPI's validity, so they are left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from service.core.models import (
    Direction,
    Flag,
    FlagCode,
    ParseError,
    parse_cadence,
    parse_date,
    parse_direction,
    parse_target,
)
from validators.advice import source_example
from validators.lexicon import Kind, words
from validators.subject import Rule, Subject, finding, is_blank, on_fields, quoted
from validators.verdicts import Criterion, Finding, Severity
from validators.wording import read

__all__ = ["LOOP_RULES", "USAGE_FLAGS", "usage_findings"]

_C = Criterion.FEEDBACK_LOOP
USAGE_FLAGS: frozenset[FlagCode] = frozenset(
    {
        FlagCode.STALE,
        FlagCode.NOT_REVIEWED,
        FlagCode.ALWAYS_GREEN,
        FlagCode.CHRONIC,
        FlagCode.BAD_VALUE,
    }
)
_TOO_OFTEN = words("daily day days hourly hour hours realtime live shift continuous")
_TOO_RARE = words("year years annual annually yearly semi half biannual biannually")
_WORD = re.compile(r"[a-z]+")
# Longer targets are not numbers; they are not worth the parser's time either.
_MAX_TARGET_CHARS = 100
_OPERATORS = ("<", ">", "≤", "≥", "at least", "at most", "under", "over", "below", "above")


@on_fields("cadence")
def cadence(text: str) -> Finding | None:
    """R3.1: a value every week, month or quarter; daily and yearly are findings."""
    try:
        parse_cadence(text)
    except ParseError as exc:
        words = set(_WORD.findall(text[:200].lower()))
        if words & _TOO_OFTEN:
            message = f"Cadence {quoted(text)} is too frequent to review as a team."
            fix = "Roll it up to weekly and review the weekly value."
        elif words & _TOO_RARE:
            message = f"Cadence {quoted(text)} arrives too rarely to act on."
            fix = "Track it quarterly, or pick a monthly driver of it."
        else:
            message, fix = str(exc), "Set Cadence to weekly, monthly or quarterly."
        return finding("R3.1-cadence", _C, Severity.FAIL, message, fix)
    return None


@on_fields("review_forum")
def review_forum(text: str) -> Finding | None:
    """R3.1: someone must look at the number, in a named meeting or by a named person."""
    if not is_blank(text):
        return None
    return finding(
        "R3.1-no-forum", _C, Severity.FAIL,
        "'Reviewed in' is blank, so nobody is set to look at this number.",
        "Name the meeting or person that reviews it, e.g. 'Weekly team meeting'.",
    )  # fmt: skip


@on_fields("target")
def target(text: str) -> Finding | None:
    """R3.3: a target gives each value a pass/fail signal."""
    if is_blank(text):
        message = "Target is blank, so no value can be on or off track."
    elif len(text) > _MAX_TARGET_CHARS:
        message = f"Target {quoted(text)} is not a number."
    else:
        try:
            parse_target(text)
        except ParseError as exc:
            message = str(exc)
        else:
            return None
    return finding(
        "R3.3-no-target", _C, Severity.FAIL, message,
        "Set a number from the last few periods' baseline, e.g. 95 or a range 90–100.",
    )  # fmt: skip


def direction_known(s: Subject) -> Finding | None:
    """R3.3: without 'Better when' (or an operator in the target) status cannot be judged."""
    return _direction_known(s.row.direction, s.row.target, s.profile.direction)


@lru_cache(maxsize=4_096)
def _direction_known(text: str, target_text: str, guess: Direction | None) -> Finding | None:
    try:
        parse_direction(text)
    except ParseError:
        target_text = target_text.strip().lower()
        if is_blank(target_text) or any(op in target_text for op in _OPERATORS):
            return None
        fix = f"Set it to '{guess.value}'." if guess else "Set it to higher, lower or in range."
        return finding(
            "R3.3-no-direction", _C, Severity.WARN,
            "'Better when' is missing, so a value cannot be judged against the target.", fix,
        )  # fmt: skip
    return None


def data_source(s: Subject) -> Finding | None:
    """R3.7: the number comes from somewhere anyone can check."""
    if is_blank(s.row.data_source):
        return finding(
            "R3.7-no-data-source", _C, Severity.FAIL,
            "Data source is blank, so values will stop arriving.",
            f"Name the system or report the number comes from, e.g. "
            f"'{source_example(s.row, s.role)}'.",
        )  # fmt: skip
    return _auditable(s.row.data_source)


@lru_cache(maxsize=4_096)
def _auditable(text: str) -> Finding | None:
    if read(text).has(Kind.UNAUDITABLE):
        return finding(
            "R3.7-unauditable-source", _C, Severity.WARN,
            f"Data source {quoted(text)} cannot be checked by anyone else.",
            "Take the number from a system of record, or have someone else record it.",
        )  # fmt: skip
    return None


@on_fields("last_reviewed")
def last_reviewed(text: str) -> Finding | None:
    """R3.8: 'Last reviewed' is optional, but when filled it must be a date."""
    if is_blank(text):
        return None
    try:
        parse_date(text)
    except ParseError as exc:
        return finding(
            "R3.8-last-reviewed", _C, Severity.WARN, str(exc),
            "Type the date of the last review as YYYY-MM-DD, or leave it blank.",
        )  # fmt: skip
    return None


def definition(s: Subject) -> Finding | None:
    """R3.9: a stranger should be able to compute the value from the definition."""
    if s.row.definition.strip():
        return None
    return finding(
        "R3.9-no-definition", _C, Severity.WARN,
        "Definition is blank, so people may compute the number differently.",
        "Write how a stranger would compute it: what is counted, over which period, from where.",
    )  # fmt: skip


def usage_findings(flags: Sequence[Flag]) -> tuple[Finding, ...]:
    """R3.6: the usage flags of a KPI's history, as warnings."""
    seen: set[FlagCode] = set()
    found: list[Finding] = []
    for flag in flags:
        if flag.code not in USAGE_FLAGS or flag.code in seen:
            continue
        seen.add(flag.code)
        reason = flag.reason.strip() or f"Flagged {flag.code.value.replace('_', ' ')}."
        fix = flag.fix.strip() or "Raise the target, fix the process, or retire the KPI."
        found.append(
            finding(f"R3.6-{flag.code.value.replace('_', '-')}", _C, Severity.WARN, reason, fix)
        )
    return tuple(found)


LOOP_RULES: tuple[Rule, ...] = (
    cadence,
    review_forum,
    target,
    direction_known,
    data_source,
    last_reviewed,
    definition,
)
