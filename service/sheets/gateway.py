"""The one port to Google Sheets: one read and one all-or-nothing write per operation."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

import requests
from gspread.exceptions import APIError
from gspread.http_client import HTTPClient, ParamsType
from gspread.urls import DRIVE_FILES_API_V3_URL, SPREADSHEETS_API_V4_BASE_URL
from gspread.utils import absolute_range_name, rowcol_to_a1

from service.core.grid import AddTab, CellWrite, Change, GrowTab, SpreadsheetSnapshot
from service.core.layout import TAB_KEY
from service.core.team import TEAM_KEY
from service.errors import ErrorCode, InvalidRequest, NotFound
from service.sheets.codec import (
    READ_FIELDS,
    TAB_LIST_FIELDS,
    decode_read,
    decode_spreadsheet,
    encode_changes,
    read_filters,
)
from service.sheets.errors import spreadsheet_not_found, translate
from service.sheets.retry import Limiter, RetryPolicy

__all__ = [
    "DEFAULT_MAX_TAB_CELLS",
    "MAX_CELL_CHARS",
    "MissingSpreadsheets",
    "RequestCounts",
    "SheetsGateway",
]

T = TypeVar("T")

MAX_CELL_CHARS = 50_000
DEFAULT_MAX_TAB_CELLS = 200_000
# The tabs one read fetches: those our tab-level developer metadata marks.
# The scorecard tabs, and the Team overview and Issues tabs (see core.team).
READ_TAB_KEYS = (TAB_KEY, TEAM_KEY)
SPREADSHEET_MIME = "application/vnd.google-apps.spreadsheet"
_SURROGATE = re.compile(r"[\ud800-\udfff]")


@dataclass
class RequestCounts:
    """Sheets requests sent by one gateway, retries included (each one spends quota)."""

    reads: int = 0
    writes: int = 0
    drive: int = 0  # Drive API requests: a separate quota from Sheets
    # Writes whose answer never came (timeout, reset, 5xx): they may have applied.
    uncertain_writes: int = 0

    @property
    def total(self) -> int:
        """Sheets reads plus writes."""
        return self.reads + self.writes


class MissingSpreadsheets:
    """Spreadsheet ids Google just answered 404 for, remembered for a short while.

    A mistyped or deleted id would otherwise spend a read on every request and
    every cron tick; within `ttl` seconds the answer comes from here.
    """

    def __init__(self, ttl: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        self._ttl = ttl
        self._clock = clock
        self._until: dict[str, float] = {}
        self._lock = threading.Lock()

    def remember(self, spreadsheet_id: str) -> None:
        """Note that Google does not know `spreadsheet_id`."""
        with self._lock:
            now = self._clock()
            if len(self._until) > 10_000:  # unbounded input must not grow memory for ever
                self._until = {k: t for k, t in self._until.items() if t > now}
            self._until[spreadsheet_id] = now + self._ttl

    def known_missing(self, spreadsheet_id: str) -> bool:
        """Whether Google said 404 for `spreadsheet_id` within the last `ttl` seconds."""
        with self._lock:
            return self._until.get(spreadsheet_id, float("-inf")) > self._clock()


@dataclass
class SheetsGateway:
    """Domain operations over gspread's HTTP client; one instance per operation.

    `max_wait` bounds how long the whole operation (all its requests together) waits
    for the client-side quota before it answers `QuotaExhausted` with a Retry-After
    (None: wait as long as it takes), so a person's sync of 1 read and 1 write is
    answered within one bound, not one per request.
    """

    http: HTTPClient
    limiter: Limiter
    policy: RetryPolicy
    service_account: str
    max_tab_cells: int = DEFAULT_MAX_TAB_CELLS
    counts: RequestCounts = field(default_factory=RequestCounts)
    max_wait: float | None = None
    missing: MissingSpreadsheets = field(default_factory=MissingSpreadsheets)
    _waited: float = field(default=0.0, init=False, repr=False)

    def _send(self, kind: str, sid: str, fn: Callable[[], T], *, idempotent: bool) -> T:
        if self.missing.known_missing(sid):
            raise spreadsheet_not_found(sid)

        def attempt() -> T:
            budget = None if self.max_wait is None else max(0.0, self.max_wait - self._waited)
            self._waited += self.limiter.acquire(kind, max_wait=budget)
            if kind == "read":
                self.counts.reads += 1
            elif kind == "write":
                self.counts.writes += 1
            else:
                self.counts.drive += 1
            try:
                return fn()
            except (requests.Timeout, requests.ConnectionError, APIError) as exc:
                lost = not isinstance(exc, APIError) or exc.code >= 500
                if kind == "write" and lost:
                    self.counts.uncertain_writes += 1
                raise

        try:
            return self.policy.call(attempt, idempotent=idempotent)
        except (APIError, requests.RequestException) as exc:
            error = translate(exc, sid, self.service_account)
            # "(Drive)" and "(new)" name calls that are not about one spreadsheet.
            if error.code is ErrorCode.SPREADSHEET_NOT_FOUND and not sid.startswith("("):
                self.missing.remember(sid)
            raise error from exc

    def read(self, spreadsheet_id: str) -> SpreadsheetSnapshot:
        """The scorecard tabs with their cells, formats, notes and tags, in one request.

        `spreadsheets.getByDataFilter` selects only the tabs our metadata marks, so a
        big data tab beside them costs nothing; the field mask keeps only what the
        reader uses. Tabs over `max_tab_cells` come back marked `oversize`, undecoded.
        """
        url = f"{SPREADSHEETS_API_V4_BASE_URL}/{spreadsheet_id}:getByDataFilter"
        body = {"dataFilters": read_filters(READ_TAB_KEYS), "includeGridData": True}
        params: ParamsType = {"fields": READ_FIELDS}
        raw: bytes = self._send(
            "read",
            spreadsheet_id,
            lambda: self.http.request("post", url, json=body, params=params).content,
            idempotent=True,
        )
        return decode_read(raw, self.max_tab_cells)

    def read_all_tabs(self, spreadsheet_id: str) -> SpreadsheetSnapshot:
        """Every tab with its cells, ours or not (for showing a whole spreadsheet)."""
        url = f"{SPREADSHEETS_API_V4_BASE_URL}/{spreadsheet_id}"
        params: ParamsType = {"fields": READ_FIELDS}
        raw: bytes = self._send(
            "read",
            spreadsheet_id,
            lambda: self.http.request("get", url, params=params).content,
            idempotent=True,
        )
        return decode_read(raw, self.max_tab_cells)

    def read_tab_list(self, spreadsheet_id: str) -> SpreadsheetSnapshot:
        """Every tab's id and title, without cells or tags (one light request)."""
        params: ParamsType = {"fields": TAB_LIST_FIELDS}
        answer: dict[str, Any] = self._send(
            "read",
            spreadsheet_id,
            lambda: self.http.spreadsheets_get(spreadsheet_id, params=params),
            idempotent=True,
        )
        return decode_spreadsheet(answer)

    def apply(
        self,
        spreadsheet_id: str,
        changes: Sequence[Change],
        against: SpreadsheetSnapshot | None = None,
    ) -> int:
        """Apply every change in one atomic batchUpdate; no request when there are none.

        With `against`, changes are checked first (known tab, inside the grid), so
        bad input fails here with a clear message and nothing is written.
        """
        if not changes:
            return 0
        check_changes(changes, against)
        body = {"requests": encode_changes(changes)}
        # Our batches are idempotent: cell writes set absolute values and new tabs
        # have fixed ids, so a replay of a committed batch changes nothing or fails whole.
        self._send(
            "write",
            spreadsheet_id,
            lambda: self.http.batch_update(spreadsheet_id, body),
            idempotent=True,
        )
        return len(body["requests"])

    def type_in(
        self, spreadsheet_id: str, typed: Sequence[CellWrite], against: SpreadsheetSnapshot
    ) -> int:
        """Type each value into its cell as a person does (USER_ENTERED), in one request.

        Google parses the text as the Sheets UI does, in the spreadsheet's locale:
        "87%" is stored as 0.87 with a PERCENT format, a date as a serial number.
        Only `value` is typed: a formula is typed as its text, notes are not written.
        """
        if not typed:
            return 0
        check_changes(typed, against)
        titles = {tab.sheet_id: tab.title for tab in against.tabs}
        data = [
            {
                "range": absolute_range_name(
                    titles[cell.sheet_id], rowcol_to_a1(cell.row + 1, cell.column + 1)
                ),
                "values": [["" if cell.value is None else cell.value]],
            }
            for cell in typed
        ]
        body = {"valueInputOption": "USER_ENTERED", "data": data}
        # Typing sets absolute values: a replayed request leaves the same cells.
        self._send(
            "write",
            spreadsheet_id,
            lambda: self.http.values_batch_update(spreadsheet_id, body),
            idempotent=True,
        )
        return len(data)

    def changed_since(self, since: datetime) -> set[str]:
        """Ids of the spreadsheets Drive says were modified after `since` (1 request a 1,000).

        Needs the Drive metadata scope; it spends Drive quota, not Sheets quota.
        """
        stamp = since.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
        params: ParamsType = {
            "q": f"mimeType='{SPREADSHEET_MIME}' and modifiedTime > '{stamp}' and trashed = false",
            "fields": "nextPageToken,files(id)",
            "pageSize": 1000,
            "supportsAllDrives": True,
            "includeItemsFromAllDrives": True,
        }
        changed: set[str] = set()
        while True:
            page: dict[str, Any] = self._send(
                "drive",
                "(Drive)",
                lambda: self.http.request("get", DRIVE_FILES_API_V3_URL, params=params).json(),
                idempotent=True,
            )
            changed.update(str(item["id"]) for item in page.get("files", []))
            if not page.get("nextPageToken"):
                return changed
            params["pageToken"] = page["nextPageToken"]

    def create(self, title: str) -> str:
        """Create a spreadsheet (spreadsheets.create) and return its id."""
        if not title.strip():
            raise InvalidRequest("Give the spreadsheet a title.", fields={"title": "blank"})
        response = self._send(
            "write",
            "(new)",
            lambda: self.http.request(
                "post", SPREADSHEETS_API_V4_BASE_URL, json={"properties": {"title": title}}
            ),
            idempotent=False,
        )
        created: dict[str, Any] = response.json()
        return str(created["spreadsheetId"])


