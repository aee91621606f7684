"""The one vocabulary: definition columns read off the KPI model, words from their owners."""

from __future__ import annotations

from service.core.models import DEFINITION_FIELDS, Cadence, Control, Direction, KpiRow
from service.core.templates import TemplateKpi
from service.core.trends import Status, status_label
from service.core.vocabulary import vocabulary
from validators import Criterion


def test_definition_fields_follow_the_kpi_model_in_sheet_order() -> None:
    assert [field.name for field in DEFINITION_FIELDS] == list(KpiRow.model_fields)
    headers = {field.name: field.header for field in DEFINITION_FIELDS}
    assert headers["control"] == "Owner's control" and headers["review_forum"] == "Reviewed in"


def test_closed_columns_list_their_words_and_only_last_reviewed_is_optional() -> None:
    words = {field.name: field.values for field in DEFINITION_FIELDS if field.values}
    assert words == {
        "control": tuple(Control),
        "direction": tuple(Direction),
        "cadence": tuple(Cadence),
    }
    assert [field.name for field in DEFINITION_FIELDS if not field.required] == ["last_reviewed"]
    deciding = [field.name for field in DEFINITION_FIELDS if field.deciding]
    assert deciding == ["name", "business_result", "unit", "direction", "target"]


def test_template_kpis_name_only_definition_columns() -> None:
    assert set(TemplateKpi.model_fields) <= set(KpiRow.model_fields)


def test_vocabulary_gathers_the_words_clients_show() -> None:
    words = vocabulary()
    assert [w.value for w in words.criteria] == list(Criterion)
    assert words.criteria[0].label == "Drives a business result"
    assert {w.value for w in words.severities if w.flagged} == {"fail"}
    off = next(w for w in words.statuses if w.value == Status.OFF_TARGET)
    assert off.flagged and off.label == status_label(Status.OFF_TARGET)
    assert {w.value for w in words.statuses if w.flagged} == {Status.OFF_TARGET}
    assert next(w.label for w in words.flags if w.value == "stale") == "stale"
    assert words.tab_key == "scorecard.tab"
    assert words.header_key == "scorecard.header"
