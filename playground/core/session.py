"""A playground session: the one source of truth for what a user is working with — the corpus and
its tokenizer, the model settings, the trainer and its weights, the prompt, the run being recorded and
the training state — and the rules that tie them together.

The app drives one of these; so can a test or a script. Every method either succeeds or raises one
of the engine's user-facing errors *before* changing anything, so a failed action never loses the
corpus, the trained model or the settings the session already holds. Changes are announced through
plain callbacks (`session.events.weights.connect(fn)`), as the trainer announces its steps; the Qt
layer turns them into signals, and views redraw from what the session holds.
"""

from dataclasses import replace
from pathlib import Path

from .ablation import Ablation
from .checkpoint import Checkpoint, trainer_from_checkpoint
from .config import GPTConfig
from .corpus import Corpus
from .durable import DiskWriteError
from .heads import HeadScores
from .inspection import Inspection
from .loaded_corpus import DEFAULT_CORPUS, DEFAULT_PROMPT, DEFAULT_SENTENCE, LoadedCorpus, sample_line, tokenizer_label
from .model import GPT
from .runs import RunStore, RunWriter
from .session_events import SessionEvents
from .session_files import SessionFiles
from .session_queries import PromptInspection, SessionQueries
from .timeline import FOLDER as TIMELINE_FOLDER
from .timeline import Timeline, TimelineRecorder
from .token_dataset import TokenDataset
from .tokenizer import Tokenizer
from .train_settings import TrainSettings
from .trainer import Trainer
from .training_controller import TrainingController
from .training_state import is_active
from .words import integer, number, translate


