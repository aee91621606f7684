"""The HTTP API through Flask's test client: status, body and the resulting sheet."""

from __future__ import annotations

from datetime import date

from flask import Flask
from flask.testing import FlaskClient

from service.auth import AllowlistEditorCheck, IdentityVerifier
from service.context import Services
from service.core.layout import read_scorecard
from service.sheets.emulator import SheetsEmulator
from tests.auth.conftest import CertsEndpoint, _new_keys, google_settings, user_claims
from validators import general_context

BUSY = {
    "name": "Completed weekly checklist",
    "owner": "Dana Ruiz",
    "business_result": "",
    "unit": "yes/no",
    "target": "1",
    "cadence": "weekly",
}
GOOD = {
    "name": "% of customer statements sent by business day 5",
    "definition": "Statements sent by the 5th business day / statements due, this month",
    "owner": "Dana Ruiz",
    "business_result": "cash collection",
    "control": "direct",
    "unit": "%",
    "direction": "higher",
    "target": 100,
    "cadence": "monthly",
    "data_source": "Billing system send log",
    "review_forum": "Monthly close review",
}


def test_templates_list_and_show(client: FlaskClient) -> None:
    roles = [t["role"] for t in client.get("/api/v1/templates").get_json()["templates"]]
    assert {"accounting_rep", "software_engineer"} <= set(roles)
    shown = client.get("/api/v1/templates/sales_rep").get_json()
    assert shown["title"] == "Sales rep" and 3 <= len(shown["default_kpis"]) <= 6
    assert client.get("/api/v1/templates/Sales%20reps").get_json()["role"] == "sales_rep"
    assert shown["role_used"]["recognised"] is True


def test_validate_kpis_judges_each_row_and_writes_nothing(
    client: FlaskClient, emulator: SheetsEmulator
) -> None:
    response = client.post(
        "/api/v1/kpis/validate", json={"role": "accounting_rep", "kpis": [GOOD, BUSY, {}]}
    )
    assert response.status_code == 200
    body = response.get_json()
    accepted = [r["accepted"] for r in body["results"]]
    assert accepted == [True, False, False]
    busy = body["results"][1]["criteria"]["drives_result"]
    assert busy["status"] == "fail"
    assert all(f["suggestion"] for f in busy["findings"])
    assert set(body["results"][0]["criteria"]) == {"drives_result", "in_control", "feedback_loop"}
    assert emulator.counts().writes == 0


def test_validate_kpis_finds_a_template_role_however_it_is_typed(client: FlaskClient) -> None:
    for typed in ("Accounting Rep", "accounting-rep", "accounting reps"):
        response = client.post("/api/v1/kpis/validate", json={"role": typed, "kpis": [GOOD]})
        assert response.status_code == 200
        role = response.get_json()["role"]
        assert (role["requested"], role["recognised"], role["context"]) == (
            typed,
            True,
            "accounting_rep",
        )


def test_validate_kpis_judges_a_role_with_no_template_and_says_so(client: FlaskClient) -> None:
    rooms = {
        **GOOD,
        "name": "Rooms cleaned",
        "definition": "Rooms my attendants cleaned",
        "business_result": "Guest satisfaction",
        "unit": "count",
        "data_source": "",
    }
    response = client.post(
        "/api/v1/kpis/validate", json={"role": "Hotel housekeeping lead", "kpis": [rooms]}
    )
    assert response.status_code == 200
    body = response.get_json()
    assert body["role"]["recognised"] is False
    assert body["role"]["context"] == "general_housekeeping"
    assert "'Hotel housekeeping lead' has no template" in body["role"]["note"]
    (verdict,) = body["results"]
    assert verdict["accepted"] is False
    (busy,) = verdict["criteria"]["drives_result"]["findings"]
    assert busy["rule"] == "R1.3-busy-work"
    housekeeping = general_context("Hotel housekeeping lead").suggestions
    assert any(f"'{kpi.name}'" in busy["suggestion"] for kpi in housekeeping)
    (source,) = verdict["criteria"]["feedback_loop"]["findings"]
    assert "statement" not in source["suggestion"].lower()
    assert "PMS" in source["suggestion"]
    no_role = client.post("/api/v1/kpis/validate", json={"kpis": [rooms]}).get_json()
    assert no_role["role"] is None


def test_validate_kpis_rejects_a_malformed_body(client: FlaskClient) -> None:
    too_many = client.post("/api/v1/kpis/validate", json={"kpis": [GOOD] * 201})
    assert too_many.status_code == 422
    unknown = client.post("/api/v1/kpis/validate", json={"kpis": [{"colour": "red"}]})
    assert unknown.status_code == 422
    assert "kpis.0.colour" in unknown.get_json()["error"]["fields"]


