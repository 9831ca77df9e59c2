"""The Tokens tab: how the loaded text is cut into tokens, and what the vocabulary holds.

Type a sentence to see it split by the current tokenizer and by every other tokenizer built for this
text this session; below, the corpus preview drawn the same way; right, the vocabulary by frequency.
"""
from __future__ import annotations

from PySide6.QtCore import QRect, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QGroupBox, QHeaderView, QLabel, QLineEdit, QSplitter, QTableView, QVBoxLayout, QWidget

from ...core.data.tokenizer import show_whitespace
from ...core.session.loaded_corpus import tokenizer_label
from ...core.session.session import Session
from ...core.words import integer, number, translate
from ..session_signals import SessionSignals
from ..widgets import glyphs
from ..widgets.look import look
from ..widgets.token_text import TokenText

PREVIEW_CHARS = 1500
MAX_COMPARED = 3


class TokensPanel(QWidget):
    def __init__(self, session: Session, signals: SessionSignals, parent=None):
        super().__init__(parent)
        self.session = session
        self._shown_data = None
        signals.corpus_changed.connect(lambda *_: self.refresh())

        self.summary = QLabel(translate("tokens_panel", "No text loaded."))
        self.summary.setObjectName("tokens_summary")
        self.summary.setWordWrap(True)
        self.sentence = QLineEdit(session.example_sentence)
        self.setFocusProxy(self.sentence)  # Ctrl+<n> puts the keyboard here
        self._sentence_typed = False
        self.sentence.textEdited.connect(lambda _: setattr(self, "_sentence_typed", True))
        self.sentence.setObjectName("sentence_edit")
        look.size(self.sentence, 10.5, mono=True)
        self.sentence.setPlaceholderText(translate("tokens_panel", "Type a sentence to see how it splits into tokens"))
        self.sentence_tokens = TokenText(max_height=70)
        self.sentence_tokens.setObjectName("sentence_tokens")
        self.sentence_count = QLabel()
        self.compare_box = QVBoxLayout()
        self.compare_hint = QLabel(translate("tokens_panel", "Choose “Subwords (byte-level BPE)” under Tokens in the Data card: the same "
                                   "sentence then appears here split both ways."))
        self.compare_hint.setObjectName("muted")
        self.compare_hint.setWordWrap(True)
        self.compare_views: list[tuple[QLabel, TokenText]] = []
        self.preview_tokens = TokenText()
        self.preview_tokens.setObjectName("preview_tokens")

        self.search = QLineEdit()
        self.search.setObjectName("vocab_search")
        self.search.setPlaceholderText(translate("tokens_panel", "Search the vocabulary…"))
        self.search.setClearButtonEnabled(True)
        self.vocab_model = QStandardItemModel(0, 4, self)
        self.vocab_model.setHorizontalHeaderLabels([translate("tokens_panel", "Token"), translate("tokens_panel", "Id"),
                                                    translate("tokens_panel", "Count"), translate("tokens_panel", "Share")])
        self.vocab_proxy = QSortFilterProxyModel(self)
        self.vocab_proxy.setSourceModel(self.vocab_model)
        self.vocab_proxy.setFilterKeyColumn(0)
        self.vocab_proxy.setFilterCaseSensitivity(Qt.CaseInsensitive)
        self.vocab_proxy.setSortRole(Qt.UserRole)
        self.vocab_table = QTableView()
        self.vocab_table.setObjectName("vocab_table")
        self.vocab_table.setModel(self.vocab_proxy)
        self.vocab_table.setSortingEnabled(True)
        self.vocab_table.verticalHeader().hide()
        look.size(self.vocab_table, 10, mono=True)
        self.vocab_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.vocab_table.setAlternatingRowColors(True)
        self.vocab_table.setEditTriggers(QTableView.NoEditTriggers)
        self.vocab_count = QLabel()
        self.vocab_count.setObjectName("muted")

        sentence_box = QGroupBox(translate("tokens_panel", "A sentence, as the model reads it"))
        s_layout = QVBoxLayout(sentence_box)
        s_layout.addWidget(self.sentence)
        s_layout.addWidget(self.sentence_tokens)
        s_layout.addWidget(self.sentence_count)
        s_layout.addLayout(self.compare_box)
        s_layout.addWidget(self.compare_hint)
        preview_box = QGroupBox(translate("tokens_panel", "The start of the text, token by token (hover a token for its id)"))
        p_layout = QVBoxLayout(preview_box)
        p_layout.addWidget(self.preview_tokens)
        left = QWidget()
        l_layout = QVBoxLayout(left)
        l_layout.setContentsMargins(0, 0, 0, 0)
        l_layout.addWidget(self.summary)
        l_layout.addWidget(sentence_box)
        l_layout.addWidget(preview_box, 1)
        vocab_box = QGroupBox(translate("tokens_panel", "Vocabulary, most frequent first"))
        v_layout = QVBoxLayout(vocab_box)
        v_layout.addWidget(self.search)
        v_layout.addWidget(self.vocab_table, 1)
        v_layout.addWidget(self.vocab_count)
        splitter = QSplitter(Qt.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(vocab_box)
        splitter.setSizes([620, 360])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.sentence.textChanged.connect(self.show_sentence)
        self.search.textChanged.connect(self._filter)

    # ---------------------------------------------------------------- updates
    def tour_anchor(self) -> list[tuple[QWidget, QRect]]:
        """What the tour points at here: the example sentence, cut into tokens."""
        return [(self.sentence_tokens, self.sentence_tokens.rect())]

    def refresh(self) -> None:
        """Redraw for the session's current corpus and tokenizer (cheap when nothing changed)."""
        data = self.session.data
        if data is None or data is self._shown_data:
            return
        if not self._sentence_typed and self.sentence.text() != self.session.example_sentence:
            self.sentence.setText(self.session.example_sentence)  # an example in the text's own words
        self._shown_data = data
        stats = data.stats
        t = data.tokenizer
        self.summary.setText(
            translate("tokens_panel", "<b>{name}</b> · {tokenizer} tokenizer · vocabulary <b>{vocab}</b> · {tokens} tokens for "
                      "{chars} characters: <b>{per_char}</b> tokens per character ({per_token} characters per "
                      "token)").format(
                name=data.corpus.name, tokenizer=tokenizer_label(t), vocab=integer(t.vocab_size),
                tokens=integer(stats.n_tokens), chars=integer(stats.n_chars), per_char=number(stats.tokens_per_char, 3),
                per_token=number(1 / max(stats.tokens_per_char, 1e-9)))
            + (" · " + translate("tokens_panel", "{n} tokens never occur").format(n=integer(stats.unused())) if stats.unused() else ""))
        self.preview_tokens.show_tokens(t, data.corpus.preview(PREVIEW_CHARS))
        self._fill_vocabulary()
        self.show_sentence()

    def show_sentence(self, *_) -> None:
        data = self.session.data
        if data is None:
            return
        text = self.sentence.text()
        pieces = self.sentence_tokens.show_tokens(data.tokenizer, text)
        n_ids = sum(len(p.token_ids) for p in pieces)
        self.sentence_count.setText(translate("tokens_panel", "{tokenizer}: <b>{n}</b> tokens for {chars} characters").format(
            tokenizer=tokenizer_label(data.tokenizer), n=n_ids, chars=len(text)))
        others = [(label, t) for label, t in self.session.tokenizer_variants.items()
                  if t is not data.tokenizer][-MAX_COMPARED:]
        while len(self.compare_views) < len(others):
            label, view = QLabel(), TokenText(max_height=60)
            view.setObjectName("compare_tokens")
            self.compare_box.addWidget(label)
            self.compare_box.addWidget(view)
            self.compare_views.append((label, view))
        for i, (label, view) in enumerate(self.compare_views):
            visible = i < len(others)
            label.setVisible(visible)
            view.setVisible(visible)
            if visible:
                name, tokenizer = others[i]
                n = sum(len(p.token_ids) for p in view.show_tokens(tokenizer, text))
                label.setText(translate("tokens_panel", "The same sentence with {name}: <b>{n}</b> tokens").format(name=name, n=n))
        self.compare_hint.setVisible(not others)

    def _fill_vocabulary(self) -> None:
        data = self.session.data
        stats, t = data.stats, data.tokenizer
        total = max(1, stats.n_tokens)
        self.vocab_table.setSortingEnabled(False)
        self.vocab_model.removeRows(0, self.vocab_model.rowCount())
        for token_id, count in stats.most_frequent(t.vocab_size):
            row = []
            for text, key in ((glyphs.shown(t.token_text(token_id)), t.token_text(token_id)),
                              (str(token_id), token_id), (integer(count), count),
                              (f"{number(100 * count / total)}%", count)):
                item = QStandardItem(text)
                item.setData(key, Qt.UserRole)
                if not row and (names := glyphs.hover(t.token_text(token_id))):
                    item.setToolTip(names)
                row.append(item)
            self.vocab_model.appendRow(row)
        self.vocab_table.setSortingEnabled(True)
        self.vocab_table.sortByColumn(2, Qt.DescendingOrder)
        self.vocab_table.resizeColumnsToContents()
        self.vocab_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self._filter(self.search.text())

    def _filter(self, text: str) -> None:
        # the Token column shows ␣ for spaces, so search what is shown, letting users type ␣ or a space
        self.vocab_proxy.setFilterFixedString(show_whitespace(text))
        shown, total = self.vocab_proxy.rowCount(), self.vocab_model.rowCount()
        self.vocab_count.setText(translate("tokens_panel", "{total} tokens").format(total=integer(total)) if shown == total else
                                 translate("tokens_panel", "{shown} of {total} tokens match").format(shown=integer(shown),
                                                                                    total=integer(total)))
