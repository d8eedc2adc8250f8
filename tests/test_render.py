"""Rendered outputs: Markdown against its golden file, the DOCX by paragraphs, styles and numbering.

The DOCX is never compared by bytes (python-docx and lxml may serialise differently across
versions) but by what a reader and a résumé parser see: each paragraph's style and text, the runs'
bold and italic, the numbering behind the bullets, the page setup, the links.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
import pytest
from typer.testing import CliRunner

from tailor.analyze import analyze_posting
from tailor.cli import app
from tailor.errors import InputError, TailorError
from tailor.model import Contact, Posting, Profile, Tailored
from tailor.pipeline import tailor
from tailor.render.markdown import (
    inline_markdown,
    link_target,
    render_report_markdown,
    render_resume_markdown,
    section_title,
)
from tailor.render.templates import make_environment
from tailor.text import strip_inline_marks
from tailor.workflow import TEMPLATE_HINT, check_read_back, render_outputs

from .conftest import DATA, JOB_POSTS, MASTER_CV, ROOT
from .reference_docx import build_reference_docx

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
runner = CliRunner()
A4 = (11906 * 635, 16838 * 635)  # in EMU, as Word stores it (twips)


@pytest.fixture(scope="module")
def vision(master: Profile, vision_posting: Posting) -> Tailored:
    return tailor(master, vision_posting)


@pytest.fixture(scope="module")
def vision_docx(vision: Tailored) -> bytes:
    from tailor.render.docx import render_resume_docx

    return render_resume_docx(vision)


def open_docx(data: bytes) -> Any:
    import docx

    return docx.Document(io.BytesIO(data))


def style_of(paragraph: Any) -> str:
    return str(paragraph.style.name) if paragraph.style is not None else ""


def paragraph_dump(document: Any) -> str:
    """Gives one line per paragraph, 'style | text', with **bold** and *italic* runs marked."""
    from docx.text.hyperlink import Hyperlink

    lines = []
    for paragraph in document.paragraphs:
        parts = []
        for item in paragraph.iter_inner_content():
            if isinstance(item, Hyperlink):
                parts.append(f"[{item.text}]({item.address})")
                continue
            text = item.text
            if item.bold and text.strip():
                text = f"**{text}**"
            if item.italic and text.strip():
                text = f"*{text}*"
            parts.append(text)
        lines.append(f"{style_of(paragraph)} | {''.join(parts)}".replace("\t", " <tab> "))
    return "\n".join(lines) + "\n"


# --- Markdown --------------------------------------------------------------------------------


def test_resume_markdown_golden(vision: Tailored, update_golden: bool) -> None:
    rendered = render_resume_markdown(vision)
    golden = DATA / "ml-engineer-vision.resume.md"
    if update_golden:
        golden.write_text(rendered, encoding="utf-8")
    assert rendered == golden.read_text(encoding="utf-8"), "run pytest --update-golden and review"


def test_report_lists_every_keyword(vision: Tailored) -> None:
    report = render_report_markdown(vision)
    for keyword in vision.result.keywords:
        assert keyword.term in report
    assert f"{vision.result.score.tailored} / 100" in report


@pytest.mark.parametrize(
    ("text", "markdown"),
    [("Advised by [Prof. Nie](#), ICV", "Advised by Prof. Nie, ICV"),
     ("capabilities[[News!](#)].", "capabilities[News!]."),
     ("see [the code](https://example.com/x)", "see [the code](https://example.com/x)"),
     (r"Python, \LaTeX, 5\% faster", r"Python, LaTeX, 5\% faster"),
     ("**bold** and *italic*", "**bold** and *italic*")],
)  # fmt: skip
def test_inline_markdown(text: str, markdown: str) -> None:
    assert inline_markdown(text) == markdown


@pytest.mark.parametrize(
    ("url", "target"),
    [("#", None), ("", None), (None, None), ("https://x.dev/a", "https://x.dev/a"),
     ("github.com/someone", "https://github.com/someone"), ("www.x.org", "https://www.x.org"),
     ("mailto:a@b.c", "mailto:a@b.c"), ("not a link", None)],
)  # fmt: skip
def test_link_target(url: str | None, target: str | None) -> None:
    assert link_target(url) == target


def test_template_option_and_its_errors(vision: Tailored, tmp_path: Path) -> None:
    template = tmp_path / "short.md.j2"
    template.write_text("{{ name }}: {{ sections | length }} sections\n", encoding="utf-8")
    assert render_resume_markdown(vision, template=template) == "ZIXIN LIU: 6 sections\n"
    with pytest.raises(InputError, match="no such template"):
        render_resume_markdown(vision, template=tmp_path / "missing.j2")
    binary = tmp_path / "resume.docx"
    binary.write_bytes(b"PK\x03\x04\xff\xfe\x00")
    with pytest.raises(TailorError, match="not UTF-8"):
        render_resume_markdown(vision, template=binary)
    including = tmp_path / "including.md.j2"
    including.write_text('{% include "parts.j2" %}\n', encoding="utf-8")
    with pytest.raises(TailorError, match=r"template parts\.j2 not found") as caught:
        render_resume_markdown(vision, template=including)
    assert "including.md.j2 includes parts.j2" in str(caught.value.hint)


def test_compiled_templates_are_cached_and_edits_recompile(
    vision: Tailored, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    template = tmp_path / "short.md.j2"
    template.write_text("{{ name }} once\n", encoding="utf-8")
    make_environment.cache_clear()
    assert render_resume_markdown(vision, template=template) == "ZIXIN LIU once\n"
    assert list((tmp_path / "cache" / "tailor").glob("templates-*/*.cache"))
    # A new environment (as in the next run) reads the compiled code: no compiling.
    make_environment.cache_clear()
    with monkeypatch.context() as patch:
        patch.setattr(jinja2.Environment, "compile", lambda *args, **kwargs: 1 / 0)
        assert render_resume_markdown(vision, template=template) == "ZIXIN LIU once\n"
    # An edited template is compiled afresh, never served from the cache.
    template.write_text("{{ name }} twice\n", encoding="utf-8")
    make_environment.cache_clear()
    assert render_resume_markdown(vision, template=template) == "ZIXIN LIU twice\n"
    # A damaged cache file is compiled over, not raised (pickle's errors escape jinja).
    for cached in (tmp_path / "cache" / "tailor").glob("templates-*/*.cache"):
        cached.write_bytes(cached.read_bytes()[:18])
    make_environment.cache_clear()
    assert render_resume_markdown(vision, template=template) == "ZIXIN LIU twice\n"
    # The folder gone before the compiled code is written: only slower.
    shutil.rmtree(tmp_path / "cache")
    template.write_text("{{ name }} thrice\n", encoding="utf-8")
    assert render_resume_markdown(vision, template=template) == "ZIXIN LIU thrice\n"
    # No cache folder to be had (a file in its place): templates compile each time.
    (tmp_path / "file").write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
    make_environment.cache_clear()
    assert render_resume_markdown(vision, template=template) == "ZIXIN LIU thrice\n"
    make_environment.cache_clear()


def test_a_template_that_drops_bullets_fails_the_read_back(
    vision: Tailored, tmp_path: Path
) -> None:
    template = tmp_path / "resume.md.j2"
    template.write_text("# {{ name }}\n", encoding="utf-8")
    with pytest.raises(TailorError, match="read-back check failed") as failure:
        render_outputs(vision, template=template)
    assert failure.value.hint == TEMPLATE_HINT


# --- DOCX: structure -------------------------------------------------------------------------


def test_docx_paragraphs_golden(vision_docx: bytes, update_golden: bool) -> None:
    dump = paragraph_dump(open_docx(vision_docx))
    golden = DATA / "ml-engineer-vision.resume.docx.txt"
    if update_golden:
        golden.write_text(dump, encoding="utf-8")
    assert dump == golden.read_text(encoding="utf-8"), "run pytest --update-golden and review"


def test_docx_structure(vision: Tailored, vision_docx: bytes) -> None:
    document = open_docx(vision_docx)
    paragraphs = document.paragraphs
    assert style_of(paragraphs[0]) == "Title" and paragraphs[0].text == "ZIXIN LIU"
    # The contact line is body text, not a header or footer, which parsers may skip.
    assert style_of(paragraphs[1]) == "Contact" and "liuzixin1126@gmail.com" in paragraphs[1].text
    headings = [p.text for p in paragraphs if style_of(p) == "Heading 1"]
    assert headings == [section_title(s.heading) for s in vision.resume.sections]
    assert "Experience" in headings and "Education" in headings
    bullets = [p for p in paragraphs if style_of(p) == "List Bullet"]
    selected = [b.plain for s in vision.resume.sections for e in s.entries for b in e.bullets]
    assert [p.text for p in bullets if p.text in selected] == selected
    # Real Word bullets: numbering does the bullet, the text has no typed bullet character.
    assert all(not p.text.startswith(("•", "-", "*", "\uf0b7")) for p in bullets)
    assert len(document.tables) == 0 and len(document.inline_shapes) == 0
    body = document.element.body.xml
    assert "<w:txbxContent" not in body and "<w:drawing" not in body and "<w:pict" not in body
    for section in document.sections:
        assert not any(p.text for p in section.header.paragraphs)
        assert not any(p.text for p in section.footer.paragraphs)
    assert len(document.sections) == 1
    assert document.sections[0]._sectPr.xpath("./w:cols/@w:num") in ([], ["1"])
    properties = document.core_properties
    assert properties.author == "tailor" and properties.created.year == 2000


def test_docx_bullets_have_a_bullet_numbering_definition(vision_docx: bytes) -> None:
    document = open_docx(vision_docx)
    style = document.styles["List Bullet"]
    num_id = style.element.pPr.numPr.numId.val
    numbering = document.part.numbering_part.element
    abstract_id = numbering.num_having_numId(num_id).abstractNumId.val
    level = f'./w:abstractNum[@w:abstractNumId="{abstract_id}"]/w:lvl[@w:ilvl="0"]'
    assert numbering.xpath(f"{level}/w:numFmt/@w:val") == ["bullet"]
    assert numbering.xpath(f"{level}/w:lvlText/@w:val") == ["\uf0b7"]
    with zipfile.ZipFile(io.BytesIO(vision_docx)) as archive:
        assert "word/numbering.xml" in archive.namelist()
        assert b'w:val="bullet"' in archive.read("word/numbering.xml")


def test_docx_one_font_and_a_size_hierarchy(vision_docx: bytes) -> None:
    document = open_docx(vision_docx)
    styles = document.styles
    assert styles["Normal"].font.name == "Calibri"
    sizes = {name: styles[name].font.size.pt for name in ("Title", "Heading 1", "Normal")}
    assert sizes["Title"] > sizes["Heading 1"] > sizes["Normal"] >= 10
    # No style names another family or a theme font, which Word would prefer to Calibri.
    with zipfile.ZipFile(io.BytesIO(vision_docx)) as archive:
        styles_xml = archive.read("word/styles.xml").decode("utf-8")
        theme = archive.read("word/theme/theme1.xml").decode("utf-8")
    families = set(re.findall(r'w:ascii="([^"]+)"', styles_xml))
    assert families <= {"Calibri", "Courier"}  # Courier: Word's 'macro' style, never used
    assert "asciiTheme" not in styles_xml
    assert set(re.findall(r'<a:latin typeface="([^"]*)"', theme)) == {"Calibri"}
    section = document.sections[0]
    assert 0.5 <= section.left_margin.inches <= 1 and 0.5 <= section.top_margin.inches <= 1


def test_docx_dates_sit_at_a_right_tab_stop(vision: Tailored, vision_docx: bytes) -> None:
    from docx.enum.text import WD_TAB_ALIGNMENT

    document = open_docx(vision_docx)
    section = document.sections[0]
    width = section.page_width - section.left_margin - section.right_margin
    entries = [p for p in document.paragraphs if style_of(p) == "Heading 2"]
    dated = [e for s in vision.resume.sections for e in s.entries if e.dates]
    assert len(entries) == len(dated)
    for paragraph, entry in zip(entries, dated, strict=True):
        assert paragraph.text.endswith(f"\t{entry.dates}")
        stops = list(paragraph.paragraph_format.tab_stops)
        assert [(s.alignment, s.position) for s in stops] == [(WD_TAB_ALIGNMENT.RIGHT, width)]


def test_docx_keeps_bold_and_italic(vision_docx: bytes) -> None:
    document = open_docx(vision_docx)
    bullet = next(p for p in document.paragraphs if p.text.startswith("Designed and developed alg"))
    italic = [run.text for run in bullet.runs if run.italic]
    assert italic == ["computer vision", "knowledge distillation"]
    labels = [run.text for p in document.paragraphs for run in p.runs if run.bold]
    assert "Computational: " in labels


def test_docx_links_real_urls_and_prints_placeholders_as_text(vision: Tailored) -> None:
    from tailor.render.docx import render_resume_docx

    resume = vision.resume
    header = resume.header.model_copy(
        update={
            "contacts": [
                *resume.header.contacts,
                Contact(kind="link", text="github.com/zixin", url="github.com/zixin"),
            ]
        }
    )
    section = resume.sections[0]
    entry = section.entries[0]
    linked = entry.bullets[0].model_copy(
        update={"text": entry.bullets[0].text + " See [the demo](https://example.com/demo)."}
    )
    entry = entry.model_copy(update={"bullets": [linked, *entry.bullets[1:]]})
    section = section.model_copy(update={"entries": [entry, *section.entries[1:]]})
    sections = [section, *resume.sections[1:]]
    changed = resume.model_copy(update={"header": header, "sections": sections})
    document = open_docx(render_resume_docx(vision.model_copy(update={"resume": changed})))
    links = {link.text: link.address for p in document.paragraphs for link in p.hyperlinks}
    assert links == {
        "liuzixin1126@gmail.com": "mailto:liuzixin1126@gmail.com",
        "github.com/zixin": "https://github.com/zixin",
        "the demo": "https://example.com/demo",
    }
    # The master CV's '(#)' links are placeholders: their text stays, with no link.
    assert "Personal website" in document.paragraphs[1].text
    subtitles = [p for p in document.paragraphs if "Advised by Prof. Liqiang Nie" in p.text]
    assert subtitles and all(not p.hyperlinks for p in subtitles)


def test_docx_list_entries_keep_title_and_details(master: Profile) -> None:
    from tailor.render.docx import render_resume_docx

    # A posting that names the publications' topics puts them on the page.
    posting = analyze_posting(
        "# Research Engineer\n## Requirements\n- Knowledge distillation and emotion recognition\n"
        "- Recommender systems and knowledge graphs\n- Python and PyTorch\n"
    )
    tailored = tailor(master, posting, pages=3)
    publications = next(s for s in tailored.resume.sections if s.kind == "publications")
    assert publications.entries
    document = open_docx(render_resume_docx(tailored))
    for entry in publications.entries:
        paragraph = next(p for p in document.paragraphs if p.text.startswith(entry.title))
        assert style_of(paragraph) == "List Bullet"
        assert paragraph.runs[0].italic and paragraph.runs[0].text == entry.title
        for detail in entry.details:
            assert strip_inline_marks(detail) in paragraph.text
    check_read_back(tailored, [p.text for p in document.paragraphs], "resume.docx")


# --- DOCX: the read-back check ---------------------------------------------------------------


def docx_texts(data: bytes) -> list[str]:
    from tailor.render.docx import read_docx_text

    return read_docx_text(data)


def edited(data: bytes, change: Any) -> bytes:
    """Gives the DOCX after a change to its python-docx document, as a tampering test needs."""
    document = open_docx(data)
    change(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_read_back_passes_on_the_written_docx(vision: Tailored, vision_docx: bytes) -> None:
    check_read_back(vision, docx_texts(vision_docx), "resume.docx")


def test_read_back_fails_on_a_changed_bullet(vision: Tailored, vision_docx: bytes) -> None:
    bullet = vision.resume.sections[0].entries[0].bullets[0].plain

    def change(document: Any) -> None:
        paragraph = next(p for p in document.paragraphs if p.text == bullet)
        paragraph.runs[-1].text = paragraph.runs[-1].text.rstrip(".") + " quickly."

    with pytest.raises(TailorError, match=r"read-back check failed: experience\.1\.1"):
        check_read_back(vision, docx_texts(edited(vision_docx, change)), "resume.docx")


def test_read_back_fails_on_bullets_out_of_order(vision: Tailored, vision_docx: bytes) -> None:
    entry = next(e for s in vision.resume.sections for e in s.entries if len(e.bullets) >= 2)
    first, second = entry.bullets[:2]

    def change(document: Any) -> None:
        one = next(p for p in document.paragraphs if p.text == first.plain)
        two = next(p for p in document.paragraphs if p.text == second.plain)
        two._p.addnext(one._p)

    with pytest.raises(TailorError, match="in order"):
        check_read_back(vision, docx_texts(edited(vision_docx, change)), "resume.docx")


def test_read_back_fails_on_a_lost_keyword(vision: Tailored, vision_docx: bytes) -> None:
    # Only the skills line says 'C++': without it the covered keyword is gone.
    def change(document: Any) -> None:
        skills = next(p for p in document.paragraphs if p.text.startswith("Computational:"))
        skills._p.getparent().remove(skills._p)

    with pytest.raises(TailorError, match="covered keyword 'C\\+\\+'"):
        check_read_back(vision, docx_texts(edited(vision_docx, change)), "resume.docx")


# --- DOCX: reference documents ---------------------------------------------------------------


def test_shipped_reference_docx_is_what_the_script_builds(update_golden: bool) -> None:
    shipped = ROOT / "templates" / "reference.docx"
    built = build_reference_docx()
    if update_golden:
        shipped.write_bytes(built)
    assert zip_parts(built) == zip_parts(shipped.read_bytes()), (
        "templates/reference.docx is stale: run python tests/reference_docx.py and review"
    )


def zip_parts(data: bytes) -> dict[str, bytes]:
    """Gives each part of an OOXML package, XML in canonical form, so serialisation can vary."""
    from lxml import etree  # type: ignore[import-untyped]

    parts = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in sorted(archive.namelist()):
            content = archive.read(name)
            if name.endswith((".xml", ".rels")):
                content = etree.tostring(etree.fromstring(content), method="c14n")
            parts[name] = content
    return parts


def user_reference(path: Path, *, strip_styles: tuple[str, ...] = ()) -> Path:
    """Writes a reference document as a user might: Georgia, A4, 1-inch margins, some text."""
    import docx
    from docx.shared import Emu, Inches, Pt

    document = docx.Document()
    document.styles["Normal"].font.name = "Georgia"
    document.styles["Normal"].font.size = Pt(11)
    section = document.sections[0]
    section.page_width, section.page_height = Emu(A4[0]), Emu(A4[1])
    section.left_margin = section.right_margin = Inches(1)
    section.top_margin = section.bottom_margin = Inches(1)
    document.add_paragraph("THE TEMPLATE'S OWN TEXT", style="Title")
    document.add_paragraph("a sample bullet", style="List Bullet")
    for name in strip_styles:
        element = document.styles[name].element
        element.getparent().remove(element)
    document.save(str(path))
    return path


def test_reference_docx_gives_the_users_font_and_page(vision: Tailored, tmp_path: Path) -> None:
    from docx.shared import Inches

    from tailor.render.docx import render_resume_docx

    reference = user_reference(tmp_path / "mine.docx")
    document = open_docx(render_resume_docx(vision, reference=reference))
    assert document.styles["Normal"].font.name == "Georgia"
    assert document.styles["Normal"].font.size.pt == 11
    # No run sets a font of its own, so Georgia is what every paragraph shows.
    assert not any(run.font.name for p in document.paragraphs for run in p.runs)
    section = document.sections[0]
    assert (section.page_width, section.left_margin) == (A4[0], Inches(1))
    width = A4[0] - 2 * Inches(1)
    entry = next(p for p in document.paragraphs if style_of(p) == "Heading 2")
    assert [stop.position for stop in entry.paragraph_format.tab_stops] == [width]
    texts = [p.text for p in document.paragraphs]
    assert "THE TEMPLATE'S OWN TEXT" not in texts and "a sample bullet" not in texts
    assert texts[0] == "ZIXIN LIU"
    check_read_back(vision, texts, "resume.docx")


def test_reference_docx_without_our_styles_gets_them(vision: Tailored, tmp_path: Path) -> None:
    from tailor.render.docx import render_resume_docx

    reference = user_reference(
        tmp_path / "bare.docx", strip_styles=("Title", "Heading 1", "Heading 2", "List Bullet")
    )
    data = render_resume_docx(vision, reference=reference)
    document = open_docx(data)
    bullet = document.styles["List Bullet"]
    assert bullet.base_style is not None and bullet.base_style.name == "Normal"
    num_id = bullet.element.pPr.numPr.numId.val
    numbering = document.part.numbering_part.element
    abstract_id = numbering.num_having_numId(num_id).abstractNumId.val
    formats = numbering.xpath(
        f'./w:abstractNum[@w:abstractNumId="{abstract_id}"]/w:lvl[@w:ilvl="0"]/w:numFmt/@w:val'
    )
    assert formats == ["bullet"]
    assert document.styles["Heading 1"].font.bold
    check_read_back(vision, docx_texts(data), "resume.docx")


def test_reference_docx_may_be_a_word_template(vision: Tailored, tmp_path: Path) -> None:
    from tailor.render.docx import DOCUMENT_CONTENT_TYPE, TEMPLATE_CONTENT_TYPE, render_resume_docx

    source = user_reference(tmp_path / "mine.docx")
    template = tmp_path / "mine.dotx"
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(template, "w") as target:
        for info in archive.infolist():
            content = archive.read(info.filename)
            if info.filename == "[Content_Types].xml":
                content = content.replace(DOCUMENT_CONTENT_TYPE, TEMPLATE_CONTENT_TYPE)
            target.writestr(info, content)
    document = open_docx(render_resume_docx(vision, reference=template))
    assert document.styles["Normal"].font.name == "Georgia"


@pytest.mark.parametrize("content", [b"", b"just text", b"PK\x03\x04 broken zip"])
def test_a_bad_reference_docx_is_an_input_error(
    vision: Tailored, tmp_path: Path, content: bytes
) -> None:
    from tailor.render.docx import render_resume_docx

    reference = tmp_path / "reference.docx"
    reference.write_bytes(content)
    with pytest.raises(InputError, match=r"not a Word \.docx file"):
        render_resume_docx(vision, reference=reference)
    with pytest.raises(InputError, match="no such reference document"):
        render_resume_docx(vision, reference=tmp_path / "missing.docx")


def test_docx_is_the_same_bytes_every_time(vision: Tailored, vision_docx: bytes) -> None:
    from tailor.render.docx import render_resume_docx

    assert render_resume_docx(vision) == vision_docx


# --- PDF -------------------------------------------------------------------------------------


def test_pdf_without_libreoffice_says_how_to_install_it(
    vision_docx: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tailor.render import pdf

    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    with pytest.raises(TailorError, match="LibreOffice") as failure:
        pdf.convert_docx_to_pdf(vision_docx)
    assert "apt-get install libreoffice-writer" in (failure.value.hint or "")


def test_pdf_pages_are_counted() -> None:
    from tailor.render.pdf import count_pdf_pages

    two_pages = (
        b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
        b"2 0 obj <</Type/Pages/Kids[3 0 R 4 0 R]/Count 2>> endobj\n"
        b"3 0 obj <</Type/Page/Parent 2 0 R>> endobj\n"
        b"4 0 obj <</Type /Page /Parent 2 0 R>> endobj\n"
    )
    assert count_pdf_pages(two_pages) == 2
    with pytest.raises(TailorError, match="cannot count"):
        count_pdf_pages(b"%PDF-1.4\n")


def test_pdf_dates_and_ids_are_fixed() -> None:
    from tailor.render.pdf import fix_pdf_metadata

    pdf = (
        b"/CreationDate(D:20261125150000Z')>>\n/ID [ <B46050C54FE5D969DEEBB76D3C9C72C9>\n"
        b"<B46050C54FE5D969DEEBB76D3C9C72C9> ]\n/DocChecksum /381883A505FD2900BFE9BDD9C59D3559\n"
    )
    fixed = fix_pdf_metadata(pdf, seed=b"docx")
    assert len(fixed) == len(pdf) and b"D:20000101000000Z'" in fixed
    assert b"B46050" not in fixed and b"381883" not in fixed
    assert fix_pdf_metadata(pdf.replace(b"2026", b"2027"), seed=b"docx") == fixed


def has_calibri_metrics() -> bool:
    """Tells whether LibreOffice will set Calibri, or Carlito, its metric-compatible stand-in."""
    if shutil.which("fc-match") is None:
        return False
    found = subprocess.run(["fc-match", "Calibri"], capture_output=True, text=True, check=False)
    return any(name in found.stdout for name in ("Calibri", "Carlito"))


@needs_soffice
def test_pdf_from_libreoffice(vision: Tailored, vision_docx: bytes) -> None:
    from tailor.render.pdf import convert_docx_to_pdf, count_pdf_pages

    pdf = convert_docx_to_pdf(vision_docx)
    assert pdf.startswith(b"%PDF") and count_pdf_pages(pdf) >= 1
    assert convert_docx_to_pdf(vision_docx) == pdf
    if has_calibri_metrics():
        # With another font the lines break elsewhere, and the page estimate means little.
        assert count_pdf_pages(pdf) == vision.result.budget.pages == 1


# --- the command line ------------------------------------------------------------------------


@pytest.fixture
def in_tmp(tmp_path: Path) -> Iterator[Path]:
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(cwd)


def match(out: Path, *options: str) -> Any:
    posting = str(JOB_POSTS / "ml-engineer-vision.txt")
    return runner.invoke(
        app, ["match", posting, "--profile", str(MASTER_CV), "--out", str(out), *options]
    )


def test_init_copies_the_templates_and_never_overwrites(in_tmp: Path) -> None:
    result = runner.invoke(app, ["init"])
    assert result.exit_code == 0, result.output
    names = ["report.html.j2", "report.md.j2", "reference.docx", "resume.md.j2"]
    assert sorted(p.name for p in (in_tmp / "templates").iterdir()) == sorted(names)
    for name in names:
        copied = (in_tmp / "templates" / name).read_bytes()
        assert copied == (ROOT / "templates" / name).read_bytes()
    edited_template = in_tmp / "templates" / "resume.md.j2"
    edited_template.write_text("mine\n", encoding="utf-8")
    again = runner.invoke(app, ["init"])
    assert again.exit_code == 0 and "kept templates/resume.md.j2" in again.output
    assert edited_template.read_text(encoding="utf-8") == "mine\n"


def test_match_uses_the_templates_folder_of_the_working_directory(in_tmp: Path) -> None:
    assert runner.invoke(app, ["init"]).exit_code == 0
    template = in_tmp / "templates" / "resume.md.j2"
    template.write_text("EDITED\n" + template.read_text(encoding="utf-8"), encoding="utf-8")
    user_reference(in_tmp / "templates" / "reference.docx")
    result = match(in_tmp / "out")
    assert result.exit_code == 0, result.output
    assert (in_tmp / "out" / "resume.md").read_text(encoding="utf-8").startswith("EDITED\n")
    document = open_docx((in_tmp / "out" / "resume.docx").read_bytes())
    assert document.styles["Normal"].font.name == "Georgia"


def test_match_formats_and_options(tmp_path: Path) -> None:
    reference = user_reference(tmp_path / "mine.docx")
    template = tmp_path / "mine.md.j2"
    template.write_text(
        (ROOT / "templates" / "resume.md.j2").read_text(encoding="utf-8") + "<!-- mine -->\n",
        encoding="utf-8",
    )
    result = match(
        tmp_path / "out",
        "--format", "md,jsonresume", "--format", "rendercv",
        "--reference-docx", str(reference), "--template", str(template),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "report.html", "report.md", "result.json", "resume.json", "resume.md",
        "resume.rendercv.yaml",
    ]  # fmt: skip
    assert (tmp_path / "out" / "resume.md").read_text(encoding="utf-8").endswith("<!-- mine -->\n")


@pytest.mark.parametrize(
    ("options", "message"),
    [(["--format", "odt"], "choose from docx, md, pdf, jsonresume, rendercv"),
     (["--reference-docx", "missing.docx"], "no such reference document"),
     (["--template", "missing.j2"], "no such template")],
)  # fmt: skip
def test_match_option_errors_are_one_line(tmp_path: Path, options: list[str], message: str) -> None:
    result = match(tmp_path / "out", *options)
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_match_pdf_without_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tailor.render import pdf

    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    result = match(tmp_path / "out", "--format", "pdf")
    assert result.exit_code == 2
    assert "apt-get install libreoffice-writer" in result.output
    assert not (tmp_path / "out").exists()


@needs_soffice
def test_match_pdf(tmp_path: Path) -> None:
    result = match(tmp_path / "out", "--format", "docx,pdf")
    assert result.exit_code == 0, result.output
    assert re.search(r"resume\.pdf: \d+ pages?", result.output)
    assert (tmp_path / "out" / "resume.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("heading", "title"),
    [("COMMUNITY SERVICE", "Community Service"), ("Experience", "Experience"),
     ("RESEARCH AND TEACHING", "Research and Teaching")],
)  # fmt: skip
def test_section_titles(heading: str, title: str) -> None:
    assert section_title(heading) == title
