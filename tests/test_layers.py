"""The model, store, import, analysis and export layers never import QtWidgets."""

import subprocess
import sys

HEADLESS = [
    "evidenceboard.model", "evidenceboard.model.edits", "evidenceboard.store",
    "evidenceboard.store.migrations", "evidenceboard.document", "evidenceboard.importer.files",
    "evidenceboard.importer.to_board", "evidenceboard.analysis.layout",
    "evidenceboard.analysis.synthetic", "evidenceboard.demo", "evidenceboard.cli.main",
]


def test_headless_layers_do_not_import_qtwidgets():
    code = (
        "import importlib, sys\n"
        f"for m in {HEADLESS!r}:\n"
        "    importlib.import_module(m)\n"
        "bad = [m for m in sys.modules if m.startswith('PySide6.QtWidgets')]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "", f"QtWidgets imported by a headless layer: {out.stdout}"


def test_export_layer_does_not_import_qtwidgets():
    code = ("import importlib, pkgutil, sys, evidenceboard.export as e\n"
            "for m in pkgutil.iter_modules(e.__path__):\n"
            "    importlib.import_module('evidenceboard.export.' + m.name)\n"
            "print(','.join(m for m in sys.modules if m.startswith('PySide6.QtWidgets')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == ""
