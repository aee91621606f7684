"""The import contracts: the pure core and the validators do no I/O, the emulator stands alone."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_the_contract_holds_for_the_project() -> None:
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("package", "bad_import"),
    [
        ("service/core", "import requests"),
        ("service/core", "import socket"),
        ("validators", "from service.sheets import gateway"),
        ("validators", "import sqlite3"),
        ("service/sheets/emulator", "from service.core import grid"),
    ],
)
def test_the_contract_fails_when_the_core_imports_io(
    tmp_path: Path, package: str, bad_import: str
) -> None:
    copy = tmp_path / "project"
    for name in ("service", "validators"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(
        ROOT / "tests" / "contracts",
        copy / "tests" / "contracts",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    (copy / "tests" / "__init__.py").write_text("")
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    (copy / package / "leaky.py").write_text(f'"""Does I/O."""\n{bad_import}\n')
    result = _lint(copy)
    assert result.returncode != 0
    assert "leaky" in result.stdout


@pytest.mark.parametrize("package", ["validators", "service.core"])
def test_importing_the_pure_packages_loads_no_framework_or_io_library(package: str) -> None:
    heavy = ["flask", "flask_openapi3", "sqlalchemy", "gspread", "requests", "google.auth"]
    probe = (
        f"import sys, importlib, pkgutil, {package} as pkg\n"
        "for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "    importlib.import_module(info.name)\n"
        f"print(','.join(m for m in {heavy!r} if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"{package} loaded {result.stdout.strip()}"
