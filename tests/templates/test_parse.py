"""parse_template: YAML text → Template, or an error naming file, line and field."""

from __future__ import annotations

import pytest

from service.core.models import Cadence, Control, Direction, KpiRow
from service.core.templates import Template, TemplateError, TemplateKpi, parse_template
from tests.templates.builders import line_of, replace_nth, template_yaml


def test_a_valid_template_parses_with_role_from_the_file_name() -> None:
    template = parse_template(template_yaml(), "teams/test_role.yaml")

    assert template.role == "test_role"
    assert template.title == "Test role"
    assert [kpi.name for kpi in template.default_kpis] == ["Alpha", "Beta", "Gamma"]
    assert template.default_kpis[0].control is Control.DIRECT
    assert template.default_kpis[0].direction is Direction.HIGHER
    assert template.default_kpis[0].cadence is Cadence.WEEKLY


@pytest.mark.parametrize(
    ("written", "stored"),
    [("95", "95"), ("'≥ 95%'", "≥ 95"), ("90-100", "90–100"), ("'1,200'", "1200"), ("0.5", "0.5")],
)
def test_targets_are_normalised_text(written: str, stored: str) -> None:
    template = parse_template(template_yaml(target=written), "r.yaml")

    assert template.default_kpis[0].target == stored


def test_vocabulary_is_read_like_the_sheet_reads_it() -> None:
    text = template_yaml(cadence="Every Week").replace("higher", "Higher is better", 1)

    kpi = parse_template(text, "r.yaml").default_kpis[0]

    assert (kpi.cadence, kpi.direction) == (Cadence.WEEKLY, Direction.HIGHER)


def _error(text: str, source: str = "sales_rep.yaml") -> TemplateError:
    with pytest.raises(TemplateError) as caught:
        parse_template(text, source)
    return caught.value


def test_unknown_key_names_the_key_its_line_and_the_allowed_keys() -> None:
    text = replace_nth(template_yaml(), "    unit:", "    owner: Sam\n    unit:", 2)

    error = _error(text)

    assert (error.file, error.line, error.field) == (
        "sales_rep.yaml",
        line_of(text, "owner: Sam"),
        "default_kpis[1].owner",
    )
    assert "unknown key 'owner'" in error.message
    assert "review_forum" in error.message


def test_unknown_top_level_key() -> None:
    text = template_yaml() + "colour: blue\n"

    error = _error(text)

    assert (error.line, error.field) == (line_of(text, "colour"), "colour")


def test_bad_target_names_file_line_and_field() -> None:
    text = replace_nth(template_yaml(), "target: 95", "target: TBD", 3)

    error = _error(text)

    assert (error.line, error.field) == (line_of(text, "TBD"), "default_kpis[2].target")
    assert str(error).startswith(f"sales_rep.yaml line {error.line}, default_kpis[2].target: ")
    assert "'TBD' is not a number" in str(error)


def test_bad_cadence() -> None:
    text = replace_nth(template_yaml(), "cadence: monthly", "cadence: yearly", 2)

    error = _error(text)

    assert (error.line, error.field) == (line_of(text, "yearly"), "optional_kpis[1].cadence")
    assert "'yearly'" in error.message
    assert "weekly, monthly or quarterly" in error.message


def test_missing_field_points_at_the_kpi_that_lacks_it() -> None:
    text = replace_nth(template_yaml(), "    data_source: Accounting system\n", "", 2)

    error = _error(text)

    assert (error.line, error.field) == (
        line_of(text, "name: Beta"),
        "default_kpis[1].data_source",
    )
    assert "missing" in error.message


def test_blank_field_is_not_filled() -> None:
    text = replace_nth(template_yaml(), 'unit: "%"', 'unit: "  "', 1)

    error = _error(text)

    assert (error.line, error.field) == (line_of(text, 'unit: "  "'), "default_kpis[0].unit")


def test_duplicate_kpi_name_across_defaults_and_optionals() -> None:
    text = template_yaml(optionals=("Delta", "alpha", "Zeta"))

    error = _error(text)

    assert (error.line, error.field) == (line_of(text, "name: alpha"), "optional_kpis[1].name")
    assert "appears twice" in error.message


def test_business_result_must_be_one_of_the_outcomes() -> None:
    text = replace_nth(
        template_yaml(), "business_result: cash collection", "business_result: fun", 4
    )

    error = _error(text)

    assert (error.line, error.field) == (
        line_of(text, "business_result: fun"),
        "optional_kpis[0].business_result",
    )
    assert "cash collection" in error.message


def test_duplicate_yaml_key_is_not_silently_dropped() -> None:
    text = template_yaml().replace("version: 1\n", "version: 1\nversion: 2\n")

    error = _error(text)

    assert (error.line, error.field) == (line_of(text, "version: 2"), "version")


@pytest.mark.parametrize(
    ("defaults", "optionals", "field"),
    [
        (("A", "B"), ("D", "E", "F"), "default_kpis"),
        (tuple("ABCDEFG"), ("X", "Y", "Z"), "default_kpis"),
        (("A", "B", "C"), tuple("STUVWXYZQ"), "optional_kpis"),
    ],
)
def test_kpi_counts_are_bounded(
    defaults: tuple[str, ...], optionals: tuple[str, ...], field: str
) -> None:
    error = _error(template_yaml(defaults=defaults, optionals=optionals))

    assert error.field == field


