"""Spreadsheets and their scorecard tabs: create, provision, validate, sync, digest, enrol."""

from __future__ import annotations

from datetime import date

from flask import Response
from flask_openapi3 import APIBlueprint, Tag
from pydantic import BaseModel, ConfigDict, Field

from service.api.guard import SpreadsheetPath, TabPath, authorize, services
from service.api.responses import BODY, CALLER, PATH, SHEETS, documented, reply
from service.core.models import KpiRow
from service.workflows import (
    add_kpi,
    create_spreadsheet,
    digest,
    list_scorecards,
    mark_reviewed,
    provision,
    sync,
    validate_tab,
)
from service.workflows.fleet import Schedule, enrol, schedule_of, unenrol
from service.workflows.results import (
    AddedKpi,
    CreatedSpreadsheet,
    Digest,
    EnrolmentState,
    ProvisionResult,
    ScorecardSummary,
    SyncResult,
    ValidatedTab,
)

__all__ = ["bp"]

bp = APIBlueprint(
    "spreadsheets",
    __name__,
    url_prefix="/api/v1/spreadsheets",
    abp_tags=[Tag(name="spreadsheets")],
    abp_security=[{"bearer": []}],
)

_STRICT = ConfigDict(frozen=True, extra="forbid")


class NewSpreadsheet(BaseModel):
    """A spreadsheet to create on the local backend."""

    model_config = _STRICT

    title: str = Field(min_length=1, max_length=200)


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


class EnrolmentBody(BaseModel):
    """How often to sync the spreadsheet on schedule."""

    model_config = _STRICT

    schedule_minutes: int | None = Field(default=None, ge=15, le=10_080)


@bp.post("", responses=documented({201: CreatedSpreadsheet}, CALLER, BODY, SHEETS))
def new_spreadsheet(body: NewSpreadsheet) -> Response:
    """Create an empty spreadsheet (local backend only; 404 `not_available` on Google)."""
    authorize()
    return reply(create_spreadsheet(services(), body.title), 201)


@bp.get(
    "/<spreadsheet_id>/scorecards", responses=documented({200: ScorecardList}, CALLER, PATH, SHEETS)
)
def scorecards(path: SpreadsheetPath) -> Response:
    """List the scorecard tabs found in a spreadsheet."""
    authorize(path.spreadsheet_id)
    return reply(ScorecardList(scorecards=list_scorecards(services(), path.spreadsheet_id)))


@bp.post(
    "/<spreadsheet_id>/scorecards",
    responses=documented({200: ProvisionResult, 201: ProvisionResult}, CALLER, PATH, BODY, SHEETS),
)
def provision_tab(path: SpreadsheetPath, body: ProvisionBody) -> Response:
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
    return reply(result, 201 if result.created else 200)


@bp.post(
    "/<spreadsheet_id>/scorecards/<int:tab_id>/validate",
    responses=documented({200: ValidatedTab}, CALLER, PATH, SHEETS),
)
def validate(path: TabPath) -> Response:
    """Validate every KPI row of a tab and write the verdicts into it."""
    authorize(path.spreadsheet_id)
    return reply(validate_tab(services(), path.spreadsheet_id, path.tab_id).answer())


class NewKpiBody(BaseModel):
    """A KPI definition to add below a tab's KPIs."""

    model_config = _STRICT

    kpi: KpiRow


@bp.post(
    "/<spreadsheet_id>/scorecards/<int:tab_id>/kpis",
    responses=documented({201: AddedKpi}, CALLER, PATH, BODY, SHEETS),
)
def new_kpi(path: TabPath, body: NewKpiBody) -> Response:
    """Add a KPI row below the tab's KPIs and validate the tab, verdicts written."""
    authorize(path.spreadsheet_id)
    return reply(add_kpi(services(), path.spreadsheet_id, path.tab_id, body.kpi), 201)


@bp.post(
    "/<spreadsheet_id>/scorecards/<int:tab_id>/reviewed",
    responses=documented({200: Reviewed}, CALLER, PATH, BODY, SHEETS),
)
def reviewed(path: TabPath, body: ReviewedBody) -> Response:
    """Stamp today's date in "Last reviewed" on the given rows."""
    authorize(path.spreadsheet_id)
    stamped = mark_reviewed(services(), path.spreadsheet_id, path.tab_id, body.rows)
    return reply(Reviewed(stamped=stamped))


@bp.post("/<spreadsheet_id>/sync", responses=documented({200: SyncResult}, CALLER, PATH, SHEETS))
def sync_now(path: SpreadsheetPath) -> Response:
    """Recompute and write trends, flags and verdicts for every scorecard tab."""
    authorize(path.spreadsheet_id)
    return reply(sync(services(), path.spreadsheet_id))


@bp.get("/<spreadsheet_id>/digest", responses=documented({200: Digest}, CALLER, PATH, SHEETS))
def digest_of(path: SpreadsheetPath) -> Response:
    """Per person: KPIs off target, values missing, back on target, and open issues."""
    authorize(path.spreadsheet_id)
    return reply(digest(services(), path.spreadsheet_id))


@bp.get("/<spreadsheet_id>/enrolment", responses=documented({200: Schedule}, CALLER, PATH))
def schedule(path: SpreadsheetPath) -> Response:
    """Whether the spreadsheet syncs on schedule (paused after repeated failures), when it
    last did and when it next will."""
    authorize(path.spreadsheet_id)
    return reply(schedule_of(services(), path.spreadsheet_id))


@bp.post(
    "/<spreadsheet_id>/enrolment",
    responses=documented({200: EnrolmentState}, CALLER, PATH, BODY, SHEETS),
)
def enrol_spreadsheet(path: SpreadsheetPath, body: EnrolmentBody) -> Response:
    """Put the spreadsheet on the scheduled sync (idempotent)."""
    caller = authorize(path.spreadsheet_id)
    state = enrol(
        services(), path.spreadsheet_id, by=caller.email, schedule_minutes=body.schedule_minutes
    )
    return reply(state)


@bp.delete(
    "/<spreadsheet_id>/enrolment", responses=documented({200: EnrolmentState}, CALLER, PATH, SHEETS)
)
def unenrol_spreadsheet(path: SpreadsheetPath) -> Response:
    """Take the spreadsheet off the scheduled sync; its run history stays."""
    authorize(path.spreadsheet_id)
    return reply(unenrol(services(), path.spreadsheet_id))
