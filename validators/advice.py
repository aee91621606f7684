"""Concrete suggestions that fit the role: a better KPI from its context, or a pattern.

A finding is only useful if it says what to do instead, so every rule ends with
a suggestion. The role's context (its template, or the general context of a
role with no template, see `general`) holds good KPIs; the one closest to the
rejected KPI in words and business result is named. When nothing in the
role's field fits, the suggestion is a construction pattern in the owner's own
terms ("% of rooms cleaned right first time") rather than a KPI from another
field, which would make the whole verdict look foolish.
"""

from __future__ import annotations

import re
from enum import StrEnum

from service.core.models import KpiRow, RoleContext
from validators.lexicon import Kind, words
from validators.profile import Busy, Measure, Profile, profile_of
from validators.wording import content_stems

__all__ = ["alternative", "instead", "own_terms", "replacement_for_busy", "source_example"]

# Count words that do not belong in "% of <thing> …".
_COUNTING = re.compile(
    r"^\s*(?:#|no\.?|number|count|total|amount|qty|quantity|volume)(?:\s+of)?\s+", re.IGNORECASE
)
_PER_PERIOD = re.compile(
    r"\s+(?:per|each|a|every|/)\s+(?:day|week|month|quarter|year|sprint|shift)\b.*$", re.IGNORECASE
)
_MAX_THING = 40
_NO_THING = "the work it counts"
_LEADING_ACTION = re.compile(r"^(?:[a-z]+(?:ed|ing)|done|made|held|sent|written)\s+", re.IGNORECASE)
_TRAILING_ACTION = re.compile(r"\s+(?:[a-z]+ed|done|made|held|sent|written)$", re.IGNORECASE)
# Words that make a name a measure of something ("follower count", "stock level"):
# the pattern speaks of the things measured, not of "% of follower count".
_MEASURE_WORDS = words(
    "count counts total totals number numbers volume volumes amount amounts level levels "
    "size tally figure figures"
)
# Artefacts whose worth is the work they check, not their own count.
_ROUTINE_ARTEFACTS = (Kind.BUSY_ARTEFACT, Kind.PAPERWORK, Kind.MEETING)


_Candidates = tuple[tuple[KpiRow, Profile, frozenset[str]], ...]
# Keyed by the context object itself: hashing a context hashes every suggested row,
# which costs more than the lookup saves. Contexts are built once per role and kept.
_BY_CONTEXT: dict[int, tuple[RoleContext, _Candidates]] = {}
_MAX_CONTEXTS = 1_024


def _candidates(role: RoleContext) -> _Candidates:
    """The role's suggested KPIs that measure results, each with its area words."""
    known = _BY_CONTEXT.get(id(role))
    if known is not None and known[0] is role:
        return known[1]
    found = _candidates_of(role)
    if len(_BY_CONTEXT) >= _MAX_CONTEXTS:
        _BY_CONTEXT.clear()
    _BY_CONTEXT[id(role)] = (role, found)
    return found


def _candidates_of(role: RoleContext) -> _Candidates:
    found = []
    for row in role.suggestions:
        profile = profile_of(row, role)
        if profile.measure is Measure.RESULT and row.name.strip():
            found.append((row, profile, profile.area | {o.value for o in profile.implied}))
    return tuple(found)


def alternative(row: KpiRow, profile: Profile, role: RoleContext | None) -> KpiRow | None:
    """The role's suggested KPI closest to `row` in words and business result, if any is."""
    if role is None or not role.suggestions:
        return None
    mine = profile.area | {o.value for o in profile.implied} | profile.results
    own_name = content_stems(row.name)
    best: tuple[int, KpiRow] | None = None
    for candidate, other, area in _candidates(role):
        if content_stems(candidate.name) == own_name:
            continue
        score = len(mine & area) + 2 * len(profile.results & other.results)
        if score > 0 and (best is None or score > best[0]):
            best = (score, candidate)
    return best[1] if best else None


def instead(row: KpiRow, profile: Profile, role: RoleContext | None, fallback: str) -> str:
    """ "Track 'X' instead: it drives Y." from the role's context, else `fallback`."""
    better = alternative(row, profile, role)
    if better is None:
        return fallback
    why = better.business_result.strip() or "a named business result"
    return f"Track '{better.name.strip()}' instead: it drives {why.lower()}."


def _thing(name: str) -> str:
    """What a name counts, in its own words: "# of rooms cleaned per day" → "rooms cleaned"."""
    thing = _PER_PERIOD.sub("", _COUNTING.sub("", " ".join(name.split()))).strip(" .:-")
    thing = _LEADING_ACTION.sub("", thing)  # "Completed weekly checklist" → "weekly checklist"
    if not thing or len(thing) > _MAX_THING:
        return _NO_THING
    return thing if thing.isupper() else thing[0].lower() + thing[1:]


