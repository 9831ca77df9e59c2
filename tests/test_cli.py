import os
import subprocess
import sys
from pathlib import Path

import pytest

from playground.core.storage.checkpoint import load_checkpoint
from playground.core.storage.runs import RunStore

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
    (["train", "{small}", "--out", "{tmp}/o", "--context", "1000"], "“hamlet.txt” is too short"),
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


SMALL_MODEL = ["--layers", "1", "--heads", "2", "--d-model", "32", "--context", "32", "--batch-size", "8"]


def train_in_process(capsys, *args):
    from playground.cli import main
    code = main(["train", *args])
    captured = capsys.readouterr()
    return code, captured.err


def test_resume_takes_the_training_settings_from_the_checkpoint(tmp_path, small_file, capsys):
    from playground.core.storage.checkpoint import load_checkpoint
    out = tmp_path / "m"
    code, _ = train_in_process(capsys, str(small_file), "--out", str(out), "--no-record", *SMALL_MODEL,
                               "--lr", "1e-3", "--warmup", "10", "--steps", "20", "--eval-interval", "10",
                               "--seed", "5", "--precision", "fp32")
    assert code == 0
    code, err = train_in_process(capsys, str(small_file), "--resume", str(out), "--out", str(out), "--no-record",
                                 "--steps", "30")
    assert code == 0, err
    s = load_checkpoint(out).settings
    assert (s.learning_rate, s.batch_size, s.warmup, s.seed, s.precision, s.eval_interval) == \
        (1e-3, 8, 10, 5, "fp32", 10)
    assert "(from the command line)" not in err
    code, err = train_in_process(capsys, str(small_file), "--resume", str(out), "--out", str(out), "--no-record",
                                 "--steps", "35", "--lr", "5e-4")
    assert code == 0, err
    assert "learning rate 0.001 → 0.0005 (from the command line)" in err
    assert load_checkpoint(out).settings.learning_rate == 5e-4


def test_resume_refuses_flags_that_contradict_the_model(tmp_path, small_file, capsys):
    out = tmp_path / "m"
    assert train_in_process(capsys, str(small_file), "--out", str(out), "--no-record", *SMALL_MODEL,
                            "--steps", "10")[0] == 0
    code, err = train_in_process(capsys, str(small_file), "--resume", str(out), "--out", str(out), "--no-record",
                                 "--steps", "20", "--layers", "3", "--tokenizer", "bpe")
    assert code == 2
    assert "layers 3 (the checkpoint has 1)" in err and "tokenizer bpe (the checkpoint uses char)" in err


def test_resume_to_the_same_total_is_exact(tmp_path, small_file, capsys):
    from playground.core.storage.checkpoint import load_checkpoint
    common = [str(small_file), "--no-record", *SMALL_MODEL, "--eval-interval", "10", "--precision", "fp32",
              "--dropout", "0.1"]
    assert train_in_process(capsys, *common, "--out", str(tmp_path / "straight"), "--steps", "20")[0] == 0
    from playground.core.training import controller as controller_module
    from playground.core.training.events import StepEvent
    original = controller_module.TrainingController.run

    def stop_at_8(controller):
        controller.add_callback(lambda e: isinstance(e, StepEvent) and e.step == 8
                                and controller.stop())
        return original(controller)

    controller_module.TrainingController.run = stop_at_8
    try:
        assert train_in_process(capsys, *common, "--out", str(tmp_path / "leg"), "--steps", "20")[0] == 0
    finally:
        controller_module.TrainingController.run = original
    assert load_checkpoint(tmp_path / "leg").step == 8
    code, err = train_in_process(capsys, str(small_file), "--no-record", "--resume", str(tmp_path / "leg"),
                                 "--out", str(tmp_path / "leg"))
    assert code == 0, err
    a, b = load_checkpoint(tmp_path / "straight"), load_checkpoint(tmp_path / "leg")
    assert b.step == 20
    for (name, x), y in zip(a.model.state_dict().items(), b.model.state_dict().values()):
        assert (x - y).abs().max() <= 1e-5, name


def test_ctrl_c_saves_says_where_and_exits_130(tmp_path, small_file, capsys, monkeypatch):
    from playground.core.storage.checkpoint import load_checkpoint
    from playground.core.training.trainer import Trainer
    original = Trainer.train_step

    def interrupted_at_6(self):
        if self.step == 6:
            raise KeyboardInterrupt
        return original(self)

    monkeypatch.setattr(Trainer, "train_step", interrupted_at_6)
    out = tmp_path / "m"
    code, err = train_in_process(capsys, str(small_file), "--out", str(out), *SMALL_MODEL, "--steps", "50")
    assert code == 130
    assert f"saved checkpoint to {out}" in err
    assert load_checkpoint(out).step == 6


