"""The import contract: the pure core and the validators do no I/O."""

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
    [("service/core", "import requests"), ("validators", "from service.sheets import gateway")],
)
def test_the_contract_fails_when_the_core_imports_io(
    tmp_path: Path, package: str, bad_import: str
) -> None:
    copy = tmp_path / "project"
    for name in ("service", "validators"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    (copy / package / "leaky.py").write_text(f'"""Does I/O."""\n{bad_import}\n')
    result = _lint(copy)
    assert result.returncode != 0
    assert "leaky" in result.stdout
