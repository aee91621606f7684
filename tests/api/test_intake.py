"""Every request: identity first, then size, media type and JSON, before any view."""

from __future__ import annotations

import io
import json

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service.auth import IdentityVerifier
from service.context import Services
from tests.auth.conftest import CertsEndpoint, _new_keys, google_settings, user_claims

VALIDATE = "/api/v1/kpis/validate"


@pytest.fixture
def guarded(app: Flask, services: Services) -> FlaskClient:
    """A client of the app with Google sign-in required."""
    services.identity = IdentityVerifier(
        google_settings(), request=CertsEndpoint(published=[_new_keys("intake-kid")])
    )
    return app.test_client()


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        ('{"kpis": "all"}', "application/json"),  # would be 422
        ("kpis=1", "text/plain"),  # would be 415
        ("{nope", "application/json"),  # would be 400
        (json.dumps({"kpis": [{"name": "x" * 2_000_000}]}), "application/json"),  # would be 413
    ],
)
def test_without_a_token_a_bad_body_is_401(
    guarded: FlaskClient, data: str, content_type: str
) -> None:
    response = guarded.post(VALIDATE, data=data, content_type=content_type)
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthenticated"


def test_a_bad_task_path_without_the_scheduler_is_403(client: FlaskClient) -> None:
    response = client.post("/tasks/sync/not%20an%20id", data="x", content_type="text/plain")
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "forbidden"


def test_with_a_token_the_body_checks_follow(app: Flask, services: Services) -> None:
    keys = _new_keys("intake-signed")
    services.identity = IdentityVerifier(google_settings(), request=CertsEndpoint(published=[keys]))
    headers = {"Authorization": f"Bearer {keys.sign(user_claims())}"}
    response = app.test_client().post(
        VALIDATE, data="{nope", headers=headers, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "malformed_json"


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_deeply_nested_json_is_400_malformed_json(client: FlaskClient, depth: int) -> None:
    body = "[" * depth + "]" * depth
    response = client.post(VALIDATE, data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "malformed_json"


def test_deep_nesting_inside_an_object_is_400_too(client: FlaskClient) -> None:
    body = '{"kpis": ' + '{"a": ' * 5_000 + "1" + "}" * 5_000 + "}"
    response = client.post(VALIDATE, data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "malformed_json"


@pytest.mark.parametrize(("body", "kind"), [("null", "null"), ("[1]", "list"), ('"x"', "str")])
def test_a_body_that_is_not_an_object_says_so(client: FlaskClient, body: str, kind: str) -> None:
    response = client.post(VALIDATE, data=body, content_type="application/json")
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "validation_failed"
    assert f"not {kind}" in error["message"] and "not valid JSON" not in error["message"]


def _chunked(client: FlaskClient, data: bytes, content_type: str):  # type: ignore[no-untyped-def]
    """A body sent without Content-Length, as a chunked request reaches the app."""
    return client.post(
        VALIDATE,
        input_stream=io.BytesIO(data),
        headers={"Transfer-Encoding": "chunked", "Content-Type": content_type},
        environ_overrides={"wsgi.input_terminated": True},
    )


def test_chunked_bodies_meet_the_content_type_check(client: FlaskClient) -> None:
    response = _chunked(client, b"kpis=1", "text/plain")
    assert response.status_code == 415
    assert response.get_json()["error"]["code"] == "unsupported_media_type"


def test_chunked_bodies_meet_the_size_limit(client: FlaskClient) -> None:
    big = json.dumps({"kpis": [{"name": "x" * 2_000_000}]}).encode()
    response = _chunked(client, big, "application/json")
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "payload_too_large"


def test_chunked_json_is_parsed_like_any_other(client: FlaskClient) -> None:
    response = _chunked(client, b"[[[", "application/json")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "malformed_json"
