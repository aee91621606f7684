"""What the team tabs share: finding them, their settings, each KPI's state, and cell diffs.

The "Team overview" and "Issues" tabs belong to the service and are found by
their developer metadata, so people may rename or move them. The overview
holds a small settings block (a label, and its value in the cell to its right)
that the sync reads in its one read. Every write to these tabs is a diff
against what was read, so an unchanged spreadsheet costs no write.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from service.core.episodes import DEFAULT_ISSUE_MISSES, Episode, open_episode
from service.core.freshness import last_due_period
from service.core.grid import Cell, CellValue, CellWrite, SpreadsheetSnapshot, TabSnapshot
from service.core.history import Thresholds, build_history
from service.core.layout import ScorecardTab
from service.core.models import Cadence, Flag, FlagCode, ParseError, parse_number
from service.core.scoring import line_terms
from service.core.targets import DEFAULT_NEAR_TOLERANCE
from service.core.trends import KpiHealth, Status, TrendDirection, flags_label, trend_label
from service.core.yardstick import Yardstick

__all__ = [
    "SETTING_LABELS",
    "TEAM_KEY",
    "TEAM_TITLES",
    "KpiState",
    "Put",
    "TeamSettings",
    "TeamTab",
    "find_team_tab",
    "kpi_states",
    "link_formula",
    "plan_cells",
    "read_settings",
    "team_sheet_id",
    "team_title",
]

TEAM_KEY = "scorecard.team"


class TeamTab(StrEnum):
    """The service's team-wide tabs, as their metadata names them."""

    OVERVIEW = "overview"
    ISSUES = "issues"


TEAM_TITLES: dict[TeamTab, str] = {TeamTab.OVERVIEW: "Team overview", TeamTab.ISSUES: "Issues"}


class TeamSettings(BaseModel):
    """The per-spreadsheet settings a manager keeps on the overview tab."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    issue_misses: int = Field(default=DEFAULT_ISSUE_MISSES, ge=1, le=52)
    near_tolerance: float = Field(default=DEFAULT_NEAR_TOLERANCE, ge=0, le=1)

    def thresholds(self) -> Thresholds:
        """The trend and flag thresholds these settings imply."""
        return Thresholds(near_tolerance=self.near_tolerance)


SETTING_LABELS: dict[str, str] = {
    "issue_misses": "Issue after misses in a row",
    "near_tolerance": "Near target within",
}


def find_team_tab(snapshot: SpreadsheetSnapshot, kind: TeamTab) -> TabSnapshot | None:
    """The team tab of this kind, found by its metadata whatever its title or place."""
    return next((tab for tab in snapshot.tabs if tab.tags.get(TEAM_KEY) == kind.value), None)


def _setting_value(name: str, value: CellValue) -> float | None:
    if value is None or isinstance(value, bool) or value == "":
        return None
    try:
        number = parse_number(value)
    except ParseError:
        return None
    if name == "near_tolerance" and number >= 1:
        number /= 100  # "5" means 5 %; a typed "5%" arrives as 0.05
    return number


def read_settings(overview: TabSnapshot | None) -> TeamSettings:
    """Settings read from their labels on the overview; blank or unreadable ones are defaults."""
    if overview is None:
        return TeamSettings()
    wanted = {label.casefold(): name for name, label in SETTING_LABELS.items()}
    found: dict[str, float] = {}
    for row, cells in enumerate(overview.rows):
        for column, cell in enumerate(cells):
            name = wanted.get(str(cell.value).strip().casefold()) if cell.value else None
            if name is None or name in found:
                continue
            number = _setting_value(name, overview.cell(row, column + 1).value)
            if number is not None and math.isfinite(number):
                found[name] = number
    defaults = TeamSettings()
    misses = int(found.get("issue_misses", defaults.issue_misses))
    tolerance = found.get("near_tolerance", defaults.near_tolerance)
    return TeamSettings(
        issue_misses=min(max(misses, 1), 52), near_tolerance=min(max(tolerance, 0.0), 1.0)
    )


class KpiState(BaseModel):
    """One KPI row as the team tabs and the digest see it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    tab_id: int
    tab_title: str
    person: str
    role: str
    row: int
    position: int  # the row's place among its tab's KPIs
    name: str
    owner: str
    target: str
    latest: float | None
    status: Status
    trend: TrendDirection
    trend_text: str
    flags: tuple[Flag, ...]
    flags_text: str
    reviewed: str
    missing: date | None = None  # a closed period past its grace days without a value
    back_on_target: bool = False
    episode: Episode | None = None

    def has(self, *codes: FlagCode) -> bool:
        """Whether any of these flags is raised."""
        return any(flag.code in codes for flag in self.flags)


