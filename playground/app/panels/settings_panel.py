"""Model and training knobs: every slider is a piece of the Transformer, with a live size readout."""
from __future__ import annotations

from dataclasses import replace

import torch
from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QLabel, QVBoxLayout

from ...core.model.config import ConfigError, GPTConfig, format_bytes, format_count
from ...core.training.settings import TrainSettings, resolve_precision
from ...core.words import QT_TRANSLATE_NOOP, integer, number, scientific, translate
from ..widgets.value_slider import ValueSlider

LEARNING_RATES = [round(10 ** (e / 8), 8) for e in range(-32, -7)]  # 1e-4 … ~1e-1, 8 steps a decade
CONTEXTS = [8, 16, 32, 48, 64, 96, 128, 192, 256]
BATCHES = [1, 2, 4, 8, 12, 16, 24, 32, 48, 64, 96, 128]
STEPS = [50, 100, 200, 300, 500, 750, 1000, 1200, 1500, 2000, 3000, 5000, 10000, 20000]
DROPOUTS = [round(0.05 * i, 2) for i in range(11)]
ARCHITECTURE_KNOBS = ("layers", "heads", "d_model", "context", "positional", "activation", "norm", "tied", "causal")
OPTION_CHOICES = {
    "positional": ([("learned", QT_TRANSLATE_NOOP("settings_panel", "Learned")),
                    ("sinusoidal", QT_TRANSLATE_NOOP("settings_panel", "Sinusoidal (2017)")),
                    ("none", QT_TRANSLATE_NOOP("settings_panel", "None (a bag of tokens)"))],
                   QT_TRANSLATE_NOOP("settings_panel", "How a token's position enters the model: trained "
                                                       "vectors (GPT-2), the paper's fixed sine waves, "
                   "or not at all — then the model cannot tell “dog bites man” from “man bites dog”.")),
    "activation": ([("relu", "ReLU"), ("gelu", "GELU"), ("gelu_tanh", QT_TRANSLATE_NOOP("settings_panel", "GELU, tanh (GPT-2)"))],
                   QT_TRANSLATE_NOOP("settings_panel", "The feed-forward non-linearity: the paper's max(0, x) or GPT-2's smoother GELU.")),
    "norm": ([("pre", QT_TRANSLATE_NOOP("settings_panel", "Pre-norm (GPT-2)")), ("post", QT_TRANSLATE_NOOP("settings_panel", "Post-norm (2017)"))],
             QT_TRANSLATE_NOOP("settings_panel", "LayerNorm before each sublayer (GPT-2, trains more stably) or after the residual add "
                               "(the 2017 paper).")),
}


OPTIMIZER_CHOICES = [
    ("adamw", "AdamW", QT_TRANSLATE_NOOP("settings_panel", "AdamW: every weight gets its own step size, from its "
                                                          "gradient's recent average and spread.")),
    ("muon", "Muon", QT_TRANSLATE_NOOP("settings_panel", "Muon: each weight matrix's update is made orthogonal, so every "
                                                        "direction in it learns at a similar rate (AdamW still steps "
                                                        "the embeddings, biases and norms).")),
]


def d_model_choices(heads: int) -> list[int]:
    """d_model values that divide evenly among the heads: every multiple below 64, then multiples of 16."""
    return [d for d in range(heads, 513, heads) if d >= 8 and (d < 64 or d % 16 == 0)]


