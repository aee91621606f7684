"""Liveness."""

from __future__ import annotations

from flask import Response
from flask_openapi3 import APIBlueprint
from pydantic import BaseModel

from service.api.responses import documented, reply

__all__ = ["bp"]

bp = APIBlueprint("health", __name__)


class Health(BaseModel):
    """The answer of the liveness probe."""

    status: str


@bp.get("/healthz", responses=documented({200: Health}))
def healthz() -> Response:
    """Answer 200 while the process can serve requests."""
    return reply(Health(status="ok"))
