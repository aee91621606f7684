"""The KPI vocabulary: definition rows as people type them, and tolerant parsers.

A KPI row arrives as free text (from a sheet or a JSON body). `KpiRow` keeps it
as typed but unparsed strings, so that odd values can be judged rather than
rejected; the `parse_*` functions turn the text into typed values and raise
`ParseError` with a message a manager understands when they cannot.
"""

from __future__ import annotations

import math
import re
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, JsonValue
from pydantic.fields import FieldInfo

__all__ = [
    "DEFINITION_FIELDS",
    "HEADERS",
    "Cadence",
    "Control",
    "DefinitionField",
    "Direction",
    "Flag",
    "FlagCode",
    "FlagLevel",
    "KpiRow",
    "ParseError",
    "RoleContext",
    "Target",
    "parse_cadence",
    "parse_control",
    "parse_date",
    "parse_direction",
    "parse_number",
    "parse_target",
]


class ParseError(ValueError):
    """A value typed by a person could not be read; the message says what to type."""


class Direction(StrEnum):
    """Which way is better for a KPI."""

    HIGHER = "higher"
    LOWER = "lower"
    RANGE = "in range"


class Cadence(StrEnum):
    """How often a KPI gets a new value."""

    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"


class Control(StrEnum):
    """How far the owner can move the KPI."""

    DIRECT = "direct"
    SHARED = "shared"
    NONE = "none"


def _text(value: object) -> str:
    """Coerce a cell value to stripped text; numbers keep their shortest form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


Text = Annotated[str, BeforeValidator(_text)]


class DefinitionField(BaseModel):
    """One definition column: its JSON name, the header a manager sees, the words it takes."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    header: str
    hint: str = ""
    values: tuple[str, ...] = ()  # the words the column takes; empty for free text
    required: bool = True  # a row is complete once every required column is filled
    deciding: bool = False  # weighs most in the verdict: asked for first


def _column(
    header: str,
    hint: str,
    *,
    words: type[StrEnum] | None = None,
    required: bool = True,
    deciding: bool = False,
) -> Any:
    """A KpiRow field that carries its column's header, hint and words (the one vocabulary)."""
    extra: dict[str, JsonValue] = {"x-required": required, "x-deciding": deciding}
    if words is not None:
        extra["x-words"] = [word.value for word in words]
    return Field(
        default="", max_length=50_000, title=header, description=hint, json_schema_extra=extra
    )


class KpiRow(BaseModel):
    """One KPI definition as typed by a person: every field is text, possibly blank.

    The fields are the sheet's definition columns, in sheet order; each carries its
    header and words, which `DEFINITION_FIELDS` and the API's vocabulary serve.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: Text = _column("KPI", "A short name", deciding=True)
    definition: Text = _column("Definition", "How a stranger would compute it")
    owner: Text = _column("Owner", "One person")
    business_result: Text = _column(
        "Business result", "Cash, revenue, margin, retention…", deciding=True
    )
    control: Text = _column("Owner's control", "How far the owner can move it", words=Control)
    unit: Text = _column("Unit", "%, $, count, days…", deciding=True)
    direction: Text = _column("Better when", "Which way is good", words=Direction, deciding=True)
    target: Text = _column("Target", "95, or 90–110 for a range", deciding=True)
    cadence: Text = _column("Cadence", "How often a new value arrives", words=Cadence)
    data_source: Text = _column("Data source", "Where the number comes from")
    review_forum: Text = _column("Reviewed in", "The meeting or person that looks at it")
    last_reviewed: Text = _column("Last reviewed", "A date, optional", required=False)


def _definition_field(name: str, info: FieldInfo) -> DefinitionField:
    extra = info.json_schema_extra
    assert isinstance(extra, dict)  # noqa: S101 - every KpiRow field is made by _column
    words = extra.get("x-words")
    return DefinitionField(
        name=name,
        header=info.title or name,
        hint=info.description or "",
        values=tuple(str(word) for word in words) if isinstance(words, list) else (),
        required=bool(extra["x-required"]),
        deciding=bool(extra["x-deciding"]),
    )


# The definition columns in sheet order, read off KpiRow: the one place they are spelt.
DEFINITION_FIELDS: tuple[DefinitionField, ...] = tuple(
    _definition_field(name, info) for name, info in KpiRow.model_fields.items()
)
HEADERS: dict[str, str] = {field.name: field.header for field in DEFINITION_FIELDS}


class RoleContext(BaseModel):
    """What the validators know of a role: the results it drives and those above it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    role: str
    title: str
    outcomes: tuple[str, ...] = ()
    company_results: tuple[str, ...] = ()
    suggestions: tuple[KpiRow, ...] = ()
    # The role as the caller typed it ("Ward nurses"), and whether a template matched it;
    # an unrecognised role is judged with a general context named by `role` and `title`.
    requested: str = ""
    recognised: bool = True


