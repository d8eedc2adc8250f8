"""The disk end of the flow: finding and reading inputs, writing outputs atomically."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tailor.errors import InputError, OutputError, TailorError
from tailor.load import MAX_BYTES, SUFFIXES, read_text
from tailor.model import Posting, Tailored

OUTPUT_NAMES = ("resume.docx", "resume.md", "report.md", "result.json")
# The résumé formats and their files, in the order they are written.
RESUME_FILES = {
    "docx": "resume.docx",
    "md": "resume.md",
    "pdf": "resume.pdf",
    "jsonresume": "resume.json",
    "rendercv": "resume.rendercv.yaml",
}
DEFAULT_FORMATS = ("docx", "md")
BUG_HINT = "this is a bug in tailor; please report it with your CV's layout"
TEMPLATE_HINT = (
    "an edited résumé template (--template or templates/resume.md.j2) must show every section, "
    "entry and bullet it is given; with the default template this is a bug in tailor"
)
# A list marker a template puts before an item: '- ', '* ', '1. '.
LIST_MARKER = re.compile(r"^(?:[-*+\u2022]|\d+[.)])\s+")


def find_profile(folder: Path = Path("profile")) -> Path:
    """Gives the one CV file in the profile folder; an error lists them if there are several."""
    if not folder.is_dir():
        raise InputError(
            "no profile folder",
            path=folder,
            hint="put your master CV in profile/ or give it with --profile PATH",
        )
    candidates = sorted(
        path
        for path in folder.iterdir()
        if path.is_file() and path.suffix.lower() in SUFFIXES and not path.name.startswith(".")
    )
    if not candidates:
        raise InputError(
            "no CV file in the profile folder",
            path=folder,
            hint="put your master CV there (.txt, .md, .docx, .yaml, .json or .tex)",
        )
    if len(candidates) > 1:
        names = ", ".join(path.name for path in candidates)
        raise InputError(
            f"several CV files in the profile folder: {names}",
            path=folder,
            hint="choose one with --profile PATH",
        )
    return candidates[0]


def load_posting(path: Path, *, max_bytes: int = MAX_BYTES) -> Posting:
    """Gives the analysed posting of a text file, or of standard input for '-'."""
    from tailor.analyze import analyze_posting

    text = read_text(path, max_bytes=max_bytes, what="posting")
    posting = analyze_posting(text, source=str(path))
    if not posting.keywords:
        raise InputError(
            "found no keywords in the posting",
            path=path,
            hint="give the posting's full text: responsibilities and requirements",
        )
    return posting


def default_out(posting_path: Path) -> Path:
    """Gives out/<posting file stem>/ (out/stdin/ for standard input)."""
    stem = "stdin" if str(posting_path) == "-" else posting_path.stem
    return Path("out") / stem


def check_out_dir(out: Path, inputs: list[Path]) -> None:
    """Raises OutputError when the output folder would overwrite or mix with an input."""
    resolved = out.resolve()
    for path in inputs:
        if str(path) == "-":
            continue
        source = path.resolve()
        if resolved in (source, source.parent):
            raise OutputError(
                "the output folder is an input file or the profile folder",
                path=out,
                hint="choose another folder with --out",
            )
    if out.exists() and not out.is_dir():
        raise OutputError("the output path is a file", path=out, hint="give a folder with --out")


def write_atomic(path: Path, data: bytes) -> None:
    """Writes bytes to a temporary file beside the target, then renames it into place."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    # mkstemp makes the file private (0600); outputs get the permissions any new file would.
    umask = os.umask(0)
    os.umask(umask)
    Path(temporary).chmod(0o666 & ~umask)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class Outputs:
    folder: Path
    files: dict[str, Path]
    pdf_pages: int | None = None


