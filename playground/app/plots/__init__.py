"""Plots and maps drawn with pyqtgraph or QPainter: loss curves, matrices, attention, probabilities."""
