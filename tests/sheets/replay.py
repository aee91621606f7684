"""Replay recorded gspread ↔ Google traffic (vcrpy JSON) against a fresh emulator.

Each recording's Sheets requests are sent in order; the emulator's status and JSON body are
compared with Google's. Drive calls are not compared: a Drive create makes the emulated
spreadsheet with the recorded id and title, a Drive copy copies it, the rest is ignored.

Normalisations applied to both sides before comparing (everything else must be equal):
- JSON key order is ignored (bodies are compared as parsed JSON).
- `spreadsheetUrl` is dropped (it only restates the id).
- `editors` of protected ranges are dropped (Google lists the real account's e-mail).
- error bodies are compared on `code`, `status` and `message`; `details` are dropped.
- spreadsheets that exist in the recording account before the test (listed by a Drive
  list call, or answered 403 because they are not shared) are created in the emulator
  first, the latter unshared.
- ids Google picks at random (new sheet, protected range, named range and developer metadata
  ids) are not compared: the recorded id is read from Google's reply and sent as the chosen
  id in the replayed request, which the API allows, so both sides then agree.
"""

from __future__ import annotations

import copy
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from service.sheets.emulator.document import new_document
from service.sheets.emulator.emulator import SheetsEmulator
from service.sheets.emulator.routes import match_route

__all__ = ["FileResult", "ReplayReport", "replay_directory", "replay_file"]

_SHEETS_HOST = "sheets.googleapis.com"
_INDEX = re.compile(r"\[\d+\]")
_CHOSEN_IDS = {
    "addSheet": ("properties", "sheetId"),
    "addProtectedRange": ("protectedRange", "protectedRangeId"),
    "addNamedRange": ("namedRange", "namedRangeId"),
    "createDeveloperMetadata": ("developerMetadata", "metadataId"),
}


@dataclass
class FileResult:
    """How one recording replayed."""

    name: str
    total: int = 0
    matched: int = 0
    differences: list[str] = field(default_factory=list)


@dataclass
class ReplayReport:
    """Every file's result and the differences grouped by kind."""

    files: list[FileResult]

    @property
    def total(self) -> int:
        """Sheets interactions replayed."""
        return sum(f.total for f in self.files)

    @property
    def matched(self) -> int:
        """Sheets interactions whose status and body matched Google's."""
        return sum(f.matched for f in self.files)

    @property
    def share(self) -> float:
        """Matched share of all Sheets interactions (1.0 when there were none)."""
        return self.matched / self.total if self.total else 1.0

    def grouped(self) -> Counter[str]:
        """Differences grouped by endpoint and where the bodies first differ."""
        return Counter(diff for f in self.files for diff in f.differences)


def _normalise(value: Any) -> Any:
    if isinstance(value, dict):
        out = {k: _normalise(v) for k, v in value.items() if k not in ("spreadsheetUrl", "editors")}
        if "error" in out and isinstance(out["error"], dict):
            out["error"] = {k: v for k, v in out["error"].items() if k != "details"}
        return out
    if isinstance(value, list):
        return [_normalise(item) for item in value]
    return value


def _dict_difference(ours: dict[str, Any], theirs: dict[str, Any], path: str) -> str | None:
    for key in sorted(set(ours) | set(theirs)):
        if key not in ours:
            return f"{path}.{key}: missing"
        if key not in theirs:
            return f"{path}.{key}: unexpected"
        found = _first_difference(ours[key], theirs[key], f"{path}.{key}")
        if found:
            return found
    return None


