"""Scheduler entry points: trusted only from App Engine cron, Cloud Tasks or an OIDC token."""

from __future__ import annotations

from typing import Any

from flask_openapi3 import APIBlueprint, Tag

from service.api.guard import SpreadsheetPath, authorize_scheduler, services
from service.workflows import sync

__all__ = ["bp"]

bp = APIBlueprint("tasks", __name__, url_prefix="/tasks", abp_tags=[Tag(name="tasks")])


@bp.post("/sync/<spreadsheet_id>")
def sync_task(path: SpreadsheetPath) -> dict[str, Any]:
    """Sync one spreadsheet for the scheduler."""
    authorize_scheduler()
    return sync(services(), path.spreadsheet_id).model_dump(mode="json")
