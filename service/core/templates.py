"""Role templates: the typed model of `sheets_templates/<role>.yaml` and its parser.

A template is the starting scorecard for a role: the business results its KPIs
may drive, the company-level results that must stay off it, and a set of KPIs
with every definition field filled. `parse_template` turns YAML text into a
`Template` and, when it cannot, raises `TemplateError` naming the file, the line
and the field, so that a bad template fails at start-up with a pointer to fix.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import PurePath
from typing import Annotated, Any

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from service.core.models import (
    Cadence,
    Control,
    Direction,
    KpiRow,
    RoleContext,
    parse_cadence,
    parse_control,
    parse_direction,
)
from service.core.targets import parse_target

__all__ = ["GeneralTemplate", "Template", "TemplateError", "TemplateKpi", "parse_template"]

# libyaml's safe loader is ~10x faster; the pure-Python one gives the same nodes and marks.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ROLE_ID = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


class TemplateError(ValueError):
    """A template that cannot be used; says which file, line and field, and why."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.line = line
        self.field = field
        super().__init__(str(self))

    def __str__(self) -> str:
        parts = [self.file or "", f"line {self.line}" if self.line else ""]
        where = " ".join(part for part in parts if part)
        if self.field:
            where = f"{where}, {self.field}" if where else self.field
        return f"{where}: {self.message}" if where else self.message


