"""Whatever is typed or written as a formula, the emulator stores and renders it: no 500s."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from service.sheets.emulator.formulas import evaluate
from service.sheets.emulator.locales import LOCALES
from service.sheets.emulator.number_format import render_number
from service.sheets.emulator.typed_input import parse_typed

# Characters that typed numbers, dates, times, currency and booleans are made of.
TYPED = st.text(alphabet="0123456789.,:/-+ %$€£eE'=aApPmMTRUEFALSWHRVXnov\u202f\u00a0", max_size=14)
PATTERN = st.text(alphabet='0#?.,E+-%"\\[]$;@_*ymdhsAPM/: xRed>', max_size=12)
TYPES = st.sampled_from(
    ["NUMBER", "PERCENT", "CURRENCY", "SCIENTIFIC", "DATE", "TIME", "DATE_TIME", "TEXT"]
)
NUMBERS = st.floats(allow_nan=False, allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(text=TYPED, code=st.sampled_from(sorted(LOCALES)))
def test_typed_text_always_gives_one_json_value(text: str, code: str) -> None:
    locale = LOCALES[code]

    entered, number_format = parse_typed(text, locale, None)

    if text == "":
        assert entered is None
        return
    assert entered is not None and len(entered) == 1
    json.dumps(entered, allow_nan=False)
    if "numberValue" in entered:
        assert isinstance(render_number(entered["numberValue"], number_format, locale), str)
    if "stringValue" in entered:
        assert entered["stringValue"] in (text, text[1:])


@settings(max_examples=300, deadline=None)
@given(value=NUMBERS, pattern=PATTERN, kind=TYPES, code=st.sampled_from(sorted(LOCALES)))
def test_any_pattern_renders_any_number(value: float, pattern: str, kind: str, code: str) -> None:
    shown = render_number(value, {"type": kind, "pattern": pattern}, LOCALES[code])

    assert isinstance(shown, str)


FORMULA = st.text(alphabet="0123456789.+-*/^&%=<>(),;\"AB1$:!' SUMIFANDORNOTROUNDABS", max_size=16)
CELL_VALUES = st.sampled_from([None, 1.0, -2.5, "x", True, {"type": "REF", "message": "m"}])


@settings(max_examples=300, deadline=None)
@given(formula=FORMULA, value=CELL_VALUES)
def test_any_formula_is_worked_out_or_left_alone(formula: str, value: Any) -> None:
    result = evaluate("=" + formula, lambda sheet, row, col: value)

    assert result is None or len(result) == 1
    json.dumps(result, allow_nan=False)


def test_a_deeply_nested_formula_is_left_alone() -> None:
    assert evaluate("=" + "(" * 5000 + "1" + ")" * 5000, lambda sheet, row, col: None) is None
