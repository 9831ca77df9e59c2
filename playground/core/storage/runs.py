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
import math
import os
import shutil
import socket
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from ..files.durable import DiskWriteError, apply_umask, atomic_write_text, write_failure
from ..files.untrusted import UntrustedFileError, plain_file_inside, read_regular_file
from ..training.events import EvalEvent, StateEvent, StepEvent, TrainingEvent
from ..training.state import is_active
from ..training.trainer import Trainer
from ..words import QT_TRANSLATE_NOOP, integer, translate
from .checkpoint import MANIFEST, RUN_CHECKPOINT, save_checkpoint

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
    reason: str = ""                 # why a run failed, in words ("failed: the disk is full…")
    pid: int = 0                     # the process writing the run, to tell a live run from a killed one
    host: str = ""
    tokens_per_char: float = 0.0     # of the text's validation part; 0 when unknown (older records)

    @property
    def is_live(self) -> bool:
        """Whether a process is still writing this run (a run killed mid-way stays "running" on disk)."""
        if not is_active(self.status):
            return False
        if self.host != socket.gethostname() or self.pid <= 0:
            return time.time() - self.updated < 120  # another machine's run: live while it keeps writing
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except (PermissionError, OSError):
            return True
        return True

    @property
    def shown_status(self) -> str:
        if is_active(self.status) and not self.is_live:
            return translate("runs", "interrupted at step {step}").format(step=integer(self.step))
        return self.reason or translate("runs", self.status)

    @property
    def final_train(self) -> float | None:
        return self.val[-1][2] if self.val else (self.train[-1][1] if self.train else None)

    @property
    def final_val(self) -> float | None:
        return self.val[-1][1] if self.val else None

    @property
    def final_val_bits_per_char(self) -> float | None:
        """The final validation loss in bits per character: comparable across tokenizers."""
        if self.final_val is None or not self.tokens_per_char:
            return None
        return self.final_val * self.tokens_per_char / math.log(2)

    @property
    def checkpoint_path(self) -> Path:
        return self.path / RUN_CHECKPOINT

    @property
    def has_checkpoint(self) -> bool:
        return (self.checkpoint_path / MANIFEST).is_file() and self.checkpoint_problem() is None

    def checkpoint_problem(self) -> str | None:
        """A quick look at the run's saved model (the full checks run when it is opened)."""
        folder = self.checkpoint_path
        if not folder.exists() and not folder.is_symlink():
            return None  # no model saved yet: the run is still going, or was cut short
        if folder.is_symlink() or not folder.is_dir():
            return "its checkpoint is not a folder"
        try:
            manifest = json.loads(read_regular_file(folder / MANIFEST, MAX_RUN_FILE_BYTES).decode("utf-8"))
            weights = manifest["weights_file"]
        except UntrustedFileError as e:
            return f"its checkpoint's {e}"
        except (json.JSONDecodeError, UnicodeDecodeError, KeyError, TypeError, RecursionError) as e:
            return f"its {MANIFEST} is damaged ({type(e).__name__})"
        if plain_file_inside(folder, weights) is None:
            return f"its weights file {str(weights)[:60]} is missing"
        return None

    def to_dict(self) -> dict:
        d = {k: getattr(self, k) for k in ("id", "name", "created", "corpus", "config", "settings", "tokenizer",
                                           "tokens_per_step", "status", "step", "train", "val", "tokens_per_s",
                                           "wall_s", "world_size", "device", "precision", "updated", "reason",
                                           "pid", "host", "tokens_per_char")}
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


def _copy_plain_files(source: Path, target: Path, depth: int = 0) -> None:
    """Copy plain files and folders; links (to anything, anywhere) are skipped, so an export never
    carries a file from outside the run and a link loop cannot make it go on forever."""
    if depth > 8:
        return
    for entry in os.scandir(source):
        if entry.is_symlink():
            continue
        if entry.is_dir(follow_symlinks=False):
            (target / entry.name).mkdir()
            _copy_plain_files(Path(entry.path), target / entry.name, depth + 1)
        elif entry.is_file(follow_symlinks=False):
            shutil.copy2(entry.path, target / entry.name, follow_symlinks=False)


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


