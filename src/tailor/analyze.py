"""Posting analysis: the keywords a recruiter and an ATS look for, with importance and evidence."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from tailor.model import Category, Importance, Keyword, KnockOut, Posting, PostingSectionKind
from tailor.parse.posting import parse_posting

SECTION_WEIGHT: dict[PostingSectionKind, float] = {
    "title": 1.0,
    "requirements": 1.0,
    "responsibilities": 0.8,
    "preferred": 0.7,
    "other": 0.7,
}
# Company description, benefits, legal text and how to apply say nothing about the candidate.
BOILERPLATE: set[PostingSectionKind] = {"about", "benefits", "legal", "apply"}
IMPORTANCE_WEIGHT: dict[Importance, float] = {"required": 1.0, "preferred": 0.6}
PREFERRED_CUE = re.compile(
    r"nice[- ]to[- ]have|\ba plus\b|\bplus\b|\bbonus\b|\bpreferred\b|\bpreferably\b|desirable"
    r"|\bideally\b|advantage|good to have|not required|would be great|is welcome",
    re.IGNORECASE,
)
BULLET_MARK = re.compile(r"^\s*(?:[-*•–·▪]|\d{1,2}[.)])\s+")
TOOL_LIKE = re.compile(
    r"^(?:[A-Z][a-z]+[A-Z][A-Za-z]*\d*|[A-Z][A-Za-z]*\d+[A-Za-z\d]*|[A-Z]{2,5}s?)$"
)
NOT_TOOLS = {
    "US", "USA", "UK", "EU", "EEO", "HR", "PTO", "CEO", "CTO", "VP", "LLC", "INC", "OK", "IT",
    "TBD", "FAQ", "ETA", "II", "III", "IV", "NYC", "SF", "LA", "EST", "PST", "CET", "UTC",
    "USD", "EUR", "GBP", "ID", "WFH", "KPIs", "KPI", "OKRs", "YOE", "AND", "OR", "THE", "FOR",
    "WITH", "YOU", "OUR", "WE",
}  # fmt: skip
YEARS = re.compile(
    r"(?P<value>\d{1,2}\s*\+?(?:\s*(?:-|–|to)\s*\d{1,2})?\+?)\s*(?:or more\s*)?years?", re.I
)
DEGREE = re.compile(
    r"\b(?P<value>ph\.?\s?d\.?|doctorate|master'?s?|m\.?s\.?c?\b|bachelor'?s?|b\.?s\.?c?\b|b\.?a\.?\b"
    r"|m\.?eng|b\.?eng|degree)\b",
    re.IGNORECASE,
)
CONSTRAINTS: list[tuple[str, str]] = [
    ("visa", r"visa|sponsorship|authori[sz]ed to work|work authori[sz]ation|right to work"),
    ("clearance", r"security clearance|\bclearance\b|\bTS/SCI\b|polygraph"),
    ("onsite", r"\bon[- ]?site\b|in[- ]office|in the office|\bhybrid\b|relocat"),
    ("location", r"must (be|reside|live) (located |based )?in|based in|within commuting"),
]


@dataclass
class Tally:
    """What the posting says about one keyword, gathered sentence by sentence."""

    term: str
    canonical: str
    category: Category
    kind: str
    broader: list[str]
    spellings: Counter[str] = field(default_factory=Counter)
    count: int = 0
    required: bool = False
    section_weight: float = 0.0
    evidence: str = ""
    order: int = 0


def counted_units(posting: Posting) -> list[tuple[str, PostingSectionKind]]:
    """Gives the lines that count for keywords, each with its section kind."""
    units: list[tuple[str, PostingSectionKind]] = []
    if posting.title:
        units.append((posting.title, "title"))
    for section in posting.sections:
        if section.kind in BOILERPLATE:
            continue
        units.extend(
            (line.strip(), section.kind) for line in section.text.split("\n") if line.strip()
        )
    return units


def analyze_posting(text: str, *, source: str | None = None) -> Posting:
    """Gives the Posting of a posting's text with its keywords and knock-out facts."""
    from tailor.nlp import make_docs
    from tailor.skills import load_taxonomy, match_skills

    posting = parse_posting(text, source=source)
    units = counted_units(posting)
    taxonomy = load_taxonomy()
    tallies: dict[str, Tally] = {}
    company_words = set((posting.company or "").split())
    for order, (doc, (_, kind)) in enumerate(
        zip(make_docs(u for u, _ in units), units, strict=True)
    ):
        section_weight = SECTION_WEIGHT.get(kind, 0.5)
        covered: set[int] = set()
        for match in match_skills(doc):
            skill = match.skill
            covered.update(range(match.start, match.end))
            preferred = kind == "preferred" or bool(PREFERRED_CUE.search(match.sentence))
            tally = tallies.setdefault(
                skill.name,
                Tally(
                    term=match.text,
                    canonical=skill.name,
                    category=skill.category,  # type: ignore[arg-type]
                    kind=skill.kind,
                    broader=taxonomy.broader_chain(skill.name),
                    order=order,
                ),
            )
            record(tally, match.text, match.sentence, preferred=preferred, weight=section_weight)
        if kind == "title":
            continue
        for sentence in doc.sents:
            for token in sentence:
                if (
                    token.idx in covered
                    or not TOOL_LIKE.match(token.text)
                    or token.text in NOT_TOOLS
                    or token.text in company_words
                    or (token.text.isupper() and sentence.text.isupper())
                ):
                    continue
                key = token.norm_.lower()
                tally = tallies.setdefault(
                    f"phrase:{key}",
                    Tally(
                        term=token.norm_,
                        canonical=token.norm_,
                        category="phrase",
                        kind="hard",
                        broader=[],
                        order=order,
                    ),
                )
                preferred = kind == "preferred" or bool(PREFERRED_CUE.search(sentence.text))
                record(
                    tally,
                    token.norm_,
                    sentence.text.strip(),
                    preferred=preferred,
                    weight=section_weight * 0.6,
                )
    keywords = [to_keyword(tally) for tally in tallies.values()]
    top = max((keyword.weight for keyword in keywords), default=1.0) or 1.0
    keywords = [
        keyword.model_copy(update={"weight": round(keyword.weight / top, 4)})
        for keyword in keywords
    ]
    keywords.sort(key=lambda keyword: (-keyword.weight, tallies_order(tallies, keyword)))
    return posting.model_copy(update={"keywords": keywords, "knockouts": find_knockouts(units)})


