"""Criterion 2: the KPI is within the team member's control."""

from __future__ import annotations

import re
from functools import lru_cache

from service.core.models import Control, ParseError, RoleContext, parse_control
from validators.general import role_words
from validators.lexicon import (
    EXTERNAL_PHRASES,
    EXTERNAL_WORDS,
    FUNCTION_WORDS,
    GROUP_WORDS,
    Kind,
    words,
)
from validators.subject import Rule, Subject, finding, is_blank, on_fields, quoted
from validators.verdicts import Criterion, Finding, Severity
from validators.wording import Wording, read, stems

__all__ = ["CONTROL_RULES", "owner_problem"]

_C = Criterion.IN_CONTROL
_WORD = re.compile(r"[a-z]+")
_JOINED = re.compile(r"\s(?:and|or|with)\s|[/&+;|]")
_EXTERNAL_PHRASES = tuple(" ".join(_WORD.findall(p)) for p in EXTERNAL_PHRASES)
_MAX_NAME_WORDS = 6


def _several(owner: str) -> bool:
    """Several names: "Ann and Bob", "Ann/Bob", "Ann, Bob, Cy" (but not "Lopez, Maria")."""
    if _JOINED.search(f" {owner.lower()} "):
        return True
    parts = [part.strip() for part in owner.split(",") if part.strip()]
    return len(parts) > 2 or (len(parts) == 2 and any(len(p.split()) > 1 for p in parts))


def owner_problem(owner: str) -> str | None:
    """Why `owner` is not exactly one named person, or None when it is."""
    if is_blank(owner):
        return "Owner is blank, so nobody is accountable for this KPI."
    words = _WORD.findall(owner.lower())
    if not words or len(words) > _MAX_NAME_WORDS:
        return f"Owner {quoted(owner)} is not the name of one person."
    if GROUP_WORDS.intersection(words) or set(words) <= FUNCTION_WORDS or _several(owner):
        return f"Owner {quoted(owner)} is a group: when everyone owns a KPI, nobody does."
    return None


@on_fields("owner")
def owner(text: str) -> Finding | None:
    """R2.1: one named person owns the KPI."""
    problem = owner_problem(text)
    if problem is None:
        return None
    rule = "R2.1-no-owner" if is_blank(text) else "R2.1-group-owner"
    return finding(
        rule, _C, Severity.FAIL, problem,
        "Name the one person who can move it; give a shared result to the team's "
        "scorecard, or split it into one KPI per person.",
    )  # fmt: skip


def control(s: Subject) -> Finding | None:
    """R2.2/R2.3: control none fails; shared warns unless the controllable driver is named."""
    named = s.profile.definition.has(Kind.DRIVER) or s.profile.name.has(Kind.DRIVER)
    return _control(s.row.control, named)


@lru_cache(maxsize=1_024)
def _control(text: str, named: bool) -> Finding | None:
    try:
        level = parse_control(text)
    except ParseError as exc:
        return finding(
            "R2.2-control-unclear", _C, Severity.WARN, str(exc),
            "Say how far the owner can move it: direct, shared or none.",
        )  # fmt: skip
    if level is Control.NONE:
        return finding(
            "R2.2-no-control", _C, Severity.FAIL,
            "The owner has no control over this number, so it cannot steer their work.",
            "Move it to the scorecard of whoever controls it, or track the part this owner "
            "drives instead.",
        )  # fmt: skip
    if level is Control.SHARED and not named:
        return finding(
            "R2.3-shared", _C, Severity.WARN,
            "Control is shared and the definition does not say which part the owner drives.",
            "Name the owner's part in the definition (e.g. 'cases assigned to me', "
            "'my ward', 'my accounts'), or split the KPI.",
        )  # fmt: skip
    return None


def _scoped_result(w: Wording) -> bool:
    """ "Total revenue", "company NPS": a scope word just before a company result."""
    results = w.where(Kind.COMPANY_RESULT)
    for i in w.where(Kind.SCOPE_TOTAL):
        for j in results:
            follower = w.terms[j + 1] if j + 1 < len(w.terms) else None
            counted = follower is not None and (
                Kind.ACTIVITY in follower.kinds or Kind.MEETING in follower.kinds
            )
            if 0 < j - i <= 2 and not counted:
                return True
    return False


