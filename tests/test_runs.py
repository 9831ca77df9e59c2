"""Run records: written while training, listed, renamed, deleted, exported; damaged ones reported."""
import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from engine_helpers import tiny_trainer, untimed_controller

from playground.core.storage.checkpoint import load_checkpoint
from playground.core.storage.runs import DamagedRun, RunError, RunRecord, RunStore

ROOT = Path(__file__).resolve().parents[1]


def train_run(store, small_text, steps=40, **overrides):
    trainer = tiny_trainer(small_text, max_steps=steps, **overrides)
    controller = untimed_controller(trainer)
    writer = store.create(trainer, "hamlet.txt")
    controller.add_callback(writer)
    assert controller.run() == "finished"
    return writer.record


def test_a_run_records_its_curves_and_checkpoint(tmp_path, small_text):
    store = RunStore(tmp_path / "runs")
    record = train_run(store, small_text, steps=40)
    [listed] = store.list()
    assert isinstance(listed, RunRecord) and listed.id == record.id
    assert listed.status == "finished" and listed.step == 40
    assert [p[0] for p in listed.train] == [10, 20, 30, 40]
    assert [p[0] for p in listed.val] == [20, 40]
    assert listed.final_val == pytest.approx(record.val[-1][1])
    assert listed.tokens_per_s > 0 and listed.wall_s > 0
    assert listed.config["n_layer"] == 2 and listed.corpus == "hamlet.txt"
    checkpoint = load_checkpoint(listed.checkpoint_path)
    assert checkpoint.step == 40
    xs, _ = listed.curve("val", "tokens")
    assert xs == [20 * listed.tokens_per_step, 40 * listed.tokens_per_step]
    xs, _ = listed.curve("train", "time")
    assert xs == sorted(xs) and xs[-1] <= listed.wall_s + 1e-3  # times are stored to the millisecond


def test_a_followed_run_has_a_model_to_open_before_it_ends(tmp_path, small_text):
    store = RunStore(tmp_path / "runs")
    trainer = tiny_trainer(small_text, max_steps=60, eval_interval=20)
    writer = store.create(trainer, "hamlet.txt")
    writer.checkpoint_on_eval = True
    controller = untimed_controller(trainer)
    steps_at_save = []
    controller.add_callback(writer)
    controller.add_callback(lambda e: writer.record.has_checkpoint and not steps_at_save and
                            steps_at_save.append(load_checkpoint(writer.record.checkpoint_path).step))
    assert controller.run() == "finished"
    assert steps_at_save == [20]
    assert load_checkpoint(writer.record.checkpoint_path).step == 60


def test_rename_delete_and_survive_a_new_store(tmp_path, small_text):
    store = RunStore(tmp_path / "runs")
    a = train_run(store, small_text, steps=20)
    b = train_run(store, small_text, steps=20, activation="gelu")
    store.rename(a.id, "baseline")
    again = RunStore(tmp_path / "runs").list()  # as after a restart
    assert {r.name for r in again} == {"baseline", b.name}
    with pytest.raises(RunError, match="empty"):
        store.rename(a.id, "  ")
    with pytest.raises(RunError, match="no run"):
        store.delete("../../etc")
    store.delete(b.id)
    assert [r.id for r in store.list()] == [a.id]


def test_damaged_runs_are_listed_with_a_reason_and_hide_nothing(tmp_path, small_text):
    store = RunStore(tmp_path / "runs")
    good = train_run(store, small_text, steps=20)
    (store.root / "broken").mkdir()
    (store.root / "broken" / "run.json").write_text("{not json")
    (store.root / "empty").mkdir()
    (store.root / "partial").mkdir()
    (store.root / "partial" / "run.json").write_text(json.dumps({"format": "tinygpt-run-1", "id": "x"}))
    runs = {r.path.name: r for r in store.list()}
    assert isinstance(runs[good.id], RunRecord)
    assert isinstance(runs["broken"], DamagedRun) and "damaged" in runs["broken"].reason
    assert "missing" in runs["empty"].reason
    assert "incomplete" in runs["partial"].reason


