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
    ScorecardFindings,
    ValidationReport,
)

__all__ = ["RULES", "validate_kpi", "validate_scorecard"]

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


def _paired(activity: Profile, profiles: Sequence[Profile]) -> bool:
    """Whether an outcome KPI on the scorecard drives the result `activity` names."""
    return any(
        other.measure is Measure.RESULT
        and bool(other.results)
        and (not activity.results or bool(other.results & activity.results))
        for other in profiles
    )


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
        paired = profile.measure is Measure.ACTIVITY and _paired(profile, profiles)
        row_flags = flags[i] if flags is not None and i < len(flags) else ()
        results.append(_judge(Subject(row, profile, role, paired), row_flags, i))
    return ValidationReport(
        results=tuple(results),
        scorecard=ScorecardFindings(findings=scorecard_findings(rows, profiles)),
    )
