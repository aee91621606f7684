"""Around every workflow's one read: count it, list every tab, find a scorecard tab."""

from __future__ import annotations

from typing import TYPE_CHECKING

from service.core.grid import SpreadsheetSnapshot, TabSnapshot
from service.core.layout import LayoutError, ScorecardTab, identity_of, read_scorecard
from service.errors import (
    Conflict,
    ErrorCode,
    NotFound,
)
from service.sheets.gateway import SheetsGateway
from service.workflows.results import (
    RequestsUsed,
)

if TYPE_CHECKING:
    pass


__all__ = ["requests_used", "scorecard_tab", "with_all_tabs"]


def requests_used(gateway: SheetsGateway) -> RequestsUsed:
    """The Sheets requests this gateway has sent so far."""
    return RequestsUsed(reads=gateway.counts.reads, writes=gateway.counts.writes)


def with_all_tabs(
    snapshot: SpreadsheetSnapshot, listed: SpreadsheetSnapshot
) -> SpreadsheetSnapshot:
    """The read's tabs plus every other tab's id and title (cells not needed)."""
    known = {tab.sheet_id for tab in snapshot.tabs}
    extra = tuple(tab for tab in listed.tabs if tab.sheet_id not in known)
    return snapshot.model_copy(update={"tabs": snapshot.tabs + extra})


def scorecard_tab(snapshot: SpreadsheetSnapshot, tab_id: int) -> tuple[TabSnapshot, ScorecardTab]:
    """The tab with this id and its layout, or the error a manager can act on."""
    cells = snapshot.tab(tab_id)
    if cells is None or identity_of(cells) is None:
        raise NotFound(
            f"No scorecard tab with id {tab_id} in this spreadsheet: "
            "list them with GET .../scorecards.",
            code=ErrorCode.TAB_NOT_FOUND,
        )
    try:
        return cells, read_scorecard(cells, snapshot.locale)
    except LayoutError as error:
        raise Conflict(str(error), code=ErrorCode(error.code)) from error
