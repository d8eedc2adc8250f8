"""Scoring every master CV item against a posting, with the terms that earned each score.

score = 0.30 TF-IDF + 0.30 keywords + 0.15 related + 0.05 topic + 0.15 context + 0.05 priors,
each part in [0, 1]. TF-IDF is cosine similarity of lemma 1-2 grams plus taxonomy concepts;
keywords, related and context saturate as 1 - exp(-sum of the posting weights they show). An
item shows a keyword when it names it or a kind of it one step down the taxonomy (YOLO shows
object detection; not for the umbrella fields AI and software engineering), and the posting's
main field through a kind two steps down, at less weight (YOLO for computer vision); terms
further away earn related credit.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from tailor.model import Item, Keyword, Posting, Profile, ScoredItem, ScoreParts
from tailor.skills import Taxonomy

WEIGHTS = {
    "tfidf": 0.30,
    "keywords": 0.30,
    "related": 0.15,
    "topic": 0.05,
    "context": 0.15,
    "priors": 0.05,
}
RELATED_BROADER = 0.6  # the item shows a narrower term (YOLO for object detection)
RELATED_NARROWER = 0.35  # the item shows a broader term (deep learning framework for PyTorch)
RELATED_LINK = 0.4  # the taxonomy links the two terms as related
RELATED_SIBLING = 0.25  # both sit under the same specific parent
DECAY = 0.6  # credit kept per step up the taxonomy
MAX_STEPS = 3
SUBSTITUTES = {"tool", "language"}
PARTIAL = 0.5  # a keyword whose distinctive words the item shows, not the whole term
# The posting's leading keywords, its main field (weights are relative to the top one).
LEAD_WEIGHT = 0.9
LEAD_KIND = 0.3  # share of a leading keyword's weight for a kind of it two steps down
GENERIC_WORDS = {
    "system", "systems", "model", "models", "method", "data", "solution", "development",
    "design", "skill", "experience", "work", "process", "tool", "technique", "application",
    "engineering", "base", "use", "new", "large", "high", "good", "strong", "team", "learning",
    "computing", "machine", "engineer", "science", "scientist", "analysis", "management",
    "processing", "network", "developer", "research", "algorithm", "technology", "software",
    # Degree words of a check or a skill, no subject: "enhanced CRB", "advanced Excel".
    "enhance", "advance", "basic", "current", "valid",
}  # fmt: skip
GENERIC_AREAS = {"general", "business", "education"}
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
# Senior, lead and principal roles are hired to lead: evidence of leading people counts more.
SENIOR_TITLE = re.compile(
    r"\b(senior|sr\.?|staff|principal|lead|head|manager|director|chief|vp)\b", re.IGNORECASE
)
LEADING = re.compile(
    r"^(led|lead|leading|managed|supervised|mentored|coached|directed|headed)\b"
    r"|\bteam of \d+|\b(led|managed|mentored|supervised) (a |the )?(team|group|engineers)",
    re.IGNORECASE,
)
SENIOR_LEADERSHIP = 0.5
MEASURABLE = re.compile(
    r"\d+(\.\d+)?\s*(%|x\b|fps|ms\b|k\b|m\b|hours?|days?)|\d+\s*(to|->|→)\s*\d+|\btop \d+", re.I
)


@dataclass(frozen=True)
class Evidence:
    """What one text shows: taxonomy skills with their spellings, and content lemmas."""

    skills: dict[str, str]
    lemmas: list[str]
    lemma_text: str


def gather_evidence(texts: Iterable[str], *, nested: bool = False) -> list[Evidence]:
    """Gives the evidence of each text, in order (``nested``: see skills.match_skills)."""
    from tailor.analyze import heads_a_skill, names_others, team_lists
    from tailor.nlp import content_lemmas, make_docs
    from tailor.skills import match_skills

    evidence = []
    for doc in make_docs(texts):
        skills: dict[str, str] = {}
        ends: set[int] = set()
        teams = team_lists(doc)
        for match in match_skills(doc, nested=nested):
            ends.add(match.end)
            # "Developed NLP algorithms" shows NLP, not the posting's "algorithms" (as read
            # in postings): the head noun claims nothing of its own. Nor do the people one
            # works with: "Worked with product managers and designers".
            if not heads_a_skill(match, ends) and not names_others(doc, match, teams):
                skills.setdefault(match.skill.name, match.text)
        evidence.append(
            Evidence(
                skills=skills,
                lemmas=content_lemmas(doc),
                lemma_text=" "
                + " ".join(t.norm_ for t in doc if any(ch.isalnum() for ch in t.text))
                + " ",
            )
        )
    return evidence


def features(evidence: Evidence) -> list[str]:
    """Gives the TF-IDF features of a text: lemma unigrams, bigrams and taxonomy concepts."""
    lemmas = evidence.lemmas
    bigrams = [f"{a} {b}" for a, b in itertools.pairwise(lemmas)]
    return [*lemmas, *bigrams, *(f"skill:{name}" for name in evidence.skills)]


def partial_share(evidence: Evidence, keyword: Keyword) -> float:
    """Gives the share of a keyword's distinctive words the text shows, for lenient credit
    where the whole term is absent (recommendation systems -> 'recommendation')."""
    words = [w for w in keyword_lemmas(keyword) if w not in GENERIC_WORDS and len(w) > 2]
    if not words:
        return 0.0
    present = sum(f" {word} " in evidence.lemma_text for word in words)
    return present / max(len(words), 2)


def keyword_lemmas(keyword: Keyword) -> list[str]:
    """Gives the lemmas of a keyword's words as the posting spells it."""
    from tailor.nlp import lemmatize

    return [lemmatize(word) for word in re.findall(r"[a-z0-9+#]+", keyword.term.lower())]


