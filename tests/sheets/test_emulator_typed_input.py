"""Typed input (USER_ENTERED) is stored and rendered as Google does, in four locales."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from service.sheets.emulator import SheetsEmulator, mount_emulator

BASE = "https://sheets.googleapis.com/v4/spreadsheets"
CELL_FIELDS = (
    "sheets.data.rowData.values(userEnteredValue,effectiveValue,formattedValue,"
    "userEnteredFormat.numberFormat,effectiveFormat.numberFormat)"
)
NARROW_NBSP = "\u202f"
# 2026-11-30 is 46356 days after 1899-12-30; 14:30 is 0.6041666… of a day.
NOV_30 = 46356
HALF_PAST_TWO = (14 * 60 + 30) / 1440

# (locale, typed, stored userEnteredValue, formattedValue, numberFormat type or None)
FORMS: list[tuple[str, str, dict[str, Any], str, str | None]] = [
    # numbers
    ("en_US", "42", {"numberValue": 42}, "42", None),
    ("en_US", "0042", {"numberValue": 42}, "42", None),
    ("en_US", "-3.25", {"numberValue": -3.25}, "-3.25", None),
    ("en_US", "2,000,000.01", {"numberValue": 2000000.01}, "2,000,000.01", "NUMBER"),
    ("en_GB", "1,234", {"numberValue": 1234}, "1,234", "NUMBER"),
    ("de_DE", "1.234,5", {"numberValue": 1234.5}, "1.234,5", "NUMBER"),
    ("de_DE", "3,25", {"numberValue": 3.25}, "3,25", None),
    ("fr_FR", "1 234,5", {"numberValue": 1234.5}, f"1{NARROW_NBSP}234,5", "NUMBER"),
    ("fr_FR", "0,5", {"numberValue": 0.5}, "0,5", None),
    # scientific notation
    ("en_US", "1.5E3", {"numberValue": 1500}, "1.50E+03", "SCIENTIFIC"),
    ("de_DE", "2,5e-3", {"numberValue": 0.0025}, "2,50E-03", "SCIENTIFIC"),
    ("de_DE", "2.5e-3", {"stringValue": "2.5e-3"}, "2.5e-3", None),
    ("en_US", "1E400", {"stringValue": "1E400"}, "1E400", None),
    # percentages
    ("en_US", "87%", {"numberValue": 0.87}, "87%", "PERCENT"),
    ("en_US", "12.5%", {"numberValue": 0.125}, "12.50%", "PERCENT"),
    ("en_GB", "-4%", {"numberValue": -0.04}, "-4%", "PERCENT"),
    ("de_DE", "87 %", {"numberValue": 0.87}, "87%", "PERCENT"),
    ("fr_FR", "12,5 %", {"numberValue": 0.125}, "12,50%", "PERCENT"),
    # currency
    ("en_US", "$1,200", {"numberValue": 1200}, "$1,200", "CURRENCY"),
    ("en_US", "$1,200.50", {"numberValue": 1200.5}, "$1,200.50", "CURRENCY"),
    ("en_US", "-$5", {"numberValue": -5}, "-$5", "CURRENCY"),
    ("en_GB", "£99.99", {"numberValue": 99.99}, "£99.99", "CURRENCY"),
    ("de_DE", "1.200,50 €", {"numberValue": 1200.5}, "1.200,50 €", "CURRENCY"),
    ("fr_FR", "1 200,50 €", {"numberValue": 1200.5}, f"1{NARROW_NBSP}200,50 €", "CURRENCY"),
    # dates, in ISO and in each locale's order
    ("en_US", "11/30/2026", {"numberValue": NOV_30}, "11/30/2026", "DATE"),
    ("en_US", "2026-11-30", {"numberValue": NOV_30}, "2026-11-30", "DATE"),
    ("en_GB", "30/11/2026", {"numberValue": NOV_30}, "30/11/2026", "DATE"),
    ("de_DE", "30.11.2026", {"numberValue": NOV_30}, "30.11.2026", "DATE"),
    ("de_DE", "2026-11-30", {"numberValue": NOV_30}, "2026-11-30", "DATE"),
    ("fr_FR", "30/11/2026", {"numberValue": NOV_30}, "30/11/2026", "DATE"),
    ("fr_FR", "1/2/26", {"numberValue": 46054}, "01/02/2026", "DATE"),
    ("en_US", "Nov 30, 2026", {"numberValue": NOV_30}, "Nov 30, 2026", "DATE"),
    ("en_GB", "30 November 2026", {"numberValue": NOV_30}, "30 November 2026", "DATE"),
    ("de_DE", "30. November 2026", {"numberValue": NOV_30}, "30. November 2026", "DATE"),
    ("fr_FR", "30 novembre 2026", {"numberValue": NOV_30}, "30 novembre 2026", "DATE"),
    # date-times and times (fractions of a day)
    (
        "en_US",
        "11/30/2026 14:30",
        {"numberValue": NOV_30 + HALF_PAST_TWO},
        "11/30/2026 14:30",
        "DATE_TIME",
    ),
    (
        "de_DE",
        "30.11.2026 14:30:00",
        {"numberValue": NOV_30 + HALF_PAST_TWO},
        "30.11.2026 14:30:00",
        "DATE_TIME",
    ),
    ("en_US", "2:30 PM", {"numberValue": HALF_PAST_TWO}, "2:30 PM", "TIME"),
    ("en_US", "14:30", {"numberValue": HALF_PAST_TWO}, "14:30", "TIME"),
    ("en_GB", "14:30", {"numberValue": HALF_PAST_TWO}, "14:30", "TIME"),
    ("fr_FR", "09:15:30", {"numberValue": (9 * 3600 + 15 * 60 + 30) / 86400}, "09:15:30", "TIME"),
    ("en_GB", "36:15", {"numberValue": 1.5 + 15 / 1440}, "36:15:00", "TIME"),
    # booleans, with the locale's words
    ("en_US", "TRUE", {"boolValue": True}, "TRUE", None),
    ("en_GB", "false", {"boolValue": False}, "FALSE", None),
    ("de_DE", "WAHR", {"boolValue": True}, "WAHR", None),
    ("de_DE", "falsch", {"boolValue": False}, "FALSCH", None),
    ("fr_FR", "VRAI", {"boolValue": True}, "VRAI", None),
    ("fr_FR", "FAUX", {"boolValue": False}, "FAUX", None),
    # text, including what only looks like a number or a date elsewhere
    ("en_US", "On track", {"stringValue": "On track"}, "On track", None),
    ("en_US", "30/11/2026", {"stringValue": "30/11/2026"}, "30/11/2026", None),
    ("en_GB", "11/30/2026", {"stringValue": "11/30/2026"}, "11/30/2026", None),
    ("de_DE", "1.5", {"stringValue": "1.5"}, "1.5", None),
    ("en_US", "1,5", {"stringValue": "1,5"}, "1,5", None),
    ("en_US", "n/a", {"stringValue": "n/a"}, "n/a", None),
    # a leading apostrophe forces text and is not part of the value
    ("en_US", "'0042", {"stringValue": "0042"}, "0042", None),
    ("de_DE", "'30.11.2026", {"stringValue": "30.11.2026"}, "30.11.2026", None),
    ("fr_FR", "'VRAI", {"stringValue": "VRAI"}, "VRAI", None),
    # formulas (plain arithmetic is evaluated)
    ("en_US", "=1+1", {"formulaValue": "=1+1"}, "2", None),
    ("en_US", "= 1 / 1024", {"formulaValue": "= 1 / 1024"}, "0.0009765625", None),
    ("de_DE", "=1/4", {"formulaValue": "=1/4"}, "0,25", None),
]


class Sheets:
    """The emulated Sheets API over a real requests session."""

    def __init__(self) -> None:
        self.emu = SheetsEmulator()
        self.session = requests.Session()
        mount_emulator(self.session, self.emu)

    def create(self, locale: str) -> str:
        body = {"properties": {"title": f"Typed {locale}", "locale": locale}}
        reply = self.session.post(BASE, json=body)
        assert reply.status_code == 200, reply.text
        return str(reply.json()["spreadsheetId"])

    def type_in(
        self, sid: str, rng: str, rows: list[list[Any]], mode: str = "USER_ENTERED"
    ) -> None:
        reply = self.session.put(
            f"{BASE}/{sid}/values/{rng}", params={"valueInputOption": mode}, json={"values": rows}
        )
        assert reply.status_code == 200, reply.text

    def cell(self, sid: str, rng: str = "Sheet1!A1") -> dict[str, Any]:
        reply = self.session.get(
            f"{BASE}/{sid}", params={"ranges": rng, "fields": CELL_FIELDS}
        ).json()
        rows = reply["sheets"][0]["data"][0].get("rowData") or [{}]
        values = rows[0].get("values") or [{}]
        cell: dict[str, Any] = values[0]
        return cell

    def values(self, sid: str, rng: str, **params: str) -> Any:
        return self.session.get(f"{BASE}/{sid}/values/{rng}", params=params).json().get("values")

    def batch(self, sid: str, *requests_: dict[str, Any]) -> requests.Response:
        return self.session.post(f"{BASE}/{sid}:batchUpdate", json={"requests": list(requests_)})


@pytest.fixture
def sheets() -> Iterator[Sheets]:
    api = Sheets()
    yield api
    api.session.close()


def test_the_table_covers_forty_forms_in_four_locales() -> None:
    assert len(FORMS) >= 40
    assert {locale for locale, *_ in FORMS} == {"en_US", "en_GB", "de_DE", "fr_FR"}


@pytest.mark.parametrize(("locale", "typed", "stored", "shown", "kind"), FORMS)
def test_typed_form_is_stored_and_rendered_as_google_does(
    sheets: Sheets,
    locale: str,
    typed: str,
    stored: dict[str, Any],
    shown: str,
    kind: str | None,
) -> None:
    sid = sheets.create(locale)

    sheets.type_in(sid, "Sheet1!A1", [[typed]])
    cell = sheets.cell(sid)

    assert cell["userEnteredValue"] == pytest.approx(stored)
    effective = cell["effectiveValue"]
    if "formulaValue" in stored:
        assert "numberValue" in effective
    else:
        assert effective == pytest.approx(stored)
    assert cell["formattedValue"] == shown
    assert cell.get("userEnteredFormat", {}).get("numberFormat", {}).get("type") == kind
    assert cell.get("effectiveFormat", {}).get("numberFormat", {}).get("type") == kind


def test_raw_input_keeps_every_form_as_text(sheets: Sheets) -> None:
    sid = sheets.create("en_US")

    sheets.type_in(sid, "Sheet1!A1:D1", [["87%", "2026-11-30", "TRUE", "=1+1"]], mode="RAW")

    plain = sheets.values(sid, "Sheet1!A1:D1", valueRenderOption="UNFORMATTED_VALUE")
    assert plain == [["87%", "2026-11-30", "TRUE", "=1+1"]]
    assert sheets.cell(sid)["userEnteredValue"] == {"stringValue": "87%"}


def test_render_options_choose_numbers_serials_or_formatted_strings(sheets: Sheets) -> None:
    sid = sheets.create("en_US")
    sheets.type_in(sid, "Sheet1!A1:D1", [["87%", "2026-11-30", "$1,200", "=2*3"]])

    formatted = sheets.values(sid, "Sheet1!A1:D1")
    unformatted = sheets.values(sid, "Sheet1!A1:D1", valueRenderOption="UNFORMATTED_VALUE")
    as_strings = sheets.values(
        sid,
        "Sheet1!A1:D1",
        valueRenderOption="UNFORMATTED_VALUE",
        dateTimeRenderOption="FORMATTED_STRING",
    )
    formulas = sheets.values(sid, "Sheet1!A1:D1", valueRenderOption="FORMULA")

    assert formatted == [["87%", "2026-11-30", "$1,200", "6"]]
    assert unformatted == [[0.87, NOV_30, 1200, 6]]
    assert as_strings == [[0.87, "2026-11-30", 1200, 6]]
    assert formulas == [[0.87, NOV_30, 1200, "=2*3"]]


def test_unknown_render_options_are_refused(sheets: Sheets) -> None:
    sid = sheets.create("en_US")

    bad_value = sheets.session.get(
        f"{BASE}/{sid}/values/Sheet1!A1", params={"valueRenderOption": "PRETTY"}
    )
    bad_date = sheets.session.get(
        f"{BASE}/{sid}/values/Sheet1!A1", params={"dateTimeRenderOption": "ISO"}
    )

    assert (bad_value.status_code, bad_date.status_code) == (400, 400)
    assert bad_value.json()["error"]["status"] == "INVALID_ARGUMENT"


def test_locale_set_later_changes_how_text_is_read_and_shown(sheets: Sheets) -> None:
    sid = sheets.create("en_US")
    sheets.type_in(sid, "Sheet1!A1", [["1,234.5"]])

    reply = sheets.batch(
        sid,
        {
            "updateSpreadsheetProperties": {
                "properties": {"locale": "de_DE", "timeZone": "Europe/Berlin"},
                "fields": "locale,timeZone",
            }
        },
    )
    sheets.type_in(sid, "Sheet1!A2", [["30.11.2026"]])

    properties = sheets.session.get(f"{BASE}/{sid}", params={"fields": "properties"}).json()
    assert reply.status_code == 200
    assert properties["properties"]["locale"] == "de_DE"
    assert properties["properties"]["timeZone"] == "Europe/Berlin"
    assert sheets.values(sid, "Sheet1!A1:A2") == [["1.234,5"], ["30.11.2026"]]
    assert sheets.cell(sid, "Sheet1!A2")["userEnteredValue"] == {"numberValue": NOV_30}


def test_a_cell_keeps_its_own_format_of_the_typed_kind(sheets: Sheets) -> None:
    sid = sheets.create("en_US")
    number_format = {"type": "DATE", "pattern": "yyyy-mm-dd"}
    sheets.batch(
        sid,
        {
            "repeatCell": {
                "range": {"sheetId": 0, "startRowIndex": 0, "endRowIndex": 1},
                "cell": {"userEnteredFormat": {"numberFormat": number_format}},
                "fields": "userEnteredFormat.numberFormat",
            }
        },
    )

    sheets.type_in(sid, "Sheet1!A1:B1", [["11/30/2026", "87%"]])

    assert sheets.values(sid, "Sheet1!A1:B1") == [["2026-11-30", "87%"]]
    assert sheets.cell(sid)["userEnteredFormat"]["numberFormat"] == number_format


def test_a_plain_text_cell_keeps_what_is_typed_as_text(sheets: Sheets) -> None:
    sid = sheets.create("en_US")
    sheets.batch(
        sid,
        {
            "repeatCell": {
                "range": {"sheetId": 0, "startRowIndex": 0, "endRowIndex": 1},
                "cell": {"userEnteredFormat": {"numberFormat": {"type": "TEXT"}}},
                "fields": "userEnteredFormat.numberFormat",
            }
        },
    )

    sheets.type_in(sid, "Sheet1!A1:B1", [["0042", "=1+1"]])

    assert sheets.values(sid, "Sheet1!A1:B1", valueRenderOption="UNFORMATTED_VALUE") == [
        ["0042", "=1+1"]
    ]


def test_append_and_batch_update_read_typed_text_too(sheets: Sheets) -> None:
    sid = sheets.create("de_DE")
    batch = {
        "valueInputOption": "USER_ENTERED",
        "data": [{"range": "Sheet1!A1:B1", "values": [["Periode", "30.11.2026"]]}],
    }
    written = sheets.session.post(f"{BASE}/{sid}/values:batchUpdate", json=batch)
    appended = sheets.session.post(
        f"{BASE}/{sid}/values/Sheet1!A1:append",
        params={"valueInputOption": "USER_ENTERED"},
        json={"values": [["Quote", "87 %"]]},
    )

    assert (written.status_code, appended.status_code) == (200, 200)
    unformatted = sheets.values(sid, "Sheet1!A1:B2", valueRenderOption="UNFORMATTED_VALUE")
    assert unformatted == [["Periode", NOV_30], ["Quote", 0.87]]


def test_update_cells_stores_extended_values_as_given(sheets: Sheets) -> None:
    sid = sheets.create("en_US")
    row = {
        "values": [
            {"userEnteredValue": {"stringValue": "87%"}},
            {"userEnteredValue": {"numberValue": 0.87}},
            {"userEnteredValue": {"boolValue": True}},
            {"userEnteredValue": {"formulaValue": "=10/4"}},
        ]
    }
    reply = sheets.batch(
        sid,
        {
            "updateCells": {
                "start": {"sheetId": 0, "rowIndex": 0, "columnIndex": 0},
                "rows": [row],
                "fields": "userEnteredValue",
            }
        },
    )

    assert reply.status_code == 200
    unformatted = sheets.values(sid, "Sheet1!A1:D1", valueRenderOption="UNFORMATTED_VALUE")
    assert unformatted == [["87%", 0.87, True, 2.5]]
    assert sheets.values(sid, "Sheet1!A1:D1") == [["87%", "0.87", "TRUE", "2.5"]]


def test_append_cells_adds_rows_below_the_data(sheets: Sheets) -> None:
    sid = sheets.create("en_US")
    sheets.type_in(sid, "Sheet1!A1:A2", [["KPI"], ["Churn"]])

    reply = sheets.batch(
        sid,
        {
            "appendCells": {
                "sheetId": 0,
                "rows": [{"values": [{"userEnteredValue": {"stringValue": "NPS"}}]}],
                "fields": "userEnteredValue",
            }
        },
    )

    assert reply.status_code == 200
    assert sheets.values(sid, "Sheet1!A1:A5") == [["KPI"], ["Churn"], ["NPS"]]


def test_number_format_patterns_render_in_the_locale(sheets: Sheets) -> None:
    patterns = [
        ({"type": "NUMBER", "pattern": "#,##0.00"}, 1234.5, "1.234,50"),
        ({"type": "PERCENT", "pattern": "0.0%"}, 0.875, "87,5%"),
        ({"type": "PERCENT", "pattern": "0.0 %"}, 0.875, "87,5 %"),
        ({"type": "CURRENCY", "pattern": "#,##0.00 [$€-407]"}, 1234.5, "1.234,50 €"),
        ({"type": "DATE", "pattern": "dddd, d mmmm yyyy"}, NOV_30, "Montag, 30 November 2026"),
        ({"type": "DATE_TIME", "pattern": "dd.mm.yyyy hh:mm"}, NOV_30 + 0.75, "30.11.2026 18:00"),
        ({"type": "TIME", "pattern": "[h]:mm"}, 1.5, "36:00"),
        ({"type": "NUMBER", "pattern": "0.00;(0.00)"}, -2.5, "(2,50)"),
    ]
    sid = sheets.create("de_DE")
    rows = [
        {
            "values": [
                {
                    "userEnteredValue": {"numberValue": value},
                    "userEnteredFormat": {"numberFormat": number_format},
                }
            ]
        }
        for number_format, value, _ in patterns
    ]
    sheets.batch(
        sid,
        {
            "updateCells": {
                "start": {"sheetId": 0, "rowIndex": 0, "columnIndex": 0},
                "rows": rows,
                "fields": "userEnteredValue,userEnteredFormat.numberFormat",
            }
        },
    )

    shown = sheets.values(sid, f"Sheet1!A1:A{len(patterns)}")

    assert shown == [[text] for _, _, text in patterns]


def test_effective_format_is_the_default_under_the_cells_own(sheets: Sheets) -> None:
    sid = sheets.create("en_US")
    sheets.type_in(sid, "Sheet1!A1:C1", [["Churn", "87%", "TRUE"]])
    sheets.batch(
        sid,
        {
            "repeatCell": {
                "range": {"sheetId": 0, "startRowIndex": 0, "endRowIndex": 1},
                "cell": {"userEnteredFormat": {"textFormat": {"bold": True}}},
                "fields": "userEnteredFormat.textFormat.bold",
            }
        },
    )

    reply = sheets.session.get(
        f"{BASE}/{sid}",
        params={"ranges": "Sheet1!A1:C1", "fields": "sheets.data.rowData.values.effectiveFormat"},
    ).json()
    formats = [v["effectiveFormat"] for v in reply["sheets"][0]["data"][0]["rowData"][0]["values"]]

    assert [f["horizontalAlignment"] for f in formats] == ["LEFT", "RIGHT", "CENTER"]
    assert all(f["textFormat"]["bold"] is True for f in formats)
    assert all(f["textFormat"]["fontSize"] == 10 for f in formats)
    assert formats[1]["numberFormat"] == {"type": "PERCENT", "pattern": "0%"}
    assert "numberFormat" not in formats[0]


@pytest.mark.parametrize(
    ("locale", "shown"),
    [
        ("en_US", ["11/30/2026", "2:30:00 PM", "11/30/2026 14:30:00", "$1,200.50", "1,200.50"]),
        ("en_GB", ["30/11/2026", "14:30:00", "30/11/2026 14:30:00", "£1,200.50", "1,200.50"]),
        ("de_DE", ["30.11.2026", "14:30:00", "30.11.2026 14:30:00", "1.200,50 €", "1.200,50"]),
        (
            "fr_FR",
            [
                "30/11/2026",
                "14:30:00",
                "30/11/2026 14:30:00",
                f"1{NARROW_NBSP}200,50 €",
                f"1{NARROW_NBSP}200,50",
            ],
        ),
    ],
)
def test_a_format_type_without_a_pattern_shows_the_locales_default(
    sheets: Sheets, locale: str, shown: list[str]
) -> None:
    sid = sheets.create(locale)
    cells = [
        (NOV_30, "DATE"),
        (HALF_PAST_TWO, "TIME"),
        (NOV_30 + HALF_PAST_TWO, "DATE_TIME"),
        (1200.5, "CURRENCY"),
        (1200.5, "NUMBER"),
    ]
    row = {
        "values": [
            {
                "userEnteredValue": {"numberValue": value},
                "userEnteredFormat": {"numberFormat": {"type": kind}},
            }
            for value, kind in cells
        ]
    }
    sheets.batch(
        sid,
        {
            "updateCells": {
                "start": {"sheetId": 0, "rowIndex": 0, "columnIndex": 0},
                "rows": [row],
                "fields": "userEnteredValue,userEnteredFormat.numberFormat",
            }
        },
    )

    assert sheets.values(sid, "Sheet1!A1:E1") == [shown]
