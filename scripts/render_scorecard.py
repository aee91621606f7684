"""Render one scorecard tab of an exported .xlsx to a PNG a person can check.

Usage: python scripts/render_scorecard.py [XLSX] [--out docs/scorecard.png] [--sheet N]
       [--tab TITLE] [--dpi D] [--columns "KPI,Target,…"] [--max-width PX] [--team]

Without XLSX it first runs the demo (`scorecard demo`) in a temporary data directory and
renders its export. With --team it renders three pictures from that one export: the first
scorecard tab to --out, and the "Team overview" and "Issues" tabs to team-overview.png and
issues.png beside it, each with the columns a manager reads first. The tab (--tab by title,
or the 1-based --sheet, by default the first one with values) is
printed to PDF by LibreOffice Calc with the page setup the export writes (landscape, one page
wide), showing only the --columns (by header; by default KPI, Target, Latest, Trend, Status
and Flags, so the picture stays readable), and the first page is rasterised by poppler and
cropped to the table, at a resolution that keeps it at most --max-width pixels wide.

LibreOffice and poppler are not Python packages and the project's CI does not install them:
    sudo apt-get install -y --no-install-recommends libreoffice-calc poppler-utils fonts-dejavu-core
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from openpyxl import load_workbook  # noqa: E402
from openpyxl.utils import get_column_letter  # noqa: E402
from openpyxl.utils.exceptions import InvalidFileException  # noqa: E402

from service.core.issues import ISSUE_HEADERS, IssueColumn  # noqa: E402
from service.core.layout import COMPUTED_HEADERS, ComputedColumn  # noqa: E402
from service.core.models import HEADERS  # noqa: E402
from service.core.overview import OVERVIEW_HEADERS, OverviewColumn  # noqa: E402
from service.core.team import TEAM_TITLES, TeamTab  # noqa: E402

INSTALL_HINT = (
    "sudo apt-get install -y --no-install-recommends "
    "libreoffice-calc poppler-utils fonts-dejavu-core"
)
TOOLS = {"soffice": "libreoffice-calc", "pdftoppm": "poppler-utils", "pdftotext": "poppler-utils"}
CONVERT_TIMEOUT_S = 300
MARGIN_PT = 10.0  # white space kept around the table when cropping
# The whole tab is scaled to one page wide, so glyphs are small: 80 dpi leaves them
# about 3 px tall, 300 dpi about 10 px, readable at 100 % zoom.
DEFAULT_DPI = 300
MAX_COLUMN_CHARS = 60  # a wider column would squeeze the rest at one page wide
DEFAULT_MAX_WIDTH = 1600  # README width: a wider picture is shrunk until it is unreadable
# What a manager reads first, by header: the service's own words for them.
DEFAULT_COLUMNS = (
    HEADERS["name"],
    HEADERS["target"],
    *(
        COMPUTED_HEADERS[kind]
        for kind in (
            ComputedColumn.LATEST,
            ComputedColumn.TREND,
            ComputedColumn.STATUS,
            ComputedColumn.FLAGS,
        )
    ),
)
# The team tabs, by their default titles, with the columns worth a picture (not the links,
# notes, role or the service's Key column, which would squeeze the rest).
TEAM_PICTURES = (
    (
        "team-overview.png",
        TEAM_TITLES[TeamTab.OVERVIEW],
        tuple(
            OVERVIEW_HEADERS[kind]
            for kind in (
                OverviewColumn.PERSON,
                OverviewColumn.KPI,
                OverviewColumn.TARGET,
                OverviewColumn.LATEST,
                OverviewColumn.STATUS,
                OverviewColumn.TREND,
                OverviewColumn.FLAGS,
            )
        ),
    ),
    (
        "issues.png",
        TEAM_TITLES[TeamTab.ISSUES],
        tuple(
            ISSUE_HEADERS[kind]
            for kind in (
                IssueColumn.KPI,
                IssueColumn.PERSON,
                IssueColumn.SINCE,
                IssueColumn.WHY,
                IssueColumn.STATUS,
            )
        ),
    ),
)
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)"')
_WORD = re.compile(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"')


class RenderError(Exception):
    """A step of the rendering failed; the message says which and why."""


def missing_tools() -> list[str]:
    """The external programs this script needs that are not on PATH."""
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def demo_workbook(workdir: Path) -> Path:
    """Run the demo with its data under `workdir` and return the .xlsx it exported."""
    from service.cli.demo import run_demo
    from service.context import build_services
    from service.settings import Settings

    services = build_services(Settings(data_dir=workdir / "data"))
    try:
        run_demo(services, echo=lambda _line: None)
    finally:
        services.registry.close()
    return services.settings.data_dir / "demo.xlsx"


def _has_values(ws: Any) -> bool:
    return any(cell.value is not None for row in ws.iter_rows() for cell in row)


def _show_only(ws: Any, headers: tuple[str, ...]) -> None:
    """Hide every column whose header (in the first five rows) is not one of `headers`."""
    wanted = {header.casefold() for header in headers}
    found: set[int] = set()
    for row in ws.iter_rows(min_row=1, max_row=5):
        found |= {
            cell.column
            for cell in row
            if isinstance(cell.value, str) and cell.value.strip().casefold() in wanted
        }
    if not found:
        raise RenderError(f"none of the columns {', '.join(headers)} is on {ws.title!r}")
    for column in range(1, ws.max_column + 1):
        if column not in found:
            ws.column_dimensions[get_column_letter(column)].hidden = True
    # Stored heights fit the wrapped text of columns now hidden. Widen the shown columns to
    # their longest line instead, so every row is one line high.
    for dimension in ws.row_dimensions.values():
        dimension.height = None
    for column in found:
        texts = [str(row[0].value) for row in ws.iter_rows(min_col=column, max_col=column)]
        longest = max((len(line) for text in texts for line in text.split("\n")), default=0)
        dimension = ws.column_dimensions[get_column_letter(column)]
        dimension.width = max(dimension.width or 0, min(longest + 2, MAX_COLUMN_CHARS))


def single_sheet(
    xlsx: Path,
    sheet: int | None,
    workdir: Path,
    columns: tuple[str, ...] = (),
    title: str | None = None,
) -> tuple[Path, str]:
    """Copy the workbook keeping one tab (by title, 1-based number or the first with values)."""
    try:
        wb = load_workbook(xlsx)
    except (OSError, KeyError, zipfile.BadZipFile, InvalidFileException) as exc:
        raise RenderError(f"{xlsx} is not a readable .xlsx: {exc}") from exc
    if title is not None:
        titles = [ws.title for ws in wb.worksheets]
        if title not in titles:
            raise RenderError(f"--tab {title!r}: {xlsx} has {', '.join(map(repr, titles))}")
        sheet = titles.index(title) + 1
    elif sheet is None:
        filled = [n for n, ws in enumerate(wb.worksheets, 1) if _has_values(ws)]
        sheet = filled[0] if filled else 1
    if not 1 <= sheet <= len(wb.worksheets):
        raise RenderError(f"--sheet {sheet}: {xlsx} has {len(wb.worksheets)} sheet(s)")
    keep = wb.worksheets[sheet - 1]
    for ws in list(wb.worksheets):
        if ws is not keep:
            wb.remove(ws)
    keep.sheet_state = "visible"
    if columns:
        _show_only(keep, columns)
    out = workdir / "tab.xlsx"
    wb.save(out)
    return out, keep.title


def to_pdf(xlsx: Path, workdir: Path) -> tuple[Path, float]:
    """Print the workbook to PDF with LibreOffice; return the PDF and the seconds it took."""
    # A private profile: a second soffice on the same profile exits 0 and converts nothing.
    profile = (workdir / "lo-profile").as_uri()
    command = [
        "soffice",
        f"-env:UserInstallation={profile}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(workdir),
        str(xlsx),
    ]
    started = time.perf_counter()
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=CONVERT_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise RenderError(f"soffice did not finish in {CONVERT_TIMEOUT_S} s") from exc
    seconds = time.perf_counter() - started
    pdf = workdir / f"{xlsx.stem}.pdf"
    if done.returncode != 0 or not pdf.is_file():
        detail = (done.stderr or done.stdout).strip()
        raise RenderError(f"soffice exited {done.returncode} without {pdf.name}: {detail}")
    return pdf, seconds


def content_box(pdf: Path, dpi: int) -> tuple[int, int, int, int] | None:
    """Pixel box (x, y, width, height) around the text of page 1, or None if it has none."""
    done = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-bbox", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    page = _PAGE.search(done.stdout)
    words = [tuple(map(float, m.groups())) for m in _WORD.finditer(done.stdout)]
    if page is None or not words:
        return None
    width, height = float(page.group(1)), float(page.group(2))
    left = max(min(w[0] for w in words) - MARGIN_PT, 0.0)
    top = max(min(w[1] for w in words) - MARGIN_PT, 0.0)
    right = min(max(w[2] for w in words) + MARGIN_PT, width)
    bottom = min(max(w[3] for w in words) + MARGIN_PT, height)
    scale = dpi / 72.0
    return (
        round(left * scale),
        round(top * scale),
        round((right - left) * scale),
        round((bottom - top) * scale),
    )


def fitting_dpi(pdf: Path, dpi: int, max_width: int) -> int:
    """The highest resolution up to `dpi` at which the cropped table is at most max_width px."""
    box = content_box(pdf, 72)
    if box is None or box[2] <= 0:
        return dpi
    return max(min(dpi, max_width * 72 // box[2]), 1)


def to_png(pdf: Path, out: Path, dpi: int, workdir: Path) -> None:
    """Rasterise page 1 of the PDF, cropped to its content, to `out`."""
    command = ["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile"]
    box = content_box(pdf, dpi)
    if box is not None:
        x, y, w, h = box
        command += ["-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h)]
    prefix = workdir / "page"
    done = subprocess.run([*command, str(pdf), str(prefix)], capture_output=True, text=True)
    png = prefix.with_suffix(".png")
    if done.returncode != 0 or not png.is_file():
        raise RenderError(f"pdftoppm exited {done.returncode}: {done.stderr.strip()}")
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(png, out)


class Picture(NamedTuple):
    """One picture to render: where it goes, which tab and which of its columns."""

    out: Path
    sheet: int | None = None
    title: str | None = None
    columns: tuple[str, ...] = ()


def team_pictures(out: Path, sheet: int | None, columns: tuple[str, ...]) -> list[Picture]:
    """The scorecard picture at `out`, then the two team tabs' pictures beside it."""
    team = [Picture(out.parent / name, None, title, shown) for name, title, shown in TEAM_PICTURES]
    return [Picture(out, sheet, None, columns), *team]


