"""Properties: odd input never crashes, verdicts are deterministic and always explain."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from service.core.models import DEFINITION_FIELDS, KpiRow, RoleContext
from tests.validators.roles import ROLES
from validators import validate_kpi, validate_scorecard

FIELDS = [field.name for field in DEFINITION_FIELDS]
VOCABULARY = (
    "hours worked checklist completed % of invoices paid within terms team and DSO TBD "
    "weekly daily yearly none shared direct Y/N 95 90–100 ≥ lower higher 🙂 — ,/& revenue "
    "net profit company-wide calls made emails sent discovery meetings held"
)
WORDS = st.sampled_from(VOCABULARY.split(" "))
TEXT = st.one_of(
    st.text(max_size=80),
    st.lists(WORDS, max_size=8).map(" ".join),
    st.just(""),
)
ROWS = st.fixed_dictionaries({}, optional={field: TEXT for field in FIELDS}).map(
    lambda fields: KpiRow(**fields)
)
ROLE = st.one_of(st.none(), st.sampled_from(sorted(ROLES)).map(ROLES.__getitem__))


@settings(max_examples=300, deadline=None)
@given(row=ROWS, role=ROLE)
def test_any_row_gets_an_explained_verdict(row: KpiRow, role: RoleContext | None) -> None:
    verdict = validate_kpi(row, role=role)
    assert verdict.accepted is all(f.severity == "warn" for f in verdict.findings)
    for finding in verdict.findings:
        assert finding.suggestion.strip()
        assert finding.message.strip()
    assert verdict.summary()
    assert verdict.note()


@settings(max_examples=150, deadline=None)
@given(row=ROWS, role=ROLE)
def test_same_input_same_verdict(row: KpiRow, role: RoleContext | None) -> None:
    first = validate_kpi(row, role=role)
    again = validate_kpi(KpiRow(**row.model_dump()), role=role)
    assert first == again


@settings(max_examples=80, deadline=None)
@given(rows=st.lists(ROWS, max_size=12))
def test_any_scorecard_gets_a_report(rows: list[KpiRow]) -> None:
    report = validate_scorecard(rows)
    assert len(report.results) == len(rows)
    assert all(f.suggestion.strip() for f in report.scorecard.findings)
    assert report == validate_scorecard(rows)


def test_huge_and_odd_text_is_a_finding_not_a_crash() -> None:
    odd = [
        "x" * 50_000,
        "a-" * 25_000,
        "🙂" * 50_000,
        "1," * 25_000,
        "\x00\n\t" * 1000,
        "to " * 16_000,
    ]
    for text in odd:
        row = KpiRow(**{field: text for field in FIELDS})
        verdict = validate_kpi(row, role=ROLES["sales_rep"])
        assert not verdict.accepted
        assert all(f.suggestion for f in verdict.findings)
        assert len(verdict.summary()) < 200
    assert not validate_kpi(KpiRow()).accepted
