"""Refuse to start with an unsafe auth configuration, and say so loudly when it is merely risky."""

from __future__ import annotations

from service.settings import AuthMode, ConfigError, Settings, SheetsBackend

__all__ = ["AUTH_OFF_WARNING", "check_startup"]

AUTH_OFF_WARNING = (
    "AUTHENTICATION IS OFF (SCORECARD_AUTH=off): every caller is anonymous and may read "
    "and write any spreadsheet the service can open. Use this only on a laptop; set "
    "SCORECARD_AUTH=google and SCORECARD_AUTH_CLIENT_IDS before exposing the service."
)
_CLIENT_ID_SUFFIX = ".apps.googleusercontent.com"
_PLACEHOLDER_ACCOUNT = "scorecard@PROJECT.iam.gserviceaccount.com"


def check_startup(settings: Settings) -> list[str]:
    """Warnings to log at start; `ConfigError` naming the variables when unsafe."""
    if settings.auth is AuthMode.OFF:
        return _auth_off(settings)
    return _auth_google(settings)


def _auth_off(settings: Settings) -> list[str]:
    if settings.sheets_backend is SheetsBackend.GOOGLE and not settings.auth_force_off:
        raise ConfigError(
            "SCORECARD_AUTH=off with SCORECARD_SHEETS_BACKEND=google would let anyone edit "
            "real spreadsheets: set SCORECARD_AUTH=google and SCORECARD_AUTH_CLIENT_IDS, or "
            "SCORECARD_AUTH_FORCE_OFF=true if this really is intended."
        )
    return [AUTH_OFF_WARNING]


def _auth_google(settings: Settings) -> list[str]:
    if not settings.auth_client_ids:
        raise ConfigError(
            "SCORECARD_AUTH=google needs SCORECARD_AUTH_CLIENT_IDS: the OAuth client id(s) of "
            "the add-on's Cloud project (the 'aud' of its identity tokens), comma-separated."
        )
    warnings = [
        f"SCORECARD_AUTH_CLIENT_IDS entry {client_id!r} does not end with {_CLIENT_ID_SUFFIX}; "
        "identity tokens from the add-on will not match it."
        for client_id in settings.auth_client_ids
        if not client_id.endswith(_CLIENT_ID_SUFFIX)
    ]
    if settings.auth_force_off:
        warnings.append("SCORECARD_AUTH_FORCE_OFF is ignored because SCORECARD_AUTH=google.")
    if bool(settings.scheduler_service_accounts) != bool(settings.scheduler_oidc_audience):
        warnings.append(
            "Scheduler OIDC tokens are refused until both SCORECARD_SCHEDULER_OIDC_AUDIENCE "
            "and SCORECARD_SCHEDULER_SERVICE_ACCOUNTS are set."
        )
    if (
        settings.sheets_backend is SheetsBackend.GOOGLE
        and settings.service_account_email == _PLACEHOLDER_ACCOUNT
    ):
        warnings.append(
            "SCORECARD_SERVICE_ACCOUNT_EMAIL is still the placeholder; users will be told to "
            "share their spreadsheets with an address that does not exist."
        )
    return warnings
