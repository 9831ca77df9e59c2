"""What a training run tells its listeners (steps, evaluations, samples, snapshots, health, state), and the loss history it keeps.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

from ..words import translate
from .settings import TrainingError


@dataclass
class StepEvent:
    step: int            # steps completed
    max_steps: int
    loss: float
    lr: float
    tokens_per_s: float
    elapsed_s: float


@dataclass
class EvalEvent:
    step: int
    train_loss: float
    val_loss: float
    elapsed_s: float


@dataclass
class SampleEvent:
    step: int
    text: str


@dataclass
class SnapshotEvent:
    """A copy of the weights taken between steps: safe to read from another thread."""
    step: int
    state_dict: dict


@dataclass
class StepReport:
    """What a single step changed (the Step button while paused)."""
    step: int
    loss_before: float          # on the step's own batch, dropout off
    loss_after: float
    grad_norms: dict[str, float]     # per layer (and the embeddings), before clipping
    update_ratios: dict[str, float]  # ‖ΔW‖ / ‖W‖ per layer
    grad_norm: float                 # the whole model's, before clipping


@dataclass
class HealthEvent:
    """Every few steps: the gradient norm (and whether clipping cut it) and each layer's update/weight ratio."""
    step: int
    grad_norm: float
    clipped: bool
    update_ratios: dict[str, float]


@dataclass
class StateEvent:
    state: str           # "running" | "paused" | "finished" | "stopped" | "failed"
    reason: str = ""


TrainingEvent = StepEvent | EvalEvent | SampleEvent | SnapshotEvent | StateEvent | HealthEvent | StepReport


@dataclass
class History:
    steps: list[int] = field(default_factory=list)
    losses: list[float] = field(default_factory=list)
    lrs: list[float] = field(default_factory=list)  # the learning rate each step used: the schedule as run
    val_steps: list[int] = field(default_factory=list)
    val_losses: list[float] = field(default_factory=list)
    train_eval_losses: list[float] = field(default_factory=list)
    val_elapsed_s: list[float] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> History:
        """Restore a saved history, checking it: a file may hold anything (raises TrainingError)."""
        if not isinstance(d, dict):
            raise TrainingError(translate("trainer", "The loss history is not a table of lists."))
        out = {}
        for f in fields(cls):
            values = d.get(f.name, [])
            whole = f.name in ("steps", "val_steps")
            if not isinstance(values, list) or not all(
                    isinstance(v, int if whole else (int, float)) and not isinstance(v, bool) for v in values):
                raise TrainingError(translate("trainer", "The loss history's {name} is not a list of numbers.").format(name=f.name))
            out[f.name] = list(values)
        if len(out["losses"]) != len(out["steps"]) or len(out["val_losses"]) != len(out["val_steps"]):
            raise TrainingError(translate("trainer", "The loss history's steps and losses do not line up."))
        return cls(**out)
