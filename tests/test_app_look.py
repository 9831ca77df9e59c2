"""The classroom's look: colours that every kind of colour vision tells apart (one switch in View), and a
projector zoom that scales every font and is remembered. Colour vision is simulated with Machado, Oliveira
& Fernandes (2009)'s matrices for protanopia and deuteranopia, the two red–green deficiencies."""
import numpy as np
import pytest
from app_helpers import make_window, train_synchronously
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from playground.app.widgets.look import look
from playground.core.training.events import HealthEvent

pytestmark = pytest.mark.timeout(180)

# linear-RGB matrices, severity 1.0
PROTANOPIA = np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]])
DEUTERANOPIA = np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]])
TELL_APART = 12.0  # CIE76 ΔE: two colours closer than this read as one at a glance on a projector


def _linear(c: QColor) -> np.ndarray:
    v = np.array([c.redF(), c.greenF(), c.blueF()])
    return np.where(v <= 0.04045, v / 12.92, ((v + 0.055) / 1.055) ** 2.4)


def _lab(linear: np.ndarray) -> np.ndarray:
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ linear
    xyz = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def _seen(c: QColor, deficiency: np.ndarray | None) -> np.ndarray:
    linear = _linear(c)
    return _lab(np.clip(deficiency @ linear, 0, 1) if deficiency is not None else linear)


def _red_green_only(series) -> list:
    """Pairs of series drawn alike (same dash, same marker) whose colours a protan or deutan viewer cannot
    tell apart: the pairs that depend on red–green vision."""
    bad = []
    for i in range(len(series)):
        for j in range(i + 1, len(series)):
            (name_a, colour_a, style_a), (name_b, colour_b, style_b) = series[i], series[j]
            if style_a != style_b:
                continue
            for deficiency in (PROTANOPIA, DEUTERANOPIA):
                if np.linalg.norm(_seen(colour_a, deficiency) - _seen(colour_b, deficiency)) < TELL_APART:
                    bad.append((name_a, name_b))
                    break
    return bad


def _curve(name, item):
    pen = item.opts["pen"] if hasattr(item, "opts") and "pen" in item.opts else item.pen
    pen = pen() if callable(pen) else pen
    symbol = item.opts.get("symbol") if hasattr(item, "opts") else None
    return name, QColor(pen.color()), (pen.style(), symbol)


def _every_series(window):
    loss = window.training_panel.plot
    health = window.training_panel.health
    heads = window.heads_panel.history
    views = {
        "loss": [_curve("train", loss.smooth), _curve("validation", loss.val), _curve("learning rate", loss.lr_curve)],
        "health": [_curve(name, curve) for name, curve in health.ratio_curves.items()],
        "heads": [_curve(str(key), curve) for key, curve in heads.curves.items() if key[0] == "induction"],
    }
    return views


@pytest.mark.parametrize("colour_blind", [False, True])
def test_no_view_tells_its_series_apart_by_red_and_green_alone(qtbot, tmp_path, colour_blind):
    window = make_window(qtbot, tmp_path / "s.ini")
    window.use_colour_blind_safe(colour_blind)
    train_synchronously(window, steps=60, n_layer=4, n_head=4, d_model=32)
    ratios = {"embeddings": 1e-3, **{f"layer {i}": 1e-3 * (i + 2) for i in range(1, 5)}}
    window.training_panel.health.show()
    for step in (10, 20):
        window.training_panel.health.add(HealthEvent(step, 1.0, False, ratios))
    scores = window.session.head_scores()  # the heads' real scores, as the timeline would have kept them
    window.heads_panel.history.show_history([10, 20], [scores, scores])
    views = _every_series(window)
    assert len(views["health"]) == 5 and len(views["heads"]) == 16
    for name, series in views.items():
        assert not _red_green_only(series), (name, _red_green_only(series))
    # the maps: one ramp in the colour-blind palette, and the signed map's two ends never red against green
    assert window.prompt_panel.attention.heatmap.image.getColorMap() is not None
    ramp = look.unsigned_map().getLookupTable(nPts=8, alpha=False)
    lightness = [_seen(QColor(*map(int, rgb)), DEUTERANOPIA)[0] for rgb in ramp]
    assert lightness == sorted(lightness)  # low to high reads dark to light, whatever the colour vision
    low, high = (QColor(*map(int, rgb)) for rgb in look.signed_map().getLookupTable(nPts=2, alpha=False))
    assert not _red_green_only([("low", low, 0), ("high", high, 0)])


