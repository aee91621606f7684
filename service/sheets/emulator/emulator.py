"""SheetsEmulator: a stateful, in-process Google Sheets API v4 behind one `handle()` call."""

from __future__ import annotations

import json
import re
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import requests

from .batch_update import batch_update
from .create import document_from_body
from .document import Doc, new_document
from .drive import drive_create, drive_delete, drive_file, drive_list
from .errors import ApiError, bad_request, not_found
from .faults import Counts, Fault, FaultPlan, Quota, QuotaMeter, RequestKind, RequestRecord
from .fields import parse_mask
from .metadata import filtered_boxes, search_metadata
from .resource import render_spreadsheet
from .routes import Route, match_route
from .schema import check_body
from .store import Store, Transaction
from .values import (
    values_append,
    values_batch_clear,
    values_batch_get,
    values_batch_update,
    values_clear,
    values_get,
    values_update,
)

__all__ = ["HttpAnswer", "SheetsEmulator"]

Params = dict[str, list[str]]
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
HttpAnswer = tuple[int, dict[str, str], bytes]


def _decode_body(raw: bytes | None) -> Any:
    if not raw:
        return {}
    try:
        text = raw.decode("utf-8")
        body = json.loads(text)
        # Lone surrogates parse in Python but are invalid Unicode: Google refuses them.
        if _SURROGATE_ESCAPE.search(text):
            json.dumps(body, ensure_ascii=False).encode("utf-8")
    except (UnicodeError, ValueError) as exc:
        raise bad_request(
            f"Invalid JSON payload received. {exc.__class__.__name__}: invalid UTF-8 or JSON."
        ) from exc
    return _drop_nulls(body)


