"""One typed Settings object, read from `SCORECARD_*` environment variables."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

__all__ = [
    "AuthMode",
    "ConfigError",
    "QueueBackend",
    "QuotaScope",
    "Settings",
    "SheetsBackend",
    "check_settings",
    "load_settings",
    "variable",
]

ENV_PREFIX = "SCORECARD_"


class SheetsBackend(StrEnum):
    """Where Sheets API requests land."""

    LOCAL = "local"
    GOOGLE = "google"


class AuthMode(StrEnum):
    """How callers are identified."""

    OFF = "off"
    GOOGLE = "google"


class QuotaScope(StrEnum):
    """Who shares the client-side Sheets budget."""

    PROCESS = "process"
    SHARED = "shared"


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

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="forbid", frozen=True)

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
    allow_sqlite: bool = False
    max_request_bytes: int = Field(default=1_000_000, ge=1_000)
    sheets_reads_per_minute: int = Field(default=60, ge=1)
    sheets_writes_per_minute: int = Field(default=60, ge=1)
    sheets_quota_window_seconds: float = Field(default=60.0, gt=0)
    sheets_quota_scope: QuotaScope = QuotaScope.PROCESS
    sheets_timeout_seconds: float = Field(default=30.0, gt=0)
    sheets_retry_deadline_seconds: float = Field(default=120.0, gt=0)
    sheets_max_attempts: int = Field(default=8, ge=1)
    sheets_user_wait_seconds: float = Field(default=4.0, ge=0)
    sheets_missing_ttl_seconds: float = Field(default=60.0, ge=0)
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
    # None: trust X-Appengine-Cron / X-AppEngine-QueueName only when running on App Engine.
    trust_appengine_headers: bool | None = None
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


class ConfigError(ValueError):
    """A setting is missing, malformed or inconsistent; the message is one line naming it."""


def variable(field: str) -> str:
    """The environment variable of a setting, e.g. `SCORECARD_DATA_DIR`."""
    return f"{ENV_PREFIX}{field.upper()}"


def _describe(error: ValidationError) -> str:
    """One line per problem, each naming the variable and the expected form."""
    problems = []
    for problem in error.errors(include_url=False):
        loc = problem["loc"]
        name = variable(str(loc[0])) if loc else "the settings"
        given = problem.get("input")
        shown = f"={given!r}" if isinstance(given, str | int | float) else ""
        problems.append(f"{name}{shown} is not valid: {problem['msg']}")
    return "; ".join(problems)


def load_settings() -> Settings:
    """Read the `SCORECARD_*` variables and check them; `ConfigError` says what to fix."""
    try:
        settings = Settings()
    except ValidationError as error:
        raise ConfigError(_describe(error)) from None
    check_settings(settings)
    return settings


def check_settings(settings: Settings) -> None:
    """Refuse settings that parse but cannot work together, naming the variables."""
    if settings.queue_backend is QueueBackend.CLOUD_TASKS and not (
        settings.cloud_tasks_project and settings.cloud_tasks_location
    ):
        raise ConfigError(
            f"{variable('queue_backend')}=cloud_tasks needs {variable('cloud_tasks_project')} "
            f"(the project id) and {variable('cloud_tasks_location')} (the queue's region, "
            "e.g. europe-west1)."
        )
    if (
        settings.sheets_backend is SheetsBackend.GOOGLE
        and not settings.database_url
        and not settings.allow_sqlite
    ):
        raise ConfigError(
            f"{variable('sheets_backend')}=google needs {variable('database_url')} (e.g. "
            "postgresql+psycopg://user:password@/db?host=/cloudsql/PROJECT:REGION:INSTANCE): "
            "a SQLite registry on an instance's disk is lost on restart; set "
            f"{variable('allow_sqlite')}=true if that really is intended."
        )
    if settings.service_account_file is not None and not settings.service_account_file.is_file():
        raise ConfigError(
            f"{variable('service_account_file')}={str(settings.service_account_file)!r} is not "
            "a readable file: give the path of the service account's JSON key, or unset it "
            "to use the runtime's default credentials."
        )
