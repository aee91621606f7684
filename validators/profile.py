"""What a KPI's wording says it measures: a result, busy work, or outreach activity.

The classification reads the KPI's name first, because the name is the
measure; the definition is read when the name alone does not say what is
counted ("Velocity", "Productivity").
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from service.core.models import Direction, KpiRow, RoleContext
from validators.lexicon import Kind, Outcome
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
_STRONG = (Kind.SPEED, Kind.RATE, Kind.QUALITY, Kind.DEFECT, Kind.RESULT_VERB, Kind.TIMELY)
_BY_WORDS = frozenset(stems("by before within no later than until"))


def _timely(w: Wording) -> bool:
    """On time, within SLA, or "by" a date ("by business day 5", "by Friday")."""
    if w.has(Kind.TIMELY):
        return True
    for i, term in enumerate(w.terms):
        if term.key in _BY_WORDS:
            following = w.terms[i + 1 : i + 3]
            if any(Kind.CALENDAR in t.kinds or t.key.isdigit() for t in following):
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


def _effort(w: Wording) -> Busy:
    if any(Kind.EFFORT_UNIT in t.kinds and Kind.EFFORT_VERB in t.kinds for t in w.terms):
        return Busy.EFFORT
    if w.near(Kind.EFFORT_UNIT, Kind.EFFORT_VERB):
        return Busy.EFFORT
    if w.has(Kind.PARTICIPATION):
        return Busy.OUTREACH if w.has(Kind.EXTERNAL_PARTY) else Busy.ATTENDANCE
    return Busy.NONE


def _internal(w: Wording) -> Busy:
    doing = w.has(Kind.ACT_VERB) or w.has(Kind.VOLUME) or w.has(Kind.TOUCH_VERB)
    if w.has(Kind.BUSY_ARTEFACT) and not w.has(Kind.SPEED):
        if _facing(w, Kind.BUSY_ARTEFACT, (Kind.EXTERNAL_PARTY,)):
            return Busy.OUTREACH
        return Busy.INTERNAL_WORK
    if doing and w.has(Kind.PAPERWORK) and not _facing(w, Kind.PAPERWORK, (Kind.EXTERNAL_PARTY,)):
        return Busy.PAPERWORK
    if w.has(Kind.MEETING):
        if _facing(w, Kind.MEETING, (Kind.EXTERNAL_PARTY, Kind.FACING)):
            return Busy.NONE if _result_said(w) or w.has(Kind.RATE) else Busy.OUTREACH
        if not _result_said(w) and not (w.has(Kind.RATE) and not doing):
            return Busy.MEETINGS
    return Busy.NONE


def _outreach(w: Wording) -> Busy:
    if w.has(Kind.TOUCH_VERB):
        return Busy.HANDLING
    if not w.has(Kind.ACTIVITY):
        return Busy.NONE
    rescued = _result_said(w) or w.has(Kind.SPEED) or _timely(w) or w.has(Kind.QUALITY)
    if rescued or (w.has(Kind.RATE) and not w.has(Kind.ACT_VERB)):
        return Busy.NONE
    return Busy.OUTREACH


@lru_cache(maxsize=16_384)
def classify(text: str) -> Busy:
    """Why `text` describes busy work or outreach volume, or Busy.NONE for a result."""
    w = read(text)
    if w.has(Kind.DEFECT):
        # Counting failures (errors, reopens, missed deadlines) measures a result.
        return Busy.NONE
    for check in (_effort, _internal, _outreach):
        found = check(w)
        if found is not Busy.NONE:
            return found
    return Busy.NONE


def _measure_of(busy: Busy) -> Measure:
    if busy is Busy.NONE:
        return Measure.RESULT
    return Measure.ACTIVITY if busy is Busy.OUTREACH else Measure.BUSY


def _read_busy(name: str, definition: str) -> Busy:
    busy = classify(name)
    if busy is not Busy.NONE or any(read(name).has(k) for k in _STRONG):
        return busy
    return classify(definition)


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
def _reading(name_text: str, definition_text: str) -> _Reading:
    name, definition = read(name_text), read(definition_text)
    return _Reading(
        name=name,
        definition=definition,
        busy=_read_busy(name_text, definition_text),
        implied=outcomes_in(name_text) | outcomes_in(definition_text),
        direction=_lexicon_direction(name),
        rated=any(name.has(k) for k in (Kind.RATE, Kind.QUALITY, Kind.DEFECT, Kind.SPEED)),
        area=content_stems(name_text) | content_stems(definition_text),
    )


def _profile(
    name_text: str, definition_text: str, result: str, unit: str, outcomes: tuple[str, ...]
) -> Profile:
    reading = _reading(name_text, definition_text)
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
