r"""LaTeX CVs -> Profile.

The body (after ``\begin{document}``) is walked once. Inline markup becomes the Markdown the text
reader keeps (``\textbf`` -> ``**``, ``\emph`` -> ``*``, ``\href`` -> ``[text](url)``), free text
and list items become lines fed to the text reader (so headings, bullets, skills and entries follow
its rules), and the résumé macros whose fields are known (Jake's/sb2nov ``\resumeSubheading``,
Awesome-CV ``\cventry``/``\cvhonor``, moderncv ``\cventry``, Deedy ``\runsubsection``) add entries
directly. Unknown commands are dropped and their text arguments kept. ``\input``/``\include`` are
never followed: they are reported as unplaced. Every line number is the line in the .tex file.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

from tailor.errors import InputError
from tailor.model import Contact, Header, Profile, Unplaced
from tailor.parse.dates import is_date_line, parse_range
from tailor.parse.places import is_location
from tailor.parse.sections import classify_heading
from tailor.parse.text import EntryDraft, Reader
from tailor.text import normalize_spaces

MAX_DEPTH = 100
COMMENT_ENV = re.compile(r"\\begin\{comment\}.*?\\end\{comment\}", re.S)
PLAIN = re.compile(r"[^\\{}$&~\n`'\-]+")
DASHES = re.compile(r"-{1,3}")
COMMAND = re.compile(r"\\([A-Za-z@]+)(\*?)")
DIMENSION = re.compile(r"\s*=?\s*-?[\d.]+\s*(?:pt|cm|mm|in|em|ex|sp|bp|pc|dd|cc)?")
ASSIGNMENT = re.compile(r"\s*=\s*-?[\d.]*\s*\\?[A-Za-z]*")
MAILTO = re.compile(r"\[([^\[\]]*)\]\((?:mailto|tel):[^()\s]*\)")
CONTACT_LABEL = re.compile(
    r"^(?:e-?mail|mobile|phone|tel|cell|web(?:site)?|homepage)\s*:\s*", re.IGNORECASE
)
OPEN_RANGE = re.compile(r"[-–—]\s*$")

SECTION_COMMANDS = {"section", "cvsection", "chapter", "resumesection", "sectiontitle"}
SUBSECTION_COMMANDS = {"subsection", "subsubsection", "runsubsection"}
INCLUDE_COMMANDS = {"input", "include", "subfile", "import", "bibliography", "addbibresource"}
BOLD = {"textbf", "bold"}
ITALIC = {"textit", "emph", "textsl", "em"}
KEEP = {
    "underline", "uline", "textsc", "textup", "textnormal", "textrm", "textsf", "texttt", "mbox",
    "text", "textmd", "hbox", "textsuperscript", "textsubscript",
}  # fmt: skip
SWITCH_BOLD = {"bf", "bfseries"}
SWITCH_ITALIC = {"it", "itshape", "em", "sl", "slshape"}
SYMBOLS = {
    "textbar": "|", "textbullet": "•", "textperiodcentered": "·", "cdotp": "·", "cdot": "·",
    "textendash": "–", "textemdash": "—", "LaTeX": "LaTeX", "TeX": "TeX", "ldots": "…",
    "dots": "…", "textasciitilde": "~", "textasciicircum": "^", "textbackslash": "\\",
    "quad": " ", "qquad": " ", "enskip": " ", "enspace": " ", "hfill": " ", "hfil": " ",
    "space": " ", "thinspace": " ", "bullet": "•", "times": "×", "pm": "±", "sim": "~",
    "approx": "≈", "leq": "≤", "geq": "≥", "le": "≤", "ge": "≥", "rightarrow": "→", "to": "→",
    "Rightarrow": "⇒", "ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "l": "ł", "L": "Ł",
    "i": "ı", "aa": "å", "AA": "Å", "textregistered": "®", "texttrademark": "™",
    "copyright": "©", "textdegree": "°", "euro": "€", "pounds": "£", "textquoteright": "’",
    "varheart": "♥", "heartsuit": "♥", "star": "★", "checkmark": "✓", "textpipe": "|",
    "vert": "|", "mid": "|", "textsection": "§",
}  # fmt: skip
ACCENTS = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304",
    ".": "\u0307", "c": "\u0327", "v": "\u030c", "u": "\u0306", "H": "\u030b", "k": "\u0328",
    "r": "\u030a",
}  # fmt: skip
ESCAPES = {"&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}", " ": " ",
           ",": " ", ";": " ", ":": " ", "!": "", "@": "", "-": "", "/": ""}  # fmt: skip
# Layout commands: how many brace arguments to drop ("*" drops every argument that follows).
DROP_ARGS: dict[str, int | str] = {
    "vspace": 1, "hspace": 1, "setlength": 2, "addtolength": 2, "color": 1, "pagestyle": 1,
    "thispagestyle": 1, "bibliographystyle": 1, "urlstyle": 1, "includegraphics": 1, "label": 1,
    "fontsize": 2, "geometry": 1, "definecolor": 3, "colorlet": 2, "setbool": 2,
    "enlargethispage": 1, "rule": 2, "makecvfooter": 3, "fancyhead": 1, "fancyfoot": 1,
    "lhead": 1, "chead": 1, "rhead": 1, "lfoot": 1, "cfoot": 1, "rfoot": 1, "pagenumbering": 1,
    "hyphenation": 1, "nocite": 1, "photo": 1, "quote": 1, "extrainfo": 1, "position": 1,
    "tagline": 1, "title": 1, "hypersetup": 1, "setcounter": 2, "addtocounter": 2, "cline": 1,
    "newcommand": "*", "renewcommand": "*", "providecommand": "*", "newenvironment": "*",
    "renewenvironment": "*", "def": "*", "titleformat": "*", "titlespacing": "*", "setlist": "*",
    "usepackage": "*", "documentclass": "*", "RequirePackage": "*", "newlength": 1,
    "newcounter": 1, "pdfbookmark": 2, "phantom": 1, "hphantom": 1, "vphantom": 1,
    "resizebox": 2, "scalebox": 1, "ref": 1, "pageref": 1, "cite": 1, "footnote": 1,
}  # fmt: skip
DIMENSION_COMMANDS = {"vskip", "hskip", "kern", "vspace", "hspace", "baselineskip"}
LINE_BREAKS = {"newline", "linebreak", "cr"}
PARAGRAPH_BREAKS = {"par", "sectionsep", "bigskip", "medskip", "newpage", "clearpage"}
DROPPED_TEXT = {"today", "thepage", "lastupdated", "makecvheader", "printbibliography"}
LIST_ENVS = {"itemize", "enumerate", "description", "tightemize", "cvitems", "compactitem"}
TABLE_ENVS = {"tabular", "tabular*", "tabularx", "longtable", "tabulary", "supertabular"}
ENV_ARGS = {
    "tabular": "[{", "tabular*": "{[{", "tabularx": "{[{", "tabulary": "{{", "longtable": "[{",
    "minipage": "[[[{", "multicols": "{", "itemize": "[", "enumerate": "[", "description": "[",
    "tightemize": "[", "table": "[", "figure": "[", "center": "", "paracol": "{",
    "adjustwidth": "{{", "list": "{{",
}  # fmt: skip
HEADER_MACROS = {
    "name", "firstname", "familyname", "address", "mobile", "phone", "email", "homepage",
    "github", "linkedin", "gitlab", "twitter", "x", "orcid", "social", "stackoverflow",
    "googlescholar",
}  # fmt: skip
LINK_MACROS = {
    "github": ("github.com/{}", "https://github.com/{}"),
    "linkedin": ("linkedin.com/in/{}", "https://linkedin.com/in/{}"),
    "gitlab": ("gitlab.com/{}", "https://gitlab.com/{}"),
    "twitter": ("twitter.com/{}", "https://twitter.com/{}"),
    "x": ("x.com/{}", "https://x.com/{}"),
    "orcid": ("orcid.org/{}", "https://orcid.org/{}"),
    "stackoverflow": ("stackoverflow.com/users/{}", "https://stackoverflow.com/users/{}"),
    "googlescholar": ("Google Scholar", "https://scholar.google.com/citations?user={}"),
}


def strip_comments(text: str) -> str:
    """Gives the LaTeX without comments (unescaped % to the line end), lines kept in place."""
    text = COMMENT_ENV.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    lines = []
    for line in text.split("\n"):
        start = 0
        while (index := line.find("%", start)) >= 0:
            slashes = len(line[:index]) - len(line[:index].rstrip("\\"))
            if slashes % 2 == 0:
                line = line[:index]
                break
            start = index + 1
        lines.append(line)
    return "\n".join(lines)


def date_like(text: str) -> bool:
    """Tells whether a short field is a date or date range ('Aug 2018 -- May 2021')."""
    text = text.strip()
    if not text or is_location(text):
        return False
    if is_date_line(text):
        return True
    return parse_range(text)[0] is not None and len(text.split()) <= 6


def close_open_ranges(profile: Profile) -> Profile:
    """Gives the profile with open date ranges ('2022 -', '2025--') ending 'present'."""
    sections = []
    for section in profile.sections:
        entries = [
            entry.model_copy(update={"end": "present"})
            if entry.dates and entry.start and OPEN_RANGE.search(entry.dates)
            else entry
            for entry in section.entries
        ]
        sections.append(section.model_copy(update={"entries": entries}))
    return profile.model_copy(update={"sections": sections})


@dataclass
class Buffer:
    """Text being collected: lines, each with the source line of its first character."""

    lines: list[list[str]] = field(default_factory=lambda: [[]])
    numbers: list[int] = field(default_factory=lambda: [0])

    def add(self, text: str, line: int) -> None:
        """Adds text to the current line (a newline in it starts a new line)."""
        for index, part in enumerate(text.split("\n")):
            if index:
                self.newline()
            if part.strip() and not "".join(self.lines[-1]).strip():
                self.numbers[-1] = line
            self.lines[-1].append(part)

    def newline(self) -> None:
        """Starts a new line."""
        self.lines.append([])
        self.numbers.append(0)

    def take(self) -> list[tuple[str, int]]:
        """Gives the non-empty lines collected (spaces folded) and empties the buffer."""
        found = [
            (normalize_spaces("".join(parts)), number)
            for parts, number in zip(self.lines, self.numbers, strict=True)
            if "".join(parts).strip()
        ]
        self.lines, self.numbers = [[]], [0]
        return found

    def text(self) -> str:
        """Gives the collected text, lines joined with newlines."""
        return "\n".join(normalize_spaces("".join(parts)) for parts in self.lines).strip()


def wrap(mark: str, text: str) -> str:
    """Gives text wrapped in an inline mark, spaces kept outside: ' x ' -> ' **x** '."""
    inner = text.strip()
    if not inner:
        return text
    if mark == "**" and inner.startswith("**") and inner.endswith("**"):
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return f"{lead}{mark}{inner}{mark}{trail}"


class LatexReader:
    """Walks a LaTeX body, feeding lines and entries to the text reader."""

    def __init__(self, text: str, source: str | None) -> None:
        """Sets up an empty reader over the (comment-free) text."""
        self.text = text
        self.source = source
        self.newlines = [index for index, ch in enumerate(text) if ch == "\n"]
        self.reader = Reader("", source)
        self.buffers = [Buffer()]
        self.depth = 0
        self.item_open = False
        self.tables = 0
        self.started = False
        self.header_lines: list[tuple[str, int]] = []
        self.name: tuple[str, int] | None = None
        self.contacts: list[Contact] = []
        self.one_line_sections: set[int] = set()
        self.skill_label: str | None = None
        self.skill_prefix: str | None = None
        self.skill_items: list[tuple[str, int]] = []
        self.stopped = False

    # --- positions and arguments ---------------------------------------------------------------

    def line(self, pos: int) -> int:
        """Gives the 1-based line of a position in the text."""
        return bisect.bisect_left(self.newlines, pos) + 1

    def group_end(self, start: int) -> int:
        """Gives the position after the brace group opening at start (or the text end)."""
        depth, pos = 0, start
        while pos < len(self.text):
            ch = self.text[pos]
            if ch == "\\":
                pos += 2
                continue
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth == 0:
                    return pos + 1
            pos += 1
        return len(self.text)

    def skip_space(self, pos: int, end: int) -> int:
        """Gives the first position at or after pos that is not white space."""
        while pos < end and self.text[pos] in " \t\n\r":
            pos += 1
        return pos

    def arg(self, pos: int, end: int) -> tuple[int, int, int] | None:
        """Gives (start, stop, next) of the brace argument at pos, or None if there is none."""
        start = self.skip_space(pos, end)
        if start < end and self.text[start] == "{":
            after = min(self.group_end(start), end)
            return start + 1, max(start + 1, after - 1), after
        return None

    def optional(self, pos: int, end: int) -> tuple[int, int, int] | None:
        """Gives (start, stop, next) of the [optional] argument right at pos, or None."""
        start = pos
        while start < end and self.text[start] in " \t":
            start += 1
        if start >= end or self.text[start] != "[":
            return None
        depth, index = 0, start
        while index < end:
            ch = self.text[index]
            if ch == "\\":
                index += 2
                continue
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
            elif ch == "]" and depth <= 0:
                return start + 1, index, index + 1
            index += 1
        return None

    def args(self, pos: int, end: int, count: int) -> tuple[list[tuple[int, int]], int]:
        """Gives up to count brace arguments after pos (skipping [options]) and the next pos."""
        found: list[tuple[int, int]] = []
        while len(found) < count:
            if option := self.optional(pos, end):
                pos = option[2]
                continue
            got = self.arg(pos, end)
            if got is None:
                break
            found.append((got[0], got[1]))
            pos = got[2]
        return found, pos

    # --- text ----------------------------------------------------------------------------------

    @property
    def buffer(self) -> Buffer:
        """Gives the buffer text is being collected into."""
        return self.buffers[-1]

    def capture(self, start: int, stop: int) -> str:
        """Gives the text of a range (marks kept, line breaks as newlines), walked apart."""
        self.buffers.append(Buffer())
        try:
            self.walk(start, stop)
        finally:
            buffer = self.buffers.pop()
        return buffer.text()

    def capture_arg(self, span: tuple[int, int] | None) -> str:
        """Gives the text of an argument, folded to one line."""
        return normalize_spaces(self.capture(*span).replace("\n", " ")) if span else ""

    def walk(self, pos: int, end: int) -> None:
        """Walks the text from pos to end, collecting text and acting on commands."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise InputError(
                "the LaTeX is nested too deeply to read",
                path=self.source,
                line=self.line(pos),
                hint="check for unbalanced braces",
            )
        try:
            while pos < end and not self.stopped:
                ch = self.text[pos]
                if match := PLAIN.match(self.text, pos, end):
                    self.buffer.add(match.group(0), self.line(pos))
                    pos = match.end()
                elif ch == "\\":
                    pos = self.command(pos, end)
                elif ch == "{":
                    pos = self.group(pos, end)
                elif ch == "$":
                    pos = self.math(pos, end)
                elif ch == "&":
                    if self.tables and not self.started:
                        self.buffer.newline()
                    else:
                        self.buffer.add(" | " if self.tables else "&", self.line(pos))
                    pos += 1
                elif ch == "~":
                    self.buffer.add(" ", self.line(pos))
                    pos += 1
                elif ch == "\n":
                    after = pos + 1
                    while after < end and self.text[after] in " \t":
                        after += 1
                    if after < end and self.text[after] == "\n":
                        self.paragraph_break()
                        pos = after
                    else:
                        self.buffer.add(" ", self.line(pos))
                        pos += 1
                elif ch == "-":
                    dashes = DASHES.match(self.text, pos, end)
                    assert dashes is not None
                    self.buffer.add(["-", "–", "—"][len(dashes.group(0)) - 1], self.line(pos))
                    pos = dashes.end()
                elif ch in "`'":
                    quote = {"``": "“", "''": "”"}.get(self.text[pos : pos + 2])
                    self.buffer.add(quote or ("‘" if ch == "`" else "'"), self.line(pos))
                    pos += 2 if quote else 1
                else:  # a stray closing brace
                    pos += 1
        finally:
            self.depth -= 1

    def group(self, pos: int, end: int) -> int:
        """Gives the position after a {group}, its content walked as plain text."""
        after = min(self.group_end(pos), end)
        self.walk(pos + 1, max(pos + 1, after - 1))
        return after

    def math(self, pos: int, end: int) -> int:
        """Gives the position after inline math, added as plain text ($|$ -> |, $\\sim$ -> ~)."""
        fence = "$$" if self.text.startswith("$$", pos) else "$"
        close = self.text.find(fence, pos + len(fence), end)
        close = end if close < 0 else close
        inner = self.text[pos + len(fence) : close]
        inner = re.sub(r"\\([A-Za-z]+)", lambda m: SYMBOLS.get(m.group(1), ""), inner)
        inner = re.sub(r"[{}^_]", "", inner).replace("\\", "")
        self.buffer.add(inner, self.line(pos))
        return min(end, close + len(fence))

    def paragraph_break(self) -> None:
        """Ends the paragraph (and any open list item): collected lines go to the reader."""
        self.flush()
        self.reader.last_bullet = None

    # --- commands ------------------------------------------------------------------------------

    def command(self, pos: int, end: int) -> int:
        """Gives the position after the command at pos and its arguments, having acted on it."""
        match = COMMAND.match(self.text, pos, end)
        if match is None:  # a control symbol: \\, \&, accents
            return self.symbol(pos, end)
        name, after = match.group(1), match.end()
        line = self.line(pos)
        if name in ACCENTS and len(name) == 1:
            return self.accent(name, after, end)
        while after < end and self.text[after] in " \t":
            after += 1
        handler = getattr(self, f"do_{name}", None)
        if handler is not None:
            result: int = handler(after, end, line)
            return result
        if name in SECTION_COMMANDS:
            spans, after = self.args(after, end, 1)
            self.heading(self.capture_arg(spans[0] if spans else None), line)
            return after
        if name in SUBSECTION_COMMANDS:
            spans, after = self.args(after, end, 1)
            self.entry(EntryDraft(title=self.capture_arg(spans[0] if spans else None), line=line))
            return after
        if name in INCLUDE_COMMANDS:
            spans, after = self.args(after, end, 2 if name == "import" else 1)
            target = "".join(self.text[a:b] for a, b in spans)
            written = f"\\{name}{{{target}}}"
            self.reader.unplaced.append(
                Unplaced(line=line, text=written, reason=f"not followed: {written}")
            )
            return after
        if name in HEADER_MACROS:
            return self.header_macro(name, after, end, line)
        if name in SWITCH_BOLD | SWITCH_ITALIC and self.depth > 1:
            # An old-style switch ({\bf x}, \href{u}{\bf x}) marks the rest of its group.
            text = self.capture(after, end)
            self.buffer.add(wrap("**" if name in SWITCH_BOLD else "*", text), line)
            return end
        if name in BOLD | ITALIC | KEEP:
            spans, after = self.args(after, end, 1)
            if not spans:
                return after
            text = self.capture(*spans[0])
            if name in BOLD:
                text = wrap("**", text)
            elif name in ITALIC:
                text = wrap("*", text)
            self.buffer.add(text, line)
            return after
        if name in SYMBOLS:
            self.buffer.add(SYMBOLS[name], line)
            return after
        if name in LINE_BREAKS:
            self.line_break()
            return after
        if name in PARAGRAPH_BREAKS:
            self.paragraph_break()
            return after
        if name in DIMENSION_COMMANDS and not self.text.startswith("{", after):
            skip = DIMENSION.match(self.text, after, end)
            return skip.end() if skip else after
        if name in DROP_ARGS:
            return self.drop(name, after, end)
        if name in DROPPED_TEXT:
            if option := self.optional(after, end):
                return option[2]
            return after
        # Unknown: drop the command, skip [options] and assignments, keep {arguments} as text.
        if option := self.optional(after, end):
            return option[2]
        assignment = ASSIGNMENT.match(self.text, after, end)
        if assignment and assignment.group(0).strip():
            return assignment.end()
        if re.search(r"sec|head", name, re.IGNORECASE) and (got := self.arg(after, end)):
            text = normalize_spaces(self.capture(got[0], got[1]))
            if text and classify_heading(text) and len(text.split()) <= 5:
                self.heading(text, line)
                return got[2]
        return after

    def symbol(self, pos: int, end: int) -> int:
        """Gives the position after a control symbol (\\\\, \\&, \\%, \\,), having added it."""
        ch = self.text[pos + 1] if pos + 1 < end else ""
        after = pos + 2
        if ch == "\\":
            if after < end and self.text[after] == "*":
                after += 1
            if option := self.optional(after, end):
                after = option[2]
            self.line_break()
            return after
        if ch in ACCENTS:
            return self.accent(ch, after, end)
        if ch == "\n":
            self.buffer.add(" ", self.line(pos))
            return pos + 1
        self.buffer.add(ESCAPES.get(ch, ch), self.line(pos))
        return after

    def accent(self, name: str, pos: int, end: int) -> int:
        """Gives the position after an accent command, its accented letter added (\\'e -> é)."""
        if got := self.arg(pos, end):
            base, after = self.text[got[0] : got[1]].strip().lstrip("\\"), got[2]
        else:
            base, after = self.text[pos : pos + 1], pos + 1
        composed = unicodedata.normalize("NFC", base[:1] + ACCENTS[name]) + base[1:]
        self.buffer.add(composed, self.line(pos))
        return after

    def drop(self, name: str, pos: int, end: int) -> int:
        """Gives the position after a layout command's arguments, which are skipped."""
        count = DROP_ARGS[name]
        if count == "*":
            # Definitions: skip a command name, then every [option] and {group} that follows.
            got = re.compile(r"\s*\\[A-Za-z@]+").match(self.text, pos, end)
            pos = got.end() if got and not self.text.startswith("{", pos) else pos
            while True:
                if option := self.optional(pos, end):
                    pos = option[2]
                elif (param := re.compile(r"#\d").match(self.text, pos, end)) is not None:
                    pos = param.end()
                elif got_arg := self.arg(pos, end):
                    pos = got_arg[2]
                else:
                    return pos
        _, pos = self.args(pos, end, int(count))
        return pos

    def line_break(self) -> None:
        """Adds a forced line break (\\\\): a new line, indented when inside a list item."""
        self.buffer.newline()

    # --- structure -----------------------------------------------------------------------------

    def flush(self) -> None:
        """Sends the collected text to the reader: as a list item if one is open, else lines."""
        if len(self.buffers) > 1:
            return
        lines = self.buffer.take()
        if self.item_open:
            self.item_open = False
            if lines:
                self.item(lines)
            return
        for text, number in lines:
            self.free_line(text, number)

    def section_kind(self) -> str | None:
        """Gives the kind of the section being read, or None before the first heading."""
        return self.reader.sections[-1].kind if self.started and self.reader.sections else None

    def free_line(self, text: str, line: int) -> None:
        """Sends one line of free text to the reader (or to the header before any heading)."""
        if not self.started:
            self.header_lines.append((text, line))
            return
        if self.section_kind() == "skills" and (self.skill_label or self.skill_prefix):
            self.skill_items.append((text.replace(" • ", ", ").replace("•", ","), line))
            return
        self.reader.read_line(text, line)

    def item(self, lines: list[tuple[str, int]]) -> None:
        """Sends a list item to the reader: one bullet (skills: one line per line break)."""
        if not self.started:
            self.header_lines += lines
            return
        if self.section_kind() == "skills":
            for text, number in lines:
                self.reader.read_line(f"- {text}", number)
            return
        self.reader.read_line("- " + " ".join(text for text, _ in lines), lines[0][1])

    def flush_skills(self) -> None:
        """Sends a pending labelled skill group (Deedy's \\location{Label:} lines) to the reader."""
        label = self.skill_label or self.skill_prefix
        if self.skill_prefix and self.skill_label:
            label = f"{self.skill_prefix} ({self.skill_label})"
        if self.skill_items and label:
            items = ", ".join(text.strip(" ,") for text, _ in self.skill_items)
            self.reader.read_line(f"{label}: {items}", self.skill_items[0][1])
        self.skill_items = []
        self.skill_label = None

    def heading(self, text: str, line: int) -> None:
        """Starts a section."""
        self.flush()
        self.flush_skills()
        self.skill_prefix = None
        if not text:
            return
        if not self.started:
            self.finish_header()
        self.started = True
        self.reader.read_line(f"# {text}", line)
        self.reader.last_bullet = None

    def entry(self, draft: EntryDraft, *, one_line: bool = False) -> None:
        """Adds an entry whose fields are known to the section being read."""
        self.flush()
        self.flush_skills()
        if not draft.title and not draft.subtitle:
            return
        if not draft.title:
            draft.title, draft.subtitle = draft.subtitle or "", None
        if not self.started or not self.reader.sections:
            self.reader.unplaced.append(
                Unplaced(line=draft.line, text=draft.title, reason="before any section")
            )
            return
        section = self.reader.sections[-1]
        if section.kind == "skills" and not (draft.subtitle or draft.dates or draft.location):
            self.skill_prefix = draft.title
            return
        section.entries.append(draft)
        self.reader.last_bullet = None
        if one_line:
            self.one_line_sections.add(len(self.reader.sections) - 1)

    def field(self, kind: str, text: str, line: int) -> None:
        """Sets a field of the entry being read (Deedy's \\descript and \\location)."""
        self.flush()
        section = self.reader.sections[-1] if self.started and self.reader.sections else None
        if section is not None and section.kind == "skills" and text.rstrip().endswith(":"):
            self.flush_skills()
            self.skill_label = text.rstrip().rstrip(":").strip()
            return
        entry = section.entries[-1] if section is not None and section.entries else None
        if entry is None or entry.bullets:
            for part in text.split("\n"):
                self.free_line(part, line)
            return
        if kind == "subtitle":
            value = text.strip().lstrip("|").strip()
            if entry.subtitle is None:
                entry.subtitle = value
            else:
                entry.details.append(value)
            return
        for part in (p.strip() for p in re.split(r"\||\n", text)):
            if not part:
                continue
            if date_like(part) and entry.dates is None:
                entry.dates = part
            elif entry.location is None and not date_like(part) and len(part.split()) <= 6:
                entry.location = part
            else:
                entry.details.append(part)

    def header_macro(self, name: str, pos: int, end: int, line: int) -> int:
        """Gives the position after a personal macro (\\name, \\email ...), read into the header."""
        counts = {"name": 2, "address": 3, "social": 1, "stackoverflow": 2, "googlescholar": 2}
        kind = self.optional(pos, end)
        spans, after = self.args(pos, end, counts.get(name, 1))
        values = [self.capture_arg(span) for span in spans]
        values = [value for value in values if value]
        if not values:
            return after
        if name in ("name", "firstname", "familyname"):
            full = " ".join(values)
            if self.name and name == "familyname":
                full = f"{self.name[0]} {full}"
            self.name = (full, line)
        elif name == "address":
            self.contacts.append(Contact(kind="location", text=", ".join(values)))
        elif name in ("mobile", "phone"):
            self.contacts.append(Contact(kind="phone", text=values[0]))
        elif name == "email":
            self.contacts.append(Contact(kind="email", text=values[0]))
        elif name == "homepage":
            url = values[0] if "://" in values[0] else f"https://{values[0]}"
            self.contacts.append(Contact(kind="link", text=values[0], url=url))
        else:
            network = name
            if name == "social" and kind:
                network = self.text[kind[0] : kind[1]].strip().lower()
            text, url = LINK_MACROS.get(network, (f"{network}: {{}}", ""))
            self.contacts.append(
                Contact(
                    kind="link",
                    text=text.format(values[-1] if network == "googlescholar" else values[0]),
                    url=url.format(values[0]) or None,
                )
            )
        return after

    def finish_header(self) -> None:
        """Reads the name and contact lines above the first heading into the header."""
        self.flush()
        lines = [
            (CONTACT_LABEL.sub("", MAILTO.sub(r"\1", text)), number)
            for text, number in self.header_lines
        ]
        if self.name:
            lines.insert(0, self.name)
        elif not lines and not self.contacts:
            return
        header_reader = Reader("\n".join(text for text, _ in lines), self.source)
        index = header_reader.read_header()
        header = header_reader.header
        unplaced = [
            item.model_copy(update={"line": lines[item.line - 1][1]})
            for item in header_reader.unplaced
        ]
        unplaced += [
            Unplaced(line=number, text=text, reason="text above the first heading")
            for text, number in lines[index:]
        ]
        self.reader.header = Header(name=header.name, contacts=header.contacts + self.contacts)
        self.reader.unplaced = unplaced + self.reader.unplaced

    # --- named commands: do_<name>(pos after the name, end, line) -> next position -------------

    def do_item(self, pos: int, end: int, line: int) -> int:
        """Gives the position after \\item, a new list item opened ([label] kept as text)."""
        self.flush()
        self.item_open = True
        if option := self.optional(pos, end):
            label = self.capture(option[0], option[1])
            if label.strip():
                self.buffer.add(label.strip() + " ", line)
            return option[2]
        return pos

    def do_resumeItem(self, pos: int, end: int, line: int) -> int:  # noqa: N802
        """Gives the position after \\resumeItem{text} or sb2nov's {title}{text}: one bullet."""
        spans, after = self.args(pos, end, 1)
        if not spans:
            return after
        text = self.capture_arg(spans[0])
        if second := self.arg(after, end):
            detail = self.capture_arg((second[0], second[1]))
            text = f"{wrap('**', text)}: {detail}" if text else detail
            after = second[2]
        self.flush()
        if text:
            self.item([(text, line)])
        return after

    do_resumeSubItem = do_resumeItem  # noqa: N815
    do_cvlistitem = do_resumeItem

    def do_resumeSubheading(self, pos: int, end: int, line: int) -> int:  # noqa: N802
        """Gives the position after \\resumeSubheading{a}{b}{c}{d}: title a, subtitle c."""
        spans, after = self.args(pos, end, 4)
        a, b, c, d = ([self.capture_arg(span) for span in spans] + ["", "", "", ""])[:4]
        dates, place, extra = None, None, []
        if date_like(d) and not date_like(b):
            dates, place = d, b
        elif date_like(b):
            dates, place = b, d
        else:
            place = b or d
            extra = [d] if b and d else []
        self.entry(
            EntryDraft(
                title=a,
                line=line,
                subtitle=c or None,
                location=place or None,
                dates=dates or None,
                details=extra,
            )
        )
        return after

    do_resumeHeading = do_resumeSubheading  # noqa: N815

    def do_resumeSubSubheading(self, pos: int, end: int, line: int) -> int:  # noqa: N802
        """Gives the position after \\resumeSubSubheading{role}{dates}: a further role."""
        return self.do_resumeProjectHeading(pos, end, line)

    def do_resumeProjectHeading(self, pos: int, end: int, line: int) -> int:  # noqa: N802
        """Gives the position after \\resumeProjectHeading{title}{dates}: an entry."""
        spans, after = self.args(pos, end, 2)
        a, b = ([self.capture_arg(span) for span in spans] + ["", ""])[:2]
        dates = b if date_like(b) else None
        details = [b] if b and not dates else []
        self.entry(EntryDraft(title=a, line=line, dates=dates, details=details))
        return after

    def do_cventry(self, pos: int, end: int, line: int) -> int:
        """Gives the position after \\cventry (Awesome-CV's five arguments or moderncv's six)."""
        spans, after = self.args(pos, end, 5)
        sixth = self.arg(after, end)
        values = [self.capture_arg(span) for span in spans[:4]] + ["", "", "", ""]
        if sixth is not None or date_like(values[0]):  # moderncv: {years}{degree}{school}...
            grade = self.capture_arg(spans[4]) if len(spans) > 4 else ""
            self.entry(
                EntryDraft(
                    title=values[2] or values[1],
                    line=line,
                    subtitle=values[1] if values[2] else None,
                    location=values[3] or None,
                    dates=values[0] or None,
                    details=[grade] if grade else [],
                )
            )
            if sixth is not None:
                self.walk(sixth[0], sixth[1])
                self.flush()
                after = sixth[2]
            return after
        self.entry(
            EntryDraft(
                title=values[1] or values[0],
                line=line,
                subtitle=values[0] if values[1] else None,
                location=values[2] or None,
                dates=values[3] or None,
            )
        )
        if len(spans) > 4:
            self.walk(*spans[4])
            self.flush()
        return after

    def do_cvhonor(self, pos: int, end: int, line: int) -> int:
        """Gives the position after \\cvhonor{award}{event}{place}{date}: a list item."""
        spans, after = self.args(pos, end, 4)
        award, event, place, when = ([self.capture_arg(s) for s in spans] + ["", "", "", ""])[:4]
        title = ", ".join(part for part in (award, event) if part)
        self.entry(
            EntryDraft(title=title, line=line, location=place or None, dates=when or None),
            one_line=True,
        )
        return after

    def do_cvitem(self, pos: int, end: int, line: int) -> int:
        """Gives the position after moderncv's \\cvitem{label}{text}: a 'label: text' line."""
        spans, after = self.args(pos, end, 2)
        label, text = ([self.capture_arg(span) for span in spans] + ["", ""])[:2]
        self.flush()
        if text or label:
            self.free_line(f"{label}: {text}" if label and text else text or label, line)
        return after

    do_cvskill = do_cvitem

    def do_cvitemwithcomment(self, pos: int, end: int, line: int) -> int:
        """Gives the position after \\cvitemwithcomment{label}{text}{comment}: one line."""
        spans, after = self.args(pos, end, 3)
        label, text, comment = ([self.capture_arg(span) for span in spans] + ["", "", ""])[:3]
        self.flush()
        body = f"{text} ({comment})" if comment else text
        self.free_line(f"{label}: {body}" if label else body, line)
        return after

    def do_cvsubsection(self, pos: int, end: int, line: int) -> int:
        """Gives the position after \\cvsubsection{X}: a section (parent's name if vague)."""
        spans, after = self.args(pos, end, 1)
        text = self.capture_arg(spans[0] if spans else None)
        parent = self.reader.sections[-1].heading if self.reader.sections else ""
        if text and not classify_heading(text) and parent:
            text = f"{parent} – {text}"
        self.heading(text, line)
        return after

    def do_descript(self, pos: int, end: int, line: int) -> int:
        """Gives the position after Deedy's \\descript{| Role}: the entry's subtitle."""
        spans, after = self.args(pos, end, 1)
        self.field("subtitle", self.capture(*spans[0]) if spans else "", line)
        return after

    def do_location(self, pos: int, end: int, line: int) -> int:
        """Gives the position after Deedy's \\location{dates | place}: the entry's fields."""
        spans, after = self.args(pos, end, 1)
        self.field("location", self.capture(*spans[0]) if spans else "", line)
        return after

    def do_namesection(self, pos: int, end: int, line: int) -> int:
        """Gives the position after Deedy's \\namesection{first}{last}{contacts}: the header."""
        spans, after = self.args(pos, end, 3)
        names = [self.capture_arg(span) for span in spans[:2]]
        self.name = (" ".join(name for name in names if name), line)
        if len(spans) > 2:
            self.flush()
            self.walk(*spans[2])
            self.flush()
        return after

    def do_href(self, pos: int, end: int, line: int) -> int:
        """Gives the position after \\href{url}{text}, added as [text](url)."""
        spans, after = self.args(pos, end, 2)
        if not spans:
            return after
        url = self.text[spans[0][0] : spans[0][1]].strip().replace("\\", "")
        text = self.capture_arg(spans[1]) if len(spans) > 1 else ""
        self.buffer.add(f"[{text}]({url})" if text else url, line)
        return after

    def do_url(self, pos: int, end: int, line: int) -> int:
        """Gives the position after \\url{address}, added as the address."""
        spans, after = self.args(pos, end, 1)
        if spans:
            self.buffer.add(self.text[spans[0][0] : spans[0][1]].strip(), line)
        return after

    def do_textcolor(self, pos: int, end: int, line: int) -> int:
        """Gives the position after \\textcolor{colour}{text} (or a box), its text kept."""
        spans, after = self.args(pos, end, 2)
        if len(spans) > 1:
            self.walk(*spans[1])
        return after

    do_colorbox = do_textcolor
    do_raisebox = do_textcolor
    do_parbox = do_textcolor

    def do_begin(self, pos: int, end: int, line: int) -> int:
        """Gives the position after \\begin{env} and its [args]; lists end the paragraph."""
        got = self.arg(pos, end)
        if got is None:
            return pos
        env, after = self.text[got[0] : got[1]].strip(), got[2]
        if env == "document":
            return after
        if env in LIST_ENVS or env in TABLE_ENVS:
            self.flush()
        if env in TABLE_ENVS:
            self.tables += 1
        spec = ENV_ARGS.get(env)
        if spec is None:
            if option := self.optional(after, end):
                after = option[2]
            heading = self.arg(after, end)
            if heading is not None and self.text.startswith("{", self.skip_space(after, end)):
                text = normalize_spaces(self.capture(heading[0], heading[1]))
                if text and classify_heading(text) and len(text.split()) <= 5:
                    self.heading(text, line)
                    return heading[2]
            return after
        for kind in spec:
            got_arg = self.optional(after, end) if kind == "[" else self.arg(after, end)
            if got_arg is not None:
                after = got_arg[2]
        return after

    def do_end(self, pos: int, end: int, line: int) -> int:
        """Gives the position after \\end{env}; \\end{document} ends the reading."""
        got = self.arg(pos, end)
        if got is None:
            return pos
        env = self.text[got[0] : got[1]].strip()
        if env == "document":
            self.stopped = True
            return end
        if env in TABLE_ENVS:
            self.tables = max(0, self.tables - 1)
        self.paragraph_break()
        return got[2]

    # --- the whole document --------------------------------------------------------------------

    def read(self, start: int) -> Profile:
        """Gives the Profile of the body, walked from start."""
        self.walk(start, len(self.text))
        self.paragraph_break()
        self.flush_skills()
        if not self.started:
            self.finish_header()
        profile = self.reader.build()
        sections = [
            section.model_copy(update={"list_like": True})
            if index in self.one_line_sections and not any(e.bullets for e in section.entries)
            else section
            for index, section in enumerate(profile.sections)
        ]
        return close_open_ranges(profile.model_copy(update={"sections": sections}))


def parse_latex(text: str, source: str | None = None) -> Profile:
    """Gives the Profile of a LaTeX CV (Jake's, sb2nov, Awesome-CV, moderncv, Deedy ...)."""
    text = strip_comments(text.replace("\r\n", "\n"))
    begin = re.search(r"\\begin\s*\{document\}", text)
    reader = LatexReader(text, source)
    if begin is not None:
        preamble = LatexReader(text[: begin.start()], source)
        for match in re.finditer(r"\\([A-Za-z]+)", preamble.text):
            if match.group(1) in HEADER_MACROS:
                preamble.header_macro(
                    match.group(1), match.end(), len(preamble.text), preamble.line(match.start())
                )
        reader.name, reader.contacts = preamble.name, preamble.contacts
    return reader.read(begin.end() if begin else 0)


def latex_to_text(text: str) -> str:
    """Gives a LaTeX snippet as text with Markdown marks (for LaTeX inside YAML/JSON fields)."""
    reader = LatexReader(strip_comments(text), None)
    return reader.capture(0, len(reader.text))
