"""Property-based tests: any input to the date parser, the JSON and CSV importers and the
article extractor gives a result or a clear error, never another exception.

A clear error is a :class:`db.errors.ParleyError` (or, for dates and articles, a
``ValueError`` subclass) with a message; a store an import succeeded on opens again.
"""

from __future__ import annotations

import importlib.util
import tempfile
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db import errors
from db.api import open_store
from db.dates import DateError, When, parse_date
from db.formats import load_csv
from db.importer import ImportReport, import_document
from db.positions import positions_of

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# -- dates -------------------------------------------------------------------------------

date_like = st.one_of(
    st.text(max_size=80),
    st.from_regex(
        r"[-~]?\d{1,5}(-\d{1,2}(-\d{1,2}([T ]\d{1,2}(:\d{1,2}(:\d{1,2})?)?)?)?)?"
        r"(Z|[+-]\d{2}:?\d{2})?\??",
        fullmatch=True,
    ),
    st.from_regex(
        r"(c\.|circa|around|~)? ?\d{1,2} (Jan|March|Sept|Dec)[a-z]* \d{1,5}", fullmatch=True
    ),
    st.datetimes(min_value=datetime(1, 1, 1)).map(lambda d: d.isoformat()),
)


def check_when(when: When) -> None:
    start, end = when.span()
    assert start < end or end == datetime(9999, 12, 31, 23, 59, 59)
    t0, t1 = when.span_seconds()
    assert t0 <= t1
    assert when.label()
    assert parse_date(when.text).text == when.text  # the ISO text reads back as itself


@FAST
@given(date_like)
def test_parse_date_gives_a_date_or_a_date_error(value):
    try:
        when = parse_date(value)
    except DateError as error:
        assert str(error)
        return
    check_when(when)


@FAST
@given(st.one_of(st.none(), st.integers(), st.floats(), st.binary(), st.lists(st.text())))
def test_parse_date_refuses_what_is_not_text(value):
    with pytest.raises(DateError):
        parse_date(value)


def test_dates_before_the_common_era_are_refused():
    for text in ("-0044-03-15", "0000-01-01", "10000-01-01"):
        with pytest.raises(DateError):
            parse_date(text)


# -- JSON documents ----------------------------------------------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(),
    st.text(max_size=30),
    st.sampled_from(["2022-03-29", "March 2022", "~2022", "direct", "supports", "Russia"]),
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
field_values = st.one_of(
    scalars,
    st.lists(scalars, max_size=3),
    st.dictionaries(st.sampled_from(["actor", "role", "x"]), scalars, max_size=2),
)


def records(fields: list[str]):
    return st.lists(st.dictionaries(st.sampled_from(fields), field_values, max_size=6), max_size=4)


documents = st.fixed_dictionaries(
    {},
    optional={
        "parley": st.one_of(st.just(1), scalars),
        "meta": st.one_of(st.dictionaries(st.text(max_size=8), scalars, max_size=3), scalars),
        "sources": records(["id", "title", "outlet", "url", "published", "text"]),
        "actors": records(["id", "name", "kind", "parent", "aliases", "title"]),
        "topics": records(["id", "name", "description"]),
        "events": records(["id", "title", "start", "end", "actors", "source", "approximate"]),
        "statements": records(
            [
                "id",
                "actor",
                "said",
                "text",
                "kind",
                "topic",
                "stance",
                "event",
                "span",
                "source",
                "summary",
                "approximate",
            ]
        ),
    },
)


