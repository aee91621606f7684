"""Roles with no template: spellings, the general context that judges them, the library."""

from __future__ import annotations

import pytest

from service.core.models import KpiRow
from validators import Criterion, CriterionStatus, general_context, role_key, validate_kpi
from validators.suggestions import LIBRARY, Sector


@pytest.mark.parametrize(
    ("typed", "key"),
    [("Accounting Rep", "accounting rep"), ("accounting-reps", "accounting rep"),
     ("software_engineers", "software engineer"), ("Head of Policies", "head of policy"),
     ("Business Analysts", "business analyst")],
)  # fmt: skip
def test_role_key_folds_case_separators_and_plurals(typed: str, key: str) -> None:
    assert role_key(typed) == key


@pytest.mark.parametrize(
    ("typed", "context", "title"),
    [
        ("Ward nurse", "general_nurse", "Nurse (health care)"),
        (
            "Hotel housekeeping supervisor",
            "general_housekeeping",
            "Hotel housekeeping (hospitality)",
        ),
        ("IT helpdesk", "general_it_helpdesk", "IT helpdesk (IT)"),
        ("Senior Recruiters", "general_recruiter", "Recruiter (people and HR)"),
        ("Radiographer", "general_health", "any health care role"),
        ("Chief vibes officer", "general", "any role"),
        ("Astronaut", "general", "any role"),
    ],
)
def test_the_general_context_comes_from_the_role_words(
    typed: str, context: str, title: str
) -> None:
    found = general_context(typed)
    assert (found.role, found.title, found.recognised, found.requested) == (
        context,
        title,
        False,
        typed,
    )


def test_the_library_covers_twenty_roles_across_the_sectors() -> None:
    assert len(LIBRARY) >= 20
    assert {role.sector for role in LIBRARY} == set(Sector)
    assert len({role.key for role in LIBRARY}) == len(LIBRARY)
    for role in LIBRARY:
        assert len(role.kpis) >= 3, role.key
        assert all(kpi.note and kpi.source and kpi.definition for kpi in role.kpis), role.key


@pytest.mark.parametrize("role", LIBRARY, ids=lambda role: role.key)
def test_every_library_kpi_drives_a_result_within_one_persons_control(role: object) -> None:
    context = general_context(role.title)  # type: ignore[attr-defined]
    for row in context.suggestions:
        owned = KpiRow(**{**row.model_dump(), "owner": "Sam Lee", "target": "1"})
        verdict = validate_kpi(owned, role=context)
        for criterion in (Criterion.DRIVES_RESULT, Criterion.IN_CONTROL):
            assert verdict.criteria[criterion].status is not CriterionStatus.FAIL, verdict.note()
