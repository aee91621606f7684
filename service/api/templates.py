"""Role templates: what a scorecard for a role starts with."""

from __future__ import annotations

from flask import Response
from flask_openapi3 import APIBlueprint, Tag
from pydantic import BaseModel, ConfigDict, Field

from service.api.guard import authorize, services
from service.api.responses import CALLER, PATH, documented, reply
from service.core.templates import GeneralTemplate, Template
from service.core.vocabulary import Vocabulary, vocabulary
from validators import RoleUsed

__all__ = ["bp"]

bp = APIBlueprint(
    "templates",
    __name__,
    url_prefix="/api/v1/templates",
    abp_tags=[Tag(name="templates")],
    abp_security=[{"bearer": []}],
)


class RolePath(BaseModel):
    """A role as people type it: an id such as `accounting_rep`, a title, or any other role."""

    model_config = ConfigDict(frozen=True)

    role: str = Field(max_length=64)


class TemplateList(BaseModel):
    """Every role template, and the vocabulary a client needs to show and edit KPI rows."""

    templates: list[Template]
    vocabulary: Vocabulary


@bp.get("", responses=documented({200: TemplateList}, CALLER))
def list_templates() -> Response:
    """List every role template with its KPIs, and the definition columns' vocabulary."""
    authorize()
    return reply(TemplateList(templates=services().catalog.all(), vocabulary=vocabulary()))


class RoleTemplate(GeneralTemplate):
    """A role's starting scorecard, and which template or general context it comes from."""

    role_used: RoleUsed = Field(
        description="Whether a template matched the role, else which general context built it."
    )


@bp.get("/<role>", responses=documented({200: RoleTemplate}, CALLER, PATH))
def get_template(path: RolePath) -> Response:
    """Show the template a role names; any other role gets a general template, and says so."""
    authorize()
    catalog = services().catalog
    template = catalog.get(path.role)
    return reply(RoleTemplate(**dict(template), role_used=catalog.role_used(path.role)))
