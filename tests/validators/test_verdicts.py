"""Verdict texts: the cell summary and the note."""

from __future__ import annotations

from tests.validators.builders import kpi
from validators import validate_kpi


def test_summary_and_note_for_a_rejected_kpi() -> None:
    verdict = validate_kpi(kpi(name="Net profit", business_result="", owner="Team"))
    assert verdict.summary() == "✗ Rejected: drives result, in control"
    lines = verdict.note().splitlines()
    assert lines[0].startswith("✗ [drives result] Business result is blank")
    assert all(" → " in line for line in lines)
    assert any(line.startswith("✗ [in control]") for line in lines)


def test_summary_counts_warnings() -> None:
    verdict = validate_kpi(kpi(definition="", direction=""))
    assert verdict.summary() == "✓ Accepted (2 warnings)"
    assert all(line.startswith("⚠ [feedback loop]") for line in verdict.note().splitlines())


def test_note_for_a_clean_kpi() -> None:
    assert validate_kpi(kpi()).note() == "✓ Meets all three criteria."


def test_all_three_criteria_always_present() -> None:
    assert set(validate_kpi(kpi()).criteria) == {"drives_result", "in_control", "feedback_loop"}
