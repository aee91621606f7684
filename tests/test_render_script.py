"""scripts/render_scorecard.py: says what to install, fails on LibreOffice errors, renders a PNG."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "render_scorecard.py"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _run(*args: str, path: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if path is not None:
        env["PATH"] = path
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def _tool(folder: Path, name: str, body: str) -> None:
    tool = folder / name
    tool.write_text(f"#!/bin/sh\n{body}\n")
    tool.chmod(0o755)


def _workbook(path: Path) -> Path:
    wb = Workbook()
    assert wb.active is not None
    wb.active["A1"] = "KPI"
    wb.save(path)
    return path


def test_missing_tools_name_the_packages_to_install(tmp_path: Path) -> None:
    done = _run("--out", str(tmp_path / "x.png"), path=str(tmp_path))

    assert done.returncode == 2
    assert "apt-get install" in done.stderr
    assert "libreoffice-calc" in done.stderr
    assert "poppler-utils" in done.stderr
    assert not (tmp_path / "x.png").exists()


def test_a_libreoffice_error_fails_the_script(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _tool(bin_dir, "soffice", "echo 'Error: source file could not be loaded' >&2; exit 1")
    _tool(bin_dir, "pdftoppm", "exit 0")
    _tool(bin_dir, "pdftotext", "exit 0")
    out = tmp_path / "x.png"

    done = _run(str(_workbook(tmp_path / "in.xlsx")), "--out", str(out), path=str(bin_dir))

    assert done.returncode == 1
    assert "soffice exited 1" in done.stderr
    assert "could not be loaded" in done.stderr
    assert not out.exists()


def test_a_missing_pdf_fails_the_script_even_when_soffice_exits_0(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in ("soffice", "pdftoppm", "pdftotext"):
        _tool(bin_dir, name, "exit 0")

    done = _run(
        str(_workbook(tmp_path / "in.xlsx")), "--out", str(tmp_path / "x.png"), path=str(bin_dir)
    )

    assert done.returncode == 1
    assert "without tab.pdf" in done.stderr


def test_an_unknown_sheet_number_fails_with_the_count(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in ("soffice", "pdftoppm", "pdftotext"):
        _tool(bin_dir, name, "exit 0")

    done = _run(str(_workbook(tmp_path / "in.xlsx")), "--sheet", "3", path=str(bin_dir))

    assert done.returncode == 1
    assert "has 1 sheet(s)" in done.stderr


@pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("soffice", "pdftoppm", "pdftotext")),
    reason="needs LibreOffice and poppler: apt-get install -y --no-install-recommends "
    "libreoffice-calc poppler-utils fonts-dejavu-core",
)
def test_the_demo_renders_a_scorecard_and_both_team_tabs(tmp_path: Path) -> None:
    out = tmp_path / "docs" / "scorecard.png"

    done = _run("--out", str(out), "--dpi", "100", "--team")

    assert done.returncode == 0, done.stderr
    for title in ("Accounting rep", "'Team overview'", "'Issues'"):
        assert title in done.stdout
    for name in ("scorecard.png", "team-overview.png", "issues.png"):
        image = (out.parent / name).read_bytes()
        assert image.startswith(PNG_SIGNATURE), name
        width = int.from_bytes(image[16:20], "big")
        height = int.from_bytes(image[20:24], "big")
        assert width > height > 50, name  # cropped to the table: one wide band of rows
        assert width <= 1600, name  # readable at README width
        assert len(image) < 400 * 1024, name


def test_an_unknown_tab_title_fails_with_the_titles(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in ("soffice", "pdftoppm", "pdftotext"):
        _tool(bin_dir, name, "exit 0")

    done = _run(str(_workbook(tmp_path / "in.xlsx")), "--tab", "Issues", path=str(bin_dir))

    assert done.returncode == 1
    assert "--tab 'Issues'" in done.stderr
    assert "'Sheet'" in done.stderr


def test_columns_that_are_not_on_the_tab_fail_the_script(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in ("soffice", "pdftoppm", "pdftotext"):
        _tool(bin_dir, name, "exit 0")

    done = _run(
        str(_workbook(tmp_path / "in.xlsx")), "--columns", "Trend,Status", path=str(bin_dir)
    )

    assert done.returncode == 1
    assert "none of the columns Trend, Status" in done.stderr
