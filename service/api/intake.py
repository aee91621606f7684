"""What every request passes before a view: identity first, then size, media type and JSON.

The order matters: a caller who cannot say who they are learns nothing about
our validation (401/403 before 413/415/422), and no body is read for them.
Bodies are read through Werkzeug's limited stream, so a chunked body without a
Content-Length meets the same size limit as any other.
"""

from __future__ import annotations

from flask import Flask, g, request

from service.api.guard import identify
from service.errors import ErrorCode, InvalidRequest, UnsupportedMediaType, ValidationFailed

__all__ = ["install_intake"]

_WITH_BODY = frozenset({"POST", "PUT", "PATCH"})
_MALFORMED = object()


def _read_body() -> None:
    """Check size, media type and JSON of the body, once; the views read the cached JSON."""
    if request.method not in _WITH_BODY:
        return
    # Reading enforces MAX_CONTENT_LENGTH (413). A chunked body is cut at the limit
    # silently, so one more byte is asked for: at the limit the stream answers 413.
    data = request.get_data(cache=True)
    limit = request.max_content_length
    if request.content_length is None and limit is not None and len(data) >= limit:
        request.stream.read(1)
    if not data:
        return
    if not request.is_json:
        raise UnsupportedMediaType("Send the body as JSON with Content-Type: application/json.")
    try:
        parsed = request.get_json(silent=True)
    except RecursionError:
        # Deeply nested JSON exhausts the parser's stack: it is not a body we can use.
        parsed = _MALFORMED
    if parsed is _MALFORMED or (parsed is None and not _is_null(data)):
        raise InvalidRequest(
            "The body is not valid JSON: check quotes, commas and brackets, and nest less deeply.",
            code=ErrorCode.MALFORMED_JSON,
        )
    if not isinstance(parsed, dict):
        kind = "null" if parsed is None else type(parsed).__name__
        raise ValidationFailed(
            f'The body must be a JSON object such as {{"title": "Team"}}, not {kind}.',
            fields={"body": f"expected an object, got {kind}"},
        )


def _is_null(data: bytes) -> bool:
    return data.strip() == b"null"


def install_intake(app: Flask) -> None:
    """Register the checks every request passes, in order, before its view."""

    @app.before_request
    def _intake() -> None:
        g.caller = identify()
        _read_body()
