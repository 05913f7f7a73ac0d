"""Dates in article text -> the date a claim speaks of (its as_of).

Relative phrases resolve against the article's publication date, and a month named
without a year means its most recent occurrence not after publication ("in January"
in a March article is this January; in a December article it is still this January).
A resolved date is never later than publication: articles do not report the future.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import NamedTuple

from bot.extract.lazy import lazy
from bot.extract.regexes import longest_first, regex

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_MONTH_RE = "|".join(longest_first(_MONTHS))
# Case-sensitive variant: "may" and "march" are also ordinary words.
_MONTH_CAP = "|".join(longest_first(m.capitalize() for m in _MONTHS))

# Ordered: the first pattern that matches a sentence wins.
_ISO = regex(r"\b(20\d\d)-(\d\d)-(\d\d)\b")
_MONTH_DAY_YEAR = regex(
    rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(20\d\d)\b", re.IGNORECASE
)
_DAY_MONTH_YEAR = regex(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE})\.?,?\s+(20\d\d)\b", re.IGNORECASE
)
_MONTH_YEAR = regex(rf"\b({_MONTH_RE})\.?,?\s+(20\d\d)\b", re.IGNORECASE)
_MONTH_DAY = regex(rf"\b({_MONTH_CAP})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s*20\d\d)")
_IN_MONTH = regex(
    r"\b(?i:in|since|during|by|as of|through|throughout|as\s+recently\s+as|as\s+late\s+as|"
    r"for\s+(?:most|much|all)\s+of|"
    # "at the end of March", "in the second half of June": a part of the month
    r"(?:at|by|in|as\s+of)\s+the\s+(?:end|close|start|beginning|middle)\s+of|"
    r"in\s+the\s+(?:first|second|last|final)\s+(?:half|week|fortnight)\s+of)\s+"
    r"(?i:early\s+|late\s+|mid-?\s*)?"
    rf"(?P<month>{_MONTH_CAP})\b(?!\s+\d)"
)
# ("last week's champion", "yesterday's leader": a time that describes a name, not the
# time of the claim)
_NOT_OWNER = r"(?!['’]s)"
_RELATIVE: tuple[tuple[re.Pattern[str], int], ...] = (
    (regex(rf"\byesterday\b{_NOT_OWNER}", re.IGNORECASE), 1),
    (regex(rf"\blast week\b{_NOT_OWNER}|\ba week ago\b", re.IGNORECASE), 7),
    (regex(r"\ba fortnight ago\b", re.IGNORECASE), 14),
    (regex(r"\ba month ago\b", re.IGNORECASE), 30),
    (regex(r"\ba year ago\b", re.IGNORECASE), 365),
)
_LAST_MONTH = regex(rf"\blast\s+month\b{_NOT_OWNER}", re.IGNORECASE)
# "three months ago", "2 years ago", "a couple of weeks ago": that long before the text
_UNITS_AGO = regex(
    r"\b(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"a\s+couple\s+of)\s+(?P<unit>day|week|month|year)s\s+ago\b",
    re.IGNORECASE,
)
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY = regex(
    r"\b(?:(?i:last|on|this\s+past)\s+)(?P<day>(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday))\b(?!['’]s)"
)
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


# "in 2024", "at the end of 2024", "in the summer of 2024", "in Q3 2024": as with a
# month, the end of the span is the latest snapshot it could have shown
_SEASON_END = {"spring": 5, "summer": 8, "autumn": 11, "fall": 11}
_QUARTER = {"first": 3, "second": 6, "third": 9, "fourth": 12, "q1": 3, "q2": 6, "q3": 9, "q4": 12}
_YEAR_PART = regex(
    r"\b(?P<lead>in|during|throughout|by|for|as\s+of|at|through)\s+(?:the\s+)?"
    # ("for most of 2024": the year, read at its end as "in 2024" is)
    r"(?:(?:most|much|all|part|the\s+rest)\s+of\s+)?"
    r"(?:(?P<part>early|mid|late|end\s+of|close\s+of|start\s+of|beginning\s+of|middle\s+of|"
    r"(?:spring|summer|autumn|fall)\s+of|(?:first|second|third|fourth)\s+quarter\s+of|"
    r"q[1-4])[\s-]+)?(?P<year>20\d\d)\b",
    re.IGNORECASE,
)


_LAST_SEASON = regex(
    rf"\blast\s+(?P<what>spring|summer|autumn|fall|winter|{_MONTH_RE})\b{_NOT_OWNER}", re.IGNORECASE
)
_LAST_YEAR = regex(
    r"\b(?:(?P<part>early|late|start|beginning|end)\s+(?:of\s+)?)?last\s+year\b" + _NOT_OWNER,
    re.IGNORECASE,
)


def _year_part(m: re.Match[str], published: date) -> When:
    """The day or span of the year `m` names: "in 2024", "in early 2025", "in the summer
    of 2024", "in Q3 2024" are spans (a claim about one holds if it held on one of its
    snapshots); "by 2024", "at the end of 2024", "mid-2024" are days."""
    year = int(m["year"])
    part = (m["part"] or "").lower()
    word = part.split()[0] if part else ""
    months: tuple[int, int] = (1, 12)  # "in 2024", "for most of 2024"
    if word in ("early", "start", "beginning"):
        months = (1, 3)
    elif word in ("mid", "middle"):
        return When(min(date(year, 6, 30), published))
    elif word in ("end", "close"):
        return When(min(date(year, 12, 31), published))
    elif word == "late":
        months = (10, 12)
    elif word in _SEASON_END:
        months = (_SEASON_END[word] - 2, _SEASON_END[word])
    elif word in _QUARTER:
        months = (_QUARTER[word] - 2, _QUARTER[word])
    end = min(_month_end(year, months[1]), published)
    start = date(year, months[0], 1)
    # ("for most of 2024", "throughout 2024" say more than one snapshot of it could: read
    # at its end, as ever)
    if m["lead"].lower() in ("by", "as of", "through", "throughout", "at", "for") or start > end:
        return When(end)
    return When(end, start)


_NUMBER_NAMES = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_WORD_COUNTS = {
    "a couple of": 2,
    **{w: i for i, w in enumerate(_NUMBER_NAMES, 2)},
    "eleven": 11,
    "twelve": 12,
}


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_start(end: date, months: int) -> date:
    """The first day of the span of `months` calendar months that ends on `end`."""
    index = end.year * 12 + end.month - months
    return date(index // 12, index % 12 + 1, 1)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _recent(month: int, day: int | None, published: date) -> date | None:
    """The latest date with this month (and day) that is not after `published`."""
    year = published.year
    candidate = _safe(year, month, day or 1)
    if candidate is None:
        return None
    if candidate > published:
        year -= 1
    if day is None:
        # "in January" speaks of the month; its end (capped at publication) is
        # the latest snapshot that month could have shown.
        return min(_month_end(year, month), published)
    return _safe(year, month, day)


def _capped(found: date | None, published: date) -> date | None:
    if found is None:
        return None
    return min(found, published)


class When(NamedTuple):
    """The date a sentence speaks of, and the first day of the span it names when it
    names a month rather than a day ("in March": March's end, from March 1)."""

    day: date
    start: date | None = None


# The words before a month say which part of it the text speaks of: "in March",
# "as recently as March" the whole month (a claim about it holds if
# it held on one of its snapshots); "in the second half of March", "in late March" a
# part; "by March", "at the end of March", "in mid-March" one day, as are "for most of
# March" and "throughout March" (they say more than one snapshot of it could show: read
# at its end, as ever).
_MONTH_LEAD = regex(
    r"(?:\b(?P<lead>in|during|as\s+recently\s+as|as\s+late\s+as|"
    r"(?:at|by|in|as\s+of)\s+the\s+(?P<edge>end|close|start|beginning|middle)\s+of|"
    r"in\s+the\s+(?P<nth>first|second|last|final)\s+(?P<unit>half|week|fortnight)\s+of)\s+)?"
    r"(?P<part>early\s+|late\s+|mid-?\s*)?$",
    re.IGNORECASE,
)
_EDGE_DAY = {"start": 1, "beginning": 1, "middle": 15}
_PART_DAY = {"mid": 15, "early": 10}


def _in_month(before: str, year: int, month: int, published: date) -> When | None:
    """The day (or span) of `month` in `year` that the words `before` it name."""
    end = _month_end(year, month)
    m = _MONTH_LEAD.search(before[-48:])
    span: tuple[int, int] | None = None
    day = end.day
    if m is not None:
        part = (m["part"] or "").strip(" -").lower()
        edge = (m["edge"] or "").lower()
        if part in _PART_DAY:
            day = _PART_DAY[part]
        elif edge:
            day = _EDGE_DAY.get(edge, end.day)
        elif m["unit"]:
            length = {"half": 15, "week": 7, "fortnight": 14}[m["unit"].lower()]
            first = m["nth"].lower() == "first"
            if m["unit"].lower() == "half" and not first:
                span = (16, end.day)
            else:
                span = (1, length) if first else (end.day - length + 1, end.day)
        elif part == "late":
            span = (21, end.day)
        elif m["lead"]:
            span = (1, end.day)
    if span is not None:
        start, last = date(year, month, span[0]), date(year, month, span[1])
        if start > published:
            return None
        return When(min(last, published), start)
    found = date(year, month, day)
    return When(min(found, published))


def find_date(sentence: str, published: date) -> date | None:
    """The date a sentence speaks of, or None when it names none."""
    when = find_when(sentence, published)
    return when.day if when else None


def find_when(sentence: str, published: date) -> When | None:
    """The date a sentence speaks of, with the span it names, or None."""
    day = _find_day(sentence, published)
    if isinstance(day, When) or day is None:
        return day
    return When(day)


def _find_day(sentence: str, published: date) -> When | date | None:
    m = _ISO.search(sentence)
    if m:
        return _capped(_safe(int(m[1]), int(m[2]), int(m[3])), published)
    m = _MONTH_DAY_YEAR.search(sentence)
    if m:
        return _capped(_safe(int(m[3]), _MONTHS[m[1].lower()], int(m[2])), published)
    m = _DAY_MONTH_YEAR.search(sentence)
    if m:
        return _capped(_safe(int(m[3]), _MONTHS[m[2].lower()], int(m[1])), published)
    m = _MONTH_YEAR.search(sentence)
    if m:
        year, month = int(m[2]), _MONTHS[m[1].lower()]
        if date(year, month, 1) > published:
            return published  # a month not yet begun: the text's own date, as ever
        return _in_month(sentence[: m.start()], year, month, published) or published
    m = _YEAR_PART.search(sentence)
    if m:
        return _year_part(m, published)
    m = _LAST_SEASON.search(sentence)
    if m and not re.search(r"\bsince\s+$", sentence[: m.start()], re.IGNORECASE):
        # "last summer", "last August": the latest one before the present one
        word = m["what"].lower()
        # a winter ends in February (of the year it ends in)
        month = 2 if word == "winter" else _SEASON_END.get(word) or _MONTHS[word]
        end = _month_end(published.year, month)
        if end >= published.replace(day=1):  # not over yet: the year before's
            end = _month_end(published.year - 1, month)
        # "last August", "last summer": the whole month or season, as "in August" is (a
        # winter starts in December of the year before)
        first = end.replace(day=1) if word in _MONTHS else _month_start(end, 3)
        return When(end, first)
    m = _LAST_YEAR.search(sentence)
    if m:
        # "last year", "late last year": the year before, or a part of it, as "in 2024" is
        year, part = published.year - 1, (m["part"] or "").lower()
        if part == "end":
            return date(year, 12, 31)
        months = (
            (1, 3) if part in ("early", "start", "beginning") else (10, 12) if part else (1, 12)
        )
        return When(_month_end(year, months[1]), date(year, months[0], 1))
    m = _MONTH_DAY.search(sentence)
    if m:
        return _recent(_MONTHS[m[1].lower()], int(m[2]), published)
    m = _IN_MONTH.search(sentence)
    if m:
        month = _MONTHS[m["month"].lower()]
        # the latest such month begun by the text's date
        year = published.year if date(published.year, month, 1) <= published else published.year - 1
        return _in_month(sentence[: m.start("month")], year, month, published)
    m = _LAST_MONTH.search(sentence)
    if m:
        # "last month" is the calendar month before the text's: a span, as "in March" is
        end = published.replace(day=1) - timedelta(days=1)
        return When(end, end.replace(day=1))
    for pattern, days in _RELATIVE:
        if pattern.search(sentence):
            return published - timedelta(days=days)
    m = _WEEKDAY.search(sentence)
    if m:
        # "last Friday", "on Tuesday": the latest such day before the text's own
        back = (published.weekday() - _WEEKDAYS.index(m["day"].lower()[:3])) % 7 or 7
        return published - timedelta(days=back)
    m = _UNITS_AGO.search(sentence)
    if m:
        n = m["n"].lower()
        count = int(n) if n.isdigit() else _WORD_COUNTS[re.sub(r"\s+", " ", n)]
        return published - timedelta(days=count * _UNIT_DAYS[m["unit"].lower()])
    return None


# "since August", "from January 2024 to February 2025", "between March and June":
# the start (and end) of a period the claim speaks over, never its as-of date.
_PERIOD_CUE = regex(r"\b(?:since|from|between|starting|beginning)\s+(?:in\s+)?", re.IGNORECASE)
_PERIOD_END = regex(r"\s*(?:to|until|till|through|and|[-–—])\s+(?:in\s+)?", re.IGNORECASE)
_EVENT_DATE = regex(r"[^,;.]{0,60}?\b(?:on|in)\s+", re.IGNORECASE)
_DATE_FORMS = (_ISO, _MONTH_DAY_YEAR, _DAY_MONTH_YEAR, _MONTH_YEAR, _MONTH_DAY)
_BARE_MONTH = lazy(rf"(?:early\s+|late\s+|mid-?)?({_MONTH_CAP})\b(?!\s+\d)")


def _date_at(text: str, pos: int, published: date, first_day: bool) -> tuple[date, int] | None:
    """The date written at `pos` and where it ends; a month alone means its first day
    (a period's start) or its last (its end)."""
    for form in _DATE_FORMS:
        m = form.match(text, pos)
        if m is None:
            continue
        if form is _ISO:
            found = _safe(int(m[1]), int(m[2]), int(m[3]))
        elif form is _MONTH_DAY_YEAR:
            found = _safe(int(m[3]), _MONTHS[m[1].lower()], int(m[2]))
        elif form is _DAY_MONTH_YEAR:
            found = _safe(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
        elif form is _MONTH_YEAR:
            year, month = int(m[2]), _MONTHS[m[1].lower()]
            found = date(year, month, 1) if first_day else _month_end(year, month)
        else:
            found = _recent(_MONTHS[m[1].lower()], int(m[2]), published)
        return (min(found, published), m.end()) if found else None
    m = _BARE_MONTH.match(text, pos)
    if m is None:
        return None
    end_of_month = _recent(_MONTHS[m[1].lower()], None, published)
    if end_of_month is None:
        return None
    found = end_of_month.replace(day=1) if first_day else end_of_month
    return found, m.end()


# "over the past six months", "in the last year": a period back from the text's own date
# ("the past few months" says no length: its words are blanked, no start is read)
_BACK_PERIOD = regex(
    r"\b(?:over|in|during|across|within|for)\s+the\s+(?:past|last|previous)\s+"
    r"(?:(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"a\s+couple\s+of)\s+|(?P<vague>few|several|couple\s+of)\s+)?"
    r"(?P<unit>week|month|year)s?\b",
    re.IGNORECASE,
)


