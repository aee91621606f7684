"""Data builders for tests: scorecard spreadsheets of any size on the emulator."""

from __future__ import annotations

import random
from datetime import date

from service.context import Services
from service.core.grid import CellWrite, Change
from service.core.layout import identity_of, read_scorecard
from service.core.periods import add_cadences, period_start
from service.core.provisioning import plan_scorecard_tab
from service.core.templates import TemplateKpi

TODAY = date(2026, 11, 25)


def synthetic_kpi(number: int) -> TemplateKpi:
    """A sound weekly KPI; the number keeps names unique."""
    return TemplateKpi(
        name=f"% of invoices paid within terms (ledger {number})",
        definition="Invoices paid by their due date divided by invoices due, this week",
        business_result="cash collection",
        control="direct",
        unit="%",
        direction="higher",
        target="90",
        cadence="weekly",
        data_source="Accounting system",
        review_forum="Weekly finance review",
    )


def build_scorecards(
    services: Services,
    spreadsheet_id: str,
    *,
    tabs: int,
    kpis: int,
    periods: int,
    seed: int = 3,
) -> None:
    """Add `tabs` accounting scorecards of `kpis` rows with `periods` weekly values each."""
    template = services.catalog.get("accounting_rep")
    gateway = services.sheets.gateway()
    first = add_cadences(period_start(TODAY, template.cadence), -periods, template.cadence)
    for number in range(tabs):
        snapshot = gateway.read(spreadsheet_id)
        person = f"Person {number}"
        _, _, changes = plan_scorecard_tab(
            template,
            person,
            [synthetic_kpi(n).to_row(person) for n in range(kpis)],
            existing=snapshot,
            first_period=first,
            periods=periods,
        )
        gateway.apply(spreadsheet_id, changes, against=snapshot)
    snapshot = gateway.read(spreadsheet_id)
    rng = random.Random(seed)
    values: list[Change] = []
    for tab in snapshot.tabs:
        if identity_of(tab) is None:
            continue
        card = read_scorecard(tab)
        for line in card.lines:
            for start, column in card.period_columns:
                if start < TODAY:
                    values.append(
                        CellWrite(
                            sheet_id=tab.sheet_id,
                            row=line.row,
                            column=column,
                            # A % KPI's cells are PERCENT-formatted: 87% is 0.87.
                            value=round(rng.uniform(80, 100), 1) / 100,
                        )
                    )
    gateway.apply(spreadsheet_id, values, against=snapshot)


TEAM_FIRST_WEEK = date(2026, 9, 28)  # eight closed weeks before TODAY's week
REVIEWED = "2026-11-20"


def team_kpi(name: str, target: str = "90", direction: str = "higher") -> TemplateKpi:
    """A sound weekly KPI with a chosen name and target."""
    fields = synthetic_kpi(0).model_dump(mode="json")
    return TemplateKpi.model_validate(
        {**fields, "name": name, "target": target, "direction": direction}
    )


def build_team(
    services: Services,
    spreadsheet_id: str,
    people: dict[str, dict[str, list[float | None]]],
    *,
    first: date = TEAM_FIRST_WEEK,
    periods: int = 13,
) -> None:
    """One weekly scorecard per person; each KPI (target ≥ 90) gets its values from week one."""
    template = services.catalog.get("accounting_rep")
    gateway = services.sheets.gateway()
    for person, kpis in people.items():
        snapshot = gateway.read(spreadsheet_id)
        rows = [team_kpi(name) for name in kpis]
        _, _, changes = plan_scorecard_tab(
            template, person, rows, existing=snapshot, first_period=first, periods=periods
        )
        gateway.apply(spreadsheet_id, changes, against=snapshot)
    set_values(services, spreadsheet_id, people)


def set_values(
    services: Services, spreadsheet_id: str, people: dict[str, dict[str, list[float | None]]]
) -> None:
    """Type each KPI's values into its period columns, from the first week on, and mark it
    reviewed on REVIEWED."""
    gateway = services.sheets.gateway()
    snapshot = gateway.read(spreadsheet_id)
    writes: list[Change] = []
    for tab in snapshot.tabs:
        identity = identity_of(tab)
        if identity is None or identity.person not in people:
            continue
        card = read_scorecard(tab)
        reviewed = card.definition_columns["last_reviewed"]
        for line in card.lines:
            writes.append(
                CellWrite(sheet_id=tab.sheet_id, row=line.row, column=reviewed, value=REVIEWED)
            )
            values = people[identity.person].get(line.kpi.name, [])
            for (_, column), value in zip(card.period_columns, values, strict=False):
                writes.append(
                    CellWrite(
                        sheet_id=tab.sheet_id,
                        row=line.row,
                        column=column,
                        # The KPIs are in %: their cells are PERCENT-formatted, so 95% is 0.95.
                        value=None if value is None else value / 100,
                    )
                )
    gateway.apply(spreadsheet_id, writes, against=snapshot)
