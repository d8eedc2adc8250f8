"""YAML and JSON CVs -> Profile: JSON Resume, rendercv, and a generic section-keyed fallback.

YAML is read with a ``SafeLoader`` subclass only (no Python tags), which refuses documents with
too many aliases or that expand too far. Strings remember the line they were read from, so
bullets and entries carry real line numbers. Entries are built with the text reader's drafts
(``EntryDraft``/``SectionDraft``/``Reader.build``) so ids, dates and list-like sections follow
the same rules as for text CVs.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from json import decoder as json_decoder
from json import scanner as json_scanner
from pathlib import Path
from typing import Any, Literal

import yaml

from tailor.errors import InputError
from tailor.model import Contact, Header, Profile, SectionKind, SkillGroup, Unplaced
from tailor.parse.latex import close_open_ranges, latex_to_text
from tailor.parse.sections import classify_heading
from tailor.parse.text import (
    SKILL_LINE,
    TEXT_KINDS,
    EntryDraft,
    Reader,
    SectionDraft,
    split_skills,
)
from tailor.text import normalize_spaces, strip_inline_marks

MAX_ALIASES = 100
MAX_VALUES = 200_000
MAX_DEPTH = 64
SUPPORTED = (
    "tailor reads JSON Resume (basics, work, education ...), rendercv (a top-level 'cv:' with "
    "'sections:'), or YAML/JSON whose top-level keys are section names such as experience, "
    "education, projects or skills"
)
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:[T ][\d:.+\-Z]*)?)?)?$")
HTML_TAG = re.compile(r"</?(?:p|br|a|b|strong|i|em|ul|ol|li|span|div)\b[^>]*>", re.IGNORECASE)
HTML_LINK = re.compile(r"<a\s[^>]*href=[\"']([^\"']*)[\"'][^>]*>(.*?)</a>", re.IGNORECASE | re.S)
LATEX_COMMAND = re.compile(r"\\[A-Za-z]+|\\[&%$#_]|--")
SOCIAL_URLS = {
    "linkedin": "https://linkedin.com/in/{}",
    "github": "https://github.com/{}",
    "gitlab": "https://gitlab.com/{}",
    "twitter": "https://twitter.com/{}",
    "x": "https://x.com/{}",
    "orcid": "https://orcid.org/{}",
    "researchgate": "https://researchgate.net/profile/{}",
    "youtube": "https://youtube.com/@{}",
    "stackoverflow": "https://stackoverflow.com/users/{}",
    "google scholar": "https://scholar.google.com/citations?user={}",
    "google_scholar": "https://scholar.google.com/citations?user={}",
    "instagram": "https://instagram.com/{}",
    "telegram": "https://t.me/{}",
    "leetcode": "https://leetcode.com/{}",
    "kaggle": "https://kaggle.com/{}",
}


# --- loading -------------------------------------------------------------------------------------


class Located(str):
    """A string that remembers the 1-based source line it was read from."""

    line: int

    def __new__(cls, value: str, line: int) -> Located:
        """Gives the string with its line attached."""
        text = super().__new__(cls, value)
        text.line = line
        return text


def line_of(value: object) -> int:
    """Gives the source line a loaded value was read from, or 0 when it is not known."""
    return value.line if isinstance(value, Located) else 0


class TooManyAliases(yaml.YAMLError):
    """Raised by the loader when a document uses more aliases than allowed."""

    def __init__(self, line: int) -> None:
        """Keeps the line of the alias that went over the limit."""
        super().__init__(f"more than {MAX_ALIASES} YAML aliases")
        self.line = line


class CVLoader(yaml.SafeLoader):
    """The safe YAML loader, counting aliases and keeping scalars as located strings."""

    def __init__(self, stream: str) -> None:
        """Sets up the loader over the text, with no aliases seen yet."""
        super().__init__(stream)
        self.aliases = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        """Gives the next node, refusing documents with too many aliases (alias bombs)."""
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise TooManyAliases(self.peek_event().start_mark.line + 1)  # type: ignore[no-untyped-call]
        return super().compose_node(parent, index)


def construct_located(loader: yaml.SafeLoader, node: yaml.Node) -> Located:
    """Gives a scalar node's text as written, with its line (numbers, yes/no, dates stay text)."""
    assert isinstance(node, yaml.ScalarNode)
    return Located(loader.construct_scalar(node), node.start_mark.line + 1)


