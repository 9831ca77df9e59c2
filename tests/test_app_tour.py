"""The tour in the window: every step points at a real place, follows the user's model and prompt,
remembers where the user stopped, and is offered once on the first launch."""
import pytest
from app_helpers import make_window, train_synchronously
from PySide6.QtCore import QLocale, QRect

from playground.app.shell import language
from playground.core.teaching.tour import KEYS, TRAIN_FIRST_STEPS


def _check_step(window, index):
    tour = window.tour
    step = tour.steps[index]
    assert tour.card.isVisible() and tour.spotlight.isVisible()
    target = tour.spotlight.target
    assert not target.isEmpty() and window.rect().contains(target), (step.key, target)
    expected_tab = {"tokens": window.tokens_panel, "loss": window.training_panel, "generate": window.prompt_panel,
                    "diagram": window.explain_panel, "why": window.why_panel}[step.place]
    assert window.tabs.currentWidget() is expected_tab
    if step.place == "diagram":
        assert window.explain_panel.piece == step.piece and window.explain_panel.diagram.selected == step.piece
    # the card never covers what it points at (there is always a free corner at 1280×720)
    assert not tour.card.geometry().intersects(target) or _overlap(tour.card.geometry(), target) < 0.25 * _area(target)
    assert tour.card.title.text() == step.title


def _area(r: QRect) -> int:
    return r.width() * r.height()


def _overlap(a: QRect, b: QRect) -> int:
    return _area(a.intersected(b))


@pytest.fixture(params=["en", "pt_BR"])
def language_installed(request):
    before = QLocale()
    language.install(request.param)
    yield request.param
    language.install("en")
    QLocale.setDefault(before)


@pytest.mark.timeout(180)
def test_the_tour_runs_end_to_end_pointing_at_each_place(qtbot, tmp_path, language_installed):
    window = make_window(qtbot, tmp_path / "settings.ini")
    assert window.tour_action.text() == ("&Tour pelo Transformer…" if language_installed == "pt_BR"
                                         else "&Tour of the Transformer…")
    window.resize(1280, 720)
    window.tour_action.trigger()
    qtbot.waitUntil(lambda: window.tour.card.isVisible())
    seen = []
    for index in range(len(KEYS)):
        qtbot.waitUntil(lambda index=index: window.tour.index == index)
        qtbot.waitUntil(lambda index=index: window.tour.placed_index == index)  # placed once the tab is laid out
        _check_step(window, index)
        seen.append(window.tour.steps[index].key)
        assert window.tour.card.back_button.isEnabled() == (index > 0)
        window.tour.card.next_button.click()
    assert seen == list(KEYS)
    assert not window.tour.card.isVisible() and not window.tour.spotlight.isVisible()
    assert window.app_settings.tour_step() == 0  # finished: next time from the start


def test_the_tour_uses_the_users_model_and_follows_the_prompt(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "settings.ini")
    for slider, value in ((window.settings_panel.heads, 2), (window.settings_panel.layers, 2)):
        slider.setValue(value)
    window.tour.start(3)  # queries, keys and values
    assert "your 2 heads" in window.tour.card.body.text()
    assert "Train a model" in window.tour.card.tensor.text()  # no model: no invented numbers
    train_synchronously(window, steps=20, n_head=4, d_model=32)
    window.prompt_panel.prompt_edit.setPlainText("ROMEO:")
    qtbot.waitUntil(lambda: "your 4 heads" in window.tour.card.body.text(), timeout=5000)
    before = window.tour.card.tensor.text()
    assert "T × d_head = 6 × 8" in before
    window.prompt_panel.prompt_edit.setPlainText("ROMEO: But soft")
    qtbot.waitUntil(lambda: window.tour.card.tensor.text() != before, timeout=5000)
    assert "T × d_head = 15 × 8" in window.tour.card.tensor.text()


