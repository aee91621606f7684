"""Scheduled syncs end to end: enrolment, the cron tick, task deliveries and run history."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from service.context import LEASE_TTL, Services
from service.core.grid import CellWrite
from service.registry import PAUSE_AFTER_FAILURES, Registry, RunKind, RunOutcome
from service.scheduling import InlineQueue
from service.settings import Settings
from service.sheets.emulator import Fault, SheetsEmulator
from service.sheets.retry import RetryPolicy
from service.workflows import provision, sync
from service.workflows.fleet import (
    enqueue_due_syncs,
    enrol,
    queue_for,
    run_sync_task,
    schedule_of,
    skip_unchanged,
)
from tests.cli.terminal import run as run_cli
from tests.conftest import FIXED_NOW
from tests.registry.databases import BACKENDS, fresh_database

CRON = {"X-Appengine-Cron": "true"}


@pytest.fixture(params=BACKENDS)
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    """The fleet runs on SQLite always and on PostgreSQL when one is configured."""
    with fresh_database(request.param, tmp_path) as url:
        registry = Registry(url)
        registry.upgrade()
        registry.close()
        yield Settings(
            data_dir=tmp_path / "var",
            log_format="text",
            database_url=url,
            trust_appengine_headers=True,  # the tests play App Engine's cron
        )


def _team(services: Services, emulator: SheetsEmulator, name: str) -> str:
    sid = emulator.create_spreadsheet(name)
    provision(services, sid, "sales_rep", "Alex Kim", enrolled_by="manager@example.com")
    return sid


def test_provisioning_through_the_api_enrols_the_spreadsheet(
    client: FlaskClient, services: Services, emulator: SheetsEmulator
) -> None:
    sid = emulator.create_spreadsheet("Team")
    client.post(
        f"/api/v1/spreadsheets/{sid}/scorecards", json={"role": "sales_rep", "person": "Alex Kim"}
    )
    enrolment = services.registry.get(sid)
    assert enrolment is not None and not enrolment.paused
    assert enrolment.schedule_minutes == services.settings.default_schedule_minutes


def test_enrolment_endpoints(
    client: FlaskClient, services: Services, emulator: SheetsEmulator
) -> None:
    emulator.create_spreadsheet("Team", spreadsheet_id="abc123")
    url = "/api/v1/spreadsheets/abc123/enrolment"
    on = client.post(url, json={"schedule_minutes": 30})
    assert on.status_code == 200
    assert on.get_json()["enrolled"] and on.get_json()["schedule_minutes"] == 30
    assert client.get(url).get_json()["paused"] is False
    assert client.post(url, json={"schedule_minutes": 1}).status_code == 422
    off = client.delete(url)
    assert off.get_json() == {
        "spreadsheet_id": "abc123",
        "enrolled": False,
        "schedule_minutes": None,
        "next_sync_at": None,
    }
    assert services.registry.get("abc123") is None


def test_enrolling_reads_the_spreadsheet_once_and_refuses_what_cannot_be_read(
    client: FlaskClient, services: Services, emulator: SheetsEmulator
) -> None:
    missing = client.post("/api/v1/spreadsheets/nosuchsheet/enrolment", json={})
    assert missing.status_code == 404
    assert missing.get_json()["error"]["code"] == "spreadsheet_not_found"
    sid = emulator.create_spreadsheet("Private")
    emulator.share(sid, allowed=False)
    emulator.reset_counts()
    refused = client.post(f"/api/v1/spreadsheets/{sid}/enrolment", json={})
    assert refused.status_code == 403
    assert refused.get_json()["error"]["code"] == "not_shared"
    assert emulator.counts(sid).reads == 1
    assert services.registry.enrolments() == []


def test_repeated_permanent_failures_pause_and_a_good_sync_resumes(
    client: FlaskClient, services: Services, emulator: SheetsEmulator
) -> None:
    sid = _team(services, emulator, "Team")
    emulator.share(sid, allowed=False)
    outcomes = [run_sync_task(services, sid, f"t{n}").outcome for n in range(PAUSE_AFTER_FAILURES)]
    assert outcomes == [RunOutcome.FAILED] * PAUSE_AFTER_FAILURES
    url = f"/api/v1/spreadsheets/{sid}/enrolment"
    shown = client.get(url).get_json()
    assert (shown["enrolled"], shown["paused"], shown["summary"]) == (True, True, "schedule paused")
    enrolment = services.registry.get(sid)
    assert enrolment is not None and enrolment.failures == PAUSE_AFTER_FAILURES
    emulator.reset_counts()
    assert run_sync_task(services, sid, "t-next").outcome == RunOutcome.SKIPPED
    assert emulator.counts(sid).reads == 0  # paused: no quota spent on it
    shown = run_cli(services, "runs")
    assert shown.exit_code == 0 and "paused" in shown.output
    assert f"in a row: {sid}." in " ".join(shown.output.split())
    emulator.share(sid, allowed=True)
    assert client.post(f"/api/v1/spreadsheets/{sid}/sync").status_code == 200
    assert client.get(url).get_json()["paused"] is False
    resumed = services.registry.get(sid)
    assert resumed is not None and (resumed.paused, resumed.failures) == (False, 0)


def test_quota_failures_do_not_pause(services: Services, emulator: SheetsEmulator) -> None:
    sid = _team(services, emulator, "Team")
    emulator.faults.add(Fault(endpoint="getByDataFilter", status=429, times=1000))
    services.sheets.policy_factory = lambda: RetryPolicy(max_attempts=1)
    for n in range(PAUSE_AFTER_FAILURES + 1):
        assert run_sync_task(services, sid, f"q{n}").retryable
    enrolment = services.registry.get(sid)
    assert enrolment is not None and not enrolment.paused and enrolment.failures == 0


def test_cron_tick_queues_each_due_spreadsheet_once_and_the_workers_sync_them(
    client: FlaskClient, services: Services, emulator: SheetsEmulator
) -> None:
    sids = [_team(services, emulator, f"Team {n}") for n in range(3)]
    emulator.reset_counts()
    assert client.get("/tasks/sync-due").status_code == 403
    first = client.get("/tasks/sync-due", headers=CRON)
    assert first.get_json() == {"queued": 3, "unchanged": 0}
    queue = queue_for(services)
    assert isinstance(queue, InlineQueue)
    assert queue.drain(timeout=60)
    for sid in sids:
        runs = services.registry.runs(sid)
        assert [r.outcome for r in runs] == [RunOutcome.SYNCED]
        assert (emulator.counts(sid).reads, emulator.counts(sid).writes) == (1, 1)
    # Synced just now: the next tick finds nothing due.
    assert client.get("/tasks/sync-due", headers=CRON).get_json() == {"queued": 0, "unchanged": 0}


def test_a_duplicate_task_delivery_is_a_no_op(
    client: FlaskClient, services: Services, emulator: SheetsEmulator
) -> None:
    sid = _team(services, emulator, "Team")
    emulator.reset_counts()
    headers = {**CRON, "X-AppEngine-TaskName": "task-1"}
    first = client.post(f"/tasks/sync/{sid}", headers=headers)
    again = client.post(f"/tasks/sync/{sid}", headers=headers)
    assert first.get_json()["outcome"] == "synced"
    assert again.get_json()["outcome"] == "skipped"
    assert emulator.counts(sid).writes == 1
    assert len(services.registry.runs(sid)) == 1


def test_an_unshared_spreadsheet_fails_alone_and_is_not_retried(
    client: FlaskClient, services: Services, emulator: SheetsEmulator
) -> None:
    good, bad = _team(services, emulator, "Good"), _team(services, emulator, "Bad")
    emulator.share(bad, allowed=False)
    response = client.post(f"/tasks/sync/{bad}", headers={**CRON, "X-AppEngine-TaskName": "b1"})
    assert response.status_code == 200  # permanent: the queue must not retry
    assert response.get_json()["error_code"] == "not_shared"
    [failed] = services.registry.runs(bad)
    assert (failed.outcome, failed.error_code) == (RunOutcome.FAILED, "not_shared")
    assert run_sync_task(services, good, "g1").outcome == RunOutcome.SYNCED


def test_a_retryable_failure_answers_503_so_the_queue_retries(
    client: FlaskClient, services: Services, emulator: SheetsEmulator
) -> None:
    sid = _team(services, emulator, "Team")
    assert services.registry.acquire_lease(sid, "someone-else", now=services.now(), ttl=LEASE_TTL)
    response = client.post(f"/tasks/sync/{sid}", headers={**CRON, "X-AppEngine-TaskName": "t"})
    assert response.status_code == 503
    error = response.get_json()["error"]
    assert (error["code"], error["fields"]) == ("sync_retry", {"cause": "sync_running"})


def test_on_demand_syncs_are_in_the_run_history(
    services: Services, emulator: SheetsEmulator
) -> None:
    sid = _team(services, emulator, "Team")
    sync(services, sid)
    sync(services, sid)
    outcomes = [r.outcome for r in services.registry.runs(sid)]
    assert outcomes == [RunOutcome.UNCHANGED, RunOutcome.SYNCED]
    tabs = services.registry.tabs(sid)
    assert [(t.role, t.person) for t in tabs] == [("sales_rep", "Alex Kim")]


def test_enqueue_due_needs_enrolment(services: Services, emulator: SheetsEmulator) -> None:
    sid = emulator.create_spreadsheet("Team")
    assert enqueue_due_syncs(services) == 0
    enrol(services, sid, by="cli")
    assert enqueue_due_syncs(services) == 1
    queue = queue_for(services)
    assert isinstance(queue, InlineQueue) and queue.drain(timeout=30)


def test_the_drive_filter_skips_reading_sheets_nobody_touched(
    client: FlaskClient, services: Services, emulator: SheetsEmulator
) -> None:
    emulator.store.clock = lambda: FIXED_NOW.timestamp()
    services.settings = services.settings.model_copy(update={"drive_change_filter": True})
    quiet, edited = _team(services, emulator, "Quiet"), _team(services, emulator, "Edited")
    for sid in (quiet, edited):
        assert run_sync_task(services, sid, f"first-{sid}").outcome == RunOutcome.SYNCED
    # An hour later the same day someone types into one of them.
    later = FIXED_NOW + timedelta(minutes=61)
    services.clock = lambda: later
    emulator.store.clock = lambda: (later - timedelta(minutes=5)).timestamp()
    gateway = services.sheets.gateway()
    tab = next(t for t in gateway.read(edited).tabs if t.tags)
    gateway.apply(edited, [CellWrite(sheet_id=tab.sheet_id, row=1, column=0, value="Win %")])
    emulator.reset_counts()

    tick = client.get("/tasks/sync-due", headers=CRON).get_json()

    assert tick == {"queued": 1, "unchanged": 1}
    assert emulator.counts(quiet).total == 0  # not even read
    quiet_runs = services.registry.runs(quiet)
    assert (quiet_runs[0].outcome, quiet_runs[0].reads) == (RunOutcome.UNCHANGED, 0)
    queue = queue_for(services)
    assert isinstance(queue, InlineQueue) and queue.drain(timeout=30)
    assert emulator.counts(edited).reads == 1


def test_the_drive_filter_reads_everything_on_a_new_day(
    services: Services, emulator: SheetsEmulator
) -> None:
    emulator.store.clock = lambda: FIXED_NOW.timestamp()
    services.settings = services.settings.model_copy(update={"drive_change_filter": True})
    sid = _team(services, emulator, "Team")
    run_sync_task(services, sid, "first")
    services.clock = lambda: FIXED_NOW + timedelta(days=1)
    assert skip_unchanged(services) == 0  # "stale" and friends move with the date


def test_when_drive_refuses_every_due_sheet_is_read(
    services: Services, emulator: SheetsEmulator
) -> None:
    emulator.store.clock = lambda: FIXED_NOW.timestamp()
    services.settings = services.settings.model_copy(update={"drive_change_filter": True})
    services.sheets.policy_factory = lambda: RetryPolicy(sleep=lambda _: None)
    sid = _team(services, emulator, "Team")
    run_sync_task(services, sid, "first")
    services.clock = lambda: FIXED_NOW + timedelta(minutes=61)
    emulator.faults.add(Fault(endpoint="drive.list", status=403, times=1))
    assert skip_unchanged(services) == 0
    assert enqueue_due_syncs(services) == 1


def test_schedule_reads_as_a_manager_would_say_it(services: Services) -> None:
    assert schedule_of(services, "sheet-x").summary.startswith("not on the schedule")
    services.registry.enrol(
        "sheet-x", by="dana@example.com", schedule_minutes=60, now=FIXED_NOW - timedelta(hours=1)
    )
    twelve_ago = FIXED_NOW - timedelta(minutes=12)
    run = services.registry.start_run("sheet-x", RunKind.SYNC, now=twelve_ago)
    counts = {"reads": 1, "writes": 1, "rows": 3, "changed_cells": 9, "flags": 0}
    services.registry.finish_run(run, outcome=RunOutcome.SYNCED, now=twelve_ago, **counts)
    shown = schedule_of(services, "sheet-x")
    assert shown.enrolled and shown.schedule_minutes == 60
    assert shown.summary == "synced 12 min ago · next in 48 min"