def test_create_provision_list_validate_sync(client: FlaskClient, emulator: SheetsEmulator) -> None:
    created = client.post("/api/v1/spreadsheets", json={"title": "Team"})
    assert created.status_code == 201
    sid = created.get_json()["spreadsheet_id"]
    url = f"/api/v1/spreadsheets/{sid}/scorecards"

    first = client.post(url, json={"role": "accounting_rep", "person": "Dana Ruiz"})
    assert first.status_code == 201
    tab_id = first.get_json()["scorecard"]["tab_id"]
    again = client.post(url, json={"role": "accounting_rep", "person": "Dana Ruiz"})
    assert again.status_code == 200
    assert again.get_json()["scorecard"]["tab_id"] == tab_id

    listed = client.get(url).get_json()["scorecards"]
    assert [(s["role"], s["person"]) for s in listed] == [("accounting_rep", "Dana Ruiz")]

    checked = client.post(f"{url}/{tab_id}/validate")
    assert checked.status_code == 200
    assert all(r["accepted"] for r in checked.get_json()["results"])
    assert checked.get_json()["requests"] == {"reads": 1, "writes": 1}

    synced = client.post(f"/api/v1/spreadsheets/{sid}/sync").get_json()
    assert synced["tabs"] == 1 and synced["requests"]["reads"] == 1
    assert set(synced) >= {"tabs", "rows", "changed_cells", "flags", "requests", "tab_errors"}

    reviewed = client.post(f"{url}/{tab_id}/reviewed", json={"rows": [2]})
    assert reviewed.get_json() == {"stamped": 1}


def test_provision_can_backfill_history_from_first_period(
    client: FlaskClient, services: Services, emulator: SheetsEmulator
) -> None:
    sid = emulator.create_spreadsheet("Team")
    url = f"/api/v1/spreadsheets/{sid}/scorecards"
    body = {"role": "accounting_rep", "person": "Dana", "periods": 6, "first_period": "2026-03-04"}
    assert client.post(url, json=body).status_code == 201
    snapshot = services.sheets.gateway().read(sid)
    card = read_scorecard(snapshot.tabs[0])
    assert card.period_columns[0][0] == date(2026, 3, 2)  # the Monday of that week
    assert len(card.period_columns) == 6
    bad = client.post(url, json={**body, "person": "Eve", "first_period": "March"})
    assert bad.status_code == 422 and "first_period" in bad.get_json()["error"]["fields"]


def test_provision_bad_input_writes_nothing(
    client: FlaskClient, services: Services, emulator: SheetsEmulator
) -> None:
    sid = emulator.create_spreadsheet("Team")
    url = f"/api/v1/spreadsheets/{sid}/scorecards"
    emulator.reset_counts()
    blank = client.post(url, json={"role": "astronaut", "person": " "})
    assert blank.status_code == 422
    assert blank.get_json()["error"]["fields"] == {"person": "blank"}
    missing = client.post(url, json={"role": "accounting_rep"})
    assert missing.status_code == 422 and "person" in missing.get_json()["error"]["fields"]
    emulator.share(sid, allowed=False)
    unshared = client.post(url, json={"role": "accounting_rep", "person": "Dana"})
    assert unshared.status_code == 403
    assert unshared.get_json()["error"]["code"] == "not_shared"
    assert "iam.gserviceaccount.com" in unshared.get_json()["error"]["message"]
    bad_id = client.get("/api/v1/spreadsheets/not%20an%20id/scorecards")
    assert bad_id.status_code == 422
    assert emulator.counts(sid).writes == 0
    assert services.registry.get(sid) is None  # not enrolled either


def test_unknown_spreadsheet_is_404(client: FlaskClient) -> None:
    response = client.post("/api/v1/spreadsheets/nosuchsheet/sync")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "spreadsheet_not_found"


def test_task_endpoint_trusts_only_the_scheduler(
    client: FlaskClient, emulator: SheetsEmulator
) -> None:
    sid = emulator.create_spreadsheet("Team")
    assert client.post(f"/tasks/sync/{sid}").status_code == 403
    ok = client.post(f"/tasks/sync/{sid}", headers={"X-Appengine-Cron": "true"})
    assert ok.status_code == 200


def test_cron_header_on_a_user_route_is_ignored(app: Flask, services: Services) -> None:
    keys = _new_keys("api-test-kid")
    certs = CertsEndpoint(published=[keys])
    settings = google_settings(auth_allowed_emails=("manager@example.com",))
    services.identity = IdentityVerifier(settings, request=certs)
    services.editors = AllowlistEditorCheck(settings)
    client = app.test_client()
    url = "/api/v1/kpis/validate"
    body = {"kpis": [GOOD]}
    anonymous = client.post(url, json=body, headers={"X-Appengine-Cron": "true"})
    assert anonymous.status_code == 401
    assert anonymous.get_json()["error"]["code"] == "unauthenticated"
    token = keys.sign(user_claims())
    signed = client.post(url, json=body, headers={"Authorization": f"Bearer {token}"})
    assert signed.status_code == 200
    outsider = keys.sign(user_claims(email="someone@else.com", hd=None))
    sid = services.sheets.gateway().create("Team")
    denied = client.post(
        f"/api/v1/spreadsheets/{sid}/sync", headers={"Authorization": f"Bearer {outsider}"}
    )
    assert denied.status_code == 403
