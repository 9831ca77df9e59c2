"""The states a training run and a session go through, named once."""
from __future__ import annotations

from enum import Enum


class TrainingState(str, Enum):
    """A str, so run records, events and signals keep carrying plain words ("running")."""
    IDLE = "idle"            # no model, or one that never trained
    RUNNING = "running"
    PAUSED = "paused"
    TRAINED = "trained"      # a model that trained and rests
    FINISHED = "finished"    # a run's ends, as the controller reports them
    STOPPED = "stopped"
    FAILED = "failed"


ACTIVE = frozenset({TrainingState.RUNNING, TrainingState.PAUSED})


def is_active(state: str) -> bool:
    """A run is under way (training or paused mid-run): the knobs that shape it stay put."""
    return state in ACTIVE