for _tag in ("str", "int", "float", "bool", "timestamp"):
    CVLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", construct_located)

_py_make_scanner: Callable[[Any], Callable[[str, int], tuple[Any, int]]] = (
    json_scanner.py_make_scanner  # type: ignore[attr-defined]
)
_scanstring: Callable[[str, int, bool], tuple[str, int]] = json_decoder.scanstring  # type: ignore[attr-defined]


class LocatedDecoder(json.JSONDecoder):
    """A JSON decoder whose string values remember their line."""

    def __init__(self, text: str) -> None:
        """Sets up a decoder whose strings carry their line in text."""
        super().__init__()
        starts = [0] + [match.end() for match in re.finditer("\n", text)]

        def parse_string(string: str, end: int, strict: bool = True) -> tuple[str, int]:
            """Gives a JSON string value with its line, and the position after it."""
            value, after = _scanstring(string, end, strict)
            return Located(value, bisect.bisect_right(starts, end - 1)), after

        self.parse_string = parse_string
        self.scan_once = _py_make_scanner(self)


YAML_HINT = "save the CV as plain UTF-8 YAML text"


def load_yaml(text: str, source: str | None) -> object:
    """Gives the data of a YAML document, loaded safely; InputError if it is not valid YAML."""
    try:
        # The reader refuses control characters as it is made, before any parsing.
        loader = CVLoader(text)
    except yaml.YAMLError as error:
        raise InputError(f"cannot read the YAML: {error}", path=source, hint=YAML_HINT) from error
    try:
        return loader.get_single_data()
    except TooManyAliases as error:
        raise InputError(
            f"the YAML uses more than {MAX_ALIASES} aliases ('*name'), refused as unsafe",
            path=source,
            line=error.line,
            hint="write the repeated text out instead of using YAML anchors and aliases",
        ) from error
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or "invalid YAML"
        hint = "check the indentation and quoting around that line"
        if error.problem and "could not determine a constructor" in error.problem:
            problem = f"unsupported YAML tag ({error.problem.split('tag ')[-1]})"
            hint = "tailor loads plain YAML only, never code: remove the '!' tag"
        raise InputError(
            f"cannot read the YAML: {problem}",
            path=source,
            line=mark.line + 1 if mark is not None else None,
            hint=hint,
        ) from error
    except yaml.YAMLError as error:
        raise InputError(f"cannot read the YAML: {error}", path=source, hint=YAML_HINT) from error
    finally:
        loader.dispose()


def load_json(text: str, source: str | None) -> object:
    """Gives the data of a JSON document; InputError with the line if it is not valid JSON."""
    try:
        return LocatedDecoder(text).decode(text)
    except json.JSONDecodeError as error:
        raise InputError(
            f"cannot read the JSON: {error.msg}",
            path=source,
            line=error.lineno,
            hint="check for a missing comma, quote or bracket around that line",
        ) from error
    except RecursionError as error:
        raise InputError(
            "the JSON is nested too deeply",
            path=source,
            hint="a CV nests a few levels deep at most: is this the CV?",
        ) from error


def check_size(data: object, source: str | None) -> None:
    """Refuses data that is recursive, nested too deeply or expands to too many values."""
    count = 0

    def visit(value: object, depth: int, path: tuple[int, ...]) -> None:
        """Counts a value and its children, refusing cycles, depth and size past the limits."""
        nonlocal count
        count += 1
        if count > MAX_VALUES:
            raise InputError(
                f"the file expands to more than {MAX_VALUES} values (YAML aliases?)",
                path=source,
                hint="write the CV out plainly, without anchors and aliases",
            )
        if isinstance(value, dict | list):
            if id(value) in path:
                raise InputError(
                    "the file refers to itself (recursive YAML alias)",
                    path=source,
                    hint="write the CV out plainly, without anchors and aliases",
                )
            if depth > MAX_DEPTH:
                raise InputError(
                    "the file is nested too deeply",
                    path=source,
                    hint="a CV nests a few levels deep at most: is this the CV?",
                )
            children = value.values() if isinstance(value, dict) else value
            for child in children:
                visit(child, depth + 1, (*path, id(value)))

    visit(data, 0, ())


# --- text helpers --------------------------------------------------------------------------------


