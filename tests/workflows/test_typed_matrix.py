"""What people type, in four locales, read back by the real sync: Latest, Status and Flags.

Each form is typed (values.batchUpdate, USER_ENTERED) into the newest period cell of its
own KPI row of a provisioned weekly tab, after three periods of plain values, and each row's
"Last reviewed" gets a date typed in one of the locale's forms. The emulator stores them as
Google does (a number and its format, a serial date, a boolean, text, a formula); one sync
per spreadsheet then writes what the product makes of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from service.cli.render import cell_text
from service.context import Services, build_services
from service.core.grid import CellWrite
from service.core.layout import ComputedColumn, identity_of, read_scorecard
from service.core.provisioning import plan_scorecard_tab
from service.core.templates import TemplateKpi
from service.core.trends import Status, status_label
from service.settings import Settings
from service.workflows import sync
from tests.conftest import FIXED_NOW

SHEETS = "https://sheets.googleapis.com/v4/spreadsheets"
LOCALES = ("en_US", "en_GB", "de_DE", "fr_FR")
FIRST_WEEK = date(2026, 10, 26)
BASELINE_WEEKS = (date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16))
NEWEST_WEEK = date(2026, 11, 23)  # the week of FIXED_NOW (2026-11-25)
REVIEWED = "2026-11-23"

ON, NEAR, OFF = (status_label(s) for s in (Status.ON_TARGET, Status.NEAR_TARGET, Status.OFF_TARGET))


@dataclass(frozen=True)
class Kind:
    """A KPI row's unit, target, and the plain value typed in the periods before the form."""

    name: str
    unit: str
    target: str
    baseline: str
    baseline_value: float


PCT = Kind("% of invoices paid within terms", "%", "90", "95%", 95)
USD = Kind("Overdue cash collected", "$", "1000", "1100", 1100)
COUNT = Kind("New accounts opened", "count", "10", "12", 12)

# (locale, KPI, typed, Latest (None: the form is not a number, so the baseline stays
# latest), Status, "not a number" flag expected). A % KPI's period cells are
# PERCENT-formatted by provisioning, a $ KPI's CURRENCY, the others NUMBER.
FORMS: list[tuple[str, Kind, str, float | None, str, bool]] = [
    # en_US
    ("en_US", PCT, "95%", 95, ON, False),
    ("en_US", PCT, "87%", 87, NEAR, False),
    ("en_US", PCT, "12.5%", 12.5, OFF, False),
    ("en_US", PCT, "n/a", None, ON, True),
    ("en_US", USD, "$1,200", 1200, ON, False),
    ("en_US", USD, "$1,200.50", 1200.5, ON, False),
    ("en_US", USD, "-$5", -5, OFF, False),
    ("en_US", COUNT, "1,234", 1234, ON, False),
    ("en_US", COUNT, "7.5", 7.5, OFF, False),
    ("en_US", COUNT, "1.5E3", 1500, ON, False),
    ("en_US", COUNT, "'0042", 42, ON, False),
    ("en_US", COUNT, "=10+2", 12, ON, False),
    ("en_US", COUNT, "11/30/2026", None, ON, True),
    ("en_US", COUNT, "11/23/2026 14:30", None, ON, True),
    ("en_US", COUNT, "2:30 PM", None, ON, True),
    ("en_US", COUNT, "TRUE", None, ON, True),
    ("en_US", COUNT, "1,5", None, ON, True),  # a decimal comma: text in en_US, not 15
    ("en_US", COUNT, "87%", None, ON, True),  # a percentage in a count KPI
    # en_GB
    ("en_GB", PCT, "99.5%", 99.5, ON, False),
    ("en_GB", PCT, "-4%", -4, OFF, False),
    ("en_GB", PCT, "=0.8+0.15", 95, ON, False),
    ("en_GB", USD, "1,200", 1200, ON, False),
    ("en_GB", USD, "£99.99", 99.99, OFF, False),
    ("en_GB", COUNT, "'1,234", 1234, ON, False),
    ("en_GB", COUNT, "30/11/2026", None, ON, True),
    ("en_GB", COUNT, "30 November 2026", None, ON, True),
    ("en_GB", COUNT, "11/30/2026", None, ON, True),  # no 30th month: text
    ("en_GB", COUNT, "14:30", None, ON, True),
    ("en_GB", COUNT, "36:15", None, ON, True),
    ("en_GB", COUNT, "false", None, ON, True),
    # de_DE
    ("de_DE", PCT, "87 %", 87, NEAR, False),
    ("de_DE", PCT, "92,5 %", 92.5, ON, False),
    ("de_DE", PCT, "k. A.", None, ON, True),
    ("de_DE", USD, "1.200,50 €", 1200.5, ON, False),
    ("de_DE", COUNT, "1.234,5", 1234.5, ON, False),
    ("de_DE", COUNT, "3,25", 3.25, OFF, False),
    ("de_DE", COUNT, "2,5e-3", 0.0025, OFF, False),
    ("de_DE", COUNT, "'1.234", 1234, ON, False),
    ("de_DE", COUNT, "=1/4", 0.25, OFF, False),
    ("de_DE", COUNT, "1.5", None, ON, True),  # a decimal point: text in de_DE, not 15
    ("de_DE", COUNT, "30.11.2026", None, ON, True),
    ("de_DE", COUNT, "'30.11.2026", None, ON, True),  # a date kept as text is no number
    ("de_DE", COUNT, "30.11.2026 14:30:00", None, ON, True),
    ("de_DE", COUNT, "WAHR", None, ON, True),
    # fr_FR
    ("fr_FR", PCT, "95 %", 95, ON, False),
    ("fr_FR", PCT, "12,5 %", 12.5, OFF, False),
    ("fr_FR", USD, "1 200,50 €", 1200.5, ON, False),
    ("fr_FR", COUNT, "1 234,5", 1234.5, ON, False),
    ("fr_FR", COUNT, "0,5", 0.5, OFF, False),
    ("fr_FR", COUNT, "'1 234", 1234, ON, False),
    ("fr_FR", COUNT, "=5*3", 15, ON, False),
    ("fr_FR", COUNT, "30/11/2026", None, ON, True),
    ("fr_FR", COUNT, "1/2/26", None, ON, True),
    ("fr_FR", COUNT, "30 novembre 2026", None, ON, True),
    ("fr_FR", COUNT, "09:15:30", None, ON, True),
    ("fr_FR", COUNT, "VRAI", None, ON, True),
    ("fr_FR", COUNT, "'VRAI", None, ON, True),
]