MAX_RUN_FILE_BYTES = 64 << 20
_NUMBER = (int, float)
_STATUSES = (QT_TRANSLATE_NOOP("runs", "running"), QT_TRANSLATE_NOOP("runs", "paused"), QT_TRANSLATE_NOOP("runs", "finished"),
             QT_TRANSLATE_NOOP("runs", "stopped"), QT_TRANSLATE_NOOP("runs", "failed"))


def _points(value, width: int) -> list:
    if not isinstance(value, list) or not all(
            isinstance(p, list) and len(p) == width and isinstance(p[0], int) and not isinstance(p[0], bool)
            and all(isinstance(x, _NUMBER) and not isinstance(x, bool) for x in p) for p in value):
        raise _Bad(translate("runs", "its {value} curve is not a list of points").format(value='train' if width == 3 else 'validation'))
    return value


class _Bad(ValueError):
    pass


def read_run(path: Path) -> RunRecord | DamagedRun:
    """A run folder's record, or a DamagedRun saying what is wrong with it (never raises). `run.json` is
    untrusted: read only as a plain file of bounded size, every field checked for its type. A run is
    the folder: the id is the folder's name, whatever the file says."""
    try:
        d = json.loads(read_regular_file(path / RUN_FILE, MAX_RUN_FILE_BYTES).decode("utf-8"))
        if not isinstance(d, dict):
            raise _Bad(translate("runs", "{run_file} is not a table of values").format(run_file=RUN_FILE))
        if d.get("format") != RUN_FORMAT:
            return DamagedRun(path, f"unknown run format {str(d.get('format'))[:40]!r}")
        missing = [k for k in ("name", "created", "corpus", "config", "settings", "tokenizer", "tokens_per_step")
                   if k not in d]
        if missing:
            raise _Bad(translate("runs", "{run_file} is incomplete (missing {value})").format(run_file=RUN_FILE, value=', '.join(missing)))
        expect = {"name": str, "corpus": str, "config": dict, "settings": dict, "tokenizer": str, "status": str,
                  "device": str, "precision": str, "reason": str, "host": str}
        for key, kind in expect.items():
            if key in d and not isinstance(d[key], kind):
                raise _Bad(translate("runs", "its {key} is not {value}").format(key=key, value='text' if kind is str else 'a table'))
        for key in ("created", "tokens_per_s", "wall_s", "updated", "tokens_per_char"):
            if key in d and (not isinstance(d[key], _NUMBER) or isinstance(d[key], bool)):
                raise _Bad(translate("runs", "its {key} is not a number").format(key=key))
        for key, low in (("tokens_per_step", 1), ("step", 0), ("world_size", 1), ("pid", 0)):
            if key in d and (not isinstance(d[key], int) or isinstance(d[key], bool) or d[key] < low):
                raise _Bad(translate("runs", "its {key} is not a whole number").format(key=key))
        if d.get("status", "running") not in _STATUSES:
            raise _Bad(translate("runs", "its status {value} is unknown").format(value=repr(str(d['status'])[:20])))
        train, val = _points(d.get("train", []), 3), _points(d.get("val", []), 4)
        return RunRecord(path=path, id=path.name, train=train, val=val,
                         **{k: d[k] for k in ("name", "created", "corpus", "config", "settings", "tokenizer",
                                              "tokens_per_step")},
                         **{k: d[k] for k in ("status", "step", "tokens_per_s", "wall_s", "world_size", "device",
                                              "precision", "updated", "reason", "pid", "host", "tokens_per_char")
                            if k in d})
    except UntrustedFileError as e:
        return DamagedRun(path, str(e))
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as e:
        return DamagedRun(path, f"{RUN_FILE} is damaged ({e})")
    except _Bad as e:
        return DamagedRun(path, str(e))
    except OSError as e:
        return DamagedRun(path, f"cannot be read ({e.strerror or e})")


def write_record(record: RunRecord, durable: bool = True) -> None:
    atomic_write_text(record.path / RUN_FILE, json.dumps(record.to_dict(), ensure_ascii=False), durable)
    for leftover in record.path.glob(f"{RUN_FILE}*.tmp"):  # a crash mid-write left it; this write is whole
        leftover.unlink(missing_ok=True)


