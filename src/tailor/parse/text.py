"""Plain-text and Markdown CVs -> Profile.

The layouts this reader understands:

- a name and contact lines on top (``Email:`` labels and the icon-font names PDF converters leave
  behind are dropped from the contacts);
- headings as ``#`` or setext lines, UPPERCASE lines, bold lines, short lines ending in a colon,
  and lines made of heading words only ("Work Experience", "Skill Details");
- entries as a title line followed by subtitle, location and date lines (before or after the
  bullets); on one line ("Title | Company | Dates", "Company — Role (2019–2021)",
  "2018 – 2021 Role, Company, City, Country"); with their dates on the line before; as a bold
  list item over sub-items (its bold sub-items are roles at that organisation); as deeper
  Markdown headings than the sections';
- bullets as ``-``, ``*``, ``•`` and the other glyphs CVs use, or numbers; a sentence on its own
  line under an entry is a bullet too;
- text exported from PDFs: lines wrapped at the margin are joined again, page numbers set aside;
- flattened text (the Kaggle résumé dataset, exported from Indeed): headings and bullets glued
  into one long line are split, ``company - X`` / ``description - Y`` fields read, mojibake
  ('â€¢', 'Ã©') repaired.

Every non-empty line lands in the model or in ``unplaced`` with a reason. What is dropped is
markup, never CV text: setext underlines (part of their heading, like a '#'), the field names
of ``company - X``, and contact labels and icon names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Literal

from tailor.load import repair_mojibake
from tailor.model import (
    Bullet,
    Contact,
    Entry,
    Header,
    Profile,
    Section,
    SectionKind,
    SkillGroup,
    Unplaced,
)
from tailor.parse.dates import (
    RANGE,
    ends_with_open_range,
    is_date_line,
    parse_range,
    split_leading_dates,
    starts_with_end_point,
)
from tailor.parse.places import COUNTRIES, US_STATES, is_location
from tailor.parse.sections import classify_heading, is_heading_phrase
from tailor.text import normalize_spaces, strip_inline_marks, strip_symbols

# Glyphs that only ever mark a list item, so they may touch the text ("•Led ...") and may be
# split out of a flattened line; \u202a is what a Word bullet becomes in the Kaggle résumés.
GLUED_GLYPHS = "•▪►◦●■➢➤✓✔❖♦✶➔\u202a\uf000-\uf8ff"
# Glyphs that are list marks only when a space follows ("- x", "o x", "Ø x" from Wingdings).
SPACED_GLYPHS = r"\-*–·○□◆◇→∙−Ø"
BULLET = re.compile(
    rf"^\s*(?:[{GLUED_GLYPHS}]\s*|(?:[{SPACED_GLYPHS}]|o|\d{{1,2}}[.)])\s+)(?P<text>\S.*)$"
)
MD_HEADING = re.compile(r"^\s{0,3}(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
BOLD_LINE = re.compile(r"^\s*(\*\*|__)(?P<text>[^*_]+?)\1\s*:?\s*$")
BOLD_ONLY = re.compile(r"^(\*\*|__)(?P<text>[^*_]+?)\1\s*:?$")
UNDERSCORE_BOLD = re.compile(r"(?<!\w)__(?=\S)(?P<text>[^_]*[\s:][^_]*?)(?<=\S)__(?!\w)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"^[+\d\s().\-–]{7,}$")
URL = re.compile(r"^(?:https?://|www\.)\S+$|^[\w-]+(?:\.[\w-]+)+/\S*$|linkedin|github", re.I)
URL_TOKEN = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)+/\S*")
LINK = re.compile(r"^\[(?P<text>[^\]]+)\]\((?P<url>[^)]*)\)$")
CONTACT_LABELS = r"(?:e-?mail(?:\s+id)?|phone|mobile|mob|tel|telephone|cell|address)"
CONTACT_LABEL = re.compile(rf"^{CONTACT_LABELS}\s*(?:no\.?)?\s*[:\-–]\s*", re.I)
# A label with nothing after it: "email" where a template's address was left out.
BARE_LABEL = re.compile(rf"^{CONTACT_LABELS}\s*:?$", re.I)
# A label that says its value is a place: "Residence: Petah Tikva", "Location: Bat Yam".
# The place may stand in the next cell ("Residence:<tab>Petah Tikva").
# "City" and "home town" need their colon: "City University London" is no label.
LOCATION_LABEL = re.compile(
    r"^(?:(?:residence|location|current location|based in)(?:\s*[:\-–]\s*|\s+|$)"
    r"|(?:city|home town)\s*(?:[:\-–]\s*|$))(?P<place>\S.{0,58})?$",
    re.I,
)
# PDF converters write icon fonts as their names: "obile-alt (123) 456-7890", "envelope x@y.z".
ICON_NAME = re.compile(
    r"^\S*?(?:m?obile(?:-alt)?|phone(?:-alt)?|envelope|map-marker(?:-alt)?|globe)\s+(?=\S)", re.I
)
SKILL_LINE = re.compile(r"^(?P<label>[^:]{1,40}):\s*(?P<items>.+)$")
SUB_SKILLS = re.compile(r"^(?P<label>[^,:]{1,30}?)\s+[-–:]\s+(?P<items>[^,]+,.+)$")
SKILL_EXPERIENCE = re.compile(
    r"\s*-\s*Experience\s*-\s*(?:less than \d+ years?|\d+)(?:\s*months?)?\s*$", re.I
)
# Labelled lines that list an entry's tools rather than start an entry: "Technologies: Java".
DETAIL_LABEL = re.compile(
    r"\b(?:technolog\w*|tools?|environments?|databases?|frameworks?|languages?|stack|platforms?"
    r"|skills?|libraries|software|tech)\b",
    re.IGNORECASE,
)
TRAILING_YEAR = re.compile(r"\b(19|20)\d{2}\.?\s*$")
ROLE = re.compile(
    r"\b(engineer|developer|scientist|researcher|lead(er)?|manager|director|intern|analyst"
    r"|architect|consultant|head|officer|assistant|associate|specialist|fellow|professor"
    r"|lecturer|teacher|designer|administrator|coordinator|president|founder|cto|ceo)\b",
    re.IGNORECASE,
)
CONTACT_WORD = re.compile(
    r"\b(?:e-?mail|phone|mobile|linkedin|github|address|location|website)\b", re.IGNORECASE
)
CONTACT_SPLIT = re.compile(r"\s*(?:\||•|·|\u2022|\t|\s{3,})\s*")
TITLE_SEPARATOR = re.compile(r"\s+(?:\||•|—|–|-)\s+")
LIST_KINDS: set[SectionKind] = {"awards", "publications"}
TEXT_KINDS: set[SectionKind] = {"summary", "interests"}
# Sections whose lines are entries: an unknown UPPERCASE line there titles an entry.
ENTRY_KINDS: set[SectionKind] = {"experience", "projects", "research", "service", "education"}

# --- the layout pass: markup, flattened text, wrapped lines ----------------------------------

LineKind = Literal["text", "blank", "unplaced", "title", "label", "record", "company"]

HTML_OR_TEMPLATE = re.compile(
    r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}|</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>|<!--.*?-->"
)
FRONT_MATTER_FENCE = re.compile(r"^(?:---|\+\+\+)\s*$")
FRONT_MATTER_LINE = re.compile(r"^\s*(?:#.*|[\w-]+\s*:.*|-\s.*|\s+\S.*)?$")
RULE = re.compile(r"^\s{0,3}([-*_=])(?:\s*\1){2,}\s*$")
SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
BLOCKQUOTE = re.compile(r"^\s{0,3}>\s?")
DEFINITION = re.compile(r"^:\s+(?=\S)")
HARD_BREAK = re.compile(r"\s*\\$")
PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,3}\s*(?:/|of)\s*\d{1,3}$|^-\s*\d{1,3}\s*-$", re.I)
# The Indeed export behind the Kaggle résumé dataset: fixed headings and fields.
INDEED_HEADING = re.compile(r"^(?:Education|Skill|Company) Details$")
INDEED_GLUED = re.compile(r"(?<=\S)\s*(?=(?:Education|Skill|Company) Details\b)")
INDEED_AFTER = re.compile(r"\b((?:Education|Skill|Company) Details)[ \t]+(?=\S)")
INDEED_FIELD = re.compile(r"(?<=\S)\s+(?=(?:company|description) - )")
INDEED_SKILL_END = re.compile(
    r"(Experience\s*-\s*(?:Less than 1 year|\d+)\s*months)[ \t]+(?=\S)", re.IGNORECASE
)
COMPANY_FIELD = re.compile(r"^\s*company -(?:\s+(?P<text>.*))?$")
DESCRIPTION_FIELD = re.compile(r"^\s*description -(?:\s+(?P<text>.*))?$")
GLUED_SPLIT = re.compile(rf"(?<=\S)\s*(?=[{GLUED_GLYPHS}])")
STAR_SPLIT = re.compile(r"(?<=\S)\s+(?=\*\s+[A-Z(])")
NUMBERED = re.compile(r"(?:(?<=\s)|^)(?P<number>\d{1,2})[.)]\s+(?=\S)")
# Words a wrapped line can end on but a finished one cannot.
CONNECTORS: frozenset[str] = frozenset({
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "including", "into", "like", "of",
    "on", "or", "the", "to", "via", "with",
})  # fmt: skip
FLATTENED_LENGTH = 150
# Words that stay hyphenated when a line breaks after them ("self-" + "motivated").
HYPHEN_PREFIXES: frozenset[str] = frozenset({
    "back", "best", "client", "cloud", "co", "cost", "cross", "data", "day", "end", "first",
    "front", "full", "hands", "high", "long", "low", "multi", "non", "one", "open", "part", "peer",
    "pre", "real", "self", "short", "state", "team", "time", "user", "well", "world",
})  # fmt: skip
# Words whose full stop ends an abbreviation, not a sentence ("Acme Holdings Ltd.").
ABBREVIATIONS: frozenset[str] = frozenset({
    "co", "corp", "dept", "dr", "etc", "inc", "jr", "llc", "llp", "ltd", "mr", "mrs", "ms", "no",
    "pvt", "sr", "st", "vs",
})  # fmt: skip


@dataclass
class Line:
    """One line as the reader sees it after the layout pass, with its line in the source."""

    text: str
    number: int
    kind: LineKind = "text"
    level: int = 0
    reason: str = ""
    tail: str = ""  # the last source line joined into this one, where lines were joined


def indent_of(text: str) -> int:
    """Gives the width of a line's leading white space, a tab counting four."""
    return len(text) - len(text.lstrip()) + 3 * text[: len(text) - len(text.lstrip())].count("\t")


