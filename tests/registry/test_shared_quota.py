"""One Sheets budget for every instance, kept in the registry database."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from service.errors import QuotaExhausted
from service.registry import Registry
from service.registry.quota import SharedQuota


class Wall:
    """A wall clock the test moves; sleeping moves it too."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def instances(database_url: str) -> Iterator[tuple[Registry, Registry]]:
    """Two instances' registries on one migrated database."""
    first = Registry(database_url, auto_migrate=True)
    second = Registry(database_url)
    yield first, second
    first.close()
    second.close()


def test_every_instance_draws_from_one_budget(instances: tuple[Registry, Registry]) -> None:
    wall = Wall()
    a, b = (
        SharedQuota(registry, {"read": 3}, window=60, clock=wall.clock, sleep=wall.sleep)
        for registry in instances
    )
    assert [a.acquire("read"), b.acquire("read"), a.acquire("read")] == [0.0, 0.0, 0.0]
    wall.now += 10
    with pytest.raises(QuotaExhausted) as refused:
        b.acquire("read", max_wait=5)
    assert refused.value.retry_after == pytest.approx(50)
    assert b.acquire("read") == pytest.approx(50)  # the scheduler waits its turn
    assert a.acquire("write") == 0.0  # no budget configured for writes: unlimited


def test_concurrent_takers_never_exceed_the_budget(
    instances: tuple[Registry, Registry],
) -> None:
    wall = Wall()
    quotas = [
        SharedQuota(registry, {"read": 10}, window=60, clock=wall.clock, sleep=wall.sleep)
        for registry in instances
    ]
    granted: list[bool] = []
    lock = threading.Lock()

    def take(quota: SharedQuota) -> None:
        try:
            quota.acquire("read", max_wait=0)
            ok = True
        except QuotaExhausted:
            ok = False
        with lock:
            granted.append(ok)

    threads = [threading.Thread(target=take, args=(quotas[n % 2],)) for n in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert (granted.count(True), granted.count(False)) == (10, 20)
