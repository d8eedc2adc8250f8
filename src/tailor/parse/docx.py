"""DOCX (Word) CVs -> Profile.

The package is checked first (encrypted or legacy Word files, broken zips, zip bombs), then the
document is walked in order - body paragraphs and tables (layout tables cell by cell, row by row,
merged cells once) - and turned into the line-based Markdown the text reader understands:
headings by style or by heading-like formatting, bullets by list numbering or bullet characters,
bold runs as ``**text**`` and hyperlinks as ``[text](url)``. The text reader then builds the
Profile. A DOCX has no line numbers, so every ``line`` in the result is 0.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tailor.errors import InputError
from tailor.model import Profile
from tailor.parse.dates import is_date_line
from tailor.parse.sections import classify_heading
from tailor.parse.text import ROLE, parse_text
from tailor.text import normalize_spaces, strip_inline_marks

OLE_MAGIC = b"\xd0\xcf\x11\xe0"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
MAX_UNPACKED = 200 * 1024 * 1024
MAX_RATIO = 200
BULLET_GLYPH = re.compile(r"^\s*(?:[•●○◦▪■□➢►✓✔❖➤◆◇∙·\uf000-\uf8ff]\s*|[-–*]\s+)(?=\S)")
INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
HYPERLINK_FIELD = re.compile(r'HYPERLINK\s+"([^"]+)"', re.IGNORECASE)
TRUE_VALUES = {None, "true", "1", "on"}
WRAPPERS = ("ins", "smartTag", "customXml", "sdt", "sdtContent")
REPAIR_HINT = "open it in Word or LibreOffice and save it again as .docx"


@dataclass
class Segment:
    """A piece of a paragraph's text with its formatting."""

    text: str
    bold: bool = False
    url: str | None = None


@dataclass
class Para:
    """One paragraph, reduced to what the line conversion needs."""

    lines: list[str]
    plain: str
    style: str = ""
    level: int | None = None
    listed: bool = False
    bold: bool = False
    size: float | None = None
    caps: bool = False
    signature: tuple[object, ...] = field(default_factory=tuple)


