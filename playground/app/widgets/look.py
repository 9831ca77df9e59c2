"""How the app looks for the room it is in: colour-blind-safe colours and the projector zoom, both chosen
in View and remembered. One `look` for the whole app; a view that draws colours or sized text connects
to `look.changed` and restyles itself.

Series (curves, runs, heads, groups) are told apart by colour *and* by dash or symbol, in both palettes,
so no pair of them depends on telling red from green — nor on colour at all, on a black-and-white
projector. The colour-blind palette is Okabe & Ito's; its maps are cividis (one hue ramp that reads the
same to every kind of colour vision) and a blue–yellow diverging map (CET-CBD1) for signed values.
"""
from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont, QPen
from PySide6.QtWidgets import QApplication, QWidget

STANDARD = ["#3867d6", "#e8590c", "#7048e8", "#2b8a3e", "#c2255c", "#1098ad", "#f59f00", "#495057"]
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
DASHES = [Qt.SolidLine, Qt.DashLine, Qt.DotLine, Qt.DashDotLine, Qt.DashDotDotLine]
SYMBOLS = ["o", "s", "t", "d", "star", "p", "h", "t1"]
ZOOMS = (0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0)


class Look(QObject):
    changed = Signal()

    def __init__(self):
        super().__init__()
        self.colour_blind = False
        self.zoom = 1.0
        self._base_point_size: float | None = None

    # -- colours
    def series(self, i: int) -> str:
        colours = OKABE_ITO if self.colour_blind else STANDARD
        return colours[i % len(colours)]

    @staticmethod
    def dash(i: int):
        return DASHES[i % len(DASHES)]

    @staticmethod
    def symbol(i: int) -> str:
        return SYMBOLS[i % len(SYMBOLS)]

    def pen(self, i: int, width: float = 1.5) -> QPen:
        """Series i: its colour and its own dash (lines that cross stay told apart without colour)."""
        return pg.mkPen(self.series(i), width=width, style=self.dash(i))

    def train_colour(self) -> str:
        return self.series(0)

    def val_colour(self) -> str:
        return self.series(1)

    def lr_colour(self) -> str:
        return self.series(2)

    def unsigned_map(self) -> pg.ColorMap:
        return pg.colormap.get("cividis" if self.colour_blind else "viridis")

    def signed_map(self) -> pg.ColorMap:
        return pg.colormap.get("CET-CBD1" if self.colour_blind else "CET-D1")

    def set_colour_blind(self, on: bool) -> None:
        if on != self.colour_blind:
            self.colour_blind = on
            self.changed.emit()

    # -- zoom
    def set_zoom(self, zoom: float) -> None:
        """Scale every font (the app's, the monospaced ones, plot labels) by `zoom` (1.0: as designed)."""
        zoom = min(max(zoom, ZOOMS[0]), ZOOMS[-1])
        if abs(zoom - self.zoom) < 1e-6:
            return
        self.zoom = zoom
        app = QApplication.instance()
        if app is not None and self._base_point_size is not None:
            font = app.font()
            font.setPointSizeF(self._base_point_size * zoom)
            app.setFont(font)
            app.setStyleSheet(app.styleSheet())  # widgets polished by the style sheet take the new font only so

        self.changed.emit()

    def step_zoom(self, steps: int) -> None:
        """One notch up or down the zoom ladder."""
        nearest = min(range(len(ZOOMS)), key=lambda i: abs(ZOOMS[i] - self.zoom))
        self.set_zoom(ZOOMS[min(max(nearest + steps, 0), len(ZOOMS) - 1)])

    def remember_base_font(self, app: QApplication) -> None:
        self._base_point_size = app.font().pointSizeF()

    def font(self, size: float, mono: bool = False, bold: bool = False) -> QFont:
        """A font of `size` points at the current zoom."""
        font = QFont("DejaVu Sans Mono") if mono else QFont(QApplication.font())
        if mono:
            font.setStyleHint(QFont.Monospace)
        font.setPointSizeF(size * self.zoom)
        font.setBold(bold)
        return font

    def follow(self, owner: QObject, restyle: Callable[[], None]) -> None:
        """Call `restyle` now and whenever the look changes, for as long as `owner` lives."""
        def apply() -> None:
            try:
                restyle()
            except RuntimeError:  # the owner's C++ side is gone: stop following
                self.changed.disconnect(apply)
        self.changed.connect(apply)
        owner.destroyed.connect(lambda *_: _quietly(lambda: self.changed.disconnect(apply)))
        restyle()

    def size(self, widget: QWidget, size: float, mono: bool = False, bold: bool = False) -> None:
        """Give `widget` a font of `size` points that follows the zoom."""
        self.follow(widget, lambda: widget.setFont(self.font(size, mono, bold)))

    def tick_font(self, axis, size: float) -> None:
        """A plot axis's tick labels in monospace of `size` points, following the zoom."""
        self.follow(axis, lambda: axis.setStyle(tickFont=self.font(size, mono=True)))

    def axis_title(self) -> dict:
        """The style of a plot's axis title at the current zoom (pyqtgraph's setLabel keyword arguments)."""
        return {"font-size": self.points(self._base_point_size or 9.5)}

    def title_font(self) -> QFont:
        return self.font(self._base_point_size or 9.5)

    def points(self, size: float) -> str:
        """A pyqtgraph label size ("9pt") at the current zoom."""
        return f"{size * self.zoom:.1f}pt"


def _quietly(fn) -> None:
    try:
        fn()
    except (RuntimeError, TypeError):  # already disconnected
        pass


look = Look()
