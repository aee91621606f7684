"""One Sheets quota across instances: 3 processes of on-demand syncs at 2x the quota.

Google counts a service account's Sheets requests per minute, whichever instance
sends them. Here one emulator, served over HTTP on 127.0.0.1, enforces the quota
(60 reads and 60 writes per window, 429 past it) for three worker processes that
each run the real service (`build_services`, `sync`) against it, with their own
threads, sharing one registry database. Together they ask for twice the quota.

Time is scaled by --scale: the quota's minute lasts 60/scale s, and the service's
user wait (`SCORECARD_SHEETS_USER_WAIT_SECONDS`, its default at scale) shrinks with it;
answers are reported in scaled seconds, so "answered within 5 s" reads as it does in
production (the requests' own time is scaled up too, so this errs on the slow side).

Two cases: `process` (each process its own limiter, the default) and `shared`
(`SCORECARD_SHEETS_QUOTA_SCOPE=shared`: the budget lives in the registry database).
The figures per case: syncs asked for, synced, told to retry (429 with Retry-After),
the emulator's own 429s (quota overrun), and the slowest answer in scaled seconds.

Run: .venv/bin/python -m benchmarks.bench_quota [--quick] [--scale S] [--database-url URL]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PER_MINUTE = 60
PROCESSES = 3
THREADS = 4
SHEETS = 24
DEMAND = 2.0  # times the quota
SIMULATED_MINUTES = 2.0
SHEETS_PREFIX = "https://sheets.googleapis.com/"


class _Forward(HTTPAdapter):
    """Send the gateway's Google URLs to the emulator's local HTTP server instead."""

    def __init__(self, base: str) -> None:
        super().__init__(pool_connections=4, pool_maxsize=THREADS * 2)
        self.base = base

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        request.url = self.base + (request.url or "")[len(SHEETS_PREFIX) :]
        return super().send(request, **kwargs)


def _serve(emulator: Any) -> tuple[ThreadingHTTPServer, Counter[int]]:
    """The emulator over HTTP; counts the statuses it answered."""
    statuses: Counter[int] = Counter()
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            status, headers, content = emulator.handle(
                self.command, SHEETS_PREFIX + self.path.lstrip("/"), body
            )
            with lock:
                statuses[status] += 1
            self.send_response(status)
            for name, value in headers.items():
                if name.lower() not in ("content-length", "transfer-encoding", "connection"):
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        do_GET = do_POST = _answer  # noqa: N815

        def log_message(self, *args: object) -> None:
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, statuses


def _worker(config: dict[str, Any], sids: list[str], out: Any) -> None:
    """One instance: its own services and threads, syncing on demand at its share of the load."""
    from service.context import build_services
    from service.errors import ScorecardError
    from service.settings import Settings
    from service.workflows import sync

    window = config["window"]
    settings = Settings(
        data_dir=Path(config["data_dir"]),
        database_url=config["database_url"],
        log_format="text",
        log_level="ERROR",
        sheets_reads_per_minute=config["budget"],
        sheets_writes_per_minute=config["budget"],
        sheets_quota_window_seconds=window,
        # the production default, scaled like the quota's window
        sheets_user_wait_seconds=Settings.model_fields["sheets_user_wait_seconds"].default
        * window
        / 60,
        sheets_quota_scope=config["scope"],
    )
    services = build_services(settings)
    services.sheets.session.mount(SHEETS_PREFIX, _Forward(config["base"]))
    interval = config["interval"]
    results: list[tuple[str, float]] = []
    lock = threading.Lock()
    start = config["start"]

    def loop(seed: int) -> None:
        rng = random.Random(seed)  # noqa: S311 - spreading load, not security
        due = start + rng.random() * interval
        while due < config["end"]:
            time.sleep(max(0.0, due - time.time()))
            began = time.perf_counter()
            try:
                sync(services, rng.choice(sids))
                outcome = "synced"
            except ScorecardError as error:
                outcome = str(error.code)
            with lock:
                results.append((outcome, time.perf_counter() - began))
            due += interval

    threads = [
        threading.Thread(target=loop, args=(config["seed"] * 100 + n,)) for n in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    services.close()
    out.put(json.dumps(results))


def _prepare(root: Path) -> tuple[Any, list[str], str]:
    """The emulator with `SHEETS` scorecards, and the migrated shared registry's URL."""
    from service.context import build_services
    from service.settings import Settings
    from service.sheets.emulator import SheetsEmulator
    from tests.builders import build_scorecards

    emulator = SheetsEmulator(root / "sheets.db")
    settings = Settings(data_dir=root / "setup", log_format="text", log_level="ERROR")
    services = build_services(settings)
    from service.sheets.emulator import mount_emulator

    mount_emulator(services.sheets.session, emulator)
    sids = []
    for number in range(SHEETS):
        sid = emulator.create_spreadsheet(f"Team {number}", spreadsheet_id=f"team-{number:03d}")
        build_scorecards(services, sid, tabs=1, kpis=4, periods=8)
        sids.append(sid)
    services.close()
    return emulator, sids, str(root / "registry.db")


