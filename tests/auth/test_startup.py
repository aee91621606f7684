"""check_startup: unsafe auth settings stop the service; risky ones are shouted about."""

from __future__ import annotations

import pytest

from service.auth import AUTH_OFF_WARNING, check_startup
from service.settings import AuthMode, Settings, SheetsBackend
from tests.auth.conftest import CLIENT_ID, google_settings


def test_auth_off_locally_warns_loudly() -> None:
    assert check_startup(Settings(auth=AuthMode.OFF)) == [AUTH_OFF_WARNING]
    assert "AUTHENTICATION IS OFF" in AUTH_OFF_WARNING


def test_auth_off_with_real_sheets_refuses_to_start() -> None:
    settings = Settings(auth=AuthMode.OFF, sheets_backend=SheetsBackend.GOOGLE)
    with pytest.raises(ValueError, match="SCORECARD_AUTH_FORCE_OFF"):
        check_startup(settings)


def test_forced_off_with_real_sheets_only_warns() -> None:
    settings = Settings(auth=AuthMode.OFF, sheets_backend=SheetsBackend.GOOGLE, auth_force_off=True)
    assert check_startup(settings) == [AUTH_OFF_WARNING]


def test_google_auth_needs_client_ids() -> None:
    with pytest.raises(ValueError, match="SCORECARD_AUTH_CLIENT_IDS"):
        check_startup(Settings(auth=AuthMode.GOOGLE))


def test_google_auth_configured_is_quiet() -> None:
    assert check_startup(google_settings()) == []


def test_client_ids_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCORECARD_AUTH", "google")
    monkeypatch.setenv("SCORECARD_AUTH_CLIENT_IDS", f" {CLIENT_ID} , b.apps.googleusercontent.com")
    settings = Settings()
    assert settings.auth_client_ids == (CLIENT_ID, "b.apps.googleusercontent.com")
    assert check_startup(settings) == []


@pytest.mark.parametrize(
    ("overrides", "says"),
    [
        ({"auth_client_ids": ("1234",)}, "does not end with"),
        ({"auth_force_off": True}, "FORCE_OFF is ignored"),
        ({"scheduler_oidc_audience": "https://x.example.com"}, "SCHEDULER_SERVICE_ACCOUNTS"),
        ({"sheets_backend": SheetsBackend.GOOGLE}, "placeholder"),
    ],
)
def test_risky_google_settings_warn(overrides: dict[str, object], says: str) -> None:
    warnings = check_startup(google_settings(**overrides))
    assert any(says in warning for warning in warnings)