def shows(evidence: Evidence, keyword: Keyword) -> bool:
    """Tells whether a text shows a posting keyword (taxonomy concept, or the phrase itself)."""
    if keyword.category == "phrase":
        return f" {keyword.canonical} " in evidence.lemma_text
    return keyword.canonical in evidence.skills


def kind_shown(
    evidence: Evidence, keyword: Keyword, taxonomy: Taxonomy, *, steps: int = 1
) -> str | None:
    """Gives the item's spelling of a kind of the keyword, one step down the taxonomy (YOLO for
    object detection; ``steps`` down, for lead_kind): such an item shows the keyword itself.
    None if it shows none."""
    if keyword.category == "phrase":
        return None
    for name, spelling in evidence.skills.items():
        if taxonomy.ancestors.get(name, {}).get(keyword.canonical) == steps:
            return spelling
    return None


def credited_kind(
    evidence: Evidence, keyword: Keyword, taxonomy: Taxonomy, *, steps: int = 1
) -> str | None:
    """Gives the kind of the keyword the text names that counts as the keyword itself (see
    kind_shown): for ranking and selection, never a kind of an umbrella field (AI, software
    engineering), which a posting names as its field; a kind of one earns related credit only."""
    skill = taxonomy.by_name.get(keyword.canonical)
    if skill is not None and skill.umbrella:
        return None
    return kind_shown(evidence, keyword, taxonomy, steps=steps)


def lead_kind(evidence: Evidence, keyword: Keyword, taxonomy: Taxonomy) -> str | None:
    """Gives the item's spelling of a kind of a leading keyword two steps down the taxonomy
    (YOLO, an object detection method, for a computer vision posting), if any: such an item
    shows the posting's main field, with less weight than the field or a direct kind of it."""
    if keyword.weight < LEAD_WEIGHT:
        return None
    return credited_kind(evidence, keyword, taxonomy, steps=2)


def saturate(total: float) -> float:
    return 1.0 - math.exp(-total)


