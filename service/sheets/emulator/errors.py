"""The error every emulated endpoint raises, rendered as Google's error body."""

from __future__ import annotations

from typing import Any

__all__ = ["ApiError", "bad_request", "not_found"]

_STATUS_NAMES = {
    400: "INVALID_ARGUMENT",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    409: "ABORTED",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    503: "UNAVAILABLE",
}


class ApiError(Exception):
    """A failed call: HTTP code, Google's status name, message and optional details."""

    def __init__(self, code: int, message: str, details: list[dict[str, Any]] | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = _STATUS_NAMES.get(code, "UNKNOWN")
        self.details = details

    def body(self) -> dict[str, Any]:
        """Return the JSON error document Google sends for this error."""
        error: dict[str, Any] = {"code": self.code, "message": self.message, "status": self.status}
        if self.details:
            error["details"] = self.details
        return {"error": error}


def bad_request(message: str, field: str | None = None) -> ApiError:
    """Build a 400 INVALID_ARGUMENT, with a field violation when the field is known."""
    if field is None:
        return ApiError(400, message)
    violation = {"field": field, "description": message}
    details = [
        {"@type": "type.googleapis.com/google.rpc.BadRequest", "fieldViolations": [violation]}
    ]
    return ApiError(400, message, details)


def not_found() -> ApiError:
    """Build the 404 Google answers for an unknown spreadsheet."""
    return ApiError(404, "Requested entity was not found.")