@contextmanager
def _fresh_registry(database_url: str | None, sqlite_path: str) -> Iterator[str]:
    """A migrated registry: SQLite in the run's folder, or a new schema in PostgreSQL."""
    from service.registry import Registry

    if database_url is None:
        url = f"sqlite:///{sqlite_path}"
        Registry(url).upgrade()
        yield url
        return
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(database_url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(database_url).update_query_dict({"options": f"-csearch_path={schema}"})
    rendered = url.render_as_string(hide_password=False)
    try:
        registry = Registry(rendered)
        registry.upgrade()
        registry.close()
        yield rendered
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def run_case(scope: str, scale: float, database_url: str | None, budget: int) -> dict[str, Any]:
    """Three instances at twice the quota for SIMULATED_MINUTES; what they and Google saw."""
    from service.sheets.emulator import Quota

    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        root = Path(tmp)
        emulator, sids, sqlite_path = _prepare(root)
        url = stack.enter_context(_fresh_registry(database_url, sqlite_path))
        window = 60 / scale
        emulator.quota = Quota(
            reads_per_window=PER_MINUTE, writes_per_window=PER_MINUTE, window_seconds=window
        )
        server, statuses = _serve(emulator)
        # Each sync is one read; all callers together ask for DEMAND x the read quota.
        per_caller = PER_MINUTE * DEMAND / (PROCESSES * THREADS)
        interval = window / per_caller
        start = time.time() + 3.0  # room for the workers to start
        end = start + SIMULATED_MINUTES * window
        queue: Any = multiprocessing.get_context("spawn").Queue()
        workers = []
        for number in range(PROCESSES):
            config = {
                "scope": scope,
                "budget": budget,
                "window": window,
                "interval": interval,
                "start": start,
                "end": end,
                "seed": number,
                "base": f"http://127.0.0.1:{server.server_address[1]}/",
                "data_dir": str(root / f"instance-{number}"),
                "database_url": url,
            }
            process = multiprocessing.get_context("spawn").Process(
                target=_worker, args=(config, sids, queue)
            )
            process.start()
            workers.append(process)
        results = [item for _ in workers for item in json.loads(queue.get())]
        for process in workers:
            process.join()
        server.shutdown()
    outcomes = Counter(outcome for outcome, _ in results)
    slowest = max((seconds for _, seconds in results), default=0.0)
    return {
        "scope": scope,
        "asked": len(results),
        "outcomes": dict(outcomes),
        "google_429": statuses.get(429, 0),
        "slowest_scaled_s": slowest * scale,
    }


def main() -> None:
    """Run both cases and print one line each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--scale", type=float, default=10.0)
    parser.add_argument("--quick", action="store_true", help="scale 20 (half the wall time)")
    parser.add_argument("--database-url", default=None, help="a shared registry (default SQLite)")
    parser.add_argument(
        "--budget", type=int, default=PER_MINUTE, help="client-side requests per minute"
    )
    args = parser.parse_args()
    scale = 20.0 if args.quick else args.scale
    print(
        f"{PROCESSES} processes x {THREADS} threads, {DEMAND:g}x the quota of {PER_MINUTE} "
        f"reads/min for {SIMULATED_MINUTES:g} simulated minutes (scale {scale:g}), "
        f"client budget {args.budget}/min"
    )
    print("scope     asked  synced  told-to-retry  other  google-429  slowest (scaled s)")
    for scope in ("process", "shared"):
        row = run_case(scope, scale, args.database_url, args.budget)
        outcomes = row["outcomes"]
        synced = outcomes.get("synced", 0)
        retry = outcomes.get("quota_exhausted", 0)
        other = row["asked"] - synced - retry
        print(
            f"{scope:<8} {row['asked']:>6} {synced:>7} {retry:>14} {other:>6} "
            f"{row['google_429']:>11} {row['slowest_scaled_s']:>12.1f}   {outcomes}"
        )


if __name__ == "__main__":
    main()
