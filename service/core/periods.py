"""Calendar arithmetic for KPI periods: weeks from Monday, months, calendar quarters.

Every period is named by its first day. Periods are numbered on one running
index per cadence (weeks since 0001-01-01, months and quarters since year 0),
so distances between periods are plain subtraction and never depend on how
many days a month has.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from service.core.models import Cadence

__all__ = [
    "add_cadences",
    "elapsed_share",
    "index_start",
    "is_period_start",
    "next_period",
    "period_end",
    "period_index",
    "period_start",
    "period_starts",
    "periods_between",
]

_MONTHS_PER_PERIOD = {Cadence.MONTHLY: 1, Cadence.QUARTERLY: 3}


def period_index(day: date, cadence: Cadence) -> int:
    """The running number of the period that contains `day`."""
    if cadence is Cadence.WEEKLY:
        # date(1, 1, 1) is a Monday, so whole weeks since then start on Mondays.
        return (day.toordinal() - 1) // 7
    return (day.year * 12 + day.month - 1) // _MONTHS_PER_PERIOD[cadence]


def index_start(index: int, cadence: Cadence) -> date:
    """First day of the period numbered `index` (the inverse of `period_index`)."""
    if cadence is Cadence.WEEKLY:
        return date.fromordinal(index * 7 + 1)
    month = index * _MONTHS_PER_PERIOD[cadence]
    return date(month // 12, month % 12 + 1, 1)


def is_period_start(day: date, cadence: Cadence) -> bool:
    """Whether `day` is the first day of its period."""
    if cadence is Cadence.WEEKLY:
        return day.weekday() == 0
    return day.day == 1 and (day.month - 1) % _MONTHS_PER_PERIOD[cadence] == 0


def period_start(day: date, cadence: Cadence) -> date:
    """First day of the period containing `day` (Monday, the 1st, or Jan/Apr/Jul/Oct 1st)."""
    return index_start(period_index(day, cadence), cadence)


def next_period(start: date, cadence: Cadence) -> date:
    """First day of the period after the one containing `start`."""
    return index_start(period_index(start, cadence) + 1, cadence)


def period_end(start: date, cadence: Cadence) -> date:
    """Last day of the period containing `start`."""
    return next_period(start, cadence) - timedelta(days=1)


def period_starts(first: date, count: int, cadence: Cadence) -> list[date]:
    """The starts of `count` consecutive periods, beginning with the one containing `first`."""
    index = period_index(first, cadence)
    return [index_start(index + offset, cadence) for offset in range(max(count, 0))]


def periods_between(a: date, b: date, cadence: Cadence) -> int:
    """How many period boundaries lie between `a` and `b` (negative when `b` is earlier)."""
    return period_index(b, cadence) - period_index(a, cadence)


def elapsed_share(start: date, cadence: Cadence, today: date) -> float:
    """Share (0–1) of the period containing `start` made of whole days before `today`."""
    first = period_start(start, cadence)
    length = (next_period(first, cadence) - first).days
    share = (today - first).days / length
    return min(max(share, 0.0), 1.0)


def add_cadences(day: date, count: int, cadence: Cadence) -> date:
    """`day` moved on by `count` cadence lengths; month ends clamp (Jan 31 + 1 month → Feb 28)."""
    if cadence is Cadence.WEEKLY:
        return day + timedelta(weeks=count)
    months = day.year * 12 + day.month - 1 + count * _MONTHS_PER_PERIOD[cadence]
    year, month = divmod(months, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last_day))
