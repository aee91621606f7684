"""Developer metadata: create/update/delete requests and the DataFilter lookups behind search."""

from __future__ import annotations

import copy
from typing import Any

from .a1 import Box
from .document import Doc, box_of, grid_size, new_id, resolve_range, sheet_by_id
from .errors import bad_request
from .masks import apply_update, box_of_grid_range

__all__ = ["METADATA_HANDLERS", "filtered_boxes", "matching_metadata", "search_metadata"]

Reply = dict[str, Any] | None
_LOCATION_TYPES = {"spreadsheet": "SPREADSHEET", "sheetId": "SHEET", "dimensionRange": None}


def _location(doc: Doc, given: dict[str, Any]) -> dict[str, Any]:
    if given.get("spreadsheet"):
        return {"locationType": "SPREADSHEET", "spreadsheet": True}
    if given.get("sheetId") is not None:
        sheet_by_id(doc, given["sheetId"])
        return {"locationType": "SHEET", "sheetId": given["sheetId"]}
    span = given.get("dimensionRange")
    if span:
        sheet_by_id(doc, span.get("sheetId") or 0)
        kind = "ROW" if span.get("dimension") == "ROWS" else "COLUMN"
        # DimensionRange.sheetId is a plain int32: Google leaves it out when it is 0.
        clean = {
            "sheetId": span.get("sheetId") or None,
            "dimension": span.get("dimension"),
            "startIndex": span.get("startIndex") or 0,
            "endIndex": span.get("endIndex"),
        }
        return {
            "locationType": kind,
            "dimensionRange": {k: v for k, v in clean.items() if v is not None},
        }
    raise bad_request("Developer metadata must have a location.")


def create_metadata(doc: Doc, request: dict[str, Any]) -> Reply:
    """createDeveloperMetadata on the spreadsheet, a sheet, or rows/columns."""
    given = request.get("developerMetadata") or {}
    if not given.get("metadataKey"):
        raise bad_request("Developer metadata must have a key.")
    metadata_id = given.get("metadataId") or new_id()
    if any(m["metadataId"] == metadata_id for m in doc.get("developerMetadata", [])):
        raise bad_request(f"Developer metadata with id {metadata_id} already exists.")
    entry = {
        "metadataId": metadata_id,
        "metadataKey": given["metadataKey"],
        "location": _location(doc, given.get("location") or {}),
        "visibility": given.get("visibility") or "DOCUMENT",
    }
    if given.get("metadataValue") is not None:
        entry["metadataValue"] = given["metadataValue"]
    doc.setdefault("developerMetadata", []).append(entry)
    return {"createDeveloperMetadata": {"developerMetadata": copy.deepcopy(entry)}}


def _sheet_of(location: dict[str, Any]) -> int | None:
    if location.get("locationType") == "SHEET" or "sheetId" in location:
        return int(location.get("sheetId") or 0)
    span = location.get("dimensionRange")
    return int(span.get("sheetId") or 0) if span else None


def _location_matches(entry: dict[str, Any], wanted: dict[str, Any], exact: bool) -> bool:
    """Whether metadata at `entry`'s location is selected by the location `wanted`.

    Exact: the same location. Intersecting (Google's default): also any location that
    overlaps it: the spreadsheet overlaps everything, a sheet its rows and columns, a
    row every column of its sheet, and rows or columns each other when their spans meet.
    """
    location = entry["location"]
    kind = location["locationType"]
    if wanted.get("spreadsheet"):
        return kind == "SPREADSHEET" or not exact
    if kind == "SPREADSHEET":
        return not exact
    if wanted.get("sheetId") is not None:
        if exact:
            return bool(kind == "SHEET" and location.get("sheetId") == wanted["sheetId"])
        return bool(_sheet_of(location) == wanted["sheetId"])
    want = wanted.get("dimensionRange")
    if not want:
        return False
    if kind == "SHEET":
        return not exact and location.get("sheetId") == (want.get("sheetId") or 0)
    span = location["dimensionRange"]
    same_sheet = bool(span.get("sheetId", 0) == (want.get("sheetId") or 0))
    lo, hi = want.get("startIndex") or 0, want.get("endIndex")
    if span["dimension"] != want.get("dimension"):
        return same_sheet and not exact  # a row and a column of one sheet always cross
    if exact:
        return same_sheet and (span["startIndex"], span["endIndex"]) == (lo, hi)
    return (
        same_sheet
        and span["startIndex"] < (hi if hi is not None else 2**31)
        and lo < span["endIndex"]
    )


def _lookup_matches(entry: dict[str, Any], lookup: dict[str, Any]) -> bool:
    checks = (
        ("metadataId", entry["metadataId"]),
        ("metadataKey", entry["metadataKey"]),
        ("metadataValue", entry.get("metadataValue")),
        ("visibility", entry["visibility"]),
        ("locationType", entry["location"]["locationType"]),
    )
    if any(lookup.get(key) is not None and lookup[key] != value for key, value in checks):
        return False
    where = lookup.get("metadataLocation")
    if where:
        if where.get("locationType") and where["locationType"] != entry["location"]["locationType"]:
            return False
        # Google's default strategy is INTERSECTING_LOCATION.
        exact = lookup.get("locationMatchingStrategy") == "EXACT_LOCATION"
        if set(where) - {"locationType"} and not _location_matches(entry, where, exact):
            return False
    return True


