import numpy as np

from playground.core.data.corpus import load_corpus
from playground.core.data.token_stats import split_into_tokens, token_stats
from playground.core.data.tokenizer import BPETokenizer, CharTokenizer
from playground.core.session.loaded_corpus import tokenize_corpus

TRICKY = "Café naïve — 日本 🙂🎉\r\n\ttab\nend ✓ Ünïcödé\n" * 30


def test_pieces_cover_the_text_in_order_for_both_tokenizers(small_text):
    sentence = "To be, or not to be: Ω ∞"
    for tok in (CharTokenizer.from_text(small_text), BPETokenizer.train(small_text, 300)):
        pieces = split_into_tokens(tok, sentence)
        assert "".join(p.text for p in pieces) == sentence
        assert [p.start for p in pieces] == sorted(p.start for p in pieces)
        ids = [i for p in pieces for i in p.token_ids]
        assert ids == tok.encode_prompt(sentence).ids


def test_char_tokenizer_pieces_mark_unknown_characters(small_text):
    pieces = split_into_tokens(CharTokenizer.from_text(small_text), "to Ω")
    assert [(p.text, p.known) for p in pieces] == [("t", True), ("o", True), (" ", True), ("Ω", False)]


def test_bpe_merges_frequent_words_and_groups_bytes_of_one_character():
    tok = BPETokenizer.train(TRICKY * 3, 400)
    pieces = split_into_tokens(tok, "Café 🙂 naïve")
    assert any(len(p.text) > 2 for p in pieces), "a 400-token BPE should merge some whole words"
    assert "".join(p.text for p in pieces) == "Café 🙂 naïve"
    # an emoji unknown to the merges is several byte tokens, shown as one piece with all their ids
    odd = split_into_tokens(tok, "🦀")
    assert len(odd) == 1 and odd[0].text == "🦀" and len(odd[0].token_ids) >= 2
    assert b"".join(tok.token_bytes(i) for i in odd[0].token_ids) == "🦀".encode()
    assert all(tok.token_text(i).startswith("⟨") for i in odd[0].token_ids)  # shown as bytes, not �


def test_token_stats_count_every_token(small_text):
    tok = CharTokenizer.from_text(small_text)
    ids = tok.encode_corpus(small_text)
    stats = token_stats(ids, tok.vocab_size, len(small_text))
    assert stats.counts.sum() == len(small_text)
    assert stats.tokens_per_char == 1.0
    top_id, top_count = stats.most_frequent(1)[0]
    assert tok.token_text(top_id) == " " and top_count == small_text.count(" ")
    assert stats.unused() == 0


def test_bpe_shortens_the_text_and_says_when_it_supports_fewer_tokens(small_file):
    corpus = load_corpus(small_file)
    chars = tokenize_corpus(corpus, "char")
    bpe = tokenize_corpus(corpus, "bpe", 320)
    assert bpe.stats.tokens_per_char < 0.6 < chars.stats.tokens_per_char == 1.0
    assert bpe.vocab_note == ""
    huge = tokenize_corpus(corpus, "bpe", 8192)  # 40 repeats of 5 lines cannot fill 8192 tokens
    assert huge.tokenizer.vocab_size < 8192
    assert f"only {huge.tokenizer.vocab_size:,}" in huge.vocab_note and "8,192" in huge.vocab_note
    assert np.array_equal(np.asarray(huge.tokenizer.encode(corpus.text)), huge.ids)
