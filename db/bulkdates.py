"""ISO date text to seconds and spans for whole columns at once (numpy), by db.dates' rules.

A column is fetched from SQLite as fixed-width ASCII (:func:`sql_fixed`), viewed as a
``(rows, WIDTH)`` byte array and read digit by digit with vectorised arithmetic: no
Python object per row. Only the ISO forms :func:`db.dates.parse_date` reads with its
ISO pattern are recognised here (``2022``, ``2022-03``, ``2022-03-29``, then
``T``/space and ``14``, ``14:05``, ``14:05:33``, a fraction, ``Z`` or a UTC offset);
anything else — written dates, approximate prefixes, impossible days, years outside
1–9999 — is left to the row-by-row parser (``ok`` is False), which reads or refuses it.
"""

from __future__ import annotations

import numpy as np

from db.dates import _LENGTH, _MIN_DATE, _STEP, END_SECOND, FIRST_SECOND, PRECISIONS, to_seconds

#: The most bytes a date the fast path reads has (longer text goes to the row parser).
MAX_WIDTH = 32
LOWEST = FIRST_SECOND
LAST = END_SECOND - 1  # the last second a date can start at
_SPACE, _COLON, _EMPTY, _UNIT = ord(" "), ord(":"), 1, 31
_ENDS = [_LENGTH[p] for p in PRECISIONS]  # where each precision's text ends: 4, 7, 10, …
#: The byte(s) before each field after the year (month, day, hour, minute, second).
_SEPARATORS = (b"-", b"-", b"T ", b":", b":")
#: In a plain text ``YYYY-MM-DDTHH:MM:SS`` (cut at a precision's length): where each
#: field starts, the places of digits, and each separator's place and allowed bytes
#: (less ``0``, as the digits are read).
_FIELD_AT = (0, 5, 8, 11, 14, 17)
_PLACES = np.array([0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18])
_PLAIN_SEPARATORS = [
    (at - 1, np.frombuffer(sep, np.uint8) - np.uint8(ord("0")))
    for at, sep in zip(_FIELD_AT[1:], _SEPARATORS, strict=True)
]
# Fixed steps in seconds (day and finer); calendar steps (month, year) as months.
_SECONDS = {p: to_seconds(_MIN_DATE + s) - FIRST_SECOND for p, s in _STEP.items()
            if not (s.years or s.months)}
_MONTHS = {p: s.years * 12 + s.months for p, s in _STEP.items() if s.years or s.months}


def sql_texts(column: str) -> str:
    """SQL: every value of ``column`` in one blob, separated by byte 31: text as it is,
    NULL as nothing (no date), any other type as ``!`` (the row parser decides)."""
    return (
        f"CAST(group_concat(CASE typeof({column}) WHEN 'text' THEN {column} "
        f"WHEN 'null' THEN '' ELSE '!' END, char({_UNIT})) AS BLOB)"
    )


def fixed_rows(blob: bytes | None, rows: int) -> np.ndarray:
    """The texts of a :func:`sql_texts` blob as a ``(rows, width)`` byte array padded
    with spaces; an empty text is byte 1 and a text too long ``!`` (all ``!`` when the
    blob does not hold ``rows`` texts: one contains byte 31)."""
    cut = _cut(blob, rows)
    if cut is None:
        return np.full((rows, _ENDS[-1] + 2), ord("!"), np.uint8)
    return _fixed(*cut)


def _cut(blob: bytes | None, rows: int):
    """(bytes, start of each text, its length) of a :func:`sql_texts` blob, or None when
    it does not hold ``rows`` texts (one contains byte 31)."""
    data = np.frombuffer(blob or b"", dtype=np.uint8)
    cuts = np.flatnonzero(data == _UNIT)
    if rows == 0 or len(cuts) != rows - 1:
        return None
    starts = np.empty(rows, np.int64)
    starts[0], starts[1:] = 0, cuts + 1
    lengths = np.empty(rows, np.int64)
    lengths[:-1], lengths[-1] = cuts, len(data)
    lengths -= starts
    return data, starts, lengths


