"""CV readers, one per format, and the posting reader."""

from __future__ import annotations

from pathlib import Path

from tailor.errors import InputError
from tailor.load import MAX_BYTES, Format, decode_text, detect_format, read_bytes
from tailor.model import Profile


def parse_profile_text(text: str, *, fmt: Format = "text", source: str | None = None) -> Profile:
    """Gives the Profile of a CV's text in a text format (text, markdown, yaml, json, latex)."""
    if fmt in ("text", "markdown"):
        from tailor.parse.text import parse_text

        return parse_text(text, source=source)
    if fmt == "yaml" or fmt == "json":
        from tailor.parse.structured import parse_structured

        return parse_structured(text, fmt=fmt, source=source)
    if fmt == "latex":
        from tailor.parse.latex import parse_latex

        return parse_latex(text, source=source)
    raise InputError(
        f"reading {fmt} CVs from text is not supported",
        path=source,
        hint="give the file itself, or save the CV as plain text (.txt) or Markdown (.md)",
    )


def parse_profile_bytes(data: bytes, *, fmt: Format, source: str | None = None) -> Profile:
    """Gives the Profile of a CV file's bytes in any supported format."""
    if fmt == "docx":
        from tailor.parse.docx import parse_docx

        return parse_docx(data, source=source)
    text = decode_text(data, path=source or "-", what="CV")
    return parse_profile_text(text, fmt=fmt, source=source)


def load_profile(path: Path, *, max_bytes: int = MAX_BYTES) -> Profile:
    """Gives the Profile of the CV file at path (any supported format)."""
    data = read_bytes(path, max_bytes=max_bytes, what="CV")
    fmt = detect_format(path, data)
    profile = parse_profile_bytes(data, fmt=fmt, source=str(path))
    if not any(section.entries or section.skills for section in profile.sections):
        raise InputError(
            f"found no sections with entries or bullets in the CV "
            f"({len(profile.sections)} headings, {len(profile.unplaced)} unplaced lines)",
            path=path,
            hint="put each section under a heading line (e.g. EXPERIENCE) and bullets under '- '",
        )
    return profile
