"""JSON log lines carry Cloud Logging's trace fields, so one request's lines group together."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service import create_app
from service.logs import TRACE_KEY, trace_fields
from service.settings import Settings

TRACE = "105445aa7843bc8bf206b12000100000"


@pytest.mark.parametrize(
    ("header", "project", "fields"),
    [
        (
            f"{TRACE}/1;o=1",
            "acme",
            {
                TRACE_KEY: f"projects/acme/traces/{TRACE}",
                "logging.googleapis.com/spanId": "1",
                "logging.googleapis.com/trace_sampled": True,
            },
        ),
        (TRACE, "acme", {TRACE_KEY: f"projects/acme/traces/{TRACE}"}),
        (f"{TRACE}/1;o=1", "", {}),
        ("not a trace", "acme", {}),
        (None, "acme", {}),
    ],
)
def test_trace_fields(header: str | None, project: str, fields: dict[str, object]) -> None:
    assert trace_fields(header, project) == fields


def test_a_requests_json_lines_carry_its_trace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GOOGLE_CLOUD_PROJECT", "acme")
    app = create_app(Settings(data_dir=tmp_path / "var", log_format="json"))
    capsys.readouterr()
    headers = {"X-Cloud-Trace-Context": f"{TRACE}/42;o=1"}
    assert (
        app.test_client().post("/api/v1/spreadsheets/nosuch/sync", headers=headers).status_code
        == 404
    )
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]
    logged = [line for line in lines if "nosuch" in line["message"]]
    assert logged and all(line[TRACE_KEY] == f"projects/acme/traces/{TRACE}" for line in logged)
    assert logged[0]["logging.googleapis.com/spanId"] == "42"
    app.extensions["scorecard"].close()
