"""Who is calling, checked once per request from the views' side."""

from __future__ import annotations

from flask import current_app, request
from pydantic import BaseModel, ConfigDict, Field

from service.auth import Caller
from service.context import Services

__all__ = ["SpreadsheetPath", "TabPath", "authorize", "authorize_scheduler", "services"]

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


def authorize(spreadsheet_id: str | None = None) -> Caller:
    """The verified caller; with a spreadsheet, also check they may edit it."""
    wired = services()
    caller = wired.identity.verify(request.headers.get("Authorization"))
    if spreadsheet_id is not None and wired.editors is not None:
        wired.editors.check(caller, spreadsheet_id)
    return caller


def authorize_scheduler() -> Caller:
    """The scheduler (App Engine cron or Cloud Tasks, or a verified OIDC token), or 403."""
    return services().scheduler.check(dict(request.headers))
