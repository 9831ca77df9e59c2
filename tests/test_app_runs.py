"""Experiments in the window: architecture options, the run list, overlays, config diffs and exports."""
import csv
import io
import json

import pytest
from app_helpers import grab, make_window, train_synchronously, use_small_model
from engine_helpers import tiny_trainer
from PySide6.QtGui import QImage

from playground.app.panels.runs_panel import COLUMNS
from playground.core.storage.checkpoint import load_checkpoint
from playground.core.storage.runs import RunRecord, RunStore
from playground.core.training.controller import TrainingController

STATUS = COLUMNS.index("Status")

pytestmark = pytest.mark.timeout(180)


@pytest.fixture
def window(qtbot, tmp_path):
    return make_window(qtbot, tmp_path / "settings.ini")


def train_in_app(qtbot, window, steps=40):
    with qtbot.waitSignal(window.training_finished, timeout=90000) as finished:
        window.training_actions.start()
    assert finished.args == ["finished"], window.message_bar.text.text()


def test_architecture_options_reach_the_model_and_persist(window, qtbot, tmp_path):
    panel = window.settings_panel
    panel.norm.setCurrentIndex(panel.norm.findData("post"))
    panel.activation.setCurrentIndex(panel.activation.findData("gelu"))
    panel.positional.setCurrentIndex(panel.positional.findData("sinusoidal"))
    panel.tied.setChecked(False)
    config = panel.model_config()
    assert (config.norm_placement, config.activation, config.positional, config.tie_embeddings) == \
        ("post", "gelu", "sinusoidal", False)
    assert "Add & LayerNorm" in [n.label for n in window.explain_panel.diagram.nodes]
    assert all(combo.toolTip() for combo in (panel.norm, panel.activation, panel.positional, panel.tied))
    window.close()
    again = make_window(qtbot, tmp_path / "settings.ini")
    assert again.settings_panel.model_config().norm_placement == "post"
    assert not again.settings_panel.tied.isChecked()


def test_two_runs_are_listed_overlaid_and_diffed(window, qtbot, artifacts, tmp_path):
    use_small_model(window, steps=50)
    train_in_app(qtbot, window)
    window.settings_panel.activation.setCurrentIndex(window.settings_panel.activation.findData("gelu"))
    train_in_app(qtbot, window)
    panel = window.runs_panel
    runs = [r for r in panel.runs if isinstance(r, RunRecord)]
    assert len(runs) == 2
    assert {r.config["activation"] for r in runs} == {"relu", "gelu"}
    assert [(r.status, r.step, r.has_checkpoint) for r in runs] == [("finished", 50, True)] * 2
    for r in runs:
        panel.set_checked(r.id, True)
    assert len(panel.curves) == 2
    for run in runs:  # each curve is its own run's points (evaluations may also come by time on a slow machine)
        train, val = panel.curves[run.id]
        assert len(val.xData) == len(run.val) and len(train.xData) == 5
    assert "Activation" in panel.differing and "Layers" not in panel.differing
    # the comparison's headers carry each run's name: whole (wrapped) where it fits, else cut in the middle,
    # never at both ends; the tooltip has it all — at the default size and on a 1280×720 projector
    checked = panel.checked_runs()
    window.tabs.setCurrentWidget(panel)
    header_view = panel.diff.horizontalHeader()

    def headers_fit():
        items = [panel.diff.horizontalHeaderItem(c) for c in range(panel.diff.columnCount())]
        return all(header_view.fontMetrics().horizontalAdvance(line) <= header_view.sectionSize(c)
                   for c, h in enumerate(items) for line in h.text().split("\n"))

    for size in ((1320, 860), (1280, 690)):
        window.resize(*size)
        qtbot.waitUntil(headers_fit, timeout=5000)
        headers = [panel.diff.horizontalHeaderItem(c) for c in range(panel.diff.columnCount())]
        assert [h.toolTip() for h in headers] == [r.name for r in checked]
        for h, run in zip(headers, checked):
            shown = h.text().replace("\n", " ")
            assert shown == run.name or (shown[:3] == run.name[:3] and shown[-3:] == run.name[-3:] and "…" in shown)
    panel.x_axis.setCurrentIndex(panel.x_axis.findData("time"))
    train, val = next(iter(panel.curves.values()))
    assert max(val.xData) < 120 and "wall time" in panel.plot.getPlotItem().getAxis("bottom").labelText
    window.tabs.setCurrentWidget(panel)
    grab(window, artifacts / "app-runs.png")

    # exports: PNG opens, CSV rows are the logged points, a run folder opens as a model
    png = tmp_path / "loss.png"
    assert panel.save_png(png) and not QImage(str(png)).isNull()
    panel.set_checked(runs[1].id, False)
    csv_path = tmp_path / "loss.csv"
    assert panel.csv_button.isEnabled() and panel.save_csv(csv_path)
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text())))
    assert len(rows) == len({p[0] for p in runs[0].train} | {p[0] for p in runs[0].val})
    out = panel.export_run(runs[0], tmp_path / "exported")
    assert out is not None and load_checkpoint(out).step == 50
    assert not QImage(str(out / "loss.png")).isNull()
    assert window.prompt_panel.save_attention_png(tmp_path / "attention.png")
    assert not QImage(str(tmp_path / "attention.png")).isNull()


