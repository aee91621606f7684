"""Roles as people type them, and the general context that judges a role with no template.

"Accounting Rep", "accounting-rep" and "accounting reps" all read as the same
words (`role_words`), so a catalogue can match its templates by id, title or
common spelling. A role no template matches is judged with a general context:
the library role its words name ("Ward nurse" → nurse), else the sector they
point at ("physiotherapist" → health care), else a context for any role.
Whatever the role, a verdict is given.
"""

from __future__ import annotations

import re
from functools import lru_cache

from service.core.models import KpiRow, RoleContext
from validators.suggestions import (
    LIBRARY,
    SECTOR_COMPANY_RESULTS,
    SECTOR_WORDS,
    LibraryKpi,
    LibraryRole,
    Sector,
)

__all__ = ["ANY_ROLE", "GENERIC_ROLE_WORDS", "general_context", "role_key", "role_words"]

_WORD = re.compile(r"[a-z0-9&]+")
_KEEP_S = ("ss", "us", "is", "ics", "ous")
ANY_ROLE = "general"
_ANY_COMPANY = ("net profit", "total revenue", "market share", "EBITDA", "company NPS")


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(_KEEP_S):
        return word[:-1]
    return word


@lru_cache(maxsize=4_096)
def role_words(text: str) -> tuple[str, ...]:
    """A role's words, lower-case and singular: "Accounting-Reps" → ("accounting", "rep")."""
    return tuple(_singular(word) for word in _WORD.findall(text.lower().replace("_", " ")))


def role_key(text: str) -> str:
    """One spelling for a role: "Accounting Rep", "accounting_rep" → "accounting rep"."""
    return " ".join(role_words(text))


# Words of job titles in many fields: a role names a field only by a whole phrase
# ("field engineer", "social worker") or a word of that field alone ("nurse", "warehouse").
GENERIC_ROLE_WORDS: frozenset[str] = frozenset(
    role_words(
        "security social engineer technician officer service care case public data design "
        "growth people agency planning block building field support analyst analytics risk "
        "compliance foundation mission community program programme advocate host server coach "
        "assistant specialist coordinator manager lead administrator admin clerk agent "
        "associate partner consultant advisor adviser operator worker staff director head "
        "supervisor executive senior junior chief media account operations customer client"
    )
)


def _hits(words: tuple[str, ...], phrases: tuple[str, ...]) -> int:
    """How well `phrases` name `words`: a matching phrase of n words scores n.

    A single word that many fields use ("security", "technician") names no field
    by itself: "Security guard" is not IT, "Lab technician" is not field service.
    """
    padded = f" {' '.join(words)} "
    return sum(
        len(key.split())
        for p in phrases
        if (key := role_key(p)) and key not in GENERIC_ROLE_WORDS and f" {key} " in padded
    )


def _library_role(words: tuple[str, ...]) -> LibraryRole | None:
    best: tuple[int, LibraryRole] | None = None
    for role in LIBRARY:
        score = _hits(words, role.words)
        if score and (best is None or score > best[0]):
            best = (score, role)
    return best[1] if best else None


def _sector(words: tuple[str, ...]) -> Sector | None:
    best: tuple[int, Sector] | None = None
    for sector, phrases in SECTOR_WORDS.items():
        score = _hits(words, phrases)
        if score and (best is None or score > best[0]):
            best = (score, sector)
    return best[1] if best else None


def _row(kpi: LibraryKpi, forum: str) -> KpiRow:
    return KpiRow(
        name=kpi.name,
        definition=kpi.definition,
        business_result=kpi.result,
        control="direct",
        unit=kpi.unit,
        direction=kpi.direction,
        target=kpi.target,
        cadence="monthly",
        data_source=kpi.source,
        review_forum=forum,
    )


def _context(
    key: str, title: str, requested: str, roles: tuple[LibraryRole, ...], sector: Sector | None
) -> RoleContext:
    # Round-robin over the roles, so a sector's first suggestions span its roles.
    depth = max((len(role.kpis) for role in roles), default=0)
    rows = tuple(
        _row(role.kpis[rank], role.forum)
        for rank in range(depth)
        for role in roles
        if rank < len(role.kpis)
    )
    outcomes = tuple(dict.fromkeys(row.business_result for row in rows))
    return RoleContext(
        role=key,
        title=title,
        outcomes=outcomes,
        company_results=SECTOR_COMPANY_RESULTS[sector] if sector else _ANY_COMPANY,
        suggestions=rows,
        requested=requested,
        recognised=False,
    )


@lru_cache(maxsize=1_024)
def general_context(requested: str) -> RoleContext:
    """The general context that judges `requested`, a role no template matches."""
    words = role_words(requested)
    role = _library_role(words)
    if role is not None:
        title = f"{role.title} ({role.sector.value})"
        return _context(f"{ANY_ROLE}_{role.key}", title, requested, (role,), role.sector)
    sector = _sector(words)
    if sector is not None:
        roles = tuple(r for r in LIBRARY if r.sector is sector)
        key = f"{ANY_ROLE}_{sector.name.lower()}"
        return _context(key, f"any {sector.value} role", requested, roles, sector)
    return _context(ANY_ROLE, "any role", requested, (), None)
