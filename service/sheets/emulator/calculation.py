"""One read's effective values: formulas worked out from the cells they refer to, once each."""

from __future__ import annotations

from typing import Any

from .document import Doc, Sheet, cell_at, grid_size, sheet_by_title
from .formulas import Value, evaluate

__all__ = ["Calculation"]

_CIRCULAR = {
    "type": "REF",
    "message": "Circular dependency detected. To resolve with iterative calculation, "
    "see File > Settings.",
}


class Calculation:
    """Effective values for the cells of one document, as a read sees them."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._done: dict[tuple[int, int, int], dict[str, Any] | None] = {}
        self._busy: set[tuple[int, int, int]] = set()

    def effective(
        self, sheet: Sheet, row: int, col: int, cell: dict[str, Any] | None
    ) -> dict[str, Any] | None:
        """What the cell shows: its own value, or its formula's result (None: not known)."""
        entered: dict[str, Any] | None = (cell or {}).get("userEnteredValue")
        if entered is None or "formulaValue" not in entered:
            return entered
        key = (int(sheet["properties"]["sheetId"]), row, col)
        if key in self._done:
            return self._done[key]
        if key in self._busy:
            return {"errorValue": dict(_CIRCULAR)}
        self._busy.add(key)
        try:
            result = evaluate(
                entered["formulaValue"], lambda title, r, c: self._value(sheet, title, r, c)
            )
        finally:
            self._busy.discard(key)
        stored: dict[str, Any] | None = (cell or {}).get("effectiveValue")
        self._done[key] = result if result is not None else stored
        return self._done[key]

    def _value(self, sheet: Sheet, title: str | None, row: int, col: int) -> Value:
        target = sheet if title is None else sheet_by_title(self.doc, title)
        if target is None:
            return {"type": "REF", "message": f"Unresolved sheet name '{title}'."}
        rows, cols = grid_size(target)
        if row >= rows or col >= cols:
            return {"type": "REF", "message": "Reference does not exist."}
        effective = self.effective(target, row, col, cell_at(target, row, col))
        return _plain(effective)


def _plain(effective: dict[str, Any] | None) -> Value:
    if not effective:
        return None
    if "numberValue" in effective:
        return float(effective["numberValue"])
    if "boolValue" in effective:
        return bool(effective["boolValue"])
    if "errorValue" in effective:
        error: dict[str, Any] = effective["errorValue"]
        return error
    return str(effective.get("stringValue", ""))
