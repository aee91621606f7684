"""Who is calling: the one identity every request carries past the auth layer."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

__all__ = ["ANONYMOUS", "Caller", "CallerKind"]

CallerKind = Literal["user", "scheduler", "anonymous"]


class Caller(BaseModel):
    """A verified caller: a person, the scheduler, or nobody (auth off)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    email: str
    subject: str
    domain: str | None = None
    kind: CallerKind


# With auth off every request runs as this caller; start-up says so loudly.
ANONYMOUS = Caller(email="local@localhost", subject="anonymous", domain=None, kind="anonymous")