def _fixed(data: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The texts at ``starts`` as a ``(rows, width)`` byte array (see :func:`fixed_rows`)."""
    rows = len(starts)
    if rows == 0:
        return np.full((0, _ENDS[-1] + 2), ord("!"), np.uint8)
    width = int(min(max(lengths.max() + 1, _ENDS[-1] + 2), MAX_WIDTH + 1))
    padded = np.concatenate((data, np.full(width, _SPACE, np.uint8)))
    text = padded[starts[:, None] + np.arange(width)]
    text[np.arange(width) >= lengths[:, None]] = _SPACE
    text[lengths == 0, 0] = _EMPTY
    text[lengths >= width, 0] = ord("!")
    return text


def read(blob: bytes | None, rows: int):
    """``(t0, t1, precision, ok, empty)`` of the texts of a :func:`sql_texts` blob: as
    :func:`spans` of :func:`fixed_rows` gives them, faster. A text in one of the six
    plain forms (``2022`` … ``2022-03-29T14:05:33``, ``T`` or a space) is read at the
    places its length gives; only the others are laid out and read by :func:`spans`.
    ``empty`` marks NULL and empty texts (never ``ok``)."""
    cut = _cut(blob, rows)
    if cut is None:
        nothing = np.zeros(rows, dtype=bool)
        return np.zeros(rows, np.int64), np.zeros(rows, np.int64), nothing.astype(np.int8), \
            nothing, nothing.copy()
    data, starts, lengths = cut
    fields = np.zeros((len(PRECISIONS), rows), dtype=np.int64)
    precision = np.zeros(rows, dtype=np.int8)
    plain = np.zeros(rows, dtype=bool)
    for code, length in enumerate(_ENDS):
        at = np.flatnonzero(lengths == length)
        if len(at):
            digit = data[starts[at, None] + np.arange(length)] - np.uint8(ord("0"))
            match = (digit[:, _PLACES[: 4 + 2 * code]] < 10).all(axis=1)
            for place, allowed in _PLAIN_SEPARATORS[:code]:
                match &= np.isin(digit[:, place], allowed)
            at, digit = at[match], digit[match]
            for field in range(code + 1):
                fields[field, at] = _number(digit, _FIELD_AT[field], 4 if field == 0 else 2)
            precision[at], plain[at] = code, True
    t0, t1, ok = _resolve(fields, precision, np.zeros(rows, np.int64), plain)
    empty = lengths == 0
    rest = np.flatnonzero(~plain & ~empty)
    if len(rest):
        t0[rest], t1[rest], precision[rest], ok[rest] = spans(
            _fixed(data, starts[rest], lengths[rest])
        )
    return t0, t1, precision, ok, empty


def spans(text: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(t0, t1, precision, ok)`` of fixed-width ISO dates, as
    ``parse_date(text).span_seconds()`` and the index of its precision give them.

    ``ok`` is False where this parser does not read the text; the other values of such
    rows are meaningless.
    """
    digit = text - np.uint8(ord("0"))  # wraps: every byte that is no digit is ≥ 10
    is_digit = digit < 10
    ok = is_digit[:, :4].all(axis=1)
    precision = np.zeros(len(text), dtype=np.int8)
    fields = [_number(digit, 0, 4)]
    for code in range(1, len(PRECISIONS)):
        at = _ENDS[code] - 3  # the separator before the field's two digits
        column = text[:, at]
        sep = column == _SEPARATORS[code - 1][0]
        if len(_SEPARATORS[code - 1]) > 1:
            sep |= column == _SEPARATORS[code - 1][1]
        has = (precision == code - 1) & sep & is_digit[:, at + 1] & is_digit[:, at + 2]
        precision[has] = code
        fields.append(_number(digit, at + 1, 2) * has)
    tail = np.take(_ENDS, precision)
    offset = np.zeros(len(text), dtype=np.int64)
    rest = np.flatnonzero(text[np.arange(len(text)), tail] != _SPACE)  # a fraction or zone
    if len(rest):
        tail[rest], offset[rest], ok[rest] = _fraction_and_zone(
            text[rest], is_digit[rest], digit[rest], tail[rest], precision[rest]
        )
    ok &= _blank_from(text, tail)
    t0, t1, ok = _resolve(np.array(fields), precision, offset, ok)
    return t0, t1, precision, ok


def _resolve(fields: np.ndarray, precision, offset, ok) -> tuple[np.ndarray, ...]:
    """(t0, t1, ok) of the fields year … second (those finer than ``precision`` are 0)
    and UTC offsets: ``ok`` cleared where the date does not exist or leaves years 1–9999."""
    year, month, day, hour, minute, second = fields
    month[precision < 1] = 1
    day[precision < 2] = 1
    ok = ok & (year >= 1) & (month >= 1) & (month <= 12) & (day >= 1)
    ok &= (day <= _days_in_month(year, month)) & (hour <= 23) & (minute <= 59) & (second <= 59)
    moment = _days(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset
    t0, t1 = _span(moment, precision, year, month)
    ok &= (t0 >= LOWEST) & (t0 <= LAST)
    return t0, t1, ok


def _number(digit: np.ndarray, start: int, width: int) -> np.ndarray:
    value = np.zeros(len(digit), dtype=np.int64)
    for column in range(start, start + width):
        value = value * 10 + digit[:, column]
    return value


def _fraction_and_zone(text, is_digit, digit, tail, precision):
    """(where the padding starts, UTC offset in seconds, readable) of rows with more
    after the date: ``[.,]digits`` after seconds, then ``Z`` or ``±HH[:]MM`` (an offset
    only moves dates with an hour)."""
    n, width = text.shape
    rows = np.arange(n)
    at = np.minimum(tail, width - 1)
    fraction = (precision == len(PRECISIONS) - 1) & np.isin(text[rows, at], (ord("."), ord(",")))
    run = np.cumprod(is_digit[:, _ENDS[-1] + 1 :], axis=1).sum(axis=1)
    ok = is_digit[:, :4].all(axis=1) & (~fraction | (run > 0))
    tail = np.where(fraction, tail + 1 + run, tail)
    at = np.minimum(tail, width - 1)
    lead = text[rows, at]
    zulu = lead == ord("Z")
    signed = (lead == ord("+")) | (lead == ord("-"))
    near = np.minimum(tail[:, None] + np.arange(1, 6), width - 1)
    char = text[rows[:, None], near]
    dig = is_digit[rows[:, None], near]
    num = digit[rows[:, None], near].astype(np.int64)
    colon = signed & (char[:, 2] == _COLON) & dig[:, [0, 1, 3, 4]].all(axis=1)
    plain = signed & ~colon & dig[:, :4].all(axis=1)
    hours = num[:, 0] * 10 + num[:, 1]
    minutes = np.where(colon, num[:, 3] * 10 + num[:, 4], num[:, 2] * 10 + num[:, 3])
    sign = np.where(lead == ord("-"), -1, 1)
    offset = np.where(colon | plain, sign * (hours * 3600 + minutes * 60), 0)
    ok &= ~signed | colon | plain
    ok &= (hours <= 23) | ~(colon | plain)
    ok &= (minutes <= 59) | ~(colon | plain)
    offset = np.where(precision >= 3, offset, 0)
    tail = tail + np.select([zulu, colon, plain], [1, 6, 5], 0)
    return tail, offset, ok


def _blank_from(text: np.ndarray, start: np.ndarray) -> np.ndarray:
    """Rows whose bytes from ``start`` on are all padding (and ``start`` fits)."""
    width = text.shape[1]
    filled = (text != _SPACE)[:, ::-1]
    last = np.where(filled.any(axis=1), width - 1 - filled.argmax(axis=1), -1)
    return (last < start) & (start < width)


def _is_leap(year: np.ndarray) -> np.ndarray:
    return (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))


_MONTH_DAYS = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)


