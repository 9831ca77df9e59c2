"""Run records: every training run, from the app or the CLI, kept on disk so runs can be compared.

A run is a folder under the user's data directory (or $TINYGPT_DATA_DIR): `run.json` holds the config,
the corpus name, the loss curves (with steps, tokens and wall time), the final losses and speed; the
trained model sits beside it in `checkpoint/`. `run.json` is rewritten atomically as training goes,
so another process (the app) can follow a run the CLI is writing.
"""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from .checkpoint import MANIFEST, RUN_CHECKPOINT, save_checkpoint
from .durable import DiskWriteError, atomic_write_text, write_failure
from .trainer import EvalEvent, StateEvent, StepEvent, Trainer, TrainingEvent

RUN_FILE = "run.json"
RUN_FORMAT = "tinygpt-run-1"
DATA_DIR_ENV = "TINYGPT_DATA_DIR"
POINT_EVERY = 10  # a train-loss point every this many steps (the mean over them): small files, smooth curves


def default_runs_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override) / "runs"
    import platformdirs
    return Path(platformdirs.user_data_dir("TinyGPTPlayground", appauthor=False)) / "runs"


class RunError(ValueError):
    """A run folder that cannot be read or changed; the message is meant for the user."""


@dataclass
class RunRecord:
    path: Path
    id: str
    name: str
    created: float
    corpus: str
    config: dict
    settings: dict
    tokenizer: str
    tokens_per_step: int
    status: str = "running"          # running | paused | finished | stopped | failed
    step: int = 0
    train: list = field(default_factory=list)   # [step, mean loss, elapsed_s]
    val: list = field(default_factory=list)     # [step, val loss, train loss, elapsed_s]
    tokens_per_s: float = 0.0
    wall_s: float = 0.0
    world_size: int = 1
    device: str = "cpu"
    precision: str = "fp32"
    updated: float = 0.0

    @property
    def final_train(self) -> float | None:
        return self.val[-1][2] if self.val else (self.train[-1][1] if self.train else None)

    @property
    def final_val(self) -> float | None:
        return self.val[-1][1] if self.val else None

    @property
    def checkpoint_path(self) -> Path:
        return self.path / RUN_CHECKPOINT

    @property
    def has_checkpoint(self) -> bool:
        return (self.checkpoint_path / MANIFEST).is_file() and self.checkpoint_problem() is None

    def checkpoint_problem(self) -> str | None:
        """A quick look at the run's saved model (the full checksum is verified when it is opened)."""
        folder = self.checkpoint_path
        if not folder.exists():
            return None  # no model saved yet: the run is still going, or was cut short
        manifest = folder / MANIFEST
        try:
            weights = json.loads(manifest.read_text(encoding="utf-8"))["weights_file"]
        except FileNotFoundError:
            return f"its checkpoint has no {MANIFEST}"
        except (json.JSONDecodeError, UnicodeDecodeError, KeyError, TypeError) as e:
            return f"its {MANIFEST} is damaged ({type(e).__name__})"
        except OSError as e:
            return f"its checkpoint cannot be read ({e.strerror or e})"
        if not (folder / str(weights)).is_file():
            return f"its weights file {weights} is missing"
        return None

    def to_dict(self) -> dict:
        d = {k: getattr(self, k) for k in ("id", "name", "created", "corpus", "config", "settings", "tokenizer",
                                           "tokens_per_step", "status", "step", "train", "val", "tokens_per_s",
                                           "wall_s", "world_size", "device", "precision", "updated")}
        d["format"] = RUN_FORMAT
        d["final_train_loss"], d["final_val_loss"] = self.final_train, self.final_val
        d["checkpoint"] = RUN_CHECKPOINT
        return d

    def curve(self, which: str, x: str) -> tuple[list[float], list[float]]:
        """(x, loss) of the train or val curve with x in "steps", "tokens" or "time" (seconds)."""
        points = self.train if which == "train" else self.val
        time_index = 2 if which == "train" else 3
        xs = [p[0] for p in points] if x == "steps" else \
            [p[0] * self.tokens_per_step * self.world_size for p in points] if x == "tokens" else \
            [p[time_index] for p in points]
        return xs, [p[1] for p in points]

    def csv_text(self) -> str:
        """One row per logged point: train points and val points merged by step."""
        rows: dict[int, dict] = {}
        for step, loss, elapsed in self.train:
            rows.setdefault(step, {"elapsed_s": elapsed})["train_loss"] = loss
        for step, val, train, elapsed in self.val:
            row = rows.setdefault(step, {"elapsed_s": elapsed})
            row["val_loss"], row["eval_train_loss"] = val, train
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["step", "tokens", "elapsed_s", "train_loss", "val_loss", "eval_train_loss"])
        for step in sorted(rows):
            r = rows[step]
            writer.writerow([step, step * self.tokens_per_step * self.world_size, f"{r['elapsed_s']:.3f}",
                             _fmt(r.get("train_loss")), _fmt(r.get("val_loss")), _fmt(r.get("eval_train_loss"))])
        return out.getvalue()


