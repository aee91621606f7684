"""The application layer: each operation is one read, pure computation and at most one write.

`provision` finds or adds a person's scorecard tab; `validate` judges KPIs and edits a tab
(verdicts, review stamps, added KPIs); `sync` recomputes every scorecard tab and the team
tabs; `digest` sums up what needs a manager's attention; `fleet` runs the scheduled syncs
of every enrolled spreadsheet through the queue; `catalog` reads the role templates;
`snapshots` holds what they share around their one read; `results` the typed answers the
front ends (HTTP and terminal) serialise. Workflows take the `Services` port and plain
arguments; they know nothing of Flask or click.
"""

from service.workflows.digest import digest
from service.workflows.fleet import (
    enqueue_due_syncs,
    enrol,
    queue_for,
    run_sync_task,
    skip_unchanged,
)
from service.workflows.provision import create_spreadsheet, list_scorecards, provision
from service.workflows.sync import sync, sync_outcome, sync_unlocked
from service.workflows.validate import add_kpi, mark_reviewed, validate_kpis, validate_tab

__all__ = [
    "add_kpi",
    "create_spreadsheet",
    "digest",
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