def _range_matches(doc: Doc, entry: dict[str, Any], data_filter: dict[str, Any]) -> bool:
    span = entry["location"].get("dimensionRange")
    if not span:
        return False
    if "a1Range" in data_filter:
        sheet, bounds = resolve_range(doc, data_filter["a1Range"])
        sheet_id = sheet["properties"]["sheetId"]
        lo, hi = (
            (bounds.row0, bounds.row1)
            if span["dimension"] == "ROWS"
            else (bounds.col0, bounds.col1)
        )
    else:
        grid = data_filter["gridRange"]
        sheet_id = grid.get("sheetId") or 0
        keys = (
            ("startRowIndex", "endRowIndex")
            if span["dimension"] == "ROWS"
            else ("startColumnIndex", "endColumnIndex")
        )
        lo, hi = grid.get(keys[0]), grid.get(keys[1])
    wanted = {
        "sheetId": sheet_id,
        "dimension": span["dimension"],
        "startIndex": lo or 0,
        "endIndex": hi,
    }
    return _location_matches(entry, {"dimensionRange": wanted}, exact=False)


def matching_metadata(doc: Doc, data_filter: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the stored metadata entries a DataFilter selects."""
    found = []
    for entry in doc.get("developerMetadata", []):
        if "developerMetadataLookup" in data_filter:
            if _lookup_matches(entry, data_filter["developerMetadataLookup"] or {}):
                found.append(entry)
        elif ("a1Range" in data_filter or "gridRange" in data_filter) and _range_matches(
            doc, entry, data_filter
        ):
            found.append(entry)
    return found


def _metadata_boxes(doc: Doc, entry: dict[str, Any]) -> list[tuple[int, Box]]:
    """The cells a metadata entry is attached to: a sheet, whole rows or whole columns."""
    location = entry["location"]
    if location["locationType"] == "SPREADSHEET":
        whole = []
        for sheet in doc["sheets"]:
            rows, cols = grid_size(sheet)
            whole.append((sheet["properties"]["sheetId"], Box(0, rows, 0, cols)))
        return whole
    if location["locationType"] == "SHEET":
        sheet = sheet_by_id(doc, location["sheetId"])
        rows, cols = grid_size(sheet)
        return [(location["sheetId"], Box(0, rows, 0, cols))]
    span = location["dimensionRange"]
    sheet_id = span.get("sheetId", 0)
    rows, cols = grid_size(sheet_by_id(doc, sheet_id))
    lo, hi = span.get("startIndex", 0), span["endIndex"]
    box = Box(lo, hi, 0, cols) if span["dimension"] == "ROWS" else Box(0, rows, lo, hi)
    return [(sheet_id, box)]


def filtered_boxes(doc: Doc, data_filters: list[dict[str, Any]]) -> dict[int, list[Box]]:
    """Sheet id → the boxes that getByDataFilter's filters select, each box once."""
    chosen: dict[int, list[Box]] = {}
    for data_filter in data_filters:
        found: list[tuple[int, Box]] = []
        if "developerMetadataLookup" in data_filter:
            for entry in matching_metadata(doc, data_filter):
                found.extend(_metadata_boxes(doc, entry))
        elif "a1Range" in data_filter:
            sheet, bounds = resolve_range(doc, data_filter["a1Range"])
            box = box_of(sheet, bounds, data_filter["a1Range"])
            found.append((sheet["properties"]["sheetId"], box))
        elif "gridRange" in data_filter:
            sheet, box = box_of_grid_range(doc, data_filter["gridRange"])
            found.append((sheet["properties"]["sheetId"], box))
        for sheet_id, box in found:
            if box not in chosen.setdefault(sheet_id, []):
                chosen[sheet_id].append(box)
    return chosen


def search_metadata(doc: Doc, body: dict[str, Any]) -> dict[str, Any]:
    """developerMetadata:search — every match with the filters that matched it."""
    matched: dict[int, dict[str, Any]] = {}
    for data_filter in body.get("dataFilters") or []:
        for entry in matching_metadata(doc, data_filter):
            item = matched.setdefault(
                entry["metadataId"], {"developerMetadata": copy.deepcopy(entry), "dataFilters": []}
            )
            item["dataFilters"].append(copy.deepcopy(data_filter))
    return {"matchedDeveloperMetadata": list(matched.values())} if matched else {}


def update_metadata(doc: Doc, request: dict[str, Any]) -> Reply:
    """updateDeveloperMetadata: every entry the filters select takes the masked fields."""
    given = request.get("developerMetadata") or {}
    targets = {
        m["metadataId"]: m
        for f in request.get("dataFilters") or []
        for m in matching_metadata(doc, f)
    }
    for entry in targets.values():
        updated = copy.deepcopy(entry)
        apply_update(updated, given, request.get("fields"))
        if "location" in given and given["location"]:
            updated["location"] = _location(doc, given["location"])
        updated["metadataId"] = entry["metadataId"]
        entry.clear()
        entry.update(updated)
    return {"updateDeveloperMetadata": {"developerMetadata": copy.deepcopy(list(targets.values()))}}


def delete_metadata(doc: Doc, request: dict[str, Any]) -> Reply:
    """deleteDeveloperMetadata: remove every entry the filter selects."""
    doomed = matching_metadata(doc, request.get("dataFilter") or {})
    ids = {m["metadataId"] for m in doomed}
    doc["developerMetadata"] = [
        m for m in doc.get("developerMetadata", []) if m["metadataId"] not in ids
    ]
    return {"deleteDeveloperMetadata": {"deletedDeveloperMetadata": copy.deepcopy(doomed)}}


METADATA_HANDLERS = {
    "createDeveloperMetadata": create_metadata,
    "updateDeveloperMetadata": update_metadata,
    "deleteDeveloperMetadata": delete_metadata,
}
