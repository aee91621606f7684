"""The one error vocabulary: every code the service answers with, each with its one status.

    ScorecardError                 500 internal (base; raised bare only by the HTTP handler)
    ├── InvalidRequest             400 the caller sent something we cannot use
    │   ├── ValidationFailed       422 the body parsed but its fields are wrong
    │   ├── PayloadTooLarge        413 the body is over the size limit
    │   └── UnsupportedMediaType   415 the body is not JSON
    ├── Unauthenticated            401 no or bad identity token
    ├── Forbidden                  403 the caller may not do this
    │   └── NotShared              403 the spreadsheet is not shared with our service account
    ├── NotFound                   404 unknown spreadsheet, tab, role or route
    ├── Conflict                   409 someone else is doing this right now
    ├── QuotaExhausted             429 the Sheets quota is spent; try again later
    ├── UpstreamError              502 Google answered with something we did not expect
    └── Unavailable                503 a dependency is down; retry later

`ErrorCode` is the closed set of codes and `STATUS` fixes each code's HTTP status
once; an exception's status is always its code's. A class accepts only codes of
its own status, so `NotFound(code=ErrorCode.LAYOUT_AMBIGUOUS)` is refused when
raised. Each error carries a message that says what to do and optional `fields`
(field name -> problem). Verdicts about KPIs are never exceptions: they are data
(see `validators`).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import ClassVar, Final

from pydantic import BaseModel, ConfigDict

__all__ = [
    "STATUS",
    "Conflict",
    "ErrorBody",
    "ErrorCode",
    "ErrorDetail",
    "Forbidden",
    "InvalidRequest",
    "NotFound",
    "NotShared",
    "PayloadTooLarge",
    "QuotaExhausted",
    "ScorecardError",
    "Unauthenticated",
    "Unavailable",
    "UnsupportedMediaType",
    "UpstreamError",
    "ValidationFailed",
    "codes_for",
]


class ErrorCode(StrEnum):
    """Every error code a caller can see; `status` is the code's one HTTP status."""

    BAD_REQUEST = "bad_request"
    INVALID_REQUEST = "invalid_request"
    MALFORMED_JSON = "malformed_json"
    SHEETS_REJECTED = "sheets_rejected"
    CELL_TOO_LONG = "cell_too_long"
    INVALID_TEXT = "invalid_text"
    OUT_OF_GRID = "out_of_grid"
    UNAUTHENTICATED = "unauthenticated"
    FORBIDDEN = "forbidden"
    NOT_SHARED = "not_shared"
    NOT_FOUND = "not_found"
    SPREADSHEET_NOT_FOUND = "spreadsheet_not_found"
    TAB_NOT_FOUND = "tab_not_found"
    NOT_AVAILABLE = "not_available"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    CONFLICT = "conflict"
    SYNC_RUNNING = "sync_running"
    LAYOUT_AMBIGUOUS = "layout_ambiguous"
    TAB_TOO_LARGE = "tab_too_large"
    PAYLOAD_TOO_LARGE = "payload_too_large"
    UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type"
    VALIDATION_FAILED = "validation_failed"
    QUOTA_EXHAUSTED = "quota_exhausted"
    INTERNAL = "internal"
    INVALID_TEMPLATE = "invalid_template"
    UPSTREAM_ERROR = "upstream_error"
    UNAVAILABLE = "unavailable"
    SHEETS_UNAVAILABLE = "sheets_unavailable"
    NOT_MIGRATED = "not_migrated"
    SYNC_RETRY = "sync_retry"

    @property
    def status(self) -> int:
        """The HTTP status this code is always answered with."""
        return STATUS[self]


