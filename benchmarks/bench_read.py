"""The sync's one read: response bytes and the service's peak memory, beside big tabs.

Cases, each on a fresh in-memory emulator:

* (a) 3 scorecard tabs (5 KPIs x 13 weekly periods) alone;
* (b) the same beside a 20,000-row x 10-column data tab that is not a scorecard;
* (c) one scorecard tab of 1,000 KPIs x 260 weekly periods.

For each: the bytes of the read's response, and the peak Python memory
(tracemalloc) of the service's side of the read and the compute that follows
(HTTP client, JSON parsing, decoding, layout, trends, verdicts, planned writes).
The emulator's own work is kept out of the figure: its answer is computed once
before tracing starts and replayed while tracing.

The script uses only what the gateway, layout and scoring have always offered,
so it also runs against an older checkout (put it first on PYTHONPATH) to give
the "before" figures.

Run: .venv/bin/python -m benchmarks.bench_read [--quick]
"""

from __future__ import annotations

import argparse
import gc
import json
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from service.context import Services, build_services
from service.core.layout import LayoutError, identity_of, read_scorecard
from service.core.periods import add_cadences, period_start
from service.core.provisioning import plan_scorecard_tab
from service.core.scoring import compute_tab
from service.settings import Settings
from service.sheets.backends import connect
from service.sheets.emulator import SheetsEmulator
from service.sheets.emulator.emulator import HttpAnswer
from tests.builders import TODAY, build_scorecards, synthetic_kpi

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
DATA_ROWS, DATA_COLUMNS = 20_000, 10
BIG_KPIS, BIG_PERIODS = 1_000, 260


class ReplayingEmulator(SheetsEmulator):
    """The emulator, able to answer a read from a copy made earlier (outside the trace)."""

    def __init__(self) -> None:
        super().__init__(None)
        self.saved: dict[tuple[str, str, bytes | None], HttpAnswer] = {}
        self.replay = False
        self.last_bytes = 0

    def handle(self, method: str, url: str, body: bytes | None) -> HttpAnswer:
        """Answer as the emulator does, or from the saved answer when replaying."""
        key = (method.upper(), url, body)
        answer = self.saved[key] if self.replay else super().handle(method, url, body)
        self.saved[key] = answer
        self.last_bytes = len(answer[2])
        return answer


@dataclass(frozen=True)
class Figure:
    """One measured read."""

    case: str
    response_bytes: int
    peak_bytes: int
    seconds: float
    outcome: str


def _post(emulator: SheetsEmulator, sid: str, requests_: list[dict[str, Any]]) -> None:
    url = f"https://sheets.googleapis.com/v4/spreadsheets/{sid}:batchUpdate"
    status, _, body = emulator.handle("POST", url, json.dumps({"requests": requests_}).encode())
    if status != 200:
        raise RuntimeError(body[:500])


def add_data_tab(emulator: SheetsEmulator, sid: str, rows: int, columns: int) -> None:
    """A plain data tab (numbers and text), the kind a team keeps beside its scorecards."""
    grid = {"rowCount": rows, "columnCount": columns}
    requests_: list[dict[str, Any]] = [
        {
            "addSheet": {
                "properties": {"sheetId": 9_999, "title": "Raw data", "gridProperties": grid}
            }
        }
    ]
    values = [
        {
            "values": [
                {"userEnteredValue": {"numberValue": r * columns + c}}
                if c % 2
                else {"userEnteredValue": {"stringValue": f"order {r}-{c}"}}
                for c in range(columns)
            ]
        }
        for r in range(rows)
    ]
    requests_.append(
        {
            "updateCells": {
                "rows": values,
                "start": {"sheetId": 9_999, "rowIndex": 0, "columnIndex": 0},
                "fields": "userEnteredValue",
            }
        }
    )
    _post(emulator, sid, requests_)


