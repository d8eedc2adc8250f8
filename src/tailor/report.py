"""Keyword coverage: what the tailored résumé shows of the posting, what the CV has, what not."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from tailor.model import Keyword, KeywordCoverage, Posting, Profile, Score, ScoredItem
from tailor.text import strip_inline_marks

if TYPE_CHECKING:
    from tailor.rank import Evidence


def profile_lines(profile: Profile) -> Iterator[str]:
    """Gives every line of text a profile shows, marks removed, in order."""
    if profile.header.name:
        yield profile.header.name
    for section in profile.sections:
        yield section.heading
        yield from section.lines
        for group in section.skills:
            yield (
                ", ".join(group.items)
                if group.label is None
                else f"{group.label}: {', '.join(group.items)}"
            )
        for entry in section.entries:
            for value in (entry.title, entry.subtitle, entry.organization, *entry.details):
                if value:
                    yield strip_inline_marks(value)
            for bullet in entry.bullets:
                yield bullet.plain


def count_literal(term: str, text: str) -> int:
    """Gives how often the exact wording occurs, ignoring case, on word boundaries."""
    pattern = r"(?<![\w+#])" + re.escape(term.lower()) + r"(?![\w+#])"
    return len(re.findall(pattern, text.lower()))


def coverage(
    posting: Posting, master: Profile, resume: Profile, items: list[ScoredItem]
) -> tuple[Score, list[KeywordCoverage]]:
    """Gives the match scores and the status of every posting keyword."""
    from tailor.rank import gather_evidence, shows

    master_lines = list(profile_lines(master))
    resume_lines = list(profile_lines(resume))
    master_evidence = gather_evidence(master_lines)
    resume_evidence = gather_evidence(resume_lines)
    resume_text = "\n".join(resume_lines)
    item_by_text: dict[str, list[str]] = {}
    for item in items:
        item_by_text.setdefault(item.text, []).append(item.id)

    result: list[KeywordCoverage] = []
    total = sum(keyword.weight for keyword in posting.keywords) or 1.0
    master_score = tailored_score = 0.0
    for keyword in posting.keywords:
        in_resume = [e for e in resume_evidence if shows(e, keyword)]
        in_master_lines = [
            line for line, e in zip(master_lines, master_evidence, strict=True) if shows(e, keyword)
        ]
        status = "covered" if in_resume else "available" if in_master_lines else "missing"
        if in_master_lines:
            master_score += keyword.weight
        if in_resume:
            tailored_score += keyword.weight
        spelling = spelling_in(keyword, in_resume)
        literal = count_literal(keyword.term, resume_text) > 0
        result.append(
            KeywordCoverage(
                term=keyword.term,
                canonical=keyword.canonical,
                category=keyword.category,
                importance=keyword.importance,
                weight=keyword.weight,
                status=status,
                literal=literal,
                resume_spelling=spelling,
                posting_count=keyword.count,
                resume_count=len(in_resume),
                evidence=keyword.evidence,
                available_in=[
                    item_id
                    for line in in_master_lines
                    for item_id in item_by_text.get(line, [])
                    if not any(i.id == item_id and i.selected for i in items)
                ]
                if status == "available"
                else [],
            )
        )
    score = Score(
        master=round(100 * master_score / total, 1), tailored=round(100 * tailored_score / total, 1)
    )
    return score, result


def spelling_in(keyword: Keyword, evidence: Sequence[Evidence]) -> str | None:
    """Gives how the résumé spells a keyword, where it shows it."""
    for found in evidence:
        if keyword.canonical in found.skills:
            return found.skills[keyword.canonical]
    return keyword.term if evidence else None
