"""What text typed into a cell (valueInputOption USER_ENTERED) becomes, as in the Sheets UI.

In order: a leading apostrophe keeps the rest as text; `=` starts a formula; the locale's
boolean words (and TRUE/FALSE) are booleans; numbers with the locale's marks, percentages,
currency amounts and scientific notation are numbers; dates, times and date-times in ISO or
the locale's day/month order (or with the locale's month names) are serial numbers; a time
past 24 hours is a duration. Each recognised form also gives the cell
the number format it was typed in, unless the cell already has a format of that type.
A cell formatted as plain text (TEXT) keeps whatever is typed as text.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from .locales import Locale
from .number_format import serial_of

__all__ = ["ParsedInput", "parse_typed"]

ParsedInput = tuple[dict[str, Any] | None, dict[str, Any] | None]
_CURRENCY_SYMBOLS = ("$", "£", "€", "¥")
_TIME = re.compile(
    r"^(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?:[.,](?P<f>\d{1,3}))?)?"
    r"\s*(?P<ampm>[AaPp][Mm]?)?$",
    re.ASCII,
)
_ISO_DATE = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$", re.ASCII)
_EXPONENT = re.compile(r"^(?P<m>\d+(?:\.\d+)?|\.\d+)[eE](?P<e>[+-]?\d+)$", re.ASCII)


def parse_typed(text: str, locale: Locale, current: dict[str, Any] | None) -> ParsedInput:
    """Turn typed text into (userEnteredValue, numberFormat to set); None values clear."""
    if text == "":
        return None, None
    if (current or {}).get("type") == "TEXT":
        return {"stringValue": text}, None
    if text.startswith("'"):
        return {"stringValue": text[1:]}, None
    if text.startswith("=") and len(text) > 1:
        return {"formulaValue": text}, None
    stripped = text.strip()
    upper = stripped.upper()
    if upper in (locale.true_word, locale.false_word, "TRUE", "FALSE"):
        return {"boolValue": upper in (locale.true_word, "TRUE")}, None
    parsed = _number(stripped, locale) or _moment(stripped, locale)
    if parsed is None:
        return {"stringValue": text}, None
    value, number_format = parsed
    if number_format is not None and _same_kind(current, number_format):
        number_format = None  # the cell's own format of that kind stays
    return {"numberValue": value}, number_format


def _same_kind(current: dict[str, Any] | None, detected: dict[str, Any]) -> bool:
    return bool(current) and (current or {}).get("type") == detected["type"]


# -- numbers ------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _number_pattern(locale: Locale) -> re.Pattern[str]:
    group = "|".join(re.escape(g) for g in locale.group_inputs)
    decimal = re.escape(locale.decimal)
    return re.compile(
        rf"^(?P<whole>\d{{1,3}}(?:(?:{group})\d{{3}})+|\d+)?(?:{decimal}(?P<frac>\d+))?$",
        re.ASCII,
    )


def _strip_affixes(text: str) -> tuple[str, str, bool, str | None, bool]:
    """Peel sign, percent and currency off; return (body, sign, percent, symbol, first)."""
    body, sign, percent, symbol, first = text, "", False, None, False
    if body.endswith("%"):
        body, percent = body[:-1].rstrip(), True
    if body[:1] in "+-":
        sign, body = body[:1], body[1:].lstrip()
    for candidate in _CURRENCY_SYMBOLS:
        if body.startswith(candidate):
            body, symbol, first = body[len(candidate) :].lstrip(), candidate, True
        elif body.endswith(candidate):
            body, symbol = body[: -len(candidate)].rstrip(), candidate
    if symbol and first and body[:1] in "+-" and not sign:
        sign, body = body[:1], body[1:]
    return body, sign, percent, symbol, first


def _number(text: str, locale: Locale) -> tuple[float, dict[str, Any] | None] | None:
    body, sign, percent, symbol, first = _strip_affixes(text)
    if not body or (percent and symbol):
        return None
    foreign_mark = locale.decimal != "." and "." in body
    exponent = None if foreign_mark else _EXPONENT.match(body.replace(locale.decimal, "."))
    if exponent and not (percent or symbol):
        value = float(f"{exponent.group('m')}e{exponent.group('e')}")
        if math.isinf(value):
            return None  # past the largest double: Sheets keeps such text as text
        return _signed(value, sign), {"type": "SCIENTIFIC", "pattern": "0.00E+00"}
    match = _number_pattern(locale).match(body)
    if match is None or (match.group("whole") is None and match.group("frac") is None):
        return None
    whole = match.group("whole") or "0"
    frac = match.group("frac") or ""
    grouped = not whole.isdigit()
    digits = "".join(c for c in whole if c.isdigit())
    value = _signed(float(f"{digits}.{frac or 0}"), sign)
    decimals = len(frac)
    if percent:
        pattern = "0.00%" if decimals else "0%"
        return value / 100, {"type": "PERCENT", "pattern": pattern}
    if symbol:
        return value, {"type": "CURRENCY", "pattern": _currency(symbol, first, decimals)}
    if grouped:
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return value, {"type": "NUMBER", "pattern": pattern}
    return value, None


def _signed(value: float, sign: str) -> float:
    return -value if sign == "-" else value


def _currency(symbol: str, first: bool, decimals: int) -> str:
    number = "#,##0" + (".00" if decimals else "")
    return f'"{symbol}"{number}' if first else f'{number} "{symbol}"'


# -- dates and times ----------------------------------------------------------------------


def _moment(text: str, locale: Locale) -> tuple[float, dict[str, Any]] | None:
    named = _named_date(text, locale)
    if named is not None:
        return named[0], {"type": "DATE", "pattern": named[1]}
    date_part, _, time_part = text.partition(" ")
    day = _date(date_part, locale)
    if day is not None:
        value, pattern = day
        if not time_part.strip():
            return value, {"type": "DATE", "pattern": pattern}
        clock = _time(time_part.strip(), in_date_time=True)
        if clock is None:
            return None
        fraction, time_pattern = clock
        return value + fraction, {"type": "DATE_TIME", "pattern": f"{pattern} {time_pattern}"}
    clock = _time(text, in_date_time=False)
    if clock is None:
        return None
    return clock[0], {"type": "TIME", "pattern": clock[1]}


@lru_cache(maxsize=8)
def _local_date(locale: Locale) -> re.Pattern[str]:
    separators = "".join(re.escape(s) for s in locale.date_separators)
    first, second = ("m", "d") if locale.date_order == "MDY" else ("d", "m")
    return re.compile(
        rf"^(?P<{first}>[0-9]{{1,2}})[{separators}](?P<{second}>[0-9]{{1,2}})[{separators}]"
        r"(?P<y>[0-9]{4}|[0-9]{2})$"
    )


def _date(text: str, locale: Locale) -> tuple[float, str] | None:
    iso = _ISO_DATE.match(text)
    match = iso or _local_date(locale).match(text)
    if match is None:
        return None
    year = int(match.group("y"))
    if len(match.group("y")) == 2:
        year += 2000 if year < 30 else 1900  # Sheets reads 00-29 as 20xx, 30-99 as 19xx
    try:
        day = date(year, int(match.group("m")), int(match.group("d")))
    except ValueError:
        return None
    pattern = "yyyy-mm-dd" if iso else locale.date_pattern
    return serial_of(datetime(day.year, day.month, day.day)), pattern


_DAY_FIRST = re.compile(
    r"^(?P<d>[0-9]{1,2})(?P<dot>\.?)\s+(?P<name>[^\W\d_]+)\.?\s+(?P<y>[0-9]{4})$"
)
_MONTH_FIRST = re.compile(r"^(?P<name>[^\W\d_]+)\.?\s+(?P<d>[0-9]{1,2}),?\s+(?P<y>[0-9]{4})$")


def _month_number(name: str, locale: Locale) -> tuple[int, bool] | None:
    """(month, written in full) for a month name or its first three letters."""
    lowered = name.lower()
    for index, month in enumerate(locale.months):
        if lowered == month.lower():
            return index + 1, True
        if len(lowered) >= 3 and month.lower().startswith(lowered):
            return index + 1, False
    return None


def _named_date(text: str, locale: Locale) -> tuple[float, str] | None:
    """Dates with a month name: `30 Nov 2026`, `30. November 2026`, `Nov 30, 2026` (English)."""
    day_first = _DAY_FIRST.match(text)
    month_first = None if day_first else _MONTH_FIRST.match(text)
    match = day_first or month_first
    if match is None or (month_first and not locale.code.startswith("en")):
        return None
    month = _month_number(match.group("name"), locale)
    if month is None:
        return None
    try:
        day = date(int(match.group("y")), month[0], int(match.group("d")))
    except ValueError:
        return None
    name = "mmmm" if month[1] else "mmm"
    if day_first:
        pattern = f"d{'.' if match.group('dot') else ''} {name} yyyy"
    else:
        pattern = f"{name} d, yyyy"
    return serial_of(datetime(day.year, day.month, day.day)), pattern


def _time(text: str, in_date_time: bool) -> tuple[float, str] | None:
    match = _TIME.match(text)
    if match is None:
        return None
    hour, minute = int(match.group("h")), int(match.group("m"))
    second = int(match.group("s") or 0)
    millis = int((match.group("f") or "0").ljust(3, "0"))
    ampm = (match.group("ampm") or "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    if minute > 59 or second > 59 or (hour > 23 and (ampm or in_date_time)):
        return None
    fraction = (hour * 3600 + minute * 60 + second + millis / 1000) / 86400
    if hour > 23:
        return fraction, "[h]:mm:ss"  # a duration: elapsed hours past a day
    seconds = ":ss" if match.group("s") else ""
    if ampm:
        return fraction, f"h:mm{seconds} am/pm"
    # A time typed on the 24-hour clock keeps it, with the hour's digits as typed.
    hours = "HH" if len(match.group("h")) == 2 else "H"
    return fraction, f"{hours}:mm{seconds}"
