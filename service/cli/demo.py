"""The demo: a team spreadsheet on the local backend, from provisioning to flags."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date

from service.cli.digest_text import render_digest
from service.cli.render import cell_text, render_report, render_scorecard, render_table
from service.context import Services
from service.core.grid import CellWrite, SpreadsheetSnapshot
from service.core.issues import ISSUE_HEADERS, IssueColumn, read_issues
from service.core.layout import KpiLine, ScorecardTab, identity_of, read_scorecard
from service.core.models import Direction, KpiRow, ParseError, parse_direction
from service.core.overview import OVERVIEW_HEADERS, OverviewColumn
from service.core.periods import add_cadences, period_start
from service.core.readings import is_percent_unit
from service.core.targets import parse_target
from service.core.team import TeamTab, find_team_tab
from service.errors import InvalidRequest
from service.sheets.emulator import SheetsEmulator
from service.sheets.export import export_xlsx
from service.workflows import digest, provision, sync, validate_tab

__all__ = ["DEMO_ID", "run_demo"]

DEMO_ID = "demo-team"
PAST_PERIODS = 14
TEAM = (
    ("accounting_rep", "Dana Ruiz"),
    ("customer_support", "Sam Lee"),
    ("sales_rep", "Alex Kim"),
    ("marketing_coordinator", "Priya Shah"),
)
_MONEY = ("$", "€", "£")
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


def _typed(value: float, unit: str, period: int) -> str:
    """A value as a person types it: "87.3%" in a % KPI, "$2,812.5" or "2,812.5" for money."""
    if is_percent_unit(unit):
        return f"{value:.10g}%"
    if unit.strip() in _MONEY:
        amount = f"{value:,.2f}".removesuffix(".00")
        return amount if period % 2 else f"{unit.strip()}{amount}"
    return f"{value:.10g}"


def _us_date(day: date) -> str:
    """A date as someone in the demo's en_US spreadsheet types it: month first."""
    return f"{day.month}/{day.day}/{day.year}"


def _fill_values(
    card: ScorecardTab, today: date, rng: random.Random, busy: bool
) -> list[CellWrite]:
    past = [(start, col) for start, col in card.period_columns if start < today]
    typed: list[CellWrite] = []
    for index, line in enumerate(card.lines):
        story = _story(line, index, len(past), rng)
        for period, ((_, column), value) in enumerate(zip(past, story, strict=True)):
            if value is not None:
                text = _typed(value, line.kpi.unit, period)
                typed.append(
                    CellWrite(sheet_id=card.sheet_id, row=line.row, column=column, value=text)
                )
    if busy:  # a manager adds a KPI of their own below the template's
        free_row = max(line.row for line in card.lines) + 1
        fields = BUSY_WORK.model_dump()
        for field, column in card.definition_columns.items():
            if fields[field]:
                typed.append(
                    CellWrite(
                        sheet_id=card.sheet_id, row=free_row, column=column, value=fields[field]
                    )
                )
    return typed


def _reviewed(card: ScorecardTab, today: date, iso: bool) -> list[CellWrite]:
    """Today's date typed in "Last reviewed" of every KPI but the last, as a date."""
    column = card.definition_columns["last_reviewed"]
    text = today.isoformat() if iso else _us_date(today)
    return [
        CellWrite(sheet_id=card.sheet_id, row=line.row, column=column, value=text)
        for line in card.lines[:-1]
    ]


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


def _type_values(services: Services, today: date) -> tuple[int, int, list[int]]:
    """What a team does in a quarter: type numbers, add a KPI, review most of them.

    Everything is typed as text, as people type it (USER_ENTERED, one request), so
    the sheet holds what Google would: "87.3%" is 0.873 with a PERCENT format, a
    date is a serial number with a DATE format.
    """
    gateway = services.sheets.gateway()
    snapshot = gateway.read(DEMO_ID)
    rng = random.Random(7)  # noqa: S311 - the same story on every run, not a secret
    cards = [
        read_scorecard(tab, snapshot.locale)
        for tab in snapshot.tabs
        if identity_of(tab) is not None
    ]
    values = [
        cell
        for number, card in enumerate(cards)
        for cell in _fill_values(card, today, rng, busy=number == 0)
    ]
    reviewed = [
        cell
        for number, card in enumerate(cards[1:])
        for cell in _reviewed(card, today, iso=number % 2 == 0)
    ]
    gateway.type_in(DEMO_ID, values + reviewed, against=snapshot)
    return len(values), len(reviewed), [card.sheet_id for card in cards]


_OVERVIEW_SHOWN = (
    OverviewColumn.PERSON,
    OverviewColumn.KPI,
    OverviewColumn.TARGET,
    OverviewColumn.LATEST,
    OverviewColumn.STATUS,
    OverviewColumn.TREND,
    OverviewColumn.FLAGS,
)
_ISSUES_SHOWN = (IssueColumn.KPI, IssueColumn.PERSON, IssueColumn.SINCE, IssueColumn.STATUS)


def _team_tabs(snapshot: SpreadsheetSnapshot) -> str:
    """The Team overview and Issues tabs as short tables."""
    overview = find_team_tab(snapshot, TeamTab.OVERVIEW)
    issues_tab = find_team_tab(snapshot, TeamTab.ISSUES)
    if overview is None or issues_tab is None:
        return ""
    columns = list(OverviewColumn)
    rows = [
        [cell_text(overview.cell(row, columns.index(kind))) for kind in _OVERVIEW_SHOWN]
        for row in range(1, len(overview.rows))
        if not overview.cell(row, 0).is_blank
    ]
    headers = [OVERVIEW_HEADERS[kind] for kind in _OVERVIEW_SHOWN]
    text = f"{overview.title!r} (attention first):\n{render_table(headers, rows, width=26)}\n\n"
    issues = read_issues(issues_tab)
    text += f"{issues_tab.title!r}: {len(issues)} raised by KPIs that kept missing\n"
    for issue in issues:
        text += f"  row {issue.row + 1}: {issue.kpi} ({issue.person}), since {issue.since}, "
        text += f"{issue.status}\n    why: {issue.why}\n"
    labels = ", ".join(ISSUE_HEADERS[kind] for kind in _ISSUES_SHOWN)
    return text + f"  (columns shown: {labels}; the Status dropdown is the manager's)\n"


def run_demo(services: Services, echo: Callable[[str], None]) -> None:
    """Create, provision, fill, validate, sync, print and export a demo team spreadsheet."""
    emulator = _reset(services)
    today = services.today()
    echo(f"Spreadsheet {DEMO_ID!r} on the local Sheets emulator ({services.settings.data_dir})")
    _provision_team(services, today, echo)
    typed, reviewed, tab_ids = _type_values(services, today)
    echo(
        f"  typed {typed} values and one busy-work KPI as people type them "
        "(87.3%, $2,812.5, 7.8; 1 write, USER_ENTERED)"
    )
    echo(f"  typed today's date in 'Last reviewed' of {reviewed} KPIs on {len(tab_ids) - 1} tabs\n")

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
    echo(_team_tabs(final))
    echo("Monday digest, as the email reads:\n")
    echo(render_digest(digest(services, DEMO_ID)))
    out = services.settings.data_dir / "demo.xlsx"
    export_xlsx(emulator.spreadsheet_json(DEMO_ID), out)
    echo(f"Exported {out}: open it in LibreOffice or Excel.")
