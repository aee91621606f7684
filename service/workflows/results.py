"""What the workflows answer: typed results, serialised as they are by the API."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from service.core.models import Flag
from service.core.scoring import Attention, TabError
from validators import RoleUsed, ValidationReport

__all__ = [
    "AddedKpi",
    "CreatedSpreadsheet",
    "Digest",
    "DigestKpi",
    "EnrolmentState",
    "MissingValue",
    "OpenIssue",
    "PersonDigest",
    "ProvisionResult",
    "Queued",
    "RequestsUsed",
    "ScorecardSummary",
    "SyncResult",
    "TabError",
    "TabValidation",
    "ValidatedTab",
]

_WIRE = ConfigDict(frozen=True, extra="forbid")


class RequestsUsed(BaseModel):
    """Sheets requests one operation sent."""

    model_config = _WIRE

    reads: int = 0
    writes: int = 0


class ScorecardSummary(BaseModel):
    """A scorecard tab found in a spreadsheet."""

    model_config = _WIRE

    tab_id: int
    title: str
    role: str
    person: str
    template_version: int
    kpis: int


class ProvisionResult(BaseModel):
    """The provisioned (or already existing) tab."""

    model_config = _WIRE

    scorecard: ScorecardSummary
    created: bool
    requests: RequestsUsed
    # Which template or general context the tab was built from, as a validation report says.
    role: RoleUsed


class SyncResult(BaseModel):
    """What one sync of a spreadsheet did."""

    model_config = _WIRE

    spreadsheet_id: str
    tabs: int
    rows: int
    changed_cells: int
    flags: int
    requests: RequestsUsed
    tab_errors: tuple[TabError, ...] = ()
    flagged: dict[str, list[Flag]] = Field(default_factory=dict)
    # What needs the manager first: off-target or flagged KPIs, by tab in sheet order.
    attention: tuple[Attention, ...] = ()
    on_target: int = 0


class ValidatedTab(ValidationReport):
    """What validating a tab answers: the report and the Sheets requests it cost."""

    requests: RequestsUsed


class TabValidation(BaseModel):
    """A tab's validation report and the requests it cost."""

    model_config = ConfigDict(frozen=True)

    tab_id: int
    title: str
    report: ValidationReport
    changed_cells: int
    requests: RequestsUsed

    def answer(self) -> ValidatedTab:
        """The report with its request count, as the API answers it."""
        return ValidatedTab(**dict(self.report), requests=self.requests)


class CreatedSpreadsheet(BaseModel):
    """A new spreadsheet."""

    model_config = _WIRE

    spreadsheet_id: str
    title: str


class EnrolmentState(BaseModel):
    """Whether a spreadsheet is on the sync schedule."""

    model_config = _WIRE

    spreadsheet_id: str
    enrolled: bool
    schedule_minutes: int | None = None
    next_sync_at: str | None = None  # ISO 8601, UTC


class Queued(BaseModel):
    """What the cron tick did: tasks queued, and sheets settled as unchanged without a read."""

    model_config = _WIRE

    queued: int
    unchanged: int = 0


class AddedKpi(BaseModel):
    """Where a KPI was added, and the tab's validation report with it."""

    model_config = _WIRE

    tab_id: int
    row: int  # as the sheet numbers it (1-based)
    report: ValidationReport


class DigestKpi(BaseModel):
    """A KPI as the digest names it: where it is and how it stands."""

    model_config = _WIRE

    kpi: str
    row: int  # the sheet row on the person's tab, 1-based
    target: str
    latest: float | None
    status: str  # the status label, symbol and word ("✗ Off target")
    trend: str


class MissingValue(BaseModel):
    """A closed period, past its grace days, with no value typed for the KPI."""

    model_config = _WIRE

    kpi: str
    row: int
    period: date


class OpenIssue(BaseModel):
    """An issue row on the Issues tab that is not marked Solved."""

    model_config = _WIRE

    kpi: str
    since: str
    why: str
    status: str
    issue_row: int  # the sheet row on the Issues tab, 1-based


class PersonDigest(BaseModel):
    """One person's part of the digest."""

    model_config = _WIRE

    person: str
    tab_id: int
    title: str
    role: str
    off_target: tuple[DigestKpi, ...] = ()
    missing: tuple[MissingValue, ...] = ()
    back_on_target: tuple[DigestKpi, ...] = ()
    open_issues: tuple[OpenIssue, ...] = ()


class Digest(BaseModel):
    """What needs a manager's attention across the spreadsheet, person by person."""

    model_config = _WIRE

    spreadsheet_id: str
    title: str
    as_of: datetime
    people: tuple[PersonDigest, ...]
    requests: RequestsUsed
