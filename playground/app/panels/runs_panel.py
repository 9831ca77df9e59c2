"""The Runs tab: every training run kept on disk, overlaid and compared, exported.

Runs from the app and from the CLI land in the same store; a timer re-reads records that changed, so
a run the CLI is writing grows here live. A damaged folder shows as a red row with its reason.
"""
from __future__ import annotations

import math
import textwrap
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QBuffer, QIODevice, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.model.config import format_count, format_duration
from ...core.storage.runs import DamagedRun, RunError, RunRecord, RunStore
from ...core.words import QT_TRANSLATE_NOOP, integer, number, significant, translate
from ..widgets.look import look
from ..widgets.tables import row_table

X_AXES = [("steps", QT_TRANSLATE_NOOP("runs_panel", "steps")), ("tokens", QT_TRANSLATE_NOOP("runs_panel", "tokens seen")),
          ("time", QT_TRANSLATE_NOOP("runs_panel", "wall time (s)"))]
# English source words: tests and code find columns by them; the headers show their translations
COLUMNS = [QT_TRANSLATE_NOOP("runs_panel", "Run"), QT_TRANSLATE_NOOP("runs_panel", "Corpus"),
           QT_TRANSLATE_NOOP("runs_panel", "Model"), QT_TRANSLATE_NOOP("runs_panel", "Tokenizer"),
           QT_TRANSLATE_NOOP("runs_panel", "Steps"), QT_TRANSLATE_NOOP("runs_panel", "Train"),
           QT_TRANSLATE_NOOP("runs_panel", "Val"), QT_TRANSLATE_NOOP("runs_panel", "Val bits/char"),
           QT_TRANSLATE_NOOP("runs_panel", "Tokens/s"), QT_TRANSLATE_NOOP("runs_panel", "Time"),
           QT_TRANSLATE_NOOP("runs_panel", "Status")]
DIFF_KEYS = [
    (QT_TRANSLATE_NOOP("runs_panel", "Layers"), lambda r: r.config.get("n_layer")),
    (QT_TRANSLATE_NOOP("runs_panel", "Heads"), lambda r: r.config.get("n_head")),
    ("d_model", lambda r: r.config.get("d_model")),
    (QT_TRANSLATE_NOOP("runs_panel", "Context"), lambda r: r.config.get("context_length")),
    (QT_TRANSLATE_NOOP("runs_panel", "Positions"), lambda r: r.config.get("positional")),
    (QT_TRANSLATE_NOOP("runs_panel", "Activation"), lambda r: r.config.get("activation")),
    (QT_TRANSLATE_NOOP("runs_panel", "Layer norm"), lambda r: r.config.get("norm_placement")),
    (QT_TRANSLATE_NOOP("runs_panel", "Tied embeddings"), lambda r: r.config.get("tie_embeddings")),
    (QT_TRANSLATE_NOOP("runs_panel", "Causal mask"), lambda r: r.config.get("causal", True)),
    (QT_TRANSLATE_NOOP("runs_panel", "Dropout"), lambda r: r.config.get("dropout")),
    (QT_TRANSLATE_NOOP("runs_panel", "Tokenizer"), lambda r: r.tokenizer),
    (QT_TRANSLATE_NOOP("runs_panel", "Vocabulary"), lambda r: r.config.get("vocab_size")),
    (QT_TRANSLATE_NOOP("runs_panel", "Batch"), lambda r: r.settings.get("batch_size")),
    (QT_TRANSLATE_NOOP("runs_panel", "Learning rate"), lambda r: r.settings.get("learning_rate")),
    (QT_TRANSLATE_NOOP("runs_panel", "Optimizer"), lambda r: r.settings.get("optimizer", "adamw")),
    (QT_TRANSLATE_NOOP("runs_panel", "Steps"), lambda r: r.settings.get("max_steps")),
    (QT_TRANSLATE_NOOP("runs_panel", "Corpus"), lambda r: r.corpus),
    (QT_TRANSLATE_NOOP("runs_panel", "Processes"), lambda r: r.world_size),
    (QT_TRANSLATE_NOOP("runs_panel", "Device"), lambda r: r.device),
    (QT_TRANSLATE_NOOP("runs_panel", "Math"), lambda r: r.precision)]


