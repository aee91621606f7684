"""SchedulerGuard: only App Engine cron, its queues and configured service accounts get in."""

from __future__ import annotations

from typing import Any

import pytest

from service.auth import SchedulerGuard
from service.auth.scheduler import trusts_appengine_headers
from service.errors import Forbidden, Unavailable
from service.settings import Settings
from tests.auth.conftest import CertsEndpoint, Keys, user_claims

AUDIENCE = "https://scorecard.example.com/tasks/sync"
INVOKER = "scheduler@team-project.iam.gserviceaccount.com"


def _settings(**overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "scheduler_oidc_audience": AUDIENCE,
        "scheduler_service_accounts": (INVOKER,),
    }
    values.update(overrides)
    return Settings(**values)


def _oidc(keys: Keys, **overrides: Any) -> dict[str, str]:
    values: dict[str, Any] = {"aud": AUDIENCE, "azp": "1077", "email": INVOKER, "hd": None}
    claims = user_claims(**{**values, **overrides})
    return {"Authorization": "Bearer " + keys.sign(claims)}


def test_cron_header_is_trusted(certs: CertsEndpoint) -> None:
    caller = SchedulerGuard(_settings(), certs, trust_appengine_headers=True).check(
        {"X-Appengine-Cron": "true"}
    )
    assert caller.kind == "scheduler"
    assert certs.fetches == 0


def test_queue_header_is_trusted(certs: CertsEndpoint) -> None:
    caller = SchedulerGuard(_settings(), certs, trust_appengine_headers=True).check(
        {"x-appengine-queuename": "sheet-sync"}
    )
    assert (caller.kind, caller.subject) == ("scheduler", "queue:sheet-sync")


def test_oidc_token_of_the_scheduler_account(certs: CertsEndpoint, keys: Keys) -> None:
    caller = SchedulerGuard(_settings(), certs).check(_oidc(keys))
    assert (caller.kind, caller.email) == ("scheduler", INVOKER)


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"X-Appengine-Cron": "false"},
        {"X-AppEngine-QueueName": "  "},
        {"X-CloudScheduler": "true"},
        {"Authorization": "Basic abc"},
    ],
)
def test_nothing_trusted_is_forbidden(certs: CertsEndpoint, headers: dict[str, str]) -> None:
    with pytest.raises(Forbidden):
        SchedulerGuard(_settings(), certs).check(headers)


@pytest.mark.parametrize(
    "claims",
    [
        {"email": "someone@example.com"},
        {"email_verified": False},
        {"aud": "https://elsewhere.example.com"},
        {"iss": "https://evil.example.com"},
    ],
)
def test_other_oidc_tokens_are_forbidden(
    certs: CertsEndpoint, keys: Keys, claims: dict[str, Any]
) -> None:
    with pytest.raises(Forbidden):
        SchedulerGuard(_settings(), certs).check(_oidc(keys, **claims))


def test_user_identity_token_is_not_a_scheduler(certs: CertsEndpoint, keys: Keys) -> None:
    headers = {"Authorization": "Bearer " + keys.sign(user_claims())}
    with pytest.raises(Forbidden):
        SchedulerGuard(_settings(), certs).check(headers)


def test_oidc_refused_without_an_audience(certs: CertsEndpoint, keys: Keys) -> None:
    guard = SchedulerGuard(_settings(scheduler_oidc_audience=""), certs)
    with pytest.raises(Forbidden, match="SCORECARD_SCHEDULER_OIDC_AUDIENCE"):
        guard.check(_oidc(keys))
    assert certs.fetches == 0


def test_headers_ignored_off_app_engine(certs: CertsEndpoint) -> None:
    guard = SchedulerGuard(_settings(), certs, trust_appengine_headers=False)
    with pytest.raises(Forbidden):
        guard.check({"X-Appengine-Cron": "true"})


def test_certificate_outage_is_unavailable(certs: CertsEndpoint, keys: Keys) -> None:
    certs.status = 503
    with pytest.raises(Unavailable):
        SchedulerGuard(_settings(), certs).check(_oidc(keys))


@pytest.mark.parametrize(
    ("setting", "environ", "trusted"),
    [
        (None, {}, False),
        (None, {"GAE_ENV": "standard", "GAE_APPLICATION": "s~acme"}, True),
        (None, {"GAE_ENV": "localdev", "GAE_APPLICATION": "s~acme"}, False),
        (None, {"GAE_ENV": "standard"}, False),
        (False, {"GAE_ENV": "standard", "GAE_APPLICATION": "s~acme"}, False),
        (True, {}, True),
    ],
)
def test_app_engine_headers_are_trusted_only_on_app_engine_or_when_told(
    setting: bool | None, environ: dict[str, str], trusted: bool
) -> None:
    settings = Settings(trust_appengine_headers=setting)
    assert trusts_appengine_headers(settings, environ) is trusted


def test_forged_app_engine_headers_are_refused_off_app_engine(certs: CertsEndpoint) -> None:
    guard = SchedulerGuard(_settings(), certs, trust_appengine_headers=False)
    for forged in ({"X-Appengine-Cron": "true"}, {"X-AppEngine-QueueName": "sheet-sync"}):
        with pytest.raises(Forbidden):
            guard.check(forged)
