"""The disk end of the flow: finding and reading inputs, writing outputs atomically."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from tailor.errors import InputError, OutputError, TailorError
from tailor.load import MAX_BYTES, SUFFIXES, read_text
from tailor.model import Posting, Tailored

OUTPUT_NAMES = ("resume.docx", "resume.md", "report.md", "report.html", "result.json")
# The résumé formats and their files, in the order they are written.
RESUME_FILES = {
    "docx": "resume.docx",
    "md": "resume.md",
    "pdf": "resume.pdf",
    "jsonresume": "resume.json",
    "rendercv": "resume.rendercv.yaml",
}
DEFAULT_FORMATS = ("docx", "md")
# spaCy's limit on one text; far more than any posting (they run to 2,000 to 20,000).
MAX_POSTING_CHARS = 1_000_000
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
            # `tailor parse` takes the CV as its argument; the other commands take --profile.
            hint=f"name the file itself: --profile {candidates[0]} (tailor parse {candidates[0]})",
        )
    return candidates[0]


def resolve_profile(profile: Path | None) -> Path:
    """Gives the CV of --profile: the file given, else the one CV of that folder or profile/."""
    if profile is None:
        return find_profile()
    return find_profile(profile) if profile.is_dir() else profile


def load_posting(path: Path, *, max_bytes: int = MAX_BYTES) -> Posting:
    """Gives the analysed posting of a text file, or of standard input for '-'."""
    from tailor.analyze import analyze_posting

    text = read_text(path, max_bytes=max_bytes, what="posting")
    if len(text) > MAX_POSTING_CHARS:
        raise InputError(
            f"the posting is {len(text):,} characters long, over the {MAX_POSTING_CHARS:,} "
            "tailor reads",
            path=path,
            hint="give one posting's text, not a collection of them",
        )
    posting = analyze_posting(text, source=str(path))
    if not posting.keywords:
        words = len(text.split())
        raise InputError(
            f"found no keywords in the posting ({words:,} word{'' if words == 1 else 's'}): "
            "no skill, tool, degree or role tailor knows",
            path=path,
            hint="give the posting's full text: responsibilities and requirements",
        )
    return posting


def default_out(posting_path: Path) -> Path:
    """Gives out/<posting file stem>/ (out/stdin/ for standard input)."""
    stem = "stdin" if str(posting_path) == "-" else posting_path.stem
    return Path("out") / stem


def check_out_dir(out: Path, inputs: Mapping[str, Path | None]) -> None:
    """Raises OutputError when the output folder would mix with an input or cannot be made.

    ``inputs`` names each input file ('posting', 'CV' ...). Called before any work, so that a
    bad --out fails at once.
    """
    resolved = out.resolve()
    for label, path in inputs.items():
        if path is None or str(path) == "-":
            continue
        source = path.resolve()
        if resolved == source:
            raise OutputError(
                f"the output folder is the {label} file {path}",
                path=out,
                hint="choose another folder with --out",
            )
        if resolved == source.parent:
            folder = "the profile folder" if label == "CV" else f"the {label}'s folder"
            raise OutputError(
                f"the output folder is {folder} ({path} is there); outputs must not mix with "
                "inputs",
                path=out,
                hint="choose another folder with --out (by default: out/<posting name>/)",
            )
    # The nearest part of the path that exists must be a folder, or nothing can be made in it.
    existing = next((part for part in (out, *out.parents) if part.exists()), None)
    if existing is not None and not existing.is_dir():
        where = "the output path" if existing == out else f"{existing} in the output path"
        raise OutputError(
            f"cannot make the output folder: {where} is a file",
            path=out,
            hint="give a folder with --out",
        )
    if existing is not None and not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(
            f"cannot write in {existing}: permission denied",
            path=out,
            hint="choose a folder you can write to with --out",
        )


def write_temporary(path: Path, data: bytes) -> Path:
    """Gives a new temporary file beside path holding the bytes (removed again if that fails)."""
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temporary = Path(name)
    try:
        # mkstemp makes the file private (0600); outputs get the permissions any new file would.
        umask = os.umask(0)
        os.umask(umask)
        temporary.chmod(0o666 & ~umask)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def write_atomic(path: Path, data: bytes) -> None:
    """Writes bytes to a temporary file beside the target, then renames it into place."""
    temporary = write_temporary(path, data)
    try:
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_files(folder: Path, files: dict[str, bytes]) -> dict[str, Path]:
    """Writes every file into the folder, all or none; gives their paths.

    Each goes to a temporary file first, and only when all are written are they renamed into
    place: a failure (a full disk) leaves no partial file and the earlier outputs as they were.
    """
    for name in files:
        if (folder / name).is_dir():
            raise OutputError(
                f"{name} is a folder in the output folder",
                path=folder,
                hint="remove it, or choose another folder with --out",
            )
    temporaries: list[Path] = []
    try:
        for name, data in files.items():
            temporaries.append(write_temporary(folder / name, data))
        for temporary, name in zip(temporaries, files, strict=True):
            temporary.replace(folder / name)
    except BaseException:
        for temporary in temporaries:
            temporary.unlink(missing_ok=True)
        raise
    return {name: folder / name for name in files}


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

    ``formats`` names the résumé files (see RESUME_FILES); report.md, report.html and result.json
    always come.
    The DOCX is rendered and read back whatever the formats, as the PDF is printed from it.
    """
    from tailor.render.docx import read_docx_text, render_resume_docx
    from tailor.render.export import render_json_resume, render_rendercv_yaml
    from tailor.render.html import render_report_html
    from tailor.render.markdown import (
        render_report_markdown,
        render_resume_markdown,
        unescape_markdown,
    )
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
        # Read back as a viewer shows it: without the escapes of hostile input.
        lines = unescape_markdown(text).splitlines()
        check_read_back(tailored, lines, "resume.md", hint=TEMPLATE_HINT)
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
    rendered["report.html"] = render_report_html(tailored).encode("utf-8")
    rendered["result.json"] = (tailored.result.model_dump_json(indent=2) + "\n").encode("utf-8")
    return rendered