def plain_text(text: str) -> str:
    """Gives the text with inline marks removed, ``__bold__`` included."""
    return strip_inline_marks(UNDERSCORE_BOLD.sub(r"\g<text>", text))


def mark_markup(lines: list[Line]) -> None:
    """Sets aside Markdown and HTML markup that is not CV text; turns setext lines into headings."""
    in_comment = False
    for line in lines:
        if line.kind != "text":
            continue
        stripped = line.text.strip()
        if in_comment or stripped.startswith("<!--"):
            in_comment = "-->" not in stripped
            line.kind, line.reason = "unplaced", "HTML comment"
    mark_front_matter(lines)
    previous: Line | None = None
    for line in lines:
        if line.kind == "text":
            mark_markup_line(line, previous)
        previous = line if line.kind != "unplaced" else previous


def mark_front_matter(lines: list[Line]) -> None:
    """Sets aside a YAML front matter block (Jekyll pages) at the top of the file."""
    body = [line for line in lines if line.kind != "unplaced"]
    first = next((line for line in body if line.kind == "text"), None)
    if first is None or not FRONT_MATTER_FENCE.match(first.text):
        return
    start = body.index(first)
    for index in range(start + 1, min(len(body), start + 100)):
        line = body[index]
        if line.text.strip() in ("---", "...", "+++"):
            for item in body[start : index + 1]:
                if item.kind == "text":
                    item.kind, item.reason = "unplaced", "front matter"
            return
        if not FRONT_MATTER_LINE.match(line.text):
            return


def mark_markup_line(line: Line, previous: Line | None) -> None:
    """Reads one line's markup: template tags, rules, setext underlines, quotes, page numbers."""
    stripped = line.text.strip()
    if HTML_OR_TEMPLATE.search(stripped) and not HTML_OR_TEMPLATE.sub("", stripped).strip():
        line.kind, line.reason = "unplaced", "HTML or template markup, no CV text"
        return
    if PAGE_NUMBER.match(stripped):
        line.kind, line.reason = "unplaced", "page number"
        return
    under_text = (
        previous is not None
        and previous.kind == "text"
        and not BULLET.match(previous.text)
        and not MD_HEADING.match(previous.text)
        and not RULE.match(previous.text)
    )
    if under_text and previous is not None and (setext := SETEXT.match(stripped)):
        level = 1 if setext.group(1).startswith("=") else 2
        previous.text = f"{'#' * level} {previous.text.strip()}"
        line.kind = "blank"  # the underline is the heading's markup, like its '#'
        return
    if RULE.match(stripped):
        line.kind, line.reason = "unplaced", "horizontal rule, no CV text"
        return
    text = BLOCKQUOTE.sub("", line.text)
    text = DEFINITION.sub("", HARD_BREAK.sub("", text))
    if not text.strip():
        line.kind = "blank"
    line.text = text


