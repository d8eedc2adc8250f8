"""Bytes on disk -> text: size limits, encodings, line endings and format detection."""

from __future__ import annotations

import codecs
import sys
from pathlib import Path
from typing import Literal

from tailor.errors import InputError

Format = Literal["text", "markdown", "docx", "yaml", "json", "latex"]

MAX_BYTES = 10 * 1024 * 1024
SUFFIXES: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".docx": "docx",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".tex": "latex",
}
TEXT_FORMATS = ("text", "markdown")


def read_bytes(path: Path, *, max_bytes: int = MAX_BYTES, what: str = "file") -> bytes:
    """Gives the bytes of a file, or of standard input for '-', within the size limit."""
    if str(path) == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        if not path.exists():
            raise InputError(f"no such {what}", path=path, hint="check the path and try again")
        if path.is_dir():
            raise InputError(f"the {what} is a folder", path=path, hint="give a file instead")
        try:
            size = path.stat().st_size
            if size > max_bytes:
                raise InputError(
                    f"the {what} is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit",
                    path=path,
                    hint="give a smaller file, or raise the limit with --max-size",
                )
            data = path.read_bytes()
        except OSError as error:
            raise InputError(
                f"cannot read the {what}: {error.strerror}", path=path, hint="check its permissions"
            ) from error
    if len(data) > max_bytes:
        raise InputError(
            f"the {what} is over the {max_bytes / 1e6:.0f} MB limit",
            path=path,
            hint="give a smaller file",
        )
    return data


def decode_text(data: bytes, *, path: Path | str = "-", what: str = "file") -> str:
    """Gives the text of a file's bytes: BOMs honoured, UTF-8 else cp1252, newlines as \\n."""
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    else:
        if b"\x00" in data[:8192]:
            raise InputError(
                f"the {what} looks binary, not text",
                path=path,
                hint="save it as plain text (UTF-8), Markdown, DOCX, YAML, JSON or LaTeX",
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(
            f"the {what} is empty", path=path, hint=f"put the {what}'s text in it and try again"
        )
    return text


def detect_format(path: Path, data: bytes) -> Format:
    """Gives the format of a CV file by its suffix, then by its content."""
    suffix = path.suffix.lower()
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    head = data[:4096].lstrip()
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith((b"{", b"[")):
        return "json"
    if b"\\documentclass" in head or b"\\begin{document}" in head:
        return "latex"
    if suffix:
        raise InputError(
            f"unknown file type '{suffix}'",
            path=path,
            hint="use .txt, .md, .docx, .yaml, .json or .tex",
        )
    return "text"


def read_text(path: Path, *, max_bytes: int = MAX_BYTES, what: str = "file") -> str:
    """Gives the decoded text of a text file (or standard input for '-')."""
    return decode_text(read_bytes(path, max_bytes=max_bytes, what=what), path=path, what=what)