def check_package(data: bytes, source: str | None) -> None:
    """Refuses bytes that are not a safe DOCX: encrypted, legacy .doc, not a zip, zip bombs."""
    name = Path(source).name if source else "the file"
    if data.startswith(OLE_MAGIC):
        if ENCRYPTED_STREAM in data:
            raise InputError(
                f"{name} is an encrypted (password-protected) Word file",
                path=source,
                hint="open it in Word, remove the password and save an unprotected copy as .docx",
            )
        raise InputError(
            f"{name} is an old-style Word (.doc) file, not a DOCX",
            path=source,
            hint="open it in Word or LibreOffice and save it as .docx",
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise InputError(
            f"{name} is not a valid DOCX (Word) file", path=source, hint=REPAIR_HINT
        ) from error
    total = sum(member.file_size for member in members)
    if total > MAX_UNPACKED:
        raise InputError(
            f"{name} unpacks to {total / 1e6:.0f} MB, over the {MAX_UNPACKED / 1e6:.0f} MB limit",
            path=source,
            hint="refused as a possible zip bomb; save the CV again from Word",
        )
    main = next((m for m in members if m.filename == "word/document.xml"), None)
    if main is None:
        raise InputError(
            f"{name} is not a valid DOCX (Word) file: it has no word/document.xml",
            path=source,
            hint=REPAIR_HINT,
        )
    if main.file_size / max(main.compress_size, 1) > MAX_RATIO:
        raise InputError(
            f"{name} is compressed more than {MAX_RATIO}:1",
            path=source,
            hint="refused as a possible zip bomb; save the CV again from Word",
        )


# --- reading paragraphs --------------------------------------------------------------------------


def qn(tag: str) -> str:
    """Gives the Clark name of a prefixed OOXML tag ('w:p' -> '{namespace}p')."""
    from docx.oxml.ns import qn as docx_qn

    return str(docx_qn(tag))


def on(element: Any) -> bool | None:
    """Gives a toggle property's value (<w:b/>, <w:b w:val="0"/>), or None when absent."""
    if element is None:
        return None
    return element.get(qn("w:val")) in TRUE_VALUES


def style_value(style: Any, read: Any) -> Any:
    """Gives a font property from a style or the styles it is based on, or None."""
    seen = 0
    while style is not None and seen < 20:
        value = read(style.font)
        if value is not None:
            return value
        style, seen = style.base_style, seen + 1
    return None


def run_bold(run: Any, paragraph_bold: bool) -> bool:
    """Tells whether a run is bold: directly, by its character style or by its paragraph's."""
    if run.bold is not None:
        return bool(run.bold)
    style_bold = style_value(run.style, lambda font: font.bold)
    return bool(style_bold) if style_bold is not None else paragraph_bold


def segments_of(paragraph: Any) -> list[Segment]:
    """Gives a paragraph's text as segments: runs, hyperlinks and HYPERLINK fields in order."""
    from docx.text.run import Run

    paragraph_bold = bool(style_value(paragraph.style, lambda font: font.bold))
    rels = paragraph.part.rels
    found: list[Segment] = []
    fields: list[dict[str, Any]] = []

    def link_of(rel_id: str | None) -> str | None:
        """Gives the external address of a hyperlink relationship, or None."""
        if rel_id and rel_id in rels and rels[rel_id].is_external:
            return str(rels[rel_id].target_ref)
        return None

    def visit(element: Any, url: str | None) -> None:
        """Adds the segments of an element's runs, hyperlinks and fields."""
        for child in element:
            tag = child.tag
            if tag == qn("w:r"):
                run = Run(child, paragraph)
                bold = run_bold(run, paragraph_bold)
                for node in child:
                    if node.tag == qn("w:t") and not (fields and not fields[-1]["result"]):
                        target = next((f["url"] for f in reversed(fields) if f["url"]), url)
                        found.append(Segment(node.text or "", bold, target))
                    elif node.tag in (qn("w:tab"), qn("w:ptab")):
                        found.append(Segment("\t", bold, url))
                    elif node.tag in (qn("w:br"), qn("w:cr")):
                        found.append(Segment("\n", bold, url))
                    elif node.tag == qn("w:noBreakHyphen"):
                        found.append(Segment("-", bold, url))
                    elif node.tag == qn("w:instrText") and fields:
                        fields[-1]["instr"] += node.text or ""
                    elif node.tag == qn("w:fldChar"):
                        kind = node.get(qn("w:fldCharType"))
                        if kind == "begin":
                            fields.append({"instr": "", "url": None, "result": False})
                        elif kind == "separate" and fields:
                            link = HYPERLINK_FIELD.search(fields[-1]["instr"])
                            fields[-1].update(result=True, url=link.group(1) if link else None)
                        elif kind == "end" and fields:
                            fields.pop()
            elif tag == qn("w:hyperlink"):
                visit(child, link_of(child.get(qn("r:id"))) or url)
            elif tag == qn("w:fldSimple"):
                link = HYPERLINK_FIELD.search(child.get(qn("w:instr")) or "")
                visit(child, link.group(1) if link else url)
            elif tag in {qn(f"w:{name}") for name in WRAPPERS}:
                visit(child, url)

    visit(paragraph._p, None)
    return found


def markdown_lines(segments: list[Segment]) -> list[str]:
    """Gives the paragraph's lines with **bold** and [links](url) marked."""
    lines: list[list[Segment]] = [[]]
    for segment in segments:
        for index, part in enumerate(segment.text.split("\n")):
            if index:
                lines.append([])
            if part:
                lines[-1].append(Segment(part, segment.bold, segment.url))
    rendered = []
    for line in lines:
        merged: list[Segment] = []
        for segment in line:
            if merged and (merged[-1].bold, merged[-1].url) == (segment.bold, segment.url):
                merged[-1].text += segment.text
            else:
                merged.append(Segment(segment.text, segment.bold, segment.url))
        text = ""
        for segment in merged:
            piece = segment.text
            if segment.url and piece.strip():
                piece = mark(piece, "[", f"]({segment.url})")
            if segment.bold and piece.strip():
                piece = mark(piece, "**", "**")
            text += piece
        rendered.append(re.sub(r"\t+", "\t", INVISIBLE.sub("", text)).strip())
    return rendered


def mark(text: str, before: str, after: str) -> str:
    """Gives text wrapped in marks, its outer white space kept outside them."""
    inner = text.strip()
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return f"{lead}{before}{inner}{after}{trail}"


def paragraph_info(paragraph: Any) -> Para:
    """Gives a paragraph's lines, plain text and the formatting that makes headings and lists."""
    segments = segments_of(paragraph)
    lines = markdown_lines(segments)
    plain = normalize_spaces(
        INVISIBLE.sub("", "".join(s.text for s in segments).replace("\n", " "))
    )
    style = paragraph.style.name if paragraph.style is not None else ""
    level: int | None = None
    if style.lower() in ("title", "name"):
        level = 0
    elif match := HEADING_STYLE.match(style):
        level = int(match.group(1))
    p_pr = paragraph._p.pPr
    numbered = p_pr is not None and p_pr.numPr is not None
    if numbered:
        num_id = p_pr.numPr.numId
        numbered = num_id is None or num_id.val != 0
    mark_props = p_pr.find(qn("w:rPr")) if p_pr is not None else None
    mark_bold = on(mark_props.find(qn("w:b"))) if mark_props is not None else None
    mark_size = mark_props.find(qn("w:sz")) if mark_props is not None else None
    texts = [s for s in segments if s.text.strip()]
    bold = bool(texts) and all(s.bold for s in texts)
    if not bold and texts and mark_bold and run_unset_bold(paragraph):
        bold = True
    sizes = [run.font.size.pt for run in paragraph.runs if run.font.size is not None]
    size = max(sizes) if sizes else None
    if size is None and mark_size is not None and mark_size.get(qn("w:val")):
        size = int(mark_size.get(qn("w:val"))) / 2
    if size is None:
        style_size = style_value(paragraph.style, lambda font: font.size)
        size = style_size.pt if style_size is not None else None
    caps = any(run.font.all_caps or run.font.small_caps for run in paragraph.runs)
    letters = [ch for ch in plain if ch.isalpha()]
    caps = caps or (len(letters) >= 3 and all(ch.isupper() for ch in letters))
    return Para(
        lines=lines,
        plain=plain,
        style=style,
        level=level,
        listed=numbered or "list" in style.lower(),
        bold=bold,
        size=size,
        caps=caps,
        signature=(style, bold, size, caps),
    )


def run_unset_bold(paragraph: Any) -> bool:
    """Tells whether no run of the paragraph says anything about bold (then its mark counts)."""
    return all(run.bold is None for run in paragraph.runs)


def blocks(container: Any, parent: Any) -> list[Para | None]:
    """Gives the paragraphs of a body, header or cell in order (None for a break)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    found: list[Para | None] = []
    for child in container:
        if child.tag == qn("w:p"):
            found.append(paragraph_info(Paragraph(child, parent)))
        elif child.tag == qn("w:tbl"):
            found += table_blocks(Table(child, parent))
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                found += blocks(content, parent)
    return found


def table_blocks(table: Any) -> list[Para | None]:
    """Gives a table's paragraphs row by row, cell by cell, each merged cell once."""
    found: list[Para | None] = []
    seen: set[int] = set()
    for row in table.rows:
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            found += blocks(cell._tc, cell)
            found.append(None)
    return found


# --- paragraphs -> lines -------------------------------------------------------------------------


def heading_like(para: Para, body_size: float | None) -> bool:
    """Tells whether a paragraph is short and set off like a heading (bold, caps, larger)."""
    words = para.plain.split()
    if not (1 <= len(words) <= 6) or len(para.plain) > 60 or para.listed:
        return False
    if para.plain.endswith((".", ",", ";")) or is_date_line(para.plain) or ROLE.search(para.plain):
        return False  # a sentence, a date or a job title ('Java developer'), not a heading
    larger = para.size is not None and body_size is not None and para.size > body_size
    return para.bold or para.caps or larger


def to_lines(paras: list[Para | None]) -> list[str]:
    """Gives the Markdown-ish lines of the paragraphs, as the text reader reads them."""
    found = [p for p in paras if p is not None and p.plain]
    sizes = Counter(p.size for p in found if p.size is not None and not p.level)
    body_size = sizes.most_common(1)[0][0] if sizes else None
    levels = [p.level for p in found if p.level]
    known = [p.level for p in found if p.level and classify_heading(p.plain)]
    section_level = min(known or levels or [1])
    signatures = {
        p.signature
        for p in found
        if p.level is None and classify_heading(p.plain) and heading_like(p, body_size)
    }
    lines: list[str] = []
    started = False
    for para in paras:
        if para is None or not para.plain:
            lines.append("")
            continue
        text = "\n".join(line for line in para.lines if line)
        plain = para.plain
        if para.level == 0:
            lines += ["", plain, ""]
        elif para.level is not None and para.level < section_level:
            lines.append(plain)
        elif para.level == section_level:
            lines += ["", f"# {plain}", ""]
            started = True
        elif para.level is not None:
            lines += ["", f"## {plain}" if classify_heading(plain) else f"**{plain}**"]
        elif para.listed or BULLET_GLYPH.match(plain):
            first, *rest = [BULLET_GLYPH.sub("", line, count=1) for line in para.lines if line]
            lines += [f"- {first}", *(f"  {line}" for line in rest)]
        elif heading_like(para, body_size) and (
            classify_heading(plain) or (started and para.signature in signatures)
        ):
            lines += ["", f"## {strip_inline_marks(plain)}", ""]
            started = True
        else:
            lines += text.split("\n")
    return lines


def without_lines(profile: Profile) -> Profile:
    """Gives the profile with every line number 0 (a DOCX has none)."""
    sections = []
    for section in profile.sections:
        entries = [
            entry.model_copy(
                update={
                    "line": 0,
                    "bullets": [b.model_copy(update={"line": 0}) for b in entry.bullets],
                }
            )
            for entry in section.entries
        ]
        skills = [group.model_copy(update={"line": 0}) for group in section.skills]
        sections.append(
            section.model_copy(update={"line": 0, "entries": entries, "skills": skills})
        )
    unplaced = [item.model_copy(update={"line": 0}) for item in profile.unplaced]
    return profile.model_copy(update={"sections": sections, "unplaced": unplaced})


def document_lines(data: bytes, source: str | None) -> list[str]:
    """Gives the lines of a DOCX file's header and body, ready for the text reader."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    name = Path(source).name if source else "the file"
    try:
        document = docx.Document(io.BytesIO(data))
        paras: list[Para | None] = []
        if document.sections:
            header = document.sections[0].header
            if not header.is_linked_to_previous:
                paras += blocks(header._element, header)
                paras.append(None)
        paras += blocks(document.element.body, document._body)
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise InputError(
            f"{name} is not a valid DOCX (Word) file", path=source, hint=REPAIR_HINT
        ) from error
    except SyntaxError as error:  # lxml's XMLSyntaxError is a SyntaxError
        raise InputError(
            f"{name} is not a valid DOCX (Word) file: broken XML", path=source, hint=REPAIR_HINT
        ) from error
    return to_lines(paras)


def parse_docx(data: bytes, source: str | None = None) -> Profile:
    """Gives the Profile of a DOCX (Word) CV."""
    check_package(data, source)
    lines = document_lines(data, source)
    return without_lines(parse_text("\n".join(lines), source=source))