def split_indeed(text: str) -> list[str]:
    """Gives the pieces of a line of an Indeed export: its headings and fields on their own."""
    text = INDEED_GLUED.sub("\n", text)
    text = INDEED_AFTER.sub(r"\1\n", text)
    text = INDEED_FIELD.sub("\n", text)
    text = INDEED_SKILL_END.sub(r"\1\n", text)
    return text.split("\n")


def inline_heading(text: str, *, first: bool) -> tuple[str, str] | None:
    """Gives (heading, rest) where a flattened line opens with a heading and a list: 'Skills • ...'.

    A heading followed by a colon opens a section only on a long line before any other heading
    (a résumé flattened into its first line); elsewhere 'Tools: Python, SQL' is a labelled line.
    """
    words = list(re.finditer(r"\S+", text))
    for count in range(min(4, len(words)), 0, -1):
        end = words[count - 1].end()
        head = text[:end]
        rest = text[end:].strip()
        colon = head.endswith(":")
        head = head.rstrip(":").strip()
        opens_list = bool(re.match(rf"[{GLUED_GLYPHS}]|\*\s|\d{{1,2}}[.)]\s", rest))
        flattened = opens_list or (first and colon and len(text) > FLATTENED_LENGTH)
        if rest and flattened and is_known_heading(head):
            return head, rest
    return None


def numbered_starts(text: str) -> list[int]:
    """Gives where the items of an inline numbered list ('1. a 2. b 3. c') start."""
    starts: list[int] = []
    expected = 1
    for match in NUMBERED.finditer(text):
        number = int(match.group("number"))
        if number == expected or (number == 1 and starts):
            starts.append(match.start())
            expected = number + 1
    return starts if len(starts) >= 2 else []


def split_glued(text: str, *, first: bool = False) -> list[str]:
    """Gives the pieces of a flattened line: an opening heading, then one piece per list item."""
    pieces: list[str] = []
    body = text
    if found := inline_heading(text.strip(), first=first):
        pieces.append(found[0])
        body = found[1]
    flattened = (
        bool(pieces) or len(body) > FLATTENED_LENGTH or BULLET.match(body) is not None
    ) and not MD_HEADING.match(body)
    if not flattened:
        return [*pieces, body]
    for part in GLUED_SPLIT.split(body):
        for item in STAR_SPLIT.split(part):
            starts = numbered_starts(item)
            if not starts:
                pieces.append(item)
                continue
            bounds = [0, *starts] if starts[0] > 0 else starts
            pieces += [item[a:b] for a, b in zip(bounds, [*bounds[1:], len(item)], strict=True)]
    return [piece.rstrip() for piece in pieces if piece.strip()]


def split_flattened(lines: list[Line], *, indeed: bool) -> list[Line]:
    """Gives the lines with flattened ones split, and Indeed fields read."""
    result: list[Line] = []
    seen_heading = False
    for line in lines:
        if line.kind != "text":
            result.append(line)
            continue
        for piece in split_indeed(line.text) if indeed else [line.text]:
            if not piece.strip():
                continue
            if indeed and (company := COMPANY_FIELD.match(piece)):
                value = (company.group("text") or "").strip()
                result.append(
                    Line(value, line.number, "company")
                    if value
                    else Line(piece.strip(), line.number, "unplaced", reason="empty company field")
                )
                continue
            if indeed and (description := DESCRIPTION_FIELD.match(piece)):
                piece = description.group("text") or ""
                if not piece.strip():
                    result.append(
                        Line(line.text.strip(), line.number, "unplaced", reason="empty description")
                    )
                    continue
            pieces = split_glued(piece, first=not seen_heading)
            seen_heading = seen_heading or any(heading_of(text) for text in pieces)
            result += [Line(text, line.number) for text in pieces]
    return result


def mark_indeed_education(lines: list[Line]) -> None:
    """Reads an Indeed 'Education Details' block: one record a line, then the résumé's headline."""
    runs: list[list[Line]] | None = None  # the blocks of the Education Details being read
    for line in [*lines, Line("Skill Details", 0)]:
        heading = line.kind == "text" and INDEED_HEADING.match(line.text.strip())
        if heading and runs is not None:
            # Indeed puts the job title the résumé is for right under the schooling, then
            # again before the skills: the last line of the first run and all after it.
            headline = [item for run in runs[1:] for item in run]
            if runs[0]:
                headline.insert(0, runs[0].pop())
            for item in runs[0]:
                item.kind = "record"
            for item in headline:
                item.kind, item.reason = "unplaced", "headline: the job title the résumé is for"
            runs = None
        if heading:
            runs = [[]] if line.text.strip() == "Education Details" else None
        elif runs is not None and line.kind == "blank":
            runs.append([])
        elif runs is not None and line.kind == "text":
            runs[-1].append(line)


def wrap_width(lines: list[Line]) -> int:
    """Gives the width the text was wrapped at: the length most long lines reach."""
    lengths = sorted(len(line.text.rstrip()) for line in lines if line.kind == "text")
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0


def stands_alone(text: str) -> bool:
    """Tells whether a line starts something of its own: a bullet, heading, date, field, label."""
    stripped = text.strip()
    return bool(
        BULLET.match(text)
        or heading_of(text)
        or is_date_line(plain_text(stripped))
        or split_leading_dates(stripped)[1]
        or re.match(r"^[A-Z][\w &/()'’.-]{0,30}?\s?:(?:\s|$)", stripped)
    )


def continues(previous: str, text: str, width: int) -> bool:
    """Tells whether a line continues the one above it, wrapped at the margin."""
    before = previous.rstrip()
    after = text.strip()
    if not before or not after or heading_of(previous) or BULLET.match(text):
        return False
    if SKILL_EXPERIENCE.search(before) or SKILL_EXPERIENCE.search(after):
        return False  # Indeed's skill lines, one skill each
    if is_date_line(plain_text(BULLET.sub(r"\g<text>", before))):
        return False
    # A line ending mid-phrase continues even onto what looks like a heading ('..., Cambridge,'
    # over 'USA').
    if re.search(r"[A-Za-z]-$", before) and after[0].isalpha() and not MD_HEADING.match(text):
        return True  # a word hyphenated at the margin
    if before.endswith((",", "&", "/", "(")) and not MD_HEADING.match(text):
        return not (is_date_line(after) or split_leading_dates(after)[1])
    if stands_alone(text):
        return False
    last = before.split()[-1].lower()
    if last in CONNECTORS or (after[0].islower() and not before.endswith((".", "!", "?", ":"))):
        return True
    if width < 60 or len(before) < 0.8 * width or re.search(r"[.!?:;]$", before):
        return False
    # Only running text wraps: sentences or lists, not a long one-line entry title.
    words = before.split()
    running = sum(word[:1].islower() for word in words) >= 0.3 * len(words)
    return (running or before.count(",") >= 3) and not split_leading_dates(before)[1]


