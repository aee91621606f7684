"""The demo: a team spreadsheet on the local backend, from provisioning to flags."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date

from service.cli.render import render_report, render_scorecard
from service.context import Services
from service.core.grid import CellWrite, Change, TabSnapshot
from service.core.layout import KpiLine, identity_of, read_scorecard
from service.core.models import Direction, KpiRow, ParseError, parse_direction, parse_target
from service.core.periods import add_cadences, period_start
from service.core.readings import is_percent_unit
from service.errors import InvalidRequest
from service.sheets.emulator import SheetsEmulator
from service.sheets.export import export_xlsx
from service.workflows import mark_reviewed, provision, sync, validate_tab

__all__ = ["DEMO_ID", "run_demo"]

DEMO_ID = "demo-team"
PAST_PERIODS = 14
TEAM = (
    ("accounting_rep", "Dana Ruiz"),
    ("customer_support", "Sam Lee"),
    ("sales_rep", "Alex Kim"),
)
BUSY_WORK = KpiRow(
    name="Completed weekly checklist",
    definition="Checklist ticked off every Friday",
    owner="Dana Ruiz",
    control="direct",
    unit="yes/no",
    direction="higher",
    target="1",
    cadence="weekly",
    data_source="Checklist doc",
)


def _story(line: KpiLine, index: int, periods: int, rng: random.Random) -> list[float | None]:
    """Values with a plot: the 2nd KPI declines, the 3rd goes stale, the 4th is always green."""
    try:
        target = parse_target(line.kpi.target)
        better_high = parse_direction(line.kpi.direction) is not Direction.LOWER
    except ParseError:
        return [None] * periods
    base = (target.low + target.high) / 2 or 1.0
    step = abs(base) * 0.05 or 0.5
    good = 1 if better_high else -1
    ceiling = 100.0 if line.kpi.unit.strip() == "%" else float("inf")
    values: list[float | None] = []
    for period in range(periods):
        if index == 1:  # slipping a little more every period
            drift = 3.0 - period * 0.7
        elif index == 3:  # a target that is too easy
            drift = 4.0
        else:  # mostly on target, the odd miss
            drift = rng.choice((-0.6, 0.8, 1.2, 1.6, 2.0))
        value = base + good * (drift + rng.uniform(-0.3, 0.3)) * step
        values.append(round(min(max(value, 0.0), ceiling), 1))
    if index == 2:  # nobody has typed this one in for a while
        values[-4:] = [None] * 4
    return values


def _fill_values(tab: TabSnapshot, today: date, rng: random.Random, busy: bool) -> list[Change]:
    scorecard = read_scorecard(tab)
    past = [(start, col) for start, col in scorecard.period_columns if start < today]
    changes: list[Change] = []
    for index, line in enumerate(scorecard.lines):
        # A % KPI's period cells are PERCENT-formatted, as when a person types 87%: 0.87.
        scale = 100 if is_percent_unit(line.kpi.unit) else 1
        for (_, column), value in zip(past, _story(line, index, len(past), rng), strict=True):
            if value is not None:
                changes.append(
                    CellWrite(
                        sheet_id=tab.sheet_id, row=line.row, column=column, value=value / scale
                    )
                )
    if busy:  # a manager adds a KPI of their own below the template's
        free_row = max(line.row for line in scorecard.lines) + 1
        typed = BUSY_WORK.model_dump()
        for field, column in scorecard.definition_columns.items():
            if typed[field]:
                changes.append(
                    CellWrite(
                        sheet_id=tab.sheet_id, row=free_row, column=column, value=typed[field]
                    )
                )
    return changes


def _reset(services: Services) -> SheetsEmulator:
    emulator = services.sheets.emulator
    if emulator is None:
        raise InvalidRequest("The demo runs on the local backend: unset SCORECARD_SHEETS_BACKEND.")
    if DEMO_ID in emulator.spreadsheet_ids():
        emulator.delete_spreadsheet(DEMO_ID)
    emulator.create_spreadsheet("Team scorecards (demo)", spreadsheet_id=DEMO_ID)
    return emulator


def _provision_team(services: Services, today: date, echo: Callable[[str], None]) -> None:
    for role, person in TEAM:
        cadence = services.catalog.get(role).cadence
        first = add_cadences(period_start(today, cadence), -PAST_PERIODS, cadence)
        result = provision(
            services, DEMO_ID, role, person, first_period=first, periods=PAST_PERIODS + 2
        )
        card = result.scorecard
        echo(
            f"  provisioned {card.title!r}: {card.kpis} KPIs, "
            f"{result.requests.reads} read + {result.requests.writes} write"
        )


def _type_values(services: Services, today: date) -> tuple[int, list[int]]:
    """What a team does in a quarter: type numbers, add a KPI, review most of them."""
    gateway = services.sheets.gateway()
    snapshot = gateway.read(DEMO_ID)
    rng = random.Random(7)  # noqa: S311 - the same story on every run, not a secret
    tabs = [tab for tab in snapshot.tabs if identity_of(tab) is not None]
    changes = [
        change
        for number, tab in enumerate(tabs)
        for change in _fill_values(tab, today, rng, busy=number == 0)
    ]
    gateway.apply(DEMO_ID, changes, against=snapshot)
    for tab in tabs[1:]:
        rows = [line.row + 1 for line in read_scorecard(tab).lines]
        mark_reviewed(services, DEMO_ID, tab.sheet_id, rows[:-1])
    return len(changes), [tab.sheet_id for tab in tabs]


def run_demo(services: Services, echo: Callable[[str], None]) -> None:
    """Create, provision, fill, validate, sync, print and export a demo team spreadsheet."""
    emulator = _reset(services)
    today = services.today()
    echo(f"Spreadsheet {DEMO_ID!r} on the local Sheets emulator ({services.settings.data_dir})")
    _provision_team(services, today, echo)
    typed, tab_ids = _type_values(services, today)
    echo(f"  typed {typed} values and one busy-work KPI, as a team would (1 write)")
    echo("  marked most KPIs of two tabs as reviewed today\n")

    checked = validate_tab(services, DEMO_ID, tab_ids[0])
    echo(f"Validation of {checked.title!r}:\n{render_report(checked.report)}\n")

    synced = sync(services, DEMO_ID)
    echo(
        f"Sync: {synced.tabs} tabs, {synced.rows} KPIs, {synced.changed_cells} cells changed, "
        f"{synced.flags} flags; {synced.requests.reads} read + {synced.requests.writes} write"
    )
    again = sync(services, DEMO_ID)
    echo(
        f"Sync again, nothing changed: {again.requests.reads} read + "
        f"{again.requests.writes} writes\n"
    )
    final = services.sheets.gateway().read(DEMO_ID)
    for tab in final.tabs:
        if identity_of(tab) is not None:
            echo(render_scorecard(read_scorecard(tab), tab) + "\n")
    out = services.settings.data_dir / "demo.xlsx"
    export_xlsx(emulator.spreadsheet_json(DEMO_ID), out)
    echo(f"Exported {out}: open it in LibreOffice or Excel.")
