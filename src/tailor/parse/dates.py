"""Dates as CVs write them -> (start, end) as YYYY-MM, YYYY or 'present'."""

from __future__ import annotations

import re

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12,
    "december": 12,
}  # fmt: skip
SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
PRESENT = {"present", "now", "current", "today", "ongoing", "date"}

_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_SEASON = r"(?:" + "|".join(SEASONS) + r")"
_POINT = (
    rf"(?:{_MONTH}\s*,?\s*\d{{4}}|{_SEASON}\s+\d{{4}}|\d{{1,2}}/\d{{4}}|\d{{4}}-\d{{2}}(?!\d)"
    rf"|\d{{4}}/\d{{2}}(?!\d)|\d{{4}})"
)
_END = rf"(?:{_POINT}|present|now|current|today|ongoing|date)"
_SEPARATOR = r"\s*(?:-|–|—|to|until|till|→|~)\s*"
RANGE = re.compile(rf"(?P<start>{_POINT})(?:{_SEPARATOR}(?P<end>{_END}))?", re.IGNORECASE)
# A note after the dates keeps the line a date line: "2010-2014 (expected)".
DATE_NOTE = r"(?:\s*\((?:expected|anticipated|exp\.?|current|ongoing|planned)\))?"
DATE_LINE = re.compile(rf"^\(?\s*{RANGE.pattern}\s*\)?{DATE_NOTE}\.?$", re.IGNORECASE)


def parse_point(text: str) -> str | None:
    """Gives one date as 'YYYY-MM', 'YYYY' or 'present', or None if it is not one."""
    value = text.strip().lower().rstrip(".")
    if value in PRESENT:
        return "present"
    if match := re.fullmatch(rf"({_MONTH})\s*,?\s*(\d{{4}})", value, re.IGNORECASE):
        month = MONTHS[match.group(1).rstrip(".").lower()]
        return f"{match.group(2)}-{month:02d}"
    if match := re.fullmatch(rf"({_SEASON})\s+(\d{{4}})", value):
        return f"{match.group(2)}-{SEASONS[match.group(1)]:02d}"
    if match := re.fullmatch(r"(\d{1,2})/(\d{4})", value):
        month = int(match.group(1))
        return f"{match.group(2)}-{month:02d}" if 1 <= month <= 12 else None
    if match := re.fullmatch(r"(\d{4})[-/](\d{2})", value):
        month = int(match.group(2))
        return f"{match.group(1)}-{month:02d}" if 1 <= month <= 12 else None
    if re.fullmatch(r"(19|20)\d{2}", value):
        return value
    return None


def parse_range(text: str) -> tuple[str | None, str | None]:
    """Gives (start, end) of a date or date range; a single date is both start and end."""
    match = RANGE.search(text)
    if not match:
        return None, None
    start = parse_point(match.group("start"))
    end = parse_point(match.group("end")) if match.group("end") else start
    return start, end


def is_date_line(text: str) -> bool:
    """Tells whether the whole line is a date or a date range."""
    match = DATE_LINE.match(text.strip())
    return match is not None and parse_point(match.group("start")) is not None


LEADING_RANGE = re.compile(rf"^\(?\s*(?:{RANGE.pattern})(?:\s*\))?", re.IGNORECASE)
DANGLING_RANGE = re.compile(rf"{_POINT}{_SEPARATOR}$", re.IGNORECASE)
END_POINT = re.compile(rf"^{_END}\b", re.IGNORECASE)


def split_leading_dates(text: str) -> tuple[str, str | None]:
    """Gives (rest, dates) where a line starts with dates: '2018 – 2021 Data Scientist'."""
    match = LEADING_RANGE.match(text.strip())
    if match is None or parse_point(match.group("start")) is None:
        return text, None
    rest = text.strip()[match.end() :]
    # The dates must stand apart from what follows ("2019: Role", "2019 – 2021 Role").
    if rest and not re.match(r"\s|[:|,–—-]", rest):
        return text, None
    rest = rest.strip(" \t:|,–—-")
    if not rest or not re.match(r"[\w(\"'*]", rest):
        return text, None
    return rest, match.group(0).strip(" ()")


def ends_with_open_range(text: str) -> bool:
    """Tells whether a line ends in a date and a range separator ('2021 –'): the end follows."""
    return DANGLING_RANGE.search(text.strip()) is not None


def starts_with_end_point(text: str) -> bool:
    """Tells whether a line starts with a date or 'Present', the end of a range begun above."""
    return END_POINT.match(text.strip()) is not None
