"""The session's files: saving and opening checkpoints (and pretrained GPT-2 folders), a model to compare
with, and lessons. Each method raises the engine's user-facing errors before changing anything.
"""

import tempfile
from pathlib import Path

from ..storage.checkpoint import Checkpoint, save_checkpoint, trainer_from_checkpoint
from ..storage.pretrained import open_model
from ..storage.timeline import FOLDER as TIMELINE_FOLDER
from ..storage.timeline import Timeline
from ..teaching.lesson import Lesson, save_lesson, text_sha256
from ..training.controller import TrainingController
from ..training.dataset import TokenDataset
from ..words import translate
from .state import SessionState


class SessionFiles(SessionState):
    """Loading and saving, mixed into Session."""

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
        data, self.trainer, self._trainer_corpus = self.data, None, None
        if data is not None:
            try:
                ids = checkpoint.tokenizer.encode_corpus(data.corpus.text)
                TokenDataset(ids, checkpoint.config.context_length, checkpoint.settings.val_fraction)
                self.trainer = trainer_from_checkpoint(checkpoint, ids, corpus_name=data.corpus.name)
                self._trainer_corpus = data.corpus
                data.val_fraction = checkpoint.settings.val_fraction
            except ValueError:
                pass  # the loaded text has characters this model never saw, or is too short: view it only
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

    def lesson_matches_loaded(self, lesson: Lesson) -> bool:
        """Whether the loaded text *and* its tokenizer are the lesson's: then opening it re-reads nothing."""
        data = self.data
        return data is not None and self.lesson_text_is_loaded(lesson) and \
            (data.tokenizer.kind, data.requested_vocab or 0) == \
            (lesson.tokenizer_kind, lesson.vocab_size if lesson.tokenizer_kind == "bpe" else 0)

    def lesson_text_is_loaded(self, lesson: Lesson) -> bool:
        """For a lesson that names its text rather than carrying it: is that text the one loaded?"""
        return self.data is not None and text_sha256(self.data.corpus.text) == lesson.corpus_sha256
