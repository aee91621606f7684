"""The "Team overview" tab: one row per person × KPI, what needs attention first.

Each person gets a header line ("Dana Ruiz · Accounting rep · 3 of 6 on
target") and then their KPIs in order of attention: off target and worsening,
off target, near target or worsening, stale, unreviewed or without data, then
the rest; people whose scorecards need the most attention come first. Each
sync rewrites the table whole (people may sort or filter it in between), but a
manager's notes — the Notes column and any cell note in a row — move with the
row's person and KPI.

Beside the table sits the settings block the sync reads (see `team`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from enum import StrEnum

from service.core.grid import (
    AddTab,
    BasicFilter,
    Cell,
    Change,
    ColumnWidth,
    FormatBlock,
    GrowTab,
    NumberFormat,
    ProtectColumns,
    RuleColor,
    SpreadsheetSnapshot,
    TabSnapshot,
    TagTab,
)
from service.core.layout import column_letter
from service.core.models import FlagCode
from service.core.provisioning import GREY, status_colour_rules
from service.core.team import (
    SETTING_LABELS,
    TEAM_KEY,
    KpiState,
    Put,
    TeamSettings,
    TeamTab,
    link_formula,
    plan_cells,
    team_sheet_id,
    team_title,
)
from service.core.trends import Status, TrendDirection, status_label

__all__ = ["OVERVIEW_HEADERS", "OverviewColumn", "attention", "plan_overview", "summary_line"]


class OverviewColumn(StrEnum):
    """The overview table's columns, in sheet order."""

    PERSON = "person"
    ROLE = "role"
    KPI = "kpi"
    TARGET = "target"
    LATEST = "latest"
    STATUS = "status"
    TREND = "trend"
    FLAGS = "flags"
    REVIEWED = "reviewed"
    LINK = "link"
    NOTES = "notes"


OVERVIEW_HEADERS: dict[OverviewColumn, str] = {
    OverviewColumn.PERSON: "Person",
    OverviewColumn.ROLE: "Role",
    OverviewColumn.KPI: "KPI",
    OverviewColumn.TARGET: "Target",
    OverviewColumn.LATEST: "Latest",
    OverviewColumn.STATUS: "Status",
    OverviewColumn.TREND: "Trend",
    OverviewColumn.FLAGS: "Flags",
    OverviewColumn.REVIEWED: "Reviewed",
    OverviewColumn.LINK: "Go to",
    OverviewColumn.NOTES: "Notes",
}
_COLUMNS = list(OverviewColumn)
_AT = {kind: index for index, kind in enumerate(_COLUMNS)}
_WIDTH = len(_COLUMNS)
# The settings block: its labels one column right of a gap after the table.
_SETTINGS_COLUMN = _WIDTH + 1
_SUMMARY = re.compile(r"^\d+ of \d+ on target$")
_MIN_ROWS = 200
_HEADROOM = 50
_WIDTHS = {
    OverviewColumn.PERSON: 150,
    OverviewColumn.KPI: 240,
    OverviewColumn.STATUS: 120,
    OverviewColumn.TREND: 170,
    OverviewColumn.FLAGS: 240,
    OverviewColumn.NOTES: 240,
}


def attention(state: KpiState) -> int:
    """0 needs attention most: off target and worsening; 4 is everything else."""
    missed = state.status is Status.OFF_TARGET
    worsening = state.trend is TrendDirection.WORSENING or state.has(FlagCode.WORSENING)
    if missed and worsening:
        return 0
    if missed:
        return 1
    if state.status is Status.NEAR_TARGET or worsening:
        return 2
    quiet = state.has(FlagCode.STALE, FlagCode.NOT_REVIEWED, FlagCode.BAD_VALUE)
    if quiet or state.status is Status.NO_DATA:
        return 3
    return 4