def _fmt(v) -> str:
    return "" if v is None else f"{v:.6f}"


@dataclass
class DamagedRun:
    path: Path
    reason: str

    @property
    def id(self) -> str:
        return self.path.name

    @property
    def name(self) -> str:
        return self.path.name


def read_run(path: Path) -> RunRecord | DamagedRun:
    """A run folder's record, or a DamagedRun saying what is wrong with it (never raises)."""
    file = path / RUN_FILE
    try:
        d = json.loads(file.read_text(encoding="utf-8"))
        if d.get("format") != RUN_FORMAT:
            return DamagedRun(path, f"unknown run format {d.get('format')!r}")
        return RunRecord(path=path, **{k: d[k] for k in ("id", "name", "created", "corpus", "config", "settings",
                                                         "tokenizer", "tokens_per_step")},
                         **{k: d[k] for k in ("status", "step", "train", "val", "tokens_per_s", "wall_s",
                                              "world_size", "device", "precision", "updated") if k in d})
    except FileNotFoundError:
        return DamagedRun(path, f"{RUN_FILE} is missing")
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        return DamagedRun(path, f"{RUN_FILE} is damaged ({e})")
    except (KeyError, TypeError, AttributeError) as e:
        return DamagedRun(path, f"{RUN_FILE} is incomplete (missing {e})")
    except OSError as e:
        return DamagedRun(path, f"cannot be read ({e.strerror or e})")


def write_record(record: RunRecord) -> None:
    atomic_write_text(record.path / RUN_FILE, json.dumps(record.to_dict(), ensure_ascii=False))


class RunStore:
    def __init__(self, root: Path | None = None):
        self.root = Path(root) if root else default_runs_dir()

    def list(self) -> list[RunRecord | DamagedRun]:
        """Every run folder, newest first; a damaged one is listed with its reason, never hides the rest."""
        if not self.root.is_dir():
            return []
        runs = [read_run(p) for p in self.root.iterdir() if p.is_dir() and not p.name.startswith(".")]
        return sorted(runs, key=lambda r: (-(r.created if isinstance(r, RunRecord) else 0), r.path.name))

    def create(self, trainer: Trainer, corpus: str, name: str = "", device: str = "cpu",
               world_size: int = 1) -> "RunWriter":
        stamp = time.strftime("%Y%m%d-%H%M%S")
        run_id = f"{stamp}-{uuid.uuid4().hex[:6]}"
        path = self.root / run_id
        path.mkdir(parents=True, exist_ok=False)
        c = trainer.config
        record = RunRecord(path=path, id=run_id,
                           name=name or f"{c.n_layer}L·{c.n_head}H·{c.d_model} {c.activation} {c.norm_placement}-norm",
                           created=time.time(), corpus=corpus, config=c.to_dict(), settings=trainer.settings.to_dict(),
                           tokenizer=trainer.tokenizer.kind if trainer.tokenizer.kind == "char"
                           else f"bpe-{trainer.tokenizer.vocab_size}",
                           tokens_per_step=trainer.tokens_per_step, step=trainer.step, device=device,
                           world_size=world_size, precision=trainer.precision)
        writer = RunWriter(record, trainer)
        writer.flush()
        return writer

    def _checked(self, run_id: str) -> Path:
        path = (self.root / run_id).resolve()
        if path.parent != self.root.resolve() or not path.is_dir():
            raise RunError(f"There is no run “{run_id}” in {self.root}.")
        return path

    def rename(self, run_id: str, name: str) -> RunRecord:
        name = name.strip()
        if not name:
            raise RunError("A run's name cannot be empty.")
        record = read_run(self._checked(run_id))
        if isinstance(record, DamagedRun):
            raise RunError(f"Run “{run_id}” cannot be renamed: {record.reason}.")
        record.name = name
        write_record(record)
        return record

    def delete(self, run_id: str) -> None:
        shutil.rmtree(self._checked(run_id))

    def export(self, record: RunRecord, destination: Path, plot_png: bytes | None = None) -> Path:
        """Copy a run to a folder anyone can open: run.json, checkpoint/, loss.csv and loss.png."""
        destination = Path(destination)
        if destination.exists() and any(destination.iterdir()):
            raise RunError(f"“{destination}” already exists and is not empty: choose a new folder name.")
        shutil.copytree(record.path, destination, dirs_exist_ok=True)
        (destination / "loss.csv").write_text(record.csv_text(), encoding="utf-8")
        if plot_png:
            (destination / "loss.png").write_bytes(plot_png)
        return destination