class RunsPanel(QWidget):
    open_requested = Signal(object)   # a RunRecord whose model the user wants to inspect
    message = Signal(str, str)        # text, kind — shown in the window's message bar

    def __init__(self, store: RunStore, parent=None):
        super().__init__(parent)
        self.store = store
        self.runs: list[RunRecord | DamagedRun] = []
        self.checked: set[str] = set()
        self.open_failures: dict[str, str] = {}
        self.checkpoint_problems: dict[str, str | None] = {}  # run id → problem, for runs with a saved model
        self._mtimes: dict[str, float] = {}

        self.table = row_table("runs_table", translate("runs_panel", "Kept runs"),
                               [translate("runs_panel", c) for c in COLUMNS])
        self.setFocusProxy(self.table)  # Ctrl+<n> puts the keyboard here
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.table.setAlternatingRowColors(True)
        self.empty_hint = QLabel(translate("runs_panel", "No runs yet. Every training run — from ▶ Train or from "
                                 "`python main.py train` — is kept here, with its curves and model."))
        self.empty_hint.setObjectName("muted")
        self.empty_hint.setWordWrap(True)

        self.open_button = QPushButton(translate("runs_panel", "Open for inspection"))
        self.rename_button = QPushButton(translate("runs_panel", "Rename…"))
        self.delete_button = QPushButton(translate("runs_panel", "Delete…"))
        self.export_button = QPushButton(translate("runs_panel", "Export run folder…"))
        self.png_button = QPushButton(translate("runs_panel", "Save plot PNG…"))
        self.csv_button = QPushButton(translate("runs_panel", "Save CSV…"))
        for b, name in ((self.open_button, "open_run"), (self.rename_button, "rename_run"),
                        (self.delete_button, "delete_run"), (self.export_button, "export_run"),
                        (self.png_button, "save_plot_png"), (self.csv_button, "save_csv")):
            b.setObjectName(name)
        self.x_axis = QComboBox()
        self.x_axis.setObjectName("runs_x_axis")
        for key, label in X_AXES:
            self.x_axis.addItem("x: " + translate("runs_panel", label), key)

        self.y_unit = QComboBox()
        self.y_unit.setObjectName("runs_y_unit")
        self.y_unit.addItem(translate("runs_panel", "y: loss in nats per token"), translate("runs_panel", "nats"))
        self.y_unit.addItem(translate("runs_panel", "y: bits per character"), translate("runs_panel", "bits"))
        self.y_unit.setToolTip(translate("runs_panel", "Bits per character compare runs with different tokenizers (runs recorded before this "
                               "option are left out in bits)."))
        self.plot = pg.PlotWidget()
        self.plot.setObjectName("runs_plot")
        item = self.plot.getPlotItem()
        item.showGrid(x=True, y=True, alpha=0.15)
        item.setLabel("left", translate("runs_panel", "loss (nats per token)"))
        for axis in ("bottom", "left"):
            item.getAxis(axis).enableAutoSIPrefix(False)
        self.legend = item.addLegend(offset=(-10, 10), brush=pg.mkBrush(255, 255, 255, 215))
        self.curves: dict[str, list[pg.PlotDataItem]] = {}
        self.diff = QTableWidget(0, 0)
        self.diff.setObjectName("runs_diff")
        self.diff.setAccessibleName(translate("runs_panel", "Differences between the chosen runs"))
        self.diff.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.diff.horizontalHeader().sectionResized.connect(self._fit_headers)
        self.diff_hint = QLabel(translate("runs_panel", "Tick runs in the list to overlay their curves; differing settings are highlighted."))
        self.diff_hint.setObjectName("muted")
        self.diff_hint.setWordWrap(True)

        buttons = QHBoxLayout()
        for b in (self.open_button, self.rename_button, self.delete_button, self.export_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        top = QWidget()
        t_layout = QVBoxLayout(top)
        t_layout.setContentsMargins(0, 0, 0, 0)
        t_layout.addWidget(self.table, 1)
        t_layout.addWidget(self.empty_hint)
        t_layout.addLayout(buttons)
        plot_row = QHBoxLayout()
        plot_row.addWidget(self.x_axis)
        plot_row.addWidget(self.y_unit)
        plot_row.addStretch(1)
        plot_row.addWidget(self.png_button)
        plot_row.addWidget(self.csv_button)
        plot_box = QWidget()
        p_layout = QVBoxLayout(plot_box)
        p_layout.setContentsMargins(0, 0, 0, 0)
        p_layout.addLayout(plot_row)
        p_layout.addWidget(self.plot, 1)
        diff_box = QWidget()
        d_layout = QVBoxLayout(diff_box)
        d_layout.setContentsMargins(0, 0, 0, 0)
        d_layout.addWidget(self.diff_hint)
        d_layout.addWidget(self.diff, 1)
        bottom = QSplitter(Qt.Horizontal)
        bottom.addWidget(plot_box)
        bottom.addWidget(diff_box)
        bottom.setSizes([620, 360])
        splitter = QSplitter(Qt.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setSizes([260, 520])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.table.itemChanged.connect(self._on_item_changed)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _: self._open_selected())
        self.open_button.clicked.connect(self._open_selected)
        self.rename_button.clicked.connect(self._rename_selected)
        self.delete_button.clicked.connect(self._delete_selected)
        self.export_button.clicked.connect(self._export_selected)
        self.png_button.clicked.connect(self._save_png)
        self.csv_button.clicked.connect(self._save_csv)
        self.x_axis.currentIndexChanged.connect(lambda _: self.redraw())
        self.y_unit.currentIndexChanged.connect(lambda _: self.redraw())
        look.changed.connect(self.reload)  # the runs' colours in the list and the plot
        # follow runs written by other processes (the CLI) or by this app's training thread
        self.follow_timer = QTimer(self, interval=1500, timeout=self.reload_if_changed)
        self.follow_timer.start()
        self.reload()

    # ---------------------------------------------------------------- data
    def _problem(self, run: RunRecord) -> str | None:
        return self.open_failures.get(run.id) or self.checkpoint_problems.get(run.id)

    def _openable(self, run) -> bool:
        return isinstance(run, RunRecord) and run.id in self.checkpoint_problems and not self._problem(run)

    def mark_unopenable(self, run_id: str, reason: str) -> None:
        """Opening the run's model failed (e.g. its checksum): say so in its row."""
        self.open_failures[run_id] = reason
        self._fill_table()

    def reload(self) -> None:
        self.runs = self.store.list()
        # read each saved model's manifest once per reload, not at every repaint of its row or button
        self.checkpoint_problems = {r.id: r.checkpoint_problem() for r in self.runs
                                    if isinstance(r, RunRecord) and r.checkpoint_path.exists()}
        self._mtimes = self._scan()
        known = {r.id for r in self.runs}
        self.checked &= known
        self._fill_table()
        self.redraw()

    def _scan(self) -> dict[str, float]:
        out = {}
        if self.store.root.is_dir():
            for p in self.store.root.iterdir():
                try:
                    out[p.name] = (p / "run.json").stat().st_mtime
                except OSError:
                    out[p.name] = -1.0
        return out

    def reload_if_changed(self) -> bool:
        if self._scan() != self._mtimes:
            self.reload()
            return True
        return False

    def record(self, run_id: str) -> RunRecord | DamagedRun | None:
        return next((r for r in self.runs if r.id == run_id), None)

    def selected(self) -> RunRecord | DamagedRun | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        return self.record(self.table.item(rows[0].row(), 0).data(Qt.UserRole))

    def set_checked(self, run_id: str, checked: bool) -> None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item.data(Qt.UserRole) == run_id:
                item.setCheckState(Qt.Checked if checked else Qt.Unchecked)

    # ---------------------------------------------------------------- table
    def _fill_table(self) -> None:
        selected = self.selected()
        with QSignalBlocker(self.table):
            self.table.setRowCount(len(self.runs))
            for row, run in enumerate(self.runs):
                problem = self._problem(run) if isinstance(run, RunRecord) else None
                for col, text in enumerate(self._cells(run, problem)):
                    item = QTableWidgetItem(text)
                    if col == 0:
                        item.setData(Qt.UserRole, run.id)
                        if isinstance(run, RunRecord):
                            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
                            item.setCheckState(Qt.Checked if run.id in self.checked else Qt.Unchecked)
                            if run.id in self.checked:
                                item.setForeground(QBrush(QColor(self._color(run.id))))
                    if isinstance(run, DamagedRun):
                        item.setForeground(QBrush(QColor("#b02a1a")))
                        item.setToolTip(translate("runs_panel", "This run folder is damaged: {reason}. Delete it, or repair {path}.").format(
                            reason=run.reason, path=run.path))
                    elif col == len(COLUMNS) - 1 and problem:
                        item.setForeground(QBrush(QColor("#b02a1a")))
                        item.setToolTip(translate("runs_panel", "The curves are fine but the saved model is not: {problem}. It "
                                                  "cannot be opened; the rest of the run can still be compared.").format(
                            problem=problem))
                    elif col > 2:
                        item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                    self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        if selected is not None:
            for row in range(self.table.rowCount()):
                if self.table.item(row, 0).data(Qt.UserRole) == selected.id:
                    self.table.selectRow(row)
        self.empty_hint.setVisible(not self.runs)
        self._update_buttons()

    @staticmethod
    def _cells(run, problem: str | None) -> list[str]:
        if isinstance(run, DamagedRun):
            return [run.name] + [""] * (len(COLUMNS) - 2) + [translate("runs_panel", "damaged: {reason}").format(reason=run.reason)]
        c = run.config
        loss = lambda v: "" if v is None else number(v, 3)
        duration = format_duration(run.wall_s, tenths_under_a_minute=True)
        return [run.name, run.corpus, f"{c.get('n_layer')}L {c.get('n_head')}H {c.get('d_model')}d",
                run.tokenizer, integer(run.step), loss(run.final_train), loss(run.final_val),
                loss(run.final_val_bits_per_char), integer(round(run.tokens_per_s)), duration,
                translate("runs_panel", "model damaged: {problem}").format(problem=problem) if problem
                else translate("runs", run.shown_status)]

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != 0:
            return
        run_id = item.data(Qt.UserRole)
        if item.checkState() == Qt.Checked:
            self.checked.add(run_id)
        else:
            self.checked.discard(run_id)
        with QSignalBlocker(self.table):
            item.setForeground(QBrush(QColor(self._color(run_id) if run_id in self.checked else "#1f2937")))
        self.redraw()

    def _update_buttons(self) -> None:
        run = self.selected()
        ok = isinstance(run, RunRecord)
        openable = self._openable(run)
        self.open_button.setEnabled(openable)
        self.open_button.setToolTip("" if not ok or openable else
                                    translate("runs_panel", "This run has no usable saved model (it is still training, was "
                                              "cut short, or its model is damaged)."))
        self.rename_button.setEnabled(ok)
        self.delete_button.setEnabled(run is not None)
        self.export_button.setEnabled(openable)
        self.csv_button.setEnabled(ok or bool(self.checked))

    # ---------------------------------------------------------------- plot & diff
    def _index(self, run_id: str) -> int:
        ids = [r.id for r in self.runs if isinstance(r, RunRecord)]
        return ids.index(run_id) if run_id in ids else -1

    def _color(self, run_id: str) -> str:
        index = self._index(run_id)
        return look.series(index) if index >= 0 else "#888888"

    def checked_runs(self) -> list[RunRecord]:
        return [r for r in self.runs if isinstance(r, RunRecord) and r.id in self.checked]

    def redraw(self) -> None:
        item = self.plot.getPlotItem()
        for curves in self.curves.values():
            for c in curves:
                item.removeItem(c)
        self.curves = {}
        self.legend.clear()
        x = self.x_axis.currentData()
        item.setLabel("bottom", translate("runs_panel", dict(X_AXES)[x]))
        bits = self.y_unit.currentData() == "bits"
        item.setLabel("left", translate("runs_panel", "bits per character") if bits else translate("runs_panel", "loss (nats per token)"))
        for run in self.checked_runs():
            if bits and not run.tokens_per_char:
                continue  # recorded before runs kept their tokens per character: no honest conversion
            scale = run.tokens_per_char / math.log(2) if bits else 1.0
            color = self._color(run.id)
            tx, ty = run.curve("train", x)
            vx, vy = run.curve("val", x)
            ty, vy = [v * scale for v in ty], [v * scale for v in vy]
            index = self._index(run.id)  # each run its colour and its own marker and dash
            train = pg.PlotDataItem(tx, ty, pen=pg.mkPen(QColor(color).lighter(150), width=1.2, style=look.dash(index)))
            val = pg.PlotDataItem(vx, vy, pen=pg.mkPen(color, width=2.4, style=look.dash(index)),
                                  symbol=look.symbol(index), symbolSize=7, symbolBrush=color, symbolPen=None,
                                  name=translate("runs_panel", "{name} (val)").format(name=run.name))
            item.addItem(train)
            item.addItem(val)
            self.curves[run.id] = [train, val]
        self._fill_diff()
        self._update_buttons()

    def _fill_diff(self) -> None:
        runs = self.checked_runs()
        self.diff.clear()
        self.diff.setRowCount(len(DIFF_KEYS))
        self.diff.setColumnCount(len(runs))
        for col, run in enumerate(runs):
            header = QTableWidgetItem(run.name)
            header.setToolTip(run.name)
            header.setData(Qt.UserRole, run.name)
            self.diff.setHorizontalHeaderItem(col, header)
        self.diff.setVerticalHeaderLabels([translate("runs_panel", k) for k, _ in DIFF_KEYS])
        self.differing: list[str] = []
        for row, (key, get) in enumerate(DIFF_KEYS):
            values = [get(r) for r in runs]
            differs = len({repr(v) for v in values}) > 1
            if differs:
                self.differing.append(key)
            for col, value in enumerate(values):
                cell = QTableWidgetItem(_show(value))
                if differs:
                    cell.setBackground(QColor("#fff1c2"))
                    cell.setToolTip(translate("runs_panel", "Differs between the ticked runs"))
                self.diff.setItem(row, col, cell)
        self.diff.resizeColumnsToContents()
        if 0 < len(runs) <= 3:  # a few runs share the width; more scroll sideways
            self.diff.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        else:
            self.diff.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self._fit_headers()
        self.diff_hint.setText(translate("runs_panel", "Settings of the ticked runs; the highlighted rows differ.") if runs else
                               translate("runs_panel", "Tick runs in the list to overlay their curves; differing settings are "
                                                "highlighted."))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self._fit_headers)  # after the table has taken its new width

    def showEvent(self, event) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._fit_headers)

    def _fit_headers(self, *_) -> None:
        """Whole run names in the comparison's headers: wrapped onto two lines where they fit, else cut in
        the middle (never at both ends); the tooltip always has the whole name."""
        header_view = self.diff.horizontalHeader()
        metrics = header_view.fontMetrics()
        for col in range(self.diff.columnCount()):
            item = self.diff.horizontalHeaderItem(col)
            if item is None or item.data(Qt.UserRole) is None:
                continue
            name, room = item.data(Qt.UserRole), header_view.sectionSize(col) - 10
            text = name if metrics.horizontalAdvance(name) <= room else None
            for width in range(len(name) - 1, 3, -1) if text is None else ():
                lines = textwrap.wrap(name, width, break_long_words=False)
                if len(lines) <= 2 and all(metrics.horizontalAdvance(line) <= room for line in lines):
                    text = "\n".join(lines)
                    break
            item.setText(text or metrics.elidedText(name, Qt.ElideMiddle, room))

    # ---------------------------------------------------------------- actions
    def _open_selected(self) -> None:
        run = self.selected()
        if self._openable(run):
            self.open_requested.emit(run)

    def _rename_selected(self) -> None:
        run = self.selected()
        if not isinstance(run, RunRecord):
            return
        name, ok = QInputDialog.getText(self, translate("runs_panel", "Rename run"), translate("runs_panel", "New name:"), text=run.name)
        if ok:
            self.rename(run.id, name)

    def rename(self, run_id: str, name: str) -> bool:
        try:
            self.store.rename(run_id, name)
        except (RunError, OSError) as e:
            self.message.emit(str(e), "error")
            return False
        self.reload()
        return True

    def _delete_selected(self) -> None:
        run = self.selected()
        if run is None:
            return
        answer = QMessageBox.question(self, translate("runs_panel", "Delete run?"),
                                      translate("runs_panel", "Delete the run “{name}” and its saved model from disk? This "
                                                "cannot be undone.").format(name=run.name))
        if answer == QMessageBox.Yes:
            self.delete(run.id)

    def delete(self, run_id: str) -> bool:
        try:
            self.store.delete(run_id)
        except (RunError, OSError) as e:
            self.message.emit(translate("runs_panel", "The run could not be deleted: {error}").format(error=e), "error")
            return False
        self.checked.discard(run_id)
        self.reload()
        return True

    def plot_png(self) -> bytes:
        buffer = QBuffer()
        buffer.open(QIODevice.WriteOnly)
        self.plot.grab().save(buffer, "PNG")
        return bytes(buffer.data())

    def _export_selected(self) -> None:
        run = self.selected()
        if not isinstance(run, RunRecord):
            return
        path = QFileDialog.getExistingDirectory(self, translate("runs_panel", "Export the run into a new folder"), str(Path.home()))
        if path:
            self.export_run(run, Path(path) / _safe(run.name))

    def export_run(self, run: RunRecord, destination: Path) -> Path | None:
        was = set(self.checked)
        self.checked = {run.id}
        self.redraw()
        png = self.plot_png()
        self.checked = was
        self.redraw()
        try:
            out = self.store.export(run, destination, png)
        except (RunError, OSError) as e:
            self.message.emit(translate("runs_panel", "The run could not be exported: {why}").format(why=e), "error")
            return None
        self.message.emit(translate("runs_panel", "Exported “{name}” to {folder} (open it with File ▸ Open model, "
                                                  "or `python main.py sample {folder}`).").format(name=run.name, folder=out),
                          "info")
        return out

    def _save_png(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, translate("runs_panel", "Save the loss plot"), str(Path.home() / "loss.png"),
                                              translate("runs_panel", "PNG (*.png)"))
        if path:
            self.save_png(Path(path))

    def save_png(self, path: Path) -> bool:
        try:
            Path(path).write_bytes(self.plot_png())
        except OSError as e:
            self.message.emit(translate("runs_panel", "The plot could not be saved to “{path}”: {why}").format(
                path=path, why=e.strerror or e), "error")
            return False
        return True

    def _save_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, translate("runs_panel", "Save the curves as CSV"), str(Path.home() / "loss.csv"),
                                              translate("runs_panel", "CSV (*.csv)"))
        if path:
            self.save_csv(Path(path))

    def save_csv(self, path: Path) -> bool:
        """The selected run's points; with several ticked, one file per run is written beside it."""
        runs = self.checked_runs() or ([self.selected()] if isinstance(self.selected(), RunRecord) else [])
        try:
            if len(runs) == 1:
                Path(path).write_text(runs[0].csv_text(), encoding="utf-8")
            else:
                for run in runs:
                    Path(path).with_name(f"{Path(path).stem}-{_safe(run.name)}.csv").write_text(run.csv_text(),
                                                                                               encoding="utf-8")
        except OSError as e:
            self.message.emit(translate("runs_panel", "The CSV could not be saved to “{path}”: {why}").format(
                path=path, why=e.strerror or e), "error")
            return False
        return bool(runs)


def _show(value) -> str:
    if isinstance(value, bool):
        return translate("runs_panel", "yes") if value else translate("runs_panel", "no")
    if isinstance(value, float):
        return significant(value, 2) if value < 0.01 else significant(value, 6)
    if isinstance(value, int) and value >= 10000:
        return format_count(value)
    return "" if value is None else str(value)


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name).strip("_") or "run"
