"""Stateless KPI checks: judge definitions before they are added to a sheet."""

from __future__ import annotations

from typing import Any

from flask_openapi3 import APIBlueprint, Tag
from pydantic import BaseModel, ConfigDict, Field

from service.api.guard import authorize, services
from service.core.models import KpiRow
from service.workflows import validate_kpis
from validators import ValidationReport

__all__ = ["MAX_ROWS", "bp"]

MAX_ROWS = 200

bp = APIBlueprint("kpis", __name__, url_prefix="/api/v1/kpis", abp_tags=[Tag(name="kpis")])


class ValidateBody(BaseModel):
    """KPI definitions to judge, optionally for a role."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    role: str | None = Field(default=None, max_length=100)
    kpis: list[KpiRow] = Field(min_length=1, max_length=MAX_ROWS)


@bp.post("/validate", responses={200: ValidationReport})
def validate(body: ValidateBody) -> dict[str, Any]:
    """Judge each KPI against the three criteria; writes nothing."""
    authorize()
    report = validate_kpis(services(), body.kpis, body.role)
    return report.model_dump(mode="json")
