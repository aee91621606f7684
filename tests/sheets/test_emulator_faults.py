"""Faults, quota, sharing, counting and cross-process persistence."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from service.sheets.emulator import Fault, Quota, SheetsEmulator, mount_emulator

BASE = "https://sheets.googleapis.com/v4/spreadsheets"
SID = "sid-faults"


@pytest.fixture
def emu() -> SheetsEmulator:
    emulator = SheetsEmulator()
    emulator.create_spreadsheet("Faults", SID)
    return emulator


@pytest.fixture
def session(emu: SheetsEmulator) -> Iterator[requests.Session]:
    with requests.Session() as s:
        mount_emulator(s, emu)
        yield s


def read(session: requests.Session) -> requests.Response:
    return session.get(f"{BASE}/{SID}/values:batchGet", params={"ranges": "Sheet1!A1"})


def test_scripted_429_then_success(emu: SheetsEmulator, session: requests.Session) -> None:
    emu.faults.add(Fault(endpoint="values.batchGet", status=429, times=2, retry_after=3))

    answers = [read(session) for _ in range(3)]

    assert [a.status_code for a in answers] == [429, 429, 200]
    assert answers[0].headers["Retry-After"] == "3"
    assert answers[0].json()["error"]["status"] == "RESOURCE_EXHAUSTED"


def test_fault_on_other_endpoint_does_not_fire(
    emu: SheetsEmulator, session: requests.Session
) -> None:
    emu.faults.add(Fault(endpoint="batchUpdate", status=500))

    assert read(session).status_code == 200


def test_timeout_raises_read_timeout(emu: SheetsEmulator, session: requests.Session) -> None:
    emu.faults.add(Fault(endpoint="*", timeout=True))

    with pytest.raises(requests.exceptions.ReadTimeout):
        read(session)
    assert read(session).status_code == 200


def test_quota_answers_429_past_the_budget(emu: SheetsEmulator, session: requests.Session) -> None:
    emu.quota = Quota(reads_per_window=2, writes_per_window=1, window_seconds=3600)

    statuses = [read(session).status_code for _ in range(3)]
    write = session.post(f"{BASE}/{SID}/values:batchClear", json={"ranges": ["Sheet1!A1"]})

    assert statuses == [200, 200, 429]
    assert write.status_code == 200
    assert (
        "Quota exceeded for quota metric 'Read requests'"
        in read(session).json()["error"]["message"]
    )


def test_unshared_spreadsheet_answers_403(emu: SheetsEmulator, session: requests.Session) -> None:
    emu.share(SID, False)

    reply = session.get(f"{BASE}/{SID}")

    assert reply.status_code == 403
    assert reply.json()["error"] == {
        "code": 403,
        "message": "The caller does not have permission",
        "status": "PERMISSION_DENIED",
    }


def test_unknown_spreadsheet_answers_404(session: requests.Session) -> None:
    assert session.get(f"{BASE}/nope").json()["error"]["status"] == "NOT_FOUND"


def test_counts_reads_and_writes_per_spreadsheet(
    emu: SheetsEmulator, session: requests.Session
) -> None:
    other = emu.create_spreadsheet("Other")
    read(session)
    session.get(f"{BASE}/{SID}", params={"fields": "sheets.properties"})
    session.post(f"{BASE}/{SID}:batchUpdate", json={"requests": []})
    session.get(f"{BASE}/{other}")

    assert emu.counts(SID).model_dump() == {"reads": 2, "writes": 1, "total": 3}
    assert emu.counts().total == 4
    emu.reset_counts()
    assert emu.counts().total == 0


def _append_rows(path: str, worker: int, rows: int) -> None:
    emu = SheetsEmulator(Path(path))
    with requests.Session() as s:
        mount_emulator(s, emu)
        for index in range(rows):
            s.post(
                f"{BASE}/{SID}/values/Sheet1!A1:append",
                params={"valueInputOption": "RAW"},
                json={"values": [[f"w{worker}-{index}"]]},
            ).raise_for_status()


def test_two_processes_writing_one_file_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "sheets.db"
    SheetsEmulator(path).create_spreadsheet("Shared", SID)
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_append_rows, args=(str(path), w, 15)) for w in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)

    emu = SheetsEmulator(path)
    with requests.Session() as s:
        mount_emulator(s, emu)
        rows = s.get(f"{BASE}/{SID}/values/Sheet1!A:A").json()["values"]

    assert [w.exitcode for w in workers] == [0, 0]
    assert sorted(r[0] for r in rows) == sorted(f"w{w}-{i}" for w in range(2) for i in range(15))
