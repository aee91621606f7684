"""templates, new-spreadsheet, provision, scorecards, validate and check-kpi; unknown ids."""

from __future__ import annotations

import pytest

from service.context import Services
from service.core.layout import ComputedColumn, identity_of
from service.sheets.emulator import SheetsEmulator
from service.workflows import list_scorecards
from tests.cli.terminal import (
    GOOD_KPI,
    PERSON,
    ROLE,
    TITLE,
    column,
    flags,
    ok,
    read_tab,
    refused,
    run,
)

# -- templates ---------------------------------------------------------------------------


def test_templates_lists_every_role(services: Services) -> None:
    out = ok(services, "templates").stdout
    header, rule, *rows = out.splitlines()
    assert header.split() == ["role", "title", "defaults", "optional"]
    assert set(rule) <= {"─", " "}
    assert sorted(row.split()[0] for row in rows) == sorted(t.role for t in services.catalog.all())


def test_templates_shows_one_roles_kpis(services: Services) -> None:
    template = services.catalog.get(ROLE)
    out = ok(services, "templates", ROLE).stdout
    assert out.startswith(f"{template.title} (v{template.version}): ")
    rows = [
        line.split()[0] for line in out.splitlines() if line.startswith(("default", "optional"))
    ]
    assert rows.count("default") == len(template.default_kpis)
    assert rows.count("optional") == len(template.optional_kpis)


def test_an_unknown_role_shows_its_general_template_and_says_so(services: Services) -> None:
    out = ok(services, "templates", "Ward nurses").stdout
    first, second, *rest = out.splitlines()
    assert first == (
        "Role 'Ward nurses' has no template; judged with the general context for "
        "Nurse (health care)."
    )
    assert second.startswith("Ward nurses (v1): No template matches 'Ward nurses'")
    shown = [line for line in rest if line.startswith("default")]
    assert any("Patient falls per 1,000 bed days" in line for line in shown)
    nothing = ok(services, "templates", "Astronaut").stdout
    assert "general context for any role" in nothing
    assert "No preset KPIs" in nothing


# -- new-spreadsheet, provision, scorecards ----------------------------------------------


def test_new_spreadsheet_prints_an_id_the_backend_has(
    services: Services, emulator: SheetsEmulator
) -> None:
    sid = ok(services, "new-spreadsheet", "Ops team").stdout.strip()
    assert sid in emulator.spreadsheet_ids()
    assert emulator.spreadsheet_json(sid)["properties"]["title"] == "Ops team"


def test_new_spreadsheet_needs_a_title(services: Services, emulator: SheetsEmulator) -> None:
    refused(run(services, "new-spreadsheet", ""), "invalid_request")
    assert emulator.spreadsheet_ids() == []


def test_provision_creates_the_tab(services: Services, sheet: str) -> None:
    out = ok(
        services, "provision", sheet, "--role", ROLE, "--person", PERSON, "--periods", "4"
    ).stdout
    assert out.startswith(f"Created tab {TITLE!r}")
    assert "1 read, 1 write" in out
    cells, card = read_tab(services, sheet, TITLE)
    identity = identity_of(cells)
    assert identity is not None
    assert (identity.role, identity.person) == (ROLE, PERSON)
    assert len(card.period_columns) == 4
    assert len(card.lines) == len(services.catalog.get(ROLE).default_kpis)


def test_provision_from_an_earlier_first_period(services: Services, sheet: str) -> None:
    args = ["provision", sheet, "--role", ROLE, "--person", PERSON, "--periods", "5"]
    ok(services, *args, "--first-period", "2026-02-14")
    _, card = read_tab(services, sheet, TITLE)
    # Weekly columns: the week that holds the date, then the weeks after it.
    assert [start.isoformat() for start, _ in card.period_columns][:2] == [
        "2026-02-09",
        "2026-02-16",
    ]
    assert run(services, *args, "--first-period", "14/02/2026").exit_code == 2


def test_provision_with_chosen_kpis(services: Services, sheet: str) -> None:
    chosen = ["Days sales outstanding", "Late fees paid on supplier bills"]
    args = ["provision", sheet, "--role", ROLE, "--person", PERSON]
    ok(services, *args, *(part for name in chosen for part in ("--kpi", name)))
    _, card = read_tab(services, sheet, TITLE)
    assert [line.kpi.name for line in card.lines] == chosen


def test_provision_twice_keeps_one_tab(
    services: Services, emulator: SheetsEmulator, provisioned: str
) -> None:
    before = emulator.spreadsheet_json(provisioned)
    out = ok(services, "provision", provisioned, "--role", ROLE, "--person", "dana  ruiz").stdout
    assert out.startswith(f"Already there: tab {TITLE!r}")
    assert "0 write" in out
    assert emulator.spreadsheet_json(provisioned) == before


