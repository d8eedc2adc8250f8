"""The disk end of the flow: finding and reading inputs, writing outputs atomically."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tailor.errors import InputError, OutputError, TailorError
from tailor.load import MAX_BYTES, SUFFIXES, read_text
from tailor.model import Posting, Tailored

OUTPUT_NAMES = ("resume.docx", "resume.md", "report.md", "result.json")


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


def render_outputs(tailored: Tailored) -> dict[str, bytes]:
    """Gives the bytes of every output file, checked before anything is written."""
    from tailor.render.docx import read_docx_text, render_resume_docx
    from tailor.render.markdown import render_report_markdown, render_resume_markdown

    docx_bytes = render_resume_docx(tailored)
    markdown = render_resume_markdown(tailored)
    check_read_back(tailored, read_docx_text(docx_bytes), "resume.docx")
    report = render_report_markdown(tailored)
    result = tailored.result.model_dump_json(indent=2) + "\n"
    return {
        "resume.docx": docx_bytes,
        "resume.md": markdown.encode("utf-8"),
        "report.md": report.encode("utf-8"),
        "result.json": result.encode("utf-8"),
    }


def check_read_back(tailored: Tailored, paragraphs: list[str], name: str) -> None:
    """Raises TailorError unless every selected bullet is in the written text, in order."""
    from tailor.text import strip_inline_marks

    position = 0
    for section in tailored.resume.sections:
        for entry in section.entries:
            for bullet in entry.bullets:
                while position < len(paragraphs) and (
                    strip_inline_marks(paragraphs[position]) != bullet.plain
                ):
                    position += 1
                if position == len(paragraphs):
                    raise TailorError(
                        f"read-back check failed: bullet {bullet.id} is not in {name} in order",
                        hint="this is a bug in tailor; please report it with your CV's layout",
                    )


def write_outputs(tailored: Tailored, out: Path) -> Outputs:
    """Writes resume.docx, resume.md, report.md and result.json into the folder, atomically."""
    rendered = render_outputs(tailored)
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
    return Outputs(folder=out, files=files)
