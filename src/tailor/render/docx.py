"""The tailored résumé as DOCX: one column, Word styles, real bullets, the same bytes every time.

The look comes from a reference document, the way pandoc's ``--reference-doc`` works: tailor
opens it, removes its body and writes the résumé with its styles, page size and margins. The
default is ``templates/reference.docx`` (built by ``tests/reference_docx.py``); a user's own Word
file works as long as it is a .docx, and any style it lacks is added with plain defaults.

Only what résumé parsers read well is used: paragraphs with built-in heading and list styles, a
right-aligned tab stop for dates, hyperlinks, bold and italic runs. No tables, text boxes,
images, headers or footers are added.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tailor.errors import InputError
from tailor.model import Entry, Section, Tailored
from tailor.render.markdown import full_stop, link_target, section_title
from tailor.text import inline_runs, strip_inline_marks

FIXED_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

# The styles the renderer writes with; a reference document that lacks one gets a plain one.
TITLE = "Title"
CONTACT = "Contact"
SECTION_HEADING = "Heading 1"
ENTRY_HEADING = "Heading 2"
ENTRY_SUBTITLE = "Entry Subtitle"
BULLET = "List Bullet"
HYPERLINK = "Hyperlink"
# Word's own bullet: U+F0B7 in the Symbol font, what Word writes for its default bullet list.
BULLET_CHARACTER = "\uf0b7"
BULLET_FONT = "Symbol"
# Parts a reference document's body may point to that are dropped along with its body.
BODY_RELATIONSHIPS = ("/image", "/hyperlink", "/chart", "/oleObject", "/package", "/diagram")
TEMPLATE_CONTENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template"
DOCUMENT_CONTENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass
class Body:
    """The document being written, its text width (for right tab stops) and its style ids."""

    document: Any
    width: int
    style_ids: dict[str, str] = field(default_factory=dict)

    def paragraph(self, style: str | None = None) -> Any:
        """Adds an empty paragraph, in a paragraph style whose id is looked up once: python-docx's
        add_paragraph(style=name) scans every style for the default one on each call (0.4 ms a
        paragraph with the 167 styles of a Word reference document)."""
        paragraph = self.document.add_paragraph()
        if style is not None:
            if style not in self.style_ids:
                self.style_ids[style] = self.document.styles[style].style_id
            paragraph._p.style = self.style_ids[style]
        return paragraph


def render_resume_docx(tailored: Tailored, *, reference: Path | None = None) -> bytes:
    """Gives the tailored résumé as the bytes of a DOCX file, the same for the same input."""
    from tailor.render.templates import find_reference_docx

    document = open_reference(reference or find_reference_docx())
    ensure_styles(document)
    page = document.sections[-1]
    body = Body(
        document, (page.page_width or 0) - (page.left_margin or 0) - (page.right_margin or 0)
    )
    resume = tailored.resume
    if resume.header.name:
        add_runs(body.paragraph(TITLE), resume.header.name)
    if resume.header.contacts:
        add_contacts(body.paragraph(CONTACT), tailored)
    for section in resume.sections:
        add_section(body, section)
    fix_properties(document, title=resume.header.name or "Résumé")
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_zip(buffer.getvalue())


def open_reference(path: Path) -> Any:
    """Gives the reference document with its body removed: its styles and page setup stay."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if not path.is_file():
        raise InputError(
            "no such reference document",
            path=path,
            hint="give a .docx file made in Word, or run 'tailor init' to copy the default out",
        )
    try:
        document = docx.Document(io.BytesIO(as_document_package(path.read_bytes())))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise InputError(
            "the reference document is not a Word .docx file",
            path=path,
            hint="open it in Word or LibreOffice and save it as .docx (Word Document)",
        ) from error
    body = document.element.body
    for child in list(body):
        if child.tag != qualified("w:sectPr"):
            body.remove(child)
    part = document.part
    for rel_id, relationship in list(part.rels.items()):
        if relationship.reltype.endswith(BODY_RELATIONSHIPS):
            part.drop_rel(rel_id)
    return document


