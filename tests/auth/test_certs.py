"""CachedCertsRequest: certificates come from memory until Google's max-age runs out."""

from __future__ import annotations

import pytest

from service.auth.certs import CachedCertsRequest, max_age_seconds
from tests.auth.conftest import CERTS_URL, CertsEndpoint, FakeClock


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"Cache-Control": "public, max-age=21155, must-revalidate"}, 21155),
        ({"cache-control": "max-age=600"}, 600),
        ({"Cache-Control": "max-age=600", "Age": "100"}, 500),
        ({"Cache-Control": "max-age=60", "Age": "100"}, 0),
        ({"Cache-Control": "no-store, max-age=600"}, 0),
        ({"Cache-Control": "private"}, 0),
        ({}, 0),
    ],
)
def test_max_age(headers: dict[str, str], seconds: float) -> None:
    assert max_age_seconds(headers) == seconds


def test_failures_are_not_cached_beyond_a_short_backoff(
    certs: CertsEndpoint, clock: FakeClock
) -> None:
    cached = CachedCertsRequest(certs, clock=clock, failure_backoff_seconds=10)
    certs.status = 503
    assert cached(CERTS_URL).status == 503
    certs.status = 200
    assert cached(CERTS_URL).status == 503  # within the backoff: no new fetch
    clock.advance(11)
    assert cached(CERTS_URL).status == 200
    assert cached(CERTS_URL).status == 200
    assert certs.fetches == 2


def test_an_outage_costs_one_fetch_per_backoff_however_many_requests(
    certs: CertsEndpoint, clock: FakeClock
) -> None:
    cached = CachedCertsRequest(certs, clock=clock, failure_backoff_seconds=10)
    certs.status = 503
    assert {cached(CERTS_URL).status for _ in range(50)} == {503}
    assert certs.fetches == 1


def test_stale_certificates_serve_while_google_is_down(
    certs: CertsEndpoint, clock: FakeClock
) -> None:
    certs.max_age = 60
    cached = CachedCertsRequest(certs, clock=clock)
    cached(CERTS_URL)
    clock.advance(61)
    certs.status = 503
    assert cached(CERTS_URL).status == 200
    assert cached.knows_key(CERTS_URL, "test-kid")
    assert certs.fetches == 2


def test_uncacheable_answers_are_refetched(certs: CertsEndpoint, clock: FakeClock) -> None:
    certs.max_age = 0
    cached = CachedCertsRequest(certs, clock=clock)
    cached(CERTS_URL)
    cached(CERTS_URL)
    assert certs.fetches == 2


def test_other_urls_pass_through(certs: CertsEndpoint, clock: FakeClock) -> None:
    cached = CachedCertsRequest(certs, clock=clock)
    url = "https://example.com/other"
    cached(url)
    cached(url)
    assert certs.other_calls == [url, url]


def test_expire_is_rate_limited(certs: CertsEndpoint, clock: FakeClock) -> None:
    cached = CachedCertsRequest(certs, clock=clock, min_refetch_seconds=30)
    cached(CERTS_URL)
    assert cached.knows_key(CERTS_URL, "test-kid")
    assert not cached.expire(CERTS_URL)
    clock.advance(31)
    assert cached.expire(CERTS_URL)
    cached(CERTS_URL)
    assert certs.fetches == 2
