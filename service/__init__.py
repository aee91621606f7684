"""Scorecard: the backend of a Google Sheets add-on that provisions, validates and syncs KPIs."""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask

    from service.settings import Settings

__all__ = ["create_app"]


def create_app(settings: Settings | None = None) -> Flask:
    """Build the Flask app; with no settings they come from `SCORECARD_*` variables.

    Raises `ConfigError` (one line naming the variable) when the settings cannot work.
    """
    # Flask is imported here, not at the top, so that `import service.core` or
    # `import validators` never loads the web framework.
    from flask import jsonify
    from flask_openapi3 import Info, OpenAPI

    from service.api import errors, health, intake, kpis, spreadsheets, tasks, templates
    from service.api.responses import BEARER, published
    from service.context import build_services
    from service.errors import ErrorBody
    from service.logs import configure_logging
    from service.settings import load_settings

    settings = settings or load_settings()
    configure_logging(settings.log_level, settings.log_format)
    services = build_services(settings)
    for warning in services.startup_warnings:
        logging.getLogger("service").warning(warning)

    app = OpenAPI(
        __name__,
        info=Info(title="Scorecard API", version="1"),
        doc_ui=False,
        security_schemes=BEARER,
        validation_error_status=422,
        validation_error_model=ErrorBody,
        validation_error_callback=errors.validation_error_response,
    )
    app.config["MAX_CONTENT_LENGTH"] = settings.max_request_bytes
    app.extensions["scorecard"] = services
    # App Engine sets GOOGLE_CLOUD_PROJECT; Cloud Logging's trace field needs it.
    errors.install_error_handling(app, project=os.environ.get("GOOGLE_CLOUD_PROJECT", ""))
    intake.install_intake(app)
    for module in (health, templates, kpis, spreadsheets, tasks):
        app.register_api(module.bp)
    app.add_url_rule("/openapi.json", "openapi_spec", lambda: jsonify(published(app.api_doc)))
    return app
