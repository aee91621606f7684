"""Any role string is served: a template when one matches, else a general template that says so.

The team's own templates directory (SCORECARD_TEMPLATES_DIR) is set here, so a team
role is recognised beside the built-in ones and every other role still gets a tab.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient

from service.context import Services
from service.core.layout import read_scorecard
from service.settings import Settings
from service.sheets.emulator import SheetsEmulator
from tests.templates.builders import template_yaml


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """The tests' settings, with a team templates directory holding a bookkeeper role."""
    team = tmp_path / "team_templates"
    team.mkdir()
    (team / "bookkeeper.yaml").write_text(template_yaml(title="Bookkeeper"), "utf-8")
    return Settings(
        data_dir=tmp_path / "var",
        log_format="text",
        trust_appengine_headers=True,
        templates_dir=team,
    )


def _tab_rows(services: Services, sid: str, tab_id: int) -> list[tuple[str, str]]:
    tab = services.sheets.gateway().read(sid).tab(tab_id)
    assert tab is not None
    return [(line.kpi.name, line.kpi.owner) for line in read_scorecard(tab).lines]


def test_an_unknown_role_is_provisioned_from_its_fields_library_kpis(
    client: FlaskClient, services: Services, emulator: SheetsEmulator
) -> None:
    sid = emulator.create_spreadsheet("Hotel")
    url = f"/api/v1/spreadsheets/{sid}/scorecards"
    answer = client.post(url, json={"role": "Hotel housekeeping lead", "person": "Ana Silva"})
    assert answer.status_code == 201
    body = answer.get_json()
    assert body["role"] == {
        "requested": "Hotel housekeeping lead",
        "recognised": False,
        "context": "general_housekeeping",
        "title": "Hotel housekeeping (hospitality)",
        "note": "Role 'Hotel housekeeping lead' has no template; judged with the general "
        "context for Hotel housekeeping (hospitality).",
    }
    card = body["scorecard"]
    assert card["title"] == "Hotel housekeeping lead — Ana Silva"
    assert card["role"] == "hotel_housekeeping_lead"
    rows = _tab_rows(services, sid, card["tab_id"])
    assert rows[0] == ("Room inspection pass rate", "Ana Silva")
    assert len(rows) == card["kpis"] == 4
    checked = client.post(f"{url}/{card['tab_id']}/validate").get_json()
    assert checked["role"]["context"] == "general_housekeeping"
    assert all(result["accepted"] for result in checked["results"])


def test_a_role_nothing_fits_gets_the_named_kpis_typed_as_rows(
    client: FlaskClient, services: Services, emulator: SheetsEmulator
) -> None:
    sid = emulator.create_spreadsheet("Studio")
    url = f"/api/v1/spreadsheets/{sid}/scorecards"
    body = {"role": "Tattoo artist", "person": "Jo", "kpis": ["Rebookings within 8 weeks"]}
    answer = client.post(url, json=body)
    assert answer.status_code == 201
    found = answer.get_json()
    assert (found["role"]["recognised"], found["role"]["context"]) == (False, "general")
    assert _tab_rows(services, sid, found["scorecard"]["tab_id"]) == [
        ("Rebookings within 8 weeks", "Jo")
    ]
    again = client.post(url, json={**body, "role": "tattoo-artists"})
    assert again.status_code == 200
    assert again.get_json()["scorecard"]["tab_id"] == found["scorecard"]["tab_id"]


def test_a_team_template_is_recognised_and_its_kpis_still_checked(
    client: FlaskClient, services: Services, emulator: SheetsEmulator
) -> None:
    sid = emulator.create_spreadsheet("Books")
    url = f"/api/v1/spreadsheets/{sid}/scorecards"
    answer = client.post(url, json={"role": "Bookkeepers", "person": "Lee"})
    assert answer.status_code == 201
    body = answer.get_json()
    assert body["role"]["recognised"] is True and body["role"]["context"] == "bookkeeper"
    names = [name for name, _ in _tab_rows(services, sid, body["scorecard"]["tab_id"])]
    assert names == ["Alpha", "Beta", "Gamma"]
    unknown = client.post(url, json={"role": "Bookkeepers", "person": "Max", "kpis": ["Nope"]})
    assert unknown.status_code == 422 and "kpis" in unknown.get_json()["error"]["fields"]


def test_get_template_answers_every_role_and_says_which_context(client: FlaskClient) -> None:
    team = client.get("/api/v1/templates/bookkeeper").get_json()
    assert team["title"] == "Bookkeeper" and team["role_used"]["recognised"] is True
    nurse = client.get("/api/v1/templates/Ward%20nurse")
    assert nurse.status_code == 200
    shown = nurse.get_json()
    assert shown["role"] == "ward_nurse" and shown["role_used"]["context"] == "general_nurse"
    assert shown["default_kpis"][0]["name"] == "Patient falls per 1,000 bed days"
    assert shown["default_kpis"][0]["target"] == "3"
    nothing = client.get("/api/v1/templates/astronaut").get_json()
    assert nothing["role_used"] == {
        "requested": "astronaut",
        "recognised": False,
        "context": "general",
        "title": "any role",
        "note": "Role 'astronaut' has no template; judged with the general context for any role.",
    }
    assert nothing["default_kpis"] == [] and nothing["optional_kpis"] == []