def scalar(value: object) -> str | None:
    """Gives a scalar value as text (numbers and dates as written), or None if empty."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    return None


def html_to_text(text: str) -> str:
    """Gives text with simple HTML removed: links to [text](url), <br>/<p> to line breaks."""
    if not HTML_TAG.search(text):
        return text
    text = HTML_LINK.sub(lambda m: f"[{normalize_spaces(m.group(2))}]({m.group(1)})", text)
    text = re.sub(r"<br\s*/?>|</p>|</li>|</div>|<li\b[^>]*>", "\n\n", text, flags=re.IGNORECASE)
    return HTML_TAG.sub("", text)


def clean(value: object, *, latex: bool = False) -> str | None:
    """Gives a value as one line of text: markup converted, white space folded; None if empty."""
    text = scalar(value)
    if text is None:
        return None
    if latex and LATEX_COMMAND.search(text):
        text = latex_to_text(text)
    text = normalize_spaces(html_to_text(text))
    return text or None


def paragraphs(value: object, *, latex: bool = False) -> list[str]:
    """Gives a block of text as its non-empty lines (for summary and interests sections)."""
    text = scalar(value)
    if text is None:
        return []
    if latex and LATEX_COMMAND.search(text):
        text = latex_to_text(text)
    blocks = re.split(r"\n\s*\n", html_to_text(text))
    return [line for block in blocks if (line := normalize_spaces(block.replace("\n", " ")))]


def strings(value: object, *, latex: bool = False) -> list[tuple[str, int]]:
    """Gives the non-empty strings of a list (or of one string) with their lines."""
    items = value if isinstance(value, list) else [value]
    found: list[tuple[str, int]] = []
    for item in items:
        if isinstance(item, list):
            found += strings(item, latex=latex)
        elif (text := clean(item, latex=latex)) is not None:
            found.append((text, line_of(item)))
    return found


def humanize(key: object) -> str:
    """Gives a mapping key as a heading: 'selected_honors' -> 'Selected Honors'."""
    text = str(key).strip()
    if re.fullmatch(r"[a-z0-9_ ]+", text):
        return text.replace("_", " ").strip().title()
    return text


def format_date(value: object) -> str | None:
    """Gives one date for display: ISO dates as 'Mon YYYY', anything else as written."""
    text = scalar(value)
    if text is None:
        return None
    if match := ISO_DATE.match(text):
        year, month = match.group(1), match.group(2)
        if month and 1 <= int(month) <= 12:
            return f"{MONTHS[int(month) - 1]} {year}"
        return year
    return text.replace("---", "—").replace("--", "–")


def date_range(
    start: object = None, end: object = None, single: object = None, *, open_end: bool = True
) -> str | None:
    """Gives the dates of an entry as text: 'Mon YYYY – Mon YYYY', '... – present', or one date."""
    if (text := format_date(single)) is not None:
        return text
    first, last = format_date(start), format_date(end)
    if first and last:
        return first if first == last else f"{first} – {last}"
    if first:
        return f"{first} – present" if open_end else first
    return last


def mapping(value: object) -> Mapping[Any, Any]:
    """Gives a value if it is a mapping, else an empty one."""
    return value if isinstance(value, Mapping) else {}


def first(item: Mapping[Any, Any], keys: Iterable[str], *, latex: bool = False) -> object:
    """Gives the first non-empty value of item among keys (the raw value, line kept)."""
    for key in keys:
        if clean(item.get(key), latex=latex) is not None:
            return item[key]
    return None


def skill_line(text: str, line: int) -> SkillGroup:
    """Gives the skill group of a 'Label: a, b, c' line (as the text reader splits it)."""
    plain = strip_inline_marks(text)
    match = SKILL_LINE.match(plain)
    label = normalize_spaces(match.group("label")) if match else None
    items = split_skills(match.group("items") if match else plain)
    return SkillGroup(label=label, items=items, text=text, line=line)


def degree_text(degree: object, area: object) -> str | None:
    """Gives 'Degree in Area' (just the degree when it already names the area)."""
    kind, field = clean(degree), clean(area)
    if kind and field and field.lower() not in kind.lower():
        return f"{kind} in {field}"
    return kind or field


def skill_group(label: object, items: object, line: int = 0) -> SkillGroup | None:
    """Gives a skill group from a label and a list (or comma-separated text) of items."""
    name = clean(label)
    if isinstance(items, list):
        values = [text for text, _ in strings(items)]
    else:
        values = split_skills(clean(items) or "")
    if not values:
        return SkillGroup(label=None, items=[name], text=name, line=line) if name else None
    text = f"{name}: {', '.join(values)}" if name else ", ".join(values)
    return SkillGroup(label=name, items=values, text=text, line=line or line_of(label))


def social_contact(network: object, username: object, url: object = None) -> Contact | None:
    """Gives a link contact for a social profile: 'Network: username' with its address."""
    name, user, link = clean(network), clean(username), clean(url)
    if user is None and link is None:
        return None
    if link is None and name is not None and user is not None:
        pattern = SOCIAL_URLS.get(name.lower())
        link = pattern.format(user) if pattern else None
    text = f"{name}: {user}" if name and user else (user or link or "")
    return Contact(kind="link", text=text, url=link)


def link_contact(value: object) -> Contact | None:
    """Gives a link contact for a web address."""
    text = clean(value)
    if text is None:
        return None
    url = text if re.match(r"https?://", text) else f"https://{text}"
    return Contact(kind="link", text=text, url=url)


# --- building ------------------------------------------------------------------------------------


@dataclass
class Part:
    """One section being built: the text reader's draft plus exact skill groups."""

    draft: SectionDraft
    skills: list[SkillGroup] = field(default_factory=list)
    list_like: bool = False


