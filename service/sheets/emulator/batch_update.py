"""spreadsheets.batchUpdate: validate, apply every request in order, all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .cell_requests import CELL_HANDLERS
from .document import Doc
from .errors import ApiError, bad_request
from .metadata import METADATA_HANDLERS
from .range_requests import RANGE_HANDLERS
from .request_rules import check_cell_limit, check_request
from .resource import render_spreadsheet
from .schema import check_body
from .sheet_requests import SHEET_HANDLERS

__all__ = ["HANDLERS", "batch_update"]

Handler = Callable[[Doc, dict[str, Any]], dict[str, Any] | None]
HANDLERS: dict[str, Handler] = {
    **SHEET_HANDLERS,
    **CELL_HANDLERS,
    **RANGE_HANDLERS,
    **METADATA_HANDLERS,
}


# Requests that can add cells, after which the 10 million cell limit is checked.
_GROWING = frozenset(
    {
        "addSheet",
        "appendDimension",
        "insertDimension",
        "updateSheetProperties",
        "duplicateSheet",
        "appendCells",
        "insertRange",
    }
)


def _kind(request: dict[str, Any], index: int) -> str:
    kinds = [key for key, value in request.items() if value is not None]
    if len(kinds) != 1:
        raise bad_request(f"Invalid requests[{index}]: exactly one kind of request must be set.")
    return kinds[0]


def batch_update(doc: Doc, body: Any) -> tuple[Doc, dict[str, Any]]:
    """Apply a batchUpdate in place; on any error the caller must discard the document."""
    check_body(body, "BatchUpdateSpreadsheetRequest")
    requests = body.get("requests") or []
    work = doc
    replies: list[dict[str, Any]] = []
    for index, request in enumerate(requests):
        kind = _kind(request, index)
        handler = HANDLERS.get(kind)
        if handler is None:
            raise bad_request(f"Invalid requests[{index}].{kind}: this request is not emulated.")
        try:
            check_request(kind, request[kind])
            replies.append(handler(work, request[kind]) or {})
            if kind in _GROWING:
                check_cell_limit(work)
        except ApiError as exc:
            if exc.code != 400 or exc.message.startswith("Invalid requests["):
                raise
            raise bad_request(f"Invalid requests[{index}].{kind}: {exc.message}") from exc
    response: dict[str, Any] = {"spreadsheetId": doc["spreadsheetId"], "replies": replies}
    if body.get("includeSpreadsheetInResponse"):
        ranges = body.get("responseRanges") or []
        grid = bool(body.get("responseIncludeGridData"))
        response["updatedSpreadsheet"] = render_spreadsheet(work, grid, ranges, None)
    return work, response
