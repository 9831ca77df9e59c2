"""Tokenizers: text ⇄ integer ids.

`CharTokenizer` (the default) gives every distinct character of the corpus one id, in sorted order,
so the same text always yields the same vocabulary. `BPETokenizer` learns byte-level subwords from the
corpus with HF `tokenizers`. Both encode a user's prompt without raising: characters the model never
saw come back as a list of (position, character) for the UI to highlight.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from ..words import QT_TRANSLATE_NOOP, translate

ProgressCallback = Callable[[float, str], None]
_WHITESPACE_SYMBOLS = {" ": "␣", "\n": "⏎", "\t": "⇥", "\r": "␍"}
_ENCODE_CHUNK_CHARS = 4 << 20


def show_whitespace(s: str) -> str:
    """Token text as a UI shows it: spaces, newlines and tabs made visible."""
    return "".join(_WHITESPACE_SYMBOLS.get(c, c) for c in s)


def token_label(text: str) -> str:
    """A token as an axis, bar or cell shows it: whitespace made visible, ∅ for an empty token."""
    return show_whitespace(text) or "∅"


class TokenizerError(ValueError):
    """A tokenizer that cannot be built or restored; the message is meant for the user."""


@dataclass
class PromptEncoding:
    ids: list[int]
    unknown: list[tuple[int, str]] = field(default_factory=list)  # (character index, character) left out
    # the character span each token covers, for drawing token boundaries and labelling attention axes
    spans: list[tuple[int, int]] = field(default_factory=list)


class Tokenizer(Protocol):
    kind: str

    @property
    def vocab_size(self) -> int: ...
    def encode(self, text: str) -> list[int]: ...
    def encode_corpus(self, text: str, progress: ProgressCallback | None = None) -> np.ndarray: ...
    def encode_prompt(self, text: str) -> PromptEncoding: ...
    def decode(self, ids) -> str: ...
    def token_text(self, token_id: int) -> str: ...
    def to_dict(self) -> dict: ...


MAX_VOCAB = 65_536  # token ids are stored in 16 bits
MAX_BPE_TRAINING_CHARS = 8_000_000
BPE_PIECE_CHARS = 4096


def _spread_sample(text: str, most: int, parts: int = 64) -> str:
    """At most `most` characters of `text`: all of it when it is short, else `parts` stretches spread
    evenly over it (so the merges reflect the whole text, not its opening)."""
    if len(text) <= most:
        return text
    size, stride = most // parts, len(text) // parts
    return "\n".join(text[i * stride:i * stride + size] for i in range(parts))


def smallest_id_dtype(vocab_size: int):
    return np.uint8 if vocab_size <= 256 else np.uint16 if vocab_size <= 65536 else np.int32


def _code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


class CharTokenizer:
    """One token per character; the vocabulary is the corpus's sorted set of characters."""

    kind = "char"

    def __init__(self, chars: list[str]):
        if not chars:
            raise TokenizerError(translate("tokenizer", "The vocabulary is empty: the corpus has no characters."))
        if len(set(chars)) != len(chars) or any(len(c) != 1 for c in chars):
            raise TokenizerError(translate("tokenizer", "A character vocabulary must list distinct single characters."))
        self.chars = list(chars)
        self.stoi = {c: i for i, c in enumerate(self.chars)}
        code_points = np.array([ord(c) for c in self.chars], dtype=np.int64)
        # a dense code point → id table turns encoding 100 MB into one numpy gather
        self._lookup = np.full(int(code_points.max()) + 1, -1, dtype=np.int32)
        self._lookup[code_points] = np.arange(len(self.chars), dtype=np.int32)

    @classmethod
    def from_text(cls, text: str, progress: ProgressCallback | None = None) -> CharTokenizer:
        seen = np.zeros(0, dtype=np.uint32)
        for start in range(0, len(text), _ENCODE_CHUNK_CHARS):
            seen = np.union1d(seen, np.unique(_code_points(text[start:start + _ENCODE_CHUNK_CHARS])))
            if progress:
                progress(min(1.0, (start + _ENCODE_CHUNK_CHARS) / max(1, len(text))), QT_TRANSLATE_NOOP("corpus", "building vocabulary"))
        if len(seen) > MAX_VOCAB:
            raise TokenizerError(translate("tokenizer", "This text has {count} different characters; a character "
                                                        "vocabulary holds at most {most}. Use subwords (BPE) instead: "
                                                        "they build every character from its bytes.").format(
                count=f"{len(seen):,}", most=f"{MAX_VOCAB:,}"))
        return cls([chr(int(c)) for c in seen])

    @property
    def vocab_size(self) -> int:
        return len(self.chars)

    def encode(self, text: str) -> list[int]:
        try:
            return [self.stoi[c] for c in text]
        except KeyError as e:
            raise TokenizerError(translate("tokenizer", "The character {value} is not in this model's vocabulary.")
                                     .format(value=repr(e.args[0]))) from None

    def encode_corpus(self, text: str, progress: ProgressCallback | None = None) -> np.ndarray:
        """Whole-corpus encoding into the smallest integer type, chunk by chunk to bound memory."""
        ids = np.empty(len(text), dtype=smallest_id_dtype(self.vocab_size))
        for start in range(0, len(text), _ENCODE_CHUNK_CHARS):
            cp = _code_points(text[start:start + _ENCODE_CHUNK_CHARS])
            looked_up = self._lookup[np.minimum(cp, len(self._lookup) - 1)]
            bad = (looked_up < 0) | (cp >= len(self._lookup))
            if bad.any():
                c = chr(int(cp[np.argmax(bad)]))
                raise TokenizerError(translate("tokenizer", "The character {c} is not in this model's vocabulary.").format(c=repr(c)))
            ids[start:start + len(cp)] = looked_up
            if progress:
                progress(min(1.0, (start + len(cp)) / len(text)), QT_TRANSLATE_NOOP("corpus", "tokenizing"))
        return ids

    def encode_prompt(self, text: str) -> PromptEncoding:
        out = PromptEncoding(ids=[])
        for i, c in enumerate(text):
            token = self.stoi.get(c)
            if token is None:
                out.unknown.append((i, c))
            else:
                out.ids.append(token)
                out.spans.append((i, i + 1))
        return out

    def decode(self, ids) -> str:
        return "".join(self.chars[int(i)] for i in ids)

    def token_text(self, token_id: int) -> str:
        return self.chars[token_id]

    def to_dict(self) -> dict:
        return {"kind": self.kind, "chars": self.chars}


