"""The digest: per person, off target, missing, back on target and open issues; 0 writes."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest
import requests
from flask.testing import FlaskClient

from service.cli.digest_text import render_digest
from service.context import Services
from service.core.issues import IssueColumn
from service.core.team import TeamTab, find_team_tab
from service.sheets.emulator import SheetsEmulator, mount_emulator
from service.workflows import digest, sync
from service.workflows.results import Digest
from tests.builders import build_team, set_values
from tests.cli.terminal import ok

SID = "digest-team"
ON, MISS = 95.0, 80.0
TEAM: dict[str, dict[str, list[float | None]]] = {
    "Dana Ruiz": {
        "Invoices paid on time": [ON, ON, ON, ON, MISS, MISS, MISS, MISS],
        "Statements sent": [ON, ON, ON, ON, ON, ON, None, None],
        "Bills paid on time": [ON] * 8,
    },
    "Lee Chan": {
        "Refunds within a day": [ON, ON, ON, ON, ON, ON, MISS, ON],
        "Disputes closed": [ON] * 8,
    },
}


@pytest.fixture
def team(services: Services, emulator: SheetsEmulator) -> str:
    emulator.create_spreadsheet("Finance team", spreadsheet_id=SID)
    build_team(services, SID, TEAM)
    sync(services, SID)  # raises the issue for Dana's four misses
    emulator.reset_counts()
    return SID


def _person(result: Digest, name: str):  # type: ignore[no-untyped-def]
    return next(p for p in result.people if p.person == name)


def test_digest_names_off_target_missing_back_on_target_and_open_issues(
    services: Services, emulator: SheetsEmulator, team: str
) -> None:
    result = digest(services, team)
    assert result.requests.model_dump() == {"reads": 1, "writes": 0}
    assert (emulator.counts(team).reads, emulator.counts(team).writes) == (1, 0)
    assert result.as_of == datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
    assert result.title == "Finance team"
    dana, lee = _person(result, "Dana Ruiz"), _person(result, "Lee Chan")
    assert [k.kpi for k in dana.off_target] == ["Invoices paid on time"]
    assert dana.off_target[0].status == "✗ Off target" and dana.off_target[0].latest == MISS
    # The week of 2026-11-09 closed (and its grace days passed) without a value.
    assert [(m.kpi, m.period) for m in dana.missing] == [("Statements sent", date(2026, 11, 9))]
    assert [(i.kpi, i.since, i.status) for i in dana.open_issues] == [
        ("Invoices paid on time", "2026-10-26", "Open")
    ]
    assert dana.open_issues[0].issue_row == 2
    assert [k.kpi for k in lee.back_on_target] == ["Refunds within a day"]
    assert lee.off_target == () and lee.missing == () and lee.open_issues == ()


def test_a_solved_issue_leaves_the_digest(
    services: Services, emulator: SheetsEmulator, team: str
) -> None:
    issues = find_team_tab(services.sheets.gateway().read(team), TeamTab.ISSUES)
    assert issues is not None
    solved = {
        "updateCells": {
            "rows": [{"values": [{"userEnteredValue": {"stringValue": "Solved"}}]}],
            "start": {
                "sheetId": issues.sheet_id,
                "rowIndex": 1,
                "columnIndex": list(IssueColumn).index(IssueColumn.STATUS),
            },
            "fields": "userEnteredValue",
        }
    }
    session = requests.Session()
    mount_emulator(session, emulator)
    url = f"https://sheets.googleapis.com/v4/spreadsheets/{team}:batchUpdate"
    assert session.post(url, json={"requests": [solved]}, timeout=5).status_code == 200
    assert _person(digest(services, team), "Dana Ruiz").open_issues == ()


def test_a_period_still_in_its_grace_days_is_not_missing(
    services: Services, emulator: SheetsEmulator, team: str
) -> None:
    set_values(services, team, {"Dana Ruiz": {"Statements sent": [ON] * 7 + [None]}})
    # The week of 2026-11-16 ended on the 22nd: on the 25th it is still in its grace days.
    assert _person(digest(services, team), "Dana Ruiz").missing == ()
    thursday = dataclasses.replace(services, clock=lambda: datetime(2026, 11, 26, 8, tzinfo=UTC))
    dana = _person(digest(thursday, team), "Dana Ruiz")
    assert [(m.kpi, m.period) for m in dana.missing] == [("Statements sent", date(2026, 11, 16))]


def test_digest_endpoint(client: FlaskClient, team: str) -> None:
    response = client.get(f"/api/v1/spreadsheets/{team}/digest")
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {"spreadsheet_id", "title", "as_of", "people", "requests"}
    assert set(body["people"][0]) >= {
        "person", "tab_id", "off_target", "missing", "back_on_target", "open_issues",
    }  # fmt: skip
    assert Digest.model_validate(body).people[0].person == "Dana Ruiz"
    missing = client.get("/api/v1/spreadsheets/nope/digest")
    assert missing.status_code == 404
    assert missing.get_json()["error"]["code"]


def test_digest_command_prints_the_email_text(services: Services, team: str) -> None:
    out = ok(services, "digest", team).output
    assert out == render_digest(digest(services, team))
    assert out.startswith("Scorecard digest — Finance team\nAs of 2026-11-25 09:30 UTC\n")
    assert (
        "Dana Ruiz (Accounting rep)\n  Off target:\n    ✗ Invoices paid on time: 80 (target 90)"
        in out
    )
    assert "  Missing values:\n    – Statements sent: no value for 2026-11-09" in out
    assert "    ‼ Invoices paid on time, since 2026-10-26 (Open)" in out
    assert "Lee Chan (Accounting rep)\n  Back on target:\n    ✓ Refunds within a day" in out
    as_json = ok(services, "digest", team, "--json").output
    assert Digest.model_validate_json(as_json).people == digest(services, team).people