def summary_line(states: Sequence[KpiState]) -> str:
    """ "3 of 6 on target" for one person's KPIs."""
    met = sum(1 for state in states if state.status is Status.ON_TARGET)
    return f"{met} of {len(states)} on target"


def _groups(states: Sequence[KpiState]) -> list[list[KpiState]]:
    people: dict[int, list[KpiState]] = {}
    for state in states:
        people.setdefault(state.tab_id, []).append(state)
    groups = [sorted(group, key=lambda s: (attention(s), s.position)) for group in people.values()]
    return sorted(
        groups,
        key=lambda g: (
            min((attention(s) for s in g), default=4),
            -sum(1 for s in g if attention(s) <= 1),
            g[0].person.casefold(),
            g[0].tab_id,
        ),
    )


def _key(person: object, kpi: object) -> tuple[str, str]:
    text = str(kpi or "").strip()
    return str(person or "").strip().casefold(), "" if _SUMMARY.match(text) else text.casefold()


def _kept(tab: TabSnapshot | None) -> dict[tuple[str, str], dict[int, Cell]]:
    """What a manager left in each row, keyed by person and KPI: notes and the Notes column."""
    kept: dict[tuple[str, str], dict[int, Cell]] = {}
    if tab is None:
        return kept
    for cells in tab.rows[1:]:
        if not cells or cells[0].value in (None, ""):
            continue
        key = _key(cells[0].value, cells[_AT[OverviewColumn.KPI]].value if len(cells) > 2 else "")
        kept.setdefault(key, dict(enumerate(cells[:_WIDTH])))
    return kept


def _row(state: KpiState) -> dict[OverviewColumn, Put]:
    return {
        OverviewColumn.PERSON: Put(value=state.person),
        OverviewColumn.ROLE: Put(value=state.role),
        # A KPI row without a name still needs a key of its own (and a word for people).
        OverviewColumn.KPI: Put(value=state.name or f"(unnamed, row {state.row + 1})"),
        OverviewColumn.TARGET: Put(value=state.target),
        OverviewColumn.LATEST: Put(value=state.latest),
        OverviewColumn.STATUS: Put(value=status_label(state.status)),
        OverviewColumn.TREND: Put(value=state.trend_text),
        OverviewColumn.FLAGS: Put(value=state.flags_text),
        OverviewColumn.REVIEWED: Put(value=state.reviewed),
        OverviewColumn.LINK: Put(formula=link_formula(state.tab_id, state.row)),
    }


def _header_row(group: Sequence[KpiState]) -> dict[OverviewColumn, Put]:
    first = group[0]
    return {
        OverviewColumn.PERSON: Put(value=first.person),
        OverviewColumn.ROLE: Put(value=first.role),
        OverviewColumn.KPI: Put(value=summary_line(group)),
        OverviewColumn.LINK: Put(formula=link_formula(first.tab_id)),
    }


def _table(states: Sequence[KpiState], tab: TabSnapshot | None) -> dict[tuple[int, int], Put]:
    kept = _kept(tab)
    lines: list[dict[OverviewColumn, Put]] = []
    for group in _groups(states):
        lines.append(_header_row(group))
        lines.extend(_row(state) for state in group)
    wanted: dict[tuple[int, int], Put] = {
        (0, _AT[kind]): Put(value=OVERVIEW_HEADERS[kind]) for kind in _COLUMNS
    }
    for offset, line in enumerate(lines, start=1):
        mine = kept.get(_key(line[OverviewColumn.PERSON].value, line[OverviewColumn.KPI].value), {})
        for kind in _COLUMNS:
            put = line.get(kind, Put())
            old = mine.get(_AT[kind], Cell())
            if kind is OverviewColumn.NOTES:
                put = Put(value=old.value, formula=None)
            wanted[(offset, _AT[kind])] = replace(put, note=old.note or "")
    old_rows = len(tab.rows) if tab is not None else 0
    for row in range(len(lines) + 1, old_rows):
        for column in range(_WIDTH):
            wanted[(row, column)] = Put(note="")
    return wanted