def _gpt2_byte_symbols() -> dict[str, int]:
    """GPT-2's byte ↔ printable character table, which HF's ByteLevel pre-tokenizer uses, inverted."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + \
        list(range(ord("®"), ord("ÿ") + 1))
    symbols, extra = {}, 0
    for b in range(256):
        if b in printable:
            symbols[chr(b)] = b
        else:
            symbols[chr(256 + extra)] = b
            extra += 1
    return symbols


_BYTE_OF_SYMBOL = _gpt2_byte_symbols()


class BPETokenizer:
    """Byte-level BPE learned from the corpus: any text encodes, no character is ever unknown."""

    kind = "bpe"
    MIN_VOCAB = 260  # the 256 byte tokens plus a few merges

    def __init__(self, hf_tokenizer):
        self._tok = hf_tokenizer
        self._vocab_size = hf_tokenizer.get_vocab_size()
        self._texts = [self._display_text(i) for i in range(self._vocab_size)]

    @property
    def hf_tokenizer(self):
        """The `tokenizers` library's tokenizer underneath (for export to Hugging Face)."""
        return self._tok

    def token_bytes(self, token_id: int) -> bytes:
        """The raw bytes a token stands for (byte-level BPE spells bytes with printable stand-ins)."""
        return bytes(_BYTE_OF_SYMBOL[c] for c in self._tok.id_to_token(token_id))

    def _display_text(self, token_id: int) -> str:
        # a token holding part of a multi-byte character (é, an emoji) has no text of its own: show its bytes
        raw = self.token_bytes(token_id)
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return "⟨" + " ".join(f"{b:02x}" for b in raw) + "⟩"

    @classmethod
    def train(cls, text: str, vocab_size: int, progress: ProgressCallback | None = None) -> BPETokenizer:
        from tokenizers import Tokenizer as HFTokenizer
        from tokenizers import decoders, models, pre_tokenizers, trainers

        if vocab_size < cls.MIN_VOCAB:
            raise TokenizerError(translate("tokenizer", "A byte-level BPE vocabulary needs at least {min_vocab} "
                                                        "tokens (the 256 bytes plus merges); {vocab_size} was "
                                                        "asked for.").format(min_vocab=cls.MIN_VOCAB, vocab_size=vocab_size))
        if vocab_size > MAX_VOCAB:  # the tokenizer library would try to allocate for it (70 GB for 10⁹)
            raise TokenizerError(translate("tokenizer", "A BPE vocabulary can have at most {most} tokens; {vocab_size} "
                                                        "was asked for. Try 512 to 8,192 for a small text.")
                                 .format(most=f"{MAX_VOCAB:,}", vocab_size=f"{vocab_size:,}"))
        tok = HFTokenizer(models.BPE())
        tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
        tok.decoder = decoders.ByteLevel()
        trainer = trainers.BpeTrainer(vocab_size=vocab_size, show_progress=False,
                                      initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
        # the merges are learned from at most MAX_BPE_TRAINING_CHARS spread over the text, in pieces of
        # BPE_PIECE_CHARS: a 50 MB text (or a single 50 MB line, one enormous "word") took minutes and
        # gigabytes, and more text hardly changes which merges are most frequent
        sample = _spread_sample(text, MAX_BPE_TRAINING_CHARS)
        pieces = range(0, len(sample), BPE_PIECE_CHARS)

        def feed():
            for n, i in enumerate(pieces):
                if progress and n % 256 == 0:
                    progress(0.9 * n / max(1, len(pieces)), QT_TRANSLATE_NOOP("corpus", "learning BPE merges"))
                yield sample[i:i + BPE_PIECE_CHARS]

        tok.train_from_iterator(feed(), trainer=trainer, length=len(pieces))
        if progress:
            progress(1.0, QT_TRANSLATE_NOOP("corpus", "tokenizer trained"))
        return cls(tok)

    @property
    def vocab_size(self) -> int:
        return self._vocab_size

    def encode(self, text: str) -> list[int]:
        return self._tok.encode(text).ids

    def encode_corpus(self, text: str, progress: ProgressCallback | None = None) -> np.ndarray:
        # split at line ends so no token straddles a chunk border, then encode chunks in a batch
        pieces, step = [], 1 << 20
        start = 0
        while start < len(text):
            end = min(len(text), start + step)
            newline = text.rfind("\n", start, end)
            if end < len(text) and newline > start:
                end = newline + 1
            pieces.append(text[start:end])
            start = end
        out, done = [], 0
        batch = 16
        for b in range(0, len(pieces), batch):
            for enc in self._tok.encode_batch(pieces[b:b + batch]):
                out.append(np.asarray(enc.ids, dtype=smallest_id_dtype(self.vocab_size)))
            done += sum(len(p) for p in pieces[b:b + batch])
            if progress:
                progress(done / len(text), QT_TRANSLATE_NOOP("corpus", "tokenizing"))
        return np.concatenate(out) if out else np.zeros(0, dtype=np.uint16)

    def encode_prompt(self, text: str) -> PromptEncoding:
        enc = self._tok.encode(text)
        return PromptEncoding(ids=list(enc.ids), spans=[tuple(o) for o in enc.offsets])

    def decode(self, ids) -> str:
        return self._tok.decode([int(i) for i in ids])

    def token_text(self, token_id: int) -> str:
        # a pretrained model may have more output rows than its tokenizer has tokens (padded vocabularies):
        # those ids stand for no text
        return self._texts[token_id] if token_id < self._vocab_size else f"⟨{token_id}⟩"

    def to_dict(self) -> dict:
        return {"kind": self.kind, "hf_json": self._tok.to_str()}


class IncrementalDecoder:
    """Turns a stream of token ids into a stream of text without ever showing half a character.

    Byte-level BPE may spell one character (é, 🙂) with several byte tokens; until the last of them
    arrives, the decoded text ends in U+FFFD, so nothing new is released.
    """

    def __init__(self, tokenizer: Tokenizer):
        self.tokenizer = tokenizer
        self.ids: list[int] = []
        self._released = 0

    def push(self, token_id: int) -> str:
        self.ids.append(int(token_id))
        text = self.tokenizer.decode(self.ids)
        if text.endswith("\ufffd"):
            return ""
        new, self._released = text[self._released:], len(text)
        return new


def tokenizer_from_dict(d: dict) -> Tokenizer:
    """Restore a tokenizer saved with `to_dict`, or raise TokenizerError saying what is wrong."""
    try:
        kind = d["kind"]
        if kind == "char":
            return CharTokenizer(list(d["chars"]))
        if kind == "bpe":
            from tokenizers import Tokenizer as HFTokenizer
            return BPETokenizer(HFTokenizer.from_str(d["hf_json"]))
    except TokenizerError:
        raise
    except Exception as e:  # noqa: BLE001 — the HF loader raises its own exception types for damaged JSON
        raise TokenizerError(translate("tokenizer", "The saved tokenizer is damaged ({name}: {e}).").format(name=type(e).__name__, e=e)) from None
    raise TokenizerError(translate("tokenizer", "Unknown tokenizer kind {kind}: this checkpoint was made by a newer app?").format(kind=repr(kind)))


def build_tokenizer(kind: str, text: str, vocab_size: int | None = None,
                    progress: ProgressCallback | None = None) -> Tokenizer:
    if kind == "char":
        return CharTokenizer.from_text(text, progress)
    if kind == "bpe":
        return BPETokenizer.train(text, vocab_size or 512, progress)
    raise TokenizerError(translate("tokenizer", "Unknown tokenizer {kind}; choose 'char' or 'bpe'.").format(kind=repr(kind)))
