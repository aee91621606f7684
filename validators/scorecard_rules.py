"""Rules about a scorecard as a whole: size, duplicates, balance."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from service.core.models import KpiRow
from validators.profile import Profile
from validators.subject import finding, is_blank, quoted
from validators.verdicts import Criterion, Finding, Severity
from validators.wording import stems

__all__ = ["MAX_PER_OWNER", "MAX_PER_SCORECARD", "scorecard_findings"]

MAX_PER_OWNER = 7
MAX_PER_SCORECARD = 15
_MIN_FOR_BALANCE = 3
_LOOP = Criterion.FEEDBACK_LOOP


def _names(rows: Sequence[KpiRow], indices: Sequence[int], limit: int = 4) -> str:
    shown = [quoted(rows[i].name, 40) for i in indices[:limit]]
    more = len(indices) - limit
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def too_many(rows: Sequence[KpiRow]) -> list[Finding]:
    """R3.5: more than 7 KPIs for one owner, or 15 on one scorecard, dilutes attention."""
    found = []
    owners = Counter(" ".join(r.owner.lower().split()) for r in rows if not is_blank(r.owner))
    for owner, count in sorted(owners.items()):
        if count > MAX_PER_OWNER:
            found.append(
                finding(
                    "R3.5-too-many",
                    _LOOP,
                    Severity.WARN,
                    f"{quoted(owner)} owns {count} KPIs; more than {MAX_PER_OWNER} and none "
                    "gets real attention.",
                    "Keep the 3–5 that best predict the results; move the rest to a watch list.",
                )  # fmt: skip
            )
    if len(rows) > MAX_PER_SCORECARD:
        found.append(
            finding(
                "R3.5-too-many",
                _LOOP,
                Severity.WARN,
                f"The scorecard has {len(rows)} KPIs; a team reviews {MAX_PER_SCORECARD} at most.",
                "Cut it to the KPIs someone acts on each period.",
            )  # fmt: skip
        )
    return found


def duplicates(rows: Sequence[KpiRow]) -> list[Finding]:
    """R3.5: the same KPI twice splits its history and its review."""
    groups: dict[tuple[str, ...], list[int]] = {}
    for i, row in enumerate(rows):
        key = stems(row.name)
        if key:
            groups.setdefault(key, []).append(i)
    return [
        finding(
            "R3.5-duplicate",
            _LOOP,
            Severity.WARN,
            f"{_names(rows, idx)} are the same KPI (rows {', '.join(str(i + 1) for i in idx)}).",
            "Keep one row per KPI; if they differ, rename them so the difference shows.",
        )  # fmt: skip
        for idx in groups.values()
        if len(idx) > 1
    ]


def unpaired_speed(rows: Sequence[KpiRow], profiles: Sequence[Profile]) -> list[Finding]:
    """R3.4: speed or volume without a quality counter-metric invites gaming."""
    pushed = [i for i, p in enumerate(profiles) if p.speed or p.volume]
    if not pushed or any(p.quality for p in profiles):
        return []
    return [
        finding(
            "R3.4-unpaired-speed",
            _LOOP,
            Severity.WARN,
            f"{_names(rows, pushed)} push speed or volume, and no KPI here checks quality.",
            "Pair them with a quality KPI, e.g. 'CSAT (%)', 'reopen rate (%)' or 'errors found'.",
        )  # fmt: skip
    ]


def single_result(rows: Sequence[KpiRow], profiles: Sequence[Profile]) -> list[Finding]:
    """R1.1: when every KPI points at one result, the scorecard cannot see trade-offs."""
    named = [p.results for p in profiles if p.results]
    if len(rows) < _MIN_FOR_BALANCE or len(named) != len(rows):
        return []
    shared = frozenset.intersection(*named)
    if not shared or any(len(r) > len(shared) for r in named):
        return []
    result = ", ".join(sorted(shared))
    return [
        finding(
            "R1.1-single-result",
            Criterion.DRIVES_RESULT,
            Severity.WARN,
            f"Every KPI points at the same business result ({result}).",
            "Add a KPI for the result it can trade off against, e.g. quality or cost.",
        )  # fmt: skip
    ]


def scorecard_findings(rows: Sequence[KpiRow], profiles: Sequence[Profile]) -> tuple[Finding, ...]:
    """Every scorecard-level finding for `rows`."""
    return (
        *too_many(rows),
        *duplicates(rows),
        *unpaired_speed(rows, profiles),
        *single_result(rows, profiles),
    )
