"""Data builders for validator tests: a good KPI row, changed one field at a time."""

from __future__ import annotations

from typing import Any

from service.core.models import KpiRow

GOOD: dict[str, str] = {
    "name": "% of invoices paid within terms",
    "definition": "Invoices paid by their due date / invoices due in the month",
    "owner": "Priya Shah",
    "business_result": "Cash",
    "control": "direct",
    "unit": "%",
    "direction": "higher",
    "target": "90",
    "cadence": "monthly",
    "data_source": "Xero aged receivables report",
    "review_forum": "Monthly finance review",
    "last_reviewed": "2026-10-31",
}


def kpi(**fields: Any) -> KpiRow:
    """A good KPI row with `fields` changed."""
    return KpiRow(**{**GOOD, **fields})