def _check_text(text: str, where: str) -> None:
    if len(text) > MAX_CELL_CHARS:
        raise InvalidRequest(
            f"{where} holds {len(text):,} characters; a cell takes at most {MAX_CELL_CHARS:,}.",
            code=ErrorCode.CELL_TOO_LONG,
        )
    if _SURROGATE.search(text):
        raise InvalidRequest(
            f"{where} holds text that is not valid Unicode (an unpaired surrogate).",
            code=ErrorCode.INVALID_TEXT,
        )


def check_changes(changes: Sequence[Change], against: SpreadsheetSnapshot | None) -> None:
    """Reject what Google would reject, before anything is sent."""
    grids: dict[int, tuple[int, int]] = {}
    if against is not None:
        grids = {tab.sheet_id: (tab.row_count, tab.column_count) for tab in against.tabs}
    grids.update({c.sheet_id: (c.rows, c.columns) for c in changes if isinstance(c, AddTab)})
    for grow in (c for c in changes if isinstance(c, GrowTab) and c.sheet_id in grids):
        grids[grow.sheet_id] = (max(grow.rows, grids[grow.sheet_id][0]), grids[grow.sheet_id][1])
    for change in changes:
        if not isinstance(change, CellWrite):
            continue
        where = f"Cell (row {change.row + 1}, column {change.column + 1})"
        for text in (change.value, change.formula, change.note):
            if isinstance(text, str):
                _check_text(text, where)
        if against is None:
            continue
        if change.sheet_id not in grids:
            raise NotFound(
                f"No tab with id {change.sheet_id} in this spreadsheet.",
                code=ErrorCode.TAB_NOT_FOUND,
            )
        rows, columns = grids[change.sheet_id]
        if change.row >= rows or change.column >= columns:
            raise InvalidRequest(
                f"{where} is outside the tab's grid of {rows} rows × {columns} columns.",
                code=ErrorCode.OUT_OF_GRID,
            )