def _plural(word: str) -> str:
    if word.endswith("y") and not word.endswith(("ay", "ey", "oy", "uy")):
        return word[:-1] + "ies"
    return word if word.endswith("s") else word + "s"


class _Noun(StrEnum):
    """How a name's thing reads in a pattern."""

    ITEMS = "items"  # countable work: "rooms cleaned", "agendas prepared"
    MEASURED = "measured"  # a measure of things: "follower count", "patrol total"
    MASS = "mass"  # a singular or mass noun: "inventory", "newsletter sent"


def _countable(thing: str) -> tuple[str, _Noun]:
    """`thing` as things one can take a % of, and how the name speaks of them.

    "rooms cleaned" are things; "follower count" measures followers; a singular
    noun ("inventory") is not a thing to take a % of, so the pattern names its jobs.
    """
    parts = thing.split()
    if thing == _NO_THING:
        return "<the jobs it counts>", _Noun.MASS
    if len(parts) > 1 and parts[-1].lower() in _MEASURE_WORDS:
        return " ".join([*parts[:-2], _plural(parts[-2])]), _Noun.MEASURED
    head = (_TRAILING_ACTION.sub("", thing) or thing).split()[-1].lower()
    if head.endswith("s") and not head.endswith("ss"):
        return thing, _Noun.ITEMS
    return f"<{thing} jobs>", _Noun.MASS


def own_terms(row: KpiRow, profile: Profile) -> str:
    """A result KPI built from the owner's own words, for when no suggestion fits."""
    busy, named = profile.busy, _thing(row.name)
    thing, noun = _countable(named)
    if any(profile.name.has(kind) for kind in _ROUTINE_ARTEFACTS):
        artefact = _TRAILING_ACTION.sub("", named) or named
        return (
            f"what the {artefact} should protect, in your own terms: '<errors found later> "
            "per month' or '% of <the work it checks> right first time'"
        )
    if busy in (Busy.EFFORT, Busy.ATTENDANCE, Busy.MEETINGS):
        return (
            "the result that time should buy, in your own terms: '% of <the work it serves> "
            "done right first time', '<errors or complaints> per 100 <jobs>' or "
            "'<the people you serve> satisfaction (%)'"
        )
    audience = profile.name.has(Kind.VANITY) or profile.name.has(Kind.EXTERNAL_PARTY)
    if noun is _Noun.MEASURED and audience:
        # A count of people reached is worth what they go on to do.
        return (
            f"the result more {thing} should bring, in your own terms: '% of {thing} that "
            f"<buy, book, sign up or return>' or '<sales or bookings> per 100 {thing}'"
        )
    if busy is Busy.OUTREACH:
        if noun is _Noun.MASS:
            base = _TRAILING_ACTION.sub("", named) or named
            return (
                f"what the {base} should lead to, e.g. '<bookings, gifts, hires or fixes> "
                "that came from it', next to that outcome"
            )
        return (
            f"what the {thing} should lead to, e.g. '% of {thing} that lead to "
            "<a booking, a gift, a hire, a fix>', next to that outcome"
        )
    return (
        f"a result in your own terms: '% of {thing} right first time', "
        f"'% of {thing} on time' or '<errors or complaints> per 100 {thing}'"
    )


def replacement_for_busy(row: KpiRow, profile: Profile, role: RoleContext | None) -> str:
    """A suggestion for busy work: the role's KPI in the same area, or a pattern in own terms."""
    fallback = f"Track {own_terms(row, profile)} instead"
    top = next((kpi for kpi, _, _ in _candidates(role)), None) if role else None
    if top is not None:
        fallback += f", or a result KPI of this role such as '{top.name.strip()}'"
    return instead(row, profile, role, fallback + ".")


def source_example(row: KpiRow, role: RoleContext | None) -> str:
    """A data source that fits `row`: that of the role's KPI nearest in words, else by kind."""
    profile = profile_of(row, role)
    better = alternative(row, profile, role)
    near = better is not None and bool(content_stems(better.name) & content_stems(row.name))
    if better is not None and near and better.data_source.strip():
        return better.data_source.strip()
    name = profile.name
    if name.has(Kind.RATING):
        return "the survey tool that collects the ratings"
    if name.has(Kind.DEFECT):
        return "the incident, error or complaints log"
    if better is not None and better.data_source.strip():
        return better.data_source.strip()
    if profile.speed:
        return "timestamps in the system that records the work"
    return "the system where the work is recorded (booking, ticketing, patient or accounts system)"
