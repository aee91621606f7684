"""Translate Sheets API failures into the project's errors, once, at the boundary."""

from __future__ import annotations

import requests
from gspread.exceptions import APIError

from service.errors import (
    ErrorCode,
    InvalidRequest,
    NotFound,
    NotShared,
    QuotaExhausted,
    ScorecardError,
    Unavailable,
    UpstreamError,
)
from service.sheets.retry import quota_refusal, retry_after_seconds

__all__ = ["spreadsheet_not_found", "translate"]


def spreadsheet_not_found(spreadsheet_id: str) -> NotFound:
    """The answer for a spreadsheet id Google does not know."""
    return NotFound(
        f"Spreadsheet {spreadsheet_id} was not found: check the id in its URL.",
        code=ErrorCode.SPREADSHEET_NOT_FOUND,
        fields={"spreadsheet_id": spreadsheet_id},
    )


def translate(exc: BaseException, spreadsheet_id: str, service_account: str) -> ScorecardError:
    """The project error for a failed Sheets request on `spreadsheet_id`."""
    if isinstance(exc, requests.Timeout | requests.ConnectionError):
        return Unavailable(
            "Google Sheets did not answer in time; try again in a few minutes.",
            code=ErrorCode.SHEETS_UNAVAILABLE,
        )
    if not isinstance(exc, APIError):
        return UpstreamError(f"Unexpected failure talking to Google Sheets: {exc}")
    message = str(exc.error.get("message", ""))
    if exc.code == 404:
        return spreadsheet_not_found(spreadsheet_id)
    refusal = quota_refusal(exc.code, exc.error)
    if refusal is not None:
        return QuotaExhausted(
            "Google's Sheets quota for this minute is used up; try again in a minute."
            if refusal == "minute"
            else "Google's Sheets quota for today is used up; try again tomorrow.",
            retry_after=retry_after_seconds(exc) or (60.0 if refusal == "minute" else 3600.0),
        )
    if exc.code in (401, 403):
        return NotShared(
            f"Scorecard cannot open spreadsheet {spreadsheet_id}: share it with "
            f"{service_account} as Editor, then try again.",
            fields={"spreadsheet_id": spreadsheet_id, "share_with": service_account},
        )
    if exc.code == 400:
        return InvalidRequest(
            f"Google Sheets rejected the change: {message}", code=ErrorCode.SHEETS_REJECTED
        )
    if exc.code >= 500 or exc.code == 408:
        return Unavailable(
            "Google Sheets is not answering right now; try again in a few minutes.",
            code=ErrorCode.SHEETS_UNAVAILABLE,
        )
    return UpstreamError(f"Google Sheets answered {exc.code}: {message}")
