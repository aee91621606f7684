"""Role templates: what a scorecard for a role starts with."""

from __future__ import annotations

from flask import Response
from flask_openapi3 import APIBlueprint, Tag
from pydantic import BaseModel, ConfigDict, Field

from service.api.guard import authorize, services
from service.api.responses import CALLER, PATH, documented, reply
from service.core.templates import Template
from service.core.vocabulary import Vocabulary, vocabulary

__all__ = ["bp"]

bp = APIBlueprint(
    "templates",
    __name__,
    url_prefix="/api/v1/templates",
    abp_tags=[Tag(name="templates")],
    abp_security=[{"bearer": []}],
)


class RolePath(BaseModel):
    """A role id such as `accounting_rep`."""

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


@bp.get("/<role>", responses=documented({200: Template}, CALLER, PATH, (404,)))
def get_template(path: RolePath) -> Response:
    """Show one role template; 404 lists the roles there are."""
    authorize()
    return reply(services().catalog.get(path.role))
