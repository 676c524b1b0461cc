"""The timeline respects the system font size: bigger text gets taller lanes."""

from __future__ import annotations

from PySide6.QtGui import QFont


def test_a_bigger_font_makes_taller_lanes(window):
    window.canvas.repaint()
    before = [lane.height for lane in window.state.layout.lanes]
    font = QFont(window.canvas.font())
    font.setPointSizeF(font.pointSizeF() * 2.2)
    window.canvas.setFont(font)
    window.canvas.repaint()  # lanes take their stacked heights from the next frame
    after = [lane.height for lane in window.state.layout.lanes]
    assert all(b > a for a, b in zip(before, after, strict=True))
    assert window.canvas.fontMetrics().lineSpacing() < after[-1]
    assert not window.canvas.grab().isNull()
