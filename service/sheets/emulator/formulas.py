"""Formulas the emulator can work out, as Sheets does: arithmetic, references and a few functions.

A formula's effective value is computed when it is read, from the cells it refers to as
they are then, so it follows later edits the way Sheets recalculates. Supported: numbers,
"text", TRUE/FALSE, `+ - * / ^ & %`, comparisons, cell and range references (`B2`,
`$B$2`, `'Other tab'!B2:D4`), and SUM, AVERAGE, MIN, MAX, COUNT, COUNTA, IF, AND, OR,
NOT, ROUND, ABS. Anything else (SPARKLINE, IMPORTRANGE, …) has no effective value here:
Sheets would work it out, the emulator does not pretend to.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = ["Lookup", "Unsupported", "evaluate", "parse_formula"]

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
    | (?P<string>"(?:[^"]|"")*")
    | (?P<ref>(?:(?:'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!)?\$?[A-Za-z]{1,3}\$?\d+
              (?::\$?[A-Za-z]{1,3}\$?\d+)?)
    | (?P<name>[A-Za-z_][A-Za-z0-9_.]*)
    | (?P<op><>|<=|>=|[-+*/^&%=<>(),;])
    )""",
    re.VERBOSE,
)
_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")
Value = float | str | bool | dict[str, Any] | None  # dict: an errorValue; None: an empty cell
# A resolver of references: (sheet title or None for the formula's own, row, col) → value.
Lookup = Callable[[str | None, int, int], Value]


class Unsupported(Exception):
    """The formula uses something the emulator does not evaluate."""


@dataclass(frozen=True)
class _Ref:
    sheet: str | None
    row0: int
    col0: int
    row1: int
    col1: int

    def cells(self) -> Iterator[tuple[int, int]]:
        for row in range(self.row0, self.row1 + 1):
            for col in range(self.col0, self.col1 + 1):
                yield row, col


Node = tuple[Any, ...]


def _error(kind: str, message: str) -> dict[str, Any]:
    return {"type": kind, "message": message}


def _column(letters: str) -> int:
    number = 0
    for char in letters.upper():
        number = number * 26 + ord(char) - 64
    return number - 1


def _ref(text: str) -> _Ref:
    sheet = None
    if "!" in text:
        sheet, text = text.rsplit("!", 1)
        if sheet.startswith("'"):
            sheet = sheet[1:-1].replace("''", "'")
    corners = [_CELL.fullmatch(part) for part in text.split(":")]
    spots = [(int(m.group(2)) - 1, _column(m.group(1))) for m in corners if m]
    (r0, c0), (r1, c1) = spots[0], spots[-1]
    return _Ref(sheet, min(r0, r1), min(c0, c1), max(r0, r1), max(c0, c1))


