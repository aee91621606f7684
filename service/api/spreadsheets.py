"""Spreadsheets and their scorecard tabs: create, provision, validate, sync."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_openapi3 import APIBlueprint, Tag
from pydantic import BaseModel, ConfigDict, Field

from service.api.guard import SpreadsheetPath, TabPath, authorize, services
from service.core.models import KpiRow
from service.errors import NotFound
from service.settings import SheetsBackend
from service.workflows import (
    add_kpi,
    create_spreadsheet,
    list_scorecards,
    mark_reviewed,
    provision,
    sync,
    validate_tab,
)
from service.workflows.fleet import Schedule, enrol, schedule_of
from service.workflows.results import AddedKpi, ProvisionResult, ScorecardSummary, SyncResult
from validators import ValidationReport

__all__ = ["bp"]

bp = APIBlueprint(
    "spreadsheets", __name__, url_prefix="/api/v1/spreadsheets", abp_tags=[Tag(name="spreadsheets")]
)

_STRICT = ConfigDict(frozen=True, extra="forbid")


class NewSpreadsheet(BaseModel):
    """A spreadsheet to create on the local backend."""

    model_config = _STRICT

    title: str = Field(min_length=1, max_length=200)


class Created(BaseModel):
    """A new spreadsheet."""

    spreadsheet_id: str
    title: str


class ProvisionBody(BaseModel):
    """Which role, for whom, with which KPIs, how many period columns and from when.

    `first_period` (an ISO date) starts the history earlier, so a team moving from an
    existing sheet can backfill it; the default is the current period.
    """

    model_config = _STRICT

    role: str = Field(max_length=64)
    person: str = Field(max_length=100)
    kpis: list[str] | None = Field(default=None, max_length=14)
    periods: int = Field(default=13, ge=1, le=104)
    first_period: date | None = None


class ScorecardList(BaseModel):
    """The scorecard tabs of a spreadsheet."""

    scorecards: list[ScorecardSummary]


class ReviewedBody(BaseModel):
    """Sheet rows (1-based, as shown in the sheet) whose KPIs were just reviewed."""

    model_config = _STRICT

    rows: list[int] = Field(min_length=1, max_length=500)


class Reviewed(BaseModel):
    """How many rows were stamped."""

    stamped: int


@bp.post("", responses={201: Created})
def new_spreadsheet(body: NewSpreadsheet) -> tuple[dict[str, Any], int]:
    """Create an empty spreadsheet (local backend only)."""
    authorize()
    if services().settings.sheets_backend is not SheetsBackend.LOCAL:
        raise NotFound(
            "Create spreadsheets in Google Sheets, then share them with Scorecard.",
            code="not_available",
        )
    sid = create_spreadsheet(services(), body.title)
    return Created(spreadsheet_id=sid, title=body.title).model_dump(), 201


@bp.get("/<spreadsheet_id>/scorecards", responses={200: ScorecardList})
def scorecards(path: SpreadsheetPath) -> dict[str, Any]:
    """List the scorecard tabs found in a spreadsheet."""
    authorize(path.spreadsheet_id)
    found = list_scorecards(services(), path.spreadsheet_id)
    return ScorecardList(scorecards=found).model_dump()


@bp.post("/<spreadsheet_id>/scorecards", responses={200: ProvisionResult, 201: ProvisionResult})
def provision_tab(path: SpreadsheetPath, body: ProvisionBody) -> tuple[dict[str, Any], int]:
    """Provision a scorecard tab for a role and person (200 with the existing one)."""
    caller = authorize(path.spreadsheet_id)
    result = provision(
        services(),
        path.spreadsheet_id,
        body.role,
        body.person,
        kpis=body.kpis,
        periods=body.periods,
        first_period=body.first_period,
        enrolled_by=caller.email,
    )
    return result.model_dump(), 201 if result.created else 200


@bp.post("/<spreadsheet_id>/scorecards/<int:tab_id>/validate", responses={200: ValidationReport})
def validate(path: TabPath) -> dict[str, Any]:
    """Validate every KPI row of a tab and write the verdicts into it."""
    authorize(path.spreadsheet_id)
    result = validate_tab(services(), path.spreadsheet_id, path.tab_id)
    body: dict[str, Any] = result.report.model_dump(mode="json")
    body["requests"] = result.requests.model_dump()
    return body


class NewKpiBody(BaseModel):
    """A KPI definition to add below a tab's KPIs."""

    model_config = _STRICT

    kpi: KpiRow


