"""Knobs while it runs: Step when paused, a learning-rate multiplier mid-run, the health strip."""
import pytest
from app_helpers import grab, make_window, use_small_model

pytestmark = pytest.mark.timeout(150)


def test_step_change_the_learning_rate_and_watch_health(qtbot, tmp_path, artifacts):
    w = make_window(qtbot, tmp_path / "settings.ini")
    use_small_model(w, steps=10000)
    panel = w.training_panel
    panel.health_check.setChecked(True)
    w.training_actions.start()
    qtbot.waitUntil(lambda: panel.plot.point_count >= 60, timeout=60000)
    w.training_actions.toggle_pause()
    qtbot.waitUntil(lambda: w.training.worker.controller.state == "paused", timeout=10000)
    assert panel.step_button.isEnabled()
    paused_at = w.session.trainer.step
    panel.step_button.click()
    qtbot.waitUntil(lambda: panel.step_report.isVisible(), timeout=10000)
    assert w.session.trainer.step == paused_at + 1
    assert panel.step_report.text().startswith(f"<b>Step {paused_at + 1:,}</b>: the loss on its batch went ")
    assert w.training.worker.controller.state == "paused"
    w.training_actions.toggle_pause()
    changed_at = w.session.trainer.step
    panel.lr_scale.setCurrentIndex(panel.lr_scale.findData(2.0))
    panel.sample_temperature.setCurrentIndex(panel.sample_temperature.findData(1.5))
    assert w.training.worker.controller.sample_temperature == 1.5  # the next sample, mid-run, no reset
    qtbot.waitUntil(lambda: w.session.trainer.step > changed_at + 30, timeout=30000)
    assert panel.health.events and panel.health.grad_curve.getData()[0] is not None
    assert len(panel.health.ratio_curves) == 3  # embeddings and the two layers
    grab(w, artifacts / "knobs.png")
    with qtbot.waitSignal(w.training_finished, timeout=20000):
        w.training_actions.stop()
    lrs = w.session.trainer.history.lrs
    schedule = w.session.trainer.settings
    after = [i for i in range(changed_at, len(lrs)) if lrs[i] > 1.5 * schedule.lr_at(i)]
    assert after and after[0] <= changed_at + 3  # the next steps (a step may be under way) use twice the schedule
    assert [line.label.format for line in panel.plot.event_lines] == ["learning rate ×2"]
