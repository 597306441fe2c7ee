"""Exports of the relations view and of filtered views look like the screen: what the
view hides is left out, what it fades is drawn faded, the relations view's bundled lines
carry their captions — from the API, the CLI (the board's saved view) and the window's
Export dialog and Print."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from evidenceboard.analysis.filters import (
    VIEW_STATE_KEY,
    BoardFilter,
    CitesSource,
    KindIs,
    ViewState,
)
from evidenceboard.analysis.relations import relation_bundles, relation_links
from evidenceboard.analysis.shown import BUNDLED, RELATIONS_VIEW, shown_view, view_board
from evidenceboard.export.report_pdf import ensure_gui_app
from evidenceboard.export.run import export_board
from evidenceboard.importer.reading import read_article_text
from evidenceboard.importer.to_board import import_edit
from evidenceboard.model import Board, Setting
from evidenceboard.store import create_board_file

ARTICLE = """Harbour deal under scrutiny

VALLEMAR — Minister Anna Berg met shipping magnate Omar Said in Geneva last month, \
the Port Gazette has learned.

"I never met Omar Said in private," Anna Berg told reporters on Tuesday.

Omar Said's company, Kestrel Group, paid the Harbour Union for access to the docks, \
according to documents seen by the newspaper.
"""

SECOND = """Minister faces questions

