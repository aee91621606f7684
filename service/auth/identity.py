"""Who is calling: verify the Google identity token the add-on sends.

The add-on sends `Authorization: Bearer <ScriptApp.getIdentityToken()>`. The
token is an OpenID Connect ID token signed by Google whose audience is the OAuth
client id of the add-on's Cloud project. google-auth checks signature, expiry,
audience and issuer; this module adds what google-auth leaves out
(`email_verified`, the Workspace domain `hd`) and turns every failure into one
of our errors with a message that says what to do.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from google.auth import exceptions as google_exceptions
from google.auth import jwt, transport
from google.oauth2 import id_token

from service.auth.caller import ANONYMOUS, Caller
from service.auth.certs import CachedCertsRequest
from service.errors import Unauthenticated, Unavailable
from service.settings import AuthMode, Settings

__all__ = ["CLOCK_SKEW_SECONDS", "GOOGLE_ISSUERS", "IdentityVerifier", "bearer_token"]

log = logging.getLogger(__name__)

CLOCK_SKEW_SECONDS = 15
GOOGLE_ISSUERS = frozenset({"accounts.google.com", "https://accounts.google.com"})
OAUTH2_CERTS_URL = "https://www.googleapis.com/oauth2/v1/certs"
_RETRY = "Reload the spreadsheet and run the Scorecard menu again."

# google-auth says what went wrong only in its messages; these phrase it for people.
_REASONS: tuple[tuple[str, str], ...] = (
    ("expired", "Your Google sign-in has expired. " + _RETRY),
    ("too early", "Your sign-in token is not valid yet; check this computer's clock. " + _RETRY),
    (
        "audience",
        "This sign-in token was issued for another app: an administrator must add "
        "the add-on's OAuth client id to SCORECARD_AUTH_CLIENT_IDS.",
    ),
    ("issuer", "This sign-in token was not issued by Google. " + _RETRY),
)
_DEFAULT_REASON = "Your Google sign-in could not be verified. " + _RETRY


def bearer_token(authorization: str | None) -> str:
    """The token of an `Authorization: Bearer <token>` header, or `Unauthenticated`."""
    if not authorization or not authorization.strip():
        raise Unauthenticated(
            "Sign in required: send 'Authorization: Bearer <Google identity token>'. "
            "The Scorecard add-on does this for you. " + _RETRY,
            fields={"authorization": "missing"},
        )
    scheme, _, token = authorization.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or " " in token or token.count(".") != 2:
        raise Unauthenticated(
            "The Authorization header must read 'Bearer <Google identity token>'. " + _RETRY,
            fields={"authorization": "malformed"},
        )
    return token


def _unauthenticated(error: Exception) -> Unauthenticated:
    """An `Unauthenticated` whose message says what to do about `error`."""
    text = str(error).lower()
    message = next((msg for needle, msg in _REASONS if needle in text), _DEFAULT_REASON)
    return Unauthenticated(message, fields={"authorization": "invalid"})


class IdentityVerifier:
    """Turn an Authorization header into a `Caller`, or raise why not."""

    def __init__(self, settings: Settings, request: transport.Request | None = None) -> None:
        self._settings = settings
        self._client_ids = list(settings.auth_client_ids)
        self._domains = {domain.lower() for domain in settings.auth_allowed_domains}
        self._request = request
        if request is None and settings.auth is AuthMode.GOOGLE:
            self._request = CachedCertsRequest()

    def verify(self, authorization: str | None) -> Caller:
        """The caller behind `authorization`; anonymous when auth is off."""
        if self._settings.auth is AuthMode.OFF:
            return ANONYMOUS
        claims = self._verified_claims(bearer_token(authorization))
        return self._caller(claims)

    def _verified_claims(self, token: str) -> Mapping[str, Any]:
        """Claims of a token google-auth accepted; retries once after a key rotation."""
        try:
            return self._decode(token)
        except Unauthenticated:
            if not self._refreshed_for(token):
                raise
        return self._decode(token)

    def _decode(self, token: str) -> Mapping[str, Any]:
        # TransportError subclasses GoogleAuthError, and a wrong issuer raises a bare
        # GoogleAuthError (not a ValueError): the order of these clauses matters.
        try:
            # google-auth leaves verify_oauth2_token unannotated.
            claims: Mapping[str, Any] = id_token.verify_oauth2_token(  # type: ignore[no-untyped-call]
                token,
                self._request,
                audience=self._client_ids,
                clock_skew_in_seconds=CLOCK_SKEW_SECONDS,
            )
        except google_exceptions.TransportError as error:
            log.warning("could not fetch Google's certificates: %s", error)
            raise Unavailable(
                "Google's sign-in certificates could not be fetched; try again in a minute."
            ) from error
        except (ValueError, google_exceptions.GoogleAuthError) as error:
            raise _unauthenticated(error) from error
        return claims

    def _refreshed_for(self, token: str) -> bool:
        """True when the token names a key we have not cached and the cache was dropped."""
        cache = self._request
        if not isinstance(cache, CachedCertsRequest):
            return False
        try:
            key_id = jwt.decode_header(token).get("kid")  # type: ignore[no-untyped-call]
        except (ValueError, google_exceptions.GoogleAuthError):
            return False
        if not isinstance(key_id, str) or cache.knows_key(OAUTH2_CERTS_URL, key_id):
            return False
        return cache.expire(OAUTH2_CERTS_URL)

    def _caller(self, claims: Mapping[str, Any]) -> Caller:
        """Apply the checks google-auth leaves to us and build the caller."""
        email = claims.get("email")
        if not isinstance(email, str) or not email:
            raise Unauthenticated(
                "The sign-in token carries no email address: the add-on must request the "
                "'userinfo.email' scope. " + _RETRY,
                fields={"authorization": "no_email"},
            )
        if claims.get("email_verified") not in (True, "true"):
            raise Unauthenticated(
                f"Google has not verified the address {email}; verify it, then try again.",
                fields={"authorization": "email_not_verified"},
            )
        domain = claims.get("hd")
        domain = domain.lower() if isinstance(domain, str) and domain else None
        if self._domains and domain not in self._domains:
            allowed = ", ".join(sorted(self._domains))
            raise Unauthenticated(
                f"Sign in with an account of {allowed}; {email} is not one.",
                fields={"authorization": "wrong_domain"},
            )
        return Caller(email=email, subject=str(claims.get("sub", "")), domain=domain, kind="user")
