"""Verdicts are data: what each rule found about a KPI, and the overall call.

`Finding.criterion` is kept in the JSON dump: a scorecard-level finding has no
criterion key around it, so the field is what says which criterion it is about.
"""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field, computed_field

__all__ = [
    "Criterion",
    "CriterionResult",
    "CriterionStatus",
    "Finding",
    "KpiVerdict",
    "RoleUsed",
    "ScorecardFindings",
    "Severity",
    "ValidationReport",
]


class Criterion(StrEnum):
    """The three criteria every KPI must meet."""

    DRIVES_RESULT = "drives_result"
    IN_CONTROL = "in_control"
    FEEDBACK_LOOP = "feedback_loop"

    @property
    def label(self) -> str:
        """The criterion as a manager reads it: "drives result"."""
        return self.value.replace("_", " ")

    @property
    def heading(self) -> str:
        """The criterion as a heading a manager reads first: "Drives a business result"."""
        return _HEADINGS[self]


_HEADINGS = {
    Criterion.DRIVES_RESULT: "Drives a business result",
    Criterion.IN_CONTROL: "Within the owner's control",
    Criterion.FEEDBACK_LOOP: "A feedback loop the team uses",
}


class Severity(StrEnum):
    """How much a finding weighs: a FAIL rejects the KPI, a WARN only advises."""

    FAIL = "fail"
    WARN = "warn"


class CriterionStatus(StrEnum):
    """Where a KPI stands on one criterion."""

    PASS = "pass"  # noqa: S105 - a verdict, not a password
    WARN = "warn"
    FAIL = "fail"


class Finding(BaseModel):
    """One rule's observation: which rule, why, and what to change."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rule: str = Field(min_length=1)
    criterion: Criterion
    severity: Severity
    message: str = Field(min_length=1)
    suggestion: str = Field(min_length=1)

    def line(self) -> str:
        """One plain-text line: "✗ [drives result] message → suggestion"."""
        mark = "✗" if self.severity is Severity.FAIL else "⚠"
        return f"{mark} [{self.criterion.label}] {self.message} → {self.suggestion}"


class CriterionResult(BaseModel):
    """A KPI's standing on one criterion, with the findings behind it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    status: CriterionStatus
    findings: tuple[Finding, ...] = ()

    @classmethod
    def of(cls, findings: tuple[Finding, ...]) -> CriterionResult:
        """The result that `findings` add up to: any FAIL fails, any WARN warns."""
        return _result_of(findings)


@lru_cache(maxsize=16_384)
def _result_of(findings: tuple[Finding, ...]) -> CriterionResult:
    # Results are immutable and repeat across rows, so identical ones are shared.
    severities = {finding.severity for finding in findings}
    if Severity.FAIL in severities:
        status = CriterionStatus.FAIL
    elif severities:
        status = CriterionStatus.WARN
    else:
        status = CriterionStatus.PASS
    return CriterionResult(status=status, findings=findings)


class KpiVerdict(BaseModel):
    """The verdict on one KPI row: accepted unless a rule fails."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    index: int
    name: str
    accepted: bool
    criteria: dict[Criterion, CriterionResult]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def verdict(self) -> str:
        """The verdict as the sheet's Verdict cell shows it (see `summary`)."""
        return self.summary()

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding, in criterion order."""
        return tuple(f for criterion in Criterion for f in self.criteria[criterion].findings)

    def summary(self) -> str:
        """Short cell text: "✓ Accepted", "✓ Accepted (2 warnings)", "✗ Rejected: in control"."""
        if not self.accepted:
            failed = [c.label for c in Criterion if self.criteria[c].status is CriterionStatus.FAIL]
            return "✗ Rejected: " + ", ".join(failed)
        warnings = sum(f.severity is Severity.WARN for f in self.findings)
        if warnings == 0:
            return "✓ Accepted"
        return f"✓ Accepted ({warnings} warning{'s' if warnings > 1 else ''})"

    def note(self) -> str:
        """Multi-line plain text listing each finding with its suggestion."""
        lines = [finding.line() for finding in self.findings]
        return "\n".join(lines) if lines else "✓ Meets all three criteria."


class ScorecardFindings(BaseModel):
    """Findings about the scorecard as a whole (size, duplicates, balance)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    findings: tuple[Finding, ...] = ()


class RoleUsed(BaseModel):
    """Which context judged the KPIs: the role's template, or a general context."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    requested: str = Field(description="The role as it was sent.")
    recognised: bool = Field(description="Whether a role template matched it.")
    context: str = Field(description="Id of the template or general context that judged it.")
    title: str = Field(description="That context as a person reads it.")
    note: str = Field(description="One line saying which context judged the KPIs.")


class ValidationReport(BaseModel):
    """Verdicts for every row, in row order, plus the scorecard-level findings."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    results: tuple[KpiVerdict, ...]
    scorecard: ScorecardFindings
    role: RoleUsed | None = None

    @property
    def accepted_count(self) -> int:
        """How many rows were accepted."""
        return sum(verdict.accepted for verdict in self.results)
