"""Tab titles made from person names carry no invisible or control characters."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from service.core.provisioning import clean_person
from service.sheets.emulator import SheetsEmulator


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Dana Ruiz", "Dana Ruiz"),
        ("  Dana\t\nRuiz ", "Dana Ruiz"),
        ("Dana\u202eziuR\u202c", "DanaziuR"),  # a bidi override that would reverse the title
        ("Da\u200bna\u200d Ruiz\ufeff", "Dana Ruiz"),  # zero-width space, joiner, BOM
        ("Dana\x00Ruiz\x1b[31m", "DanaRuiz[31m"),  # NUL and an escape
        ("Jose\u0301", "Jos\u00e9"),  # a combining accent kept, composed
        ("李小龙", "李小龙"),
        ("\u200b\u200d\u2060", ""),
        ("\u0301\u0302", ""),  # combining marks alone show nothing
        ("\u202e\x00 ", ""),
    ],
)
def test_clean_person(typed: str, kept: str) -> None:
    assert clean_person(typed) == kept


def test_provision_titles_the_tab_with_the_cleaned_name(
    client: FlaskClient, emulator: SheetsEmulator
) -> None:
    sid = emulator.create_spreadsheet("Team")
    url = f"/api/v1/spreadsheets/{sid}/scorecards"
    made = client.post(url, json={"role": "accounting_rep", "person": "Dana\u202e Ruiz\x00"})
    assert made.status_code == 201
    assert made.get_json()["scorecard"]["title"] == "Accounting rep — Dana Ruiz"
    titles = [t["properties"]["title"] for t in emulator.spreadsheet_json(sid)["sheets"]]
    assert "Accounting rep — Dana Ruiz" in titles


@pytest.mark.parametrize("person", ["\u200b\u200b", "\u0301", "\u202e\u202c", "\x00\x01"])
def test_a_name_with_nothing_visible_is_refused(
    client: FlaskClient, emulator: SheetsEmulator, person: str
) -> None:
    sid = emulator.create_spreadsheet("Team")
    emulator.reset_counts()
    refused = client.post(
        f"/api/v1/spreadsheets/{sid}/scorecards", json={"role": "accounting_rep", "person": person}
    )
    assert refused.status_code == 422
    assert refused.get_json()["error"]["fields"] == {"person": "blank"}
    assert emulator.counts(sid).writes == 0
