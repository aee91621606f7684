"""What the registry hands out: frozen records, never ORM objects."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

__all__ = ["Enrolment", "Run", "RunKind", "RunOutcome", "TabSeen"]


class RunKind(StrEnum):
    """What a run did to a spreadsheet."""

    SYNC = "sync"
    VALIDATE = "validate"
    PROVISION = "provision"


class RunOutcome(StrEnum):
    """How a run ended."""

    SYNCED = "synced"
    UNCHANGED = "unchanged"
    FAILED = "failed"
    SKIPPED = "skipped"


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", from_attributes=True)


class Enrolment(_Record):
    """A spreadsheet whose scorecards refresh on a schedule."""

    spreadsheet_id: str
    enrolled_by: str
    enrolled_at: datetime
    schedule_minutes: int
    paused: bool
    next_sync_at: datetime
    failures: int = 0
    last_synced_at: datetime | None = None
    last_outcome: RunOutcome | None = None


class TabSeen(_Record):
    """A scorecard tab found in a spreadsheet at its last read."""

    sheet_id: int
    title: str
    role: str
    person: str
    seen_at: datetime


class Run(_Record):
    """One provision, validate or sync of a spreadsheet, and what it cost."""

    id: int
    spreadsheet_id: str
    kind: RunKind
    task_name: str | None
    started_at: datetime
    finished_at: datetime | None
    outcome: RunOutcome | None
    reads: int
    writes: int
    rows: int
    changed_cells: int
    flags: int
    error_code: str | None
    error_message: str | None