def has_content(part: Part) -> bool:
    """Tells whether a section being built holds anything."""
    draft = part.draft
    return bool(draft.entries or draft.loose_bullets or draft.lines or part.skills)


class Builder:
    """Collects header, sections and unplaced items, then builds the Profile."""

    def __init__(self, source: str | None) -> None:
        """Sets up an empty Profile being built for a source file."""
        self.source = source
        self.header = Header()
        self.parts: list[Part] = []
        self.unplaced: list[Unplaced] = []

    def section(self, kind: SectionKind, heading: str, line: int = 0) -> Part:
        """Gives a new section, added after the others."""
        part = Part(SectionDraft(kind=kind, heading=heading, line=line))
        self.parts.append(part)
        return part

    def build(self) -> Profile:
        """Gives the Profile: ids, dates and list-like sections as the text reader makes them."""
        parts = [part for part in self.parts if has_content(part)]
        reader = Reader("", self.source)
        reader.header = self.header
        reader.sections = [part.draft for part in parts]
        reader.unplaced = self.unplaced
        profile = reader.build()
        sections = []
        for part, section in zip(parts, profile.sections, strict=True):
            update: dict[str, object] = {}
            if part.skills:
                update["skills"] = part.skills
            if part.list_like:
                update["list_like"] = True
            sections.append(section.model_copy(update=update) if update else section)
        return close_open_ranges(profile.model_copy(update={"sections": sections}))


def add_entry(
    part: Part,
    title: object,
    *,
    subtitle: object = None,
    location: object = None,
    dates: str | None = None,
    details: Iterable[object] = (),
    bullets: object = None,
    latex: bool = False,
) -> None:
    """Adds an entry to a section; values are cleaned and empty ones left out."""
    heading = clean(title, latex=latex)
    sub = clean(subtitle, latex=latex)
    if heading is None:
        if sub is None:
            return
        heading, sub = sub, None
    lines: list[str] = []
    for detail in details:
        lines += [text for text, _ in strings(detail, latex=latex)]
    part.draft.entries.append(
        EntryDraft(
            title=heading,
            line=line_of(title) or line_of(subtitle),
            subtitle=sub if sub != heading else None,
            location=clean(location, latex=latex),
            dates=dates,
            details=lines,
            bullets=strings(bullets, latex=latex) if bullets is not None else [],
        )
    )


def add_item_text(part: Part, text: str, line: int) -> None:
    """Adds a one-line item: summary text, a skill line, or a list-like entry."""
    if part.draft.kind in TEXT_KINDS:
        part.draft.lines.append(text)
    elif part.draft.kind == "skills":
        part.skills.append(skill_line(text, line))
    else:
        part.draft.loose_bullets.append((text, line))


# --- JSON Resume ---------------------------------------------------------------------------------


