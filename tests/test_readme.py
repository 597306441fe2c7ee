"""The README's test command is exactly what CI runs."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text("utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, re.S)
    test_cmd = next(b for b in blocks if "pytest" in b)
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert test_cmd.strip() in ci


def test_readme_has_an_app_command():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert ".venv/bin/evidenceboard" in readme