class _FieldProblem(ValueError):
    """A cross-field problem that knows the field path it belongs to."""

    def __init__(self, path: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.path = path


def _vocabulary(parse: Callable[[str], Any]) -> BeforeValidator:
    """Read a vocabulary word with the tolerant parser people get in the sheet."""

    def read(value: object) -> object:
        if not isinstance(value, str):
            raise ValueError(f"{value!r} is not text.")
        return parse(value)

    return BeforeValidator(read)


def _normalise_target(value: object) -> str:
    """Check a target with the sheet's parser and keep its canonical text ("95", "90–100")."""
    if value is None or isinstance(value, bool | list | dict):
        raise ValueError("Target is blank: type a number such as 95, or a range such as 90–100.")
    return str(parse_target(value))


Filled = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
TargetText = Annotated[str, BeforeValidator(_normalise_target)]


class TemplateKpi(BaseModel):
    """One suggested KPI with every definition field filled except the owner."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: Filled
    definition: Filled
    business_result: Filled
    control: Annotated[Control, _vocabulary(parse_control)]
    unit: Filled
    direction: Annotated[Direction, _vocabulary(parse_direction)]
    target: TargetText
    cadence: Annotated[Cadence, _vocabulary(parse_cadence)]
    data_source: Filled
    review_forum: Filled

    def to_row(self, owner: str) -> KpiRow:
        """This KPI as a definition row owned by `owner` (blank for a suggestion)."""
        # Every template field is a definition column of the same name (a test pins it).
        return KpiRow(owner=owner, **self.model_dump(mode="json"))


class Template(BaseModel):
    """A role's starting scorecard: outcomes, off-limits results, and KPIs."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    role: Annotated[str, StringConstraints(pattern=_ROLE_ID.pattern)]
    title: Filled
    description: Filled
    version: int = Field(ge=1, strict=True)
    outcomes: tuple[Filled, ...] = Field(min_length=1)
    company_results: tuple[Filled, ...] = Field(min_length=1)
    default_kpis: tuple[TemplateKpi, ...] = Field(min_length=3, max_length=6)
    optional_kpis: tuple[TemplateKpi, ...] = Field(min_length=3, max_length=8)

    @model_validator(mode="after")
    def _kpis_fit_the_role(self) -> Template:
        """Each KPI names one of the role's outcomes, and no name appears twice."""
        outcomes = {outcome.casefold() for outcome in self.outcomes}
        seen: set[str] = set()
        for path, kpi in self._kpis_with_paths():
            if kpi.business_result.casefold() not in outcomes:
                raise _FieldProblem(
                    (*path, "business_result"),
                    f"{kpi.business_result!r} is not one of this role's outcomes: "
                    f"use one of {', '.join(self.outcomes)}, or add it to outcomes.",
                )
            key = kpi.name.casefold()
            if key in seen:
                raise _FieldProblem(
                    (*path, "name"), f"KPI {kpi.name!r} appears twice: KPI names must be unique."
                )
            seen.add(key)
        return self

    def _kpis_with_paths(self) -> Iterator[tuple[tuple[str | int, ...], TemplateKpi]]:
        for index, kpi in enumerate(self.default_kpis):
            yield ("default_kpis", index), kpi
        for index, kpi in enumerate(self.optional_kpis):
            yield ("optional_kpis", index), kpi

    @property
    def kpis(self) -> tuple[TemplateKpi, ...]:
        """Every KPI of the role: defaults first, then optional ones."""
        return self.default_kpis + self.optional_kpis

    @property
    def cadence(self) -> Cadence:
        """The role's main cadence: the most frequent among its defaults (ties: the finer)."""
        counts = Counter(kpi.cadence for kpi in self.default_kpis)
        # Ties go to the finer cadence so a coarser KPI leaves blanks rather than
        # a finer one having to squeeze several values into one period.
        return max(Cadence, key=lambda cadence: (counts[cadence], -list(Cadence).index(cadence)))

    def role_context(self) -> RoleContext:
        """What the validators need to know of this role, with every KPI as a suggestion."""
        return RoleContext(
            role=self.role,
            title=self.title,
            outcomes=self.outcomes,
            company_results=self.company_results,
            suggestions=tuple(kpi.to_row("") for kpi in self.kpis),
        )

    def select(self, names: Sequence[str] | None) -> tuple[TemplateKpi, ...]:
        """The KPIs to provision: the defaults for None, else those named (any letter case)."""
        if names is None:
            return self.default_kpis
        if isinstance(names, str):
            names = [names]
        by_name = {kpi.name.casefold(): kpi for kpi in self.kpis}
        chosen: dict[str, TemplateKpi] = {}
        unknown: list[str] = []
        for name in names:
            key = " ".join(name.split()).casefold()
            if key in by_name:
                chosen.setdefault(key, by_name[key])
            else:
                unknown.append(name)
        if unknown or not chosen:
            problem = (
                f"unknown KPI {', '.join(repr(name) for name in unknown)}"
                if unknown
                else "no KPI chosen"
            )
            available = ", ".join(kpi.name for kpi in self.kpis)
            raise TemplateError(
                f"{problem} for {self.title}: choose from {available}.", field="kpis"
            )
        return tuple(chosen.values())

    def rows_for(self, names: Sequence[str] | None, owner: str) -> tuple[KpiRow, ...]:
        """The definition rows to provision for `owner`: the chosen KPIs (see `select`)."""
        return tuple(kpi.to_row(owner) for kpi in self.select(names))


class GeneralTemplate(Template):
    """The starting scorecard of a role no template matches, built from its general context.

    It may hold no KPIs at all (nothing in the suggestion library fits the role); then
    the KPIs the caller names are typed as rows for the team to complete.
    """

    outcomes: tuple[Filled, ...] = ()
    company_results: tuple[Filled, ...] = ()
    default_kpis: tuple[TemplateKpi, ...] = Field(default=(), max_length=6)
    optional_kpis: tuple[TemplateKpi, ...] = Field(default=(), max_length=8)

    @property
    def cadence(self) -> Cadence:
        """The defaults' main cadence; monthly, the library's, when there are none."""
        return super().cadence if self.default_kpis else Cadence.MONTHLY

    def rows_for(self, names: Sequence[str] | None, owner: str) -> tuple[KpiRow, ...]:
        """The defaults for None; else each named KPI, from the library if it is there."""
        if names is None:
            return super().rows_for(names, owner)
        by_name = {kpi.name.casefold(): kpi for kpi in self.kpis}
        rows: dict[str, KpiRow] = {}
        for name in [names] if isinstance(names, str) else names:
            typed = " ".join(name.split())
            if typed:
                kpi = by_name.get(typed.casefold())
                row = kpi.to_row(owner) if kpi else KpiRow(name=typed, owner=owner)
                rows.setdefault(typed.casefold(), row)
        return tuple(rows.values())


# --- parsing -----------------------------------------------------------------


def parse_template(text: str, source: str) -> Template:
    """Parse YAML `text` read from `source` (its stem is the role id) into a Template."""
    file, role = source, PurePath(source).stem
    node, data = _load_yaml(text, file)
    if not isinstance(data, dict):
        raise TemplateError(
            "expected a mapping of fields (title, description, …).", file=file, line=1
        )
    if "role" in data:
        raise TemplateError(
            "the role id is the file name: remove this key.",
            file=file,
            line=_line_of(node, ("role",), key=True),
            field="role",
        )
    if not _ROLE_ID.match(role):
        raise TemplateError(
            "the file name is the role id: use lower-case letters, digits and '_' "
            "(for example sales_rep.yaml).",
            file=file,
        )
    try:
        return Template.model_validate({"role": role, **data})
    except ValidationError as exc:
        raise _first_problem(exc, node, file) from None


def _load_yaml(text: str, file: str) -> tuple[yaml.Node | None, object]:
    """Compose the node tree (for line numbers) and build plain data from it, safely."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        _reject_duplicate_keys(node, file)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise TemplateError(
            f"not valid YAML: {exc.problem or exc.context}.",
            file=file,
            line=mark.line + 1 if mark else None,
        ) from None
    except yaml.YAMLError as exc:
        raise TemplateError(f"not valid YAML: {exc}.", file=file) from None
    finally:
        loader.dispose()
    return node, data


def _reject_duplicate_keys(node: yaml.Node | None, file: str) -> None:
    """PyYAML keeps the last of two equal keys silently; a template must not."""
    if isinstance(node, yaml.SequenceNode):
        for child in node.value:
            _reject_duplicate_keys(child, file)
    elif isinstance(node, yaml.MappingNode):
        seen: set[object] = set()
        for key, value in node.value:
            # Only scalar keys can clash; a list as a key is the constructor's to reject.
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    raise TemplateError(
                        f"key {key.value!r} appears twice in the same block.",
                        file=file,
                        line=key.start_mark.line + 1,
                        field=str(key.value),
                    )
                seen.add(key.value)
            _reject_duplicate_keys(value, file)


def _first_problem(exc: ValidationError, node: yaml.Node | None, file: str) -> TemplateError:
    """The problem nearest the top of the file, as a TemplateError."""
    located = []
    for error in exc.errors():
        cause = (error.get("ctx") or {}).get("error")
        path = cause.path if isinstance(cause, _FieldProblem) else tuple(error["loc"])
        located.append((path, error))
    # A bad item also makes its list "too short" once dropped; report the item only.
    paths = [path for path, _ in located]
    problems = []
    for path, error in located:
        if any(len(other) > len(path) and other[: len(path)] == path for other in paths):
            continue
        line = _line_of(node, path, key=error["type"] == "extra_forbidden")
        problems.append((line, _field_path(path), _describe(error, path)))
    line, field, message = min(problems, key=lambda problem: problem[0])
    more = len(problems) - 1
    if more:
        message += f" ({more} more problem{'s' if more > 1 else ''} in this file)"
    return TemplateError(message, file=file, line=line, field=field)


def _describe(error: Any, path: tuple[str | int, ...]) -> str:
    """A manager-readable message for one pydantic error."""
    kind = error["type"]
    if kind == "missing":
        return "is missing: every field must be filled."
    if kind == "extra_forbidden":
        model = TemplateKpi if len(path) > 1 else Template
        allowed = ", ".join(name for name in model.model_fields if name != "role")
        return f"unknown key {path[-1]!r}: use {allowed}."
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, ValueError):
        return str(cause)
    return str(error["msg"])


def _field_path(path: tuple[str | int, ...]) -> str:
    """("default_kpis", 2, "target") → "default_kpis[2].target"."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text


def _line_of(node: yaml.Node | None, path: tuple[str | int, ...], *, key: bool = False) -> int:
    """The 1-based line of the field at `path`, or of the deepest block that exists."""
    if node is None:
        return 1
    mark = node.start_mark
    for part in path:
        child = _child(node, part)
        if child is None:
            break
        key_node, node = child
        mark = (key_node if key and key_node is not None else node).start_mark
    return int(mark.line) + 1


def _child(node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    """The (key node, value node) for one step of a field path, if present."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == part:
                return key_node, value_node
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return None, node.value[part]
    return None
