"""The "Issues" tab: one row per off-track episode, for the team's weekly discussion.

A KPI whose episode opens (see `episodes`) gets one row: KPI, owner, person,
since (the period its misses began), why (the flag's reason), a link to its
row, a Status the manager owns (Open / Discussing / Solved) and Notes. Rows are
found by their Key column (tab, KPI and the episode's first period), so people
may sort the tab, and a second sync never adds the row again. While the
episode lasts the service keeps its own cells current; the manager's cells are
written once, when the row is added, and never again. A solved issue stays
solved; a new row appears only for a new episode.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from service.core.episodes import Episode
from service.core.grid import (
    AddTab,
    BasicFilter,
    Change,
    ColumnWidth,
    Dropdown,
    FormatBlock,
    GrowTab,
    ProtectColumns,
    RuleColor,
    SpreadsheetSnapshot,
    TabSnapshot,
    TagTab,
)
from service.core.layout import column_letter
from service.core.provisioning import GREY, MET, MISSED, YELLOW
from service.core.team import (
    TEAM_KEY,
    KpiState,
    Put,
    TeamTab,
    link_formula,
    plan_cells,
    team_sheet_id,
    team_title,
)

__all__ = [
    "ISSUE_HEADERS",
    "IssueColumn",
    "IssueRow",
    "IssueStatus",
    "IssuesPlan",
    "issue_key",
    "plan_issues",
    "read_issues",
]


class IssueColumn(StrEnum):
    """The Issues tab's columns, in sheet order."""

    KPI = "kpi"
    OWNER = "owner"
    PERSON = "person"
    SINCE = "since"
    WHY = "why"
    LINK = "link"
    STATUS = "status"
    NOTES = "notes"
    KEY = "key"


class IssueStatus(StrEnum):
    """Where the team is with an issue: the manager's to set."""

    OPEN = "Open"
    DISCUSSING = "Discussing"
    SOLVED = "Solved"


ISSUE_HEADERS: dict[IssueColumn, str] = {
    IssueColumn.KPI: "KPI",
    IssueColumn.OWNER: "Owner",
    IssueColumn.PERSON: "Person",
    IssueColumn.SINCE: "Since",
    IssueColumn.WHY: "Why",
    IssueColumn.LINK: "Go to",
    IssueColumn.STATUS: "Status",
    IssueColumn.NOTES: "Notes",
    IssueColumn.KEY: "Key",
}
_COLUMNS = list(IssueColumn)
_AT = {kind: index for index, kind in enumerate(_COLUMNS)}
_SERVICE = (
    IssueColumn.KPI,
    IssueColumn.OWNER,
    IssueColumn.PERSON,
    IssueColumn.SINCE,
    IssueColumn.WHY,
    IssueColumn.LINK,
    IssueColumn.KEY,
)
_MIN_ROWS = 200
_HEADROOM = 50
_WIDTHS = {IssueColumn.KPI: 240, IssueColumn.WHY: 360, IssueColumn.NOTES: 240, IssueColumn.KEY: 80}


class IssueRow(BaseModel):
    """An issue row as read from the tab."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    row: int
    key: str
    tab_id: int | None
    kpi: str
    person: str
    since: str
    why: str
    status: str

    @property
    def is_open(self) -> bool:
        """Not marked Solved by the manager."""
        return self.status.strip().casefold() != IssueStatus.SOLVED.value.casefold()


class IssuesPlan(BaseModel):
    """The Issues tab's changes, and the issue row (1-based) of each KPI with an open episode."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    changes: list[Change]
    title: str
    rows: dict[tuple[int, int], int]  # (scorecard tab id, KPI row) → issue sheet row


def issue_key(state: KpiState, episode: Episode) -> str:
    """The stable name of a KPI's episode: tab id, KPI name and the episode's first period."""
    return f"{state.tab_id}:{state.name.strip().casefold()}:{episode.since.isoformat()}"


def _text(tab: TabSnapshot, row: int, column: IssueColumn) -> str:
    value = tab.cell(row, _AT[column]).value
    return "" if value is None else str(value).strip()


def read_issues(tab: TabSnapshot | None) -> list[IssueRow]:
    """Every row of the Issues tab that carries a key, in sheet order."""
    if tab is None:
        return []
    found: list[IssueRow] = []
    for row in range(1, len(tab.rows)):
        key = _text(tab, row, IssueColumn.KEY)
        if not key:
            continue
        head = key.split(":", 1)[0]
        found.append(
            IssueRow(
                row=row,
                key=key,
                tab_id=int(head) if head.isdigit() else None,
                kpi=_text(tab, row, IssueColumn.KPI),
                person=_text(tab, row, IssueColumn.PERSON),
                since=_text(tab, row, IssueColumn.SINCE),
                why=_text(tab, row, IssueColumn.WHY),
                status=_text(tab, row, IssueColumn.STATUS),
            )
        )
    return found


