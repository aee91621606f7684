"""Typed cells read as Google holds them: a number and its format, or text in a locale.

Google stores what people type as typed values: `87%` is the number 0.87 with a
PERCENT format, a date is a serial day number (days since 1899-12-30) with a DATE
format, `$1,200` is 1200 with a CURRENCY format. Text that did not parse stays
text, and the spreadsheet's locale decides its decimal mark, grouping and date
order. These functions turn one cell into what a person meant, and say so when
that cannot be told (see "The scorecard tab" in the README for the policy).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from pydantic import BaseModel, ConfigDict

from service.core.grid import Cell
from service.core.history import PeriodValue
from service.core.models import ParseError, parse_number
from service.core.targets import Target

__all__ = [
    "AMBIGUOUS_TARGET",
    "DATE_TYPES",
    "LocaleRules",
    "cell_date",
    "definition_text",
    "is_percent_unit",
    "locale_rules",
    "period_value",
    "serial_date",
]

SERIAL_EPOCH = date(1899, 12, 30)
DATE_TYPES = frozenset({"DATE", "DATE_TIME"})
_TIME_TYPES = DATE_TYPES | {"TIME"}
# A bare number up to 1 in a % KPI whose target is at least this is read neither
# as a fraction nor as a percentage: it is flagged (0.87 against a target of 90).
AMBIGUOUS_TARGET = 10.0
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMERIC_DATE = re.compile(r"^(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})$")
_SPACED_DIGITS = re.compile(r"\d[ \u00a0\u202f]+\d")


class LocaleRules(BaseModel):
    """How a locale writes numbers and dates: decimal mark, group marks, day or month first."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    decimal: str = "."
    groups: tuple[str, ...] = (",",)
    day_first: bool = False


_SPACES = (" ", "\u00a0", "\u202f")
_COMMA_DECIMAL = LocaleRules(decimal=",", groups=(".", *_SPACES), day_first=True)
_LOCALES: dict[str, LocaleRules] = {
    "en_US": LocaleRules(),
    "en_GB": LocaleRules(day_first=True),
    "en_AU": LocaleRules(day_first=True),
    "en_IE": LocaleRules(day_first=True),
    "en_CA": LocaleRules(),
    "de_DE": _COMMA_DECIMAL,
    "de_AT": _COMMA_DECIMAL,
    "fr_FR": LocaleRules(decimal=",", groups=_SPACES, day_first=True),
    "fr_CA": LocaleRules(decimal=",", groups=_SPACES),
    "de_CH": LocaleRules(groups=("'", "’"), day_first=True),
    "es_ES": _COMMA_DECIMAL,
    "it_IT": _COMMA_DECIMAL,
    "nl_NL": _COMMA_DECIMAL,
    "pt_BR": _COMMA_DECIMAL,
}
_LANGUAGES = {"en": "en_GB", "de": "de_DE", "fr": "fr_FR", "es": "es_ES", "it": "it_IT"}


def locale_rules(locale: str) -> LocaleRules:
    """The rules of a Sheets locale ("de_DE"); its language's, or en_US's, when unknown."""
    if locale in _LOCALES:
        return _LOCALES[locale]
    if locale == "en":
        return _LOCALES["en_US"]
    return _LOCALES[_LANGUAGES.get(locale.split("_")[0], "en_US")]


def is_percent_unit(unit: str) -> bool:
    """Whether a KPI's unit is a percentage ("%", "percent", "% of invoices")."""
    text = unit.strip().lower()
    return text.startswith("%") or text in ("percent", "percentage", "pct")


