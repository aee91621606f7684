"""The three criteria as rules: every KPI row gets an explainable verdict.

    validate_kpi(row, role=..., flags=...)         -> KpiVerdict
    validate_scorecard(rows, role=..., flags=...)  -> ValidationReport
    general_context(role_text)                     -> RoleContext for a role with no template

A KPI is accepted when no rule FAILS. Each finding names its rule, criterion,
severity, a message a manager understands and a concrete suggestion. Pure:
no I/O, no clock; history is judged only through the flags passed in.
"""

from validators.general import general_context, role_key
from validators.lexicon import Outcome
from validators.validation import RULES, validate_kpi, validate_scorecard
from validators.verdicts import (
    Criterion,
    CriterionResult,
    CriterionStatus,
    Finding,
    KpiVerdict,
    RoleUsed,
    ScorecardFindings,
    Severity,
    ValidationReport,
)

__all__ = [
    "RULES",
    "Criterion",
    "CriterionResult",
    "CriterionStatus",
    "Finding",
    "KpiVerdict",
    "Outcome",
    "RoleUsed",
    "ScorecardFindings",
    "Severity",
    "ValidationReport",
    "general_context",
    "role_key",
    "validate_kpi",
    "validate_scorecard",
]
