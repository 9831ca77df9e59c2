"""The app's read-only tables: chosen by whole rows, never edited, named for screen readers."""
from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QTableWidget


def row_table(object_name: str, accessible_name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(object_name)
    table.setAccessibleName(accessible_name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    return table
