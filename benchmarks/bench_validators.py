"""Validate 10,000 KPI definitions in-process on one core; print rows/second.

Run: .venv/bin/python -m benchmarks.bench_validators
Goal: under one second for 10,000 rows. The rows mix good KPIs, busy work,
group owners and broken fields, with varied wording so caches do not see the
same text every time.
"""

from __future__ import annotations

import random
import time

from service.core.models import KpiRow
from validators import general_context, validate_kpi, validate_scorecard

ROWS = 10_000
SCORECARD_SIZE = 8

NAMES = (
    "DSO", "% AR > 60 days past due", "% of statements sent by business day {n}",
    "Invoices paid within terms", "Completed weekly checklist", "Hours worked",
    "Win rate", "Calls made", "Discovery meetings held", "Quota attainment",
    "CSAT", "First response time", "Tickets touched", "Tickets resolved within {n} hours",
    "OTIF", "Order cycle time", "Vendor meetings held", "Net profit", "Cost per lead",
    "Posts published", "Lines of code written", "Change failure rate on service {n}",
    "Improve customer satisfaction", "Story points per sprint", "Total followers",
)  # fmt: skip
OWNERS = ("Priya Shah", "Marco Diaz", "Sales team", "", "Ann and Bob", "Sam Okafor {n}")
RESULTS = ("Cash", "Revenue", "Customer retention", "", "Keep the boss happy", "Quality")
UNITS = ("%", "days", "count", "$", "Y/N", "")
TARGETS = ("95", "≤ 10%", "90–100", "TBD", "", "1,200", "{n}")
CADENCES = ("weekly", "monthly", "quarterly", "daily", "yearly", "")
SOURCES = ("Xero", "HubSpot CRM", "Zendesk", "", "gut feel")
FORUMS = ("Weekly team meeting", "Monthly review", "", "n/a")


def _pick(rng: random.Random, options: tuple[str, ...]) -> str:
    return rng.choice(options).replace("{n}", str(rng.randint(1, 60)))


def make_rows(count: int, seed: int = 7) -> list[KpiRow]:
    """`count` varied KPI rows, the same ones for a given seed."""
    rng = random.Random(seed)
    rows = []
    for _ in range(count):
        name = _pick(rng, NAMES)
        rows.append(
            KpiRow(
                name=name,
                definition=f"{name} for period {rng.randint(1, 12)}, from the system report",
                owner=_pick(rng, OWNERS),
                business_result=rng.choice(RESULTS),
                control=rng.choice(("direct", "shared", "none", "")),
                unit=rng.choice(UNITS),
                direction=rng.choice(("higher", "lower", "in range", "")),
                target=_pick(rng, TARGETS),
                cadence=rng.choice(CADENCES),
                data_source=rng.choice(SOURCES),
                review_forum=rng.choice(FORUMS),
                last_reviewed=rng.choice(("2026-10-01", "", "last week")),
            )
        )
    return rows


def main() -> None:
    """Time per-row and per-scorecard validation of ROWS rows and print the figures."""
    rows = make_rows(ROWS)
    start = time.perf_counter()
    accepted = sum(validate_kpi(row, index=i).accepted for i, row in enumerate(rows))
    single = time.perf_counter() - start

    start = time.perf_counter()
    for i in range(0, ROWS, SCORECARD_SIZE):
        validate_scorecard(rows[i : i + SCORECARD_SIZE])
    grouped = time.perf_counter() - start

    # The service judges with a role context: a role no template matches gets a general
    # one (library role or sector KPIs to suggest). Rows from another seed: the wording
    # caches hold the first pass's texts, so this pass starts partly warm, as a service does.
    context = general_context("Hotel housekeeping lead")
    others = make_rows(ROWS, seed=11)
    start = time.perf_counter()
    for i, row in enumerate(others):
        validate_kpi(row, role=context, index=i)
    with_role = time.perf_counter() - start

    print(f"validate_kpi:       {ROWS} rows in {single:.3f} s = {ROWS / single:,.0f} rows/s")
    print(f"validate_scorecard: {ROWS} rows in {grouped:.3f} s = {ROWS / grouped:,.0f} rows/s")
    print(
        f"validate_kpi, general role context: {ROWS} rows in {with_role:.3f} s "
        f"= {ROWS / with_role:,.0f} rows/s"
    )
    print(f"accepted {accepted} of {ROWS}")


if __name__ == "__main__":
    main()
