"""Dates stated in text: explicit dates, and relative ones resolved against a known base date.

Rule: a relative expression ("today", "yesterday", "on Tuesday") gives a date only when the
publication date is known; a day and month without a year ("on July 4th", "17 September")
take the year of a date the text states (:func:`partial_dates`), else give nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_PATTERNS = [
    # 3 and 4 May 2021, 23-24 July 2017, the 3rd and 4th of May 2021, 7 February 2019
    re.compile(r"(?:the\s+)?" + _DAY + r"(?:\s*(?:and|-|–|to)\s*(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?)?\s+(?:of\s+)?"
               + _MONTH + r",?\s+(\d{4})\b"),
    # June 17, 2020
    re.compile(_MONTH + r"\s+" + _DAY + r",?\s+(\d{4})\b"),
    # 30.06.2008
    re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b"),
    # 17-18/07/2017, 30/06/2008: day first, read only when the day cannot be a month
    re.compile(r"\b(\d{1,2})(?:\s*[-–]\s*\d{1,2})?/(\d{1,2})/(\d{4})\b"),
]
_PARTIAL = [
    # 4 July, 4th of July, 17-18 September (no year follows)
    re.compile(r"(?:the\s+)?" + _DAY + r"(?:\s*(?:and|-|–|to)\s*\d{1,2}(?:st|nd|rd|th)?)?\s+(?:of\s+)?" + _MONTH
               + r"(?!,?\s+\d{4})\b"),
    # July 4th, July 5 (Mon)
    re.compile(_MONTH + r"\s+" + _DAY + r"(?!\d|,?\s+\d{4})\b"),
]
_RELATIVE = re.compile(
    r"\b(today|tonight|this (?:morning|afternoon|evening)|yesterday|tomorrow|"
    r"on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b", re.IGNORECASE)
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


@dataclass(frozen=True)
class DateMention:
    value: date
    start: int
    end: int
    explicit: bool


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def explicit_dates(text: str, offset: int = 0) -> list[DateMention]:
    """Every full date (day, month and year) written in ``text``."""
    found: list[DateMention] = []
    for i, pattern in enumerate(_PATTERNS):
        for m in pattern.finditer(text):
            if i == 0:
                value = _safe_date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
            elif i == 1:
                value = _safe_date(int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2)))
            elif i == 2 or int(m.group(1)) > 12:
                value = _safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            else:
                value = None  # "05/07/2017": day-month or month-day, the text does not say
            if value and not any(f.start <= m.start() + offset < f.end for f in found):
                found.append(DateMention(value, m.start() + offset, m.end() + offset, True))
    return sorted(found, key=lambda d: d.start)


def relative_dates(text: str, base: date | None, offset: int = 0) -> list[DateMention]:
    """'today', 'yesterday', 'on Tuesday' ... resolved against ``base``; nothing when base is None."""
    if base is None:
        return []
    found = []
    for m in _RELATIVE.finditer(text):
        word = m.group(1).lower()
        if word == "yesterday":
            value = base - timedelta(days=1)
        elif word == "tomorrow":
            value = base + timedelta(days=1)
        elif word.startswith("on "):
            target = _WEEKDAYS.index(word[3:])
            value = base - timedelta(days=(base.weekday() - target) % 7)
        else:
            value = base
        found.append(DateMention(value, m.start() + offset, m.end() + offset, False))
    return found



def partial_dates(text: str, year_of: date | None, offset: int = 0) -> list[DateMention]:
    """Days and months without a year ("on July 4th", "17 September"), in the year of ``year_of`` (a date
    the text states); half a year or more after it, the year before; a few weeks after it, nothing (planned)."""
    if year_of is None:
        return []
    found: list[DateMention] = []
    for i, pattern in enumerate(_PARTIAL):
        for m in pattern.finditer(text):
            day, month = (m.group(1), m.group(2)) if i == 0 else (m.group(2), m.group(1))
            value = _safe_date(year_of.year, MONTHS[month.lower()], int(day))
            if value and value > year_of + timedelta(days=7):
                # late in the year from an early date: last year's ("on 28 December" in January);
                # weeks ahead: a planned event, which dates no meeting reported
                late = value - year_of > timedelta(days=180)
                value = _safe_date(year_of.year - 1, MONTHS[month.lower()], int(day)) if late else None
            if value and not any(f.start <= m.start() + offset < f.end for f in found):
                found.append(DateMention(value, m.start() + offset, m.end() + offset, True))
    return sorted(found, key=lambda d: d.start)
