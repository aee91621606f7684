"""A big data tab beside the scorecards hardly changes what the sync's one read brings back."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import requests

from service.context import Services
from service.sheets.emulator import EmulatorAdapter, SheetsEmulator
from service.sheets.emulator.adapter import SHEETS_PREFIX
from service.workflows import sync
from tests.builders import build_scorecards

SID = "team-with-data"
DATA_ROWS, DATA_COLUMNS = 20_000, 10
DATA_TAB = 7_777


class CountingAdapter(EmulatorAdapter):
    """The emulator's adapter, also adding up the bytes of each endpoint's response bodies."""

    def __init__(self, emulator: SheetsEmulator) -> None:
        super().__init__(emulator)
        self.received: dict[str, int] = {}

    def send(
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: float | tuple[float, float] | tuple[float, None] | None = None,
        verify: bool | str = True,
        cert: Any = None,
        proxies: Mapping[str, str] | None = None,
    ) -> requests.Response:
        """Answer as the emulator does and count the body the gateway receives."""
        response = super().send(request, stream, timeout, verify, cert, proxies)
        endpoint = (request.url or "").split("?")[0].rsplit("/", 1)[-1]
        self.received[endpoint] = self.received.get(endpoint, 0) + len(response.content)
        return response


def _sheets_session(emulator: SheetsEmulator) -> requests.Session:
    session = requests.Session()
    session.mount(SHEETS_PREFIX, EmulatorAdapter(emulator))
    return session


def _add_data_tab(emulator: SheetsEmulator) -> None:
    """A 20,000-row tab of orders (text and numbers), the kind a team keeps beside its cards."""
    grid = {"rowCount": DATA_ROWS, "columnCount": DATA_COLUMNS}
    add = {
        "addSheet": {"properties": {"sheetId": DATA_TAB, "title": "Orders", "gridProperties": grid}}
    }
    rows = [
        [f"order {r}-{c}" if c % 2 == 0 else r * DATA_COLUMNS + c for c in range(DATA_COLUMNS)]
        for r in range(DATA_ROWS)
    ]
    session = _sheets_session(emulator)
    base = f"{SHEETS_PREFIX}v4/spreadsheets/{SID}"
    reply = session.post(f"{base}:batchUpdate", json={"requests": [add]}, timeout=5)
    assert reply.status_code == 200, reply.text
    reply = session.put(
        f"{base}/values/Orders!A1",
        params={"valueInputOption": "RAW"},
        json={"values": rows},
        timeout=60,
    )
    assert reply.status_code == 200, reply.text[:300]
    last = session.get(f"{base}/values/Orders!J{DATA_ROWS}", timeout=5).json()
    assert last["values"] == [[str(DATA_ROWS * DATA_COLUMNS - 1)]]  # the data is all there


def _read_bytes(services: Services, counter: CountingAdapter) -> int:
    """The bytes of the one read a sync makes (the sync itself must read once)."""
    counter.received.clear()
    result = sync(services, SID)
    assert result.tabs == 3 and result.requests.reads == 1
    [(endpoint, size)] = [(e, n) for e, n in counter.received.items() if "batchUpdate" not in e]
    assert endpoint == f"{SID}:getByDataFilter"
    return size


def test_a_20000_row_data_tab_changes_the_syncs_read_by_less_than_one_and_a_half_times(
    services: Services, emulator: SheetsEmulator
) -> None:
    emulator.create_spreadsheet("Team", spreadsheet_id=SID)
    build_scorecards(services, SID, tabs=3, kpis=5, periods=13)
    counter = CountingAdapter(emulator)
    services.sheets.session.mount(SHEETS_PREFIX, counter)
    sync(services, SID)  # the computed columns filled in, as on any later sync
    alone = _read_bytes(services, counter)

    _add_data_tab(emulator)
    beside = _read_bytes(services, counter)

    assert alone > 10_000
    assert beside / alone < 1.5, (alone, beside)