def kpi_states(
    tab: ScorecardTab,
    healths: Sequence[KpiHealth],
    *,
    role_title: str,
    columns: Cadence,
    today: date,
    settings: TeamSettings,
) -> list[KpiState]:
    """The state of each KPI row of a tab, episodes and missing values included."""
    thresholds = settings.thresholds()
    states: list[KpiState] = []
    for position, (line, health) in enumerate(zip(tab.lines, healths, strict=True)):
        terms = line_terms(line, columns)
        stick = Yardstick.of(terms.target, terms.direction, settings.near_tolerance)
        history = build_history(line.values, terms.cadence, today)
        due = last_due_period(history, thresholds.grace_days)
        has_due = any(point.start == due for point in history.points)
        started = bool(tab.period_columns) and tab.period_columns[0][0] <= (due or date.min)
        previous_missed = health.previous is not None and not stick.meets(health.previous)
        reviewed = (
            terms.last_reviewed.isoformat() if terms.last_reviewed else line.kpi.last_reviewed
        )
        states.append(
            KpiState(
                tab_id=tab.sheet_id,
                tab_title=tab.title,
                person=tab.identity.person,
                role=role_title,
                row=line.row,
                position=position,
                name=line.kpi.name,
                owner=line.kpi.owner,
                target=line.kpi.target,
                latest=health.latest,
                status=health.status,
                trend=health.trend,
                trend_text=trend_label(health),
                flags=health.flags,
                flags_text=flags_label(health.flags),
                reviewed=reviewed,
                missing=due if due is not None and started and not has_due else None,
                back_on_target=health.status is Status.ON_TARGET and previous_missed,
                episode=open_episode(
                    history, stick, thresholds=thresholds, misses=settings.issue_misses
                ),
            )
        )
    return states


def link_formula(sheet_id: int, row: int | None = None) -> str:
    """Our own link to a tab (and a row of it); the label holds no text from people."""
    if row is None:
        return f'=HYPERLINK("#gid={sheet_id}","tab ↗")'
    return f'=HYPERLINK("#gid={sheet_id}&range=A{row + 1}","row {row + 1} ↗")'


@dataclass(frozen=True, slots=True)
class Put:
    """What one service-owned cell should hold; `note=None` leaves the cell's note alone."""

    value: CellValue = None
    formula: str | None = None
    note: str | None = None


BLANK = Put()


def _same(current: Cell, want: Put) -> bool:
    if want.formula is not None:
        same = current.formula == want.formula
    elif isinstance(want.value, float) and isinstance(current.value, float | int):
        same = current.formula is None and math.isclose(want.value, float(current.value))
    elif want.value in (None, ""):
        same = current.is_blank
    else:
        same = current.formula is None and current.value == want.value
    return same and (want.note is None or (current.note or "") == want.note)


def plan_cells(
    sheet_id: int, current: TabSnapshot | None, wanted: Mapping[tuple[int, int], Put]
) -> list[CellWrite]:
    """The writes that make each (row, column) cell hold what is wanted; none for equal cells."""
    writes: list[CellWrite] = []
    for (row, column), want in sorted(wanted.items()):
        cell = current.cell(row, column) if current is not None else Cell()
        if _same(cell, want):
            continue
        writes.append(
            CellWrite(
                sheet_id=sheet_id,
                row=row,
                column=column,
                value=want.value,
                formula=want.formula,
                note=want.note,
                write_note=want.note is not None,
            )
        )
    return writes


def team_sheet_id(kind: TeamTab, taken: Iterable[int]) -> int:
    """A fixed sheet id per kind, so two racing first syncs collide instead of doubling."""
    used = set(taken)
    sheet_id = zlib.crc32(f"scorecard team tab\x00{kind.value}".encode()) & 0x7FFFFFFF or 1
    while sheet_id in used:
        sheet_id = sheet_id % 0x7FFFFFFF + 1
    return sheet_id


def team_title(kind: TeamTab, taken: Iterable[str]) -> str:
    """ "Team overview", or "Team overview (2)" when a tab of that name exists already."""
    used = {title.casefold() for title in taken}
    base = TEAM_TITLES[kind]
    for attempt in range(1, 1000):
        title = base if attempt == 1 else f"{base} ({attempt})"
        if title.casefold() not in used:
            return title
    raise ValueError("no free tab title")  # pragma: no cover - a thousand clashes