def test_runs_survive_a_restart_and_reopen_for_inspection(qtbot, tmp_path):
    first = make_window(qtbot, tmp_path / "s.ini")
    use_small_model(first, steps=50)
    train_in_app(qtbot, first)
    first.runs_panel.rename(first.runs_panel.runs[0].id, "my baseline")
    first.close()
    second = make_window(qtbot, tmp_path / "s.ini")
    [run] = second.runs_panel.runs
    assert run.name == "my baseline"
    second.runs_panel.table.selectRow(0)
    assert second.runs_panel.open_button.isEnabled()
    second.runs_panel.open_button.click()
    assert second.session.inspection_model is not None and second.session.inspection_step == 50
    assert "my baseline" in second.message_bar.text.text()


def test_a_damaged_run_is_reported_and_the_rest_load(qtbot, tmp_path, small_text):
    store = RunStore()
    trainer = tiny_trainer(small_text, max_steps=20)
    controller = TrainingController(trainer)
    controller.add_callback(store.create(trainer, "hamlet.txt", "good one"))
    assert controller.run() == "finished"
    (store.root / "bad").mkdir()
    (store.root / "bad" / "run.json").write_text("{garbage")
    window = make_window(qtbot, tmp_path / "s.ini")
    panel = window.runs_panel
    names = [panel.table.item(r, 0).text() for r in range(panel.table.rowCount())]
    assert "good one" in names and "bad" in names
    bad_row = names.index("bad")
    assert panel.table.item(bad_row, STATUS).text().startswith("damaged:")
    panel.table.selectRow(bad_row)
    assert not panel.open_button.isEnabled() and panel.delete_button.isEnabled()
    assert panel.delete("bad")
    assert [r.name for r in panel.runs] == ["good one"]


def test_the_app_follows_a_run_the_cli_is_writing(window, qtbot, small_text):
    panel = window.runs_panel
    trainer = tiny_trainer(small_text, max_steps=200, eval_interval=50)
    writer = RunStore().create(trainer, "from the CLI.txt", "cli run")
    qtbot.waitUntil(lambda: panel.reload_if_changed() or any(r.name == "cli run" for r in panel.runs), timeout=10000)
    run = next(r for r in panel.runs if r.name == "cli run")
    panel.set_checked(run.id, True)
    controller = TrainingController(trainer)
    controller.add_callback(writer)
    assert controller.run() == "finished"  # writes evals as it goes, like the CLI in another process
    qtbot.waitUntil(lambda: panel.reload_if_changed() or
                    next(r for r in panel.runs if r.name == "cli run").status == "finished", timeout=10000)
    _, val = panel.curves[run.id]
    assert len(val.xData) == 4
    record = json.loads((writer.record.path / "run.json").read_text())
    assert record["status"] == "finished"


def test_a_run_with_a_damaged_model_says_so_and_still_compares(qtbot, tmp_path, small_text):
    store = RunStore()
    for name in ("intact", "broken model", "bad weights"):
        trainer = tiny_trainer(small_text, max_steps=20)
        controller = TrainingController(trainer)
        controller.add_callback(store.create(trainer, "hamlet.txt", name))
        assert controller.run() == "finished"
    runs = {r.name: r for r in store.list()}
    (runs["broken model"].checkpoint_path / "checkpoint.json").write_text("{cut off")
    weights = next(runs["bad weights"].checkpoint_path.glob("weights-*.safetensors"))
    weights.write_bytes(weights.read_bytes()[:-100] + b"x" * 100)  # same size, wrong checksum
    window = make_window(qtbot, tmp_path / "s.ini")
    panel = window.runs_panel
    rows = {panel.table.item(r, 0).text(): r for r in range(panel.table.rowCount())}
    status = lambda name: panel.table.item(rows[name], STATUS).text()
    assert status("intact") == "finished"
    assert status("broken model").startswith("model damaged:") and "checkpoint.json" in status("broken model")
    panel.table.selectRow(rows["broken model"])
    assert not panel.open_button.isEnabled()
    panel.set_checked(runs["broken model"].id, True)
    assert len(panel.curves) == 1, "its curves can still be compared"
    # a damaged checksum is only found when opening: the row then says why, and nothing else changes
    panel.table.selectRow(rows["bad weights"])
    panel.open_button.click()
    assert window.session.inspection_model is None
    assert "checksum" in status("bad weights") and status("bad weights").startswith("model damaged:")
    assert "checksum" in window.message_bar.text.text()


