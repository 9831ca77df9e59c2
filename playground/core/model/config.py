"""The model's shape, checked before anything is allocated, with messages a person understands."""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from ..words import number, translate

LIMITS = {  # what a model may have: the sliders offer less; pretrained GPT-2s (medium: 24 × 16 × 1024) fit
    "n_layer": (1, 48),
    "n_head": (1, 32),
    "d_model": (8, 2048),
    "context_length": (4, 1024),
    "vocab_size": (2, 65536),
}
POSITIONAL = ("learned", "sinusoidal", "none")  # none: a bag of tokens, to see what order is worth
ACTIVATIONS = ("gelu", "relu", "gelu_tanh")  # gelu_tanh: GPT-2's own ("gelu_new"), for pretrained models
NORM_PLACEMENTS = ("pre", "post")


class ConfigError(ValueError):
    """One or more settings cannot work together; the message lists each problem in plain words."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(" ".join(problems))


@dataclass(frozen=True)
class GPTConfig:
    vocab_size: int = 65
    context_length: int = 64     # how many tokens the model sees at once (block size)
    # 3 layers, not 4: on a small CPU it reaches a good loss sooner and ends lower
    n_layer: int = 3
    n_head: int = 4
    d_model: int = 128
    ff_mult: int = 4             # feed-forward hidden width = ff_mult × d_model, as in the paper
    dropout: float = 0.0
    positional: str = "learned"  # "learned" (GPT-2) or "sinusoidal" (the 2017 paper)
    # "relu" (the paper's max(0, xW₁+b₁)W₂+b₂) or "gelu" (GPT-2). ReLU by default: it is what the paper
    # writes, and on a CPU it reaches a given loss sooner
    activation: str = "relu"
    norm_placement: str = "pre"  # "pre": norm before each sublayer (GPT-2); "post": after the residual add (2017)
    norm_eps: float = 1e-5       # layer norm's epsilon (GPT-2's too)
    tie_embeddings: bool = True  # share the token embedding with the output projection
    # False: a variant that teaches by failing — every position may look at the future, so training loss
    # collapses (the answer is in the input) while generation, which has no future to look at, is garbage
    causal: bool = True

    def __post_init__(self):
        self.validate()

    @property
    def d_head(self) -> int:
        return self.d_model // self.n_head

    @property
    def d_ff(self) -> int:
        return self.ff_mult * self.d_model

    def validate(self) -> None:
        problems = []
        names = {"n_layer": "Layers", "n_head": "Heads", "d_model": "d_model",
                 "context_length": "Context length", "vocab_size": "Vocabulary size"}
        for key, (lo, hi) in LIMITS.items():
            value = getattr(self, key)
            if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
                problems.append(translate("config", "{setting} must be a whole number from {lo} to {hi} (got {got}).")
                                    .format(setting=names[key], lo=lo, hi=hi, got=repr(value)))
        if not problems and self.d_model % self.n_head:
            lower = self.d_model - self.d_model % self.n_head
            problems.append(translate("config", "d_model ({d_model}) must divide evenly among {n_head} heads; "
                                                "try d_model {lower} or {higher}.")
                                                        .format(d_model=self.d_model, n_head=self.n_head,
                                                                lower=lower or self.n_head, higher=lower + self.n_head))
        if not (isinstance(self.ff_mult, int) and 1 <= self.ff_mult <= 8):
            problems.append(translate("config", "The feed-forward multiplier must be 1–8 (got {ff_mult}).").format(ff_mult=repr(self.ff_mult)))
        # a string "0.5" would pass float() here and crash later inside F.dropout: types are checked too
        if not (isinstance(self.dropout, (int, float)) and not isinstance(self.dropout, bool)
                and 0.0 <= self.dropout < 1.0):
            problems.append(translate("config", "Dropout must be a number at least 0 and below 1 (got {dropout}).")
                                .format(dropout=repr(self.dropout)))
        if not (isinstance(self.norm_eps, float) and 0 < self.norm_eps < 0.1):
            problems.append(translate("config", "The layer norm epsilon must be a small positive number (got {eps}).")
                                .format(eps=repr(self.norm_eps)))
        if not isinstance(self.tie_embeddings, bool):
            problems.append(translate("config", "Tied embeddings must be true or false (got {tie_embeddings}).")
                                .format(tie_embeddings=repr(self.tie_embeddings)))
        if not isinstance(self.causal, bool):
            problems.append(translate("config", "The causal mask setting must be true or false (got {causal}).").format(causal=repr(self.causal)))
        for key, allowed in (("positional", POSITIONAL), ("activation", ACTIVATIONS),
                             ("norm_placement", NORM_PLACEMENTS)):
            if getattr(self, key) not in allowed:
                problems.append(translate("config", "{key} must be one of {choices} (got {got}).")
                                    .format(key=key, choices=', '.join(allowed), got=repr(getattr(self, key))))
        if problems:
            raise ConfigError(problems)

    def n_params(self) -> int:
        """Trainable parameters, counted from the shape alone (tests check it against the real model)."""
        d, V = self.d_model, self.vocab_size
        attention = d * 3 * d + 3 * d + d * d + d
        feed_forward = d * self.d_ff + self.d_ff + self.d_ff * d + d
        block = attention + feed_forward + 2 * (2 * d)
        total = V * d + self.n_layer * block
        total += self.context_length * d if self.positional == "learned" else 0  # sinusoidal, none: no weights
        total += 2 * d if self.norm_placement == "pre" else 0  # the final layer norm
        total += 0 if self.tie_embeddings else V * d
        return total

    def estimate_training_memory(self, batch_size: int) -> int:
        """Bytes for weights, gradients, AdamW moments, the last-good copy and activations (fp32)."""
        params = self.n_params() * 4 * 5
        B, T, d = batch_size, self.context_length, self.d_model
        # saved activations per block: ~ qkv, attention out, two norms, FFN hidden (4d) twice, residuals
        per_block = B * T * (14 * d + 2 * self.d_ff) * 4
        logits = B * T * self.vocab_size * 4 * 3
        return params + self.n_layer * per_block + logits

    def describe(self) -> str:
        """The architecture in one line, e.g. "4 × [4-head attention → FFN 512] · d_model 128 · context 64"."""
        return translate("config", "{layers} × [{heads}-head attention → FFN {d_ff}] · d_model {d} · context "
                                   "{context}").format(layers=self.n_layer, heads=self.n_head, d_ff=self.d_ff,
                                                       d=self.d_model, context=self.context_length)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> GPTConfig:
        if not isinstance(d, dict):
            raise ConfigError([translate("config", "The model settings are not a table of values (got {kind}).")
                               .format(kind=type(d).__name__)])
        known = {f.name for f in fields(cls)}
        unknown = set(d) - known
        if unknown:
            raise ConfigError([translate("config", "Unknown model settings: {names}.").format(
                names=", ".join(sorted(unknown)))])
        return cls(**d)


def format_bytes(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{number(n, 0)} {unit}" if unit == "B" else f"{number(n, 1)} {unit}"
        n /= 1024
    return f"{number(n, 1)} GB"


def format_count(n: int) -> str:
    return f"{number(n / 1e6)} M" if n >= 1e6 else f"{number(n / 1e3, 1)} K" if n >= 1e3 else str(n)


def format_duration(seconds: float, tenths_under_a_minute: bool = False) -> str:
    """0:42, 12:05 or 1:02:03 (or "12.3 s" under a minute, where tenths matter)."""
    if tenths_under_a_minute and seconds < 60:
        return f"{number(seconds, 1)} s"
    seconds = max(0, int(round(seconds)))
    m, s = divmod(seconds, 60)
    h, m = divmod(m, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"