def json_resume_header(basics: Mapping[Any, Any]) -> Header:
    """Gives the header of a JSON Resume's basics: name, email, phone, site, place, profiles."""
    contacts: list[Contact] = []
    if email := clean(basics.get("email")):
        contacts.append(Contact(kind="email", text=email))
    if phone := clean(basics.get("phone")):
        contacts.append(Contact(kind="phone", text=phone))
    if site := link_contact(basics.get("url") or basics.get("website")):
        contacts.append(site)
    place = basics.get("location")
    if isinstance(place, Mapping):
        parts = [clean(place.get(key)) for key in ("city", "region", "countryCode")]
        place = ", ".join(part for part in parts if part)
    if where := clean(place):
        contacts.append(Contact(kind="location", text=where))
    profiles = basics.get("profiles")
    for profile in profiles if isinstance(profiles, list) else []:
        item = mapping(profile)
        if found := social_contact(item.get("network"), item.get("username"), item.get("url")):
            contacts.append(found)
    return Header(name=clean(basics.get("name")), contacts=contacts)


def parse_json_resume(data: Mapping[str, Any], source: str | None = None) -> Profile:
    """Gives the Profile of a JSON Resume document (https://jsonresume.org/schema)."""
    build = Builder(source)
    basics = mapping(data.get("basics"))
    build.header = json_resume_header(basics)
    if lines := paragraphs(basics.get("summary")):
        build.section("summary", "Summary", line_of(basics.get("summary"))).draft.lines = lines
    for key, value in data.items():
        items = [mapping(item) for item in value] if isinstance(value, list) else []
        at = line_of(key)
        if key in ("work", "volunteer"):
            part = build.section(
                "experience" if key == "work" else "service",
                "Experience" if key == "work" else "Volunteering",
                at,
            )
            for item in items:
                add_entry(
                    part,
                    first(item, ("name", "company", "organization")),
                    subtitle=item.get("position"),
                    location=item.get("location"),
                    dates=date_range(item.get("startDate"), item.get("endDate")),
                    details=[item.get("description"), item.get("summary")],
                    bullets=item.get("highlights"),
                )
        elif key == "education":
            part = build.section("education", "Education", at)
            for item in items:
                score = clean(item.get("score") or item.get("gpa"))
                courses = ", ".join(text for text, _ in strings(item.get("courses")))
                add_entry(
                    part,
                    item.get("institution"),
                    subtitle=degree_text(item.get("studyType"), item.get("area")),
                    location=item.get("location"),
                    dates=date_range(item.get("startDate"), item.get("endDate")),
                    details=[
                        item.get("summary"),
                        score and (score if "gpa" in score.lower() else f"GPA: {score}"),
                        courses and f"Courses: {courses}",
                    ],
                    bullets=item.get("highlights"),
                )
        elif key in ("awards", "certificates", "publications"):
            kind: SectionKind = "education" if key == "certificates" else key  # type: ignore[assignment]
            part = build.section(kind, key.title(), at)
            part.list_like = True
            for item in items:
                add_entry(
                    part,
                    first(item, ("title", "name")),
                    subtitle=first(item, ("awarder", "issuer", "publisher")),
                    dates=date_range(single=first(item, ("date", "releaseDate"))),
                    details=[item.get("summary")],
                    bullets=item.get("highlights"),
                )
        elif key == "skills":
            part = build.section("skills", "Skills", at)
            for item in items:
                name = item.get("name")
                if group := skill_group(name, item.get("keywords"), line_of(name)):
                    part.skills.append(group)
        elif key == "languages":
            spoken = []
            for item in items:
                language, fluency = clean(item.get("language")), clean(item.get("fluency"))
                if language:
                    spoken.append((language, f"{language} ({fluency})" if fluency else language))
            if spoken:
                text = ", ".join(shown for _, shown in spoken)
                group = SkillGroup(label=None, items=[name for name, _ in spoken], text=text)
                build.section("skills", "Languages", at).skills.append(group)
        elif key == "interests":
            part = build.section("interests", "Interests", at)
            for item in items:
                keywords = ", ".join(text for text, _ in strings(item.get("keywords")))
                name = clean(item.get("name"))
                if name or keywords:
                    part.draft.lines.append(
                        f"{name}: {keywords}" if name and keywords else name or keywords
                    )
        elif key == "projects":
            part = build.section("projects", "Projects", at)
            for item in items:
                keywords = ", ".join(text for text, _ in strings(item.get("keywords")))
                roles = ", ".join(text for text, _ in strings(item.get("roles")))
                add_entry(
                    part,
                    item.get("name"),
                    subtitle=roles or item.get("entity"),
                    dates=date_range(item.get("startDate"), item.get("endDate")),
                    details=[item.get("description"), item.get("summary"), keywords or None],
                    bullets=item.get("highlights"),
                )
        elif key == "references":
            for item in items:
                name = item.get("name")
                build.unplaced.append(
                    Unplaced(
                        line=line_of(name),
                        text=clean(name) or "reference",
                        reason="references are not read",
                    )
                )
    return build.build()


