"""Render a number through a NumberFormat (type and pattern) in a locale, as Sheets shows it.

Patterns follow the Sheets "Date and number formats" guide: digit placeholders `0 # ?`,
`.` and `,`, `%`, `E+`, quoted text, `\\` escapes, `[$€]` currency brackets, sections split
by `;` (positive;negative;zero), and date-time tokens (`yyyy mm dd hh mm ss am/pm`, with
`m` meaning minutes next to hours or seconds, and `[h]` elapsed durations). Serial numbers
count days from 1899-12-30; the fraction is the time of day.
"""

from __future__ import annotations

import math
import re
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, localcontext
from functools import lru_cache
from typing import Any

from .locales import Locale

__all__ = [
    "DATE_TYPES",
    "EPOCH",
    "default_pattern",
    "general_number",
    "is_date_format",
    "render_number",
    "serial_of",
]

EPOCH = datetime(1899, 12, 30)
DATE_TYPES = frozenset({"DATE", "TIME", "DATE_TIME"})
_BRACKETS = re.compile(r"\[(?![hHmMsS]+\])[^\]]*\]")
_DATE_TOKEN = re.compile(
    r'"[^"]*"|\\.|\[(?:h+|m+|s+)\]|am/pm|a/p|y+|m+|d+|h+|s+|\.0+|[^"\\\[yYmMdDhHsSaA.]+|.',
    re.IGNORECASE,
)


def serial_of(moment: datetime) -> float:
    """The serial number of a date-time (days since 1899-12-30, time as a fraction)."""
    delta = moment - EPOCH
    return delta.days + delta.seconds / 86400 + delta.microseconds / 86_400_000_000


def is_date_format(number_format: dict[str, Any] | None) -> bool:
    """Whether a NumberFormat shows dates or times (so values read as serial numbers)."""
    return bool(number_format) and (number_format or {}).get("type") in DATE_TYPES


def default_pattern(kind: str, locale: Locale) -> str:
    """The pattern Sheets uses for a NumberFormat type given without a pattern."""
    defaults = {
        "NUMBER": "#,##0.00",
        "PERCENT": "0.00%",
        "SCIENTIFIC": "0.00E+00",
        "CURRENCY": locale.currency_pattern(2),
        "DATE": locale.date_pattern,
        "TIME": locale.time_pattern,
        "DATE_TIME": locale.date_time_pattern,
        "TEXT": "@",
    }
    return defaults.get(kind, "")


def general_number(value: float, locale: Locale) -> str:
    """A number without a format: integers whole, others to 10 significant digits."""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.10g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}E{exponent[0]}{exponent[1:].zfill(2)}"
    return text.replace(".", locale.decimal)


def render_number(value: float, number_format: dict[str, Any] | None, locale: Locale) -> str:
    """Show a number as a cell with this NumberFormat shows it in the locale."""
    if not number_format:
        return general_number(value, locale)
    kind = number_format.get("type") or "NUMBER"
    pattern = number_format.get("pattern") or default_pattern(kind, locale)
    if not pattern or pattern.lower() == "general":
        return general_number(value, locale)
    sections = _sections(pattern)
    if value < 0 and len(sections) > 1:
        section, value, sign = sections[1], -value, ""
    elif value == 0 and len(sections) > 2:
        section, sign = sections[2], ""
    else:
        section, sign = sections[0], "-" if value < 0 else ""
        value = abs(value)
    if kind in DATE_TYPES or _looks_like_date(section):
        return _render_date(value if not sign else -value, section, locale)
    return sign + _render_plain(value, section, locale)


@lru_cache(maxsize=256)
def _sections(pattern: str) -> tuple[str, ...]:
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for char in pattern:
        if char == '"':
            quoted = not quoted
        if char == ";" and not quoted:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return tuple(parts)


@lru_cache(maxsize=256)
def _looks_like_date(section: str) -> bool:
    bare = re.sub(r'"[^"]*"|\\.|\[\$[^\]]*\]', "", section).lower()
    return bool(re.search(r"[ydhs]|m", bare)) and not re.search(r"[0#?]", bare)


