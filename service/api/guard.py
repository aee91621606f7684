"""Who is calling, checked once per request from the views' side."""

from __future__ import annotations

from flask import current_app, g, request
from pydantic import BaseModel, ConfigDict, Field

from service.auth import Caller
from service.context import Services

__all__ = [
    "SpreadsheetPath",
    "TabPath",
    "authorize",
    "authorize_scheduler",
    "identify",
    "services",
]

SPREADSHEET_ID = r"^[A-Za-z0-9_-]{1,128}$"


class SpreadsheetPath(BaseModel):
    """A spreadsheet id in the URL, as it appears in the sheet's own URL."""

    model_config = ConfigDict(frozen=True)

    spreadsheet_id: str = Field(pattern=SPREADSHEET_ID)


class TabPath(SpreadsheetPath):
    """A spreadsheet id and a tab id (the `gid` in the sheet's URL)."""

    tab_id: int = Field(ge=0)


def services() -> Services:
    """The app's wired ports."""
    wired: Services = current_app.extensions["scorecard"]
    return wired


def identify() -> Caller | None:
    """Who is calling, before anything else is looked at: a person on /api, the scheduler on
    /tasks; None for the open routes (liveness, the OpenAPI document, unknown paths)."""
    wired = services()
    if request.path.startswith("/tasks/"):
        return wired.scheduler.check(dict(request.headers))
    if request.path.startswith("/api/"):
        return wired.identity.verify(request.headers.get("Authorization"))
    return None


def _caller() -> Caller:
    caller: Caller | None = g.get("caller")
    if caller is None:  # pragma: no cover - every /api and /tasks request was identified
        raise RuntimeError("the request was not identified before its view")
    return caller


def authorize(spreadsheet_id: str | None = None) -> Caller:
    """The caller identified for this request; with a spreadsheet, check they may edit it."""
    wired = services()
    caller = _caller()
    if spreadsheet_id is not None and wired.editors is not None:
        wired.editors.check(caller, spreadsheet_id)
    return caller


def authorize_scheduler() -> Caller:
    """The scheduler identified for this request (App Engine, Cloud Tasks or OIDC)."""
    caller = _caller()
    if caller.kind != "scheduler":  # pragma: no cover - /tasks is identified as the scheduler
        raise RuntimeError("a /tasks view met a caller that is not the scheduler")
    return caller