# "Last reviewed" as people type 2026-11-23 in each locale; row n gets form n mod len.
REVIEW_FORMS: dict[str, tuple[str, ...]] = {
    "en_US": ("2026-11-23", "11/23/2026", "Nov 23, 2026", "11/23/2026 9:00", "'2026-11-23"),
    "en_GB": ("23/11/2026", "23 November 2026", "2026-11-23", "23/11/2026 09:00", "'23/11/2026"),
    "de_DE": (
        "23.11.2026",
        "23. November 2026",
        "2026-11-23",
        "23.11.2026 14:30:00",
        "'23.11.2026",
    ),
    "fr_FR": ("23/11/2026", "23 novembre 2026", "2026-11-23", "'23/11/2026"),
}
# Typed where no date can be read: the KPI is "not reviewed", so the check above can fail.
NOT_DATES = {"en_US": "23/11/2026", "de_DE": "n/a"}


@dataclass(frozen=True)
class Shown:
    """What the synced sheet shows for one KPI row."""

    latest: object
    status: str
    flags: str
    last_reviewed: str


def _kpi(kind: Kind, number: int) -> TemplateKpi:
    return TemplateKpi(
        name=f"{kind.name} (form {number})",
        definition="Counted from the ledger at the end of each week",
        business_result="cash collection",
        control="direct",
        unit=kind.unit,
        direction="higher",
        target=kind.target,
        cadence="weekly",
        data_source="Accounting system",
        review_forum="Weekly finance review",
    )


def _rows(locale: str) -> list[tuple[int, Kind, str, str]]:
    """(form number, KPI, typed period form, typed review form) for each row of a locale."""
    forms = [(n, kind, typed) for n, (loc, kind, typed, *_) in enumerate(FORMS) if loc == locale]
    reviews = REVIEW_FORMS[locale]
    rows = [(n, kind, typed, reviews[i % len(reviews)]) for i, (n, kind, typed) in enumerate(forms)]
    if locale in NOT_DATES:  # one more row, a plain number, with a review that is no date
        rows.append((_not_date_row(locale), COUNT, "11", NOT_DATES[locale]))
    return rows


def _not_date_row(locale: str) -> int:
    return len(FORMS) + LOCALES.index(locale)


