"""A playground session: the one source of truth for what a user is working with — the corpus and
its tokenizer, the model settings, the trainer and its weights, the prompt, the run being recorded and
the training state — and the rules that tie them together.

The app drives one of these; so can a test or a script. Every method either succeeds or raises one
of the engine's user-facing errors *before* changing anything, so a failed action never loses the
corpus, the trained model or the settings the session already holds. Changes are announced through
plain callbacks (`session.events.weights.connect(fn)`), as the trainer announces its steps; the Qt
layer turns them into signals, and views redraw from what the session holds.
"""
from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

import numpy as np

from .ablation import Ablation, AblationEffect, ablated, fixed_validation_batch, measure_ablation
from .baselines import Baselines, ngram_baselines
from .checkpoint import Checkpoint, save_checkpoint, trainer_from_checkpoint
from .config import GPTConfig
from .copies import CopyIndex
from .corpus import Corpus, ProgressCallback, load_corpus
from .durable import DiskWriteError
from .heads import HeadScores, measure_heads
from .inspection import Inspection, inspect
from .lesson import Lesson, save_lesson, text_sha256
from .model import GPT
from .pretrained import open_model
from .runs import RunStore, RunWriter
from .split import DEFAULT_VAL_FRACTION, TextSplit
from .surprise import SurpriseReading, read_surprise
from .timeline import FOLDER as TIMELINE_FOLDER
from .timeline import Timeline, TimelineRecorder
from .token_stats import TokenStats, token_stats
from .tokenizer import PromptEncoding, Tokenizer, build_tokenizer
from .tour import TourStep, tour_steps
from .trainer import TokenDataset, Trainer, TrainingController, TrainSettings
from .training_state import is_active
from .verdict import size_advice
from .words import QT_TRANSLATE_NOOP, integer, number, translate

DEFAULT_PROMPT = "ROMEO:\nBut soft, what light"  # the bundled Shakespeare's own; other texts get one of theirs
DEFAULT_SENTENCE = "To be, or not to be, that is the question: Whether 'tis nobler in the mind to suffer"


