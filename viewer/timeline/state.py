"""The timeline's state: store, visible range, lanes, filters, selection, current frame.

Shared by the canvas on screen and by export, so both draw the same thing. No widgets.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from db.api import Store
from db.errors import StoreError
from db.timeindex import KIND_EVENT, KIND_STATEMENT
from viewer.palette import side_slots
from viewer.timeline.arrows import Links
from viewer.timeline.counts import start_counts
from viewer.timeline.labels import LABEL_CHARS, whole_label
from viewer.timeline.lanes import LANE_HEIGHT, LaneLayout
from viewer.timeline.scale import DAY, TimeScale
from viewer.timeline.scene import Frame, Stacking, compose

KIND_NAMES = {KIND_EVENT: "event", KIND_STATEMENT: "statement"}


@dataclass(frozen=True, slots=True)
class ItemRef:
    """One item in one lane: ``kind`` is KIND_EVENT or KIND_STATEMENT."""

    kind: int
    rid: int
    actor: int

    @property
    def kind_name(self) -> str:
        return KIND_NAMES[self.kind]


class TimelineState:
    """What the timeline shows; call :meth:`update_frame` after changing the view."""

    def __init__(self, store: Store, width: float = 1000.0) -> None:
        self.store = store
        self.scale = TimeScale(width=width)
        self.lane_height = LANE_HEIGHT  # grows with the system font (see the canvas)
        self.collapsed: set[int] = set()
        self.hidden: set[int] = set()
        self.kinds: set[int] = {KIND_EVENT, KIND_STATEMENT}
        self.topics: set[int] | None = None  # None: every topic
        self.several_sources = False  # only statements printed by more than one source
        self.disputed = False  # only statements with a variant_of link
        self.selection: ItemRef | None = None
        self.matches: set[tuple[int, int]] = set()
        self.open_stacks: set[int] = set()  # actor ids whose lane shows every sub-row
        self.reserve: float | None = None  # label room per mark (None: the default)
        self.cap: int | None = None  # sub-rows per lane (None: from the zoom)
        self._labels: dict[tuple[int, int], str] = {}
        self._source_order: dict[int, int] = {}
        self._links: tuple[object, Links] | None = None
        self._frame: Frame | None = None
        self._frame_key: tuple | None = None
        self.reset_store(store)

    # -- store and layout ----------------------------------------------------------------

    def reset_store(self, store: Store) -> None:
        """Show ``store`` (also after it was reloaded), keeping the view where possible."""
        self.store = store
        self._labels.clear()
        self._source_order.clear()
        self.counts = start_counts(store.index).actor_counts()  # the first frame's counts
        self.side_order = side_slots(store.sides())  # palette slots, stable across imports
        self.relayout()
        self.update_mask()
        if self._frame_key is None:
            self.show_busiest()

    def relayout(self) -> None:
        """Rebuild the lanes after collapsing, hiding or a new store."""
        self.layout = LaneLayout(
            self.store.actors(),
            self.counts,
            self.collapsed,
            self.hidden,
            # Events without actors, and items of actors the store does not know.
            unattributed=[a for a in self.counts if self.store.actor(a) is None],
            lane_height=self.lane_height,
        )
        self._invalidate()

    def update_mask(self) -> None:
        """Recompute the filter mask over the index (item kinds and topics)."""
        index = self.store.index
        plain = not (self.several_sources or self.disputed)
        if self.kinds == {KIND_EVENT, KIND_STATEMENT} and self.topics is None and plain:
            self.keep = None
        else:
            keep = np.isin(index.kind, list(self.kinds))
            if self.topics is not None:
                keep &= (index.kind == KIND_EVENT) | np.isin(index.topic, list(self.topics))
            marks = self.store.corroboration.marks()
            if self.several_sources:
                keep &= marks.sources > 1
            if self.disputed:
                keep &= marks.variant
            self.keep = keep
        self._invalidate()

    def _invalidate(self) -> None:
        self._frame_key = None if self._frame_key is None else ()

    # -- view --------------------------------------------------------------------------

    def fit(self) -> None:
        """Show the whole store (with a margin), or a day around today when empty."""
        extent = self.store.extent()
        if extent is None:
            self.scale.set_range(0, DAY)
        else:
            start, end = extent
            margin = max((end - start) * 0.04, 3600)
            self.scale.set_range(start - margin, end + margin)
        self._frame_key = ()

    def show_busiest(self) -> None:
        """The first view of a store: the shortest stretch of time holding three quarters
        of its items, so a few old background events do not shrink the news to a sliver."""
        t0 = self.store.index.t0  # sorted
        n = len(t0)
        if n < 10:
            self.fit()
            return
        k = int(np.ceil(n * 0.75))
        widths = t0[k - 1 :] - t0[: n - k + 1]
        first = int(np.argmin(widths))
        low, high = float(t0[first]), float(t0[first + k - 1])
        high = max(high, low) + DAY  # the last item's day is shown whole
        margin = max((high - low) * 0.08, 3 * 3600)
        self.scale.set_range(low - margin, high + margin)
        self._frame_key = ()

    def set_width(self, width: float) -> None:
        """The pixel width of the time area (keeps the visible start and span)."""
        self.scale.width = max(width, 10.0)

    @property
    def frame(self) -> Frame:
        """The current frame, recomputed only when the view or filters changed: the lanes
        grow to hold its sub-rows (labels are fetched where marks are painted, see
        :meth:`labels_of`)."""
        s = self.scale
        key = (s.start, s.span, s.width, id(self.layout), id(self.keep),
               frozenset(self.open_stacks), self.reserve, self.cap)
        if self._frame is None or key != self._frame_key:
            stacking = Stacking(
                open_lanes=frozenset(self.layout.row_of_actor(a) for a in self.open_stacks),
                source_order=self.order_in_source,
                cap=self.cap,
            )
            if self.reserve is not None:
                stacking.reserve = self.reserve
            frame = compose(self.store.index, s, self.layout, self.keep, stacking)
            depths = frame.depths
            self.layout.set_depths(
                depths if depths is not None else np.ones(len(self.layout.lanes), np.int64)
            )
            self._frame, self._frame_key = frame, key
        return self._frame

    def order_in_source(self, items: np.ndarray) -> np.ndarray:
        """Per item, its order in its source (statements read from one), else 0; kept per
        statement, so a frame asks the store only about the ones it has not seen."""
        index = self.store.index
        statements = index.kind[items] == KIND_STATEMENT
        rids = index.rid[items[statements]].tolist()
        missing = sorted(set(rids).difference(self._source_order))
        if missing:
            if len(self._source_order) > 200_000:
                self._source_order.clear()
            try:
                found = self.store.source_order(missing)
            except StoreError:
                found = {}
            self._source_order.update((rid, found.get(rid, 0)) for rid in missing)
        orders = np.zeros(len(items), dtype=np.int64)
        get = self._source_order.get
        orders[statements] = np.fromiter((get(rid, 0) for rid in rids), np.int64, len(rids))
        return orders

    def open_stack(self, actor_id: int) -> None:
        """Show every sub-row of an actor's lane (a capped stack's count was opened)."""
        self.open_stacks.add(actor_id)

    # -- items -------------------------------------------------------------------------

    @property
    def links(self) -> Links:
        """The store's relations as index rows, read once per index."""
        index = self.store.index
        if self._links is None or self._links[0] is not index:
            self._links = (index, Links.of_rows(self.store.corroboration.relation_rows()))
        return self._links[1]

    def ref_of(self, row: int) -> ItemRef:
        """The item at index row ``row``."""
        index = self.store.index
        return ItemRef(int(index.kind[row]), int(index.rid[row]), int(index.actor[row]))

    def rows_of(self, ref: ItemRef) -> np.ndarray:
        """Index rows of an item (one per lane it is shown in)."""
        return self.store.index.find(ref.kind, ref.rid)

    def row_of(self, ref: ItemRef) -> int | None:
        """The index row of an item in its own lane."""
        rows = self.rows_of(ref)
        if not len(rows):
            return None
        same = rows[self.store.index.actor[rows] == ref.actor]
        return int(same[0] if len(same) else rows[0])

    def label(self, kind: int, rid: int) -> str:
        """An item's label, up to LABEL_CHARS, cut at a word with "…" inside its quotation
        marks where longer (cached; fetched in batches when the frame changes)."""
        key = (kind, rid)
        if key not in self._labels:
            self.prefetch_labels([key])
        return self._labels.get(key, "")

    def labels_of(self, items: np.ndarray) -> list[str]:
        """The labels (see :meth:`label`) of the items at index rows ``items``: those not
        seen yet are fetched together (a painted strip of the frame asks once)."""
        index = self.store.index
        keys = list(zip(index.kind[items].tolist(), index.rid[items].tolist(), strict=True))
        self.prefetch_labels(keys)
        get = self._labels.get
        return [get(key, "") for key in keys]

    def prefetch_labels(self, keys) -> None:
        """Fetch labels for many (kind, rid) pairs in two queries."""
        missing = [k for k in keys if k not in self._labels]
        if not missing:
            return
        if len(self._labels) > 50000:
            self._labels.clear()
        for kind, name in KIND_NAMES.items():
            ids = [rid for k, rid in missing if k == kind]
            if ids:
                try:
                    found = self.store.labels(name, ids, LABEL_CHARS + 1)
                except StoreError:
                    return  # the file changed under us: draw without these labels
                for rid, text in found.items():
                    self._labels[(kind, rid)] = whole_label(text, LABEL_CHARS)

    def lane_rows(self, lane_row: int) -> np.ndarray:
        """Index rows of the items shown in one lane, in time order (filters applied)."""
        index = self.store.index
        mask = self.layout.item_lanes(index.actor) == lane_row
        if self.keep is not None:
            mask &= self.keep
        return np.flatnonzero(mask)

    def visible_rows(self) -> np.ndarray:
        """Index rows of every item shown in some lane (filters applied), in time order."""
        index = self.store.index
        mask = self.layout.item_lanes(index.actor) >= 0
        if self.keep is not None:
            mask &= self.keep
        return np.flatnonzero(mask)