def test_export_is_a_folder_the_cli_can_sample_from(tmp_path, small_text):
    store = RunStore(tmp_path / "runs")
    record = train_run(store, small_text, steps=40)
    out = store.export(record, tmp_path / "shared-run", plot_png=b"\x89PNG fake")
    rows = list(csv.DictReader(io.StringIO((out / "loss.csv").read_text())))
    assert len(rows) == len({p[0] for p in record.train} | {p[0] for p in record.val})
    assert rows[-1]["val_loss"] and float(rows[-1]["val_loss"]) == pytest.approx(record.final_val, abs=1e-5)
    assert (out / "loss.png").read_bytes().startswith(b"\x89PNG")
    assert load_checkpoint(out).step == 40  # a run folder opens like a checkpoint folder
    with pytest.raises(RunError, match="not empty"):
        store.export(record, out)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "sample", str(out), "--prompt", "To",
                             "--tokens", "10", "--seed", "1"], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0 and result.stdout.startswith("To")



# ---- run folders that lie or attack ----

def write_run_json(store, name, **fields):
    folder = store.root / name
    folder.mkdir(parents=True)
    record = {"format": "tinygpt-run-1", "id": name, "name": name, "created": 1.0, "corpus": "c.txt",
              "config": {}, "settings": {}, "tokenizer": "char", "tokens_per_step": 8}
    record.update(fields)
    (folder / "run.json").write_text(json.dumps(record))
    return folder


@pytest.mark.parametrize("fields, phrase", [
    ({"created": None}, "created is not a number"),
    ({"config": "x"}, "config is not a table"),
    ({"train": [[1]]}, "train curve"),
    ({"val": [[1, "x", 2, 3]]}, "validation curve"),
    ({"status": 7}, "status is not text"),
    ({"step": -3}, "step is not a whole number"),
    ({"tokens_per_char": "0.5"}, "tokens_per_char is not a number"),
])
def test_a_malformed_record_is_a_damaged_row_not_a_crash(tmp_path, small_text, fields, phrase):
    store = RunStore(tmp_path / "runs")
    good = train_run(store, small_text, steps=10)
    write_run_json(store, "bad", **fields)
    runs = store.list()
    assert any(isinstance(r, RunRecord) and r.path == good.path for r in runs)
    [bad] = [r for r in runs if isinstance(r, DamagedRun)]
    assert phrase in bad.reason


@pytest.mark.timeout(20)
def test_a_run_file_that_is_a_fifo_or_a_link_to_dev_zero_is_refused(tmp_path):
    store = RunStore(tmp_path / "runs")
    (store.root / "fifo").mkdir(parents=True)
    os.mkfifo(store.root / "fifo" / "run.json")
    (store.root / "zero").mkdir()
    (store.root / "zero" / "run.json").symlink_to("/dev/zero")
    reasons = {r.path.name: r.reason for r in store.list()}
    assert "not a plain file" in reasons["fifo"] and "link" in reasons["zero"]


def test_deleting_a_copy_of_an_exported_run_leaves_the_original(tmp_path, small_text):
    store = RunStore(tmp_path / "runs")
    original = train_run(store, small_text, steps=10)
    store.export(original, store.root / "copy-of-run")  # exported, then dropped back into the runs folder
    [copy] = [r for r in store.list() if r.path.name == "copy-of-run"]
    assert copy.id == "copy-of-run" != original.id
    store.delete(copy.id)
    assert original.path.is_dir() and (original.path / "run.json").is_file()
    assert [r.path for r in store.list()] == [original.path]


def test_a_crafted_id_cannot_make_rename_act_on_another_run(tmp_path, small_text):
    store = RunStore(tmp_path / "runs")
    victim = train_run(store, small_text, steps=10)
    write_run_json(store, "attacker", id=victim.id)
    [attacker] = [r for r in store.list() if r.path.name == "attacker"]
    store.rename(attacker.id, "renamed")
    assert json.loads((victim.path / "run.json").read_text())["name"] == victim.name
    assert json.loads((store.root / "attacker" / "run.json").read_text())["name"] == "renamed"


def test_export_never_follows_links_out_of_the_run(tmp_path, small_text):
    store = RunStore(tmp_path / "runs")
    run = train_run(store, small_text, steps=10)
    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    (run.path / "notes.txt").symlink_to(secret)
    (run.path / "loop").symlink_to(run.path)
    out = store.export(run, tmp_path / "export")
    names = {p.name for p in out.rglob("*")}
    assert "notes.txt" not in names and "loop" not in names and "run.json" in names
    assert load_checkpoint(out).step == 10