NAMES = ["Russia", "Ukraine", "Aleksandr Fomin", "قال", "👩‍👩‍👧", "<b>x</b>", " ", "russia"]
plausible_dates = st.one_of(
    st.sampled_from(["2022-03-29", "2022-03", "~2022", "29 March 2022", "0001", "9999-12-31"]),
    date_like,
)
plausible_documents = st.fixed_dictionaries(
    {
        "parley": st.just(1),
        "actors": st.lists(
            st.fixed_dictionaries(
                {"name": st.sampled_from(NAMES)},
                optional={
                    "kind": st.sampled_from(["person", "state", "group", "robot", None]),
                    "parent": st.one_of(st.sampled_from(NAMES), st.none(), scalars),
                    "aliases": st.one_of(st.lists(st.sampled_from(NAMES), max_size=2), scalars),
                },
            ),
            max_size=5,
        ),
        "events": st.lists(
            st.fixed_dictionaries(
                {"title": st.text(min_size=1, max_size=20), "start": plausible_dates},
                optional={
                    "end": plausible_dates,
                    "actors": st.lists(st.one_of(st.sampled_from(NAMES), field_values), max_size=3),
                    "id": st.one_of(st.integers(-3, 5), st.text(max_size=3)),
                },
            ),
            max_size=3,
        ),
        "statements": st.lists(
            st.fixed_dictionaries(
                {
                    "actor": st.sampled_from(NAMES),
                    "said": plausible_dates,
                    "text": st.text(min_size=1, max_size=40),
                },
                optional={
                    "kind": st.sampled_from(["direct", "reported", "shouted"]),
                    "stance": st.sampled_from(["supports", "opposes", "maybe", None]),
                    "topic": st.one_of(st.sampled_from(["Kyiv", "Gas", ""]), scalars),
                    "event": st.one_of(st.integers(-3, 5), st.text(max_size=3)),
                    "span": st.one_of(st.lists(st.integers(-5, 50), max_size=3), scalars),
                    "approximate": scalars,
                },
            ),
            max_size=6,
        ),
    }
)


def import_and_reopen(document: object) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "store.parley"
        try:
            report = import_document(path, document, "doc.json")
        except errors.ParleyError as error:
            assert str(error)
            assert not path.exists()  # a failed import into nothing creates nothing
            return
        assert isinstance(report, ImportReport)
        store = open_store(path)
        try:
            store.search("a")
            for actor in store.actors()[:3]:
                positions_of(store, actor.id)
        finally:
            store.close()


@FAST
@given(json_values)
def test_import_of_any_json_value(document):
    import_and_reopen(document)


@FAST
@given(documents)
def test_import_of_document_shaped_input(document):
    import_and_reopen(document)


@FAST
@given(plausible_documents)
def test_import_of_nearly_valid_documents(document):
    import_and_reopen(document)


# -- CSV ---------------------------------------------------------------------------------

csv_cells = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["2022-03-29", "Russia", "direct", "supports", '"quoted, text"', ""]),
)


@st.composite
def csv_texts(draw) -> str:
    if draw(st.booleans()):
        return draw(st.text(max_size=300))
    header = draw(
        st.sampled_from(
            [
                "actor,said,text",
                "actor,said,text,kind,topic,stance",
                "actor,said",
                "said,text,actor,unknown",
                "",
            ]
        )
    )
    rows = draw(st.lists(st.lists(csv_cells, min_size=0, max_size=7), max_size=5))
    body = "\n".join(",".join(row) for row in rows)
    return header + "\n" + body


@SLOW
@given(csv_texts(), st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_import_of_any_csv_text(text, newline, bom):
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "statements.csv"
        source.write_bytes(
            ("\ufeff" if bom else "").encode()
            + text.replace("\n", newline).encode("utf-8", "surrogatepass")
        )
        try:
            document, locate = load_csv([source])
            import_document(Path(folder) / "store.parley", document, str(source), locate)
        except errors.ParleyError as error:
            assert str(error)


@SLOW
@given(st.binary(max_size=200))
def test_import_of_csv_bytes_that_are_not_utf8(data):
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "statements.csv"
        source.write_bytes(data)
        try:
            document, locate = load_csv([source])
            import_document(Path(folder) / "store.parley", document, str(source), locate)
        except errors.ParleyError as error:
            assert str(error)


# -- the article extractor ---------------------------------------------------------------

HAS_ARTICLE = importlib.util.find_spec("extractor") is not None
article_text = st.one_of(
    st.text(max_size=400),
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "Russia said on Tuesday that talks would continue.",
                    '"We will not stop," Putin said.',
                    "Ukraine's negotiator Mykhaylo Podolyak told reporters: “No.”",
                    "On 29 March 2022 the delegations met in Istanbul.",
                    "Last week, he said",
                    "“",
                    '"',
                    "said",
                    "\n\n",
                    "According to",
                ]
            ),
            st.text(max_size=40),
        ),
        max_size=12,
    ).map(" ".join),
)


@pytest.mark.skipif(not HAS_ARTICLE, reason="extractor is not there yet")
@SLOW
@given(article_text, st.one_of(st.just("2022-03-29"), st.text(max_size=12)))
def test_article_extractor_gives_a_document_or_a_clear_error(text, published):
    from extractor import extract

    try:
        document = extract(text, published)
    except (errors.ParleyError, ValueError) as error:
        assert str(error)
        return
    assert isinstance(document, dict)
    import_and_reopen(document)  # what it extracts imports cleanly, or says why not
