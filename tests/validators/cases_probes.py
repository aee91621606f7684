"""Labelled KPIs for roles whose titles hold words many fields use.

"Lab technician", "Security guard", "Social media manager", "Sales engineer" and
"Librarian" name no role in the suggestion library and no sector by a whole
phrase, so each is judged with the context for any role. The cases check the
calls stay right there, including names whose stems collide with outcome words
("Books shelved", "Meetings attended").
"""

from __future__ import annotations

from tests.validators.cases_sectors import (
    CASUAL,
    DR,
    EFFORT,
    INTERNAL,
    OUTCOMES,
    RATES,
    SectorCase,
    _seat,
    bad,
    ok,
)

LAB = _seat("Lab technician", "Femi Ade", "Quality", "LIMS sample log",
            "Weekly lab quality meeting", cadence="weekly")  # fmt: skip
GUARD = _seat("Security guard", "Tom Reid", "Safety", "Incident log and patrol app",
              "Monthly site security review")  # fmt: skip
SOCIAL = _seat("Social media manager", "Mia Lopez", "Revenue", "Meta Business Suite and GA4",
               "Monthly marketing review")  # fmt: skip
SALES_ENG = _seat("Sales engineer", "Ravi Rao", "Revenue", "Salesforce opportunity report",
                  "Weekly pipeline meeting", cadence="weekly")  # fmt: skip
LIBRARY = _seat("Librarian", "Ellen Frost", "Service level", "Library management system",
                "Monthly library services meeting")  # fmt: skip
COUNT = {"unit": "count", "target": "20"}

PROBE_CASES: tuple[SectorCase, ...] = (
    bad(INTERNAL, LAB, DR, "Samples processed", "Samples run through the analyser", **COUNT),
    ok(
        RATES,
        LAB,
        "Samples rejected for labelling errors",
        "% of samples rejected",
        direction="lower",
        target="2",
    ),  # fmt: skip
    ok(OUTCOMES, LAB, "Results reported within 24 hours", "% of results out within 24 h"),
    bad(INTERNAL, GUARD, DR, "Patrols completed", "Site patrols logged in the app", **COUNT),
    ok(OUTCOMES, GUARD, "Alarm responses within 5 minutes", "% of alarms attended in 5 min"),
    bad(EFFORT, GUARD, DR, "Hours on site", "Hours I was on site this month", unit="hours"),
    bad(INTERNAL, SOCIAL, DR, "Posts published", "Posts published across our channels", **COUNT),
    ok(RATES, SOCIAL, "Social enquiries that book", "% of enquiries from social that book"),
    bad(INTERNAL, SALES_ENG, DR, "Demos given", "Product demos given to prospects", **COUNT),
    ok(RATES, SALES_ENG, "Technical win rate", "Deals won / deals with a technical evaluation"),
    bad(INTERNAL, LIBRARY, DR, "Books shelved", "Returned books put back on shelves", **COUNT),
    bad(EFFORT, LIBRARY, DR, "Meetings attended", "Staff meetings I attended", **COUNT),
    ok(CASUAL, LIBRARY, "Reservations ready in 3 days", "% of reservations ready within 3 days"),
)
