"""Plain words about a loss: where it sits among the counting baselines, how unsure it is, and whether
the model has started memorising its training text."""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

from ..model.config import GPTConfig
from ..words import integer, number, translate
from .baselines import Baselines


def bits_per_char(nats_per_token: float, tokens_per_char: float) -> float:
    """Token loss in a unit that compares across tokenizers."""
    return nats_per_token * tokens_per_char / math.log(2)


def perplexity(nats_per_token: float) -> float:
    """e^loss: the number of equally likely tokens the model is as unsure as."""
    return math.exp(min(nats_per_token, 50.0))


def unsure_as(val_loss: float, token_word: str = "character") -> str:
    """"Val 2.19 (as unsure as choosing among 8.9 characters)"."""
    return (translate("verdict", "Val {loss} (as unsure as choosing among {n} characters)") if token_word == "character" else
            translate("verdict", "Val {loss} (as unsure as choosing among {n} tokens)")).format(
        loss=number(val_loss), n=number(perplexity(val_loss), 1))


def verdict(val_loss: float, baselines: Baselines, token_word: str = "character") -> str:
    """One plain sentence: where the model's validation loss sits among the counting baselines."""
    b = baselines
    chars = token_word == "character"
    if val_loss < b.trigram:
        text = (translate("verdict", "{head}: better than the trigram guess ({trigram}) — the model uses more than the last "
                          "two characters.") if chars else
                translate("verdict", "{head}: better than the trigram guess ({trigram}) — the model uses more than the last "
                          "two tokens."))
    elif val_loss < b.bigram:
        text = (translate("verdict", "{head}: better than guessing from the previous character ({bigram}), not yet as good as "
                          "the last two characters (trigram {trigram}).") if chars else
                translate("verdict", "{head}: better than guessing from the previous token ({bigram}), not yet as good as the "
                          "last two tokens (trigram {trigram})."))
    elif val_loss < b.unigram:
        text = (translate("verdict", "{head}: better than counting how often each character occurs ({unigram}), still worse "
                          "than guessing from the previous character alone ({bigram}).") if chars else
                translate("verdict", "{head}: better than counting how often each token occurs ({unigram}), still worse than "
                          "guessing from the previous token alone ({bigram})."))
    elif val_loss < b.uniform:
        text = (translate("verdict", "{head}: better than a blind guess ({uniform}), still worse than counting how often each "
                          "character occurs ({unigram}).") if chars else
                translate("verdict", "{head}: better than a blind guess ({uniform}), still worse than counting how often each "
                          "token occurs ({unigram})."))
    else:
        text = (translate("verdict", "{head}: no better than a blind guess among all {vocab} characters ({uniform}) — the "
                          "model has not learned anything yet.") if chars else
                translate("verdict", "{head}: no better than a blind guess among all {vocab} tokens ({uniform}) — the model "
                          "has not learned anything yet."))
    return text.format(head=unsure_as(val_loss, token_word), trigram=number(b.trigram), bigram=number(b.bigram),
                       unigram=number(b.unigram), uniform=number(b.uniform), vocab=integer(b.vocab_size))


def token_word(tokenizer_kind: str) -> str:
    """Which noun the sentences use: "character" or "token" (a key, not a word shown as is)."""
    return "character" if tokenizer_kind == "char" else "token"


PATIENCE = 3  # evaluations without a new best before we call it memorising: one can be noise


def memorising_since(val_losses: list[float], train_losses: list[float], patience: int = PATIENCE) -> int | None:
    """The evaluation (index) of the best validation loss, when the model has since started memorising:
    `patience` evaluations without beating it, the latest clearly above it (1 %), while the loss on the
    training text kept falling. None when it has not."""
    if len(val_losses) < patience + 1 or len(train_losses) != len(val_losses):
        return None
    best = min(range(len(val_losses)), key=val_losses.__getitem__)
    rising = len(val_losses) - 1 - best >= patience and val_losses[-1] > val_losses[best] * 1.01
    return best if rising and train_losses[-1] < train_losses[best] else None


def memorising_message(best_step: int, best_val: float, latest_val: float) -> str:
    return translate("verdict", "The model is memorising the training text: validation loss rose from {best} (step {step}) "
                     "to {latest} while the training loss kept falling. More text, dropout or a smaller model would "
                     "help; the weights of step {step} are kept and can be restored.").format(
        best=number(best_val), step=integer(best_step), latest=number(latest_val))


@dataclass(frozen=True)
class SizeAdvice:
    message: str
    n_layer: int
    d_model: int
    dropout: float
    max_steps: int


ADVISED_LAYERS, ADVISED_D_MODEL, ADVISED_DROPOUT = 2, 64, 0.2