def test_the_earliest_problem_is_reported_and_the_rest_counted() -> None:
    text = template_yaml(cadence="yearly").replace("version: 1", "version: one")

    error = _error(text)

    assert (error.line, error.field) == (line_of(text, "version"), "version")
    assert "3 more problems" in error.message


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("title: [unclosed\n", "not valid YAML"),
        ("- a list\n", "mapping"),
        ("", "mapping"),
        ("title: !!python/object:os.system x\n", "not valid YAML"),
    ],
)
def test_text_that_is_not_a_template_mapping(text: str, needle: str) -> None:
    error = _error(text)

    assert needle in error.message
    assert error.file == "sales_rep.yaml"
    assert error.line is not None


def test_the_role_is_the_file_name_only() -> None:
    with_role = "role: other\n" + template_yaml()

    assert _error(with_role).field == "role"
    assert "file name" in _error(template_yaml(), "Sales Rep.yaml").message


def test_template_error_text_without_location() -> None:
    assert str(TemplateError("bad")) == "bad"
    assert str(TemplateError("bad", field="kpis")) == "kpis: bad"
    assert str(TemplateError("bad", file="a.yaml")) == "a.yaml: bad"


# --- the model -----------------------------------------------------------------


def _template(*, defaults: tuple[str, ...] = ("Alpha", "Beta", "Gamma")) -> Template:
    return parse_template(template_yaml(defaults=defaults), "test_role.yaml")


def test_to_row_fills_every_definition_field() -> None:
    kpi = _template().default_kpis[0]

    row = kpi.to_row("Sam Lee")

    assert row == KpiRow(
        name="Alpha",
        definition=kpi.definition,
        owner="Sam Lee",
        business_result="cash collection",
        control="direct",
        unit="%",
        direction="higher",
        target="95",
        cadence="weekly",
        data_source="Accounting system",
        review_forum="Weekly finance check-in",
    )


def test_role_context_offers_every_kpi_as_an_unowned_suggestion() -> None:
    template = _template()

    context = template.role_context()

    assert context.role == "test_role"
    assert context.outcomes == ("cash collection", "accurate books")
    assert context.company_results == ("net profit",)
    assert [row.name for row in context.suggestions] == [kpi.name for kpi in template.kpis]
    assert {row.owner for row in context.suggestions} == {""}


def test_select_none_gives_the_defaults() -> None:
    template = _template()

    assert template.select(None) == template.default_kpis


def test_select_matches_names_in_any_case_and_keeps_the_order_asked() -> None:
    template = _template()

    chosen = template.select(["ZETA", " alpha ", "Alpha"])

    assert [kpi.name for kpi in chosen] == ["Zeta", "Alpha"]


@pytest.mark.parametrize("names", [["Alpha", "Omega"], []])
def test_select_rejects_unknown_names_and_lists_the_available_ones(names: list[str]) -> None:
    with pytest.raises(TemplateError) as caught:
        _template().select(names)

    assert caught.value.field == "kpis"
    for name in ("Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta"):
        assert name in caught.value.message
    if names:
        assert "'Omega'" in caught.value.message


def test_main_cadence_is_the_most_frequent_among_defaults() -> None:
    text = replace_nth(template_yaml(), "cadence: weekly", "cadence: monthly", 1)
    text = replace_nth(text, "cadence: weekly", "cadence: monthly", 1)

    assert parse_template(text, "r.yaml").cadence is Cadence.MONTHLY
    assert _template().cadence is Cadence.WEEKLY


def test_main_cadence_tie_goes_to_the_finer_cadence() -> None:
    text = template_yaml(defaults=("A", "B", "C", "D"))
    text = replace_nth(text, "cadence: weekly", "cadence: quarterly", 1)
    text = replace_nth(text, "cadence: weekly", "cadence: quarterly", 1)

    assert parse_template(text, "r.yaml").cadence is Cadence.WEEKLY


def test_template_kpi_rejects_a_bad_target_when_built_directly() -> None:
    fields = _template().default_kpis[0].model_dump()

    with pytest.raises(ValueError, match="not a number"):
        TemplateKpi.model_validate({**fields, "target": "TBD"})


@pytest.mark.parametrize(
    ("old", "new", "field", "needle"),
    [
        ("target: 95", "target: ~", "target", "blank"),
        ("control: direct", "control: 3", "control", "not text"),
        ("target: 95", "target: [90, 100]", "target", "blank"),
    ],
)
def test_values_of_the_wrong_type(old: str, new: str, field: str, needle: str) -> None:
    error = _error(replace_nth(template_yaml(), old, new, 1))

    assert error.field == f"default_kpis[0].{field}"
    assert needle in error.message


def test_select_accepts_a_single_name() -> None:
    assert [kpi.name for kpi in _template().select("beta")] == ["Beta"]


def test_a_list_as_a_key_is_an_error_not_a_crash() -> None:
    error = _error("title: x\n? [a, b]\n: c\n")

    assert error.line == 2
    assert "not valid YAML" in error.message
