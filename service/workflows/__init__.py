"""The application layer: each operation is one read, pure computation and at most one write.

`scorecards` provisions, validates, reviews and syncs the scorecard tabs of one
spreadsheet; `fleet` runs the scheduled syncs of every enrolled spreadsheet through the
queue; `catalog` reads the role templates; `results` holds the typed answers the front
ends (HTTP and terminal) serialise. Workflows take the `Services` port and plain
arguments; they know nothing of Flask or click.
"""

from service.workflows.fleet import (
    enqueue_due_syncs,
    enrol,
    queue_for,
    run_sync_task,
    skip_unchanged,
)
from service.workflows.scorecards import (
    add_kpi,
    create_spreadsheet,
    list_scorecards,
    mark_reviewed,
    provision,
    sync,
    sync_outcome,
    sync_unlocked,
    validate_kpis,
    validate_tab,
)

__all__ = [
    "add_kpi",
    "create_spreadsheet",
    "enqueue_due_syncs",
    "enrol",
    "list_scorecards",
    "mark_reviewed",
    "provision",
    "queue_for",
    "run_sync_task",
    "skip_unchanged",
    "sync",
    "sync_outcome",
    "sync_unlocked",
    "validate_kpis",
    "validate_tab",
]
