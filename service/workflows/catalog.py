"""The template catalogue: built-in role templates plus a team's own directory.

Every file is read and checked when the catalogue is built, so a bad template
stops the service at start-up with the file, line and field to fix, instead of
failing a manager's request later.

Roles are found as people type them: by id, title or a common spelling
("Accounting Rep", "accounting-rep", "accounting reps"). `context_for` is the
one way every validation path (the check-a-KPI endpoint, tab validation, the
sync's verdict column, the CLI) turns a role string into what the validators
judge with; a role no template matches gets a general context, never an error.
"""

from __future__ import annotations

from pathlib import Path

from service.core.models import RoleContext
from service.core.templates import Template, TemplateError, parse_template
from service.errors import NotFound
from service.settings import Settings
from validators import general_context, role_key
from validators.general import role_words

__all__ = ["BUILTIN_DIR", "TemplateCatalog", "load_catalog"]

BUILTIN_DIR = Path(__file__).resolve().parents[2] / "sheets_templates"
_SUFFIXES = (".yaml", ".yml")
# Role strings come from callers: remember the contexts of this many, not of every one.
_MAX_CONTEXTS = 512
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
        """The template `role` names (see `match`); NotFound lists the roles there are."""
        found = self.match(role)
        if found is not None:
            return found
        raise NotFound(
            f"No template for role {role!r}: use one of {', '.join(self.roles())}.",
            fields={"role": f"unknown role; known roles: {', '.join(self.roles())}"},
        )

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
