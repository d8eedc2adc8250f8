"""The YAML/JSON, LaTeX and DOCX CV readers: the shared corpus, safety limits and small CVs."""

from __future__ import annotations

import builtins
import contextlib
import io
import json
import re
import zipfile
from pathlib import Path
from typing import NoReturn

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tailor.errors import InputError
from tailor.load import Format, repair_mojibake
from tailor.model import Profile
from tailor.parse import load_profile, parse_profile_bytes, parse_profile_text
from tailor.parse.docx import parse_docx
from tailor.parse.latex import parse_latex
from tailor.parse.structured import parse_structured

from .conftest import DATA, MASTER_CV, strings

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus" / "resumes"
needs_corpus = pytest.mark.skipif(not SHARED.exists(), reason="the shared corpus is not here")

# The structured corpus files, and the keys whose lists are bullets in each. JSON Resume (001,
# 004) and rendercv (002, 008, 009) keep bullets in `highlights` only: education courses, GPA
# and summaries are entry details, and one-line items (awards, `bullet:` entries) are list-like
# entries, not bullets. 003 (bamos/cv) is neither schema: the generic reader takes the lists
# under `details` (e.g. Thesis, Advisor) as bullets, and `details` strings as detail lines.
STRUCTURED = {
    "001_jsonresume_sample_richard_hendriks.json": {"highlights"},
    "002_rendercv_john_doe_classic.yaml": {"highlights"},
    "003_bamos_ml_researcher_cv.yaml": {"highlights", "details"},
    "004_kasilina_senior_data_scientist.yml": {"highlights"},
    "008_rasyid_ios_engineer_detailed_master.yaml": {"highlights"},
    "009_rasyid_ios_engineer_compact_variant.yaml": {"highlights"},
}


def corpus_files() -> list[Path]:
    """Gives the corpus résumés (none when the shared folder is absent)."""
    return sorted(CORPUS.iterdir()) if CORPUS.exists() else []


def bullets(profile: Profile) -> list[str]:
    """Gives the text of every bullet in the profile."""
    return [b.text for s in profile.sections for e in s.entries for b in e.bullets]


def count_lists(data: object, keys: set[str]) -> int:
    """Gives how many non-empty strings the lists under keys hold, anywhere in the data."""
    if isinstance(data, dict):
        total = 0
        for key, value in data.items():
            if key in keys and isinstance(value, list):
                total += sum(1 for item in value if isinstance(item, str) and item.strip())
            else:
                total += count_lists(value, keys)
        return total
    if isinstance(data, list):
        return sum(count_lists(item, keys) for item in data)
    return 0


# --- the shared corpus ---------------------------------------------------------------------------


# Résumés with no text that could be a bullet: the parse must show why, not invent one.
NO_BULLET_TEXT = {
    # Kaggle row 40 (Indeed export): its one list is three skills, and its company and
    # description fields are empty.
    "020_kaggle_hr_resume_row40.txt": {"empty company field", "empty description"},
}


@needs_corpus
@pytest.mark.parametrize("path", corpus_files(), ids=lambda path: path.name)
def test_corpus_file_parses_with_entries_and_bullets(path: Path) -> None:
    profile = load_profile(path)
    assert any(section.entries for section in profile.sections)
    if path.name in NO_BULLET_TEXT:
        assert any(section.skills for section in profile.sections)
        assert NO_BULLET_TEXT[path.name] <= {item.reason for item in profile.unplaced}
    else:
        assert bullets(profile)