def related_credit(
    evidence: Evidence, keyword: Keyword, taxonomy: Taxonomy
) -> tuple[float, str | None]:
    """Gives (credit, the item's term) for a keyword the item shows only through the taxonomy.

    Narrower terms earn most (YOLO for object detection), decaying with each step up; a broader
    term earns less (deep learning framework for PyTorch); so do related terms and siblings
    under a specific parent. Top-level concepts earn nothing from siblings.
    """
    if keyword.category == "phrase" or keyword.canonical not in taxonomy.by_name:
        return 0.0, None
    target = keyword.canonical
    target_up = taxonomy.ancestors.get(target, {})
    best: tuple[float, str | None] = (0.0, None)
    for name, spelling in evidence.skills.items():
        up = taxonomy.ancestors.get(name, {})
        credit = 0.0
        if target in up and up[target] <= MAX_STEPS:
            credit = RELATED_BROADER * DECAY ** (up[target] - 1)
        elif name in target_up and target_up[name] <= 2:
            credit = RELATED_NARROWER * DECAY ** (target_up[name] - 1)
        elif name in taxonomy.related.get(target, ()):
            credit = RELATED_LINK
        elif any(
            parent in taxonomy.related.get(target, ()) for parent, d in up.items() if d == 1
        ) or any(
            parent in taxonomy.related.get(name, ()) for parent, d in target_up.items() if d == 1
        ):
            # Related links reach one step down, on either side: multimodal emotion recognition
            # is a kind of emotion recognition, which is related to sentiment analysis; model
            # porting is related to embedded systems, of which embedded hardware is a kind.
            credit = RELATED_LINK * DECAY
        else:
            # Tools and languages under one parent stand in for each other (TensorFlow for
            # PyTorch); methods and concepts under one parent do not.
            parents = {p for p, d in up.items() if d == 1}
            shared = parents & {p for p, d in target_up.items() if d == 1}
            kinds = {taxonomy.by_name[name].category, taxonomy.by_name[target].category}
            if shared and kinds <= SUBSTITUTES:
                credit = RELATED_SIBLING
        if credit > best[0]:
            best = (credit, spelling)
    return best


