"""Lesson files from the File menu: save the text, settings, model, prompt, tour step and locks in one
file; open one off the GUI thread (progress in the data card), re-reading the text only if it must, and
changing nothing when the file is bad."""
from __future__ import annotations

from pathlib import Path

from ...core.teaching.lesson import missing_text_message
from ...core.training.state import is_active
from ...core.words import translate
from . import dialogs
from .corpus_loader import USER_ERRORS, LessonReader


class Lessons:
    def __init__(self, window):
        self.window = window
        self.session = window.session
        self.name: str | None = None  # the open lesson's
        self.reader: LessonReader | None = None

    def _say(self, text: str, kind: str) -> None:
        self.window.show_message(text, kind)

    def choose_save(self) -> None:
        if self.session.data is None:
            self._say(translate("main_window", "Load a text first: a lesson is built on one."), "warning")
            return
        stem = Path(self.session.data.corpus.name).stem or "lesson"
        if chosen := dialogs.choose_lesson_to_save(self.window, stem):
            self.save_to(*chosen)

    def save_to(self, path: Path, locked: tuple[str, ...] = ()) -> bool:
        w = self.window
        try:
            with w.runner.paused_between_steps():
                self.session.save_lesson(path, w.settings_panel.state(), w.tour.index, locked)
        except USER_ERRORS as e:
            self._say(translate("main_window", "The lesson could not be saved to “{path}”: {error}").format(path=path, error=e),
                      "error")
            return False
        self._say(translate("main_window", "Saved the lesson to {path}. Opening it restores this text, these settings, the "
                                           "model, the prompt and the tour.").format(path=path), "info")
        return True

    def choose_open(self) -> None:
        if path := dialogs.choose_lesson_to_open(self.window):
            self.open(path)

    def open(self, path: Path) -> bool:
        """Open a lesson file: read and checked off the GUI thread, with progress in the data card; a bad
        file changes nothing. False when it cannot start (training, or a lesson already being read)."""
        if is_active(self.session.training_state):
            self._say(translate("main_window", "Stop training before opening a lesson."), "warning")
            return False
        if self.reader is not None and self.reader.isRunning():
            self._say(translate("main_window", "Still reading the previous lesson; try again in a moment."), "warning")
            return False
        card = self.window.corpus_card
        reader = self.reader = LessonReader(Path(path), self.window)
        reader.progress.connect(card.show_progress)
        reader.read.connect(lambda lesson: (card.hide_progress(), self._open_read(path, lesson)))
        reader.failed.connect(lambda message: (card.hide_progress(), self._say(message, "error")))
        reader.start()
        return True

    def _open_read(self, path: Path, lesson) -> bool:
        w = self.window
        if lesson.corpus is None and not self.session.lesson_text_is_loaded(lesson):
            self._say(missing_text_message(lesson), "error")
            return False
        if not w.training_actions.may_discard():
            return False
        self.name = Path(path).stem
        if self.session.lesson_matches_loaded(lesson):
            self._apply(lesson)
            return True
        card, opener = w.corpus_card, w.opener
        previous = card.tokenizer_choice()
        card.set_tokenizer_choice(lesson.tokenizer_kind, lesson.vocab_size)

        def loaded(_data) -> None:
            disconnect()
            self._apply(lesson)

        def failed(_message) -> None:
            disconnect()
            card.set_tokenizer_choice(*previous)

        def disconnect() -> None:
            opener.loaded.disconnect(loaded)
            opener.failed.disconnect(failed)

        opener.loaded.connect(loaded)
        opener.failed.connect(failed)
        if not opener.open_text(lesson.corpus):
            disconnect()
            card.set_tokenizer_choice(*previous)
            return False
        return True

    def _apply(self, lesson) -> None:
        """The lesson's text is loaded: now its model, settings, prompt, tour and locks."""
        w, session = self.window, self.session
        w.settings_panel.lock_architecture(None)
        if lesson.checkpoint is not None:
            session.adopt_checkpoint(lesson.checkpoint)
            w.model_files.show_opened(lesson.checkpoint)
        elif session.trainer is not None or session.inspection_model is not None:
            w.training_actions.let_model_go()  # the user agreed to let it go
        # the sliders exactly as the teacher left them; quietly, so that no half-restored shape looks like
        # a change of architecture that would discard the lesson's model
        w.settings_panel.blockSignals(True)
        w.settings_panel.restore(lesson.settings)
        w.settings_panel.blockSignals(False)
        w.explain_panel.set_config(w.settings_panel.model_config())
        session.set_prompt(lesson.prompt)
        w.settings_panel.lock_architecture(self.name if "architecture" in lesson.locked else None)
        w.corpus_card.lock_tokenizer("tokenizer" in lesson.locked)
        w.show_training_state(session.training_state)
        self._say(translate("main_window", "Opened the lesson “{name}”.").format(name=self.name), "info")
        w.lesson_opened.emit(lesson)
        w.tour.start(lesson.tour_step)

    def shutdown(self) -> None:
        if self.reader is not None:
            self.reader.wait()
