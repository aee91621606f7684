"""Table-driven tests: each rule fires on the rows it is about, and only on those."""

from __future__ import annotations

from typing import Any

import pytest

from service.core.models import Flag, FlagCode, FlagLevel
from tests.validators.builders import kpi
from tests.validators.roles import ROLES
from validators import Criterion, Severity, validate_kpi

FAIL, WARN = Severity.FAIL, Severity.WARN

# (fields changed on a good row, role or None, rule id, severity)
FIRES: list[tuple[dict[str, Any], str | None, str, Severity]] = [
    # drives result
    ({"name": ""}, None, "R1.2-no-name", FAIL),
    ({"business_result": ""}, None, "R1.1-no-result", FAIL),
    ({"business_result": "Looks good in the board pack"}, None, "R1.1-no-result", FAIL),
    ({"business_result": "n/a"}, None, "R1.1-no-result", FAIL),
    ({"unit": ""}, None, "R1.2-no-unit", FAIL),
    ({"unit": "Y/N"}, None, "R1.2-yes-no", FAIL),
    ({"unit": "yes / no"}, None, "R1.2-yes-no", FAIL),
    ({"unit": "boolean"}, None, "R1.2-yes-no", FAIL),
    ({"target": "Done"}, None, "R1.2-yes-no", FAIL),
    (
        {"name": "Improve collections", "definition": "Do better at collecting"},
        None,
        "R1.2-vague",
        FAIL,
    ),
    ({"name": "Ensure compliance", "definition": ""}, None, "R1.2-vague", FAIL),
    (
        {"name": "Support the team", "definition": "Be there for colleagues"},
        None,
        "R1.2-vague",
        FAIL,
    ),
    ({"name": "Checklist completed each week"}, None, "R1.3-busy-work", FAIL),
    ({"name": "Completing the weekly checklist"}, None, "R1.3-busy-work", FAIL),
    ({"name": "# of meetings attended"}, None, "R1.3-busy-work", FAIL),
    ({"name": "Attendance at standup"}, None, "R1.3-busy-work", FAIL),
    ({"name": "Time spent on calls"}, None, "R1.3-busy-work", FAIL),
    ({"name": "Hours worked"}, None, "R1.3-busy-work", FAIL),
    ({"name": "Number of LOC written"}, None, "R1.3-busy-work", FAIL),
    ({"name": "Commits pushed"}, None, "R1.3-busy-work", FAIL),
    ({"name": "Story pts per sprint"}, None, "R1.3-busy-work", FAIL),
    ({"name": "Timesheets filled in on time"}, None, "R1.3-busy-work", FAIL),
    ({"name": "Tickets touched"}, None, "R1.3-busy-work", FAIL),
    ({"name": "1:1s held"}, None, "R1.3-busy-work", FAIL),
    (
        {"name": "Productivity", "definition": "Hours logged in Harvest"},
        None,
        "R1.3-busy-work",
        FAIL,
    ),
    ({"name": "Calls made"}, None, "R1.4-activity", FAIL),
    ({"name": "Emails sent"}, None, "R1.4-activity", FAIL),
    ({"name": "Discovery meetings held"}, None, "R1.4-activity", FAIL),
    ({"name": "DSO", "unit": "days", "direction": "higher"}, None, "R1.5-direction", WARN),
    ({"name": "Churn rate", "direction": "higher"}, None, "R1.5-direction", WARN),
    ({"name": "Win rate", "direction": "lower"}, None, "R1.5-direction", WARN),
    ({"name": "Total page views"}, None, "R1.6-vanity", WARN),
    ({"name": "All-time customers"}, None, "R1.6-vanity", WARN),
    # in control
    ({"owner": ""}, None, "R2.1-no-owner", FAIL),
    ({"owner": "TBD"}, None, "R2.1-no-owner", FAIL),
    ({"owner": "Finance team"}, None, "R2.1-group-owner", FAIL),
    ({"owner": "Everyone"}, None, "R2.1-group-owner", FAIL),
    ({"owner": "Sales dept"}, None, "R2.1-group-owner", FAIL),
    ({"owner": "Ops & Finance"}, None, "R2.1-group-owner", FAIL),
    ({"owner": "Ann and Bob"}, None, "R2.1-group-owner", FAIL),
    ({"owner": "Ann/Bob"}, None, "R2.1-group-owner", FAIL),
    ({"owner": "Ann, Bob, Cy"}, None, "R2.1-group-owner", FAIL),
    ({"owner": "🙂"}, None, "R2.1-group-owner", FAIL),
    ({"control": "none"}, None, "R2.2-no-control", FAIL),
    ({"control": "kind of"}, None, "R2.2-control-unclear", WARN),
    ({"control": "shared"}, None, "R2.3-shared", WARN),
    ({"name": "Net profit"}, None, "R2.4-company-result", FAIL),
    ({"name": "Total revenue"}, None, "R2.4-company-result", FAIL),
    ({"name": "EBITDA"}, None, "R2.4-company-result", FAIL),
    ({"name": "Market share"}, None, "R2.4-company-result", FAIL),
    ({"name": "Company NPS"}, None, "R2.4-company-result", FAIL),
    ({"name": "Org-wide lead time for changes"}, None, "R2.4-company-result", FAIL),
    (
        {"name": "Accrual accuracy", "definition": "company-wide accrual accuracy"},
        None,
        "R2.4-company-result",
        FAIL,
    ),
    ({"name": "Net profit before tax"}, "accounting_rep", "R2.4-company-result", FAIL),
    ({"definition": "Depends on when the customer pays"}, None, "R2.5-external", WARN),
    (
        {"name": "Supplier lead time", "unit": "days", "direction": "lower"},
        None,
        "R2.5-external",
        WARN,
    ),
    # feedback loop
    ({"cadence": "daily"}, None, "R3.1-cadence", FAIL),
    ({"cadence": "Yearly"}, None, "R3.1-cadence", FAIL),
    ({"cadence": ""}, None, "R3.1-cadence", FAIL),
    ({"cadence": "when I remember"}, None, "R3.1-cadence", FAIL),
    ({"review_forum": ""}, None, "R3.1-no-forum", FAIL),
    ({"review_forum": "none"}, None, "R3.1-no-forum", FAIL),
    ({"target": ""}, None, "R3.3-no-target", FAIL),
    ({"target": "TBD"}, None, "R3.3-no-target", FAIL),
    ({"target": "as good as possible"}, None, "R3.3-no-target", FAIL),
    ({"target": "1-2-3-" * 5000}, None, "R3.3-no-target", FAIL),
    ({"direction": ""}, None, "R3.3-no-direction", WARN),
    ({"target": "≤ 2", "direction": "higher"}, None, "R3.3-target-contradicts-direction", WARN),
    ({"target": "< 2", "direction": "higher"}, None, "R3.3-target-contradicts-direction", WARN),
    ({"target": ">= 95", "direction": "lower"}, None, "R3.3-target-contradicts-direction", WARN),
    (
        {"target": "outside 90–110", "direction": "in range"},
        None,
        "R3.3-target-contradicts-direction",
        WARN,
    ),
    ({"data_source": ""}, None, "R3.7-no-data-source", FAIL),
    ({"data_source": "My gut feel"}, None, "R3.7-unauditable-source", WARN),
    ({"data_source": "Self-reported estimate"}, None, "R3.7-unauditable-source", WARN),
    ({"last_reviewed": "last Tuesday"}, None, "R3.8-last-reviewed", WARN),
    ({"definition": ""}, None, "R3.9-no-definition", WARN),
]

