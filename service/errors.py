"""The one exception tree. Every failure a request can meet is one of these.

    ScorecardError                 500 internal (base; never raised bare)
    ├── InvalidRequest             400/422 the caller sent something we cannot use
    │   └── ValidationFailed       422 the body parsed but its fields are wrong
    ├── Unauthenticated            401 no or bad identity token
    ├── Forbidden                  403 the caller may not do this
    │   └── NotShared              403 the spreadsheet is not shared with our service account
    ├── NotFound                   404 unknown spreadsheet, tab, role or route
    ├── Conflict                   409 someone else is doing this right now
    ├── QuotaExhausted             429 the Sheets quota is spent; try again later
    ├── UpstreamError              502 Google answered with something we did not expect
    └── Unavailable                503 a dependency is down; retry later

Each carries a stable `code`, an HTTP `status`, a message that says what to do,
and optional `fields` (field name -> problem). Verdicts about KPIs are never
exceptions: they are data (see `validators`).
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = [
    "Conflict",
    "Forbidden",
    "InvalidRequest",
    "NotFound",
    "NotShared",
    "QuotaExhausted",
    "ScorecardError",
    "Unauthenticated",
    "Unavailable",
    "UpstreamError",
    "ValidationFailed",
]


class ScorecardError(Exception):
    """Base of every failure a request can meet."""

    status: int = 500
    code: str = "internal"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        status: int | None = None,
        fields: Mapping[str, str] | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        if status is not None:
            self.status = status
        self.fields: dict[str, str] = dict(fields or {})
        self.retry_after = retry_after

    def to_body(self) -> dict[str, object]:
        """The one error shape every endpoint answers with."""
        return {"error": {"code": self.code, "message": self.message, "fields": self.fields}}


class InvalidRequest(ScorecardError):
    """The caller sent something we cannot use."""

    status = 400
    code = "invalid_request"


class ValidationFailed(InvalidRequest):
    """The request parsed, but some fields are wrong."""

    status = 422
    code = "validation_failed"


class Unauthenticated(ScorecardError):
    """No identity, or an identity we cannot verify."""

    status = 401
    code = "unauthenticated"


class Forbidden(ScorecardError):
    """The caller is known but may not do this."""

    status = 403
    code = "forbidden"


class NotShared(Forbidden):
    """The spreadsheet is not shared with the service account."""

    code = "not_shared"


class NotFound(ScorecardError):
    """The thing asked for does not exist."""

    status = 404
    code = "not_found"


class Conflict(ScorecardError):
    """Another operation holds this resource."""

    status = 409
    code = "conflict"


class QuotaExhausted(ScorecardError):
    """The Sheets quota is spent for now."""

    status = 429
    code = "quota_exhausted"


class UpstreamError(ScorecardError):
    """Google answered with something we did not expect."""

    status = 502
    code = "upstream_error"


class Unavailable(ScorecardError):
    """A dependency is down or timed out; retrying later may work."""

    status = 503
    code = "unavailable"