def test_closing_remembers_the_step_and_help_tour_goes_on_from_there(qtbot, tmp_path):
    settings = tmp_path / "settings.ini"
    window = make_window(qtbot, settings, load_default=False)
    window.tour.start(0)
    window.tour.card.next_button.click()
    window.tour.card.next_button.click()
    window.tour.card.close_button.click()
    assert not window.tour.card.isVisible()
    window.app_settings.sync()
    again = make_window(qtbot, settings, load_default=False)
    again.tour_action.trigger()
    assert again.tour.index == 2 and again.tour.card.isVisible()
    again.tour.card.back_button.click()
    assert again.tour.index == 1


def test_a_step_that_needs_training_offers_it(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "settings.ini")
    asked = []
    window.training_actions.train_for = lambda steps: asked.append(steps)  # the real one starts training (tested below)
    window.tour.card.train_requested.disconnect()
    window.tour.card.train_requested.connect(lambda: window.training_actions.train_for(TRAIN_FIRST_STEPS))
    window.tour.start(KEYS.index("softmax"))
    assert window.tour.card.train_box.isVisible()
    assert "uniform" in window.tour.card.train_note.text()
    window.tour.card.train_button.click()
    assert asked == [TRAIN_FIRST_STEPS]


def test_train_for_trains_that_many_steps(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "settings.ini")
    p = window.settings_panel
    for slider, value in ((p.layers, 1), (p.heads, 2), (p.d_model, 16), (p.context, 16), (p.batch, 4)):
        slider.setValue(value)
    window.training_actions.train_for(50)
    qtbot.waitUntil(lambda: window.training is None and window.session.inspection_step == 50, timeout=60000)
    assert p.steps.value() == 50


def test_the_tour_is_offered_once(qtbot, tmp_path):
    settings = tmp_path / "settings.ini"
    window = make_window(qtbot, settings, load_default=False)
    window.offer_tour_once()
    assert window.message_bar.isVisible() and window.message_bar.action_button.isVisible()
    window.message_bar.action_button.click()
    assert window.tour.card.isVisible() and window.tour.index == 0
    window.tour.close()
    window.message_bar.hide()
    window.offer_tour_once()
    assert not window.message_bar.isVisible()
    window.app_settings.sync()
    again = make_window(qtbot, settings, load_default=False)
    again.offer_tour_once()
    assert not again.message_bar.isVisible()


@pytest.mark.timeout(180)
def test_the_card_and_spotlight_show_what_each_step_talks_about(qtbot, tmp_path):
    """A walkthrough's faults, each checked: step 1 shows the prompt's ids before any training; in the
    Explain tab the card leaves the explanation readable and stays on one side; the last step lights the
    bars and the Generate button, not the sampling sliders between them."""
    window = make_window(qtbot, tmp_path / "settings.ini")
    window.resize(1280, 720)
    window.session.set_prompt("To be")
    window.tour.start(0)
    qtbot.waitUntil(lambda: window.tour.placed_index == 0)
    ids = window.session.tokenizer.encode_prompt("To be").ids
    assert window.session.inspection_model is None
    shown = window.tour.card.tensor.text()
    assert all(f">{i}<" in shown for i in ids) and ".00<" not in shown, shown  # whole numbers, before training
    train_synchronously(window, steps=30, n_layer=2, n_head=2, d_model=32)
    pane = window.explain_panel.pane
    sides = set()
    for index, step in enumerate(window.tour.host.tour_steps()):
        if step.place != "diagram":
            continue
        window.tour.go(index)
        qtbot.waitUntil(lambda index=index: window.tour.placed_index == index)
        text = QRect(pane.mapTo(window, pane.rect().topLeft()), pane.rect().size())
        assert not window.tour.card.geometry().intersects(text), step.key
        sides.add(window.tour.card.x())
    assert len(sides) == 1, sides  # no jumping from side to side between the diagram's steps
    window.tour.go(KEYS.index("generation"))
    qtbot.waitUntil(lambda: window.tour.placed_index == KEYS.index("generation"))
    holes = window.tour.spotlight.holes
    assert len(holes) == 2
    temperature = window.prompt_panel.temperature
    where = QRect(temperature.mapTo(window, temperature.rect().topLeft()), temperature.rect().size())
    assert not any(hole.intersects(where) for hole in holes)
