"""Every sentence a user reads goes through the translation system: an f-string with words in it, handed
straight to a message, an error or a label, would reach a Portuguese user in English."""
import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "playground"
# calls whose text argument is shown to the user
SHOWN = {"emit", "_set_state", "_fail", "StateEvent", "setText", "setToolTip", "setWindowTitle", "setPlaceholderText",
         "QLabel", "QPushButton", "QCheckBox", "QAction", "show_message", "showMessage", "warning", "information",
         "critical", "question", "setStatusTip", "addAction", "addMenu", "setTitle"}
_MARKUP = re.compile(r"<[^>]*>|&\w+;")
_WORDS = re.compile(r"[A-Za-z]{3,}\s+[A-Za-z]{2,}")  # two words of running English


def _name(call: ast.Call) -> str:
    f = call.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""


def _english_in_fstring(node: ast.AST) -> str | None:
    for sub in ast.walk(node):
        if isinstance(sub, ast.JoinedStr):
            literal = "".join(v.value for v in sub.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
            if _WORDS.search(_MARKUP.sub(" ", literal)):
                return literal
    return None


def untranslated_sentences(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        if path.name in ("cli.py", "translations.py"):
            continue  # the command line speaks English by design (its --help says so); the other is a build tool
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _name(node)
            if name in SHOWN or name.endswith("Error"):
                for arg in [*node.args, *(k.value for k in node.keywords)]:
                    literal = _english_in_fstring(arg)
                    if literal is not None:
                        found.append(f"{path.relative_to(root.parent)}:{node.lineno}: {name}(f{literal[:60]!r})")
    return found


def test_no_f_string_sentence_reaches_a_user():
    assert untranslated_sentences(PACKAGE) == []


def test_the_check_finds_one(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "mod.py").write_text('def f(step):\n    raise ValueError(f"Training stopped at step {step}.")\n')
    assert len(untranslated_sentences(package)) == 1


def _literal_translations(root: Path) -> set[tuple[str, str]]:
    found = set()
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _name(node) in ("translate", "QT_TRANSLATE_NOOP") and len(node.args) == 2 \
                    and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args):
                found.add((node.args[0].value, node.args[1].value))
    return found


def test_every_sentence_in_the_code_is_in_the_portuguese_catalogue():
    """lupdate reads the code as text: a translate(...) it cannot see (inside an f-string, say) would never
    be translated. Every literal one must be in the .ts, translated."""
    import xml.etree.ElementTree as ET
    catalogue = {}
    for context in ET.parse(PACKAGE / "i18n" / "playground_pt_BR.ts").getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            catalogue[(name, message.findtext("source"))] = (translation.text or "", translation.get("type"))
    missing = sorted(key for key in _literal_translations(PACKAGE) if key not in catalogue)
    assert not missing, missing[:10]
    unfinished = sorted(key for key, (text, kind) in catalogue.items() if not text or kind == "unfinished")
    assert not unfinished, unfinished[:10]
