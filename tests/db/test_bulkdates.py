"""The bulk date parser (whole columns in numpy) against the row-by-row parser."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from db import bulkdates
from db.dates import END_SECOND, PRECISIONS, DateError, at_precision, parse_date
from db.indexread import bulk_span, parse_span
from db.search import starts


def _blob(values: list) -> bytes | None:
    """A column of ``values`` as the index reads it from a store (one blob)."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (d)")
    conn.executemany("INSERT INTO t VALUES (?)", [(v,) for v in values])
    blob = conn.execute(f"SELECT {bulkdates.sql_texts('d')} FROM t").fetchone()[0]
    conn.close()
    return blob


def _through_sqlite(values: list) -> tuple:
    """What :func:`bulkdates.read` gives for ``values`` read from a store."""
    return bulkdates.read(_blob(values), len(values))


def _row(value) -> tuple[int, int, int] | None:
    try:
        when = parse_date(value)
    except DateError:
        return None
    return (*when.span_seconds(), PRECISIONS.index(when.precision))


def _check(values: list) -> np.ndarray:
    """Every date the bulk parser reads, it reads as the row parser does, on both of its
    paths (plain forms by length, the others laid out at a fixed width); returns which
    it read."""
    t0, t1, precision, ok, empty = _through_sqlite(values)
    laid_out = bulkdates.spans(bulkdates.fixed_rows(_blob(values), len(values)))
    assert np.array_equal(ok, laid_out[3])
    # A text holding the blob's separator (byte 31) leaves the whole column to the row parser.
    cut = any(isinstance(value, str) and "\x1f" in value for value in values)
    assert not (cut and ok.any())
    for i, value in enumerate(values):
        assert bool(empty[i]) == (not cut and value in (None, "")), value
        if ok[i]:
            assert (int(t0[i]), int(t1[i]), int(precision[i])) == _row(value), value
            assert (t0[i], t1[i], precision[i]) == tuple(column[i] for column in laid_out[:3])
    return ok


READ_IN_BULK = [
    "2022", "2022-03", "2022-03-29", "2022-03-29T14", "2022-03-29 14", "2022-03-29T14:05",
    "2022-03-29 14:05", "2022-03-29T14:05:33", "2022-03-29T14:05:33.250", "2022-03-29 14:05:33,5",
    # month ends and leap days
    "2022-01-31", "2022-04-30", "2022-02-28", "2024-02-29", "2000-02-29", "2022-12-31",
    "2022-12", "2024-02", "1999-12-31T23:59:59",
    # the first and last dates there are (a span past 9999 ends at its last second)
    "0001", "0001-01", "0001-01-01", "0001-01-01T00:00:00", "9999", "9999-12", "9999-12-31",
    "9999-12-31T23", "9999-12-31T23:59", "9999-12-31T23:59:59",
    # before 1970, zones (an offset moves only a date with an hour), padding
    "1969-12-31T23:59:59", "1900-03-01", "2022-03-29T14:05Z", "2022-03-29T14+05:30",
    "2022-03-29T23:30-02:00", "2022-03-29T14:05:33.5+0300", "2022-03-29+03:00", "2022Z",
    "2022-03-29 ",
]
LEFT_TO_THE_ROW_PARSER = [
    # impossible or refused dates
    "2022-02-29", "1900-02-29", "2022-04-31", "2022-13", "2022-00-10", "2022-03-00",
    "2022-03-29T24", "2022-03-29T14:60", "2022-03-29T14:05:60", "0000", "0000-01-01",
    "10000", "10000-01-01", "-0044-03-15", "0001-01-01T00:30+01:00", "9999-12-31T23:30-01:00",
    # approximate and written dates (read row by row, not refused)
    "~2022", "c. 2022-03", "circa 2022", "2022?", "around 2022-03-29", "29 March 2022",
    "March 2022",
    # not dates, or not text
    None, "", "   ", " 2022", "2022-3-29", "2022-03-29T", "2022-03-29t14", "2022-03-29T14:05Zx",
    "2022-03-29T14+25:00", "2022-03-29T14:05:33.", "2022/03/29", "２０２２",
    2022, 2022.5, b"2022", "2022-03-29T14:05:33.123456789012345678901234567890",
]


