"""The copy check against a brute-force search over every substring."""
import random

import pytest

from playground.core.data.copies import PIECE_CHARS, CopyIndex


def longest_copy_by_brute_force(sample: str, text: str) -> int:
    best = 0
    for i in range(len(sample)):
        for j in range(i + best + 1, len(sample) + 1):
            if sample[i:j] in text:
                best = j - i
            else:
                break
    return best


def pieces_seen_by_brute_force(sample: str, text: str) -> int:
    return sum(sample[i:i + PIECE_CHARS] in text for i in range(len(sample) - PIECE_CHARS + 1))


TEXT = ("Ó tu, que vens ao pouso da alegria, olha como entras. "
        "To be, or not to be, that is the question: whether 'tis nobler in the mind to suffer. ") * 3


@pytest.mark.parametrize("sample", [
    "xx, whether 'tis nobler in the mind to suffer the slings zz",  # a long passage from the text
    "qwzkv jxq pfft zzyx vvqk",                                       # nothing from it
    "Ó tu, que vens ao pouso",                                          # accents: counted in characters
    "",
])
def test_the_copy_check_agrees_with_brute_force(sample):
    report = CopyIndex(TEXT).report(sample)
    assert report.longest == longest_copy_by_brute_force(sample, TEXT)
    assert report.pieces_seen == pieces_seen_by_brute_force(sample, TEXT)


def test_random_samples_from_a_random_text_agree_with_brute_force():
    rng = random.Random(3)
    text = "".join(rng.choice("abcé ") for _ in range(3000))
    index = CopyIndex(text)
    for _ in range(20):
        start = rng.randrange(0, 2900)
        sample = "".join(rng.choice("abcé ") for _ in range(30)) + text[start:start + rng.randrange(0, 60)]
        report = index.report(sample)
        assert report.longest == longest_copy_by_brute_force(sample, text)
        assert report.pieces_seen == pieces_seen_by_brute_force(sample, text)


def test_a_copied_stretch_says_where_it_stands_in_the_text():
    sample = "zz that is the question: whether qq"
    report = CopyIndex(TEXT).report(sample)
    assert report.line() == (f"longest copy from the training text: {report.longest} characters · "
                             f"{report.seen_share:.0%} of 8-character pieces seen in training")
    longest = max(report.stretches, key=lambda s: s.length)
    assert sample[longest.start:longest.end] == " that is the question: whether "
    before, copied, after = CopyIndex(TEXT).surroundings(longest)
    assert copied == " that is the question: whether "
    assert TEXT[longest.corpus_start:longest.corpus_start + longest.length] == copied
    assert before.endswith("not to be,") and after.startswith("'tis nobler")
