"""The whole labelled set, judged through the service's role path: accuracy per category."""

from __future__ import annotations

from collections import Counter

from tests.validators.accuracy import (
    ALL_CASES,
    CATALOG,
    accuracy_table,
    category,
    in_catalogue,
    is_right,
    judge,
    render,
)
from tests.validators.cases_sectors import SECTOR_CASES

MIN_ACCURACY = 0.95


def test_labelled_set_is_broad() -> None:
    assert len(ALL_CASES) >= 287
    assert len(SECTOR_CASES) >= 150
    outside = [case for case in SECTOR_CASES if not in_catalogue(case)]
    assert len(outside) >= len(SECTOR_CASES) / 2
    assert len({CATALOG.context_for(case.role).role for case in outside}) >= 15
    per_category = Counter(category(case) for case in SECTOR_CASES)
    assert min(per_category.values()) >= 10
    assert all(case.fails is not None for case in ALL_CASES if not case.accepted)


def test_accuracy_per_category() -> None:
    lines = accuracy_table()
    print("\n" + render(lines))
    overall = lines[-1]
    assert overall.accuracy >= MIN_ACCURACY
    # No category may hide behind the overall figure.
    assert all(line.accuracy >= 0.9 for line in lines), render(lines)


def test_every_reject_fails_its_labelled_criterion() -> None:
    missed = [
        f"{case.role}: {case.row.name!r} should fail {case.fails}"
        for case in ALL_CASES
        if not case.accepted and not is_right(case, judge(case))
    ]
    assert missed == []
