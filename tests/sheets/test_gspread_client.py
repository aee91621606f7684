"""gspread's own high-level API runs unchanged against the emulator."""

from __future__ import annotations

from collections.abc import Iterator

import gspread
import pytest
import requests

from service.sheets.emulator import SheetsEmulator, mount_emulator


@pytest.fixture
def client() -> Iterator[tuple[SheetsEmulator, gspread.Client]]:
    emu = SheetsEmulator()
    with requests.Session() as session:
        mount_emulator(session, emu)
        yield emu, gspread.Client(auth=None, session=session)


def test_create_open_update_and_read(client: tuple[SheetsEmulator, gspread.Client]) -> None:
    emu, gc = client
    created = gc.create("Team KPIs")
    sheet = gc.open_by_key(created.id)
    ws = sheet.add_worksheet("Ops", rows=10, cols=5)

    ws.update([["KPI", "Target"], ["Cash days", 30], ["=1+1", "x"]], "A1")
    ws.batch_update([{"range": "C1:C2", "values": [["Owner"], ["Ann"]]}])

    assert ws.get_all_values() == [
        ["KPI", "Target", "Owner"],
        ["Cash days", "30", "Ann"],
        ["=1+1", "x", ""],
    ]
    assert ws.batch_get(["A1:A2", "C2"]) == [[["KPI"], ["Cash days"]], [["Ann"]]]
    assert [w.title for w in sheet.worksheets()] == ["Sheet1", "Ops"]
    assert created.id in emu.spreadsheet_ids()


def test_format_notes_protection_freeze_and_delete(
    client: tuple[SheetsEmulator, gspread.Client],
) -> None:
    emu, gc = client
    sheet = gc.create("Formats")
    ws = sheet.sheet1
    ws.update([["a", "b"]], "A1")

    ws.format("A1:B1", {"textFormat": {"bold": True}})
    ws.update_notes({"A1": "header note"})
    ws.add_protected_range("A1:B1", warning_only=True)
    ws.freeze(rows=1)
    extra = sheet.add_worksheet("Extra", rows=2, cols=2)
    sheet.del_worksheet(extra)

    resource = emu.spreadsheet_json(sheet.id)
    grid = resource["sheets"][0]
    first = grid["data"][0]["rowData"][0]["values"][0]
    assert first["userEnteredFormat"]["textFormat"]["bold"] is True
    assert ws.get_note("A1") == "header note"
    assert grid["protectedRanges"][0]["warningOnly"] is True
    assert grid["properties"]["gridProperties"]["frozenRowCount"] == 1
    assert [s["properties"]["title"] for s in resource["sheets"]] == ["Sheet1"]


def test_user_entered_cell_and_append(client: tuple[SheetsEmulator, gspread.Client]) -> None:
    _, gc = client
    ws = gc.create("Cells").sheet1

    ws.update_acell("B2", "=2*21")
    ws.append_row(["tail"])  # the table found is B2, so the row lands below it, from column B

    assert ws.acell("B2").value == "42"
    assert (
        ws.acell("B2", value_render_option=gspread.utils.ValueRenderOption.formula).value == "=2*21"
    )
    assert ws.get_all_values()[2] == ["", "tail"]


def test_missing_spreadsheet_raises_gspread_error(
    client: tuple[SheetsEmulator, gspread.Client],
) -> None:
    _, gc = client

    with pytest.raises(gspread.exceptions.SpreadsheetNotFound):
        gc.open_by_key("missing")


def test_del_spreadsheet_through_drive(client: tuple[SheetsEmulator, gspread.Client]) -> None:
    emu, gc = client
    sheet = gc.create("Doomed")

    gc.del_spreadsheet(sheet.id)

    assert sheet.id not in emu.spreadsheet_ids()