def tallies_order(tallies: dict[str, Tally], keyword: Keyword) -> int:
    tally = tallies.get(keyword.canonical) or tallies.get(f"phrase:{keyword.canonical.lower()}")
    return tally.order if tally else 0


def record(tally: Tally, spelling: str, sentence: str, *, preferred: bool, weight: float) -> None:
    """Adds one mention to a tally: the required mention's sentence is the evidence."""
    tally.count += 1
    tally.spellings[spelling] += 1
    tally.section_weight = max(tally.section_weight, weight)
    if not preferred and not tally.required:
        tally.required = True
        tally.evidence = sentence
    elif not tally.evidence:
        tally.evidence = sentence


def to_keyword(tally: Tally) -> Keyword:
    """Gives the Keyword of a tally: the most used spelling, the weight before normalising."""
    best = max(tally.spellings.items(), key=lambda item: (item[1], len(item[0])))[0]
    importance: Importance = "required" if tally.required else "preferred"
    weight = (
        IMPORTANCE_WEIGHT[importance]
        * tally.section_weight
        * (1.0 + 0.35 * math.log(tally.count))
        * (0.5 if tally.kind == "soft" else 1.0)
    )
    return Keyword(
        term=best,
        canonical=tally.canonical,
        category=tally.category,
        kind="soft" if tally.kind == "soft" else "hard",
        importance=importance,
        weight=weight,
        count=tally.count,
        evidence=tally.evidence,
        broader=tally.broader,
    )


def find_knockouts(units: list[tuple[str, PostingSectionKind]]) -> list[KnockOut]:
    """Gives the knock-out facts the posting states: years, degree, visa, clearance, on-site."""
    found: list[KnockOut] = []
    seen: set[tuple[str, str | None]] = set()
    for line, kind in units:
        if kind == "title":
            continue
        candidates: list[tuple[str, str | None]] = []
        match = YEARS.search(line)
        if match and re.search(r"experience|industry|professional|working", line, re.I):
            candidates.append(("years", re.sub(r"\s+", "", match.group("value"))))
        if (match := DEGREE.search(line)) and re.search(
            r"degree|ph\.?d|master|bachelor|b\.?s|m\.?s", line, re.I
        ):
            candidates.append(("degree", match.group("value")))
        for constraint, pattern in CONSTRAINTS:
            if re.search(pattern, line, re.IGNORECASE):
                candidates.append((constraint, None))
        for constraint, value in candidates:
            if (constraint, value) in seen:
                continue
            seen.add((constraint, value))
            found.append(KnockOut(kind=constraint, text=line.strip(" *-•"), value=value))
    return found