# --- rendercv ------------------------------------------------------------------------------------

ONE_LINE_KEYS = ("bullet", "number", "reversed_number")


def add_rendercv_entry(part: Part, item: object) -> None:
    """Adds one rendercv entry (any of its entry types) to a section."""
    if isinstance(item, str | int | float):
        if text := clean(item):
            add_item_text(part, text, line_of(item))
        return
    entry = mapping(item)
    dates = date_range(entry.get("start_date"), entry.get("end_date"), entry.get("date"))
    for key in ONE_LINE_KEYS:
        if key in entry:
            if text := clean(entry[key]):
                add_item_text(part, text, line_of(entry[key]))
            return
    if "label" in entry and "details" in entry:
        label = entry["label"]
        if part.draft.kind == "skills":
            details = clean(entry["details"]) or ""
            if re.search(r"\blanguages?\b", part.draft.heading, re.I) and "," not in details:
                # 'Languages: English: Fluent': the skill is the language, not its level.
                if name := clean(label):
                    text = f"{name}: {details}" if details else name
                    part.skills.append(
                        SkillGroup(label=None, items=[name], text=text, line=line_of(label))
                    )
            elif group := skill_group(label, entry["details"], line_of(label)):
                part.skills.append(group)
        elif part.draft.kind in TEXT_KINDS:
            if text := clean(f"{clean(label)}: {clean(entry['details'])}"):
                part.draft.lines.append(text)
        else:
            add_entry(part, label, details=[entry["details"]])
            part.list_like = part.list_like or not any(e.bullets for e in part.draft.entries)
        return
    if "institution" in entry:
        add_entry(
            part,
            entry["institution"],
            subtitle=degree_text(entry.get("degree"), entry.get("area")),
            location=entry.get("location"),
            dates=dates,
            details=[entry.get("summary")],
            bullets=entry.get("highlights"),
        )
    elif "company" in entry:
        add_entry(
            part,
            entry["company"],
            subtitle=entry.get("position"),
            location=entry.get("location"),
            dates=dates,
            details=[entry.get("summary")],
            bullets=entry.get("highlights"),
        )
    elif "title" in entry and any(key in entry for key in ("authors", "journal", "doi")):
        authors = ", ".join(text for text, _ in strings(entry.get("authors")))
        doi = clean(entry.get("doi"))
        add_entry(
            part,
            entry["title"],
            subtitle=entry.get("journal"),
            dates=dates,
            details=[authors or None, entry.get("summary"), doi and f"doi: {doi}"],
            bullets=entry.get("highlights"),
        )
    elif "name" in entry:
        add_entry(
            part,
            entry["name"],
            location=entry.get("location"),
            dates=dates,
            details=[entry.get("summary")],
            bullets=entry.get("highlights"),
        )
    else:
        add_generic_entry(part, entry)


def parse_rendercv(data: Mapping[str, Any], source: str | None = None) -> Profile:
    """Gives the Profile of a rendercv document (a top-level 'cv:' with 'sections:')."""
    build = Builder(source)
    cv = mapping(data.get("cv"))
    contacts: list[Contact] = []
    if where := clean(cv.get("location")):
        contacts.append(Contact(kind="location", text=where))
    if email := clean(cv.get("email")):
        contacts.append(Contact(kind="email", text=email))
    if phone := clean(cv.get("phone")):
        contacts.append(Contact(kind="phone", text=phone.removeprefix("tel:")))
    if site := link_contact(cv.get("website")):
        contacts.append(site)
    for network in cv.get("social_networks") or []:
        item = mapping(network)
        if found := social_contact(item.get("network"), item.get("username")):
            contacts.append(found)
    build.header = Header(name=clean(cv.get("name")), contacts=contacts)
    for title, entries in mapping(cv.get("sections")).items():
        heading = humanize(title)
        part = build.section(classify_heading(heading) or "other", heading, line_of(title))
        for item in entries if isinstance(entries, list) else [entries]:
            add_rendercv_entry(part, item)
    return build.build()