def serial_date(serial: float) -> date | None:
    """The day a Sheets serial number falls on (days since 1899-12-30; fractions are hours)."""
    try:
        return SERIAL_EPOCH + timedelta(days=int(serial // 1))
    except OverflowError:
        return None


def _text_date(text: str, rules: LocaleRules) -> date | None:
    """An ISO date, or a numeric date in the locale's order (30.11.2026, 11/30/2026)."""
    text = text.strip()
    try:
        if _ISO_DATE.match(text):
            return date.fromisoformat(text)
        match = _NUMERIC_DATE.match(text)
        if not match:
            return None
        a, b, c = int(match[1]), int(match[3]), int(match[4])
        if len(match[1]) == 4:
            return date(a, b, c)
        if len(match[4]) != 4:
            return None
        return date(c, b, a) if rules.day_first else date(c, a, b)
    except ValueError:
        return None


def cell_date(cell: Cell, rules: LocaleRules) -> date | None:
    """The date a cell holds: a date-formatted serial number, or a date typed as text."""
    value = cell.value
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float | int):
        return serial_date(float(value)) if cell.format_type in DATE_TYPES else None
    return _text_date(value, rules)


def _grouped_in_threes(text: str, rules: LocaleRules) -> bool:
    """Whether group marks, where the number has any, split its whole part into threes.

    "1,234" and "1.200,50" (de_DE) are grouped; "1,5" in en_US, "1.5" in de_DE and a date
    kept as text ("30.11.2026") are not numbers, as Google leaves them text.
    """
    marks = "".join(re.escape(mark) for mark in rules.groups)
    run = re.search(rf"\d+(?:[{marks}]\d+)*", text)
    if run is None or len(parts := re.split(f"[{marks}]", run.group())) == 1:
        return True
    return len(parts[0]) <= 3 and all(len(part) == 3 for part in parts[1:])


def _locale_number(text: str, rules: LocaleRules) -> float:
    """A number written in the locale's way ("1.200,50" in de_DE), else ParseError."""
    if not _grouped_in_threes(text, rules):
        raise ParseError(f"{text!r} is not a number in this spreadsheet's locale.")
    cleaned = text.strip()
    for mark in rules.groups:
        cleaned = cleaned.replace(mark, "")
    if rules.decimal != ".":
        if "." in cleaned and "," not in rules.groups:
            raise ParseError(f"{text!r} is not a number in this spreadsheet's locale.")
        cleaned = cleaned.replace(rules.decimal, ".")
    elif _SPACED_DIGITS.search(cleaned):
        raise ParseError(f"{text!r} is not a number.")  # "1 200" groups in another locale
    return parse_number(cleaned)


def _number_text(number: float) -> str:
    return str(int(number)) if number.is_integer() else f"{number:.10g}"


def definition_text(cell: Cell, rules: LocaleRules, field: str) -> object:
    """A definition cell as the text a person reads: 90% stays "90%", a date is ISO.

    Numbers in other formats come back as numbers. Text in "Last reviewed" is read
    as a date in the locale's order; a target typed as text in the locale's number
    style ("1.200,5" in de_DE) comes back as the number it writes.
    """
    value = cell.value
    if field == "last_reviewed" and (day := cell_date(cell, rules)) is not None:
        return day.isoformat()
    if isinstance(value, float | int) and not isinstance(value, bool):
        if cell.format_type == "PERCENT":
            return f"{_number_text(round(float(value) * 100, 10))}%"
        if cell.format_type in DATE_TYPES:
            day = serial_date(float(value))
            return day.isoformat() if day else value
        return value
    if field == "target" and isinstance(value, str) and rules.decimal != ".":
        try:
            return _locale_number(value, rules)
        except ParseError:
            return value
    return value


# A percent-formatted value of 10 or more shows as 1,000 % or more: in a % KPI that is a
# number typed without its sign into a percent cell, not a result.
_IMPLAUSIBLE_FRACTION = 10.0


def _flagged(start: date, raw: str, problem: str) -> PeriodValue:
    return PeriodValue(start=start, raw=raw, problem=problem)


def _ambiguous(number: float, percent: bool, target: Target | None) -> bool:
    if not percent or target is None or not 0 < abs(number) <= 1:
        return False
    return max(abs(target.low), abs(target.high)) >= AMBIGUOUS_TARGET


def _number_value(
    start: date, cell: Cell, number: float, percent: bool, target: Target | None
) -> PeriodValue:
    shown = _number_text(number)
    kind = cell.format_type
    if kind in _TIME_TYPES:
        return _flagged(start, shown, "holds a date or time, not a number")
    if kind == "PERCENT":
        if percent and abs(number) >= _IMPLAUSIBLE_FRACTION:
            # A plain 87 typed into a percent-formatted cell is stored as 87 (8700 %):
            # far more likely a missing % sign than a real 8700 %.
            return _flagged(
                start,
                f"{_number_text(round(number * 100, 10))}%",
                f"shows {_number_text(round(number * 100, 10))}%: the cell is formatted as a "
                f"percentage, so type {_number_text(number)}% (with the sign)",
            )
        if percent:
            return PeriodValue(start=start, value=round(number * 100, 10))
        return _flagged(
            start,
            f"{_number_text(round(number * 100, 10))}%",
            "is a percentage, but the KPI's unit is not %",
        )
    if _ambiguous(number, percent, target):
        return _flagged(
            start,
            shown,
            f"could mean {shown}% or {_number_text(round(number * 100, 10))}% "
            "(the target is on a 0–100 scale)",
        )
    return PeriodValue(start=start, value=number)


def period_value(
    start: date, cell: Cell, rules: LocaleRules, *, percent: bool, target: Target | None
) -> PeriodValue:
    """One period cell read by its type and format; unreadable or ambiguous cells are flagged."""
    value = cell.value
    if cell.is_blank:
        return PeriodValue(start=start)
    if isinstance(value, bool):
        return PeriodValue(start=start, raw="TRUE" if value else "FALSE")
    if isinstance(value, float | int):
        return _number_value(start, cell, float(value), percent, target)
    text = str(value if value is not None else cell.formula)
    try:
        number = _locale_number(text, rules)
    except ParseError:
        return PeriodValue(start=start, raw=text)
    if text.strip().endswith("%") or not _ambiguous(number, percent, target):
        return PeriodValue(start=start, value=number, raw=text)
    return _number_value(start, Cell(value=number), number, percent, target)
