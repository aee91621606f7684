"""Map an HTTP method and URL onto an emulated endpoint."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from .errors import ApiError
from .faults import RequestKind

__all__ = ["Route", "match_route"]

_R, _W, _O = RequestKind.READ, RequestKind.WRITE, RequestKind.OTHER
_ID = r"(?P<sid>[^/:]+)"
# (method, path pattern, endpoint name, quota kind); first match wins.
_TABLE: list[tuple[str, re.Pattern[str], str, RequestKind]] = [
    ("POST", re.compile(r"^/v4/spreadsheets$"), "create", _W),
    ("GET", re.compile(rf"^/v4/spreadsheets/{_ID}$"), "get", _R),
    ("POST", re.compile(rf"^/v4/spreadsheets/{_ID}:batchUpdate$"), "batchUpdate", _W),
    ("POST", re.compile(rf"^/v4/spreadsheets/{_ID}:getByDataFilter$"), "getByDataFilter", _R),
    ("GET", re.compile(rf"^/v4/spreadsheets/{_ID}/values:batchGet$"), "values.batchGet", _R),
    ("POST", re.compile(rf"^/v4/spreadsheets/{_ID}/values:batchUpdate$"), "values.batchUpdate", _W),
    ("POST", re.compile(rf"^/v4/spreadsheets/{_ID}/values:batchClear$"), "values.batchClear", _W),
    (
        "POST",
        re.compile(rf"^/v4/spreadsheets/{_ID}/values/(?P<range>.+):append$"),
        "values.append",
        _W,
    ),
    (
        "POST",
        re.compile(rf"^/v4/spreadsheets/{_ID}/values/(?P<range>.+):clear$"),
        "values.clear",
        _W,
    ),
    ("GET", re.compile(rf"^/v4/spreadsheets/{_ID}/values/(?P<range>.+)$"), "values.get", _R),
    ("PUT", re.compile(rf"^/v4/spreadsheets/{_ID}/values/(?P<range>.+)$"), "values.update", _W),
    (
        "POST",
        re.compile(rf"^/v4/spreadsheets/{_ID}/developerMetadata:search$"),
        "developerMetadata.search",
        _R,
    ),
    (
        "GET",
        re.compile(rf"^/v4/spreadsheets/{_ID}/developerMetadata/(?P<meta>\d+)$"),
        "developerMetadata.get",
        _R,
    ),
    ("POST", re.compile(r"^/drive/v3/files$"), "drive.create", _O),
    ("GET", re.compile(r"^/drive/v3/files$"), "drive.list", _O),
    ("GET", re.compile(rf"^/drive/v3/files/{_ID}$"), "drive.get", _O),
    ("DELETE", re.compile(rf"^/drive/v3/files/{_ID}$"), "drive.delete", _O),
]


@dataclass(frozen=True)
class Route:
    """The endpoint a request addresses, with the ids and range taken from its path."""

    endpoint: str
    kind: RequestKind
    spreadsheet_id: str | None
    range_text: str | None
    metadata_id: int | None


def match_route(method: str, url: str) -> Route:
    """Find the endpoint for a request or raise Google's 404."""
    path = urlsplit(url).path
    for verb, pattern, endpoint, kind in _TABLE:
        match = pattern.match(path)
        if verb != method.upper() or match is None:
            continue
        groups = match.groupdict()
        sid = unquote(groups["sid"]) if groups.get("sid") else None
        text = unquote(groups["range"]) if groups.get("range") else None
        meta = int(groups["meta"]) if groups.get("meta") else None
        return Route(endpoint, kind, sid, text, meta)
    raise ApiError(404, f"Method not found: {method} {path}")
