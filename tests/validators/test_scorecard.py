"""Scorecard-level rules, R1.4 pairing, and the report's shape."""

from __future__ import annotations

from service.core.models import Flag, FlagCode, FlagLevel, KpiRow
from tests.validators.builders import kpi
from tests.validators.roles import ROLES
from validators import Criterion, Severity, ValidationReport, validate_scorecard

SALES = ROLES["sales_rep"]


def _sales(name: str, **fields: str) -> KpiRow:
    base = {"owner": "Marco Diaz", "business_result": "Revenue", "cadence": "weekly"}
    return kpi(name=name, definition=name, **{**base, **fields})


def _rules(report: ValidationReport) -> set[str]:
    return {f.rule for f in report.scorecard.findings}


def test_activity_beside_its_outcome_only_warns() -> None:
    rows = [
        _sales("Discovery meetings held", unit="count", target="10"),
        _sales("Win rate", target="27"),
        _sales("CSAT of my customers", business_result="Customer satisfaction", target="90"),
    ]
    report = validate_scorecard(rows, role=SALES)
    meetings = report.results[0]
    (finding,) = [f for f in meetings.findings if f.rule == "R1.4-activity"]
    assert finding.severity is Severity.WARN
    assert meetings.accepted


def test_a_leading_indicator_names_the_outcome_it_leads() -> None:
    rows = [
        _sales("Discovery meetings held", unit="count", target="10", business_result="Pipeline"),
        _sales("Net new bookings", unit="$", target="40000", business_result="New revenue"),
    ]
    (finding,) = [
        f for f in validate_scorecard(rows, role=SALES).results[0].findings
        if f.rule == "R1.4-activity"
    ]  # fmt: skip
    assert "accepted as a leading indicator of 'Net new bookings' on this scorecard" in (
        finding.message
    )


def test_a_rejected_outcome_leads_nothing() -> None:
    rows = [
        _sales("Discovery meetings held", unit="count", target="10", business_result="Pipeline"),
        _sales("Company revenue", unit="$", target="2000000", business_result="Revenue"),
    ]
    meetings, revenue = validate_scorecard(rows, role=SALES).results
    assert not revenue.accepted  # company level
    assert not meetings.accepted


def test_only_a_count_naming_a_result_is_a_leading_indicator() -> None:
    rows = [
        _sales("Calls made", unit="count", target="100", business_result=""),
        _sales("Hours worked", unit="hours", target="40"),
        _sales("Win rate", target="27"),
    ]
    calls, hours, _ = validate_scorecard(rows, role=SALES).results
    assert not calls.accepted  # names no result, so it leads to nothing in particular
    assert not hours.accepted  # busy work is never a leading indicator


def test_activity_without_an_outcome_fails() -> None:
    rows = [
        _sales("Discovery meetings held", unit="count", target="10"),
        _sales("Calls made", unit="count", target="100"),
    ]
    report = validate_scorecard(rows, role=SALES)
    assert [v.accepted for v in report.results] == [False, False]


def test_activity_beside_an_outcome_in_another_area_fails() -> None:
    rows = [
        _sales("Collection emails sent", unit="count", target="50", business_result="Cash"),
        _sales("Win rate", target="27"),
    ]
    assert not validate_scorecard(rows).results[0].accepted


def test_results_keep_row_order_and_flags() -> None:
    stale = Flag(code=FlagCode.STALE, level=FlagLevel.DISCUSS, reason="No value.", fix="Fill.")
    rows = [kpi(name="Win rate"), kpi(name="DSO", unit="days", direction="lower")]
    report = validate_scorecard(rows, flags=[[], [stale]])
    assert [v.index for v in report.results] == [0, 1]
    assert [v.name for v in report.results] == ["Win rate", "DSO"]
    assert [f.rule for f in report.results[1].findings] == ["R3.6-stale"]


def test_short_flag_list_is_tolerated() -> None:
    report = validate_scorecard([kpi(), kpi(name="CSAT")], flags=[[]])
    assert len(report.results) == 2


def test_more_than_seven_kpis_for_one_owner_warns() -> None:
    rows = [kpi(name=f"Metric {i} error rate", direction="lower") for i in range(8)]
    (finding,) = [f for f in validate_scorecard(rows).scorecard.findings if "too-many" in f.rule]
    assert finding.severity is Severity.WARN
    assert "8 KPIs" in finding.message
    assert "R3.5-too-many" not in _rules(validate_scorecard(rows[:7]))


def test_duplicate_names_warn_after_normalising() -> None:
    rows = [kpi(name="Win rate"), kpi(name="  win RATES "), kpi(name="CSAT")]
    (finding,) = [f for f in validate_scorecard(rows).scorecard.findings if "dup" in f.rule]
    assert "rows 1, 2" in finding.message


def test_speed_without_quality_warns() -> None:
    rows = [
        kpi(name="First response time", unit="hours", direction="lower"),
        kpi(name="Tickets closed", unit="count", business_result="Customer retention"),
    ]
    assert "R3.4-unpaired-speed" in _rules(validate_scorecard(rows))
    paired = [*rows, kpi(name="CSAT", business_result="Customer satisfaction")]
    assert "R3.4-unpaired-speed" not in _rules(validate_scorecard(paired))


def test_every_kpi_on_one_result_warns() -> None:
    rows = [kpi(name="DSO", unit="days", direction="lower"), kpi(), kpi(name="CEI")]
    (finding,) = validate_scorecard(rows).scorecard.findings
    assert (finding.rule, finding.criterion) == ("R1.1-single-result", Criterion.DRIVES_RESULT)
    mixed = [*rows[:2], kpi(name="Reconciliation errors", business_result="Quality")]
    assert _rules(validate_scorecard(mixed)) == set()


def test_empty_scorecard() -> None:
    report = validate_scorecard([])
    assert report.results == ()
    assert report.scorecard.findings == ()


def test_report_json_shape() -> None:
    report = validate_scorecard([kpi(owner="")])
    data = report.model_dump(mode="json")
    verdict = data["results"][0]
    assert set(verdict) == {"index", "name", "accepted", "criteria", "verdict"}
    assert verdict["verdict"] == "✗ Rejected: in control"
    assert set(verdict["criteria"]) == {"drives_result", "in_control", "feedback_loop"}
    finding = verdict["criteria"]["in_control"]["findings"][0]
    assert set(finding) == {"rule", "criterion", "severity", "message", "suggestion"}
    assert verdict["criteria"]["in_control"]["status"] == "fail"
    assert data["scorecard"] == {"findings": []}
