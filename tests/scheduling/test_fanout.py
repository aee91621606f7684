"""Fan-out: due spreadsheets become paced, named tasks within the Sheets quota."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

import pytest

from service.registry import Enrolment, Registry, RunOutcome
from service.scheduling import (
    CloudTasksQueue,
    InlineQueue,
    SyncOutcome,
    bind_task,
    cloud_tasks_queue_command,
    enqueue_due,
    plan_fanout,
    syncs_per_minute,
)
from service.settings import Settings

MINUTE = timedelta(minutes=1)


def enrolment(index: int, now: datetime) -> Enrolment:
    """A never-synced enrolment."""
    return Enrolment(
        spreadsheet_id=f"sheet-{index:04d}",
        enrolled_by="ann@example.com",
        enrolled_at=now,
        schedule_minutes=60,
        paused=False,
        next_sync_at=now,
    )


@pytest.mark.parametrize("budget", [60, 7, 1])
def test_plan_spreads_a_thousand_sheets_within_the_budget(now: datetime, budget: int) -> None:
    due = [enrolment(index, now) for index in range(1000)]

    plan = plan_fanout(due, now=now, budget_per_minute=budget)

    etas = [eta for _, eta in plan]
    assert [e for e, _ in plan] == due  # oldest first stays first
    assert etas == sorted(etas)
    assert etas[0] == now
    # Every minute-long window, wherever it starts, holds at most `budget` starts.
    for first, start in enumerate(etas):
        in_window = sum(1 for eta in etas[first : first + budget + 1] if eta < start + MINUTE)
        assert in_window <= budget
    assert etas[-1] - now < timedelta(minutes=1000 / budget)


def test_plan_refuses_a_zero_budget(now: datetime) -> None:
    with pytest.raises(ValueError):
        plan_fanout([], now=now, budget_per_minute=0)


@pytest.mark.parametrize(
    ("reads", "writes", "expected"),
    [(60, 60, 54), (300, 60, 54), (30, 300, 27), (1, 1, 1)],
)
def test_sync_budget_follows_the_sheets_quota(reads: int, writes: int, expected: int) -> None:
    settings = Settings(sheets_reads_per_minute=reads, sheets_writes_per_minute=writes)

    assert syncs_per_minute(settings) == expected


def test_sync_budget_scales_with_a_shortened_quota_window() -> None:
    settings = Settings(sheets_quota_window_seconds=4.0)  # 15 quota minutes a real minute

    assert syncs_per_minute(settings) == 810


def test_queue_command_is_derived_from_the_quota() -> None:
    command = cloud_tasks_queue_command("acme", "europe-west1", "sheet-sync", Settings())

    assert command == (
        "gcloud tasks queues create sheet-sync --project=acme --location=europe-west1"
        " --max-dispatches-per-second=0.9 --max-concurrent-dispatches=4 --max-attempts=5"
        " --min-backoff=10s --max-backoff=300s --max-doublings=3"
    )
    halved = Settings(sheets_writes_per_minute=30, queue_workers=2)
    assert "--max-dispatches-per-second=0.45 --max-concurrent-dispatches=2" in (
        cloud_tasks_queue_command("acme", "europe-west1", "sheet-sync", halved)
    )


class TaskNameTaken(Exception):
    """What the fake Cloud Tasks raises for a name in use."""


class FakeTasksClient:
    """An in-memory Cloud Tasks: stores tasks by name and refuses duplicates."""

    def __init__(self) -> None:
        self.tasks: dict[str, tuple[str, Mapping[str, Any]]] = {}

    def queue_path(self, project: str, location: str, queue: str) -> str:
        return f"projects/{project}/locations/{location}/queues/{queue}"

    def task_path(self, project: str, location: str, queue: str, task: str) -> str:
        return f"{self.queue_path(project, location, queue)}/tasks/{task}"

    def create_task(self, *, parent: str, task: Mapping[str, Any]) -> object:
        if task["name"] in self.tasks:
            raise TaskNameTaken(task["name"])
        self.tasks[task["name"]] = (parent, task)
        return task


def test_cloud_tasks_queue_creates_named_app_engine_tasks(now: datetime) -> None:
    client = FakeTasksClient()
    queue = CloudTasksQueue(
        "acme", "europe-west1", "sheet-sync", client=client, already_exists=TaskNameTaken
    )

    assert queue.enqueue("1Abc/def", "abc123-x", eta=now + MINUTE) is True
    assert queue.enqueue("1Abc/def", "abc123-x") is False

    ((parent, task),) = client.tasks.values()
    assert parent == "projects/acme/locations/europe-west1/queues/sheet-sync"
    assert task["name"] == f"{parent}/tasks/abc123-x"
    assert task["app_engine_http_request"] == {
        "http_method": "POST",
        "relative_uri": "/tasks/sync/1Abc%2Fdef",
    }
    assert task["schedule_time"] == now + MINUTE


def test_cloud_tasks_queue_says_what_to_install() -> None:
    with pytest.raises(ImportError, match="pip install google-cloud-tasks"):
        CloudTasksQueue("acme", "europe-west1", "sheet-sync")


def test_cron_ticks_enqueue_each_due_sheet_once_per_slot(registry: Registry, now: datetime) -> None:
    for index in range(6):
        registry.enrol(f"sheet-{index}", by="ann@example.com", schedule_minutes=60, now=now)
    registry.set_paused("sheet-5", True)
    client = FakeTasksClient()
    queue = CloudTasksQueue("acme", "us-central1", "q", client=client, already_exists=TaskNameTaken)

    first = enqueue_due(registry, queue, now=now, budget_per_minute=2)
    again = enqueue_due(registry, queue, now=now + 5 * MINUTE, budget_per_minute=2)

    assert (first, again) == (5, 0)
    etas = sorted(task["schedule_time"] for _, task in client.tasks.values())
    assert etas == [now + timedelta(seconds=30 * index) for index in range(5)]


def test_inline_fanout_syncs_every_due_sheet_and_records_it(
    registry: Registry, now: datetime
) -> None:
    for index in range(5):
        registry.enrol(f"sheet-{index}", by="ann@example.com", now=now)
    synced: list[str] = []

    def sync(spreadsheet_id: str) -> SyncOutcome:
        synced.append(spreadsheet_id)
        return SyncOutcome(outcome=RunOutcome.UNCHANGED, reads=1)

    body = bind_task(registry, sync, now_fn=lambda: now, holder_prefix="local")
    with InlineQueue(body, workers=3, syncs_per_minute=6000) as queue:
        assert enqueue_due(registry, queue, now=now, budget_per_minute=60) == 5
        assert queue.drain(timeout=60)

    assert sorted(synced) == [f"sheet-{index}" for index in range(5)]
    assert registry.due(now) == []
    assert {run.outcome for run in registry.runs()} == {"unchanged"}


def test_a_tick_queues_only_what_the_budget_starts_before_the_next(
    registry: Registry, now: datetime
) -> None:
    for index in range(30):
        registry.enrol(f"sheet-{index:02d}", by="ann@example.com", now=now)
    client = FakeTasksClient()
    queue = CloudTasksQueue("acme", "us-central1", "q", client=client, already_exists=TaskNameTaken)

    queued = enqueue_due(registry, queue, now=now, budget_per_minute=2, horizon=5 * MINUTE)

    assert queued == 10
    assert max(task["schedule_time"] for _, task in client.tasks.values()) < now + 5 * MINUTE


def test_inline_queue_from_settings_paces_to_the_quota() -> None:
    ran: list[str] = []

    def body(spreadsheet_id: str, task_name: str) -> SyncOutcome:
        ran.append(spreadsheet_id)
        return SyncOutcome(outcome=RunOutcome.SYNCED)

    with InlineQueue.from_settings(body, Settings(queue_workers=2)) as queue:
        assert queue.enqueue("sheet-a", "t-1")
        assert queue.drain(timeout=60)

    assert ran == ["sheet-a"]