class RunWriter:
    """A controller callback that keeps a run's record current and saves its checkpoint at the end.

    A save that fails (disk full…) never raises past the record: mid-run it stops training with the
    reason (the controller reports it), the last good checkpoint stays, and the record says "failed"."""

    def __init__(self, record: RunRecord, trainer: Trainer, save_model: bool = True,
                 checkpoint_on_eval: bool = False):
        self.record, self.trainer, self.save_model = record, trainer, save_model
        # a run followed from another process (the CLI's) keeps a fresh model the app can open mid-run
        self.checkpoint_on_eval = checkpoint_on_eval
        self.save_error: DiskWriteError | None = None
        self.record_error: DiskWriteError | None = None
        self.last_saved_step: int | None = None
        self._pending: list[float] = []
        self._last_flush = 0.0

    @property
    def last_saved_path(self) -> Path | None:
        return self.record.checkpoint_path if self.last_saved_step is not None else None

    def __call__(self, event: TrainingEvent) -> None:
        r = self.record
        if isinstance(event, StepEvent):
            self._pending.append(event.loss)
            r.step, r.wall_s = event.step, event.elapsed_s
            # the run's average speed (all processes), comparable between runs; not the latest burst
            r.tokens_per_s = event.step * r.tokens_per_step * r.world_size / max(event.elapsed_s, 1e-9)
            if event.step % POINT_EVERY == 0:
                r.train.append([event.step, sum(self._pending) / len(self._pending), round(event.elapsed_s, 3)])
                self._pending.clear()
                if time.monotonic() - self._last_flush > 2.0:  # followers see progress between evals
                    self.flush()
        elif isinstance(event, EvalEvent):
            r.val.append([event.step, event.val_loss, event.train_loss, round(event.elapsed_s, 3)])
            if self.checkpoint_on_eval and self.save_model and event.step < self.trainer.settings.max_steps:
                if not self._save():
                    raise self.save_error  # stops training: the controller reports the reason
            self.flush()
        elif isinstance(event, StateEvent):
            r.status = event.state
            if event.state in ("finished", "stopped", "failed"):
                if self._pending:
                    r.train.append([r.step, sum(self._pending) / len(self._pending), round(r.wall_s, 3)])
                    self._pending.clear()
                if self.save_model and self.trainer.step > 0 and self.save_error is None:
                    self._save()
                if self.save_error is not None:
                    r.status = "failed"
                    r.reason = f"failed: {self.save_error.message}"
            self.flush()

    def _save(self) -> bool:
        try:
            save_checkpoint(self.record.checkpoint_path, self.trainer, self.record.corpus)
        except DiskWriteError as e:
            self.save_error = e
            return False
        self.last_saved_step = self.trainer.step
        return True

    def flush(self) -> None:
        self.record.updated = time.time()
        try:
            write_record(self.record)
        except OSError as e:  # the record is a convenience: losing an update never stops training
            self.record_error = write_failure(self.record.path, e)
        self._last_flush = time.monotonic()
