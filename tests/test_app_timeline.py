"""The timeline in the app: scrubbing to an earlier step changes every view, "Now" brings back exactly
the current model, the loss plot marks the step, and a reopened run has its timeline."""
import numpy as np
import pytest
from app_helpers import grab, make_window, use_small_model

pytestmark = pytest.mark.timeout(150)


@pytest.fixture
def trained(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path / "settings.ini")
    use_small_model(w, steps=200)
    with qtbot.waitSignal(w.training_finished, timeout=120000):
        w.training_actions.start()
    return w


def views(window, qtbot):
    """What the Prompt, Surprise and Heads views show now."""
    prompt = window.prompt_panel
    window.tabs.setCurrentWidget(prompt)
    qtbot.waitUntil(lambda: prompt.last_inspection is not None
                    and prompt.last_inspection is window.session.prompt_inspection().inspection, timeout=10000)
    window.tabs.setCurrentWidget(window.surprise_panel)
    qtbot.waitUntil(lambda: window.surprise_panel.text.reading is not None, timeout=10000)
    window.tabs.setCurrentWidget(window.heads_panel)
    qtbot.waitUntil(lambda: window.heads_panel.table.rowCount() > 0, timeout=10000)
    return (prompt.last_inspection.probs.copy(), prompt.attention.grid.cells[(0, 0)].image.copy(),
            window.surprise_panel.text.reading.mean_loss,
            [window.heads_panel.table.item(r, c).text() for r in range(window.heads_panel.table.rowCount())
             for c in range(2, 7)])


def test_scrubbing_changes_every_view_and_now_brings_the_model_back(trained, qtbot, artifacts):
    w = trained
    bar = w.timeline_bar
    assert bar.isVisible() and bar.steps[0] == 0 and bar.steps[-1] == 200 and len(bar.steps) > 10
    now = views(w, qtbot)
    bar.view(3)
    assert w.session.viewed_step == 3 and w.session.inspection_step == 3
    assert w.training_panel.plot.marked_step == 3
    early = views(w, qtbot)
    assert not np.allclose(early[0], now[0])
    assert not np.allclose(early[1], now[1])
    assert early[2] != now[2]
    assert early[3] != now[3]
    assert "step 3" in bar.label.text() and "held" in bar.label.text()
    grab(w, artifacts / "timeline-held.png")
    bar.now_button.click()
    back = views(w, qtbot)
    np.testing.assert_array_equal(back[0], now[0])
    assert back[2] == now[2] and w.session.viewed_step is None
    assert w.training_panel.plot.marked_step is None


def test_a_reopened_run_has_its_timeline(trained, qtbot):
    w = trained
    steps = list(w.timeline_bar.steps)
    runs = w.runs_panel
    runs.reload()
    [run] = [r for r in runs.runs if getattr(r, "step", 0) == 200]
    w.session.saved_step = w.session.trainer.step
    assert w.model_files.open_checkpoint(run.checkpoint_path, run.name)
    assert w.timeline_bar.steps == steps
    w.timeline_bar.view(9)
    assert w.session.inspection_step == 9


def test_with_the_timeline_and_a_message_the_window_still_fits_a_1280x720_projector(trained, qtbot):
    w = trained
    w.show_message("“tinyshakespeare.txt” is now 575,345 tokens from a vocabulary of 512. See the Tokens tab.", "info")
    panel = w.prompt_panel
    panel.copy_marks.index = w.session.data.copy_index
    panel.copy_marks.check("Thou art a villain, sir, and the king", 0)
    assert w.timeline_bar.isVisible()
    hint = w.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 680, hint
