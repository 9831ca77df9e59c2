"""The Heads tab: a row per head with its scores and name, switches that change every view and come
back exactly, and a click that opens the head's map."""
import numpy as np
import pytest
from app_helpers import grab, make_window, train_synchronously
from PySide6.QtCore import Qt

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def window(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path / "settings.ini")
    train_synchronously(w, steps=40, n_layer=2, n_head=2, d_model=32)
    return w


def test_every_head_has_a_row_with_its_scores_and_name(window, qtbot, artifacts):
    panel = window.heads_panel
    window.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 4, timeout=10000)
    expected = window.session.head_scores().rows()
    for r, (layer, head, prev, first, own, induction, entropy, label) in enumerate(expected):
        cells = [panel.table.item(r, c).text() for c in range(8)]
        assert cells == [str(layer), str(head), f"{prev:.2f}", f"{first:.2f}", f"{own:.2f}", f"{induction:.2f}",
                         f"{entropy:.2f}", label]
    assert "<b>" in panel.explanations.text()
    grab(window, artifacts / "heads.png")


def test_a_head_switched_off_changes_the_bars_is_framed_and_restoring_brings_them_back_exactly(window, qtbot):
    prompt = window.prompt_panel
    window.tabs.setCurrentWidget(prompt)
    qtbot.waitUntil(lambda: prompt.last_inspection is not None, timeout=10000)
    before = prompt.last_inspection.probs.copy()
    panel = window.heads_panel
    window.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 4, timeout=10000)
    panel.table.item(2, 8).setCheckState(Qt.Checked)  # layer 2, head 1 off
    assert window.session.ablation.heads_off == {(1, 0)}
    assert panel.effect.text().startswith("<b>without layer 2 head 1: validation loss ")
    window.tabs.setCurrentWidget(prompt)
    qtbot.waitUntil(lambda: not np.array_equal(prompt.last_inspection.probs, before), timeout=10000)
    assert prompt.attention.grid.off == {(1, 0)}
    assert prompt.attention.grid.cells[(1, 0)].getViewBox().border is not None
    window.tabs.setCurrentWidget(panel)
    panel.restore_button.click()
    window.tabs.setCurrentWidget(prompt)
    qtbot.waitUntil(lambda: np.array_equal(prompt.last_inspection.probs, before), timeout=10000)
    assert prompt.attention.grid.off == set()


def test_skipping_a_layer_and_dropping_positions_are_switches_too(window, qtbot):
    panel = window.heads_panel
    window.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: len(panel.layer_checks) == 2, timeout=10000)
    panel.layer_checks[1].setChecked(True)
    assert window.session.ablation.layers_skipped == {1}
    assert "without layer 2:" in panel.effect.text()
    panel.positions_check.setChecked(True)
    assert "the positional encoding" in panel.effect.text()
    panel.restore_button.click()
    assert window.session.ablation.empty and not panel.layer_checks[1].isChecked()


def test_double_clicking_a_head_opens_its_map(window, qtbot):
    panel = window.heads_panel
    window.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 4, timeout=10000)
    panel.table.cellDoubleClicked.emit(3, 0)
    assert window.tabs.currentWidget() is window.prompt_panel
    assert window.prompt_panel.attention.selected() == (1, 1)
