"""Words for an item or a count: accessible name, one-line description, tooltips. No Qt.

The description is the item's whole text (the tooltip and the details pane never cut it).
"""

from __future__ import annotations

import html

from db.dates import When
from db.errors import StoreError
from db.timeindex import KIND_EVENT
from viewer.timeline.scene import Mark
from viewer.timeline.state import ItemRef, TimelineState

#: Items of a count listed in its tooltip.
TIP_ITEMS = 8


def describe(state: TimelineState, ref: ItemRef) -> tuple[str, str]:
    """(accessible name, one-line description) of an item: kind, date, actor, text."""
    try:
        return _describe(state, ref)
    except StoreError as error:
        return ref.kind_name.capitalize(), f"cannot be read now: {error.reason}"


def _describe(state: TimelineState, ref: ItemRef) -> tuple[str, str]:
    store = state.store
    actor = store.actor(ref.actor)
    who = actor.name if actor else "Unattributed"
    if ref.kind == KIND_EVENT:
        event = store.event(ref.rid)
        if event is None:
            return "Event", ""
        return f"Event: {event.title}", f"{_date(event.when)} · {who} · {event.title}"
    statement = store.statement(ref.rid)
    if statement is None:
        return "Statement", ""
    speaker = store.actor(statement.actor_id)
    kind = "quoted" if statement.kind == "direct" else "reported"
    name = f"Statement by {speaker.name if speaker else who}"
    text = " ".join(statement.text.split())
    return name, f"{_date(statement.when)} · {name} ({kind}) · {text}"


def _date(when: When) -> str:
    precision = "" if when.precision in ("day", "minute", "second") else f" ({when.precision})"
    return when.label() + precision


def item_tip(state: TimelineState, ref: ItemRef, mark: Mark | None = None) -> str:
    """An item's tooltip (rich text): its name in bold, then date, speaker and whole text;
    for items stacked on one date, where it stands in its source's order."""
    name, text = describe(state, ref)
    tip = f"<b>{html.escape(name)}</b><br>{html.escape(text)}"
    for bracket in state.frame.brackets if mark is not None else ():
        if (bracket.lane, bracket.x) == (mark.lane, mark.x0) and (
            bracket.first_sub <= mark.sub <= bracket.last_sub
        ):
            place = mark.sub - bracket.first_sub + 1
            total = bracket.last_sub - bracket.first_sub + 1
            tip += (
                f"<p><i>{place} of {total} items of this lane with the same date, "
                "stacked in the order of their source (no time of day is known).</i></p>"
            )
    return tip


def count_tip(state: TimelineState, mark: Mark) -> str:
    """A count's tooltip: what it holds, and that it opens on click or Enter."""
    refs = [state.ref_of(int(row)) for row in mark.members[:TIP_ITEMS]]
    state.prefetch_labels((r.kind, r.rid) for r in refs)
    lines = "".join(f"<li>{html.escape(state.label(r.kind, r.rid)[:110])}</li>" for r in refs)
    more = f"<p>… and {mark.count - TIP_ITEMS:,} more</p>" if mark.count > TIP_ITEMS else ""
    return (
        f"<b>{mark.count:,} more items in this lane</b><ul>{lines}</ul>{more}"
        "Click or press Enter to open them: each gets a mark of its own."
    )