# --- any other YAML or JSON ----------------------------------------------------------------------

NAME_KEYS = ("name", "full_name", "fullname")
HEADER_KEYS = {
    *NAME_KEYS,
    "email",
    "phone",
    "mobile",
    "tel",
    "url",
    "website",
    "homepage",
    "web",
    "address",
    "location",
    "social",
    "profiles",
    "social_networks",
    "links",
    "contact",
}
TITLE_KEYS = (
    "company",
    "organization",
    "organisation",
    "employer",
    "institution",
    "school",
    "university",
    "place",
    "project",
    "name",
    "title",
    "award",
    "label",
)
SUBTITLE_KEYS = ("position", "role", "title", "degree", "subtitle", "area", "major", "field")
LOCATION_KEYS = ("location", "city", "address")
DATE_KEYS = ("dates", "date", "year", "years", "period", "duration", "when")
START_KEYS = ("start", "start_date", "startDate", "from", "begin")
END_KEYS = ("end", "end_date", "endDate", "to", "until")
BULLET_KEYS = (
    "highlights",
    "bullets",
    "achievements",
    "accomplishments",
    "responsibilities",
    "tasks",
    "items",
    "details",
)
DETAIL_KEYS = (
    "summary",
    "description",
    "desc",
    "descr",
    "details",
    "detail",
    "inline_detail",
    "note",
    "notes",
    "info",
    "authors",
    "journal",
    "venue",
    "conference",
    "publisher",
    "awarder",
    "issuer",
    "thesis",
    "advisor",
    "courses",
)
SKILL_LABEL_KEYS = ("name", "title", "label", "category", "group")
SKILL_ITEM_KEYS = ("keywords", "items", "skills", "details", "list", "values")


def add_generic_entry(part: Part, item: Mapping[Any, Any]) -> None:
    """Adds an entry from a mapping with common keys (title/company/position/dates ...)."""
    if part.draft.kind == "skills":
        label = first(item, SKILL_LABEL_KEYS)
        values = next((item[key] for key in SKILL_ITEM_KEYS if item.get(key)), None)
        if group := skill_group(label, values, line_of(label)):
            part.skills.append(group)
        return
    title_key = next((k for k in TITLE_KEYS if clean(item.get(k), latex=True)), None)
    if title_key is None:  # no usual title: the first text value is the title
        title_key = next((k for k, v in item.items() if isinstance(v, str) and clean(v)), None)
    if title_key is None:
        return
    subtitle_key = next(
        (k for k in SUBTITLE_KEYS if k != title_key and clean(item.get(k), latex=True)), None
    )
    location = first(item, LOCATION_KEYS, latex=True) if title_key not in LOCATION_KEYS else None
    used = {title_key, subtitle_key, *LOCATION_KEYS}
    details: list[object] = []
    bullets: list[object] = []
    for key, value in item.items():
        if key in used:
            continue
        if key in BULLET_KEYS and isinstance(value, list):
            bullets += value
        elif key in DETAIL_KEYS:
            details.append(", ".join(text for text, _ in strings(value, latex=True)) or None)
        elif "gpa" in str(key).lower() and (gpa := clean(value)):
            details.append(f"GPA: {gpa}")
    add_entry(
        part,
        item[title_key],
        subtitle=item.get(subtitle_key) if subtitle_key else None,
        location=location,
        dates=date_range(
            first(item, START_KEYS), first(item, END_KEYS), first(item, DATE_KEYS, latex=True)
        ),
        details=details,
        bullets=bullets,
        latex=True,
    )


def add_generic_value(part: Part, value: object) -> None:
    """Adds a section's value: text, a list of items, or (for skills) label -> items."""
    if isinstance(value, list):
        for item in value:
            if isinstance(item, Mapping):
                add_generic_entry(part, item)
            elif not isinstance(item, list):
                add_generic_value(part, item)
    elif isinstance(value, Mapping):
        for label, items in value.items():
            if group := skill_group(label, items, line_of(label)):
                part.skills.append(group)
    elif part.draft.kind in TEXT_KINDS:
        part.draft.lines += paragraphs(value, latex=True)
    elif (text := clean(value, latex=True)) is not None:
        add_item_text(part, text, line_of(value))