def size_advice(name: str, train_tokens: int, config: GPTConfig, max_steps: int, batch_size: int,
                dropout: float, keep_architecture: bool = False) -> SizeAdvice | None:
    """When the text is small for the model: more parameters than training tokens, each token seen many
    times over. Suggests a smaller model and dropout, and keeps the steps: on 18,000 training characters
    the default model's validation loss fell to 2.04 and then climbed to 3.66 (memorising), while 2 layers
    × d_model 64 with dropout 0.2 went on falling — 2.34 after 300 steps, 2.02 after 600, 1.93 after 1,200
    (the bigram guess: 2.47); cutting the steps, as this advice once did, left the model worse than the
    bigram. Only what differs from the current settings is suggested, and nothing when nothing would
    change. `keep_architecture`: a lesson locked it, so only dropout can be suggested."""
    tokens_seen = max_steps * batch_size * config.context_length
    passes = tokens_seen / max(train_tokens, 1)
    if config.n_params() <= train_tokens or passes <= 2:
        return None
    n_layer, d_model = (config.n_layer, config.d_model) if keep_architecture else \
        (min(config.n_layer, ADVISED_LAYERS), min(config.d_model, ADVISED_D_MODEL))
    d_model -= d_model % config.n_head
    smaller = replace(config, n_layer=n_layer, d_model=d_model)
    changes = []
    if n_layer != config.n_layer:
        changes.append(translate("verdict", "{layers} layers").format(layers=integer(n_layer)))
    if d_model != config.d_model:
        changes.append(translate("verdict", "d_model {d_model} ({params} parameters)").format(
            d_model=integer(d_model), params=integer(smaller.n_params())))
    if dropout < ADVISED_DROPOUT:
        changes.append(translate("verdict", "dropout {dropout}").format(dropout=number(ADVISED_DROPOUT, 1)))
    if not changes:  # the suggestion was taken (or cannot be): nothing more to say
        return None
    return SizeAdvice(
        message=translate("verdict", "“{name}” is small for this model: {tokens} training tokens and {params} parameters, "
                          "and {steps} steps would show it each token about {passes} times, so it will memorise the "
                          "text within a few hundred steps. Suggested: {changes}.").format(
            name=name, tokens=integer(train_tokens), params=integer(config.n_params()), steps=integer(max_steps),
            passes=integer(round(passes)), changes=", ".join(changes)),
        n_layer=n_layer, d_model=d_model, dropout=max(dropout, ADVISED_DROPOUT), max_steps=max_steps)


def variant_note(config: GPTConfig) -> str:
    """What a run of a variant that teaches by failing shows, in words ("" for a normal model)."""
    notes = []
    if not config.causal:
        notes.append(translate("verdict", "This model trained without the causal mask: every position could read the token "
                               "it was asked to predict, one place ahead. That is why its training loss fell so low "
                               "— and why the text it writes is garbage: when writing, there is no next token to "
                               "read."))
    if config.positional == "none":
        notes.append(translate("verdict", "This model has no positional encoding: to it the context is a bag of tokens, with "
                               "no order. Compare its loss with a model that knows positions."))
    return " ".join(notes)


HEALTHY_UPDATE_RATIO = 1e-3  # ‖ΔW‖/‖W‖ per step that usually trains well (a rule of thumb from Karpathy's notes)


def health_flags(ratios: list[dict[str, float]], clipped: list[bool]) -> list[str]:
    """Plain words about recent training health, from the last few measurements (empty: nothing to say)."""
    flags = []
    values = sorted(v for r in ratios for v in r.values() if math.isfinite(v))
    if values:
        median = values[len(values) // 2]
        if median < HEALTHY_UPDATE_RATIO / 100:
            flags.append(translate("verdict", "Updates are about {times}× smaller than usual (each step moves the weights by "
                                   "{ratio} of their size; about 1e-3 is typical): the learning rate may be too "
                                   "low.").format(times=integer(round(HEALTHY_UPDATE_RATIO / median)),
                                                  ratio=f"{median:.0e}"))
        elif median > HEALTHY_UPDATE_RATIO * 30:
            flags.append(translate("verdict", "Updates are large: each step moves the weights by {ratio} of their size (about "
                                   "1e-3 is typical): the learning rate may be too high; watch for a jumping or "
                                   "diverging loss.").format(ratio=f"{median:.0e}"))
    if len(clipped) >= 5 and sum(clipped) >= 0.8 * len(clipped):
        flags.append(translate("verdict", "The gradient is clipped at almost every step: the steps are capped, so the learning "
                               "rate may be too high — or the model is still far from fitting, early in a run."))
    return flags
