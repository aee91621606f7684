"""batchUpdate requests on named ranges, protected ranges, conditional rules and basic filters."""

from __future__ import annotations

import copy
from typing import Any

from .document import Doc, new_id, sheet_by_id
from .errors import bad_request
from .masks import apply_update, box_of_grid_range, clean_range

__all__ = ["RANGE_HANDLERS"]

Reply = dict[str, Any] | None
# Who a new protected range lists as editor: the caller (the emulator has no accounts).
EMULATED_EDITOR = "service-account@scorecard.local"


def _named(doc: Doc, named_id: str) -> dict[str, Any]:
    named: dict[str, Any]
    for named in doc.get("namedRanges", []):
        if named["namedRangeId"] == named_id:
            return named
    raise bad_request(f"No named range with id: {named_id}")


def _check_name(doc: Doc, name: str, own_id: str | None) -> None:
    for named in doc.get("namedRanges", []):
        if named["name"].lower() == name.lower() and named["namedRangeId"] != own_id:
            raise bad_request(f"Named range with name '{name}' already exists.")


def add_named_range(doc: Doc, request: dict[str, Any]) -> Reply:
    """addNamedRange: a chosen or random id; names are unique."""
    given = copy.deepcopy(request.get("namedRange") or {})
    name = given.get("name") or ""
    if not name:
        raise bad_request("A named range must have a name.")
    _check_name(doc, name, None)
    box_of_grid_range(doc, given.get("range") or {})
    named = {
        "namedRangeId": str(given.get("namedRangeId") or new_id()),
        "name": name,
        "range": clean_range(given.get("range") or {}),
    }
    doc.setdefault("namedRanges", []).append(named)
    return {"addNamedRange": {"namedRange": copy.deepcopy(named)}}


def update_named_range(doc: Doc, request: dict[str, Any]) -> Reply:
    """updateNamedRange under a fields mask (name, range)."""
    given = request.get("namedRange") or {}
    named = _named(doc, str(given.get("namedRangeId")))
    updated = copy.deepcopy(named)
    apply_update(updated, given, request.get("fields"))
    _check_name(doc, updated.get("name", ""), named["namedRangeId"])
    updated["range"] = clean_range(updated.get("range") or {})
    named.clear()
    named.update(updated)
    return None


def delete_named_range(doc: Doc, request: dict[str, Any]) -> Reply:
    """deleteNamedRange by id."""
    named = _named(doc, str(request.get("namedRangeId")))
    doc["namedRanges"].remove(named)
    return None


def add_protected_range(doc: Doc, request: dict[str, Any]) -> Reply:
    """addProtectedRange (warningOnly or with editors); the reply lists the caller as editor."""
    given = copy.deepcopy(request.get("protectedRange") or {})
    grid = given.get("range") or {}
    sheet, _ = box_of_grid_range(doc, grid)
    stored = {k: v for k, v in given.items() if v not in (None, False)}
    stored["protectedRangeId"] = int(given.get("protectedRangeId") or new_id())
    stored["range"] = clean_range(grid)
    stored["requestingUserCanEdit"] = True
    reply = {**copy.deepcopy(stored), "editors": {}}
    stored["editors"] = {"users": [EMULATED_EDITOR]}
    sheet.setdefault("protectedRanges", []).append(stored)
    return {"addProtectedRange": {"protectedRange": reply}}


def delete_protected_range(doc: Doc, request: dict[str, Any]) -> Reply:
    """deleteProtectedRange by id."""
    wanted = request.get("protectedRangeId")
    for sheet in doc["sheets"]:
        kept = [p for p in sheet.get("protectedRanges", []) if p["protectedRangeId"] != wanted]
        if len(kept) != len(sheet.get("protectedRanges", [])):
            sheet["protectedRanges"] = kept
            if not kept:
                del sheet["protectedRanges"]
            return None
    raise bad_request(f"No protected range with id: {wanted}")


def add_conditional_rule(doc: Doc, request: dict[str, Any]) -> Reply:
    """addConditionalFormatRule at an index (default first) of the rule's sheet."""
    rule = copy.deepcopy(request.get("rule") or {})
    ranges = rule.get("ranges") or []
    if not ranges:
        raise bad_request("A conditional format rule needs at least one range.")
    sheet, _ = box_of_grid_range(doc, ranges[0])
    rule["ranges"] = [clean_range(r) for r in ranges]
    rules: list[dict[str, Any]] = sheet.setdefault("conditionalFormats", [])
    rules.insert(min(request.get("index") or 0, len(rules)), rule)
    return None


def delete_conditional_rule(doc: Doc, request: dict[str, Any]) -> Reply:
    """deleteConditionalFormatRule by sheet and index; the reply carries the removed rule."""
    sheet = sheet_by_id(doc, request.get("sheetId") or 0)
    rules = sheet.get("conditionalFormats", [])
    index = request.get("index") or 0
    if index >= len(rules):
        raise bad_request(
            f"No conditional format on sheet {request.get('sheetId') or 0} at index {index}"
        )
    rule = rules.pop(index)
    if not rules:
        del sheet["conditionalFormats"]
    return {"deleteConditionalFormatRule": {"rule": rule}}


def set_basic_filter(doc: Doc, request: dict[str, Any]) -> Reply:
    """setBasicFilter: one filter per sheet, replaced whole (range, sortSpecs, filterSpecs)."""
    given = copy.deepcopy(request.get("filter") or {})
    grid = given.get("range") or {}
    sheet, _ = box_of_grid_range(doc, grid)
    given["range"] = clean_range(grid)
    sheet["basicFilter"] = given
    return None


def clear_basic_filter(doc: Doc, request: dict[str, Any]) -> Reply:
    """clearBasicFilter: removes the sheet's filter (a no-op when it has none)."""
    sheet_by_id(doc, request.get("sheetId") or 0).pop("basicFilter", None)
    return None


RANGE_HANDLERS = {
    "addNamedRange": add_named_range,
    "updateNamedRange": update_named_range,
    "deleteNamedRange": delete_named_range,
    "addProtectedRange": add_protected_range,
    "deleteProtectedRange": delete_protected_range,
    "addConditionalFormatRule": add_conditional_rule,
    "deleteConditionalFormatRule": delete_conditional_rule,
    "setBasicFilter": set_basic_filter,
    "clearBasicFilter": clear_basic_filter,
}
