"""Desktop integration files are valid, and .ci/run does what the README promises."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
import sys
import time
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
    assert entry["TryExec"] == "evidenceboard"
    assert entry["Icon"] == DESKTOP.stem  # the icon is installed under the app id
    assert (LINUX / f"{entry['Icon']}.svg").is_file()
    assert entry["Terminal"] == "false"
    assert entry["Categories"] == "Office;"  # one main category: listed once in menus


def require_tool(name: str, package: str) -> str:
    """The tool's path; skipped where it is missing, except in CI (.ci/run installs it)."""
    tool = shutil.which(name)
    if tool is None:
        message = f"{name} ({package}) is not installed"
        if os.environ.get("CI"):
            pytest.fail(message + ": .ci/run should have installed it")
        pytest.skip(message)
    return tool


def desktop_file_validate(path: Path) -> None:
    tool = require_tool("desktop-file-validate", "desktop-file-utils")
    proc = subprocess.run([tool, str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout + proc.stderr == ""  # no error, warning or hint


def test_desktop_file_validate():
    desktop_file_validate(DESKTOP)


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
    tool = require_tool("update-mime-database", "shared-mime-info")
    packages = tmp_path / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copy(MIME, packages / "org.evidenceboard.EvidenceBoard.xml")
    proc = subprocess.run([tool, str(tmp_path / "mime")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert f"{MIME_TYPE}:*.evboard" in (tmp_path / "mime" / "globs2").read_text()
    assert MIME_TYPE in (tmp_path / "mime" / "types").read_text()


# ------------------------------------------------------------------ icons, AppStream
ICONS = LINUX / "icons"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
METAINFO = LINUX / "org.evidenceboard.EvidenceBoard.metainfo.xml"


def test_the_packaged_svg_is_the_app_icon():
    assert (LINUX / f"{DESKTOP.stem}.svg").read_bytes() == \
        (ROOT / "resources" / "icons" / "evidenceboard.svg").read_bytes()


@pytest.mark.parametrize("size", SIZES)
def test_hicolor_png_is_the_svg_rendered_at_its_size(qapp, size: int):
    """The committed PNGs are what packaging/linux/make_icons.py renders from the SVG now
    (so a changed SVG with stale PNGs fails), and not blank."""
    import importlib.util

    from PySide6.QtGui import QImage
    spec = importlib.util.spec_from_file_location("make_icons", LINUX / "make_icons.py")
    make_icons = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_icons)
    assert make_icons.SIZES == SIZES
    committed = QImage(str(make_icons.icon_path(size)))
    assert (committed.width(), committed.height()) == (size, size)
    fresh = make_icons.render(size).convertToFormat(committed.format())
    worst = max(abs(((committed.pixel(x, y) >> s) & 255) - ((fresh.pixel(x, y) >> s) & 255))
                for x in range(size) for y in range(size) for s in (0, 8, 16, 24))
    assert worst <= 8, f"{size}px icon differs from the SVG by {worst}: run make_icons.py"
    centre = committed.pixelColor(size // 2, size // 2)
    corner = committed.pixelColor(0, 0)
    assert centre.alpha() == 255 and corner.alpha() < 128  # a rounded tile, not a blank


def test_appstream_metainfo_validates():
    tool = require_tool("appstreamcli", "appstream")
    proc = subprocess.run([tool, "validate", "--no-net", "--explain", str(METAINFO)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # Nothing but the pedantic note on the capitals of our reverse-DNS id, which must
    # stay equal to the desktop file's name.
    assert "W:" not in proc.stdout and "E:" not in proc.stdout and "I:" not in proc.stdout


def metainfo() -> ET.Element:
    return ET.parse(METAINFO).getroot()


def test_metainfo_names_the_desktop_entry_type_and_screenshots():
    root = metainfo()
    assert root.findtext("id") == DESKTOP.stem
    assert root.findtext("launchable") == DESKTOP.name
    assert root.find("provides/mediatype").text == MIME_TYPE
    assert root.findtext("name") == desktop_entry()["Name"]
    shots = root.findall("screenshots/screenshot/image")
    assert len(shots) >= 3
    from PySide6.QtGui import QImage
    for image in shots:
        local = ROOT / "docs" / "screenshots" / image.text.rsplit("/", 1)[1]
        picture = QImage(str(local))
        assert not picture.isNull(), local
        assert (picture.width(), picture.height()) == \
            (int(image.get("width")), int(image.get("height")))


def changelog_releases() -> list[tuple[str, str]]:
    text = (ROOT / "CHANGELOG.md").read_text("utf-8")
    return re.findall(r"^## \[([0-9][^\]]*)\] — (\d{4}-\d\d-\d\d)$", text, re.M)


def test_versions_agree_everywhere():
    import importlib.metadata

    import evidenceboard
    releases = changelog_releases()
    assert releases and releases[0][0] == evidenceboard.__version__
    assert [(r.get("version"), r.get("date")) for r in metainfo().findall("releases/release")] \
        == releases
    assert importlib.metadata.version("evidenceboard") == evidenceboard.__version__, \
        "the installed metadata is stale: pip install -e . again"
    import tomllib
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert "version" not in pyproject["project"] and "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == \
        {"attr": "evidenceboard.__version__"}
    proc = subprocess.run([sys.executable, "-m", "evidenceboard", "--version"],
                          capture_output=True, text=True)
    assert proc.stdout.strip() == f"EvidenceBoard {evidenceboard.__version__}"


def test_spec_takes_every_path_from_its_own_location():
    """Windows and macOS build from the same spec: nothing of this machine in it."""
    spec = (ROOT / "packaging" / "evidenceboard.spec").read_text("utf-8")
    compile(spec, "evidenceboard.spec", "exec")
    assert "ROOT = Path(SPECPATH)" in spec
    for local in ("/work", "/root", "/home", "/tmp", "C:\\", ".venv"):
        assert local not in spec, local


# ------------------------------------------------------------------------ install.sh
def fake_bundle(tmp_path: Path, folder: str = 'My Apps $HOME "q" `x`') -> Path:
    """A bundle's layout (_internal/linux as the spec lays it out) in a folder whose name
    needs quoting, with an evidenceboard that records the arguments it is started with."""
    bundle = tmp_path / folder / "evidenceboard"
    linux = bundle / "_internal" / "linux"
    shutil.copytree(LINUX, linux, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    shutil.copy(LINUX / "install.sh", bundle / "install-desktop-integration.sh")
    program = bundle / "evidenceboard"
    program.write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$EB_ARGS"\n')
    program.chmod(0o755)
    return bundle


def run_install(bundle: Path, data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["sh", str(bundle / "install-desktop-integration.sh"), *args],
                          env={"PATH": "/usr/bin:/bin", "HOME": str(data.parent),
                               "XDG_DATA_HOME": str(data)},
                          capture_output=True, text=True, timeout=60)


def test_install_from_a_bundle_registers_and_uninstalls(tmp_path: Path):
    bundle, data = fake_bundle(tmp_path), tmp_path / "data"
    proc = run_install(bundle, data)
    assert proc.returncode == 0, proc.stderr
    installed = data / "applications" / DESKTOP.name
    desktop_file_validate(installed)
    text = installed.read_text()
    assert f"TryExec={bundle / 'evidenceboard'}\n" in text
    for size in SIZES:
        assert (data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{DESKTOP.stem}.png"
                ).is_file()
    assert (data / "metainfo" / METAINFO.name).is_file()
    assert (data / "mime" / "packages" / f"{DESKTOP.stem}.xml").is_file()
    proc = run_install(bundle, data, "--uninstall")
    assert proc.returncode == 0, proc.stderr
    left = [p for p in data.rglob("*") if p.is_file() and "evidenceboard" in p.name.lower()]
    assert left == []


def test_install_from_the_source_tree_uses_the_command_on_path(tmp_path: Path):
    data, bin_dir = tmp_path / "data", tmp_path / "venv bin"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_DATA_HOME": str(data)}
    proc = subprocess.run(["sh", str(LINUX / "install.sh")], env=env, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 2 and "not on PATH" in proc.stderr  # nothing to start
    bin_dir.mkdir()
    (bin_dir / "evidenceboard").write_text("#!/bin/sh\n")
    (bin_dir / "evidenceboard").chmod(0o755)
    env["PATH"] = f"{bin_dir}:/usr/bin:/bin"
    proc = subprocess.run(["sh", str(LINUX / "install.sh")], env=env, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    installed = data / "applications" / DESKTOP.name
    desktop_file_validate(installed)
    assert f'Exec="{bin_dir}/evidenceboard" %f' in installed.read_text()
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / f"{DESKTOP.stem}.svg").is_file()


def test_install_refuses_a_folder_desktops_cannot_start(tmp_path: Path):
    bundle, data = fake_bundle(tmp_path, "100% done"), tmp_path / "data"
    proc = run_install(bundle, data)
    assert proc.returncode == 2 and "'%'" in proc.stderr
    assert not data.exists()


def test_the_installed_menu_entry_opens_a_board_with_the_bundle(tmp_path: Path):
    """What a double click does: the desktop (GLib here) launches the entry's Exec with
    the file, through the quoting of an awkward install folder."""
    gio = require_tool("gio", "libglib2.0-bin")
    bundle, data = fake_bundle(tmp_path), tmp_path / "data"
    assert run_install(bundle, data).returncode == 0
    board = tmp_path / "a board from Anna.evboard"
    create_board_file(board)
    args = tmp_path / "args.txt"
    proc = subprocess.run([gio, "launch", str(data / "applications" / DESKTOP.name),
                           str(board)], env={"PATH": "/usr/bin:/bin", "EB_ARGS": str(args),
                                             "XDG_DATA_HOME": str(data),
                                             "HOME": str(tmp_path)},
                          capture_output=True, text=True, timeout=30)
    assert proc.returncode == 0, proc.stderr
    for _ in range(100):  # gio returns once the program is spawned
        if args.exists() and args.read_text():
            break
        time.sleep(0.05)
    assert args.read_text().splitlines() == [str(board)]


def test_a_board_is_recognised_by_its_content(tmp_path: Path):
    """With the type installed, a board renamed without its extension is still ours
    (shared-mime-info reads the magic: SQLite header + application id at offset 68)."""
    gio = require_tool("gio", "libglib2.0-bin")
    bundle, data = fake_bundle(tmp_path), tmp_path / "data"
    assert run_install(bundle, data).returncode == 0
    board = create_board_file(tmp_path / "b.evboard")
    renamed = tmp_path / "attachment"
    board.rename(renamed)
    plain = tmp_path / "other-app-file"
    import sqlite3
    sqlite3.connect(plain).execute("CREATE TABLE t(x)").connection.commit()
    proc = subprocess.run([gio, "info", "-a", "standard::content-type", str(renamed),
                           str(plain)],
                          env={"PATH": "/usr/bin:/bin", "XDG_DATA_HOME": str(data),
                               "XDG_DATA_DIRS": "/usr/share", "HOME": str(tmp_path)},
                          capture_output=True, text=True, timeout=30)
    assert proc.returncode == 0, proc.stderr
    types = re.findall(r"standard::content-type: (\S+)", proc.stdout)
    assert types[0] == MIME_TYPE
    assert types[1] != MIME_TYPE  # another SQLite file is not a board


# ------------------------------------------------------------------------------ .ci/run
STUB = """#!/bin/sh
echo "$(basename "$0") $*" >> "$CI_LOG"
"""


def _stub(folder: Path, name: str, body: str = "") -> None:
    path = folder / name
    path.write_text(STUB + body)
    path.chmod(0o755)


def run_ci(tmp_path: Path, *, installed: bool, pytest_rc: int, build_rc: int = 0,
           lint_rc: int = 0, headless_has_qt: bool = False,
           headless_rc: int = 0) -> tuple[int, list[str]]:
    """Run the real .ci/run in a copy of the repository with stand-ins for dpkg-query,
    apt-get, sudo, python3 (and the tools of the venvs it makes) and packaging/build.sh
    that record how they were called."""
    repo = tmp_path / "repo"
    (repo / ".ci").mkdir(parents=True)
    shutil.copy(ROOT / ".ci" / "run", repo / ".ci" / "run")
    stubs = tmp_path / "bin"
    stubs.mkdir()
    log = tmp_path / "calls.log"
    (repo / "packaging").mkdir()
    _stub(repo / "packaging", "build.sh", f"exit {build_rc}\n")
    _stub(stubs, "dpkg-query",
          'if [ "$CI_INSTALLED" = 1 ]; then printf "install ok installed"; fi\n')
    _stub(stubs, "apt-get")
    _stub(stubs, "sudo", 'shift 0; "$@"\n')
    # python3 -m venv DIR makes a DIR whose pip, python and lint tools are stand-ins too;
    # in .venv-headless, "import PySide6" fails unless the test says Qt got in.
    venv_python = STUB + """case "$0" in
  *.venv-headless*) case "$*" in
      *pytest*) exit "$CI_HEADLESS_RC";;
      *"import PySide6"*) [ "$CI_HEADLESS_QT" = 1 ] && exit 0; exit 1;;
    esac;;
  *) case "$*" in *pytest*) exit "$CI_PYTEST_RC";; esac;;
esac
"""
    lint_tool = STUB + 'exit "$CI_LINT_RC"\n'
    _stub(stubs, "python3", f"""venv="$3"
mkdir -p "$venv/bin"
cat > "$venv/bin/pip" <<'EOF'
{STUB}EOF
cat > "$venv/bin/python" <<'EOF'
{venv_python}EOF
for tool in lint-imports ruff mypy; do
cat > "$venv/bin/$tool" <<'EOF'
{lint_tool}EOF
done
chmod +x "$venv/bin/"*
""")
    env = {"PATH": f"{stubs}:/usr/bin:/bin", "CI_LOG": str(log),
           "CI_INSTALLED": "1" if installed else "0", "CI_PYTEST_RC": str(pytest_rc),
           "CI_LINT_RC": str(lint_rc), "CI_HEADLESS_QT": "1" if headless_has_qt else "0",
           "CI_HEADLESS_RC": str(headless_rc), "HOME": str(tmp_path)}
    proc = subprocess.run(["bash", str(repo / ".ci" / "run")], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=60)
    calls = [c.strip() for c in log.read_text().splitlines()] if log.exists() else []
    return proc.returncode, calls


HEADLESS_RUN = ("python -m pytest -n 2 -q tests/model tests/store tests/importer "
                "tests/formats tests/analysis")


DESKTOP_TOOLS = ["desktop-file-utils", "appstream", "shared-mime-info", "libglib2.0-bin"]
QT_LIBS = ["libegl1", "libgl1", "libfontconfig1", "libfreetype6", "libxkbcommon0",
           "libglib2.0-0", "libdbus-1-3", "fonts-dejavu-core"]


def test_ci_installs_missing_qt_libraries_then_runs_the_readme_command(tmp_path: Path):
    rc, calls = run_ci(tmp_path, installed=False, pytest_rc=0)
    assert rc == 0, calls
    installs = [c for c in calls if c.startswith("apt-get") and " install " in f" {c} "]
    assert len(installs) == 1
    assert set(QT_LIBS) | set(DESKTOP_TOOLS) <= set(installs[0].split())
    assert any(c.startswith("apt-get update") for c in calls)
    # Exactly the README's test command, in order; the static checks; the headless
    # layers' tests in a venv without Qt; then the bundle is built and run.
    assert [c for c in calls if not c.startswith(("dpkg-query", "apt-get", "sudo"))] == [
        "python3 -m venv .venv", "pip install -q -e .[test]", "python -m pytest -n 2 -q",
        "pip install -q -e .[lint]", "lint-imports --no-logo --no-cache",
        "ruff check evidenceboard tests bench packaging tools", "mypy",
        "python3 -m venv .venv-headless", "pip install -q -r tools/requirements-headless.txt",
        "pip install -q --no-deps -e .", "python -c import PySide6", HEADLESS_RUN,
        "build.sh", "python packaging/smoke_test.py dist/evidenceboard"]


def test_ci_installs_nothing_when_the_libraries_are_there(tmp_path: Path):
    rc, calls = run_ci(tmp_path, installed=True, pytest_rc=0)
    assert rc == 0
    assert not [c for c in calls if c.startswith(("apt-get", "sudo"))]


def test_ci_fails_when_a_test_fails(tmp_path: Path):
    rc, calls = run_ci(tmp_path, installed=True, pytest_rc=1)
    assert rc != 0
    assert calls[-1] == "python -m pytest -n 2 -q"  # no bundle built after a failure


@pytest.mark.parametrize("lint_rc", [1, 2])
def test_ci_fails_on_a_lint_or_type_finding(tmp_path: Path, lint_rc: int):
    rc, calls = run_ci(tmp_path, installed=True, pytest_rc=0, lint_rc=lint_rc)
    assert rc != 0
    assert calls[-1] == "lint-imports --no-logo --no-cache"  # the first check stops it


def test_ci_fails_when_qt_is_in_the_headless_environment(tmp_path: Path):
    rc, calls = run_ci(tmp_path, installed=True, pytest_rc=0, headless_has_qt=True)
    assert rc != 0
    assert calls[-1] == "python -c import PySide6"  # its tests would prove nothing


def test_ci_fails_when_a_headless_test_fails(tmp_path: Path):
    rc, calls = run_ci(tmp_path, installed=True, pytest_rc=0, headless_rc=1)
    assert rc != 0
    assert calls[-1] == HEADLESS_RUN


def test_ci_fails_when_the_bundle_does_not_build(tmp_path: Path):
    rc, calls = run_ci(tmp_path, installed=True, pytest_rc=0, build_rc=1)
    assert rc != 0
    assert calls[-1] == "build.sh"


def test_ci_script_is_executable_and_strict():
    run = ROOT / ".ci" / "run"
    assert os.access(run, os.X_OK)
    assert "set -euo pipefail" in run.read_text()
