"""Role templates: what a scorecard for a role starts with."""

from __future__ import annotations

from typing import Any

from flask_openapi3 import APIBlueprint, Tag
from pydantic import BaseModel, ConfigDict, Field

from service.api.guard import authorize, services
from service.core.templates import Template
from service.core.vocabulary import Vocabulary, vocabulary

__all__ = ["bp"]

bp = APIBlueprint(
    "templates", __name__, url_prefix="/api/v1/templates", abp_tags=[Tag(name="templates")]
)


class RolePath(BaseModel):
    """A role id such as `accounting_rep`."""

    model_config = ConfigDict(frozen=True)

    role: str = Field(max_length=64)


class TemplateList(BaseModel):
    """Every role template, and the vocabulary a client needs to show and edit KPI rows."""

    templates: list[Template]
    vocabulary: Vocabulary


@bp.get("", responses={200: TemplateList})
def list_templates() -> dict[str, Any]:
    """List every role template with its KPIs, and the definition columns' vocabulary."""
    authorize()
    listed = TemplateList(templates=services().catalog.all(), vocabulary=vocabulary())
    return listed.model_dump(mode="json")


@bp.get("/<role>", responses={200: Template})
def get_template(path: RolePath) -> dict[str, Any]:
    """Show one role template; 404 lists the roles there are."""
    authorize()
    return services().catalog.get(path.role).model_dump(mode="json")