def test_help_shows_every_default_and_how_to_open_the_app(capsys):
    from playground.cli import build_parser
    top = build_parser().format_help()
    assert "no arguments to open the app" in top
    for command in ("train", "sample"):
        sub = build_parser()._subparsers._group_actions[0].choices[command]
        for action in sub._actions:
            if action.option_strings and action.dest != "help":
                assert action.help and "default" in action.help, f"{command} {action.option_strings[0]}"
    steps = build_parser()._subparsers._group_actions[0].choices["train"]._option_string_actions["--steps"]
    assert "total" in steps.help


@pytest.fixture
def bpe_checkpoint(tmp_path):
    from playground.core.data.tokenizer import BPETokenizer
    from playground.core.model.config import GPTConfig
    from playground.core.storage.checkpoint import save_checkpoint
    from playground.core.training.settings import TrainSettings
    from playground.core.training.trainer import Trainer
    text = "Café 🙂 au lait, naïve Zoë.\n" * 60
    tok = BPETokenizer.train(text, 260)
    trainer = Trainer(GPTConfig(vocab_size=tok.vocab_size, n_layer=1, n_head=2, d_model=16, context_length=16),
                      TrainSettings(batch_size=4, max_steps=2), tok, tok.encode_corpus(text))
    trainer.train_step()
    save_checkpoint(tmp_path / "bpe", trainer)
    return tmp_path / "bpe", tok


def test_sample_never_prints_half_a_character(bpe_checkpoint, capsys, monkeypatch):
    from playground.cli import main
    path, tok = bpe_checkpoint
    byte_ids = {}
    for i in range(tok.vocab_size):
        b = tok.token_bytes(i)
        if len(b) == 1:
            byte_ids[b[0]] = i
    wanted = [byte_ids[b] for b in "Café 🙂".encode()]
    assert len(wanted) == 10  # é and 🙂 are spread over 2 and 4 byte tokens
    monkeypatch.setattr("playground.core.model.sampling.generate", lambda *a, **k: iter(wanted))
    assert main(["sample", str(path), "--prompt", "", "--tokens", "10"]) == 0
    out = capsys.readouterr().out
    assert out == "Café 🙂\n" and "\ufffd" not in out


@pytest.mark.parametrize("args, phrase", [(["--tokens", "0"], "--tokens must be a positive"),
                                          (["--temperature", "0"], "use --greedy")])
def test_sample_explains_bad_numbers(bpe_checkpoint, capsys, args, phrase):
    from playground.cli import main
    assert main(["sample", str(bpe_checkpoint[0]), *args]) == 2
    assert phrase in capsys.readouterr().err


def test_an_empty_prompt_starts_from_nothing(bpe_checkpoint, capsys):
    from playground.cli import main
    assert main(["sample", str(bpe_checkpoint[0]), "--prompt", "", "--tokens", "5", "--seed", "1"]) == 0
    captured = capsys.readouterr()
    assert "error" not in captured.err and captured.out.endswith("\n")



@pytest.mark.timeout(240)
def test_cli_writes_a_run_record_and_ddp_with_two_gloo_processes_writes_one(tmp_path, small_file):
    env = dict(os.environ, PYTHONPATH=str(ROOT), TINYGPT_DATA_DIR=str(tmp_path / "data"))
    args = ["train", str(small_file), "--layers", "1", "--heads", "2", "--d-model", "16", "--context", "16",
            "--batch-size", "8", "--steps", "60", "--eval-interval", "20", "--lr", "1e-2", "--device", "cpu"]
    single = subprocess.run([sys.executable, str(ROOT / "main.py"), *args, "--name", "single"],
                            capture_output=True, text=True, env=env, timeout=200)
    assert single.returncode == 0, single.stderr
    ddp = subprocess.run([sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2",
                          str(ROOT / "main.py"), *args, "--name", "ddp", "--threads", "1"],
                         capture_output=True, text=True, env=env, timeout=200)
    assert ddp.returncode == 0, ddp.stderr[-3000:]
    assert "2 data-parallel processes" in ddp.stderr
    runs = {r.name: r for r in RunStore(tmp_path / "data" / "runs").list()}
    assert set(runs) == {"single", "ddp"}, "rank 1 must not write a record of its own"
    record = runs["ddp"]
    assert record.world_size == 2 and record.status == "finished" and record.step == 60
    assert record.val[-1][1] < record.val[0][1], "the loss falls"
    assert load_checkpoint(record.checkpoint_path).step == 60
    assert record.curve("val", "tokens")[0][-1] == 60 * 8 * 16 * 2


