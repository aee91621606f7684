"""Liveness."""

from __future__ import annotations

from flask_openapi3 import APIBlueprint
from pydantic import BaseModel

__all__ = ["bp"]

bp = APIBlueprint("health", __name__)


class Health(BaseModel):
    """The answer of the liveness probe."""

    status: str


@bp.get("/healthz", responses={200: Health})
def healthz() -> dict[str, str]:
    """Answer 200 while the process can serve requests."""
    return Health(status="ok").model_dump()
