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

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from google.auth import crypt, jwt, transport

from service.auth import CachedCertsRequest, IdentityVerifier
from service.settings import AuthMode, Settings

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
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    now = int(time.time())
    claims = {
        "iss": "https://accounts.google.com",
        "aud": CLIENT_ID,
        "sub": "1",
        "email": "m@example.com",
        "email_verified": True,
        "iat": now,
        "exp": now + 3600,
    }
    signer = crypt.RSASigner.from_string(private_pem, key_id="bench")
    return jwt.encode(signer, claims).decode(), public_pem  # type: ignore[no-untyped-call]


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
