"""Rendered outputs: the Markdown résumé against its golden file, the DOCX by its structure."""

from __future__ import annotations

import io

import pytest

from tailor.model import Posting, Profile
from tailor.pipeline import tailor
from tailor.render.markdown import render_report_markdown, render_resume_markdown, section_title

from .conftest import DATA


def test_resume_markdown_golden(
    master: Profile, vision_posting: Posting, update_golden: bool
) -> None:
    rendered = render_resume_markdown(tailor(master, vision_posting))
    golden = DATA / "ml-engineer-vision.resume.md"
    if update_golden:
        golden.write_text(rendered, encoding="utf-8")
    assert rendered == golden.read_text(encoding="utf-8"), "run pytest --update-golden and review"


def test_report_lists_every_keyword(master: Profile, vision_posting: Posting) -> None:
    tailored = tailor(master, vision_posting)
    report = render_report_markdown(tailored)
    for keyword in tailored.result.keywords:
        assert keyword.term in report
    assert f"{tailored.result.score.tailored} / 100" in report


def test_docx_structure(master: Profile, vision_posting: Posting) -> None:
    import docx

    from tailor.render.docx import render_resume_docx

    tailored = tailor(master, vision_posting)
    document = docx.Document(io.BytesIO(render_resume_docx(tailored)))
    paragraphs = document.paragraphs
    assert paragraphs[0].style is not None and paragraphs[0].style.name == "Title"
    assert paragraphs[0].text == "ZIXIN LIU"
    assert "liuzixin1126@gmail.com" in paragraphs[1].text
    headings = [p.text for p in paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert headings == [section_title(s.heading) for s in tailored.resume.sections]
    bullets = [p for p in paragraphs if p.style is not None and p.style.name == "List Bullet"]
    # Real Word bullets: the style carries a numbering definition, no typed bullet characters.
    assert bullets and all(not p.text.startswith(("•", "-", "*")) for p in bullets)
    numbering = document.styles["List Bullet"].element.pPr.numPr
    assert numbering is not None
    assert not document.sections[0].header.paragraphs[0].text
    assert len(document.tables) == 0 and len(document.inline_shapes) == 0
    properties = document.core_properties
    assert properties.author == "tailor" and properties.created.year == 2000


@pytest.mark.parametrize(
    ("heading", "title"),
    [("COMMUNITY SERVICE", "Community Service"), ("Experience", "Experience"),
     ("RESEARCH AND TEACHING", "Research and Teaching")],
)  # fmt: skip
def test_section_titles(heading: str, title: str) -> None:
    assert section_title(heading) == title
