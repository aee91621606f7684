"""Plain-text renderings of tabs and reports for the command line."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from service.core.grid import Cell, TabSnapshot
from service.core.layout import COMPUTED_HEADERS, ComputedColumn, ScorecardTab
from validators import ValidationReport

__all__ = [
    "cell_text",
    "csv_text",
    "json_cell",
    "render_grid",
    "render_json",
    "render_report",
    "render_scorecard",
    "render_table",
]


def cell_text(cell: Cell) -> str:
    """What a person would read in the cell (formulas shown as typed)."""
    if cell.formula is not None:
        return cell.formula
    if cell.value is None:
        return ""
    if isinstance(cell.value, float):
        return str(int(cell.value)) if cell.value.is_integer() else f"{cell.value:.4g}"
    return str(cell.value)


def render_table(headers: Sequence[str], rows: Sequence[Sequence[str]], width: int = 28) -> str:
    """A fixed-width text table; long cells are shortened with an ellipsis."""

    def clip(text: str) -> str:
        text = " ".join(text.split())
        return text if len(text) <= width else text[: width - 1] + "…"

    clipped = [[clip(h) for h in headers]] + [[clip(c) for c in row] for row in rows]
    widths = [
        max(len(row[i]) if i < len(row) else 0 for row in clipped) for i in range(len(headers))
    ]
    lines = []
    for number, row in enumerate(clipped):
        padded = [(row[i] if i < len(row) else "").ljust(widths[i]) for i in range(len(widths))]
        lines.append("  ".join(padded).rstrip())
        if number == 0:
            lines.append("  ".join("─" * w for w in widths))
    return "\n".join(lines)


def _trimmed(tab: TabSnapshot) -> list[list[Cell]]:
    """The tab's cells without the blank rows and columns at its end."""
    rows = [list(row) for row in tab.rows]
    while rows and not any(cell_text(c) for c in rows[-1]):
        rows.pop()
    width = max((i + 1 for row in rows for i, c in enumerate(row) if cell_text(c)), default=0)
    blank = Cell()
    return [(row + [blank] * width)[:width] for row in rows]


def _text_rows(tab: TabSnapshot) -> list[list[str]]:
    """The tab's cells as text, without the blank rows and columns at its end."""
    return [[cell_text(c) for c in row] for row in _trimmed(tab)]


# A spreadsheet program opening a CSV runs text that starts with these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(cell: Cell) -> str:
    """A cell for CSV: text (and formulas) that would run as a formula get a leading `'`."""
    text = cell_text(cell)
    is_number = cell.formula is None and isinstance(cell.value, int | float)
    if not is_number and text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def json_cell(cell: Cell) -> str | dict[str, str]:
    """A cell for JSON: its text, or `{"formula": ...}` so a formula is never taken for text."""
    if cell.formula is not None:
        return {"formula": cell.formula}
    return cell_text(cell)


def render_json(tabs: Sequence[TabSnapshot]) -> str:
    """Tabs as one JSON document: a list of {"title", "rows"}; formulas are {"formula": ...}."""
    body = [
        {"title": tab.title, "rows": [[json_cell(c) for c in row] for row in _trimmed(tab)]}
        for tab in tabs
    ]
    return json.dumps(body, ensure_ascii=False, indent=2)


def render_grid(tab: TabSnapshot, fmt: str) -> str:
    """A whole tab as a table or CSV (formula-looking text neutralised, see `csv_text`)."""
    if fmt == "csv":
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(
            [[csv_text(c) for c in row] for row in _trimmed(tab)]
        )
        return out.getvalue().rstrip("\n")
    rows = _text_rows(tab)
    if not rows:
        return f"{tab.title}: (empty)"
    return render_table(rows[0], rows[1:], width=18)


_SHOWN = (
    ComputedColumn.LATEST,
    ComputedColumn.TREND,
    ComputedColumn.STATUS,
    ComputedColumn.FLAGS,
    ComputedColumn.VERDICT,
)


def render_scorecard(tab: ScorecardTab, cells: TabSnapshot) -> str:
    """A scorecard's KPIs with the service's columns, as a manager would scan them."""
    headers = ["KPI", "Target", *(COMPUTED_HEADERS[k] for k in _SHOWN)]
    target_column = tab.definition_columns.get("target")
    rows = []
    for line in tab.lines:
        target = "" if target_column is None else cell_text(cells.cell(line.row, target_column))
        computed = [cell_text(cells.cell(line.row, tab.computed_columns[k])) for k in _SHOWN]
        rows.append([line.kpi.name, target, *computed])
    return f"{tab.title}\n" + render_table(headers, rows, width=34)


def render_report(report: ValidationReport, names: Sequence[str] | None = None) -> str:
    """A validation report as readable lines: verdict per KPI, then findings with fixes."""
    lines: list[str] = []
    for result in report.results:
        name = result.name or (names[result.index] if names else f"row {result.index + 1}")
        lines.append(f"{result.summary()}  {name}")
        for criterion, outcome in result.criteria.items():
            for finding in outcome.findings:
                mark = "✗" if finding.severity == "fail" else "!"
                lines.append(f"    {mark} [{criterion.value}] {finding.message}")
                lines.append(f"      → {finding.suggestion}")
    for finding in report.scorecard.findings:
        lines.append(f"! scorecard: {finding.message}\n      → {finding.suggestion}")
    if report.role is not None:
        lines.append(f"role: {report.role.note}")
    return "\n".join(lines)