def generic_header(data: Mapping[Any, Any]) -> Header:
    """Gives the header of a generic CV mapping: name, email, phone, site, place, profiles."""
    name = next((data[key] for key in NAME_KEYS if data.get(key)), None)
    parts = mapping(name)
    if parts:
        given = first(parts, ("first", "given", "firstname", "first_name"))
        family = first(parts, ("last", "family", "lastname", "last_name", "surname"))
        name = " ".join(text for text in (clean(given), clean(family)) if text)
    contacts: list[Contact] = []
    if email := clean(data.get("email")):
        contacts.append(Contact(kind="email", text=email))
    if phone := clean(first(data, ("phone", "mobile", "tel"))):
        contacts.append(Contact(kind="phone", text=phone))
    if site := link_contact(first(data, ("url", "website", "homepage", "web"))):
        contacts.append(site)
    if where := clean(first(data, ("location", "address"))):
        contacts.append(Contact(kind="location", text=where))
    for key in ("social", "profiles", "social_networks", "links"):
        value = data.get(key)
        pairs = (
            [(k, v, None) for k, v in value.items()]
            if isinstance(value, Mapping)
            else [
                (m.get("network"), m.get("username"), m.get("url"))
                for m in map(mapping, value if isinstance(value, list) else [])
            ]
        )
        for network, user, url in pairs:
            if found := social_contact(humanize(network) if network else None, user, url):
                contacts.append(found)
    return Header(name=clean(name, latex=True), contacts=contacts)


def parse_generic(data: Mapping[Any, Any], source: str | None = None) -> Profile:
    """Gives the Profile of a mapping whose top-level keys are section names."""
    build = Builder(source)
    build.header = generic_header(data)
    for key, value in data.items():
        if str(key).lower() in HEADER_KEYS:
            continue
        heading = humanize(key)
        kind = classify_heading(heading)
        if kind is None:
            if isinstance(value, list) and any(isinstance(v, Mapping | str) for v in value):
                build.unplaced.append(
                    Unplaced(
                        line=line_of(key),
                        text=str(key),
                        reason="not a CV section tailor knows; left out",
                    )
                )
            continue
        before = len(build.parts)
        if isinstance(value, Mapping) and kind != "skills":
            # A section split into named lists ('service: {main: [...], reviewer: [...]}').
            for sub, items in value.items():
                if isinstance(items, list):
                    name = heading if str(sub).lower() in ("main", "items", "entries") else None
                    part = build.section(kind, name or f"{heading} – {humanize(sub)}", line_of(sub))
                    add_generic_value(part, items)
        else:
            add_generic_value(build.section(kind, heading, line_of(key)), value)
        if not any(has_content(part) for part in build.parts[before:]):
            build.unplaced.append(
                Unplaced(
                    line=line_of(key), text=str(key), reason="no entries found in this section"
                )
            )
    profile = build.build()
    if not any(s.entries or s.skills or s.lines for s in profile.sections):
        raise InputError(
            "found no CV sections in this YAML/JSON file",
            path=source,
            hint=SUPPORTED,
        )
    return profile


# --- dispatch ------------------------------------------------------------------------------------

JSON_RESUME_KEYS = {"basics", "work", "volunteer"}


def is_json_resume(data: Mapping[Any, Any]) -> bool:
    """Tells whether a mapping follows the JSON Resume schema."""
    if JSON_RESUME_KEYS & set(data) or "jsonresume" in str(data.get("$schema", "")):
        return True
    education = data.get("education")
    return isinstance(education, list) and any("studyType" in mapping(e) for e in education)


def parse_structured(
    text: str, *, fmt: Literal["yaml", "json"], source: str | None = None
) -> Profile:
    """Gives the Profile of a YAML or JSON CV: JSON Resume, rendercv, or section-keyed."""
    data = load_json(text, source) if fmt == "json" else load_yaml(text, source)
    check_size(data, source)
    if not isinstance(data, Mapping):
        what = "a list" if isinstance(data, list) else "a single value"
        name = Path(source).name if source else "the file"
        raise InputError(
            f"{name} holds {what}, not a CV: expected a mapping of fields",
            path=source,
            hint=SUPPORTED,
        )
    if isinstance(data.get("cv"), Mapping):
        return parse_rendercv(data, source)
    if is_json_resume(data):
        return parse_json_resume(data, source)
    return parse_generic(data, source)
