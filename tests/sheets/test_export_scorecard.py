"""The workbook a manager opens: the demo team exported, read back with openpyxl."""

from __future__ import annotations

import math

from openpyxl import load_workbook

from service.cli.demo import run_demo
from service.context import Services
from service.core.grid import Rgb
from service.core.provisioning import MET, MISSED

# Viénot, Brettel & Mollon (1999) dichromat projections, on linear RGB.
PROTANOPIA = ((0.11238, 0.88762, 0.0), (0.11238, 0.88762, 0.0), (0.00401, -0.00401, 1.0))
DEUTERANOPIA = ((0.29275, 0.70725, 0.0), (0.29275, 0.70725, 0.0), (-0.02234, 0.02234, 1.0))


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _gamma(c: float) -> float:
    c = min(max(c, 0.0), 1.0)
    return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def _seen(colour: Rgb, matrix: tuple[tuple[float, ...], ...]) -> tuple[float, ...]:
    rgb = [_linear(c) for c in (colour.red, colour.green, colour.blue)]
    return tuple(_gamma(sum(m * c for m, c in zip(row, rgb, strict=True))) for row in matrix)


def _hex(colour: Rgb) -> str:
    return "".join(f"{round(c * 255):02X}" for c in (colour.red, colour.green, colour.blue))


def test_met_and_missed_stay_apart_for_protanopes_and_deuteranopes() -> None:
    old_green, old_red = Rgb(red=0.83, green=0.93, blue=0.83), Rgb(red=0.96, green=0.80, blue=0.80)
    for matrix in (PROTANOPIA, DEUTERANOPIA):
        assert math.dist(_seen(MET, matrix), _seen(MISSED, matrix)) > 0.3
    # The pink and green this replaces nearly merge for a deuteranope.
    assert math.dist(_seen(old_green, DEUTERANOPIA), _seen(old_red, DEUTERANOPIA)) < 0.1


def test_the_export_opens_on_the_first_scorecard_with_misses_in_bold(services: Services) -> None:
    run_demo(services, lambda _: None)
    book = load_workbook(services.settings.data_dir / "demo.xlsx")
    assert book.active.title == "Accounting rep — Dana Ruiz"
    assert [ws.title for ws in book.worksheets if ws.sheet_view.tabSelected] == [book.active.title]
    rules = [rule for cf in book.active.conditional_formatting for rule in cf.rules]
    missed = [rule for rule in rules if rule.dxf.font is not None and rule.dxf.font.b]
    assert len(missed) == 1 and missed[0].dxf.fill.fgColor.rgb.endswith(_hex(MISSED))
    fills = {rule.dxf.fill.fgColor.rgb[-6:] for rule in rules}
    hexed = {
        "".join(f"{round(c * 255):02X}" for c in (x.red, x.green, x.blue)) for x in (MET, MISSED)
    }
    assert fills == hexed
