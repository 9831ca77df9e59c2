"""Promises kept on the real paths: a real signal sent to a real training process, a real full disk, a
training run whose timed evaluations fall at other steps."""
import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import torch
from conftest import fill
from engine_helpers import tiny_trainer

from playground.core.storage.checkpoint import load_checkpoint
from playground.core.training.controller import TrainingController

ROOT = Path(__file__).resolve().parents[1]
# small enough to run 1,500 steps in a few seconds, long enough that a signal lands mid-run
# a step long enough (~10 ms) that a signal sent while training lands inside one
MODEL = ["--layers", "2", "--heads", "2", "--d-model", "64", "--context", "32", "--batch-size", "8",
         "--dropout", "0.1", "--eval-interval", "1000", "--seed", "7"]
STEPS = "600"


def _default_sigint():
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # a shell's background job inherits SIGINT ignored


def _cli(*args) -> list[str]:
    return [sys.executable, str(ROOT / "main.py"), *args]


def _env() -> dict:
    return dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")


class Lines:
    """Collects a process's stderr in a thread, so the test can wait for a line without blocking."""

    def __init__(self, process: subprocess.Popen):
        self.text, self._changed = "", threading.Condition()
        self._thread = threading.Thread(target=self._read, args=(process,), daemon=True)
        self._thread.start()

    def _read(self, process):
        for chunk in iter(lambda: process.stderr.read1(4096), b""):
            with self._changed:
                self.text += chunk.decode("utf-8", "replace")
                self._changed.notify_all()

    def wait_for(self, phrase: str, timeout: float = 60) -> None:
        with self._changed:
            assert self._changed.wait_for(lambda: phrase in self.text, timeout), self.text[-2000:]

    def wait_for_step(self, step: int, timeout: float = 60) -> None:
        """Until the progress bar has passed `step`: the process is then in the middle of training, not in
        an evaluation (a signal right after an evaluation's line lands between two steps by luck)."""
        def passed() -> bool:
            return any(int(n) >= step for n in re.findall(rf"(\d+)/{STEPS}\b", self.text))
        with self._changed:
            assert self._changed.wait_for(passed, timeout), self.text[-2000:]


def _weights(folder: Path) -> dict:
    return load_checkpoint(folder).model.state_dict()


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory, small_file_module):
    out = tmp_path_factory.mktemp("whole") / "model"
    done = subprocess.run(_cli("train", str(small_file_module), "--steps", STEPS, "--out", str(out),
                               "--no-record", *MODEL), capture_output=True, text=True, env=_env(), timeout=300)
    assert done.returncode == 0, done.stderr
    return _weights(out)


@pytest.fixture(scope="module")
def small_file_module(tmp_path_factory):
    from conftest import SMALL_TEXT
    path = tmp_path_factory.mktemp("text") / "hamlet.txt"
    path.write_text(SMALL_TEXT, encoding="utf-8")
    return path


@pytest.mark.timeout(300)
@pytest.mark.parametrize("signum, after_step, status", [
    (signal.SIGINT, 60, 130), (signal.SIGINT, 250, 130), (signal.SIGTERM, 150, 143), (signal.SIGHUP, 100, 129)])
