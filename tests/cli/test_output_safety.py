"""What `scorecard show` prints is safe to open: no formula hides in CSV text, JSON marks them."""

from __future__ import annotations

import csv
import io
import json

import pytest

from service.context import Services
from service.core.grid import CellWrite
from tests.cli.terminal import TITLE, ok, read_tab

TRAPS = ['=HYPERLINK("http://evil")', "+1+2", "-2+3", "@SUM(A1)", "\tTAB"]


@pytest.fixture
def trapped(services: Services, provisioned: str) -> str:
    """The scorecard with formula-looking text typed in its definitions, and a real -3."""
    cells, card = read_tab(services, provisioned, TITLE)
    column = card.definition_columns["definition"]
    rows = [line.row for line in card.lines]
    writes = [
        CellWrite(sheet_id=card.sheet_id, row=row, column=column, value=text)
        for row, text in zip(rows, TRAPS, strict=False)
    ]
    target = card.definition_columns["target"]
    writes.append(CellWrite(sheet_id=card.sheet_id, row=rows[0], column=target, value=-3.0))
    gateway = services.sheets.gateway()
    gateway.apply(provisioned, writes, against=gateway.read(provisioned))
    ok(services, "sync", provisioned)
    return provisioned


def test_csv_neutralises_text_that_would_run_as_a_formula(services: Services, trapped: str) -> None:
    out = ok(services, "show", trapped, "--tab", TITLE, "--format", "csv").stdout
    rows = list(csv.reader(io.StringIO(out)))
    header = rows[0]
    definitions = [row[header.index("Definition")] for row in rows[1 : 1 + len(TRAPS)]]
    assert definitions == ["'" + text for text in TRAPS]
    assert rows[1][header.index("Target")] == "-3"  # a number stays a number
    every = [cell for row in rows for cell in row]
    assert not [cell for cell in every if cell[:1] in ("=", "+", "@")]


def test_json_marks_formulas_and_keeps_text_as_text(services: Services, trapped: str) -> None:
    [document] = json.loads(
        ok(services, "show", trapped, "--tab", TITLE, "--format", "json").stdout
    )
    cells = [cell for row in document["rows"] for cell in row]
    formulas = [cell["formula"] for cell in cells if isinstance(cell, dict)]
    assert formulas and all(f.startswith("=SPARKLINE") for f in formulas)
    texts = [cell for cell in cells if isinstance(cell, str)]
    assert set(TRAPS) <= set(texts)
