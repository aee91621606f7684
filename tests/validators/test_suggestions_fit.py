"""Suggestions come from the role's own field, or are a pattern in the owner's terms.

The sample below is a review: for each role outside the six templates, a person
wrote which field the role is in (or None: no field can be told from its title),
and every KPI any finding quotes must come from that role's library entry or its
field, never from another field or a shipped template.
"""

from __future__ import annotations

import re

import pytest

from service.core.models import KpiRow
from service.workflows.catalog import TemplateCatalog
from validators import Criterion, general_context, validate_kpi
from validators.advice import own_terms
from validators.general import role_words
from validators.profile import profile_of
from validators.suggestions import LIBRARY, Sector

CATALOG = TemplateCatalog()

# Where each KPI name comes from: a library role's field, or a shipped template.
_ORIGIN: dict[str, set[str]] = {}
for _role in LIBRARY:
    for _kpi in _role.kpis:
        _ORIGIN.setdefault(_kpi.name, set()).add(_role.sector.value)
for _template in CATALOG.all():
    for _kpi2 in _template.kpis:
        _ORIGIN.setdefault(_kpi2.name, set()).add(f"template {_template.role}")
_QUOTED = re.compile(r"'([^']+)'")

# The review sample: role as typed -> the field a person says it is in.
SAMPLE: dict[str, Sector | None] = {
    "Kitchen porter": Sector.HOSPITALITY,
    "Ward sister": Sector.HEALTH,
    "Care home manager": Sector.HEALTH,
    "Pharmacy technician": Sector.HEALTH,
    "Classroom assistant": Sector.EDUCATION,
    "Warehouse operative": Sector.LOGISTICS,
    "Delivery driver": Sector.LOGISTICS,
    "Hotel receptionist": Sector.HOSPITALITY,
    "Hotel housekeeping lead": Sector.HOSPITALITY,
    "Charity fundraiser": Sector.NONPROFIT,
    "IT support analyst": Sector.IT,
    "Lettings negotiator": Sector.PROPERTY,
    "Caretaker": Sector.PROPERTY,
    "Recruitment consultant": Sector.PEOPLE,
    "Benefits caseworker": Sector.PUBLIC,
    "HVAC technician": Sector.FIELD,
    "Paralegal": Sector.LEGAL,
    "Lab technician": None,
    "Security guard": None,
    "Social media manager": None,
    "Sales engineer": None,
    "Librarian": None,
}
# KPIs teams write in any field that a rule rejects, each with the role's own noun.
REJECTED = (
    "Hours logged",
    "Meetings attended",
    "Tasks completed",
    "Emails sent",
    "Reports written",
    "Improve quality",
    "Follower count",
    "Books shelved",
)


def _row(name: str, result: str = "") -> KpiRow:
    return KpiRow(
        name=name, definition=name, owner="Sam Lee", business_result=result, control="direct",
        unit="count", direction="higher", target="10", cadence="monthly",
        data_source="", review_forum="Monthly review",
    )  # fmt: skip


def _allowed(role: str, field: Sector | None) -> set[str]:
    words = set(role_words(role))
    own = {
        kpi.name
        for library_role in LIBRARY
        for kpi in library_role.kpis
        if library_role.sector is field or words & set(role_words(" ".join(library_role.words)))
    }
    return own if field is not None else set()


@pytest.mark.parametrize(("role", "field"), SAMPLE.items())
def test_every_quoted_kpi_is_from_the_roles_own_field(role: str, field: Sector | None) -> None:
    context = CATALOG.context_for(role)
    assert context.recognised is False, role
    allowed = _allowed(role, field)
    quoted: list[str] = []
    for name in REJECTED:
        verdict = validate_kpi(_row(name), role=context)
        for finding in verdict.findings:
            quoted += [q for q in _QUOTED.findall(finding.suggestion) if q in _ORIGIN]
    strays = sorted({q for q in quoted if q not in allowed})
    assert strays == [], (role, context.role, [(q, _ORIGIN[q]) for q in strays])
    if field is None:
        assert context.role == "general"
    else:
        assert quoted, role  # the field's own KPIs are offered, not only patterns


@pytest.mark.parametrize(
    ("role", "context"),
    [("Lab technician", "general"), ("Security guard", "general"),
     ("Social media manager", "general"), ("Sales engineer", "general"),
     ("Security engineer", "general"), ("Cyber security analyst", "general_it"),
     ("Social worker", "general_caseworker"), ("Field engineer", "general_field_technician"),
     ("Kitchen porter", "general_chef")],
)  # fmt: skip
def test_one_generic_word_names_no_field(role: str, context: str) -> None:
    assert general_context(role).role == context


def test_a_lab_technician_is_not_told_to_track_repeat_visits() -> None:
    verdict = validate_kpi(_row("Samples processed"), role=CATALOG.context_for("Lab technician"))
    text = verdict.note()
    assert "Repeat visits within 30 days" not in text
    assert "'% of samples processed right first time'" in text


@pytest.mark.parametrize(
    ("name", "wrong"),
    [("Books shelved", "revenue"), ("Meetings attended", "learning outcomes"),
     ("Booked shelves", "revenue")],
)  # fmt: skip
def test_no_outcome_is_guessed_from_a_stem_collision(name: str, wrong: str) -> None:
    verdict = validate_kpi(_row(name), role=CATALOG.context_for("Librarian"))
    hints = [f.suggestion for f in verdict.findings if f.rule == "R1.1-no-result"]
    assert hints and not any(f"Write '{wrong}'" in hint for hint in hints), hints


def test_an_outcome_written_in_whole_words_is_still_guessed() -> None:
    verdict = validate_kpi(_row("Cash collections from overdue accounts"), role=None)
    hints = [f.suggestion for f in verdict.findings if f.rule == "R1.1-no-result"]
    assert hints == [] or "Write 'cash'" in hints[0]


@pytest.mark.parametrize(
    ("name", "pattern"),
    [("Follower count", "'% of followers that <buy, book, sign up or return>'"),
     ("Rooms cleaned", "'% of rooms cleaned right first time'"),
     ("Patrol count", "'% of patrols right first time'"),
     ("Inventory prepared", "'% of <inventory prepared jobs> right first time'")],
)  # fmt: skip
def test_the_own_terms_pattern_is_grammatical(name: str, pattern: str) -> None:
    row = _row(name, "Quality")
    assert pattern in own_terms(row, profile_of(row))


def test_a_rejected_kpi_with_no_field_gets_the_own_terms_pattern() -> None:
    verdict = validate_kpi(_row("Rooms cleaned", "Quality"), role=general_context("Astronaut"))
    findings = verdict.criteria[Criterion.DRIVES_RESULT].findings
    assert [f.rule for f in findings if f.severity == "fail"] == ["R1.3-busy-work"]
    assert "'% of rooms cleaned right first time'" in findings[0].suggestion
