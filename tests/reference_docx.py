"""Builds templates/reference.docx, the default look of tailor's DOCX résumé, with python-docx.

The shipped reference document is generated rather than drawn by hand, so every style it sets is
written down here. After changing a style, rebuild it, open it in Word or LibreOffice, and commit
both files:

    python tests/reference_docx.py          (or: pytest --update-golden)

tests/test_render.py checks that the shipped file is what this script builds.

The look: US Letter, margins of 0.5 in top and bottom and 0.7 in at the sides; Calibri
throughout (theme fonts too, so Word shows no Cambria anywhere); a 20 pt name, 12 pt section
headings with a thin rule under them, a 10.5 pt body with single line spacing and no space after
paragraphs. tailor's page estimate counts 54 lines of about 105 characters a page, two lines for a
section heading and nothing for the gap between entries: the page holds about 56 lines of that
body, and the spare two pay for those gaps (benchmarks/pages.py measures how well it holds).
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "templates" / "reference.docx"
FONT = "Calibri"
ACCENT = "1F3864"
# WordprocessingML is strict about order: what may follow w:pBdr inside w:pPr.
AFTER_BORDER = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
THEME_FONT = re.compile(rb'(<a:(?:major|minor)Font>\s*<a:latin typeface=")[^"]*(")')


def build_reference_docx() -> bytes:
    """Gives the bytes of the default reference document, the same on every run."""
    import docx

    from tailor.render.docx import (
        BULLET,
        CONTACT,
        ENTRY_HEADING,
        ENTRY_SUBTITLE,
        SECTION_HEADING,
        TITLE,
        fix_properties,
        normalize_zip,
    )

    document = docx.Document()
    drop_leftovers(document)
    use_one_font(document)
    set_page(document)
    set_styles(document)
    set_bullet_indent(document)
    add_samples(
        document,
        {
            "title": TITLE,
            "contact": CONTACT,
            "section": SECTION_HEADING,
            "entry": ENTRY_HEADING,
            "subtitle": ENTRY_SUBTITLE,
            "bullet": BULLET,
        },
    )
    fix_properties(document, title="tailor reference document")
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_zip(buffer.getvalue())


def drop_leftovers(document: Any) -> None:
    """Removes parts of python-docx's template that would contradict the styles set here.

    Its thumbnail previews some other document; its stylesWithEffects.xml, a Word 2010 copy of
    styles.xml, would keep the old fonts for whoever reads it.
    """
    package = document.part.package
    for rel_id, relationship in list(package.rels.items()):
        if relationship.reltype.endswith("/thumbnail"):
            del package.rels[rel_id]
    for rel_id, relationship in list(document.part.rels.items()):
        if relationship.reltype.endswith("/stylesWithEffects"):
            del document.part.rels[rel_id]


def use_one_font(document: Any) -> None:
    """Sets one font family everywhere: document defaults, theme fonts, no theme overrides."""
    from docx.oxml.ns import qn

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = run_defaults.find(qn("w:rFonts"))
    for name in list(fonts.attrib):
        fonts.attrib.pop(name)
    for name in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(name), FONT)
    fonts.set(qn("w:eastAsiaTheme"), "minorEastAsia")
    # Word prefers a style's theme font to its named font: drop theme fonts from the styles so
    # every style inherits the one family (styles with a named font, like "macro", keep it).
    for element in list(styles.iter(qn("w:rFonts"))):
        if element is not fonts and any(key.endswith("Theme") for key in element.attrib):
            element.getparent().remove(element)
    for part in document.part.package.iter_parts():
        if str(part.partname).startswith("/word/theme/"):
            part._blob = THEME_FONT.sub(rb"\g<1>" + FONT.encode() + rb"\g<2>", part.blob)
    paragraph_defaults = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = paragraph_defaults.find(qn("w:spacing"))
    for name in list(spacing.attrib):
        spacing.attrib.pop(name)
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")


def set_page(document: Any) -> None:
    """Sets US Letter with margins that leave about 56 lines of 105 characters."""
    from docx.shared import Inches

    for section in document.sections:
        section.page_width, section.page_height = Inches(8.5), Inches(11)
        section.top_margin = section.bottom_margin = Inches(0.5)
        section.left_margin = section.right_margin = Inches(0.7)
        section.header_distance = section.footer_distance = Inches(0.3)


def set_styles(document: Any) -> None:
    """Sets the size hierarchy: name 20 pt, section 12 pt, body 10.5 pt; one accent colour."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_UNDERLINE
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    from tailor.render.docx import (
        CONTACT,
        ENTRY_HEADING,
        ENTRY_SUBTITLE,
        HYPERLINK,
        SECTION_HEADING,
        TITLE,
        xml_element,
    )

    accent = RGBColor.from_string(ACCENT)
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    normal.paragraph_format.widow_control = True

    title = styles[TITLE]
    title_properties = title.element.get_or_add_pPr()
    for tag in ("w:pBdr", "w:contextualSpacing"):
        for element in title_properties.findall(qn(tag)):
            title_properties.remove(element)
    title_run = title.element.get_or_add_rPr()
    for tag in ("w:spacing", "w:kern"):
        for element in title_run.findall(qn(tag)):
            title_run.remove(element)
    title.font.size = Pt(20)
    title.font.bold = True
    title.font.color.rgb = accent
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(0)

    contact = add_style(document, CONTACT)
    contact.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    contact.paragraph_format.space_after = Pt(2)

    heading = styles[SECTION_HEADING]
    heading.font.size = Pt(12)
    heading.font.bold = True
    heading.font.color.rgb = accent
    heading.paragraph_format.space_before = Pt(6)
    heading.paragraph_format.space_after = Pt(2)
    heading.paragraph_format.keep_with_next = True
    heading.paragraph_format.keep_together = True
    # A thin rule under each section heading: a paragraph border, which parsers ignore.
    border = xml_element("w:pBdr")
    border.append(xml_element("w:bottom", val="single", sz="4", space="1", color=ACCENT))
    heading.element.get_or_add_pPr().insert_element_before(border, *AFTER_BORDER)

    entry = styles[ENTRY_HEADING]
    entry.font.size = Pt(10.5)
    entry.font.bold = True
    entry.font.color.rgb = None
    entry.paragraph_format.space_before = Pt(2.5)
    entry.paragraph_format.space_after = Pt(0)
    entry.paragraph_format.keep_with_next = True

    subtitle = add_style(document, ENTRY_SUBTITLE)
    subtitle.font.italic = True
    subtitle.paragraph_format.keep_with_next = True

    link = styles.add_style(HYPERLINK, WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = accent
    link.font.underline = WD_UNDERLINE.SINGLE


def add_style(document: Any, name: str) -> Any:
    """Gives a new paragraph style based on Normal, shown in Word's style gallery."""
    from docx.enum.style import WD_STYLE_TYPE

    normal = document.styles["Normal"]
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = normal
    style.next_paragraph_style = normal
    style.quick_style = True
    return style


def set_bullet_indent(document: Any) -> None:
    """Sets a compact hanging indent for bullets, in the numbering level and the style alike."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, Twips

    from tailor.render.docx import BULLET

    style = document.styles[BULLET]
    style.paragraph_format.left_indent = Twips(284)
    style.paragraph_format.first_line_indent = Twips(-284)
    style.paragraph_format.space_after = Pt(0)
    numbering = document.part.numbering_part.element
    num_id = style.element.pPr.numPr.numId.val
    abstract_id = numbering.num_having_numId(num_id).abstractNumId.val
    for level in numbering.xpath(f'./w:abstractNum[@w:abstractNumId="{abstract_id}"]/w:lvl'):
        indent = level.find(qn("w:pPr")).find(qn("w:ind"))
        indent.set(qn("w:left"), "284")
        indent.set(qn("w:hanging"), "284")
        tabs = level.find(qn("w:pPr")).find(qn("w:tabs"))
        if tabs is not None:
            tabs.getparent().remove(tabs)


def add_samples(document: Any, styles: dict[str, str]) -> None:
    """Adds one sample paragraph per style, so a user editing the file sees what each one is."""
    from docx.enum.text import WD_TAB_ALIGNMENT

    from tailor.render.docx import add_runs

    section = document.sections[0]
    width = section.page_width - section.left_margin - section.right_margin
    document.add_paragraph("Your Name", style=styles["title"])
    document.add_paragraph(
        "City, Country | +1 555 0100 | you@example.com | example.com", style=styles["contact"]
    )
    document.add_paragraph("Experience", style=styles["section"])
    entry = document.add_paragraph(style=styles["entry"])
    entry.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    entry.add_run("Organisation\tJan. 2020 - Present")
    subtitle = document.add_paragraph(style=styles["subtitle"])
    subtitle.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    subtitle.add_run("Role\tCity, Country")
    add_runs(
        document.add_paragraph(style=styles["bullet"]),
        "tailor keeps the styles, page size and margins of this document and replaces its text: "
        "change a style (Normal, Title, Contact, Heading 1, Heading 2, Entry Subtitle, "
        "List Bullet, Hyperlink), not the text, then save it as templates/reference.docx.",
    )
    add_runs(
        document.add_paragraph(style=styles["bullet"]),
        "A bullet with **bold**, *italic* and a [hyperlink](https://example.com).",
    )
    document.add_paragraph("Free text such as a summary uses the Normal style.")


def main() -> int:
    """Writes templates/reference.docx; gives the exit code."""
    TARGET.write_bytes(build_reference_docx())
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
