"""Google's error answers become our errors once, at the boundary, by what Google says."""

from __future__ import annotations

import json

import pytest
import requests
from gspread.exceptions import APIError

from service.errors import ErrorCode
from service.sheets.errors import translate
from service.sheets.retry import is_retryable

SA = "scorecard@team.iam.gserviceaccount.com"


def _api_error(status: int, error: dict[str, object]) -> APIError:
    response = requests.Response()
    response.status_code = status
    response._content = json.dumps({"error": {"code": status, **error}}).encode()
    return APIError(response)


def _drive_style(domain: str, reason: str) -> dict[str, object]:
    return {"message": reason, "errors": [{"domain": domain, "reason": reason, "message": reason}]}


# Sheets API v4 answers quota refusals in the google.rpc style: a status and ErrorInfo details.
SHEETS_429 = {
    "message": "Quota exceeded for quota metric 'Read requests'",
    "status": "RESOURCE_EXHAUSTED",
    "details": [
        {
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            "reason": "RATE_LIMIT_EXCEEDED",
            "domain": "googleapis.com",
        }
    ],
}
SHEETS_403 = {"message": "The caller does not have permission", "status": "PERMISSION_DENIED"}


@pytest.mark.parametrize(
    ("status", "error", "code", "retryable"),
    [
        (429, SHEETS_429, ErrorCode.QUOTA_EXHAUSTED, True),
        (403, {**SHEETS_429, "status": "RESOURCE_EXHAUSTED"}, ErrorCode.QUOTA_EXHAUSTED, True),
        (
            403,
            _drive_style("usageLimits", "userRateLimitExceeded"),
            ErrorCode.QUOTA_EXHAUSTED,
            True,
        ),
        (403, _drive_style("usageLimits", "rateLimitExceeded"), ErrorCode.QUOTA_EXHAUSTED, True),
        (403, _drive_style("usageLimits", "dailyLimitExceeded"), ErrorCode.QUOTA_EXHAUSTED, False),
        (403, _drive_style("usageLimits", "storageQuotaExceeded"), ErrorCode.NOT_SHARED, False),
        (403, SHEETS_403, ErrorCode.NOT_SHARED, False),
        (
            404,
            {"message": "Requested entity was not found."},
            ErrorCode.SPREADSHEET_NOT_FOUND,
            False,
        ),
    ],
)
def test_google_errors_map_by_reason(
    status: int, error: dict[str, object], code: ErrorCode, retryable: bool
) -> None:
    exc = _api_error(status, error)
    ours = translate(exc, "sid-1", SA)
    assert (ours.code, ours.status) == (code, code.status)
    assert is_retryable(exc, idempotent=True) is retryable
    if code is ErrorCode.QUOTA_EXHAUSTED:
        assert ours.retry_after is not None and ours.retry_after >= 60
        assert SA not in ours.message  # a quota refusal never tells anyone to share the sheet
