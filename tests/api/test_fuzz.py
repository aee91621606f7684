"""The OpenAPI document is valid, and a bounded schema-driven fuzz finds no 5xx and no
status the document does not declare."""

from __future__ import annotations

from typing import Any

import schemathesis
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import status_code_conformance

from service.sheets.emulator import SheetsEmulator


def test_the_openapi_document_is_valid_openapi_3(client: FlaskClient) -> None:
    document: dict[str, Any] = client.get("/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    validate(document)


# Small enough for every test run: 8 valid and 8 invalid requests for each operation.
EXAMPLES_PER_OPERATION = 8


def test_fuzzing_finds_no_server_error_and_no_undeclared_status(
    app: Flask, emulator: SheetsEmulator
) -> None:
    emulator.create_spreadsheet("Team", spreadsheet_id="team")
    schema = schemathesis.openapi.from_wsgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 14

    cases = [(op, mode) for op in operations for mode in GenerationMode]
    for operation, mode in cases:

        @given(case=operation.as_strategy(mode))
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def exercise(case: Any) -> None:
            case.call_and_validate(checks=[not_a_server_error, status_code_conformance])

        try:
            exercise()
        except Unsatisfiable:
            # An operation with no inputs (e.g. /healthz) has no invalid request to make.
            assert mode is GenerationMode.NEGATIVE, operation.label
