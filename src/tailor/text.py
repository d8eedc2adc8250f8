"""Plain-text helpers shared by the parsers and renderers; no heavy imports here."""

from __future__ import annotations

import re
import unicodedata

LINK = re.compile(r"\[([^\[\]]*)\]\(([^()\s]*)\)")
STRONG = re.compile(r"\*\*(.+?)\*\*")
EMPHASIS = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
UNDERSCORE_EMPHASIS = re.compile(r"(?<![\w_])_(?!\s)(.+?)(?<!\s)_(?![\w_])")
ESCAPE = re.compile(r"\\(?=[A-Za-z*_\[\]#&%$])")
MARKS = re.compile(r"[\[*_\\]")
SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def strip_inline_marks(text: str) -> str:
    """Gives the text with inline Markdown removed: ``[t](u)`` -> t, ``**``/``*`` dropped."""
    if not MARKS.search(text):
        return SPACES.sub(" ", text).strip()
    text = LINK.sub(r"\1", text)
    text = STRONG.sub(r"\1", text)
    text = EMPHASIS.sub(r"\1", text)
    text = UNDERSCORE_EMPHASIS.sub(r"\1", text)
    text = ESCAPE.sub("", text)
    return SPACES.sub(" ", text).strip()


def normalize_spaces(text: str) -> str:
    """Gives the text with runs of white space folded into one space."""
    return SPACES.sub(" ", text).strip()


def strip_symbols(text: str) -> str:
    """Gives the text without emoji, pictographs and variation selectors (contact decoration)."""
    kept = [
        ch
        for ch in text
        if not (
            unicodedata.category(ch) in {"So", "Sk", "Cf", "Mn"}
            and not ch.isalnum()
            and ch not in "+#&"
        )
    ]
    return normalize_spaces("".join(kept))


def inline_runs(text: str) -> list[tuple[str, bool, bool, str | None]]:
    """Gives the text as runs of (text, bold, italic, link url) for renderers."""
    runs: list[tuple[str, bool, bool, str | None]] = []
    token = re.compile(
        r"\[(?P<link>[^\[\]]*)\]\((?P<url>[^()\s]*)\)"
        r"|\*\*(?P<bold>.+?)\*\*"
        r"|(?<![\w*])\*(?!\s)(?P<italic>.+?)(?<!\s)\*(?![\w*])"
    )
    position = 0
    for match in token.finditer(text):
        if match.start() > position:
            runs.append((ESCAPE.sub("", text[position : match.start()]), False, False, None))
        if match.group("link") is not None:
            url = match.group("url") or None
            runs.append((match.group("link"), False, False, url if url != "#" else None))
        elif match.group("bold") is not None:
            runs.append((strip_inline_marks(match.group("bold")), True, False, None))
        else:
            runs.append((strip_inline_marks(match.group("italic")), False, True, None))
        position = match.end()
    if position < len(text):
        runs.append((ESCAPE.sub("", text[position:]), False, False, None))
    return [run for run in runs if run[0]]


def long_form(text: str, start: int, end: int) -> list[str] | None:
    """Gives the words the acronym at text[start:end] abbreviates when it stands in parentheses
    right after them, their initials spelling it ("autonomous vehicle (AV)", "Large Language
    Models (LLMs)"); None if it abbreviates nothing there."""
    if text[start - 1 : start] != "(" or text[end : end + 1] != ")":
        return None
    letters = text[start:end].removesuffix("s")
    words = re.findall(r"[A-Za-z][\w'’]*", text[: start - 1])[-len(letters) :]
    if "".join(word[0] for word in words).upper() != letters.upper():
        return None
    return words
