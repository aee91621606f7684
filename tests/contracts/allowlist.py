"""An allowlist contract: source packages may import only the modules it names.

import-linter's own contracts forbid named modules; purity is better stated the
other way round, because a denylist cannot foresee the next I/O library. Every
module a source module imports directly must be inside the source packages or
under one of `allowed_modules` (standard-library modules included: `socket` is as
much I/O as `requests`).
"""

from __future__ import annotations

from grimp import ImportGraph
from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck


def _within(module: str, packages: set[str]) -> bool:
    return any(module == name or module.startswith(name + ".") for name in packages)


class AllowlistContract(Contract):
    """Source modules import nothing outside themselves and `allowed_modules`."""

    type_name = "allowlist"

    source_modules = fields.SetField(subfield=fields.StringField())
    allowed_modules = fields.SetField(subfield=fields.StringField())

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        """Collect every direct import that leaves the allowlist."""
        sources = {str(name) for name in self.source_modules}  # type: ignore[attr-defined]
        allowed = sources | {str(name) for name in self.allowed_modules}  # type: ignore[attr-defined]
        breaches: list[tuple[str, str, int]] = []
        for module in sorted(graph.modules):
            if not _within(module, sources):
                continue
            for imported in sorted(graph.find_modules_directly_imported_by(module)):
                if _within(imported, allowed):
                    continue
                for detail in graph.get_import_details(importer=module, imported=imported) or [
                    {"line_number": 0}
                ]:
                    breaches.append((module, imported, int(detail["line_number"])))
        return ContractCheck(kept=not breaches, metadata={"breaches": breaches})

    def render_broken_contract(self, check: ContractCheck) -> None:
        """Print each import that is not on the allowlist."""
        for module, imported, line in check.metadata["breaches"]:
            output.print_error(f"{module} imports {imported} (l.{line}), which is not allowed.")
            output.new_line()
