"""Explain mode's engine: the model drawn as a diagram of pieces, and each piece's live tensor.

`architecture(config)` lists the pieces in the order data flows, as the config builds them (pre- or
post-norm, learned or sinusoidal positions). `tensor_view(...)` turns an inspection pass into the
matrix one piece holds for the current prompt, with its shape and a short explanation. The "what the
model has learned" views (embedding map, position similarity, logit lens) are plain numpy too, so
tests check numbers, not pixels.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch

from ..data.tokenizer import Tokenizer, token_label
from ..model.config import GPTConfig
from ..model.model import GPT
from ..model.sampling import SamplingSettings, next_token_distribution
from ..words import QT_TRANSLATE_NOOP, integer, number, scientific, translate
from .inspection import Inspection, logit_lens

GELU_NEAR_ZERO = 0.01  # |h| below this counts as "off" for GELU, which is never exactly zero for x < 0


@dataclass(frozen=True)
class Piece:
    key: str
    source_title: str         # English, marked for lupdate; `title` is it in the user's language
    source_explanation: str
    per_layer: bool = False
    per_head: bool = False

    @property
    def title(self) -> str:
        return translate("explain", self.source_title)

    @property
    def explanation(self) -> str:
        return translate("explain", self.source_explanation)


PIECES = {p.key: p for p in [
    Piece("tok_emb", QT_TRANSLATE_NOOP("explain", "Token embedding"),
          QT_TRANSLATE_NOOP("explain", "Each token id looks up one learned row of a vocabulary × d_model table: the token's vector. "
          "One row per prompt token.")),
    Piece("pos_emb", QT_TRANSLATE_NOOP("explain", "Positional encoding"),
          QT_TRANSLATE_NOOP("explain", "Attention itself ignores order, so a vector for each position is added to the token's. Learned "
          "positions are trained rows; sinusoidal ones are fixed sine and cosine waves of falling frequency.")),
    Piece("embedded", QT_TRANSLATE_NOOP("explain", "Embedding + position"),
          QT_TRANSLATE_NOOP("explain", "The sum of the token and position vectors: what enters the first block as the residual stream.")),
    Piece("ln1", QT_TRANSLATE_NOOP("explain", "LayerNorm before attention"),
          QT_TRANSLATE_NOOP("explain", "Each token's vector is rescaled to mean 0 and variance 1 (then scaled and shifted by learned "
          "gains), which keeps the numbers entering attention in a steady range."), per_layer=True),
    Piece("q", QT_TRANSLATE_NOOP("explain", "Queries Q"), QT_TRANSLATE_NOOP("explain", "Q = x·W_Q for this head: what each position is looking for."),
          per_layer=True, per_head=True),
    Piece("k", QT_TRANSLATE_NOOP("explain", "Keys K"), QT_TRANSLATE_NOOP("explain", "K = x·W_K for this head: "
                                                                                    "what each position offers to be found by."),
          per_layer=True, per_head=True),
    Piece("v", QT_TRANSLATE_NOOP("explain", "Values V"), QT_TRANSLATE_NOOP("explain", "V = x·W_V for this head: "
                                                                                      "what each position hands over when attended to."),
          per_layer=True, per_head=True),
    Piece("scores", QT_TRANSLATE_NOOP("explain", "Scores QKᵀ/√d_k"),
          QT_TRANSLATE_NOOP("explain", "How well each query matches each key, divided by √d_k so the softmax does not saturate as d_k "
          "grows. Shown before the mask: the upper triangle holds scores for future tokens."),
          per_layer=True, per_head=True),
    Piece("mask", QT_TRANSLATE_NOOP("explain", "Causal mask"),
          QT_TRANSLATE_NOOP("explain", "A position may attend to itself and earlier positions only (1), never to later ones (0): the model "
          "must predict the next token without seeing it. Masked scores become −∞ before the softmax."),
          per_layer=True),
    Piece("weights", QT_TRANSLATE_NOOP("explain", "Attention weights softmax(·)"),
          QT_TRANSLATE_NOOP("explain", "The softmax of each row of masked scores: how much each query position takes from each key "
          "position. Every row sums to 1; masked entries are exactly 0."), per_layer=True, per_head=True),
    Piece("heads_out", QT_TRANSLATE_NOOP("explain", "Weighted sum of V"),
          QT_TRANSLATE_NOOP("explain", "softmax(QKᵀ/√d_k)·V: each position's new vector for this head, a weighted average of the "
          "values it attends to."), per_layer=True, per_head=True),
    Piece("concat", QT_TRANSLATE_NOOP("explain", "Heads concatenated"),
          QT_TRANSLATE_NOOP("explain", "The outputs of all heads side by side, back to d_model wide: head 1's columns, then head 2's, …"),
          per_layer=True),
    Piece("attn_out", QT_TRANSLATE_NOOP("explain", "Output projection W_O"),
          QT_TRANSLATE_NOOP("explain", "A linear layer mixes the concatenated heads into the update attention adds to the residual stream."),
          per_layer=True),
    Piece("after_attention", QT_TRANSLATE_NOOP("explain", "Add (& norm)"),
          QT_TRANSLATE_NOOP("explain", "The residual connection: the attention update is added to the block's input, so information can "
          "flow past the sublayer unchanged. In post-norm (2017) a LayerNorm follows the sum."),
          per_layer=True),
    Piece("ffn_hidden", QT_TRANSLATE_NOOP("explain", "Feed-forward hidden layer"),
          QT_TRANSLATE_NOOP("explain", "max(0, xW₁+b₁) (or GELU): each position alone is expanded to 4 × d_model units; the units that "
          "switch on act like detectors of features in the token's vector."), per_layer=True),
    Piece("output", QT_TRANSLATE_NOOP("explain", "Feed-forward out, add (& norm)"),
          QT_TRANSLATE_NOOP("explain", "W₂ maps the hidden units back to d_model and the result is added to the residual stream: the "
          "block's output, and the next block's input."), per_layer=True),
    Piece("ln2", QT_TRANSLATE_NOOP("explain", "LayerNorm before the feed-forward"),
          QT_TRANSLATE_NOOP("explain", "The stream, after attention added its update, is normalised again (mean 0, variance 1, then "
          "learned gains) before the feed-forward layer reads it."), per_layer=True),
    Piece("residual_norms", QT_TRANSLATE_NOOP("explain", "Residual stream norm"),
          QT_TRANSLATE_NOOP("explain", "The length ‖x‖ of each token's vector after the embedding and after every block: how much each "
          "layer writes into the stream.")),
    Piece("final_norm", QT_TRANSLATE_NOOP("explain", "Final LayerNorm"),
          QT_TRANSLATE_NOOP("explain", "Pre-norm models normalise the stream once more before reading it out.")),
    Piece("logits", QT_TRANSLATE_NOOP("explain", "Logits (linear to the vocabulary)"),
          QT_TRANSLATE_NOOP("explain", "The last position's vector times the unembedding matrix: one score per vocabulary token. With "
          "tied embeddings this matrix is the token embedding table itself.")),
    Piece("probs", QT_TRANSLATE_NOOP("explain", "Softmax → next-token probabilities"),
          QT_TRANSLATE_NOOP("explain", "softmax(logits / temperature): the probability of each token coming next. Temperature below 1 "
          "sharpens it, above 1 flattens it.")),
]}

ATTENTION_PARTS = ("q", "k", "v", "scores", "mask", "weights", "heads_out", "concat", "attn_out")


@dataclass(frozen=True)
class DiagramNode:
    key: str | None        # the piece it opens; None for a label only
    label: str
    in_block: bool = False  # drawn inside the repeated decoder block
    parts: tuple[str, ...] = ()  # sub-pieces drawn as chips inside the node (attention's insides)
    measurement: bool = False  # a reading taken beside the path, not a step the data goes through


def architecture(config: GPTConfig) -> list[DiagramNode]:
    """The model as boxes in the order data flows, following its config."""
    pos = {"learned": translate("explain", "learned"), "sinusoidal": translate("explain", "sinusoidal")}.get(
        config.positional, translate("explain", "none"))
    nodes = [DiagramNode(None, translate("explain", "Tokens (up to {n})").format(n=config.context_length)),
             DiagramNode("tok_emb", translate("explain", "Token embedding ({vocab} × {d})").format(vocab=config.vocab_size, d=config.d_model)),
             DiagramNode("pos_emb", translate("explain", "+ Positional encoding ({kind})").format(kind=pos)),
             DiagramNode("embedded", translate("explain", "= Residual stream"))]
    attention = DiagramNode("weights", translate("explain", "Masked self-attention · {heads} heads × {d}").format(
        heads=config.n_head, d=config.d_head), True, ATTENTION_PARTS)
    ffn = DiagramNode("ffn_hidden", translate("explain", "Feed-forward {d}→{d_ff}→{d} · {activation}").format(
        d=config.d_model, d_ff=config.d_ff, activation="GELU" if config.activation == "gelu" else "ReLU"), True)
    if config.norm_placement == "pre":
        nodes += [DiagramNode("ln1", "LayerNorm", True), attention, DiagramNode("after_attention", translate("explain", "Add"), True),
                  DiagramNode("ln2", "LayerNorm", True), ffn, DiagramNode("output", translate("explain", "Add"), True),
                  DiagramNode("final_norm", translate("explain", "Final LayerNorm"))]
    else:
        nodes += [attention, DiagramNode("after_attention", translate("explain", "Add & LayerNorm"), True),
                  ffn, DiagramNode("output", translate("explain", "Add & LayerNorm"), True)]
    logits = translate("explain", "Linear → {n} logits (tied weights)") if config.tie_embeddings else translate("explain", "Linear → {n} logits")
    nodes += [DiagramNode("logits", logits.format(n=config.vocab_size)),
              DiagramNode("probs", translate("explain", "Softmax → next-token probabilities")),
              DiagramNode("residual_norms", translate("explain", "Measured: residual stream norm by layer"), measurement=True)]
    return nodes


@dataclass
class TensorView:
    key: str
    title: str
    explanation: str
    values: np.ndarray                 # 2-D (rows × columns), or 1-D for bar charts
    row_labels: list[str]
    col_labels: list[str]
    shape: str                         # e.g. "T × d_head = 12 × 32"
    note: str = ""
    signed: bool = True                # centre the colour scale on zero
    kind: str = "heatmap"              # "heatmap" or "bars"
    extra: dict = field(default_factory=dict)


def _np(t: torch.Tensor) -> np.ndarray:
    return t.detach().float().cpu().numpy()


def _dims(n: int) -> list[str]:
    return [str(i) for i in range(n)]


@torch.inference_mode()
def tensor_view(model: GPT, inspection: Inspection, tokenizer: Tokenizer, key: str, layer: int = 0,
                head: int = 0, temperature: float = 1.0) -> TensorView:
    """The tensor a piece holds for the inspected prompt (layer/head where they apply)."""
    config, trace = model.config, inspection.trace
    piece = PIECES[key]
    T, d, dh = inspection.n_tokens, config.d_model, config.d_head
    tokens = [token_label(tokenizer.token_text(i)) for i in inspection.token_ids]
    lt: dict = trace["layers"][layer] if piece.per_layer else {}

    def view(values, rows, cols, shape, **kw):
        title = piece.title + (" · " + translate("explain", "layer {n}").format(n=layer + 1) if piece.per_layer else "") + \
            (" · " + translate("explain", "head {n}").format(n=head + 1) if piece.per_head else "")
        return TensorView(key, title, piece.explanation, np.asarray(values), rows, cols, shape, **kw)

    if key in ("tok_emb", "embedded", "final_norm"):
        return view(_np(trace[key][0]), tokens, _dims(d), f"T × d_model = {T} × {d}")
    if key == "pos_emb":
        # every position of the context, so the sinusoidal waves show; the prompt uses the first T rows
        all_pos = _np(model.pos_emb[: config.context_length])
        return view(all_pos, [translate("explain", "pos {i}").format(i=i) for i in range(len(all_pos))], _dims(d),
                    translate("explain", "context × d_model = {n} × {d}").format(n=len(all_pos), d=d),
                    note=translate("explain", "This prompt uses positions 0–{last}.").format(last=T - 1))
    if key == "ln1":
        if config.norm_placement != "pre":
            raise KeyError("post-norm blocks have no LayerNorm before attention")
        return view(_np(model.block(layer).ln1(lt["input"])[0]), tokens, _dims(d), f"T × d_model = {T} × {d}")
    if key == "ln2":
        if config.norm_placement != "pre":
            raise KeyError("post-norm blocks have no LayerNorm before the feed-forward")
        return view(_np(model.block(layer).ln2(lt["after_attention"])[0]), tokens, _dims(d),
                    f"T × d_model = {T} × {d}")
    if key in ("q", "k", "v", "heads_out"):
        return view(_np(lt[key][0, head]), tokens, _dims(dh), f"T × d_head = {T} × {dh}")
    if key == "scores":
        return view(_np(lt["scores"][0, head]), tokens, tokens, f"T × T = {T} × {T}",
                    note=translate("explain", "Computed as Q·Kᵀ / √{d} = Q·Kᵀ / {root}.").format(d=dh, root=number(np.sqrt(dh))))
    if key == "mask":
        return view(_np(lt["mask"].float()), tokens, tokens, f"T × T = {T} × {T}", signed=False,
                    note=translate("explain", "{n} of {all} query–key pairs are allowed.").format(n=int(lt["mask"].sum()), all=T * T))
    if key == "weights":
        w = _np(lt["weights"][0, head])
        return view(w, tokens, tokens, f"T × T = {T} × {T}", signed=False,
                    note=translate("explain", "Rows sum to 1 (largest deviation {deviation}).").format(
                        deviation=scientific(np.abs(w.sum(1) - 1).max())))
    if key == "concat":
        heads = lt["heads_out"][0]  # (heads, T, dh) → (T, heads·dh)
        return view(_np(heads.transpose(0, 1).reshape(T, d)), tokens,
                    [f"h{c // dh + 1}·{c % dh}" for c in range(d)],
                    translate("explain", "T × (heads · d_head) = {T} × ({heads} · {dh})").format(
                        T=T, heads=config.n_head, dh=dh))
    if key == "attn_out":
        return view(_np(lt["concat"][0]), tokens, _dims(d), f"T × d_model = {T} × {d}")
    if key in ("after_attention", "output"):
        return view(_np(lt[key][0]), tokens, _dims(d), f"T × d_model = {T} × {d}")
    if key == "ffn_hidden":
        h = _np(lt["ffn_hidden"][0])
        if config.activation == "relu":
            off = float((h == 0).mean())
            note = translate("explain", "{percent}% of the {n} hidden values are exactly zero after ReLU.").format(
                percent=number(100 * off, 0), n=integer(h.size))
        else:
            off = float((np.abs(h) < GELU_NEAR_ZERO).mean())
            note = translate("explain", "{percent}% of the {n} hidden values are near zero (|h| < {near}) after GELU.").format(
                percent=number(100 * off, 0), n=integer(h.size), near=number(GELU_NEAR_ZERO))
        return view(h, tokens, _dims(config.d_ff), f"T × d_ff = {T} × {config.d_ff}", note=note,
                    extra={"off_fraction": off})
    if key == "residual_norms":
        norms = np.linalg.norm(inspection.residual, axis=-1)  # (layers + 1, T)
        stages = [translate("explain", "after layer {n}").format(n=i + 1) for i in range(config.n_layer)]
        return view(norms, [translate("explain", "embedding")] + stages,
                    tokens,
                    translate("explain", "(layers + 1) × T = {n} × {T}").format(n=config.n_layer + 1, T=T),
                    signed=False)
    if key in ("logits", "probs"):
        if key == "logits":
            values = inspection.logits.astype(np.float64)
            note = "Scores for the token after the last prompt position; the top 20 are shown."
        else:  # the same softmax(logits / temperature) that sampling draws from
            settings = SamplingSettings(temperature=temperature)
            values = next_token_distribution(torch.from_numpy(inspection.logits), settings).probs.double().numpy()
            note = translate("explain", "Temperature {t}; the top 20 of {n} are shown.").format(t=number(temperature, 1), n=integer(len(values)))
        order = np.argsort(-values)[:20]
        return view(values[order], [token_label(tokenizer.token_text(int(i))) for i in order], [],
                    translate("explain", "vocabulary = {n} (last position)").format(n=integer(len(values))), note=note, kind="bars",
                    extra={"all": values, "order": order})
    raise KeyError(key)


# ------------------------------------------------------------------------- what the model has learned
@dataclass
class LensGrid:
    top_ids: np.ndarray       # (layers + 1, T) the token each stage would predict at each position
    top_probs: np.ndarray     # (layers + 1, T) its probability
    row_labels: list[str]


def logit_lens_grid(model: GPT, inspection: Inspection) -> LensGrid:
    probs = logit_lens(model, inspection)  # (layers + 1, T, vocab)
    top = probs.argmax(-1)
    return LensGrid(top, np.take_along_axis(probs, top[..., None], -1)[..., 0],
                    [translate("explain", "embedding")] + [translate("explain", "layer {n}").format(n=i + 1) for i in range(model.config.n_layer)])


@dataclass
class EmbeddingMap:
    points: np.ndarray        # (vocab, 2)
    explained: np.ndarray     # (2,) fraction of variance along each axis
    components: np.ndarray    # (2, d_model), kept to align the next frame's signs with this one


def embedding_pca(model: GPT, previous: EmbeddingMap | None = None) -> EmbeddingMap:
    """The token embedding table projected on its two main directions (PCA by SVD).

    A principal axis is only defined up to its sign; aligning it with the previous frame's keeps the
    map from flipping while the user watches it train.
    """
    w = _np(model.tok_emb.weight).astype(np.float64)
    centred = w - w.mean(axis=0)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    components = vt[:2].copy()
    if previous is not None and previous.components.shape == components.shape:
        signs = np.sign((components * previous.components).sum(axis=1))
        components *= np.where(signs == 0, 1, signs)[:, None]
    variance = s ** 2
    return EmbeddingMap(centred @ components.T, variance[:2] / max(variance.sum(), 1e-12), components)


TOKEN_GROUPS = [  # the names, marked for lupdate; views show them translated
    QT_TRANSLATE_NOOP("explain", "lower vowel"), QT_TRANSLATE_NOOP("explain", "upper vowel"),
    QT_TRANSLATE_NOOP("explain", "lower consonant"), QT_TRANSLATE_NOOP("explain", "upper consonant"),
    QT_TRANSLATE_NOOP("explain", "digit"), QT_TRANSLATE_NOOP("explain", "punctuation"),
    QT_TRANSLATE_NOOP("explain", "whitespace"), QT_TRANSLATE_NOOP("explain", "other")]


def token_group(text: str) -> str:
    """A coarse class for colouring the embedding map: do vowels, digits, capitals find each other?"""
    if not text:
        return "other"
    c = text.strip()[:1] or text[:1]
    if text.isspace():
        return "whitespace"
    if c.isdigit():
        return "digit"
    if c.isalpha():
        vowel = c.lower() in "aeiouäöüéèêáàâíìîóòôúùûy"
        return ("upper " if c.isupper() else "lower ") + ("vowel" if vowel else "consonant")
    return "punctuation"


def position_similarity(model: GPT) -> np.ndarray:
    """(context × context) cosine similarity between position vectors."""
    p = _np(model.pos_emb[: model.config.context_length]).astype(np.float64)
    unit = p / np.maximum(np.linalg.norm(p, axis=1, keepdims=True), 1e-12)
    return unit @ unit.T