def _tokens(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            raise Unsupported(f"cannot read {text[pos:]!r}")
        kind = match.lastgroup or ""
        out.append((kind, match.group(kind)))
        pos = match.end()
    return out


class _Parser:
    """Precedence climbing over Sheets' operators (unary minus binds tighter than ^)."""

    _LEVELS = (("=", "<>", "<", ">", "<=", ">="), ("&",), ("+", "-"), ("*", "/"), ("^",))

    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.pos = 0

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else ("end", "")

    def take(self) -> tuple[str, str]:
        token = self.peek()
        self.pos += 1
        return token

    def expect(self, text: str) -> None:
        if self.take() != ("op", text):
            raise Unsupported(f"expected {text!r}")

    def parse(self) -> Node:
        node = self.binary(0)
        if self.peek()[0] != "end":
            raise Unsupported("unexpected text after the formula")
        return node

    def binary(self, level: int) -> Node:
        if level == len(self._LEVELS):
            return self.unary()
        node = self.binary(level + 1)
        while self.peek()[0] == "op" and self.peek()[1] in self._LEVELS[level]:
            op = self.take()[1]
            node = ("binary", op, node, self.binary(level + 1))
        return node

    def unary(self) -> Node:
        if self.peek() in (("op", "-"), ("op", "+")):
            op = self.take()[1]
            return ("negate", self.unary()) if op == "-" else self.unary()
        node = self.primary()
        while self.peek() == ("op", "%"):
            self.take()
            node = ("percent", node)
        return node

    def primary(self) -> Node:
        kind, text = self.take()
        if kind == "number":
            return ("value", float(text))
        if kind == "string":
            return ("value", text[1:-1].replace('""', '"'))
        if kind == "ref":
            return ("ref", _ref(text))
        if kind == "name" and self.peek() == ("op", "("):
            return self.call(text.upper())
        if kind == "name" and text.upper() in ("TRUE", "FALSE"):
            return ("value", text.upper() == "TRUE")
        if (kind, text) == ("op", "("):
            node = self.binary(0)
            self.expect(")")
            return node
        raise Unsupported(f"cannot evaluate {text!r}")

    def call(self, name: str) -> Node:
        if name not in _FUNCTIONS:
            raise Unsupported(f"function {name} is not emulated")
        self.expect("(")
        args: list[Node] = []
        if self.peek() != ("op", ")"):
            args.append(self.binary(0))
            while self.peek() in (("op", ","), ("op", ";")):
                self.take()
                args.append(self.binary(0))
        self.expect(")")
        return ("call", name, tuple(args))


@lru_cache(maxsize=4096)
def parse_formula(formula: str) -> Node:
    """Parse a formula (with its leading `=`) once; raise Unsupported for what is not emulated."""
    return _Parser(_tokens(formula[1:])).parse()


def evaluate(formula: str, lookup: Lookup) -> dict[str, Any] | None:
    """The effective value (an ExtendedValue) of a formula, or None when it is not emulated."""
    try:
        result = _eval(parse_formula(formula), lookup)
    except (Unsupported, RecursionError):  # nesting deeper than Python's stack: not emulated
        return None
    if isinstance(result, list):
        result = result[0] if result else None
    return _extended(result)


def _extended(value: Value) -> dict[str, Any]:
    if value is None:
        return {"numberValue": 0.0}  # a formula showing an empty cell shows 0
    if isinstance(value, dict):
        return {"errorValue": value}
    if isinstance(value, bool):
        return {"boolValue": value}
    if isinstance(value, float):
        if math.isinf(value) or math.isnan(value):
            return {"errorValue": _error("NUM", "The result is too large or too small.")}
        return {"numberValue": value}
    return {"stringValue": value}


def _eval(node: Node, lookup: Lookup) -> Any:
    kind = node[0]
    if kind == "value":
        return node[1]
    if kind == "ref":
        ref: _Ref = node[1]
        values = [lookup(ref.sheet, row, col) for row, col in ref.cells()]
        return values[0] if len(values) == 1 else values
    if kind == "negate":
        number = _number(_eval(node[1], lookup), "UMINUS")
        return number if isinstance(number, dict) else -number
    if kind == "percent":
        number = _number(_eval(node[1], lookup), "UNARY_PERCENT")
        return number if isinstance(number, dict) else number / 100
    if kind == "binary":
        return _binary(node[1], _eval(node[2], lookup), _eval(node[3], lookup))
    args = [_eval(arg, lookup) for arg in node[2]]
    return _FUNCTIONS[node[1]](args)


def _number(value: Any, function: str) -> float | dict[str, Any]:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        return value
    if value is None:
        return 0.0
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, float | int):
        return float(value)
    try:
        return float(value)
    except ValueError:
        return _error(
            "VALUE",
            f"Function {function} parameter expects number values. But '{value}' is a text "
            "and cannot be coerced to a number.",
        )


_ARITHMETIC: dict[str, tuple[str, Callable[[float, float], float]]] = {
    "+": ("ADD", lambda a, b: a + b),
    "-": ("MINUS", lambda a, b: a - b),
    "*": ("MULTIPLY", lambda a, b: a * b),
    "^": ("POW", lambda a, b: a**b),
}


def _binary(op: str, left: Any, right: Any) -> Any:
    if op == "&":
        return (
            _text(left) + _text(right) if not _any_error(left, right) else _first_error(left, right)
        )
    if op in ("=", "<>", "<", ">", "<=", ">="):
        return _compare(op, left, right)
    name = "DIVIDE" if op == "/" else _ARITHMETIC[op][0]
    a, b = _number(left, name), _number(right, name)
    if isinstance(a, dict):
        return a
    if isinstance(b, dict):
        return b
    if op == "/":
        if b == 0:
            return _error("DIVIDE_BY_ZERO", "Function DIVIDE parameter 2 cannot be zero.")
        return a / b
    try:
        return _ARITHMETIC[op][1](a, b)
    except (OverflowError, ZeroDivisionError, ValueError):
        return _error("NUM", f"Function {name} result is not a real number.")


