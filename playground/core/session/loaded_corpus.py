"""A text made ready for training: loaded, tokenized and encoded (the slow part, safe in a thread), with the
split, statistics and yardsticks computed from it on demand; and the bundled text with its prompts.
"""

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np

from ..analysis.baselines import Baselines, ngram_baselines
from ..data.copies import CopyIndex
from ..data.corpus import Corpus, ProgressCallback, load_corpus
from ..data.split import DEFAULT_VAL_FRACTION, TextSplit
from ..data.token_stats import TokenStats, token_stats
from ..data.tokenizer import Tokenizer, build_tokenizer
from ..words import QT_TRANSLATE_NOOP, integer, translate

DEFAULT_PROMPT = "ROMEO:\nBut soft, what light"  # the bundled Shakespeare's own; other texts get one of theirs


DEFAULT_SENTENCE = "To be, or not to be, that is the question: Whether 'tis nobler in the mind to suffer"


def sample_line(text: str, from_fraction: float = 0.9, max_chars: int = 60) -> str:
    """A line of the text a prompt or an example can start from: the first full line of reasonable length
    in the validation part (the text's end), cut at a word boundary."""
    tail = text[int(len(text) * from_fraction):]
    for line in tail.split("\n")[1:400]:
        line = line.strip()
        if len(line) >= 12:
            if len(line) > max_chars:
                cut = line[:max_chars]
                line = cut[:cut.rfind(" ")] if " " in cut[max_chars // 2:] else cut
            return line
    return text.strip()[:max_chars]


def asset_path(name: str) -> Path:
    """A bundled file: inside the installed package (pyproject maps the top-level assets/ folder to
    playground/assets in the wheel), else in the checkout's assets/ when running from source."""
    packaged = resources.files("playground") / "assets" / name
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "assets" / name


DEFAULT_CORPUS = asset_path("tinyshakespeare.txt")


@dataclass
class LoadedCorpus:
    """A corpus with its tokenizer and token ids: what a background load hands back."""
    corpus: Corpus
    tokenizer: Tokenizer
    ids: np.ndarray
    requested_vocab: int = 0  # for BPE: the size asked for (a short text may support fewer tokens)
    val_fraction: float = DEFAULT_VAL_FRACTION  # the model's own (a checkpoint may carry another)
    _stats: TokenStats | None = field(default=None, repr=False)
    _baselines: Baselines | None = field(default=None, repr=False)
    _copy_index: CopyIndex | None = field(default=None, repr=False)
    _split: TextSplit | None = field(default=None, repr=False)
    _baselines_fraction: float = field(default=DEFAULT_VAL_FRACTION, repr=False)

    @property
    def split(self) -> TextSplit:
        """The training head and validation tail of this text: the trainer's split, defined once."""
        if self._split is None or self._split.val_fraction != self.val_fraction:
            self._split = TextSplit(self.ids, self.tokenizer, self.corpus.text, self.val_fraction)
        return self._split

    @property
    def split_sizes(self) -> tuple[int, int]:
        return self.split.sizes

    @property
    def stats(self) -> TokenStats:
        if self._stats is None:
            self._stats = token_stats(self.ids, self.tokenizer.vocab_size, self.corpus.num_chars)
        return self._stats

    @property
    def baselines(self) -> Baselines:
        """The counting yardsticks for this text and tokenizer: seconds for 100 MB, so the app asks for
        them from a background thread (`compute_yardsticks`) and the CLI before it trains."""
        if self._baselines is None or self._baselines_fraction != self.val_fraction:
            split = self.split
            self._baselines_fraction = split.val_fraction
            self._baselines = ngram_baselines(self.ids, self.tokenizer.vocab_size, split.val_fraction,
                                              tokens_per_char=split.tokens_per_char)
        return self._baselines

    @property
    def training_text(self) -> str:
        return self.split.train_text

    @property
    def copy_index(self) -> CopyIndex:
        """The training part of the text, indexed for the copy check of generated samples."""
        if self._copy_index is None:
            self._copy_index = CopyIndex(self.training_text)
        return self._copy_index

    @property
    def validation_tokens_per_char(self) -> float:
        """Tokens per character of the validation part (turns nats per token into bits per character)."""
        return self.split.tokens_per_char

    def compute_yardsticks(self) -> None:
        _ = self.baselines, self.copy_index

    @property
    def yardsticks_ready(self) -> bool:
        return self._baselines is not None and self._copy_index is not None

    @property
    def vocab_note(self) -> str:
        """Say so when BPE learned fewer tokens than asked for: the text has no more merges to offer."""
        if self.tokenizer.kind == "bpe" and self.tokenizer.vocab_size < self.requested_vocab:
            return translate("session", "This text supports only {found} BPE tokens ({asked} were asked for), so the "
                                        "vocabulary has {found}.").format(found=integer(self.tokenizer.vocab_size),
                                                                          asked=integer(self.requested_vocab))
        return ""


def tokenizer_label(tokenizer: Tokenizer) -> str:
    return translate("session", "Characters") if tokenizer.kind == "char" else f"BPE {integer(tokenizer.vocab_size)}"


def _scaled(progress: ProgressCallback | None, lo: float, hi: float) -> ProgressCallback | None:
    return (lambda f, what: progress(lo + (hi - lo) * f, what)) if progress else None


def tokenize_corpus(corpus: Corpus, tokenizer_kind: str = "char", vocab_size: int = 512,
                    progress: ProgressCallback | None = None) -> LoadedCorpus:
    """Build a tokenizer for an already loaded text and encode it (switching tokenizer re-runs only this)."""
    if progress and tokenizer_kind == "bpe":
        progress(0.0, QT_TRANSLATE_NOOP("corpus", "learning BPE merges"))  # HF tokenizers reports nothing until it is done
    tokenizer = build_tokenizer(tokenizer_kind, corpus.text, vocab_size, _scaled(progress, 0.0, 0.4))
    ids = tokenizer.encode_corpus(corpus.text, _scaled(progress, 0.4, 1.0))
    return LoadedCorpus(corpus, tokenizer, ids, requested_vocab=vocab_size if tokenizer_kind == "bpe" else 0)


def prepare_corpus(path: str | Path, tokenizer_kind: str = "char", vocab_size: int = 512,
                   progress: ProgressCallback | None = None) -> LoadedCorpus:
    """Load, build the tokenizer and encode: the slow part of opening a file, safe to run in a thread."""
    corpus = load_corpus(path, _scaled(progress, 0.0, 0.5))
    return tokenize_corpus(corpus, tokenizer_kind, vocab_size, _scaled(progress, 0.5, 1.0))
