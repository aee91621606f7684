"""Cloud Tasks: one named App Engine task per spreadsheet, on a queue paced to the quota."""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Protocol
from urllib.parse import quote

from service.scheduling.fanout import syncs_per_minute
from service.settings import Settings

__all__ = [
    "MAX_ATTEMPTS",
    "MAX_BACKOFF_SECONDS",
    "MAX_DOUBLINGS",
    "MIN_BACKOFF_SECONDS",
    "CloudTasksQueue",
    "TasksClient",
    "cloud_tasks_queue_command",
]

MAX_ATTEMPTS = 5
MIN_BACKOFF_SECONDS = 10
MAX_BACKOFF_SECONDS = 300
MAX_DOUBLINGS = 3
INSTALL_HINT = "Cloud Tasks needs its client library: pip install google-cloud-tasks"


class TasksClient(Protocol):
    """The part of `google.cloud.tasks_v2.CloudTasksClient` the queue uses."""

    def queue_path(self, project: str, location: str, queue: str) -> str:
        """The queue's resource name."""
        ...

    def task_path(self, project: str, location: str, queue: str, task: str) -> str:
        """A task's resource name."""
        ...

    def create_task(self, *, parent: str, task: Mapping[str, Any]) -> object:
        """Create a task; raises AlreadyExists for a name in use."""
        ...


class CloudTasksQueue:
    """Enqueues `POST /tasks/sync/{sid}` App Engine tasks, named so duplicates are refused."""

    def __init__(
        self,
        project: str,
        location: str,
        queue: str,
        *,
        service: str | None = None,
        client: TasksClient | None = None,
        already_exists: type[Exception] | None = None,
    ) -> None:
        self._client = client if client is not None else _default_client()
        self._already_exists = already_exists or _already_exists_error()
        self._parent = self._client.queue_path(project, location, queue)
        self._path = (project, location, queue)
        self._service = service

    def enqueue(self, spreadsheet_id: str, task_name: str, *, eta: datetime | None = None) -> bool:
        """Create the task; False when Cloud Tasks already has one of this name."""
        request: dict[str, Any] = {
            "http_method": "POST",
            "relative_uri": f"/tasks/sync/{quote(spreadsheet_id, safe='')}",
        }
        if self._service:
            request["app_engine_routing"] = {"service": self._service}
        task: dict[str, Any] = {
            "name": self._client.task_path(*self._path, task_name),
            "app_engine_http_request": request,
        }
        if eta is not None:
            task["schedule_time"] = eta
        try:
            self._client.create_task(parent=self._parent, task=task)
        except self._already_exists:
            return False
        return True


def _default_client() -> TasksClient:
    try:
        from google.cloud import tasks_v2  # type: ignore[attr-defined,unused-ignore]
    except ImportError as exc:
        raise ImportError(INSTALL_HINT) from exc
    client: TasksClient = tasks_v2.CloudTasksClient()
    return client


def _already_exists_error() -> type[Exception]:
    try:
        from google.api_core.exceptions import AlreadyExists
    except ImportError as exc:
        raise ImportError(INSTALL_HINT) from exc
    # Typed here: google-api-core comes with the Cloud Tasks extra, not the dev install.
    error: type[Exception] = AlreadyExists
    return error


def cloud_tasks_queue_command(project: str, location: str, queue: str, settings: Settings) -> str:
    """The `gcloud tasks queues create` command for a queue paced to the Sheets quota."""
    per_second = syncs_per_minute(settings) / 60
    args = [
        "gcloud",
        "tasks",
        "queues",
        "create",
        queue,
        f"--project={project}",
        f"--location={location}",
        f"--max-dispatches-per-second={per_second:g}",
        f"--max-concurrent-dispatches={settings.queue_workers}",
        f"--max-attempts={MAX_ATTEMPTS}",
        f"--min-backoff={MIN_BACKOFF_SECONDS}s",
        f"--max-backoff={MAX_BACKOFF_SECONDS}s",
        f"--max-doublings={MAX_DOUBLINGS}",
    ]
    return shlex.join(args)