STATUS: Final[Mapping[ErrorCode, int]] = MappingProxyType(
    {
        ErrorCode.BAD_REQUEST: 400,
        ErrorCode.INVALID_REQUEST: 400,
        ErrorCode.MALFORMED_JSON: 400,
        ErrorCode.SHEETS_REJECTED: 400,
        ErrorCode.CELL_TOO_LONG: 400,
        ErrorCode.INVALID_TEXT: 400,
        ErrorCode.OUT_OF_GRID: 400,
        ErrorCode.UNAUTHENTICATED: 401,
        ErrorCode.FORBIDDEN: 403,
        ErrorCode.NOT_SHARED: 403,
        ErrorCode.NOT_FOUND: 404,
        ErrorCode.SPREADSHEET_NOT_FOUND: 404,
        ErrorCode.TAB_NOT_FOUND: 404,
        ErrorCode.NOT_AVAILABLE: 404,
        ErrorCode.METHOD_NOT_ALLOWED: 405,
        ErrorCode.CONFLICT: 409,
        ErrorCode.SYNC_RUNNING: 409,
        ErrorCode.LAYOUT_AMBIGUOUS: 409,
        ErrorCode.TAB_TOO_LARGE: 409,
        ErrorCode.PAYLOAD_TOO_LARGE: 413,
        ErrorCode.UNSUPPORTED_MEDIA_TYPE: 415,
        ErrorCode.VALIDATION_FAILED: 422,
        ErrorCode.QUOTA_EXHAUSTED: 429,
        ErrorCode.INTERNAL: 500,
        ErrorCode.INVALID_TEMPLATE: 500,
        ErrorCode.UPSTREAM_ERROR: 502,
        ErrorCode.UNAVAILABLE: 503,
        ErrorCode.SHEETS_UNAVAILABLE: 503,
        ErrorCode.NOT_MIGRATED: 503,
        ErrorCode.SYNC_RETRY: 503,
    }
)

if set(STATUS) != set(ErrorCode):  # pragma: no cover - a code added without its status
    raise RuntimeError(f"error codes without a status: {set(ErrorCode) - set(STATUS)}")


def codes_for(status: int) -> list[ErrorCode]:
    """The codes answered with `status`, in declaration order."""
    return [code for code in ErrorCode if code.status == status]


class ErrorDetail(BaseModel):
    """What went wrong: a stable code, what to do, and the fields at fault."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: ErrorCode
    message: str
    fields: dict[str, str]


class ErrorBody(BaseModel):
    """The one error body every endpoint answers with."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    error: ErrorDetail


class ScorecardError(Exception):
    """Base of every failure a request can meet."""

    default_code: ClassVar[ErrorCode] = ErrorCode.INTERNAL

    def __init__(
        self,
        message: str,
        *,
        code: ErrorCode | None = None,
        fields: Mapping[str, str] | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        chosen = code or self.default_code
        if type(self) is not ScorecardError and chosen.status != self.default_code.status:
            raise TypeError(f"{type(self).__name__} cannot carry {chosen} ({chosen.status})")
        self.code: ErrorCode = chosen
        self.message = message
        self.fields: dict[str, str] = dict(fields or {})
        self.retry_after = retry_after

    @property
    def status(self) -> int:
        """The HTTP status, fixed by the code."""
        return self.code.status

    def to_body(self) -> ErrorBody:
        """The one error shape every endpoint answers with."""
        return ErrorBody(
            error=ErrorDetail(code=self.code, message=self.message, fields=self.fields)
        )


class InvalidRequest(ScorecardError):
    """The caller sent something we cannot use."""

    default_code = ErrorCode.INVALID_REQUEST


class ValidationFailed(InvalidRequest):
    """The request parsed, but some fields are wrong."""

    default_code = ErrorCode.VALIDATION_FAILED


class PayloadTooLarge(InvalidRequest):
    """The body is larger than the service accepts."""

    default_code = ErrorCode.PAYLOAD_TOO_LARGE


class UnsupportedMediaType(InvalidRequest):
    """The body is not JSON."""

    default_code = ErrorCode.UNSUPPORTED_MEDIA_TYPE


class Unauthenticated(ScorecardError):
    """No identity, or an identity we cannot verify."""

    default_code = ErrorCode.UNAUTHENTICATED


class Forbidden(ScorecardError):
    """The caller is known but may not do this."""

    default_code = ErrorCode.FORBIDDEN


class NotShared(Forbidden):
    """The spreadsheet is not shared with the service account."""

    default_code = ErrorCode.NOT_SHARED


class NotFound(ScorecardError):
    """The thing asked for does not exist."""

    default_code = ErrorCode.NOT_FOUND


class Conflict(ScorecardError):
    """Another operation holds this resource."""

    default_code = ErrorCode.CONFLICT


class QuotaExhausted(ScorecardError):
    """The Sheets quota is spent for now."""

    default_code = ErrorCode.QUOTA_EXHAUSTED


class UpstreamError(ScorecardError):
    """Google answered with something we did not expect."""

    default_code = ErrorCode.UPSTREAM_ERROR


class Unavailable(ScorecardError):
    """A dependency is down or timed out; retrying later may work."""

    default_code = ErrorCode.UNAVAILABLE
