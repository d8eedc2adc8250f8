"""Every reader and the posting analyser on arbitrary text and bytes: a TailorError or a result.

Arbitrary text alone rarely reaches past a reader's first checks, so each reader is also fed
lines drawn from its own format (headings, bullets, dates, macros, schema keys) mixed with noise.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tailor.errors import TailorError

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

TEXT_LINES = [
    "EXPERIENCE", "EDUCATION", "SKILLS", "PROJECTS", "PUBLICATIONS", "# Jane Doe", "## Experience",
    "### Acme, Engineer (2019 - 2021)", "- Built things", "* did **bold** and *it*", "• bullet",
    "1. item", "Jan 2020 – Present", "2019-09 to 2022-06", "| a | b |", "---", "   - nested",
    "**Languages:** Python, C++", "[x](javascript:alert(1))", "<script>", "{{ 7*7 }}", "{% for %}",
    "\\LaTeX", "Acme Corp | Berlin", "\t\ttabbed", "", " ", "Summer 2020", "Present",
    "Advised by [Dr. X](#)", "Machine Learning Engineer", "Python, PyTorch, SQL", "Requirements",
    "Responsibilities", "Nice to have", "3+ years of experience", "BS in Computer Science",
    "Benefits", "About us", "Location: Remote", "Company: Acme", "# source: x", "💰 100k",
]  # fmt: skip
# Posting lines for the posting parser's own paths: plain headings, coordinations, wrapped
# lines, lists of people, boilerplate paragraphs.
POSTING_LINES = [
    *TEXT_LINES, "Description", "Apply Now", "What You'll Do", "Our ideal candidate will have…",
    "statistical, machine learning, and econometric models", "model training and deployment",
    "and", "or", "/", "and models", "models and", "Build and improve tools", "A / B",
    "written and verbal communication", "FDA and EMA regulations", "canary and shadow",
    "work with customers, product leaders, subject matter experts, and engineers",
    "We need experience with deep learning, machine learning, Natural",
    "Language Processing and computer vision for our customers in healthcare and the",
    "health insurance, dental, 401(k)", "We are an equal opportunity employer.", "x" * 200,
]  # fmt: skip
LATEX_PIECES = [
    "\\documentclass{article}", "\\begin{document}", "\\end{document}", "\\section{Experience}",
    "\\subsection{Acme}", "\\begin{itemize}", "\\end{itemize}", "\\item Did \\textbf{this}",
    "\\resumeSubheading{A}{B}{C}{D}", "\\resumeItem{x}", "\\cventry{2020}{T}{O}{L}{}{D}",
    "\\input{x}", "\\include{y}", "\\newcommand{\\x}{y}", "\\x", "{", "}", "%", "\\\\",
    "\\href{http://a}{b}", "\\textit{", "$x^2$", "\\begin{tabular}{ll}", "&", "\\end{tabular}",
    "\\name{Jane}{Doe}", "\\cvsection{Work}", "\\begin{cventries}", "\\end{cventries}",
    "\\cventry{a}{b}{c}{d}{\\begin{cvitems}\\item x\\end{cvitems}}", "\\def\\a{\\a}", "\\a",
]  # fmt: skip
SCHEMA_KEYS = [
    "basics", "name", "work", "education", "skills", "highlights", "position", "startDate",
    "endDate", "cv", "sections", "experience", "company", "date", "start_date", "end_date",
    "bullet", "label", "details", "summary", "keywords", "url", "email", "phone", "location",
    "profiles", "network", "projects", "publications", "awards", "title", "institution", "area",
    "studyType", "courses", "degree", "authors", "social_networks", "website",
]  # fmt: skip
YAML_LINES = [
    "cv:", "  name: x", "  sections:", "    experience:", "      - company: A",
    "        highlights:", "          - x", "- a", "a: &x 1", "b: *x", "!!binary", "? x", ": y",
    "'", '"', "{", "[",
]  # fmt: skip
DOCX_XML = [
    "<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:t>", "</w:t>", "text", "<w:tbl>", "</w:tbl>",
    "<w:tr>", "<w:tc>", "</w:tc>", "</w:tr>", '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>',
    "<w:rPr><w:b/></w:rPr>", '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>',
    "<w:br/>", "<w:tab/>", '<w:sz w:val="x"/>', '<w:hyperlink r:id="rId9">', "</w:hyperlink>",
]  # fmt: skip
DOCX_STYLES = ["Normal", "Heading 1", "Heading 2", "List Bullet", "List Number", "Title"]


def lines_from(pieces: list[str]) -> st.SearchStrategy[str]:
    """Gives texts whose lines are drawn from the pieces, mixed with arbitrary lines."""
    line = st.one_of(st.sampled_from(pieces), st.text(max_size=40))
    return st.lists(line, max_size=30).map("\n".join)


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.sampled_from(["2020-01", "2020", "present", "Jan 2020", "- x", "[a](b)"]),
)
DATA = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(st.one_of(st.sampled_from(SCHEMA_KEYS), st.text(max_size=8)), children),
    ),
    max_leaves=30,
)


def docx_package(body: str) -> bytes:
    """Gives a minimal DOCX whose document.xml body is the given (possibly broken) XML."""
    document = (
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats'
        '.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocum'
        f'ent/2006/relationships"><w:body>{body}</w:body></w:document>'
    )
    types = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content'
        '-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/wor'
        'd/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessin'
        'gml.document.main+xml"/></Types>'
    )
    relationships = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/200'
        '6/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeD'
        'ocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", types)
        package.writestr("_rels/.rels", relationships)
        package.writestr("word/document.xml", document)
    return buffer.getvalue()


def word_document(paragraphs: list[tuple[str, str]]) -> bytes:
    """Gives a DOCX made by python-docx with the (text, style) paragraphs."""
    import docx

    document = docx.Document()
    for text, style in paragraphs:
        document.add_paragraph(text, style=style)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


XML_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Cn", "Co")), max_size=40
)
DOCX_BYTES = st.one_of(
    st.binary(max_size=2000),
    st.lists(st.sampled_from(DOCX_XML), max_size=30).map("".join).map(docx_package),
    st.lists(
        st.tuples(st.one_of(st.sampled_from(TEXT_LINES), XML_TEXT), st.sampled_from(DOCX_STYLES)),
        max_size=12,
    ).map(word_document),
)


def only_tailor_errors(read: Callable[[], Any]) -> None:
    """Runs a reader: it may give anything or raise a TailorError, nothing else."""
    try:
        read()
    except TailorError as error:
        assert str(error)  # and it can be shown


@FUZZ
@given(st.one_of(st.text(), lines_from(TEXT_LINES)))
def test_parse_text(text: str) -> None:
    from tailor.parse.text import parse_text

    only_tailor_errors(lambda: parse_text(text, source="cv.txt"))


@FUZZ
@given(st.one_of(st.text(), lines_from(YAML_LINES), DATA.map(yaml.safe_dump)))
def test_parse_structured_yaml(text: str) -> None:
    from tailor.parse.structured import parse_structured

    only_tailor_errors(lambda: parse_structured(text, fmt="yaml", source="cv.yaml"))


@FUZZ
@given(st.one_of(st.text(), DATA.map(json.dumps)))
def test_parse_structured_json(text: str) -> None:
    from tailor.parse.structured import parse_structured

    only_tailor_errors(lambda: parse_structured(text, fmt="json", source="cv.json"))


@FUZZ
@given(
    st.one_of(
        st.text(),
        lines_from(LATEX_PIECES),
        st.lists(st.sampled_from(LATEX_PIECES), max_size=40).map("".join),
    )
)
def test_parse_latex(text: str) -> None:
    from tailor.parse.latex import parse_latex

    only_tailor_errors(lambda: parse_latex(text, source="cv.tex"))


@settings(FUZZ, max_examples=60)
@given(DOCX_BYTES)
def test_parse_docx(data: bytes) -> None:
    from tailor.parse.docx import parse_docx

    only_tailor_errors(lambda: parse_docx(data, source="cv.docx"))


@FUZZ
@given(st.one_of(st.text(), lines_from(POSTING_LINES)))
def test_parse_posting(text: str) -> None:
    from tailor.parse.posting import parse_posting

    only_tailor_errors(lambda: parse_posting(text, source="posting.txt"))


@settings(FUZZ, max_examples=80)
@given(st.one_of(st.text(), lines_from(POSTING_LINES)))
def test_analyze_posting(text: str) -> None:
    from tailor.analyze import analyze_posting

    only_tailor_errors(lambda: analyze_posting(text, source="posting.txt"))


@FUZZ
@given(
    st.one_of(
        st.binary(),
        st.text().map(lambda text: text.encode("utf-16")),
        st.text().map(lambda text: text.encode("utf-16-le")),
        st.text().map(lambda text: text.encode("utf-8", errors="surrogatepass")),
        st.text().map(lambda text: text.encode("cp1252", errors="replace")),
    )
)
def test_decode_text(data: bytes) -> None:
    from tailor.load import DEBRIS, decode_text

    try:
        text = decode_text(data, path="cv.txt", what="CV")
    except TailorError:
        return
    # What comes out is clean text: one kind of newline, nothing a DOCX or a terminal refuses.
    assert "\r" not in text and not DEBRIS.search(text) and text.strip()


@FUZZ
@given(st.sampled_from(["text", "markdown", "yaml", "json", "latex", "docx"]), st.binary())
def test_parse_profile_bytes(fmt: Any, data: bytes) -> None:
    from tailor.parse import parse_profile_bytes

    only_tailor_errors(lambda: parse_profile_bytes(data, fmt=fmt, source="cv"))
