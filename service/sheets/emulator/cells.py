"""Cell values: what an input value becomes, and how a stored cell renders back."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Any

from .errors import bad_request
from .formulas import Unsupported, Value, evaluate
from .locales import Locale, locale_of
from .number_format import is_date_format, render_number
from .typed_input import ParsedInput, parse_typed

__all__ = [
    "DateTimeOption",
    "RenderOption",
    "cell_value",
    "effective_of",
    "effective_value",
    "formatted_value",
    "parse_input",
]


# How each ErrorValue.type shows in a cell (the API reference's ErrorType).
_ERROR_TEXT = {
    "ERROR": "#ERROR!",
    "NULL_VALUE": "#NULL!",
    "DIVIDE_BY_ZERO": "#DIV/0!",
    "VALUE": "#VALUE!",
    "REF": "#REF!",
    "NAME": "#NAME?",
    "NUM": "#NUM!",
    "N_A": "#N/A",
    "LOADING": "Loading...",
}


class RenderOption(StrEnum):
    """How values come back from the values endpoints (ValueRenderOption)."""

    FORMATTED_VALUE = "FORMATTED_VALUE"
    UNFORMATTED_VALUE = "UNFORMATTED_VALUE"
    FORMULA = "FORMULA"


class DateTimeOption(StrEnum):
    """How date-formatted numbers come back when values are not formatted."""

    SERIAL_NUMBER = "SERIAL_NUMBER"
    FORMATTED_STRING = "FORMATTED_STRING"


def parse_input(
    raw: Any, user_entered: bool, locale: Locale, current: dict[str, Any] | None = None
) -> ParsedInput:
    """Turn one input value into (userEnteredValue, numberFormat); (None, None) clears the cell.

    JSON numbers and booleans are stored as they are; strings stay strings with RAW and
    are read like typed text with USER_ENTERED (`current` is the cell's number format).
    """
    if isinstance(raw, bool):
        return {"boolValue": raw}, None
    if isinstance(raw, int | float):
        if not abs(raw) <= sys.float_info.max:  # also catches NaN
            raise bad_request(f"Invalid value {raw!r}: a number must fit in a double.")
        return {"numberValue": raw}, None
    text = str(raw)
    if text == "":
        return None, None
    if not user_entered:
        return {"stringValue": text}, None
    return parse_typed(text, locale, current)


def effective_of(cell: dict[str, Any]) -> dict[str, Any] | None:
    """What a stored cell shows: a plain value is its own effective value."""
    entered: dict[str, Any] | None = cell.get("userEnteredValue")
    if entered is None or "formulaValue" not in entered:
        return entered
    stored: dict[str, Any] | None = cell.get("effectiveValue")
    return stored


def effective_value(entered: dict[str, Any] | None) -> dict[str, Any] | None:
    """The effective value to store: a formula that needs no other cell is worked out now."""
    if entered is None or "formulaValue" not in entered:
        return None
    return evaluate(entered["formulaValue"], _no_references)


def _no_references(title: str | None, row: int, col: int) -> Value:
    raise Unsupported("references are worked out when the cell is read")


def formatted_value(
    effective: dict[str, Any] | None, number_format: dict[str, Any] | None, locale: Locale
) -> str:
    """Render an effective value as the sheet displays it in the locale."""
    if effective is None:
        return ""
    if "numberValue" in effective:
        return render_number(effective["numberValue"], number_format, locale)
    if "boolValue" in effective:
        return locale.true_word if effective["boolValue"] else locale.false_word
    if "errorValue" in effective:
        return _ERROR_TEXT.get(effective["errorValue"].get("type"), "#ERROR!")
    return str(effective.get("stringValue", ""))


def _plain(effective: dict[str, Any] | None) -> Any:
    if effective is None:
        return ""
    if "numberValue" in effective:
        number = effective["numberValue"]
        return int(number) if float(number).is_integer() and abs(number) < 1e15 else number
    if "boolValue" in effective:
        return effective["boolValue"]
    if "errorValue" in effective:
        return formatted_value(effective, None, locale_of(None))
    return effective.get("stringValue", "")


def cell_value(
    cell: dict[str, Any] | None,
    option: RenderOption,
    locale: Locale,
    date_option: DateTimeOption = DateTimeOption.SERIAL_NUMBER,
    effective: dict[str, Any] | None = None,
) -> Any:
    """Render one stored cell for the values endpoints (ValueRenderOption, DateTimeRenderOption).

    `effective` is a formula's worked-out value (see Calculation); other cells show their own.
    """
    if not cell:
        return ""
    entered = cell.get("userEnteredValue")
    if entered is None:
        return ""
    if "stringValue" in entered:
        return entered["stringValue"]  # the common case, kept fast
    if option is RenderOption.FORMULA and "formulaValue" in entered:
        return entered["formulaValue"]
    if "formulaValue" not in entered:
        effective = entered
    number_format = cell.get("userEnteredFormat", {}).get("numberFormat")
    if option is RenderOption.FORMATTED_VALUE:
        return formatted_value(effective, number_format, locale)
    if (
        date_option is DateTimeOption.FORMATTED_STRING
        and effective is not None
        and "numberValue" in effective
        and is_date_format(number_format)
    ):
        return formatted_value(effective, number_format, locale)
    return _plain(effective)