@bp.post("/<spreadsheet_id>/scorecards/<int:tab_id>/kpis", responses={201: AddedKpi})
def new_kpi(path: TabPath, body: NewKpiBody) -> tuple[dict[str, Any], int]:
    """Add a KPI row below the tab's KPIs and validate the tab, verdicts written."""
    authorize(path.spreadsheet_id)
    added = add_kpi(services(), path.spreadsheet_id, path.tab_id, body.kpi)
    return added.model_dump(mode="json"), 201


@bp.post("/<spreadsheet_id>/scorecards/<int:tab_id>/reviewed", responses={200: Reviewed})
def reviewed(path: TabPath, body: ReviewedBody) -> dict[str, Any]:
    """Stamp today's date in "Last reviewed" on the given rows."""
    authorize(path.spreadsheet_id)
    stamped = mark_reviewed(services(), path.spreadsheet_id, path.tab_id, body.rows)
    return Reviewed(stamped=stamped).model_dump()


@bp.post("/<spreadsheet_id>/sync", responses={200: SyncResult})
def sync_now(path: SpreadsheetPath) -> dict[str, Any]:
    """Recompute and write trends, flags and verdicts for every scorecard tab."""
    authorize(path.spreadsheet_id)
    return sync(services(), path.spreadsheet_id).model_dump(mode="json")


class EnrolmentBody(BaseModel):
    """How often to sync the spreadsheet on schedule."""

    model_config = _STRICT

    schedule_minutes: int | None = Field(default=None, ge=15, le=10_080)


class EnrolmentState(BaseModel):
    """Whether a spreadsheet is on the sync schedule."""

    spreadsheet_id: str
    enrolled: bool
    schedule_minutes: int | None = None
    next_sync_at: str | None = None


@bp.get("/<spreadsheet_id>/enrolment", responses={200: Schedule})
def schedule(path: SpreadsheetPath) -> dict[str, Any]:
    """Whether the spreadsheet syncs on schedule, when it last did and when it next will."""
    authorize(path.spreadsheet_id)
    return schedule_of(services(), path.spreadsheet_id).model_dump(mode="json")


@bp.post("/<spreadsheet_id>/enrolment", responses={200: EnrolmentState})
def enrol_spreadsheet(path: SpreadsheetPath, body: EnrolmentBody) -> dict[str, Any]:
    """Put the spreadsheet on the scheduled sync (idempotent)."""
    caller = authorize(path.spreadsheet_id)
    enrolment = enrol(
        services(), path.spreadsheet_id, by=caller.email, schedule_minutes=body.schedule_minutes
    )
    return EnrolmentState(
        spreadsheet_id=enrolment.spreadsheet_id,
        enrolled=True,
        schedule_minutes=enrolment.schedule_minutes,
        next_sync_at=enrolment.next_sync_at.isoformat(),
    ).model_dump()


@bp.delete("/<spreadsheet_id>/enrolment", responses={200: EnrolmentState})
def unenrol_spreadsheet(path: SpreadsheetPath) -> dict[str, Any]:
    """Take the spreadsheet off the scheduled sync; its run history stays."""
    authorize(path.spreadsheet_id)
    services().registry.unenrol(path.spreadsheet_id)
    return EnrolmentState(spreadsheet_id=path.spreadsheet_id, enrolled=False).model_dump()
