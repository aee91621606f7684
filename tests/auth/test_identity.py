"""IdentityVerifier: Google identity tokens in, callers or explained refusals out."""

from __future__ import annotations

import time
from typing import Any

import pytest

from service.auth import ANONYMOUS, CachedCertsRequest, Caller, IdentityVerifier
from service.errors import Unauthenticated, Unavailable
from service.settings import AuthMode, Settings
from tests.auth.conftest import (
    OTHER_CLIENT_ID,
    CertsEndpoint,
    FakeClock,
    Keys,
    google_settings,
    user_claims,
)


def _verify(certs: CertsEndpoint, keys: Keys, settings: Settings | None = None, **claims: Any):
    verifier = IdentityVerifier(settings or google_settings(), request=certs)
    return verifier.verify("Bearer " + keys.sign(user_claims(**claims)))


def test_valid_token_gives_the_user(certs: CertsEndpoint, keys: Keys) -> None:
    caller = _verify(certs, keys)
    assert caller == Caller(
        email="manager@example.com",
        subject="110000000000000000001",
        domain="example.com",
        kind="user",
    )


def test_consumer_account_has_no_domain(certs: CertsEndpoint, keys: Keys) -> None:
    caller = _verify(certs, keys, email="someone@gmail.com", hd=None)
    assert (caller.email, caller.domain) == ("someone@gmail.com", None)


def test_token_within_clock_skew_is_accepted(certs: CertsEndpoint, keys: Keys) -> None:
    # Issued 5 s "in the future" by a clock slightly ahead of ours: within the 15 s skew.
    now = int(time.time())
    assert _verify(certs, keys, iat=now + 5, exp=now + 3605).kind == "user"


def test_any_configured_client_id_is_accepted(certs: CertsEndpoint, keys: Keys) -> None:
    settings = google_settings(auth_client_ids=("a.apps.googleusercontent.com", OTHER_CLIENT_ID))
    assert _verify(certs, keys, settings, aud=OTHER_CLIENT_ID).kind == "user"


def _now() -> int:
    return int(time.time())


REFUSED = [
    pytest.param({"iat": _now() - 7200, "exp": _now() - 3600}, "expired", id="expired"),
    pytest.param({"iat": _now() + 600, "exp": _now() + 4200}, "not valid yet", id="not-yet-valid"),
    pytest.param({"aud": OTHER_CLIENT_ID}, "SCORECARD_AUTH_CLIENT_IDS", id="wrong-audience"),
    pytest.param({"iss": "https://evil.example.com"}, "not issued by Google", id="wrong-issuer"),
    pytest.param({"email_verified": False}, "has not verified", id="unverified-email"),
    pytest.param({"email_verified": None}, "has not verified", id="no-email-verified-claim"),
    pytest.param({"email": None}, "userinfo.email", id="no-email"),
]


@pytest.mark.parametrize(("claims", "says"), REFUSED)
def test_bad_tokens_are_refused_with_what_to_do(
    certs: CertsEndpoint, keys: Keys, claims: dict[str, Any], says: str
) -> None:
    with pytest.raises(Unauthenticated) as refused:
        _verify(certs, keys, **claims)
    assert refused.value.status == 401
    assert says in refused.value.message


def test_wrong_domain_is_refused(certs: CertsEndpoint, keys: Keys) -> None:
    settings = google_settings(auth_allowed_domains=("corp.example",))
    with pytest.raises(Unauthenticated, match="corp.example"):
        _verify(certs, keys, settings)


def test_allowed_domain_is_accepted(certs: CertsEndpoint, keys: Keys) -> None:
    settings = google_settings(auth_allowed_domains=("EXAMPLE.com",))
    assert _verify(certs, keys, settings).domain == "example.com"


def test_consumer_account_refused_when_domains_are_required(
    certs: CertsEndpoint, keys: Keys
) -> None:
    settings = google_settings(auth_allowed_domains=("example.com",))
    with pytest.raises(Unauthenticated):
        _verify(certs, keys, settings, hd=None, email="someone@gmail.com")


def test_tampered_signature_is_refused(certs: CertsEndpoint, keys: Keys) -> None:
    header, payload, signature = keys.sign(user_claims()).split(".")
    forged = keys.sign(user_claims(email="boss@example.com")).split(".")[1]
    with pytest.raises(Unauthenticated, match="could not be verified"):
        IdentityVerifier(google_settings(), request=certs).verify(
            f"Bearer {header}.{forged}.{signature}"
        )


