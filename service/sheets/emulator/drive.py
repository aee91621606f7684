"""Just enough of Drive v3 for gspread's Client.create, del_spreadsheet, open and list."""

from __future__ import annotations

import re
from typing import Any

from .create import new_spreadsheet_id
from .document import Doc, new_document
from .errors import ApiError
from .store import Transaction, drive_timestamp

__all__ = ["drive_create", "drive_delete", "drive_file", "drive_list"]

SPREADSHEET_MIME = "application/vnd.google-apps.spreadsheet"
_NAME_QUERY = re.compile(r"name\s*=\s*'((?:[^'\\]|\\.)*)'")
_MODIFIED_QUERY = re.compile(r"modifiedTime\s*>\s*'([^']+)'")


def drive_file(doc: Doc) -> dict[str, Any]:
    """The Drive file resource of a stored spreadsheet."""
    stamps = doc.get("driveFile", {})
    now = drive_timestamp()
    return {
        "kind": "drive#file",
        "id": doc["spreadsheetId"],
        "name": doc["properties"]["title"],
        "mimeType": SPREADSHEET_MIME,
        "createdTime": stamps.get("createdTime", now),
        "modifiedTime": stamps.get("modifiedTime", stamps.get("createdTime", now)),
    }


def drive_create(tx: Transaction, body: dict[str, Any]) -> dict[str, Any]:
    """POST drive/v3/files: create an empty spreadsheet named by the body."""
    doc = new_document(new_spreadsheet_id(), str(body.get("name") or "Untitled spreadsheet"))
    doc["driveFile"] = {"createdTime": drive_timestamp()}
    tx.save(doc)
    return {
        "kind": "drive#file",
        "id": doc["spreadsheetId"],
        "name": doc["properties"]["title"],
        "mimeType": SPREADSHEET_MIME,
    }


def drive_delete(tx: Transaction, file_id: str) -> None:
    """DELETE drive/v3/files/{id}."""
    if not tx.delete(file_id):
        raise ApiError(404, f"File not found: {file_id}.")


def drive_list(tx: Transaction, params: dict[str, list[str]]) -> dict[str, Any]:
    """GET drive/v3/files: every spreadsheet, filtered by `name = '…'` when asked."""
    query = params.get("q", [""])[0]
    wanted = _NAME_QUERY.search(query)
    since = _MODIFIED_QUERY.search(query)
    after = _normalised(since.group(1)) if since else None
    files = []
    for file_id in tx.ids() if after is None else tx.ids_modified_after(after):
        doc = tx.load(file_id)
        if doc is None:
            continue
        if wanted and doc["properties"]["title"] != wanted.group(1).replace("\\'", "'"):
            continue
        files.append(drive_file(doc))
    return {"kind": "drive#fileList", "incompleteSearch": False, "files": files}


def _normalised(stamp: str) -> str:
    """A query's RFC 3339 time in the stored form (milliseconds, Z), for text comparison."""
    stamp = stamp.replace("+00:00", "Z")
    if "." not in stamp:
        stamp = stamp.replace("Z", ".000Z")
    head, _, fraction = stamp.partition(".")
    return f"{head}.{fraction.rstrip('Z')[:3].ljust(3, '0')}Z"
