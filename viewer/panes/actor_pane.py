"""Actor panes: one actor's positions by topic over time.

Everything taken from the store is escaped before it becomes HTML (see viewer.text), so a
quotation containing ``<b>`` shows those characters.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from db import errors
from db.api import Store
from db.dates import When
from db.model import Actor, Position, Statement
from db.positions import positions_of
from db.timeindex import KIND_STATEMENT
from viewer.panes.as_of import AsOfBar
from viewer.text import date_text, esc, link
from viewer.theme import STANCE_STYLE, Theme, system_theme
from viewer.timeline.state import ItemRef

#: Beyond these, the pane shows the latest (rendering is the cost, not the query).
MAX_STATEMENTS = 400
MAX_HISTORY = 40

#: A text symbol per stance, the same shapes as the timeline's glyphs.
STANCE_SYMBOLS = {
    "supports": "▲",
    "opposes": "▼",
    "conditional": "■",
    "skeptical": "○",
    "neutral": "•",
    None: "–",
}


def stance_word(stance: str | None) -> str:
    """The word for a stance (``no stance`` when there is none)."""
    return STANCE_STYLE.get(stance, STANCE_STYLE[None])[2]


def stance_symbol(stance: str | None) -> str:
    """The shape of a stance as a text symbol (▲ ▼ ■ ○ •)."""
    return STANCE_SYMBOLS.get(stance, STANCE_SYMBOLS[None])


def stance_html(stance: str | None, theme: Theme, bold: bool = True) -> str:
    """A stance as its coloured symbol followed by its word."""
    color = theme.stance_color(stance).name()
    word = esc(stance_word(stance))
    word = f"<b>{word}</b>" if bold else word
    return f"<span style='color:{color}'>{stance_symbol(stance)}</span>&nbsp;{word}"


def when_text(when: When | None) -> str:
    """``latest`` or the date as people read it."""
    return "latest" if when is None else date_text(when)


class ActorPane(QWidget):
    """One actor: who they are, their positions by topic over time, everything they said.

    For a side, the statements of the actors under it count too, marked with who spoke.
    ``statement_chosen`` carries the id of a statement the reader activated.
    """

    statement_chosen = Signal(int)

    def __init__(self, store: Store, actor_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.actor_id = actor_id
        self.main_window = parent
        self.as_of: When | None = None
        self.highlighted: int | None = None
        self._own_choice: int | None = None
        self._anchors: dict[str, list[int]] = {}
        self._shown: set[int] = set()
        actor = store.actor(actor_id)
        name = actor.name if actor else f"actor {actor_id}"
        self.setAccessibleName(f"Positions of {name}")

        self.as_of_bar = AsOfBar(self, parent, "Positions")
        self.as_of_bar.chosen.connect(self.set_as_of)
        bar = self.as_of_bar
        self.date_edit, self.message = bar.date_edit, bar.message
        self.latest_button, self.timeline_button = bar.latest_button, bar.timeline_button
        self.apply_date_text, self.use_timeline_date = bar.apply_date_text, bar.use_timeline_date

        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName(f"{name}: positions and statements")
        self.browser.anchorClicked.connect(self._anchor_clicked)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.as_of_bar)
        layout.addWidget(self.browser, 1)
        self.setFocusProxy(self.browser)
        opened = getattr(parent, "store_opened", None)
        if opened is not None:
            opened.connect(self.set_store)
        self.render()

    # -- data ------------------------------------------------------------------------------

    def set_store(self, store: Store) -> None:
        """Show the same actor from a (re)loaded store."""
        self.store = store
        self.render()

    def set_as_of(self, when: When | None) -> None:
        """Show positions as they stood at the end of ``when`` (None: the latest)."""
        self.as_of = when
        self.as_of_bar.show_date(when)
        self.render()

    # -- showing ---------------------------------------------------------------------------

    def render(self) -> None:
        """Build the pane's text again (keeps the scroll position and the highlight)."""
        bar = self.browser.verticalScrollBar()
        scroll = bar.value()
        try:
            body = self._html()
        except (errors.ParleyError, sqlite3.Error) as error:
            body = f"<p>This actor cannot be read now: {esc(error)}</p>"
            self._shown = set()
        self.browser.setHtml(body)
        self._anchors = _anchor_positions(self.browser.document())
        bar.setValue(scroll)
        self._mark()

    def _html(self) -> str:
        store = self.store
        actor = store.actor(self.actor_id)
        if actor is None:
            self._shown = set()
            return "<p>This actor is no longer in the store.</p>"
        theme = system_theme(self.palette())
        positions = positions_of(store, self.actor_id, self.as_of)
        statements = store.statements_by(store.descendants(self.actor_id))
        total = len(statements)
        parts = [self._header_html(actor, total)]
        parts.append(
            f"<h3>Positions by topic <small>(as of {esc(when_text(self.as_of))})</small></h3>"
        )
        if not positions:
            parts.append(
                "<p><i>No statements by then.</i></p>"
                if self.as_of is not None
                else "<p><i>No statements in this store.</i></p>"
            )
        for position in positions:
            parts.append(self._position_html(position, theme))
        parts.append("<h3>All statements <small>(in time order)</small></h3>")
        if not statements:
            parts.append("<p><i>None.</i></p>")
        if total > MAX_STATEMENTS:
            if self.as_of is not None:
                statements = [s for s in statements if s.when.start < self.as_of.end]
            statements = statements[-MAX_STATEMENTS:]
            parts.append(
                f"<p style='color:gray'>The {len(statements)} latest of {total} statements"
                f"{' by the as-of date' if self.as_of else ''}; set an earlier “As of” date "
                "to read older ones.</p>"
            )
        self._shown = {s.id for s in statements}
        for statement in statements:
            parts.append(self._statement_html(statement, theme))
        return "".join(parts)

    def _header_html(self, actor: Actor, count: int) -> str:
        store = self.store
        facts = [esc(actor.kind)]
        if not actor.is_side:
            side = store.actor(actor.side_id)
            if side is not None:
                facts.append("side: " + _actor_link(side))
            parent = store.actor(actor.parent_id) if actor.parent_id is not None else None
            if parent is not None and side is not None and parent.id != side.id:
                facts.append("under " + _actor_link(parent))
        lines = [
            f"<p style='font-size:x-large; font-weight:bold; margin-bottom:2px'>"
            f"{esc(actor.name)}</p>",
            f"<p style='margin-top:0'>{' · '.join(facts)}</p>",
        ]
        if actor.title:
            lines.append(f"<p><i>{esc(actor.title)}</i></p>")
        if actor.aliases:
            lines.append(f"<p>Also called: {esc(', '.join(actor.aliases))}</p>")
        if actor.is_side:
            members = store.members(actor.id)
            if members:
                names = ", ".join(_actor_link(m) for m in members)
                lines.append(f"<p>Speaking for it: {names}</p>")
        lines.append(f"<p style='color:gray'>{count} statement{'s' * (count != 1)}</p>")
        return "".join(lines)

    def _speaker(self, statement: Statement) -> str:
        """The speaker's name when someone other than the pane's actor spoke, else ''."""
        if statement.actor_id == self.actor_id:
            return ""
        speaker = self.store.actor(statement.actor_id)
        return speaker.name if speaker else f"actor {statement.actor_id}"

    def _position_html(self, position: Position, theme: Theme) -> str:
        topic = esc(position.topic.name) if position.topic else "<i>No topic</i>"
        current = position.current
        parts = [f"<p style='margin-top:10px; margin-bottom:2px'><b>{topic}</b></p>"]
        if current is not None:
            speaker = self._speaker(current)
            by = f" · by {esc(speaker)}" if speaker else ""
            parts.append(
                f"<p style='margin-top:0; margin-bottom:2px; margin-left:8px'>"
                f"<span style='font-size:large'>{stance_html(current.stance, theme)}</span>"
                f" · {_statement_link(current, 'p')}{by}</p>"
            )
            if current.summary:
                parts.append(
                    f"<p style='margin-top:0; margin-left:8px; color:gray'>"
                    f"{esc(current.summary)}</p>"
                )
        if len(position.statements) > 1:
            parts.append(
                "<p style='margin-top:4px; margin-bottom:0; margin-left:8px; color:gray'>"
                "History:</p>"
            )
            previous: str | None = None
            changes = set(position.changes)
            first = max(0, len(position.statements) - MAX_HISTORY)
            if first:
                parts.append(
                    "<p style='margin-top:0; margin-bottom:0; margin-left:20px; color:gray'>"
                    f"… {first} earlier statements</p>"
                )
            for i, statement in enumerate(position.statements):
                if i < first:
                    previous = statement.stance or previous
                    continue
                speaker = self._speaker(statement)
                by = f" · {esc(speaker)}" if speaker else ""
                change = ""
                if i in changes and previous is not None:
                    color = theme.stance_color(statement.stance).name()
                    change = (
                        f"<br><span style='color:{color}'><b>⇄ changed: "
                        f"{esc(stance_word(previous))} → {esc(stance_word(statement.stance))}"
                        f"</b></span>"
                    )
                change += self._reversal_html(statement, theme)
                parts.append(
                    "<p style='margin-top:0; margin-bottom:0; margin-left:20px'>"
                    f"{_statement_link(statement, 'p')} · "
                    f"{stance_html(statement.stance, theme, bold=False)}{by}{change}</p>"
                )
                if statement.stance:
                    previous = statement.stance
        return "".join(parts)

    def _reversal_html(self, statement: Statement, theme: Theme) -> str:
        """The stored reversals of a statement (``contradicts``): ⇄, the earlier one, the note."""
        found = [r for r in self.store.corroboration.relations(statement.id)
                 if r.kind == "contradicts" and r.outgoing]
        color = theme.relation_color("contradicts").name()
        return "".join(
            f"<br><span style='color:{color}'>⇄ reversal: contradicts "
            f"<a href='stmt:{r.other_id}'>statement {r.other_id}</a></span>"
            + (f" <span style='color:gray'>{esc(r.note)}</span>" if r.note else "")
            for r in found
        )

    def _statement_html(self, statement: Statement, theme: Theme) -> str:
        store = self.store
        text = esc(statement.text)
        if statement.kind == "direct":
            body = f"“{text}”"
            kind = "direct quotation"
        else:
            body = text
            kind = "reported speech"
        later = self.as_of is not None and statement.when.start >= self.as_of.end
        meta = [_statement_link(statement, "s"), kind]
        speaker = self._speaker(statement)
        if speaker:
            meta.insert(1, f"<b>{esc(speaker)}</b>")
        topic = store.topic(statement.topic_id)
        meta.append(esc(topic.name) if topic else "no topic")
        meta.append(stance_html(statement.stance, theme, bold=False))
        if later:
            meta.append("<i>after the as-of date</i>")
        lines = [
            f"<p style='margin-top:12px; margin-bottom:2px'>{' · '.join(meta)}</p>",
            f"<p style='margin-top:0; margin-bottom:2px; margin-left:8px'>{body}</p>",
        ]
        if statement.summary:
            lines.append(
                f"<p style='margin-top:0; margin-bottom:2px; margin-left:8px; color:gray'>"
                f"In short: {esc(statement.summary)}</p>"
            )
        source = statement.source
        if source is not None:
            label = " · ".join(p for p in (source.outlet, source.published, source.title) if p)
            lines.append(
                f"<p style='margin-top:0; margin-left:8px'><small>Source: "
                f"{link(source.url, label or 'source')}</small></p>"
            )
        return "".join(lines)

    # -- highlight -------------------------------------------------------------------------

    def highlight(self, ref: ItemRef | None) -> None:
        """Mark the timeline's selection when it is one of this pane's statements.

        The pane scrolls to it unless the reader just chose it here.
        """
        rid = ref.rid if ref is not None and ref.kind == KIND_STATEMENT else None
        if rid is not None and rid not in self._shown:
            rid = None
        self.highlighted = rid
        self._mark()
        if rid is not None and rid != self._own_choice:
            self.browser.scrollToAnchor(f"s{rid}")
        self._own_choice = None

    def _mark(self) -> None:
        rid = self.highlighted
        selections = []
        if rid is not None:
            color = QColor(self.palette().highlight().color())
            color.setAlpha(60)
            doc = self.browser.document()
            starts = sorted(p for name, ps in self._anchors.items() if name[0] == "s" for p in ps)
            for position in self._anchors.get(f"s{rid}", []):
                later = [p for p in starts if p > position]
                end = later[0] - 1 if later else doc.characterCount() - 1
                selections.append(_selection(doc, position, end, color))
            for position in self._anchors.get(f"p{rid}", []):
                block = doc.findBlock(position)
                end = block.position() + block.length() - 1
                selections.append(_selection(doc, block.position(), end, color))
        self.browser.setExtraSelections(selections)

    def is_shown(self, rid: int) -> bool:
        """True when statement ``rid`` is on screen in the pane's text."""
        positions = self._anchors.get(f"s{rid}")
        if not positions:
            return False
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(positions[0])
        rect = self.browser.cursorRect(cursor)
        return self.browser.viewport().rect().intersects(rect)

    # -- links -----------------------------------------------------------------------------

    def _anchor_clicked(self, url: QUrl) -> None:
        scheme = url.scheme()
        if scheme == "stmt":
            try:
                rid = int(url.path())
            except ValueError:
                return
            self._own_choice = rid
            self.statement_chosen.emit(rid)
        elif scheme == "actor":
            opener = getattr(self.main_window, "open_actor_pane", None)
            if opener is not None:
                try:
                    opener(int(url.path()))
                except ValueError:
                    return
        elif scheme in ("http", "https"):
            QDesktopServices.openUrl(url)

    def choose_statement(self, rid: int) -> None:
        """Act as if the reader activated statement ``rid`` in the pane."""
        self._anchor_clicked(QUrl(f"stmt:{rid}"))


def _actor_link(actor: Actor) -> str:
    return f"<a href='actor:{actor.id}'>{esc(actor.name)}</a>"


def _statement_link(statement: Statement, prefix: str) -> str:
    """The statement's date as a link that selects it on the timeline."""
    return (
        f"<a name='{prefix}{statement.id}' href='stmt:{statement.id}'>"
        f"{esc(date_text(statement.when))}</a>"
    )


def _selection(doc, start: int, end: int, color: QColor) -> QTextEdit.ExtraSelection:
    cursor = QTextCursor(doc)
    cursor.setPosition(start)
    cursor.setPosition(max(start, end), QTextCursor.MoveMode.KeepAnchor)
    selection = QTextEdit.ExtraSelection()
    selection.cursor = cursor
    selection.format.setBackground(color)
    selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
    return selection


def _anchor_positions(doc) -> dict[str, list[int]]:
    """Where each named anchor starts in ``doc``."""
    found: dict[str, list[int]] = {}
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid():
                for name in fragment.charFormat().anchorNames():
                    found.setdefault(name, []).append(fragment.position())
            it += 1
        block = block.next()
    return found
