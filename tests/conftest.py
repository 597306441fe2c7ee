"""Test-wide set-up: headless Qt, a private home for settings and user data, and
failures for exceptions raised inside Qt callbacks (which pytest-qt cannot see).

Nothing here imports Qt: the headless layers' tests (tests/headless.py) also run in an
environment without PySide6 (.ci/run's second venv), where any Qt import fails."""

from __future__ import annotations

import os
import sys
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never touch the real user's settings, recent files or demo board.
_HOME = tempfile.mkdtemp(prefix="evboard-test-home-")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_HOME, "config")
os.environ["XDG_DATA_HOME"] = os.path.join(_HOME, "data")
os.environ["XDG_CACHE_HOME"] = os.path.join(_HOME, "cache")

import pytest  # noqa: E402
from headless import needs_qt  # noqa: E402

_APP: object = None  # the session's QApplication, kept alive


def pytest_collection_finish(session: pytest.Session) -> None:
    """One QApplication for the whole session, made before any test runs (when any test
    needs Qt): the headless export layer makes a bare QGuiApplication when none exists
    (right for the CLI), and a later widget test in the same worker would then abort
    inside Qt."""
    if any(needs_qt(item.path) for item in session.items):
        from PySide6.QtWidgets import QApplication

        global _APP
        _APP = QApplication.instance() or QApplication([sys.argv[0], "-platform",
                                                        "offscreen"])


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Empty the clipboard before Python exits: Qt's offscreen platform deletes the data a
    test copied after Python has torn down, and the process ends in a segfault (exit 139)
    after every test passed (seen with the copy/paste tests run without xdist)."""
    if _APP is not None:
        from PySide6.QtGui import QGuiApplication

        QGuiApplication.clipboard().clear()


@pytest.fixture(autouse=True)
def fail_on_callback_exceptions(monkeypatch: pytest.MonkeyPatch):
    """Exceptions inside Qt virtuals/slots go to sys.excepthook: make them fail the test."""
    errors: list[str] = []

    def hook(exc_type, exc, tb):
        import traceback
        errors.append("".join(traceback.format_exception(exc_type, exc, tb)))

    def unraisable(info):
        if info.exc_type is not None and not issubclass(info.exc_type, ResourceWarning):
            errors.append(f"unraisable: {info.exc_type.__name__}: {info.exc_value}")

    monkeypatch.setattr(sys, "excepthook", hook)
    monkeypatch.setattr(sys, "unraisablehook", unraisable)
    yield
    if errors:
        pytest.fail("exception inside a Qt callback:\n" + "\n".join(errors))


@pytest.fixture(scope="session")
def pg_cluster():
    """A private PostgreSQL cluster for the session (tests/pgserver.py): a Unix socket in
    a temporary folder, the team schema set up; skipped with one line when no server
    binaries are installed."""
    from pgserver import SKIP_REASON, server_binaries, start_cluster

    if server_binaries() is None:
        pytest.skip(SKIP_REASON)
    cluster = start_cluster()
    yield cluster
    cluster.destroy()
