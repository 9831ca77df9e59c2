"""Loading a user's text file: whatever they drop, we either get clean text or a clear refusal.

Bad input is the normal case here, so every refusal is a `CorpusError` whose message names the file
and says what to do. Nothing in this module touches state the caller already holds: a failed load
simply raises, and the previously loaded corpus stays where it was.
"""
from __future__ import annotations

import codecs
import os
import re
import stat
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..words import QT_TRANSLATE_NOOP, integer, translate

ProgressCallback = Callable[[float, str], None]  # (fraction 0..1, what is happening)

def _pe_program(head: bytes) -> bool:
    """A Windows program: "MZ", then at 0x3C the offset of a "PE\\0\\0" header (a text may start with MZ)."""
    if len(head) < 0x40:
        return False
    offset = int.from_bytes(head[0x3C:0x40], "little")
    return head[offset:offset + 4] == b"PE\0\0" if offset + 4 <= len(head) else b"\0" in head[:0x40]


# Full signatures of files people drop by mistake; named so the message can say what the file is. Two
# bytes are not enough: a real text may start with "MZ" or "RIFF".
_BINARY_SIGNATURES = [
    (lambda h: h.startswith(b"\x89PNG\r\n\x1a\n"), QT_TRANSLATE_NOOP("corpus", "a PNG image")),
    (lambda h: h.startswith(b"\xff\xd8\xff"), QT_TRANSLATE_NOOP("corpus", "a JPEG image")),
    (lambda h: h[:6] in (b"GIF87a", b"GIF89a"), QT_TRANSLATE_NOOP("corpus", "a GIF image")),
    (lambda h: h.startswith(b"%PDF-"), QT_TRANSLATE_NOOP("corpus", "a PDF document")),
    (lambda h: h.startswith(b"PK\x03\x04"), QT_TRANSLATE_NOOP("corpus", "a ZIP archive (or a Word/Excel/EPUB file)")),
    (lambda h: h.startswith(b"\x1f\x8b\x08"), QT_TRANSLATE_NOOP("corpus", "a gzip archive")),
    (lambda h: h.startswith(b"7z\xbc\xaf\x27\x1c"), QT_TRANSLATE_NOOP("corpus", "a 7-Zip archive")),
    (lambda h: h.startswith(b"Rar!\x1a\x07"), QT_TRANSLATE_NOOP("corpus", "a RAR archive")),
    (lambda h: h.startswith(b"\x7fELF"), QT_TRANSLATE_NOOP("corpus", "a program (ELF executable)")),
    (lambda h: h.startswith(b"MZ") and _pe_program(h), QT_TRANSLATE_NOOP("corpus", "a Windows program")),
    (lambda h: h[:4] in (b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe"), QT_TRANSLATE_NOOP("corpus", "a macOS program")),
    (lambda h: h.startswith(b"ID3") and len(h) > 5 and h[3] in (2, 3, 4) and h[4] == 0, QT_TRANSLATE_NOOP("corpus", "an MP3 audio file")),
    (lambda h: h.startswith(b"RIFF") and h[8:12] in (b"WAVE", b"AVI ", b"WEBP", b"RMID"),
     QT_TRANSLATE_NOOP("corpus", "a RIFF media file (WAV/AVI/WebP)")),
    (lambda h: h.startswith(b"SQLite format 3\x00"), QT_TRANSLATE_NOOP("corpus", "an SQLite database")),
    (lambda h: h.startswith(b"\x80") and len(h) > 2 and h[1] in range(2, 6) and h[2] == 0x95, QT_TRANSLATE_NOOP("corpus", "a Python pickle")),
]
_BOMS = [  # longest first: the UTF-32-LE BOM starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8 with BOM"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE"),
]
LEGACY_ENCODING = "cp1252"  # the 8-bit encoding most legacy text files in the wild use
_CHUNK_BYTES = 8 << 20


class CorpusError(ValueError):
    """A file that cannot be used as a corpus; the message is meant for the user."""


@dataclass
class Corpus:
    """A loaded text, with the facts a UI shows about it."""

    text: str
    name: str = "untitled"
    path: Path | None = None
    size_bytes: int = 0
    encoding: str = "UTF-8"
    notes: list[str] = field(default_factory=list)  # things the user should know (fallback encoding…)

    @classmethod
    def from_text(cls, text: str, name: str = "untitled") -> Corpus:
        text = normalise_newlines(text)
        _refuse_if_blank(text, name)
        return cls(text=text, name=name, size_bytes=len(text.encode("utf-8")))

    @property
    def num_chars(self) -> int:
        return len(self.text)

    @property
    def vocabulary(self) -> list[str]:
        return sorted(set(self.text))

    def preview(self, chars: int = 600) -> str:
        return self.text[:chars]


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def load_corpus(path: str | os.PathLike, progress: ProgressCallback | None = None) -> Corpus:
    """Read any text file a user may drop, or raise CorpusError saying what is wrong and what to do."""
    path = Path(path)
    name = path.name or str(path)
    raw = _read_regular_file(path, name, progress)
    text, encoding, notes = decode_bytes(raw, name)
    del raw  # the decoded text replaces the bytes; never hold both longer than needed
    text = normalise_newlines(text)
    _refuse_if_blank(text, name)
    if progress:
        progress(1.0, QT_TRANSLATE_NOOP("corpus", "loaded"))
    return Corpus(text=text, name=name, path=path, size_bytes=path.stat().st_size,
                  encoding=encoding, notes=notes)


def _read_regular_file(path: Path, name: str, progress: ProgressCallback | None) -> bytearray:
    try:
        # lstat-follow via stat: a FIFO or device must be refused before open(), which could block forever.
        st = path.stat()
    except FileNotFoundError:
        raise CorpusError(translate("corpus", "“{name}” does not exist (any more). Check the path and try again.").format(name=name)) from None
    except OSError as e:
        raise _unreadable(name, e) from None
    if stat.S_ISDIR(st.st_mode):
        raise CorpusError(translate("corpus", "“{name}” is a folder. Drop a single text file (.txt) instead.").format(name=name))
    if not stat.S_ISREG(st.st_mode):
        raise CorpusError(translate("corpus", "“{name}” is not a regular file (it is a pipe, socket or device). "
                                              "Drop a plain text file instead.").format(name=name))
    if st.st_size == 0:
        raise CorpusError(translate("corpus", "“{name}” is empty. Choose a file with some text in it.").format(name=name))
    buffer = bytearray(st.st_size)  # read in place: one copy of the bytes, never several
    view, filled = memoryview(buffer), 0
    try:
        with open(path, "rb") as f:
            while filled < st.st_size:
                n = f.readinto(view[filled:filled + _CHUNK_BYTES])
                if not n:
                    break
                if filled == 0:
                    _refuse_if_binary(bytes(view[:min(n, 65536)]), name)
                filled += n
                if progress:
                    progress(0.5 * filled / st.st_size, QT_TRANSLATE_NOOP("corpus", "reading"))
    except OSError as e:
        raise _unreadable(name, e) from None
    finally:
        view.release()
    if filled < st.st_size:
        del buffer[filled:]  # the file shrank while we read it
    return buffer


def _unreadable(name: str, error: OSError) -> CorpusError:
    if isinstance(error, PermissionError):
        return CorpusError(translate("corpus", "“{name}” cannot be read: permission denied. Copy it somewhere "
                                               "you can read, or fix its permissions.").format(name=name))
    return CorpusError(translate("corpus", "“{name}” cannot be read ({why}). Try another file.").format(
        name=name, why=error.strerror or error))


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when the bytes look like UTF-16 text with no BOM: mostly-ASCII text in
    UTF-16 has a NUL in every other byte, on one side only."""
    sample = head[:65536 - (len(head[:65536]) % 2)]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    for codec, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros > 0.3 * half and other < 0.02 * half:
            try:
                sample.decode(codec)
            except UnicodeDecodeError:
                return None
            return codec
    return None


def _refuse_if_binary(head: bytes, name: str) -> None:
    for matches, what in _BINARY_SIGNATURES:
        if matches(head):
            raise CorpusError(translate("corpus", "“{name}” looks like {what}, not text. Drop a plain text file "
                                                  "(.txt) instead.").format(name=name, what=translate("corpus", what)))
    if any(head.startswith(bom) for bom, _, _ in _BOMS) or _utf16_without_bom(head):
        return  # UTF-16/32 text legitimately contains NUL bytes
    sample = head[:65536]
    control = sum(sample.count(bytes([b])) for b in range(32) if b not in (9, 10, 12, 13, 27))
    if b"\x00" in sample or control > 0.05 * len(sample):
        raise CorpusError(translate("corpus", "“{name}” looks like a binary file, not text. Drop a plain text "
                                              "file (.txt, .md, .csv, source code…) instead.").format(name=name))


def decode_bytes(raw: bytes | bytearray, name: str = "file") -> tuple[str, str, list[str]]:
    """Decode by BOM, else strict UTF-8, else the legacy 8-bit encoding (and say so)."""
    for bom, codec, label in _BOMS:
        if raw.startswith(bom):
            try:
                return str(memoryview(raw)[len(bom):], codec), label, []
            except UnicodeDecodeError as e:
                raise CorpusError(translate("corpus", "“{name}” starts with a {label} marker but is not valid "
                                                      "{label} (bad bytes at offset {start}). Re-save it as UTF-8.")
                                                              .format(name=name, label=label, start=e.start)) from None
    utf16 = _utf16_without_bom(bytes(raw[:65536]))
    if utf16:
        try:
            label = "UTF-16 LE (no BOM)" if utf16.endswith("le") else "UTF-16 BE (no BOM)"
            return str(raw, utf16), label, [translate("corpus", "“{name}” is UTF-16 text without a byte-order mark; "
                                                               "read it as {label}.").format(name=name, label=label)]
        except UnicodeDecodeError:
            pass  # not UTF-16 after all: treat it as 8-bit text below
    try:
        return raw.decode("utf-8"), "UTF-8", []
    except UnicodeDecodeError as e:
        bad_at = e.start
    # Valid UTF-8 stays UTF-8; only the bytes that are not UTF-8 are read as Windows-1252. A file that
    # mixes the two (lines pasted from different editors) keeps its é and its ü alike.
    _legacy_bytes.count = 0  # per thread: files load in a background thread
    text = str(raw, "utf-8", _LEGACY_FALLBACK)
    fixed = _legacy_bytes.count
    has_utf8 = any(ord(c) > 0x7F for c in text) and _has_valid_multibyte(raw)
    label = "UTF-8 and Windows-1252" if has_utf8 else "Windows-1252"
    if has_utf8:
        note = translate("corpus", "“{name}” mixes UTF-8 with another encoding (first non-UTF-8 byte at offset "
                                   "{offset}): the UTF-8 parts were read as UTF-8 and {count} other bytes as "
                                   "Windows-1252. If some characters look wrong, re-save the file as UTF-8.").format(
            name=name, offset=bad_at, count=integer(fixed))
    else:
        note = translate("corpus", "“{name}” is not valid UTF-8 (first bad byte at offset {offset}); read it as "
                                   "{label}. If characters look wrong, re-save the file as UTF-8.").format(
            name=name, offset=bad_at, label=label)
    return text, label, [note]


_LEGACY_FALLBACK = "tinygpt-utf8-or-cp1252"
_legacy_bytes = threading.local()


def _decode_legacy_bytes(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start:error.end]
    text = "".join(bytes([b]).decode(LEGACY_ENCODING, errors="ignore") or chr(b) for b in bad)  # latin-1 for holes
    _legacy_bytes.count = getattr(_legacy_bytes, "count", 0) + len(bad)
    return text, error.end


codecs.register_error(_LEGACY_FALLBACK, _decode_legacy_bytes)


def _has_valid_multibyte(raw: bytes | bytearray) -> bool:
    """Whether some non-ASCII bytes form valid UTF-8 sequences (then the file is UTF-8, partly damaged)."""
    return re.search(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}",
                     bytes(raw[:1 << 24])) is not None


def _refuse_if_blank(text: str, name: str) -> None:
    if not text.strip():
        raise CorpusError(translate("corpus", "“{name}” contains only whitespace. Choose a file with some text in it.").format(name=name))
