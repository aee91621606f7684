"""Scheduled syncs: fan the due spreadsheets out as named tasks paced to the Sheets quota.

App Engine cron asks for the due spreadsheets, `enqueue_due` plans them over
time and hands each to a `Queue` (Cloud Tasks in production, `InlineQueue` on a
laptop), and every delivery runs `run_task`, which is safe to run twice.
"""

from service.scheduling.cloud_tasks import CloudTasksQueue, cloud_tasks_queue_command
from service.scheduling.fanout import Queue, enqueue_due, plan_fanout, syncs_per_minute
from service.scheduling.inline import InlineQueue
from service.scheduling.ratelimit import TokenBucket
from service.scheduling.tasks import (
    RETRYABLE_STATUSES,
    SyncHandler,
    SyncOutcome,
    TaskBody,
    bind_task,
    finish,
    run_task,
    task_name,
)

__all__ = [
    "RETRYABLE_STATUSES",
    "CloudTasksQueue",
    "InlineQueue",
    "Queue",
    "SyncHandler",
    "SyncOutcome",
    "TaskBody",
    "TokenBucket",
    "bind_task",
    "cloud_tasks_queue_command",
    "enqueue_due",
    "finish",
    "plan_fanout",
    "run_task",
    "syncs_per_minute",
    "task_name",
]
