"""The service's ports, built once from Settings and handed to every workflow."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from service.auth import (
    AllowlistEditorCheck,
    DriveEditorCheck,
    EditorCheck,
    IdentityVerifier,
    SchedulerGuard,
    check_startup,
)
from service.auth.scheduler import trusts_appengine_headers
from service.core.templates import TemplateError
from service.registry import Registry
from service.registry.quota import SharedQuota
from service.scheduling import InlineQueue, Queue
from service.settings import (
    AuthMode,
    ConfigError,
    QuotaScope,
    Settings,
    SheetsBackend,
    check_settings,
    variable,
)
from service.sheets.backends import SheetsConnector, connect
from service.workflows.catalog import TemplateCatalog, load_catalog

__all__ = ["LEASE_TTL", "Services", "build_services", "open_registry"]

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


def _writable_data_dir(settings: Settings) -> None:
    try:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        probe = settings.data_dir / f".write-probe-{os.getpid()}"
        probe.touch()
        probe.unlink()
    except OSError as error:
        raise ConfigError(
            f"{variable('data_dir')}={str(settings.data_dir)!r} cannot be written "
            f"({error.strerror or error}): point it at a writable directory."
        ) from None


def open_registry(settings: Settings, *, upgrade: bool = False) -> Registry:
    """The registry, migrated (SQLite, or `upgrade`) or checked; `ConfigError` if unreachable."""
    try:
        migrate = upgrade or not settings.database_url
        registry = Registry(settings.effective_database_url, auto_migrate=migrate)
        registry.ensure_migrated()
    except ArgumentError as error:
        raise ConfigError(
            f"{variable('database_url')} is not a database URL ({error}): use the form "
            "postgresql+psycopg://user:password@host/db or sqlite:///path/registry.db."
        ) from None
    except SQLAlchemyError as error:
        shown = make_url(settings.effective_database_url).render_as_string(hide_password=True)
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        raise ConfigError(
            f"{variable('database_url')}={shown!r} cannot be opened ({reason}): check the "
            "host, database name and credentials, and that the database is running."
        ) from None
    return registry


def build_services(settings: Settings, *, clock: Callable[[], datetime] = _utc_now) -> Services:
    """Wire the ports for these settings; `ConfigError` names the setting that cannot work."""
    check_settings(settings)
    warnings = check_startup(settings)
    _writable_data_dir(settings)
    sheets = connect(settings)
    try:
        catalog = load_catalog(settings)
    except TemplateError as error:
        raise ConfigError(f"A role template cannot be used ({error}).") from None
    registry = open_registry(settings)
    if settings.sheets_quota_scope is QuotaScope.SHARED:
        # Every instance draws from one budget kept in the registry database.
        sheets.limiter = SharedQuota(
            registry,
            {"read": settings.sheets_reads_per_minute, "write": settings.sheets_writes_per_minute},
            window=settings.sheets_quota_window_seconds,
        )
    return Services(
        settings=settings,
        sheets=sheets,
        catalog=catalog,
        registry=registry,
        identity=IdentityVerifier(settings),
        editors=_editor_check(settings, sheets),
        scheduler=SchedulerGuard(
            settings, trust_appengine_headers=trusts_appengine_headers(settings, os.environ)
        ),
        clock=clock,
        startup_warnings=warnings,
    )
