"""Lesson files: everything a class needs in one file, read back exactly; a damaged, foreign or
hostile file is refused with a reason before anything is used."""
import json
import os
import zipfile

import pytest
import torch
from engine_helpers import tiny_trainer

from playground.core.data.corpus import Corpus
from playground.core.storage.checkpoint import save_checkpoint
from playground.core.teaching import lesson as lesson_module
from playground.core.teaching.lesson import LessonError, missing_text_message, read_lesson, save_lesson, text_sha256

SETTINGS = {"layers": 2, "heads": 2, "d_model": 32, "context": 32, "batch": 8, "lr": 0.003, "dropout": 0.1,
            "steps": 300, "positional": "learned", "activation": "gelu", "norm": "pre", "tied": True,
            "causal": True}


@pytest.fixture
def trained(small_text, tmp_path):
    trainer = tiny_trainer(small_text, max_steps=30)
    for _ in range(5):
        trainer.train_step()
    folder = save_checkpoint(tmp_path / "ckpt", trainer, "hamlet.txt")
    return trainer, folder


def _save(tmp_path, text, folder=None, **kw):
    corpus = Corpus.from_text(text, "hamlet.txt")
    args = dict(corpus=corpus, tokenizer_kind="char", vocab_size=512, settings=SETTINGS, prompt="To be",
                tour_step=4, locked=("architecture",), checkpoint_dir=folder)
    args.update(kw)
    return save_lesson(tmp_path / "class.gptlesson", **args)


def test_a_lesson_reads_back_the_text_settings_prompt_tour_locks_and_the_model(small_text, trained, tmp_path):
    trainer, folder = trained
    path = _save(tmp_path, small_text, folder)
    lesson = read_lesson(path)
    assert lesson.corpus.text == small_text and lesson.corpus.name == "hamlet.txt"
    assert lesson.settings == SETTINGS
    assert (lesson.prompt, lesson.tour_step, lesson.locked) == ("To be", 4, ("architecture",))
    assert (lesson.tokenizer_kind, lesson.vocab_size) == ("char", 512)
    saved = trainer.model.state_dict()
    loaded = lesson.checkpoint.model.state_dict()
    assert saved.keys() == loaded.keys()
    assert all(torch.equal(saved[k], loaded[k]) for k in saved)
    assert lesson.checkpoint.step == trainer.step == 5
    # the temporary folder the model passed through is gone; nothing was left beside the lesson
    assert [p.name for p in tmp_path.iterdir() if p.name not in ("ckpt", "class.gptlesson", "data")] == []


def test_a_lesson_without_a_model_or_with_a_text_too_large_to_carry(small_text, tmp_path, monkeypatch):
    monkeypatch.setattr(lesson_module, "MAX_INCLUDED_CORPUS", 100)
    lesson = read_lesson(_save(tmp_path, small_text))
    assert lesson.checkpoint is None and lesson.corpus is None
    assert lesson.corpus_sha256 == text_sha256(small_text) and lesson.corpus_bytes == len(small_text.encode())
    message = missing_text_message(lesson)
    assert "hamlet.txt" in message and "Open that text first" in message


def _rewrite(path, replace: dict[str, bytes | None] = (), add: dict[str, bytes] = ()):
    """A copy of the lesson with members replaced, removed (None) or added."""
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n) for n in z.namelist()}
    for name, data in dict(replace).items():
        if data is None:
            members.pop(name)
        else:
            members[name] = data
    members.update(dict(add))
    out = path.with_name("edited.gptlesson")
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out


def _manifest(path) -> dict:
    with zipfile.ZipFile(path) as z:
        return json.loads(z.read("manifest.json"))


