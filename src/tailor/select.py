"""Choosing what goes on the page: greedy, coverage-aware, under a line budget.

The marginal value of an item is its relevance plus the weight of the posting keywords it shows
that nothing chosen so far shows, so the page covers the posting instead of repeating one
strength. Entries keep their CV order; education, skills and the header are always kept.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from tailor.model import Entry, Posting, Profile, ScoredItem, Section, SectionKind, SkillGroup
from tailor.text import strip_inline_marks

LINES_PER_PAGE = 54
CHARS_PER_LINE = 105
HEADER_LINES = 2  # the name, in a large size, and the space under it
HEADING_LINES = 2
DATE_GAP = " " * 8  # the least room a right-aligned date or place keeps from its line's text
COVERAGE_WEIGHT = 0.5
MIN_SCORE = 0.2
REDUNDANT_OVERLAP = 0.6
SHORT_PAGE_LINES = 6  # free lines worth a note: room for two or three more bullets
ALWAYS_KEPT: set[SectionKind] = {"education", "skills", "interests", "summary"}
MAIN_ORDER: list[SectionKind] = [
    "experience",
    "research",
    "projects",
    "publications",
    "service",
    "other",
]
TAIL_ORDER: list[SectionKind] = ["skills", "education", "awards", "interests"]
RESEARCH_ROLE = re.compile(r"research|scientist|ph\.?d", re.IGNORECASE)
WORD = re.compile(r"[a-z0-9+#]+")


@dataclass(frozen=True)
class Selection:
    resume: Profile
    items: list[ScoredItem]
    lines_available: int
    lines_used: int
    note: str | None = None


def text_lines(text: str, indent: int = 0) -> int:
    """Gives the estimated number of printed lines a paragraph takes."""
    return max(1, math.ceil((len(text) + indent) / CHARS_PER_LINE))


def header_lines(profile: Profile) -> int:
    """Gives the lines of the header: the name, then the contact line (which may wrap)."""
    contacts = " | ".join(strip_inline_marks(contact.text) for contact in profile.header.contacts)
    return HEADER_LINES + text_lines(contacts)


def entry_lines(entry: Entry) -> int:
    """Gives the lines of an entry's heading: title and dates, subtitle and location, details.

    A long title wraps before its right-aligned dates, and detail lines print as paragraphs.
    """

    def plain(*parts: str | None) -> str:
        return DATE_GAP.join(strip_inline_marks(part) for part in parts if part)

    title = ", ".join(x for x in (entry.title, entry.organization) if x)
    lines = text_lines(plain(title, entry.dates))
    if entry.subtitle or entry.location:
        lines += text_lines(plain(entry.subtitle, entry.location))
    return lines + sum(text_lines(plain(detail)) for detail in entry.details)


def is_empty(section: Section) -> bool:
    """Tells whether a section holds nothing: a heading alone in the master CV."""
    return not (section.entries or section.skills or section.lines)


def fixed_lines(section: Section) -> int:
    """Gives the lines of a section that is always kept whole (none if it is empty)."""
    if is_empty(section):
        return 0
    lines = HEADING_LINES
    lines += sum(text_lines(group.text) for group in section.skills)
    lines += sum(text_lines(line) for line in section.lines)
    for entry in section.entries:
        lines += entry_lines(entry) + sum(text_lines(b.plain, 4) for b in entry.bullets)
    return lines


def words(text: str) -> set[str]:
    return set(WORD.findall(text.lower()))


def select_items(
    profile: Profile,
    posting: Posting,
    ranked: list[ScoredItem],
    *,
    pages: float = 1.0,
    max_bullets: int | None = None,
    min_score: float = MIN_SCORE,
    fill: bool = False,
) -> Selection:
    """Gives the tailored résumé and every item marked selected or dropped with its reason.

    Only items that show a posting keyword themselves (the keywords part of the score: the
    term or a kind of it) and score at least ``min_score`` compete for the page: a short page of
    relevant bullets beats a full page of filler. Credit through broader, related or partly
    shown terms ranks an item but does not earn it a place on its own. With ``fill``, the lines
    left are filled all the same: the best-scored remaining items, redundant ones excepted.
    """
    budget = int(pages * LINES_PER_PAGE)
    used = header_lines(profile) + sum(
        fixed_lines(section) for section in profile.sections if section.kind in ALWAYS_KEPT
    )
    where = locate(profile)
    keyword_weight = {keyword.term: keyword.weight for keyword in posting.keywords}
    chosen: list[ScoredItem] = []
    covered: set[str] = set()
    open_entries: set[str] = set()
    open_sections: set[str] = set()
    reasons: dict[str, str] = {}
    pending = [item for item in ranked if where[item.id][0].kind not in ALWAYS_KEPT]
    evidenced = [item for item in pending if item.parts.keywords and item.score >= min_score]
    for item in pending:
        if not item.matched:
            reasons[item.id] = "no evidence: shows none of the posting's keywords"
        elif not item.parts.keywords:
            reasons[item.id] = "weak evidence: shows no posting keyword itself, only related terms"
        elif item.score < min_score:
            # All four places where two would round up to the minimum ("0.20 is under 0.20").
            places = 2 if round(item.score, 2) < min_score else 4
            reasons[item.id] = (
                f"weak evidence: score {item.score:.{places}f} is under {min_score:.2f}"
            )

    def cost(item: ScoredItem) -> int:
        section, entry = where[item.id]
        lines = text_lines(item.text, 4)
        if section.list_like:
            lines = text_lines(" ".join([item.text, *entry.details]))
        elif entry.id not in open_entries:
            lines += entry_lines(entry)
        if section.id not in open_sections:
            lines += HEADING_LINES
        return lines

    def gain(item: ScoredItem) -> float:
        fresh = sum(keyword_weight.get(term, 0.0) for term in item.covers if term not in covered)
        return item.score + COVERAGE_WEIGHT * fresh

    def redundant_with(item: ScoredItem) -> ScoredItem | None:
        """Gives the chosen item that says mostly the same, if any."""
        said = words(item.text)
        return next((o for o in chosen if overlap(said, words(o.text)) > REDUNDANT_OVERLAP), None)

    def has_room(item: ScoredItem) -> bool:
        """Tells whether the budget (lines, and --max-bullets) takes one more item."""
        return (max_bullets is None or len(chosen) < max_bullets) and used + cost(item) <= budget

    def take(item: ScoredItem) -> None:
        nonlocal used
        used += cost(item)
        section, entry = where[item.id]
        open_sections.add(section.id)
        open_entries.add(entry.id)
        covered.update(item.covers)
        chosen.append(item)
        reasons.pop(item.id, None)

    candidates = list(evidenced)
    while candidates:
        if max_bullets is not None and len(chosen) >= max_bullets:
            for item in candidates:
                reasons[item.id] = f"over budget: --max-bullets {max_bullets} reached"
            break
        best = max(candidates, key=lambda item: (gain(item), -ranked.index(item)))
        candidates.remove(best)
        duplicate = redundant_with(best)
        if duplicate is not None:
            reasons[best.id] = f"redundant with {duplicate.id}: says mostly the same"
            continue
        if used + cost(best) > budget:
            reasons[best.id] = f"over budget: needs {cost(best)} more lines of {budget - used} left"
            continue
        take(best)
    evidenced_any = bool(chosen)
    # A job missing from the work history reads as a gap: each experience entry with nothing
    # chosen gets its best-scored bullet, even without evidence, while the budget has room
    # (entries with nothing relevant go only when space is short), the best-scored first.
    kept: dict[str, str] = {}
    for work in [item for item in pending if where[item.id][0].kind == "experience"]:
        if where[work.id][1].id not in open_entries and has_room(work):
            take(work)
            kept[work.id] = "for the work history"
    note = None
    if fill or not evidenced_any:
        # Asked for, or nothing shows a posting keyword: fill the page by score all the same.
        taken = {item.id for item in chosen}
        for item in pending:
            if item.id not in taken and redundant_with(item) is None and has_room(item):
                take(item)
                kept[item.id] = "to fill the page"
    else:
        # Items left out for their evidence alone, not for the budget or redundancy.
        held_back = [item for item in pending if "evidence:" in reasons.get(item.id, "")]
        if budget - used >= SHORT_PAGE_LINES and any(has_room(item) for item in held_back):
            note = (
                f"about {budget - used} lines left free, as {len(held_back)} other "
                f"{'item shows' if len(held_back) == 1 else 'items show'} too little of the "
                "posting; --fill fills them with the best of those"
            )

    selected = {item.id for item in chosen}
    for item in ranked:
        if where[item.id][0].kind in ALWAYS_KEPT:
            kept[item.id] = f"with {where[item.id][0].heading}"
    items = [
        item.model_copy(
            update={
                "selected": item.id in selected or item.id in kept,
                "reason": None
                if item.id in selected or item.id in kept
                else reasons.get(item.id, "over budget"),
                "kept": kept.get(item.id),
            }
        )
        for item in ranked
    ]
    resume = build_resume(profile, posting, items)
    return Selection(resume=resume, items=items, lines_available=budget, lines_used=used, note=note)


def overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def locate(profile: Profile) -> dict[str, tuple[Section, Entry]]:
    """Gives the section and entry of every item id."""
    found: dict[str, tuple[Section, Entry]] = {}
    for section in profile.sections:
        for entry in section.entries:
            found[entry.id] = (section, entry)
            for bullet in entry.bullets:
                found[bullet.id] = (section, entry)
    return found


def build_resume(profile: Profile, posting: Posting, items: list[ScoredItem]) -> Profile:
    """Gives the tailored profile: chosen items in CV order, sections ordered by relevance."""
    selected = {item.id for item in items if item.selected}
    relevance: dict[str, float] = {}
    for item in items:
        if item.selected:
            section_id = item.id.split(".", 1)[0]
            relevance[section_id] = relevance.get(section_id, 0.0) + item.score
    matched_terms = {term.lower() for item in items for term in item.matched}
    matched_terms |= {k.term.lower() for k in posting.keywords} | {
        k.canonical.lower() for k in posting.keywords
    }
    matched_terms |= {
        skill.lower()
        for skill in skills_shown(
            [s for section in profile.sections for g in section.skills for s in g.items], posting
        )
    }
    sections: list[Section] = []
    for section in profile.sections:
        if section.kind in ALWAYS_KEPT:
            if is_empty(section):
                continue  # an empty heading in the master CV is not worth a résumé line
            sections.append(
                section.model_copy(
                    update={"skills": [order_skills(g, matched_terms) for g in section.skills]}
                )
            )
            continue
        entries = []
        for entry in section.entries:
            if section.list_like and not entry.bullets:
                if entry.id in selected:
                    entries.append(entry)
                continue
            bullets = [bullet for bullet in entry.bullets if bullet.id in selected]
            if bullets:
                entries.append(entry.model_copy(update={"bullets": bullets}))
        if entries:
            sections.append(section.model_copy(update={"entries": entries}))

    lead: SectionKind = "research" if RESEARCH_ROLE.search(posting.title or "") else "experience"

    def position(section: Section) -> tuple[int, float, int]:
        if section.kind == "summary":
            return (0, 0.0, 0)
        if section.kind == lead:
            return (1, 0.0, 0)
        if section.kind in TAIL_ORDER:
            return (3, 0.0, TAIL_ORDER.index(section.kind))
        return (2, -relevance.get(section.id, 0.0), MAIN_ORDER.index(section.kind))

    sections.sort(key=position)
    return profile.model_copy(update={"sections": sections})


def skills_shown(skills: list[str], posting: Posting) -> list[str]:
    """Gives the skills (as the CV lists them) that show a posting keyword, by name or as a kind
    of it (YOLO for object detection), by the ranking's own rule."""
    from tailor.rank import credited_kind, gather_evidence, shows
    from tailor.skills import load_taxonomy

    if not skills or not posting.keywords:
        return []
    taxonomy = load_taxonomy()
    return [
        skill
        for skill, evidence in zip(skills, gather_evidence(skills, nested=True), strict=True)
        if any(
            shows(evidence, keyword) or credited_kind(evidence, keyword, taxonomy)
            for keyword in posting.keywords
        )
    ]


def order_skills(group: SkillGroup, matched: set[str]) -> SkillGroup:
    """Gives the skills group with the posting's skills first, each side in CV order."""
    first = [skill for skill in group.items if skill.lower() in matched]
    rest = [skill for skill in group.items if skill.lower() not in matched]
    return group.model_copy(update={"items": first + rest})
