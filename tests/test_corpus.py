import codecs
import os

import pytest

from playground.core.data.corpus import CorpusError, load_corpus


def test_utf8_with_and_without_bom(tmp_path):
    text = "Ça va? Naïve café — 日本語 🙂\nline two\n"
    plain, bom = tmp_path / "plain.txt", tmp_path / "bom.txt"
    plain.write_bytes(text.encode("utf-8"))
    bom.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    assert load_corpus(plain).text == text
    loaded = load_corpus(bom)
    assert loaded.text == text and "\ufeff" not in loaded.text


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(tmp_path, codec):
    text = "Hello, wörld\nsecond line\n"
    path = tmp_path / "wide.txt"
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    path.write_bytes(data)
    assert load_corpus(path).text == text


def test_legacy_8bit_falls_back_and_says_so(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("Größe café naïve ½\n".encode("cp1252"))
    corpus = load_corpus(path)
    assert corpus.text == "Größe café naïve ½\n"
    assert corpus.encoding == "Windows-1252"
    assert corpus.notes and "not valid UTF-8" in corpus.notes[0] and "old.txt" in corpus.notes[0]


def test_line_endings_normalised(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"one\r\ntwo\rthree\n")
    assert load_corpus(path).text == "one\ntwo\nthree\n"


@pytest.mark.parametrize("payload, what", [
    (b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG image"),
    (b"PK\x03\x04" + bytes(200), "ZIP archive"),
    (b"\x7fELF\x02\x01\x01" + bytes(200), "program"),
    (bytes(range(256)) * 8, "binary file"),
])
def test_binary_files_refused_by_name(tmp_path, payload, what):
    path = tmp_path / "photo.bin"
    path.write_bytes(payload)
    with pytest.raises(CorpusError) as e:
        load_corpus(path)
    assert "photo.bin" in str(e.value) and what in str(e.value) and "text file" in str(e.value)


@pytest.mark.parametrize("content, phrase", [(b"", "is empty"), (b"  \n\t \r\n ", "only whitespace")])
def test_empty_and_blank_refused(tmp_path, content, phrase):
    path = tmp_path / "nothing.txt"
    path.write_bytes(content)
    with pytest.raises(CorpusError, match=phrase):
        load_corpus(path)


def test_directory_refused(tmp_path):
    with pytest.raises(CorpusError, match="is a folder"):
        load_corpus(tmp_path)


def test_missing_file_refused(tmp_path):
    with pytest.raises(CorpusError, match="does not exist"):
        load_corpus(tmp_path / "gone.txt")


@pytest.mark.timeout(10)
def test_fifo_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(CorpusError, match="not a regular file"):
        load_corpus(fifo)


def test_device_refused():
    with pytest.raises(CorpusError, match="not a regular file"):
        load_corpus("/dev/zero")


def test_unreadable_file_refused(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("some text here\n")
    real_open = open

    def deny(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", deny)
    with pytest.raises(CorpusError, match="permission denied") as e:
        load_corpus(path)
    assert "secret.txt" in str(e.value)


def test_stats_for_the_ui(small_file, small_text):
    corpus = load_corpus(small_file)
    assert corpus.num_chars == len(small_text)
    assert corpus.vocabulary == sorted(set(small_text))
    assert corpus.size_bytes == small_file.stat().st_size
    assert corpus.preview(20) == small_text[:20]


def test_progress_is_reported(small_file):
    seen = []
    load_corpus(small_file, progress=lambda fraction, what: seen.append(fraction))
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)


# ---- texts that are real, whatever their first bytes or encoding ----

@pytest.mark.parametrize("text", ["MZ is how the old maps marked the river.\n" * 20,
                                  "RIFF on this: a jazz standard in four bars.\n" * 20,
                                  "ID3 of the suspects were cleared.\n" * 20])
def test_a_text_starting_like_a_file_signature_is_read(tmp_path, text):
    path = tmp_path / "notes.txt"
    path.write_text(text, encoding="utf-8")
    assert load_corpus(path).text == text


def test_a_real_windows_program_is_still_refused(tmp_path):
    header = bytearray(b"MZ" + b"\x90\x00" * 29 + b"\x00" * 2)
    header += b"\x00" * (0x3C - len(header)) + (0x80).to_bytes(4, "little")
    header += b"\x00" * (0x80 - len(header)) + b"PE\x00\x00" + b"\x00" * 200
    (tmp_path / "setup.txt").write_bytes(bytes(header))
    with pytest.raises(CorpusError, match="Windows program"):
        load_corpus(tmp_path / "setup.txt")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_read(tmp_path, codec):
    text = "Olá, mundo! Ação e coração.\n" * 30
    (tmp_path / "pt.txt").write_bytes(text.encode(codec))  # Python's utf-16-le/-be write no BOM
    corpus = load_corpus(tmp_path / "pt.txt")
    assert corpus.text == text and "UTF-16" in corpus.encoding


def test_mixed_utf8_and_latin1_lines_keep_their_utf8(tmp_path):
    utf8_line = "Coração em UTF-8: ção, é, ü.\n".encode()
    latin1_line = "Linha em Latin-1: ação, é.\n".encode("latin-1")
    (tmp_path / "mixed.txt").write_bytes((utf8_line + latin1_line) * 10)
    corpus = load_corpus(tmp_path / "mixed.txt")
    assert corpus.text == ("Coração em UTF-8: ção, é, ü.\nLinha em Latin-1: ação, é.\n") * 10
    assert any("UTF-8" in n and "Windows-1252" in n for n in corpus.notes)
