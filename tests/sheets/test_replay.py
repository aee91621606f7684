"""Recorded gspread ↔ Google traffic replays against the emulator with matching answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sheets.replay import replay_directory

RECORDINGS = Path(__file__).resolve().parents[3] / "shared" / "recordings" / "gspread"


@pytest.mark.replay
def test_recordings_replay_with_at_least_99_percent_matching() -> None:
    if not RECORDINGS.is_dir():
        pytest.skip(f"recordings not found at {RECORDINGS}; nothing to replay")

    report = replay_directory(RECORDINGS)

    assert report.total > 0
    assert report.share >= 0.99, report.grouped().most_common(10)