def _first_difference(ours: Any, theirs: Any, path: str = "") -> str | None:
    if isinstance(ours, dict) and isinstance(theirs, dict):
        return _dict_difference(ours, theirs, path)
    if isinstance(ours, list) and isinstance(theirs, list):
        if len(ours) != len(theirs):
            return f"{path}: {len(ours)} items, Google {len(theirs)}"
        for index, (a, b) in enumerate(zip(ours, theirs, strict=True)):
            found = _first_difference(a, b, f"{path}[{index}]")
            if found:
                return found
        return None
    if ours != theirs and not (_number(ours) and _number(theirs) and float(ours) == float(theirs)):
        return f"{path}: {str(ours)[:60]!r} != {str(theirs)[:60]!r}"
    return None


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _inject_ids(body: str | None, recorded: Any) -> bytes | None:
    if not body:
        return None
    try:
        request = json.loads(body)
    except ValueError:
        return body.encode("utf-8")
    replies = recorded.get("replies", []) if isinstance(recorded, dict) else []
    for item, reply in zip(request.get("requests", []) or [], replies, strict=False):
        for kind, (holder, key) in _CHOSEN_IDS.items():
            given = (reply.get(kind) or {}).get(holder) if isinstance(reply, dict) else None
            if kind in item and given and key in given:
                target = item[kind].setdefault(holder, {}) or {}
                target.setdefault(key, given[key])
                item[kind][holder] = target
    return json.dumps(request).encode("utf-8")


def _seed_listed(emu: SheetsEmulator, reply: Any) -> None:
    files = reply.get("files", []) if isinstance(reply, dict) else []
    with emu.store.transaction(write=True) as tx:
        for item in files:
            if tx.load(item["id"]) is None:
                tx.save(new_document(item["id"], item.get("name", "Untitled")))


def _seed_private(emu: SheetsEmulator, method: str, uri: str, status: int) -> None:
    if status != 403:
        return
    route = match_route(method, uri)
    if route.spreadsheet_id is None:
        return
    if route.spreadsheet_id not in emu.spreadsheet_ids():
        emu.create_spreadsheet("Private", route.spreadsheet_id)
        emu.share(route.spreadsheet_id, False)


def _drive(emu: SheetsEmulator, method: str, uri: str, request: dict[str, Any], reply: Any) -> None:
    path = urlsplit(uri).path
    if method == "GET" and path == "/drive/v3/files":
        _seed_listed(emu, reply)
    if not isinstance(reply, dict) or "id" not in reply or method != "POST":
        return
    with emu.store.transaction(write=True) as tx:
        source_id = re.match(r"^/drive/v3/files/([^/]+)/copy$", path)
        source = tx.load(source_id.group(1)) if source_id else None
        if source is not None:
            doc = copy.deepcopy(source)
            doc["spreadsheetId"] = reply["id"]
            doc["properties"]["title"] = reply.get("name", doc["properties"]["title"])
        elif path == "/drive/v3/files":
            body = json.loads(request.get("body") or "{}")
            doc = new_document(reply["id"], body.get("name") or reply.get("name", "Untitled"))
        else:
            return
        tx.save(doc)


def _parse(text: str) -> Any:
    try:
        return json.loads(text) if text else None
    except ValueError:
        return text


def replay_file(path: Path) -> FileResult:
    """Replay one recording against a fresh in-memory emulator."""
    result = FileResult(path.name)
    emu = SheetsEmulator()
    for interaction in json.loads(path.read_text(encoding="utf-8"))["interactions"]:
        request, response = interaction["request"], interaction["response"]
        recorded = _parse(response["body"]["string"])
        if urlsplit(request["uri"]).hostname != _SHEETS_HOST:
            _drive(emu, request["method"], request["uri"], request, recorded)
            continue
        result.total += 1
        _seed_private(emu, request["method"], request["uri"], response["status"]["code"])
        body = _inject_ids(request["body"], recorded)
        status, _, content = emu.handle(request["method"], request["uri"], body)
        ours = _normalise(_parse(content.decode("utf-8")))
        theirs = _normalise(recorded)
        expected = response["status"]["code"]
        if status == expected and ours == theirs:
            result.matched += 1
            continue
        try:
            endpoint = match_route(request["method"], request["uri"]).endpoint
        except Exception:  # noqa: BLE001 - an unroutable request is itself a difference
            endpoint = "unknown"
        if status != expected:
            result.differences.append(f"{endpoint}: status {status} != {expected}")
        else:
            where = _first_difference(ours, theirs) or "body"
            result.differences.append(f"{endpoint}: {_INDEX.sub('[]', where)}")
    return result


def replay_directory(directory: Path) -> ReplayReport:
    """Replay every `*.json` recording in a directory, in name order."""
    return ReplayReport([replay_file(path) for path in sorted(directory.glob("*.json"))])
