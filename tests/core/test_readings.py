"""Typed cells read as people meant them: formats, serial dates, locales and the ambiguous."""

from __future__ import annotations

from datetime import date

import pytest

from service.core.grid import Cell
from service.core.readings import (
    cell_date,
    definition_text,
    is_percent_unit,
    locale_rules,
    period_value,
)
from service.core.targets import Target

START = date(2026, 11, 16)
NINETY = Target(low=90, high=90)
TWO = Target(low=2, high=2)


@pytest.mark.parametrize(
    ("cell", "locale", "unit", "target", "value", "flagged"),
    [
        # A typed 87% is 0.87 with a PERCENT format: a % KPI reads 87.
        (Cell(value=0.87, format_type="PERCENT"), "en_US", "%", NINETY, 87.0, False),
        (Cell(value=1.0, format_type="PERCENT"), "de_DE", "%", NINETY, 100.0, False),
        (Cell(value=0.005, format_type="PERCENT"), "en_US", "%", TWO, 0.5, False),
        (Cell(value=1.5, format_type="PERCENT"), "en_US", "%", NINETY, 150.0, False),
        # A plain 87 typed into a percent-formatted cell is 87 (8700 %): flagged, not 8700.
        (Cell(value=87, format_type="PERCENT"), "en_US", "%", NINETY, None, True),
        # A PERCENT value in a KPI counted in another unit cannot be told: flagged.
        (Cell(value=0.12, format_type="PERCENT"), "en_US", "count", TWO, None, True),
        # CURRENCY and NUMBER formats are plain numbers.
        (Cell(value=1200.0, format_type="CURRENCY"), "en_US", "$", None, 1200.0, False),
        (Cell(value=1200.5, format_type="NUMBER"), "de_DE", "$", None, 1200.5, False),
        (Cell(value=3.0), "en_US", "days", None, 3.0, False),
        (Cell(value=87.0), "en_US", "%", NINETY, 87.0, False),
        # A bare 0.87 in a % KPI whose target is 90: 0.87% or 87%? Flagged.
        (Cell(value=0.87), "en_US", "%", NINETY, None, True),
        (Cell(value=0.87, format_type="NUMBER"), "en_US", "%", NINETY, None, True),
        # ... but not when the target is small too (0.5% against 2%), or there is none.
        (Cell(value=0.5), "en_US", "%", TWO, 0.5, False),
        (Cell(value=0.87), "en_US", "%", None, 0.87, False),
        # A date in a period cell is not a value.
        (Cell(value=46356.0, format_type="DATE"), "en_US", "count", None, None, True),
        (Cell(value=0.5, format_type="TIME"), "en_US", "hours", None, None, True),
        # Text: the locale decides the decimal mark and grouping.
        (Cell(value="1,200"), "en_US", "count", None, 1200.0, False),
        (Cell(value="1.200,50"), "de_DE", "$", None, 1200.5, False),
        (Cell(value="0,5"), "de_DE", "%", TWO, 0.5, False),
        (Cell(value="1\u202f200,5"), "fr_FR", "count", None, 1200.5, False),
        (Cell(value="87%"), "en_GB", "%", NINETY, 87.0, False),
        (Cell(value="87 %"), "fr_FR", "%", NINETY, 87.0, False),
        (Cell(value="$1,200"), "en_US", "$", None, 1200.0, False),
        (Cell(value="0.87"), "en_US", "%", NINETY, None, True),
        # "n/a", booleans and errors stay flags.
        (Cell(value="n/a"), "en_US", "%", NINETY, None, False),
        (Cell(value=True), "en_US", "count", None, None, False),
        (Cell(value="#ERROR!", formula="=1/0"), "en_US", "count", None, None, False),
        (Cell(value="3.5"), "fr_FR", "count", None, None, False),
        (Cell(value="1 200"), "en_US", "count", None, None, False),
        # Group marks split the whole part into threes, or the text is no number.
        (Cell(value="1,5"), "en_US", "count", None, None, False),
        (Cell(value="1.5"), "de_DE", "count", None, None, False),
        (Cell(value="30.11.2026"), "de_DE", "count", None, None, False),
        (Cell(value="1,2345"), "en_GB", "count", None, None, False),
        (Cell(value="1.234"), "de_DE", "count", None, 1234.0, False),
        (Cell(value="1'234.5"), "de_CH", "count", None, 1234.5, False),
        (Cell(value="12 days"), "en_US", "days", None, 12.0, False),
        (Cell(value="12 jours"), "fr_FR", "days", None, 12.0, False),
    ],
)
def test_period_cells(
    cell: Cell,
    locale: str,
    unit: str,
    target: Target | None,
    value: float | None,
    flagged: bool,
) -> None:
    read = period_value(
        START, cell, locale_rules(locale), percent=is_percent_unit(unit), target=target
    )
    assert read.value == (pytest.approx(value) if value is not None else None)
    assert bool(read.problem) is flagged
    if value is None:
        assert read.raw  # an unreadable cell keeps what it showed, for the flag


def test_a_blank_cell_is_no_value_never_zero() -> None:
    read = period_value(START, Cell(), locale_rules("en_US"), percent=True, target=NINETY)
    assert (read.value, read.raw, read.problem) == (None, "", "")


@pytest.mark.parametrize(
    ("cell", "locale", "expected"),
    [
        (Cell(value=46356.0, format_type="DATE"), "en_US", date(2026, 11, 30)),
        (Cell(value=46356.75, format_type="DATE_TIME"), "de_DE", date(2026, 11, 30)),
        (Cell(value="2026-11-30"), "en_US", date(2026, 11, 30)),
        (Cell(value="11/30/2026"), "en_US", date(2026, 11, 30)),
        (Cell(value="30/11/2026"), "en_GB", date(2026, 11, 30)),
        (Cell(value="30.11.2026"), "de_DE", date(2026, 11, 30)),
        (Cell(value="30/11/2026"), "fr_FR", date(2026, 11, 30)),
        (Cell(value="30/11/2026"), "en_US", None),  # no 30th month
        (Cell(value=46356.0), "en_US", None),  # a bare number is not a date
        (Cell(value="soon"), "en_US", None),
    ],
)
def test_dates(cell: Cell, locale: str, expected: date | None) -> None:
    assert cell_date(cell, locale_rules(locale)) == expected


@pytest.mark.parametrize(
    ("cell", "locale", "field", "expected"),
    [
        (Cell(value=0.9, format_type="PERCENT"), "en_US", "target", "90%"),
        (Cell(value=0.955, format_type="PERCENT"), "en_US", "target", "95.5%"),
        (Cell(value=90.0), "en_US", "target", 90.0),
        (Cell(value="1.200,5"), "de_DE", "target", 1200.5),
        (Cell(value="95–100"), "de_DE", "target", "95–100"),
        (Cell(value=46355.0, format_type="DATE"), "en_US", "last_reviewed", "2026-11-29"),
        (Cell(value="29.11.2026"), "de_DE", "last_reviewed", "2026-11-29"),
        (Cell(value="3 calls"), "de_DE", "definition", "3 calls"),
    ],
)
def test_definition_cells_read_as_people_see_them(
    cell: Cell, locale: str, field: str, expected: object
) -> None:
    assert definition_text(cell, locale_rules(locale), field) == expected


def test_unknown_locales_fall_back_by_language_then_to_en_us() -> None:
    assert locale_rules("de_LU") == locale_rules("de_DE")
    assert locale_rules("ja_JP") == locale_rules("en_US")
