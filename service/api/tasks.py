"""Scheduler entry points: trusted only from App Engine cron, Cloud Tasks or an OIDC token."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_openapi3 import APIBlueprint, Tag
from pydantic import BaseModel

from service.api.guard import SpreadsheetPath, authorize_scheduler, services
from service.errors import Unavailable
from service.scheduling import SyncOutcome
from service.workflows.fleet import enqueue_due_syncs, run_sync_task, skip_unchanged

__all__ = ["bp"]

bp = APIBlueprint("tasks", __name__, url_prefix="/tasks", abp_tags=[Tag(name="tasks")])


class Queued(BaseModel):
    """What the cron tick did: tasks queued, and sheets settled as unchanged without a read."""

    queued: int
    unchanged: int = 0


@bp.get("/sync-due", responses={200: Queued})
def sync_due() -> dict[str, Any]:
    """Queue one named sync task per due spreadsheet (App Engine cron)."""
    authorize_scheduler()
    wired = services()
    unchanged = skip_unchanged(wired) if wired.settings.drive_change_filter else 0
    return Queued(queued=enqueue_due_syncs(wired), unchanged=unchanged).model_dump()


@bp.post("/sync/<spreadsheet_id>", responses={200: SyncOutcome})
def sync_task(path: SpreadsheetPath) -> dict[str, Any]:
    """Run one delivery of a spreadsheet's sync task; a repeat is a no-op.

    A retryable failure answers 503 so the queue tries again with back-off; a
    permanent one (say, the sheet was unshared) is recorded and answered 200,
    so the queue does not retry it.
    """
    authorize_scheduler()
    name = request.headers.get("X-AppEngine-TaskName") or request.headers.get(
        "X-CloudTasks-TaskName"
    )
    outcome = run_sync_task(services(), path.spreadsheet_id, name)
    if outcome.retryable:
        raise Unavailable(
            outcome.error_message or "The sync did not finish; the queue will retry it.",
            code=outcome.error_code or "retry",
        )
    return outcome.model_dump(mode="json")