def test_train_prints_the_baselines_first_and_a_verdict_last(tmp_path, small_file, capsys):
    code, err = train_in_process(capsys, str(small_file), "--out", str(tmp_path / "m"), "--no-record", *SMALL_MODEL,
                                 "--steps", "30", "--eval-interval", "10")
    assert code == 0, err
    lines = err.splitlines()
    baseline_lines = [line for line in lines if line.startswith("baselines (val, nats/token): uniform ")]
    assert len(baseline_lines) == 1
    assert all(f" {name} " in baseline_lines[0] for name in ("unigram", "bigram", "trigram"))
    verdicts = [line for line in lines if line.startswith("verdict: Val ")]
    assert len(verdicts) == 1 and lines.index(verdicts[0]) > lines.index(baseline_lines[0])
    assert "as unsure as choosing among" in verdicts[0]


@pytest.mark.timeout(120)
def test_keep_best_saves_the_weights_of_the_lowest_validation_loss(tmp_path, capsys):
    from playground.core.session.loaded_corpus import DEFAULT_CORPUS
    text = tmp_path / "short.txt"
    text.write_text(DEFAULT_CORPUS.read_text(encoding="utf-8")[:3000], encoding="utf-8")
    out = tmp_path / "m"
    code, err = train_in_process(capsys, str(text), "--out", str(out), "--no-record", "--layers", "2", "--heads", "4",
                                 "--d-model", "64", "--context", "32", "--batch-size", "32", "--lr", "3e-3",
                                 "--warmup", "20", "--steps", "200", "--eval-interval", "25", "--keep-best")
    assert code == 0, err
    assert "the model is memorising the training text" in err.lower()
    kept = [line for line in err.splitlines() if line.startswith("kept the weights of step ")]
    assert len(kept) == 1
    history = load_checkpoint(out).history
    best = min(history.val_losses)
    assert f"({best:.4f})" in kept[0]


def test_sample_says_how_much_it_copied_from_the_training_text(tmp_path, small_file, capsys, monkeypatch):
    from engine_helpers import tiny_trainer
    from test_copies import longest_copy_by_brute_force

    from playground.cli import main
    from playground.core.storage.checkpoint import save_checkpoint
    text = small_file.read_text(encoding="utf-8")
    trainer = tiny_trainer(text, max_steps=2, warmup_steps=0)
    save_checkpoint(tmp_path / "m", trainer, small_file.name)
    for written, longest, share in (("that is the question:\nWhether 'tis nobler", 41, "100%"),
                                    ("qqqq kkkk", longest_copy_by_brute_force("qqqq kkkk", text), "0%")):
        ids = trainer.tokenizer.encode_prompt(written).ids
        monkeypatch.setattr("playground.core.model.sampling.generate", lambda *a, ids=ids, **k: iter(ids))
        assert main(["sample", str(tmp_path / "m"), "--prompt", "", "--tokens", str(len(ids)),
                     "--train-text", str(small_file)]) == 0
        captured = capsys.readouterr()
        assert captured.out == written + "\n"
        assert captured.err.strip().splitlines()[-1] == (f"longest copy from the training text: {longest} characters · "
                                                         f"{share} of 8-character pieces seen in training")
    # without the text, it says how to get the check
    assert main(["sample", str(tmp_path / "m"), "--tokens", "3"]) == 0
    assert "give --train-text FILE" in capsys.readouterr().err


def test_heads_prints_one_row_per_head_in_the_documented_columns(tmp_path, small_file, capsys):
    from engine_helpers import tiny_trainer

    from playground.cli import main
    from playground.core.storage.checkpoint import save_checkpoint
    trainer = tiny_trainer(small_file.read_text(encoding="utf-8"), max_steps=2, warmup_steps=0)
    save_checkpoint(tmp_path / "m", trainer, small_file.name)
    assert main(["heads", str(tmp_path / "m"), "--text", str(small_file)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].split() == ["layer", "head", "previous-token", "first-token", "self", "induction", "entropy",
                                "(bits)", "label"]
    assert [tuple(line.split()[:2]) for line in lines[1:]] == [("1", "1"), ("1", "2"), ("2", "1"), ("2", "2")]