def join_lines(lines: list[Line]) -> list[Line]:
    """Gives the lines with wrapped ones joined: ranges split over two lines, margins, hyphens."""
    width = wrap_width(lines)
    result: list[Line] = []
    # Header lines are short items (name, contacts, headline) that never wrap.
    in_header = True
    for line in lines:
        previous = result[-1] if result else None
        in_header = in_header and not (line.kind == "text" and heading_of(line.text))
        if line.kind == "blank" or in_header:
            result.append(line)
            continue
        if line.kind == "text" and previous is not None and previous.kind == "text":
            if ends_with_open_range(previous.text) and starts_with_end_point(line.text):
                previous.text = f"{previous.text.rstrip()} {line.text.strip()}"
                continue
            # Judge by the source line above, not by what was joined to it so far.
            if continues(previous.tail or previous.text, line.text, width):
                previous.tail = line.text
                before = previous.text.rstrip()
                after = line.text.strip()
                if re.search(r"[A-Za-z]-$", before) and after[0].isalpha():
                    # "Devel-" + "oping" is one word; "end-to-" + "end", "self-" + "motivated"
                    # and "Scikit-" + "Learn" keep their hyphen.
                    stem = before.split()[-1][:-1]
                    joined = "-" in stem or stem.lower() in HYPHEN_PREFIXES or after[0].isupper()
                    previous.text = (before if joined else before[:-1]) + after
                else:
                    previous.text = f"{before} {after}"
                continue
        result.append(line)
    return result


def mark_nested(lines: list[Line]) -> None:
    """Marks list items with sub-items: a bold one titles an entry, one ending in ':' labels."""
    body = [line for line in lines if line.kind == "text"]
    for line, below in pairwise(body):
        bullet = BULLET.match(line.text)
        if bullet is None or not BULLET.match(below.text):
            continue
        if indent_of(below.text) <= indent_of(line.text):
            continue
        inner = bullet.group("text").strip()
        level = indent_of(line.text)
        if bold := BOLD_ONLY.match(inner):
            line.kind, line.text, line.level = "title", bold.group("text").strip(), level
        elif inner.endswith(":"):
            line.kind, line.text, line.level = "label", inner, level


def layout_lines(text: str) -> list[Line]:
    """Gives the lines of a CV as the reader reads them, each with its line in the source."""
    lines = [
        Line(raw, number, "text" if raw.strip() else "blank")
        for number, raw in enumerate(repair_mojibake(text).split("\n"), start=1)
    ]
    mark_markup(lines)
    # Both of Indeed's list headings, so a CV that merely says "Education Details" is left alone.
    indeed = "Skill Details" in text and "Company Details" in text
    lines = split_flattened(lines, indeed=indeed)
    if indeed:
        mark_indeed_education(lines)
    lines = join_lines(lines)
    mark_nested(lines)
    return lines


# --- headings, contacts, skills and titles ---------------------------------------------------


@dataclass
class Heading:
    """A heading line: its text, its Markdown depth, and whether it names a known section."""

    text: str
    level: int  # the number of '#', 0 for other headings
    known: bool  # names a section we know, rather than only looking like a heading


def is_known_heading(text: str) -> bool:
    """Tells whether a heading names a known section: heading words only, or ending in one."""
    words = text.split()
    if not words:
        return False
    upper = text.isupper()
    phrase = (upper or text[:1].isupper()) and is_heading_phrase(text)
    if phrase and (upper or classify_heading(text) is not None):
        return True
    # "WORK EXPERINCE", "OTHER PROJECTS (2019)": the last word names the section.
    return upper and classify_heading(words[-1].strip("():")) is not None


def heading_of(line: str) -> Heading | None:
    """Gives the heading a line makes, or None if it is not a heading line."""
    if BULLET.match(line) and not MD_HEADING.match(line):
        return None
    if match := MD_HEADING.match(line):
        text = strip_inline_marks(match.group("text"))
        known = classify_heading(text) is not None or is_heading_phrase(text)
        return Heading(text, len(match.group("hashes")), known)
    plain = plain_text(line).strip()
    if not plain or len(plain.split()) > 6 or is_date_line(plain):
        return None
    if match := BOLD_LINE.match(line):
        candidate = match.group("text").strip().rstrip(":")
        return Heading(candidate, 0, True) if classify_heading(candidate) else None
    letters = [ch for ch in plain if ch.isalpha()]
    if (
        len(letters) >= 3
        and all(ch.isupper() for ch in letters)
        and not plain.endswith((".", ","))
        and not any(ch.isdigit() for ch in plain)
    ):
        text = plain.rstrip(":").strip()
        return Heading(text, 0, is_known_heading(text))
    if plain.endswith(":") and len(plain.split()) <= 4 and classify_heading(plain[:-1]):
        return Heading(plain[:-1].strip(), 0, True)
    if plain[:1].isupper() and is_heading_phrase(plain) and classify_heading(plain):
        return Heading(plain.rstrip(":").strip(), 0, True)
    return None


def heading_text(line: str, *, known_only: bool = False) -> str | None:
    """Gives the heading a line makes, or None if it is not one (known_only: a known section)."""
    heading = heading_of(line)
    if heading is None or (known_only and not heading.known and not heading.level):
        return None
    return heading.text


