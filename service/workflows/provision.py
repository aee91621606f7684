"""Provision: find or add a person's scorecard tab in one read and at most one write."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from service.core.grid import Change, SpreadsheetSnapshot, TabSnapshot
from service.core.layout import LayoutError, identity_of, read_scorecard
from service.core.models import KpiRow
from service.core.periods import period_start
from service.core.provisioning import clean_person, plan_scorecard_tab
from service.core.templates import Template, TemplateError
from service.errors import (
    ErrorCode,
    InvalidRequest,
    NotFound,
    Unavailable,
    UpstreamError,
    ValidationFailed,
)
from service.settings import SheetsBackend
from service.workflows.results import (
    CreatedSpreadsheet,
    ProvisionResult,
    ScorecardSummary,
)

if TYPE_CHECKING:
    from service.context import Services
from service.workflows.snapshots import requests_used, with_all_tabs
from validators import RoleUsed

__all__ = ["create_spreadsheet", "list_scorecards", "provision"]

log = logging.getLogger("service.workflows.provision")


def _summary(tab: TabSnapshot, locale: str) -> ScorecardSummary | None:
    identity = identity_of(tab)
    if identity is None:
        return None
    try:
        kpis = len(read_scorecard(tab, locale).lines)
    except LayoutError:
        kpis = 0
    return ScorecardSummary(
        tab_id=tab.sheet_id,
        title=tab.title,
        role=identity.role,
        person=identity.person,
        template_version=identity.template_version,
        kpis=kpis,
    )


def _summaries(snapshot: SpreadsheetSnapshot) -> list[ScorecardSummary]:
    return [s for tab in snapshot.tabs if (s := _summary(tab, snapshot.locale)) is not None]


def list_scorecards(services: Services, spreadsheet_id: str) -> list[ScorecardSummary]:
    """The scorecard tabs of a spreadsheet, found by their metadata (renames don't matter)."""
    return _summaries(services.sheets.gateway().read(spreadsheet_id))


def create_spreadsheet(services: Services, title: str) -> CreatedSpreadsheet:
    """Create an empty spreadsheet on the local backend; on Google, people create their own."""
    if services.settings.sheets_backend is not SheetsBackend.LOCAL:
        raise NotFound(
            "Create spreadsheets in Google Sheets, then share them with Scorecard.",
            code=ErrorCode.NOT_AVAILABLE,
        )
    spreadsheet_id = services.sheets.gateway().create(title)
    return CreatedSpreadsheet(spreadsheet_id=spreadsheet_id, title=title)


def _clean_person(person: str) -> str:
    cleaned = clean_person(person)
    if not cleaned:
        raise ValidationFailed(
            "Say whose scorecard this is: `person` is blank.",
            fields={"person": "blank"},
        )
    return cleaned


def _existing(snapshot: SpreadsheetSnapshot, role: str, person: str) -> ScorecardSummary | None:
    for summary in _summaries(snapshot):
        if summary.role == role and summary.person.casefold() == person.casefold():
            return summary
    return None


def provision(
    services: Services,
    spreadsheet_id: str,
    role: str,
    person: str,
    *,
    kpis: Sequence[str] | None = None,
    periods: int = 13,
    first_period: date | None = None,
    enrolled_by: str | None = None,
) -> ProvisionResult:
    """Add a scorecard tab for role and person in one write, or return the one that exists.

    With `enrolled_by`, the spreadsheet is also put on the sync schedule once the tab exists.
    """
    person = _clean_person(person)
    # A role no template matches gets a general template, and the answer says so.
    template = services.catalog.get(role)
    try:
        rows = template.rows_for(kpis, person)
    except TemplateError as error:
        raise ValidationFailed(error.message, fields={"kpis": error.message}) from error
    result = _provision_tab(
        services,
        spreadsheet_id,
        template,
        person,
        rows,
        services.catalog.role_used(role),
        periods=periods,
        first_period=first_period,
    )
    if enrolled_by is not None:
        services.registry.enrol(
            spreadsheet_id,
            by=enrolled_by,
            schedule_minutes=services.settings.default_schedule_minutes,
            now=services.now(),
        )
    return result


def _provision_tab(
    services: Services,
    spreadsheet_id: str,
    template: Template,
    person: str,
    rows: Sequence[KpiRow],
    used: RoleUsed,
    *,
    periods: int,
    first_period: date | None,
) -> ProvisionResult:
    gateway = services.sheets.gateway()
    snapshot = gateway.read(spreadsheet_id)
    existing = _existing(snapshot, template.role, person)
    if existing is not None:
        return ProvisionResult(
            scorecard=existing, created=False, requests=requests_used(gateway), role=used
        )
    start = first_period or period_start(services.today(), template.cadence)

    def plan(existing: SpreadsheetSnapshot) -> tuple[int, str, list[Change]]:
        return plan_scorecard_tab(
            template, person, rows, existing=existing, first_period=start, periods=periods
        )

    sheet_id, title, changes = plan(snapshot)
    try:
        gateway.apply(spreadsheet_id, changes, against=snapshot)
    except InvalidRequest as error:
        # Either a racing request added the same tab first (its sheet id is ours, so
        # our batch failed whole: answer with the tab it made), our answer was lost and
        # our retry was refused because our own first attempt had committed, or a tab
        # the read did not select (not a scorecard) holds our title or id: plan around
        # every tab.
        again = gateway.read(spreadsheet_id)
        found = _existing(again, template.role, person)
        if found is not None:
            # A lost answer with our tab there now means this call made it.
            ours = gateway.counts.uncertain_writes > 0 and found.tab_id == sheet_id
            log.info("provision of %s/%s settled after %s", spreadsheet_id, title, error.code)
            return ProvisionResult(
                scorecard=found, created=ours, requests=requests_used(gateway), role=used
            )
        every = with_all_tabs(again, gateway.read_tab_list(spreadsheet_id))
        sheet_id, title, changes = plan(every)
        gateway.apply(spreadsheet_id, changes, against=every)
    except (Unavailable, UpstreamError) as error:
        # The answer never came: the write may have committed. Our tab there with our
        # sheet id means this call made it.
        found = _existing(gateway.read(spreadsheet_id), template.role, person)
        if found is None or found.tab_id != sheet_id:
            raise
        log.info("provision of %s/%s answered after %s", spreadsheet_id, title, error.code)
        return ProvisionResult(
            scorecard=found, created=True, requests=requests_used(gateway), role=used
        )
    summary = ScorecardSummary(
        tab_id=sheet_id,
        title=title,
        role=template.role,
        person=person,
        template_version=template.version,
        kpis=len(rows),
    )
    return ProvisionResult(
        scorecard=summary, created=True, requests=requests_used(gateway), role=used
    )