@pytest.mark.parametrize("damage, words", [
    (lambda p: p.write_bytes(b"just some text, not a zip"), "not a lesson file"),
    (lambda p: p.write_bytes(p.read_bytes()[:200]), "not a lesson file"),
    (lambda p: _rewrite(p, add={"../../evil.sh": b"rm -rf ~"}).replace(p), "holds a file a lesson does not"),
    (lambda p: _rewrite(p, add={"model/payload.pkl": b"\x80\x04."}).replace(p), "holds a file a lesson does not"),
    (lambda p: _rewrite(p, replace={"manifest.json": None}).replace(p), "no manifest"),
    (lambda p: _rewrite(p, replace={"manifest.json": b"{not json"}).replace(p), "damaged"),
    (lambda p: _rewrite(p, replace={"manifest.json": json.dumps({"format": "other/app"}).encode()}).replace(p),
     "not a Tiny GPT Playground lesson"),
    (lambda p: _rewrite(p, replace={"manifest.json": json.dumps({**_manifest(p), "version": 99}).encode()}).replace(p),
     "newer version"),
    (lambda p: _rewrite(p, replace={"manifest.json": json.dumps({**_manifest(p), "settings": {"layers": [1]}}).encode()}
                        ).replace(p), "manifest is damaged"),
    (lambda p: _rewrite(p, replace={"corpus.txt": b"a different text altogether " * 20}).replace(p), "checksum"),
    (lambda p: _rewrite(p, replace={"corpus.txt": None}).replace(p), "text is missing"),
    (lambda p: _rewrite(p, replace={"model/checkpoint.json": b"{}"}).replace(p), "cannot be opened as a lesson"),
])
def test_damaged_or_foreign_lessons_are_refused_with_a_reason(small_text, trained, tmp_path, damage, words):
    path = _save(tmp_path, small_text, trained[1])
    damage(path)
    with pytest.raises(LessonError) as e:
        read_lesson(path)
    assert words in str(e.value) and "Nothing was changed" in str(e.value)


def test_a_text_larger_than_a_lesson_holds_is_refused_even_when_it_compresses_small(small_text, tmp_path, monkeypatch):
    path = _save(tmp_path, small_text)
    bomb = b"\0" * (50 * 1024 * 1024)  # compresses to ~50 KB
    out = tmp_path / "bomb.gptlesson"
    with zipfile.ZipFile(path) as z, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as w:
        w.writestr("manifest.json", z.read("manifest.json"))
        w.writestr("corpus.txt", bomb)
    assert out.stat().st_size < 1024 * 1024
    monkeypatch.setattr(lesson_module, "MAX_INCLUDED_CORPUS", 1024 * 1024)
    with pytest.raises(LessonError, match="larger than a lesson holds"):
        read_lesson(out)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_pipe_or_a_link_named_like_a_lesson_is_refused_without_blocking(tmp_path, small_text):
    fifo = tmp_path / "pipe.gptlesson"
    os.mkfifo(fifo)
    with pytest.raises(LessonError, match="not a plain file"):
        read_lesson(fifo)
    real = _save(tmp_path, small_text)
    link = tmp_path / "link.gptlesson"
    link.symlink_to(real)
    with pytest.raises(LessonError, match="link"):
        read_lesson(link)


def test_a_failed_save_leaves_the_earlier_lesson_whole(small_text, tmp_path, monkeypatch):
    path = _save(tmp_path, small_text)
    before = path.read_bytes()

    def full_disk(*_a, **_k):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(lesson_module, "fsync_file", full_disk)
    with pytest.raises(OSError):
        _save(tmp_path, small_text, prompt="changed")
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def _weights_member(path) -> str:
    with zipfile.ZipFile(path) as z:
        return next(n for n in z.namelist() if n.startswith("model/weights-"))


def test_a_weights_member_larger_than_its_model_can_be_is_refused_before_it_is_inflated(small_text, trained,
                                                                                         tmp_path, monkeypatch):
    path = _save(tmp_path, small_text, trained[1])
    member = _weights_member(path)
    # 200 MB of zeros: a few hundred KB in the zip, far more than a 2-layer, d_model 32 model can hold
    bomb = _rewrite(path, replace={member: bytes(200 * 1024 * 1024)})
    opened = []
    real_open = zipfile.ZipFile.open
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda self, info, *a, **k: (
        opened.append(getattr(info, "filename", info)), real_open(self, info, *a, **k))[1])
    with pytest.raises(LessonError, match="larger than a lesson holds"):
        read_lesson(bomb)
    assert member not in opened, "refused from its declared size, before a byte of it was inflated"


def test_a_lesson_with_extra_weights_files_or_many_members_is_refused(small_text, trained, tmp_path):
    path = _save(tmp_path, small_text, trained[1])
    with zipfile.ZipFile(path) as z:
        weights = z.read(_weights_member(path))
    extra = _rewrite(path, add={f"model/weights-{i:012x}.safetensors": weights for i in range(4)})
    with pytest.raises(LessonError, match="weights files; a lesson holds one|at most 4"):
        read_lesson(extra)
    many = tmp_path / "many.gptlesson"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(many, "w") as z:
        for name in src.namelist():
            z.writestr(name, src.read(name))
        for i in range(2000):
            z.writestr(f"model/weights-{i:012x}.safetensors", b"")
    with pytest.raises(LessonError, match="at most 4"):
        read_lesson(many)
