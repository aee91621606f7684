"""Where Sheets requests land: the local emulator or Google. Same gateway code either way."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import requests
from gspread.http_client import HTTPClient

from service.settings import ConfigError, Settings, SheetsBackend, variable
from service.sheets.gateway import DEFAULT_MAX_TAB_CELLS, MissingSpreadsheets, SheetsGateway
from service.sheets.retry import Limiter, RateLimiter, RetryPolicy

if TYPE_CHECKING:
    from service.sheets.emulator import SheetsEmulator

__all__ = ["SCOPES", "SheetsConnector", "connect", "local_emulator"]

# Sheets for the scorecards; Drive metadata (read-only) to check who may edit a file.
SCOPES = (
    "https://www.googleapis.com/auth/spreadsheets",
    "https://www.googleapis.com/auth/drive.metadata.readonly",
)

_emulators: dict[Path, SheetsEmulator] = {}
_emulators_lock = threading.Lock()


def local_emulator(data_dir: Path) -> SheetsEmulator:
    """The process's emulator persisted under `data_dir` (one per directory)."""
    from service.sheets.emulator import SheetsEmulator

    path = (data_dir / "sheets.db").resolve()
    with _emulators_lock:
        if path not in _emulators:
            path.parent.mkdir(parents=True, exist_ok=True)
            _emulators[path] = SheetsEmulator(path)
        return _emulators[path]


@dataclass
class SheetsConnector:
    """Builds one gateway per operation over a shared session, rate limiter and policy."""

    session: requests.Session
    limiter: Limiter
    service_account: str
    timeout: float
    policy_factory: Callable[[], RetryPolicy]
    emulator: SheetsEmulator | None = None
    # The longest a person's request waits for quota before a 429 with Retry-After.
    user_wait: float = 4.0
    missing: MissingSpreadsheets = field(default_factory=MissingSpreadsheets)
    max_tab_cells: int = DEFAULT_MAX_TAB_CELLS

    def gateway(self, *, paced: bool = False) -> SheetsGateway:
        """A fresh gateway with its own request counter.

        A person is waiting on an unpaced gateway: it answers 429 with Retry-After
        rather than wait more than `user_wait` for quota. The scheduler's paced work
        waits its turn, bounded by the retry deadline.
        """
        http = HTTPClient(auth=None, session=self.session)  # type: ignore[arg-type]
        http.set_timeout(self.timeout)
        policy = self.policy_factory()
        if not paced:
            policy.quota_wait = self.user_wait
        return SheetsGateway(
            http=http,
            limiter=self.limiter,
            policy=policy,
            service_account=self.service_account,
            max_wait=policy.deadline if paced else self.user_wait,
            missing=self.missing,
            max_tab_cells=self.max_tab_cells,
        )


def _google_session(settings: Settings) -> requests.Session:
    """An authorised session for the service account (lazy import keeps local runs light)."""
    import google.auth
    import google.auth.exceptions
    from google.auth.transport.requests import AuthorizedSession
    from google.oauth2 import service_account

    try:
        if settings.service_account_file is not None:
            credentials = service_account.Credentials.from_service_account_file(  # type: ignore[no-untyped-call]
                str(settings.service_account_file), scopes=list(SCOPES)
            )
        else:
            credentials, _ = google.auth.default(scopes=list(SCOPES))
    except (google.auth.exceptions.GoogleAuthError, ValueError, OSError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ConfigError(
            f"No Google credentials ({reason}): set {variable('service_account_file')} to the "
            "service account's JSON key file, or run where the runtime provides credentials."
        ) from None
    session: requests.Session = AuthorizedSession(credentials)  # type: ignore[no-untyped-call]
    return session


def connect(settings: Settings, emulator: SheetsEmulator | None = None) -> SheetsConnector:
    """The connector for the configured backend (`SCORECARD_SHEETS_BACKEND`)."""
    if settings.sheets_backend is SheetsBackend.GOOGLE:
        session = _google_session(settings)
    else:
        from service.sheets.emulator import mount_emulator

        emulator = emulator or local_emulator(settings.data_dir)
        session = requests.Session()
        mount_emulator(session, emulator)
    limiter = RateLimiter(
        {"read": settings.sheets_reads_per_minute, "write": settings.sheets_writes_per_minute},
        window=settings.sheets_quota_window_seconds,
    )
    return SheetsConnector(
        session=session,
        limiter=limiter,
        service_account=settings.service_account_email,
        timeout=settings.sheets_timeout_seconds,
        policy_factory=lambda: RetryPolicy(
            max_attempts=settings.sheets_max_attempts,
            deadline=settings.sheets_retry_deadline_seconds,
        ),
        emulator=emulator,
        user_wait=settings.sheets_user_wait_seconds,
        missing=MissingSpreadsheets(ttl=settings.sheets_missing_ttl_seconds),
        max_tab_cells=settings.max_tab_cells,
    )
