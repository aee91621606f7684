"""The template catalogue: built-in role templates plus a team's own directory.

Every file is read and checked when the catalogue is built, so a bad template
stops the service at start-up with the file, line and field to fix, instead of
failing a manager's request later.
"""

from __future__ import annotations

from pathlib import Path

from service.core.templates import Template, TemplateError, parse_template
from service.errors import NotFound
from service.settings import Settings

__all__ = ["BUILTIN_DIR", "TemplateCatalog", "load_catalog"]

BUILTIN_DIR = Path(__file__).resolve().parents[2] / "sheets_templates"
_SUFFIXES = (".yaml", ".yml")


class TemplateCatalog:
    """Role templates by role id; a team file overrides the built-in one of the same role."""

    def __init__(self, extra_dir: Path | None = None) -> None:
        self._templates = _read_dir(BUILTIN_DIR)
        if extra_dir is not None:
            self._templates.update(_read_dir(extra_dir))

    def roles(self) -> list[str]:
        """Every role id, sorted."""
        return sorted(self._templates)

    def get(self, role: str) -> Template:
        """The template of `role`; NotFound lists the roles there are."""
        try:
            return self._templates[role]
        except KeyError:
            raise NotFound(
                f"No template for role {role!r}: use one of {', '.join(self.roles())}.",
                fields={"role": f"unknown role; known roles: {', '.join(self.roles())}"},
            ) from None

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