# -- numbers ------------------------------------------------------------------------------


@lru_cache(maxsize=256)
def _literal(section: str) -> tuple[tuple[str, ...], str]:
    """Split a section into text pieces (NUL marks where the number goes) and its digit mask."""
    out: list[str] = []
    number = ""
    index = 0
    while index < len(section):
        char = section[index]
        if char == '"':
            end = section.find('"', index + 1)
            end = len(section) if end < 0 else end
            out.append(section[index + 1 : end])
            index = end + 1
        elif char == "\\" and index + 1 < len(section):
            out.append(section[index + 1])
            index += 2
        elif char == "[":
            end = section.find("]", index)
            end = len(section) if end < 0 else end
            inner = section[index + 1 : end]
            if inner.startswith("$"):
                out.append(inner[1:].split("-")[0])
            index = end + 1
        elif char in "_*":
            out.append(" " if char == "_" else "")
            index += 2
        elif char == "%":
            out.append("%")  # shown where it stands; each one scales the value by 100
            number += "%"
            index += 1
        elif char in "0#?.,Ee+-" and (char not in "Ee+-" or number.strip("%")):
            if not number or out[-1] != "\x00":
                out.append("\x00")
            number += char
            index += 1
        else:
            out.append(char)
            index += 1
    return tuple(out), number


def _render_plain(value: float, section: str, locale: Locale) -> str:
    pieces, number = _literal(section)
    if "@" in pieces and not number:
        return "".join(general_number(value, locale) if p == "@" else p for p in pieces)
    if "%" in number:
        scaled = value * 100 ** number.count("%")
        if math.isinf(scaled):
            return general_number(value, locale)  # a percentage past the largest double
        value = scaled
    text = _digits(value, number.replace("%", ""), locale)
    rendered = []
    for piece in pieces:
        if piece == "\x00":
            rendered.append(text)
            text = ""
        else:
            rendered.append(piece)
    return "".join(rendered)


def _digits(value: float, mask: str, locale: Locale) -> str:
    upper = mask.upper()
    if "E" in upper:
        return _scientific(value, upper, locale)
    whole_mask, _, frac_mask = mask.partition(".")
    grouped = "," in whole_mask.strip(",")
    max_decimals = sum(1 for c in frac_mask if c in "0#?")
    min_decimals = sum(1 for c in frac_mask if c == "0")
    min_whole = sum(1 for c in whole_mask if c == "0")
    rounded = f"{_round_half_up(value, max_decimals):.{max_decimals}f}"
    whole, _, frac = rounded.partition(".")
    while len(frac) > min_decimals and frac.endswith("0"):
        frac = frac[:-1]
    whole = whole.lstrip("0").rjust(min_whole, "0")
    if grouped:
        whole = _group(whole, locale.group)
    return whole + (locale.decimal + frac if frac else ("" if "." not in mask else ""))


def _round_half_up(value: float, decimals: int) -> Decimal:
    # Sheets rounds what it shows half away from zero, on the decimal digits of the value;
    # the precision covers every digit of the largest double.
    with localcontext() as context:
        context.prec = 400
        return Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)


def _group(digits: str, separator: str) -> str:
    groups: list[str] = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return separator.join(g for g in groups if g)


def _scientific(value: float, mask: str, locale: Locale) -> str:
    mantissa_mask, _, exponent_mask = mask.partition("E")
    decimals = len(mantissa_mask.partition(".")[2])
    body, _, power = f"{value:.{decimals}e}".partition("e")
    exponent = int(power)
    sign = "-" if exponent < 0 else ("+" if exponent_mask.startswith("+") else "")
    width = sum(1 for c in exponent_mask if c in "0#")
    return f"{body.replace('.', locale.decimal)}E{sign}{str(abs(exponent)).zfill(width)}"


# -- dates and times ----------------------------------------------------------------------


