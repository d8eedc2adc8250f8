"""Scoring every master CV item against a posting, with the terms that earned each score.

score = 0.30 TF-IDF + 0.35 keywords + 0.10 related + 0.15 context + 0.10 priors, each part in
[0, 1]. TF-IDF is cosine similarity of lemma 1-2 grams plus taxonomy concepts; keywords,
related and context saturate as 1 - exp(-sum of the posting weights they show).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from tailor.model import Item, Keyword, Posting, Profile, ScoredItem, ScoreParts

WEIGHTS = {"tfidf": 0.30, "keywords": 0.35, "related": 0.10, "context": 0.15, "priors": 0.10}
RELATED_BROADER = 0.5  # the item shows a narrower term (YOLO for object detection)
RELATED_NARROWER = 0.3  # the item shows a broader term (deep learning framework for PyTorch)
RELATED_SIBLING = 0.2  # both sit under the same nearest broader term
OWNERSHIP = re.compile(
    r"^(designed|developed|led|built|created|proposed|implemented|architected|launched|owned"
    r"|independently|authored|invented|established|drove|delivered|optimi[sz]ed|improved"
    r"|managed|founded|engineered|trained|deployed|enhanced|reduced|increased)\b",
    re.IGNORECASE,
)
PARTICIPATION = re.compile(
    r"^(participated|assisted|helped|contributed|supported|involved|partly|attended|joined)\b",
    re.IGNORECASE,
)
MEASURABLE = re.compile(
    r"\d+(\.\d+)?\s*(%|x\b|fps|ms\b|k\b|m\b|hours?|days?)|\d+\s*(to|->|→)\s*\d+|\btop \d+", re.I
)


@dataclass(frozen=True)
class Evidence:
    """What one text shows: taxonomy skills with their spellings, and content lemmas."""

    skills: dict[str, str]
    lemmas: list[str]
    lemma_text: str


def gather_evidence(texts: Iterable[str]) -> list[Evidence]:
    """Gives the evidence of each text, in order."""
    from tailor.nlp import content_lemmas, make_docs
    from tailor.skills import match_skills

    evidence = []
    for doc in make_docs(texts):
        skills: dict[str, str] = {}
        for match in match_skills(doc):
            skills.setdefault(match.skill.name, match.text)
        evidence.append(
            Evidence(
                skills=skills,
                lemmas=content_lemmas(doc),
                lemma_text=" "
                + " ".join(t.lemma_ for t in doc if any(ch.isalnum() for ch in t.text))
                + " ",
            )
        )
    return evidence


def features(evidence: Evidence) -> list[str]:
    """Gives the TF-IDF features of a text: lemma unigrams, bigrams and taxonomy concepts."""
    lemmas = evidence.lemmas
    bigrams = [f"{a} {b}" for a, b in itertools.pairwise(lemmas)]
    return [*lemmas, *bigrams, *(f"skill:{name}" for name in evidence.skills)]


def shows(evidence: Evidence, keyword: Keyword) -> bool:
    """Tells whether a text shows a posting keyword (taxonomy concept, or the phrase itself)."""
    if keyword.category == "phrase":
        return f" {keyword.canonical} " in evidence.lemma_text
    return keyword.canonical in evidence.skills


def saturate(total: float) -> float:
    return 1.0 - math.exp(-total)


def related_credit(
    evidence: Evidence, keyword: Keyword, broader_of: dict[str, list[str]]
) -> tuple[float, str | None]:
    """Gives (credit, the item's term) for a keyword the item shows only through the taxonomy."""
    if keyword.category == "phrase":
        return 0.0, None
    best: tuple[float, str | None] = (0.0, None)
    for name, spelling in evidence.skills.items():
        chain = broader_of.get(name, [])
        if keyword.canonical in chain:
            credit = RELATED_BROADER
        elif name in keyword.broader:
            credit = RELATED_NARROWER
        elif chain and keyword.broader and chain[0] == keyword.broader[0]:
            credit = RELATED_SIBLING
        else:
            continue
        if credit > best[0]:
            best = (credit, spelling)
    return best


def recency(section_dates: dict[str, str | None], item: Item, newest: str | None) -> float:
    """Gives 1 for items of the newest entries, falling to 0 over six years."""
    end = section_dates.get(item.id.rsplit(".", 1)[0] if item.kind == "bullet" else item.id)
    if end is None or newest is None:
        return 0.5
    if end == "present":
        return 1.0
    years = max(0.0, year_of(newest) - year_of(end))
    return max(0.0, 1.0 - years / 6.0)


def year_of(value: str) -> float:
    if value == "present":
        return 9999.0
    year, _, month = value.partition("-")
    return int(year) + (int(month) - 1) / 12 if month else float(year)


def priors(item: Item, recency_value: float) -> float:
    """Gives the recruiter's priors: measurable results, ownership, recency; in [0, 1]."""
    value = 0.35 * bool(MEASURABLE.search(item.text))
    if OWNERSHIP.search(item.text):
        value += 0.35
    elif not PARTICIPATION.search(item.text):
        value += 0.15
    return value + 0.3 * recency_value


def rank_items(profile: Profile, posting: Posting) -> list[ScoredItem]:
    """Gives every rankable item of the profile scored against the posting, best first."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import linear_kernel

    from tailor.analyze import counted_units
    from tailor.skills import load_taxonomy

    items = list(profile.items())
    if not items:
        return []
    units = [text for text, _ in counted_units(posting)]
    evidence = gather_evidence([item.text for item in items])
    contexts = gather_evidence([f"{item.context} {item.section}" for item in items])
    posting_evidence = gather_evidence(units)

    vectorizer = TfidfVectorizer(analyzer=lambda features_: features_, sublinear_tf=True)
    documents = [features(e) for e in evidence] + [features(e) for e in posting_evidence]
    matrix = vectorizer.fit_transform(documents) if any(documents) else None
    similarities = [0.0] * len(items)
    if matrix is not None:
        posting_vector = vectorizer.transform([[f for e in posting_evidence for f in features(e)]])
        similarities = [float(x) for x in linear_kernel(matrix[: len(items)], posting_vector)[:, 0]]
    top_similarity = max(similarities) or 1.0

    taxonomy = load_taxonomy()
    broader_of = taxonomy.chains
    end_dates = {entry.id: entry.end for section in profile.sections for entry in section.entries}
    known_ends = [end for end in end_dates.values() if end]
    newest = max(known_ends, key=year_of) if known_ends else None

    scored = []
    for index, item in enumerate(items):
        direct, related, context = 0.0, 0.0, 0.0
        matched: list[str] = []
        for keyword in posting.keywords:
            if shows(evidence[index], keyword):
                direct += keyword.weight
                matched.append(keyword.term)
                continue
            credit, via = related_credit(evidence[index], keyword, broader_of)
            if credit:
                related += credit * keyword.weight
                matched.append(f"{keyword.term} (via {via})")
            if shows(contexts[index], keyword):
                context += keyword.weight
        parts = ScoreParts(
            tfidf=round(similarities[index] / top_similarity, 4),
            keywords=round(saturate(direct), 4),
            related=round(saturate(related), 4),
            context=round(saturate(context), 4),
            priors=round(priors(item, recency(end_dates, item, newest)), 4),
        )
        score = sum(WEIGHTS[name] * getattr(parts, name) for name in WEIGHTS)
        scored.append(
            ScoredItem(
                id=item.id,
                kind=item.kind,
                section=item.section,
                entry=item.entry,
                text=item.text,
                score=round(score, 4),
                parts=parts,
                matched=matched,
                selected=False,
            )
        )
    # Ties keep the master CV's order (a stable sort on the score alone).
    return sorted(scored, key=lambda scored_item: -scored_item.score)
