"""Copied or new? How much of a generated text is verbatim from the training text.

The training text is indexed once with a suffix array (libdivsufsort through pydivsufsort: ~10 s and
4 bytes a byte for 100 MB). For a sample we compute its *matching statistics*: for every character,
the longest stretch starting there that occurs somewhere in the training text. From those:

- the longest copy, in characters;
- the share of the sample's 8-character pieces seen in training. Eight characters is about two
  English words: shorter pieces ("the ", "ing ") occur in any text by chance, longer ones make a
  sample whose every phrase was reused look new.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from pydivsufsort import divsufsort, sa_search

from ..words import number, translate

PIECE_CHARS = 8
BLOCK = 4096


@dataclass(frozen=True)
class CopiedStretch:
    start: int          # character span in the sample
    end: int
    corpus_start: int   # where one occurrence starts in the training text (characters)

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class CopyReport:
    longest: int                   # characters of the longest verbatim copy
    pieces: int                    # 8-character pieces in the sample
    pieces_seen: int               # of those, how many occur in the training text
    stretches: list[CopiedStretch]  # maximal copied stretches of at least PIECE_CHARS characters

    @property
    def seen_share(self) -> float:
        return self.pieces_seen / self.pieces if self.pieces else 0.0

    def line(self) -> str:
        return translate("copies", "longest copy from the training text: {n} characters · {percent}% of "
                                   "{piece}-character pieces seen in training").format(
            n=self.longest, percent=number(100 * self.seen_share, 0), piece=PIECE_CHARS)


class CopyIndex:
    """A suffix array over the training text's UTF-8 bytes."""

    def __init__(self, text: str):
        self.text = text
        raw = text.encode("utf-8")
        self._bytes = np.frombuffer(bytearray(raw), dtype=np.uint8)
        self._raw = raw
        self._sa = divsufsort(self._bytes) if raw else np.zeros(0, dtype=np.int32)
        self._chars_before_block: np.ndarray | None = None

    def occurrences(self, fragment: str) -> tuple[int, int]:
        """(how many times, byte offset of one occurrence or -1)."""
        pattern = fragment.encode("utf-8")
        if not pattern or not self._raw:
            return 0, -1
        count, left = sa_search(self._bytes, self._sa, pattern)
        return int(count), int(self._sa[left]) if count else -1

    def matching_lengths(self, sample: str) -> list[int]:
        """For every character of the sample: how many characters from there occur verbatim in the text.
        Uses ms[i+1] ≥ ms[i] − 1, so the whole sample costs about two searches a character."""
        lengths, current = [], 0
        for i in range(len(sample)):
            current = max(current - 1, 0)
            while i + current < len(sample) and self.occurrences(sample[i:i + current + 1])[0]:
                current += 1
            lengths.append(current)
        return lengths

    def corpus_char_offset(self, byte_offset: int) -> int:
        if byte_offset < 0:
            return -1
        if len(self._raw) == len(self.text):  # ASCII: bytes are characters
            return byte_offset
        if self._chars_before_block is None:  # characters before every 4 KiB block: small and quick
            starts = ((self._bytes & 0xC0) != 0x80).astype(np.int32)
            per_block = np.add.reduceat(starts, np.arange(0, len(starts), BLOCK))
            self._chars_before_block = np.concatenate(([0], np.cumsum(per_block)))
        block = byte_offset // BLOCK
        inside = self._bytes[block * BLOCK:byte_offset]
        return int(self._chars_before_block[block] + np.count_nonzero((inside & 0xC0) != 0x80))

    def report(self, sample: str) -> CopyReport:
        lengths = self.matching_lengths(sample)
        pieces = max(len(sample) - PIECE_CHARS + 1, 0)
        seen = sum(1 for i in range(pieces) if lengths[i] >= PIECE_CHARS)
        return CopyReport(longest=max(lengths, default=0), pieces=pieces, pieces_seen=seen,
                          stretches=self._stretches(sample, lengths))

    def _stretches(self, sample: str, lengths: list[int]) -> list[CopiedStretch]:
        stretches: list[CopiedStretch] = []
        end = 0
        for i, n in enumerate(lengths):
            if n >= PIECE_CHARS and i + n > end:  # not inside the previous stretch (they may overlap)
                _, byte = self.occurrences(sample[i:i + n])
                stretches.append(CopiedStretch(i, i + n, self.corpus_char_offset(byte)))
                end = i + n
        return stretches

    def surroundings(self, stretch: CopiedStretch, around: int = 80) -> tuple[str, str, str]:
        """(before, the copied stretch as it stands in the training text, after)."""
        s, e = stretch.corpus_start, stretch.corpus_start + stretch.length
        return self.text[max(0, s - around):s], self.text[s:e], self.text[e:e + around]
