"""Accuracy of the validators on the labelled sets, per category and per kind of role.

Every case is judged the way the service judges a request: its role string
goes through the catalogue (`TemplateCatalog.context_for`), so a template role
typed any way is judged with its template and any other role with a general
context. A case is right when the accept/reject call matches its label and,
for a reject, its labelled criterion fails.

Print the table: .venv/bin/python -m tests.validators.accuracy
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from service.workflows.catalog import TemplateCatalog
from tests.validators.cases import CASES, Case
from tests.validators.cases_probes import PROBE_CASES
from tests.validators.cases_sectors import SECTOR_CASES
from validators import CriterionStatus, KpiVerdict, validate_kpi

FIRST_SET = "six roles (first set)"
CATALOG = TemplateCatalog()
ALL_CASES: tuple[Case, ...] = (*CASES, *SECTOR_CASES, *PROBE_CASES)


def category(case: Case) -> str:
    """The category a case was written for."""
    return str(getattr(case, "category", "")) or FIRST_SET


def in_catalogue(case: Case) -> bool:
    """Whether a template judges the case's role."""
    return CATALOG.match(case.role) is not None


def judge(case: Case) -> KpiVerdict:
    """The verdict on a case, through the same role path as the service."""
    return validate_kpi(case.row, role=CATALOG.context_for(case.role))


def is_right(case: Case, verdict: KpiVerdict) -> bool:
    """Whether the verdict matches the label, and a reject fails its labelled criterion."""
    if verdict.accepted != case.accepted:
        return False
    return case.fails is None or verdict.criteria[case.fails].status is CriterionStatus.FAIL


@dataclass(frozen=True)
class Line:
    """One line of the accuracy table."""

    label: str
    right: int
    total: int

    @property
    def accuracy(self) -> float:
        """Share of cases judged right."""
        return self.right / self.total if self.total else 0.0


def _line(label: str, marks: Iterable[bool]) -> Line:
    marks = list(marks)
    return Line(label, sum(marks), len(marks))


def accuracy_table(cases: tuple[Case, ...] = ALL_CASES) -> list[Line]:
    """Accuracy per category, for catalogue roles and other roles, and overall."""
    marked = [(case, is_right(case, judge(case))) for case in cases]
    categories = list(dict.fromkeys(category(case) for case in cases))
    lines = [_line(name, (r for c, r in marked if category(c) == name)) for name in categories]
    lines.append(_line("catalogue roles", (r for c, r in marked if in_catalogue(c))))
    lines.append(_line("other roles", (r for c, r in marked if not in_catalogue(c))))
    lines.append(_line("overall", (r for _, r in marked)))
    return lines


def render(lines: list[Line]) -> str:
    """The table as Markdown, the way the README shows it."""
    rows = ["| cases | right | accuracy |", "|---|---:|---:|"]
    rows += [
        f"| {line.label} ({line.total}) | {line.right} | {line.accuracy:.1%} |" for line in lines
    ]
    return "\n".join(rows)


if __name__ == "__main__":
    print(render(accuracy_table()))
