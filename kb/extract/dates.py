"""Relative time expressions resolved against the publication date."""

from __future__ import annotations

import re
from datetime import date, timedelta

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
_EXPR = re.compile(
    r"\b(?:(?:on|last|this|since)\s+(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|(?P<yesterday>yesterday)|(?P<today>today|tonight)"
    r"|(?P<n>\d+|two|three|four|five|six|seven|ten)\s+(?P<unit>days?|weeks?)\s+ago"
    r"|(?P<lastweek>last week)|(?P<lastmonth>last month)"
    r"|(?:on\s+)?(?P<month>jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    r"(?:,\s*(?P<year>\d{4}))?)\b",
    re.I,
)
_WORDNUM = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10}


def resolve_time(text: str, published: date | None) -> date | None:
    """The date of the first time expression in ``text`` (None when none or no anchor)."""
    m = _EXPR.search(text)
    if not m:
        return None
    if m.group("year") and m.group("month"):
        key = m.group("month").lower()
        try:
            return date(
                int(m.group("year")), _MONTHS.get(key, _MONTHS[key[:3]]), int(m.group("day"))
            )
        except (ValueError, KeyError):
            return None
    if published is None:
        return None
    if m.group("wd"):
        target = _WEEKDAYS.index(m.group("wd").lower())
        delta = (published.weekday() - target) % 7
        return published - timedelta(days=delta)
    if m.group("yesterday"):
        return published - timedelta(days=1)
    if m.group("today"):
        return published
    if m.group("n"):
        n = m.group("n").lower()
        count = int(n) if n.isdigit() else _WORDNUM[n]
        days = count * (7 if m.group("unit").lower().startswith("week") else 1)
        return published - timedelta(days=days)
    if m.group("lastweek"):
        return published - timedelta(days=7)
    if m.group("lastmonth"):
        first = published.replace(day=1)
        return (first - timedelta(days=1)).replace(day=1)
    if m.group("month"):
        key = m.group("month").lower()
        month = _MONTHS.get(key, _MONTHS.get(key[:3]))
        try:
            d = date(published.year, month, int(m.group("day")))
        except (ValueError, TypeError):
            return None
        if d > published:
            d = d.replace(year=published.year - 1)
        return d
    return None
