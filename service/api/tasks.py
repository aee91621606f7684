"""Scheduler entry points: trusted only from App Engine cron, Cloud Tasks or an OIDC token."""

from __future__ import annotations

from flask import Response, request
from flask_openapi3 import APIBlueprint, Tag

from service.api.guard import SpreadsheetPath, authorize_scheduler, services
from service.api.responses import PATH, RETRY, SCHEDULER, documented, reply
from service.scheduling import SyncOutcome
from service.workflows.fleet import cron_tick, deliver_sync_task
from service.workflows.results import Queued

__all__ = ["bp"]

bp = APIBlueprint("tasks", __name__, url_prefix="/tasks", abp_tags=[Tag(name="tasks")])


@bp.get("/sync-due", responses=documented({200: Queued}, SCHEDULER, RETRY))
def sync_due() -> Response:
    """Queue one named sync task per due spreadsheet (App Engine cron)."""
    authorize_scheduler()
    return reply(cron_tick(services()))


@bp.post("/sync/<spreadsheet_id>", responses=documented({200: SyncOutcome}, SCHEDULER, PATH, RETRY))
def sync_task(path: SpreadsheetPath) -> Response:
    """Run one delivery of a spreadsheet's sync task; a repeat is a no-op.

    A retryable failure answers 503 `sync_retry` so the queue tries again with
    back-off; a permanent one (say, the sheet was unshared) is recorded and
    answered 200, so the queue does not retry it.
    """
    authorize_scheduler()
    name = request.headers.get("X-AppEngine-TaskName") or request.headers.get(
        "X-CloudTasks-TaskName"
    )
    return reply(deliver_sync_task(services(), path.spreadsheet_id, name))