class FlagCode(StrEnum):
    """What a flag on a KPI's history says."""

    CONSECUTIVE_MISSES = "consecutive_misses"
    CHRONIC = "chronic"
    WORSENING = "worsening"
    SHIFT = "shift"
    OUTLIER = "outlier"
    STALE = "stale"
    ALWAYS_GREEN = "always_green"
    NOT_REVIEWED = "not_reviewed"
    BAD_VALUE = "bad_value"


class FlagLevel(StrEnum):
    """How loudly a flag asks for attention."""

    INFO = "info"
    WATCH = "watch"
    DISCUSS = "discuss"


class Flag(BaseModel):
    """One explainable flag: what, why, and what to do about it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: FlagCode
    level: FlagLevel
    reason: str
    fix: str
    label: str = ""  # short cell text when the code's own word is not enough


class Target(BaseModel):
    """A target: one number (`low == high`) or an inclusive range."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    low: float
    high: float

    @property
    def is_range(self) -> bool:
        """True when the target is a band rather than one number."""
        return self.low != self.high

    def is_met(self, value: float, direction: Direction) -> bool:
        """Whether `value` meets this target for a KPI that is better `direction`."""
        if direction is Direction.RANGE or self.is_range:
            return self.low <= value <= self.high
        if direction is Direction.HIGHER:
            return value >= self.low
        return value <= self.high

    def __str__(self) -> str:
        if self.is_range:
            return f"{_fmt(self.low)}–{_fmt(self.high)}"
        return _fmt(self.low)


def _fmt(number: float) -> str:
    return str(int(number)) if number.is_integer() else f"{number:g}"


_DIRECTION_WORDS: dict[str, Direction] = {
    "higher": Direction.HIGHER,
    "high": Direction.HIGHER,
    "up": Direction.HIGHER,
    "more": Direction.HIGHER,
    "increase": Direction.HIGHER,
    "maximise": Direction.HIGHER,
    "maximize": Direction.HIGHER,
    "↑": Direction.HIGHER,
    ">": Direction.HIGHER,
    ">=": Direction.HIGHER,
    "≥": Direction.HIGHER,
    "lower": Direction.LOWER,
    "low": Direction.LOWER,
    "down": Direction.LOWER,
    "less": Direction.LOWER,
    "fewer": Direction.LOWER,
    "decrease": Direction.LOWER,
    "minimise": Direction.LOWER,
    "minimize": Direction.LOWER,
    "↓": Direction.LOWER,
    "<": Direction.LOWER,
    "<=": Direction.LOWER,
    "≤": Direction.LOWER,
    "in range": Direction.RANGE,
    "range": Direction.RANGE,
    "within range": Direction.RANGE,
    "between": Direction.RANGE,
    "in band": Direction.RANGE,
    "within": Direction.RANGE,
}
_DIRECTION_FILLER = re.compile(r"\b(is|are|the|better|best|preferred|good)\b")


def parse_direction(text: str) -> Direction:
    """Read "Higher", "lower is better", "in range", "↑" … as a Direction."""
    key = _DIRECTION_FILLER.sub(" ", text.strip().lower())
    key = " ".join(key.split())
    if key in _DIRECTION_WORDS:
        return _DIRECTION_WORDS[key]
    raise ParseError(
        f"'Better when' is {text.strip()!r}: type 'higher', 'lower' or 'in range'."
        if text.strip()
        else "'Better when' is blank: type 'higher', 'lower' or 'in range'."
    )


_CADENCE_WORDS: dict[str, Cadence] = {
    "weekly": Cadence.WEEKLY,
    "week": Cadence.WEEKLY,
    "every week": Cadence.WEEKLY,
    "per week": Cadence.WEEKLY,
    "w": Cadence.WEEKLY,
    "monthly": Cadence.MONTHLY,
    "month": Cadence.MONTHLY,
    "every month": Cadence.MONTHLY,
    "per month": Cadence.MONTHLY,
    "m": Cadence.MONTHLY,
    "quarterly": Cadence.QUARTERLY,
    "quarter": Cadence.QUARTERLY,
    "every quarter": Cadence.QUARTERLY,
    "per quarter": Cadence.QUARTERLY,
    "q": Cadence.QUARTERLY,
}


