"""How much the certificate cache saves per identity-token verification.

Runs N verifications of a locally signed token against an in-process certificate
endpoint that answers after a simulated network delay, once straight through
(google-auth's default: one download per verification) and once through
`CachedCertsRequest`. Prints downloads and milliseconds per verification.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

from google.auth import transport

from service.auth import CachedCertsRequest, IdentityVerifier
from service.settings import AuthMode, Settings
from tests.auth.conftest import _new_keys, user_claims

CLIENT_ID = "1234-bench.apps.googleusercontent.com"
VERIFICATIONS = 100
NETWORK_DELAY_SECONDS = 0.02


@dataclass
class _Response:
    status: int
    headers: dict[str, str]
    data: bytes


class _SlowCerts(transport.Request):
    """Google's certs endpoint with a fixed round-trip delay."""

    def __init__(self, public_pem: bytes) -> None:
        self.fetches = 0
        self._body = json.dumps({"bench": public_pem.decode()}).encode()

    def __call__(self, url: str, method: str = "GET", **kwargs: Any) -> _Response:  # type: ignore[override]
        self.fetches += 1
        time.sleep(NETWORK_DELAY_SECONDS)
        return _Response(200, {"Cache-Control": "public, max-age=21155"}, self._body)


def _token() -> tuple[str, bytes]:
    keys = _new_keys("bench")
    return keys.sign(user_claims(aud=CLIENT_ID, azp=CLIENT_ID)), keys.public_pem


def _run(label: str, certs: _SlowCerts, request: transport.Request, header: str) -> None:
    settings = Settings(auth=AuthMode.GOOGLE, auth_client_ids=(CLIENT_ID,))
    verifier = IdentityVerifier(settings, request=request)
    started = time.perf_counter()
    for _ in range(VERIFICATIONS):
        verifier.verify(header)
    elapsed = time.perf_counter() - started
    per_call = elapsed / VERIFICATIONS * 1000
    print(
        f"{label:<10} {VERIFICATIONS} verifications  {certs.fetches:>3} downloads  "
        f"{per_call:6.2f} ms/verification"
    )


def main() -> None:
    """Print downloads and time per verification, without and with the cache."""
    token, public_pem = _token()
    header = "Bearer " + token
    print(f"simulated certificate round trip: {NETWORK_DELAY_SECONDS * 1000:.0f} ms")
    plain = _SlowCerts(public_pem)
    _run("uncached", plain, plain, header)
    cached = _SlowCerts(public_pem)
    _run("cached", cached, CachedCertsRequest(cached), header)


if __name__ == "__main__":
    main()
