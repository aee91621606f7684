"""The app factory and the one error shape on every failure path."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service import create_app
from service.settings import Settings


def _error(response) -> dict[str, object]:  # type: ignore[no-untyped-def]
    body = response.get_json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    assert body["error"]["message"]
    return body["error"]  # type: ignore[no-any-return]


def test_factory_takes_settings_passed_in(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path / "passed", max_request_bytes=5000))
    assert app.config["MAX_CONTENT_LENGTH"] == 5000
    assert (tmp_path / "passed").is_dir()
    app.extensions["scorecard"].registry.close()


def test_factory_reads_settings_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCORECARD_DATA_DIR", str(tmp_path / "from-env"))
    monkeypatch.setenv("SCORECARD_MAX_REQUEST_BYTES", "12345")
    app = create_app()
    assert app.config["MAX_CONTENT_LENGTH"] == 12345
    assert app.extensions["scorecard"].settings.data_dir == tmp_path / "from-env"
    app.extensions["scorecard"].registry.close()


def test_bad_settings_fail_at_start_naming_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCORECARD_SHEETS_BACKEND", "excel")
    with pytest.raises(ValueError, match="sheets_backend"):
        Settings()


def test_healthz(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert (response.status_code, response.get_json()) == (200, {"status": "ok"})
    assert response.headers["X-Request-Id"]


def test_openapi_spec_lists_the_api(client: FlaskClient) -> None:
    spec = client.get("/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/kpis/validate" in spec["paths"]
    assert "/api/v1/spreadsheets/{spreadsheet_id}/sync" in spec["paths"]


def test_unknown_route(client: FlaskClient) -> None:
    response = client.get("/nope")
    assert response.status_code == 404
    assert _error(response)["code"] == "not_found"


def test_wrong_method(client: FlaskClient) -> None:
    response = client.delete("/healthz")
    assert response.status_code == 405
    assert _error(response)["code"] == "method_not_allowed"


def test_malformed_json(client: FlaskClient) -> None:
    response = client.post("/api/v1/kpis/validate", data="{nope", content_type="application/json")
    assert response.status_code == 400
    assert _error(response)["code"] == "malformed_json"


def test_wrong_content_type(client: FlaskClient) -> None:
    response = client.post("/api/v1/kpis/validate", data="kpis=1", content_type="text/plain")
    assert response.status_code == 415
    assert _error(response)["code"] == "unsupported_media_type"


def test_oversized_body(client: FlaskClient) -> None:
    big = json.dumps({"kpis": [{"name": "x" * 2_000_000}]})
    response = client.post("/api/v1/kpis/validate", data=big, content_type="application/json")
    assert response.status_code == 413
    assert _error(response)["code"] == "payload_too_large"


def test_invalid_fields_are_listed(client: FlaskClient) -> None:
    response = client.post("/api/v1/kpis/validate", json={"kpis": "all of them"})
    assert response.status_code == 422
    error = _error(response)
    assert error["code"] == "validation_failed"
    assert "kpis" in error["fields"]  # type: ignore[operator]


def test_unexpected_errors_hide_the_stack_and_log_it(
    app: Flask, client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    def explode() -> str:
        raise RuntimeError("secret internals")

    app.add_url_rule("/explode", "explode", explode)
    logging.getLogger("service").propagate = True
    response = client.get("/explode", headers={"X-Request-Id": "req-42"})
    assert response.status_code == 500
    error = _error(response)
    assert error["code"] == "internal"
    assert "secret internals" not in response.get_data(as_text=True)
    assert "req-42" in str(error["message"])
    assert any("secret internals" in (r.exc_text or "") for r in caplog.records)
