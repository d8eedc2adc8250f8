"""Plain-text and Markdown CVs -> Profile.

The layout this reader understands: a name and contact line on top; headings as ``#`` lines,
UPPERCASE lines, bold lines or short lines ending in a colon; entries as a title line followed by
subtitle, location and date lines (before or after the bullets); bullets as ``-``, ``*``, ``•``,
``–``, ``·``, ``o`` or numbers. Every non-empty line lands in the model or in ``unplaced``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
from tailor.parse.dates import RANGE, is_date_line, parse_range
from tailor.parse.places import is_location
from tailor.parse.sections import classify_heading
from tailor.text import normalize_spaces, strip_inline_marks, strip_symbols

BULLET = re.compile(r"^\s*(?:[-*•–·▪►◦●○■□➢✓]|o(?=\s)|\d{1,2}[.)])\s+(?P<text>\S.*)$")
MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<text>.+?)\s*#*\s*$")
BOLD_LINE = re.compile(r"^\s*(\*\*|__)(?P<text>[^*_]+?)\1\s*:?\s*$")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"^[+\d\s().\-–]{7,}$")
URL = re.compile(r"^(?:https?://|www\.)\S+$|^[\w-]+(?:\.[\w-]+)+/\S*$|linkedin|github", re.I)
LINK = re.compile(r"^\[(?P<text>[^\]]+)\]\((?P<url>[^)]*)\)$")
SKILL_LINE = re.compile(r"^(?P<label>[^:]{1,40}):\s*(?P<items>.+)$")
TRAILING_YEAR = re.compile(r"\b(19|20)\d{2}\.?\s*$")
ROLE = re.compile(
    r"\b(engineer|developer|scientist|researcher|lead(er)?|manager|director|intern|analyst"
    r"|architect|consultant|head|officer|assistant|associate|specialist|fellow|professor"
    r"|lecturer|teacher|designer|administrator|coordinator|president|founder|cto|ceo)\b",
    re.IGNORECASE,
)
CONTACT_SPLIT = re.compile(r"\s*(?:\||•|·|\u2022|\t|\s{3,})\s*")
LIST_KINDS: set[SectionKind] = {"awards", "publications"}
TEXT_KINDS: set[SectionKind] = {"summary", "interests"}


@dataclass
class EntryDraft:
    title: str
    line: int
    subtitle: str | None = None
    location: str | None = None
    dates: str | None = None
    details: list[str] = field(default_factory=list)
    bullets: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class SectionDraft:
    kind: SectionKind
    heading: str
    line: int
    entries: list[EntryDraft] = field(default_factory=list)
    skills: list[tuple[str, int]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    loose_bullets: list[tuple[str, int]] = field(default_factory=list)


def heading_text(line: str, *, known_only: bool = False) -> str | None:
    """Gives the heading a line makes, or None if it is not a heading line."""
    if BULLET.match(line) and not MD_HEADING.match(line):
        return None
    if match := MD_HEADING.match(line):
        return strip_inline_marks(match.group("text"))
    plain = strip_inline_marks(line).strip()
    if not plain or len(plain.split()) > 6 or is_date_line(plain):
        return None
    if match := BOLD_LINE.match(line):
        candidate = match.group("text").strip().rstrip(":")
        return candidate if classify_heading(candidate) else None
    letters = [ch for ch in plain if ch.isalpha()]
    if (
        not known_only
        and len(letters) >= 3
        and all(ch.isupper() for ch in letters)
        and not plain.endswith((".", ","))
        and not any(ch.isdigit() for ch in plain)
    ):
        return plain.rstrip(":").strip()
    if plain.endswith(":") and len(plain.split()) <= 4 and classify_heading(plain[:-1]):
        return plain[:-1].strip()
    if known_only and all(ch.isupper() for ch in letters) and classify_heading(plain):
        return plain
    return None


def parse_contacts(line: str) -> list[Contact]:
    """Gives the contact items of a header line: email, phone, links, location."""
    contacts: list[Contact] = []
    for part in CONTACT_SPLIT.split(line.strip()):
        part = strip_symbols(part)
        if not part:
            continue
        if link := LINK.match(part):
            url = link.group("url") or None
            contacts.append(Contact(kind="link", text=link.group("text"), url=url))
        elif EMAIL.fullmatch(part.removeprefix("mailto:")):
            contacts.append(Contact(kind="email", text=part.removeprefix("mailto:")))
        elif PHONE.match(part) and sum(ch.isdigit() for ch in part) >= 7:
            contacts.append(Contact(kind="phone", text=part))
        elif URL.search(part):
            contacts.append(Contact(kind="link", text=part, url=part))
        elif is_location(part):
            contacts.append(Contact(kind="location", text=part))
        else:
            contacts.append(Contact(kind="other", text=strip_inline_marks(part)))
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


def split_trailing_dates(text: str) -> tuple[str, str | None]:
    """Gives (title, dates) where a title line ends in a date range after a separator."""
    for match in RANGE.finditer(text):
        tail = text[match.end() :].strip(" .)")
        head = text[: match.start()].rstrip()
        has_range = bool(match.group("end")) or not re.fullmatch(r"\d{4}", match.group("start"))
        if (not tail and head and has_range and head[-1] in "|–—-,(\t:") or (
            not tail and head and has_range and re.search(r"\s{2,}$", text[: match.start()])
        ):
            return head.rstrip(" |–—-,(\t:"), text[match.start() :].strip(" ()")
    return text, None


class Reader:
    """Walks the lines once, keeping the section and entry being built."""

    def __init__(self, text: str, source: str | None) -> None:
        self.lines = text.split("\n")
        self.source = source
        self.header = Header()
        self.sections: list[SectionDraft] = []
        self.unplaced: list[Unplaced] = []
        self.last_bullet: tuple[SectionDraft, list[tuple[str, int]]] | None = None

    def read(self) -> Profile:
        first = self.read_header()
        for number in range(first, len(self.lines)):
            raw = self.lines[number]
            if not raw.strip():
                self.last_bullet = None
                continue
            self.read_line(raw, number + 1)
        return self.build()

    def read_header(self) -> int:
        """Reads the name and contact lines above the first heading; gives the next index."""
        name: str | None = None
        contacts: list[Contact] = []
        for index, raw in enumerate(self.lines):
            if not raw.strip():
                continue
            plain = strip_inline_marks(MD_HEADING.sub(r"\g<text>", raw)).strip()
            if name is None and not contacts:
                looks_like_name = len(plain.split()) <= 6 and not classify_heading(plain)
                if looks_like_name and not EMAIL.search(plain):
                    name = plain
                    continue
            if heading_text(raw, known_only=True) or (
                heading_text(raw) and classify_heading(heading_text(raw) or "")
            ):
                self.header = Header(name=name, contacts=contacts)
                return index
            if name is not None and heading_text(raw) and not contacts:
                self.header = Header(name=name, contacts=contacts)
                return index
            found = parse_contacts(raw)
            if any(contact.kind != "other" for contact in found):
                contacts.extend(found)
            else:
                self.unplaced.append(
                    Unplaced(
                        line=index + 1, text=raw.strip(), reason="text above the first heading"
                    )
                )
        self.header = Header(name=name, contacts=contacts)
        return len(self.lines)

    def read_line(self, raw: str, number: int) -> None:
        heading = heading_text(raw)
        if heading is not None:
            kind = classify_heading(heading) or "other"
            self.sections.append(SectionDraft(kind=kind, heading=heading, line=number))
            self.last_bullet = None
            return
        if not self.sections:
            self.unplaced.append(
                Unplaced(line=number, text=raw.strip(), reason="before any section")
            )
            return
        section = self.sections[-1]
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
            section.skills.append((bullet.group("text").strip() if bullet else raw.strip(), number))
            return
        if bullet is not None:
            text = bullet.group("text").strip()
            target = section.entries[-1].bullets if section.entries else section.loose_bullets
            if section.kind in LIST_KINDS and section.kind != "publications":
                target = section.loose_bullets
            target.append((text, number))
            self.last_bullet = (section, target)
            return
        self.last_bullet = None
        self.read_entry_line(section, raw.strip(), number)

    def read_entry_line(self, section: SectionDraft, text: str, number: int) -> None:
        plain = strip_inline_marks(text)
        entry = section.entries[-1] if section.entries else None
        if entry is not None and is_date_line(plain) and entry.dates is None:
            entry.dates = plain
            return
        if entry is not None and is_location(plain) and entry.location is None:
            entry.location = plain
            return
        starts_new = (
            entry is None
            or bool(entry.bullets)
            or (
                section.kind == "publications"
                and bool(
                    TRAILING_YEAR.search(strip_inline_marks(([entry.title, *entry.details])[-1]))
                )
            )
            or (section.kind in LIST_KINDS and section.kind != "publications")
        )
        if starts_new:
            title, dates = (
                (text, None) if section.kind == "publications" else split_trailing_dates(text)
            )
            section.entries.append(EntryDraft(title=title, line=number, dates=dates))
            return
        assert entry is not None
        if section.kind != "publications" and entry.subtitle is None and not entry.details:
            subtitle, dates = split_trailing_dates(text)
            entry.subtitle = subtitle
            if dates and entry.dates is None:
                entry.dates = dates
            return
        entry.details.append(text)

    def build(self) -> Profile:
        sections: list[Section] = []
        used: dict[str, int] = {}
        for draft in self.sections:
            used[draft.kind] = used.get(draft.kind, 0) + 1
            section_id = draft.kind if used[draft.kind] == 1 else f"{draft.kind}{used[draft.kind]}"
            sections.append(build_section(draft, section_id))
        return Profile(
            source=self.source, header=self.header, sections=sections, unplaced=self.unplaced
        )


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
        organization = None
        if (
            previous is not None
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
                Bullet(
                    id=f"{entry_id}.{k}",
                    text=text,
                    plain=strip_inline_marks(text),
                    line=line,
                )
                for k, (text, line) in enumerate(entry_draft.bullets, start=1)
            ],
            line=entry_draft.line,
        )
        entries.append(entry)
        previous = entry
    skills = []
    for text, line in draft.skills:
        plain = strip_inline_marks(text)
        match = SKILL_LINE.match(plain)
        label = normalize_spaces(match.group("label")) if match else None
        items = split_skills(match.group("items") if match else plain)
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
