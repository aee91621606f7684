"""Under quota exhaustion a person gets 429 with Retry-After at once; nothing holds a thread."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from service.context import Services
from service.errors import QuotaExhausted
from service.sheets.emulator import SheetsEmulator
from service.sheets.retry import RateLimiter

SID = "team"


class FakeTime:
    """A clock that moves only when told to, and a sleep that must never be long."""

    def __init__(self, longest: float) -> None:
        self.now = 0.0
        self.longest = longest
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds <= self.longest, f"a request thread would sleep {seconds:.0f} s"
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def fake_time(services: Services, emulator: SheetsEmulator) -> FakeTime:
    """Two reads a minute on a fake clock."""
    emulator.create_spreadsheet("Team", spreadsheet_id=SID)
    time = FakeTime(longest=services.settings.sheets_user_wait_seconds)
    services.sheets.limiter = RateLimiter(
        {"read": 2, "write": 2}, window=60.0, clock=time.clock, sleep=time.sleep
    )
    return time


def test_a_spent_quota_answers_429_with_retry_after_without_waiting(
    client: FlaskClient, fake_time: FakeTime
) -> None:
    url = f"/api/v1/spreadsheets/{SID}/scorecards"
    assert [client.get(url).status_code for _ in range(2)] == [200, 200]
    fake_time.now += 10.0
    refused = client.get(url)
    assert refused.status_code == 429
    assert refused.get_json()["error"]["code"] == "quota_exhausted"
    assert refused.headers["Retry-After"] == "50"
    assert fake_time.slept == []
    assert client.get("/healthz").status_code == 200


def test_a_short_wait_is_waited_out(client: FlaskClient, fake_time: FakeTime) -> None:
    url = f"/api/v1/spreadsheets/{SID}/scorecards"
    client.get(url)
    client.get(url)
    fake_time.now += 57.0
    assert client.get(url).status_code == 200
    assert fake_time.slept == [3.0]


def test_the_scheduler_waits_its_turn(services: Services, fake_time: FakeTime) -> None:
    fake_time.longest = services.settings.sheets_retry_deadline_seconds
    gateway = services.sheets.gateway(paced=True)
    for _ in range(3):
        gateway.read(SID)
    assert fake_time.slept == [60.0]


def test_unknown_spreadsheets_are_answered_from_a_short_negative_cache(
    client: FlaskClient, services: Services, emulator: SheetsEmulator
) -> None:
    emulator.reset_counts()
    answers = [client.post("/api/v1/spreadsheets/nosuchsheet/sync") for _ in range(3)]
    assert [a.status_code for a in answers] == [404, 404, 404]
    assert {a.get_json()["error"]["code"] for a in answers} == {"spreadsheet_not_found"}
    assert emulator.counts().reads == 1


def test_one_operation_waits_at_most_the_user_wait_in_all(
    services: Services, fake_time: FakeTime
) -> None:
    """A person's operation of several requests shares one wait budget, not one per request."""
    services.sheets.limiter = RateLimiter(
        {"read": 1}, window=60.0, clock=fake_time.clock, sleep=fake_time.sleep
    )
    gateway = services.sheets.gateway()
    gateway.read(SID)
    fake_time.now = 57.0
    gateway.read(SID)  # waits 3 s: within the 4 s budget
    fake_time.now = 117.0
    with pytest.raises(QuotaExhausted) as refused:
        gateway.read(SID)  # would wait 3 s more: 6 s in all
    assert fake_time.slept == [3.0]
    assert refused.value.retry_after == pytest.approx(3.0)