def parse_cadence(text: str) -> Cadence:
    """Read "Weekly", "every month", "Q" … as a Cadence."""
    key = " ".join(text.strip().lower().replace("-", " ").split())
    if key in _CADENCE_WORDS:
        return _CADENCE_WORDS[key]
    shown = text.strip()
    raise ParseError(
        f"Cadence {shown!r} is not one we track: use weekly, monthly or quarterly."
        if shown
        else "Cadence is blank: use weekly, monthly or quarterly."
    )


_CONTROL_WORDS: dict[str, Control] = {
    "direct": Control.DIRECT,
    "directly": Control.DIRECT,
    "full": Control.DIRECT,
    "yes": Control.DIRECT,
    "high": Control.DIRECT,
    "significant": Control.DIRECT,
    "shared": Control.SHARED,
    "partial": Control.SHARED,
    "partly": Control.SHARED,
    "some": Control.SHARED,
    "indirect": Control.SHARED,
    "none": Control.NONE,
    "no": Control.NONE,
    "no control": Control.NONE,
    "not in control": Control.NONE,
}


def parse_control(text: str) -> Control:
    """Read "Direct", "shared", "none" … as the owner's degree of control."""
    key = " ".join(text.strip().lower().split())
    if key in _CONTROL_WORDS:
        return _CONTROL_WORDS[key]
    shown = text.strip()
    raise ParseError(
        f"Owner's control {shown!r} is unclear: use direct, shared or none."
        if shown
        else "Owner's control is blank: use direct, shared or none."
    )


_NUMBER = re.compile(
    r"""^\s*
    (?P<sign>[-−+])?\s*
    (?P<cur>[$€£])?\s*
    (?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)
    \s*(?P<mult>[kKmM])?
    \s*(?P<suffix>%|x|×|[a-zA-Z ]{0,12})?\s*$""",
    re.VERBOSE,
)
_MULTIPLIERS = {"k": 1e3, "m": 1e6}


def parse_number(value: object) -> float:
    """Read 1200, "1,200", "12%", "$1.5k", "−3" as a float; blank or words raise ParseError."""
    if isinstance(value, bool):
        raise ParseError(f"{value!r} is not a number.")
    if isinstance(value, int | float):
        number = float(value)
        if not math.isfinite(number):
            raise ParseError(f"{value!r} is not a finite number.")
        return number
    text = _text(value)
    match = _NUMBER.match(text)
    if not text or not match:
        raise ParseError(f"{text!r} is not a number: type digits such as 95, 1,200 or 12%.")
    number = float(match["num"].replace(",", ""))
    if match["mult"]:
        number *= _MULTIPLIERS[match["mult"].lower()]
    return -number if match["sign"] in ("-", "−") else number


_RANGE = re.compile(r"^\s*(?P<lo>.+?)\s*(?:–|—|-|to|\.\.)\s*(?P<hi>[^-−].*?)\s*$")
_OPERATOR = re.compile(r"^\s*(?:<=|>=|≤|≥|<|>|=|at least|at most|under|over|below|above)\s*")


def parse_target(value: object) -> Target:
    """Read 95, "≥ 95%", "95-100", "95–100", "1,200" as a Target; "TBD" raises ParseError."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = parse_number(value)
        return Target(low=number, high=number)
    text = _OPERATOR.sub("", _text(value).lower())
    if not text:
        raise ParseError("Target is blank: type a number such as 95, or a range such as 90–100.")
    try:
        number = parse_number(text)
    except ParseError:
        pass
    else:
        return Target(low=number, high=number)
    match = _RANGE.match(text)
    if match:
        try:
            low, high = parse_number(match["lo"]), parse_number(match["hi"])
        except ParseError:
            pass
        else:
            if low > high:
                raise ParseError(
                    f"Target range {_text(value)!r} runs backwards: put the low end first."
                )
            return Target(low=low, high=high)
    raise ParseError(
        f"Target {_text(value)!r} is not a number: type a number such as 95, "
        "or a range such as 90–100."
    )


def parse_date(value: object) -> date:
    """Read an ISO date ("2026-11-02") or a Sheets serial day number as a date."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        # Sheets counts days from 1899-12-30.
        return date.fromordinal(date(1899, 12, 30).toordinal() + int(value))
    text = _text(value)
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise ParseError(f"{text!r} is not a date: type it as YYYY-MM-DD.") from None
