"""Job posting text -> Posting: title, company, location and classified sections."""

from __future__ import annotations

import itertools
import re

from tailor.model import Posting, PostingSection, PostingSectionKind
from tailor.text import normalize_spaces, strip_inline_marks, strip_symbols

SOURCE_LINE = re.compile(r"^#\s*source:", re.IGNORECASE)
MD_HEADING = re.compile(r"^\s{0,3}(?P<level>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
BOLD_HEADING = re.compile(r"^\s*(\*\*|__)(?P<text>[^*_]{2,80}?)\1\s*:?\s*$")
FIELD = re.compile(
    r"^\s*(?P<key>company|employer|organi[sz]ation|location|title|job title|role|position)"
    r"\s*:\s*(?P<value>.+)$",
    re.I,
)
FIELD_KEYS = ("company", "employer", "organi", "location", "title", "job title", "role", "position")
BULLET = re.compile(r"^\s*(?:[-*•–·▪]|\d{1,2}[.)])\s+")
METADATA = re.compile(r"[`💰🌎]")
LOCATION_TAG = re.compile(r"🌎\s*([^`]+)")
# "Klaviyo - Boston, MA", "Acme Corp – Remote": a company and a place, on the line under a title.
# Or a company by its legal form and a region: "CMC Consulting Limited - London", "ATR
# Solutions Limited - West Midlands" (UK job boards).
BYLINE = re.compile(
    r"^(?P<company>[^\s–|·-][^–|·-]{0,58}?)\s+[–|·-]\s+"
    r"(?P<place>[A-Z][\w .'’-]{1,40},\s*[A-Z]{2}|Remote|Hybrid|United States)$"
    r"|^(?P<firm>[^\s–|·-][^–|·-]{0,58}?\b(?:Limited|Ltd\.?|LLC|Inc\.?|GmbH|plc|PLC|LLP"
    r"|Corporation|Corp\.?))\s+[–|·-]\s+(?P<region>[A-Z][\w'’.]*(?: [A-Z][\w'’.]*){0,3})$"
)
HEADING_WORDS = 8  # a line of more words is text, not a heading
TITLE_CHARS = 120
HEADING_CHARS = 160  # nor is a longer line, however many of its characters are marks
PLAIN_HEADING_WORDS = 5
COMPANY_HEADING = re.compile(
    r"(?i:get to know|about|life at|working at) [A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*){0,2}"
    r"|(?i:why) [A-Z][\w&.'’-]*\??",
)
HEADING_WORD = re.compile(r"[^\s&/,()]+")
# The words a plain heading line is made of; a line with any other word is text.
HEADING_VOCABULARY = {
    "about", "the", "a", "an", "this", "job", "role", "position", "opportunity", "team", "us",
    "company", "you", "your", "you'll", "you’ll", "we", "we're", "we’re", "are", "is", "who",
    "what", "will", "do", "be", "doing", "need", "bring", "have", "haves", "look", "looking", "for",
    "in", "to", "and", "of", "nice", "must", "good", "key", "core", "main", "basic", "minimum",
    "preferred", "required", "additional", "desired", "bonus", "points", "qualifications",
    "qualification", "requirements", "requirement", "responsibilities", "responsibility", "duties",
    "skills", "experience", "education", "description", "overview", "summary", "benefits", "perks",
    "offer", "compensation", "how", "apply", "next", "steps", "day-to-day", "impact", "ideal",
    "candidate", "essential", "functions", "tasks", "expectations", "it", "takes",
}  # fmt: skip

# Checked in order on a lower-cased heading; the first hit names the section.
SECTION_PATTERNS: list[tuple[str, PostingSectionKind]] = [
    (r"nice[- ]to[- ]have|preferred|bonus|plus|desir|good to have|ideally|advantage"
     r"|extra credit|stand out|love to see|additional points|points for", "preferred"),
    (r"equal (employment )?opportunit|\beeo\b|diversity|accommodation|privacy|disclaimer"
     r"|e-verify|legal|inclusion|non-discrimination", "legal"),
    (r"benefit|perks|what we offer|we offer|our offer|compensation|salary|pay range|why join"
     r"|why you'll"
     r"|^why [a-z0-9&.'-]+\??$"
     r"|what's in it|rewards|total rewards|you can expect|what we have for you", "benefits"),
    (r"requirement|qualifications?|apply if|good fit|great fit|right fit"
     r"|what you('ll)? (need|bring|have)|you (have|bring)|must have"
     r"|who you are|about you|skills|experience|you should have|you'll need|to succeed"
     r"|expect from you|we expect"
     r"|what we('re)? look|looking for|competenc|profile|candidate", "requirements"),
    (r"how to apply|to apply|application process|apply now|next steps|interview process"
     r"|recruitment process|hiring process", "apply"),
    (r"responsibilit|what you('ll)? do|you will|your role|the role|role overview|duties"
     r"|day[- ]to[- ]day|your impact|what you will be doing|mission|the job|job description"
     r"|key tasks|in this role|accountabilit|be doing|your tasks|position summary"
     r"|(role|position) description", "responsibilities"),
    (r"the team|our team|meet the|team overview|the opportunity", "other"),
    (r"about|who we are|company|overview|culture|our story|get to know|life at|working at",
     "about"),
    # A job board's "Description" heads the whole posting, not the company's profile.
    (r"description", "other"),
]  # fmt: skip
LEGAL_PARAGRAPH = re.compile(
    r"equal (employment )?opportunity|regardless of (race|age|gender)|without regard to"
    r"|protected (veteran|characteristic)|e-verify|reasonable accommodation"
)
BENEFITS_PARAGRAPH = re.compile(
    r"health insurance|dental|401\(?k\)?|paid time off|\bpto\b|parental leave|stock options"
    r"|wellness|gym|remote-first|competitive (salary|compensation)"
)
# A word of every alternative of the two patterns: substring tests rule out most sections at a
# fraction of the regex's cost.
BOILERPLATE_HINTS = (
    "equal", "regardless of", "without regard", "protected", "e-verify", "accommodation",
    "health insurance", "dental", "401", "paid time off", "pto", "parental leave",
    "stock options", "wellness", "gym", "remote-first", "competitive",
)  # fmt: skip
BOILERPLATE_WORDS = re.compile(f"{LEGAL_PARAGRAPH.pattern}|{BENEFITS_PARAGRAPH.pattern}")
PARAGRAPH_BREAK = re.compile(r"(\n(?:[ \t]*\n)+)")


SECTION_REGEXES = [(re.compile(pattern), kind) for pattern, kind in SECTION_PATTERNS]


def classify_posting_heading(heading: str) -> PostingSectionKind | None:
    """Gives the kind of posting section a heading opens, or None."""
    lowered = heading.lower().replace("’", "'")
    for pattern, kind in SECTION_REGEXES:
        if pattern.search(lowered):
            return kind
    return None


def posting_heading(line: str) -> str | None:
    """Gives the heading text of a heading line, or None."""
    if match := MD_HEADING.match(line):
        return strip_inline_marks(match.group("text")).strip().rstrip(":")
    if match := BOLD_HEADING.match(line):
        return match.group("text").strip().rstrip(":")
    if len(line) > HEADING_CHARS or BULLET.match(line):
        return None
    plain = strip_inline_marks(line).strip()
    if not plain or len(plain.split()) > HEADING_WORDS:
        return None
    if plain.endswith(":") and classify_posting_heading(plain):
        return plain.rstrip(":").strip()
    bare = plain.rstrip(":–-— ").strip()
    if (
        bare
        and len(bare.split()) <= PLAIN_HEADING_WORDS
        and all(word in HEADING_VOCABULARY for word in HEADING_WORD.findall(bare.lower()))
        and classify_posting_heading(bare)
    ):
        # A plain line made only of heading words: "Requirements", "What You'll Do",
        # "Nice to Haves"; not "Great communication skills" or "Bachelor's (Preferred)".
        return bare
    if COMPANY_HEADING.fullmatch(bare):
        # "Get to know Klaviyo", "About Stones2Milestones", "Why CloudWalk?": the company's
        # name makes the line no plain heading of HEADING_VOCABULARY's words.
        return bare
    letters = [ch for ch in plain if ch.isalpha()]
    if (
        len(letters) >= 4
        and all(ch.isupper() for ch in letters)
        and classify_posting_heading(plain)
    ):
        return plain
    return None


def company_line(lines: list[str]) -> tuple[int, str, str] | None:
    """Gives (line number, company, place) of a job board's byline under a plain title line:
    "Machine Learning Engineer" then "Klaviyo - Boston, MA"."""
    filled = list(
        itertools.islice(
            (
                (number, line.strip())
                for number, line in enumerate(lines, start=1)
                if line.strip() and not SOURCE_LINE.match(line)
            ),
            2,
        )
    )
    if len(filled) < 2 or MD_HEADING.match(filled[0][1]) or FIELD.match(filled[0][1]):
        return None
    number, line = filled[1]
    if match := BYLINE.match(line):
        company = match.group("company") or match.group("firm")
        return number, company.strip(), (match.group("place") or match.group("region")).strip()
    return None


def parse_posting(text: str, *, source: str | None = None) -> Posting:
    """Gives the Posting of a posting's text: metadata and sections, no keywords yet."""
    lines = text.split("\n")
    title: str | None = None
    company: str | None = None
    location: str | None = None
    sections: list[PostingSection] = []
    kind: PostingSectionKind = "other"
    heading: str | None = None
    buffer: list[str] = []
    start = 1
    first_heading_seen = False

    def flush() -> None:
        body = "\n".join(buffer).strip()
        if body:
            sections.append(PostingSection(kind=kind, heading=heading, text=body, line=start))
        buffer.clear()

    byline = company_line(lines)
    if byline is not None:
        company, location = byline[1], byline[2]
    for number, raw in enumerate(lines, start=1):
        if SOURCE_LINE.match(raw) or (byline is not None and number == byline[0]):
            continue
        if (
            ":" in raw
            and raw.lstrip(" \t*_[\\").lower().startswith(FIELD_KEYS)
            and (field := FIELD.match(strip_inline_marks(raw)))
        ):
            key, value = field.group("key").lower(), strip_symbols(field.group("value"))
            if key in {"company", "employer", "organisation", "organization"}:
                company = company or value
            elif key == "location":
                location = location or value
            elif title is None:
                title = value
            continue
        md = MD_HEADING.match(raw)
        found = posting_heading(raw)
        if (
            md
            and not first_heading_seen
            and title is None
            and not (buffer and classify_posting_heading(md.group("text")))
        ):
            # The first Markdown heading of a posting is its title, unless text came first and
            # the heading opens a section ("Data Engineer" then "## Requirements").
            first_heading_seen = True
            title = normalize_spaces(strip_inline_marks(md.group("text")))
            continue
        if (
            md
            and not sections
            and not buffer
            and (
                classify_posting_heading(md.group("text")) is None
                or METADATA.search(md.group("text"))
            )
        ):
            # Job boards put company, salary and location in small headings under the title.
            value = strip_inline_marks(md.group("text"))
            if company is None and not re.search(r"[$€£💰🌎`]", value):
                # Job boards print a missing company as "None" or "N/A".
                name = strip_symbols(value)
                company = None if name.lower() in {"none", "n/a", "null", "unknown", ""} else name
            elif found_location := LOCATION_TAG.search(value):
                location = location or strip_symbols(found_location.group(1)).strip(" -")
            continue
        if found is not None and (classify_posting_heading(found) or md):
            flush()
            heading = found
            kind = classify_posting_heading(found) or "other"
            start = number
            continue
        if not raw.strip():
            if buffer:
                buffer.append("")
            continue
        if not buffer:
            start = number
        buffer.append(raw.rstrip())
    flush()
    if title is None:
        first = next(
            (line.strip() for line in lines if line.strip() and not SOURCE_LINE.match(line)), None
        )
        # A first line longer than a title is text: cut for the title, kept as text.
        title = normalize_spaces(strip_inline_marks(first))[:TITLE_CHARS] if first else None
        if (
            first
            and len(first) <= TITLE_CHARS
            and sections
            and sections[0].text.split("\n", 1)[0].strip() == first
        ):
            sections[:1] = without_first_line(sections[0], lines)
    if title and len(title) % 2 == 0 and title[: len(title) // 2] == title[len(title) // 2 :]:
        title = title[: len(title) // 2]  # a document's title run twice by its extraction
    return Posting(
        source=source,
        title=title,
        company=company,
        location=location,
        sections=reclassify_boilerplate(sections),
    )


def without_first_line(section: PostingSection, lines: list[str]) -> list[PostingSection]:
    """Gives the section without its first line (the posting's title), if anything is left;
    ``lines`` are the posting's, to number the line the section now starts on."""
    rest = section.text.split("\n", 1)[1].strip() if "\n" in section.text else ""
    if not rest:
        return []
    first = rest.split("\n", 1)[0]
    start = next(
        (n for n in range(section.line + 1, len(lines) + 1) if lines[n - 1].strip() == first),
        section.line + 1,
    )
    return [section.model_copy(update={"text": rest, "line": start})]


def reclassify_boilerplate(sections: list[PostingSection]) -> list[PostingSection]:
    """Gives the sections with unheaded legal and benefits paragraphs marked as such.

    Paragraph by paragraph: an introduction that ends on "we offer competitive compensation,
    generous benefits" keeps its other paragraphs. A legal paragraph needs one legal phrase; a
    benefits one needs two different benefits, as such paragraphs list them ("health insurance,
    dental and 401k"): a "dental industry" or a "health insurance company" is the business.
    """
    result: list[PostingSection] = []
    for section in sections:
        lowered = section.text.lower() if section.kind in {"other", "about"} else ""
        if not any(hint in lowered for hint in BOILERPLATE_HINTS) or not BOILERPLATE_WORDS.search(
            lowered
        ):
            result.append(section)
            continue
        pieces: list[PostingSection] = []
        line = section.line
        parts = PARAGRAPH_BREAK.split(section.text)
        before = ""  # the blank lines before this paragraph, kept in the text
        for paragraph, gap in itertools.zip_longest(parts[::2], parts[1::2], fillvalue=""):
            kind = boilerplate_kind(paragraph) or section.kind
            if pieces and pieces[-1].kind == kind:
                text = f"{pieces[-1].text}{before}{paragraph}"
                pieces[-1] = pieces[-1].model_copy(update={"text": text})
            else:
                update = {"kind": kind, "text": paragraph, "line": line}
                pieces.append(section.model_copy(update=update))
            line += paragraph.count("\n") + gap.count("\n")
            before = gap
        result.extend(pieces)
    return result


def boilerplate_kind(paragraph: str) -> PostingSectionKind | None:
    """Gives legal or benefits for a paragraph of such boilerplate, else None."""
    lowered = paragraph.lower()
    if len(lowered) >= 1500:
        return None
    if LEGAL_PARAGRAPH.search(lowered):
        return "legal"
    if len({match.group() for match in BENEFITS_PARAGRAPH.finditer(lowered)}) >= 2:
        return "benefits"
    return None
