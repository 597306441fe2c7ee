"""Colours and fonts of the board, light and dark.

The theme is chosen from the system palette on screen (:meth:`Theme.from_palette`) and
named explicitly by exports (``Theme.light()``), so a PNG sent to a colleague does not
depend on the sender's desktop.  Fonts are sized in pixels of scene units: a card lays out
its text the same way at every zoom level, on every screen and in every export.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

#: Colour of the disc behind each actor type's icon.
ACTOR_TYPE_COLORS: dict[str, str] = {
    "person": "#3b6fd4",
    "organisation": "#7b4fc9",
    "country": "#2f8a4c",
    "place": "#c8453a",
    "vessel": "#1f8a99",
    "aircraft": "#5b6b82",
    "other": "#7a7f87",
}


def _c(value: str) -> QColor:
    return QColor(value)


@dataclass(frozen=True, eq=False)
class Fonts:
    """Fonts in scene pixels (so layout is zoom- and screen-independent)."""

    family: str

    @property
    def title(self) -> QFont:
        return font_of(self.family, 13, True, False)

    @property
    def quote(self) -> QFont:
        return font_of(self.family, 12, False, True)

    @property
    def body(self) -> QFont:
        return font_of(self.family, 11, False, False)

    @property
    def small(self) -> QFont:
        return font_of(self.family, 10, False, False)

    @property
    def badge(self) -> QFont:
        return font_of(self.family, 10, True, False)

    @property
    def label(self) -> QFont:
        return font_of(self.family, 11, False, False)


@lru_cache(maxsize=64)
def font_of(family: str, px: int, bold: bool, italic: bool) -> QFont:
    f = QFont(family)
    f.setPixelSize(px)
    f.setBold(bold)
    f.setItalic(italic)
    # Unhinted outlines scale evenly with the zoom and match in SVG/PDF exports.
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    f.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    return f


def default_family() -> str:
    """The application's font family, or a common sans-serif one outside an app."""
    app = QGuiApplication.instance()
    if app is not None:
        return QGuiApplication.font().family()
    return "DejaVu Sans"