def parse_contacts(line: str) -> list[Contact]:
    """Gives the contact items of a header line: email, phone, links, location."""
    contacts: list[Contact] = []
    place_next = False  # a location label stood alone: its place is the next part
    for raw in CONTACT_SPLIT.split(line.strip()):
        part = strip_symbols(raw)
        if not part:
            continue
        if place_next:
            place_next = False
            contacts.append(Contact(kind="location", text=part))
            continue
        if BARE_LABEL.match(part):
            continue  # "email" with no address after it: a template's label left empty
        if link := LINK.match(part):
            url = link.group("url") or None
            contacts.append(Contact(kind="link", text=link.group("text"), url=url))
            continue
        if labelled := LOCATION_LABEL.match(part):
            if labelled.group("place"):
                contacts.append(Contact(kind="location", text=labelled.group("place").strip()))
            else:
                place_next = True
            continue
        part = plain_text(ICON_NAME.sub("", CONTACT_LABEL.sub("", part)))
        if EMAIL.fullmatch(part.removeprefix("mailto:")):
            contacts.append(Contact(kind="email", text=part.removeprefix("mailto:")))
        elif PHONE.match(part) and sum(ch.isdigit() for ch in part) >= 7:
            contacts.append(Contact(kind="phone", text=part))
        elif URL.search(part):
            token = URL_TOKEN.search(part)
            url = part if " " not in part else token.group() if token else None
            contacts.append(Contact(kind="link", text=part, url=url))
        elif is_location(part):
            contacts.append(Contact(kind="location", text=part))
        else:
            contacts.append(Contact(kind="other", text=part))
    return contacts


def split_skills(text: str) -> list[str]:
    """Gives the comma- or semicolon-separated items of a skills line (not inside brackets)."""
    items, depth, current = [], 0, ""
    for ch in text:
        depth += ch in "([{"
        depth -= ch in ")]}"
        if ch in ",;" and depth <= 0:
            items.append(current)
            current = ""
        else:
            current += ch
    items.append(current)
    return [item.strip().rstrip(".") for item in items if item.strip()]


def skill_items(text: str) -> list[str]:
    """Gives the skills of a line's item text, without Indeed's '- Experience - 24 months'."""
    items = [SKILL_EXPERIENCE.sub("", item).strip(" -") for item in split_skills(text)]
    return [item for item in items if item]


def split_trailing_dates(text: str) -> tuple[str, str | None]:
    """Gives (title, dates) where a title line ends in a date range after a separator."""
    for match in RANGE.finditer(text):
        tail = text[match.end() :].strip(" .)")
        head = text[: match.start()].rstrip()
        has_range = bool(match.group("end")) or not re.fullmatch(r"\d{4}", match.group("start"))
        # A bare year counts only after a clear separator ('Acme, 2017'), not 'Journal 2021'.
        separated = head[-1:] in ("|", "–", "—", ",", "(")
        if (not tail and head and (has_range or separated) and head[-1] in "|–—-,(\t:") or (
            not tail and head and has_range and re.search(r"\s{2,}$", text[: match.start()])
        ):
            return head.rstrip(" |–—-,(\t:"), text[match.start() :].strip(" ()")
    return text, None


def peel_location(text: str) -> tuple[str, str | None]:
    """Gives (rest, place) where a line ends in a place: 'OpenAI, San Francisco, USA'."""
    if bracket := re.search(r"\s*\((?P<place>[^()]+)\)\s*$", text):
        place = bracket.group("place").strip()
        parts = [part.strip().lower() for part in place.split(",")]
        if is_location(place) or (len(parts) > 1 and parts[0] in COUNTRIES):
            return text[: bracket.start()].rstrip(" ,"), place
    chunks = [chunk.strip() for chunk in text.split(",")]
    for size in (3, 2, 1):
        # Three parts only as city, state, country: 'OpenAI, San Francisco, USA' is two.
        if size == 3 and (len(chunks) < 4 or chunks[-2].lower() not in US_STATES):
            continue
        if len(chunks) > size and is_location(", ".join(chunks[-size:])):
            return ", ".join(chunks[:-size]), ", ".join(chunks[-size:])
    return text, None


def find_place(text: str) -> tuple[str, str | None]:
    """Gives (rest, place) of a part of a title line that is or ends in a place."""
    chunks = text.split(",")
    plain = plain_text(text)
    if is_location(plain) and (len(chunks) <= 2 or chunks[-2].strip().lower() in US_STATES):
        return "", plain
    return peel_location(text)


def split_title(text: str, *, dated: bool) -> tuple[str, str | None, str | None]:
    """Gives (title, subtitle, location) of a one-line entry: 'Role | Company | City, ST'."""
    parts = [part.strip() for part in TITLE_SEPARATOR.split(text) if part.strip()]
    location = None
    if len(parts) > 1:
        places = [find_place(part) for part in parts]
        found = next((index for index in range(len(parts) - 1, 0, -1) if places[index][1]), None)
        if not (dated or found or any(ROLE.search(part) for part in parts)):
            return text, None, None
        if found is not None:
            rest, location = places[found]
            parts[found : found + 1] = [rest] if rest else []
        return parts[0], ", ".join(parts[1:]) or None, location
    if not dated or "," not in text:
        return text, None, None
    rest, location = peel_location(text)
    title, *others = split_outside_marks(rest)
    return title.strip(" ,"), ", ".join(others).strip(" ,") or None, location


def split_outside_marks(text: str) -> list[str]:
    """Gives the comma-separated parts of a line, not splitting inside brackets or bold marks."""
    parts, depth, bold, current = [], 0, False, ""
    index = 0
    while index < len(text):
        if text.startswith("**", index):
            bold = not bold
            current += "**"
            index += 2
            continue
        ch = text[index]
        depth += ch in "([{"
        depth -= ch in ")]}"
        if ch == "," and depth <= 0 and not bold:
            parts.append(current.strip())
            current = ""
        else:
            current += ch
        index += 1
    parts.append(current.strip())
    return [part for part in parts if part]


def is_detail(plain: str) -> bool:
    """Tells whether a line is an entry's field: a label over what follows, or its tools."""
    if re.search(r":\s*-?$", plain):
        return True  # "Areas of responsibility:" over its bullets
    match = SKILL_LINE.match(plain)
    return match is not None and bool(DETAIL_LABEL.search(match.group("label")))


def is_prose(plain: str) -> bool:
    """Tells whether a line is a sentence (an achievement to rank) rather than a title or field."""
    words = plain.split()
    if len(words) < 4 or not re.match(r"[\w\"'‘“(]", plain) or split_leading_dates(plain)[1]:
        return False
    label = SKILL_LINE.match(plain)
    if label and len(label.group("label").split()) <= 3 and len(words) < 12:
        return False  # "Specialization: design of computing systems." is a field
    lower = sum(1 for word in words if word[:1].islower())
    ending = re.search(r"(\w+)[.!?][\"'’”)]*$", plain)
    # A full stop after "Ltd" or "B.Sc" ends an abbreviation, not a sentence.
    abbreviation = ending is not None and (
        ending.group(1).lower() in ABBREVIATIONS or re.search(r"\b\w\.\w+\.$", plain)
    )
    if ending and not abbreviation and lower >= 1:
        return True
    return len(words) >= 12 and lower >= 0.3 * len(words)


# --- the reader --------------------------------------------------------------------------------


