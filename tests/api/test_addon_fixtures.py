"""The add-on's wire contract: real API answers, checked in under addon/tests/fixtures/.

Each fixture is `{"status": ..., "body": ...}` as the app answered through Flask's
test client on the emulator, with a fixed clock and fixed ids. The add-on's Node
and browser tests replay them instead of hand-written shapes, so a change of
shape on either side fails a test. After an intended change, rewrite them with
`SCORECARD_WRITE_FIXTURES=1 pytest tests/api/test_addon_fixtures.py` and commit.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from service.auth import AllowlistEditorCheck, IdentityVerifier
from service.cli.demo import DEMO_ID, run_demo
from service.context import LEASE_TTL, Services
from service.core.grid import CellWrite
from service.errors import ErrorCode
from service.sheets.emulator import Fault, SheetsEmulator
from service.sheets.retry import RetryPolicy
from tests.api.test_endpoints import BUSY, GOOD
from tests.auth.conftest import CertsEndpoint, _new_keys, google_settings, user_claims
from tests.conftest import FIXED_NOW

FIXTURES = Path(__file__).resolve().parents[2] / "addon" / "tests" / "fixtures"
REWRITE = os.environ.get("SCORECARD_WRITE_FIXTURES") == "1"
SHEETS = f"/api/v1/spreadsheets/{DEMO_ID}"


def _recorded(response: TestResponse) -> dict[str, Any]:
    return {"status": response.status_code, "body": response.get_json()}


class Recorder:
    """Collects fixtures by name; compares them with the checked-in files at the end."""

    def __init__(self) -> None:
        self.taken: dict[str, dict[str, Any]] = {}

    def keep_data(self, name: str, data: dict[str, Any]) -> None:
        """Record a fixture that is not an answer, such as the closed list of error codes."""
        self.taken[name] = data

    def keep(self, name: str, response: TestResponse, status: int) -> dict[str, Any]:
        """Record one answer, after checking it is the status the add-on expects."""
        assert response.status_code == status, response.get_data(as_text=True)
        self.taken[name] = _recorded(response)
        return dict(response.get_json())

    def differences(self) -> list[str]:
        """Fixture files that are missing, stale or no longer produced."""
        problems = []
        for name, answer in sorted(self.taken.items()):
            path = FIXTURES / f"{name}.json"
            text = json.dumps(answer, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
            if REWRITE:
                FIXTURES.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
            elif not path.exists() or path.read_text(encoding="utf-8") != text:
                problems.append(f"{path.name} differs from what the API answers")
        return problems


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    """A recorder whose differences fail the test that used it."""
    recording = Recorder()
    yield recording
    problems = recording.differences()
    assert not problems, (
        "The add-on's fixtures no longer match the API; if the change is intended, run "
        "SCORECARD_WRITE_FIXTURES=1 pytest tests/api/test_addon_fixtures.py and commit:\n"
        + "\n".join(problems)
    )


@pytest.fixture
def demo(services: Services) -> str:
    """The demo team spreadsheet (four people, a quarter of values), on the fixed clock."""
    run_demo(services, lambda _: None)
    return DEMO_ID


def _first_tab(client: FlaskClient) -> int:
    scorecards = client.get(f"{SHEETS}/scorecards").get_json()["scorecards"]
    return int(scorecards[0]["tab_id"])


def test_the_answers_the_add_on_reads(
    client: FlaskClient, demo: str, emulator: SheetsEmulator, recorder: Recorder
) -> None:
    templates = recorder.keep("templates", client.get("/api/v1/templates"), 200)
    assert templates["vocabulary"]["fields"][0]["header"] == "KPI"
    recorder.keep("scorecards", client.get(f"{SHEETS}/scorecards"), 200)
    tab = _first_tab(client)
    report = recorder.keep("validate_tab", client.post(f"{SHEETS}/scorecards/{tab}/validate"), 200)
    assert any(not result["accepted"] for result in report["results"])
    synced = recorder.keep("sync", client.post(f"{SHEETS}/sync"), 200)
    assert synced["flags"] > 0 and synced["attention"]
    assert any(item["almost"] for item in synced["attention"])
    for person in {item["person"] for item in synced["attention"]}:
        rank = [
            0 if item["status"] == "✗ Off target" else 1 if item["almost"] else 2
            for item in synced["attention"]
            if item["person"] == person
        ]
        assert rank == sorted(rank)  # the near misses come right after the misses
    digest = recorder.keep("digest", client.get(f"{SHEETS}/digest"), 200)
    assert any(person["open_issues"] for person in digest["people"])
    assert any(person["off_target"] and person["missing"] for person in digest["people"])
    assert synced["changed_cells"] == 0  # validating kept the computed columns
    body = {"role": "accounting_rep", "kpis": [GOOD, BUSY]}
    checked = recorder.keep("validate_kpis", client.post("/api/v1/kpis/validate", json=body), 200)
    assert [r["accepted"] for r in checked["results"]] == [True, False]
    recorder.keep("schedule_off", client.get(f"{SHEETS}/enrolment"), 200)
    person = {"role": "software_engineer", "person": "Jo Park", "kpis": None}
    recorder.keep("provision", client.post(f"{SHEETS}/scorecards", json=person), 201)
    existing = {"role": "accounting_rep", "person": "Dana Ruiz"}
    again = recorder.keep(
        "provision_existing", client.post(f"{SHEETS}/scorecards", json=existing), 200
    )
    assert again["created"] is False
    assert client.post(f"{SHEETS}/sync").status_code == 200  # now on the schedule
    shown = recorder.keep("schedule", client.get(f"{SHEETS}/enrolment"), 200)
    assert shown["summary"] == "synced just now · next in 60 min"
    new = {"kpi": {**GOOD, "owner": "Dana Ruiz"}}
    added = recorder.keep("add_kpi", client.post(f"{SHEETS}/scorecards/{tab}/kpis", json=new), 201)
    assert added["row"] == len(report["results"]) + 2
    assert added["report"]["results"][-1]["name"] == GOOD["name"]
    rows = {"rows": [1, 2, 3]}
    recorder.keep("reviewed", client.post(f"{SHEETS}/scorecards/{tab}/reviewed", json=rows), 200)
    recorder.keep("enrolment", client.post(f"{SHEETS}/enrolment", json={}), 200)
    recorder.keep("unenrolment", client.delete(f"{SHEETS}/enrolment"), 200)


def test_the_errors_the_add_on_explains(
    client: FlaskClient,
    demo: str,
    services: Services,
    emulator: SheetsEmulator,
    recorder: Recorder,
) -> None:
    recorder.keep("error_tab_not_found", client.post(f"{SHEETS}/scorecards/1/validate"), 404)
    recorder.keep("error_spreadsheet_not_found", client.post("/api/v1/spreadsheets/gone/sync"), 404)
    blank = {"role": "accounting_rep", "person": " "}
    recorder.keep("error_validation_failed", client.post(f"{SHEETS}/scorecards", json=blank), 422)
    services.sheets.policy_factory = lambda: RetryPolicy(sleep=lambda _: None, max_attempts=2)
    emulator.faults.add(Fault(endpoint="*", status=429, times=2))
    recorder.keep("error_quota_exhausted", client.post(f"{SHEETS}/sync"), 429)
    emulator.faults.add(Fault(endpoint="*", status=503, times=2))
    recorder.keep("error_unavailable", client.post(f"{SHEETS}/sync"), 503)
    tab = _first_tab(client)
    last = services.sheets.gateway().read(DEMO_ID).tab(tab)
    assert last is not None
    twice = CellWrite(sheet_id=tab, row=0, column=len(last.rows[0]) - 1, value="Owner")
    services.sheets.gateway().apply(DEMO_ID, [twice], against=None)
    validate = f"{SHEETS}/scorecards/{tab}/validate"
    recorder.keep("error_layout_ambiguous", client.post(validate), 409)
    emulator.share(DEMO_ID, allowed=False)
    recorder.keep("error_not_shared", client.post(f"{SHEETS}/sync"), 403)
    assert services.registry.acquire_lease(DEMO_ID, "other-worker", now=FIXED_NOW, ttl=LEASE_TTL)
    recorder.keep("error_sync_running", client.post(f"{SHEETS}/sync"), 409)


def test_the_closed_list_of_error_codes(recorder: Recorder) -> None:
    """Every code the service can answer with, so the add-on proves it has words for each."""
    codes = [{"code": code.value, "status": code.status} for code in ErrorCode]
    recorder.keep_data("codes", {"codes": codes})


def test_signed_out_and_not_an_editor_are_explained_too(
    app: Flask, services: Services, recorder: Recorder
) -> None:
    keys = _new_keys("fixture-kid")
    settings = google_settings(auth_allowed_emails=("manager@example.com",))
    services.identity = IdentityVerifier(settings, request=CertsEndpoint(published=[keys]))
    services.editors = AllowlistEditorCheck(settings)
    client = app.test_client()
    recorder.keep("error_unauthenticated", client.post(f"{SHEETS}/sync"), 401)
    outsider = keys.sign(user_claims(email="someone@else.com", hd=None))
    answer = client.post(f"{SHEETS}/sync", headers={"Authorization": f"Bearer {outsider}"})
    recorder.keep("error_forbidden", answer, 403)
