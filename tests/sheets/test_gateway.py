"""The gateway against the emulator: retries, translated errors, bad input, counts."""

from __future__ import annotations

import pytest

from service.context import Services
from service.core.grid import AddTab, CellWrite, TagTab
from service.core.layout import TAB_KEY
from service.errors import InvalidRequest, NotFound, NotShared, QuotaExhausted, Unavailable
from service.sheets.emulator import Fault, SheetsEmulator
from service.sheets.gateway import SheetsGateway
from service.sheets.retry import RateLimiter, RetryPolicy


class FakeTime:
    """A clock that only moves when the code under test sleeps."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def fake_time(services: Services) -> FakeTime:
    time = FakeTime()
    services.sheets.policy_factory = lambda: RetryPolicy(
        clock=time.clock, sleep=time.sleep, deadline=120.0, max_attempts=8, jitter=lambda: 1.0
    )
    return time


@pytest.fixture
def gateway(services: Services, fake_time: FakeTime) -> SheetsGateway:
    """The scheduler's paced gateway: it waits out quota within the retry deadline."""
    return services.sheets.gateway(paced=True)


@pytest.fixture
def sid(services: Services, emulator: SheetsEmulator) -> str:
    """A spreadsheet whose first tab carries our tab tag, so the gateway's read selects it."""
    sid = emulator.create_spreadsheet("Team")
    services.sheets.gateway().apply(sid, [TagTab(sheet_id=0, key=TAB_KEY, value="{}")])
    emulator.reset_counts()
    return sid


def _write(value: str, row: int = 0, column: int = 0, sheet_id: int = 0) -> CellWrite:
    return CellWrite(sheet_id=sheet_id, row=row, column=column, value=value)


def test_read_and_write_cost_one_request_each(
    gateway: SheetsGateway, emulator: SheetsEmulator, sid: str
) -> None:
    snapshot = gateway.read(sid)
    gateway.apply(sid, [_write("=1+1"), _write("12", column=1)], against=snapshot)
    cells = gateway.read(sid).tabs[0].rows[0]
    assert (cells[0].value, cells[0].formula) == ("=1+1", None)  # user text stays text
    assert cells[1].value == "12"
    assert gateway.counts.reads == 2 and gateway.counts.writes == 1
    assert emulator.counts(sid).total == 3


def test_typing_in_stores_what_people_type_as_google_does_in_one_request(
    gateway: SheetsGateway, emulator: SheetsEmulator, sid: str
) -> None:
    snapshot = gateway.read(sid)
    typed = [_write("87%"), _write("$1,200", column=1), _write("2026-11-30", column=2)]
    typed.append(_write("'42", column=3))

    assert gateway.type_in(sid, typed, against=snapshot) == 4

    cells = gateway.read(sid).tabs[0].rows[0]
    assert [(cell.value, cell.format_type) for cell in cells[:4]] == [
        (0.87, "PERCENT"),
        (1200.0, "CURRENCY"),
        (46356.0, "DATE"),
        ("42", None),
    ]
    assert gateway.counts.writes == 1
    assert emulator.counts(sid).writes == 1


def test_typing_into_a_tab_that_is_not_there_sends_nothing(
    gateway: SheetsGateway, emulator: SheetsEmulator, sid: str
) -> None:
    snapshot = gateway.read(sid)
    with pytest.raises(NotFound, match="No tab with id 77"):
        gateway.type_in(sid, [_write("1"), _write("2", sheet_id=77)], against=snapshot)
    assert gateway.type_in(sid, [], against=snapshot) == 0
    assert emulator.counts(sid).writes == 0


def test_no_changes_no_request(gateway: SheetsGateway, emulator: SheetsEmulator, sid: str) -> None:
    assert gateway.apply(sid, []) == 0
    assert emulator.counts(sid).total == 0


def test_a_429_storm_is_ridden_out_within_the_deadline(
    gateway: SheetsGateway, emulator: SheetsEmulator, sid: str, fake_time: FakeTime
) -> None:
    emulator.faults.add(Fault(endpoint="batchUpdate", status=429, times=5))
    gateway.apply(sid, [_write("after the storm")])
    assert gateway.read(sid).tabs[0].rows[0][0].value == "after the storm"
    assert fake_time.sleeps == [1.0, 2.0, 4.0, 8.0, 16.0]
    assert gateway.counts.writes == 6


