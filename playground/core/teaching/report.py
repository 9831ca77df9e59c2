"""A report to share: one self-contained HTML file of a run — its settings, the loss plot with its
yardsticks and the verdict, a sample with the stretches copied from the training text marked, what the
model makes of a prompt (probabilities, attention maps) and what each head does — in the learner's language.

Images come in as PNG bytes (the app draws them; the command line has none) and are inlined as data
URLs, and the style sheet is inline too: the file opens in any browser, offline, and can be mailed as is.
"""
from __future__ import annotations

import base64
import html
from dataclasses import dataclass, field
from pathlib import Path

from ..analysis.heads import HeadScores
from ..files.durable import atomic_write_text, write_failure
from ..words import QT_TRANSLATE_NOOP, integer, number, translate

STYLE = """
body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color: #1f2937; max-width: 1100px;
       margin: 24px auto; padding: 0 16px; line-height: 1.45; }
h1 { color: #1a365d; margin-bottom: 4px; } h2 { color: #1a365d; border-bottom: 1px solid #d9dee7; padding-bottom: 4px; }
.muted { color: #66707f; } table { border-collapse: collapse; margin: 8px 0; }
td, th { border: 1px solid #d9dee7; padding: 3px 8px; text-align: left; } th { background: #f4f6f9; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
pre { font-family: "DejaVu Sans Mono", Consolas, monospace; background: #fbfcfd; border: 1px solid #d9dee7;
      border-radius: 6px; padding: 8px; white-space: pre-wrap; }
mark { background: #fde68a; } img { max-width: 100%; border: 1px solid #d9dee7; border-radius: 6px; }
.bar { display: inline-block; height: 0.9em; background: #3867d6; vertical-align: middle; }
"""


HEAD_COLUMNS = (QT_TRANSLATE_NOOP("report", "Layer"), QT_TRANSLATE_NOOP("report", "Head"),
                QT_TRANSLATE_NOOP("report", "previous-token"), QT_TRANSLATE_NOOP("report", "first-token"),
                QT_TRANSLATE_NOOP("report", "self"), QT_TRANSLATE_NOOP("report", "induction"),
                QT_TRANSLATE_NOOP("report", "entropy (bits)"), QT_TRANSLATE_NOOP("report", "what it does"))


@dataclass
class Sample:
    step: int
    text: str
    copied: list[tuple[int, int]] = field(default_factory=list)  # character spans found in the training text
    copy_line: str = ""


@dataclass
class RunReport:
    title: str
    subtitle: str
    settings: list[tuple[str, str]]
    verdict: str = ""
    baselines: str = ""
    sample: Sample | None = None
    prompt: str = ""
    probabilities: list[tuple[str, float]] = field(default_factory=list)  # (token as shown, probability)
    heads: HeadScores | None = None
    loss_png: bytes | None = None
    attention_pngs: list[bytes] = field(default_factory=list)  # the chosen head's map, then every head
    language: str = "en"  # the <html lang>, as BCP 47 ("pt-BR")


def _image(png: bytes | None, alt: str) -> str:
    if not png:
        none = translate("report", "No picture: the command line draws none; export the report from the app for the plots.")
        return f"<p class='muted'>{html.escape(none)}</p>"
    data = base64.b64encode(png).decode("ascii")
    return f"<img alt='{html.escape(alt, quote=True)}' src='data:image/png;base64,{data}'>"


def _marked(sample: Sample) -> str:
    """The sample with its copied stretches in <mark>, the rest escaped."""
    out, at = [], 0
    for start, end in sorted(sample.copied):
        if start < at:
            continue
        out.append(html.escape(sample.text[at:start]))
        out.append(f"<mark>{html.escape(sample.text[start:end])}</mark>")
        at = end
    out.append(html.escape(sample.text[at:]))
    return "".join(out)


def report_html(report: RunReport) -> str:
    # the sections' own words (lupdate finds each literal)
    w = {
        "settings": html.escape(translate("report", "Settings")),
        "loss": html.escape(translate("report", "Loss")),
        "writes": html.escape(translate("report", "What the model writes")),
        "prompt": html.escape(translate("report", "The prompt and what comes next")),
        "next": html.escape(translate("report", "Next token")),
        "probability": html.escape(translate("report", "Probability")),
        "attention": html.escape(translate("report", "Attention")),
        "heads": html.escape(translate("report", "What each head does")),
        "made": html.escape(translate("report", "Made with Tiny GPT Playground.")),
    }
    parts = [f"<!DOCTYPE html><html lang='{html.escape(report.language)}'><head><meta charset='utf-8'>",
             f"<title>{html.escape(report.title)}</title><style>{STYLE}</style></head><body>",
             f"<h1>{html.escape(report.title)}</h1><p class='muted'>{html.escape(report.subtitle)}</p>",
             f"<h2>{w['settings']}</h2><table>"]
    parts += [f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in report.settings]
    parts.append("</table>")
    parts.append(f"<h2>{w['loss']}</h2>" + _image(report.loss_png, translate("report", "The loss curves")))
    if report.baselines:
        parts.append(f"<p class='muted'>{html.escape(report.baselines)}</p>")
    if report.verdict:
        parts.append(f"<p>{html.escape(report.verdict)}</p>")
    if report.sample is not None:
        parts.append(f"<h2>{w['writes']}</h2><p class='muted'>" + html.escape(
            translate("report", "At step {step}; highlighted: stretches copied word for word from the training "
                                "text.").format(step=integer(report.sample.step))) + "</p>")
        parts.append(f"<pre>{_marked(report.sample)}</pre>")
        if report.sample.copy_line:
            parts.append(f"<p class='muted'>{html.escape(report.sample.copy_line)}</p>")
    if report.prompt:
        parts.append(f"<h2>{w['prompt']}</h2><pre>{html.escape(report.prompt)}</pre>")
        if report.probabilities:
            parts.append(f"<table><tr><th>{w['next']}</th><th>{w['probability']}</th><th></th></tr>")
            top = max(p for _, p in report.probabilities) or 1.0
            for token, p in report.probabilities:
                parts.append(f"<tr><td><code>{html.escape(token)}</code></td><td class='num'>{number(100 * p, 1)} %</td>"
                             f"<td><span class='bar' style='width:{int(200 * p / top)}px'></span></td></tr>")
            parts.append("</table>")
        alt = translate("report", "Attention maps for the prompt")
        parts.append(f"<h3>{w['attention']}</h3>" + ("".join(_image(png, alt) for png in report.attention_pngs)
                                                     or _image(None, alt)))
    if report.heads is not None:
        parts.append(f"<h2>{w['heads']}</h2><table><tr>" + "".join(
            "<th>" + html.escape(translate("report", name)) + "</th>" for name in HEAD_COLUMNS) + "</tr>")
        for layer, head, prev, first, own, induction, entropy, label in report.heads.rows():
            cells = [integer(layer), integer(head)] + [number(v, 2) for v in (prev, first, own, induction, entropy)]
            what = html.escape(translate("heads", label))
            parts.append("<tr>" + "".join(f"<td class='num'>{c}</td>" for c in cells) + f"<td>{what}</td></tr>")
        parts.append("</table>")
    parts.append(f"<p class='muted'>{w['made']}</p></body></html>")
    return "\n".join(parts)


def write_report(report: RunReport, path: str | Path) -> Path:
    """Write the report atomically (raises DiskWriteError, whose message says what to do)."""
    path = Path(path)
    text = report_html(report)
    try:
        atomic_write_text(path, text)
    except OSError as e:
        raise write_failure(path.parent, e, needed_bytes=len(text.encode("utf-8"))) from None
    return path
