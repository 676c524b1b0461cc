"""The detail pane: the selected item in full, as plain text made safe for display."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser, QWidget

from db.api import Store
from db.errors import StoreError
from db.wording import differences
from viewer.text import date_text, esc, link
from viewer.theme import RELATION_STYLE, STANCE_STYLE
from viewer.timeline.state import ItemRef


class DetailPane(QTextBrowser):
    """Shows one event or statement: text, date, actors, kind, topic, stance, source.

    Its links to other statements emit :attr:`statement_chosen` (the id); a relation's
    "remove" emits :attr:`unlink_asked` (from, to, kind); web links open in the browser."""

    statement_chosen = Signal(int)
    unlink_asked = Signal(int, int, str)
    link_asked = Signal(int)  # "Link to…" from this statement

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._clicked)
        self.setAccessibleName("Details")
        self.ref: ItemRef | None = None
        self.show_item(None, None)

    def show_item(self, store: Store | None, ref: ItemRef | None) -> None:
        """Show ``ref`` from ``store`` (None: a hint what to do)."""
        self.ref = ref
        if store is None or ref is None:
            self.setHtml(
                "<p style='color:gray'>Select an event or a statement on the timeline "
                "(click it, or use the arrow keys) to read it in full here.</p>"
            )
            return
        try:
            self.setHtml(item_html(store, ref))
        except StoreError as error:
            self.setHtml(f"<p>This item cannot be read now: {esc(error)}</p>")
        self.setAccessibleDescription(self.toPlainText()[:500])


    def _clicked(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)
            return
        if url.scheme() != "parley":
            return
        verb, *args = url.path().split("/")
        if verb == "statement" and args and args[0].isdigit():
            self.statement_chosen.emit(int(args[0]))
        elif verb == "unlink" and len(args) == 3 and args[0].isdigit() and args[1].isdigit():
            self.unlink_asked.emit(int(args[0]), int(args[1]), args[2])
        elif verb == "link" and args and args[0].isdigit():
            self.link_asked.emit(int(args[0]))


def _row(label: str, value: str) -> str:
    return f"<tr><td style='color:gray; padding-right:8px'>{label}</td><td>{value}</td></tr>"


def _source(store: Store, source) -> str:
    if source is None:
        return ""
    parts = [p for p in (source.outlet, source.published, source.title) if p]
    return _row("Source", link(source.url, " · ".join(parts) or "source"))


def item_html(store: Store, ref: ItemRef) -> str:
    """The HTML of an item's details; every value from the store is escaped."""
    if ref.kind_name == "event":
        event = store.event(ref.rid)
        if event is None:
            return "<p>This event can no longer be read.</p>"
        actors = ", ".join(
            esc(store.actor(a).name if store.actor(a) else a)
            + (f" ({esc(r)})" if r != "participant" else "")
            for a, r in event.actors
        )
        when = date_text(event.when) + (f" – {date_text(event.end)}" if event.end else "")
        rows = [_row("Event", ""), _row("Date", esc(when)), _row("Actors", actors)]
        if event.location:
            rows.append(_row("Where", esc(event.location)))
        rows.append(_source(store, event.source))
        said = store.statements_of_event(event.id)
        quotes = "".join(
            f"<li>{esc(store.actor(s.actor_id).name if store.actor(s.actor_id) else '')}: "
            f"{esc(s.summary or s.text)}</li>"
            for s in said
        )
        return (
            f"<h3>{esc(event.title)}</h3><table>{''.join(rows)}</table>"
            + (f"<p>{esc(event.description)}</p>" if event.description else "")
            + (f"<p><b>Statements at this event</b></p><ul>{quotes}</ul>" if quotes else "")
        )
    statement = store.statement(ref.rid)
    if statement is None:
        return "<p>This statement can no longer be read.</p>"
    speaker = store.actor(statement.actor_id)
    side = store.actor(speaker.side_id) if speaker else None
    who = esc(speaker.name if speaker else "unknown")
    if speaker and speaker.title:
        who += f", {esc(speaker.title)}"
    if side and speaker and side.id != speaker.id:
        who += f" ({esc(side.name)})"
    topic = store.topic(statement.topic_id)
    stance = STANCE_STYLE.get(statement.stance, STANCE_STYLE[None])[2]
    kind = "direct quotation" if statement.kind == "direct" else "reported speech"
    text = esc(statement.text)
    body = (
        f"<blockquote style='font-size:large'>“{text}”</blockquote>"
        if (statement.kind == "direct")
        else f"<p style='font-size:large'>{text}</p>"
    )
    event = store.event(statement.event_id) if statement.event_id else None
    rows = [
        _row("Said by", who),
        _row("Date", esc(date_text(statement.when))),
        _row("Kind", kind),
        _row("Topic", esc(topic.name if topic else "—")),
        _row("Stance", esc(stance)),
    ]
    if statement.summary:
        rows.append(_row("In short", esc(statement.summary)))
    if event:
        rows.append(_row("At", esc(event.title)))
    rows.append(_source(store, statement.source))
    return (
        f"<h3>{who}</h3>{body}<table>{''.join(rows)}</table>"
        + _appearances(store, statement)
        + _exchange(store, statement)
        + _variants(store, statement)
        + _in_context(store, statement)
    )


