"""Score a whole spreadsheet from its one read, and plan its one write.

`score_spreadsheet` reads the team settings, judges every scorecard tab and
turns each KPI row into a `KpiState`; `plan_sync` turns that into the writes
of a sync: each tab's computed cells (with a pointer to the KPI's issue row in
its Flags note), the Issues tab and the Team overview. The digest reads the
same scores and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from service.core.grid import AddTab, Change, SpreadsheetSnapshot, TabSnapshot
from service.core.issues import issue_key, plan_issues, read_issues
from service.core.layout import LayoutError, ScorecardTab, identity_of, read_scorecard
from service.core.models import Flag, RoleContext
from service.core.overview import plan_overview
from service.core.scoring import (
    Attention,
    TabError,
    assess_tab,
    compute_tab,
    refuse_tab,
    tab_cadence,
)
from service.core.team import (
    KpiState,
    TeamSettings,
    TeamTab,
    find_team_tab,
    kpi_states,
    read_settings,
)
from service.core.templates import Template
from service.core.trends import KpiHealth

__all__ = [
    "ScoredSpreadsheet",
    "ScoredTab",
    "SyncPlan",
    "existing_issue_notes",
    "plan_sync",
    "score_spreadsheet",
]

RoleLookup = Callable[[str], Template | None]
ContextLookup = Callable[[str], RoleContext]


@dataclass(frozen=True, slots=True)
class ScoredTab:
    """One scorecard tab, read and judged."""

    cells: TabSnapshot
    card: ScorecardTab
    role: Template | None
    context: RoleContext | None
    healths: tuple[KpiHealth, ...]
    states: tuple[KpiState, ...]


@dataclass(frozen=True, slots=True)
class ScoredSpreadsheet:
    """Every scorecard tab of a spreadsheet, judged, with the team tabs and settings."""

    snapshot: SpreadsheetSnapshot
    now: datetime
    settings: TeamSettings
    overview: TabSnapshot | None
    issues: TabSnapshot | None
    tabs: tuple[ScoredTab, ...]
    refused: tuple[tuple[TabSnapshot, LayoutError], ...]

    @property
    def states(self) -> list[KpiState]:
        """Every KPI row's state, tab by tab."""
        return [state for tab in self.tabs for state in tab.states]


def score_spreadsheet(
    snapshot: SpreadsheetSnapshot,
    now: datetime,
    find_role: RoleLookup,
    context_for: ContextLookup | None = None,
) -> ScoredSpreadsheet:
    """Judge every scorecard tab found by its metadata; ambiguous tabs are set aside.

    `find_role` gives a tab's template (its cadence and title), `context_for` what the
    validators judge the role with.
    """
    overview = find_team_tab(snapshot, TeamTab.OVERVIEW)
    settings = read_settings(overview)
    thresholds = settings.thresholds()
    today = now.date()
    tabs: list[ScoredTab] = []
    refused: list[tuple[TabSnapshot, LayoutError]] = []
    for cells in snapshot.tabs:
        identity = identity_of(cells)
        if identity is None:
            continue
        role = find_role(identity.role)
        try:
            card = read_scorecard(cells, snapshot.locale)
        except LayoutError as error:
            refused.append((cells, error))
            continue
        healths = assess_tab(card, today, role, thresholds)
        states = kpi_states(
            card,
            healths,
            role_title=role.title if role else identity.role,
            columns=tab_cadence(card, role),
            today=today,
            settings=settings,
        )
        context: RoleContext | None
        if context_for is not None:
            context = context_for(identity.role)
        else:
            context = role.role_context() if role else None
        tabs.append(ScoredTab(cells, card, role, context, healths, tuple(states)))
    return ScoredSpreadsheet(
        snapshot=snapshot,
        now=now,
        settings=settings,
        overview=overview,
        issues=find_team_tab(snapshot, TeamTab.ISSUES),
        tabs=tuple(tabs),
        refused=tuple(refused),
    )


@dataclass(frozen=True, slots=True)
class SyncPlan:
    """The one write of a sync, and what to report about it."""

    changes: list[Change]
    errors: list[TabError]
    flagged: dict[str, list[Flag]] = field(default_factory=dict)
    rows: int = 0
    attention: list[Attention] = field(default_factory=list)
    on_target: int = 0

    @property
    def adds_tabs(self) -> bool:
        """Whether the write adds a tab (whose title may clash with a tab the read left out)."""
        return any(isinstance(change, AddTab) for change in self.changes)


def _issue_note(title: str, row: int, state: KpiState) -> str:
    since = state.episode.since.isoformat() if state.episode else ""
    return f"→ Raised on the {title!r} tab, row {row} (off track since {since})."


def existing_issue_notes(scored: ScoredSpreadsheet, tab: ScoredTab) -> dict[int, str]:
    """The Flags-note pointer of each row of `tab` whose open episode has an issue row already.

    What a sync wrote, so validating one tab keeps the pointers without adding issues.
    """
    if scored.issues is None:
        return {}
    rows = {issue.key: issue.row + 1 for issue in read_issues(scored.issues)}
    return {
        state.row: _issue_note(scored.issues.title, rows[key], state)
        for state in tab.states
        if state.episode is not None and (key := issue_key(state, state.episode)) in rows
    }


def plan_sync(scored: ScoredSpreadsheet) -> SyncPlan:
    """Every write of a sync: the scorecard tabs, then the Issues tab and the Team overview."""
    changes: list[Change] = []
    errors: list[TabError] = []
    for cells, error in scored.refused:
        problem, notice = refuse_tab(cells, error)
        errors.append(problem)
        changes += notice
    if not scored.tabs:
        return SyncPlan(changes=changes, errors=errors)
    states = scored.states
    issues = plan_issues(scored.snapshot, scored.issues, states)
    flagged: dict[str, list[Flag]] = {}
    attention: list[Attention] = []
    rows = on_target = 0
    for tab in scored.tabs:
        notes = {
            state.row: _issue_note(issues.title, issues.rows[(state.tab_id, state.row)], state)
            for state in tab.states
            if (state.tab_id, state.row) in issues.rows
        }
        work = compute_tab(
            tab.card,
            tab.cells,
            scored.now,
            tab.role,
            tab.context,
            trends=True,
            healths=tab.healths,
            notes=notes,
        )
        changes += work.changes
        rows += work.rows
        on_target += work.on_target
        attention += work.attention
        flagged.update({f"{tab.cells.title} / {k}": v for k, v in work.flags.items()})
    changes += issues.changes
    changes += plan_overview(scored.snapshot, scored.overview, states, scored.settings)
    return SyncPlan(
        changes=changes,
        errors=errors,
        flagged=flagged,
        rows=rows,
        attention=attention,
        on_target=on_target,
    )
