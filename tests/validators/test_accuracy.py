"""The labelled set: accept/reject accuracy and the criterion each reject fails."""

from __future__ import annotations

from collections import Counter

from tests.validators.cases import CASES
from tests.validators.roles import ROLES
from validators import Criterion, CriterionStatus, validate_kpi

MIN_ACCURACY = 0.95


def test_labelled_set_is_broad() -> None:
    per_role = Counter(case.role for case in CASES)
    assert len(CASES) >= 120
    assert set(per_role) == set(ROLES)
    assert min(per_role.values()) >= 15
    assert all(case.fails is not None for case in CASES if not case.accepted)


def test_accept_reject_accuracy() -> None:
    verdicts = [validate_kpi(c.row, role=ROLES[c.role], index=i) for i, c in enumerate(CASES)]
    right = [v.accepted == c.accepted for v, c in zip(verdicts, CASES, strict=True)]
    accuracy = sum(right) / len(CASES)
    wrong = [f"{c.role}: {c.row.name!r}" for c, r in zip(CASES, right, strict=True) if not r]
    print(f"\nvalidator accuracy on {len(CASES)} labelled KPIs: {accuracy:.1%}")
    assert accuracy >= MIN_ACCURACY, wrong


def test_every_reject_fails_its_criterion() -> None:
    missed = []
    for case in CASES:
        if case.accepted or case.fails is None:
            continue
        verdict = validate_kpi(case.row, role=ROLES[case.role])
        if verdict.criteria[case.fails].status is not CriterionStatus.FAIL:
            missed.append(f"{case.role}: {case.row.name!r} should fail {case.fails}")
    assert missed == []


def test_role_template_kpis_drive_results() -> None:
    # Template KPIs fail criterion 1 only as activity judged alone (R1.4), never otherwise.
    for role in ROLES.values():
        for row in role.suggestions:
            verdict = validate_kpi(row, role=role)
            failed = {
                f.rule
                for f in verdict.criteria[Criterion.DRIVES_RESULT].findings
                if f.severity == "fail"
            }
            assert failed <= {"R1.4-activity"}, (role.role, row.name, verdict.note())