def test_a_person_is_not_kept_waiting_through_a_429_storm(
    services: Services, emulator: SheetsEmulator, sid: str, fake_time: FakeTime
) -> None:
    emulator.faults.add(Fault(endpoint="getByDataFilter", status=429, times=5))
    with pytest.raises(QuotaExhausted) as caught:
        services.sheets.gateway().read(sid)
    assert sum(fake_time.sleeps) <= services.settings.sheets_user_wait_seconds
    assert caught.value.retry_after is not None and caught.value.retry_after >= 1


def test_retry_after_is_honoured(
    gateway: SheetsGateway, emulator: SheetsEmulator, sid: str, fake_time: FakeTime
) -> None:
    emulator.faults.add(Fault(endpoint="getByDataFilter", status=503, times=1, retry_after=7))
    gateway.read(sid)
    assert fake_time.sleeps == [7.0]


def test_endless_429s_give_up_at_the_deadline_with_a_clear_error(
    gateway: SheetsGateway, emulator: SheetsEmulator, sid: str, fake_time: FakeTime
) -> None:
    emulator.faults.add(Fault(endpoint="getByDataFilter", status=429, times=1000))
    with pytest.raises(QuotaExhausted, match="try again in a minute") as caught:
        gateway.read(sid)
    assert caught.value.status == 429
    assert fake_time.now <= 120.0
    assert gateway.counts.reads <= 8


def test_timeouts_are_retried_then_reported_as_unavailable(
    gateway: SheetsGateway, emulator: SheetsEmulator, sid: str
) -> None:
    emulator.faults.add(Fault(endpoint="getByDataFilter", timeout=True, times=100))
    with pytest.raises(Unavailable):
        gateway.read(sid)
    assert gateway.counts.reads == 8


def test_permanent_errors_fail_fast(
    gateway: SheetsGateway, emulator: SheetsEmulator, sid: str, fake_time: FakeTime
) -> None:
    with pytest.raises(NotFound):
        gateway.read("no-such-sheet")
    emulator.share(sid, allowed=False)
    with pytest.raises(NotShared, match="iam.gserviceaccount.com"):
        gateway.read(sid)
    assert fake_time.sleeps == []
    assert gateway.counts.reads == 2


def test_creating_is_not_retried_after_a_server_error(
    gateway: SheetsGateway, emulator: SheetsEmulator
) -> None:
    emulator.faults.add(Fault(endpoint="create", status=500, times=1))
    before = set(emulator.spreadsheet_ids())
    with pytest.raises(Unavailable):
        gateway.create("Team")
    assert gateway.counts.writes == 1
    assert set(emulator.spreadsheet_ids()) == before


def test_a_rejected_batch_changes_nothing(
    gateway: SheetsGateway, emulator: SheetsEmulator, sid: str
) -> None:
    before = emulator.spreadsheet_json(sid)
    duplicate = [
        AddTab(sheet_id=5, title="Sheet1", rows=10, columns=5),
        TagTab(sheet_id=5, key="k", value="v"),
    ]
    with pytest.raises(InvalidRequest, match="already exists") as caught:
        gateway.apply(sid, [_write("kept?"), *duplicate])
    assert caught.value.code == "sheets_rejected"
    assert emulator.spreadsheet_json(sid) == before


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        (_write("x", sheet_id=999), NotFound, "No tab with id 999"),
        (_write("x", row=5000), InvalidRequest, "outside the tab's grid"),
        (_write("x", column=26), InvalidRequest, "outside the tab's grid"),
        (_write("x" * 50_001), InvalidRequest, "at most 50,000"),
        (_write("broken \ud800 text"), InvalidRequest, "unpaired surrogate"),
    ],
)
def test_bad_input_gets_a_clear_error_and_writes_nothing(
    gateway: SheetsGateway,
    emulator: SheetsEmulator,
    sid: str,
    change: CellWrite,
    error: type[Exception],
    message: str,
) -> None:
    snapshot = gateway.read(sid)
    before = emulator.spreadsheet_json(sid)
    with pytest.raises(error, match=message):
        gateway.apply(sid, [_write("fine"), change], against=snapshot)
    assert gateway.counts.writes == 0
    assert emulator.spreadsheet_json(sid) == before


def test_rate_limiter_never_lets_more_than_the_budget_into_any_window() -> None:
    time = FakeTime()
    limiter = RateLimiter({"read": 60}, clock=time.clock, sleep=time.sleep)
    stamps = []
    for _ in range(200):
        limiter.acquire("read")
        stamps.append(time.now)
        time.now += 0.25  # the caller's own work between requests
    for index, stamp in enumerate(stamps):
        in_window = [s for s in stamps[index:] if s < stamp + 60.0]
        assert len(in_window) <= 60
    assert stamps[60] >= stamps[0] + 60.0
    assert limiter.acquire("write") == 0.0  # no budget set: not limited
