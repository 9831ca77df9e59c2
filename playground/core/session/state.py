"""What a session holds — the corpus and its tokenizer, the model settings, the trainer and its weights,
the prompt, the run being recorded, the training state — and the few changes every part of the session
makes to it. The transitions live in `session.Session`, the read-only questions in `queries`, loading and
saving in `files`.
"""
from __future__ import annotations

from ..analysis.ablation import Ablation
from ..analysis.heads import HeadScores
from ..analysis.inspection import Inspection
from ..data.corpus import Corpus
from ..data.tokenizer import Tokenizer
from ..model.config import GPTConfig
from ..model.model import GPT
from ..storage.checkpoint import Checkpoint
from ..storage.runs import RunStore, RunWriter
from ..storage.timeline import Timeline
from ..training.controller import TrainingController
from ..training.settings import TrainSettings
from ..training.state import is_active
from ..training.trainer import Trainer
from ..words import translate
from .events import SessionEvents
from .loaded_corpus import DEFAULT_PROMPT, DEFAULT_SENTENCE, LoadedCorpus
from .prompt_inspection import PromptInspection


class SessionState:
    def __init__(self, run_store: RunStore | None = None, device: str = "cpu", world_size: int = 1,
                 views: bool = True):
        self.events = SessionEvents()
        self.run_store = run_store
        self.device, self.world_size = device, world_size  # where the trainer runs (the CLI's --device, torchrun)
        # False for the command line: nobody looks at the weights while it trains, so no inspection copy
        # and no timeline (a fine-tuned GPT-2 would otherwise be held twice)
        self.views = views
        self.data: LoadedCorpus | None = None
        # the loaded text in the model's own tokens, where those are not the text's (a GPT-2's BPE): the
        # yardsticks its loss is read against are counted on it
        self._model_text: LoadedCorpus | None = None
        self.config: GPTConfig = GPTConfig()
        self.settings: TrainSettings = TrainSettings()
        self.trainer: Trainer | None = None
        self.controller: TrainingController | None = None
        # the model that inspection reads: a copy refreshed from training snapshots, never the live one
        self.inspection_model: GPT | None = None
        self.inspection_step = 0
        self.weights_version = 0  # counts weight refreshes: views of the weights alone redraw only on change
        self.model_tokenizer: Tokenizer | None = None  # the vocabulary the inspection model reads
        # every tokenizer built for the loaded text this session, so the user can compare their splits
        self.tokenizer_variants: dict[str, Tokenizer] = {}
        self.ablation = Ablation()  # heads, layers or positions switched off in every view
        self.timeline: Timeline | None = None  # weight snapshots through training
        self._head_history: dict[int, HeadScores | None] = {}
        self._head_history_of: Timeline | None = None  # the timeline those scores were measured on
        self.viewed_step: int | None = None    # the step the user holds the views at (None: now)
        self._live: tuple[dict, int] | None = None  # the latest weights, while the views show the past
        self.prompt = DEFAULT_PROMPT
        self.example_sentence = DEFAULT_SENTENCE  # the Tokens tab's sentence, from the loaded text
        self.prompt_typed = False    # the user's own prompt is never replaced by one from a new text
        self.saved_step = 0          # the trainer's step when it was last saved (or kept in the run list)
        self.run_number = 0
        self.run_writer: RunWriter | None = None
        self.training_state = "idle"  # idle | running | paused | trained
        self.pretrained: Checkpoint | None = None  # an opened pretrained GPT-2, until it is trained or let go
        self.comparison: Checkpoint | None = None  # a second model the Prompt tab shows beside this one
        self._comparison_cache: tuple[str, Inspection | None] | None = None
        self._trainer_corpus: Corpus | None = None  # the text (and tokenizer) the trainer's batches come from
        self._inspection_cache: PromptInspection | None = None

    def _resting_state(self) -> str:
        if is_active(self.training_state):
            return self.training_state
        return "trained" if self.trainer is not None and self.trainer.step > 0 else "idle"

    def _set_training_state(self, state: str) -> None:
        self.training_state = state
        self.events.training.emit(state)

    def set_training_state(self, state: str) -> None:
        """running / paused while a run goes on; anything else settles to trained or idle."""
        self._set_training_state(state if is_active(state) else
                                 ("trained" if self.trainer is not None and self.trainer.step > 0 else "idle"))

    def refresh_inspection_model(self, state_dict: dict, step: int) -> None:
        """New weights for every view (a training snapshot, an opened model). While the user holds the
        timeline at an earlier step, live weights are kept for when they come back to "now"."""
        if self.viewed_step is not None:
            self._live = (state_dict, step)
            return
        self._show_weights(state_dict, step)

    def _show_weights(self, state_dict: dict, step: int) -> None:
        config = self.trainer.config if self.trainer else self.config
        if self.inspection_model is None or self.inspection_model.config != config:
            self.inspection_model = GPT(config).eval()
        self.inspection_model.load_state_dict(state_dict)
        self.inspection_step = step
        self.weights_version += 1
        self.events.weights.emit()

    def _model_changed(self) -> None:
        self.ablation = Ablation()  # switches belong to a model: a new one starts whole
        self.events.model.emit()

    def _loaded(self) -> LoadedCorpus:
        """The loaded text (raises the user's error when there is none)."""
        if self.data is None:
            raise ValueError(translate("session", "Load a text first: drop a file on the window or use File ▸ Open."))
        return self.data

    def _training(self) -> Trainer:
        """The model being trained (raises the user's error when there is none)."""
        if self.trainer is None:
            raise ValueError(translate("session", "There is no model yet: press Train to start one."))
        return self.trainer