@pytest.mark.timeout(60)
def test_the_app_starts_whatever_lies_in_the_runs_folder(qtbot, tmp_path, private_data_dir):
    import os
    runs = private_data_dir / "runs"
    for name, text in (("null-created", '{"format": "tinygpt-run-1", "name": "a", "created": null, "corpus": "c", '
                                        '"config": {}, "settings": {}, "tokenizer": "char", "tokens_per_step": 8}'),
                       ("config-string", '{"format": "tinygpt-run-1", "name": "b", "created": 1, "corpus": "c", '
                                         '"config": "x", "settings": {}, "tokenizer": "char", "tokens_per_step": 8}'),
                       ("not-json", "{")):
        (runs / name).mkdir(parents=True)
        (runs / name / "run.json").write_text(text)
    (runs / "fifo").mkdir()
    os.mkfifo(runs / "fifo" / "run.json")
    window = make_window(qtbot, tmp_path / "settings.ini", load_default=False)
    table = window.runs_panel.table
    assert table.rowCount() == 4
    texts = [" ".join(table.item(r, c).text() for c in range(table.columnCount()) if table.item(r, c))
             for r in range(table.rowCount())]
    assert all("damaged" in t for t in texts)


def test_an_error_in_the_training_thread_ends_in_a_message_and_a_usable_window(window, qtbot, monkeypatch):
    from playground.core.training import controller as controller_module
    use_small_model(window, steps=50)

    def broken(self):
        raise MemoryError("simulated")

    monkeypatch.setattr(controller_module.TrainingController, "run", broken)
    with qtbot.waitSignal(window.training_finished, timeout=30000) as finished:
        window.training_actions.start()
    assert finished.args == ["failed"]
    assert window.message_bar.kind == "error" and "MemoryError" in window.message_bar.text.text()
    assert window.training_panel.start_button.isEnabled()
    assert window.training_panel.status_label.text() != "Training…"


def test_a_full_disk_at_the_end_of_a_run_keeps_the_model_and_says_so(window, qtbot, monkeypatch):

    from safetensors import SafetensorError

    from playground.core.files import durable as durable_module
    use_small_model(window, steps=50)

    def full(*a, **k):
        raise SafetensorError("Error while serializing: I/O error: No space left on device (os error 28)")  # as safetensors does

    monkeypatch.setattr(durable_module, "save_file", full)
    with qtbot.waitSignal(window.training_finished, timeout=60000):
        window.training_actions.start()
    assert "disk is full" in window.message_bar.text.text() and "Ctrl+S" in window.message_bar.text.text()
    assert window.training_panel.start_button.isEnabled() and window.session.trainer.step == 50
    assert window.session.saved_step != window.session.trainer.step, "quitting will still ask to save it"
    monkeypatch.undo()
    assert window.model_files.save_model_to(window.run_store.root.parent / "rescued")


def test_save_model_into_a_real_full_disk_says_so_and_leaves_nothing(window, qtbot, full_disk):
    from conftest import fill
    train_synchronously(window, steps=5)
    fill(full_disk, leave_bytes=16 * 1024)
    assert not window.model_files.save_model_to(full_disk / "model")
    assert window.message_bar.kind == "error" and "disk is full" in window.message_bar.text.text()
    assert not (full_disk / "model").exists()
    assert window.session.trainer is not None  # the model is still here, to save elsewhere


@pytest.mark.timeout(120)
def test_training_with_the_data_folder_on_a_real_full_disk_ends_in_a_usable_window(qtbot, tmp_path, full_disk,
                                                                                  monkeypatch):
    from conftest import fill
    monkeypatch.setenv("TINYGPT_DATA_DIR", str(full_disk))
    w = make_window(qtbot, tmp_path / "s.ini")
    use_small_model(w, steps=40)
    fill(full_disk, leave_bytes=64 * 1024)  # room for the run's record, not for its model or timeline
    with qtbot.waitSignal(w.training_finished, timeout=60000):
        w.training_actions.start()
    assert w.training_panel.start_button.isEnabled() and w.session.training_state == "trained"
    assert "disk is full" in w.message_bar.text.text() and "Ctrl+S" in w.message_bar.text.text()
    assert w.session.has_unsaved_model  # quitting will ask to save it elsewhere
