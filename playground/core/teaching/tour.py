"""The guided tour: the Transformer's ideas in data-flow order, each told with the user's own model.

`tour_steps(...)` builds the steps from the configuration (layers, heads, d_model, norm placement,
activation, tokenizer) and — when there is a model — the live tensor each idea produces for the current
prompt. Every sentence goes through `words.translate`, so the app shows it in the learner's language.
Where a step only means something after training (attention maps of an untrained model are uniform),
it says so in `before_training`, which the app turns into an offer to train.

A step says where to look with `place` ("tokens", "diagram", "why", "loss", "generate") and, for the
diagram, the explain `piece`; the app decides which widget that is.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch

from ..analysis.attribution import AttributionError, attribute
from ..analysis.explain import tensor_view
from ..analysis.inspection import Inspection
from ..data.tokenizer import Tokenizer, token_label
from ..model.config import GPTConfig
from ..model.model import GPT
from ..words import integer, number, translate

TRAIN_FIRST_STEPS = 300  # what the tour offers to train before looking again
PREVIEW_ROWS, PREVIEW_COLS = 6, 7


@dataclass(frozen=True)
class TourTensor:
    """A small window onto a live tensor: its full shape in words and its first rows and columns."""
    caption: str
    values: np.ndarray          # 2-D, at most PREVIEW_ROWS × PREVIEW_COLS
    row_labels: list[str]
    col_labels: list[str]


@dataclass(frozen=True)
class TourStep:
    key: str
    title: str
    body: str                   # two to four sentences, rich text
    formula: str                # "" where the idea has none
    place: str                  # where the window should point: tokens, diagram, why, loss or generate
    piece: str | None = None    # the diagram piece, for place == "diagram"
    tensor: TourTensor | None = None
    before_training: str = ""   # said when the model is untrained: the app offers to train


KEYS = ("tokens", "embeddings", "positions", "qkv", "scores", "mask", "softmax", "heads", "feed_forward",
        "residual", "output", "why", "loss", "generation")


def _why_tensor(model: GPT, inspection: Inspection) -> TourTensor | None:
    """The likeliest token's logit split over layers × (heads, feed-forward); None for a post-norm model."""
    try:
        a = attribute(model, inspection, int(np.argmax(inspection.probs)))
    except AttributionError:
        return None
    grid = np.concatenate([a.heads, a.ffn[:, None]], axis=1)
    cols = [translate("tour", "head {n}").format(n=h + 1) for h in range(a.heads.shape[1])] + [translate("tour", "FFN")]
    return _preview(grid, [translate("tour", "layer {n}").format(n=i + 1) for i in range(len(grid))], cols,
                    translate("tour", "each part's push on the likeliest token's score"))


def _preview(values: np.ndarray, rows: list[str], cols: list[str], caption: str) -> TourTensor:
    v = np.atleast_2d(np.asarray(values, dtype=np.float64))
    return TourTensor(caption, v[:PREVIEW_ROWS, :PREVIEW_COLS], list(rows)[:PREVIEW_ROWS], list(cols)[:PREVIEW_COLS])


def _piece_tensor(model: GPT, inspection: Inspection, tokenizer: Tokenizer, piece: str) -> TourTensor | None:
    try:
        view = tensor_view(model, inspection, tokenizer, piece)
    except (KeyError, IndexError):
        return None  # a model built without this piece (no positional encoding)
    if view.values.ndim == 1:  # bars: the top of the distribution, largest first
        order = np.argsort(view.values)[::-1][:PREVIEW_COLS]
        return _preview(view.values[order][None, :], [view.title], [view.row_labels[i] for i in order], view.shape)
    return _preview(view.values, view.row_labels, view.col_labels, view.shape)


@torch.inference_mode()
def prompt_losses(model: GPT, ids: list[int]) -> np.ndarray:
    """The surprise −ln P(real next token) at every position of the prompt that has a next token."""
    ids = ids[-model.config.context_length:]
    if len(ids) < 2:
        return np.zeros(0)
    logits, _ = model(torch.tensor([ids[:-1]]))
    logp = torch.log_softmax(logits[0].float(), dim=-1)
    return (-logp[torch.arange(len(ids) - 1), torch.tensor(ids[1:])]).numpy()