def test_the_colour_blind_switch_restyles_every_view_and_is_remembered(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "s.ini")
    train_synchronously(window, steps=20, n_layer=1, n_head=2, d_model=16)
    before = QColor(window.training_panel.plot.val.opts["pen"].color()).name()
    window.colour_blind_action.trigger()
    assert window.colour_blind_action.isChecked() and look.colour_blind
    assert QColor(window.training_panel.plot.val.opts["pen"].color()).name() != before
    assert QColor(window.training_panel.plot.val.opts["pen"].color()).name().lower() == "#e69f00"  # Okabe–Ito
    heatmap = window.prompt_panel.attention.heatmap
    assert heatmap.image.getColorMap().name == "cividis"
    window.close()
    again = make_window(qtbot, tmp_path / "s.ini")
    assert again.colour_blind_action.isChecked() and look.colour_blind
    again.colour_blind_action.trigger()
    assert not look.colour_blind


@pytest.fixture(params=["en", "pt_BR"])
def language_installed(request):
    from playground.app.shell import language
    language.install(request.param)
    yield request.param
    language.install("en")


def test_zoom_scales_every_font_is_remembered_and_fits_a_1280_by_720_projector(qtbot, tmp_path, language_installed):
    window = make_window(qtbot, tmp_path / "s.ini")
    train_synchronously(window, steps=20, n_layer=2, n_head=2, d_model=16)
    window.resize(1280, 690)  # a 1280×720 projector less the window's title bar
    base_app = QApplication.font().pointSizeF()
    base_prompt = window.prompt_panel.prompt_edit.font().pointSizeF()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    for _ in range(3):
        qtbot.keyClick(window.tabs.tabBar(), Qt.Key_Equal, Qt.ControlModifier)
    assert look.zoom == pytest.approx(1.5)
    assert QApplication.font().pointSizeF() == pytest.approx(base_app * 1.5)
    assert window.prompt_panel.prompt_edit.font().pointSizeF() == pytest.approx(base_prompt * 1.5)
    assert "150 %" in window.message_bar.text.text()  # (the message, while it shows, leaves the plots less room)
    # titles that run along a short plot's side are whole or left out, never cut
    window.tabs.setCurrentWidget(window.training_panel)
    QApplication.processEvents()
    for plot_item, sides in ((window.training_panel.plot.getPlotItem(), ("left", "right")),):
        for side in sides:
            axis = plot_item.getAxis(side)
            assert not axis.labelText or QFontMetrics(axis.label.font()).horizontalAdvance(axis.labelText) \
                <= plot_item.vb.height(), (side, axis.labelText)
    window.tabs.setCurrentWidget(window.prompt_panel)
    QApplication.processEvents()
    heatmap = window.prompt_panel.attention.heatmap
    bar = heatmap.colorbar.axis
    assert not bar.labelText or QFontMetrics(bar.label.font()).horizontalAdvance(bar.labelText) \
        <= heatmap.view.getPlotItem().vb.height()
    window.message_bar.hide()
    qtbot.waitUntil(lambda: window.width() <= 1280, timeout=5000)  # the sidebar folds away rather than overflow
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        for widget in window.findChildren(QAbstractButton) + window.findChildren(QLabel):
            if not widget.isVisibleTo(window) or not widget.text() or not widget.width():
                continue
            where = widget.mapTo(window, widget.rect().topRight())
            assert where.x() <= window.width(), (window.tabs.tabText(index), widget.text())  # not cut at the edge
            if isinstance(widget, QAbstractButton):  # a button's words fit it
                assert widget.width() >= widget.minimumSizeHint().width(), (window.tabs.tabText(index), widget.text())
    window.close()
    again = make_window(qtbot, tmp_path / "s.ini")
    assert look.zoom == pytest.approx(1.5)  # remembered
    again.zoom(0)
    assert look.zoom == 1.0 and QApplication.font().pointSizeF() == pytest.approx(base_app)
    assert again.sidebar.isVisible()