def words(text: str) -> list[str]:
    """Gives the lower-cased words of a text, splitting glued ones ('monthsCompany')."""
    return [w.lower() for w in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", text)]


# Words the text reader drops on purpose: Indeed's field names and icon-font names in contacts.
MARKUP_WORDS = {"company", "description", "obile", "alt"}


@needs_corpus
@pytest.mark.parametrize(
    "path",
    [path for path in corpus_files() if path.suffix in (".txt", ".md")],
    ids=lambda path: path.name,
)
def test_every_word_of_a_text_cv_lands_in_the_model(path: Path) -> None:
    profile = load_profile(path)
    found = set(words(" ".join(strings(profile.model_dump()))))
    text = repair_mojibake(path.read_text(encoding="utf-8"))
    text = re.sub(r"(?<=[a-z])-\n(?=[a-z])", "", text)  # "Devel-" + "oping" is one word
    missing = [
        (number, line)
        for number, line in enumerate(text.split("\n"), start=1)
        if set(words(line)) - found - MARKUP_WORDS
    ]
    assert missing == []


# The parsed master CV and one CV per format, dumped as YAML: reviewed diffs, not silent drift.
GOLDEN = {
    "master_cv.yaml": MASTER_CV,
    "jsonresume_001.yaml": CORPUS / "001_jsonresume_sample_richard_hendriks.json",
    "rendercv_002.yaml": CORPUS / "002_rendercv_john_doe_classic.yaml",
    "markdown_006.yaml": CORPUS / "006_blay_deep_learning_geospatial_cv.md",
    "latex_011.yaml": CORPUS / "011_jakes_resume_template.tex",
    "docx_023.yaml": CORPUS / "023_vanetik_cv1_java_full_stack_developer.docx",
}


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_parsed_golden(name: str, update_golden: bool) -> None:
    path = GOLDEN[name]
    if not path.exists():
        pytest.skip("the shared corpus is not here")
    data = load_profile(path).model_dump(mode="json", exclude={"source"})
    parsed = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    golden = DATA / "parsed" / name
    if update_golden:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(parsed, encoding="utf-8")
    assert golden.exists(), "run pytest --update-golden and review the new file"
    assert parsed == golden.read_text(encoding="utf-8"), "run pytest --update-golden and review"


TEXT_FORMATS: list[Format] = ["json", "latex", "markdown", "text"]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400), st.sampled_from(TEXT_FORMATS))
def test_readers_never_crash(text: str, fmt: Format) -> None:
    try:
        profile = parse_profile_text(text, fmt=fmt, source="cv")
    except InputError:
        return  # the user's problem, told as such (invalid JSON ...)
    assert all(b.text.strip() for s in profile.sections for e in s.entries for b in e.bullets)


@needs_corpus
@pytest.mark.parametrize("name", sorted(STRUCTURED))
def test_structured_bullets_are_the_source_highlights(name: str) -> None:
    path = CORPUS / name
    text = path.read_text(encoding="utf-8")
    data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    profile = load_profile(path)
    assert len(bullets(profile)) == count_lists(data, STRUCTURED[name])


@needs_corpus
def test_structured_bullets_keep_their_source_lines() -> None:
    path = CORPUS / "002_rendercv_john_doe_classic.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    profile = load_profile(path)
    for section in profile.sections:
        for entry in section.entries:
            for bullet in entry.bullets:
                assert bullet.text[:30] in lines[bullet.line - 1]


@needs_corpus
def test_jakes_template_fields_follow_the_macro_layout() -> None:
    profile = load_profile(CORPUS / "011_jakes_resume_template.tex")
    education, experience = profile.sections[0], profile.sections[1]
    school = education.entries[0]
    assert (school.title, school.location, school.start, school.end) == (
        "Southwestern University",
        "Georgetown, TX",
        "2018-08",
        "2021-05",
    )
    job = experience.entries[0]
    assert job.title == "Undergraduate Research Assistant"
    assert job.subtitle == "Texas A&M University"
    assert (job.location, job.end) == ("College Station, TX", "present")
    assert len(job.bullets) == 3
    assert profile.header.name == "Jake Ryan"


# --- YAML and JSON -------------------------------------------------------------------------------


def test_rendercv_entry_types() -> None:
    text = """
cv:
  name: Ada Lovelace
  email: ada@example.com
  social_networks:
    - network: GitHub
      username: ada
  sections:
    summary:
      - Mathematician and writer.
    experience:
      - company: Analytical Engines Ltd
        position: Programmer
        location: London, UK
        start_date: 1842-01
        highlights:
          - Wrote the **first** program
          - Described loops
    education:
      - institution: Home
        area: Mathematics
        degree: Tutoring
        date: 1830
    publications:
      - title: Notes on the Analytical Engine
        authors: [Ada Lovelace]
        journal: Scientific Memoirs
        date: 1843-09
    technical_skills:
      - label: Languages
        details: Note G, Bernoulli numbers
    selected_honors:
      - bullet: First programmer
"""
    profile = parse_structured(text, fmt="yaml", source="cv.yaml")
    kinds = [section.kind for section in profile.sections]
    assert kinds == ["summary", "experience", "education", "publications", "skills", "awards"]
    job = profile.sections[1].entries[0]
    assert job.id == "experience.1"
    assert (job.title, job.subtitle, job.start, job.end) == (
        "Analytical Engines Ltd",
        "Programmer",
        "1842-01",
        "present",
    )
    assert [b.id for b in job.bullets] == ["experience.1.1", "experience.1.2"]
    assert job.bullets[0].plain == "Wrote the first program"
    assert job.bullets[0].line == 17
    assert profile.sections[4].heading == "Technical Skills"
    assert profile.sections[4].skills[0].items == ["Note G", "Bernoulli numbers"]
    assert profile.sections[5].list_like
    assert profile.sections[5].entries[0].title == "First programmer"
    assert profile.header.contacts[-1].url == "https://github.com/ada"