@dataclass
class EntryDraft:
    """An entry being read; every reader fills these, and build_section finishes them."""

    title: str
    line: int
    subtitle: str | None = None
    location: str | None = None
    dates: str | None = None
    details: list[str] = field(default_factory=list)
    bullets: list[tuple[str, int]] = field(default_factory=list)
    organization: str | None = None  # set where the layout says so (a role under a bold item)


@dataclass
class SectionDraft:
    """A section being read: its entries, skill lines, free lines and untitled bullets."""

    kind: SectionKind
    heading: str
    line: int
    entries: list[EntryDraft] = field(default_factory=list)
    skills: list[tuple[str, int]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    loose_bullets: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class SkillLabel:
    """A skills label line whose sub-items join its group ('Geospatial Tools:' over '* QGIS')."""

    text: str
    level: int
    index: int
    from_bullet: bool
    items: list[str] = field(default_factory=list)


class Reader:
    """Walks the lines once, keeping the section and entry being built."""

    def __init__(self, text: str, source: str | None) -> None:
        """Sets up a reader over a CV's text; nothing is read yet."""
        self.lines = text.split("\n")
        self.source = source
        self.header = Header()
        self.sections: list[SectionDraft] = []
        self.unplaced: list[Unplaced] = []
        self.last_bullet: tuple[SectionDraft, list[tuple[str, int]]] | None = None
        self.section_level: int | None = None
        self.pending_dates: tuple[str, int] | None = None
        self.parent: tuple[int, EntryDraft] | None = None
        self.skill_label: SkillLabel | None = None
        self.skill_run: int | None = None
        self.after_entry_header = False  # the line before was an entry's title or subtitle

    def read(self) -> Profile:
        """Gives the Profile of the whole text."""
        lines = layout_lines("\n".join(self.lines))
        first = self.read_header(lines)
        for line in lines[first:]:
            self.read_layout_line(line)
        return self.build()

    def read_header(self, lines: list[Line] | None = None) -> int:
        """Reads the name and contact lines above the first heading; gives the next index."""
        if lines is None:
            lines = [
                Line(raw, index + 1, "text" if raw.strip() else "blank")
                for index, raw in enumerate(self.lines)
            ]
        name: str | None = None
        contacts: list[Contact] = []
        for index, line in enumerate(lines):
            if line.kind == "blank":
                continue
            if line.kind == "unplaced":
                self.set_aside(line)
                continue
            if line.kind != "text":
                self.header = Header(name=name, contacts=contacts)
                return index
            raw = line.text
            plain = plain_text(MD_HEADING.sub(r"\g<text>", raw)).strip()
            heading = heading_of(raw)
            if name is None and not contacts:
                looks_like_name = (
                    len(plain.split()) <= 6
                    and not classify_heading(plain)
                    and not re.search(r"[\d@:/|*]", plain)
                    and not CONTACT_WORD.search(plain)
                )
                if looks_like_name and not (heading and heading.known and not heading.level):
                    name = plain
                    continue
            found_section = heading is not None and (
                heading.known or (heading.level > 0 and (name is not None or bool(contacts)))
            )
            if found_section or (name is not None and heading is not None and not contacts):
                self.header = Header(name=name, contacts=contacts)
                return index
            found = parse_contacts(raw)
            if any(contact.kind != "other" for contact in found):
                contacts.extend(found)
            else:
                self.unplaced.append(
                    Unplaced(
                        line=line.number, text=raw.strip(), reason="text above the first heading"
                    )
                )
        self.header = Header(name=name, contacts=contacts)
        return len(lines)

    def read_layout_line(self, line: Line) -> None:
        """Reads one line of the layout pass by its kind."""
        entries_before = self.entry_count()
        self.read_layout_kind(line)
        # A line that opened an entry, or joined its header, with no bullet yet under it. A page
        # break ends it: "Projects" at the top of page 2 is a heading, not the entry's subtitle.
        self.after_entry_header = (
            line.kind != "blank"
            and line.reason != "page number"
            and (
                self.entry_count() > entries_before
                or (self.after_entry_header and not self.last_entry_has_bullets())
            )
        )

    def entry_count(self) -> int:
        return sum(len(section.entries) for section in self.sections)

    def last_entry_has_bullets(self) -> bool:
        section = self.sections[-1] if self.sections else None
        return bool(section and section.entries and section.entries[-1].bullets)

    def read_layout_kind(self, line: Line) -> None:
        """Reads one line of the layout pass by its kind."""
        if line.kind == "blank":
            self.last_bullet = None
            self.skill_run = None
        elif line.kind == "unplaced":
            self.set_aside(line)
        elif line.kind == "company":
            if not self.sections or self.sections[-1].kind != "experience":
                # Indeed fields after a pasted résumé: the company list goes on.
                self.start_section("experience", "Company Details", line.number)
            self.read_title(line.text, line.number, level=0)
        elif line.kind == "title":
            self.read_title(line.text, line.number, level=line.level)
        elif line.kind == "label":
            self.read_label(line.text, line.number, level=line.level)
        elif line.kind == "record":
            self.read_record(line.text, line.number)
        else:
            self.read_line(line.text, line.number)

    def set_aside(self, line: Line) -> None:
        """Keeps a line the layout pass could not place in ``unplaced``, with its reason."""
        self.unplaced.append(Unplaced(line=line.number, text=line.text.strip(), reason=line.reason))

    def start_section(self, kind: SectionKind, heading: str, number: int) -> None:
        """Starts a section; what was pending for the one before is placed first."""
        self.flush_pending()
        self.sections.append(SectionDraft(kind=kind, heading=heading, line=number))
        self.last_bullet = None
        self.parent = None
        self.skill_label = None
        self.skill_run = None

    def flush_pending(self) -> None:
        """Places a date line that no entry title followed: an entry of its own."""
        if self.pending_dates is None:
            return
        text, number = self.pending_dates
        self.pending_dates = None
        if not self.sections:
            self.unplaced.append(Unplaced(line=number, text=text, reason="before any section"))
            return
        section = self.sections[-1]
        section.entries.append(EntryDraft(title=text, line=number, dates=text))

    def current(self, text: str, number: int) -> SectionDraft | None:
        """Gives the section being read, or None (the line kept as unplaced) before any."""
        if self.sections:
            return self.sections[-1]
        self.unplaced.append(Unplaced(line=number, text=text.strip(), reason="before any section"))
        return None

    def read_line(self, raw: str, number: int) -> None:
        """Reads one line: a heading, a bullet, a skill or text line, or part of an entry."""
        heading = heading_of(raw)
        section = self.sections[-1] if self.sections else None
        if (
            heading is not None
            and self.after_entry_header
            and not heading.level
            and not raw.strip().isupper()
            and not raw.rstrip().endswith(":")
            and not BOLD_LINE.match(raw)
        ):
            # "Volunteer" right under an entry's title is its subtitle, not a new section.
            heading = None
        if heading is not None and section is not None:
            deeper = (
                heading.level > 0
                and self.section_level is not None
                and heading.level > self.section_level
                and classify_heading(heading.text) is None
            )
            inside_entries = (
                not heading.level
                and not heading.known
                and section.kind in ENTRY_KINDS
                and bool(section.entries)
            )
            if deeper or inside_entries:
                self.read_title(heading.text, number, level=heading.level or 1)
                return
        if heading is not None:
            if heading.level and self.section_level is None:
                self.section_level = heading.level
            self.start_section(classify_heading(heading.text) or "other", heading.text, number)
            return
        section = self.current(raw, number)
        if section is None:
            return
        bullet = BULLET.match(raw)
        if bullet is None and raw[:1].isspace() and self.last_bullet is not None:
            # An indented line right under a bullet continues it.
            target = self.last_bullet[1]
            text, line = target[-1]
            target[-1] = (f"{text} {raw.strip()}", line)
            return
        if section.kind in TEXT_KINDS:
            section.lines.append(bullet.group("text").strip() if bullet else raw.strip())
            return
        if section.kind == "skills":
            self.read_skill(section, raw, number)
            return
        if bullet is not None:
            self.flush_pending()
            text = bullet.group("text").strip()
            target = section.entries[-1].bullets if section.entries else section.loose_bullets
            if section.kind in LIST_KINDS and section.kind != "publications":
                target = section.loose_bullets
            target.append((text, number))
            self.last_bullet = (section, target)
            return
        self.last_bullet = None
        self.read_entry_line(section, raw.strip(), number)

    def read_skill(self, section: SectionDraft, raw: str, number: int) -> None:
        """Reads a skills line: a group, an item under a label, or one more item of a run."""
        bullet = BULLET.match(raw)
        text = bullet.group("text").strip() if bullet else raw.strip()
        plain = plain_text(text)
        label = self.skill_label
        if (
            label is not None
            and bullet is not None
            and (indent_of(raw) > label.level or not label.from_bullet)
        ):
            if sub := SUB_SKILLS.match(plain):
                group = f"{label.text} ({sub.group('label').strip()}): {sub.group('items')}"
                if not label.items and label.index == len(section.skills) - 1:
                    # The label only names its sub-groups ('Libraries:' over 'Python - ...').
                    section.skills[label.index] = (group, number)
                    label.index = -1
                else:
                    section.skills.append((group, number))
                return
            if label.index < 0:
                label.index = len(section.skills)
                section.skills.append((f"{label.text}:", number))
            label.items.append(text)
            line = section.skills[label.index][1]
            section.skills[label.index] = (f"{label.text}: {', '.join(label.items)}", line)
            return
        self.skill_label = None
        if plain.endswith(":") and not SKILL_LINE.match(plain):
            self.add_skill_label(section, plain, number, indent_of(raw), from_bullet=bool(bullet))
            return
        single = not SKILL_LINE.match(plain) and len(split_skills(plain)) == 1
        if single and self.skill_run is not None and self.skill_run == len(section.skills) - 1:
            # One item a line (a list, Indeed's 'Skill Details'): one group for the run.
            previous, line = section.skills[-1]
            section.skills[-1] = (f"{previous}, {text}", line)
            return
        section.skills.append((text, number))
        self.skill_run = len(section.skills) - 1 if single else None

    def add_skill_label(
        self, section: SectionDraft, text: str, number: int, level: int, *, from_bullet: bool
    ) -> None:
        """Starts a labelled skill group whose items follow on their own lines."""
        label = plain_text(text).rstrip(":").strip()
        self.skill_label = SkillLabel(label, level, len(section.skills), from_bullet)
        section.skills.append((f"{label}:", number))
        self.skill_run = None

    def read_title(self, text: str, number: int, *, level: int) -> None:
        """Reads an entry title: a new entry, or a role at the organisation titled above it."""
        section = self.current(text, number)
        if section is None:
            return
        self.last_bullet = None
        if section.kind == "skills":
            self.add_skill_label(section, text, number, level, from_bullet=True)
            return
        if section.kind in TEXT_KINDS:
            section.lines.append(text)
            return
        self.flush_pending()
        parent = self.parent
        if parent is not None and parent[0] < level and parent[1] in section.entries:
            role, dates = split_leading_dates(text)
            if dates is None:
                role, dates = split_trailing_dates(role)
            organization = parent[1]
            is_bare = not (
                organization.subtitle
                or organization.bullets
                or organization.dates
                or organization.details
            )
            if organization is section.entries[-1] and is_bare:
                organization.subtitle, organization.dates = role, dates
                return
            section.entries.append(
                EntryDraft(title=role, line=number, dates=dates, organization=organization.title)
            )
            return
        self.parent = (level, self.new_entry(section, text, number))

    def read_label(self, text: str, number: int, *, level: int) -> None:
        """Reads a label over sub-items ('Duties included:'): a detail of the entry."""
        section = self.current(text, number)
        if section is None:
            return
        if section.kind == "skills":
            self.add_skill_label(section, text, number, level, from_bullet=True)
        elif section.entries and section.kind not in TEXT_KINDS:
            section.entries[-1].details.append(text)
            self.last_bullet = None
        else:
            self.read_line(f"- {text}", number)

    def read_record(self, text: str, number: int) -> None:
        """Reads a line that is a whole entry (an Indeed education line): title and dates."""
        section = self.current(text, number)
        if section is None:
            return
        if section.kind in TEXT_KINDS or section.kind == "skills":
            self.read_line(text, number)
            return
        title, dates = split_leading_dates(text.strip())
        section.entries.append(EntryDraft(title=title, line=number, dates=dates))
        self.last_bullet = None

    def new_entry(self, section: SectionDraft, text: str, number: int) -> EntryDraft:
        """Adds an entry for a title line: its dates, subtitle and place split off where given."""
        if section.kind == "publications":
            title, dates = text, None
        else:
            title, dates = split_trailing_dates(text)
            if dates is None:
                title, dates = split_leading_dates(title)
        details: list[str] = []
        if self.pending_dates is not None:
            if dates is None:
                dates = self.pending_dates[0]
            else:
                details.append(self.pending_dates[0])
            self.pending_dates = None
        subtitle = location = None
        if section.kind not in LIST_KINDS:
            title, subtitle, location = split_title(title, dated=dates is not None)
        entry = EntryDraft(
            title=title,
            line=number,
            subtitle=subtitle,
            location=location,
            dates=dates,
            details=details,
        )
        section.entries.append(entry)
        return entry

    def read_entry_line(self, section: SectionDraft, text: str, number: int) -> None:
        """Reads a line of an entry section that is not a bullet: a field or a new entry."""
        plain = plain_text(text)
        entry = section.entries[-1] if section.entries else None
        if is_date_line(plain):
            if entry is not None and entry.dates is None and self.pending_dates is None:
                entry.dates = plain
                return
            # Dates before their entry's title: the next title line takes them.
            self.flush_pending()
            self.pending_dates = (plain, number)
            return
        if self.pending_dates is not None:
            self.new_entry(section, text, number)
            return
        if entry is not None and is_location(plain) and entry.location is None:
            entry.location = plain
            return
        if entry is not None and section.kind not in LIST_KINDS and is_detail(plain):
            entry.details.append(text)
            return
        if section.kind not in LIST_KINDS and is_prose(plain):
            if entry is None and section.kind in ENTRY_KINDS:
                # A description with no title above it: an untitled entry, not a list of items.
                entry = EntryDraft(title="", line=number)
                section.entries.append(entry)
            target = entry.bullets if entry is not None else section.loose_bullets
            target.append((text, number))
            self.last_bullet = (section, target)
            return
        dated = bool(split_trailing_dates(text)[1] or split_leading_dates(text)[1])
        starts_new = (
            entry is None
            or bool(entry.bullets)
            or (
                section.kind == "publications"
                and bool(TRAILING_YEAR.search(plain_text(([entry.title, *entry.details])[-1])))
            )
            or (section.kind in LIST_KINDS and section.kind != "publications")
            or (dated and entry.dates is not None and section.kind != "publications")
        )
        if starts_new:
            self.new_entry(section, text, number)
            return
        assert entry is not None
        if section.kind != "publications" and entry.subtitle is None and not entry.details:
            subtitle, dates = split_trailing_dates(text)
            if dates is None:
                subtitle, dates = split_leading_dates(subtitle)
            if entry.location is None:
                subtitle, entry.location = peel_location(subtitle)
            entry.subtitle = subtitle
            if dates and entry.dates is None:
                entry.dates = dates
            return
        entry.details.append(text)

    def build(self) -> Profile:
        """Gives the Profile of what was read: ids, dates parsed, list-like items as entries."""
        self.flush_pending()
        sections: list[Section] = []
        used: dict[str, int] = {}
        for draft in self.sections:
            if lists := listed_skills(draft):
                # "EXPERIENCE SUMMARY" over "Programming languages: Java, Go, ...": skills.
                draft.kind, draft.skills = "skills", lists
                draft.entries, draft.loose_bullets = [], []
            used[draft.kind] = used.get(draft.kind, 0) + 1
            section_id = draft.kind if used[draft.kind] == 1 else f"{draft.kind}{used[draft.kind]}"
            sections.append(build_section(draft, section_id))
        return Profile(
            source=self.source, header=self.header, sections=sections, unplaced=self.unplaced
        )


def listed_skills(draft: SectionDraft) -> list[tuple[str, int]]:
    """Gives the lines of a section read as entries or bullets that holds only labelled lists
    ("Databases: MySQL, PostgreSQL, MongoDB": undated, no bullets, subtitles or details, two
    items or more, two lines or more); none for any other section."""
    if draft.kind not in {"experience", "projects", "summary", "other"} or draft.skills:
        return []
    if draft.entries and not (draft.lines or draft.loose_bullets):
        if any(e.dates or e.bullets or e.subtitle or e.details for e in draft.entries):
            return []
        lines = [(entry.title, entry.line) for entry in draft.entries]
    elif draft.loose_bullets and not (draft.entries or draft.lines):
        lines = list(draft.loose_bullets)
    else:
        return []

    def listing(text: str) -> bool:
        match = SKILL_LINE.match(plain_text(text))
        return match is not None and len(skill_items(match.group("items"))) >= 2

    return lines if len(lines) >= 2 and all(listing(text) for text, _ in lines) else []


def build_section(draft: SectionDraft, section_id: str) -> Section:
    """Gives the finished section of a draft: ids, dates parsed, list-like items as entries."""
    list_like = draft.kind in LIST_KINDS or (not draft.entries and bool(draft.loose_bullets))
    entries: list[Entry] = []
    drafts = list(draft.entries)
    if list_like:
        drafts += [EntryDraft(title=text, line=line) for text, line in draft.loose_bullets]
        drafts.sort(key=lambda item: item.line)
    elif draft.loose_bullets:
        # Bullets before any entry title: an untitled entry keeps them.
        drafts.insert(0, EntryDraft(title="", line=draft.loose_bullets[0][1]))
        drafts[0].bullets = draft.loose_bullets
    previous: Entry | None = None
    for index, entry_draft in enumerate(drafts, start=1):
        entry_id = f"{section_id}.{index}"
        start, end = parse_range(entry_draft.dates) if entry_draft.dates else (None, None)
        organization = entry_draft.organization
        if (
            organization is None
            and previous is not None
            and draft.kind == "experience"
            and entry_draft.subtitle is None
            and entry_draft.location is None
            and ROLE.search(entry_draft.title)
            and previous.subtitle is not None
            and ROLE.search(previous.subtitle)
        ):
            organization = previous.organization or previous.title
        entry = Entry(
            id=entry_id,
            title=entry_draft.title,
            subtitle=entry_draft.subtitle,
            organization=organization,
            location=entry_draft.location,
            dates=entry_draft.dates,
            start=start,
            end=end,
            details=entry_draft.details,
            bullets=[
                Bullet(id=f"{entry_id}.{k}", text=text, plain=plain_text(text), line=line)
                for k, (text, line) in enumerate(entry_draft.bullets, start=1)
            ],
            line=entry_draft.line,
        )
        entries.append(entry)
        previous = entry
    skills = []
    for text, line in draft.skills:
        plain = plain_text(text)
        match = SKILL_LINE.match(plain)
        label = normalize_spaces(match.group("label")) if match else None
        items = skill_items(match.group("items") if match else plain)
        skills.append(SkillGroup(label=label, items=items, text=text, line=line))
    return Section(
        id=section_id,
        kind=draft.kind,
        heading=draft.heading,
        entries=entries,
        skills=skills,
        lines=draft.lines,
        list_like=list_like,
        line=draft.line,
    )


def parse_text(text: str, *, source: str | None = None) -> Profile:
    """Gives the Profile of a plain-text or Markdown CV."""
    return Reader(text, source).read()
