"""The digest: per person, what is off target, missing, back on target, and the open issues.

One read and no write: the same scores a sync computes, and the Issues tab as
the manager left it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from service.core.issues import read_issues
from service.core.spreadsheet import ScoredTab, score_spreadsheet
from service.core.team import KpiState
from service.core.trends import Status, status_label
from service.workflows.results import (
    Digest,
    DigestKpi,
    MissingValue,
    OpenIssue,
    PersonDigest,
    RequestsUsed,
)

if TYPE_CHECKING:
    from service.context import Services

__all__ = ["digest"]

_MISSED = (Status.OFF_TARGET, Status.NEAR_TARGET)


def _kpi(state: KpiState) -> DigestKpi:
    return DigestKpi(
        kpi=state.name,
        row=state.row + 1,
        target=state.target,
        latest=state.latest,
        status=status_label(state.status),
        trend=state.trend_text,
    )


def _person(tab: ScoredTab, issues: list[OpenIssue]) -> PersonDigest:
    states = tab.states
    return PersonDigest(
        person=tab.card.identity.person,
        tab_id=tab.card.sheet_id,
        title=tab.card.title,
        role=tab.role.title if tab.role else tab.card.identity.role,
        # Far off first, then near: the order a manager should read them in.
        off_target=tuple(
            _kpi(s)
            for s in sorted(
                (s for s in states if s.status in _MISSED), key=lambda s: _MISSED.index(s.status)
            )
        ),
        missing=tuple(
            MissingValue(kpi=s.name, row=s.row + 1, period=s.missing)
            for s in states
            if s.missing is not None
        ),
        back_on_target=tuple(_kpi(s) for s in states if s.back_on_target),
        open_issues=tuple(issues),
    )


def digest(services: Services, spreadsheet_id: str) -> Digest:
    """The digest of a spreadsheet as of now: 1 read, 0 writes."""
    gateway = services.sheets.gateway()
    snapshot = gateway.read(spreadsheet_id)
    scored = score_spreadsheet(
        snapshot, services.now(), services.catalog.find, services.catalog.context_for
    )
    issues: dict[int, list[OpenIssue]] = {}
    for issue in read_issues(scored.issues):
        if issue.is_open and issue.tab_id is not None:
            issues.setdefault(issue.tab_id, []).append(
                OpenIssue(
                    kpi=issue.kpi,
                    since=issue.since,
                    why=issue.why,
                    status=issue.status,
                    issue_row=issue.row + 1,
                )
            )
    return Digest(
        spreadsheet_id=spreadsheet_id,
        title=snapshot.title,
        as_of=scored.now,
        people=tuple(_person(tab, issues.get(tab.card.sheet_id, [])) for tab in scored.tabs),
        requests=RequestsUsed(reads=gateway.counts.reads, writes=gateway.counts.writes),
    )
