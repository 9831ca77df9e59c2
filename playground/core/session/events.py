"""What a session announces: one channel per kind of change, each a list of plain callbacks.
"""

from collections.abc import Callable


class EventChannel:
    """One kind of announcement: plain callbacks, called in the order they connected."""

    def __init__(self):
        self._listeners: list[Callable] = []

    def connect(self, callback: Callable) -> None:
        self._listeners.append(callback)

    def emit(self, *args) -> None:
        for callback in list(self._listeners):
            callback(*args)


class SessionEvents:
    """What the session announces, one attribute each, so a misspelt name fails where it is connected
    (`session.events.corpus.connect(fn)`, as napari's `dims.events.ndim.connect`)."""
    NAMES = ("corpus", "yardsticks", "model", "weights", "prompt", "training", "message", "timeline")

    def __init__(self):
        self.corpus = EventChannel()      # (data, same_text): a text was loaded or re-tokenized
        self.yardsticks = EventChannel()  # (data): the loaded text's baselines and copy index are ready
        self.model = EventChannel()       # (): a model was created, opened or discarded
        self.weights = EventChannel()     # (): the inspected weights changed
        self.prompt = EventChannel()      # (text)
        self.training = EventChannel()    # (state): idle, running, paused or trained
        self.message = EventChannel()     # (text, kind): something the user should read
        self.timeline = EventChannel()    # (): a new (or no) timeline