@pytest.mark.parametrize(
    ("extra", "code", "says"),
    [
        (["--person", "   "], "validation_failed", "person"),
        (["--person", "X", "--kpi", "Late fees"], "", "unknown KPI 'Late fees'"),
    ],
)
def test_provision_refuses_bad_input_and_writes_nothing(
    services: Services,
    emulator: SheetsEmulator,
    sheet: str,
    extra: list[str],
    code: str,
    says: str,
) -> None:
    before = emulator.spreadsheet_json(sheet)
    result = run(services, "provision", sheet, "--role", ROLE, *extra)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert says in result.stderr
    if code:
        assert f"[{code}]" in result.stderr
    assert emulator.spreadsheet_json(sheet) == before


def test_provision_periods_out_of_range_is_a_usage_error(services: Services, sheet: str) -> None:
    result = run(services, "provision", sheet, "--role", ROLE, "--person", "X", "--periods", "0")
    assert result.exit_code == 2
    assert "--periods" in result.stderr
    assert list_scorecards(services, sheet) == []


def test_scorecards_lists_the_tab(services: Services, provisioned: str) -> None:
    tab_id = list_scorecards(services, provisioned)[0].tab_id
    header, _, *rows = ok(services, "scorecards", provisioned).stdout.splitlines()
    assert header.split() == ["tab", "id", "title", "role", "person", "KPIs"]
    assert len(rows) == 1
    assert rows[0].startswith(str(tab_id))
    assert TITLE in rows[0]
    assert ROLE in rows[0]


# -- validate, check-kpi -------------------------------------------------------------------


def test_validate_prints_and_writes_verdicts(services: Services, provisioned: str) -> None:
    out = ok(services, "validate", provisioned).stdout
    cells, card = read_tab(services, provisioned, TITLE)
    assert TITLE in out
    for line in card.lines:
        assert f"✓ Accepted  {line.kpi.name}" in out
    assert column(cells, card, ComputedColumn.VERDICT) == ["✓ Accepted"] * len(card.lines)


def test_validate_one_tab_by_title(services: Services, provisioned: str) -> None:
    ok(services, "provision", provisioned, "--role", "sales_rep", "--person", "Alex Kim")
    out = ok(services, "validate", provisioned, "--tab", TITLE).stdout
    assert TITLE in out
    assert "Alex Kim" not in out


def test_validate_an_unknown_tab_names_the_tabs(services: Services, provisioned: str) -> None:
    result = run(services, "validate", provisioned, "--tab", "Nope")
    refused(result, "tab_not_found")
    assert repr(TITLE) in result.stderr


def test_check_kpi_accepts_a_sound_kpi(services: Services) -> None:
    result = run(services, "check-kpi", "--role", ROLE, *flags(GOOD_KPI))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("✓ Accepted")


def test_check_kpi_rejects_busy_work_with_a_suggestion(services: Services) -> None:
    busy = {**GOOD_KPI, "--name": "Completed weekly checklist", "--unit": "yes/no"}
    result = run(services, "check-kpi", "--role", ROLE, *flags(busy))
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert result.stdout.startswith("✗ Rejected")
    assert "busy work" in result.stdout
    assert "→ " in result.stdout  # every finding carries what to change


def test_check_kpi_with_an_unknown_role_is_judged_and_says_so(services: Services) -> None:
    result = run(services, "check-kpi", "--role", "Ward nurses", *flags(GOOD_KPI))
    assert result.exit_code == 0, result.output
    assert "'Ward nurses' has no template" in result.output
    assert "Nurse (health care)" in result.output
    assert "✓ Accepted" in result.output


# -- unknown ids -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["scorecards", "nosuch"],
        ["validate", "nosuch"],
        ["show", "nosuch"],
        ["provision", "nosuch", "--role", ROLE, "--person", PERSON],
    ],
    ids=lambda command: command[0],
)
def test_an_unknown_spreadsheet_is_one_readable_line(
    services: Services, command: list[str]
) -> None:
    result = run(services, *command)
    refused(result, "spreadsheet_not_found")
    assert "nosuch" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_provision_with_an_unknown_role_builds_its_tab_and_says_so(
    services: Services, emulator: SheetsEmulator
) -> None:
    emulator.create_spreadsheet("Team", spreadsheet_id="crew")
    out = ok(services, "provision", "crew", "--role", "Kitchen porter", "--person", "Ola").stdout
    note, done = out.splitlines()
    assert note == (
        "Role 'Kitchen porter' has no template; judged with the general context for "
        "Chef or kitchen manager (hospitality)."
    )
    assert done.startswith("Created tab 'Kitchen porter — Ola'")
    _, card = read_tab(services, "crew", "Kitchen porter — Ola")
    assert [line.kpi.name for line in card.lines] == [
        "Food cost %",
        "Food waste as % of purchases",
        "Ticket time",
        "Food hygiene rating",
    ]
    typed = ok(services, "provision", "crew", "--role", "Astronaut", "--person", "Ola",
               "--kpi", "Launch windows met")  # fmt: skip
    assert "general context for any role" in typed.stdout
    _, empty = read_tab(services, "crew", "Astronaut — Ola")
    assert [(line.kpi.name, line.kpi.owner) for line in empty.lines] == [
        ("Launch windows met", "Ola")
    ]