def _render_date(serial: float, section: str, locale: Locale) -> str:
    try:
        millis = round(serial * 86_400_000)
        moment = EPOCH + timedelta(milliseconds=millis)
    except OverflowError:
        return general_number(serial, locale)  # no calendar date: the number shows as it is
    tokens, kinds, twelve = _date_tokens(section)
    return "".join(
        _date_piece(token, kind, moment, millis, twelve, locale)
        for token, kind in zip(tokens, kinds, strict=True)
    )


@lru_cache(maxsize=256)
def _date_tokens(section: str) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
    """A date-time section's tokens, what each shows, and whether the clock is 12-hour."""
    # Colours and conditions ([Red], [>100]) do not show; elapsed units ([h]) do.
    tokens = tuple(_DATE_TOKEN.findall(_BRACKETS.sub("", section)))
    twelve = any(t.lower() in ("am/pm", "a/p") for t in tokens)
    kinds = [_kind(t) for t in tokens]
    for index, kind in enumerate(kinds):
        if kind == "m" and _is_minute(kinds, index):
            kinds[index] = "minute"
    return tokens, tuple(kinds), twelve


def _kind(token: str) -> str:
    lowered = token.lower()
    if len(lowered) > 2 and lowered[0] == "[" and lowered[-1] == "]":
        return "elapsed"
    if lowered in ("am/pm", "a/p"):
        return "ampm"
    if lowered[0] in "ymdhs" and lowered == lowered[0] * len(lowered):
        return lowered[0]
    if lowered.startswith(".0"):
        return "fraction"
    return "text"


def _is_minute(kinds: list[str], index: int) -> bool:
    before = [k for k in kinds[:index] if k != "text"]
    after = [k for k in kinds[index + 1 :] if k != "text"]
    return bool(before and before[-1] in ("h", "elapsed")) or bool(after and after[0] == "s")


def _date_piece(  # noqa: C901 - one branch per kind of date-time token
    token: str, kind: str, moment: datetime, millis: int, twelve: bool, locale: Locale
) -> str:
    size = len(token)
    if kind == "y":
        return str(moment.year) if size >= 3 else f"{moment.year % 100:02d}"
    if kind == "m":
        return _month(moment.month, size, locale)
    if kind == "d":
        return _day(moment, size, locale)
    if kind == "h":
        hour = moment.hour % 12 or 12 if twelve else moment.hour
        return f"{hour:02d}" if size >= 2 else str(hour)
    if kind == "minute":
        return f"{moment.minute:02d}" if size >= 2 else str(moment.minute)
    if kind == "s":
        return f"{moment.second:02d}" if size >= 2 else str(moment.second)
    if kind == "fraction":
        return locale.decimal + f"{moment.microsecond // 1000:03d}"[: size - 1].ljust(size - 1, "0")
    if kind == "ampm":
        return _ampm(token, moment.hour)
    if kind == "elapsed":
        return _elapsed(token, millis)
    if token.startswith('"'):
        return token[1:-1]
    if token.startswith("\\"):
        return token[1:]
    return token


def _month(month: int, size: int, locale: Locale) -> str:
    name = locale.months[month - 1]
    if size >= 5:
        return name[0]
    if size == 4:
        return name
    if size == 3:
        return name[:3]
    return f"{month:02d}" if size == 2 else str(month)


def _day(moment: datetime, size: int, locale: Locale) -> str:
    if size >= 4:
        return locale.weekdays[moment.weekday()]
    if size == 3:
        return locale.weekdays[moment.weekday()][:3]
    return f"{moment.day:02d}" if size == 2 else str(moment.day)


def _ampm(token: str, hour: int) -> str:
    if token.lower() == "am/pm":
        return "PM" if hour >= 12 else "AM"
    letter = "p" if hour >= 12 else "a"
    return letter.upper() if token[0].isupper() else letter


def _elapsed(token: str, millis: int) -> str:
    inner = token[1:-1].lower()
    seconds = millis // 1000
    amount = {"h": seconds // 3600, "m": seconds // 60, "s": seconds}[inner[0]]
    return str(amount).zfill(len(inner))
