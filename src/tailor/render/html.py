"""The coverage report as one self-contained HTML page, through a jinja2 template.

The page shows the posting with each keyword marked by its state (covered in the posting's words,
covered in other words, in the master CV only, missing) beside the tailored résumé with the
posting's terms marked. It loads nothing: the CSS is inline, there is no script, and a Content
Security Policy forbids fetching anything. Every text from the inputs is escaped (autoescape).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from tailor.model import KeywordCoverage, Profile, ScoredItem, Tailored
from tailor.render.markdown import (
    REPORT_FILTERS,
    report_context,
    section_title,
)
from tailor.render.templates import render_template
from tailor.text import strip_inline_marks

BULLET_MARK = re.compile(r"^\s*(?:[-*•–·▪]|\d{1,2}[.)])\s+")
BOILERPLATE = {"about", "benefits", "legal", "apply"}


@dataclass(frozen=True)
class Piece:
    """A run of text, marked where it shows a posting keyword."""

    text: str
    state: str | None = None  # literal, alias, available, missing
    importance: str | None = None
    note: str | None = None


@dataclass
class Line:
    """One line of text of the page; its pieces are filled once all lines are matched."""

    text: str
    plain: bool = False  # shown without marks
    pieces: list[Piece] = field(default_factory=list)


@dataclass
class LinePool:
    """The lines of the page, gathered so the keyword matcher runs over them in one pass."""

    lines: list[Line] = field(default_factory=list)

    def add(self, text: str, *, plain: bool = False) -> Line:
        """Gives a new line of the page; a plain one is shown without marks."""
        line = Line(text, plain=plain)
        self.lines.append(line)
        return line


def posting_note(coverage: KeywordCoverage) -> str:
    """Gives the tooltip of a keyword in the posting: its state in words."""
    head = f"{coverage.term}: {coverage.importance}, {coverage.points} points. "
    if coverage.state == "literal":
        return head + f"On your résumé ({coverage.resume_count}x)."
    if coverage.state == "alias":
        return head + f"On your résumé only as “{coverage.resume_spelling}”."
    if coverage.state == "available":
        where = coverage.available_in[0] if coverage.available_in else "a line"
        return head + f"In your master CV ({where}), not on this page: +{coverage.points} points."
    return head + "Not in your master CV."


def mark_lines(pool: LinePool, tailored: Tailored, *, side: Literal["posting", "resume"]) -> None:
    """Fills each line's pieces: the posting side by keyword state, the résumé side by wording.

    Lines the pool holds as plain (the posting's boilerplate) keep one unmarked piece.
    """
    from tailor.report import find_mentions, without_overlaps

    keywords = tailored.posting.keywords
    coverage = {(k.term, k.canonical): k for k in tailored.result.keywords}
    marked = [line for line in pool.lines if not line.plain]
    mentions = find_mentions([line.text for line in marked], keywords)
    for line in pool.lines:
        if line.plain:
            line.pieces = [Piece(line.text)]
    for line, found in zip(marked, mentions, strict=True):
        pieces: list[Piece] = []
        position = 0
        for mention in without_overlaps(found):
            keyword = keywords[mention.keyword]
            covered = coverage.get((keyword.term, keyword.canonical))
            if covered is None:
                continue
            if mention.start > position:
                pieces.append(Piece(line.text[position : mention.start]))
            if side == "posting":
                state, note = covered.state, posting_note(covered)
            else:
                state = "literal" if mention.literal else "alias"
                note = (
                    f"The posting: {keyword.term} ({covered.importance}, {covered.points} points)"
                )
                if not mention.literal:
                    note += f"; it says “{keyword.term}”, this line “{mention.text}”"
            pieces.append(
                Piece(
                    line.text[mention.start : mention.end],
                    state=state,
                    importance=covered.importance,
                    note=note,
                )
            )
            position = mention.end
        if position < len(line.text):
            pieces.append(Piece(line.text[position:]))
        line.pieces = pieces


def posting_view(tailored: Tailored) -> dict[str, Any]:
    """Gives the posting as the page shows it: title lines, then sections of paragraphs and
    lists, each line ready to be marked."""
    posting = tailored.posting
    pool = LinePool()
    sections = []
    for section in posting.sections:
        blocks: list[dict[str, Any]] = []
        # The company's self-description, benefits and legal text count for no keyword.
        plain = section.kind in BOILERPLATE
        for raw in section.text.split("\n"):
            if not raw.strip():
                continue
            if BULLET_MARK.match(raw):
                line = pool.add(BULLET_MARK.sub("", raw).strip(), plain=plain)
                if blocks and blocks[-1]["kind"] == "ul":
                    blocks[-1]["lines"].append(line)
                else:
                    blocks.append({"kind": "ul", "lines": [line]})
            else:
                blocks.append({"kind": "p", "lines": [pool.add(raw.strip(), plain=plain)]})
        sections.append(
            {
                "heading": section.heading,
                "kind": section.kind,
                "counted": section.kind not in BOILERPLATE,
                "blocks": blocks,
            }
        )
    view = {
        "title": pool.add(posting.title) if posting.title else None,
        "company": posting.company,
        "location": posting.location,
        "sections": sections,
    }
    mark_lines(pool, tailored, side="posting")
    return view


def resume_view(
    resume: Profile, items: dict[str, ScoredItem], tailored: Tailored
) -> dict[str, Any]:
    """Gives the tailored résumé as the page shows it, each line ready to be marked."""
    pool = LinePool()
    sections = []
    for section in resume.sections:
        entries = []
        for entry in section.entries:
            bullets = []
            for bullet in entry.bullets:
                item = items.get(bullet.id)
                bullets.append({"id": bullet.id, "line": pool.add(bullet.plain), "item": item})
            entries.append(
                {
                    "id": entry.id,
                    "item": items.get(entry.id),
                    "title": pool.add(strip_inline_marks(entry.title)),
                    "organization": strip_inline_marks(entry.organization or "") or None,
                    "subtitle": pool.add(strip_inline_marks(entry.subtitle))
                    if entry.subtitle
                    else None,
                    "location": entry.location,
                    "dates": entry.dates,
                    "details": [pool.add(strip_inline_marks(d)) for d in entry.details],
                    "bullets": bullets,
                }
            )
        sections.append(
            {
                "title": section_title(section.heading),
                "kind": section.kind,
                "lines": [pool.add(strip_inline_marks(text)) for text in section.lines],
                "skills": [
                    {
                        "label": group.label,
                        "line": pool.add(", ".join(strip_inline_marks(s) for s in group.items)),
                    }
                    for group in section.skills
                ],
                "entries": entries,
                "list_like": section.list_like,
            }
        )
    view = {
        "name": resume.header.name,
        "contacts": [contact.text for contact in resume.header.contacts],
        "sections": sections,
    }
    mark_lines(pool, tailored, side="resume")
    return view


def render_report_html(tailored: Tailored, *, template: Path | None = None) -> str:
    """Gives the coverage report as one self-contained HTML page."""
    context = report_context(tailored)
    context["posting_view"] = posting_view(tailored)
    context["resume_view"] = resume_view(tailored.resume, context["items"], tailored)
    context["states"] = [
        ("literal", "covered", "on your résumé in the posting's words"),
        ("alias", "other wording", "on your résumé, in other words"),
        ("available", "in the master CV", "in your master CV, not on this page"),
        ("missing", "missing", "not in your master CV"),
    ]
    return render_template("report.html.j2", context, template=template, filters=REPORT_FILTERS)
