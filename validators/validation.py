"""Judge KPI rows against the three criteria: one verdict per row, plus the scorecard."""

from __future__ import annotations

from collections.abc import Sequence

from service.core.models import Flag, KpiRow, RoleContext
from validators.control_rules import CONTROL_RULES
from validators.loop_rules import LOOP_RULES, usage_findings
from validators.profile import Measure, Profile, profile_of
from validators.result_rules import RESULT_RULES
from validators.scorecard_rules import scorecard_findings
from validators.subject import Rule, Subject
from validators.verdicts import (
    Criterion,
    CriterionResult,
    CriterionStatus,
    KpiVerdict,
    RoleUsed,
    ScorecardFindings,
    ValidationReport,
)

__all__ = ["RULES", "context_used", "role_used", "validate_kpi", "validate_scorecard"]

RULES: dict[Criterion, tuple[Rule, ...]] = {
    Criterion.DRIVES_RESULT: RESULT_RULES,
    Criterion.IN_CONTROL: CONTROL_RULES,
    Criterion.FEEDBACK_LOOP: LOOP_RULES,
}


def _judge(subject: Subject, flags: Sequence[Flag], index: int) -> KpiVerdict:
    criteria: dict[Criterion, CriterionResult] = {}
    for criterion, rules in RULES.items():
        findings = tuple(f for rule in rules if (f := rule(subject)) is not None)
        if flags and criterion is Criterion.FEEDBACK_LOOP:
            findings += usage_findings(flags)
        criteria[criterion] = CriterionResult.of(findings)
    accepted = all(r.status is not CriterionStatus.FAIL for r in criteria.values())
    return KpiVerdict(index=index, name=subject.row.name, accepted=accepted, criteria=criteria)


def validate_kpi(
    row: KpiRow,
    *,
    role: RoleContext | None = None,
    flags: Sequence[Flag] = (),
    index: int = 0,
) -> KpiVerdict:
    """Judge one KPI row on its own; an activity KPI has no outcome beside it here."""
    return _judge(Subject(row, profile_of(row, role), role), flags, index)


def _led(activity: Profile, outcomes: Sequence[tuple[KpiRow, Profile]]) -> str:
    """The outcome KPI on the scorecard that drives the same named result as `activity`.

    Only a real leading indicator is paired: the activity must name a business
    result, and an accepted outcome KPI beside it must name the same one.
    """
    if not activity.results:
        return ""
    for row, other in outcomes:
        if other.results & activity.results:
            return row.name.strip() or "an outcome KPI"
    return ""


def validate_scorecard(
    rows: Sequence[KpiRow],
    *,
    role: RoleContext | None = None,
    flags: Sequence[Sequence[Flag]] | None = None,
) -> ValidationReport:
    """Judge every row of one scorecard, in order, and the scorecard as a whole."""
    profiles = [profile_of(row, role) for row in rows]
    results = []
    for i, (row, profile) in enumerate(zip(rows, profiles, strict=True)):
        row_flags = flags[i] if flags is not None and i < len(flags) else ()
        results.append(_judge(Subject(row, profile, role), row_flags, i))
    # An activity KPI leads only to an outcome KPI that is itself accepted.
    outcomes = [
        (row, profile)
        for row, profile, verdict in zip(rows, profiles, results, strict=True)
        if profile.measure is Measure.RESULT and verdict.accepted
    ]
    for i, (row, profile) in enumerate(zip(rows, profiles, strict=True)):
        leads = _led(profile, outcomes) if profile.measure is Measure.ACTIVITY else ""
        if leads:
            row_flags = flags[i] if flags is not None and i < len(flags) else ()
            results[i] = _judge(Subject(row, profile, role, leads), row_flags, i)
    return ValidationReport(
        results=tuple(results),
        scorecard=ScorecardFindings(findings=scorecard_findings(rows, profiles)),
        role=role_used(role),
    )


def role_used(role: RoleContext | None) -> RoleUsed | None:
    """What a report says about the role context that judged it (None without a role)."""
    return None if role is None else context_used(role)


def context_used(role: RoleContext) -> RoleUsed:
    """Which template or general context `role` is, said the way a report says it."""
    requested = role.requested or role.role
    if role.recognised:
        note = f"Judged with the {role.title} template."
    else:
        note = (
            f"Role {requested!r} has no template; judged with the general context for {role.title}."
        )
    return RoleUsed(
        requested=requested,
        recognised=role.recognised,
        context=role.role,
        title=role.title,
        note=note,
    )
