"""TemplateCatalog: the built-in templates, a team's own directory, and lookups."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.core.models import Control
from service.core.targets import parse_target
from service.core.templates import Template, TemplateError, parse_template
from service.settings import Settings
from service.workflows.catalog import BUILTIN_DIR, TemplateCatalog, load_catalog
from tests.templates.builders import line_of, template_yaml
from validators import validate_kpi

REQUIRED_ROLES = {
    "accounting_rep",
    "sales_rep",
    "customer_support",
    "operations_manager",
    "marketing_coordinator",
    "software_engineer",
}
BUILTIN_FILES = sorted(BUILTIN_DIR.glob("*.yaml"))


def test_every_builtin_file_loads_and_the_required_roles_exist() -> None:
    files = {path.stem for path in BUILTIN_DIR.glob("*.yaml")}

    assert set(TemplateCatalog().roles()) >= REQUIRED_ROLES
    assert set(TemplateCatalog().roles()) == files


def _builtin(path: Path) -> Template:
    return parse_template(path.read_text("utf-8"), str(path))


@pytest.mark.parametrize("path", BUILTIN_FILES, ids=lambda path: path.stem)
def test_builtin_template_is_complete(path: Path) -> None:
    template = _builtin(path)
    assert 3 <= len(template.default_kpis) <= 6
    assert 3 <= len(template.optional_kpis) <= 8
    assert template.title and template.description and template.version >= 1
    assert template.outcomes and template.company_results
    for kpi in template.kpis:
        row = kpi.to_row("Sam Lee")
        blank = [name for name, value in row.model_dump().items() if not value]
        assert blank == ["last_reviewed"], f"{kpi.name}: blank {blank}"
        parse_target(kpi.target)
        assert kpi.control is not Control.NONE, kpi.name
        assert kpi.business_result in template.outcomes


@pytest.mark.parametrize("path", BUILTIN_FILES, ids=lambda path: path.stem)
def test_shared_control_names_the_owners_driver(path: Path) -> None:
    for kpi in _builtin(path).kpis:
        if kpi.control is Control.SHARED:
            assert "driver" in kpi.definition, kpi.name


def test_accounting_rep_covers_collections_statements_books_and_owner_questions() -> None:
    names = " | ".join(kpi.name for kpi in TemplateCatalog().get("accounting_rep").default_kpis)

    for needle in ("60 days past due", "Collection Effectiveness", "business day 5"):
        assert needle in names
    assert "Post-close adjustments" in names
    assert "Response time to owner questions" in names


def test_team_directory_adds_a_role_and_overrides_a_builtin(tmp_path: Path) -> None:
    (tmp_path / "bookkeeper.yaml").write_text(template_yaml(title="Bookkeeper"), "utf-8")
    (tmp_path / "sales_rep.yml").write_text(template_yaml(title="Our sales rep"), "utf-8")
    (tmp_path / "notes.txt").write_text("not a template", "utf-8")

    catalog = load_catalog(Settings(templates_dir=tmp_path))

    assert catalog.get("bookkeeper").title == "Bookkeeper"
    assert catalog.get("sales_rep").title == "Our sales rep"
    assert catalog.get("accounting_rep").title == "Accounting rep"
    assert set(catalog.roles()) == set(TemplateCatalog().roles()) | {"bookkeeper"}
    assert [template.role for template in catalog.all()] == catalog.roles()


def test_without_a_team_directory_only_builtins_load() -> None:
    assert load_catalog(Settings(templates_dir=None)).roles() == TemplateCatalog().roles()


def test_a_bad_team_file_fails_at_start_up_naming_file_line_and_field(tmp_path: Path) -> None:
    text = template_yaml(cadence="yearly")
    path = tmp_path / "bookkeeper.yaml"
    path.write_text(text, "utf-8")

    with pytest.raises(TemplateError) as caught:
        TemplateCatalog(tmp_path)

    assert caught.value.file == str(path)
    assert caught.value.line == line_of(text, "yearly")
    assert caught.value.field == "default_kpis[0].cadence"


@pytest.mark.parametrize(
    ("files", "needle"),
    [
        ({"a.yaml": "", "a.yml": ""}, "mapping"),
        ({"a.yaml": template_yaml(), "a.yml": template_yaml()}, "second file"),
        ({"b.yaml": b"\xff\xfe title"}, "cannot read"),
    ],
)
def test_unusable_team_files(tmp_path: Path, files: dict[str, str | bytes], needle: str) -> None:
    for name, content in files.items():
        if isinstance(content, bytes):
            (tmp_path / name).write_bytes(content)
        else:
            (tmp_path / name).write_text(content, "utf-8")

    with pytest.raises(TemplateError, match=needle):
        TemplateCatalog(tmp_path)


def test_a_missing_team_directory_is_reported(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="SCORECARD_TEMPLATES_DIR"):
        TemplateCatalog(tmp_path / "nowhere")


@pytest.mark.parametrize(
    ("typed", "role", "context", "kpis"),
    [("Ward nurses", "ward_nurse", "general_nurse", 4),
     ("Radiographer", "radiographer", "general_health", 11),
     ("Astronaut", "astronaut", "general", 0),
     ("3D artist", "role_3d_artist", "general", 0),
     ("R&D lead", "r_and_d_lead", "general", 0)],
)  # fmt: skip
def test_an_unknown_role_gets_a_general_template_from_its_context(
    typed: str, role: str, context: str, kpis: int
) -> None:
    catalog = TemplateCatalog()

    template = catalog.get(typed)

    assert (template.role, template.title, len(template.kpis)) == (role, typed, kpis)
    assert catalog.find(template.role) is None
    assert catalog.context_for(template.role).role == context
    used = catalog.role_used(typed)
    assert (used.recognised, used.context, used.requested) == (False, context, typed)
    assert catalog.get(f" {typed.upper()} ").role == role  # found again however typed


def test_every_kpi_of_a_general_template_passes_the_validators() -> None:
    catalog = TemplateCatalog()
    for role in ("Ward nurse", "Radiographer", "Kitchen porter", "Recruiters", "Caretaker"):
        context = catalog.context_for(role)
        for row in catalog.get(role).rows_for(None, "Sam Lee"):
            verdict = validate_kpi(row, role=context)
            assert verdict.accepted, (role, row.name, verdict.note())


@pytest.mark.parametrize(
    "typed",
    ["accounting_rep", "Accounting Rep", "accounting rep", "accounting-rep", "accounting reps",
     " ACCOUNTING  REP ", "Accounting_Reps"],
)  # fmt: skip
def test_roles_are_found_as_people_type_them(typed: str) -> None:
    catalog = TemplateCatalog()

    assert catalog.get(typed).role == "accounting_rep"
    context = catalog.context_for(typed)
    assert (context.role, context.recognised, context.requested) == ("accounting_rep", True, typed)


def test_a_role_with_no_template_gets_a_general_context_never_an_error() -> None:
    catalog = TemplateCatalog()

    assert catalog.match("Ward nurses") is None
    nurse = catalog.context_for("Ward nurses")
    assert (nurse.recognised, nurse.requested, nurse.role) == (
        False,
        "Ward nurses",
        "general_nurse",
    )
    assert nurse.suggestions and all(row.name for row in nurse.suggestions)
    anyone = catalog.context_for("Astronaut")
    assert (anyone.recognised, anyone.role, anyone.suggestions) == (False, "general", ())


def test_a_team_template_is_found_by_its_title_before_any_general_context(tmp_path: Path) -> None:
    (tmp_path / "bookkeeper.yaml").write_text(template_yaml(title="Bookkeeper"), "utf-8")

    catalog = load_catalog(Settings(templates_dir=tmp_path))

    context = catalog.context_for("Bookkeepers")
    assert (context.role, context.recognised) == ("bookkeeper", True)
    assert TemplateCatalog().context_for("Bookkeepers").recognised is False


@pytest.mark.parametrize(
    ("typed", "role"),
    [("Senior sales rep", "sales_rep"), ("Customer support rep", "customer_support"),
     ("Sales", "sales_rep"), ("Operations manager (warehouse)", "operations_manager"),
     ("Manager", None), ("Ward nurse", None)],
)  # fmt: skip
def test_a_title_with_more_words_still_names_its_template(typed: str, role: str | None) -> None:
    found = TemplateCatalog().match(typed)
    assert (found.role if found else None) == role
