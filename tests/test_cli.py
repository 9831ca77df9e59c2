import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args, timeout=120):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          timeout=timeout, env=env)


@pytest.mark.timeout(180)
def test_train_then_sample_end_to_end(tmp_path, small_file):
    out = tmp_path / "model"
    result = run_cli("train", str(small_file), "--out", str(out), "--layers", "1", "--heads", "2",
                     "--d-model", "32", "--context", "32", "--steps", "30", "--batch-size", "8",
                     "--eval-interval", "10")
    assert result.returncode == 0, result.stderr
    assert "val" in result.stderr and "saved checkpoint" in result.stderr
    sample = run_cli("sample", str(out), "--prompt", "To be", "--tokens", "40", "--seed", "1")
    assert sample.returncode == 0, sample.stderr
    assert sample.stdout.startswith("To be") and len(sample.stdout) >= 40
    resumed = run_cli("train", str(small_file), "--out", str(out), "--resume", str(out), "--steps", "40",
                      "--batch-size", "8", "--eval-interval", "10")
    assert resumed.returncode == 0, resumed.stderr
    assert "step     40" in resumed.stderr


@pytest.mark.parametrize("args, phrase", [
    (["train", "{tmp}/missing.txt", "--out", "{tmp}/o"], "does not exist"),
    (["train", "{tmp}", "--out", "{tmp}/o"], "is a folder"),
    (["train", "{small}", "--out", "{tmp}/o", "--d-model", "130"], "divide evenly"),
    (["train", "{small}", "--out", "{tmp}/o", "--context", "1000"], "too short"),
    (["sample", "{tmp}"], "not a checkpoint"),
    (["train", "{small}", "--no-record"], "nothing would be saved"),
])
def test_bad_input_is_one_clear_line(tmp_path, small_file, args, phrase):
    args = [a.format(tmp=tmp_path, small=small_file) for a in args]
    result = run_cli(*args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and phrase in lines[0]
    assert "Traceback" not in result.stderr


def test_asking_for_a_missing_gpu_is_one_clear_line(tmp_path, small_file):
    import torch
    if torch.cuda.is_available():
        pytest.skip("this machine has a CUDA GPU")
    result = run_cli("train", str(small_file), "--out", str(tmp_path / "o"), "--device", "cuda")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "error: --device cuda was asked for, but torch sees no CUDA GPU here; use --device cpu or auto"]
