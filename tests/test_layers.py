"""The model, store, import, analysis, render and export layers never import QtWidgets,
so the CLI and the tests use them headless (render and export may use QtGui only)."""

import subprocess
import sys

import pytest

HEADLESS_PACKAGES = ["model", "store", "importer", "analysis", "formats", "export", "render"]
HEADLESS_MODULES = ["evidenceboard.document", "evidenceboard.demo", "evidenceboard.cli.main"]


@pytest.mark.parametrize("package", HEADLESS_PACKAGES)
def test_headless_layer_does_not_import_qtwidgets(package: str):
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