@dataclass(frozen=True, eq=False)
class Theme:
    """Every colour the board painter uses.  Build with :meth:`light`, :meth:`dark` or
    :meth:`from_palette`; ``replace(theme, accent=...)`` for variants."""

    name: str
    is_dark: bool
    background: QColor
    grid_minor: QColor
    grid_major: QColor
    text: QColor
    text_muted: QColor
    text_on_dark: QColor
    text_on_light: QColor
    border: QColor
    shadow: QColor
    actor_fill: QColor
    claim_fill: QColor
    note_fill: QColor
    note_fold: QColor
    accent: QColor
    asserts: QColor
    denies: QColor
    link: QColor
    link_confirmed: QColor
    disputed: QColor
    contradiction: QColor
    warning: QColor
    warning_fill: QColor
    unsourced: QColor
    unsourced_fill: QColor
    label_fill: QColor
    grade_good: QColor
    grade_fair: QColor
    grade_poor: QColor
    badge_fill: QColor
    badge_text: QColor
    faded_opacity: float = 0.18
    fonts: Fonts = field(default_factory=lambda: Fonts(default_family()))

    # ----------------------------------------------------------------- presets
    @staticmethod
    def light(family: str | None = None) -> Theme:
        return Theme(
            name="light", is_dark=False,
            background=_c("#f5f6f8"), grid_minor=_c("#e7e9ee"), grid_major=_c("#d6dae1"),
            text=_c("#1d2127"), text_muted=_c("#5a636f"),
            text_on_dark=_c("#f4f6f8"), text_on_light=_c("#1d2127"),
            border=_c("#c3c9d2"), shadow=QColor(20, 30, 50, 30),
            actor_fill=_c("#eaf1fd"), claim_fill=_c("#ffffff"), note_fill=_c("#fff2a8"),
            note_fold=_c("#e8d77a"),
            accent=_c("#2f6fed"), asserts=_c("#2f6fed"), denies=_c("#c6372e"),
            link=_c("#66768a"), link_confirmed=_c("#3d4a5c"), disputed=_c("#d97a1e"),
            contradiction=_c("#cc2a36"),
            warning=_c("#a86412"), warning_fill=_c("#fdeccc"),
            unsourced=_c("#5f6670"), unsourced_fill=_c("#e6e8eb"),
            label_fill=_c("#f5f6f8"),
            grade_good=_c("#2e7d4a"), grade_fair=_c("#a86a12"), grade_poor=_c("#b03a3a"),
            badge_fill=_c("#e3e7ed"), badge_text=_c("#39424e"),
            fonts=Fonts(family or default_family()),
        )

    @staticmethod
    def dark(family: str | None = None) -> Theme:
        return Theme(
            name="dark", is_dark=True,
            background=_c("#1c1f23"), grid_minor=_c("#262a2f"), grid_major=_c("#30353c"),
            text=_c("#e7eaee"), text_muted=_c("#a3acb7"),
            text_on_dark=_c("#eef1f4"), text_on_light=_c("#1d2127"),
            border=_c("#48505b"), shadow=QColor(0, 0, 0, 70),
            actor_fill=_c("#243149"), claim_fill=_c("#2a2e34"), note_fill=_c("#5b5224"),
            note_fold=_c("#776b33"),
            accent=_c("#5b9bff"), asserts=_c("#5b9bff"), denies=_c("#ff7066"),
            link=_c("#93a0b1"), link_confirmed=_c("#c3ccd7"), disputed=_c("#f0a04b"),
            contradiction=_c("#ff5c66"),
            warning=_c("#f2b355"), warning_fill=_c("#4a3818"),
            unsourced=_c("#b2b9c2"), unsourced_fill=_c("#353a41"),
            label_fill=_c("#1c1f23"),
            grade_good=_c("#3f9d61"), grade_fair=_c("#c08527"), grade_poor=_c("#c45050"),
            badge_fill=_c("#363c44"), badge_text=_c("#d5dbe2"),
            fonts=Fonts(family or default_family()),
        )

    @staticmethod
    def from_palette(palette: QPalette | None = None) -> Theme:
        """Light or dark after the palette's window colour, with its highlight as the
        selection accent (so the board matches the rest of the desktop)."""
        if palette is None:
            palette = QGuiApplication.palette()
        window = palette.color(QPalette.ColorRole.Window)
        theme = Theme.dark() if window.lightnessF() < 0.5 else Theme.light()
        highlight = palette.color(QPalette.ColorRole.Highlight)
        if highlight.isValid() and highlight.saturationF() > 0.25:
            theme = replace(theme, accent=highlight)
        return theme

    # ----------------------------------------------------------------- helpers
    def kind_fill(self, kind: str) -> QColor:
        return {"actor": self.actor_fill, "claim": self.claim_fill,
                "note": self.note_fill}.get(kind, self.claim_fill)

    def card_fill(self, kind: str, color: str | None) -> QColor:
        """The card's own colour if it has a valid one, else its kind's default."""
        if color:
            c = QColor(color)
            if c.isValid():
                return c
        return self.kind_fill(kind)

    def text_for(self, fill: QColor) -> QColor:
        """Readable text on ``fill`` (dark on light fills, light on dark ones)."""
        return self.text_on_light if luminance(fill) > 0.45 else self.text_on_dark

    def muted_for(self, fill: QColor) -> QColor:
        return blend(self.text_for(fill), fill, 0.68)

    def grade_color(self, label: str) -> QColor:
        r = label[:1]
        if r in ("A", "B"):
            return self.grade_good
        if r in ("C", "D"):
            return self.grade_fair
        return self.grade_poor

    def link_color(self, confidence: str, contradiction: bool = False) -> QColor:
        if contradiction:
            return self.contradiction
        if confidence == "disputed":
            return self.disputed
        if confidence == "confirmed":
            return self.link_confirmed
        return self.link


def luminance(c: QColor) -> float:
    """Relative luminance (sRGB, WCAG) in 0..1."""
    def ch(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())


def blend(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` mixed with ``b``: t=1 gives a, t=0 gives b (opaque result)."""
    return QColor.fromRgbF(a.redF() * t + b.redF() * (1 - t),
                           a.greenF() * t + b.greenF() * (1 - t),
                           a.blueF() * t + b.blueF() * (1 - t), 1.0)
