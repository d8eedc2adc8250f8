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
DATE_LINE = re.compile(rf"^\(?\s*{RANGE.pattern}\s*\)?\.?$", re.IGNORECASE)


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