def sample_line(text: str, from_fraction: float = 0.9, max_chars: int = 60) -> str:
    """A line of the text a prompt or an example can start from: the first full line of reasonable length
    in the validation part (the text's end), cut at a word boundary."""
    tail = text[int(len(text) * from_fraction):]
    for line in tail.split("\n")[1:400]:
        line = line.strip()
        if len(line) >= 12:
            if len(line) > max_chars:
                cut = line[:max_chars]
                line = cut[:cut.rfind(" ")] if " " in cut[max_chars // 2:] else cut
            return line
    return text.strip()[:max_chars]


def asset_path(name: str) -> Path:
    """A bundled file: inside the installed package (pyproject maps the top-level assets/ folder to
    playground/assets in the wheel), else in the checkout's assets/ when running from source."""
    packaged = resources.files("playground") / "assets" / name
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "assets" / name


DEFAULT_CORPUS = asset_path("tinyshakespeare.txt")


@dataclass
class LoadedCorpus:
    """A corpus with its tokenizer and token ids: what a background load hands back."""
    corpus: Corpus
    tokenizer: Tokenizer
    ids: np.ndarray
    requested_vocab: int = 0  # for BPE: the size asked for (a short text may support fewer tokens)
    val_fraction: float = DEFAULT_VAL_FRACTION  # the model's own (a checkpoint may carry another)
    _stats: TokenStats | None = field(default=None, repr=False)
    _baselines: Baselines | None = field(default=None, repr=False)
    _copy_index: CopyIndex | None = field(default=None, repr=False)
    _split: TextSplit | None = field(default=None, repr=False)
    _baselines_fraction: float = field(default=DEFAULT_VAL_FRACTION, repr=False)

    @property
    def split(self) -> TextSplit:
        """The training head and validation tail of this text: the trainer's split, defined once."""
        if self._split is None or self._split.val_fraction != self.val_fraction:
            self._split = TextSplit(self.ids, self.tokenizer, self.corpus.text, self.val_fraction)
        return self._split

    @property
    def split_sizes(self) -> tuple[int, int]:
        return self.split.sizes

    @property
    def stats(self) -> TokenStats:
        if self._stats is None:
            self._stats = token_stats(self.ids, self.tokenizer.vocab_size, self.corpus.num_chars)
        return self._stats

    @property
    def baselines(self) -> Baselines:
        """The counting yardsticks for this text and tokenizer: seconds for 100 MB, so the app asks for
        them from a background thread (`compute_yardsticks`) and the CLI before it trains."""
        if self._baselines is None or self._baselines_fraction != self.val_fraction:
            split = self.split
            self._baselines_fraction = split.val_fraction
            self._baselines = ngram_baselines(self.ids, self.tokenizer.vocab_size, split.val_fraction,
                                              tokens_per_char=split.tokens_per_char)
        return self._baselines

    @property
    def training_text(self) -> str:
        return self.split.train_text

    @property
    def copy_index(self) -> CopyIndex:
        """The training part of the text, indexed for the copy check of generated samples."""
        if self._copy_index is None:
            self._copy_index = CopyIndex(self.training_text)
        return self._copy_index

    @property
    def validation_tokens_per_char(self) -> float:
        """Tokens per character of the validation part (turns nats per token into bits per character)."""
        return self.split.tokens_per_char

    def compute_yardsticks(self) -> None:
        _ = self.baselines, self.copy_index

    @property
    def yardsticks_ready(self) -> bool:
        return self._baselines is not None and self._copy_index is not None

    @property
    def vocab_note(self) -> str:
        """Say so when BPE learned fewer tokens than asked for: the text has no more merges to offer."""
        if self.tokenizer.kind == "bpe" and self.tokenizer.vocab_size < self.requested_vocab:
            return (f"This text supports only {self.tokenizer.vocab_size:,} BPE tokens "
                    f"({self.requested_vocab:,} were asked for), so the vocabulary has {self.tokenizer.vocab_size:,}.")
        return ""


def tokenizer_label(tokenizer: Tokenizer) -> str:
    return translate("session", "Characters") if tokenizer.kind == "char" else f"BPE {integer(tokenizer.vocab_size)}"


def _scaled(progress: ProgressCallback | None, lo: float, hi: float) -> ProgressCallback | None:
    return (lambda f, what: progress(lo + (hi - lo) * f, what)) if progress else None


def tokenize_corpus(corpus: Corpus, tokenizer_kind: str = "char", vocab_size: int = 512,
                    progress: ProgressCallback | None = None) -> LoadedCorpus:
    """Build a tokenizer for an already loaded text and encode it (switching tokenizer re-runs only this)."""
    if progress and tokenizer_kind == "bpe":
        progress(0.0, QT_TRANSLATE_NOOP("corpus", "learning BPE merges"))  # HF tokenizers reports nothing until it is done
    tokenizer = build_tokenizer(tokenizer_kind, corpus.text, vocab_size, _scaled(progress, 0.0, 0.4))
    ids = tokenizer.encode_corpus(corpus.text, _scaled(progress, 0.4, 1.0))
    return LoadedCorpus(corpus, tokenizer, ids, requested_vocab=vocab_size if tokenizer_kind == "bpe" else 0)


@dataclass
class PromptInspection:
    """What the model makes of the current prompt: computed once per prompt and weights, shared by
    every view (bars, attention maps, explain mode)."""
    text: str
    encoded: PromptEncoding
    inspection: Inspection | None
    weights_version: int
    step: int


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


def prepare_corpus(path: str | Path, tokenizer_kind: str = "char", vocab_size: int = 512,
                   progress: ProgressCallback | None = None) -> LoadedCorpus:
    """Load, build the tokenizer and encode: the slow part of opening a file, safe to run in a thread."""
    corpus = load_corpus(path, _scaled(progress, 0.0, 0.5))
    return tokenize_corpus(corpus, tokenizer_kind, vocab_size, _scaled(progress, 0.5, 1.0))


class Session:
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

    # -- data --
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

    @property
    def baselines(self) -> Baselines | None:
        return self.data.baselines if self.data is not None and self.data.yardsticks_ready else None

    @property
    def tokenizer(self) -> Tokenizer | None:
        """The tokenizer of the model being inspected, else of the loaded corpus."""
        if self.inspection_model is not None and self.model_tokenizer is not None:
            return self.model_tokenizer
        return self.data.tokenizer if self.data else None

    @property
    def model_fits_corpus(self) -> bool:
        """Whether the model can train on the loaded text: the one rule, decided where the trainer is made."""
        return self.trainer is not None and self.data is not None and self._trainer_corpus is self.data.corpus

    # -- model & training --
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

    # -- the timeline --
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

    # -- the prompt and what the model makes of it --
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

    def validation_stretch(self, number: int = 0, chars: int = 400) -> str:
        """A stretch of the held-out text (the validation tokens, decoded: the model never trained on it),
        starting at a line: the `number`-th of a few spread over the validation part."""
        if self.data is None:
            return ""
        text = self.data.split.val_text
        span = max(len(text) - chars, 1)
        at = (number * 7919 * chars) % span  # a stride that visits the whole part
        line = text.find("\n", at, at + chars)
        at = line + 1 if line >= 0 else at
        return text[at:at + chars]

    def surprise(self, text: str) -> SurpriseReading | None:
        """The inspected model's loss on every token of `text` (None without a model)."""
        if self.inspection_model is None or self.tokenizer is None:
            return None
        guesses = self.baselines.bigram_guess if self.model_reads_loaded_text and self.baselines is not None else None
        with ablated(self.inspection_model, self.ablation):
            return read_surprise(self.inspection_model, self.tokenizer, text, guesses)

    def size_advice(self, config: GPTConfig, settings: TrainSettings, architecture_locked: bool = False):
        """Advice when the loaded text is small for the model the sliders describe (None when it fits)."""
        if self.data is None:
            return None
        return size_advice(self.data.corpus.name, self.data.split_sizes[0], config, settings.max_steps,
                           settings.batch_size, config.dropout, keep_architecture=architecture_locked)

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

    def ablation_applied(self):
        """The inspected model with the user's switches on, for a block (what every view reads)."""
        return ablated(self.inspection_model, self.ablation)

    def inspect(self, ids: list[int]) -> Inspection | None:
        if self.inspection_model is None:
            return None
        with ablated(self.inspection_model, self.ablation):
            return inspect(self.inspection_model, ids)

    # -- switches (ablations at inference) --
    def set_ablation(self, ablation: Ablation) -> None:
        """Switch heads, layers or the positional encoding off (or back on) in every view of the model."""
        self.ablation = ablation
        self._inspection_cache = None
        self.events.weights.emit()

    def ablation_effect(self) -> AblationEffect | None:
        """What the current switches change: the next-token probabilities for the prompt, and the loss on a
        fixed validation batch (when the loaded text is the model's own)."""
        if self.inspection_model is None or self.tokenizer is None:
            return None
        ids = self.tokenizer.encode_prompt(self.prompt).ids or [0]
        return measure_ablation(self.inspection_model, self.ablation, ids, self._validation_batch())

    @property
    def model_reads_loaded_text(self) -> bool:
        """Whether the inspected model's vocabulary is the loaded text's: then the text's validation part,
        baselines and bigram guesses apply to it."""
        return self.data is not None and (self.tokenizer is self.data.tokenizer or self.model_fits_corpus)

    def _validation_ids(self) -> np.ndarray:
        return self.data.split.val_ids

    def _validation_batch(self):
        if not self.model_reads_loaded_text:
            return None
        try:
            return fixed_validation_batch(self._validation_ids(), self.inspection_model.config.context_length)
        except ValueError:
            return None

    def head_scores_at(self, step: int) -> HeadScores | None:
        """The head scores of the model as the timeline kept it at `step` (cached: the weights never change)."""
        if self.timeline is None or step not in self.timeline.steps or self.inspection_model is None:
            return None
        if self._head_history_of is not self.timeline:
            self._head_history, self._head_history_of = {}, self.timeline
        key = step
        if key not in self._head_history:
            model = GPT(self.inspection_model.config).eval()
            model.load_state_dict(self.timeline.weights(step))
            ids = self._head_measuring_ids()
            self._head_history[key] = measure_heads(model, ids) if len(ids) >= 2 else None
        return self._head_history[key]

    def _head_measuring_ids(self) -> list[int]:
        if self.model_reads_loaded_text:
            return self._validation_ids()[:self.inspection_model.config.context_length].tolist()
        return self.tokenizer.encode_prompt(self.prompt).ids

    def head_scores(self) -> HeadScores | None:
        """What each head does, measured on the start of the validation text (or the prompt)."""
        if self.inspection_model is None or self.tokenizer is None:
            return None
        ids = self._head_measuring_ids()
        if len(ids) < 2:
            return None
        with ablated(self.inspection_model, Ablation()):  # what each head does, switches aside
            return measure_heads(self.inspection_model, ids)

    # -- a second model beside the first --
    def open_comparison(self, directory: str | Path) -> Checkpoint:
        """A saved model, run or pretrained GPT-2 to compare with on the same prompt (raises CheckpointError)."""
        self.comparison = open_model(directory)
        self.comparison.model.eval()
        self._comparison_cache = None
        self.events.prompt.emit(self.prompt)
        return self.comparison

    def close_comparison(self) -> None:
        self.comparison, self._comparison_cache = None, None
        self.events.prompt.emit(self.prompt)

    @property
    def comparison_name(self) -> str:
        c = self.comparison
        if c is None:
            return ""
        return c.pretrained_name or (Path(c.path).parent.name if c.path is not None and Path(c.path).name == "checkpoint"
                                     else Path(c.path).name if c.path is not None else "")

    def comparison_inspection(self) -> Inspection | None:
        """What the comparison model makes of the current prompt, in its own tokens (None without one)."""
        if self.comparison is None:
            return None
        if self._comparison_cache is None or self._comparison_cache[0] != self.prompt:
            ids = self.comparison.tokenizer.encode_prompt(self.prompt).ids
            self._comparison_cache = (self.prompt, inspect(self.comparison.model, ids) if ids else None)
        return self._comparison_cache[1]

    def prompt_inspection(self) -> PromptInspection | None:
        """The inspection of the current prompt by the current weights, computed once and shared."""
        tokenizer = self.tokenizer
        if tokenizer is None or self.inspection_model is None:
            return None
        cached = self._inspection_cache
        if cached is not None and cached.text == self.prompt and cached.weights_version == self.weights_version:
            return cached
        encoded = tokenizer.encode_prompt(self.prompt)
        self._inspection_cache = PromptInspection(self.prompt, encoded, self.inspect(encoded.ids),
                                                  self.weights_version, self.inspection_step)
        return self._inspection_cache

    def tour_steps(self, sliders_config: GPTConfig) -> list[TourStep]:
        """The guided tour told with the model being inspected — or, before there is one, with the model
        the sliders describe (on the loaded text's vocabulary) — and its live tensors for the prompt."""
        model = self.inspection_model
        tokenizer = self.tokenizer
        if model is not None:
            config = model.config
        else:
            vocab = self.data.tokenizer.vocab_size if self.data is not None else sliders_config.vocab_size
            config = replace(sliders_config, vocab_size=vocab)
        shared = self.prompt_inspection()
        inspection = shared.inspection if shared is not None else None
        return tour_steps(config, tokenizer.kind if tokenizer is not None else "char", self.prompt, model,
                          inspection, tokenizer, self.inspection_step if model is not None else 0)

    # -- checkpoints --
    def save(self, directory: str | Path) -> Path:
        if self.trainer is None:
            raise ValueError(translate("session", "There is no model to save yet: train one first."))
        name = self.data.corpus.name if self.data else ""
        path = save_checkpoint(directory, self.trainer, name)
        self.saved_step = self.trainer.step
        return path

    def open_checkpoint(self, directory: str | Path) -> Checkpoint:
        """Load a checkpoint for inspection; it can train further if the loaded text fits its vocabulary."""
        return self.adopt_checkpoint(open_model(directory))

    def adopt_checkpoint(self, checkpoint: Checkpoint) -> Checkpoint:
        """Make a loaded checkpoint the session's model (from a folder, a lesson file, or a pretrained GPT-2)."""
        if checkpoint.pretrained_name:
            return self._adopt_pretrained(checkpoint)
        self.pretrained = None
        ids = None
        if self.data is not None:
            try:
                ids = checkpoint.tokenizer.encode_corpus(self.data.corpus.text)
                TokenDataset(ids, checkpoint.config.context_length, checkpoint.settings.val_fraction)
            except ValueError:
                ids = None  # the loaded text has characters this model never saw, or is too short
        self.trainer = trainer_from_checkpoint(checkpoint, ids, corpus_name=self.data.corpus.name) \
            if ids is not None else None
        self._trainer_corpus = self.data.corpus if self.trainer is not None else None
        if self.trainer is not None:
            self.data.val_fraction = checkpoint.settings.val_fraction
        self.controller = TrainingController(self.trainer) if self.trainer else None
        self.config, self.settings = checkpoint.config, checkpoint.settings
        self.model_tokenizer = checkpoint.tokenizer
        self.saved_step = checkpoint.step
        self.run_writer = None
        self.viewed_step, self._live = None, None
        self.refresh_inspection_model(checkpoint.model.state_dict(), checkpoint.step)
        # a run folder keeps its timeline beside its checkpoint
        run_folder = Path(checkpoint.path).parent if checkpoint.path is not None else None
        if run_folder is not None and not (run_folder / "run.json").is_file():
            run_folder = None  # a checkpoint saved on its own: no timeline, and nothing else is read
        self.timeline = Timeline.open(run_folder / TIMELINE_FOLDER, {k: v.shape for k, v in
                                                                      checkpoint.model.state_dict().items()}) \
            if run_folder is not None else None
        self.events.timeline.emit()
        self._model_changed()
        self.set_training_state("settled")
        return checkpoint

    # -- lessons --
    def save_lesson(self, path: str | Path, settings: dict, tour_step: int = 0,
                    locked: tuple[str, ...] = ()) -> Path:
        """The text, the settings, the model (when there is one), the prompt, the tour's step and the locks
        in one file (see `core.lesson`)."""
        if self.data is None:
            raise ValueError(translate("session", "Load a text first: a lesson is built on one."))
        tokenizer = self.data.tokenizer
        vocab = self.data.requested_vocab or tokenizer.vocab_size
        with tempfile.TemporaryDirectory(prefix="lesson-model-") as tmp:
            model_dir = None
            if self.trainer is not None and self.trainer.step > 0:
                model_dir = save_checkpoint(Path(tmp) / "model", self.trainer, self.data.corpus.name)
            return save_lesson(path, corpus=self.data.corpus, tokenizer_kind=tokenizer.kind, vocab_size=vocab,
                               settings=settings, prompt=self.prompt, tour_step=tour_step, locked=locked,
                               checkpoint_dir=model_dir)

    def lesson_text_is_loaded(self, lesson: Lesson) -> bool:
        """For a lesson that names its text rather than carrying it: is that text the one loaded?"""
        return self.data is not None and text_sha256(self.data.corpus.text) == lesson.corpus_sha256

    def _adopt_pretrained(self, checkpoint: Checkpoint) -> Checkpoint:
        """A pretrained GPT-2: its weights are shown as they are (no copy: GPT-2 small is 500 MB), and a
        trainer is made only when the user trains it on their text (`begin_training`)."""
        self.trainer = self.controller = None
        self._trainer_corpus = None
        self.pretrained = checkpoint
        self.config, self.settings = checkpoint.config, checkpoint.settings
        self.model_tokenizer = checkpoint.tokenizer
        self.tokenizer_variants[checkpoint.pretrained_name] = checkpoint.tokenizer  # the Tokens tab compares splits
        self.saved_step = 0
        self.run_writer = None
        self.viewed_step, self._live = None, None
        self.inspection_model = checkpoint.model.eval()
        self.inspection_step = 0
        self.weights_version += 1
        self._inspection_cache = None
        self.timeline = None
        self.events.timeline.emit()
        self._model_changed()
        self.events.weights.emit()
        self.set_training_state("settled")
        return checkpoint

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
