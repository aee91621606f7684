"""What a KPI's wording says it measures: a result, busy work, or outreach activity.

The classification reads the KPI's name first, because the name is the
measure; the definition is read when the name alone does not say what is
counted ("Velocity", "Productivity"). The business result is never read here:
it says what the KPI drives, not what it counts, so typing "Quality" there
does not turn "audits performed" into a result.

Principles, in order:

1. Counting failures (errors, falls, injuries, arrears) measures a result.
2. Time put in (hours, shifts, days on site) and the owner's attendance are
   effort, unless the time is the elapsed time of a process (from … to, time
   to, wait) or a threshold ("within 4 hours").
3. Checklists, timesheets, commits and other internal artefacts are busy
   work; paperwork and internal meetings are too when the owner's doing is
   counted.
4. Any action on a thing ("agendas prepared", "preparing rotas") with nothing
   that says how well, how fast, for whom or with what result is busy work,
   whatever the noun (see `shape`).
5. Outreach volume (calls, emails, visits) is activity: a leading indicator
   at best. Rates, ratios, speeds and ratings measure results whatever nouns
   they carry ("% of visits fixed first time", "cost per hire").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from service.core.models import Direction, KpiRow, RoleContext
from validators.lexicon import Kind, Outcome
from validators.shape import Shape, shape_of
from validators.wording import Wording, content_stems, outcomes_in, read, stems

__all__ = ["Busy", "Measure", "Profile", "classify", "profile_of", "role_results"]


class Measure(StrEnum):
    """What kind of thing a KPI counts."""

    RESULT = "result"
    BUSY = "busy"
    ACTIVITY = "activity"


class Busy(StrEnum):
    """Why a KPI counts effort rather than a result; the message explains each."""

    NONE = "none"
    EFFORT = "time put in"
    ATTENDANCE = "attendance"
    INTERNAL_WORK = "internal work items"
    PAPERWORK = "internal paperwork"
    MEETINGS = "internal meetings held"
    HANDLING = "items touched"
    OUTREACH = "outreach volume"


# Kinds in a name that say plainly what result is measured.
_STRONG = (
    Kind.SPEED,
    Kind.RATE,
    Kind.QUALITY,
    Kind.DEFECT,
    Kind.RESULT_VERB,
    Kind.TIMELY,
    Kind.RATING,
)
_BY_WORDS = frozenset(stems("by before within no later than until in at"))
_WHEN = frozenset({Kind.CALENDAR, Kind.EFFORT_UNIT})  # "by Friday", "by check-in time"
# The owner attends these; anything else attended is someone else's attendance.
_OWN_ATTENDANCE = (Kind.MEETING, Kind.BUSY_ARTEFACT, Kind.PRESENCE, Kind.EFFORT_UNIT)
# What makes counted time the duration of a process, or a measure of results.
_TIME_RESCUE = (Kind.SPEED, Kind.TIMELY, Kind.RATE, Kind.QUALITY, Kind.RATING, Kind.DEFECT)


def _timely(w: Wording) -> bool:
    """On time, within SLA, or "by" a date ("by business day 5", "by Friday")."""
    if w.has(Kind.TIMELY):
        return True
    for i, term in enumerate(w.terms):
        if term.key in _BY_WORDS:
            following = w.terms[i + 1 : i + 3]
            if any(t.kinds & _WHEN or t.key.isdigit() for t in following):
                return True
    return False


def _facing(w: Wording, kind: Kind, parties: tuple[Kind, ...]) -> bool:
    """Whether a `kind` term has a `parties` term just before it, or "with" one after."""
    for i in w.where(kind):
        before = w.terms[max(0, i - 2) : i]
        after = w.terms[i + 1 : i + 4]
        if any(p in t.kinds for t in before for p in parties):
            return True
        if any(t.key == "with" for t in after) and any(
            p in t.kinds for t in after for p in parties
        ):
            return True
    return False


def _result_said(w: Wording) -> bool:
    """A result verb that is not just a modifier ("collection emails" is still emails)."""
    for i in w.where(Kind.RESULT_VERB):
        nxt = w.terms[i + 1] if i + 1 < len(w.terms) else None
        if nxt is None or Kind.ACTIVITY not in nxt.kinds:
            return True
    return False


def _effort(w: Wording, shape: Shape, rate: bool) -> Busy:
    if any(Kind.EFFORT_UNIT in t.kinds and Kind.EFFORT_VERB in t.kinds for t in w.terms):
        return Busy.EFFORT
    if w.near(Kind.EFFORT_UNIT, Kind.EFFORT_VERB) or w.near(Kind.EFFORT_UNIT, Kind.PRESENCE):
        return Busy.EFFORT
    if w.has(Kind.PARTICIPATION):
        # Pupils' or patients' attendance is their outcome; the owner's own is effort.
        others = w.has(Kind.RATE) or shape.ratio or (rate and _attendee_first(w))
        if others and not any(w.has(k) for k in _OWN_ATTENDANCE):
            return Busy.NONE
        return Busy.OUTREACH if w.has(Kind.EXTERNAL_PARTY) else Busy.ATTENDANCE
    if shape.timed and not (shape.elapsed or rate or any(w.has(k) for k in _TIME_RESCUE)):
        return Busy.EFFORT
    return Busy.NONE


def _attendee_first(w: Wording) -> bool:
    """ "Parents attending …", "patients who attended …": someone outside attends."""
    attending = w.where(Kind.PARTICIPATION)
    return any(i < attending[0] for i in w.where(Kind.EXTERNAL_PARTY)) if attending else False


def _internal(w: Wording, shape: Shape, rate: bool) -> Busy:
    doing = shape.doing or w.has(Kind.VOLUME)
    judged = w.has(Kind.SPEED) or w.has(Kind.RATING) or _outcome_quality(w)
    if w.has(Kind.BUSY_ARTEFACT) and not judged:
        if _facing(w, Kind.BUSY_ARTEFACT, (Kind.EXTERNAL_PARTY,)):
            return Busy.OUTREACH
        return Busy.INTERNAL_WORK
    # Paperwork that goes out on time ("reports to parents by the deadline") is a deliverable.
    delivered = shape.outward and (rate or _timely(w))
    paper = _paper_counted(w) and not _facing(w, Kind.PAPERWORK, (Kind.EXTERNAL_PARTY,))
    if doing and paper and not delivered:
        return Busy.PAPERWORK
    if w.has(Kind.MEETING):
        if _facing(w, Kind.MEETING, (Kind.EXTERNAL_PARTY, Kind.FACING)):
            said = _result_said(w) or (rate and not shape.doing) or w.has(Kind.RATE)
            return Busy.NONE if said else Busy.OUTREACH
        timing = shape.elapsed or w.has(Kind.SPEED) or _timely(w)
        if not _result_said(w) and not (rate and not doing) and not shape.condition and not timing:
            return Busy.MEETINGS
    return Busy.NONE


_ROUTINE = frozenset(stems("compliance adherence completion complete"))


def _paper_counted(w: Wording) -> bool:
    """A document is what is counted ("reports filed"), not an action on something else.

    "Results reported within 24 hours" counts results; "reported" is what was done.
    """
    return any(Kind.PAPERWORK in t.kinds and not t.text.endswith(("ed", "ing")) for t in w.terms)


def _outcome_quality(w: Wording) -> bool:
    """A quality that is an outcome ("success rate"), not doing the routine ("compliance")."""
    return any(Kind.QUALITY in t.kinds and t.key not in _ROUTINE for t in w.terms)


def _generic(w: Wording, shape: Shape, rate: bool) -> Busy:
    """Principle 4: an action on a thing, with nothing said about results."""
    if not shape.doing or shape.gain or shape.condition or shape.elapsed or shape.judged:
        return Busy.NONE
    if rate or _timely(w):
        return Busy.NONE
    outward = w.has(Kind.ACTIVITY) or shape.outward
    return Busy.OUTREACH if outward else Busy.INTERNAL_WORK


def _outreach(w: Wording, shape: Shape, rate: bool) -> Busy:
    if w.has(Kind.TOUCH_VERB):
        return Busy.HANDLING
    if not w.has(Kind.ACTIVITY):
        return Busy.NONE
    rescued = _result_said(w) or w.has(Kind.SPEED) or _timely(w) or w.has(Kind.QUALITY)
    if rescued or shape.elapsed or (rate and not w.has(Kind.ACT_VERB)):
        return Busy.NONE
    return Busy.OUTREACH


@lru_cache(maxsize=16_384)
def classify(text: str, rated_unit: bool = False) -> Busy:
    """Why `text` describes busy work or outreach volume, or Busy.NONE for a result.

    `rated_unit` says the unit is a rate or a scale (%, per 100, out of 10).
    """
    w = read(text)
    shape = shape_of(text)
    if (w.has(Kind.DEFECT) and shape.defect_counted) or shape.redo:
        return Busy.NONE
    rate = w.has(Kind.RATE) or shape.ratio or rated_unit
    for check in (_effort, _internal, _outreach, _generic):
        found = check(w, shape, rate)
        if found is not Busy.NONE:
            return found
    return Busy.NONE


def _measure_of(busy: Busy) -> Measure:
    if busy is Busy.NONE:
        return Measure.RESULT
    return Measure.ACTIVITY if busy is Busy.OUTREACH else Measure.BUSY


def _read_busy(name: str, definition: str, rated_unit: bool) -> Busy:
    busy = classify(name, rated_unit)
    if busy is not Busy.NONE or any(read(name).has(k) for k in _STRONG):
        return busy
    shape = shape_of(name)
    if shape.ratio or shape.elapsed or shape.gain or _timely(read(name)):
        return busy
    return classify(definition, rated_unit)


def _lexicon_direction(w: Wording) -> Direction | None:
    lower, higher = w.has(Kind.LOWER), w.has(Kind.HIGHER)
    if lower == higher:
        return None
    return Direction.LOWER if lower else Direction.HIGHER


@dataclass(frozen=True, slots=True)
class Profile:
    """The facts the rules need about one row, read once."""

    name: Wording
    definition: Wording
    busy: Busy
    measure: Measure
    results: frozenset[str]
    implied: frozenset[Outcome]
    direction: Direction | None
    speed: bool
    volume: bool
    quality: bool
    area: frozenset[str]


@lru_cache(maxsize=4_096)
def role_results(business_result: str, role_outcomes: tuple[str, ...] = ()) -> frozenset[str]:
    """The results a business-result text names: outcomes, plus the role's own outcomes."""
    found: set[str] = {outcome.value for outcome in outcomes_in(business_result)}
    words = content_stems(business_result)
    for outcome in role_outcomes:
        if words & content_stems(outcome):
            found.add(outcome.strip().lower())
    return frozenset(found)


