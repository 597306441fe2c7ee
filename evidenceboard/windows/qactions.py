"""One way to make a window's QAction: text, what it does, its shortcut (a string, a
list of strings, or a :class:`QKeySequence.StandardKey` with the platform's bindings),
its tip (status line and tooltip) and whether it is a toggle."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeAlias

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

Shortcut: TypeAlias = "QKeySequence.StandardKey | str | list[str] | None"


def keys(standard: QKeySequence.StandardKey | None, *extra: str) -> list[QKeySequence]:
    """The platform's bindings for ``standard`` and then ``extra`` ones desktop users
    expect everywhere (Ctrl+= beside Ctrl++, Ctrl+Y beside Ctrl+Shift+Z), each once."""
    out: list[QKeySequence] = []
    for k in [*(QKeySequence.keyBindings(standard) if standard is not None else []),
              *(QKeySequence(e) for e in extra)]:
        if not k.isEmpty() and k not in out:
            out.append(k)
    return out


def make_action(parent: QObject, text: str, slot: Callable[..., object] | None = None,
                shortcut: Shortcut = None, tip: str = "", checkable: bool = False
                ) -> QAction:
    """A QAction of ``parent``: ``slot()`` on trigger, or ``slot(checked)`` on toggle
    for a checkable one."""
    a = QAction(text, parent)
    if shortcut is not None:
        if isinstance(shortcut, list):
            a.setShortcuts([QKeySequence(s) for s in shortcut])
        elif isinstance(shortcut, str):
            if shortcut:
                a.setShortcut(QKeySequence(shortcut))
        else:
            a.setShortcuts(keys(shortcut) or [QKeySequence(shortcut)])
    if tip:
        a.setStatusTip(tip)
        a.setToolTip(tip)  # plain: ours (the tips the windows' modules give their actions)
    a.setCheckable(checkable)
    if slot is not None:
        if checkable:
            a.toggled.connect(slot)
        else:
            a.triggered.connect(lambda _checked=False: slot())
    return a