def test_token_signed_by_another_key_is_refused(
    certs: CertsEndpoint, keys: Keys, rotated_keys: Keys
) -> None:
    impostor = Keys(rotated_keys.private_pem, rotated_keys.public_pem, key_id=keys.key_id)
    with pytest.raises(Unauthenticated):
        IdentityVerifier(google_settings(), request=certs).verify(
            "Bearer " + impostor.sign(user_claims())
        )


@pytest.mark.parametrize(
    ("header", "problem"),
    [
        (None, "missing"),
        ("", "missing"),
        ("   ", "missing"),
        ("Basic dXNlcjpwYXNz", "malformed"),
        ("Bearer", "malformed"),
        ("Bearer not-a-jwt", "malformed"),
        ("Bearer a.b.c extra", "malformed"),
    ],
)
def test_missing_or_malformed_header(
    certs: CertsEndpoint, header: str | None, problem: str
) -> None:
    with pytest.raises(Unauthenticated) as refused:
        IdentityVerifier(google_settings(), request=certs).verify(header)
    assert refused.value.fields == {"authorization": problem}
    assert "Bearer" in refused.value.message
    assert certs.fetches == 0


def test_garbage_jwt_is_refused(certs: CertsEndpoint) -> None:
    with pytest.raises(Unauthenticated):
        IdentityVerifier(google_settings(), request=certs).verify("Bearer aaa.bbb.ccc")


def test_certificate_fetch_failure_is_unavailable(certs: CertsEndpoint, keys: Keys) -> None:
    certs.status = 503
    with pytest.raises(Unavailable) as unavailable:
        _verify(certs, keys)
    assert unavailable.value.status == 503


def test_auth_off_gives_the_anonymous_caller(certs: CertsEndpoint) -> None:
    verifier = IdentityVerifier(Settings(auth=AuthMode.OFF), request=certs)
    assert verifier.verify(None) == ANONYMOUS
    assert verifier.verify("Bearer whatever") == ANONYMOUS
    assert ANONYMOUS.kind == "anonymous"
    assert ANONYMOUS.email == "local@localhost"
    assert certs.fetches == 0


def test_certificates_are_fetched_once_per_max_age(
    certs: CertsEndpoint, keys: Keys, clock: FakeClock
) -> None:
    cached = CachedCertsRequest(certs, clock=clock)
    verifier = IdentityVerifier(google_settings(), request=cached)
    token = "Bearer " + keys.sign(user_claims())
    for _ in range(5):
        verifier.verify(token)
    assert certs.fetches == 1
    clock.advance(certs.max_age - 1)
    verifier.verify(token)
    assert certs.fetches == 1
    clock.advance(2)
    verifier.verify(token)
    assert certs.fetches == 2


def test_unknown_key_id_refetches_once(
    certs: CertsEndpoint, keys: Keys, rotated_keys: Keys, clock: FakeClock
) -> None:
    verifier = IdentityVerifier(google_settings(), request=CachedCertsRequest(certs, clock=clock))
    verifier.verify("Bearer " + keys.sign(user_claims()))
    # Google rotates its keys long before max-age runs out; the new key id triggers a refetch.
    certs.published.append(rotated_keys)
    clock.advance(60)
    caller = verifier.verify("Bearer " + rotated_keys.sign(user_claims()))
    assert caller.kind == "user"
    assert certs.fetches == 2


def test_made_up_key_ids_do_not_hammer_the_endpoint(
    certs: CertsEndpoint, keys: Keys, rotated_keys: Keys, clock: FakeClock
) -> None:
    verifier = IdentityVerifier(google_settings(), request=CachedCertsRequest(certs, clock=clock))
    verifier.verify("Bearer " + keys.sign(user_claims()))
    for _ in range(5):
        with pytest.raises(Unauthenticated):
            verifier.verify("Bearer " + rotated_keys.sign(user_claims()))
    assert certs.fetches == 1


def test_during_a_certificate_outage_junk_tokens_do_not_each_fetch(
    certs: CertsEndpoint, rotated_keys: Keys, clock: FakeClock
) -> None:
    certs.status = 503
    verifier = IdentityVerifier(google_settings(), request=CachedCertsRequest(certs, clock=clock))
    for n in range(20):
        # Well-formed tokens signed by a key Google never published, each a new kid.
        junk = rotated_keys.sign(user_claims(sub=str(n)), key_id=f"made-up-{n}")
        with pytest.raises(Unavailable):
            verifier.verify(f"Bearer {junk}")
    assert certs.fetches == 1
