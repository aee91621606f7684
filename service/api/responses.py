"""What the views answer, and what the OpenAPI document says they answer.

`reply` is the one way a view returns: a pydantic model, serialised as JSON,
with its status. `documented` builds a route's `responses=`: the success model
and every error status the route can answer, each described by the one error
body (`ErrorBody`) and the codes that status carries.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Response, jsonify
from flask_openapi3.types import ResponseDict
from pydantic import BaseModel

from service.errors import ErrorBody, codes_for

__all__ = [
    "BEARER",
    "BODY",
    "CALLER",
    "PATH",
    "RETRY",
    "SCHEDULER",
    "SHEETS",
    "documented",
    "published",
    "reply",
]

# Status groups a route combines in `documented`.
# Every route can fail on our side.
_ALWAYS = (500,)
# The identity token (401) and the caller's rights (403); answered before anything else.
CALLER = (401, 403)
# The scheduler's routes refuse everyone else with 403.
SCHEDULER = (403,)
# A JSON body: unreadable (400), too large (413), not JSON (415), wrong fields (422).
BODY = (400, 413, 415, 422)
# Path parameters that do not match their pattern (422).
PATH = (422,)
# Anything that reads or writes a spreadsheet: not shared (403), unknown spreadsheet or
# tab (404), a sync already running (409), quota (429), Google failing (502, 503).
SHEETS = (400, 403, 404, 409, 429, 502, 503)
# A dependency down (the registry, the queue): try again later.
RETRY = (503,)

BEARER: dict[str, Any] = {
    "bearer": {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": "The add-on's identity token (ScriptApp.getIdentityToken()).",
    }
}

_ERROR_REF = {"$ref": f"#/components/schemas/{ErrorBody.__name__}"}
_RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before trying again.",
        "schema": {"type": "integer", "minimum": 1},
    }
}


def reply(model: BaseModel, status: int = 200) -> Response:
    """A model as the JSON response body, with its status."""
    response = jsonify(model.model_dump(mode="json"))
    response.status_code = status
    return response


def _error_response(status: int) -> dict[str, Any]:
    codes = ", ".join(f"`{code}`" for code in codes_for(status))
    response: dict[str, Any] = {
        "description": f"Error; `error.code` is one of {codes}.",
        "content": {"application/json": {"schema": dict(_ERROR_REF)}},
    }
    if status in (409, 429, 503):
        response["headers"] = dict(_RETRY_AFTER)
    return response


def documented(ok: Mapping[int, type[BaseModel]], *groups: tuple[int, ...]) -> ResponseDict:
    """A route's `responses=`: its success models and every error status it can answer."""
    statuses = sorted({status for group in (_ALWAYS, *groups) for status in group})
    answers: ResponseDict = {status: model for status, model in ok.items()}
    answers.update({status: _error_response(status) for status in statuses})
    return answers


def published(spec: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI document without the 422 flask-openapi3 adds to routes that take no input.

    It adds pydantic's error list as a 422 to every route that does not declare one; our
    routes declare theirs (with our error body), so any 422 left in list form is not real.
    """
    for item in spec.get("paths", {}).values():
        for operation in item.values():
            added = operation.get("responses", {}).get("422", {})
            schema = added.get("content", {}).get("application/json", {}).get("schema", {})
            if schema.get("type") == "array":
                del operation["responses"]["422"]
    return spec