def _drop_nulls(value: Any) -> Any:
    # JSON null means "not set" in Google's proto mapping, except inside values arrays.
    if isinstance(value, dict):
        return {k: _drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [item if item is None else _drop_nulls(item) for item in value]
    return value


class SheetsEmulator:
    """The emulated API: spreadsheets in SQLite (a file, or memory), faults, quota and a log."""

    def __init__(self, path: Path | None = None) -> None:
        self.store = Store(path)
        self.faults = FaultPlan()
        self.latency = 0.0
        self.log: list[RequestRecord] = []
        self._quota: Quota | None = None
        self._meter: QuotaMeter | None = None
        self._log_lock = threading.Lock()

    @property
    def quota(self) -> Quota | None:
        """The active quota, or None for unlimited."""
        return self._quota

    @quota.setter
    def quota(self, quota: Quota | None) -> None:
        self._quota = quota
        self._meter = QuotaMeter(quota) if quota is not None else None

    # -- direct access (setup, export, debugging) --------------------------------------

    def create_spreadsheet(
        self, title: str, spreadsheet_id: str | None = None, sheet_title: str = "Sheet1"
    ) -> str:
        """Create an empty spreadsheet with one sheet (id 0); return its id."""
        doc = document_from_body({"properties": {"title": title}}, spreadsheet_id)
        doc = new_document(doc["spreadsheetId"], title, sheet_title)
        with self.store.transaction(write=True) as tx:
            if tx.load(doc["spreadsheetId"]) is not None:
                raise ValueError(f"spreadsheet {doc['spreadsheetId']} already exists")
            tx.save(doc)
        return str(doc["spreadsheetId"])

    def spreadsheet_ids(self) -> list[str]:
        """Ids of every stored spreadsheet."""
        with self.store.transaction(write=False) as tx:
            return tx.ids()

    def spreadsheet_json(self, spreadsheet_id: str) -> dict[str, Any]:
        """The full Spreadsheet resource with grid data."""
        with self.store.transaction(write=False) as tx:
            doc = tx.load(spreadsheet_id)
        if doc is None:
            raise KeyError(spreadsheet_id)
        return render_spreadsheet(doc, True, [], None)

    def delete_spreadsheet(self, spreadsheet_id: str) -> None:
        """Delete a spreadsheet (no error when it is absent)."""
        with self.store.transaction(write=True) as tx:
            tx.delete(spreadsheet_id)

    def share(self, spreadsheet_id: str, allowed: bool) -> None:
        """Grant or revoke the caller's access; revoked calls answer 403 like Google."""
        with self.store.transaction(write=True) as tx:
            tx.set_shared(spreadsheet_id, allowed)

    def counts(self, spreadsheet_id: str | None = None) -> Counts:
        """Reads and writes made so far (optionally for one spreadsheet)."""
        with self._log_lock:
            records = [r for r in self.log if spreadsheet_id in (None, r.spreadsheet_id)]
        reads = sum(1 for r in records if _kind_of(r.endpoint) is RequestKind.READ)
        writes = sum(1 for r in records if _kind_of(r.endpoint) is RequestKind.WRITE)
        return Counts(reads=reads, writes=writes, total=len(records))

    def reset_counts(self) -> None:
        """Forget the request log."""
        with self._log_lock:
            self.log.clear()

    # -- HTTP ----------------------------------------------------------------------------

    def handle(self, method: str, url: str, body: bytes | None) -> HttpAnswer:
        """Answer one HTTP request as Google would: (status, headers, body)."""
        path = urlsplit(url).path
        route: Route | None = None
        status = 500
        try:
            route = match_route(method, url)
            status, payload, headers = self._answer(route, url, body)
        except ApiError as exc:
            status, payload, headers = exc.code, exc.body(), {}
            if exc.code == 429 and "Retry-After" not in headers:
                headers = {}
        except _RetryAfter as exc:
            status, payload, headers = exc.error.code, exc.error.body(), {"Retry-After": exc.after}
        finally:
            record = RequestRecord(
                method=method.upper(),
                path=path,
                endpoint=route.endpoint if route else "unknown",
                status=status,
                spreadsheet_id=route.spreadsheet_id if route else None,
            )
            with self._log_lock:
                self.log.append(record)
        content = (
            b"" if payload is None else json.dumps(payload, ensure_ascii=False).encode("utf-8")
        )
        return status, {"Content-Type": "application/json; charset=UTF-8", **headers}, content

    def _answer(
        self, route: Route, url: str, body: bytes | None
    ) -> tuple[int, Any, dict[str, str]]:
        if self.latency:
            time.sleep(self.latency)
        fault = self.faults.take(route.endpoint)
        if fault is not None:
            self._play(fault)
        if self._meter is not None:
            self._meter.spend(route.kind)
        params = parse_qs(urlsplit(url).query, keep_blank_values=True)
        payload = _decode_body(body)
        write = route.kind is not RequestKind.READ
        with self.store.transaction(write=write) as tx:
            if route.endpoint.startswith("drive."):
                return self._drive(tx, route, params, payload)
            if route.endpoint == "create":
                doc = document_from_body(payload)
                tx.save(doc)
                return 200, render_spreadsheet(doc, False, [], None), {}
            doc = self._open(tx, route)
            answer = _SHEETS[route.endpoint](doc, route, params, payload)
            if write:
                tx.save(doc)
            return 200, answer, {}

    @staticmethod
    def _play(fault: Fault) -> None:
        if fault.latency:
            time.sleep(fault.latency)
        if fault.timeout:
            raise requests.exceptions.ReadTimeout("emulated timeout")
        if fault.status >= 400:
            messages = {
                429: "Resource has been exhausted (e.g. check quota).",
                503: "The service is currently unavailable.",
            }
            error = ApiError(
                fault.status, messages.get(fault.status, "Internal error encountered.")
            )
            if fault.retry_after is not None:
                raise _RetryAfter(error, f"{fault.retry_after:g}")
            raise error

    @staticmethod
    def _open(tx: Transaction, route: Route) -> Doc:
        assert route.spreadsheet_id is not None  # noqa: S101 - every Sheets route carries an id
        doc = tx.load(route.spreadsheet_id)
        if doc is None:
            raise not_found()
        if not tx.shared(route.spreadsheet_id):
            raise ApiError(403, "The caller does not have permission")
        return doc

    @staticmethod
    def _drive(
        tx: Transaction, route: Route, params: Params, payload: Any
    ) -> tuple[int, Any, dict[str, str]]:
        if route.endpoint == "drive.create":
            return 200, drive_create(tx, payload), {}
        if route.endpoint == "drive.list":
            return 200, drive_list(tx, params), {}
        assert route.spreadsheet_id is not None  # noqa: S101 - the file routes carry an id
        if route.endpoint == "drive.delete":
            drive_delete(tx, route.spreadsheet_id)
            return 204, None, {}
        doc = tx.load(route.spreadsheet_id)
        if doc is None:
            raise ApiError(404, f"File not found: {route.spreadsheet_id}.")
        return 200, drive_file(doc), {}


class _RetryAfter(Exception):
    def __init__(self, error: ApiError, after: str) -> None:
        super().__init__(error.message)
        self.error = error
        self.after = after


def _get(doc: Doc, route: Route, params: Params, body: Any) -> Any:
    mask = parse_mask(params["fields"][0]) if params.get("fields") else None
    grid = params.get("includeGridData", ["false"])[0].lower() == "true"
    return render_spreadsheet(doc, grid, params.get("ranges", []), mask)


def _get_by_filter(doc: Doc, route: Route, params: Params, body: Any) -> Any:
    # Google returns the portions of the spreadsheet that intersect the ranges any
    # filter matches: only the sheets those ranges touch, and only those cells.
    check_body(body, "GetSpreadsheetByDataFilterRequest")
    mask = parse_mask(params["fields"][0]) if params.get("fields") else None
    filters = body.get("dataFilters") or []
    boxes = filtered_boxes(doc, filters) if filters else None
    return render_spreadsheet(doc, bool(body.get("includeGridData")), [], mask, boxes)


def _search(doc: Doc, body: Any) -> Any:
    check_body(body, "SearchDeveloperMetadataRequest")
    return search_metadata(doc, body)


def _meta_get(doc: Doc, route: Route, params: Params, body: Any) -> Any:
    for entry in doc.get("developerMetadata", []):
        if entry["metadataId"] == route.metadata_id:
            return entry
    raise not_found()


_SHEETS = {
    "get": _get,
    "getByDataFilter": _get_by_filter,
    "batchUpdate": lambda doc, route, params, body: batch_update(doc, body)[1],
    "values.get": lambda doc, route, params, body: values_get(doc, route.range_text, params),
    "values.batchGet": lambda doc, route, params, body: values_batch_get(doc, params),
    "values.update": lambda doc, route, params, body: values_update(
        doc, route.range_text, body, params
    ),
    "values.batchUpdate": lambda doc, route, params, body: values_batch_update(doc, body),
    "values.append": lambda doc, route, params, body: values_append(
        doc, route.range_text, body, params
    ),
    "values.clear": lambda doc, route, params, body: values_clear(doc, route.range_text),
    "values.batchClear": lambda doc, route, params, body: values_batch_clear(doc, body),
    "developerMetadata.search": lambda doc, route, params, body: _search(doc, body),
    "developerMetadata.get": _meta_get,
}


def _kind_of(endpoint: str) -> RequestKind:
    if endpoint in (
        "get",
        "getByDataFilter",
        "values.get",
        "values.batchGet",
    ) or endpoint.startswith("developerMetadata."):
        return RequestKind.READ
    if endpoint in _SHEETS or endpoint == "create":
        return RequestKind.WRITE
    return RequestKind.OTHER
