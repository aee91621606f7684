"""The OpenAPI document describes what the API really answers."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from service.errors import ErrorCode
from service.sheets.emulator import SheetsEmulator

ERROR_REF = "#/components/schemas/ErrorBody"
SID = "team"


@pytest.fixture
def spec(client: FlaskClient) -> dict[str, Any]:
    document: dict[str, Any] = client.get("/openapi.json").get_json()
    return document


def _operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, item in spec["paths"].items()
        for method, operation in item.items()
    ]


def test_the_error_body_is_one_component_with_the_closed_code_set(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    assert schemas["ErrorBody"]["required"] == ["error"]
    assert set(schemas["ErrorDetail"]["required"]) == {"code", "message", "fields"}
    assert set(schemas["ErrorCode"]["enum"]) == {str(code) for code in ErrorCode}


def test_the_bearer_scheme_is_declared_and_used(spec: dict[str, Any]) -> None:
    assert spec["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    validate = spec["paths"]["/api/v1/kpis/validate"]["post"]
    assert validate["security"] == [{"bearer": []}]


def test_every_error_status_uses_the_error_body(spec: dict[str, Any]) -> None:
    for path, method, operation in _operations(spec):
        errors = {status: r for status, r in operation["responses"].items() if int(status) >= 400}
        assert "500" in errors, (path, method)
        for status, response in errors.items():
            schema = response["content"]["application/json"]["schema"]
            assert schema == {"$ref": ERROR_REF}, (path, method, status)
            codes = [str(code) for code in ErrorCode if code.status == int(status)]
            assert all(code in response["description"] for code in codes)


def test_each_route_declares_what_it_can_answer(spec: dict[str, Any]) -> None:
    def statuses(path: str, method: str) -> set[int]:
        return {int(status) for status in spec["paths"][path][method]["responses"]}

    sync = "/api/v1/spreadsheets/{spreadsheet_id}/sync"
    assert statuses(sync, "post") >= {200, 401, 403, 404, 409, 422, 429, 500, 502, 503}
    assert statuses("/api/v1/kpis/validate", "post") >= {200, 400, 401, 413, 415, 422}
    assert statuses("/api/v1/spreadsheets", "post") >= {201, 404}
    provision = "/api/v1/spreadsheets/{spreadsheet_id}/scorecards"
    assert statuses(provision, "post") >= {200, 201, 404}
    assert statuses("/tasks/sync/{spreadsheet_id}", "post") >= {200, 403, 503}
    assert statuses("/healthz", "get") == {200, 500}


def test_validate_tab_documents_the_body_it_really_sends(
    client: FlaskClient, spec: dict[str, Any], emulator: SheetsEmulator
) -> None:
    emulator.create_spreadsheet("Team", spreadsheet_id=SID)
    url = f"/api/v1/spreadsheets/{SID}/scorecards"
    tab_id = client.post(url, json={"role": "accounting_rep", "person": "Dana Ruiz"}).get_json()[
        "scorecard"
    ]["tab_id"]
    body = client.post(f"{url}/{tab_id}/validate").get_json()
    operation = spec["paths"]["/api/v1/spreadsheets/{spreadsheet_id}/scorecards/{tab_id}/validate"]
    ref = operation["post"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    documented = spec["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert "requests" in documented["properties"]
    assert set(body) == set(documented["properties"])
    assert body["requests"] == {"reads": 1, "writes": 1}


def test_a_validation_error_answers_our_body_not_pydantics_list(
    client: FlaskClient, spec: dict[str, Any]
) -> None:
    response = client.post("/api/v1/kpis/validate", json={"kpis": []})
    assert response.status_code == 422
    body = response.get_json()
    assert body["error"]["code"] == "validation_failed" and "kpis" in body["error"]["fields"]
    declared = spec["paths"]["/api/v1/kpis/validate"]["post"]["responses"]["422"]
    assert declared["content"]["application/json"]["schema"] == {"$ref": ERROR_REF}


def test_an_unknown_tab_is_404_tab_not_found(client: FlaskClient, emulator: SheetsEmulator) -> None:
    emulator.create_spreadsheet("Team", spreadsheet_id=SID)
    response = client.post(f"/api/v1/spreadsheets/{SID}/scorecards/4242/validate")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "tab_not_found"