class RunStore:
    def __init__(self, root: Path | None = None):
        self.root = Path(root) if root else default_runs_dir()

    def list(self) -> list[RunRecord | DamagedRun]:
        """Every run folder, newest first; a damaged one is listed with its reason, never hides the rest."""
        if not self.root.is_dir():
            return []
        runs = [read_run(p) for p in self.root.iterdir()
                if not p.name.startswith(".") and p.is_dir() and not p.is_symlink()]
        return sorted(runs, key=lambda r: (-(r.created if isinstance(r, RunRecord) else 0), r.path.name))

    def create(self, trainer: Trainer, corpus: str, name: str = "", device: str = "cpu",
               world_size: int = 1, tokens_per_char: float = 0.0) -> RunWriter:
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
                           world_size=world_size, precision=trainer.precision, pid=os.getpid(),
                           host=socket.gethostname(), tokens_per_char=float(tokens_per_char))
        writer = RunWriter(record, trainer)
        writer.flush()
        if writer.record_error is not None:  # a full disk: no run folder without its run.json is left
            shutil.rmtree(path, ignore_errors=True)
            raise writer.record_error
        return writer

    def numbered_name(self, stem: str) -> str:
        """"<stem> · run N" with N one past every run of that stem already kept: unique across launches."""
        prefix = f"{stem} · run "
        taken = [r.name[len(prefix):] for r in self.list() if isinstance(r, RunRecord) and r.name.startswith(prefix)]
        return f"{prefix}{max([int(n) for n in taken if n.isdigit()], default=0) + 1}"

    def _checked(self, run_id: str) -> Path:
        """The run folder named `run_id` (a folder name, never an id read from a file) inside the store."""
        path = self.root / run_id
        if Path(run_id).name != run_id or run_id in ("", ".", "..") or path.is_symlink() or not path.is_dir() \
                or path.resolve().parent != self.root.resolve():
            raise RunError(translate("runs", "There is no run “{run_id}” in {root}.").format(run_id=run_id, root=self.root))
        return path

    def rename(self, run_id: str, name: str) -> RunRecord:
        name = name.strip()
        if not name:
            raise RunError(translate("runs", "A run's name cannot be empty."))
        record = read_run(self._checked(run_id))
        if isinstance(record, DamagedRun):
            raise RunError(translate("runs", "Run “{run_id}” cannot be renamed: {reason}.").format(run_id=run_id, reason=record.reason))
        record.name = name
        write_record(record)
        return record

    def delete(self, run_id: str) -> None:
        shutil.rmtree(self._checked(run_id))

    def export(self, record: RunRecord, destination: Path, plot_png: bytes | None = None) -> Path:
        """Copy a run to a folder anyone can open: run.json, checkpoint/, loss.csv and loss.png.

        Only the run's own plain files are copied (links are skipped, never followed), into a temporary
        folder beside the destination that is renamed into place at the end, or removed on failure."""
        destination = Path(destination)
        if destination.exists() and (not destination.is_dir() or any(destination.iterdir())):
            raise RunError(translate("runs", "“{destination}” already exists and is not empty: choose a new "
                                             "folder name.").format(destination=destination))
        source = self._checked(record.path.name) if record.path.parent.resolve() == self.root.resolve() \
            else record.path
        staging = Path(tempfile.mkdtemp(prefix=f".{destination.name}-", dir=destination.parent))
        try:
            _copy_plain_files(source, staging)
            (staging / "loss.csv").write_text(record.csv_text(), encoding="utf-8")
            if plot_png:
                (staging / "loss.png").write_bytes(plot_png)
            apply_umask(staging, directory=True)
            if destination.exists():
                destination.rmdir()  # empty, checked above
            os.replace(staging, destination)
        except OSError as e:
            shutil.rmtree(staging, ignore_errors=True)
            raise RunError(str(write_failure(destination.parent, e))) from None
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
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
                    self.flush(durable=False)
        elif isinstance(event, EvalEvent):
            r.val.append([event.step, event.val_loss, event.train_loss, round(event.elapsed_s, 3)])
            if self.checkpoint_on_eval and self.save_model and event.step < self.trainer.settings.max_steps:
                if not self._save() and self.save_error is not None:
                    raise self.save_error  # stops training: the controller reports the reason
            self.flush(durable=False)
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

    def flush(self, durable: bool = True) -> None:
        self.record.updated = time.time()
        try:
            write_record(self.record, durable)
        except OSError as e:  # the record is a convenience: losing an update never stops training
            self.record_error = write_failure(self.record.path, e)
        self._last_flush = time.monotonic()
