"""Plan the writes of computed cells: only what changed, only service-owned columns."""

from __future__ import annotations

import math
from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict

from service.core.grid import Cell, CellValue, CellWrite, TabSnapshot
from service.core.layout import ComputedColumn, ScorecardTab, column_letter

__all__ = ["NOTICE_MARK", "RowOutput", "plan_outputs", "plan_tab_notice", "split_note"]


class RowOutput(BaseModel):
    """What the service shows for one KPI row, already rendered for people."""

    model_config = ConfigDict(frozen=True)

    latest: float | None = None
    average: float | None = None
    trend: str = ""
    status: str = ""
    flags: str = ""
    flags_note: str = ""
    verdict: str | None = None
    verdict_note: str = ""


def _same(current: Cell, value: CellValue, formula: str | None, note: str | None) -> bool:
    if formula is not None:
        same_content = current.formula == formula
    elif isinstance(value, float) and isinstance(current.value, float | int):
        same_content = current.formula is None and math.isclose(
            value, float(current.value), rel_tol=1e-9, abs_tol=1e-9
        )
    else:
        blank = value in (None, "")
        same_content = current.formula is None and (
            current.is_blank if blank else current.value == value
        )
    return same_content and (note is None or (current.note or "") == note)


def _sparkline(tab: ScorecardTab, row: int) -> str | None:
    """A sparkline over exactly the row's period cells, in date order.

    One block of adjacent columns is one range; otherwise an array literal joins
    the blocks (`{C5,E5:H5}`), so a user's column between periods, the sparkline's
    own cell or any other column is never plotted.
    """
    blocks = tab.period_blocks
    if not blocks:
        return None
    r = row + 1
    parts = [
        f"{column_letter(a)}{r}" if a == b else f"{column_letter(a)}{r}:{column_letter(b)}{r}"
        for a, b in blocks
    ]
    if len(parts) == 1:
        first, last = blocks[0]
        return f"=SPARKLINE({column_letter(first)}{r}:{column_letter(last)}{r})"
    return f"=SPARKLINE({{{','.join(parts)}}})"


def _desired(
    tab: ScorecardTab, row: int, out: RowOutput
) -> list[tuple[ComputedColumn, CellValue, str | None, str | None]]:
    """(column, value, formula, note) for each computed cell of the row; note None = leave."""
    rounded = None if out.average is None else round(out.average, 2)
    cells: list[tuple[ComputedColumn, CellValue, str | None, str | None]] = [
        (ComputedColumn.LATEST, out.latest, None, None),
        (ComputedColumn.AVERAGE, rounded, None, None),
        (ComputedColumn.TREND, out.trend, None, None),
        (ComputedColumn.SPARKLINE, None, _sparkline(tab, row), None),
        (ComputedColumn.STATUS, out.status, None, None),
        (ComputedColumn.FLAGS, out.flags, None, out.flags_note),
    ]
    if out.verdict is not None:
        cells.append((ComputedColumn.VERDICT, out.verdict, None, out.verdict_note))
    return cells


def plan_outputs(
    tab: ScorecardTab, cells: TabSnapshot, outputs: Mapping[int, RowOutput], stamp: str
) -> list[CellWrite]:
    """The cell writes that bring each row's computed cells up to date; [] when none differ.

    The row's "Updated" cell gets `stamp` only when another of its cells changed,
    so an unchanged sheet costs no write at all.
    """
    writes: list[CellWrite] = []
    for row, out in sorted(outputs.items()):
        row_writes = []
        for kind, value, formula, note in _desired(tab, row, out):
            column = tab.computed_columns[kind]
            if _same(cells.cell(row, column), value, formula, note):
                continue
            row_writes.append(
                CellWrite(
                    sheet_id=tab.sheet_id,
                    row=row,
                    column=column,
                    value=value,
                    formula=formula,
                    note=note,
                    write_note=note is not None,
                )
            )
        if row_writes:
            updated = tab.computed_columns[ComputedColumn.UPDATED]
            row_writes.append(
                CellWrite(sheet_id=tab.sheet_id, row=row, column=updated, value=stamp)
            )
        writes.extend(row_writes)
    return writes


# The service's part of a header cell's note starts at this line; what stands above it is
# the manager's and is never changed. A note that starts with `_LEGACY` is wholly ours.
NOTICE_MARK = "── Scorecard ──"
_LEGACY = "⚠ Scorecard could not sync this tab:"


def split_note(note: str) -> tuple[str, str]:
    """A header note's (manager's part, service's part)."""
    if note.startswith(_LEGACY):
        return "", note
    mine, mark, ours = note.partition(NOTICE_MARK)
    if not mark:
        return note, ""
    return mine.rstrip(), ours.strip()


def plan_tab_notice(
    tab_id: int, cells: TabSnapshot, header_row: int, name_column: int, message: str
) -> list[CellWrite]:
    """Put (or clear, with "") the service's message about the whole tab in the KPI header's
    note, below whatever the manager wrote there, which is kept as it is."""
    current = cells.cell(header_row, name_column).note or ""
    mine, ours = split_note(current)
    if ours == message:
        return []
    wanted = "\n\n".join(
        part for part in (mine, f"{NOTICE_MARK}\n{message}" if message else "") if part
    )
    if wanted == current:
        return []
    return [
        CellWrite(
            sheet_id=tab_id,
            row=header_row,
            column=name_column,
            note=wanted or None,
            write_note=True,
            note_only=True,
        )
    ]