def area_profile(
    skills: Iterable[str], taxonomy: Taxonomy, weights: dict[str, float]
) -> dict[str, float]:
    """Gives the weight of each technical area (computer vision, MLOps ...) among skills."""
    profile: dict[str, float] = {}
    for name in skills:
        skill = taxonomy.by_name.get(name)
        if skill is None or skill.kind == "soft" or skill.area in GENERIC_AREAS:
            continue
        profile[skill.area] = profile.get(skill.area, 0.0) + weights.get(name, 1.0)
    return profile


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    dot = sum(value * b.get(key, 0.0) for key, value in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


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


def priors(item: Item, recency_value: float, *, senior: bool = False) -> float:
    """Gives the recruiter's priors: measurable results, ownership, recency, and for a senior
    role evidence of leading people; in [0, 1]."""
    value = 0.35 * bool(MEASURABLE.search(item.text))
    if OWNERSHIP.search(item.text):
        value += 0.35
    elif not PARTICIPATION.search(item.text):
        value += 0.15
    value += 0.3 * recency_value
    if senior and LEADING.search(item.text):
        value += SENIOR_LEADERSHIP
    return min(1.0, value)


@cache
def background() -> tuple[int, dict[str, int]]:
    """Gives (documents, document frequency of each feature) of the shipped job-ad background."""
    text = resources.files("tailor").joinpath("data/idf.json").read_text(encoding="utf-8")
    table = json.loads(text)
    return int(table["documents"]), {str(k): int(v) for k, v in table["df"].items()}


def tfidf_similarities(items: list[list[str]], posting: list[list[str]]) -> list[float]:
    """Gives the cosine similarity of each item to the whole posting.

    Vectors are sublinear TF-IDF (scikit-learn). IDF counts the posting's lines and the items
    as documents on top of a background of job ads, so words every posting uses ("experience",
    "team") weigh little while a rare tool name weighs much, however short the CV.
    """
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    documents = items + posting
    if not any(documents):
        return [0.0] * len(items)
    vectorizer = TfidfVectorizer(analyzer=lambda features_: features_, sublinear_tf=True)
    matrix = vectorizer.fit_transform(documents)
    total, frequency = background()
    local = (matrix > 0).sum(axis=0).A1
    vocabulary = vectorizer.get_feature_names_out()
    vectorizer.idf_ = np.array(
        [
            math.log((1 + total + len(documents)) / (1 + frequency.get(term, 0) + local[i])) + 1
            for i, term in enumerate(vocabulary)
        ]
    )
    vectors = vectorizer.transform(items)
    posting_vector = vectorizer.transform([[f for line in posting for f in line]])
    # Rows are L2-normalised, so the dot product is the cosine (sklearn's linear_kernel, without
    # importing sklearn.metrics: 10 ms of a cold start).
    return [float(x) for x in (vectors @ posting_vector.T).toarray()[:, 0]]


def entry_relevance(
    drafts: list[tuple[Item, ScoreParts, list[str], list[str]]],
) -> dict[str, float]:
    """Gives each entry's mean content relevance (TF-IDF, keywords, related), best entry = 1."""
    totals: dict[str, list[float]] = {}
    for item, parts, *_ in drafts:
        if item.kind != "bullet":
            continue
        content = (parts.tfidf + parts.keywords + parts.related) / 3
        totals.setdefault(item.id.rsplit(".", 1)[0], []).append(content)
    means = {entry: sum(values) / len(values) for entry, values in totals.items()}
    top = max(means.values(), default=0.0) or 1.0
    return {entry: value / top for entry, value in means.items()}


def rank_items(profile: Profile, posting: Posting) -> list[ScoredItem]:
    """Gives every rankable item of the profile scored against the posting, best first."""
    from tailor.analyze import counted_units
    from tailor.skills import load_taxonomy

    items = list(profile.items())
    if not items:
        return []
    units = [text for text, _ in counted_units(posting)]
    evidence = gather_evidence([item.text for item in items])
    contexts = gather_evidence([f"{item.context} {item.section}" for item in items])
    posting_evidence = gather_evidence(units)

    similarities = tfidf_similarities(
        [features(e) for e in evidence], [features(e) for e in posting_evidence]
    )
    top_similarity = max(similarities) or 1.0

    taxonomy = load_taxonomy()
    senior = bool(SENIOR_TITLE.search(posting.title or ""))
    keyword_weight = {k.canonical: k.weight for k in posting.keywords if k.category != "phrase"}
    posting_areas = area_profile(keyword_weight, taxonomy, keyword_weight)
    end_dates = {entry.id: entry.end for section in profile.sections for entry in section.entries}
    known_ends = [end for end in end_dates.values() if end]
    newest = max(known_ends, key=year_of) if known_ends else None

    drafts: list[tuple[Item, ScoreParts, list[str], list[str]]] = []
    for index, item in enumerate(items):
        direct, related, context = 0.0, 0.0, 0.0
        matched: list[str] = []
        covered: list[str] = []
        for keyword in posting.keywords:
            if shows(evidence[index], keyword):
                direct += keyword.weight
                matched.append(keyword.term)
                covered.append(keyword.term)
                continue
            if kind := credited_kind(evidence[index], keyword, taxonomy):
                # A kind of the keyword shows the keyword itself: YOLO is object detection.
                direct += keyword.weight
                matched.append(f"{keyword.term} (via {kind})")
                covered.append(keyword.term)
                continue
            if kind := lead_kind(evidence[index], keyword, taxonomy):
                # Shows the posting's main field, not the keyword's words: no coverage.
                direct += LEAD_KIND * keyword.weight
                matched.append(f"{keyword.term} (via {kind})")
                continue
            credit, via = related_credit(evidence[index], keyword, taxonomy)
            share = partial_share(evidence[index], keyword)
            if credit and credit >= PARTIAL * share:
                related += credit * keyword.weight
                matched.append(f"{keyword.term} (via {via})")
            elif share:
                related += PARTIAL * share * keyword.weight
                matched.append(f"{keyword.term} (partly)")
            if shows(contexts[index], keyword):
                context += keyword.weight
        areas = area_profile([*evidence[index].skills, *contexts[index].skills], taxonomy, {})
        parts = ScoreParts(
            tfidf=round(similarities[index] / top_similarity, 4),
            keywords=round(saturate(direct), 4),
            related=round(saturate(related), 4),
            topic=round(cosine(areas, posting_areas), 4),
            context=round(saturate(context), 4),
            priors=round(priors(item, recency(end_dates, item, newest), senior=senior), 4),
        )
        drafts.append((item, parts, matched, covered))

    pooled = entry_relevance(drafts)
    scored = []
    for item, parts, matched, covered in drafts:
        if item.kind == "bullet":
            # A bullet inherits from its entry: its title's keywords and how relevant the
            # entry's other bullets are (a relevant project lends weight to each of its lines).
            entry_id = item.id.rsplit(".", 1)[0]
            parts = parts.model_copy(
                update={"context": round(0.5 * parts.context + 0.5 * pooled[entry_id], 4)}
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
                covers=covered,
                selected=False,
            )
        )
    # Ties keep the master CV's order (a stable sort on the score alone).
    return sorted(scored, key=lambda scored_item: -scored_item.score)
