"""The layer rules of docs/ARCHITECTURE.md, enforced by import-linter's contracts in
pyproject.toml (``lint-imports``), and the run-time check that importing the layers below
the canvas never loads QtWidgets (render and export may use QtGui only)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"

HEADLESS_PACKAGES = ["model", "store", "importer", "analysis", "formats", "export", "render",
                     "commands", "merge"]
HEADLESS_MODULES = ["evidenceboard.document", "evidenceboard.demo", "evidenceboard.synthetic",
                    "evidenceboard.cli.main"]


def lint_imports(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", "--no-logo", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def test_every_import_contract_is_kept():
    out = lint_imports(ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 broken" in out.stdout, out.stdout


def test_the_contracts_are_the_documented_ones():
    """docs/ARCHITECTURE.md lists every contract of pyproject.toml by its id."""
    import tomllib

    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"][
        "contracts"]
    doc = (ROOT / "docs" / "ARCHITECTURE.md").read_text()
    for c in contracts:
        assert f"`{c['id']}`" in doc, f"contract {c['id']} is not in docs/ARCHITECTURE.md"


# One wrong import each, in a copy of the tree: the contract must break and say where.
VIOLATIONS = [
    ("layers", "evidenceboard/commands/controller.py",
     "\n\ndef _up():\n    from ..canvas import scene\n    return scene\n",
     "evidenceboard.commands is not allowed to import evidenceboard.canvas"),
    ("layers", "evidenceboard/model/board.py",
     "\n\ndef _up():\n    from ..store import BoardStore\n    return BoardStore\n",
     "evidenceboard.model is not allowed to import evidenceboard.store"),
    ("no-qt-headless", "evidenceboard/formats/common.py",
     "\n\ndef _qt():\n    from PySide6.QtGui import QColor\n    return QColor\n",
     "evidenceboard.formats is not allowed to import PySide6"),
    ("no-qtwidgets-below-canvas", "evidenceboard/render/theme.py",
     "\n\ndef _qt():\n    from PySide6 import (QtGui,\n                        QtWidgets)\n"
     "    return QtGui, QtWidgets\n",
     "evidenceboard.render is not allowed to import PySide6.QtWidgets"),
    ("no-qtwidgets-below-canvas", "evidenceboard/export/legend.py",
     "\n\ndef _qt():\n    from ..windows import layout\n    return layout\n",
     "evidenceboard.export is not allowed to import PySide6.QtWidgets"),
    ("sql-in-store", "evidenceboard/windows/plain.py",
     "\n\ndef _sql():\n    import sqlite3\n    return sqlite3\n",
     "evidenceboard.windows is not allowed to import sqlite3"),
    ("interchange-apart-from-store", "evidenceboard/importer/files.py",
     "\n\ndef _store():\n    from ..document import Document\n    return Document\n",
     "evidenceboard.importer is not allowed to import evidenceboard.document"),
]


@pytest.fixture(scope="module")
def tree_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tree")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for d in ("evidenceboard", "tools"):
        shutil.copytree(ROOT / d, root / d, ignore=ignore)
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


@pytest.mark.parametrize(("contract", "path", "code", "message"), VIOLATIONS,
                         ids=[f"{v[0]}:{v[1].split('/')[1]}" for v in VIOLATIONS])
def test_a_wrong_import_breaks_its_contract(tree_copy: Path, contract: str, path: str,
                                            code: str, message: str):
    target = tree_copy / path
    original = target.read_text()
    target.write_text(original + code)
    try:
        out = lint_imports(tree_copy, "--contract", contract)
    finally:
        target.write_text(original)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "1 broken" in out.stdout, out.stdout
    assert message in out.stdout.replace("\n", " ").replace("  ", " "), out.stdout


@pytest.mark.parametrize("package", HEADLESS_PACKAGES)
def test_headless_layer_does_not_load_qtwidgets(package: str):
    """Importing the layer (every module of it) at run time loads no QtWidgets, not even
    through an import the static contracts cannot see."""
    code = (
        "import importlib, pkgutil, sys\n"
        f"pkg = importlib.import_module('evidenceboard.{package}')\n"
        "for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "    importlib.import_module(m.name)\n"
        f"for m in {HEADLESS_MODULES!r}:\n"
        "    importlib.import_module(m)\n"
        "print(','.join(m for m in sys.modules if m.startswith('PySide6.QtWidgets')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "", f"QtWidgets imported under {package}: {out.stdout}"


#: A module a newcomer can read in one sitting (docs/ARCHITECTURE.md, "Rules").
MAX_MODULE_LINES = 800


def test_no_module_is_longer_than_a_newcomer_reads_in_one_sitting():
    long = {str(p.relative_to(ROOT)): n
            for p in sorted((ROOT / "evidenceboard").rglob("*.py"))
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert long == {}, f"split these modules (over {MAX_MODULE_LINES} lines): {long}"
