"""Keyboard navigation: given the state and a key's intent, the next item or view. No Qt.

Lookups are built once per layout and filter, not per key press: each lane's items in
display order (time, then order in the source, then id) and (kind, rid) → index rows.
A key press reads arrays only; the one SQL query it may cost is describing the new
selection (done once, by the canvas).
"""

from __future__ import annotations

import numpy as np

from viewer.timeline.scale import DAY, PRESET_SPANS
from viewer.timeline.stack import LABEL_RESERVE
from viewer.timeline.state import ItemRef, TimelineState


class Navigator:
    """Answers "which item next?" for one state; rebuilt lookups follow its layout."""

    def __init__(self, state: TimelineState) -> None:
        self.state = state
        self._key: tuple | None = None
        self._lanes: dict[int, np.ndarray] = {}
        self._visible: np.ndarray | None = None
        self._keys: np.ndarray | None = None  # (rid·2 + kind) of every item, sorted
        self._order: np.ndarray | None = None

    def _fresh(self) -> None:
        key = (id(self.state.store.index), id(self.state.layout), id(self.state.keep))
        if key != self._key:
            self._key, self._lanes, self._visible = key, {}, None

    def lane_items(self, lane: int) -> np.ndarray:
        """Index rows of one lane's items in display order (filters applied)."""
        self._fresh()
        rows = self._lanes.get(lane)
        if rows is None:
            rows = self._display_order(self.state.lane_rows(lane))
            self._lanes[lane] = rows
        return rows

    def visible_items(self) -> np.ndarray:
        """Index rows of every item shown in some lane, in time order."""
        self._fresh()
        if self._visible is None:
            self._visible = self.state.visible_rows()
        return self._visible

    def _display_order(self, rows: np.ndarray) -> np.ndarray:
        index = self.state.store.index
        source = self.state.order_in_source(rows)
        return rows[np.lexsort((index.rid[rows], source, index.t0[rows]))]

    def item_row(self, ref: ItemRef) -> int | None:
        """The index row of an item in its own lane (else its first row)."""
        index = self.state.store.index
        if self._keys is None or len(self._keys) != len(index):
            keys = index.rid * 2 + index.kind
            self._order = np.argsort(keys, kind="stable")
            self._keys = keys[self._order]
        key = ref.rid * 2 + ref.kind
        a, b = np.searchsorted(self._keys, (key, key + 1))
        rows = self._order[a:b]
        if not len(rows):
            return None
        same = rows[index.actor[rows] == ref.actor]
        return int(same[0] if len(same) else rows[0])

    def anchor(self) -> float:
        """The time keys act around: the selection's start, else the view's centre."""
        scale = self.state.scale
        if self.state.selection is not None:
            row = self.item_row(self.state.selection)
            if row is not None:
                return float(self.state.store.index.t0[row])
        return scale.start + scale.span / 2

    def step(self, lane: int, direction: int, across: bool = False) -> int | None:
        """The next (+1) or previous (-1) item after the selection: in ``lane``, or in all."""
        rows = self.visible_items() if across else self.lane_items(lane)
        if not len(rows):
            return None
        current = self.state.selection
        row = self.item_row(current) if current is not None else None
        where = -1
        if row is not None and across:  # every item, in index order: ascending
            at = int(np.searchsorted(rows, row))
            where = at if at < len(rows) and rows[at] == row else -1
        elif row is not None:
            found = np.flatnonzero(rows == row)
            where = int(found[0]) if len(found) else -1
        if where >= 0:
            i = where + direction
        else:
            t0 = self.state.store.index.t0[rows]
            edge = self.state.scale.start if direction > 0 else self.state.scale.end
            i = int(np.searchsorted(t0, edge)) - (direction < 0)
        i = min(max(i, 0), len(rows) - 1)
        if across and current is not None:
            # An event is one row per lane: its other lanes' copies are not the next item.
            index = self.state.store.index
            while 0 <= i < len(rows) and (
                int(index.kind[rows[i]]) == current.kind and int(index.rid[rows[i]]) == current.rid
            ):
                i += direction
            if not 0 <= i < len(rows):
                return None
        return int(rows[i])

    def edge(self, lane: int, last: bool) -> int | None:
        """The first or last item of a lane."""
        rows = self.lane_items(lane)
        return int(rows[-1] if last else rows[0]) if len(rows) else None

    def nearest(self, lane: int) -> int | None:
        """The item of ``lane`` nearest in time to the anchor (moving between lanes)."""
        rows = self.lane_items(lane)
        if not len(rows):
            return None
        center = self.anchor()
        t0 = self.state.store.index.t0[rows]
        return int(rows[int(np.argmin(np.abs(t0 - center)))])

    def show_item(self, row: int) -> None:
        """Pan (zooming out only if it is wider than the view) so the whole item, its
        glyph and the start of its label, is on screen."""
        index = self.state.store.index
        scale = self.state.scale
        t0, t1 = float(index.t0[row]), float(index.t1[row])
        spp = scale.seconds_per_px
        if t1 - t0 > scale.span * 0.9:
            pad = (t1 - t0) * 0.05
            scale.set_range(t0 - pad, t1 + pad)
            return
        label = min(LABEL_RESERVE * spp, scale.span * 0.9 - (t1 - t0))
        scale.ensure_visible(t0, t1 + max(label, 0.0))

    def preset_center(self, span: float = DAY) -> float:
        """Where Y, M, W and D centre: the selection; else the view's centre when it is
        close already and shows items; else the busiest stretch in view (of the store,
        when the view holds none): never an empty stretch."""
        if self.state.selection is not None and self.item_row(self.state.selection) is not None:
            return self.anchor()
        scale = self.state.scale
        if scale.span <= 3 * span and self.state.frame.visible:
            return scale.start + scale.span / 2
        t0 = self.state.store.index.t0
        a, b = np.searchsorted(t0, (int(scale.start), int(scale.end)))
        return busiest_middle(t0[a:b] if b > a else t0, span)

    def go_to(self, t0: float, t1: float, lane: int) -> int | None:
        """Show a date's span (three times as wide, centred); return the item nearest to
        its middle (in ``lane`` first) when it starts in view."""
        span = max(t1 - t0, 3600) * 3
        middle = (t0 + t1) / 2
        scale = self.state.scale
        scale.set_range(middle - span / 2, middle + span / 2)
        rows = self.state.visible_rows()
        if not len(rows):
            return None
        index = self.state.store.index
        distance = np.abs((index.t0[rows] + index.t1[rows]) / 2 - middle)
        elsewhere = self.state.layout.item_lanes(index.actor)[rows] != lane
        best = int(rows[np.lexsort((elsewhere, distance))[0]])
        return best if scale.start <= index.t0[best] <= scale.end else None

    def zoom_to_items(self, rows: np.ndarray) -> None:
        """Show these items' extent (at least twice closer than now: each step opens)."""
        index = self.state.store.index
        scale = self.state.scale
        t0, t1 = float(index.t0[rows].min()), float(index.t1[rows].max())
        span = min(max(t1 - t0, 600.0) * 1.25, scale.span / 2)
        middle = (t0 + t1) / 2
        scale.set_range(middle - span / 2, middle + span / 2)

    def preset(self, name: str) -> None:
        """Show one year, month, week or day around :meth:`preset_center`."""
        span = PRESET_SPANS[name]
        center = self.preset_center(span)
        self.state.scale.set_range(center - span / 2, center + span / 2)


def busiest_middle(t0: np.ndarray, width: float) -> float:
    """The middle of the ``width`` seconds holding most items (``t0`` sorted)."""
    if not len(t0):
        return 0.0
    ends = np.searchsorted(t0, t0 + int(width), side="left")
    first = int(np.argmax(ends - np.arange(len(t0))))
    return (float(t0[first]) + float(t0[ends[first] - 1])) / 2
