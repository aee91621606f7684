"""Who may call the scheduler entry points (`/tasks/...`, `/cron/...`).

Three kinds of caller are trusted:

- App Engine cron, which sets `X-Appengine-Cron: true`;
- App Engine Cloud Tasks queues, which set `X-AppEngine-QueueName`;
- anything presenting a Google-signed OIDC token for our audience whose email is
  a configured scheduler service account (Cloud Scheduler or Cloud Tasks HTTP
  targets).

App Engine strips `X-Appengine-*` headers from outside traffic, which is what
makes the first two trustworthy there. Anywhere else those headers can be forged,
so they are trusted only when App Engine's own environment says the service runs
there (`GAE_ENV=standard` and `GAE_APPLICATION` set), or when
`SCORECARD_TRUST_APPENGINE_HEADERS` says so explicitly (see `trusts_appengine_headers`).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from google.auth import exceptions as google_exceptions
from google.auth import transport
from google.oauth2 import id_token

from service.auth.caller import Caller
from service.auth.certs import CachedCertsRequest
from service.auth.identity import CLOCK_SKEW_SECONDS, GOOGLE_ISSUERS, bearer_token
from service.errors import Forbidden, Unauthenticated, Unavailable
from service.settings import Settings

__all__ = ["SchedulerGuard", "on_app_engine", "trusts_appengine_headers"]

log = logging.getLogger(__name__)

_ONLY_SCHEDULER = "Only the Scorecard scheduler may call this endpoint."


def on_app_engine(environ: Mapping[str, str]) -> bool:
    """Whether App Engine standard's own variables say this process runs there."""
    return environ.get("GAE_ENV") == "standard" and bool(environ.get("GAE_APPLICATION"))


def trusts_appengine_headers(settings: Settings, environ: Mapping[str, str]) -> bool:
    """The explicit setting when given, else whether we run on App Engine."""
    if settings.trust_appengine_headers is not None:
        return settings.trust_appengine_headers
    return on_app_engine(environ)


class SchedulerGuard:
    """Let App Engine cron, its task queues and configured OIDC service accounts through."""

    def __init__(
        self,
        settings: Settings,
        verifier_request: transport.Request | None = None,
        *,
        trust_appengine_headers: bool = False,
    ) -> None:
        self._audience = settings.scheduler_oidc_audience
        self._accounts = {email.casefold() for email in settings.scheduler_service_accounts}
        self._request = verifier_request
        self._trust_headers = trust_appengine_headers

    def check(self, headers: Mapping[str, str]) -> Caller:
        """The scheduler caller these request headers prove, or `Forbidden`."""
        lowered = {name.lower(): value for name, value in headers.items()}
        if self._trust_headers:
            if lowered.get("x-appengine-cron", "").strip().lower() == "true":
                return Caller(email="cron@appengine", subject="appengine-cron", kind="scheduler")
            queue = lowered.get("x-appengine-queuename", "").strip()
            if queue:
                return Caller(email="tasks@appengine", subject=f"queue:{queue}", kind="scheduler")
        if lowered.get("authorization"):
            return self._oidc_caller(lowered["authorization"])
        raise Forbidden(_ONLY_SCHEDULER, fields={"authorization": "missing"})

    def _oidc_caller(self, authorization: str) -> Caller:
        """The service account behind a scheduler OIDC token, when it is one we trust."""
        if not self._audience or not self._accounts:
            # An empty audience would make google-auth skip the audience check.
            raise Forbidden(
                _ONLY_SCHEDULER + " OIDC tokens are refused until SCORECARD_SCHEDULER_OIDC_"
                "AUDIENCE and SCORECARD_SCHEDULER_SERVICE_ACCOUNTS are set."
            )
        try:
            token = bearer_token(authorization)
        except Unauthenticated as error:
            raise Forbidden(_ONLY_SCHEDULER, fields=error.fields) from error
        claims = self._claims(token)
        email = claims.get("email")
        if (
            claims.get("iss") not in GOOGLE_ISSUERS
            or claims.get("email_verified") not in (True, "true")
            or not isinstance(email, str)
            or email.casefold() not in self._accounts
        ):
            log.warning("scheduler token refused for %r", email)
            raise Forbidden(_ONLY_SCHEDULER, fields={"authorization": "not_a_scheduler"})
        return Caller(email=email, subject=str(claims.get("sub", "")), kind="scheduler")

    def _claims(self, token: str) -> Mapping[str, Any]:
        """Verified claims of an OIDC token; transport failures before token failures."""
        if self._request is None:
            self._request = CachedCertsRequest()
        try:
            claims: Mapping[str, Any] = id_token.verify_token(
                token,
                self._request,
                audience=self._audience,
                clock_skew_in_seconds=CLOCK_SKEW_SECONDS,
            )
        except google_exceptions.TransportError as error:
            raise Unavailable(
                "Google's certificates could not be fetched; the scheduler will retry."
            ) from error
        except (ValueError, google_exceptions.GoogleAuthError) as error:
            raise Forbidden(_ONLY_SCHEDULER, fields={"authorization": "invalid"}) from error
        return claims
