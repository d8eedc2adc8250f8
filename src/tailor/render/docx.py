"""The tailored résumé as DOCX: one column, real Word bullets, fixed metadata for same bytes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

from tailor.model import Entry, Tailored
from tailor.render.markdown import contact_text, section_title
from tailor.text import inline_runs, strip_inline_marks

FIXED_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def add_runs(paragraph: Any, text: str, *, bold: bool = False, italic: bool = False) -> None:
    """Adds the text to a paragraph keeping its bold, italic and links as Word runs."""
    for chunk, is_bold, is_italic, url in inline_runs(text):
        if url:
            add_hyperlink(paragraph, chunk, url)
            continue
        run = paragraph.add_run(chunk)
        run.bold = bold or is_bold or None
        run.italic = italic or is_italic or None


def add_hyperlink(paragraph: Any, text: str, url: str) -> None:
    """Adds a real Word hyperlink (an external relationship), so parsers keep the address."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rel_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    properties.append(style)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    properties.append(underline)
    run.append(properties)
    text_element = OxmlElement("w:t")
    text_element.text = text
    text_element.set(qn("xml:space"), "preserve")
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def set_styles(document: Any) -> None:
    """Sets one font family with a clear size hierarchy and sensible margins."""
    from docx.shared import Inches, Pt

    for section in document.sections:
        section.top_margin = section.bottom_margin = Inches(0.6)
        section.left_margin = section.right_margin = Inches(0.7)
    sizes = {"Normal": 10.5, "Title": 20, "Heading 1": 12.5, "Heading 2": 11, "List Bullet": 10.5}
    for name, size in sizes.items():
        style = document.styles[name]
        style.font.name = "Calibri"
        style.font.size = Pt(size)
        if name.startswith("Heading") or name == "Title":
            style.font.bold = True
            style.font.color.rgb = None
    normal = document.styles["Normal"].paragraph_format
    normal.space_after = Pt(2)
    normal.space_before = Pt(0)
    heading = document.styles["Heading 1"].paragraph_format
    heading.space_before = Pt(8)
    heading.space_after = Pt(3)


def add_entry(document: Any, entry: Entry, width: Any) -> None:
    """Adds an entry: bold title and right-aligned dates, then subtitle and location."""
    from docx.enum.text import WD_TAB_ALIGNMENT

    paragraph = document.add_paragraph()
    paragraph.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    paragraph.paragraph_format.space_before = document.styles["Normal"].font.size
    title = entry.title + (f", {entry.organization}" if entry.organization else "")
    add_runs(paragraph, title, bold=True)
    if entry.dates:
        paragraph.add_run(f"\t{strip_inline_marks(entry.dates)}")
    if entry.subtitle or entry.location:
        line = document.add_paragraph()
        line.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
        if entry.subtitle:
            add_runs(line, entry.subtitle, italic=True)
        if entry.location:
            line.add_run(f"\t{entry.location}").italic = True
    for detail in entry.details:
        add_runs(document.add_paragraph(), detail)
    for bullet in entry.bullets:
        add_runs(document.add_paragraph(style="List Bullet"), bullet.text)


def render_resume_docx(tailored: Tailored, *, reference: Path | None = None) -> bytes:
    """Gives the tailored résumé as the bytes of a DOCX file, the same for the same input."""
    import docx

    document = docx.Document(str(reference)) if reference else docx.Document()
    if reference is None:
        set_styles(document)
    page = document.sections[0]
    width = (page.page_width or 0) - (page.left_margin or 0) - (page.right_margin or 0)
    resume = tailored.resume
    if resume.header.name:
        document.add_paragraph(resume.header.name, style="Title")
    if resume.header.contacts:
        paragraph = document.add_paragraph()
        for index, text in enumerate(contact_text(resume)):
            if index:
                paragraph.add_run(" | ")
            add_runs(paragraph, text)
    for section in resume.sections:
        document.add_heading(section_title(section.heading), level=1)
        for line in section.lines:
            add_runs(document.add_paragraph(), line)
        for group in section.skills:
            paragraph = document.add_paragraph(style="List Bullet")
            if group.label:
                paragraph.add_run(f"{group.label}: ").bold = True
            paragraph.add_run(", ".join(strip_inline_marks(item) for item in group.items))
        for entry in section.entries:
            if section.list_like:
                paragraph = document.add_paragraph(style="List Bullet")
                add_runs(paragraph, " ".join([entry.title, *entry.details]))
            else:
                add_entry(document, entry, width)
    properties = document.core_properties
    properties.author = "tailor"
    properties.last_modified_by = "tailor"
    properties.title = f"{resume.header.name or 'Résumé'}"
    properties.created = properties.modified = properties.last_printed = FIXED_TIME
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_zip(buffer.getvalue())


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
