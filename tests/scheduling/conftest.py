"""Fixtures: the registry fixtures, shared with the registry's tests."""

from tests.registry.conftest import database_url, now, registry

__all__ = ["database_url", "now", "registry"]
