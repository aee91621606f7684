"""One typed Settings object, read from `SCORECARD_*` environment variables."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

__all__ = ["AuthMode", "QueueBackend", "Settings", "SheetsBackend"]


class SheetsBackend(StrEnum):
    """Where Sheets API requests land."""

    LOCAL = "local"
    GOOGLE = "google"


class AuthMode(StrEnum):
    """How callers are identified."""

    OFF = "off"
    GOOGLE = "google"


class QueueBackend(StrEnum):
    """How scheduled syncs are dispatched."""

    INLINE = "inline"
    CLOUD_TASKS = "cloud_tasks"


def _split_csv(value: object) -> object:
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    return value


CsvList = Annotated[tuple[str, ...], NoDecode]


class Settings(BaseSettings):
    """Every setting of the service; built once at start-up and passed in."""

    model_config = SettingsConfigDict(env_prefix="SCORECARD_", extra="forbid", frozen=True)

    sheets_backend: SheetsBackend = SheetsBackend.LOCAL
    data_dir: Path = Path("./var")
    auth: AuthMode = AuthMode.OFF
    auth_client_ids: CsvList = ()
    auth_allowed_domains: CsvList = ()
    auth_allowed_emails: CsvList = ()
    auth_force_off: bool = False
    log_level: str = "INFO"
    log_format: str = Field(default="auto", pattern="^(auto|json|text)$")
    service_account_file: Path | None = None
    service_account_email: str = "scorecard@PROJECT.iam.gserviceaccount.com"
    templates_dir: Path | None = None
    database_url: str = ""
    max_request_bytes: int = Field(default=1_000_000, ge=1_000)
    sheets_reads_per_minute: int = Field(default=60, ge=1)
    sheets_writes_per_minute: int = Field(default=60, ge=1)
    sheets_quota_window_seconds: float = Field(default=60.0, gt=0)
    sheets_timeout_seconds: float = Field(default=30.0, gt=0)
    sheets_retry_deadline_seconds: float = Field(default=120.0, gt=0)
    sheets_max_attempts: int = Field(default=8, ge=1)
    # Cells (rows × columns) one scorecard tab may hold before the read refuses it.
    max_tab_cells: int = Field(default=200_000, ge=1_000)
    queue_backend: QueueBackend = QueueBackend.INLINE
    queue_workers: int = Field(default=4, ge=1, le=64)
    cloud_tasks_project: str = ""
    cloud_tasks_location: str = ""
    cloud_tasks_queue: str = "sheet-sync"
    cloud_tasks_service: str = ""
    cron_minutes: int = Field(default=15, ge=1, le=1440)
    default_schedule_minutes: int = Field(default=60, ge=1, le=10_080)
    drive_change_filter: bool = False
    scheduler_oidc_audience: str = ""
    scheduler_service_accounts: CsvList = ()

    @field_validator(
        "auth_client_ids",
        "auth_allowed_domains",
        "auth_allowed_emails",
        "scheduler_service_accounts",
        mode="before",
    )
    @classmethod
    def _csv(cls, value: object) -> object:
        return _split_csv(value)

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        level = value.upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("use DEBUG, INFO, WARNING, ERROR or CRITICAL")
        return level

    @property
    def effective_database_url(self) -> str:
        """The registry's database: the setting, or SQLite under the data directory."""
        return self.database_url or f"sqlite:///{(self.data_dir / 'registry.db').resolve()}"
