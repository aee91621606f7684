"""The one error handler: every failure leaves as `{"error": {code, message, fields}}`."""

from __future__ import annotations

import logging
import uuid

from flask import Flask, Response, request
from pydantic import ValidationError
from werkzeug.exceptions import HTTPException

from service.api.responses import reply
from service.errors import ErrorCode, ScorecardError, ValidationFailed
from service.logs import request_id_var, trace_fields, trace_var

__all__ = ["install_error_handling", "validation_error_response"]

log = logging.getLogger("service.api")

_HTTP_CODES = {
    400: (ErrorCode.BAD_REQUEST, "The request could not be read."),
    404: (ErrorCode.NOT_FOUND, "No such endpoint: check the path against /openapi.json."),
    405: (ErrorCode.METHOD_NOT_ALLOWED, "This endpoint does not accept that method."),
    413: (ErrorCode.PAYLOAD_TOO_LARGE, "The request body is too large."),
    415: (
        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        "Send the body as JSON with Content-Type: application/json.",
    ),
}


def _http_error(error: HTTPException) -> ScorecardError:
    """Werkzeug's own refusals, in our vocabulary (other 4xx read as 400, 5xx as 500)."""
    status = error.code or 500
    known = _HTTP_CODES.get(status)
    if known is not None:
        return ScorecardError(known[1], code=known[0])
    if status < 500:
        return ScorecardError(error.description or "Bad request.", code=ErrorCode.BAD_REQUEST)
    return ScorecardError("Something went wrong on our side; try again.")


def _respond(error: ScorecardError) -> Response:
    response = reply(error.to_body(), error.status)
    if error.retry_after is not None:
        response.headers["Retry-After"] = str(max(1, round(error.retry_after)))
    return response


def _field_name(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc) or "body"


def validation_error_response(exc: ValidationError) -> Response:
    """Turn a pydantic error on a request into the one error shape (422)."""
    fields = {_field_name(err["loc"]): err["msg"] for err in exc.errors(include_url=False)}
    listed = "; ".join(f"{name}: {msg}" for name, msg in fields.items())
    return _respond(
        ValidationFailed(f"The request body has invalid fields: {listed}.", fields=fields)
    )


def install_error_handling(app: Flask, *, project: str = "") -> None:
    """Register request ids, log correlation for `project` and the one error handler."""

    @app.before_request
    def _start() -> None:
        request_id_var.set(request.headers.get("X-Request-Id") or uuid.uuid4().hex[:16])
        trace_var.set(trace_fields(request.headers.get("X-Cloud-Trace-Context"), project))

    @app.after_request
    def _tag(response: Response) -> Response:
        response.headers["X-Request-Id"] = request_id_var.get()
        return response

    @app.errorhandler(ScorecardError)
    def _domain(error: ScorecardError) -> Response:
        level = logging.ERROR if error.status >= 500 else logging.INFO
        log.log(level, "%s %s -> %s %s", request.method, request.path, error.status, error.code)
        return _respond(error)

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> Response:
        return _respond(_http_error(error))

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.path)
        return _respond(
            ScorecardError(
                f"Something went wrong on our side (request {request_id_var.get()}). "
                "Try again; if it keeps happening, report the request id."
            )
        )
