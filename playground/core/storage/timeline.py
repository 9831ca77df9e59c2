"""A timeline through training: copies of the weights at steps spaced so that early learning — where
most of the change happens — is dense (log-spaced), plus every evaluation, so that every view can be
shown as it was at that step.

Snapshots stay in memory (fp32, exact) up to a budget; past it, the oldest are written to the run's
folder as 16-bit safetensors and read back on demand (or, without a folder, every other early one is
dropped). At the end of a run they are all written, so a reopened run has its timeline.
"""
from __future__ import annotations

import math
import re
import threading
from pathlib import Path

import torch
from safetensors import SafetensorError, safe_open
from safetensors.torch import load_file

from ..files.durable import DiskWriteError, save_tensors, write_failure
from ..files.untrusted import plain_file_inside
from ..training.events import EvalEvent, StepEvent, TrainingEvent
from ..training.trainer import Trainer

BUDGET_BYTES = 256 << 20
GROWTH = 1.25        # log spacing: each kept step about 25 % after the previous one
FOLDER = "timeline"
_NAME = re.compile(r"^step-(\d{1,9})\.safetensors$")


def log_spaced(step: int) -> bool:
    """Steps 1, 2, 3, 4, 5, 6, 7, 9, 12, 15, 18, 23, 28, …: dense early, sparse later (about 40 by 10,000)."""
    if step < 1:
        return False
    k = round(math.log(step) / math.log(GROWTH))
    return any(max(1, round(GROWTH ** j)) == step for j in (k - 1, k, k + 1))


class Timeline:
    def __init__(self, folder: Path | None = None, budget_bytes: int = BUDGET_BYTES):
        self.folder = Path(folder) if folder is not None else None
        self.budget = budget_bytes
        self._memory: dict[int, dict[str, torch.Tensor]] = {}
        self._on_disk: dict[int, Path] = {}
        self.write_error: DiskWriteError | None = None  # a spill that failed: the rest stays in memory
        # the training thread adds while the GUI thread reads
        self._lock = threading.RLock()

    @property
    def steps(self) -> list[int]:
        with self._lock:
            return sorted(set(self._memory) | set(self._on_disk))

    def __len__(self) -> int:
        return len(self.steps)

    @property
    def memory_bytes(self) -> int:
        return sum(t.numel() * t.element_size() for state in self._memory.values() for t in state.values())

    def add(self, step: int, state_dict: dict[str, torch.Tensor]) -> None:
        copy = {k: v.detach().to("cpu", copy=True) for k, v in state_dict.items()}
        with self._lock:
            if step in self._memory or step in self._on_disk:
                return
            self._memory[step] = copy
            self._keep_within_budget()

    def weights(self, step: int) -> dict[str, torch.Tensor]:
        """The weights at `step` (fp32; those read back from disk were stored in 16 bits)."""
        with self._lock:
            if step in self._memory:
                return self._memory[step]
            path = self._on_disk[step]
        weights = {k: v.float() for k, v in load_file(str(path)).items()}
        if "lm_head.weight" not in weights and "tok_emb.weight" in weights:  # tied: stored once
            weights["lm_head.weight"] = weights["tok_emb.weight"]
        return weights

    def nearest(self, step: int) -> int:
        steps = self.steps
        return min(steps, key=lambda s: (abs(s - step), s)) if steps else 0

    def _keep_within_budget(self) -> None:
        while self.memory_bytes > self.budget and len(self._memory) > 1:
            oldest = min(self._memory)
            if self.folder is not None:
                try:
                    self._spill(oldest)
                except DiskWriteError as e:  # the disk filled up: go on in memory, say so at the end
                    self.write_error, self.folder = e, None
            else:  # nowhere to write: thin the early part, where snapshots are densest
                early = sorted(self._memory)[:-1]
                del self._memory[early[1] if len(early) > 2 else early[0]]

    def _spill(self, step: int) -> None:
        folder = self.folder
        if folder is None:  # only called with a folder to write to
            raise ValueError("this timeline has no folder")
        path = folder / f"step-{step:09d}.safetensors"
        tensors = {k: v.to(torch.bfloat16).contiguous() for k, v in _unshared(self._memory[step]).items()}
        try:
            folder.mkdir(parents=True, exist_ok=True)
            save_tensors(tensors, path)
        except OSError as e:  # a full disk costs the timeline this snapshot, never the run
            raise write_failure(folder, e) from None
        del self._memory[step]
        self._on_disk[step] = path

    def save_all(self) -> None:
        """Write every snapshot still in memory to the folder (the end of a run). Raises DiskWriteError."""
        if self.write_error is not None:
            raise self.write_error
        if self.folder is None:
            return
        with self._lock:
            for step in sorted(self._memory):
                self._spill(step)

    @classmethod
    def open(cls, folder: Path, expected: dict[str, torch.Size]) -> Timeline:
        """A saved timeline; files that are not plain, not ours or not this model's shape are skipped."""
        timeline = cls(folder)
        if not folder.is_dir() or folder.is_symlink():
            return timeline
        for entry in folder.iterdir():
            match = _NAME.match(entry.name)
            path = plain_file_inside(folder, entry.name) if match else None
            if path is None or match is None:
                continue
            try:
                with safe_open(str(path), framework="pt") as f:  # the header only: names and shapes
                    shapes = {k: torch.Size(f.get_slice(k).get_shape()) for k in f.keys()}
            except (SafetensorError, OSError, ValueError):
                continue
            if all(k in expected and expected[k] == s for k, s in shapes.items()) and shapes:
                timeline._on_disk[int(match.group(1))] = path
        return timeline


def _unshared(state: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """safetensors refuses tensors that share memory (tied embeddings): keep one of each."""
    seen, out = set(), {}
    for k, v in state.items():
        key = (v.data_ptr(), v.shape)
        if key not in seen:
            seen.add(key)
            out[k] = v
    return out


class TimelineRecorder:
    """A controller callback: after the steps the schedule names and after every evaluation, a copy of
    the weights goes into the timeline (in the training thread, between steps)."""

    def __init__(self, trainer: Trainer, timeline: Timeline):
        self.trainer, self.timeline = trainer, timeline

    def __call__(self, event: TrainingEvent) -> None:
        if isinstance(event, StepEvent) and log_spaced(event.step) or isinstance(event, EvalEvent):
            self.timeline.add(self.trainer.step, self.trainer.model.state_dict())
