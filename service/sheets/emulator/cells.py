"""Cell values: what a typed value becomes, and how a stored cell renders back."""

from __future__ import annotations

import ast
import operator
import re
from collections.abc import Callable
from enum import StrEnum
from typing import Any

__all__ = [
    "RenderOption",
    "cell_value",
    "effective_of",
    "effective_value",
    "formatted_value",
    "parse_input",
]

_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][+-]?\d+)?$")
_OPERATORS: dict[type, Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}


class RenderOption(StrEnum):
    """How values come back from the values endpoints."""

    FORMATTED_VALUE = "FORMATTED_VALUE"
    UNFORMATTED_VALUE = "UNFORMATTED_VALUE"
    FORMULA = "FORMULA"


def parse_input(
    raw: Any, user_entered: bool
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """Turn one input value into (userEnteredValue, numberFormat); (None, None) clears the cell."""
    if isinstance(raw, bool):
        return {"boolValue": raw}, None
    if isinstance(raw, int | float):
        return {"numberValue": raw}, None
    text = str(raw)
    if text == "":
        return None, None
    if not user_entered:
        return {"stringValue": text}, None
    return _parse_typed(text)


def _parse_typed(text: str) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    stripped = text.strip()
    if text.startswith("="):
        return {"formulaValue": text}, None
    if text.startswith("'"):
        return {"stringValue": text[1:]}, None
    if stripped.upper() in ("TRUE", "FALSE"):
        return {"boolValue": stripped.upper() == "TRUE"}, None
    percent = stripped.endswith("%")
    number_text = stripped[:-1].strip() if percent else stripped
    if number_text and number_text not in "+-." and _NUMBER.match(number_text):
        value = float(number_text.replace(",", ""))
        if percent:
            return {"numberValue": value / 100}, {"type": "PERCENT", "pattern": "0.00%"}
        if "," in number_text:
            decimals = len(number_text.partition(".")[2])
            pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
            return {"numberValue": value}, {"type": "NUMBER", "pattern": pattern}
        return {"numberValue": value}, None
    return {"stringValue": text}, None


def effective_of(cell: dict[str, Any]) -> dict[str, Any] | None:
    """What a stored cell shows: a plain value is its own effective value."""
    entered: dict[str, Any] | None = cell.get("userEnteredValue")
    if entered is None or "formulaValue" not in entered:
        return entered
    stored: dict[str, Any] | None = cell.get("effectiveValue")
    return stored


def effective_value(entered: dict[str, Any] | None) -> dict[str, Any] | None:
    """The effective value to store: only formulas need one (plain arithmetic is evaluated)."""
    if entered is None or "formulaValue" not in entered:
        return None
    try:
        tree = ast.parse(entered["formulaValue"][1:].strip().replace("^", "**"), mode="eval")
        return {"numberValue": _evaluate(tree.body)}
    except ZeroDivisionError:
        message = "Function DIVIDE parameter 2 cannot be zero."
        return {"errorValue": {"type": "DIV_ZERO", "message": message}}
    except (SyntaxError, ValueError, TypeError, OverflowError):
        return None


def _evaluate(node: ast.expr) -> float:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return float(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        value = _evaluate(node.operand)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        return _OPERATORS[type(node.op)](_evaluate(node.left), _evaluate(node.right))
    raise ValueError("not plain arithmetic")


def _number_text(value: float, number_format: dict[str, Any] | None) -> str:
    pattern = (number_format or {}).get("pattern", "")
    if pattern.endswith("%"):
        decimals = len(pattern.partition(".")[2]) - 1 if "." in pattern else 0
        return f"{value * 100:.{max(decimals, 0)}f}%"
    if pattern.startswith("#,##0"):
        decimals = len(pattern.partition(".")[2])
        return f"{value:,.{decimals}f}"
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.15g}"


def formatted_value(effective: dict[str, Any] | None, number_format: dict[str, Any] | None) -> str:
    """Render an effective value as the sheet displays it."""
    if effective is None:
        return ""
    if "numberValue" in effective:
        return _number_text(effective["numberValue"], number_format)
    if "boolValue" in effective:
        return "TRUE" if effective["boolValue"] else "FALSE"
    if "errorValue" in effective:
        return "#DIV/0!" if effective["errorValue"].get("type") == "DIV_ZERO" else "#ERROR!"
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
        return formatted_value(effective, None)
    return effective.get("stringValue", "")


def cell_value(cell: dict[str, Any] | None, option: RenderOption) -> Any:
    """Render one stored cell for the values endpoints."""
    if not cell:
        return ""
    entered = cell.get("userEnteredValue")
    if entered is None:
        return ""
    if "stringValue" in entered:
        return entered["stringValue"]  # the common case, kept fast
    if option is RenderOption.FORMULA and "formulaValue" in entered:
        return entered["formulaValue"]
    effective = effective_of(cell)
    if option is RenderOption.FORMATTED_VALUE:
        number_format = cell.get("userEnteredFormat", {}).get("numberFormat")
        return formatted_value(effective, number_format)
    return _plain(effective)