def _service_cells(state: KpiState, episode: Episode) -> dict[IssueColumn, Put]:
    return {
        IssueColumn.KPI: Put(value=state.name),
        IssueColumn.OWNER: Put(value=state.owner),
        IssueColumn.PERSON: Put(value=state.person),
        IssueColumn.SINCE: Put(value=episode.since.isoformat()),
        IssueColumn.WHY: Put(value=episode.why),
        IssueColumn.LINK: Put(formula=link_formula(state.tab_id, state.row)),
        IssueColumn.KEY: Put(value=issue_key(state, episode)),
    }


def _last_used_row(tab: TabSnapshot | None) -> int:
    if tab is None:
        return 0
    used = [
        row
        for row, cells in enumerate(tab.rows)
        if any(not cell.is_blank for cell in cells[: len(_COLUMNS)])
    ]
    return max(used, default=0)


def _colour_rules(sheet_id: int, rows: int) -> list[Change]:
    status = _AT[IssueColumn.STATUS]
    cell = f"{column_letter(status)}2"
    return [
        RuleColor(
            sheet_id=sheet_id, start_row=1, end_row=rows, start_column=status,
            end_column=status + 1, formula=f'=LOWER({cell})="{word.value.lower()}"',
            background=colour,
        )
        for word, colour in (
            (IssueStatus.OPEN, MISSED),
            (IssueStatus.DISCUSSING, YELLOW),
            (IssueStatus.SOLVED, MET),
        )
    ]  # fmt: skip


def _new_tab(snapshot: SpreadsheetSnapshot, rows: int) -> tuple[int, str, list[Change]]:
    sheet_id = team_sheet_id(TeamTab.ISSUES, (tab.sheet_id for tab in snapshot.tabs))
    title = team_title(TeamTab.ISSUES, (tab.title for tab in snapshot.tabs))
    width = len(_COLUMNS)
    status = _AT[IssueColumn.STATUS]
    changes: list[Change] = [
        AddTab(sheet_id=sheet_id, title=title, rows=rows, columns=width, frozen_rows=1),
        TagTab(sheet_id=sheet_id, key=TEAM_KEY, value=TeamTab.ISSUES.value),
        FormatBlock(
            sheet_id=sheet_id, start_row=0, end_row=1, start_column=0, end_column=width,
            bold=True, background=GREY,
        ),
        FormatBlock(
            sheet_id=sheet_id, start_row=1, end_row=rows, start_column=_AT[IssueColumn.WHY],
            end_column=_AT[IssueColumn.WHY] + 1, wrap=True,
        ),
        BasicFilter(sheet_id=sheet_id, columns=width),
        ProtectColumns(
            sheet_id=sheet_id, start_column=0, end_column=status,
            description="Scorecard keeps these cells current while an issue lasts.",
        ),
        *(ColumnWidth(sheet_id=sheet_id, column=_AT[k], pixels=px) for k, px in _WIDTHS.items()),
        *_colour_rules(sheet_id, rows),
    ]  # fmt: skip
    return sheet_id, title, changes


def plan_issues(
    snapshot: SpreadsheetSnapshot, tab: TabSnapshot | None, states: Sequence[KpiState]
) -> IssuesPlan:
    """Add a row for each new episode and keep open episodes' service cells current.

    With no Issues tab yet, the tab is added (empty when nothing is off track).
    """
    episodes = [(state, state.episode) for state in states if state.episode is not None]
    existing = {issue.key: issue.row for issue in read_issues(tab)}
    fresh = [state for state, episode in episodes if issue_key(state, episode) not in existing]
    changes: list[Change] = []
    first_new = next_row = _last_used_row(tab) + 1
    needed = next_row + len(fresh)
    if tab is None:
        sheet_id, title, changes = _new_tab(snapshot, max(_MIN_ROWS, needed + _HEADROOM))
    else:
        sheet_id, title = tab.sheet_id, tab.title
        if needed > tab.row_count:
            changes.append(GrowTab(sheet_id=sheet_id, rows=needed + _HEADROOM))
    wanted: dict[tuple[int, int], Put] = {}
    if tab is None:
        wanted.update({(0, _AT[kind]): Put(value=ISSUE_HEADERS[kind]) for kind in _COLUMNS})
    rows: dict[tuple[int, int], int] = {}
    for state, episode in episodes:
        row = existing.get(issue_key(state, episode))
        if row is None:
            row, next_row = next_row, next_row + 1
            wanted[(row, _AT[IssueColumn.STATUS])] = Put(value=IssueStatus.OPEN.value)
            existing[issue_key(state, episode)] = row
        for kind, put in _service_cells(state, episode).items():
            wanted[(row, _AT[kind])] = put
        rows[(state.tab_id, state.row)] = row + 1
    if next_row > first_new:
        changes.append(
            Dropdown(
                sheet_id=sheet_id,
                column=_AT[IssueColumn.STATUS],
                start_row=first_new,
                end_row=next_row,
                options=tuple(status.value for status in IssueStatus),
            )
        )
    return IssuesPlan(
        changes=[*changes, *plan_cells(sheet_id, tab, wanted)], title=title, rows=rows
    )