def _marked(base: str, wording: str) -> str:
    """``wording`` escaped, the words that differ from ``base`` underlined and tinted."""
    return "".join(
        f"<span style='background:#ffd6a5; color:#000; text-decoration:underline'>"
        f"{esc(part)}</span>" if changed else esc(part)
        for part, changed in differences(base, wording)
    )


def _appearances(store: Store, statement) -> str:
    """Every source that printed the statement: outlet, date, link, its own wording."""
    found = store.corroboration.appearances(statement.id)
    if len(found) < 2 and all(a.wording in (None, statement.text) for a in found):
        return ""
    items = []
    for appearance in found:
        source = appearance.source
        parts = [p for p in (source.outlet, source.published, source.title) if p] if source else []
        head = link(source.url if source else None, " · ".join(parts) or "source")
        wording = appearance.wording or ""
        same = wording == statement.text
        quoted = "" if same or not wording else f"<br>“{_marked(statement.text, wording)}”"
        note = " <span style='color:gray'>(the wording shown above)</span>" if same else ""
        items.append(f"<li>{head}{note}{quoted}</li>")
    return (
        f"<p style='margin-top:12px'><b>Printed by {len(found)} sources</b> "
        "<span style='color:gray'>(differences from the text above marked)</span></p>"
        f"<ul>{''.join(items)}</ul>"
    )


def _exchange(store: Store, statement) -> str:
    """"Answers" (what this statement responds to, rebuts, supports or contradicts) and
    "Answered by" (the other way), each a link that selects the other statement."""
    lists: dict[bool, list[str]] = {True: [], False: []}
    for relation in store.corroboration.relations(statement.id):
        other = store.statement(relation.other_id)
        if relation.kind == "variant_of" or other is None:
            continue
        speaker = store.actor(other.actor_id)
        words = " ".join(other.text.split())
        words = words if len(words) <= 90 else words[:89].rstrip() + "…"
        pair = (statement.id, other.id) if relation.outgoing else (other.id, statement.id)
        lists[relation.outgoing].append(
            f"<li><span style='color:{RELATION_STYLE[relation.kind][0]}'>"
            f"{esc(RELATION_STYLE[relation.kind][2])}</span> "
            f"<a href='parley:statement/{other.id}'>{esc(speaker.name if speaker else '?')}, "
            f"{esc(date_text(other.when))}: “{esc(words)}”</a>"
            + (f"<br><span style='color:gray'>{esc(relation.note)}</span>" if relation.note else "")
            + f" <a href='parley:unlink/{pair[0]}/{pair[1]}/{relation.kind}' "
            "style='color:gray'>remove</a></li>"
        )
    parts = [
        f"<p style='margin-top:12px'><b>{title}</b></p><ul>{''.join(lists[out])}</ul>"
        for out, title in ((True, "Answers"), (False, "Answered by"))
        if lists[out]
    ]
    parts.append(f"<p><a href='parley:link/{statement.id}'>Link to…</a> "
                 "<span style='color:gray'>(L follows a link, Shift+L goes back)</span></p>")
    return "".join(parts)


def _variants(store: Store, statement) -> str:
    """Other versions of the statement (``variant_of``), with what differs."""
    items = []
    for relation in store.corroboration.relations(statement.id):
        if relation.kind != "variant_of":
            continue
        other = store.statement(relation.other_id)
        if other is None:
            continue
        speaker = store.actor(other.actor_id)
        items.append(
            f"<li>{esc(speaker.name if speaker else 'unknown')}, "
            f"{esc(date_text(other.when))}: “{_marked(statement.text, other.text)}”"
            + (f" <span style='color:gray'>— {esc(relation.note)}</span>"
               if relation.note else "")
            + "</li>"
        )
    if not items:
        return ""
    return (
        "<p style='margin-top:12px'><b>Disputed: other versions</b></p>"
        f"<ul>{''.join(items)}</ul>"
    )


def _in_context(store: Store, statement) -> str:
    """The paragraph of the source the statement came from, the statement marked."""
    if statement.span is None or statement.source is None:
        return ""
    text = store.source_text(statement.source.id)
    a, b = statement.span
    if not isinstance(text, str) or not 0 <= a < b <= len(text):
        return ""
    start = text.rfind("\n", 0, a) + 1
    end = text.find("\n", b)
    end = len(text) if end < 0 else end
    start, end = max(start, a - 600), min(end, b + 600)
    return (
        "<p style='color:gray; margin-top:12px'>In the source</p>"
        f"<p>{esc(text[start:a])}<span style='background:#ffe08a; color:#000'>"
        f"{esc(text[a:b])}</span>{esc(text[b:end])}</p>"
    )