def as_document_package(data: bytes) -> bytes:
    """Gives a Word template (.dotx) relabelled as a document, so it serves as a reference too."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        types = archive.read("[Content_Types].xml")
    except (zipfile.BadZipFile, KeyError):
        return data
    if TEMPLATE_CONTENT_TYPE not in types:
        return data
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in archive.infolist():
            content = archive.read(info.filename)
            if info.filename == "[Content_Types].xml":
                content = content.replace(TEMPLATE_CONTENT_TYPE, DOCUMENT_CONTENT_TYPE)
            target.writestr(info, content)
    return output.getvalue()


def qualified(tag: str) -> str:
    """Gives the Clark name of a prefixed WordprocessingML tag, e.g. 'w:p'."""
    from docx.oxml.ns import qn

    return str(qn(tag))


def ensure_styles(document: Any) -> None:
    """Adds each style the renderer uses that the reference lacks, plain and based on Normal."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_UNDERLINE
    from docx.shared import Pt, RGBColor

    styles = document.styles
    names = {style.name for style in styles}
    base = styles["Normal"]
    size = base.font.size or Pt(11)

    def add(name: str) -> Any:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = base
        style.next_paragraph_style = base
        style.quick_style = True
        return style

    if TITLE not in names:
        style = add(TITLE)
        style.font.bold = True
        style.font.size = Pt(size.pt * 1.8)
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if CONTACT not in names:
        # The contact line sits under the name: aligned as the reference aligns the name.
        style = add(CONTACT)
        style.paragraph_format.alignment = styles[TITLE].paragraph_format.alignment
        style.paragraph_format.space_after = Pt(6)
    if SECTION_HEADING not in names:
        style = add(SECTION_HEADING)
        style.font.bold = True
        style.font.size = Pt(size.pt + 1.5)
        style.paragraph_format.space_before = Pt(10)
        style.paragraph_format.space_after = Pt(3)
        style.paragraph_format.keep_with_next = True
    if ENTRY_HEADING not in names:
        style = add(ENTRY_HEADING)
        style.font.bold = True
        style.paragraph_format.space_before = Pt(4)
        style.paragraph_format.keep_with_next = True
    if ENTRY_SUBTITLE not in names:
        style = add(ENTRY_SUBTITLE)
        style.font.italic = True
        style.paragraph_format.keep_with_next = True
    if BULLET not in names:
        add(BULLET)
    if HYPERLINK not in names:
        link = styles.add_style(HYPERLINK, WD_STYLE_TYPE.CHARACTER)
        link.font.underline = WD_UNDERLINE.SINGLE
        link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    ensure_bullet_numbering(document)


def ensure_bullet_numbering(document: Any) -> None:
    """Makes the List Bullet style point at a bullet numbering definition, adding one if needed."""
    from docx.oxml import OxmlElement

    style = document.styles[BULLET]
    numbering = document.part.numbering_part.element
    properties = style.element.get_or_add_pPr()
    number_properties = properties.numPr
    numbered = number_properties is not None and number_properties.numId is not None
    if numbered and is_bullet_list(numbering, int(number_properties.numId.val)):
        return
    abstract_ids = [int(v) for v in numbering.xpath("./w:abstractNum/@w:abstractNumId")]
    abstract_id = max(abstract_ids, default=-1) + 1
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qualified("w:abstractNumId"), str(abstract_id))
    abstract.append(xml_element("w:multiLevelType", val="singleLevel"))
    level = OxmlElement("w:lvl")
    level.set(qualified("w:ilvl"), "0")
    level.append(xml_element("w:start", val="1"))
    level.append(xml_element("w:numFmt", val="bullet"))
    level.append(xml_element("w:pStyle", val=style.style_id))
    level.append(xml_element("w:lvlText", val=BULLET_CHARACTER))
    level.append(xml_element("w:lvlJc", val="left"))
    paragraph = OxmlElement("w:pPr")
    paragraph.append(xml_element("w:ind", left="284", hanging="284"))
    level.append(paragraph)
    run = OxmlElement("w:rPr")
    run.append(xml_element("w:rFonts", ascii=BULLET_FONT, hAnsi=BULLET_FONT, hint="default"))
    level.append(run)
    abstract.append(level)
    existing = numbering.xpath("./w:abstractNum")
    if existing:
        existing[-1].addnext(abstract)
    else:
        numbering.insert_element_before(abstract, "w:num", "w:numIdMacAtCleanup")
    num = numbering.add_num(abstract_id)
    number_properties = properties.get_or_add_numPr()
    number_properties.get_or_add_ilvl().val = 0
    number_properties.get_or_add_numId().val = int(num.numId)


def is_bullet_list(numbering: Any, num_id: int) -> bool:
    """Tells whether a numbering instance's first level is a bullet, not a number."""
    abstract_ids = numbering.xpath(f'./w:num[@w:numId="{num_id}"]/w:abstractNumId/@w:val')
    if not abstract_ids:
        return False
    formats = numbering.xpath(
        f'./w:abstractNum[@w:abstractNumId="{abstract_ids[0]}"]/w:lvl[@w:ilvl="0"]/w:numFmt/@w:val'
    )
    return bool(formats) and formats[0] == "bullet"


def xml_element(tag: str, **attributes: str) -> Any:
    """Gives a new WordprocessingML element with w: attributes."""
    from docx.oxml import OxmlElement

    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qualified(f"w:{name}"), value)
    return element


