"""Replay recorded gspread ↔ Google Sheets traffic against the local emulator.

Usage: python scripts/replay_recordings.py [DIR]
(default: ../shared/recordings/gspread relative to the repository root).

Prints each file's share of matching Sheets interactions, the total share, and the
differences grouped by endpoint and by where the bodies first differ. The normalisations
applied before comparing are listed in `tests.sheets.replay`'s docstring:
JSON key order; `spreadsheetUrl` dropped; protected-range `editors` dropped; error bodies
compared on code/status/message only; random ids (sheets, protected and named ranges,
developer metadata) taken from Google's reply and sent as chosen ids, so they agree.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.sheets.replay import replay_directory  # noqa: E402

DEFAULT_DIR = ROOT.parent / "shared" / "recordings" / "gspread"


def main(argv: list[str]) -> int:
    """Replay the recordings and print the report; exit 0 even when recordings are absent."""
    directory = Path(argv[1]) if len(argv) > 1 else DEFAULT_DIR
    if not directory.is_dir():
        print(f"No recordings at {directory}: nothing to replay.")
        return 0
    report = replay_directory(directory)
    for result in report.files:
        share = result.matched / result.total if result.total else 1.0
        print(f"{share:7.1%}  {result.matched:3d}/{result.total:<3d}  {result.name}")
    print(f"\nTotal: {report.matched}/{report.total} = {report.share:.1%} matching\n")
    grouped = report.grouped()
    if grouped:
        print("Differences (count × endpoint: first difference):")
        for diff, count in grouped.most_common():
            print(f"  {count:3d} × {diff}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
