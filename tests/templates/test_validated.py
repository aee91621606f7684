"""Every KPI in every built-in template passes the three-criteria validators."""

from __future__ import annotations

import pytest

from service.core.templates import Template, TemplateKpi
from service.workflows.catalog import TemplateCatalog

# The validators are imported inside the tests so that, while they are missing,
# only these tests fail and the rest of the suite still collects.
TEMPLATES = TemplateCatalog().all()
CASES = [
    pytest.param(template, kpi, id=f"{template.role}:{kpi.name}")
    for template in TEMPLATES
    for kpi in template.kpis
]


@pytest.mark.parametrize(("template", "kpi"), CASES)
def test_template_kpi_is_accepted_by_the_validators(template: Template, kpi: TemplateKpi) -> None:
    from validators import validate_kpi

    verdict = validate_kpi(kpi.to_row("Sam Lee"), role=template.role_context())

    assert verdict.accepted, verdict.note()


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda template: template.role)
def test_default_scorecard_is_accepted_as_a_whole(template: Template) -> None:
    from validators import validate_scorecard

    rows = [kpi.to_row("Sam Lee") for kpi in template.select(None)]

    report = validate_scorecard(rows, role=template.role_context())

    rejected = [verdict.note() for verdict in report.results if not verdict.accepted]
    assert rejected == []
