"""SQLAlchemy store: enrolled spreadsheets, run history and leases."""

from service.registry.records import Enrolment, Run, RunKind, RunOutcome, TabSeen
from service.registry.store import LEASE_HELD, NOT_MIGRATED, PAUSE_AFTER_FAILURES, Registry

__all__ = [
    "LEASE_HELD",
    "NOT_MIGRATED",
    "PAUSE_AFTER_FAILURES",
    "Enrolment",
    "Registry",
    "Run",
    "RunKind",
    "RunOutcome",
    "TabSeen",
]