def _back_period(sentence: str, published: date) -> tuple[date | None, date | None, str] | None:
    m = _BACK_PERIOD.search(sentence)
    if m is None:
        return None
    blanked = sentence[: m.start()] + " " * (m.end() - m.start()) + sentence[m.end() :]
    if m["vague"]:
        return None, None, blanked
    n = (m["n"] or "1").lower()
    count = int(n) if n.isdigit() else _WORD_COUNTS[re.sub(r"\s+", " ", n)]
    return published - timedelta(days=count * _UNIT_DAYS[m["unit"].lower()]), None, blanked


def find_period(sentence: str, published: date) -> tuple[date | None, date | None, str]:
    """A period the sentence names (start, end), and the sentence with the period's
    words blanked out, so that `find_date` on it finds only the claim's own date."""
    if (back := _back_period(sentence, published)) is not None:
        return back
    for cue in _PERIOD_CUE.finditer(sentence):
        start = _date_at(sentence, cue.end(), published, first_day=True)
        if start is None and cue.group().lower().startswith("since"):
            # "Since DeepSeek shipped its R1 update on May 28, ...": the event's date
            # starts the period as much as "since May 28" does
            event = _EVENT_DATE.match(sentence, cue.end())
            start = _date_at(sentence, event.end(), published, True) if event else None
        if start is None:
            continue
        first, end_pos = start
        last: date | None = None
        joined = _PERIOD_END.match(sentence, end_pos)
        if joined:
            found = _date_at(sentence, joined.end(), published, first_day=False)
            if found is not None:
                last, end_pos = found
        if cue.group().lower().startswith("between") and last is None:
            continue  # "between January and ..." with no end is no period
        blanked = sentence[: cue.start()] + " " * (end_pos - cue.start()) + sentence[end_pos:]
        return first, last, blanked
    return None, None, sentence


# Same matches, found sooner: literal checks before the patterns (bot/extract/prefilter.py).
from bot.extract.prefilter import prefilter_patterns  # noqa: E402

prefilter_patterns(globals())