def check_read_back(
    tailored: Tailored, paragraphs: list[str], name: str, *, hint: str = BUG_HINT
) -> None:
    """Raises TailorError unless the text shows every selected item, in order, and keyword."""
    from tailor.text import normalize_spaces, strip_inline_marks

    plain = [strip_inline_marks(paragraph) for paragraph in paragraphs]
    # A Markdown bullet carries its list marker, a Word bullet does not; a bullet's own text
    # may itself start like a marker ("- - Built things"), so either form may be the match.
    texts = [LIST_MARKER.sub("", paragraph) for paragraph in plain]
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
                    text in (texts[position], plain[position])
                    if whole
                    else texts[position].startswith(text) or plain[position].startswith(text)
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
    # resume_spelling is the résumé's own text of the keyword, so it must be there as written.
    for keyword in tailored.result.keywords:
        spelling = normalize_spaces(keyword.resume_spelling or keyword.term)
        if keyword.status == "covered" and spelling.lower() not in written:
            raise TailorError(
                f"read-back check failed: covered keyword {keyword.term!r} "
                f"({spelling!r}) is not in {name}",
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
    """Writes the résumé in each format, report.md, report.html and result.json, all or none.

    Everything is rendered and checked before the first file is written (see write_files).
    """
    rendered = render_outputs(
        tailored, formats=formats, reference_docx=reference_docx, template=template
    )
    pdf_pages = None
    if "resume.pdf" in rendered:
        from tailor.render.pdf import count_pdf_pages

        pdf_pages = count_pdf_pages(rendered["resume.pdf"])
    try:
        out.mkdir(parents=True, exist_ok=True)
        files = write_files(out, rendered)
    except OSError as error:
        raise OutputError(
            f"cannot write the outputs: {error.strerror or error}",
            path=out,
            hint="choose a folder you can write to with --out",
        ) from error
    return Outputs(folder=out, files=files, pdf_pages=pdf_pages)
