"""Desktop integration files are valid, and .ci/run does what the README promises."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from evidenceboard.store import APPLICATION_ID, create_board_file

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / "org.evidenceboard.EvidenceBoard.desktop"
MIME = LINUX / "org.evidenceboard.EvidenceBoard.mime.xml"
MIME_TYPE = "application/x-evidenceboard"
NS = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}


def desktop_entry() -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def test_desktop_entry_keys():
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Version"] in {"1.0", "1.1", "1.2", "1.3", "1.4"}
    assert entry["Name"] == "EvidenceBoard"
    exec_ = entry["Exec"].split()
    assert exec_[0] == "evidenceboard" and exec_[1] in ("%f", "%F", "%u", "%U")
    assert MIME_TYPE in entry["MimeType"].split(";")
    assert entry["Icon"] == DESKTOP.stem  # the icon is installed under the app id
    assert (LINUX / f"{entry['Icon']}.svg").is_file()
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";")


def test_desktop_file_validate_if_installed():
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate (desktop-file-utils) is not installed")
    proc = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "error" not in proc.stdout


def test_mime_type_has_the_glob_and_the_magic_of_a_board(tmp_path: Path):
    root = ET.parse(MIME).getroot()
    (mime,) = root.findall("m:mime-type", NS)
    assert mime.get("type") == MIME_TYPE
    globs = [g.get("pattern") for g in mime.findall("m:glob", NS)]
    assert "*.evboard" in globs
    (outer,) = mime.findall("m:magic/m:match", NS)
    (inner,) = outer.findall("m:match", NS)
    assert (outer.get("type"), outer.get("offset")) == ("string", "0")
    assert (inner.get("type"), inner.get("offset")) == ("big32", "68")
    assert int(inner.get("value"), 16) == APPLICATION_ID
    # The magic really matches the bytes of a board file.
    board = create_board_file(tmp_path / "b.evboard").read_bytes()
    assert board.startswith(outer.get("value").encode())
    assert int.from_bytes(board[68:72], "big") == int(inner.get("value"), 16)


def test_mime_database_accepts_the_type(tmp_path: Path):
    tool = shutil.which("update-mime-database")
    if tool is None:
        pytest.skip("update-mime-database (shared-mime-info) is not installed")
    packages = tmp_path / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copy(MIME, packages / "org.evidenceboard.EvidenceBoard.xml")
    proc = subprocess.run([tool, str(tmp_path / "mime")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert f"{MIME_TYPE}:*.evboard" in (tmp_path / "mime" / "globs2").read_text()
    assert MIME_TYPE in (tmp_path / "mime" / "types").read_text()


# ------------------------------------------------------------------------------ .ci/run
STUB = """#!/bin/sh
echo "$(basename "$0") $*" >> "$CI_LOG"
"""


def _stub(folder: Path, name: str, body: str = "") -> None:
    path = folder / name
    path.write_text(STUB + body)
    path.chmod(0o755)


def run_ci(tmp_path: Path, *, installed: bool, pytest_rc: int) -> tuple[int, list[str]]:
    """Run the real .ci/run in a copy of the repository with stand-ins for dpkg-query,
    apt-get, sudo and python3 that record how they were called."""
    repo = tmp_path / "repo"
    (repo / ".ci").mkdir(parents=True)
    shutil.copy(ROOT / ".ci" / "run", repo / ".ci" / "run")
    stubs = tmp_path / "bin"
    stubs.mkdir()
    log = tmp_path / "calls.log"
    _stub(stubs, "dpkg-query",
          'if [ "$CI_INSTALLED" = 1 ]; then printf "install ok installed"; fi\n')
    _stub(stubs, "apt-get")
    _stub(stubs, "sudo", 'shift 0; "$@"\n')
    # python3 -m venv .venv makes a .venv whose pip and python are stand-ins too.
    venv_python = STUB + 'case "$*" in *pytest*) exit "$CI_PYTEST_RC";; esac\n'
    _stub(stubs, "python3", f"""mkdir -p .venv/bin
cat > .venv/bin/pip <<'EOF'
{STUB}EOF
cat > .venv/bin/python <<'EOF'
{venv_python}EOF
chmod +x .venv/bin/pip .venv/bin/python
""")
    env = {"PATH": f"{stubs}:/usr/bin:/bin", "CI_LOG": str(log),
           "CI_INSTALLED": "1" if installed else "0", "CI_PYTEST_RC": str(pytest_rc),
           "HOME": str(tmp_path)}
    proc = subprocess.run(["bash", str(repo / ".ci" / "run")], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=60)
    calls = log.read_text().splitlines() if log.exists() else []
    return proc.returncode, calls


QT_LIBS = ["libegl1", "libgl1", "libfontconfig1", "libfreetype6", "libxkbcommon0",
           "libglib2.0-0", "libdbus-1-3", "fonts-dejavu-core"]


def test_ci_installs_missing_qt_libraries_then_runs_the_readme_command(tmp_path: Path):
    rc, calls = run_ci(tmp_path, installed=False, pytest_rc=0)
    assert rc == 0, calls
    installs = [c for c in calls if c.startswith("apt-get") and " install " in f" {c} "]
    assert len(installs) == 1
    assert set(QT_LIBS) <= set(installs[0].split())
    assert any(c.startswith("apt-get update") for c in calls)
    # Exactly the README's test command, in order.
    assert [c for c in calls if not c.startswith(("dpkg-query", "apt-get", "sudo"))] == [
        "python3 -m venv .venv", "pip install -q -e .[test]", "python -m pytest -n 2 -q"]


def test_ci_installs_nothing_when_the_libraries_are_there(tmp_path: Path):
    rc, calls = run_ci(tmp_path, installed=True, pytest_rc=0)
    assert rc == 0
    assert not [c for c in calls if c.startswith(("apt-get", "sudo"))]


def test_ci_fails_when_a_test_fails(tmp_path: Path):
    rc, calls = run_ci(tmp_path, installed=True, pytest_rc=1)
    assert rc != 0
    assert calls[-1] == "python -m pytest -n 2 -q"


def test_ci_script_is_executable_and_strict():
    run = ROOT / ".ci" / "run"
    assert os.access(run, os.X_OK)
    assert "set -euo pipefail" in run.read_text()