def test_a_real_signal_saves_between_steps_and_the_resumed_run_equals_the_uninterrupted_one(
        tmp_path, small_file_module, uninterrupted, signum, after_step, status):
    out = tmp_path / "model"
    process = subprocess.Popen(_cli("train", str(small_file_module), "--steps", STEPS, "--out", str(out),
                                    "--runs-dir", str(tmp_path / "runs"), *MODEL),
                               stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=_env(),
                               preexec_fn=_default_sigint)
    lines = Lines(process)
    lines.wait_for_step(after_step)
    process.send_signal(signum)
    assert process.wait(timeout=120) == status, lines.text[-2000:]
    assert "Traceback" not in lines.text
    stopped_at = load_checkpoint(out).step
    assert int(after_step) <= stopped_at < int(STEPS), "the signal must land mid-run for this test to mean anything"
    run_json = next((tmp_path / "runs").glob("*/run.json")).read_text()
    assert '"status": "stopped"' in run_json  # never "running" forever

    resumed = subprocess.run(_cli("train", str(small_file_module), "--resume", str(out), "--out", str(out),
                                  "--no-record"), capture_output=True, text=True, env=_env(), timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    weights = _weights(out)
    for name, value in uninterrupted.items():
        assert torch.allclose(weights[name], value, atol=1e-5), f"{name} differs after a stop at {stopped_at}"


def test_sigterm_with_no_record_still_saves_the_model(tmp_path, small_file_module):
    out = tmp_path / "model"
    process = subprocess.Popen(_cli("train", str(small_file_module), "--steps", STEPS, "--out", str(out),
                                    "--no-record", *MODEL),
                               stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=_env())
    lines = Lines(process)
    lines.wait_for_step(100)
    process.terminate()
    assert process.wait(timeout=120) == 143, lines.text[-2000:]
    assert load_checkpoint(out).step >= 100
    assert not list(out.glob("*.tmp"))


@pytest.mark.parametrize("dropout", [0.0, 0.1])
def test_the_trajectory_does_not_depend_on_when_timed_evaluations_fall(small_text, dropout):
    def trained(every_s: float) -> dict:
        trainer = tiny_trainer(small_text, max_steps=40, dropout=dropout, eval_interval=1000, sample_interval=1000)
        # every_s 0: an evaluation, a sample and a snapshot after every step; 1e9: only at the end
        TrainingController(trainer, snapshot_every_s=every_s, eval_every_s=every_s, sample_every_s=every_s).run()
        return trainer.model.state_dict(), trainer.history.val_steps

    often, often_steps = trained(0.0)
    never, never_steps = trained(1e9)
    assert len(often_steps) == 40 and never_steps == [40]  # the two runs did evaluate differently
    for name in often:
        assert torch.equal(often[name], never[name]), name


# ---- a real full disk --------------------------------------------------------------------------------

@pytest.mark.timeout(300)
def test_training_into_a_real_full_disk_is_one_line_and_exit_1(tmp_path, small_file_module, full_disk):
    # a model of ~1.3 MB a checkpoint (weights and AdamW's two moments): the second save cannot fit in 2 MB
    result = subprocess.run(_cli("train", str(small_file_module), "--steps", "300", "--runs-dir", str(full_disk),
                                 "--layers", "2", "--d-model", "64", "--heads", "2", "--context", "16",
                                 "--batch-size", "4", "--eval-interval", "50", "--optimizer", "adamw"),
                            capture_output=True, text=True, env=_env(), timeout=240)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "SafetensorError" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors and all("disk is full" in line for line in errors), result.stderr
    # the last good checkpoint stays loadable, and the record says why the run ended
    run = next(full_disk.glob("*/run.json"))
    assert '"status": "failed"' in run.read_text()
    kept = load_checkpoint(run.parent / "checkpoint")
    assert kept.step == 50


def test_save_checkpoint_into_a_real_full_disk_raises_disk_write_error_and_leaves_nothing(small_text, full_disk):
    from playground.core.files.durable import DiskWriteError
    from playground.core.storage.checkpoint import save_checkpoint

    fill(full_disk, leave_bytes=64 * 1024)
    trainer = tiny_trainer(small_text, max_steps=10)
    with pytest.raises(DiskWriteError, match="disk is full"):
        save_checkpoint(full_disk / "model", trainer)
    assert not (full_disk / "model").exists()  # no empty folder left behind


# ---- two writers, one folder ----------------------------------------------------------------------

_WRITER = """
import sys
sys.path.insert(0, {root!r}); sys.path.insert(0, {tests!r})
from conftest import SMALL_TEXT
from conftest import fill
from engine_helpers import tiny_trainer
from playground.core.storage.checkpoint import save_checkpoint
trainer = tiny_trainer(SMALL_TEXT, max_steps=10, seed={seed})
print("ready", flush=True)
sys.stdin.readline()
for _ in range(15):
    save_checkpoint({folder!r}, trainer)
print("done", flush=True)
"""


@pytest.mark.timeout(120)
def test_two_processes_saving_into_one_folder_leave_a_loadable_checkpoint(tmp_path):
    folder = tmp_path / "shared"
    writers = [subprocess.Popen([sys.executable, "-c", _WRITER.format(root=str(ROOT), tests=str(ROOT / "tests"),
                                                                        seed=seed, folder=str(folder))],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=_env())
               for seed in (1, 2)]
    for w in writers:
        assert w.stdout.readline().strip() == "ready"
    for w in writers:  # both start saving at the same moment
        w.stdin.write("go\n")
        w.stdin.flush()
    for w in writers:
        assert w.stdout.readline().strip() == "done"
        assert w.wait(timeout=60) == 0
    checkpoint = load_checkpoint(folder)
    assert checkpoint.step == 0 and len(list(folder.glob("weights-*.safetensors"))) == 1


def test_a_run_record_that_cannot_be_written_leaves_no_run_folder(small_text, full_disk):
    from playground.core.files.durable import DiskWriteError
    from playground.core.storage.runs import RunStore

    store = RunStore(full_disk / "runs")
    (full_disk / "runs").mkdir()
    fill(full_disk)
    with pytest.raises(DiskWriteError, match="disk is full"):
        store.create(tiny_trainer(small_text, max_steps=10), "hamlet.txt")
    assert list((full_disk / "runs").iterdir()) == []  # no run folder without its run.json
