"""A report to share: one self-contained HTML file of the run (File ▸ Export report…, or `main.py report`),
in the UI's language. Checked as a user would: parsed, its pictures decoded, its marked copies found in the
training text — and, where a real browser is installed, rendered by it with every picture loaded."""
import base64
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from app_helpers import make_window, train_synchronously, use_small_model
from PySide6.QtGui import QImage

pytestmark = pytest.mark.timeout(240)
ROOT = Path(__file__).resolve().parents[1]


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.lang, self.images, self.marks, self.headings, self.tables = None, [], [], [], []
        self.external, self._in = [], []
        self._text = ""
        self.pres, self._pre = [], None  # every <pre>'s whole text

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "img":
            self.images.append(attrs.get("src", ""))
        if tag in ("script", "link", "iframe") or any(str(v).startswith(("http:", "https:", "//"))
                                                       for k, v in attrs.items() if k in ("src", "href")):
            self.external.append((tag, attrs))
        if tag == "table":
            self.tables.append([])
        if tag == "tr" and self.tables:
            self.tables[-1].append([])
        self._in.append(tag)
        self._text = ""
        if tag == "pre":
            self._pre = ""

    def handle_endtag(self, tag):
        if tag in ("h1", "h2", "h3"):
            self.headings.append(self._text.strip())
        if tag == "mark":
            self.marks.append(self._text)
        if tag == "pre":
            self.pres.append(self._pre)
            self._pre = None
        if tag in ("td", "th") and self.tables and self.tables[-1]:
            self.tables[-1][-1].append(self._text.strip())
        self._text = ""

    def handle_data(self, data):
        self._text += data
        if self._pre is not None:
            self._pre += data


def _picture(src: str) -> QImage:
    assert src.startswith("data:image/png;base64,"), src[:40]
    image = QImage()
    assert image.loadFromData(base64.b64decode(src.split(",", 1)[1]), "PNG")
    return image


@pytest.mark.parametrize("language", ["en", "pt_BR"])
def test_the_report_is_one_file_with_the_run_in_it(qtbot, tmp_path, language):
    from playground.app.shell import language as languages
    languages.install(language)
    try:
        window = make_window(qtbot, tmp_path / "s.ini")
        qtbot.waitUntil(lambda: window.session.data.yardsticks_ready, timeout=60000)
        use_small_model(window, steps=150)  # trained for real: curves, evaluations, the verdict
        with qtbot.waitSignal(window.training_finished, timeout=120000):
            window.training_actions.start()
        window.session.set_prompt("ROMEO:\nBut soft, what light")
        path = tmp_path / "report.html"
        assert window.model_files.export_report(path)
        page = Page()
        page.feed(path.read_text(encoding="utf-8"))
    finally:
        languages.install("en")
    assert page.lang == ("pt-BR" if language == "pt_BR" else "en-US")
    assert not page.external  # no script, style sheet or picture from elsewhere: it opens offline
    expected = ["Configurações", "Perda", "O que o modelo escreve", "O prompt e o que vem a seguir", "Atenção",
                "O que cada cabeça faz"] if language == "pt_BR" else \
        ["Settings", "Loss", "What the model writes", "The prompt and what comes next", "Attention", "What each head does"]
    assert [h for h in page.headings[1:]] == expected
    loss, head, every_head = (_picture(src) for src in page.images)
    assert loss.width() > 200 and head.width() > 100 and every_head.width() > 100
    # the prompt's next-token table: the model's own probabilities
    inspection = window.session.prompt_inspection().inspection
    probabilities = page.tables[1][1:]
    assert len(probabilities) == 10
    best = float(re.sub(r"[^\d,.]", "", probabilities[0][1]).replace(",", "."))
    assert best == pytest.approx(100 * inspection.probs.max(), abs=0.06)
    # every head, and every marked stretch of the sample really is in the training text
    assert len(page.tables[2]) == 1 + 2 * 2
    # the marked stretches are the copy check's own on the sample as printed, and really are in the training text
    sample = page.pres[0]
    copied = [sample[s.start:s.end] for s in window.session.data.copy_index.report(sample).stretches]
    assert page.marks == copied
    training_text = window.session.data.split.train_text
    assert all(len(mark) >= 8 and mark in training_text for mark in page.marks)
    assert window.session.trainer.history.val_losses  # and its verdict is the panel's own sentence
    assert window.training_panel.verdict_label.text().split(" ")[0] in path.read_text(encoding="utf-8")


def test_the_samples_copied_stretches_are_marked_and_nothing_else(small_text):
    from playground.core.data.copies import CopyIndex
    from playground.core.teaching.report import RunReport, Sample, report_html
    sample = small_text[1000:1040] + " zqxv <&> qzvx " + small_text[5000:5030]
    stretches = CopyIndex(small_text).report(sample).stretches
    page = Page()
    page.feed(report_html(RunReport("t", "s", [], sample=Sample(7, sample, [(s.start, s.end) for s in stretches]))))
    assert page.pres[0] == sample  # the whole sample, escaped and read back
    assert len(page.marks) == 2 and page.marks == [sample[s.start:s.end] for s in stretches]
    assert page.marks[0].startswith(small_text[1000:1020]) and small_text[5010:5030] in page.marks[1]


def test_the_command_line_writes_the_same_report_without_pictures(tmp_path, small_file):
    from playground.cli import main
    assert main(["train", str(small_file), "--steps", "40", "--layers", "1", "--heads", "2", "--d-model", "16",
                 "--context", "16", "--no-record", "--out", str(tmp_path / "model"), "--precision", "fp32"]) == 0
    out = tmp_path / "r.html"
    assert main(["report", str(tmp_path / "model"), "--text", str(small_file), "--prompt", "To be", "--out", str(out)]) == 0
    page = Page()
    page.feed(out.read_text(encoding="utf-8"))
    assert not page.images and "the command line draws none" in out.read_text(encoding="utf-8")
    assert "Settings" in page.headings and "What each head does" in page.headings
    assert main(["report", str(tmp_path / "nothing"), "--out", str(out)]) == 2  # a clear error, no traceback


def _browser() -> str | None:
    return next((b for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)


@pytest.mark.skipif(_browser() is None, reason="no headless browser installed (apt-get install chromium)")
def test_a_real_browser_renders_the_report_with_its_pictures(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "s.ini")
    train_synchronously(window, steps=30, n_layer=1, n_head=2, d_model=16)
    path = tmp_path / "report.html"
    assert window.model_files.export_report(path)
    # the browser runs the page's own check: how many pictures decoded, and how wide the first one came out
    probe = tmp_path / "probe.html"
    probe.write_text(path.read_text(encoding="utf-8").replace(
        "</body>", "<script>window.onload=()=>{const i=[...document.images];document.title="
                   "'loaded '+i.filter(x=>x.complete&&x.naturalWidth>0).length+' of '+i.length;}</script></body>"),
        encoding="utf-8")
    done = subprocess.run([_browser(), "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
                           probe.as_uri()], capture_output=True, text=True, timeout=120)
    assert "<title>loaded 3 of 3</title>" in done.stdout, done.stdout[:500] + done.stderr[-500:]
    shot = tmp_path / "shot.png"
    subprocess.run([_browser(), "--headless", "--no-sandbox", "--disable-gpu", f"--screenshot={shot}",
                    "--window-size=1280,2000", path.as_uri()], capture_output=True, timeout=120)
    assert QImage(str(shot)).width() == 1280
    if sys.platform.startswith("linux"):
        (ROOT / "artifacts").mkdir(exist_ok=True)
        shutil.copy(shot, ROOT / "artifacts" / "report-in-chromium.png")