def render_outputs(
    tailored: Tailored,
    *,
    formats: Sequence[str] = DEFAULT_FORMATS,
    reference_docx: Path | None = None,
    template: Path | None = None,
) -> dict[str, bytes]:
    """Gives the bytes of every output file, checked before anything is written.

    ``formats`` names the résumé files (see RESUME_FILES); report.md and result.json always come.
    The DOCX is rendered and read back whatever the formats, as the PDF is printed from it.
    """
    from tailor.render.docx import read_docx_text, render_resume_docx
    from tailor.render.export import render_json_resume, render_rendercv_yaml
    from tailor.render.markdown import render_report_markdown, render_resume_markdown
    from tailor.render.pdf import convert_docx_to_pdf

    unknown = [name for name in formats if name not in RESUME_FILES]
    if unknown:
        raise TailorError(
            f"unknown résumé format {unknown[0]!r}", hint=f"choose from {', '.join(RESUME_FILES)}"
        )
    docx_bytes = render_resume_docx(tailored, reference=reference_docx)
    check_read_back(tailored, read_docx_text(docx_bytes), "resume.docx")

    def markdown() -> bytes:
        text = render_resume_markdown(tailored, template=template)
        check_read_back(tailored, text.splitlines(), "resume.md", hint=TEMPLATE_HINT)
        return text.encode("utf-8")

    renderers: dict[str, Callable[[], bytes]] = {
        "docx": lambda: docx_bytes,
        "md": markdown,
        "pdf": lambda: convert_docx_to_pdf(docx_bytes),
        "jsonresume": lambda: render_json_resume(tailored).encode("utf-8"),
        "rendercv": lambda: render_rendercv_yaml(tailored).encode("utf-8"),
    }
    rendered = {RESUME_FILES[name]: renderers[name]() for name in RESUME_FILES if name in formats}
    rendered["report.md"] = render_report_markdown(tailored).encode("utf-8")
    rendered["result.json"] = (tailored.result.model_dump_json(indent=2) + "\n").encode("utf-8")
    return rendered


def check_read_back(
    tailored: Tailored, paragraphs: list[str], name: str, *, hint: str = BUG_HINT
) -> None:
    """Raises TailorError unless the text shows every selected item, in order, and keyword."""
    from tailor.text import normalize_spaces, strip_inline_marks

    texts = [LIST_MARKER.sub("", strip_inline_marks(paragraph)) for paragraph in paragraphs]
    position = 0
    for section in tailored.resume.sections:
        for entry in section.entries:
            if section.list_like and not entry.bullets:
                # A publication or award: its title starts a paragraph its details may follow.
                expected = [(entry.id, strip_inline_marks(entry.title), False)]
            else:
                expected = [(bullet.id, bullet.plain, True) for bullet in entry.bullets]
            for item_id, text, whole in expected:
                while position < len(texts) and not (
                    texts[position] == text if whole else texts[position].startswith(text)
                ):
                    position += 1
                if position == len(texts):
                    raise TailorError(
                        f"read-back check failed: {item_id} is not in {name} in order "
                        f"({text[:60]!r})",
                        hint=hint,
                    )
                position += 1
    written = normalize_spaces("\n".join(texts)).lower()
    unseen = [
        keyword
        for keyword in tailored.result.keywords
        if keyword.status == "covered"
        and normalize_spaces(keyword.resume_spelling or keyword.term).lower() not in written
    ]
    if unseen:
        # The spelling recorded for a phrase can be the posting's ('Engineering' matched by the
        # lemma of 'Engineer'): such a keyword passes if the matcher still finds it in the text.
        from tailor.rank import gather_evidence, shows

        evidence = gather_evidence(texts)
        by_term = {keyword.term: keyword for keyword in tailored.posting.keywords}
        for covered in unseen:
            keyword = by_term.get(covered.term)
            if keyword is None or not any(shows(found, keyword) for found in evidence):
                raise TailorError(
                    f"read-back check failed: covered keyword {covered.term!r} "
                    f"({(covered.resume_spelling or covered.term)!r}) is not in {name}",
                    hint=hint,
                )


def write_outputs(
    tailored: Tailored,
    out: Path,
    *,
    formats: Sequence[str] = DEFAULT_FORMATS,
    reference_docx: Path | None = None,
    template: Path | None = None,
) -> Outputs:
    """Writes the résumé in each format, report.md and result.json into the folder, atomically."""
    rendered = render_outputs(
        tailored, formats=formats, reference_docx=reference_docx, template=template
    )
    pdf_pages = None
    if "resume.pdf" in rendered:
        from tailor.render.pdf import count_pdf_pages

        pdf_pages = count_pdf_pages(rendered["resume.pdf"])
    try:
        out.mkdir(parents=True, exist_ok=True)
        files = {}
        for name, data in rendered.items():
            write_atomic(out / name, data)
            files[name] = out / name
    except OSError as error:
        raise OutputError(
            f"cannot write the outputs: {error.strerror}",
            path=out,
            hint="choose a folder you can write to with --out",
        ) from error
    return Outputs(folder=out, files=files, pdf_pages=pdf_pages)
