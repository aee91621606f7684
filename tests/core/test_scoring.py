"""Scoring one row: a KPI is judged at the coarser of its cadence and the tab's columns."""

from __future__ import annotations

from datetime import date

import pytest

from service.core.layout import KpiLine
from service.core.models import Cadence, FlagCode, KpiRow
from service.core.scoring import assess_line
from service.core.trends import PeriodValue

TODAY = date(2026, 11, 25)
MONTHS = [date(2026, month, 1) for month in range(1, 12)]


def _line(cadence: str, starts: list[date]) -> KpiLine:
    kpi = KpiRow(name="Win rate", cadence=cadence, target="25", direction="higher")
    values = tuple(PeriodValue(start=start, value=30.0) for start in starts)
    return KpiLine(row=1, kpi=kpi, values=values)


def test_a_weekly_kpi_on_monthly_columns_is_not_stale() -> None:
    health = assess_line(_line("weekly", MONTHS[:-1]), TODAY, Cadence.MONTHLY)
    assert FlagCode.STALE not in {flag.code for flag in health.flags}
    assert health.status.value == "on target"


def test_a_monthly_kpi_that_stopped_is_stale_on_weekly_columns_too() -> None:
    health = assess_line(_line("monthly", MONTHS[:7]), TODAY, Cadence.WEEKLY)
    assert FlagCode.STALE in {flag.code for flag in health.flags}


@pytest.mark.parametrize("cadence", ["", "yearly"])
def test_an_unreadable_cadence_falls_back_to_the_columns(cadence: str) -> None:
    health = assess_line(_line(cadence, MONTHS[:-1]), TODAY, Cadence.MONTHLY)
    assert health.cadence is Cadence.MONTHLY
