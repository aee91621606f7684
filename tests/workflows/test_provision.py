"""Provisioning against the emulator: one write, idempotent, and nothing written on bad input."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from service.context import Services
from service.core.layout import COLUMN_KEY, TAB_KEY, ComputedColumn, read_scorecard
from service.errors import InvalidRequest, NotShared
from service.sheets.emulator import SheetsEmulator
from service.workflows import list_scorecards, provision, validate_tab

SID = "team"


@pytest.fixture
def sheet(emulator: SheetsEmulator) -> str:
    emulator.create_spreadsheet("Team", spreadsheet_id=SID)
    emulator.reset_counts()
    return SID


def _sheet(emulator: SheetsEmulator, tab_id: int) -> dict[str, Any]:
    resource = emulator.spreadsheet_json(SID)
    return next(s for s in resource["sheets"] if s["properties"]["sheetId"] == tab_id)


def test_provisioning_costs_one_read_and_one_write(
    services: Services, emulator: SheetsEmulator, sheet: str
) -> None:
    result = provision(services, sheet, "accounting_rep", "Dana Ruiz")
    assert result.created
    assert result.scorecard.title == "Accounting rep — Dana Ruiz"
    assert (emulator.counts(sheet).reads, emulator.counts(sheet).writes) == (1, 1)
    assert result.requests.model_dump() == {"reads": 1, "writes": 1}


def test_the_new_tab_is_complete(services: Services, emulator: SheetsEmulator, sheet: str) -> None:
    result = provision(services, sheet, "accounting_rep", "Dana Ruiz", periods=4)
    tab = _sheet(emulator, result.scorecard.tab_id)
    grid = tab["properties"]["gridProperties"]
    assert (grid["frozenRowCount"], grid["frozenColumnCount"]) == (1, 1)
    keys = {m["metadataKey"] for m in tab.get("developerMetadata", [])}
    assert TAB_KEY in keys
    snapshot = services.sheets.gateway().read(sheet)
    card = read_scorecard(snapshot.tabs[-1])
    assert set(card.computed_columns) == set(ComputedColumn)
    assert len(card.period_columns) == 4
    assert [line.kpi.owner for line in card.lines] == ["Dana Ruiz"] * len(card.lines)
    names = [line.kpi.name for line in card.lines]
    assert "% of customer statements sent by business day 5" in names
    validations = [
        cell.get("dataValidation")
        for row in tab["data"][0]["rowData"][1:3]
        for cell in row.get("values", [])
        if cell.get("dataValidation")
    ]
    assert validations, "dropdowns on control, direction and cadence"
    assert len(tab.get("conditionalFormats", [])) == 5  # status ✓ ≈ ✗, period met and missed
    protected = tab.get("protectedRanges", [])
    assert protected and all(p["warningOnly"] for p in protected)
    column_tags = [
        m["metadataValue"]
        for column in tab["data"][0].get("columnMetadata", [])
        for m in column.get("developerMetadata", [])
        if m["metadataKey"] == COLUMN_KEY
    ]
    assert sorted(column_tags) == sorted(k.value for k in ComputedColumn)


def test_asking_again_returns_the_existing_tab_and_writes_nothing(
    services: Services, emulator: SheetsEmulator, sheet: str
) -> None:
    first = provision(services, sheet, "sales_rep", "Alex Kim")
    emulator.reset_counts()
    again = provision(services, sheet, "sales_rep", "  alex   kim ")
    assert not again.created
    assert again.scorecard.tab_id == first.scorecard.tab_id
    assert emulator.counts(sheet).writes == 0


def test_a_renamed_tab_is_still_found(
    services: Services, emulator: SheetsEmulator, sheet: str
) -> None:
    first = provision(services, sheet, "sales_rep", "Alex Kim")
    gateway = services.sheets.gateway()
    gateway.http.batch_update(
        sheet,
        {
            "requests": [
                {
                    "updateSheetProperties": {
                        "properties": {
                            "sheetId": first.scorecard.tab_id,
                            "title": "Alex's numbers",
                        },
                        "fields": "title",
                    }
                }
            ]
        },
    )
    found = list_scorecards(services, sheet)
    assert [(s.title, s.person) for s in found] == [("Alex's numbers", "Alex Kim")]
    assert not provision(services, sheet, "sales_rep", "Alex Kim").created


def test_two_concurrent_requests_make_one_tab(services: Services, sheet: str) -> None:
    results: list[bool] = []
    barrier = threading.Barrier(2)

    def ask() -> None:
        barrier.wait()
        results.append(provision(services, sheet, "customer_support", "Sam Lee").created)

    threads = [threading.Thread(target=ask) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, True]
    assert len(list_scorecards(services, sheet)) == 1


@pytest.mark.parametrize(
    "person",
    ['Dana "DJ" O\'Ruiz', "Zoë 🚀 Martín", "N" * 100, '=IMPORTXML("http://x")'],
)
def test_awkward_names_work_and_stay_text(services: Services, sheet: str, person: str) -> None:
    result = provision(services, sheet, "accounting_rep", person)
    assert len(result.scorecard.title) <= 100
    card = read_scorecard(services.sheets.gateway().read(sheet).tabs[-1])
    assert card.lines[0].kpi.owner == person
    assert card.identity.person == person


def test_a_title_clash_with_a_users_own_tab_leaves_that_tab_alone(
    services: Services, emulator: SheetsEmulator, sheet: str
) -> None:
    gateway = services.sheets.gateway()
    gateway.http.batch_update(
        sheet,
        {
            "requests": [
                {"addSheet": {"properties": {"sheetId": 77, "title": "Accounting rep — Dana Ruiz"}}}
            ]
        },
    )
    before = _sheet(emulator, 77)
    result = provision(services, sheet, "accounting_rep", "Dana Ruiz")
    assert result.scorecard.title == "Accounting rep — Dana Ruiz (2)"
    assert _sheet(emulator, 77) == before


def test_an_unknown_role_gets_its_fields_library_kpis_and_says_so(
    services: Services, emulator: SheetsEmulator, sheet: str
) -> None:
    result = provision(services, sheet, "Ward nurses", "Rosa Alvarez")
    assert result.created and result.scorecard.title == "Ward nurses — Rosa Alvarez"
    assert (result.role.recognised, result.role.context) == (False, "general_nurse")
    assert "has no template" in result.role.note
    assert (emulator.counts(sheet).reads, emulator.counts(sheet).writes) == (1, 1)
    card = read_scorecard(services.sheets.gateway().read(sheet).tabs[0])
    rows = [line.kpi for line in card.lines]
    assert [row.name for row in rows][:2] == [
        "Patient falls per 1,000 bed days",
        "Hospital-acquired pressure ulcers",
    ]
    assert all(row.owner == "Rosa Alvarez" and row.target and row.data_source for row in rows)
    # The tab is found again however the role is typed, and its KPIs pass the validators.
    again = provision(services, sheet, "ward-nurse", "rosa alvarez")
    assert (again.created, again.scorecard.tab_id) == (False, result.scorecard.tab_id)
    report = validate_tab(services, sheet, result.scorecard.tab_id).report
    assert report.role is not None and report.role.context == "general_nurse"
    assert [verdict.accepted for verdict in report.results] == [True] * len(rows)


def test_a_role_nothing_fits_gets_a_tab_with_the_named_kpis_typed(
    services: Services, emulator: SheetsEmulator, sheet: str
) -> None:
    names = ["Spacewalks completed on schedule", "  Mission success rate "]
    result = provision(services, sheet, "Astronaut", "Sam Lee", kpis=names)
    assert (result.role.recognised, result.role.context, result.scorecard.kpis) == (
        False,
        "general",
        2,
    )
    card = read_scorecard(services.sheets.gateway().read(sheet).tabs[0])
    assert [(line.kpi.name, line.kpi.owner, line.kpi.target) for line in card.lines] == [
        ("Spacewalks completed on schedule", "Sam Lee", ""),
        ("Mission success rate", "Sam Lee", ""),
    ]
    empty = provision(services, sheet, "Astronaut", "Kim Park")
    assert empty.created and empty.scorecard.kpis == 0
    assert (
        read_scorecard(services.sheets.gateway().read(sheet).tab(empty.scorecard.tab_id)).lines
        == ()
    )


def test_blank_person_is_422_and_writes_nothing(
    services: Services, emulator: SheetsEmulator, sheet: str
) -> None:
    with pytest.raises(InvalidRequest) as caught:
        provision(services, sheet, "accounting_rep", "   ")
    assert caught.value.status == 422
    assert emulator.counts(sheet).total == 0


def test_unshared_spreadsheet_names_the_service_account(
    services: Services, emulator: SheetsEmulator, sheet: str
) -> None:
    emulator.share(sheet, allowed=False)
    with pytest.raises(NotShared) as caught:
        provision(services, sheet, "accounting_rep", "Dana Ruiz")
    assert caught.value.status == 403
    assert services.settings.service_account_email in caught.value.message
    emulator.share(sheet, allowed=True)
    assert list_scorecards(services, sheet) == []