def test_a_failed_export_leaves_nothing_half_written(tmp_path, small_text, monkeypatch):
    import errno
    store = RunStore(tmp_path / "runs")
    run = train_run(store, small_text, steps=10)

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("playground.core.storage.runs.shutil.copy2", full)
    with pytest.raises(RunError, match="disk is full"):
        store.export(run, tmp_path / "export")
    assert [p.name for p in tmp_path.iterdir() if p.name not in ("data", "runs")] == []


def test_a_run_killed_mid_way_reads_interrupted_not_running(tmp_path, small_text):
    store = RunStore(tmp_path / "runs")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    folder = write_run_json(store, "killed", status="running", step=420, pid=dead.pid,
                            host=__import__("socket").gethostname(), updated=__import__("time").time())
    [run] = store.list()
    assert run.path == folder and run.shown_status == "interrupted at step 420"
    alive = write_run_json(store, "alive", status="running", step=3, pid=os.getpid(),
                           host=__import__("socket").gethostname())
    assert next(r for r in store.list() if r.path == alive).shown_status == "running"


def test_the_cli_on_a_full_disk_stops_with_one_line_and_keeps_the_last_checkpoint(tmp_path, small_file, capsys,
                                                                                    monkeypatch):

    from safetensors import SafetensorError

    from playground.cli import main
    from playground.core.files import durable as durable_module
    real_save = durable_module.save_file
    calls = []

    def fills_up(*args, **kwargs):
        calls.append(1)
        if len(calls) > 1:
            raise SafetensorError("Error while serializing: I/O error: No space left on device (os error 28)")  # as safetensors does
        return real_save(*args, **kwargs)

    monkeypatch.setattr(durable_module, "save_file", fills_up)
    runs = tmp_path / "runs"
    code = main(["train", str(small_file), "--runs-dir", str(runs), "--layers", "1", "--heads", "2",
                 "--d-model", "32", "--context", "32", "--batch-size", "8", "--steps", "60", "--eval-interval", "10"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert errors and "disk is full" in errors[0] and str(runs) in errors[0]
    assert "--resume" in err, "it says how to continue from the last checkpoint"
    [run] = RunStore(runs).list()
    assert run.status == "failed" and "disk is full" in run.shown_status
    assert load_checkpoint(run.checkpoint_path).step == 10  # the last good one, from the first evaluation


def test_the_cli_offers_another_folder_when_the_final_save_fails(tmp_path, small_file, capsys, monkeypatch):
    import io

    from safetensors import SafetensorError

    from playground.cli import main
    from playground.core.files import durable as durable_module
    real_save = durable_module.save_file
    full_folder = tmp_path / "full"

    def full_there(tensors, path, **kwargs):
        if str(full_folder) in str(path):
            raise SafetensorError("Error while serializing: I/O error: No space left on device (os error 28)")  # as safetensors does
        return real_save(tensors, path, **kwargs)

    monkeypatch.setattr(durable_module, "save_file", full_there)

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr(sys, "stdin", Terminal(str(tmp_path / "elsewhere") + "\n"))
    code = main(["train", str(small_file), "--no-record", "--out", str(full_folder), "--layers", "1", "--heads", "2",
                 "--d-model", "32", "--context", "32", "--batch-size", "8", "--steps", "12"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert load_checkpoint(tmp_path / "elsewhere").step == 12


def test_bits_per_character_make_a_subword_run_comparable_with_a_character_run(tmp_path):
    """A BPE run's 4.5 nats per token at 0.52 tokens per character is 3.38 bits per character."""
    store = RunStore(tmp_path / "runs")
    folder = store.root / "bpe-run"
    folder.mkdir(parents=True)
    record = RunRecord(path=folder, id="bpe-run", name="bpe", created=1.0, corpus="t.txt", config={}, settings={},
                       tokenizer="bpe-512", tokens_per_step=64, val=[[100, 4.5, 4.4, 1.0]], tokens_per_char=0.52)
    from playground.core.storage.runs import write_record
    write_record(record)
    [read] = store.list()
    assert read.final_val_bits_per_char == pytest.approx(4.5 * 0.52 / 0.6931471805599453)
    older = RunRecord(path=folder, id="x", name="old", created=1.0, corpus="t.txt", config={}, settings={},
                      tokenizer="char", tokens_per_step=64, val=[[100, 2.0, 2.0, 1.0]])
    assert older.final_val_bits_per_char is None  # records from before this field say nothing rather than guess
