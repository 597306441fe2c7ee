"""Render the app icon (resources/icons/evidenceboard.svg) into the PNG sizes of the
freedesktop hicolor theme: packaging/linux/icons/NxN/org.evidenceboard.EvidenceBoard.png.

    .venv/bin/python packaging/linux/make_icons.py

The PNGs are committed (the bundle build and `install.sh` copy them); run this after
changing the SVG.  Qt's own SVG renderer draws them, so no other tool is needed and the
output is the same on every run with the same Qt (tests/test_packaging.py compares the
committed files with a fresh rendering).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SVG = HERE.parent.parent / "resources" / "icons" / "evidenceboard.svg"
APP_ID = "org.evidenceboard.EvidenceBoard"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def icon_path(size: int) -> Path:
    return HERE / "icons" / f"{size}x{size}" / f"{APP_ID}.png"


def render(size: int):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SVG}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    image.setDotsPerMeterX(3780)  # 96 dpi, fixed so the files do not vary
    image.setDotsPerMeterY(3780)
    return image


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication
    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    for size in SIZES:
        path = icon_path(size)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not render(size).save(str(path), "PNG"):
            raise SystemExit(f"cannot write {path}")
        print(f"wrote {path.relative_to(HERE)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
