"""A1 notation: parse ranges, clip them to a grid, and write them back as Google does."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import bad_request

__all__ = [
    "Bounds",
    "Box",
    "column_letters",
    "column_number",
    "format_range",
    "parse_a1",
    "quote_title",
    "split_sheet",
]

_PART = re.compile(r"^([A-Za-z]*)(\d*)$")
_CELL_LIKE = re.compile(r"^[A-Za-z]{1,3}\d+$|^[Rr]\d*[Cc]\d*$")
_PLAIN_TITLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_MAX_COLUMN = 18278


@dataclass(frozen=True)
class Box:
    """A concrete half-open rectangle of cells, zero-based."""

    row0: int
    row1: int
    col0: int
    col1: int

    @property
    def rows(self) -> int:
        """Number of rows covered."""
        return self.row1 - self.row0

    @property
    def cols(self) -> int:
        """Number of columns covered."""
        return self.col1 - self.col0


@dataclass(frozen=True)
class Bounds:
    """A possibly open-ended rectangle: None means unbounded on that side."""

    row0: int | None = None
    row1: int | None = None
    col0: int | None = None
    col1: int | None = None

    def clip(self, row_count: int, col_count: int) -> Box:
        """Close the open sides against the grid size."""
        row0 = self.row0 or 0
        col0 = self.col0 or 0
        row1 = row_count if self.row1 is None else self.row1
        col1 = col_count if self.col1 is None else self.col1
        return Box(row0, max(row1, row0), col0, max(col1, col0))


def column_number(letters: str) -> int:
    """Return the zero-based index of a column written in letters (A → 0)."""
    number = 0
    for char in letters.upper():
        number = number * 26 + (ord(char) - 64)
    return number - 1


def column_letters(index: int) -> str:
    """Return the letters of a zero-based column index (0 → A)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def quote_title(title: str) -> str:
    """Write a sheet title as Google does in ranges: quoted when it needs it."""
    if _PLAIN_TITLE.match(title) and not _CELL_LIKE.match(title):
        return title
    return "'" + title.replace("'", "''") + "'"


def format_range(title: str, box: Box) -> str:
    """Write a concrete range as `Title!A1:B2` (a single cell as `Title!A1`)."""
    start = f"{column_letters(box.col0)}{box.row0 + 1}"
    end = f"{column_letters(max(box.col1 - 1, box.col0))}{max(box.row1, box.row0 + 1)}"
    cells = start if start == end else f"{start}:{end}"
    return f"{quote_title(title)}!{cells}"


def split_sheet(text: str) -> tuple[str | None, str | None]:
    """Split `'Title'!A1:B2` into (title, cells); either part may be absent."""
    if text.startswith("'"):
        title_chars: list[str] = []
        index = 1
        while index < len(text):
            char = text[index]
            if char == "'":
                if text[index + 1 : index + 2] == "'":
                    title_chars.append("'")
                    index += 2
                    continue
                rest = text[index + 1 :]
                if rest == "":
                    return "".join(title_chars), None
                if rest.startswith("!"):
                    return "".join(title_chars), rest[1:] or None
                break
            title_chars.append(char)
            index += 1
        raise bad_request(f"Unable to parse range: {text}")
    if "!" in text:
        title, cells = text.rsplit("!", 1)
        return title, cells or None
    return None, text


def _parse_part(part: str, whole: str) -> tuple[int | None, int | None]:
    match = _PART.match(part.replace("$", ""))
    if match is None or part == "":
        raise bad_request(f"Unable to parse range: {whole}")
    letters, digits = match.groups()
    col = column_number(letters) if letters else None
    row = int(digits) - 1 if digits else None
    if (row is not None and row < 0) or (col is not None and col >= _MAX_COLUMN):
        raise bad_request(f"Unable to parse range: {whole}")
    return row, col


def parse_a1(cells: str, whole: str) -> Bounds:
    """Parse the cell part of a range (`A1`, `A1:C`, `A:C`, `2:5`) into bounds."""
    first, _, second = cells.partition(":")
    row0, col0 = _parse_part(first, whole)
    if not second:
        return Bounds(row0, _next(row0), col0, _next(col0))
    row1, col1 = _parse_part(second, whole)
    if row0 is not None and row1 is not None and row1 < row0:
        row0, row1 = row1, row0
    if col0 is not None and col1 is not None and col1 < col0:
        col0, col1 = col1, col0
    return Bounds(row0, _next(row1), col0, _next(col1))


def _next(index: int | None) -> int | None:
    return None if index is None else index + 1
