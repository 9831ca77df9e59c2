"""What the Training menu, the training panel's buttons and the settings' architecture sliders ask for:
start, pause, stop, keep the best weights, reset — and the one sequence that lets a trained model go
only after the user agreed (and saved, if they chose to)."""
from __future__ import annotations

from ...core.analysis.verdict import variant_note
from ...core.training.state import is_active
from ...core.words import integer, number, translate
from .corpus_loader import USER_ERRORS


def run_label(number_of_run: int) -> str:
    return translate("main_window", "run {n}").format(n=number_of_run)


class TrainingActions:
    def __init__(self, window):
        self.window = window
        self.session, self.runner = window.session, window.runner

    def toggle(self) -> None:
        if is_active(self.session.training_state):
            self.toggle_pause()
        else:
            self.start()

    def start(self) -> None:
        w, session = self.window, self.session
        wanted = w.settings_panel.model_config()
        if self.runner.running or (session.data is not None and not session.will_continue(wanted)
                                   and not self.may_discard()):
            return
        ghost = run_label(session.run_number)
        try:
            worker, new_model = self.runner.start(wanted, w.settings_panel.train_settings())
        except USER_ERRORS as e:
            w.show_message(str(e), "error")
            return
        if new_model:  # the last run's curve becomes a ghost
            w.training_panel.start_run(ghost, session.trainer.tokens_per_step)
            w.runs_panel.reload()
        w.training_panel.follow(worker, session.trainer.settings.max_steps)

    def train_for(self, steps: int) -> None:
        """The tour's offer: train this many (more) steps now."""
        if self.runner.running:
            return
        self.window.settings_panel.steps.setValue(steps)
        self.start()

    def toggle_pause(self) -> None:
        self.runner.toggle_pause()

    def stop(self) -> None:
        if self.runner.running:
            self.window.training_panel.show_stopping()
            self.runner.stop()

    def keep_best_weights(self) -> None:
        """Stop and keep the weights of the lowest validation loss; after a run, go back to them."""
        panel = self.window.training_panel
        if self.runner.running:
            panel.show_stopping()
            self.runner.stop(keep_best=True)
        elif (step := self.session.restore_best_weights()) is not None:
            trainer = self.session.trainer
            panel.show_kept_best(step, trainer.best_val)
            panel.show_sample(step, trainer.sample(trainer.settings.sample_tokens))

    def reset_model(self) -> None:
        if is_active(self.session.training_state):
            self.window.show_message(translate("main_window", "Stop training before resetting the model."), "warning")
            return
        if self.session.trainer is None and self.session.inspection_model is None:
            return
        self.may_discard(discard=True)

    def finished(self, state: str) -> None:
        w = self.window
        w.training_panel.show_outcome(state)
        trainer = self.session.trainer
        if trainer is not None and (note := variant_note(trainer.config)):
            w.show_message(note, "warning")
        elif trainer is not None and trainer.weights_step is not None:
            w.training_panel.show_kept_best(trainer.weights_step, trainer.best_val)
            w.show_message(translate("main_window", "Kept the weights of step {step}, the lowest validation loss ({loss})."
                                     ).format(step=integer(trainer.weights_step), loss=number(trainer.best_val, 3)),
                           "info")
        w.runs_panel.reload()
        w.training_finished.emit(state)

    def architecture_changed(self) -> None:
        """New layers, heads or width on the sliders: a trained model cannot take them, so it goes — if
        the user agrees; else the sliders go back to the model's shape."""
        w, session = self.window, self.session
        if not session.architecture_change_discards(w.settings_panel.model_config()):
            w.show_training_state(session.training_state)
        elif not self.may_discard(discard=True):
            w.settings_panel.set_from(session.trainer.config, w.settings_panel.train_settings())

    def use_advice(self, advice) -> None:
        """The size advice, applied: a trained model it would replace (a lesson's too, though its file
        keeps it) goes only after the user agreed, whether or not it was saved."""
        trainer = self.session.trainer
        if trainer is not None and trainer.step > 0 and self.window.ask_discard_model() == "cancel":
            return
        self.session.saved_step = trainer.step if trainer is not None else 0  # agreed: no second ask
        self.window.settings_panel.apply_advice(advice)

    def may_discard(self, discard: bool = False) -> bool:
        """The one discard sequence: ask (and save first) if the model is not saved, then — when `discard`
        — drop it, leaving its curve as a ghost. True when the model may go (or went)."""
        w = self.window
        if self.session.has_unsaved_model:
            choice = w.ask_discard_model()
            if choice == "cancel" or (choice == "save" and not w.model_files.choose_save()):
                return False
        if discard:
            self.let_model_go()
            w.settings_panel.release_fixed()
        return True

    def let_model_go(self) -> None:
        """The model goes (the user agreed): its curve stays as a ghost."""
        self.window.training_panel.clear_run(run_label(self.session.run_number))
        self.session.discard_model()