According to a report by the Port Gazette, Minister Anna Berg met Omar Said in Geneva \
in June.
"""


def _board() -> Board:
    board = Board()
    arts = [replace(read_article_text(t), title=n, outlet=o)
            for t, n, o in ((ARTICLE, "Harbour deal", "Port Gazette"),
                            (SECOND, "Questions", "Evening Post"))]
    board.apply(import_edit(board, arts))
    assert relation_links(board), "the importer derives relations from the claims"
    return board


def _claims(board: Board) -> list[str]:
    return [c.title for c in board.cards.values() if c.kind == "claim"]


def _svg_text(path: Path) -> str:
    return " ".join(path.read_text(encoding="utf-8").split())


@pytest.fixture(scope="module", autouse=True)
def _gui():
    ensure_gui_app()


def test_shown_view_is_what_the_canvas_hides_and_bundles():
    board = _board()
    shown = shown_view(board, ViewState(relations_view=True))
    claims = {cid for cid, c in board.cards.items() if c.kind == "claim"}
    assert shown.hidden[RELATIONS_VIEW] == claims
    bundles = relation_bundles(board)
    # one drawn line per pair of actors, the others bundled into it
    assert len(shown.bundles) == len(bundles)
    assert sum(len(ids) for ids in shown.bundles.values()) == len(relation_links(board))
    assert len(shown.hidden.get(BUNDLED, ())) == len(relation_links(board)) - len(bundles)
    pictured = view_board(board, shown)
    assert not any(c.kind == "claim" for c in pictured.cards.values())
    assert set(pictured.links) == set(shown.bundles)
    for head, caption in shown.captions.items():
        assert pictured.links[head].label == caption
    # the board itself is untouched
    assert claims <= set(board.cards)


def test_svg_of_the_relations_view_looks_like_the_screen(tmp_path):
    board = _board()
    whole = export_board(board, "svg", tmp_path / "whole.svg", frame=False)
    view = export_board(board, "svg", tmp_path / "rel.svg", frame=False,
                        view=ViewState(relations_view=True))
    whole_text, rel_text = _svg_text(whole), _svg_text(view)
    first_words = [" ".join(t.split()[:3]) for t in _claims(board)]
    assert all(w in whole_text for w in first_words)
    assert not any(w in rel_text for w in first_words)
    caption = next(iter(shown_view(board, ViewState(relations_view=True)).captions.values()))
    assert caption.split(" / ")[0].split(" · ")[0] in rel_text
    assert "Anna Berg" in rel_text and "Omar Said" in rel_text


def test_a_filter_hides_in_data_exports_and_fades_in_pictures(tmp_path):
    board = _board()
    hide = ViewState(filter=BoardFilter((KindIs(frozenset({"actor"})),), "hide"))
    out = export_board(board, "json", tmp_path / "actors.json", view=hide)
    data = json.loads(out.read_text(encoding="utf-8"))
    kinds = {c["kind"] for c in data["cards"]}
    assert kinds == {"actor"}
    everything = json.loads(export_board(board, "json", tmp_path / "all.json")
                            .read_text(encoding="utf-8"))
    assert len(everything["cards"]) == len(board.cards)
    # fade mode: the same cards, those of the other article drawn faded
    gazette = next(s.id for s in board.sources.values() if s.outlet == "Port Gazette")
    fade = ViewState(filter=BoardFilter((CitesSource(frozenset({gazette})),), "fade"))
    shown = shown_view(board, fade)
    faded_claim = next(cid for cid in shown.faded if board.cards.get(cid) is not None
                       and board.cards[cid].kind == "claim")
    card = board.cards[faded_claim]
    from PySide6.QtGui import QImage
    plain = QImage(str(export_board(board, "png", tmp_path / "p.png", frame=False)))
    faded = QImage(str(export_board(board, "png", tmp_path / "f.png", frame=False,
                                    view=fade)))
    assert plain.size() == faded.size()
    # the faded card is drawn as the canvas fades it: greyed, its text pale (the
    # darkest pixel of its title is much lighter than unfaded)
    from evidenceboard.export.images import source_rect
    from evidenceboard.export.run import ExportOptions
    from evidenceboard.render.board import card_rect, display_sizes
    scene = source_rect(board, ExportOptions())
    k = plain.width() / scene.width()
    r = card_rect(card, display_sizes(board))
    x0, y0 = (r.left() - scene.left()) * k, (r.top() - scene.top()) * k

    def darkest(img: QImage) -> int:
        return min(sum(img.pixelColor(int(x0 + dx), int(y0 + dy)).getRgb()[:3])
                   for dx in range(8, int(r.width() * k) - 8, 2)
                   for dy in range(8, int(r.height() * k) - 8, 2))

    assert darkest(plain) < 200
    assert darkest(faded) > darkest(plain) + 150
    # a card the filter keeps is drawn the same
    kept = next(c for cid, c in board.cards.items() if cid not in shown.faded)
    rk = card_rect(kept, display_sizes(board))
    box = (int((rk.left() - scene.left()) * k), int((rk.top() - scene.top()) * k),
           int(rk.width() * k), int(rk.height() * k))
    assert plain.copy(*box) == faded.copy(*box)


def test_cli_exports_the_saved_view_unless_whole_board(tmp_path):
    board = _board()
    state = ViewState(relations_view=True).to_text()
    path = tmp_path / "case.evboard"
    create_board_file(path, [*board.entities(), Setting(VIEW_STATE_KEY, state)])
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "evidenceboard", *args],
                              capture_output=True, text=True, env=env, timeout=120)

    claims = len(_claims(board))
    proc = run("export", str(path), "--format", "svg", "--out", str(tmp_path / "v.svg"),
               "--no-frame")
    assert proc.returncode == 0, proc.stderr
    assert f"{claims} hidden cards left out" in proc.stderr
    first_words = [" ".join(t.split()[:3]) for t in _claims(board)]
    assert not any(w in _svg_text(tmp_path / "v.svg") for w in first_words)
    proc = run("export", str(path), "--format", "svg", "--out", str(tmp_path / "w.svg"),
               "--no-frame", "--whole-board")
    assert proc.returncode == 0, proc.stderr
    assert "left out" not in proc.stderr
    assert all(w in _svg_text(tmp_path / "w.svg") for w in first_words)
    proc = run("export", str(path), "--format", "json", "--out", str(tmp_path / "v.json"))
    assert proc.returncode == 0, proc.stderr
    data = json.loads((tmp_path / "v.json").read_text(encoding="utf-8"))
    assert {c["kind"] for c in data["cards"]} == {"actor"}
    # relation links are data: a data export keeps every one of them (not bundled)
    assert len(data["links"]) == len(relation_links(board))


def test_the_export_dialog_exports_the_relations_view_as_shown(qtbot, tmp_path):
    from evidenceboard.windows.export_dialog import ExportDialog
    from evidenceboard.windows.main_window import MainWindow

    board = _board()
    path = tmp_path / "case.evboard"
    create_board_file(path, list(board.entities()))
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    assert w.files.open_board(path)
    w.show()
    qtbot.waitExposed(w)
    w.viewstate.relations_view.trigger()
    assert w.viewstate.state.relations_view
    w.acts.export.trigger()
    dlg = w.findChild(ExportDialog)
    assert dlg is not None and dlg.isVisible()
    dlg.set_format("svg")
    dlg.frame_check.setChecked(False)
    out = tmp_path / "shown.svg"
    dlg.path_edit.setText(str(out))
    with qtbot.waitSignal(dlg.accepted, timeout=30000):
        qtbot.mouseClick(dlg.export_button, Qt.MouseButton.LeftButton)
    text = _svg_text(out)
    first_words = [" ".join(t.split()[:3]) for t in _claims(board)]
    assert not any(wd in text for wd in first_words)
    assert "Anna Berg" in text
    # asked to include the hidden cards: the claims come back
    w.acts.export.trigger()
    dlg = next(d for d in w.findChildren(ExportDialog) if d.isVisible())
    dlg.set_format("svg")
    dlg.frame_check.setChecked(False)
    assert dlg.include_hidden.isVisible()
    dlg.include_hidden.setChecked(True)
    out2 = tmp_path / "all.svg"
    dlg.path_edit.setText(str(out2))
    with qtbot.waitSignal(dlg.accepted, timeout=30000):
        qtbot.mouseClick(dlg.export_button, Qt.MouseButton.LeftButton)
    assert all(wd in _svg_text(out2) for wd in first_words)
    # Print paints the same view
    from evidenceboard.windows.printing import _what
    printed, _faded, _groups = _what(w)
    assert not any(c.kind == "claim" for c in printed.cards.values())
    w.close()
