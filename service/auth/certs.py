"""Google's token-signing certificates, fetched once per `Cache-Control: max-age`.

google-auth re-downloads the certificates on every verification. This module
wraps any google-auth transport `Request` (a callable `request(url, method=...)`)
and answers GETs of the certificate URLs from memory until the max-age Google
sent has passed. Everything else goes straight through.

During an outage of the certificate endpoint, a failed fetch is remembered for
`failure_backoff_seconds`: until then every verification gets the failure at once
(or the last good certificates, if any), instead of each junk token queueing for a
fetch of its own behind the lock.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from google.auth import transport

__all__ = ["GOOGLE_CERTS_URLS", "CachedCertsRequest", "CertsResponse", "max_age_seconds"]

GOOGLE_CERTS_URLS: frozenset[str] = frozenset(
    {
        "https://www.googleapis.com/oauth2/v1/certs",
        "https://www.googleapis.com/oauth2/v3/certs",
    }
)
_MAX_AGE = re.compile(r"(?:^|[,\s])max-age\s*=\s*\"?(\d+)", re.IGNORECASE)
_NO_STORE = re.compile(r"(?:^|[,\s])(no-store|no-cache)\b", re.IGNORECASE)
_DEFAULT_TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True)
class CertsResponse:
    """A stored response in the shape google-auth reads: status, headers, data."""

    status: int
    headers: Mapping[str, str]
    data: bytes


_UNAVAILABLE = CertsResponse(503, {}, b"certificates unavailable")


@dataclass
class _Entry:
    response: CertsResponse
    expires_at: float
    fetched_at: float
    key_ids: frozenset[str] = field(default_factory=frozenset)


def max_age_seconds(headers: Mapping[str, str]) -> float:
    """Seconds a response may be reused: `max-age` minus `Age`, 0 when not cacheable."""
    lowered = {name.lower(): value for name, value in headers.items()}
    cache_control = lowered.get("cache-control", "")
    match = _MAX_AGE.search(cache_control)
    if match is None or _NO_STORE.search(cache_control):
        return 0.0
    age = lowered.get("age", "0").strip()
    already = float(age) if age.isdigit() else 0.0
    return max(0.0, float(match.group(1)) - already)


def _key_ids(data: bytes) -> frozenset[str]:
    """Key ids in a certs document, whether PEM-by-kid or JWK `{"keys": [...]}`."""
    try:
        document = json.loads(data.decode("utf-8"))
    except ValueError:
        return frozenset()
    if not isinstance(document, dict):
        return frozenset()
    keys = document.get("keys")
    if isinstance(keys, list):
        return frozenset(str(key.get("kid")) for key in keys if isinstance(key, dict))
    return frozenset(str(kid) for kid in document)


class CachedCertsRequest(transport.Request):
    """A transport `Request` that caches certificate GETs until their max-age expires."""

    def __init__(
        self,
        inner: Callable[..., Any] | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        cached_urls: frozenset[str] = GOOGLE_CERTS_URLS,
        min_refetch_seconds: float = 30.0,
        timeout_seconds: float = _DEFAULT_TIMEOUT_SECONDS,
        failure_backoff_seconds: float = 10.0,
    ) -> None:
        if inner is None:
            # Imported here so that importing the auth package needs no HTTP stack.
            from google.auth.transport.requests import Request

            inner = Request()
        self._inner = inner
        self._clock = clock
        self._cached_urls = cached_urls
        self._min_refetch = min_refetch_seconds
        self._timeout = timeout_seconds
        self._failure_backoff = failure_backoff_seconds
        self._entries: dict[str, _Entry] = {}
        self._failed: dict[str, tuple[float, CertsResponse]] = {}
        self._lock = threading.Lock()

    def __call__(
        self,
        url: str,
        method: str = "GET",
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: float | None = None,
        **kwargs: Any,
    ) -> Any:
        """Answer a certificate GET from the cache when fresh; pass anything else through."""
        timeout = timeout if timeout is not None else self._timeout
        if method.upper() != "GET" or url not in self._cached_urls:
            return self._inner(url, method=method, body=body, headers=headers, timeout=timeout)
        # One lock for fetch and store: concurrent verifications share a single download.
        with self._lock:
            now = self._clock()
            entry = self._entries.get(url)
            if entry is not None and now < entry.expires_at:
                return entry.response
            failed = self._failed.get(url)
            if failed is not None and now - failed[0] < self._failure_backoff:
                return entry.response if entry is not None else failed[1]
            try:
                raw = self._inner(url, method="GET", headers=headers, timeout=timeout)
            except Exception:
                self._failed[url] = (now, _UNAVAILABLE)
                if entry is not None:
                    return entry.response  # stale keys beat no keys while Google is down
                raise
            response = CertsResponse(int(raw.status), dict(raw.headers), bytes(raw.data))
            if response.status != 200:
                self._failed[url] = (now, response)
                return entry.response if entry is not None else response
            self._failed.pop(url, None)
            self._entries[url] = _Entry(
                response=response,
                expires_at=now + max_age_seconds(response.headers),
                fetched_at=now,
                key_ids=_key_ids(response.data),
            )
            return response

    def knows_key(self, url: str, key_id: str) -> bool:
        """Whether the cached certificates for `url` hold `key_id`."""
        with self._lock:
            entry = self._entries.get(url)
            return entry is not None and key_id in entry.key_ids

    def expire(self, url: str) -> bool:
        """Drop the cached certificates so the next GET refetches; rate-limited, says if done."""
        with self._lock:
            entry = self._entries.get(url)
            if entry is None:
                return True
            # A token with a made-up key id must not turn every request into a download.
            if self._clock() - entry.fetched_at < self._min_refetch:
                return False
            del self._entries[url]
            return True
