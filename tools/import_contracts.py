"""A contract import-linter lacks: "these modules never import that *part* of a library".

import-linter's own ``forbidden`` contract can forbid an external package only as a
whole (``PySide6``, never ``PySide6.QtWidgets``), because grimp keeps one node per
external package.  Render, export and commands may use QtGui but never QtWidgets, so
this contract reads the import statements of every module that imports the package
(the module's own source, parsed with :mod:`ast`, so ``from PySide6 import (QtGui,
QtWidgets)`` over several lines counts) and then asks the graph for chains from each
source module to those importers, as ``forbidden`` does: direct and indirect imports
both break it.

Configured in pyproject.toml::

    [tool.importlinter]
    contract_types = ["forbidden_submodules: tools.import_contracts.ForbiddenSubmodulesContract"]

    [[tool.importlinter.contracts]]
    type = "forbidden_submodules"
    source_modules = ["evidenceboard.render", ...]
    forbidden_modules = ["PySide6.QtWidgets"]
"""

from __future__ import annotations

import ast
import importlib.util
from dataclasses import dataclass
from pathlib import Path

from grimp import ImportGraph
from importlinter import Contract, ContractCheck, fields, output
from importlinter.domain.helpers import module_expressions_to_modules


@dataclass(frozen=True)
class Offence:
    """A module of ours whose import statements name a forbidden submodule."""

    module: str
    lines: tuple[int, ...]
    name: str  # the forbidden submodule it imports, e.g. PySide6.QtWidgets


def imported_names(tree: ast.AST) -> list[tuple[int, str]]:
    """Every (line, dotted name) an import statement anywhere in ``tree`` brings in."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{a.name}") for a in node.names]
    return found


def forbidden_part(name: str, forbidden: tuple[str, ...]) -> str | None:
    """The forbidden submodule ``name`` is or lies in, if any."""
    return next((f for f in forbidden if name == f or name.startswith(f + ".")), None)


def module_file(module: str) -> Path:
    """The source file of one of the root packages' modules, found without importing
    it (importing a subpackage would run its ``__init__``)."""
    root, *rest = module.split(".")
    spec = importlib.util.find_spec(root)
    if spec is None or not spec.submodule_search_locations:
        raise ValueError(f"root package {root!r} not found")
    base = Path(next(iter(spec.submodule_search_locations))).joinpath(*rest)
    package = base / "__init__.py"
    return package if package.is_file() else base.with_suffix(".py")


def offences(graph: ImportGraph, forbidden: tuple[str, ...]) -> list[Offence]:
    """The import statements of the graph's own modules that name a forbidden submodule."""
    roots = {f.split(".")[0] for f in forbidden}
    found: list[Offence] = []
    for module in sorted(graph.modules):
        if graph.is_module_squashed(module) or not (
                graph.find_modules_directly_imported_by(module) & roots):
            continue
        path = module_file(module)
        if not path.is_file():  # an external package's node
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        by_part: dict[str, set[int]] = {}
        for line, name in imported_names(tree):
            part = forbidden_part(name, forbidden)
            if part is not None:
                by_part.setdefault(part, set()).add(line)
        found += [Offence(module, tuple(sorted(lines)), part)
                  for part, lines in sorted(by_part.items())]
    return found


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


class ForbiddenSubmodulesContract(Contract):
    """Source modules never import, directly or through our other modules, a forbidden
    submodule of an external package (``PySide6.QtWidgets``)."""

    type_name = "forbidden_submodules"

    source_modules = fields.SetField(subfield=fields.ModuleExpressionField())
    forbidden_modules = fields.ListField(subfield=fields.StringField())

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        forbidden = tuple(self.forbidden_modules)  # type: ignore[arg-type]
        sources = sorted(m.name for m in module_expressions_to_modules(
            graph, self.source_modules, raise_if_unmatched=True))  # type: ignore[arg-type]
        missing = [s for s in sources if s not in graph.modules]
        if missing:
            raise ValueError(f"Modules {missing} do not exist.")
        bad = offences(graph, forbidden)
        output.verbose_print(verbose, f"{len(bad)} statements import {', '.join(forbidden)}")
        broken: list[dict[str, object]] = []
        for source in sources:
            inside = [o for o in bad if _within(o.module, source)]
            for o in inside:  # the source's own statements
                broken.append({"source": source, "chain": [o.module], "offence": o,
                               "others": 0})
            if inside:
                continue
            reached: list[tuple[list[str], Offence]] = []
            for o in bad:
                chains = graph.find_shortest_chains(importer=source, imported=o.module,
                                                    as_packages=True)
                if chains:
                    reached.append((list(min(chains, key=len)), o))
            if reached:  # through our other modules: the shortest way, and how many more
                chain, o = min(reached, key=lambda r: (len(r[0]), r[0]))
                broken.append({"source": source, "chain": chain, "offence": o,
                               "others": len(reached) - 1})
        return ContractCheck(kept=not broken, metadata={"broken": broken})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for b in check.metadata["broken"]:
            o: Offence = b["offence"]
            lines = ", ".join(f"l.{n}" for n in o.lines)
            output.print_error(f"{b['source']} is not allowed to import {o.name}:")
            output.print_error(f"-   {' -> '.join(b['chain'])} -> {o.name} ({lines})",
                               bold=False)
            if b["others"]:
                output.print_error(f"    (and through {b['others']} other modules that "
                                   f"import it)", bold=False)
            output.new_line()
