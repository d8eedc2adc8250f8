"""Bytes on disk -> text: size limits, encodings, line endings and format detection."""

from __future__ import annotations

import codecs
import re
import sys
from pathlib import Path
from typing import Literal

from tailor.errors import InputError

Format = Literal["text", "markdown", "docx", "yaml", "json", "latex"]

MB = 1024 * 1024
MAX_BYTES = 10 * MB
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
# No CV or posting has a line this long (a whole posting on one line runs to 20,000): such a
# file is a dump (minified, base64, a log), and the keyword matcher would take minutes over it.
MAX_LINE_CHARS = 100_000
CV_FORMATS_HINT = "save it as DOCX, plain text (.txt, UTF-8), Markdown, YAML, JSON or LaTeX"
POSTING_HINT = "copy the posting's text into a plain text file (.txt, UTF-8) and give that"
# Files people have that tailor does not read, by suffix and by their first bytes.
UNREADABLE_SUFFIXES = {
    ".pdf": "a PDF",
    ".doc": "an old-style Word (.doc) file",
    ".rtf": "an RTF file",
    ".odt": "an OpenDocument file",
    ".pages": "an Apple Pages file",
    ".html": "a web page",
    ".htm": "a web page",
}
MAGIC = (
    (b"PK\x03\x04", "a DOCX or other zip file"),
    (b"%PDF-", "a PDF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old-style or password-protected Word file"),
    (b"{\\rtf", "an RTF file"),
    (b"\x89PNG", "an image"),
    (b"\xff\xd8\xff", "an image"),
    (b"GIF8", "an image"),
)
# Line and page breaks that are not '\n': Word's manual line break (\v), the page break
# pdftotext leaves between pages (\f), NEL and the Unicode separators. Each becomes a newline,
# so every reader splits lines alike (str.splitlines would split at them, str.split("\n") not).
LINE_BREAKS = re.compile("\r\n|[\r\v\f\x1c-\x1e\x85\u2028\u2029]")
# Other control characters, lone surrogates and non-characters cannot be written to a DOCX
# (XML refuses them) nor printed; in a CV or a posting they are debris from copy and paste.
DEBRIS = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def read_bytes(path: Path, *, max_bytes: int = MAX_BYTES, what: str = "file") -> bytes:
    """Gives the bytes of a file, or of standard input for '-', within the size limit."""
    limit = f"{round(max_bytes / MB, 3):g} MB"
    if str(path) == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(
                f"the {what} on standard input is over the {limit} limit",
                path=path,
                hint="give a smaller file, or raise the limit with --max-size",
            )
        return data
    if not path.exists():
        raise InputError(f"no such {what}", path=path, hint="check the path and try again")
    if path.is_dir():
        raise InputError(f"the {what} is a folder", path=path, hint="give a file instead")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"the {what} is {size_text(size)}, over the {limit} limit",
                path=path,
                hint="give a smaller file, or raise the limit with --max-size",
            )
        # Read at most one byte past the limit: a pipe or a device (/dev/zero) has no size.
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)
    except OSError as error:
        raise InputError(
            f"cannot read the {what}: {error.strerror or error}",
            path=path,
            hint="check that it is a file you may read",
        ) from error
    if len(data) > max_bytes:
        raise InputError(
            f"the {what} is over the {limit} limit",
            path=path,
            hint="give a smaller file, or raise the limit with --max-size",
        )
    return data


def size_text(size: int) -> str:
    """Gives a file size for people: '11.2 MB', '3.5 kB', '812 bytes'."""
    if size >= MB // 10:
        return f"{size / MB:.1f} MB"
    return f"{size / 1024:.1f} kB" if size >= 1024 else f"{size} bytes"


def format_hint(what: str) -> str:
    """Gives the hint for an input in a format tailor does not read."""
    return POSTING_HINT if what == "posting" else CV_FORMATS_HINT


def sniff_kind(data: bytes) -> str | None:
    """Gives what a file is by its first bytes (a PDF, a zip ...) when that is not text."""
    head = data[:16].lstrip()
    return next((kind for magic, kind in MAGIC if head.startswith(magic)), None)


def utf16_without_bom(data: bytes) -> str | None:
    """Gives 'utf-16-le' or 'utf-16-be' for UTF-16 text saved without a BOM, else None.

    Mostly-ASCII text in UTF-16 has a zero byte in every other position, and only there.
    """
    sample = data[:8192]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.7 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.7 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


# Control bytes that text files do not hold (tab, line breaks, form feed and escape they may).
CONTROL_BYTES = bytes(byte for byte in range(0x20) if byte not in b"\t\n\r\v\f\x1b")


