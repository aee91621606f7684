"""Running the `scorecard` command in-process, and reading back what it left in the sheet."""

from __future__ import annotations

from click.testing import CliRunner, Result

from service.cli import main
from service.cli.render import cell_text
from service.context import Services
from service.core.grid import TabSnapshot
from service.core.layout import ComputedColumn, ScorecardTab, read_scorecard

__all__ = [
    "GOOD_KPI",
    "PERSON",
    "ROLE",
    "SID",
    "STATUS_LABELS",
    "TITLE",
    "column",
    "flags",
    "ok",
    "read_tab",
    "refused",
    "run",
]

SID = "team"
ROLE = "accounting_rep"
PERSON = "Dana Ruiz"
TITLE = "Accounting rep — Dana Ruiz"
STATUS_LABELS = {"✓ On target", "✗ Off target", "○ No target", "– No data", "… Too early"}
GOOD_KPI = {
    "--name": "% of invoices paid within terms",
    "--definition": "Invoices paid by their due date divided by invoices due, this week",
    "--owner": PERSON,
    "--business-result": "cash collection",
    "--control": "direct",
    "--unit": "%",
    "--direction": "higher",
    "--target": "90",
    "--cadence": "weekly",
    "--data-source": "Accounting system",
    "--review-forum": "Weekly finance review",
}


def run(services: Services, *args: str) -> Result:
    """Invoke the command group on the test's services (its tmp data dir and fixed clock)."""
    return CliRunner().invoke(main, list(args), obj=services)


def ok(services: Services, *args: str) -> Result:
    """Invoke and insist on exit status 0."""
    result = run(services, *args)
    assert result.exit_code == 0, result.output
    return result


def refused(result: Result, code: str) -> None:
    """Exit 1 with one readable line carrying the error code, and no traceback."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert result.stderr.startswith("Error: ")
    assert f"[{code}]" in result.stderr


def flags(options: dict[str, str]) -> list[str]:
    """Command-line options from a mapping of option to value."""
    return [part for pair in options.items() for part in pair]


def read_tab(services: Services, sid: str, title: str) -> tuple[TabSnapshot, ScorecardTab]:
    """A tab's cells and its scorecard, read back through the gateway."""
    snapshot = services.sheets.gateway().read(sid)
    cells = next(tab for tab in snapshot.tabs if tab.title == title)
    return cells, read_scorecard(cells)


def column(cells: TabSnapshot, card: ScorecardTab, kind: ComputedColumn) -> list[str]:
    """The text of one computed column, one entry per KPI row."""
    index = card.computed_columns[kind]
    return [cell_text(cells.cell(line.row, index)) for line in card.lines]