_COUNT_UNITS = frozenset({"count", "#", "number", "no", "qty", "units", "items", "deploys"})
_RATED_UNIT = re.compile(
    r"%|percent|\bper\b|/|\brate\b|ratio|score|rating|out of|stars?\b|index|\d\s*[-–]\s*\d|"
    r"\bnps\b|^x\b|\bx\s"
)


@lru_cache(maxsize=1_024)
def rated_unit(unit: str) -> bool:
    """Whether a unit is a rate, a ratio or a scale ("%", "per 100", "out of 10", "1–5")."""
    return bool(_RATED_UNIT.search(unit.strip().lower()))


def profile_of(row: KpiRow, role: RoleContext | None = None) -> Profile:
    """Read a row once: what it counts, which results it names, how it should move."""
    return _profile(
        row.name, row.definition, row.business_result, row.unit, role.outcomes if role else ()
    )


@dataclass(frozen=True, slots=True)
class _Reading:
    """What the name and definition say, whatever the other fields hold."""

    name: Wording
    definition: Wording
    busy: Busy
    implied: frozenset[Outcome]
    direction: Direction | None
    rated: bool
    area: frozenset[str]


@lru_cache(maxsize=16_384)
def _reading(name_text: str, definition_text: str, rated: bool) -> _Reading:
    name, definition = read(name_text), read(definition_text)
    return _Reading(
        name=name,
        definition=definition,
        busy=_read_busy(name_text, definition_text, rated),
        implied=outcomes_in(name_text) | outcomes_in(definition_text),
        direction=_lexicon_direction(name),
        rated=any(name.has(k) for k in (Kind.RATE, Kind.QUALITY, Kind.DEFECT, Kind.SPEED)),
        area=content_stems(name_text) | content_stems(definition_text),
    )


def _profile(
    name_text: str, definition_text: str, result: str, unit: str, outcomes: tuple[str, ...]
) -> Profile:
    reading = _reading(name_text, definition_text, rated_unit(unit))
    name, busy = reading.name, reading.busy
    counted = name.has(Kind.VOLUME) or unit.strip().lower() in _COUNT_UNITS
    return Profile(
        name=name,
        definition=reading.definition,
        busy=busy,
        measure=_measure_of(busy),
        results=role_results(result, outcomes),
        implied=reading.implied,
        direction=reading.direction,
        speed=name.has(Kind.SPEED),
        volume=(counted and not reading.rated) or busy is Busy.OUTREACH,
        quality=name.has(Kind.QUALITY) or name.has(Kind.DEFECT),
        area=reading.area | content_stems(result),
    )
