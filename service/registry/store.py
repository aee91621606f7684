"""The Registry: enrolled spreadsheets, their tabs, run history and leases.

Every method opens and commits its own short transaction, takes `now` from the
caller (the registry never reads the clock) and returns frozen records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta

from alembic import command
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import CursorResult, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import sessionmaker

from service.errors import Conflict, ErrorCode, NotFound, Unavailable, ValidationFailed
from service.registry.engine import alembic_config, make_engine
from service.registry.models import (
    EnrolmentRow,
    LeaseRow,
    QuotaKindRow,
    QuotaUseRow,
    RunRow,
    TabRow,
)
from service.registry.records import Enrolment, Run, RunKind, RunOutcome, TabSeen

__all__ = ["LEASE_HELD", "NOT_MIGRATED", "PAUSE_AFTER_FAILURES", "Registry"]

NOT_MIGRATED = "The database is not migrated: run `scorecard db upgrade`."
LEASE_HELD = "A sync of this spreadsheet is already running; try again in a minute."
DONE_OUTCOMES = (RunOutcome.SYNCED, RunOutcome.UNCHANGED, RunOutcome.SKIPPED)
MAX_SCHEDULE_MINUTES = 60 * 24 * 31
# Permanent failures in a row (unshared, deleted, unreadable) before scheduled syncs pause.
PAUSE_AFTER_FAILURES = 3


class Registry:
    """The service's memory of enrolled spreadsheets, on SQLite or PostgreSQL."""

    def __init__(self, url: str, *, auto_migrate: bool = False) -> None:
        self.url = url
        self._engine = make_engine(url)
        self._sessions = sessionmaker(self._engine, expire_on_commit=False)
        self._migrated = False
        if auto_migrate:
            self.upgrade()

    def close(self) -> None:
        """Close every pooled connection."""
        self._engine.dispose()

    # -- schema ---------------------------------------------------------------

    def upgrade(self) -> None:
        """Migrate the database to the latest Alembic revision."""
        config = alembic_config()
        with self._engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        self._migrated = True

    def ensure_migrated(self) -> None:
        """Raise Unavailable unless the schema is at the latest revision."""
        if self._migrated:
            return
        heads = set(ScriptDirectory.from_config(alembic_config()).get_heads())
        with self._engine.connect() as connection:
            current = set(MigrationContext.configure(connection).get_current_heads())
        if current != heads:
            raise Unavailable(NOT_MIGRATED, code=ErrorCode.NOT_MIGRATED)
        self._migrated = True

    # -- enrolment ------------------------------------------------------------

    def enrol(
        self, spreadsheet_id: str, *, by: str, schedule_minutes: int = 60, now: datetime
    ) -> Enrolment:
        """Enrol a spreadsheet, or resume and reschedule it if already enrolled."""
        _check_schedule(schedule_minutes)
        with self._sessions.begin() as session:
            row = session.get(EnrolmentRow, spreadsheet_id, with_for_update=True)
            if row is None:
                row = EnrolmentRow(
                    spreadsheet_id=spreadsheet_id,
                    enrolled_by=by,
                    enrolled_at=now,
                    schedule_minutes=schedule_minutes,
                    paused=False,
                    failures=0,
                    next_sync_at=now,
                )
                session.add(row)
            else:
                row.paused = False
                row.failures = 0
                row.schedule_minutes = schedule_minutes
                if row.last_synced_at is not None:
                    row.next_sync_at = row.last_synced_at + timedelta(minutes=schedule_minutes)
            session.flush()
            return Enrolment.model_validate(row)

    def unenrol(self, spreadsheet_id: str) -> bool:
        """Forget a spreadsheet's enrolment and tabs; its run history stays."""
        with self._sessions.begin() as session:
            gone = _count(
                session.execute(delete(EnrolmentRow).filter_by(spreadsheet_id=spreadsheet_id))
            )
            session.execute(delete(TabRow).filter_by(spreadsheet_id=spreadsheet_id))
            return gone > 0

    def set_paused(self, spreadsheet_id: str, paused: bool) -> Enrolment:
        """Pause or resume scheduled syncs of an enrolled spreadsheet."""
        with self._sessions.begin() as session:
            row = session.get(EnrolmentRow, spreadsheet_id, with_for_update=True)
            if row is None:
                raise NotFound(f"Spreadsheet {spreadsheet_id} is not enrolled.")
            row.paused = paused
            session.flush()
            return Enrolment.model_validate(row)

    def get(self, spreadsheet_id: str) -> Enrolment | None:
        """The enrolment of one spreadsheet, if any."""
        with self._sessions() as session:
            row = session.get(EnrolmentRow, spreadsheet_id)
            return None if row is None else Enrolment.model_validate(row)

    def enrolments(self) -> list[Enrolment]:
        """Every enrolment, by spreadsheet id."""
        query = select(EnrolmentRow).order_by(EnrolmentRow.spreadsheet_id)
        with self._sessions() as session:
            return [Enrolment.model_validate(row) for row in session.scalars(query)]

    def due(self, now: datetime, limit: int | None = None) -> list[Enrolment]:
        """Unpaused enrolments whose schedule has come round, longest-waiting first."""
        query = (
            select(EnrolmentRow)
            .where(EnrolmentRow.paused.is_(False), EnrolmentRow.next_sync_at <= now)
            .order_by(
                EnrolmentRow.last_synced_at.asc().nulls_first(),
                EnrolmentRow.enrolled_at,
                EnrolmentRow.spreadsheet_id,
            )
            .limit(limit)
        )
        with self._sessions() as session:
            return [Enrolment.model_validate(row) for row in session.scalars(query)]

    def record_tabs(self, spreadsheet_id: str, tabs: Sequence[TabSeen]) -> None:
        """Replace the tabs known for a spreadsheet with the ones just seen."""
        with self._sessions.begin() as session:
            session.execute(delete(TabRow).filter_by(spreadsheet_id=spreadsheet_id))
            session.add_all(
                TabRow(spreadsheet_id=spreadsheet_id, **tab.model_dump()) for tab in tabs
            )

    def tabs(self, spreadsheet_id: str) -> list[TabSeen]:
        """The tabs last seen in a spreadsheet, by sheet id."""
        query = select(TabRow).filter_by(spreadsheet_id=spreadsheet_id).order_by(TabRow.sheet_id)
        with self._sessions() as session:
            return [TabSeen.model_validate(row) for row in session.scalars(query)]

    # -- runs -----------------------------------------------------------------

    def start_run(
        self, spreadsheet_id: str, kind: RunKind, *, now: datetime, task_name: str | None = None
    ) -> int:
        """Record that a run began; return its id."""
        row = RunRow(
            spreadsheet_id=spreadsheet_id,
            kind=RunKind(kind).value,
            task_name=task_name,
            started_at=now,
            reads=0,
            writes=0,
            rows=0,
            changed_cells=0,
            flags=0,
        )
        with self._sessions.begin() as session:
            session.add(row)
            session.flush()
            return row.id

    def finish_run(
        self,
        run_id: int,
        *,
        now: datetime,
        outcome: RunOutcome,
        reads: int,
        writes: int,
        rows: int,
        changed_cells: int,
        flags: int,
        error_code: str | None = None,
        error_message: str | None = None,
        permanent: bool = False,
    ) -> None:
        """Record how a run ended and move its spreadsheet's schedule on.

        A `permanent` failure of a sync counts towards pausing the enrolment
        (`PAUSE_AFTER_FAILURES` in a row); a sync that succeeds resumes it.
        """
        with self._sessions.begin() as session:
            run = session.get(RunRow, run_id, with_for_update=True)
            if run is None:
                raise NotFound(f"Run {run_id} does not exist.")
            if run.finished_at is not None:
                return  # a retried finish must not rewrite history
            run.finished_at = now
            run.outcome = RunOutcome(outcome).value
            run.reads, run.writes, run.rows = reads, writes, rows
            run.changed_cells, run.flags = changed_cells, flags
            run.error_code, run.error_message = error_code, error_message
            enrolment = session.get(EnrolmentRow, run.spreadsheet_id, with_for_update=True)
            if enrolment is not None and run.kind == RunKind.SYNC:
                # Failures move the schedule on too: a sheet that is not shared
                # must not spend quota on every cron tick.
                enrolment.last_synced_at = now
                enrolment.last_outcome = run.outcome
                enrolment.next_sync_at = now + timedelta(minutes=enrolment.schedule_minutes)
                _count_failure(enrolment, RunOutcome(outcome), permanent=permanent)

    def settle_unchanged(self, spreadsheet_ids: Sequence[str], *, now: datetime) -> int:
        """Record, in one transaction, syncs that found nothing to do without reading a sheet."""
        wanted = list(dict.fromkeys(spreadsheet_ids))
        if not wanted:
            return 0
        with self._sessions.begin() as session:
            enrolments = session.scalars(
                select(EnrolmentRow)
                .where(EnrolmentRow.spreadsheet_id.in_(wanted))
                .with_for_update()
            ).all()
            for enrolment in enrolments:
                session.add(
                    RunRow(
                        spreadsheet_id=enrolment.spreadsheet_id,
                        kind=RunKind.SYNC.value,
                        started_at=now,
                        finished_at=now,
                        outcome=RunOutcome.UNCHANGED.value,
                        reads=0,
                        writes=0,
                        rows=0,
                        changed_cells=0,
                        flags=0,
                    )
                )
                enrolment.last_synced_at = now
                enrolment.last_outcome = RunOutcome.UNCHANGED.value
                enrolment.next_sync_at = now + timedelta(minutes=enrolment.schedule_minutes)
            return len(enrolments)

    def runs(self, spreadsheet_id: str | None = None, limit: int = 50) -> list[Run]:
        """The most recent runs, newest first, of one spreadsheet or all."""
        query = select(RunRow).order_by(RunRow.id.desc()).limit(limit)
        if spreadsheet_id is not None:
            query = query.filter_by(spreadsheet_id=spreadsheet_id)
        with self._sessions() as session:
            return [Run.model_validate(row) for row in session.scalars(query)]

    def task_seen(self, task_name: str) -> bool:
        """Whether a run for this task already finished well (so a redelivery is a no-op)."""
        query = (
            select(RunRow.id)
            .where(
                RunRow.task_name == task_name,
                RunRow.outcome.in_([outcome.value for outcome in DONE_OUTCOMES]),
            )
            .limit(1)
        )
        with self._sessions() as session:
            return session.scalar(query) is not None

    # -- shared quota ---------------------------------------------------------

    def take_quota(
        self, kind: str, *, limit: int, window: float, clock: Callable[[], float]
    ) -> float:
        """Count one request of `kind` if fewer than `limit` fell in the last `window`
        seconds (0.0), or leave it and return the seconds until there is room.

        `clock` gives wall-clock seconds since the epoch (every instance must agree);
        it is read once the lock is held, so a taker that waited for the lock does not
        book its request in the past.
        """
        with self._sessions.begin() as session:
            # Every taker first updates the kind's row: PostgreSQL holds its row lock,
            # SQLite its write lock, until commit, so counting and adding never race.
            locked = session.execute(
                update(QuotaKindRow).filter_by(kind=kind).values(touched_at=clock())
            )
            if _count(locked) == 0:
                session.add(QuotaKindRow(kind=kind, touched_at=clock()))
                session.flush()
            now = clock()
            session.execute(
                delete(QuotaUseRow).where(
                    QuotaUseRow.kind == kind, QuotaUseRow.used_at <= now - window
                )
            )
            oldest = session.scalars(
                select(QuotaUseRow.used_at)
                .where(QuotaUseRow.kind == kind)
                .order_by(QuotaUseRow.used_at)
                .limit(limit)
            ).all()
            if len(oldest) < limit:
                session.add(QuotaUseRow(kind=kind, used_at=now))
                return 0.0
            return max(0.0, oldest[0] + window - now)

    # -- leases ---------------------------------------------------------------

    def acquire_lease(
        self, spreadsheet_id: str, holder: str, *, now: datetime, ttl: timedelta
    ) -> bool:
        """Take the spreadsheet's lease if it is free or expired; atomic, never re-entrant."""
        insert = postgresql.insert if self._engine.dialect.name == "postgresql" else sqlite.insert
        statement = insert(LeaseRow).values(
            spreadsheet_id=spreadsheet_id, holder=holder, expires_at=now + ttl
        )
        # One statement on both backends: insert, or take over only an expired row.
        # The database serialises racers on the primary key.
        statement = statement.on_conflict_do_update(
            index_elements=[LeaseRow.spreadsheet_id],
            set_={"holder": statement.excluded.holder, "expires_at": statement.excluded.expires_at},
            where=LeaseRow.expires_at < now,
        )
        # Without preserve_rowcount, SQLAlchemy reports no row count for INSERTs.
        statement = statement.execution_options(preserve_rowcount=True)
        with self._engine.begin() as connection:
            return _count(connection.execute(statement)) == 1

    def release_lease(self, spreadsheet_id: str, holder: str) -> None:
        """Give the lease back; does nothing unless `holder` holds it."""
        with self._sessions.begin() as session:
            session.execute(
                delete(LeaseRow).filter_by(spreadsheet_id=spreadsheet_id, holder=holder)
            )

    @contextmanager
    def lease(
        self, spreadsheet_id: str, holder: str, *, now: datetime, ttl: timedelta
    ) -> Iterator[None]:
        """Hold the spreadsheet's lease for the block, or raise Conflict."""
        if not self.acquire_lease(spreadsheet_id, holder, now=now, ttl=ttl):
            raise Conflict(LEASE_HELD, code=ErrorCode.SYNC_RUNNING, retry_after=60)
        try:
            yield
        finally:
            self.release_lease(spreadsheet_id, holder)


def _count_failure(enrolment: EnrolmentRow, outcome: RunOutcome, *, permanent: bool) -> None:
    """Pause after repeated permanent failures; resume on success."""
    if outcome is RunOutcome.FAILED:
        if permanent:
            enrolment.failures += 1
            if enrolment.failures >= PAUSE_AFTER_FAILURES:
                enrolment.paused = True
    elif outcome in (RunOutcome.SYNCED, RunOutcome.UNCHANGED):
        enrolment.failures = 0
        enrolment.paused = False


def _check_schedule(minutes: int) -> None:
    if not 1 <= minutes <= MAX_SCHEDULE_MINUTES:
        raise ValidationFailed(
            f"Sync every 1 to {MAX_SCHEDULE_MINUTES} minutes.",
            fields={"schedule_minutes": "out of range"},
        )


def _count(result: object) -> int:
    # DML results are CursorResults; rowcount is what the database reported.
    return result.rowcount if isinstance(result, CursorResult) else 0