def _any_error(*values: Any) -> bool:
    return any(isinstance(v, dict) for v in values)


def _first_error(*values: Any) -> Any:
    return next(v for v in values if isinstance(v, dict))


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.15g}"
    return str(value)


def _compare(op: str, left: Any, right: Any) -> Any:
    if _any_error(left, right):
        return _first_error(left, right)
    left, right = (_scalar(left), _scalar(right))
    # Sheets orders numbers before text before booleans; text compares without case.
    rank = {float: 0, str: 1, bool: 2}
    key_l = (rank[type(left)], left.lower() if isinstance(left, str) else left)
    key_r = (rank[type(right)], right.lower() if isinstance(right, str) else right)
    return {
        "=": key_l == key_r,
        "<>": key_l != key_r,
        "<": key_l < key_r,
        ">": key_l > key_r,
        "<=": key_l <= key_r,
        ">=": key_l >= key_r,
    }[op]


def _scalar(value: Any) -> float | str | bool:
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None:
        return 0.0
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    result: float | str | bool = value
    return result


def _flat(args: list[Any]) -> list[Any]:
    out: list[Any] = []
    for arg in args:
        out.extend(arg if isinstance(arg, list) else [arg])
    return out


def _numbers(args: list[Any]) -> list[float] | dict[str, Any]:
    """The numbers among the arguments, as SUM reads them: text and blanks in ranges skip."""
    out: list[float] = []
    for arg in args:
        if isinstance(arg, list):
            for item in arg:
                if isinstance(item, dict):
                    return item
                if isinstance(item, float) and not isinstance(item, bool):
                    out.append(item)
            continue
        number = _number(arg, "SUM")
        if isinstance(number, dict):
            return number
        out.append(number)
    return out


def _aggregate(combine: Callable[[list[float]], float], empty: float) -> Callable[[list[Any]], Any]:
    def run(args: list[Any]) -> Any:
        numbers = _numbers(args)
        if isinstance(numbers, dict):
            return numbers
        return combine(numbers) if numbers else empty

    return run


def _average(args: list[Any]) -> Any:
    numbers = _numbers(args)
    if isinstance(numbers, dict):
        return numbers
    if not numbers:
        return _error(
            "DIVIDE_BY_ZERO", "Evaluation of function AVERAGE caused a divide by zero error."
        )
    return sum(numbers) / len(numbers)


def _if(args: list[Any]) -> Any:
    if not 2 <= len(args) <= 3:
        raise Unsupported("IF takes two or three arguments")
    test = _number(args[0], "IF") if not isinstance(args[0], bool) else args[0]
    if isinstance(test, dict):
        return test
    chosen = args[1] if test else (args[2] if len(args) == 3 else False)
    return chosen


def _logical(combine: Callable[[list[bool]], bool]) -> Callable[[list[Any]], Any]:
    def run(args: list[Any]) -> Any:
        truths: list[bool] = []
        for item in _flat(args):
            if isinstance(item, dict):
                return item
            if item is None or isinstance(item, str):
                continue
            truths.append(bool(item))
        return combine(truths)

    return run


def _round(args: list[Any]) -> Any:
    number = _number(args[0], "ROUND") if args else 0.0
    places = _number(args[1], "ROUND") if len(args) > 1 else 0.0
    if isinstance(number, dict) or isinstance(places, dict):
        return number if isinstance(number, dict) else places
    scale = 10 ** int(places)
    return math.floor(abs(number) * scale + 0.5) / scale * (1 if number >= 0 else -1)


def _abs(args: list[Any]) -> Any:
    number = _number(args[0], "ABS") if args else 0.0
    return number if isinstance(number, dict) else abs(number)


_FUNCTIONS: dict[str, Callable[[list[Any]], Any]] = {
    "SUM": _aggregate(sum, 0.0),
    "MIN": _aggregate(min, 0.0),
    "MAX": _aggregate(max, 0.0),
    "AVERAGE": _average,
    "COUNT": lambda args: float(
        sum(1 for v in _flat(args) if isinstance(v, float) and not isinstance(v, bool))
    ),
    "COUNTA": lambda args: float(sum(1 for v in _flat(args) if v not in (None, ""))),
    "IF": _if,
    "AND": _logical(lambda truths: all(truths)),
    "OR": _logical(lambda truths: any(truths)),
    "NOT": lambda args: not bool(_scalar(args[0])) if args else True,
    "ROUND": _round,
    "ABS": _abs,
}
