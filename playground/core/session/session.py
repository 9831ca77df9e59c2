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

from ..analysis.ablation import Ablation
from ..data.corpus import Corpus
from ..files.durable import DiskWriteError
from ..model.config import GPTConfig
from ..storage.checkpoint import Checkpoint, trainer_from_checkpoint
from ..storage.runs import RunWriter
from ..storage.timeline import FOLDER as TIMELINE_FOLDER
from ..storage.timeline import Timeline, TimelineRecorder
from ..training.controller import TrainingController
from ..training.dataset import TokenDataset
from ..training.settings import TrainSettings
from ..training.state import is_active
from ..training.trainer import Trainer
from ..words import integer, number, translate
from .files import SessionFiles
from .loaded_corpus import DEFAULT_CORPUS, DEFAULT_PROMPT, DEFAULT_SENTENCE, LoadedCorpus, sample_line, tokenizer_label
from .queries import SessionQueries


class Session(SessionQueries, SessionFiles):
    """State and transitions: what the user is working with and the rules that change it. The read-only
    questions live in SessionQueries, loading and saving in SessionFiles."""

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
        """The background count for `data` (the loaded text, or it in the model's tokens) finished:
        announced if that is still the text in use."""
        if data.yardsticks_ready and self.data is not None and (data is self.data or data is self._model_text):
            self.events.yardsticks.emit(self.data)

    def model_config(self, **shape) -> GPTConfig:
        """A validated config for the loaded corpus's vocabulary (raises ConfigError)."""
        vocab = self.data.tokenizer.vocab_size if self.data else self.config.vocab_size
        return replace(self.config, vocab_size=vocab, **shape)

    @property
    def has_unsaved_model(self) -> bool:
        return self.trainer is not None and self.trainer.step > 0 and self.trainer.step != self.saved_step

    def architecture_change_discards(self, wanted: GPTConfig) -> bool:
        """Whether sliders now describing `wanted` would mean letting the trained model go (it cannot take
        another shape); while it trains, the sliders are locked and nothing is discarded."""
        t = self.trainer
        return t is not None and t.step > 0 and not is_active(self.training_state) and t.config != wanted

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
        trainer = Trainer(config, settings, self.data.tokenizer, self.data.ids, device=self.device, corpus_name=name)
        self.data.val_fraction = settings.val_fraction
        self._use_trainer(trainer)
        if self.views:
            self.refresh_inspection_model(trainer.snapshot(), trainer.step)
        self._model_changed()
        return trainer

    def _use_trainer(self, trainer: Trainer) -> TrainingController:
        self.config, self.settings, self.trainer = trainer.config, trainer.settings, trainer
        self.controller = TrainingController(trainer)
        self.model_tokenizer = trainer.tokenizer
        self._trainer_corpus = self._loaded().corpus
        self.saved_step = 0
        return self.controller

    def resume_training(self, checkpoint: Checkpoint, settings: TrainSettings, run_name: str | None = None
                        ) -> TrainingController:
        """Train a saved or pretrained model further on the loaded text — which must be encoded with the
        model's own tokenizer — with `settings` (the command line's --resume), as a new run record."""
        data = self._loaded()
        trainer = trainer_from_checkpoint(checkpoint, data.ids, settings, device=self.device,
                                          corpus_name=data.corpus.name)
        data.val_fraction = trainer.settings.val_fraction
        controller = self._use_trainer(trainer)
        self.pretrained = None
        self._model_changed()
        return self._begin_run(controller, new_model=True, run_name=run_name)

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

    def begin_training(self, wanted: GPTConfig, settings: TrainSettings, run_name: str | None = None
                       ) -> TrainingController:
        """The controller for what "Train" means now: more steps on the current model, or a new model and
        a new run record (raises the engine's user errors, changing nothing). `run_name`: the record's
        name ("" for one that says the model's shape); None numbers it after the text."""
        if self.data is None:
            raise ValueError(translate("session", "Load a text first: drop a file on the window or use File ▸ Open."))
        continuing = self.will_continue(wanted)
        if continuing:
            return self._begin_run(self.continue_training(settings.max_steps), new_model=False)
        if self.pretrained is not None and replace(wanted, vocab_size=self.pretrained.config.vocab_size,
                                                   dropout=0.0) == self.pretrained.config:
            trainer = self._fine_tune_trainer(self.pretrained, settings)  # "train on my text, starting from this model"
        else:
            trainer = self.new_trainer(replace(wanted, vocab_size=self._loaded().tokenizer.vocab_size), settings)
        controller = self.controller
        if controller is None or controller.trainer is not trainer:  # both paths above made one
            raise RuntimeError("a new trainer comes with its controller")
        return self._begin_run(controller, new_model=True, run_name=run_name)

    def _begin_run(self, controller: TrainingController, new_model: bool, run_name: str | None = None
                   ) -> TrainingController:
        """A new model gets a new run record; the record and the timeline listen to the run."""
        if new_model:
            self.run_number += 1
            self.run_writer = self._new_run_record(run_name)
        if self.run_writer is not None and self.run_writer.trainer is self.trainer:
            controller.add_callback(self.run_writer)
        if self.views:
            self.view_step(None)
            self._start_timeline(controller, new_model=new_model)
        return controller

    def _new_run_record(self, name: str | None = None) -> RunWriter | None:
        """Every run is kept in the run list; a full or read-only disk costs the record, never the run."""
        if self.run_store is None:
            return None
        data = self._loaded()
        try:
            return self.run_store.create(self._training(), data.corpus.name,
                                         name=self.run_store.numbered_name(Path(data.corpus.name).stem)
                                         if name is None else name, device=str(self.device),
                                         world_size=self.world_size,
                                         tokens_per_char=data.validation_tokens_per_char)
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
            self.timeline.add(0, self._training().model.state_dict())
            self.events.timeline.emit()
        controller.add_callback(TimelineRecorder(self._training(), self.timeline))

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

    def set_ablation(self, ablation: Ablation) -> None:
        """Switch heads, layers or the positional encoding off (or back on) in every view of the model."""
        self.ablation = ablation
        self._inspection_cache = None
        self.events.weights.emit()

    def _fine_tune_trainer(self, checkpoint: Checkpoint, settings: TrainSettings) -> Trainer:
        """Train the open pretrained model on the loaded text, in its own tokens (raises the engine's user
        errors, changing nothing)."""
        data = self._loaded()
        ids = checkpoint.tokenizer.encode_corpus(data.corpus.text)
        trainer = trainer_from_checkpoint(checkpoint, ids, replace(settings, val_fraction=data.val_fraction),
                                          device=self.device, corpus_name=data.corpus.name)
        self._use_trainer(trainer)
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
