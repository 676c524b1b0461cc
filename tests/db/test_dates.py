"""Dates: ISO 8601 and written forms, precision, "approximate", spans, time zones, refusals."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from db.dates import (
    END_SECOND,
    FIRST_SECOND,
    PRECISIONS,
    DateError,
    When,
    at_precision,
    parse_date,
    span_of,
    to_seconds,
)

# --- ISO 8601 at each precision ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "precision", "start", "end"),
    [
        ("2022", "year", datetime(2022, 1, 1), datetime(2023, 1, 1)),
        ("2022-03", "month", datetime(2022, 3, 1), datetime(2022, 4, 1)),
        ("2022-03-29", "day", datetime(2022, 3, 29), datetime(2022, 3, 30)),
        ("2022-03-29T14", "hour", datetime(2022, 3, 29, 14), datetime(2022, 3, 29, 15)),
        ("2022-03-29T14:05", "minute", datetime(2022, 3, 29, 14, 5), datetime(2022, 3, 29, 14, 6)),
        (
            "2022-03-29T14:05:07",
            "second",
            datetime(2022, 3, 29, 14, 5, 7),
            datetime(2022, 3, 29, 14, 5, 8),
        ),
    ],
)
def test_iso_at_each_precision(text, precision, start, end):
    when = parse_date(text)
    assert when == When(text, precision, False)
    assert when.span() == (start, end)
    assert when.span_seconds() == (to_seconds(start), to_seconds(end))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022-03-29 14:05", "2022-03-29T14:05"),  # a space instead of T
        ("2022-03-29T14:05:07.250", "2022-03-29T14:05:07"),  # fractions of a second dropped
        ("  2022-03-29  ", "2022-03-29"),
    ],
)
def test_iso_variants_normalise(text, expected):
    assert parse_date(text).text == expected


# --- written forms ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("29 March 2022", When("2022-03-29", "day")),
        ("March 29, 2022", When("2022-03-29", "day")),
        ("Tuesday, 29 March 2022", When("2022-03-29", "day")),
        ("29 Mar 2022 14:05", When("2022-03-29T14:05", "minute")),
        ("March 2022", When("2022-03", "month")),
        ("2022-03", When("2022-03", "month")),
        ("2022", When("2022", "year")),
    ],
)
def test_written_forms(text, expected):
    assert parse_date(text) == expected


# --- approximate ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("~2022", When("2022", "year", True)),
        ("c. 2022", When("2022", "year", True)),
        ("ca. 2022", When("2022", "year", True)),
        ("circa 2022-03", When("2022-03", "month", True)),
        ("around March 2022", When("2022-03", "month", True)),
        ("approximately 29 March 2022", When("2022-03-29", "day", True)),
        ("2022-03-29?", When("2022-03-29", "day", True)),
    ],
)
def test_approximate_markers(text, expected):
    assert parse_date(text) == expected


def test_approximate_argument_and_label():
    when = parse_date("2022-03", approximate=True)
    assert when == When("2022-03", "month", True)
    assert when.label() == "c. Mar 2022"
    assert parse_date("2022-03").label() == "Mar 2022"
    assert parse_date("2022-03-29T14:05").label() == "29 Mar 2022, 14:05"


def test_approximate_does_not_change_the_span():
    assert parse_date("~2022-03").span() == parse_date("2022-03").span()


# --- spans: a month stays a month -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2022-02", datetime(2022, 2, 1), datetime(2022, 3, 1)),  # 28 days
        ("2024-02", datetime(2024, 2, 1), datetime(2024, 3, 1)),  # leap year: 29 days
        ("2022-12", datetime(2022, 12, 1), datetime(2023, 1, 1)),  # into the next year
        ("March 2022", datetime(2022, 3, 1), datetime(2022, 4, 1)),
        ("2024", datetime(2024, 1, 1), datetime(2025, 1, 1)),
        ("2022-12-31", datetime(2022, 12, 31), datetime(2023, 1, 1)),
    ],
)
def test_span_covers_the_whole_period(text, start, end):
    when = parse_date(text)
    assert when.span() == (start, end)
    assert when.start == start and when.end == end


def test_month_is_not_narrowed_to_its_first_day():
    when = parse_date("2022-03")
    assert when.precision == "month"
    assert when.text == "2022-03"
    assert when.end - when.start == datetime(2022, 4, 1) - datetime(2022, 3, 1)


# --- time zones -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022-03-29T14:05Z", "2022-03-29T14:05"),
        ("2022-03-29T14:05+03:00", "2022-03-29T11:05"),
        ("2022-03-29T14:05+0300", "2022-03-29T11:05"),
        ("2022-03-29T01:05+03:00", "2022-03-28T22:05"),  # back across midnight
        ("2022-03-29T23:30-02:00", "2022-03-30T01:30"),  # forward across midnight
        ("2022-12-31T23:00:00-01:00", "2023-01-01T00:00:00"),  # into the next year
        ("29 March 2022 14:00 UTC", "2022-03-29T14:00"),
        ("29 March 2022 14:00 +0300", "2022-03-29T11:00"),
    ],
)
def test_offsets_are_converted_to_utc(text, expected):
    when = parse_date(text)
    assert when.text == expected
    assert parse_date(expected) == when


def test_offset_on_a_day_keeps_the_day():
    assert parse_date("2022-03-29+03:00") == When("2022-03-29", "day")


def test_unknown_zone_name_is_refused_not_ignored():
    # Ignoring "MSK" would put the statement three hours off; guessing is worse.
    with pytest.raises(DateError, match="MSK"):
        parse_date("29 March 2022 14:00 MSK")


# --- refusals ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "2022-13-01",
        "2022-00",
        "2022-02-29",  # not a leap year
        "2022-03-29T25:00",
        "2022-03-29T14:05+99:99",
        "March 32, 2022",
        "tomorrow",
        "29 March",  # no year
        "March",
        "",
        "   ",
        "~",
        "?",
        "0000",
        "x" * 100,
        None,
        12345,
        2022.0,
        b"2022",
        ["2022"],
    ],
    ids=repr,
)
def test_invalid_values_raise_date_error(value):
    with pytest.raises(DateError):
        parse_date(value)


def test_date_error_is_a_value_error_naming_the_value():
    with pytest.raises(ValueError, match="March 32, 2022"):
        parse_date("March 32, 2022")


# --- properties -------------------------------------------------------------------------


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_any_text_is_a_date_or_a_date_error(text):
    try:
        when = parse_date(text)
    except DateError:
        return
    assert isinstance(when, When)
    assert when.precision in PRECISIONS
    assert parse_date(when.text, when.approximate) == when  # idempotent
    start, end = when.span()
    assert start < end or end == datetime(9999, 12, 31, 23, 59, 59)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="0123456789-:T Z+.,/~? cadeghilmnoprstuvyJFMASOND", max_size=32),
)
def test_date_like_text_is_a_date_or_a_date_error(text):
    # Text made of the characters dates are made of reaches far more parsing paths.
    try:
        when = parse_date(text)
    except DateError:
        return
    assert parse_date(when.text, when.approximate) == when
    when.label()


@settings(max_examples=300, deadline=None)
@given(
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9998, 12, 31)),
    st.sampled_from(PRECISIONS),
    st.booleans(),
)
def test_valid_dates_round_trip_and_cover_their_moment(moment, precision, approximate):
    when = at_precision(moment, precision, approximate)
    assert parse_date(when.text, approximate) == when
    start, end = when.span()
    assert start <= moment < end


def test_the_limits_are_the_spans_of_years_1_and_9999():
    assert parse_date("0001").span_seconds()[0] == FIRST_SECOND
    assert parse_date("9999").span_seconds()[1] == END_SECOND
    assert parse_date("9999-12-31T23:59:59").span_seconds()[1] == END_SECOND
    assert to_seconds(datetime(1, 1, 1)) == FIRST_SECOND


def test_span_of_extends_the_start_to_the_end_of_the_end():
    march, april = parse_date("2022-03"), parse_date("2022-04-02")
    assert span_of(march) == march.span_seconds()
    assert span_of(march, april) == (march.span_seconds()[0], april.span_seconds()[1])
    # an end inside the start's span shortens nothing
    assert span_of(march, parse_date("2022-03-02")) == march.span_seconds()