class SettingsPanel(QGroupBox):
    architecture_changed = Signal()   # a knob that changes the model's shape moved
    changed = Signal()
    config_shown = Signal(object)     # the config the readouts describe, after any change (user or program)

    def __init__(self, config: GPTConfig, settings: TrainSettings, parent=None):
        super().__init__(translate("settings_panel", "Model && training"), parent)
        self.setObjectName("settings_panel")
        self._base_config = config
        self._base_settings = settings
        def tip(text: str) -> str:
            return translate("settings_panel", text)

        self.layers = ValueSlider(translate("settings_panel", "Layers"), range(1, 13), config.n_layer, tooltip=tip(
            QT_TRANSLATE_NOOP("settings_panel", "Decoder blocks stacked on top of each other: each one is attention "
                                                "followed by a feed-forward layer.")))
        self.heads = ValueSlider(translate("settings_panel", "Heads"), range(1, 17), config.n_head, tooltip=tip(
            QT_TRANSLATE_NOOP("settings_panel", "Attention heads per layer: each head computes its own "
                                                "softmax(QKᵀ/√d_k)·V over a slice of d_model.")))
        self.d_model = ValueSlider("d_model", d_model_choices(config.n_head), config.d_model, tooltip=tip(
            QT_TRANSLATE_NOOP("settings_panel", "Width of every token's vector in the residual stream; it is split "
                                                "evenly among the heads.")))
        self.context = ValueSlider(translate("settings_panel", "Context length"), CONTEXTS, config.context_length, tooltip=tip(
            QT_TRANSLATE_NOOP("settings_panel", "How many earlier tokens the model can attend to when it predicts "
                                                "the next one.")))
        self.batch = ValueSlider(translate("settings_panel", "Batch size"), BATCHES, settings.batch_size, tooltip=tip(
            QT_TRANSLATE_NOOP("settings_panel", "Text windows per training step: larger batches give smoother "
                                                "gradients but slower steps.")))
        self.lr = ValueSlider(translate("settings_panel", "Learning rate"), LEARNING_RATES, settings.learning_rate, fmt=scientific,
                              tooltip=tip(QT_TRANSLATE_NOOP("settings_panel", "Peak AdamW step size (log scale), "
                                                            "reached after warm-up and decayed along a cosine.")))
        self.dropout = ValueSlider(translate("settings_panel", "Dropout"), DROPOUTS, config.dropout, fmt=number, tooltip=tip(
            QT_TRANSLATE_NOOP("settings_panel", "Fraction of activations zeroed at random during training, to fight "
                                                "overfitting.")))
        self.steps = ValueSlider(translate("settings_panel", "Training steps"), STEPS, settings.max_steps, fmt=integer, tooltip=tip(
            QT_TRANSLATE_NOOP("settings_panel", "How many optimizer steps one run takes.")))
        self.options: dict[str, QComboBox] = {}
        self.lesson_lock: str | None = None  # the lesson whose teacher locked the architecture
        self.fixed_config: GPTConfig | None = None  # a pretrained model's shape, beyond what the knobs show
        self._running = False
        current = {"positional": config.positional, "activation": config.activation, "norm": config.norm_placement}
        for name, (choices, tip) in OPTION_CHOICES.items():
            combo = QComboBox()
            combo.setObjectName(f"{name}_combo")
            # the closed box may elide a long choice ("None (a bag of tokens)" in Portuguese); the list shows it
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
            for value, label in choices:
                combo.addItem(translate("settings_panel", label), value)
            combo.setCurrentIndex(max(0, combo.findData(current[name])))
            combo.setToolTip(translate("settings_panel", tip))
            combo.currentIndexChanged.connect(self._on_architecture)
            self.options[name] = combo
        self.tied = QCheckBox(translate("settings_panel", "Tie input and output embeddings"))
        self.tied.setObjectName("tied_check")
        self.tied.setChecked(config.tie_embeddings)
        self.tied.setToolTip(translate("settings_panel", "Use the token embedding table also as the final projection to the vocabulary "
                             "(GPT-2 does): fewer parameters, often better on small data."))
        self.tied.toggled.connect(self._on_architecture)
        self.causal = QCheckBox(translate("settings_panel", "Causal mask"))
        self.causal.setObjectName("causal_check")
        self.causal.setChecked(config.causal)
        self.causal.setToolTip(translate("settings_panel", "Untick to see why a decoder needs the mask: every position may then read the next "
                               "token, so the training loss collapses towards zero while the text it writes — "
                               "where there is no next token to read — is garbage."))
        self.causal.toggled.connect(self._on_architecture)
        self.positional, self.activation, self.norm = (self.options[k] for k in ("positional", "activation", "norm"))
        self.optimizer = QComboBox()
        self.optimizer.setObjectName("optimizer_combo")
        for value, label, words in OPTIMIZER_CHOICES:
            self.optimizer.addItem(label, value)
            self.optimizer.setItemData(self.optimizer.count() - 1, translate("settings_panel", words), Qt.ToolTipRole)
        self.optimizer.setCurrentIndex(max(0, self.optimizer.findData(settings.optimizer)))
        self.optimizer.setToolTip(" ".join(translate("settings_panel", words) for *_, words in OPTIMIZER_CHOICES))
        self.optimizer.currentIndexChanged.connect(self._on_change)
        for slider, name in ((self.layers, "layers"), (self.heads, "heads"), (self.d_model, "d_model"),
                             (self.context, "context"), (self.batch, "batch"), (self.lr, "lr"),
                             (self.dropout, "dropout"), (self.steps, "steps")):
            slider.setObjectName(f"{name}_slider")
        self.arch_label = QLabel()
        self.arch_label.setObjectName("arch_label")
        self.arch_label.setWordWrap(True)
        self.params_label = QLabel()
        self.params_label.setObjectName("params_label")
        self.memory_label = QLabel()
        self.memory_label.setObjectName("memory_label")
        self.precision_label = QLabel()
        self.precision_label.setObjectName("precision_label")
        self.precision_label.setWordWrap(True)
        self.precision_label.setToolTip(translate("settings_panel", "Weights, optimizer and loss stay in fp32; with bf16 mixed precision the "
                                        "big matrix products run in bfloat16, about twice as fast on CPUs "
                                        "with native bf16 (AVX512-BF16, AMX). Otherwise everything runs in fp32."))
        layout = QVBoxLayout(self)
        self.lock_label = QLabel()
        self.lock_label.setObjectName("lesson_lock_label")
        self.lock_label.setWordWrap(True)
        self.lock_label.setStyleSheet("background: #fff4e0; border-radius: 4px; padding: 4px;")
        self.lock_label.hide()
        layout.addWidget(self.lock_label)
        layout.setSpacing(2)
        for w in (self.layers, self.heads, self.d_model, self.context, self.dropout, self.batch, self.lr, self.steps):
            layout.addWidget(w)
        options = QFormLayout()
        options.setContentsMargins(0, 6, 0, 0)
        options.addRow(translate("settings_panel", "Positions"), self.positional)
        options.addRow(translate("settings_panel", "Activation"), self.activation)
        options.addRow(translate("settings_panel", "Layer norm"), self.norm)
        options.addRow(self.tied)
        options.addRow(self.causal)
        options.addRow(translate("settings_panel", "Optimizer"), self.optimizer)
        layout.addLayout(options)
        layout.addSpacing(6)
        layout.addWidget(self.arch_label)
        layout.addWidget(self.params_label)
        layout.addWidget(self.memory_label)
        layout.addWidget(self.precision_label)
        self.heads.valueChanged.connect(self._snap_d_model)
        for slider in (self.layers, self.d_model, self.context, self.dropout):
            slider.valueChanged.connect(self._on_architecture)
        for slider in (self.batch, self.lr, self.steps):
            slider.valueChanged.connect(self._on_change)
        self.vocab_size = config.vocab_size
        self.update_readouts()

    def _snap_d_model(self, heads: int) -> None:
        self.d_model.setValues(d_model_choices(heads), keep=self.d_model.value())
        self._on_architecture()

    def _on_architecture(self, *_):
        self.update_readouts()
        self.architecture_changed.emit()
        self.changed.emit()

    def _on_change(self, *_):
        self.update_readouts()
        self.changed.emit()

    def release_fixed(self) -> None:
        """The pretrained model was let go: the knobs describe the next model again."""
        if self.fixed_config is not None:
            self.fixed_config = None
            self._show_lock_reason()
            self.update_readouts()

    def model_config(self) -> GPTConfig:
        if self.fixed_config is not None:  # the file's shape, not the sliders' nearest stops
            return replace(self.fixed_config, dropout=self.dropout.value())
        return replace(self._base_config, vocab_size=self.vocab_size, n_layer=self.layers.value(),
                       n_head=self.heads.value(), d_model=self.d_model.value(),
                       context_length=self.context.value(), dropout=self.dropout.value(),
                       positional=self.positional.currentData(), activation=self.activation.currentData(),
                       norm_placement=self.norm.currentData(), tie_embeddings=self.tied.isChecked(),
                       causal=self.causal.isChecked())

    def train_settings(self) -> TrainSettings:
        # the app has no warm-up control: a new run's warm-up follows its length (a model opened from a
        # file carries the warm-up and the stretched decay of *its* run, which a 100-step run cannot hold)
        return replace(self._base_settings, batch_size=self.batch.value(), learning_rate=self.lr.value(),
                       max_steps=self.steps.value(), warmup_steps=None, decay_from_step=0, decay_from_ratio=1.0,
                       optimizer=self.optimizer.currentData())

    def fits_sliders(self, config: GPTConfig) -> bool:
        """Whether the knobs can show this shape (a pretrained GPT-2's 12 layers × 768 cannot)."""
        options = {"positional": config.positional, "activation": config.activation, "norm": config.norm_placement}
        return (config.n_layer in self.layers.values() and config.n_head in self.heads.values()
                and config.d_model in d_model_choices(config.n_head) and config.context_length in self.context.values()
                and config.norm_eps == GPTConfig.norm_eps and config.ff_mult == GPTConfig.ff_mult
                and all(self.options[k].findData(v) >= 0 for k, v in options.items()))

    def set_from(self, config: GPTConfig, settings: TrainSettings) -> None:
        """Show a model's settings without announcing a change of architecture: half-way through, the
        sliders describe a model that is neither the old one nor this one, and the window would offer
        to discard the model just opened. A shape the knobs cannot show (a pretrained GPT-2) is kept as
        it is, its knobs locked, until the model is let go (`release_fixed`)."""
        self.fixed_config = None if self.fits_sliders(config) else config
        with QSignalBlocker(self):
            for slider, value in ((self.layers, config.n_layer), (self.heads, config.n_head),
                                  (self.context, config.context_length), (self.dropout, config.dropout),
                                  (self.batch, settings.batch_size), (self.lr, settings.learning_rate),
                                  (self.steps, settings.max_steps)):
                with QSignalBlocker(slider):
                    slider.setValue(value)
            self.d_model.setValues(d_model_choices(config.n_head), keep=config.d_model)
            self._set_options(config.positional, config.activation, config.norm_placement, config.tie_embeddings,
                              config.causal)
            self._base_config, self._base_settings = config, settings
            self.vocab_size = config.vocab_size
            with QSignalBlocker(self.optimizer):
                self.optimizer.setCurrentIndex(max(0, self.optimizer.findData(settings.optimizer)))
        self._show_lock_reason()
        self.update_readouts()

    def apply_advice(self, advice) -> None:
        """The suggested settings for a small text, applied because the user asked (each slider announces
        its change as if moved by hand, so a trained model is never discarded without asking). A lesson's
        lock on the architecture holds here too: only dropout and steps change then."""
        if not self.lesson_lock:
            self.layers.setValue(advice.n_layer)
            self.d_model.setValue(advice.d_model)
        self.dropout.setValue(advice.dropout)
        self.steps.setValue(advice.max_steps)

    def _set_options(self, positional: str, activation: str, norm: str, tied: bool, causal: bool = True) -> None:
        for combo, value in ((self.positional, positional), (self.activation, activation), (self.norm, norm)):
            with QSignalBlocker(combo):
                combo.setCurrentIndex(max(0, combo.findData(value)))
        for box, value in ((self.tied, tied), (self.causal, causal)):
            with QSignalBlocker(box):
                box.setChecked(bool(value))

    def set_locked(self, locked: bool) -> None:
        """While a run trains, the knobs that shape the model or its batches cannot change."""
        self._running = locked
        fixed = self.lesson_lock or self.fixed_config is not None
        for name in ARCHITECTURE_KNOBS + ("dropout", "batch"):
            getattr(self, name).setEnabled(not locked and not (fixed and name in ARCHITECTURE_KNOBS))

    def lock_architecture(self, lesson_name: str | None) -> None:
        """A lesson's teacher fixed the architecture (None: unlocked): the knobs stay where the lesson put
        them, and say why on hover."""
        self.lesson_lock = lesson_name
        self._show_lock_reason()

    def _show_lock_reason(self) -> None:
        if self.lesson_lock:
            text = translate("settings_panel", "The architecture is locked by the lesson “{name}”: layers, heads, "
                                               "d_model, context and the options stay as the teacher set them.").format(
                name=self.lesson_lock)
        elif self.fixed_config is not None:
            c = self.fixed_config
            for slider, value in ((self.layers, c.n_layer), (self.heads, c.n_head), (self.d_model, c.d_model),
                                  (self.context, c.context_length)):
                slider.show_beyond(value)
            text = translate("settings_panel", "This model's shape comes from its file: {layers} layers × {heads} "
                                               "heads, d_model {d_model}, context {context}. Reset the model to choose "
                                               "your own.").format(layers=c.n_layer, heads=c.n_head, d_model=c.d_model,
                                                                   context=integer(c.context_length))
        else:
            text = ""
        self.lock_label.setText(text)
        self.lock_label.setVisible(bool(text))
        self.set_locked(self._running)

    def set_vocab_size(self, vocab_size: int) -> None:
        self.vocab_size = vocab_size
        self.update_readouts()

    def state(self) -> dict:
        return {"layers": self.layers.value(), "heads": self.heads.value(), "d_model": self.d_model.value(),
                "context": self.context.value(), "batch": self.batch.value(), "lr": self.lr.value(),
                "dropout": self.dropout.value(), "steps": self.steps.value(),
                "positional": self.positional.currentData(), "activation": self.activation.currentData(),
                "norm": self.norm.currentData(), "tied": self.tied.isChecked(), "causal": self.causal.isChecked(),
                "optimizer": self.optimizer.currentData()}

    def restore(self, state: dict) -> None:
        try:
            self.heads.setValue(int(state["heads"]))
            for name in ("layers", "d_model", "context", "batch", "steps"):
                getattr(self, name).setValue(int(state[name]))
            self.lr.setValue(float(state["lr"]))
            self.dropout.setValue(float(state["dropout"]))
            self._set_options(str(state.get("positional", "learned")), str(state.get("activation", "relu")),
                              str(state.get("norm", "pre")), bool(state.get("tied", True)),
                              bool(state.get("causal", True)))
            self.optimizer.setCurrentIndex(max(0, self.optimizer.findData(str(state.get("optimizer",
                                                                                         TrainSettings().optimizer)))))
        except (KeyError, TypeError, ValueError):
            pass  # settings from an older or damaged file: keep the defaults
        self.update_readouts()

    def update_readouts(self) -> None:
        try:
            config = self.model_config()
        except ConfigError as e:
            self.arch_label.setText(str(e))
            return
        batch = self.batch.value()
        self.config_shown.emit(config)
        self.arch_label.setText(config.describe())
        self.params_label.setText(translate("settings_panel", "Parameters: <b>{count}</b>").format(count=format_count(config.n_params())))
        self.memory_label.setText(translate("settings_panel", "Training memory: ~<b>{size}</b> at batch {batch}").format(
            size=format_bytes(config.estimate_training_memory(batch)), batch=batch))
        precision = resolve_precision(self.train_settings().precision, torch.device("cpu"))
        self.precision_label.setText(translate("settings_panel", "Math: <b>bf16 mixed precision</b>") if precision == "bf16" else
                                     translate("settings_panel", "Math: <b>fp32</b>"))
