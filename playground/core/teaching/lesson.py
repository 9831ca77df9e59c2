"""A lesson file: one file a teacher hands to a class — the text, the settings, the trained model, the
prompt, where the tour stands and which controls are locked — that reopens the same state anywhere.

The file is a zip holding data only: `manifest.json`, the text as `corpus.txt` (a text over
`MAX_INCLUDED_CORPUS` bytes travels as its name and SHA-256 instead, and must be opened by hand), and
the model as a checkpoint folder under `model/`. Nothing in it is executed or unpickled: the manifest is
JSON checked field by field, the text is decoded like any dropped file, the weights are safetensors
checked by `load_checkpoint`. Reading trusts nothing — a damaged, foreign or hostile file (a zip bomb,
odd names, a path that climbs out) is refused with one `LessonError` before anything changes.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..data.corpus import Corpus, CorpusError, ProgressCallback, decode_bytes, normalise_newlines
from ..files.durable import apply_umask, fsync_file, write_failure
from ..files.untrusted import UntrustedFileError, read_regular_file
from ..model.config import GPTConfig
from ..storage.checkpoint import MANIFEST as CHECKPOINT_MANIFEST
from ..storage.checkpoint import MAX_MANIFEST_BYTES as MAX_CHECKPOINT_MANIFEST_BYTES
from ..storage.checkpoint import Checkpoint, CheckpointError, load_checkpoint
from ..words import QT_TRANSLATE_NOOP, integer, translate

FORMAT = "tiny-gpt-playground/lesson"
VERSION = 1
SUFFIX = ".gptlesson"
MANIFEST = "manifest.json"
CORPUS = "corpus.txt"
MODEL = "model/"
MAX_INCLUDED_CORPUS = 16 * 1024 * 1024
MAX_LESSON_BYTES = 1024 * 1024 * 1024
MAX_MANIFEST_BYTES = 1024 * 1024
LOCKABLE = ("architecture", "tokenizer")
_WEIGHTS_NAME = re.compile(r"weights-[0-9a-f]{12}\.safetensors")
_SETTING_KEYS = {"layers", "heads", "d_model", "context", "batch", "lr", "dropout", "steps", "positional",
                 "activation", "norm", "tied", "causal", "optimizer"}


class LessonError(ValueError):
    """A lesson file that cannot be opened; the message says why and what to do."""


@dataclass
class Lesson:
    corpus_name: str
    corpus_sha256: str
    corpus_bytes: int
    corpus: Corpus | None               # the text, when the lesson carries it
    tokenizer_kind: str
    vocab_size: int
    settings: dict                      # the sliders and options, by name
    prompt: str = ""
    tour_step: int = 0
    locked: tuple[str, ...] = ()
    checkpoint: Checkpoint | None = None


def text_sha256(text: str) -> str:
    return hashlib.sha256(normalise_newlines(text).encode("utf-8")).hexdigest()


def save_lesson(path: str | os.PathLike, *, corpus: Corpus, tokenizer_kind: str, vocab_size: int, settings: dict,
                prompt: str = "", tour_step: int = 0, locked: tuple[str, ...] = (),
                checkpoint_dir: Path | None = None) -> Path:
    """Write the lesson next to nothing else: a temporary file in the chosen folder, renamed over `path`
    once complete, so a failed save leaves any earlier lesson whole."""
    path = Path(path)
    raw = corpus.text.encode("utf-8")
    include = len(raw) <= MAX_INCLUDED_CORPUS
    manifest = {
        "format": FORMAT, "version": VERSION,
        "corpus": {"name": corpus.name, "sha256": text_sha256(corpus.text), "bytes": len(raw),
                   "included": include},
        "tokenizer": {"kind": tokenizer_kind, "vocab_size": int(vocab_size)},
        "settings": {k: v for k, v in settings.items() if k in _SETTING_KEYS},
        "prompt": prompt, "tour_step": int(tour_step),
        "locked": [name for name in locked if name in LOCKABLE],
        "model": checkpoint_dir is not None,
    }
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as z:
            z.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
            if include:
                z.writestr(CORPUS, raw)
            if checkpoint_dir is not None:
                for file in sorted(Path(checkpoint_dir).iterdir()):
                    if file.name == CHECKPOINT_MANIFEST or _WEIGHTS_NAME.fullmatch(file.name):
                        z.write(file, MODEL + file.name, compress_type=zipfile.ZIP_STORED)
        fsync_file(tmp)
        apply_umask(tmp)
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        model_bytes = sum(f.stat().st_size for f in Path(checkpoint_dir).iterdir()) if checkpoint_dir else 0
        raise write_failure(path.parent, e, len(raw) + model_bytes) from e
    return path


def _fail(name: str, why: str) -> LessonError:
    return LessonError(translate("lesson", "“{name}” cannot be opened as a lesson: {why}. Nothing was changed.").format(
        name=name, why=why))


def _read_member(z: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, name: str) -> bytes:
    if info.flag_bits & 0x1:
        raise _fail(name, translate("lesson", "it is encrypted"))
    if info.file_size > limit:
        raise _fail(name, translate("lesson", "{member} is larger than a lesson holds").format(member=info.filename))
    with z.open(info) as f:
        data = f.read(limit + 1)  # never trust the declared size: a bomb inflates past it
    if len(data) > limit:
        raise _fail(name, translate("lesson", "{member} is larger than a lesson holds").format(member=info.filename))
    return data


def _manifest_fields(m: object, name: str) -> dict:
    def bad(what: str) -> LessonError:
        return _fail(name, translate("lesson", "its manifest is damaged ({what})").format(what=what))
    if not isinstance(m, dict) or m.get("format") != FORMAT:
        raise _fail(name, translate("lesson", "it is not a Tiny GPT Playground lesson"))
    if m.get("version") != VERSION:
        raise _fail(name, translate("lesson", "it was made by a newer version of the app (lesson format {v})").format(
            v=str(m.get("version"))[:20]))
    corpus, tok, settings = m.get("corpus"), m.get("tokenizer"), m.get("settings")
    if not isinstance(corpus, dict) or not isinstance(corpus.get("name"), str) or \
            not re.fullmatch(r"[0-9a-f]{64}", str(corpus.get("sha256"))) or \
            not isinstance(corpus.get("bytes"), int) or not isinstance(corpus.get("included"), bool):
        raise bad("corpus")
    if not isinstance(tok, dict) or tok.get("kind") not in ("char", "bpe") or not isinstance(tok.get("vocab_size"), int) \
            or not 1 <= tok["vocab_size"] <= 1_000_000:
        raise bad("tokenizer")
    if not isinstance(settings, dict) or not set(settings) <= _SETTING_KEYS or \
            not all(isinstance(v, (int, float, str, bool)) for v in settings.values()):
        raise bad("settings")
    prompt, step, locked = m.get("prompt", ""), m.get("tour_step", 0), m.get("locked", [])
    if not isinstance(prompt, str) or len(prompt) > 100_000:
        raise bad("prompt")
    if not isinstance(step, int) or not 0 <= step < 1000:
        raise bad("tour_step")
    if not isinstance(locked, list) or not all(x in LOCKABLE for x in locked):
        raise bad("locked")
    if not isinstance(m.get("model"), bool):
        raise bad("model")
    return {"corpus": corpus, "tokenizer": tok, "settings": settings, "prompt": prompt, "tour_step": step,
            "locked": tuple(locked), "model": m["model"]}


def read_lesson(path: str | os.PathLike, progress: ProgressCallback | None = None) -> Lesson:
    """Everything a lesson holds, checked; the model loaded into memory. Raises LessonError. Seconds for a
    large model: hosts call it off their UI thread, with `progress(fraction, what)`."""
    path = Path(path)
    name = path.name
    report = progress or (lambda fraction, what: None)
    report(0.0, QT_TRANSLATE_NOOP("lesson", "reading the lesson"))
    try:
        raw = read_regular_file(path, MAX_LESSON_BYTES)
    except UntrustedFileError as e:
        raise _fail(name, str(e)) from None
    try:
        z = zipfile.ZipFile(io.BytesIO(raw))
        infos = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise _fail(name, translate("lesson", "it is not a lesson file (not a zip archive, or a damaged one)")) from None
    by_name = {}
    for info in infos:
        n = info.filename
        allowed = n in (MANIFEST, CORPUS) or (n.startswith(MODEL) and (
            n[len(MODEL):] == CHECKPOINT_MANIFEST or _WEIGHTS_NAME.fullmatch(n[len(MODEL):])))
        if not allowed or n in by_name:
            raise _fail(name, translate("lesson", "it holds a file a lesson does not ({member})").format(
                member=n[:80]))
        by_name[n] = info
        if len(by_name) > 4:  # the manifest, the text, the model's manifest and its weights: nothing else
            raise _fail(name, translate("lesson", "it holds {count} files; a lesson holds at most 4").format(
                count=integer(len(infos))))
    if MANIFEST not in by_name:
        raise _fail(name, translate("lesson", "it has no manifest"))
    try:
        with z:
            manifest = json.loads(_read_member(z, by_name[MANIFEST], MAX_MANIFEST_BYTES, name).decode("utf-8"))
            fields = _manifest_fields(manifest, name)
            corpus = None
            if fields["corpus"]["included"]:
                if CORPUS not in by_name:
                    raise _fail(name, translate("lesson", "its text is missing"))
                text_bytes = _read_member(z, by_name[CORPUS], MAX_INCLUDED_CORPUS, name)
                text = decode_bytes(text_bytes, fields["corpus"]["name"])[0]  # written as UTF-8 by save_lesson
                corpus = Corpus.from_text(text, fields["corpus"]["name"])
                if text_sha256(corpus.text) != fields["corpus"]["sha256"]:
                    raise _fail(name, translate("lesson", "its text does not match its checksum"))
            checkpoint = None
            if fields["model"]:
                report(0.3, QT_TRANSLATE_NOOP("lesson", "checking the lesson's model"))
                checkpoint = _read_checkpoint(z, by_name, name)
            report(1.0, QT_TRANSLATE_NOOP("lesson", "lesson checked"))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, RecursionError) as e:
        if isinstance(e, LessonError):
            raise
        if isinstance(e, (CorpusError, CheckpointError)):
            raise _fail(name, str(e).rstrip(".")) from None
        raise _fail(name, translate("lesson", "it is damaged ({error})").format(error=type(e).__name__)) from None
    corpus_meta = fields["corpus"]
    return Lesson(corpus_meta["name"], corpus_meta["sha256"], corpus_meta["bytes"], corpus,
                  fields["tokenizer"]["kind"], fields["tokenizer"]["vocab_size"], dict(fields["settings"]),
                  fields["prompt"], fields["tour_step"], fields["locked"], checkpoint)


def _read_checkpoint(z: zipfile.ZipFile, by_name: dict, name: str) -> Checkpoint:
    """The model folder: its manifest first, whose config says how large the one weights file can be, so
    a member that claims or inflates to more is refused before it is unpacked; then the folder is written
    under fixed names into a private temporary folder, loaded, removed."""
    members = [n for n in by_name if n.startswith(MODEL)]
    weights = [n for n in members if _WEIGHTS_NAME.fullmatch(n[len(MODEL):])]
    if MODEL + CHECKPOINT_MANIFEST not in members or not weights:
        raise _fail(name, translate("lesson", "its model is missing"))
    if len(weights) > 1:
        raise _fail(name, translate("lesson", "its model has {count} weights files; a lesson holds one").format(
            count=integer(len(weights))))
    manifest = _read_member(z, by_name[MODEL + CHECKPOINT_MANIFEST], MAX_CHECKPOINT_MANIFEST_BYTES, name)
    limit = _weights_bound(manifest, name)
    data = _read_member(z, by_name[weights[0]], limit, name)
    with tempfile.TemporaryDirectory(prefix="lesson-") as tmp:
        folder = Path(tmp) / "model"  # refusals then name the lesson's model, not a temporary folder
        folder.mkdir()
        (folder / CHECKPOINT_MANIFEST).write_bytes(manifest)
        (folder / weights[0][len(MODEL):]).write_bytes(data)  # the name matched a fixed pattern above
        checkpoint = load_checkpoint(folder)
    checkpoint.path = None  # the folder is gone; the model lives in memory
    return checkpoint


def _weights_bound(manifest: bytes, name: str) -> int:
    """The most bytes the weights file of the model a checkpoint manifest describes can hold: the weights,
    AdamW's two moments for each, and a little for the header, step counts and random state."""
    try:
        config = GPTConfig.from_dict(json.loads(manifest.decode("utf-8"))["config"])
    except (ValueError, KeyError, TypeError, RecursionError, UnicodeDecodeError):
        raise _fail(name, translate("lesson", "its model's description is damaged")) from None
    return 3 * 4 * config.n_params() + (4 << 20)


def missing_text_message(lesson: Lesson) -> str:
    return translate("lesson", "This lesson was made on “{name}” ({size} bytes), which is too large to travel in "
                               "the lesson file. Open that text first (File ▸ Open text…), then open the lesson "
                               "again.").format(name=lesson.corpus_name, size=integer(lesson.corpus_bytes))