_EVERY = frozenset(stems("all every whole entire each"))
_LEADERS = words(
    "manager head director gm owner lead supervisor principal headteacher matron chief leader "
    "superintendent"
)


def _every_unit(w: Wording) -> bool:
    """ "all branches", "every store in the region", "across all 12 sites", "whole-school"."""
    for i, term in enumerate(w.terms):
        if term.key not in _EVERY:
            continue
        following = [t for t in w.terms[i + 1 : i + 4] if not t.key.isdigit()]
        if following and Kind.ORG_UNIT in following[0].kinds:
            return True
    return False


@lru_cache(maxsize=16_384)
def _company_wording(name_text: str, definition_text: str) -> bool | None:
    """True: company level; False: narrowed to the owner; None: the wording does not say."""
    name, definition = read(name_text), read(definition_text)
    if name.has(Kind.PERSONAL) or name.has(Kind.DRIVER):
        return False
    if name.has(Kind.COMPANY_ONLY) or name.has(Kind.SCOPE_WIDE) or definition.has(Kind.SCOPE_WIDE):
        return True
    if _every_unit(name) or _every_unit(definition):
        return True
    if _scoped_result(name) and not definition.has(Kind.PERSONAL):
        return True
    return None


def _unit_result(w: Wording) -> bool:
    """ "Store sales", "restaurant profit", "team NPS": a unit's result, not one person's."""
    results = w.where(Kind.COMPANY_RESULT) + w.where(Kind.COMPANY_ONLY)
    return any(0 < j - i <= 2 for i in w.where(Kind.ORG_UNIT) for j in results)


def _leads_a_unit(role: RoleContext) -> bool:
    """Whether the role runs a unit (a store, a kitchen, a ward), whose results are its own."""
    return bool(_LEADERS.intersection(role_words(role.requested or role.title)))


def _company_level(s: Subject) -> bool:
    said = _company_wording(s.row.name, s.row.definition)
    if said is not None:
        return said
    if s.role is None:
        return False
    if _unit_result(read(s.row.name)) and not _leads_a_unit(s.role):
        return True
    return _names_one_of(s.row.name, s.role.company_results)


@lru_cache(maxsize=16_384)
def _names_one_of(name: str, results: tuple[str, ...]) -> bool:
    """Whether `name` holds one of the role's company-level `results` (cached: names repeat)."""
    words = stems(name)
    return any(_contains(words, stems(result)) for result in results)


def _contains(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    """Whether `phrase` occurs in `words` as a run of consecutive words."""
    n = len(phrase)
    return n > 0 and any(words[i : i + n] == phrase for i in range(len(words) - n + 1))


def company_result(s: Subject) -> Finding | None:
    """R2.4: company-level results do not belong on one person's scorecard."""
    if not _company_level(s):
        return None
    return finding(
        "R2.4-company-result", _C, Severity.FAIL,
        f"{quoted(s.row.name)} is a company-level result that no one person moves.",
        "Move it to the manager's or team scorecard, and track the part this person "
        "drives here instead.",
    )  # fmt: skip


@on_fields("name", "definition")
def external(name_text: str, definition_text: str) -> Finding | None:
    """R2.5: the number depends on outsiders (customers paying, the market, vendors)."""
    definition = read(definition_text)
    if definition.has(Kind.DRIVER):
        return None
    text = f" {read(name_text).raw} {definition.raw} "
    words = set(text.split())
    if not (EXTERNAL_WORDS & words or any(f" {p} " in text for p in _EXTERNAL_PHRASES)):
        return None
    return finding(
        "R2.5-external", _C, Severity.WARN,
        f"{quoted(name_text)} depends on people outside the team "
        "(customers, vendors, the market).",
        "Define the part the owner controls as a proxy next to the outcome, e.g. '% of <the "
        "owner's own step> done within the agreed time'.",
    )  # fmt: skip


CONTROL_RULES: tuple[Rule, ...] = (owner, control, company_result, external)
