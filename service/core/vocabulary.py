"""The words a client shows: definition columns, criteria, severities, statuses and flags.

Each word is defined once where it belongs (the KPI model, the validators, the
trend and flag rules); this module only gathers them into one typed answer so
that the add-on, the CLI and the tests read them instead of typing them again.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from service.core.flags import flag_word
from service.core.layout import HEADER_KEY, TAB_KEY
from service.core.models import DEFINITION_FIELDS, DefinitionField, FlagCode
from service.core.trends import Status, needs_attention, status_label
from validators import Criterion, Severity

__all__ = ["Vocabulary", "Word", "vocabulary"]

_WIRE = ConfigDict(frozen=True, extra="forbid")


class Word(BaseModel):
    """One value of a closed vocabulary and the text a person reads for it."""

    model_config = _WIRE

    value: str
    label: str
    # For a severity: a finding of it rejects the KPI. For a status: the KPI needs attention.
    flagged: bool = False


class Vocabulary(BaseModel):
    """Everything a client needs to read and show a scorecard without copying the server."""

    model_config = _WIRE

    fields: tuple[DefinitionField, ...]
    criteria: tuple[Word, ...]
    severities: tuple[Word, ...]
    statuses: tuple[Word, ...]
    flags: tuple[Word, ...]
    tab_key: str  # developer metadata key that marks a scorecard tab
    header_key: str  # developer metadata key that marks a scorecard tab's header row


_SEVERITY_LABELS = {Severity.FAIL: "Must change", Severity.WARN: "Worth a look"}


def vocabulary() -> Vocabulary:
    """The one vocabulary, as served by `GET /api/v1/vocabulary`."""
    return Vocabulary(
        fields=DEFINITION_FIELDS,
        criteria=tuple(Word(value=c.value, label=c.heading) for c in Criterion),
        severities=tuple(
            Word(value=s.value, label=_SEVERITY_LABELS[s], flagged=s is Severity.FAIL)
            for s in Severity
        ),
        statuses=tuple(
            Word(value=s.value, label=status_label(s), flagged=needs_attention(s)) for s in Status
        ),
        flags=tuple(Word(value=code.value, label=flag_word(code)) for code in FlagCode),
        tab_key=TAB_KEY,
        header_key=HEADER_KEY,
    )