def _new_spreadsheet(services: Services, locale: str) -> str:
    """A spreadsheet created with its locale, as File → Settings would set it."""
    body = {"properties": {"title": f"Typed in {locale}", "locale": locale}}
    reply = services.sheets.session.post(SHEETS, json=body, timeout=5)
    assert reply.status_code == 200, reply.text
    return str(reply.json()["spreadsheetId"])


def _type_and_sync(services: Services, locale: str) -> dict[int, Shown]:
    sid = _new_spreadsheet(services, locale)
    gateway = services.sheets.gateway()
    template = services.catalog.get("accounting_rep")
    rows = _rows(locale)
    snapshot = gateway.read(sid)
    _, _, changes = plan_scorecard_tab(
        template,
        f"Typist {locale}",
        [_kpi(kind, n) for n, kind, _, _ in rows],
        existing=snapshot,
        first_period=FIRST_WEEK,
        periods=6,
    )
    gateway.apply(sid, changes, against=snapshot)
    snapshot = gateway.read(sid)
    assert snapshot.locale == locale
    [tab] = [t for t in snapshot.tabs if identity_of(t) is not None]
    card = read_scorecard(tab, snapshot.locale)
    column = dict(card.period_columns)
    reviewed = card.definition_columns["last_reviewed"]
    typed: list[CellWrite] = []
    for line, (_, kind, form, review) in zip(card.lines, rows, strict=True):
        cells = [(column[week], kind.baseline) for week in BASELINE_WEEKS]
        cells += [(column[NEWEST_WEEK], form), (reviewed, review)]
        typed += [
            CellWrite(sheet_id=tab.sheet_id, row=line.row, column=c, value=v) for c, v in cells
        ]
    gateway.type_in(sid, typed, against=snapshot)

    result = sync(services, sid)
    assert result.tabs == 1 and not result.tab_errors

    after = services.sheets.gateway().read(sid)
    [tab] = [t for t in after.tabs if identity_of(t) is not None]
    card = read_scorecard(tab, after.locale)
    computed = card.computed_columns
    shown: dict[int, Shown] = {}
    for line, (number, *_) in zip(card.lines, rows, strict=True):
        latest = tab.cell(line.row, computed[ComputedColumn.LATEST]).value
        shown[number] = Shown(
            latest=latest,
            status=cell_text(tab.cell(line.row, computed[ComputedColumn.STATUS])),
            flags=cell_text(tab.cell(line.row, computed[ComputedColumn.FLAGS])),
            last_reviewed=line.kpi.last_reviewed,
        )
    return shown


@pytest.fixture(scope="module")
def synced(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[int, Shown]]:
    """Every locale's spreadsheet, typed in and synced once: what each row shows, by form."""
    data_dir: Path = tmp_path_factory.mktemp("typed") / "var"
    services = build_services(
        Settings(data_dir=data_dir, log_format="text"), clock=lambda: FIXED_NOW
    )
    try:
        shown: dict[int, Shown] = {}
        for locale in LOCALES:
            shown.update(_type_and_sync(services, locale))
        yield shown
    finally:
        services.close()


def test_the_matrix_types_forty_forms_in_four_locales() -> None:
    assert len(FORMS) >= 40
    assert {locale for locale, *_ in FORMS} == set(LOCALES)
    assert {kind for _, kind, *_ in FORMS} == {PCT, USD, COUNT}


@pytest.mark.parametrize(
    ("number", "locale", "kind", "typed", "latest", "status", "bad"),
    [(n, *form) for n, form in enumerate(FORMS)],
    ids=[f"{locale}-{typed}" for locale, _, typed, *_ in FORMS],
)
def test_a_typed_form_gives_the_right_latest_status_and_flags(
    synced: dict[int, Shown],
    number: int,
    locale: str,
    kind: Kind,
    typed: str,
    latest: float | None,
    status: str,
    bad: bool,
) -> None:
    shown = synced[number]
    expected = kind.baseline_value if latest is None else latest
    assert shown.latest == pytest.approx(expected), (locale, typed)
    assert shown.status == status
    assert ("not a number" in shown.flags) is bad, shown.flags
    assert "not reviewed" not in shown.flags
    assert shown.last_reviewed == REVIEWED


@pytest.mark.parametrize("locale", sorted(NOT_DATES))
def test_a_review_typed_as_no_date_is_flagged_not_reviewed(
    synced: dict[int, Shown], locale: str
) -> None:
    shown = synced[_not_date_row(locale)]
    assert shown.latest == 11 and shown.status == ON
    assert "not reviewed" in shown.flags
    assert shown.last_reviewed == NOT_DATES[locale].removeprefix("'")
