"""The template catalogue: built-in role templates plus a team's own directory.

Every file is read and checked when the catalogue is built, so a bad template
stops the service at start-up with the file, line and field to fix, instead of
failing a manager's request later.

Roles are found as people type them: by id, title or a common spelling
("Accounting Rep", "accounting-rep", "accounting reps"). `context_for` is the
one way every validation path (the check-a-KPI endpoint, tab validation, the
sync's verdict column, the CLI) turns a role string into what the validators
judge with; a role no template matches gets a general context, never an error.
`get` likewise answers every role: a role no template matches gets a general
template built from that context (the suggestion library's KPIs for the library
role or sector its words name, or no preset KPIs when nothing fits), and
`role_used` says which context that was.
"""

from __future__ import annotations

from pathlib import Path

from service.core.models import RoleContext
from service.core.templates import (
    GeneralTemplate,
    Template,
    TemplateError,
    TemplateKpi,
    parse_template,
)
from service.settings import Settings
from validators import RoleUsed, general_context, role_key
from validators.general import ANY_ROLE, role_words
from validators.validation import context_used

__all__ = ["BUILTIN_DIR", "TemplateCatalog", "general_template", "load_catalog"]

BUILTIN_DIR = Path(__file__).resolve().parents[2] / "sheets_templates"
_SUFFIXES = (".yaml", ".yml")
# Role strings come from callers: remember the contexts of this many, not of every one.
_MAX_CONTEXTS = 512
_MAX_ROLE_ID = 64
_MAX_DEFAULTS = 6
_MAX_OPTIONAL = 8
# Words of a job title that say its level or kind, not its field.
_GENERIC = role_words(
    "rep manager coordinator engineer lead senior junior head officer assistant specialist "
    "associate executive director analyst"
)


class TemplateCatalog:
    """Role templates by role id; a team file overrides the built-in one of the same role."""

    def __init__(self, extra_dir: Path | None = None) -> None:
        self._templates = _read_dir(BUILTIN_DIR)
        if extra_dir is not None:
            self._templates.update(_read_dir(extra_dir))
        self._spellings: dict[str, str] = {}
        for role, template in sorted(self._templates.items()):
            # Two templates with one title: the first id keeps it; ids always win.
            self._spellings.setdefault(role_key(template.title), role)
        self._spellings.update({role_key(role): role for role in self._templates})
        self._contexts: dict[str, RoleContext] = {}

    def roles(self) -> list[str]:
        """Every role id, sorted."""
        return sorted(self._templates)

    def match(self, role: str) -> Template | None:
        """The template `role` names by id, title or common spelling, or None.

        A role that holds every word of a template's id or title also names it
        ("Senior sales rep", "Customer support rep"), the longest such match
        winning; so does a role made only of one template's words ("Sales").
        """
        found = self._templates.get(role)
        if found is not None:
            return found
        typed = role_key(role)
        key = self._spellings.get(typed)
        if key is None:
            words = set(typed.split())
            held = [
                (len(s.split()), r) for s, r in self._spellings.items() if set(s.split()) <= words
            ]
            key = max(held)[1] if held else self._within(words)
        return self._templates[key] if key is not None else None

    def _within(self, words: set[str]) -> str | None:
        """The one template whose id or title holds every word of the role, if just one."""
        if not words.difference(_GENERIC):
            return None  # "manager" alone names no one role
        roles = {r for s, r in self._spellings.items() if words <= set(s.split())}
        return roles.pop() if len(roles) == 1 else None

    def context_for(self, role: str) -> RoleContext:
        """What the validators judge `role` with: its template's context, or a general one."""
        found = self._contexts.get(role)
        if found is None:
            template = self.match(role)
            if template is None:
                found = general_context(role)
            else:
                found = template.role_context().model_copy(update={"requested": role})
            if len(self._contexts) < _MAX_CONTEXTS:
                self._contexts[role] = found
        return found

    def get(self, role: str) -> Template:
        """The template `role` names (see `match`), else a general template for it."""
        found = self.match(role)
        return found if found is not None else general_template(role, self.context_for(role))

    def role_used(self, role: str) -> RoleUsed:
        """Which template or general context serves `role`, as a report says it."""
        return context_used(self.context_for(role))

    def find(self, role: str) -> Template | None:
        """The template of `role`, or None (a tab may outlive its template)."""
        return self._templates.get(role)

    def all(self) -> list[Template]:
        """Every template, in role order."""
        return [self._templates[role] for role in self.roles()]


def load_catalog(settings: Settings) -> TemplateCatalog:
    """The catalogue for these settings: built-ins plus `settings.templates_dir`, if set."""
    return TemplateCatalog(settings.templates_dir)


def _read_dir(directory: Path) -> dict[str, Template]:
    """Parse every template file in `directory`; two files for one role is an error."""
    if not directory.is_dir():
        raise TemplateError(
            "templates directory not found: point SCORECARD_TEMPLATES_DIR at a folder "
            "of <role>.yaml files.",
            file=str(directory),
        )
    templates: dict[str, Template] = {}
    for path in sorted(directory.iterdir()):
        if path.suffix not in _SUFFIXES or not path.is_file():
            continue
        template = parse_template(_read_text(path), str(path))
        if template.role in templates:
            raise TemplateError(
                f"a second file for role {template.role!r}: keep one of .yaml and .yml.",
                file=str(path),
            )
        templates[template.role] = template
    return templates


def _read_text(path: Path) -> str:
    """The file's text; unreadable or non-UTF-8 files become a TemplateError."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"cannot read the file: {exc}.", file=str(path)) from None


def general_template(role: str, context: RoleContext) -> GeneralTemplate:
    """A starting scorecard for `role`, which no template matches, from its general context.

    Its id is the role's words ("Ward nurses" → `ward_nurse`), so the tab is found
    again however the role is typed, and validating it later meets the same context.
    """
    title = " ".join(role.split()) or context.title
    kpis = tuple(
        TemplateKpi.model_validate(row.model_dump(exclude={"owner", "last_reviewed"}))
        for row in context.suggestions
    )
    if kpis:
        description = f"No template matches {title!r}: KPIs for {context.title}, from the library."
    else:
        description = f"No template matches {title!r} and none fits it: type your own KPIs."
    return GeneralTemplate(
        role=_role_id(role),
        title=title[:1].upper() + title[1:],
        description=description,
        version=1,
        outcomes=context.outcomes,
        company_results=context.company_results,
        default_kpis=kpis[:_MAX_DEFAULTS],
        optional_kpis=kpis[_MAX_DEFAULTS : _MAX_DEFAULTS + _MAX_OPTIONAL],
    )


def _role_id(role: str) -> str:
    """A role id from the role's words: "Ward nurses" → "ward_nurse"."""
    slug = "_".join(role_words(role.replace("&", " and ")))
    if not slug:
        return ANY_ROLE
    if not slug[0].isalpha():
        slug = f"role_{slug}"
    return slug[:_MAX_ROLE_ID].rstrip("_")