def test_plain_iso_dates_are_read_in_bulk_as_row_by_row():
    ok = _check(READ_IN_BULK)
    assert ok.all(), [v for v, o in zip(READ_IN_BULK, ok, strict=True) if not o]


def test_other_values_are_left_to_the_row_parser():
    ok = _check(LEFT_TO_THE_ROW_PARSER)
    assert not ok.any(), [v for v, o in zip(LEFT_TO_THE_ROW_PARSER, ok, strict=True) if o]


def test_a_text_holding_the_separator_leaves_the_column_to_the_row_parser():
    """Byte 31 separates the texts of a column: one text holding it, and the column
    cannot be cut; every row is then read row by row (none is misread)."""
    values = ["2022-03-29", "2022\x1f03", "2022"]
    assert not _check(values).any()
    assert _check(values[::2]).all()


def test_spans_at_the_edges():
    t0, t1, _, ok, _ = _through_sqlite(["2024-02", "9999", "0001-12"])
    assert ok.all()
    assert t1[0] - t0[0] == 29 * 86400  # February of a leap year
    assert t1[1] == END_SECOND  # the year 9999 ends where a date can say no more
    assert t1[2] - t0[2] == 31 * 86400


def test_start_extended_to_the_span_of_end():
    starts = ["2022-03-29", "2022-03-29", "2022-03", "2022-03-29", "2022-03-29", "2022"]
    ends = ["2022-04-02", None, "2022-03-05", "someday", "", "2022-03"]
    t0, t1, precision, ok = bulk_span(_through_sqlite(starts), _through_sqlite(ends))
    for i, (start, end) in enumerate(zip(starts, ends, strict=True)):
        if ok[i]:
            assert (int(t0[i]), int(t1[i]), int(precision[i])) == parse_span((start, end))
    assert list(ok) == [True, True, True, False, True, True]
    assert parse_span(("2022-03-29", "someday")) is None


_DIGITS = st.integers(0, 99).map(lambda n: f"{n:02d}")
_PIECES = st.lists(
    st.one_of(
        st.integers(0, 10999).map(lambda n: f"{n:04d}"),
        _DIGITS,
        st.sampled_from(["-", "-", ":", ":", "T", " ", ".", ",", "Z", "+", "?", "~", "c. "]),
        st.sampled_from(["+05:30", "-0200", "+24:00", "+03:75", ".123", "\t", "é"]),
    ),
    max_size=12,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=30), st.none()), min_size=1, max_size=40))
def test_anything_read_in_bulk_is_read_as_row_by_row(values):
    _check(values)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.datetimes(datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59, 59)),
            st.sampled_from(PRECISIONS),
            st.sampled_from(["T", " "]),
            st.sampled_from(["", "Z", "+01:00", "-0930", ".25"]),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_iso_dates_at_every_precision_take_the_bulk_path(items):
    values = []
    for moment, precision, separator, suffix in items:
        text = at_precision(moment, precision).text.replace("T", separator)
        if suffix == ".25" and precision != "second":
            suffix = ""
        if suffix[1:] and PRECISIONS.index(precision) < 3:
            suffix = "Z"  # "2000-0930" is the year 2000 at -09:30, ambiguous: row by row
        values.append(text + suffix)
    ok = _check(values)
    for value, read in zip(values, ok, strict=True):
        # Only a zone that moves the date out of years 1–9999 is left to the row parser.
        assert read or _row(value) is None or _near_the_edge(value), value


def _near_the_edge(value: str) -> bool:
    start = parse_date(value).span()[0]
    return start < datetime(1, 1, 2) or start > datetime(9999, 12, 31) - timedelta(days=1)


def test_search_hits_start_where_the_row_parser_says():
    """Hits' dates are read in bulk where they can be, row by row otherwise."""
    for values in ([*READ_IN_BULK, *LEFT_TO_THE_ROW_PARSER], ["2022\x1f03", "2022-03"]):
        for value, start in zip(values, starts(values), strict=True):
            row = _row(value) if isinstance(value, str) else None
            assert start == (row[0] if row else None), value