def _days_in_month(year: np.ndarray, month: np.ndarray) -> np.ndarray:
    days = _MONTH_DAYS[np.clip(month, 0, 12)]
    return days + ((month == 2) & _is_leap(year))


def _days(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    """Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm)."""
    y = year - (month <= 2)
    era = y // 400
    yoe = y - era * 400
    doy = (153 * np.where(month > 2, month - 3, month + 9) + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


_STEP_SECONDS = np.array([_SECONDS.get(p, 0) for p in PRECISIONS], dtype=np.int64)
_STEP_MONTHS = np.array([_MONTHS.get(p, 0) for p in PRECISIONS], dtype=np.int64)


def _span(moment, precision, year, month) -> tuple[np.ndarray, np.ndarray]:
    """(start, end) of the span of each moment at its precision (the end of 9999 is
    :data:`db.dates.END_SECOND`, as :meth:`db.dates.When.span_seconds` has it). A
    calendar precision (month, year) has no offset, so its moment is its start already."""
    step = _STEP_SECONDS[precision]
    fixed = step > 0
    t0 = np.where(fixed, moment // np.where(fixed, step, 1) * step, moment)
    t1 = t0 + step
    calendar = np.flatnonzero(~fixed)
    if len(calendar):
        total = year[calendar] * 12 + month[calendar] - 1 + _STEP_MONTHS[precision[calendar]]
        t1[calendar] = _days(total // 12, total % 12 + 1, 1) * 86400
    return t0, np.minimum(t1, END_SECOND)
