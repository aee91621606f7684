"""sync, show, export, demo and db upgrade, checked by what they print and leave in the sheet."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from service.cli import main
from service.cli.demo import DEMO_ID
from service.context import Services
from service.core.grid import CellWrite
from service.core.layout import ComputedColumn, read_scorecard
from service.core.readings import is_percent_unit
from service.sheets.emulator import SheetsEmulator
from service.workflows import list_scorecards
from tests.cli.terminal import (
    PERSON,
    SID,
    STATUS_LABELS,
    TITLE,
    column,
    ok,
    read_tab,
    refused,
    run,
)

# -- sync --------------------------------------------------------------------------------


def _type_values(services: Services, sid: str, value: float) -> None:
    """Put a value in every past period of every KPI, as the team would.

    Period cells of a % KPI are PERCENT-formatted, so they hold the fraction (5% is 0.05).
    """
    gateway = services.sheets.gateway()
    snapshot = gateway.read(sid)
    cells, card = read_tab(services, sid, TITLE)
    today = services.today()
    writes = [
        CellWrite(
            sheet_id=card.sheet_id,
            row=line.row,
            column=column,
            value=value / 100 if is_percent_unit(line.kpi.unit) else value,
        )
        for line in card.lines
        for start, column in card.period_columns
        if start <= today
    ]
    assert writes
    gateway.apply(sid, writes, against=snapshot)


def test_sync_prints_the_summary_and_writes_status(services: Services, provisioned: str) -> None:
    _type_values(services, provisioned, 5.0)
    result = ok(services, "sync", provisioned)
    header, _, row, footer = result.stdout.splitlines()
    assert header.split() == [
        "spreadsheet",
        "outcome",
        "tabs",
        "cells",
        "flags",
        "requests",
        "problems",
    ]
    assert row.split()[:3] == [provisioned, "synced", "1"]
    assert row.split()[-1] == "1r/1w"
    assert footer.startswith("1 spreadsheet(s), 0 failed, in ")
    cells, card = read_tab(services, provisioned, TITLE)
    statuses = column(cells, card, ComputedColumn.STATUS)
    assert all(status in STATUS_LABELS for status in statuses), statuses
    assert "✓ On target" in statuses or "✗ Off target" in statuses
    assert set(column(cells, card, ComputedColumn.LATEST)) == {"5"}
    assert set(column(cells, card, ComputedColumn.UPDATED)) == {"2026-11-25 09:30 UTC"}


def test_sync_again_changes_nothing(services: Services, provisioned: str) -> None:
    ok(services, "sync", provisioned)
    row = ok(services, "sync", provisioned).stdout.splitlines()[2].split()
    assert row[:4] == [provisioned, "unchanged", "1", "0"]
    assert row[-1] == "1r/0w"


@pytest.mark.parametrize("args", [[], [SID, "--all"]], ids=["neither", "both"])
def test_sync_needs_one_id_or_all(services: Services, sheet: str, args: list[str]) -> None:
    result = run(services, "sync", *args)
    assert result.exit_code == 2
    assert "Give one SPREADSHEET_ID or --all." in result.stderr
    assert list_scorecards(services, sheet) == []


def test_sync_all_covers_every_local_spreadsheet(
    services: Services, emulator: SheetsEmulator, provisioned: str
) -> None:
    other = ok(services, "new-spreadsheet", "Other team").stdout.strip()
    ok(services, "provision", other, "--role", "sales_rep", "--person", "Alex Kim")
    out = ok(services, "sync", "--all").stdout
    rows = {line.split()[0]: line.split()[1] for line in out.splitlines()[2:-1]}
    assert rows == {provisioned: "synced", other: "synced"}
    assert out.splitlines()[-1].startswith("2 spreadsheet(s), 0 failed, in ")
    for sid in (provisioned, other):
        card = list_scorecards(services, sid)[0]
        cells, tab = read_tab(services, sid, card.title)
        assert all(column(cells, tab, ComputedColumn.STATUS))


def test_sync_all_prefers_enrolled_spreadsheets(services: Services, provisioned: str) -> None:
    other = ok(services, "new-spreadsheet", "Other team").stdout.strip()
    services.registry.enrol(other, by="owner@example.com", now=services.now())
    rows = ok(services, "sync", "--all").stdout.splitlines()[2:-1]
    assert [row.split()[0] for row in rows] == [other]


def test_sync_reports_an_unknown_spreadsheet_in_the_table(services: Services) -> None:
    result = run(services, "sync", "nosuch")
    assert "Traceback" not in result.output
    row = result.stdout.splitlines()[2]
    assert row.split()[:2] == ["nosuch", "failed"]
    assert "spreadsheet_not_found" in row


def test_a_failed_sync_exits_non_zero(services: Services) -> None:
    assert run(services, "sync", "nosuch").exit_code == 1


# -- show, export ------------------------------------------------------------------------


def test_show_as_table(services: Services, provisioned: str) -> None:
    out = ok(services, "show", provisioned).stdout
    assert "Sheet1: (empty)" in out
    assert out.splitlines()[1].split()[:2] == ["KPI", "Definition"]


def test_show_as_csv_starts_with_the_header_row(services: Services, provisioned: str) -> None:
    out = ok(services, "show", provisioned, "--tab", TITLE, "--format", "csv").stdout
    rows = list(csv.reader(io.StringIO(out)))
    _, card = read_tab(services, provisioned, TITLE)
    assert rows[0][:3] == ["KPI", "Definition", "Owner"]
    assert "Status" in rows[0]
    # Spare rows at the end are left out.
    assert [row[0] for row in rows[1:]] == [line.kpi.name for line in card.lines]


def test_show_as_json_parses(services: Services, provisioned: str) -> None:
    out = ok(services, "show", provisioned, "--tab", TITLE, "--format", "json").stdout
    [document] = json.loads(out)
    assert document["title"] == TITLE
    assert document["rows"][0][0] == "KPI"
    assert document["rows"][1][2] == PERSON


def test_show_as_json_without_tab_prints_one_document_of_every_tab(
    services: Services, provisioned: str
) -> None:
    documents = json.loads(ok(services, "show", provisioned, "--format", "json").stdout)
    assert [d["title"] for d in documents] == ["Sheet1", TITLE]
    assert documents[0]["rows"] == []


def test_show_as_scorecard(services: Services, provisioned: str) -> None:
    ok(services, "validate", provisioned)
    out = ok(services, "show", provisioned, "--format", "scorecard").stdout
    assert "Sheet1: Tab 'Sheet1' is not a scorecard tab." in out
    assert f"{TITLE}\nKPI " in out
    assert out.count("✓ Accepted") == len(read_tab(services, provisioned, TITLE)[1].lines)


def test_show_an_unknown_tab_names_the_tabs(services: Services, provisioned: str) -> None:
    result = run(services, "show", provisioned, "--tab", "Nope")
    refused(result, "tab_not_found")
    assert "Sheet1" in result.stderr
    assert TITLE in result.stderr


def test_show_rejects_an_unknown_format(services: Services, provisioned: str) -> None:
    assert run(services, "show", provisioned, "--format", "xml").exit_code == 2


def test_export_writes_a_workbook(services: Services, provisioned: str, tmp_path: Path) -> None:
    out = tmp_path / "team.xlsx"
    assert ok(services, "export", provisioned, str(out)).stdout.strip() == f"Wrote {out}"
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["Sheet1", TITLE]
    assert workbook[TITLE]["A1"].value == "KPI"
    assert workbook[TITLE]["C2"].value == PERSON


def test_export_of_an_unknown_spreadsheet_is_refused(services: Services, tmp_path: Path) -> None:
    refused(run(services, "export", "nosuch", str(tmp_path / "x.xlsx")), "spreadsheet_not_found")


# -- demo, db ----------------------------------------------------------------------------


def test_demo_runs_end_to_end_twice(services: Services, emulator: SheetsEmulator) -> None:
    exported = services.settings.data_dir / "demo.xlsx"
    for _ in range(2):
        out = ok(services, "demo").stdout
        assert "Sync again, nothing changed: 1 read + 0 writes" in out
        assert "busy work" in out
        assert f"Exported {exported}" in out
        assert "'Team overview' (attention first):" in out
        assert re.search(r"Dana Ruiz +4 of 7 on target", out)
        assert "'Issues': " in out and "raised by KPIs that kept missing" in out
        assert "  row 2: " in out and "why: Off target " in out
        digest_text = out[out.index("Monday digest, as the email reads:") :]
        assert digest_text.count("Open issues:") >= 1 and "Off target:" in digest_text
        assert [s.person for s in list_scorecards(services, DEMO_ID)] == [
            "Dana Ruiz",
            "Sam Lee",
            "Alex Kim",
            "Priya Shah",
        ]
    assert DEMO_ID in emulator.spreadsheet_ids()
    workbook = load_workbook(exported)
    assert {TITLE, "Team overview", "Issues"} <= set(workbook.sheetnames)
    cells, card = read_tab(services, DEMO_ID, TITLE)
    assert all(status in STATUS_LABELS for status in column(cells, card, ComputedColumn.STATUS))


def test_demo_types_values_as_people_do_and_reads_them_back_right(
    services: Services, emulator: SheetsEmulator
) -> None:
    ok(services, "demo")

    typing = [r for r in emulator.log if r.endpoint == "values.batchUpdate"]
    assert [(r.spreadsheet_id, r.status) for r in typing] == [(DEMO_ID, 200)]
    snapshot = services.sheets.gateway().read(DEMO_ID)
    percent_kpis = money_kpis = 0
    for title in ("Customer support — Sam Lee", "Marketing coordinator — Priya Shah"):
        cells = next(tab for tab in snapshot.tabs if tab.title == title)
        card = read_scorecard(cells, snapshot.locale)
        reviewed = card.definition_columns["last_reviewed"]
        latest = column(cells, card, ComputedColumn.LATEST)
        shown_flags = column(cells, card, ComputedColumn.FLAGS)
        for number, line in enumerate(card.lines):
            typed = [
                cells.cell(line.row, col)
                for _, col in card.period_columns
                if not cells.cell(line.row, col).is_blank
            ]
            # Google stores what was typed as numbers, never as the text typed.
            assert typed and all(isinstance(cell.value, float) for cell in typed)
            if is_percent_unit(line.kpi.unit):
                percent_kpis += 1
                assert {cell.format_type for cell in typed} == {"PERCENT"}
                assert all(cell.value is not None and cell.value <= 1 for cell in typed)
                assert float(latest[number]) > 1  # 94.6, not 0.946
            if line.kpi.unit == "$":
                money_kpis += 1
                assert float(latest[number]) >= 1000
            if number < len(card.lines) - 1:
                stamp = cells.cell(line.row, reviewed)
                assert isinstance(stamp.value, float) and stamp.format_type == "DATE"
                assert line.kpi.last_reviewed == services.today().isoformat()
                assert "not reviewed" not in shown_flags[number]
    assert percent_kpis >= 2 and money_kpis == 1


def test_db_upgrade_on_a_fresh_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir = tmp_path / "fresh"
    monkeypatch.setenv("SCORECARD_DATA_DIR", str(data_dir))
    monkeypatch.delenv("SCORECARD_DATABASE_URL", raising=False)
    for _ in range(2):  # a second upgrade is a no-op, not an error
        result = CliRunner().invoke(main, ["db", "upgrade"])
        assert result.exit_code == 0, result.output
        assert result.stdout.strip() == "Registry database is up to date."
    assert (data_dir / "registry.db").is_file()
