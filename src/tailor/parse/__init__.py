"""CV readers, one per format, and the posting reader."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tailor.errors import InputError
from tailor.load import DEBRIS, MAX_BYTES, Format, decode_text, detect_format, read_bytes
from tailor.model import Profile

# Breaks inside one YAML or JSON value (written as escapes: "\v", "\u2028"): a space there.
VALUE_BREAKS = re.compile("[\v\f\x1c-\x1e\x85\u2028\u2029]")
SPACE_RUN = re.compile(r"[ \t]{2,}")


def parse_profile_text(text: str, *, fmt: Format = "text", source: str | None = None) -> Profile:
    """Gives the Profile of a CV's text in a text format (text, markdown, yaml, json, latex)."""
    if fmt in ("text", "markdown"):
        from tailor.parse.text import parse_text

        return parse_text(text, source=source)
    if fmt == "yaml" or fmt == "json":
        from tailor.parse.structured import parse_structured

        return clean_profile(parse_structured(text, fmt=fmt, source=source))
    if fmt == "latex":
        from tailor.parse.latex import parse_latex

        return parse_latex(text, source=source)
    raise InputError(
        f"reading {fmt} CVs from text is not supported",
        path=source,
        hint="give the file itself, or save the CV as plain text (.txt) or Markdown (.md)",
    )


def clean_profile(profile: Profile) -> Profile:
    """Gives the profile without control characters in its text.

    decode_text cleans a file's text, but YAML and JSON escapes (\\u000b, \\ud800) make
    them again inside values, and a DOCX cannot hold them: the renderer would fail on them.
    """

    def clean(value: Any) -> Any:
        if isinstance(value, str) and (DEBRIS.search(value) or VALUE_BREAKS.search(value)):
            # One space where a break was, as the readers' own whitespace folding would give.
            return SPACE_RUN.sub(" ", DEBRIS.sub("", VALUE_BREAKS.sub(" ", value)))
        if isinstance(value, dict):
            return {key: clean(item) for key, item in value.items()}
        if isinstance(value, list):
            return [clean(item) for item in value]
        return value

    data = profile.model_dump()
    cleaned = clean(data)
    return profile if cleaned == data else Profile.model_validate(cleaned)


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
        inputs = [item.text for item in profile.unplaced if item.reason.startswith("not followed")]
        if inputs:
            raise InputError(
                f"found no entries or bullets in the CV: it takes its text from other files "
                f"({', '.join(inputs[:3])}), which tailor does not read",
                path=path,
                hint="give one file with the whole CV, e.g. from 'latexpand cv.tex > whole.tex'",
            )
        raise InputError(
            f"found no entries or bullets in the CV: {count(len(profile.sections), 'heading')} "
            f"without entries, and {count(len(profile.unplaced), 'line')} it could not place",
            path=path,
            hint="put each section under a heading line (e.g. EXPERIENCE) and bullets under '- '",
        )
    return profile


def count(number: int, noun: str) -> str:
    """Gives '1 line', '2 lines'."""
    return f"{number} {noun}{'' if number == 1 else 's'}"
