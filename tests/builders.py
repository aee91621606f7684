"""Data builders for tests: scorecard spreadsheets of any size on the emulator."""

from __future__ import annotations

import random
from datetime import date

from service.context import Services
from service.core.grid import CellWrite, Change
from service.core.layout import read_scorecard
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
    rows = [synthetic_kpi(n) for n in range(kpis)]
    first = add_cadences(period_start(TODAY, template.cadence), -periods, template.cadence)
    for number in range(tabs):
        snapshot = gateway.read(spreadsheet_id)
        _, _, changes = plan_scorecard_tab(
            template,
            f"Person {number}",
            rows,
            existing=snapshot,
            first_period=first,
            periods=periods,
        )
        gateway.apply(spreadsheet_id, changes, against=snapshot)
    snapshot = gateway.read(spreadsheet_id)
    rng = random.Random(seed)
    values: list[Change] = []
    for tab in snapshot.tabs:
        if not tab.tags:
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
