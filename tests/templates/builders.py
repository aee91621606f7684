"""A small valid template as YAML text, for tests to break one field at a time."""

from __future__ import annotations

KPI = """\
  - name: {name}
    definition: Invoices paid within terms divided by invoices due in the week, times 100.
    business_result: cash collection
    control: direct
    unit: "%"
    direction: higher
    target: {target}
    cadence: {cadence}
    data_source: Accounting system
    review_forum: Weekly finance check-in
"""


def template_yaml(
    *,
    title: str = "Test role",
    defaults: tuple[str, ...] = ("Alpha", "Beta", "Gamma"),
    optionals: tuple[str, ...] = ("Delta", "Epsilon", "Zeta"),
    target: str = "95",
    cadence: str = "weekly",
) -> str:
    """YAML for a valid template whose KPIs are named `defaults` and `optionals`."""
    head = f"""\
title: {title}
description: A role used in tests.
version: 1
outcomes:
  - cash collection
  - accurate books
company_results:
  - net profit
"""
    body = "default_kpis:\n" + "".join(
        KPI.format(name=name, target=target, cadence=cadence) for name in defaults
    )
    body += "optional_kpis:\n" + "".join(
        KPI.format(name=name, target="90", cadence="monthly") for name in optionals
    )
    return head + body


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line number of the `occurrence`-th line containing `needle`."""
    hits = [number for number, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[occurrence - 1]


def replace_nth(text: str, old: str, new: str, occurrence: int) -> str:
    """`text` with only the `occurrence`-th (1-based) `old` replaced by `new`."""
    start = -1
    for _ in range(occurrence):
        start = text.index(old, start + 1)
    return text[:start] + new + text[start + len(old) :]
