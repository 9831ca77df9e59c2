"""The model as a clickable block diagram, drawn from its config in the order data flows."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...core.analysis.explain import PIECES, DiagramNode, architecture
from ...core.model.config import GPTConfig
from ...core.words import QT_TRANSLATE_NOOP, translate
from ..widgets.theme import ACCENT

NODE_H, CHIP_H, GAP, MARGIN, BLOCK_PAD = 30, 22, 14, 14, 12
CHIP_LABELS = {"q": "Q", "k": "K", "v": "V", "scores": "QKᵀ/√d", "mask": QT_TRANSLATE_NOOP("architecture_diagram", "mask"), "weights": "softmax",
               "heads_out": "·V", "concat": "concat", "attn_out": "W_O"}  # symbols, the same in every language
CHIP_ROWS = (("q", "k", "v", "scores", "mask"), ("weights", "heads_out", "concat", "attn_out"))
FILL = {"tok_emb": "#ede7fb", "pos_emb": "#ede7fb", "embedded": "#ede7fb", "weights": "#e3ecfb",
        "ffn_hidden": "#fdebd3", "logits": "#e2f4e8", "probs": "#e2f4e8", "residual_norms": "#f1f3f6"}


class ArchitectureDiagram(QWidget):
    piece_selected = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("architecture_diagram")
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
        self.config: GPTConfig | None = None
        self.nodes: list[DiagramNode] = []
        self.selected = "weights"
        self._hit: list[tuple[QRectF, str]] = []   # clickable rectangles, chips before their node
        self._chips: list[tuple[QRectF, str]] = []  # the attention chips alone, for painting
        self._boxes: list[tuple[QRectF, DiagramNode]] = []
        self._block_rect = QRectF()

    def set_config(self, config: GPTConfig) -> None:
        self.config = config
        self.nodes = architecture(config)
        self._layout()
        self.updateGeometry()
        self.update()

    def select(self, key: str) -> None:
        self.selected = key
        self.update()

    def keys(self) -> list[str]:
        return [key for _, key in self._hit]

    def sizeHint(self) -> QSize:
        return QSize(320, int(self._height()))

    def minimumSizeHint(self) -> QSize:
        return QSize(260, int(self._height()))

    def _node_height(self, node: DiagramNode) -> float:
        return NODE_H + (len(CHIP_ROWS) * (CHIP_H + 4) + 4 if node.parts else 0)

    def _height(self) -> float:
        if not self.nodes:
            return 200
        inside = sum(1 for n in self.nodes if n.in_block)
        return (MARGIN * 2 + sum(self._node_height(n) for n in self.nodes) + GAP * (len(self.nodes) - 1)
                + GAP * sum(1 for n in self.nodes if n.measurement)
                + (2 * BLOCK_PAD + 18 if inside else 0))

    def _layout(self) -> None:
        self._hit, self._boxes, self._chips = [], [], []
        width = max(self.width(), 260)
        x0, x1 = MARGIN + 4, width - MARGIN - 4
        y = MARGIN
        block_top = block_bottom = None
        for node in self.nodes:
            if node.in_block and block_top is None:
                block_top = y
                y += BLOCK_PAD + 18
            if not node.in_block and block_top is not None and block_bottom is None:
                block_bottom = y - GAP + BLOCK_PAD
                y += 2 * BLOCK_PAD - GAP + GAP
            if node.measurement:  # set apart from the path: a reading, not a step
                y += GAP
            inset = BLOCK_PAD if node.in_block else 0
            rect = QRectF(x0 + inset, y, x1 - x0 - 2 * inset, self._node_height(node))
            self._boxes.append((rect, node))
            chip_y = rect.top() + NODE_H
            for row in CHIP_ROWS if node.parts else ():
                chip_w = (rect.width() - 8 - 4 * (len(row) - 1)) / len(row)
                for i, part in enumerate(row):
                    chip = QRectF(rect.left() + 4 + i * (chip_w + 4), chip_y, chip_w, CHIP_H)
                    self._chips.append((chip, part))
                    self._hit.append((chip, part))
                chip_y += CHIP_H + 4
            if node.key:
                self._hit.append((rect, node.key))
            y += rect.height() + GAP
        self._block_rect = QRectF(x0 - 4, block_top, x1 - x0 + 8, block_bottom - block_top) \
            if block_top is not None and block_bottom is not None else QRectF()
        self.setFixedHeight(int(self._height()))

    def resizeEvent(self, event) -> None:
        self._layout()
        super().resizeEvent(event)

    def paintEvent(self, _event) -> None:
        if not self.nodes:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        if not self._block_rect.isNull():
            p.setPen(QPen(QColor("#9aa6b8"), 1.2, Qt.DashLine))
            p.setBrush(QColor("#f7f9fc"))
            p.drawRoundedRect(self._block_rect, 10, 10)
            p.setPen(QColor("#1a365d"))
            font = QFont(self.font())
            font.setBold(True)
            p.setFont(font)
            title = translate("architecture_diagram", "Decoder block × {n}").format(n=self.config.n_layer)
            title_box = self._block_rect.adjusted(10, 4, -10, 0)
            p.drawText(title_box, Qt.AlignTop | Qt.AlignLeft, title)
            used = p.fontMetrics().horizontalAdvance(title) + 12
            p.setFont(self.font())
            p.setPen(QColor("#66707f"))
            norm = translate("architecture_diagram", "pre-norm (GPT-2)") if self.config.norm_placement == "pre" \
                else translate("architecture_diagram", "post-norm (2017)")
            # a long title (another language, a narrow pane) leaves the note what room is left, elided
            room = int(title_box.width() - used)
            if room > 30:
                p.drawText(title_box, Qt.AlignTop | Qt.AlignRight,
                           p.fontMetrics().elidedText(norm, Qt.ElideRight, room))
        # arrows between consecutive boxes: the data's path
        p.setPen(QPen(QColor("#8a94a6"), 1.4))
        p.setBrush(QColor("#8a94a6"))
        path = [rect for rect, node in self._boxes if not node.measurement]
        for a, b in zip(path, path[1:]):
            x = a.center().x()
            p.drawLine(QPointF(x, a.bottom()), QPointF(x, b.top() - 5))
            p.drawPolygon(QPolygonF([QPointF(x - 4, b.top() - 7), QPointF(x + 4, b.top() - 7), QPointF(x, b.top() - 1)]))
        for rect, node in self._boxes:
            selected = node.key == self.selected
            clickable = node.key is not None
            p.setPen(QPen(QColor(ACCENT) if selected else QColor("#b7c0cf"), 2.2 if selected else 1,
                          Qt.DashLine if node.measurement else Qt.SolidLine))
            p.setBrush(QColor(FILL.get(node.key, "#f4f6f9") if clickable else "#ffffff"))
            path = QPainterPath()
            path.addRoundedRect(rect, 7, 7)
            p.drawPath(path)
            p.setPen(QColor("#1f2937") if clickable else QColor("#66707f"))
            p.drawText(QRectF(rect.left() + 8, rect.top(), rect.width() - 16, NODE_H),
                       Qt.AlignVCenter | Qt.AlignHCenter | Qt.TextSingleLine,
                       p.fontMetrics().elidedText(node.label, Qt.ElideRight, int(rect.width() - 16)))
        for rect, key in self._chips:
            selected = key == self.selected
            p.setPen(QPen(QColor(ACCENT), 1.8) if selected else QPen(QColor("#9fb3d9"), 1))
            p.setBrush(QColor(ACCENT) if selected else QColor("white"))
            p.drawRoundedRect(rect, 5, 5)
            p.setPen(QColor("white") if selected else QColor("#1a365d"))
            label = translate("architecture_diagram", CHIP_LABELS[key])
            chip_font = QFont(self.font())
            while p.fontMetrics().horizontalAdvance(label) > rect.width() - 4 and chip_font.pointSizeF() > 6.5:
                chip_font.setPointSizeF(chip_font.pointSizeF() - 0.5)  # a longer word in another language
                p.setFont(chip_font)
            p.drawText(rect, Qt.AlignCenter, label)
            p.setFont(self.font())
        p.end()

    def key_at(self, pos: QPointF) -> str | None:
        for rect, key in self._hit:
            if rect.contains(pos):
                return key
        return None

    def mousePressEvent(self, event) -> None:
        key = self.key_at(event.position())
        if key:
            self.select(key)
            self.piece_selected.emit(key)

    def mouseMoveEvent(self, event) -> None:
        key = self.key_at(event.position())
        self.setCursor(Qt.PointingHandCursor if key else Qt.ArrowCursor)
        # the tooltip says what the piece is before the user clicks it
        self.setToolTip(f"<b>{PIECES[key].title}</b><br>{PIECES[key].explanation}<br><i>"
                        + translate("architecture_diagram", "Click to see its live tensor.") + "</i>" if key else "")

    def rect_of(self, key: str) -> QRectF:
        return next(rect for rect, k in self._hit if k == key)