def _settings_cells(settings: TeamSettings) -> dict[tuple[int, int], Put]:
    column = _SETTINGS_COLUMN
    cells = {(0, column): Put(value="Settings"), (0, column + 1): Put(value="Value")}
    values = {
        "issue_misses": float(settings.issue_misses),
        "near_tolerance": settings.near_tolerance,
    }
    for row, (name, label) in enumerate(SETTING_LABELS.items(), start=1):
        cells[(row, column)] = Put(value=label)
        cells[(row, column + 1)] = Put(value=values[name])
    return cells


def _status_rules(sheet_id: int, rows: int) -> list[Change]:
    kpi = f"${column_letter(_AT[OverviewColumn.KPI])}2"
    rules = status_colour_rules(sheet_id, _AT[OverviewColumn.STATUS], rows)
    rules.append(
        RuleColor(
            sheet_id=sheet_id,
            start_row=1,
            end_row=rows,
            start_column=0,
            end_column=_WIDTH,
            formula=f'=REGEXMATCH({kpi},"^[0-9]+ of [0-9]+ on target$")',
            background=GREY,
        )
    )
    return rules


def _new_tab(snapshot: SpreadsheetSnapshot, rows: int) -> tuple[int, list[Change]]:
    sheet_id = team_sheet_id(TeamTab.OVERVIEW, (tab.sheet_id for tab in snapshot.tabs))
    title = team_title(TeamTab.OVERVIEW, (tab.title for tab in snapshot.tabs))
    settings_end = _SETTINGS_COLUMN + 2
    tolerance = _SETTINGS_COLUMN + 1
    changes: list[Change] = [
        AddTab(sheet_id=sheet_id, title=title, rows=rows, columns=settings_end, frozen_rows=1),
        TagTab(sheet_id=sheet_id, key=TEAM_KEY, value=TeamTab.OVERVIEW.value),
        FormatBlock(
            sheet_id=sheet_id, start_row=0, end_row=1, start_column=0, end_column=settings_end,
            bold=True, background=GREY,
        ),
        FormatBlock(
            sheet_id=sheet_id, start_row=2, end_row=3, start_column=tolerance,
            end_column=tolerance + 1, number_format=NumberFormat(type="PERCENT", pattern="0%"),
        ),
        BasicFilter(sheet_id=sheet_id, columns=_WIDTH),
        ProtectColumns(
            sheet_id=sheet_id, start_column=0, end_column=_AT[OverviewColumn.NOTES],
            description="Scorecard rewrites this table on every sync; keep notes in Notes.",
        ),
        *(ColumnWidth(sheet_id=sheet_id, column=_AT[k], pixels=px) for k, px in _WIDTHS.items()),
        ColumnWidth(sheet_id=sheet_id, column=_SETTINGS_COLUMN, pixels=200),
        *_status_rules(sheet_id, rows),
    ]  # fmt: skip
    return sheet_id, changes


def plan_overview(
    snapshot: SpreadsheetSnapshot,
    tab: TabSnapshot | None,
    states: Sequence[KpiState],
    settings: TeamSettings,
) -> list[Change]:
    """The changes that bring the overview up to date (adding the tab when there is none)."""
    needed = 2 + len(states) + len({state.tab_id for state in states})
    changes: list[Change] = []
    if tab is None:
        sheet_id, changes = _new_tab(snapshot, max(_MIN_ROWS, needed + _HEADROOM))
        wanted: Mapping[tuple[int, int], Put] = {
            **_table(states, None),
            **_settings_cells(settings),
        }
    else:
        sheet_id = tab.sheet_id
        if needed > tab.row_count:
            changes.append(GrowTab(sheet_id=sheet_id, rows=needed + _HEADROOM))
        wanted = _table(states, tab)
    return [*changes, *plan_cells(sheet_id, tab, wanted)]
