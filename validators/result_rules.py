"""Criterion 1: the KPI drives a real result for the business.

What a KPI counts is read from its own name and definition; the business
result says what it drives and never turns busy work into a result.

R1.4 (activity KPIs) is a decision, not a quirk: outreach volume such as
"discovery meetings held" or "calls made" is a real leading indicator, so it
only WARNS when an outcome KPI naming the same business result sits on the
same scorecard, and the verdict names that KPI ("accepted as a leading
indicator of 'Win rate' on this scorecard"); judged alone, or with no such
outcome beside it, it FAILS, because on its own it is activity rather than a
result. Busy work (effort, attendance, internal output) is never paired.
"""

from __future__ import annotations

from service.core.models import Direction, ParseError, parse_direction
from validators.advice import instead, replacement_for_busy
from validators.lexicon import BOOLEAN_UNITS, Kind, Outcome
from validators.profile import Busy, Measure
from validators.shape import shape_of
from validators.subject import Rule, Subject, finding, is_blank, on_fields, quoted
from validators.verdicts import Criterion, Finding, Severity
from validators.wording import MAX_CHARS

__all__ = ["RESULT_RULES"]

_C = Criterion.DRIVES_RESULT
_OUTCOMES = tuple(Outcome)  # iterating the enum itself is slow on a hot path
_OUTCOME_LIST = ", ".join(o.value for o in _OUTCOMES)


def no_name(s: Subject) -> Finding | None:
    """R1.2: a KPI needs a name before anyone can act on it."""
    if s.row.name.strip():
        return None
    return finding(
        "R1.2-no-name", _C, Severity.FAIL, "The KPI has no name.",
        "Give it a short name that says what is counted, e.g. '% of orders delivered on time'.",
    )  # fmt: skip


def no_result(s: Subject) -> Finding | None:
    """R1.1: the business result is blank or names no recognised outcome."""
    if s.profile.results:
        return None
    guess = next((o for o in _OUTCOMES if o in s.profile.implied), None)
    hint = (
        f"Write '{guess.value}' in Business result if that is what it moves"
        if guess
        else f"Name the result it moves: {_OUTCOME_LIST}"
    )
    if is_blank(s.row.business_result):
        message = "Business result is blank, so nothing ties this KPI to an outcome."
    else:
        message = (
            f"Business result {quoted(s.row.business_result)} is not a business outcome "
            f"({_OUTCOME_LIST}{' or this role’s outcomes' if s.role else ''})."
        )
    return finding("R1.1-no-result", _C, Severity.FAIL, message, hint + ".")


@on_fields("unit", "target")
def no_unit(unit_text: str, target_text: str) -> Finding | None:
    """R1.2: a KPI is a number with a unit; yes/no is not a number."""
    unit = unit_text.strip().lower()
    target = target_text.strip().lower()
    if unit in BOOLEAN_UNITS or target in BOOLEAN_UNITS:
        return finding(
            "R1.2-yes-no", _C, Severity.FAIL,
            "A yes/no KPI only says whether something was done, not how well the business did.",
            "Count the result instead, with unit '%': e.g. '% of <what the task protects> "
            "right first time' or '% of <what you deliver> on time'.",
        )  # fmt: skip
    if not unit:
        return finding(
            "R1.2-no-unit", _C, Severity.FAIL, "Unit is blank, so the number cannot be read.",
            "Set the unit: %, $, count, days or hours.",
        )  # fmt: skip
    return None


def vague(s: Subject) -> Finding | None:
    """R1.2: "improve / ensure / support …" with no number to compute."""
    name, definition = s.profile.name, s.profile.definition
    if not shape_of(s.row.name).intent or s.profile.measure is not Measure.RESULT:
        return None
    if any(c.isdigit() for c in s.row.name[:MAX_CHARS] + s.row.definition[:MAX_CHARS]):
        return None
    if any(w.has(k) for w in (name, definition) for k in (Kind.MEASURE, Kind.RATE, Kind.SPEED)):
        return None
    return finding(
        "R1.2-vague", _C, Severity.FAIL,
        f"{quoted(s.row.name)} is an intention, not a number anyone can compute.",
        instead(s.row, s.profile, s.role, "Name the number that would show it: a rate "
                "('% of … on time'), failures ('complaints per 100 …') or a score "
                "('satisfaction out of 10')."),
    )  # fmt: skip


def busy_work(s: Subject) -> Finding | None:
    """R1.3: counts effort, attendance or internal paperwork instead of a result."""
    if s.profile.measure is not Measure.BUSY:
        return None
    return finding(
        "R1.3-busy-work", _C, Severity.FAIL,
        f"{quoted(s.row.name)} counts {s.profile.busy.value}, which is busy work, "
        "not a result the business feels.",
        replacement_for_busy(s.row, s.profile, s.role),
    )  # fmt: skip


def activity(s: Subject) -> Finding | None:
    """R1.4: outreach volume is a leading indicator only next to the outcome it feeds."""
    if s.profile.measure is not Measure.ACTIVITY:
        return None
    suggestion = replacement_for_busy(s.row, s.profile, s.role)
    if s.leads:
        return finding(
            "R1.4-activity", _C, Severity.WARN,
            f"{quoted(s.row.name)} counts {Busy.OUTREACH.value}; accepted as a leading "
            f"indicator of {quoted(s.leads)} on this scorecard.",
            "Keep it beside that outcome KPI and drop it if the outcome does not move.",
        )  # fmt: skip
    return finding(
        "R1.4-activity", _C, Severity.FAIL,
        f"{quoted(s.row.name)} counts {Busy.OUTREACH.value} with no outcome KPI beside it, "
        "so it rewards activity rather than results.",
        f"Pair it with an outcome KPI on the same scorecard. {suggestion}",
    )  # fmt: skip


def direction(s: Subject) -> Finding | None:
    """R1.5: the declared direction contradicts what the KPI's words mean."""
    expected = s.profile.direction
    if expected is None:
        return None
    try:
        declared = parse_direction(s.row.direction)
    except ParseError:
        return None
    if declared is Direction.RANGE or declared is expected:
        return None
    return finding(
        "R1.5-direction", _C, Severity.WARN,
        f"{quoted(s.row.name)} is usually better {expected.value}, "
        f"but 'Better when' says {declared.value}.",
        f"Set 'Better when' to '{expected.value}', or rename the KPI if it means the opposite.",
    )  # fmt: skip


def vanity(s: Subject) -> Finding | None:
    """R1.6: cumulative or vanity wording instead of a per-period rate."""
    name = s.profile.name
    if not name.has(Kind.VANITY) or (name.has(Kind.RATE) and "open rate" not in name.raw):
        return None
    return finding(
        "R1.6-vanity", _C, Severity.WARN,
        f"{quoted(s.row.name)} is a cumulative or vanity count: it grows whatever anyone does.",
        instead(s.row, s.profile, s.role,
                "Track a per-period rate that leads to a result, e.g. '% of enquiries that "
                "book' or '% of sign-ups still active after 30 days'."),
    )  # fmt: skip


RESULT_RULES: tuple[Rule, ...] = (
    no_name,
    no_result,
    no_unit,
    vague,
    busy_work,
    activity,
    direction,
    vanity,
)
