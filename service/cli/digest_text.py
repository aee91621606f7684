"""The digest as plain text: short lines, one section per person, as the Monday email reads."""

from __future__ import annotations

from service.core.formatting import format_number
from service.workflows.results import Digest, DigestKpi, PersonDigest

__all__ = ["render_digest"]


def _value(kpi: DigestKpi) -> str:
    latest = "no value" if kpi.latest is None else format_number(kpi.latest)
    return f"{kpi.kpi}: {latest} (target {kpi.target})"


def _person(person: PersonDigest) -> list[str]:
    lines = [f"{person.person} ({person.role})"]
    if person.off_target:
        lines.append("  Off target:")
        lines += [f"    {kpi.status.split(' ', 1)[0]} {_value(kpi)}" for kpi in person.off_target]
    if person.missing:
        lines.append("  Missing values:")
        lines += [f"    – {m.kpi}: no value for {m.period.isoformat()}" for m in person.missing]
    if person.back_on_target:
        lines.append("  Back on target:")
        lines += [f"    ✓ {_value(kpi)}" for kpi in person.back_on_target]
    if person.open_issues:
        lines.append("  Open issues:")
        lines += [
            f"    ‼ {issue.kpi}, since {issue.since} ({issue.status or 'Open'})"
            for issue in person.open_issues
        ]
    if len(lines) == 1:
        lines.append("  Nothing needs attention.")
    return lines


def render_digest(digest: Digest) -> str:
    """The digest as the email reads, with a subject line first."""
    heading = f"Scorecard digest — {digest.title}" if digest.title else "Scorecard digest"
    lines = [heading, f"As of {digest.as_of.strftime('%Y-%m-%d %H:%M UTC')}", ""]
    if not digest.people:
        lines.append("No scorecard tabs yet.")
    for person in digest.people:
        lines += [*_person(person), ""]
    return "\n".join(lines).rstrip() + "\n"
