"""The grammar of a KPI name: what is counted, and whether the owner's own doing is it.

Busy work is recognised by the shape of the phrase rather than by a list of
nouns: "agendas prepared", "preparing agendas", "# of agendas prepared" and
"rotas published" all put an action (a verb, a participle or a gerund) on a
thing, and nothing in them says how well, how fast, for whom or with what
result. Whatever the noun, such a name counts what the owner did.

Read here, for the rules in `profile`:

- the main phrase: the words before a clause ("with", "that", "by", "to", …)
  that only qualifies what is counted;
- the doing: actions in the main phrase;
- gains: a result verb ("donors recruited", "families housed"), or a result
  noun (revenue, renewals, hires) or a failure (errors) next to the doing:
  counting those is counting a result. People outside the team are not a gain
  by themselves: "candidates interviewed" is still activity;
- a ratio: "per <something that is not a period>" or "a / b" ("cost per hire",
  "bookings per 100 enquiries"); "per week" is only a count per period;
- elapsed time: "from … to", "X-to-Y" (door-to-needle) measures a process;
- a condition: "with <a result>" ("cases closed with goals met");
- counted time: an hour, shift or day that is the thing counted, not a
  threshold ("within 4 hours") or a denominator ("per labour hour").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from validators.lexicon import Kind, words
from validators.wording import Term, read

__all__ = ["Shape", "shape_of"]

# Words that open a clause qualifying the counted thing.
_CLAUSE = words(
    "with without that which where who whose when while by to for as from at after before "
    "across in on within during per under over than"
)
_CONDITION = words("with without that which who where whose")
_BECAME = words("became become becomes becoming led turned resulted converted")
# A name that opens with one of these verbs is an instruction, not a measure:
# "Deliver excellent guest experiences", "Be a team player", "Look after tenants".
# Words that are nouns as often as verbs ("build failures", "deal size") are not read so.
_NOUNS = frozenset(
    {Kind.DELIVERABLE, Kind.ACTIVITY, Kind.MEETING, Kind.PAPERWORK, Kind.BUSY_ARTEFACT}
    | {Kind.EXTERNAL_PARTY, Kind.RESULT_NOUN, Kind.DEFECT, Kind.MEASURE, Kind.RESULT_VERB}
)
_IMPERATIVE = words(
    "be become stay provide deliver make find look keep give build create drive ensure "
    "achieve get develop lead raise cut lower reduce increase improve grow maintain "
    "support help offer serve treat care respond win hit meet reach do go take run deal"
)
_ELAPSED = words("from to until between")
_THRESHOLD = words("within in under over than by after before every each per")
# "-ed" words that are not actions on a thing.
_NOT_PARTICIPLE = words(
    "need speed feed red bed hundred unplanned planned qualified expected related dated based "
    "detailed advanced automated managed registered unresolved unpaid unbilled unapplied "
    "multi threaded skilled licensed insured limited open opened ed "
    "owned assigned attributed named dedicated preferred used required certified scheduled "
    "unscheduled allocated agreed"
)
# Irregular participles the "-ed" shape misses (regular ones are read by their ending).
_IRREGULAR = words(
    "done made held sent written given taken run built drawn set put kept led taught seen "
    "spent read met found shown chosen brought thought begun undertaken drafted driven "
    "flown gone ridden"
)
# "-ing" words that are nouns, not actions, at the start of a name.
_ING_NOUNS = words(
    "meeting training marketing onboarding pricing billing booking funding housekeeping "
    "parking nursing staffing learning engineering accounting recruiting fundraising "
    "morning evening building ring king thing spring string clothing offering listing "
    "opening landing pending outstanding remaining ongoing incoming outgoing rolling "
    "trailing existing missing timing rating ranking standing reading hearing lending "
    "dispensing picking packing shipping catering cleaning teaching wellbeing"
)
_GAIN = (Kind.RESULT_NOUN, Kind.DEFECT, Kind.RESULT_VERB)
_GAIN_KINDS = frozenset(_GAIN)
_JUDGED = frozenset({Kind.QUALITY, Kind.RATING, Kind.SPEED})
_UNTIL = words("to until till")
_TIME = frozenset({Kind.EFFORT_UNIT, Kind.CALENDAR})
_NOT_DOING = frozenset(
    {Kind.PERSONAL, Kind.DRIVER, Kind.CALENDAR, Kind.SPEED, Kind.QUALITY, Kind.DEFECT}
)
_NEVER_DOING = frozenset({Kind.PERSONAL, Kind.DRIVER, Kind.CALENDAR, Kind.SPEED})
_ACTING = frozenset({Kind.ACT_VERB, Kind.TOUCH_VERB})


@dataclass(frozen=True, slots=True)
class Shape:
    """What the grammar of a name says, beside the words the lexicon knows."""

    doing: bool  # an action on a thing in the main phrase
    gain: bool  # the action is on a result, a person outside, or a failure
    outward: bool  # the action faces someone outside (an email to parents)
    ratio: bool  # per <non-period>, or a / b
    elapsed: bool  # time between two events
    condition: bool  # "with <a result>" narrows the count to results
    timed: bool  # a unit of time is what is counted
    defect_counted: bool  # a failure is what is counted, not a modifier of a document
    judged: bool  # quality, a rating or speed is what is measured, not a modifier
    intent: bool  # an intention leads the phrase: "improve …", "keep guests happy"
    redo: bool  # work done again ("rooms re-cleaned"): a failure is counted


def _is_participle(term: Term) -> bool:
    text = term.text
    if " " in text:
        return not term.kinds & _NOT_DOING and bool(term.kinds & _ACTING)
    if term.kinds & _NEVER_DOING:
        return False
    if text in _IRREGULAR:
        return True
    # "cleaned" is an action even though "clean" is a quality.
    if text.startswith("un") and text.endswith("ed"):
        return False  # a state, not an action: "unreconciled", "unpaid"
    return len(text) > 4 and text.endswith("ed") and text not in _NOT_PARTICIPLE


def _is_doing(term: Term, position: int) -> bool:
    text = term.text
    if text.endswith("ing") and (position > 0 or text in _ING_NOUNS):
        return False  # a gerund inside a name is a noun: "onboarding sessions"
    if " " not in text and text.endswith("s") and not text.endswith("ss"):
        return False  # a plural is a noun: "bookings", "reviews", "posts"
    if term.kinds & _ACTING:
        return not term.kinds & _NOT_DOING
    if _is_participle(term):
        return True
    gerund = " " not in text and text.endswith("ing") and len(text) > 5
    return position == 0 and gerund and text not in _ING_NOUNS


def _states_result(term: Term) -> bool:
    """Whether a word in a qualifying clause says what came of the counted thing."""
    return _is_participle(term) or bool(term.kinds & _GAIN_KINDS) or term.text in _BECAME


def _redone(terms: tuple[Term, ...], i: int) -> bool:
    """ "re-cleaned", "re-done": doing a thing again is a failure of the first time."""
    return i > 0 and terms[i - 1].text == "re"


def _main_end(terms: tuple[Term, ...]) -> int:
    for i, term in enumerate(terms):
        if i > 0 and term.text in _CLAUSE:
            return i
    return len(terms)


def _denominators(terms: tuple[Term, ...]) -> tuple[set[int], bool]:
    """Positions after a "per" that divides by something other than a period."""
    skip: set[int] = set()
    ratio = False
    for i, term in enumerate(terms):
        if " per " in f" {term.text} " and not term.text.endswith("per"):
            ratio = True  # a known ratio phrase, "cost per order"
            continue
        if not term.text.endswith("per") or i + 1 >= len(terms):
            continue
        if Kind.PERIOD in terms[i + 1].kinds:
            continue
        ratio = True
        skip.update(range(i + 1, min(len(terms), i + 4)))
    return skip, ratio


def _gain_near(terms: tuple[Term, ...], doing: list[int], end: int) -> bool:
    for i in doing:
        if any(kind in terms[i].kinds for kind in _GAIN):
            return True
        for j in (i - 1, i + 1):
            if not 0 <= j < end or j in doing:
                continue
            if any(kind in terms[j].kinds for kind in _GAIN):
                return True
    return False


def _head(terms: tuple[Term, ...], end: int, doing: list[int]) -> Term | None:
    for i in range(end - 1, -1, -1):
        term = terms[i]
        if i in doing or term.text.isdigit() or Kind.CALENDAR in term.kinds:
            continue
        return term
    return None


def _timed(terms: tuple[Term, ...], skip: set[int], end: int) -> bool:
    """Whether a unit of time in the main phrase is what is counted."""
    for i, term in enumerate(terms[:end]):
        if Kind.EFFORT_UNIT not in term.kinds or i in skip:
            continue
        before = terms[i - 1] if i > 0 else None
        if before is None:
            return True
        if before.text.replace(",", "").replace(".", "").isdigit() or before.text in _THRESHOLD:
            continue  # a threshold: "within 4 hours", "24 h"
        if Kind.DELIVERABLE in before.kinds:
            continue  # the time a work item takes: "ticket time", "order time"
        return True
    return False


@lru_cache(maxsize=16_384)
def shape_of(text: str) -> Shape:
    """The shape of a name or definition; cached, so repeated wording costs nothing."""
    terms = read(text).terms
    skip, ratio = _denominators(terms)
    end = _main_end(terms)
    doing = [i for i in range(end) if i not in skip and _is_doing(terms[i], i)]
    texts = [t.text for t in terms]
    head = _head(terms, end, doing)
    condition = any(
        texts[i] in _CONDITION and any(_states_result(t) for t in terms[i + 1 : i + 5])
        for i in range(len(terms))
    )
    return Shape(
        doing=bool(doing),
        gain=_gain_near(terms, doing, end),
        outward=any(Kind.EXTERNAL_PARTY in t.kinds for t in terms),
        ratio=ratio,
        elapsed=_from_to(texts) or _x_to_y(terms),
        condition=condition,
        timed=_timed(terms, skip, end),
        defect_counted=(head is not None and Kind.DEFECT in head.kinds)
        or not doing
        or any(Kind.DEFECT in terms[i].kinds for i in doing),
        redo=any(_redone(terms, i) for i in doing),
        judged=(head is not None and bool(head.kinds & _JUDGED))
        or any(t.kinds & _JUDGED for t in terms[end:]),
        intent=any(Kind.VAGUE_VERB in t.kinds for t in terms[:end])
        or (bool(terms) and terms[0].text in _IMPERATIVE and not terms[0].kinds & _NOUNS),
    )


def _from_to(texts: list[str]) -> bool:
    """ "from referral to assessment", "from period end until the books are locked"."""
    if "from" not in texts:
        return False
    return any(word in _UNTIL for word in texts[texts.index("from") + 1 :])


def _x_to_y(terms: tuple[Term, ...]) -> bool:
    """ "door to needle time", "business days to close": time between two events."""
    for i in range(1, len(terms) - 1):
        if terms[i].text not in _UNTIL or _is_doing(terms[i - 1], i - 1):
            continue
        if terms[i - 1].kinds & _TIME:
            return True
        if any(Kind.EFFORT_UNIT in t.kinds for t in terms[i + 1 : i + 4]):
            return True
    return False
