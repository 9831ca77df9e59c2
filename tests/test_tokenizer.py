import numpy as np
import pytest

from playground.core.data.tokenizer import (
    BPETokenizer,
    CharTokenizer,
    IncrementalDecoder,
    TokenizerError,
    show_whitespace,
    tokenizer_from_dict,
)

TRICKY = "Café naïve — 日本 🙂🎉\r\n\ttab\nend ✓ Ünïcödé\n" * 30


def test_char_vocabulary_is_deterministic_and_sorted(small_text):
    a, b = CharTokenizer.from_text(small_text), CharTokenizer.from_text(small_text[::-1])
    assert a.chars == b.chars == sorted(set(small_text))


@pytest.mark.parametrize("text_kind", ["small", "tricky"])
def test_char_round_trip(small_text, text_kind):
    text = small_text if text_kind == "small" else TRICKY
    tok = CharTokenizer.from_text(text)
    ids = tok.encode_corpus(text)
    assert ids.dtype == np.uint8
    assert tok.decode(ids) == text
    assert tok.decode(tok.encode(text)) == text


def test_char_corpus_encoding_matches_plain_encoding(small_text):
    tok = CharTokenizer.from_text(small_text)
    assert tok.encode_corpus(small_text).tolist() == tok.encode(small_text)


def test_unknown_characters_reported_not_raised(small_text):
    tok = CharTokenizer.from_text(small_text)
    result = tok.encode_prompt("To be Ω or ∞")
    assert result.unknown == [(6, "Ω"), (11, "∞")]
    assert tok.decode(result.ids) == "To be  or "


def test_strict_encode_names_the_character(small_text):
    with pytest.raises(TokenizerError, match="'Ω'"):
        CharTokenizer.from_text(small_text).encode("Ω")


@pytest.mark.parametrize("vocab_size", [300, 400])
def test_bpe_round_trip_and_vocab_size(vocab_size):
    tok = BPETokenizer.train(TRICKY * 5, vocab_size)
    assert 256 < tok.vocab_size <= vocab_size
    for text in (TRICKY, "unseen: Ελληνικά 😀 ok\r\n"):
        assert tok.decode(tok.encode(text)) == text
        assert tok.decode(tok.encode_corpus(text)) == text
    assert tok.encode_prompt("Ω new").unknown == []


def test_bpe_vocab_too_small_refused():
    with pytest.raises(TokenizerError, match="at least"):
        BPETokenizer.train(TRICKY, 100)


def test_tokenizers_survive_a_round_trip_through_dict(small_text):
    for tok in (CharTokenizer.from_text(small_text), BPETokenizer.train(small_text, 300)):
        again = tokenizer_from_dict(tok.to_dict())
        assert again.encode(small_text) == tok.encode(small_text)


def test_damaged_tokenizer_gives_clear_error():
    with pytest.raises(TokenizerError, match="damaged"):
        tokenizer_from_dict({"kind": "bpe", "hf_json": "{not json"})
    with pytest.raises(TokenizerError, match="Unknown tokenizer"):
        tokenizer_from_dict({"kind": "wordpiece"})


def test_whitespace_made_visible():
    assert show_whitespace("a b\nc\t") == "a␣b⏎c⇥"



def test_incremental_decoder_never_releases_half_a_character():
    tok = BPETokenizer.train(TRICKY * 3, 300)
    ids = tok.encode("a🦀é b")
    decoder = IncrementalDecoder(tok)
    released = [decoder.push(i) for i in ids]
    assert "".join(released) == "a🦀é b"
    assert all("\ufffd" not in piece for piece in released)
    assert "🦀" in released and "" in released  # the crab's first three bytes released nothing



def test_a_huge_bpe_vocabulary_is_refused_with_a_sentence_before_any_allocation():
    from playground.core.data.tokenizer import BPETokenizer, TokenizerError
    with pytest.raises(TokenizerError, match="at most 65,536"):
        BPETokenizer.train("some text " * 100, 1_000_000_000)


def test_more_distinct_characters_than_ids_suggests_subwords():
    from playground.core.data.tokenizer import CharTokenizer, TokenizerError
    text = "".join(chr(0x10000 + i) for i in range(66_000))  # more distinct characters than 16-bit ids hold
    with pytest.raises(TokenizerError, match="subwords"):
        CharTokenizer.from_text(text)


def test_bpe_on_one_enormous_line_learns_from_a_bounded_sample_and_reports_progress():
    import random

    from playground.core.data.tokenizer import MAX_BPE_TRAINING_CHARS, BPETokenizer
    rng = random.Random(0)
    line = "".join(rng.choice("abcdefgh") for _ in range(MAX_BPE_TRAINING_CHARS // 4)) * 6  # 12 M, no break
    seen = []
    tok = BPETokenizer.train(line, 300, progress=lambda f, what: seen.append(f))
    assert tok.vocab_size == 300
    assert len(seen) > 3 and seen == sorted(seen) and seen[-1] == 1.0