def test_json_resume() -> None:
    data = {
        "basics": {"name": "Grace Hopper", "email": "grace@example.com"},
        "work": [
            {
                "name": "US Navy",
                "position": "Rear Admiral",
                "startDate": "1943-12-01",
                "highlights": ["Led COBOL standardisation"],
            }
        ],
        "awards": [{"title": "National Medal of Technology", "date": "1991-09-16"}],
        "skills": [{"name": "Languages", "keywords": ["COBOL", "FLOW-MATIC"]}],
    }
    profile = parse_structured(json.dumps(data, indent=2), fmt="json", source="cv.json")
    assert profile.header.name == "Grace Hopper"
    job = profile.sections[0].entries[0]
    assert (job.title, job.subtitle, job.dates, job.end) == (
        "US Navy",
        "Rear Admiral",
        "Dec 1943 – present",
        "present",
    )
    assert job.bullets[0].line == 12
    awards = profile.sections[1]
    assert awards.list_like and awards.entries[0].start == "1991-09"
    assert profile.sections[2].skills[0].items == ["COBOL", "FLOW-MATIC"]


def test_generic_mapping_of_sections() -> None:
    text = """
name: {first: Alan, last: Turing}
experience:
  - company: Bletchley Park
    role: Cryptanalyst
    dates: 1939--1945
    bullets: [Broke Enigma]
skills:
  Languages: [Python, Lisp]
"""
    profile = parse_structured(text, fmt="yaml", source="cv.yaml")
    assert profile.header.name == "Alan Turing"
    job = profile.sections[0].entries[0]
    assert (job.title, job.subtitle, job.start, job.end) == (
        "Bletchley Park",
        "Cryptanalyst",
        "1939",
        "1945",
    )
    assert bullets(profile) == ["Broke Enigma"]
    assert profile.sections[1].skills[0].label == "Languages"


def test_unrecognised_yaml_names_the_file_and_the_schemas() -> None:
    with pytest.raises(InputError) as caught:
        parse_structured("colour: blue\nsize: 3\n", fmt="yaml", source="notes.yaml")
    assert caught.value.path == "notes.yaml"
    assert "JSON Resume" in str(caught.value) and "rendercv" in str(caught.value)


def test_invalid_yaml_and_json_give_the_line() -> None:
    with pytest.raises(InputError) as caught:
        parse_structured("cv:\n  name: [unclosed\n  email: x\n", fmt="yaml", source="cv.yaml")
    assert caught.value.line is not None
    with pytest.raises(InputError) as caught:
        parse_structured('{\n  "basics": {\n    "name": "x",\n  }\n}', fmt="json", source="cv.json")
    assert caught.value.line == 4


def test_yaml_alias_bomb_is_refused() -> None:
    levels = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 9):
        aliases = ", ".join([f"*a{level - 1}"] * 9)
        levels.append(f"a{level}: &a{level} [{aliases}]")
    with pytest.raises(InputError, match="expands"):
        parse_structured("\n".join(levels) + "\n", fmt="yaml", source="bomb.yaml")
    many = "x: &x 1\nitems: [" + ", ".join(["*x"] * 150) + "]\n"
    with pytest.raises(InputError, match="aliases"):
        parse_structured(many, fmt="yaml", source="bomb.yaml")


@pytest.mark.parametrize(
    "text",
    [
        "cv: !!python/object/apply:os.system ['echo unsafe']\n",
        "cv: !!python/object:builtins.dict {}\n",
    ],
)
def test_python_tags_are_refused(text: str) -> None:
    with pytest.raises(InputError, match="tag"):
        parse_structured(text, fmt="yaml", source="cv.yaml")


