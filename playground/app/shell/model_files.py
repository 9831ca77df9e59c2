"""The File menu's models: save, open (a saved model, a run, a pretrained GPT-2 folder), download a GPT-2,
compare with a second model, export for Hugging Face. Every failure is a message, and whatever was open
stays open."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QLocale
from PySide6.QtWidgets import QApplication

from ...core.storage.export import ExportError, export_model
from ...core.storage.pretrained import describe_pretrained, fine_tune_estimate
from ...core.storage.runs import default_runs_dir
from ...core.teaching.report import write_report
from ...core.training.state import is_active
from ...core.words import integer, translate
from . import dialogs
from .corpus_loader import USER_ERRORS, ModelDownloader
from .training_actions import run_label


class ModelFiles:
    def __init__(self, window):
        self.window = window
        self.session, self.runner = window.session, window.runner
        self.last_open_error: str | None = None  # why the last model could not be opened
        self.downloader: ModelDownloader | None = None

    def _say(self, text: str, kind: str) -> None:
        self.window.show_message(text, kind)

    def _stem(self, fallback: str) -> str:
        return Path(self.session.data.corpus.name).stem if self.session.data else fallback

    # -- saving
    def choose_save(self) -> bool:
        if self.session.trainer is None:
            self._say(translate("main_window", "There is no trained model to save yet."), "warning")
            return False
        path = dialogs.choose_save_folder(self.window, f"{self._stem('model')}-step{self.session.trainer.step}")  # a file name: not translated
        return self.save_model_to(path) if path else False

    def save_model_to(self, path: Path) -> bool:
        try:
            with self.runner.paused_between_steps():
                self.session.save(path)
        except USER_ERRORS as e:
            self._say(translate("main_window", "The model could not be saved to “{path}”: {error}").format(path=path, error=e), "error")
            return False
        self._say(translate("main_window", "Saved the model (step {step}) to {path}").format(
            step=integer(self.session.saved_step), path=path), "info")
        return True

    # -- opening
    def choose_checkpoint(self) -> None:
        if path := dialogs.choose_model_folder(self.window):
            self.open_checkpoint(path)

    def choose_pretrained(self) -> None:
        self._say(translate("main_window", "A pretrained GPT-2 is a folder with config.json, model.safetensors "
                                           "and its tokenizer (tokenizer.json, or vocab.json and merges.txt) — "
                                           "e.g. gpt2 or distilgpt2 downloaded from huggingface.co. On a CPU, "
                                           "distilgpt2 is the quicker to train on."), "info")
        if path := dialogs.choose_pretrained_folder(self.window):
            self.open_checkpoint(path)

    def open_run(self, run) -> None:
        if not self.open_checkpoint(run.checkpoint_path, run.name) and self.last_open_error:
            self.window.runs_panel.mark_unopenable(run.id, self.last_open_error)

    def open_checkpoint(self, path: Path, label: str | None = None) -> bool:
        """Open a saved model; False (with a message, and the reason in `last_open_error`) when it cannot."""
        w = self.window
        self.last_open_error = None
        if is_active(self.session.training_state):
            self._say(translate("main_window", "Stop training before opening another model."), "warning")
            return False
        if not w.training_actions.may_discard():
            return False
        try:
            checkpoint = self.session.open_checkpoint(path)
        except USER_ERRORS as e:
            self.last_open_error = str(e)
            self._say(str(e), "error")
            return False
        self.show_opened(checkpoint)
        if checkpoint.pretrained_name:
            self._say(translate("main_window", "Opened the pretrained model “{name}”: {shape}. Every tab now "
                                               "shows it; ▶ Train fine-tunes it on the loaded text.").format(
                name=checkpoint.pretrained_name, shape=describe_pretrained(checkpoint.config)) + " " +
                fine_tune_estimate(checkpoint.config, w.settings_panel.train_settings().batch_size), "info")
        else:
            note = "" if self.session.model_fits_corpus else " " + translate(
                "main_window", "The loaded text does not fit its vocabulary: open its own text to train it further.")
            self._say(translate("main_window", "Opened “{name}” (step {step}).").format(
                name=label or path.name, step=integer(checkpoint.step)) + note, "info")
        w.show_training_state(self.session.training_state)
        return True

    def show_opened(self, checkpoint) -> None:
        w = self.window
        w.settings_panel.set_from(checkpoint.config, checkpoint.settings)
        if checkpoint.pretrained_name:
            w.training_panel.show_pretrained(checkpoint.pretrained_name)
        else:
            w.training_panel.show_history(run_label(self.session.run_number), checkpoint.tokens_per_step,
                                          checkpoint.history)

    def download_pretrained(self, name: str) -> None:
        """Fetch distilgpt2 or gpt2 into the user's data folder (progress in the data card), then open it."""
        if self.downloader is not None and self.downloader.isRunning():
            self.downloader.cancel()  # asked again while downloading: that means stop
            return
        card = self.window.corpus_card
        self.downloader = ModelDownloader(name, default_runs_dir().parent / "models", self.window)
        self.downloader.progress.connect(card.show_progress)
        self.downloader.downloaded.connect(lambda folder: (card.hide_progress(), self.open_checkpoint(folder)))
        self.downloader.failed.connect(lambda message: (card.hide_progress(), self._say(message, "warning")))
        self._say(translate("main_window", "Downloading {name} (choose it in the menu again to cancel)…").format(
            name=name), "info")
        self.downloader.start()

    # -- a second model, and the way out
    def choose_comparison(self) -> None:
        if path := dialogs.choose_model_folder(self.window):
            self.compare_with(path)

    def compare_with(self, path: Path) -> bool:
        """A second model beside the first in the Prompt tab; whatever was open stays open if it cannot."""
        try:
            self.session.open_comparison(path)
        except USER_ERRORS as e:
            self._say(str(e), "error")
            return False
        self.window.tabs.setCurrentWidget(self.window.prompt_panel)
        return True

    def choose_export(self) -> None:
        if self.session.inspection_model is None:
            self._say(translate("main_window", "There is no model to export yet: train one first."), "warning")
            return
        if path := dialogs.choose_export_folder(self.window, f"{self._stem('model')}-gpt2"):  # a file name: not translated
            self.export_to(path)

    def export_to(self, path: Path) -> bool:
        """The model the views show, written as a GPT-2 folder that `transformers` loads."""
        try:
            with self.runner.paused_between_steps():
                folder = export_model(self.session.inspection_model, self.session.tokenizer, path)
        except (ExportError, *USER_ERRORS) as e:
            self._say(translate("main_window", "The model could not be exported to “{path}”: {error}").format(
                path=path, error=e), "error")
            return False
        self._say(translate("main_window", "Exported to {path}: load it in Python with "
                                           "GPT2LMHeadModel.from_pretrained and AutoTokenizer.from_pretrained.")
                  .format(path=folder), "info")
        return True

    def choose_report(self) -> None:
        if (path := dialogs.choose_report_file(self.window, f"{self._stem('model')}-report.html")):  # a file name: not translated
            self.export_report(path)

    def export_report(self, path: Path) -> bool:
        """One HTML file of the run in view (its plots as pictures, in the UI's language), for sharing."""
        w = self.window
        try:
            with self.runner.paused_between_steps():
                report = self.session.run_report()
            report.language = QLocale().name().replace("_", "-")  # "pt-BR": the <html lang> of the UI's language
            shown = w.tabs.currentWidget()
            try:  # the pictures as the user sees them: each tab shown (and so drawn) while it is taken
                w.tabs.setCurrentWidget(w.training_panel)
                report.loss_png = _png(w.training_panel.plot)
                if self.session.inspection_model is not None:
                    w.tabs.setCurrentWidget(w.prompt_panel)
                    attention = w.prompt_panel.attention
                    report.attention_pngs = [_png(attention.heatmap), _png(attention.grid)]
            finally:
                w.tabs.setCurrentWidget(shown)
            write_report(report, path)
        except USER_ERRORS as e:
            self._say(translate("main_window", "The report could not be written to “{path}”: {error}").format(
                path=path, error=e), "error")
            return False
        self._say(translate("main_window", "Wrote the report to {path}: one file with its pictures inside, for "
                                           "any browser.").format(path=path), "info")
        return True

    def shutdown(self) -> None:
        if self.downloader is not None:
            self.downloader.cancel()
            self.downloader.wait()


def _png(widget) -> bytes:
    """A widget as the user sees it, as PNG bytes, once its pending layout and drawing are done."""
    QApplication.processEvents()
    buffer = QBuffer()
    buffer.open(QIODevice.WriteOnly)
    widget.grab().save(buffer, "PNG")
    return bytes(buffer.data())