def looks_binary(data: bytes) -> bool:
    """Tells whether bytes look like a binary file: zero bytes, or many control characters."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, CONTROL_BYTES))
    return controls > 0.1 * len(sample)


def clean_text(text: str) -> str:
    """Gives text with every line break as '\\n' and control characters removed."""
    return DEBRIS.sub("", LINE_BREAKS.sub("\n", text))


def _cp1252_bytes() -> dict[str, int]:
    """Gives the byte cp1252 writes for each of its characters outside Latin-1 ('€' -> 0x80)."""
    table: dict[str, int] = {}
    for byte in range(0x80, 0xA0):
        try:
            table[bytes([byte]).decode("cp1252")] = byte
        except UnicodeDecodeError:
            continue
    return table


CP1252_BYTES = _cp1252_bytes()
# A UTF-8 lead byte read as Latin-1 ('Ã', 'â') and the bytes after it: mojibake, maybe.
MOJIBAKE_RUN = re.compile("[\u00c2-\u00f4][\u0080-\u00ff" + "".join(CP1252_BYTES) + "]+")


def repair_mojibake(text: str) -> str:
    """Gives the text with UTF-8 that was read as Latin-1 or cp1252 ('â€¢', 'Ã©') decoded again."""
    return MOJIBAKE_RUN.sub(_repair_run, text)


def _repair_run(match: re.Match[str]) -> str:
    """Gives a run of Latin-1/cp1252 characters decoded as UTF-8 where each sequence is valid."""
    run = match.group()
    data = bytes(CP1252_BYTES.get(ch, ord(ch)) for ch in run)
    out: list[str] = []
    index = 0
    while index < len(data):
        lead = data[index]
        size = 2 if lead <= 0xDF else 3 if lead <= 0xEF else 4 if lead <= 0xF4 else 0
        size = size if lead >= 0xC2 else 0
        if size and index + size <= len(data):
            try:
                out.append(data[index : index + size].decode("utf-8"))
                index += size
                continue
            except UnicodeDecodeError:
                pass
        # Not a valid sequence: the character was meant as it is.
        out.append(run[index])
        index += 1
    return "".join(out)


def decode_text(data: bytes, *, path: Path | str = "-", what: str = "file") -> str:
    """Gives the text of a file's bytes: BOMs honoured, UTF-8 else cp1252, newlines as \\n."""
    kind = sniff_kind(data)
    if kind is not None:
        raise InputError(f"the {what} is {kind}, not text", path=path, hint=format_hint(what))
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    elif encoding := utf16_without_bom(data):
        text = data.decode(encoding, errors="replace")
    else:
        if looks_binary(data):
            raise InputError(
                f"the {what} looks binary, not text", path=path, hint=format_hint(what)
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            # Not UTF-8: Windows' cp1252, which covers Latin-1's printable characters too.
            text = data.decode("cp1252", errors="replace")
    # Mojibake first: its C1 bytes ('â\x80¢' is '•') are debris to clean_text.
    text = clean_text(repair_mojibake(text))
    if not text.strip():
        raise InputError(
            f"the {what} is empty", path=path, hint=f"put the {what}'s text in it and try again"
        )
    if len(text) > MAX_LINE_CHARS:
        for number, line in enumerate(text.split("\n"), start=1):
            if len(line) > MAX_LINE_CHARS:
                raise InputError(
                    f"a line of {len(line):,} characters, over the {MAX_LINE_CHARS:,} "
                    f"a {what} line may have",
                    path=path,
                    line=number,
                    hint=f"is this the {what}? Save it as text with one paragraph per line",
                )
    return text


def detect_format(path: Path, data: bytes) -> Format:
    """Gives the format of a CV file by its suffix, then by its content."""
    suffix = path.suffix.lower()
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    if suffix in UNREADABLE_SUFFIXES:
        raise InputError(
            f"the CV is {UNREADABLE_SUFFIXES[suffix]}, which tailor cannot read",
            path=path,
            hint=CV_FORMATS_HINT,
        )
    head = data[:4096].lstrip()
    if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        # A Word file without its suffix; the DOCX reader explains a .doc or an encrypted one.
        return "docx"
    if head.startswith(b"{\\rtf"):
        return "text"  # decode_text names it
    if head.startswith((b"{", b"[")):
        return "json"
    if b"\\documentclass" in head or b"\\begin{document}" in head:
        return "latex"
    if suffix:
        raise InputError(
            f"unknown file type '{suffix}'",
            path=path,
            hint="name the CV .txt, .md, .docx, .yaml, .json or .tex after its format",
        )
    return "text"


def read_text(path: Path, *, max_bytes: int = MAX_BYTES, what: str = "file") -> str:
    """Gives the decoded text of a text file (or standard input for '-')."""
    return decode_text(read_bytes(path, max_bytes=max_bytes, what=what), path=path, what=what)
