"""The one adapter between the engine's Session and Qt: its plain callbacks become signals that panels
subscribe to (napari's model/view split: the model never imports Qt, the views never reach into each
other)."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..core.session.session import Session


class SessionSignals(QObject):
    corpus_changed = Signal(object, bool)   # LoadedCorpus, same text (only re-tokenized)
    yardsticks_ready = Signal(object)       # LoadedCorpus whose baselines and copy index were just counted
    model_changed = Signal()                # a model was created, opened or discarded
    weights_changed = Signal()              # the inspected weights changed (training snapshot, opening)
    prompt_changed = Signal(str)
    training_state_changed = Signal(str)    # idle | running | paused | trained
    message = Signal(str, str)              # text, kind
    timeline_changed = Signal()             # a new timeline (a new, opened or discarded model)

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        events = session.events
        events.corpus.connect(self.corpus_changed.emit)
        events.yardsticks.connect(self.yardsticks_ready.emit)
        events.model.connect(self.model_changed.emit)
        events.weights.connect(self.weights_changed.emit)
        events.prompt.connect(self.prompt_changed.emit)
        events.training.connect(self.training_state_changed.emit)
        events.message.connect(self.message.emit)
        events.timeline.connect(self.timeline_changed.emit)
