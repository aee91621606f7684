"""Forged App Engine headers open nothing off App Engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from service import create_app
from service.settings import Settings
from service.sheets.backends import local_emulator


@pytest.mark.parametrize(
    ("environ", "status"),
    [({}, 403), ({"GAE_ENV": "standard", "GAE_APPLICATION": "s~acme"}, 200)],
)
def test_task_routes_trust_app_engine_headers_only_on_app_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, environ: dict[str, str], status: int
) -> None:
    for name in ("GAE_ENV", "GAE_APPLICATION"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    settings = Settings(data_dir=tmp_path / "var", log_format="text")
    app = create_app(settings)
    sid = local_emulator(settings.data_dir).create_spreadsheet("Team")
    client = app.test_client()
    cron = client.get("/tasks/sync-due", headers={"X-Appengine-Cron": "true"})
    queued = client.post(f"/tasks/sync/{sid}", headers={"X-AppEngine-QueueName": "sheet-sync"})
    assert (cron.status_code, queued.status_code) == (status, status)
    if status == 403:
        assert queued.get_json()["error"]["code"] == "forbidden"
    app.extensions["scorecard"].close()