class Session(SessionQueries, SessionFiles):
    """State and transitions: what the user is working with and the rules that change it. The read-only
    questions live in SessionQueries, loading and saving in SessionFiles."""

    def __init__(self, run_store: RunStore | None = None):
        self.events = SessionEvents()
        self.run_store = run_store
        self.data: LoadedCorpus | None = None
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

    def use_corpus(self, data: LoadedCorpus) -> None:
        """Switch to a prepared corpus. The trained model stays for inspection; it can train on only if
        this is the text and the tokenizer its batches come from."""
        same_text = self.data is not None and self.data.corpus is data.corpus
        if not same_text:
            self.tokenizer_variants = {}
        self.tokenizer_variants[tokenizer_label(data.tokenizer)] = data.tokenizer
        self.data = data
        if not same_text:
            self._suggest_examples(data.corpus)
        if self.trainer is not None and not (self._trainer_corpus is data.corpus and
                                             self.trainer.tokenizer.to_dict() == data.tokenizer.to_dict()):
            self._trainer_corpus = None
        if self.trainer is None:
            self.config = replace(self.config, vocab_size=data.tokenizer.vocab_size)
        self._inspection_cache = None
        self.events.corpus.emit(data, same_text)
        self._set_training_state(self._resting_state())

    def yardsticks_computed(self, data: LoadedCorpus) -> None:
        """The background count for `data` finished: announced if that is still the text in use."""
        if data is self.data and data.yardsticks_ready:
            self.events.yardsticks.emit(data)

    def model_config(self, **shape) -> GPTConfig:
        """A validated config for the loaded corpus's vocabulary (raises ConfigError)."""
        vocab = self.data.tokenizer.vocab_size if self.data else self.config.vocab_size
        return replace(self.config, vocab_size=vocab, **shape)

    @property
    def has_unsaved_model(self) -> bool:
        return self.trainer is not None and self.trainer.step > 0 and self.trainer.step != self.saved_step

    def will_continue(self, wanted: GPTConfig) -> bool:
        """Whether "Train" goes on with the current model ("Train more") rather than starting a new one."""
        t = self.trainer
        return t is not None and t.step > 0 and self.model_fits_corpus and t.config == wanted

    def new_trainer(self, config: GPTConfig, settings: TrainSettings) -> Trainer:
        """Build a fresh trainer on the loaded corpus (raises TrainingError/ConfigError, changing nothing)."""
        if self.data is None:
            raise ValueError(translate("session", "Load a text first."))
        name = self.data.corpus.name
        TokenDataset(self.data.ids, config.context_length, settings.val_fraction, name)  # too short? raise now
        trainer = Trainer(config, settings, self.data.tokenizer, self.data.ids, corpus_name=name)
        self.data.val_fraction = settings.val_fraction
        self.config, self.settings, self.trainer = config, settings, trainer
        self.controller = TrainingController(trainer)
        self.model_tokenizer = trainer.tokenizer
        self._trainer_corpus = self.data.corpus
        self.saved_step = 0
        self.refresh_inspection_model(trainer.snapshot(), trainer.step)
        self._model_changed()
        return trainer

    def continue_training(self, extra_steps: int) -> TrainingController:
        """Train an existing model further (after it finished or was stopped): `extra_steps` more, or up to
        its planned total if that is further. The learning rate goes on from where it is
        (`TrainSettings.continued`), never back up to the peak."""
        if self.trainer is None:
            raise ValueError(translate("session", "There is no model to train further: press Train to start one."))
        t = self.trainer
        total = max(t.settings.max_steps, t.step + extra_steps)
        t.settings = t.settings.continued(t.step, total)
        self.controller = TrainingController(t)
        return self.controller

    def begin_training(self, wanted: GPTConfig, settings: TrainSettings) -> TrainingController:
        """The controller for what "Train" means now: more steps on the current model, or a new model and
        a new run record (raises the engine's user errors, changing nothing)."""
        if self.data is None:
            raise ValueError(translate("session", "Load a text first: drop a file on the window or use File ▸ Open."))
        continuing = self.will_continue(wanted)
        if continuing:
            controller = self.continue_training(settings.max_steps)
        elif self.pretrained is not None and replace(wanted, vocab_size=self.pretrained.config.vocab_size,
                                                     dropout=0.0) == self.pretrained.config:
            self._fine_tune_trainer(settings)  # "train on my text, starting from this model"
            self.run_number += 1
            self.run_writer = self._new_run_record()
            controller = self.controller
        else:
            self.new_trainer(replace(wanted, vocab_size=self.data.tokenizer.vocab_size), settings)
            self.run_number += 1
            self.run_writer = self._new_run_record()
            controller = self.controller
        if self.run_writer is not None and self.run_writer.trainer is self.trainer:
            controller.add_callback(self.run_writer)
        self.view_step(None)
        self._start_timeline(controller, new_model=not continuing)
        return controller

    def _new_run_record(self) -> RunWriter | None:
        """Every run is kept in the run list; a full or read-only disk costs the record, never the run."""
        if self.run_store is None:
            return None
        try:
            return self.run_store.create(self.trainer, self.data.corpus.name,
                                         name=self.run_store.numbered_name(Path(self.data.corpus.name).stem),
                                         tokens_per_char=self.data.validation_tokens_per_char)
        except OSError as e:
            self.events.message.emit(translate("session", "This run is not kept in the run list: {folder} "
                                                             "cannot be written ({why}). Training goes on.")
                             .format(folder=self.run_store.root, why=e.strerror or e), "warning")
            return None

    def training_started(self, state: str = "running") -> None:
        self._set_training_state(state)

    def training_ended(self) -> None:
        """After a run ends: what was kept in the run list counts as saved; a failed save is said."""
        self._save_timeline()  # first: a failed model save below is the message that must stay in view
        writer = self.run_writer
        if writer is not None and writer.save_error is not None:
            self.events.message.emit(translate("session", "The trained model could not be kept in the run "
                                                             "list: {why} It is still here: save it elsewhere with "
                                                             "File ▸ Save model (Ctrl+S).").format(
                why=writer.save_error), "error")
        elif writer is not None and writer.trainer is self.trainer and writer.record.has_checkpoint:
            self.saved_step = self.trainer.step  # kept in the run list: quitting loses nothing
        self.set_training_state("settled")

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

    def view_step(self, step: int | None) -> None:
        """Show every view as the model was at `step` (one the timeline kept); None: back to now."""
        if step is None or self.timeline is None or not len(self.timeline):
            self.viewed_step = None
            if self._live is not None:
                live, self._live = self._live, None
                self._show_weights(*live)
            return
        step = self.timeline.nearest(step)
        if self.viewed_step is None and self.inspection_model is not None:
            self._live = ({k: v.clone() for k, v in self.inspection_model.state_dict().items()},
                          self.inspection_step)
        self.viewed_step = step
        self._show_weights(self.timeline.weights(step), step)

    def _start_timeline(self, controller: TrainingController, new_model: bool) -> None:
        if new_model or self.timeline is None:
            folder = self.run_writer.record.path / TIMELINE_FOLDER if self.run_writer is not None else None
            self.timeline = Timeline(folder)
            self.timeline.add(0, self.trainer.model.state_dict())
            self.events.timeline.emit()
        controller.add_callback(TimelineRecorder(self.trainer, self.timeline))

    def _save_timeline(self) -> None:
        if self.timeline is None:
            return
        try:
            self.timeline.save_all()
        except DiskWriteError as e:
            self.events.message.emit(translate("session", "The timeline of this run could not be kept: {why}")
                             .format(why=e), "warning")

    def restore_best_weights(self) -> int | None:
        """Go back to the weights of the lowest validation loss (after training, when the model went on to
        memorise). Returns that step; the views show those weights."""
        if self.trainer is None or is_active(self.training_state):
            return None
        step = self.trainer.restore_best()
        if step is not None:
            self.saved_step = -1  # these weights are in no file yet: quitting asks
            self.refresh_inspection_model(self.trainer.snapshot(), step)
            self.events.message.emit(translate("session", "Went back to the weights of step {step}, the lowest "
                                                             "validation loss ({loss}). Save the model to keep them.")
                             .format(step=integer(step), loss=number(self.trainer.best_val, 3)), "info")
        return step

    def set_prompt(self, text: str) -> None:
        """The user's prompt (typed, pasted, a bar clicked, generated text)."""
        if text != self.prompt:
            self.prompt_typed = True
            self.prompt = text
            self.events.prompt.emit(text)

    def _suggest_examples(self, corpus: Corpus) -> None:
        """A new text: a prompt and an example sentence in its own language or code, unless typed."""
        bundled = corpus.path is not None and corpus.path.resolve() == DEFAULT_CORPUS.resolve()
        line = sample_line(corpus.text)
        self.example_sentence = DEFAULT_SENTENCE if bundled else line
        prompt = DEFAULT_PROMPT if bundled else line[: max(12, len(line) // 2)]
        if not self.prompt_typed and prompt != self.prompt:
            self.prompt = prompt
            self.events.prompt.emit(prompt)

    def _model_changed(self) -> None:
        self.ablation = Ablation()  # switches belong to a model: a new one starts whole
        self.events.model.emit()

    def set_ablation(self, ablation: Ablation) -> None:
        """Switch heads, layers or the positional encoding off (or back on) in every view of the model."""
        self.ablation = ablation
        self._inspection_cache = None
        self.events.weights.emit()

    def _fine_tune_trainer(self, settings: TrainSettings) -> Trainer:
        """Train the open pretrained model on the loaded text, in its own tokens (raises the engine's user
        errors, changing nothing)."""
        checkpoint = self.pretrained
        ids = checkpoint.tokenizer.encode_corpus(self.data.corpus.text)
        trainer = trainer_from_checkpoint(checkpoint, ids, replace(settings, val_fraction=self.data.val_fraction),
                                          corpus_name=self.data.corpus.name)
        self.trainer, self.settings = trainer, trainer.settings
        self.controller = TrainingController(trainer)
        self._trainer_corpus = self.data.corpus
        self.saved_step = 0
        self.pretrained = None  # from here on it is the learner's model, trained on their text
        return trainer

    def discard_model(self) -> None:
        self.pretrained = None
        self.trainer = self.controller = self.inspection_model = self.model_tokenizer = None
        self.timeline, self.viewed_step, self._live = None, None, None
        self.events.timeline.emit()
        self._trainer_corpus = None
        self.saved_step = 0
        self._inspection_cache = None
        if self.data:
            self.config = replace(self.config, vocab_size=self.data.tokenizer.vocab_size)
        self._model_changed()
        self.events.weights.emit()
        self.set_training_state("settled")
