"""Read free text as terms: lower-cased, tokenised, stemmed and matched to the lexicon.

"Completing the weekly checklist", "checklist completed each week" and
"# checklists done" all read as the same terms, so rules match meaning rather
than spelling. Only the first `MAX_CHARS` characters of a field are read: a
KPI is judged on its wording, and no wording needs more.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, NamedTuple, TypeVar

import snowballstemmer

from validators.lexicon import (
    ABBREVIATIONS,
    IMPLIES,
    INHERITED,
    LEXICON,
    OUTCOMES,
    Kind,
    Outcome,
    words,
)

__all__ = [
    "MAX_CHARS",
    "Term",
    "Wording",
    "content_stems",
    "outcomes_in",
    "read",
    "stems",
    "whole_words",
]

MAX_CHARS = 2_000

_TOKEN = re.compile(r"\d+:\d+|[a-z]+|\d+(?:[.,]\d+)*|[#%$€£&/<>≤≥]")
# Words that say nothing about the area a KPI is in.
_FILLER = words(
    "of the a an to for in on by per and or with at from is are be our my we as that this "
    "it its % # number rate kpi percentag total count which who what how when all each "
    "everi week month quarter day weekly monthly"
)

V = TypeVar("V")


@lru_cache(maxsize=65_536)
def _stem(word: str) -> str:
    # A stemmer keeps the word it works on in itself, so one shared by the threads
    # serving requests mixes their words up (IndexError mid-stem): one per cache miss.
    return str(snowballstemmer.stemmer("english").stemWord(word))


def _raw_tokens(text: str) -> list[str]:
    tokens: list[str] = []
    for token in _TOKEN.findall(text[:MAX_CHARS].lower()):
        tokens.extend(ABBREVIATIONS.get(token, token).split())
    return tokens


@lru_cache(maxsize=16_384)
def stems(text: str) -> tuple[str, ...]:
    """The stemmed tokens of `text`, abbreviations expanded ("hrs" → "hour")."""
    return tuple(_stem(token) for token in _raw_tokens(text))


_SIBILANT_ES = ("ches", "shes", "sses", "xes", "zes")
_KEEP_S = ("ss", "us", "is")


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(_SIBILANT_ES):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(_KEEP_S):
        return word[:-1]
    return word


@lru_cache(maxsize=16_384)
def whole_words(text: str) -> tuple[str, ...]:
    """The words of `text`, abbreviations expanded and plurals folded, but not stemmed.

    "books" stays apart from "booking" and "attended" from "attendance", which a
    stemmer would merge; "collections" still meets "collection".
    """
    return tuple(_singular(token) for token in _raw_tokens(text))


class _PhraseIndex(Generic[V]):
    """Longest-match lookup of phrases, keyed by their first word (stemmed by default)."""

    def __init__(
        self,
        entries: Iterable[tuple[str, V]],
        key_of: Callable[[str], tuple[str, ...]] = stems,
    ) -> None:
        values: dict[tuple[str, ...], set[V]] = {}
        for phrase, value in entries:
            key = key_of(phrase)
            if key:
                values.setdefault(key, set()).add(value)
        self.values = {key: frozenset(found) for key, found in values.items()}
        lengths: dict[str, set[int]] = {}
        for key in self.values:
            lengths.setdefault(key[0], set()).add(len(key))
        self._lengths = {first: sorted(ns, reverse=True) for first, ns in lengths.items()}

    def scan(self, words: tuple[str, ...]) -> list[tuple[int, int, frozenset[V]]]:
        """Split `words` into (start, length, values) spans, longest known phrase first."""
        found: list[tuple[int, int, frozenset[V]]] = []
        i = 0
        while i < len(words):
            step, values = 1, frozenset[V]()
            for n in self._lengths.get(words[i], ()):
                hit = self.values.get(words[i : i + n])
                if hit is not None:
                    step, values = n, hit
                    break
            found.append((i, step, values))
            i += step
        return found


def _kind_entries(lexicon: Mapping[Kind, tuple[str, ...]]) -> Iterable[tuple[str, Kind]]:
    for kind, phrases in lexicon.items():
        for phrase in phrases:
            yield phrase, kind
            for implied in IMPLIES.get(kind, ()):
                yield phrase, implied


def _with_inherited(index: _PhraseIndex[Kind]) -> _PhraseIndex[Kind]:
    """Let multi-word phrases carry the inherited kinds of their single words."""
    single = {key[0]: kinds for key, kinds in index.values.items() if len(key) == 1}
    for key, kinds in list(index.values.items()):
        if len(key) > 1:
            extra = frozenset().union(*(single.get(word, frozenset()) for word in key))
            index.values[key] = kinds | (extra & INHERITED)
    return index


_KINDS = _with_inherited(_PhraseIndex(_kind_entries(LEXICON)))
# Outcome phrases are matched on whole words: a stem shared by unrelated words
# ("book" in "books shelved" and "booking") must not name a business result.
_OUTCOMES = _PhraseIndex(
    (
        (phrase, outcome)
        for outcome, phrases in OUTCOMES.items()
        for phrase in (outcome.value.replace("/", " "), *phrases)
    ),
    whole_words,
)


class Term(NamedTuple):
    """One word or known phrase of a text, with what the lexicon says it is."""

    key: str
    kinds: frozenset[Kind]
    # The words as typed (lower-cased, abbreviations expanded): the shape of a word
    # ("prepared", "writing") says what stemming hides.
    text: str = ""


@dataclass(frozen=True, slots=True)
class Wording:
    """A text read as terms; answers "does it say X", "is X near Y"."""

    terms: tuple[Term, ...]
    kinds: frozenset[Kind]
    raw: str

    def has(self, kind: Kind) -> bool:
        """Whether any term is of `kind`."""
        return kind in self.kinds

    def where(self, kind: Kind) -> list[int]:
        """Positions of the terms of `kind`."""
        return [i for i, term in enumerate(self.terms) if kind in term.kinds]

    def near(self, first: Kind, second: Kind, window: int = 3) -> bool:
        """Whether a `first` term and a different `second` term lie within `window` terms."""
        if first not in self.kinds or second not in self.kinds:
            return False
        seconds = self.where(second)
        return any(abs(i - j) <= window and i != j for i in self.where(first) for j in seconds)


@lru_cache(maxsize=16_384)
def read(text: str) -> Wording:
    """Read `text` as lexicon terms; cached, so repeated wording costs nothing."""
    raw = _raw_tokens(text)
    keys = tuple(_stem(token) for token in raw)
    terms = tuple(
        Term(" ".join(keys[i : i + n]), kinds, " ".join(raw[i : i + n]))
        for i, n, kinds in _KINDS.scan(keys)
    )
    kinds = frozenset().union(*(term.kinds for term in terms)) if terms else frozenset()
    return Wording(terms=terms, kinds=kinds, raw=" ".join(raw))


@lru_cache(maxsize=16_384)
def outcomes_in(text: str) -> frozenset[Outcome]:
    """The named business results `text` mentions ("collections" → cash)."""
    found: set[Outcome] = set()
    for _, _, outcomes in _OUTCOMES.scan(whole_words(text)):
        found |= outcomes
    return frozenset(found)


@lru_cache(maxsize=16_384)
def content_stems(text: str) -> frozenset[str]:
    """The stems of `text` that say what it is about, without filler words."""
    return frozenset(s for s in stems(text) if s not in _FILLER and not s.isdigit())
