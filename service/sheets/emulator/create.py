"""spreadsheets.create: a new document from a full Spreadsheet body."""

from __future__ import annotations

import copy
import secrets
from typing import Any

from .cell_requests import CELL_HANDLERS
from .defaults import default_properties
from .document import Doc, new_id, new_sheet
from .errors import bad_request
from .metadata import METADATA_HANDLERS
from .request_rules import check_cell_limit, check_properties
from .schema import check_body

__all__ = ["document_from_body", "new_spreadsheet_id"]

_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def new_spreadsheet_id() -> str:
    """A random 44-character id shaped like Google's."""
    return "1" + "".join(secrets.choice(_ID_ALPHABET) for _ in range(43))


def _add_sheets(doc: Doc, sheets: list[dict[str, Any]]) -> None:
    for index, given in enumerate(sheets or [{}]):
        props = copy.deepcopy(given.get("properties") or {})
        props.setdefault("sheetId", 0 if index == 0 else new_id())
        props.setdefault("title", f"Sheet{index + 1}")
        props["index"] = index
        if any(s["properties"]["title"].lower() == props["title"].lower() for s in doc["sheets"]):
            raise bad_request(f'A sheet with the name "{props["title"]}" already exists.')
        doc["sheets"].append(new_sheet(props))
        for data in given.get("data") or []:
            start = {
                "sheetId": props["sheetId"],
                "rowIndex": data.get("startRow") or 0,
                "columnIndex": data.get("startColumn") or 0,
            }
            rows = data.get("rowData") or []
            if rows:
                request = {"start": start, "rows": rows, "fields": "*"}
                CELL_HANDLERS["updateCells"](doc, request)
        for key in ("merges", "conditionalFormats", "protectedRanges"):
            if given.get(key):
                doc["sheets"][-1][key] = copy.deepcopy(given[key])
        for meta in given.get("developerMetadata") or []:
            METADATA_HANDLERS["createDeveloperMetadata"](doc, {"developerMetadata": meta})


def document_from_body(body: Any, spreadsheet_id: str | None = None) -> Doc:
    """Build a stored document from a create body (sheets, grid data, metadata, named ranges)."""
    check_body(body, "Spreadsheet")
    check_properties(body.get("properties") or {})
    properties = default_properties("Untitled spreadsheet")
    properties.update(copy.deepcopy(body.get("properties") or {}))
    doc: Doc = {
        "spreadsheetId": spreadsheet_id or body.get("spreadsheetId") or new_spreadsheet_id(),
        "properties": properties,
        "sheets": [],
        "namedRanges": copy.deepcopy(body.get("namedRanges") or []),
        "developerMetadata": [],
    }
    _add_sheets(doc, body.get("sheets") or [])
    for meta in body.get("developerMetadata") or []:
        METADATA_HANDLERS["createDeveloperMetadata"](doc, {"developerMetadata": meta})
    check_cell_limit(doc)
    return doc
