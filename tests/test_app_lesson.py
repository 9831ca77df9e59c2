"""A lesson saved in one window reopens identically in a fresh profile; a bad lesson changes nothing."""
import torch
from app_helpers import make_window, train_synchronously, use_small_model

from playground.app.panels.settings_panel import ARCHITECTURE_KNOBS


def _teacher(qtbot, tmp_path, small_file):
    window = make_window(qtbot, tmp_path / "teacher.ini")
    window.open_corpus(small_file)
    qtbot.waitUntil(lambda: window.session.data is not None and window.session.data.corpus.name == "hamlet.txt",
                    timeout=30000)
    use_small_model(window, steps=200)
    window.settings_panel.dropout.setValue(0.1)
    window.settings_panel.activation.setCurrentIndex(window.settings_panel.activation.findData("gelu"))
    train_synchronously(window, steps=12, activation="gelu", dropout=0.1)
    window.prompt_panel.prompt_edit.setPlainText("To be, or")
    window.tour.start(5)
    window.tour.close()
    return window


def test_a_saved_lesson_reopens_identically_in_a_fresh_profile(qtbot, tmp_path, small_file):
    teacher = _teacher(qtbot, tmp_path, small_file)
    path = tmp_path / "hamlet.gptlesson"
    assert teacher.lessons.save_to(path, ("architecture", "tokenizer"))
    student = make_window(qtbot, tmp_path / "student.ini")  # another profile, on the bundled text
    assert student.session.data.corpus.name != "hamlet.txt"
    assert student.lessons.open(path)
    qtbot.waitUntil(lambda: student.session.inspection_model is not None and student.tour.card.isVisible(),
                    timeout=30000)
    s, t = student.session, teacher.session
    assert s.data.corpus.text == t.data.corpus.text and s.data.corpus.name == "hamlet.txt"
    assert student.settings_panel.state() == teacher.settings_panel.state()
    theirs, ours = t.trainer.model.state_dict(), s.inspection_model.state_dict()
    assert theirs.keys() == ours.keys() and all(torch.equal(theirs[k], ours[k]) for k in theirs)
    assert s.inspection_step == t.trainer.step == 12
    assert student.prompt_panel.prompt_edit.toPlainText() == "To be, or" == s.prompt
    assert student.tour.index == 5
    # the probabilities the class sees are the teacher's
    assert torch.equal(torch.as_tensor(s.prompt_inspection().inspection.probs),
                       torch.as_tensor(t.prompt_inspection().inspection.probs))
    # the teacher locked the architecture and the tokenizer
    for name in ARCHITECTURE_KNOBS:
        assert not getattr(student.settings_panel, name).isEnabled(), name
    assert student.settings_panel.lock_label.isVisible() and "hamlet" in student.settings_panel.lock_label.text()
    assert not student.corpus_card.tokenizer_combo.isEnabled()
    assert student.settings_panel.steps.isEnabled()  # not locked: how long to train stays the class's choice
    # the class can train the lesson's model further
    assert s.trainer is not None and s.will_continue(student.settings_panel.model_config())


def test_a_damaged_lesson_says_why_and_changes_nothing(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "settings.ini")
    use_small_model(window)
    before = (window.session.data, window.settings_panel.state(), window.session.prompt)
    bad = tmp_path / "broken.gptlesson"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    assert window.lessons.open(bad)  # read off the GUI thread: the verdict comes as a message
    qtbot.waitUntil(lambda: window.message_bar.isVisible() and window.message_bar.kind == "error", timeout=10000)
    assert "broken.gptlesson" in window.message_bar.text.text() and "Nothing was changed" in window.message_bar.text.text()
    assert (window.session.data, window.settings_panel.state(), window.session.prompt) == before
    assert window.session.inspection_model is None and all(
        getattr(window.settings_panel, name).isEnabled() for name in ARCHITECTURE_KNOBS)


def test_opening_a_model_of_another_shape_keeps_it(qtbot, tmp_path, small_file):
    """Found while building lessons: showing a GELU model's settings on ReLU sliders passed through a
    shape that matched neither, and the window took it for a change of architecture and dropped the
    model it had just opened."""
    teacher = _teacher(qtbot, tmp_path, small_file)
    folder = tmp_path / "gelu-model"
    assert teacher.model_files.save_model_to(folder)
    window = make_window(qtbot, tmp_path / "other.ini")
    window.open_corpus(small_file)
    qtbot.waitUntil(lambda: window.session.data.corpus.name == "hamlet.txt", timeout=30000)
    assert window.settings_panel.activation.currentData() == "relu"
    assert window.model_files.open_checkpoint(folder)
    assert window.session.inspection_model is not None and window.session.trainer is not None
    assert window.settings_panel.activation.currentData() == "gelu"
    assert window.settings_panel.model_config() == window.session.trainer.config