def tour_steps(config: GPTConfig, tokenizer_kind: str, prompt: str = "", model: GPT | None = None,
               inspection: Inspection | None = None, tokenizer: Tokenizer | None = None,
               trained_steps: int = 0) -> list[TourStep]:
    """Every step, worded with this configuration; tensors when a model and an inspected prompt exist."""
    c = config
    live = model is not None and inspection is not None and tokenizer is not None
    untrained = not live or trained_steps < TRAIN_FIRST_STEPS

    def tensor(piece: str) -> TourTensor | None:
        if model is None or inspection is None or tokenizer is None:
            return None
        return _piece_tensor(model, inspection, tokenizer, piece)

    token_ids = list(inspection.token_ids) if live and inspection is not None else []
    tokens = [token_label(tokenizer.token_text(i)) for i in token_ids] if tokenizer is not None else []
    offer = translate("tour", "Your model has hardly trained yet, so this shows little; train {n} steps and look "
                              "again.").format(n=integer(TRAIN_FIRST_STEPS)) if untrained else ""
    steps = []

    # 1 text → tokens
    kind = translate("tour", "single characters") if tokenizer_kind == "char" else \
        translate("tour", "subwords learned from your text (byte-level BPE)")
    ids_tensor = None
    # the prompt's ids need only the tokenizer: shown from the start, before any model exists
    prompt_ids = token_ids or (tokenizer.encode_prompt(prompt).ids[:c.context_length] if tokenizer is not None else [])
    if prompt_ids and tokenizer is not None:
        ids_tensor = _preview(np.array(prompt_ids, dtype=np.float64)[None, :], [translate("tour", "id")],
                              [token_label(tokenizer.token_text(i)) for i in prompt_ids],
                              translate("tour", "{n} tokens").format(n=len(prompt_ids)))
    steps.append(TourStep(
        "tokens", translate("tour", "The text becomes tokens"),
        translate("tour", "The model never sees letters, only numbers. Your tokenizer cuts text into {kind}: "
                          "{vocab} different tokens, each with an id. Below, your prompt as the ids the model "
                          "reads.").format(kind=kind, vocab=integer(c.vocab_size)),
        "text → [id₁, id₂, …, id_T]", "tokens", tensor=ids_tensor))

    # 2 token embeddings
    steps.append(TourStep(
        "embeddings", translate("tour", "Token embeddings"),
        translate("tour", "Each id picks one row of a table with {vocab} rows and d_model = {d} columns: the "
                          "token's vector. The table starts random; training moves tokens that behave alike "
                          "close together (Explain ▸ Embedding map shows it).").format(
            vocab=integer(c.vocab_size), d=c.d_model),
        f"x_t = E[id_t],  E ∈ ℝ^({c.vocab_size} × {c.d_model})", "diagram", "tok_emb", tensor("tok_emb"),
        offer))

    # 3 positional encoding, as configured
    if c.positional == "learned":
        body = translate("tour", "Attention by itself ignores order. Your model uses learned positions: a second "
                                 "table with one row per position (up to {context}), trained like the embeddings "
                                 "and added to each token's vector.").format(context=c.context_length)
        formula = "x_t = E[id_t] + P[t]"
    elif c.positional == "sinusoidal":
        body = translate("tour", "Attention by itself ignores order. Your model adds the paper's fixed sinusoidal "
                                 "positions: sine and cosine waves of falling frequency, a different pattern for "
                                 "each of its {context} positions, nothing to train.").format(
            context=c.context_length)
        formula = "PE(pos, 2i) = sin(pos / 10000^(2i/d_model)),  PE(pos, 2i+1) = cos(…)"
    else:
        body = translate("tour", "Attention by itself ignores order, and your model has no positional encoding: "
                                 "to it the context is a bag of tokens. Choose Learned under Positions to give "
                                 "it a sense of order.")
        formula = ""
    steps.append(TourStep("positions", translate("tour", "Positional encoding"), body, formula, "diagram",
                          "pos_emb" if c.positional != "none" else "embedded",
                          tensor("pos_emb" if c.positional != "none" else "embedded")))

    # 4 Q, K, V
    steps.append(TourStep(
        "qkv", translate("tour", "Queries, keys and values"),
        translate("tour", "In each of your {heads} heads, three learned matrices turn every token's vector into a "
                          "query (what it looks for), a key (what it offers) and a value (what it hands over). "
                          "Each has d_k = {d_k} dimensions: d_model {d} split among {heads} heads.").format(
            heads=c.n_head, d_k=c.d_head, d=c.d_model),
        "Q = X·W_Q,  K = X·W_K,  V = X·W_V", "diagram", "q", tensor("q"), offer))

    # 5 scores and √d_k
    steps.append(TourStep(
        "scores", translate("tour", "Scores QKᵀ/√d_k"),
        translate("tour", "Every query is compared with every key by a dot product: a large score means “this "
                          "key is what I look for”. The scores are divided by √d_k = √{d_k} ≈ {root}: dot products "
                          "of longer vectors grow larger, and without the division the softmax would saturate "
                          "into all-or-nothing weights that barely learn.").format(
            d_k=c.d_head, root=number(math.sqrt(c.d_head))),
        "scores = Q·Kᵀ / √d_k", "diagram", "scores", tensor("scores"), offer))

    # 6 the causal mask
    if c.causal:
        body = translate("tour", "A decoder predicts the next token, so position t may only look at positions up "
                                 "to t: the scores above the diagonal become −∞ before the softmax. Without the "
                                 "mask the model would read the answer while training and learn nothing it can "
                                 "use when writing.")
    else:
        body = translate("tour", "Your model trains without the causal mask: every position can read the token it "
                                 "must predict. Its training loss will collapse towards zero and its text will be "
                                 "garbage — that is what the mask prevents. Tick Causal mask to put it back.")
    steps.append(TourStep("mask", translate("tour", "The causal mask"), body, "scores[t, s] = −∞  for s > t",
                          "diagram", "mask", tensor("mask")))

    # 7 softmax and the weights
    steps.append(TourStep(
        "softmax", translate("tour", "Softmax: the attention weights"),
        translate("tour", "Softmax turns each row of scores into weights between 0 and 1 that add up to 1: how "
                          "much each position takes from each earlier one. The Prompt &amp; attention tab draws them "
                          "for every layer and head."),
        "softmax(z)ᵢ = e^zᵢ / Σⱼ e^zⱼ", "diagram", "weights", tensor("weights"),
        translate("tour", "The attention maps are almost uniform now; train {n} steps and look again.").format(
            n=integer(TRAIN_FIRST_STEPS)) if untrained else ""))

    # 8 heads concatenated and projected
    steps.append(TourStep(
        "heads", translate("tour", "Heads concatenated and projected"),
        translate("tour", "Each head's output is its weights times the values: a weighted average of what earlier "
                          "tokens hand over. Your {heads} heads' outputs, {d_k} numbers each, are laid side by "
                          "side — {d} again — and mixed by the output matrix W_O.").format(
            heads=c.n_head, d_k=c.d_head, d=c.d_model),
        "MultiHead(X) = Concat(head₁, …, head_h)·W_O,  headᵢ = softmax(QᵢKᵢᵀ/√d_k)·Vᵢ", "diagram", "concat",
        tensor("concat")))

    # 9 the feed-forward layer
    activation = "GELU" if c.activation == "gelu" else "ReLU"
    steps.append(TourStep(
        "feed_forward", translate("tour", "The feed-forward layer"),
        translate("tour", "Then each position alone goes through a small two-layer network, {d} → {d_ff} → {d}, "
                          "with {activation} in between. Attention moves information between positions; the "
                          "feed-forward layer works on what each position now holds.").format(
            d=c.d_model, d_ff=c.d_ff, activation=activation),
        "FFN(x) = GELU(x·W₁ + b₁)·W₂ + b₂" if c.activation == "gelu" else "FFN(x) = max(0, x·W₁ + b₁)·W₂ + b₂",
        "diagram", "ffn_hidden", tensor("ffn_hidden"), offer))

    # 10 residual connections and layer norm
    if c.norm_placement == "pre":
        body = translate("tour", "Each sublayer adds its result to its own input — the residual connection — so "
                                 "information and gradients flow straight through your {layers} blocks. Your model "
                                 "normalises before each sublayer (pre-norm, as GPT-2): every vector is rescaled to "
                                 "mean 0 and variance 1, then by learned gains.").format(layers=c.n_layer)
        formula = "x ← x + Attention(LayerNorm(x));  x ← x + FFN(LayerNorm(x))"
    else:
        body = translate("tour", "Each sublayer adds its result to its own input — the residual connection — so "
                                 "information and gradients flow straight through your {layers} blocks. Your model "
                                 "normalises after each sum (post-norm, as the 2017 paper): every vector is "
                                 "rescaled to mean 0 and variance 1, then by learned gains.").format(layers=c.n_layer)
        formula = "x ← LayerNorm(x + Attention(x));  x ← LayerNorm(x + FFN(x))"
    steps.append(TourStep("residual", translate("tour", "Residual connections and layer norm"), body,
                          formula + "   ·   LayerNorm(x) = γ·(x − μ)/σ + β", "diagram", "after_attention",
                          tensor("after_attention")))

    # 11 the output: one score per token, then softmax
    tied = translate("tour", "(your model reuses the embedding table for it)") if c.tie_embeddings else ""
    steps.append(TourStep(
        "output", translate("tour", "One score per token, then probabilities"),
        translate("tour", "After the last of your {layers} blocks, the vector at the last position is multiplied "
                          "by an output matrix {tied}: one score, a logit, for each of the {vocab} tokens. Softmax "
                          "turns the scores into the probability of each token coming next.").format(
            layers=c.n_layer, tied=tied, vocab=integer(c.vocab_size)).replace("  ", " "),
        "P(next = w) = softmax(h_T · W_out)_w", "diagram", "probs", tensor("probs"), offer))

    # 12 why this token: the logit as a sum of what each part wrote
    steps.append(TourStep(
        "why", translate("tour", "Why this token? Every part's share of the score"),
        translate("tour", "The vector at the last position is a sum: the token's embedding, its position, and what "
                          "each of your {heads} heads and {layers} feed-forward layers wrote into the residual "
                          "stream. Through the final layer norm and the output matrix, each part adds its own share "
                          "to a token's score. The map shows those shares for the likeliest next token, the parts "
                          "that pushed it up and those that pushed it down; right-click a bar in the Prompt tab to "
                          "ask about another token.").format(
            heads=integer(c.n_layer * c.n_head), layers=c.n_layer) + ("" if c.norm_placement == "pre" else " " + translate(
                "tour", "Your model normalises after each add (post-norm), so its score is not such a sum: choose "
                        "pre-norm to see the map.")),
        "logit(w) = Σ_parts (part · γ / σ) · W_out[w] + β · W_out[w]", "why", tensor=_why_tensor(model, inspection)
        if live and model is not None and inspection is not None else None, before_training=offer))

    # 13 the loss: surprise at the real next token
    loss_tensor = None
    if live and model is not None:
        losses = prompt_losses(model, token_ids)
        if len(losses):
            loss_tensor = _preview(losses[None, :], [translate("tour", "−ln P")], tokens[1:],
                                   translate("tour", "surprise at each next token of your prompt"))
    steps.append(TourStep(
        "loss", translate("tour", "The loss: surprise at the real next token"),
        translate("tour", "Training compares the probabilities with the token that really came next. The loss is "
                          "the surprise −ln P(real next token): 0 when the model was sure and right, large when it "
                          "gave the real token little chance. Training nudges every weight to lower the average "
                          "surprise — the curve in the Training tab. How far each weight moves is the optimizer's "
                          "choice: AdamW gives every weight its own step size; Muon makes each matrix's update "
                          "orthogonal, so all its directions learn at a similar rate."),
        "loss = −(1/T) Σₜ ln P(x₍ₜ₊₁₎ | x₍≤ₜ₎)", "loss", tensor=loss_tensor,
        before_training=translate("tour", "No curve yet: train {n} steps and watch the loss fall.").format(
            n=integer(TRAIN_FIRST_STEPS)) if untrained else ""))

    # 14 generation, one token at a time
    steps.append(TourStep(
        "generation", translate("tour", "Writing, one token at a time"),
        translate("tour", "To write, the model predicts one token, appends it to the prompt and predicts again, "
                          "each time reading up to {context} tokens of context. Temperature, top-k and top-p decide "
                          "how boldly it picks from the probabilities. Press Generate to watch it write.").format(
            context=c.context_length),
        "x₍T+1₎ ~ P(· | x₁ … x_T),  then repeat", "generate", "probs", tensor("probs"), offer))
    return steps

