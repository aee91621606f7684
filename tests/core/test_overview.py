"""The overview plan: attention order, summary lines, and a grid that grows when it must."""

from __future__ import annotations

from service.core.grid import GrowTab, SpreadsheetSnapshot, TabSnapshot
from service.core.models import Flag, FlagCode, FlagLevel
from service.core.overview import attention, plan_overview, summary_line
from service.core.team import TEAM_KEY, KpiState, TeamSettings, TeamTab
from service.core.trends import Status, TrendDirection
from service.sheets.gateway import check_changes

STALE = Flag(code=FlagCode.STALE, level=FlagLevel.WATCH, reason="r", fix="f")


def _state(status: Status, trend: TrendDirection = TrendDirection.FLAT, *flags: Flag) -> KpiState:
    return KpiState(
        tab_id=7, tab_title="Rep — Ann", person="Ann", role="Rep", row=1, position=0,
        name="KPI", owner="Ann", target="≥ 90", latest=1.0, status=status, trend=trend,
        trend_text="", flags=tuple(flags), flags_text="", reviewed="",
    )  # fmt: skip


def test_attention_order() -> None:
    ranks = [
        attention(_state(Status.OFF_TARGET, TrendDirection.WORSENING)),
        attention(_state(Status.OFF_TARGET)),
        attention(_state(Status.NEAR_TARGET)),
        attention(_state(Status.ON_TARGET, TrendDirection.FLAT, STALE)),
        attention(_state(Status.ON_TARGET)),
    ]
    assert ranks == [0, 1, 2, 3, 4]


def test_summary_line() -> None:
    states = [_state(Status.ON_TARGET), _state(Status.NEAR_TARGET), _state(Status.ON_TARGET)]
    assert summary_line(states) == "2 of 3 on target"


def test_the_overview_grows_before_writing_past_its_grid() -> None:
    tab = TabSnapshot(
        sheet_id=9, title="Team overview", row_count=5, column_count=14,
        tags={TEAM_KEY: TeamTab.OVERVIEW.value},
    )  # fmt: skip
    snapshot = SpreadsheetSnapshot(spreadsheet_id="s", title="s", tabs=(tab,))
    states = [
        _state(Status.ON_TARGET).model_copy(update={"row": row, "name": f"K{row}"})
        for row in range(1, 11)
    ]
    changes = plan_overview(snapshot, tab, states, TeamSettings())
    grows = [change for change in changes if isinstance(change, GrowTab)]
    assert grows == [GrowTab(sheet_id=9, rows=63)]
    check_changes(changes, snapshot)  # every write lands inside the grown grid
