"""Requests per second of the emulator on a 10 tabs × 50 rows × 70 columns spreadsheet.

Run: .venv/bin/python -m benchmarks.bench_emulator
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests

from service.sheets.emulator import SheetsEmulator, mount_emulator

BASE = "https://sheets.googleapis.com/v4/spreadsheets"
TABS, ROWS, COLS = 10, 50, 70


def _fill(session: requests.Session, sid: str) -> None:
    adds = [
        {
            "addSheet": {
                "properties": {
                    "sheetId": t + 1,
                    "title": f"Tab {t}",
                    "gridProperties": {"rowCount": ROWS, "columnCount": COLS},
                }
            }
        }
        for t in range(TABS)
    ]
    session.post(f"{BASE}/{sid}:batchUpdate", json={"requests": adds}).raise_for_status()
    data = [
        {
            "range": f"'Tab {t}'!A1",
            "values": [
                [f"r{r}c{c}" if c < 12 else r * c for c in range(COLS)] for r in range(ROWS)
            ],
        }
        for t in range(TABS)
    ]
    body = {"valueInputOption": "RAW", "data": data}
    session.post(f"{BASE}/{sid}/values:batchUpdate", json=body).raise_for_status()


def _sync_write(session: requests.Session, sid: str, round_: int) -> None:
    requests_: list[dict[str, Any]] = []
    for t in range(TABS):
        rows = [
            {
                "values": [
                    {"userEnteredValue": {"numberValue": round_ + r}, "note": f"n{r}"}
                    for _ in range(8)
                ]
            }
            for r in range(ROWS)
        ]
        start = {"sheetId": t + 1, "rowIndex": 0, "columnIndex": COLS - 8}
        requests_.append(
            {"updateCells": {"start": start, "rows": rows, "fields": "userEnteredValue,note"}}
        )
    session.post(f"{BASE}/{sid}:batchUpdate", json={"requests": requests_}).raise_for_status()


def _rate(action: Callable[[int], None], seconds: float = 3.0) -> tuple[float, float]:
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        action(count)
        count += 1
    elapsed = time.perf_counter() - started
    return count / elapsed, elapsed / count * 1000


def bench(label: str, emu: SheetsEmulator) -> list[tuple[str, str, float, float]]:
    """Measure batchGet and batchUpdate rates on one emulator."""
    with requests.Session() as session:
        mount_emulator(session, emu)
        sid = emu.create_spreadsheet("Bench")
        _fill(session, sid)
        ranges = [f"'Tab {t}'!A1:BR{ROWS}" for t in range(TABS)]

        def read(_: int) -> None:
            params = {"ranges": ranges, "valueRenderOption": "UNFORMATTED_VALUE"}
            session.get(f"{BASE}/{sid}/values:batchGet", params=params).raise_for_status()

        results = [(label, "values:batchGet (10 tabs)", *_rate(read))]
        results.append(
            (
                label,
                "batchUpdate (10 × updateCells)",
                *_rate(lambda i: _sync_write(session, sid, i)),
            )
        )
    return results


def main() -> None:
    """Print a small table of requests/second and milliseconds per request."""
    rows = bench("memory", SheetsEmulator())
    with tempfile.TemporaryDirectory() as tmp:
        rows += bench("sqlite file", SheetsEmulator(Path(tmp) / "bench.db"))
    print(f"{'store':<12} {'request':<32} {'req/s':>8} {'ms/req':>8}")
    for store, request, rate, ms in rows:
        print(f"{store:<12} {request:<32} {rate:8.1f} {ms:8.1f}")


if __name__ == "__main__":
    main()
