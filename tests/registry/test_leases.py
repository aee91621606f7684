"""Leases: at most one worker per spreadsheet, across threads, connections and crashes."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

import pytest

from service.errors import Conflict
from service.registry import LEASE_HELD, Registry

TTL = timedelta(minutes=5)
RACERS = 8


def race(stores: list[Registry], sid: str, now: datetime) -> list[bool]:
    """Let one worker per store try for the lease at the same moment."""
    start = threading.Barrier(len(stores))

    def attempt(index: int) -> bool:
        start.wait()
        return stores[index].acquire_lease(sid, f"worker-{index}", now=now, ttl=TTL)

    with ThreadPoolExecutor(max_workers=len(stores)) as pool:
        return list(pool.map(attempt, range(len(stores))))


def test_threads_racing_for_one_sheet_let_exactly_one_in(registry: Registry, now: datetime) -> None:
    for round_ in range(5):
        results = race([registry] * RACERS, f"sheet-{round_}", now)
        assert results.count(True) == 1


def test_separate_connections_racing_let_exactly_one_in(
    registry: Registry, database_url: str, now: datetime
) -> None:
    stores = [Registry(database_url) for _ in range(RACERS)]
    try:
        results = race(stores, "sheet-a", now)
    finally:
        for store in stores:
            store.close()

    assert results.count(True) == 1


def test_an_expired_lease_can_be_taken_over(registry: Registry, now: datetime) -> None:
    assert registry.acquire_lease("sheet-a", "crashed", now=now, ttl=TTL)

    assert not registry.acquire_lease("sheet-a", "rescuer", now=now + TTL, ttl=TTL)
    assert registry.acquire_lease(
        "sheet-a", "rescuer", now=now + TTL + timedelta(seconds=1), ttl=TTL
    )
    assert not registry.acquire_lease("sheet-a", "crashed", now=now + TTL * 1.5, ttl=TTL)


def test_the_same_holder_cannot_take_a_held_lease_twice(registry: Registry, now: datetime) -> None:
    assert registry.acquire_lease("sheet-a", "me", now=now, ttl=TTL)
    assert not registry.acquire_lease("sheet-a", "me", now=now, ttl=TTL)


def test_release_by_a_non_holder_does_nothing(registry: Registry, now: datetime) -> None:
    registry.acquire_lease("sheet-a", "owner", now=now, ttl=TTL)

    registry.release_lease("sheet-a", "intruder")

    assert not registry.acquire_lease("sheet-a", "other", now=now, ttl=TTL)
    registry.release_lease("sheet-a", "owner")
    assert registry.acquire_lease("sheet-a", "other", now=now, ttl=TTL)


def test_lease_block_releases_on_exit_and_refuses_while_held(
    registry: Registry, now: datetime
) -> None:
    with registry.lease("sheet-a", "first", now=now, ttl=TTL):
        with (
            pytest.raises(Conflict) as raised,
            registry.lease("sheet-a", "second", now=now, ttl=TTL),
        ):
            pass
        assert raised.value.message == LEASE_HELD
        assert raised.value.status == 409

    with pytest.raises(RuntimeError), registry.lease("sheet-a", "second", now=now, ttl=TTL):
        raise RuntimeError("the sync blew up")

    assert registry.acquire_lease("sheet-a", "third", now=now, ttl=TTL)