def add_contacts(paragraph: Any, tailored: Tailored) -> None:
    """Adds the contact items separated by bars: e-mail and real links as hyperlinks."""
    for index, contact in enumerate(tailored.resume.header.contacts):
        if index:
            paragraph.add_run(" | ")
        text = strip_inline_marks(contact.text)
        target = link_target(contact.url) if contact.kind == "link" else None
        if contact.kind == "email" and "@" in text:
            target = f"mailto:{text}"
        if target:
            add_hyperlink(paragraph, text, target)
        else:
            paragraph.add_run(text)


def add_section(body: Body, section: Section) -> None:
    """Adds a section: its heading, free lines, skill groups and entries."""
    heading = body.paragraph(SECTION_HEADING)
    if title := section_title(section.heading):
        heading.add_run(title)
    for line in section.lines:
        add_runs(body.paragraph(), line)
    for group in section.skills:
        paragraph = body.paragraph(BULLET)
        if group.label:
            paragraph.add_run(f"{strip_inline_marks(group.label)}: ").bold = True
        paragraph.add_run(", ".join(strip_inline_marks(item) for item in group.items))
    for entry in section.entries:
        if section.list_like and not entry.bullets:
            add_list_entry(body.paragraph(BULLET), entry)
        else:
            add_entry(body, entry)


def add_list_entry(paragraph: Any, entry: Entry) -> None:
    """Adds a publication or award as one bullet: the title in italics, then its details.

    The CV gives title, authors and venue on lines of their own; run together in one paragraph
    they are told apart the way a citation does it, by a full stop after each.
    """
    if not entry.details:
        add_runs(paragraph, entry.title)
        return
    add_runs(paragraph, entry.title, italic=True)
    paragraph.add_run(full_stop(entry.title))
    for detail in entry.details:
        paragraph.add_run(" ")
        add_runs(paragraph, detail)
        paragraph.add_run(full_stop(detail))


def add_entry(body: Body, entry: Entry) -> None:
    """Adds an entry: title and right-aligned dates, then subtitle and location, then bullets."""
    from docx.enum.text import WD_TAB_ALIGNMENT

    heading = body.paragraph(ENTRY_HEADING)
    heading.paragraph_format.tab_stops.add_tab_stop(body.width, WD_TAB_ALIGNMENT.RIGHT)
    add_runs(heading, entry.title)
    if entry.organization:
        heading.add_run(", ")
        add_runs(heading, entry.organization)
    if entry.dates:
        # Dates at the right margin, in the body weight: the title is what the eye looks for.
        heading.add_run(f"\t{strip_inline_marks(entry.dates)}").bold = False
    if entry.subtitle or entry.location:
        line = body.paragraph(ENTRY_SUBTITLE)
        line.paragraph_format.tab_stops.add_tab_stop(body.width, WD_TAB_ALIGNMENT.RIGHT)
        if entry.subtitle:
            add_runs(line, entry.subtitle)
        if entry.location:
            line.add_run(f"\t{strip_inline_marks(entry.location)}")
    for detail in entry.details:
        add_runs(body.paragraph(), detail)
    for bullet in entry.bullets:
        add_runs(body.paragraph(BULLET), bullet.text)


def add_runs(paragraph: Any, text: str, *, bold: bool = False, italic: bool = False) -> None:
    """Adds the text to a paragraph keeping its bold, italic and real links as Word runs."""
    for chunk, is_bold, is_italic, url in inline_runs(text):
        target = link_target(url)
        if target:
            add_hyperlink(paragraph, chunk, target)
            continue
        run = paragraph.add_run(chunk)
        run.bold = bold or is_bold or None
        run.italic = italic or is_italic or None


def add_hyperlink(paragraph: Any, text: str, url: str) -> None:
    """Adds a real Word hyperlink (an external relationship), so parsers keep the address."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement

    rel_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qualified("r:id"), rel_id)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    style_id = paragraph.part.styles[HYPERLINK].style_id
    properties.append(xml_element("w:rStyle", val=style_id))
    run.append(properties)
    text_element = OxmlElement("w:t")
    text_element.text = text
    text_element.set(qualified("xml:space"), "preserve")
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def fix_properties(document: Any, *, title: str) -> None:
    """Sets the core properties to fixed values, so nothing of the reference or the clock leaks."""
    properties = document.core_properties
    properties.author = "tailor"
    properties.last_modified_by = "tailor"
    properties.title = title
    for name in ("subject", "keywords", "comments", "category", "content_status", "version"):
        setattr(properties, name, "")
    properties.created = properties.modified = properties.last_printed = FIXED_TIME
    properties.revision = 1


def normalize_zip(data: bytes) -> bytes:
    """Gives the zip with fixed timestamps and order, so the same document has the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return output.getvalue()


def read_docx_text(data: bytes) -> list[str]:
    """Gives the text of every paragraph of a DOCX, hyperlinks included, for the read-back check."""
    import docx

    document = docx.Document(io.BytesIO(data))
    return [paragraph.text for paragraph in document.paragraphs]