def test_dispatch_by_format() -> None:
    profile = parse_profile_text(
        '{"basics": {"name": "X"}, "work": [{"name": "Y", "highlights": ["Z"]}]}',
        fmt="json",
        source="cv.json",
    )
    assert bullets(profile) == ["Z"]
    tex = (
        r"\section{Experience}\subsection{Acme}\begin{itemize}\item Did \textbf{this}\end{itemize}"
    )
    assert bullets(parse_profile_text(tex, fmt="latex")) == ["Did **this**"]


# --- LaTeX ---------------------------------------------------------------------------------------


def refuse(*args: object, **kwargs: object) -> NoReturn:
    """Fails the test: the reader must not open files."""
    raise AssertionError(f"the LaTeX reader opened a file: {args!r}")


def test_latex_input_is_reported_and_never_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "secret.tex").write_text("\\section{Leaked}\nTOPSECRET\n", encoding="utf-8")
    text = (
        "\\documentclass{article}\n\\begin{document}\n\\section{Experience}\n"
        "\\input{secret}\n\\include{secret}\n\\subsection{Acme}\n"
        "\\begin{itemize}\n  \\item Built things\n\\end{itemize}\n\\end{document}\n"
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(builtins, "open", refuse)
    monkeypatch.setattr(io, "open", refuse)
    monkeypatch.setattr(Path, "read_text", refuse)
    monkeypatch.setattr(Path, "read_bytes", refuse)
    profile = parse_latex(text, source=str(tmp_path / "cv.tex"))
    monkeypatch.undo()
    reasons = {(item.line, item.reason) for item in profile.unplaced}
    assert (4, "not followed: \\input{secret}") in reasons
    assert (5, "not followed: \\include{secret}") in reasons
    assert "TOPSECRET" not in profile.model_dump_json()
    assert bullets(profile) == ["Built things"]


def test_latex_inline_markup_and_macros() -> None:
    text = r"""
\documentclass{awesome-cv}
\name{Marie}{Curie}
\email{marie@example.com}
\begin{document}
\makecvheader
\cvsection{Experience} % a comment with \section{Not a section}
\begin{cventries}
  \cventry{Physicist}{Sorbonne}{Paris, France}{1906 -- 1934}{
    \begin{cvitems}
      \item {Led the \href{https://example.com}{radium} institute \& lab, 100\% of the time}
      \item {\textbf{Discovered} polonium~and \emph{radium}}
    \end{cvitems}
  }
\end{cventries}
\section*{Skills}
\cvskill{Methods}{Spectroscopy, Electrometry}
\end{document}
"""
    profile = parse_latex(text, source="cv.tex")
    assert profile.header.name == "Marie Curie"
    assert profile.header.contacts[0].text == "marie@example.com"
    job = profile.sections[0].entries[0]
    assert (job.title, job.subtitle, job.location, job.start, job.end) == (
        "Sorbonne",
        "Physicist",
        "Paris, France",
        "1906",
        "1934",
    )
    assert job.line == 9
    assert [b.text for b in job.bullets] == [
        "Led the [radium](https://example.com) institute & lab, 100% of the time",
        "**Discovered** polonium and *radium*",
    ]
    assert job.bullets[1].plain == "Discovered polonium and radium"
    assert profile.sections[1].skills[0].items == ["Spectroscopy", "Electrometry"]


def test_moderncv_cventry() -> None:
    text = r"""\begin{document}
\section{Education}
\cventry{2010--2014}{BSc Physics}{ETH Zurich}{Zurich}{GPA 5.5}{Thesis on optics}
\end{document}"""
    entry = parse_latex(text).sections[0].entries[0]
    assert (entry.title, entry.subtitle, entry.location, entry.start, entry.end) == (
        "ETH Zurich",
        "BSc Physics",
        "Zurich",
        "2010",
        "2014",
    )
    assert entry.details == ["GPA 5.5", "Thesis on optics"]


# --- DOCX ----------------------------------------------------------------------------------------


def add_hyperlink(paragraph: object, text: str, url: str) -> None:
    """Adds a hyperlink run to a python-docx paragraph."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    part = paragraph.part  # type: ignore[attr-defined]
    rel_id = part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    node = OxmlElement("w:t")
    node.text = text
    run.append(node)
    link.append(run)
    paragraph._p.append(link)  # type: ignore[attr-defined]


def sample_docx() -> bytes:
    """Gives a small DOCX CV: styled headings, list bullets, a bold caps heading, a layout table."""
    import docx

    document = docx.Document()
    document.add_paragraph("Jane Doe", style="Title")
    contacts = document.add_paragraph("jane@example.com | ")
    add_hyperlink(contacts, "github.com/jane", "https://github.com/jane")
    document.add_heading("Experience", level=1)
    document.add_paragraph("Acme Corp")
    document.add_paragraph("Senior Engineer")
    document.add_paragraph("Jan 2020 – Present")
    bullet = document.add_paragraph("Moved the fleet to ", style="List Bullet")
    bullet.add_run("Kubernetes").bold = True
    document.add_paragraph("Cut costs by 30%", style="List Bullet")
    heading = document.add_paragraph()
    heading.add_run("SKILLS").bold = True
    document.add_paragraph("Languages: Python, Go")
    table = document.add_table(rows=2, cols=2)
    left, right = table.cell(0, 0), table.cell(0, 1)
    left.paragraphs[0].add_run("EDUCATION").bold = True
    left.add_paragraph("State University")
    left.add_paragraph("BSc Computer Science")
    left.add_paragraph("Top of the class", style="List Bullet")
    right.paragraphs[0].add_run("PROJECTS").bold = True
    right.add_paragraph("Tailor")
    right.add_paragraph("Wrote a CV parser", style="List Bullet")
    merged = table.cell(1, 0).merge(table.cell(1, 1))
    merged.paragraphs[0].add_run("AWARDS").bold = True
    merged.add_paragraph("Best Paper 2021", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_sections_entries_and_bullets() -> None:
    profile = parse_docx(sample_docx(), source="cv.docx")
    assert profile.header.name == "Jane Doe"
    assert [(c.kind, c.url) for c in profile.header.contacts] == [
        ("email", None),
        ("link", "https://github.com/jane"),
    ]
    sections = {section.kind: section for section in profile.sections}
    assert [s.kind for s in profile.sections] == [
        "experience",
        "skills",
        "education",
        "projects",
        "awards",
    ]
    job = sections["experience"].entries[0]
    assert (job.title, job.subtitle, job.start, job.end) == (
        "Acme Corp",
        "Senior Engineer",
        "2020-01",
        "present",
    )
    assert [b.text for b in job.bullets] == [
        "Moved the fleet to **Kubernetes**",
        "Cut costs by 30%",
    ]
    assert sections["skills"].skills[0].items == ["Python", "Go"]
    school = sections["education"].entries[0]
    assert (school.title, school.subtitle) == ("State University", "BSc Computer Science")
    assert [b.text for b in school.bullets] == ["Top of the class"]
    assert [b.text for b in sections["projects"].entries[0].bullets] == ["Wrote a CV parser"]
    assert [e.title for e in sections["awards"].entries] == ["Best Paper 2021"]  # merged once
    assert all(b.line == 0 for e in job.bullets for b in [e])


def test_docx_through_load_profile(tmp_path: Path) -> None:
    path = tmp_path / "cv.docx"
    path.write_bytes(sample_docx())
    assert bullets(load_profile(path))


def test_not_a_zip_with_docx_suffix(tmp_path: Path) -> None:
    path = tmp_path / "cv.docx"
    path.write_bytes(b"Jane Doe\nEXPERIENCE\n- did things\n")
    with pytest.raises(InputError, match="not a valid DOCX"):
        load_profile(path)


def test_ole_files_are_refused() -> None:
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    with pytest.raises(InputError, match="encrypted"):
        parse_profile_bytes(
            header + "EncryptedPackage".encode("utf-16-le"), fmt="docx", source="cv.docx"
        )
    with pytest.raises(InputError, match=r"\.doc"):
        parse_profile_bytes(header, fmt="docx", source="cv.docx")


def test_docx_zip_bomb_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", " " * 5_000_000)
    with pytest.raises(InputError, match="zip bomb"):
        parse_docx(buffer.getvalue(), source="bomb.docx")


@pytest.mark.parametrize(
    "text",
    [
        '{"basics": {"profiles": 1}}',
        '{"basics": {"profiles": "x"}}',
        '{"basics": 1}',
        '{"basics": {"location": [1]}}',
        '{"work": [1, "x", null]}',
    ],
)
def test_odd_json_resume_values_do_not_crash(text: str) -> None:
    # Found by hypothesis: a non-list 'profiles' raised TypeError. No sections found is one
    # clear message (InputError), which is fine.
    with contextlib.suppress(InputError):
        parse_profile_text(text, fmt="json")