def add_big_tab(services: Services, emulator: SheetsEmulator, sid: str, kpis: int) -> None:
    """One scorecard tab of `kpis` rows x BIG_PERIODS weekly periods, every past cell filled."""
    template = services.catalog.get("accounting_rep")
    gateway = services.sheets.gateway()
    first = add_cadences(period_start(TODAY, template.cadence), -BIG_PERIODS, template.cadence)
    rows = [synthetic_kpi(n).to_row("Big") for n in range(kpis)]
    sheet_id, _, changes = plan_scorecard_tab(
        template, "Big", rows, existing=gateway.read(sid), first_period=first, periods=BIG_PERIODS
    )
    gateway.apply(sid, changes)
    start = next(c.column for c in changes if getattr(c, "value", None) == first.isoformat())
    values = [
        {
            "values": [
                {"userEnteredValue": {"numberValue": 0.8 + (r + c) % 20 / 100}}
                for c in range(BIG_PERIODS)
            ]
        }
        for r in range(kpis)
    ]
    _post(
        emulator,
        sid,
        [
            {
                "updateCells": {
                    "rows": values,
                    "start": {"sheetId": sheet_id, "rowIndex": 1, "columnIndex": start},
                    "fields": "userEnteredValue",
                }
            }
        ],
    )


def read_and_compute(services: Services, sid: str) -> str:
    """The sync's read and compute, without the write: what it found."""
    snapshot = services.sheets.gateway().read(sid)
    tabs, rows, refused = 0, 0, []
    for cells in snapshot.tabs:
        if identity_of(cells) is None:
            continue
        tabs += 1
        try:
            card = read_scorecard(cells)
        except LayoutError as error:
            refused.append(getattr(error, "code", "layout_ambiguous"))
            continue
        template = services.catalog.find(card.identity.role)
        context = services.catalog.context_for(card.identity.role)
        rows += len(compute_tab(card, cells, NOW, template, context, trends=True).report.results)
    found = f"{len(snapshot.tabs)} tabs read, {tabs} scorecards, {rows} KPI rows"
    return found + (f", refused: {', '.join(refused)}" if refused else "")


def measure(services: Services, emulator: ReplayingEmulator, sid: str, case: str) -> Figure:
    """Read once to save the answer, then trace the service's side of the same read."""
    emulator.replay = False
    read_and_compute(services, sid)
    emulator.replay = True
    gc.collect()
    tracemalloc.start()
    began = time.perf_counter()
    outcome = read_and_compute(services, sid)
    seconds = time.perf_counter() - began
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    emulator.replay = False
    return Figure(case, emulator.last_bytes, peak, seconds, outcome)


def run_case(case: str, kpis: int, settings_overrides: dict[str, Any]) -> Figure:
    """Build one case on a fresh emulator and measure its read."""
    with tempfile.TemporaryDirectory() as scratch:
        settings = Settings(data_dir=Path(scratch), log_format="text", **settings_overrides)
        services = build_services(settings, clock=lambda: NOW)
        emulator = ReplayingEmulator()
        services.sheets = connect(settings, emulator=emulator)
        try:
            sid = emulator.create_spreadsheet("Bench")
            if case.startswith("(c)"):
                add_big_tab(services, emulator, sid, kpis)
            else:
                build_scorecards(services, sid, tabs=3, kpis=5, periods=13)
                if case.startswith("(b)"):
                    add_data_tab(emulator, sid, DATA_ROWS, DATA_COLUMNS)
            return measure(services, emulator, sid, case)
        finally:
            services.close()


def main(argv: list[str] | None = None) -> None:
    """Build each case and print its read's bytes and peak memory."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help=f"case (c) with {BIG_KPIS // 5} KPIs")
    args = parser.parse_args(argv)
    kpis = BIG_KPIS // 5 if args.quick else BIG_KPIS
    cases: list[tuple[str, dict[str, Any]]] = [
        ("(a) 3 scorecards", {}),
        (f"(b) 3 scorecards + {DATA_ROWS:,}-row data tab", {}),
        (f"(c) 1 tab, {kpis:,} KPIs x {BIG_PERIODS} periods", {}),
    ]
    if "max_tab_cells" in Settings.model_fields:
        cases.append(("(c) same, max_tab_cells raised to 400,000", {"max_tab_cells": 400_000}))
    figures = [run_case(case, kpis, overrides) for case, overrides in cases]
    print(f"{'case':<52} {'response':>12} {'peak MiB':>9} {'s':>6}  found")
    for f in figures:
        print(
            f"{f.case:<52} {f.response_bytes:>12,} {f.peak_bytes / 2**20:9.1f} "
            f"{f.seconds:6.2f}  {f.outcome}"
        )
    a, b = figures[0], figures[1]
    print(
        f"data tab beside the scorecards: response x{b.response_bytes / a.response_bytes:.2f}, "
        f"peak memory x{b.peak_bytes / a.peak_bytes:.2f}"
    )


if __name__ == "__main__":
    main()