# Rows that must NOT trigger the rule: near misses of each rule.
QUIET: list[tuple[dict[str, Any], str]] = [
    ({"name": "% of customer statements sent by business day 5"}, "R1.3-busy-work"),
    ({"name": "Invoices paid within terms"}, "R1.3-busy-work"),
    ({"name": "Tickets resolved within SLA"}, "R1.3-busy-work"),
    ({"name": "Orders shipped on time in full"}, "R1.3-busy-work"),
    ({"name": "Month-end close in working days", "unit": "days"}, "R1.3-busy-work"),
    ({"name": "Work orders completed within 2 hours"}, "R1.3-busy-work"),
    (
        {"name": "Lead time for changes", "definition": "Hours from first commit to deploy"},
        "R1.3-busy-work",
    ),
    ({"name": "Emails answered within 4 hours"}, "R1.4-activity"),
    ({"name": "Calls resolved on first contact"}, "R1.4-activity"),
    ({"name": "Meeting-to-opportunity conversion rate"}, "R1.3-busy-work"),
    ({"name": "Reduce DSO", "unit": "days", "direction": "lower"}, "R1.2-vague"),
    ({"name": "Improve CSAT to 90%"}, "R1.2-vague"),
    (
        {"name": "Revenue closed", "definition": "Closed-won revenue on my deals"},
        "R2.4-company-result",
    ),
    (
        {"name": "Net promoter score", "definition": "NPS of customers I served"},
        "R2.4-company-result",
    ),
    ({"owner": "Lopez, Maria"}, "R2.1-group-owner"),
    ({"owner": "maria.lopez@example.com"}, "R2.1-group-owner"),
    ({"owner": "Sales rep"}, "R2.1-group-owner"),
    (
        {"control": "shared", "definition": "Invoices on my accounts paid by due date"},
        "R2.3-shared",
    ),
    ({"target": "≥ 95%", "direction": ""}, "R3.3-no-direction"),
    ({"target": "= 0", "direction": ""}, "R3.3-no-direction"),
    ({"target": "outside 90–110", "direction": ""}, "R3.3-no-direction"),
    ({"target": "≥ 95%", "direction": "higher"}, "R3.3-target-contradicts-direction"),
    ({"target": "≤ 2", "direction": "lower"}, "R3.3-target-contradicts-direction"),
    ({"target": "= 0", "direction": "lower"}, "R3.3-target-contradicts-direction"),
    ({"target": "90–110", "direction": "higher"}, "R3.3-target-contradicts-direction"),
    ({"target": "90–100"}, "R3.3-no-target"),
    ({"target": "1,200"}, "R3.3-no-target"),
    ({"last_reviewed": ""}, "R3.8-last-reviewed"),
    ({"cadence": "Every quarter"}, "R3.1-cadence"),
    ({"name": "Visitor-to-lead rate"}, "R1.6-vanity"),
]


