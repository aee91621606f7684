"""The service's ports, built once from Settings and handed to every workflow."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from service.auth import (
    AllowlistEditorCheck,
    DriveEditorCheck,
    EditorCheck,
    IdentityVerifier,
    SchedulerGuard,
    check_startup,
)
from service.registry import Registry
from service.scheduling import InlineQueue, Queue
from service.settings import AuthMode, Settings, SheetsBackend
from service.sheets.backends import SheetsConnector, connect
from service.workflows.catalog import TemplateCatalog, load_catalog

__all__ = ["LEASE_TTL", "Services", "build_services"]

LEASE_TTL = timedelta(minutes=5)


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Services:
    """Everything a workflow may touch: sheets, templates, registry, clock and auth."""

    settings: Settings
    sheets: SheetsConnector
    catalog: TemplateCatalog
    registry: Registry
    identity: IdentityVerifier
    editors: EditorCheck | None
    scheduler: SchedulerGuard
    clock: Callable[[], datetime] = _utc_now
    startup_warnings: list[str] = field(default_factory=list)
    queue: Queue | None = None
    holder: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}")

    def now(self) -> datetime:
        """The current time, UTC (injected in tests)."""
        return self.clock()

    def today(self) -> date:
        """Today's date, UTC."""
        return self.clock().date()

    def close(self) -> None:
        """Stop queue workers and release database connections."""
        if isinstance(self.queue, InlineQueue):
            self.queue.close()
        self.registry.close()

    @contextmanager
    def lease(self, spreadsheet_id: str) -> Iterator[None]:
        """Hold the spreadsheet's lease (409 Conflict when another worker holds it)."""
        # A holder per call, so a thread never releases a lease another thread took over.
        holder = f"{self.holder}:{uuid.uuid4().hex[:8]}"
        with self.registry.lease(spreadsheet_id, holder, now=self.now(), ttl=LEASE_TTL):
            yield


def _editor_check(settings: Settings, sheets: SheetsConnector) -> EditorCheck | None:
    if settings.auth is AuthMode.OFF:
        return None
    if settings.auth_allowed_emails or settings.sheets_backend is SheetsBackend.LOCAL:
        return AllowlistEditorCheck(settings)
    return DriveEditorCheck(sheets.session, service_account_email=settings.service_account_email)


def build_services(settings: Settings, *, clock: Callable[[], datetime] = _utc_now) -> Services:
    """Wire the ports for these settings; raises ValueError on an unsafe configuration."""
    warnings = check_startup(settings)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    sheets = connect(settings)
    catalog = load_catalog(settings)
    registry = Registry(settings.effective_database_url, auto_migrate=not settings.database_url)
    registry.ensure_migrated()
    return Services(
        settings=settings,
        sheets=sheets,
        catalog=catalog,
        registry=registry,
        identity=IdentityVerifier(settings),
        editors=_editor_check(settings, sheets),
        scheduler=SchedulerGuard(settings),
        clock=clock,
        startup_warnings=warnings,
    )
