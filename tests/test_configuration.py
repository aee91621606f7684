"""A configuration that cannot work stops the service at start, in one line naming the variable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from service import create_app
from service.cli import main
from service.context import build_services
from service.settings import ConfigError, QueueBackend, Settings, SheetsBackend, load_settings

ROOT = Path(__file__).resolve().parents[1]


def _one_line(error: pytest.ExceptionInfo[ConfigError]) -> str:
    message = str(error.value)
    assert "\n" not in message and "Traceback" not in message
    return message


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("SCORECARD_SHEETS_BACKEND", "excel", "'local' or 'google'"),
        ("SCORECARD_MAX_REQUEST_BYTES", "lots", "integer"),
        ("SCORECARD_LOG_LEVEL", "LOUD", "DEBUG, INFO"),
        ("SCORECARD_QUEUE_WORKERS", "0", "greater than or equal to 1"),
    ],
)
def test_a_bad_value_names_its_variable_and_the_expected_form(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, expected: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as error:
        load_settings()
    message = _one_line(error)
    assert message.startswith(f"{variable}={value!r} is not valid")
    assert expected in message
    assert "pydantic" not in message and "For further information" not in message


def test_the_app_factory_checks_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCORECARD_AUTH", "maybe")
    with pytest.raises(ConfigError, match="SCORECARD_AUTH='maybe'"):
        create_app()


def test_cloud_tasks_without_a_project_stops_the_start_not_the_first_cron_tick(
    tmp_path: Path,
) -> None:
    settings = Settings(data_dir=tmp_path, queue_backend=QueueBackend.CLOUD_TASKS)
    with pytest.raises(ConfigError) as error:
        create_app(settings)
    assert "SCORECARD_CLOUD_TASKS_PROJECT" in _one_line(error)
    assert "SCORECARD_CLOUD_TASKS_LOCATION" in str(error.value)


def test_the_google_backend_refuses_a_sqlite_registry_unless_allowed(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, sheets_backend=SheetsBackend.GOOGLE)
    with pytest.raises(ConfigError) as error:
        build_services(settings)
    message = _one_line(error)
    assert "SCORECARD_DATABASE_URL" in message and "SCORECARD_ALLOW_SQLITE=true" in message


def test_an_unwritable_data_dir_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    with pytest.raises(ConfigError) as error:
        build_services(Settings(data_dir=blocker / "var"))
    assert _one_line(error).startswith("SCORECARD_DATA_DIR=")


def test_an_unreachable_database_is_one_line_without_its_password(tmp_path: Path) -> None:
    # Port 1 on the loopback refuses at once: no wait, no network.
    url = "postgresql+psycopg://scorecard:s3cret@127.0.0.1:1/scorecard?connect_timeout=2"
    with pytest.raises(ConfigError) as error:
        build_services(Settings(data_dir=tmp_path, database_url=url))
    message = _one_line(error)
    assert message.startswith("SCORECARD_DATABASE_URL=") and "cannot be opened" in message
    assert "s3cret" not in message


def test_a_missing_key_file_is_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "key.json"
    with pytest.raises(ConfigError) as error:
        build_services(Settings(data_dir=tmp_path, service_account_file=missing))
    assert _one_line(error).startswith(f"SCORECARD_SERVICE_ACCOUNT_FILE={str(missing)!r}")


def test_every_cli_command_checks_the_configuration_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SCORECARD_SHEETS_BACKEND", "excel")
    for command in (["templates"], ["runs"], ["db", "upgrade"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1, result.output
        assert isinstance(result.exception, SystemExit)
        lines = result.stderr.strip().splitlines()
        assert lines == [
            "Error: Configuration problem: SCORECARD_SHEETS_BACKEND='excel' is not valid: "
            "Input should be 'local' or 'google'"
        ]


def test_the_wsgi_entry_point_stops_with_one_line(tmp_path: Path) -> None:
    env = {**os.environ, "SCORECARD_DATA_DIR": str(tmp_path), "SCORECARD_LOG_FORMAT": "fancy"}
    done = subprocess.run(
        [sys.executable, "-c", "import main"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 3
    assert done.stderr.strip().splitlines() == [
        "scorecard: configuration problem: SCORECARD_LOG_FORMAT='fancy' is not valid: "
        "String should match pattern '^(auto|json|text)$'"
    ]


def test_app_yaml_with_the_deployment_values_is_a_configuration_that_starts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import yaml

    declared = yaml.safe_load((ROOT / "app.yaml").read_text())["env_variables"]
    deployment = {
        "SCORECARD_AUTH_CLIENT_IDS": "1234567890-abc.apps.googleusercontent.com",
        "SCORECARD_DATABASE_URL": "postgresql+psycopg://u:p@/db?host=/cloudsql/p:europe-west1:i",
        "SCORECARD_CLOUD_TASKS_PROJECT": "acme",
        "SCORECARD_CLOUD_TASKS_LOCATION": "europe-west1",
    }
    for name, value in {**declared, **deployment}.items():
        monkeypatch.setenv(name, str(value))
    settings = load_settings()
    assert settings.sheets_backend is SheetsBackend.GOOGLE
    assert settings.sheets_quota_scope == "shared" and settings.sheets_reads_per_minute == 54
