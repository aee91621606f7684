"""Stateless KPI checks: judge definitions before they are added to a sheet."""

from __future__ import annotations

from flask import Response
from flask_openapi3 import APIBlueprint, Tag
from pydantic import BaseModel, ConfigDict, Field

from service.api.guard import authorize, services
from service.api.responses import BODY, CALLER, documented, reply
from service.core.models import KpiRow
from service.workflows import validate_kpis
from validators import ValidationReport

__all__ = ["MAX_ROWS", "bp"]

MAX_ROWS = 200

bp = APIBlueprint(
    "kpis",
    __name__,
    url_prefix="/api/v1/kpis",
    abp_tags=[Tag(name="kpis")],
    abp_security=[{"bearer": []}],
)


class ValidateBody(BaseModel):
    """KPI definitions to judge, optionally for a role."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    role: str | None = Field(default=None, max_length=100)
    kpis: list[KpiRow] = Field(min_length=1, max_length=MAX_ROWS)


@bp.post("/validate", responses=documented({200: ValidationReport}, CALLER, BODY, (404,)))
def validate(body: ValidateBody) -> Response:
    """Judge each KPI against the three criteria (404 for an unknown role); writes nothing."""
    authorize()
    return reply(validate_kpis(services(), body.kpis, body.role))
