"""Every run ends with an outcome, flags are kept per row, and a lost answer is not a lost tab."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any

import pytest
import requests
from flask.testing import FlaskClient

from service.context import Services
from service.core.layout import read_scorecard
from service.registry import RunOutcome
from service.sheets.emulator import SheetsEmulator
from service.sheets.emulator.adapter import SHEETS_PREFIX
from service.sheets.retry import RetryPolicy
from service.workflows import provision, sync

SID = "team"


class AfterTheFact(requests.adapters.BaseAdapter):
    """The emulator's transport, except that batchUpdate calls end in `then()` after they ran."""

    def __init__(self, inner: requests.adapters.BaseAdapter, then: Callable[[], None]) -> None:
        super().__init__()
        self.inner = inner
        self.then = then

    def send(  # type: ignore[override]
        self, request: requests.PreparedRequest, **kwargs: Any
    ) -> requests.Response:
        response = self.inner.send(request, **kwargs)
        if ":batchUpdate" in (request.url or ""):
            self.then()
        return response

    def close(self) -> None:
        self.inner.close()


def _after_writes(services: Services, then: Callable[[], None]) -> None:
    session = services.sheets.session
    session.mount(SHEETS_PREFIX, AfterTheFact(session.get_adapter(SHEETS_PREFIX), then))


class LoseFirstAnswer:
    """Lose the answer of the first write only: it applied, but the caller never hears."""

    def __init__(self) -> None:
        self.lost = 0

    def __call__(self) -> None:
        if self.lost == 0:
            self.lost += 1
            raise requests.ConnectionError("connection reset after the request was sent")


def _crash() -> None:
    raise RuntimeError("a bug nobody foresaw")


@pytest.fixture
def team(services: Services, emulator: SheetsEmulator) -> str:
    emulator.create_spreadsheet("Team", spreadsheet_id=SID)
    return SID


def test_a_provision_whose_answer_was_lost_still_answers_201(
    client: FlaskClient, services: Services, emulator: SheetsEmulator, team: str
) -> None:
    services.sheets.policy_factory = lambda: RetryPolicy(sleep=lambda seconds: None)
    lose = LoseFirstAnswer()
    _after_writes(services, lose)
    response = client.post(
        f"/api/v1/spreadsheets/{team}/scorecards",
        json={"role": "accounting_rep", "person": "Dana Ruiz"},
    )
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["created"] is True and body["scorecard"]["person"] == "Dana Ruiz"
    titles = [tab["properties"]["title"] for tab in emulator.spreadsheet_json(team)["sheets"]]
    assert titles.count(body["scorecard"]["title"]) == 1
    assert lose.lost == 1
    again = client.post(
        f"/api/v1/spreadsheets/{team}/scorecards",
        json={"role": "accounting_rep", "person": "Dana Ruiz"},
    )
    assert (again.status_code, again.get_json()["created"]) == (200, False)


def test_an_on_demand_sync_that_crashes_still_records_its_outcome(
    services: Services, team: str
) -> None:
    provision(services, team, "accounting_rep", "Dana Ruiz")
    _after_writes(services, _crash)
    with pytest.raises(RuntimeError):
        sync(services, team)
    [run] = services.registry.runs(team)
    assert (run.outcome, run.error_code) == (RunOutcome.FAILED, "internal")
    assert run.finished_at is not None and "a bug nobody foresaw" in (run.error_message or "")


def _type(emulator: SheetsEmulator, sheet_id: int, row: int, values: Mapping[int, str]) -> None:
    """Type text into cells of one row, as a person would in the Sheets UI."""
    session = requests.Session()
    from service.sheets.emulator import mount_emulator

    mount_emulator(session, emulator)
    requests_ = [
        {
            "updateCells": {
                "rows": [{"values": [{"userEnteredValue": {"stringValue": text}}]}],
                "start": {"sheetId": sheet_id, "rowIndex": row, "columnIndex": column},
                "fields": "userEnteredValue",
            }
        }
        for column, text in values.items()
    ]
    answer = session.post(
        f"{SHEETS_PREFIX}v4/spreadsheets/{SID}:batchUpdate", json={"requests": requests_}, timeout=5
    )
    assert answer.status_code == 200, answer.text


def test_flags_are_kept_per_row_when_two_kpis_share_a_name(
    services: Services, emulator: SheetsEmulator, team: str
) -> None:
    first_period = services.today() - timedelta(weeks=8)
    made = provision(services, team, "accounting_rep", "Dana Ruiz", first_period=first_period)
    tab = next(t for t in services.sheets.gateway().read(team).tabs if t.tags)
    card = read_scorecard(tab)
    name_column = card.definition_columns["name"]
    period = max(column for start, column in card.period_columns if start < services.today())
    first, second = card.lines[0].row, card.lines[1].row
    for row in (first, second):
        _type(emulator, made.scorecard.tab_id, row, {name_column: "Same name", period: "n/a"})
    result = sync(services, team)
    keys = sorted(k for k in result.flagged if "Same name" in k)
    assert keys == [
        f"{made.scorecard.title} / row {first + 1} · Same name",
        f"{made.scorecard.title} / row {second + 1} · Same name",
    ]
    assert all(any(f.code == "bad_value" for f in result.flagged[k]) for k in keys)
    assert result.flags == sum(len(v) for v in result.flagged.values())
