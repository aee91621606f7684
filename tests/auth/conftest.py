"""Real fakes for the auth tests: a local signing key, Google's certs endpoint, Drive."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from google.auth import crypt, jwt, transport

from service.settings import AuthMode, Settings

CLIENT_ID = "1234-addon.apps.googleusercontent.com"
OTHER_CLIENT_ID = "9999-other.apps.googleusercontent.com"
KEY_ID = "test-kid"
CERTS_URL = "https://www.googleapis.com/oauth2/v1/certs"


@dataclass
class Keys:
    """One RSA key pair: signs tokens, publishes its public half under a key id."""

    private_pem: bytes
    public_pem: bytes
    key_id: str = KEY_ID

    def sign(self, claims: Mapping[str, Any], key_id: str | None = None) -> str:
        """A compact JWT of `claims` signed with this key."""
        signer = crypt.RSASigner.from_string(self.private_pem, key_id=key_id or self.key_id)
        return jwt.encode(signer, dict(claims)).decode()  # type: ignore[no-untyped-call]


def _new_keys(key_id: str) -> Keys:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return Keys(private_pem=private_pem, public_pem=public_pem, key_id=key_id)


@pytest.fixture(scope="session")
def keys() -> Keys:
    """The key Google 'signs' with in these tests."""
    return _new_keys(KEY_ID)


@pytest.fixture(scope="session")
def rotated_keys() -> Keys:
    """A second key, published only after a rotation."""
    return _new_keys("rotated-kid")


def user_claims(**overrides: Any) -> dict[str, Any]:
    """Claims of a fresh identity token for a verified Workspace user."""
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": "https://accounts.google.com",
        "aud": CLIENT_ID,
        "azp": CLIENT_ID,
        "sub": "110000000000000000001",
        "email": "manager@example.com",
        "email_verified": True,
        "hd": "example.com",
        "iat": now,
        "exp": now + 3600,
    }
    claims.update(overrides)
    return {key: value for key, value in claims.items() if value is not None}


@dataclass
class CertsResponse:
    """What google-auth reads from a transport response."""

    status: int
    headers: dict[str, str]
    data: bytes


@dataclass
class CertsEndpoint(transport.Request):
    """Google's certificate endpoint, in process: serves the published keys, counts GETs."""

    published: list[Keys]
    max_age: int = 21155
    status: int = 200
    fetches: int = 0
    other_calls: list[str] = field(default_factory=list)

    def __call__(  # type: ignore[override]
        self, url: str, method: str = "GET", **kwargs: Any
    ) -> CertsResponse:
        if url != CERTS_URL:
            self.other_calls.append(url)
            return CertsResponse(404, {}, b"{}")
        self.fetches += 1
        if self.status != 200:
            return CertsResponse(self.status, {}, b"Service Unavailable")
        body = {keys.key_id: keys.public_pem.decode() for keys in self.published}
        headers = {"Cache-Control": f"public, max-age={self.max_age}, must-revalidate"}
        return CertsResponse(200, headers, json.dumps(body).encode())


@pytest.fixture
def certs(keys: Keys) -> CertsEndpoint:
    """The certificate endpoint publishing the test key."""
    return CertsEndpoint(published=[keys])


class FakeClock:
    """A clock tests move by hand."""

    def __init__(self, start: float = 1_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Move time forward."""
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    """A hand-driven monotonic clock."""
    return FakeClock()


def google_settings(**overrides: Any) -> Settings:
    """Settings with Google auth on and the test client id accepted."""
    values: dict[str, Any] = {"auth": AuthMode.GOOGLE, "auth_client_ids": (CLIENT_ID,)}
    values.update(overrides)
    return Settings(**values)


@dataclass
class DriveFile:
    """A file as the fake Drive knows it."""

    permissions: list[dict[str, str]]
    # What the service account may do: "writer" lists permissions, "reader" gets 403.
    service_account_role: str = "writer"


class FakeDrive(requests.adapters.BaseAdapter):
    """Drive v3 permissions.list, served in process through a requests transport adapter."""

    page_size_cap = 2

    def __init__(self, files: Mapping[str, DriveFile]) -> None:
        super().__init__()
        self.files = dict(files)
        self.requests = 0
        self.answer: Callable[[str], tuple[int, dict[str, Any]] | None] = lambda file_id: None

    def send(  # type: ignore[override]
        self, request: requests.PreparedRequest, **kwargs: Any
    ) -> requests.Response:
        self.requests += 1
        url = urlsplit(request.url or "")
        query = {key: values[0] for key, values in parse_qs(url.query).items()}
        parts = url.path.split("/")
        if request.method != "GET" or parts[:4] != ["", "drive", "v3", "files"]:
            return self._respond(request, 404, _drive_error(404, "notFound", "No such endpoint"))
        file_id = parts[4]
        status, body = self._list(file_id, query)
        return self._respond(request, status, body)

    def _list(self, file_id: str, query: Mapping[str, str]) -> tuple[int, dict[str, Any]]:
        forced = self.answer(file_id)
        if forced is not None:
            return forced
        file = self.files.get(file_id)
        if file is None or query.get("supportsAllDrives") != "true":
            return 404, _drive_error(404, "notFound", f"File not found: {file_id}.")
        if file.service_account_role not in {"writer", "owner"}:
            return 403, _drive_error(
                403, "insufficientFilePermissions", "The user does not have sufficient permissions"
            )
        size = min(int(query.get("pageSize", "100")), self.page_size_cap)
        start = int(query.get("pageToken", "0"))
        page = file.permissions[start : start + size]
        body: dict[str, Any] = {"permissions": page}
        if start + size < len(file.permissions):
            body["nextPageToken"] = str(start + size)
        return 200, body

    @staticmethod
    def _respond(
        request: requests.PreparedRequest, status: int, body: Mapping[str, Any]
    ) -> requests.Response:
        response = requests.Response()
        response.status_code = status
        response.headers["Content-Type"] = "application/json; charset=UTF-8"
        response.raw = io.BytesIO(json.dumps(body).encode())
        response.url = request.url or ""
        response.request = request
        return response

    def close(self) -> None:
        """Nothing to release."""


def _drive_error(code: int, reason: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "errors": [{"reason": reason}]}}


def drive_session(drive: FakeDrive) -> requests.Session:
    """A session whose Google API calls land on the fake Drive."""
    session = requests.Session()
    session.mount("https://www.googleapis.com/", drive)
    return session
