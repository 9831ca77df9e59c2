"""The session's read-only questions: what the model makes of the prompt, surprise on a text, head scores,
what the switches change, the tour's numbers. None of them changes what the session holds (beyond caches).
"""
from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import torch

from ..analysis.ablation import Ablation, AblationEffect, ablated, fixed_validation_batch, measure_ablation
from ..analysis.baselines import Baselines
from ..analysis.heads import HeadScores, measure_heads
from ..analysis.inspection import Inspection, inspect
from ..analysis.surprise import SurpriseReading, read_surprise
from ..analysis.verdict import size_advice, token_word, verdict
from ..data.tokenizer import Tokenizer, token_label
from ..model.config import GPTConfig
from ..model.model import GPT
from ..model.sampling import SamplingSettings, generate
from ..teaching.report import RunReport, Sample
from ..teaching.tour import TourStep, tour_steps
from ..training.settings import TrainSettings
from ..words import integer, number, translate
from .loaded_corpus import LoadedCorpus, tokenizer_label
from .prompt_inspection import PromptInspection
from .state import SessionState


class SessionQueries(SessionState):
    """Read-only queries, mixed into Session."""

    @property
    def baselines(self) -> Baselines | None:
        return self.data.baselines if self.data is not None and self.data.yardsticks_ready else None

    @property
    def reads_in_own_tokens(self) -> bool:
        """Whether the model cuts the loaded text differently from its tokenizer (a GPT-2's BPE)."""
        data, tokenizer = self.data, self.model_tokenizer
        return data is not None and tokenizer is not None and self.inspection_model is not None and \
            tokenizer is not data.tokenizer and tokenizer.to_dict() != data.tokenizer.to_dict()

    def model_text(self) -> LoadedCorpus | None:
        """The loaded text in the model's own tokens, where they differ from the text's (None where they do
        not). Slow the first time (it encodes the whole text): hosts ask off their UI thread, then count its
        yardsticks (`compute_yardsticks`) and hand it back with `yardsticks_computed`."""
        data, tokenizer = self.data, self.model_tokenizer
        if not self.reads_in_own_tokens or data is None or tokenizer is None:
            return None
        cached = self._model_text
        if cached is None or cached.corpus is not data.corpus or cached.tokenizer is not tokenizer:
            try:
                ids = tokenizer.encode_corpus(data.corpus.text)
            except ValueError:
                return None  # characters this model never saw: no yardsticks in its units
            cached = LoadedCorpus(data.corpus, tokenizer, ids, val_fraction=data.val_fraction)
            self._model_text = cached
        return cached

    @property
    def model_baselines(self) -> Baselines | None:
        """The yardsticks in the model's units — its own tokens — once counted; None until then (or
        without a text). These, not the text's, are the ones a loss curve is read against."""
        if not self.reads_in_own_tokens:
            return self.baselines
        text = self._model_text
        return text.baselines if text is not None and text.tokenizer is self.model_tokenizer and \
            text.corpus is self._loaded().corpus and text.yardsticks_ready else None

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

    @property
    def model_reads_loaded_text(self) -> bool:
        """Whether the inspected model's vocabulary is the loaded text's: then the text's validation part,
        baselines and bigram guesses apply to it."""
        return self.data is not None and (self.tokenizer is self.data.tokenizer or self.model_fits_corpus)

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
        baselines = self.model_baselines  # in the model's own tokens
        guesses = baselines.bigram_guess if baselines is not None else None
        with ablated(self.inspection_model, self.ablation):
            return read_surprise(self.inspection_model, self.tokenizer, text, guesses)

    def size_advice(self, config: GPTConfig, settings: TrainSettings, architecture_locked: bool = False):
        """Advice when the loaded text is small for the model the sliders describe (None when it fits)."""
        if self.data is None:
            return None
        return size_advice(self.data.corpus.name, self.data.split_sizes[0], config, settings.max_steps,
                           settings.batch_size, config.dropout, keep_architecture=architecture_locked)

    def ablation_applied(self):
        """The inspected model with the user's switches on, for a block (what every view reads)."""
        return ablated(self.inspection_model, self.ablation)

    def inspect(self, ids: list[int]) -> Inspection | None:
        if self.inspection_model is None:
            return None
        with ablated(self.inspection_model, self.ablation):
            return inspect(self.inspection_model, ids)

    def ablation_effect(self) -> AblationEffect | None:
        """What the current switches change: the next-token probabilities for the prompt, and the loss on a
        fixed validation batch (when the loaded text is the model's own)."""
        if self.inspection_model is None or self.tokenizer is None:
            return None
        ids = self.tokenizer.encode_prompt(self.prompt).ids or [0]
        return measure_ablation(self.inspection_model, self.ablation, ids, self._validation_batch())

    def _validation_ids(self) -> np.ndarray:
        return self._loaded().split.val_ids

    def _validation_batch(self):
        if not self.model_reads_loaded_text or self.inspection_model is None:
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
        model, tokenizer = self.inspection_model, self.tokenizer
        if model is None or tokenizer is None:
            return []
        if self.model_reads_loaded_text:
            return self._validation_ids()[:model.config.context_length].tolist()
        return tokenizer.encode_prompt(self.prompt).ids

    def head_scores(self) -> HeadScores | None:
        """What each head does, measured on the start of the validation text (or the prompt)."""
        if self.inspection_model is None or self.tokenizer is None:
            return None
        ids = self._head_measuring_ids()
        if len(ids) < 2:
            return None
        with ablated(self.inspection_model, Ablation()):  # what each head does, switches aside
            return measure_heads(self.inspection_model, ids)

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

    def run_report(self, sample_tokens: int = 300) -> RunReport:
        """What a shared report says about the model in view: its settings, the verdict on its loss, a sample
        with the copied stretches marked, the prompt's next-token probabilities and what each head does.
        (The app adds its plots as pictures; the command line has none.)"""
        config, settings = self.config, self.settings
        model, tokenizer, trainer = self.inspection_model, self.tokenizer, self.trainer
        if model is not None:
            config = model.config
        name = self.data.corpus.name if self.data is not None else ""
        rows = [(translate("report", "Text"), name),
                (translate("report", "Tokenizer"), tokenizer_label(tokenizer) if tokenizer is not None else ""),
                (translate("report", "Model"), config.describe()),
                (translate("report", "Parameters"), integer(config.n_params())),
                (translate("report", "Positions"), {"learned": translate("report", "learned"),
                                                    "sinusoidal": translate("report", "sinusoidal (the paper's)"),
                                                    "none": translate("report", "none")}.get(config.positional, "")),
                (translate("report", "Activation"), config.activation),
                (translate("report", "Layer norm"), translate("report", "before each sublayer (GPT-2)")
                 if config.norm_placement == "pre" else translate("report", "after each sublayer (2017)")),
                (translate("report", "Dropout"), number(config.dropout, 2)),
                (translate("report", "Optimizer"), settings.optimizer),
                (translate("report", "Batch size"), integer(settings.batch_size)),
                (translate("report", "Learning rate"), f"{settings.learning_rate:.1e}"),
                (translate("report", "Steps trained"), integer(self.inspection_step))]
        report = RunReport(title=translate("report", "Tiny GPT Playground — {name}").format(name=name or config.describe()),
                           subtitle=translate("report", "A report of the model at step {step}, made on {date}.").format(
                               step=integer(self.inspection_step), date=time.strftime("%Y-%m-%d %H:%M")),
                           settings=rows, prompt=self.prompt)
        baselines = self.model_baselines
        word = token_word(tokenizer.kind) if tokenizer is not None else "token"
        if baselines is not None:
            report.baselines = translate("report", "Yardsticks on the validation text (nats per token): {values}").format(
                values=" · ".join(f"{translate('baselines', n)} {number(v)}" for n, v in baselines.items()))
        if trainer is not None and trainer.history.val_losses and baselines is not None:
            final = trainer.best_val if trainer.weights_step is not None else trainer.history.val_losses[-1]
            report.verdict = verdict(final, baselines, word)
        if model is not None and tokenizer is not None and sample_tokens > 0:
            step = trainer.step if trainer is not None else self.inspection_step
            text = trainer.sample(sample_tokens) if trainer is not None else tokenizer.decode(list(generate(
                model, tokenizer.encode_prompt("\n").ids or [0], sample_tokens, SamplingSettings(temperature=0.8),
                generator=torch.Generator().manual_seed(step))))
            index = self.data.copy_index if self.data is not None and self.model_reads_loaded_text and \
                self.data.yardsticks_ready else None
            copies = index.report(text) if index is not None else None
            report.sample = Sample(step, text, [(c.start, c.end) for c in copies.stretches] if copies else [],
                                   copies.line() if copies else "")
        shared = self.prompt_inspection()
        if shared is not None and shared.inspection is not None and tokenizer is not None:
            probs = shared.inspection.probs
            report.probabilities = [(token_label(tokenizer.token_text(int(i))), float(probs[i]))
                                    for i in np.argsort(-probs)[:10]]
        report.heads = self.head_scores()
        return report

