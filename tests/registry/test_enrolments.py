"""Enrolment, due ordering, tabs and run history."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from service.errors import NotFound, ValidationFailed
from service.registry import Registry, RunKind, RunOutcome, TabSeen

MINUTE = timedelta(minutes=1)


def finish(
    registry: Registry,
    sid: str,
    at: datetime,
    outcome: RunOutcome,
    *,
    rows: int = 0,
    changed_cells: int = 0,
    flags: int = 0,
) -> int:
    """Record one finished sync of `sid` at `at`."""
    run_id = registry.start_run(sid, RunKind.SYNC, now=at, task_name=f"task-{sid}-{at:%H%M}")
    registry.finish_run(
        run_id,
        now=at,
        outcome=outcome,
        reads=1,
        writes=1,
        rows=rows,
        changed_cells=changed_cells,
        flags=flags,
    )
    return run_id


def test_enrol_is_idempotent(registry: Registry, now: datetime) -> None:
    first = registry.enrol("sheet-a", by="ann@example.com", now=now)
    again = registry.enrol("sheet-a", by="bob@example.com", now=now + MINUTE)

    assert again == first
    assert [e.spreadsheet_id for e in registry.enrolments()] == ["sheet-a"]
    assert first.enrolled_by == "ann@example.com"
    assert first.enrolled_at == now
    assert first.schedule_minutes == 60
    assert not first.paused


def test_reenrolling_resumes_and_reschedules(registry: Registry, now: datetime) -> None:
    registry.enrol("sheet-a", by="ann@example.com", now=now)
    registry.set_paused("sheet-a", True)

    resumed = registry.enrol("sheet-a", by="ann@example.com", schedule_minutes=15, now=now)

    assert not resumed.paused
    assert resumed.schedule_minutes == 15


def test_unenrol_forgets_the_sheet_but_keeps_history(registry: Registry, now: datetime) -> None:
    registry.enrol("sheet-a", by="ann@example.com", now=now)
    finish(registry, "sheet-a", now, RunOutcome.SYNCED)
    registry.record_tabs(
        "sheet-a", [TabSeen(sheet_id=7, title="Sales", role="sales", person="Ann", seen_at=now)]
    )

    assert registry.unenrol("sheet-a") is True
    assert registry.unenrol("sheet-a") is False
    assert registry.get("sheet-a") is None
    assert registry.tabs("sheet-a") == []
    assert len(registry.runs("sheet-a")) == 1
    assert registry.enrol("sheet-a", by="ann@example.com", now=now).paused is False


def test_schedule_out_of_range_is_refused(registry: Registry, now: datetime) -> None:
    with pytest.raises(ValidationFailed):
        registry.enrol("sheet-a", by="ann@example.com", schedule_minutes=0, now=now)
    assert registry.enrolments() == []


def test_pausing_an_unknown_sheet_is_not_found(registry: Registry) -> None:
    with pytest.raises(NotFound):
        registry.set_paused("nope", True)


def test_naive_times_are_refused(registry: Registry, now: datetime) -> None:
    with pytest.raises(Exception, match="timezone-aware"):
        registry.enrol("sheet-a", by="ann@example.com", now=now.replace(tzinfo=None))


def test_due_lists_never_synced_then_oldest_and_skips_paused(
    registry: Registry, now: datetime
) -> None:
    for sid in ("recent", "old", "never", "paused", "hourly-not-yet"):
        registry.enrol(sid, by="ann@example.com", schedule_minutes=30, now=now)
    registry.enrol("hourly-not-yet", by="ann@example.com", schedule_minutes=60, now=now)
    finish(registry, "old", now, RunOutcome.SYNCED)
    finish(registry, "recent", now + 10 * MINUTE, RunOutcome.UNCHANGED)
    finish(registry, "hourly-not-yet", now + 10 * MINUTE, RunOutcome.SYNCED)
    registry.set_paused("paused", True)

    at = now + 40 * MINUTE
    due = [e.spreadsheet_id for e in registry.due(at)]

    assert due == ["never", "old", "recent"]
    assert [e.spreadsheet_id for e in registry.due(at, limit=2)] == ["never", "old"]
    assert [e.spreadsheet_id for e in registry.due(now + 29 * MINUTE)] == ["never"]


def test_a_failed_sync_moves_the_schedule_on(registry: Registry, now: datetime) -> None:
    registry.enrol("sheet-a", by="ann@example.com", now=now)
    finish(registry, "sheet-a", now, RunOutcome.FAILED)

    enrolment = registry.get("sheet-a")

    assert enrolment is not None
    assert enrolment.last_outcome is RunOutcome.FAILED
    assert registry.due(now + 59 * MINUTE) == []
    assert len(registry.due(now + 60 * MINUTE)) == 1


def test_runs_are_recorded_with_their_costs(registry: Registry, now: datetime) -> None:
    registry.enrol("sheet-a", by="ann@example.com", now=now)
    first = finish(registry, "sheet-a", now, RunOutcome.SYNCED, rows=12, changed_cells=30, flags=2)
    run_id = registry.start_run("sheet-a", RunKind.SYNC, now=now + MINUTE, task_name="t2")
    registry.finish_run(
        run_id,
        now=now + 2 * MINUTE,
        outcome=RunOutcome.FAILED,
        reads=1,
        writes=0,
        rows=0,
        changed_cells=0,
        flags=0,
        error_code="not_shared",
        error_message="Share the spreadsheet with the service account.",
    )

    latest, earlier = registry.runs("sheet-a")
    enrolment = registry.get("sheet-a")

    assert earlier.id == first
    assert (earlier.outcome, earlier.rows, earlier.changed_cells, earlier.flags) == (
        RunOutcome.SYNCED,
        12,
        30,
        2,
    )
    assert latest.error_code == "not_shared"
    assert latest.finished_at == now + 2 * MINUTE
    assert latest.started_at.tzinfo is not None
    assert enrolment is not None
    assert enrolment.last_synced_at == now + 2 * MINUTE
    assert registry.runs(limit=1) == [latest]


def test_finishing_twice_keeps_the_first_result(registry: Registry, now: datetime) -> None:
    run_id = finish(registry, "sheet-a", now, RunOutcome.SYNCED)
    registry.finish_run(
        run_id,
        now=now,
        outcome=RunOutcome.FAILED,
        reads=9,
        writes=9,
        rows=9,
        changed_cells=9,
        flags=9,
    )

    (run,) = registry.runs("sheet-a")

    assert (run.outcome, run.reads) == (RunOutcome.SYNCED, 1)


def test_finishing_an_unknown_run_is_not_found(registry: Registry, now: datetime) -> None:
    with pytest.raises(NotFound):
        registry.finish_run(
            404,
            now=now,
            outcome=RunOutcome.SYNCED,
            reads=0,
            writes=0,
            rows=0,
            changed_cells=0,
            flags=0,
        )


@pytest.mark.parametrize(
    ("outcome", "seen"),
    [
        (RunOutcome.SYNCED, True),
        (RunOutcome.UNCHANGED, True),
        (RunOutcome.SKIPPED, True),
        (RunOutcome.FAILED, False),
    ],
)
def test_task_seen_only_after_it_finished_well(
    registry: Registry, now: datetime, outcome: RunOutcome, seen: bool
) -> None:
    run_id = registry.start_run("sheet-a", RunKind.SYNC, now=now, task_name="slot-1")
    assert registry.task_seen("slot-1") is False

    registry.finish_run(
        run_id, now=now, outcome=outcome, reads=1, writes=0, rows=0, changed_cells=0, flags=0
    )

    assert registry.task_seen("slot-1") is seen
    assert registry.task_seen("slot-2") is False


def test_record_tabs_replaces_what_was_seen(registry: Registry, now: datetime) -> None:
    def tab(sheet_id: int, title: str) -> TabSeen:
        return TabSeen(sheet_id=sheet_id, title=title, role="sales", person="Ann", seen_at=now)

    registry.record_tabs("sheet-a", [tab(2, "Sales – Ann"), tab(1, "Ops – Bo")])
    registry.record_tabs("sheet-a", [tab(2, "Sales – Ann (renamed)")])
    registry.record_tabs("sheet-b", [tab(2, "Other")])

    assert registry.tabs("sheet-a") == [tab(2, "Sales – Ann (renamed)")]
