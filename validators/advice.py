"""Concrete suggestions: a better KPI from the role's template, or a general one.

A finding is only useful if it says what to do instead, so every rule ends with
a suggestion; when the role's template holds a good KPI in the same area, the
suggestion names it.
"""

from __future__ import annotations

from functools import lru_cache

from service.core.models import KpiRow, RoleContext
from validators.lexicon import Outcome
from validators.profile import Busy, Measure, Profile, profile_of
from validators.wording import content_stems, outcomes_in

__all__ = ["alternative", "instead", "replacement_for_busy"]

# A general replacement per outcome when the role offers none.
_BY_OUTCOME: dict[Outcome, str] = {
    Outcome.CASH: "'% of AR more than 60 days past due'",
    Outcome.REVENUE: "'Qualified pipeline created ($ per week)'",
    Outcome.MARGIN: "'Gross margin on deals closed (%)'",
    Outcome.COST: "'Cost per order ($)'",
    Outcome.RETENTION: "'CSAT on resolved tickets (%)'",
    Outcome.CYCLE_TIME: "'Order cycle time (days)'",
    Outcome.QUALITY: "'Escaped defects on the service you own (count)'",
    Outcome.RISK: "'Audit findings open past due (count)'",
}
_BY_BUSY: dict[Busy, str] = {
    Busy.NONE: "a number the business feels, e.g. 'Order cycle time (days)'",
    Busy.EFFORT: "'Tickets resolved within SLA (%)'",
    Busy.ATTENDANCE: "the result the meeting or training should change",
    Busy.INTERNAL_WORK: "the result the work protects, e.g. 'Month-end close (business days)'",
    Busy.PAPERWORK: "what the document changes, e.g. 'Errors found after close (count)'",
    Busy.MEETINGS: "what the meetings should produce, e.g. 'Order cycle time (days)'",
    Busy.HANDLING: "'Tickets resolved within SLA (%)' paired with 'CSAT (%)'",
    Busy.OUTREACH: "the outcome the outreach should move, e.g. 'Win rate (%)'",
}


@lru_cache(maxsize=256)
def _candidates(role: RoleContext) -> tuple[tuple[KpiRow, Profile, frozenset[str]], ...]:
    """The role's suggested KPIs that measure results, each with its area words."""
    found = []
    for row in role.suggestions:
        profile = profile_of(row, role)
        if profile.measure is Measure.RESULT and row.name.strip():
            found.append((row, profile, profile.area | {o.value for o in profile.implied}))
    return tuple(found)


def alternative(row: KpiRow, profile: Profile, role: RoleContext | None) -> KpiRow | None:
    """The role's suggested KPI closest in area to `row`, if any shares its area."""
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
    """ "Track 'X' instead: it drives Y." using the role's template, else `fallback`."""
    better = alternative(row, profile, role)
    if better is None:
        return fallback
    why = better.business_result.strip() or "a named business result"
    return f"Track '{better.name.strip()}' instead: it drives {why.lower()}."


def replacement_for_busy(row: KpiRow, profile: Profile, role: RoleContext | None) -> str:
    """A suggestion for busy work: the role's KPI in the same area, or a general one."""
    outcomes = outcomes_in(row.business_result) or profile.implied
    general = next((text for o, text in _BY_OUTCOME.items() if o in outcomes), None)
    general = general or _BY_BUSY[profile.busy]
    return instead(row, profile, role, f"Track {general} instead.")