def _rules(row_fields: dict[str, Any], role: str | None) -> dict[str, Severity]:
    verdict = validate_kpi(kpi(**row_fields), role=ROLES[role] if role else None)
    return {f.rule: f.severity for f in verdict.findings}


def test_good_row_has_no_findings() -> None:
    verdict = validate_kpi(kpi())
    assert verdict.accepted
    assert verdict.findings == ()
    assert verdict.summary() == "✓ Accepted"


@pytest.mark.parametrize(("fields", "role", "rule", "severity"), FIRES)
def test_rule_fires(
    fields: dict[str, Any], role: str | None, rule: str, severity: Severity
) -> None:
    found = _rules(fields, role)
    assert found.get(rule) == severity, found


@pytest.mark.parametrize(("fields", "rule"), QUIET)
def test_rule_stays_quiet_on_near_misses(fields: dict[str, Any], rule: str) -> None:
    assert rule not in _rules(fields, None)


@pytest.mark.parametrize(("fields", "role", "rule", "severity"), FIRES)
def test_fail_rejects_and_warn_does_not(
    fields: dict[str, Any], role: str | None, rule: str, severity: Severity
) -> None:
    verdict = validate_kpi(kpi(**fields), role=ROLES[role] if role else None)
    failing = [f for f in verdict.findings if f.severity is FAIL]
    assert verdict.accepted is (not failing)
    if severity is FAIL:
        assert not verdict.accepted


def test_role_suggestion_is_named_for_busy_work() -> None:
    row = kpi(name="Collection emails sent", unit="count", target="50")
    verdict = validate_kpi(row, role=ROLES["accounting_rep"])
    (finding,) = [f for f in verdict.findings if f.rule == "R1.4-activity"]
    named = [
        s.name for s in ROLES["accounting_rep"].suggestions if f"'{s.name}'" in finding.suggestion
    ]
    assert named, finding.suggestion


def test_role_company_results_are_company_level() -> None:
    row = kpi(name="Org-wide deployment frequency", unit="deploys")
    verdict = validate_kpi(row, role=ROLES["software_engineer"])
    assert verdict.criteria[Criterion.IN_CONTROL].status == "fail"


def test_role_outcomes_count_as_business_results() -> None:
    row = kpi(business_result="Faster month-end close")
    assert "R1.1-no-result" not in _rules(row.model_dump(), "accounting_rep")


USAGE = [
    (FlagCode.STALE, "R3.6-stale"),
    (FlagCode.NOT_REVIEWED, "R3.6-not-reviewed"),
    (FlagCode.ALWAYS_GREEN, "R3.6-always-green"),
    (FlagCode.CHRONIC, "R3.6-chronic"),
    (FlagCode.BAD_VALUE, "R3.6-bad-value"),
]


@pytest.mark.parametrize(("code", "rule"), USAGE)
def test_usage_flags_become_warnings(code: FlagCode, rule: str) -> None:
    flag = Flag(code=code, level=FlagLevel.WATCH, reason="Why it was flagged.", fix="Do this.")
    verdict = validate_kpi(kpi(), flags=[flag])
    (finding,) = verdict.criteria[Criterion.FEEDBACK_LOOP].findings
    assert (finding.rule, finding.severity) == (rule, WARN)
    assert (finding.message, finding.suggestion) == ("Why it was flagged.", "Do this.")
    assert verdict.accepted
    assert verdict.summary() == "✓ Accepted (1 warning)"


def test_performance_flags_are_not_validity_findings() -> None:
    flag = Flag(code=FlagCode.OUTLIER, level=FlagLevel.INFO, reason="Spike.", fix="Look.")
    assert validate_kpi(kpi(), flags=[flag]).findings == ()
