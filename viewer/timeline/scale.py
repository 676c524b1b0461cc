"""The visible time range and its mapping to pixels. No Qt: one transform, nothing per item."""

from __future__ import annotations

from dataclasses import dataclass

from db.dates import END_SECOND, FIRST_SECOND

MIN_SPAN = 10 * 60.0  # ten minutes across the canvas
MAX_SPAN = 20000 * 365.25 * 86400.0
# Years 1 and 9999 are the ends of what dates can say.
LOWEST = float(FIRST_SECOND)
HIGHEST = float(END_SECOND)

DAY = 86400.0
PRESET_SPANS = {"year": 365.25 * DAY, "month": 30.44 * DAY, "week": 7 * DAY, "day": DAY}


@dataclass
class TimeScale:
    """Seconds since 1970 across ``width`` pixels, starting at ``start``."""

    start: float = 0.0
    span: float = DAY
    width: float = 1000.0

    @property
    def end(self) -> float:
        return self.start + self.span

    @property
    def seconds_per_px(self) -> float:
        return self.span / max(self.width, 1.0)

    def x_of(self, t: float) -> float:
        """Pixel offset of time ``t`` from the left of the time area."""
        return (t - self.start) / self.seconds_per_px

    def t_of(self, x: float) -> float:
        """Time at pixel offset ``x``."""
        return self.start + x * self.seconds_per_px

    def set_range(self, start: float, end: float) -> None:
        """Show ``[start, end)``, within the span limits."""
        span = min(max(end - start, MIN_SPAN), MAX_SPAN)
        middle = (start + end) / 2
        self.start, self.span = middle - span / 2, span
        self._clamp()

    def zoom(self, factor: float, around: float | None = None) -> None:
        """Zoom by ``factor`` (>1 zooms in) keeping time ``around`` at the same pixel."""
        around = self.start + self.span / 2 if around is None else around
        fraction = (around - self.start) / self.span
        span = min(max(self.span / factor, MIN_SPAN), MAX_SPAN)
        self.start, self.span = around - fraction * span, span
        self._clamp()

    def pan_px(self, dx: float) -> None:
        """Move the view by ``dx`` pixels (positive shows later times)."""
        self.start += dx * self.seconds_per_px
        self._clamp()

    def center_on(self, t: float) -> None:
        """Put time ``t`` in the middle, keeping the span."""
        self.start = t - self.span / 2
        self._clamp()

    def ensure_visible(self, t0: float, t1: float, margin_px: float = 40.0) -> None:
        """Pan (not zoom) the least needed so that ``[t0, t1]`` is on screen."""
        margin = margin_px * self.seconds_per_px
        if t0 - margin < self.start:
            self.start = t0 - margin
        elif t1 + margin > self.end:
            self.start = min(t0 - margin, t1 + margin - self.span)
        self._clamp()

    def _clamp(self) -> None:
        self.start = min(max(self.start, LOWEST), HIGHEST - self.span)
