"""Normalisation: phrasing, tense, word order and abbreviations do not change the reading."""

from __future__ import annotations

import pytest

from validators.lexicon import Kind, Outcome
from validators.profile import Busy, classify
from validators.wording import outcomes_in, read, stems

BUSY = [
    ("Checklist completed each week", Busy.INTERNAL_WORK),
    ("completing the weekly checklist", Busy.INTERNAL_WORK),
    ("Weekly check-list done?", Busy.INTERNAL_WORK),
    ("# of meetings attended", Busy.ATTENDANCE),
    ("attendance at standup", Busy.ATTENDANCE),
    ("participated in the all-hands", Busy.ATTENDANCE),
    ("time spent on calls", Busy.EFFORT),
    ("hours worked", Busy.EFFORT),
    ("Hrs worked this week", Busy.EFFORT),
    ("Time logged in Jira", Busy.EFFORT),
    ("number of LOC written", Busy.INTERNAL_WORK),
    ("lines of code", Busy.INTERNAL_WORK),
    ("Merged pull requests", Busy.INTERNAL_WORK),
    ("To-dos ticked off", Busy.INTERNAL_WORK),
    ("% of action items closed", Busy.INTERNAL_WORK),
    ("Timesheets submitted by Friday", Busy.INTERNAL_WORK),
    ("Reports submitted on time", Busy.PAPERWORK),
    ("CRM records updated", Busy.PAPERWORK),
    ("Vendor meetings held", Busy.MEETINGS),
    ("Holding weekly team syncs", Busy.MEETINGS),
    ("Tickets touched", Busy.HANDLING),
    ("Calls made", Busy.OUTREACH),
    ("Dials per day", Busy.OUTREACH),
    ("emails sent", Busy.OUTREACH),
    ("Sending follow-up e-mails", Busy.OUTREACH),
    ("posts published", Busy.OUTREACH),
    ("Discovery meetings held", Busy.OUTREACH),
    ("Meetings with prospects booked", Busy.OUTREACH),
]
RESULTS = [
    "% of customer statements sent by business day 5",
    "invoices paid within terms",
    "tickets resolved within SLA",
    "orders shipped on time in full",
    "Client reports delivered by the 3rd business day",
    "Follow-up emails sent within 24h of a demo",
    "Month-end close in working days",
    "Lead time for changes",
    "Change failure rate",
    "Meeting-to-opportunity conversion rate",
    "Calls resolved on first contact",
    "Escaped defects",
    "Timesheet errors found by payroll",
]


@pytest.mark.parametrize(("text", "busy"), BUSY)
def test_busy_work_in_any_phrasing(text: str, busy: Busy) -> None:
    assert classify(text) is busy


@pytest.mark.parametrize("text", RESULTS)
def test_results_are_not_busy_work(text: str) -> None:
    assert classify(text) is Busy.NONE


def test_stemming_and_abbreviations() -> None:
    assert stems("Meetings attended") == stems("meeting attend")
    assert stems("hrs") == stems("hours")
    assert stems("LOC") == stems("loc")
    assert read("cycle time").has(Kind.SPEED)
    assert not read("cycle time").has(Kind.EFFORT_UNIT)


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("Collections", Outcome.CASH),
        ("Faster cash", Outcome.CASH),
        ("New bookings", Outcome.REVENUE),
        ("Customer happiness", Outcome.RETENTION),
        ("Churn", Outcome.RETENTION),
        ("Fewer defects", Outcome.QUALITY),
        ("Audit readiness", Outcome.RISK),
        ("Turnaround", Outcome.CYCLE_TIME),
        ("Cost to serve", Outcome.COST),
        ("Gross margin", Outcome.MARGIN),
    ],
)
def test_outcome_synonyms(text: str, outcome: Outcome) -> None:
    assert outcome in outcomes_in(text)


def test_unrelated_text_names_no_outcome() -> None:
    assert outcomes_in("Keep the boss happy") == frozenset()
    assert outcomes_in("") == frozenset()