def render(
    xlsx: Path | None,
    pictures: list[Picture],
    dpi: int,
    max_width: int = DEFAULT_MAX_WIDTH,
) -> None:
    """Run every step, printing what each one did and how long the conversion took."""
    with tempfile.TemporaryDirectory(prefix="scorecard-render-") as tmp:
        workdir = Path(tmp)
        if xlsx is None:
            xlsx = demo_workbook(workdir)
            print(f"demo exported {xlsx.name}")
        elif not xlsx.is_file():
            raise RenderError(f"{xlsx}: no such file")
        for number, picture in enumerate(pictures, 1):
            step = workdir / f"picture-{number}"
            step.mkdir()
            tab, title = single_sheet(xlsx, picture.sheet, step, picture.columns, picture.title)
            pdf, seconds = to_pdf(tab, step)
            print(f"soffice converted {title!r} to PDF in {seconds:.1f} s")
            fitted = fitting_dpi(pdf, dpi, max_width)
            to_png(pdf, picture.out, fitted, step)
            print(f"wrote {picture.out} ({picture.out.stat().st_size // 1024} KB, {fitted} dpi)")


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and render; exit 2 when a tool is missing, 1 on a failed step."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("xlsx", nargs="?", type=Path, help="default: run the demo and use its")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "scorecard.png")
    parser.add_argument("--sheet", type=int, help="1-based tab number (default: first with values)")
    parser.add_argument("--tab", help="the tab's title (instead of --sheet)")
    parser.add_argument("--dpi", type=int, default=DEFAULT_DPI)
    parser.add_argument(
        "--columns",
        default=",".join(DEFAULT_COLUMNS),
        help="headers of the columns to show, comma-separated ('' for all)",
    )
    parser.add_argument("--max-width", type=int, default=DEFAULT_MAX_WIDTH)
    parser.add_argument(
        "--team",
        action="store_true",
        help="also render the Team overview and Issues tabs beside --out",
    )
    args = parser.parse_args(argv)
    columns = tuple(name.strip() for name in args.columns.split(",") if name.strip())
    if args.team:
        pictures = team_pictures(args.out, args.sheet, columns)
    else:
        pictures = [Picture(args.out, args.sheet, args.tab, columns)]
    missing = missing_tools()
    if missing:
        packages = sorted({TOOLS[tool] for tool in missing})
        print(
            f"missing {', '.join(missing)} (Debian packages {', '.join(packages)}); "
            f"install with:\n  {INSTALL_HINT}",
            file=sys.stderr,
        )
        return 2
    try:
        render(args.xlsx, pictures, args.dpi, args.max_width)
    except RenderError as exc:
        print(f"render failed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
