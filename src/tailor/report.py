"""The coverage report: keyword coverage by group, knock-out facts, recruiter checks.

Every function here is pure: models in, models out. The résumé's own words are found with the
same matcher the ranking uses (taxonomy concepts, and the posting's phrases by their lemmas), so
a keyword the report calls covered is one the ranking saw, and the spelling it quotes is the
résumé's, never the posting's.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from tailor.model import (
    Category,
    CheckStatus,
    Entry,
    GroupScore,
    Keyword,
    KeywordCoverage,
    KeywordState,
    KnockOut,
    KnockOutCheck,
    Posting,
    Profile,
    RecruiterCheck,
    Score,
    ScoredItem,
    ScoreGroupName,
    Section,
    SectionKind,
    Status,
    Verdict,
)
from tailor.text import strip_inline_marks

# The score groups of the report, and which taxonomy categories each one gathers. A soft skill
# (kind "soft") counts as one whatever its category. Terms outside the taxonomy ("phrase") are
# mostly tool-like names and members of skill lists: hard skills.
CATEGORY_GROUP: dict[Category, ScoreGroupName] = {
    "language": "hard skills",  # programming languages: Python, C++, SQL
    "concept": "hard skills",  # fields and ideas: machine learning, computer vision
    "domain": "hard skills",  # application areas: robotics, fraud detection
    "phrase": "hard skills",  # terms the taxonomy lacks: TensorRT-like names, list members
    "tool": "tools",  # libraries, frameworks, platforms: PyTorch, Docker, AWS
    "method": "methods",  # techniques and practices: object detection, code review
    "soft": "soft skills",  # communication, leadership
    "education": "education",  # degrees, fields of study, certifications
    "role": "job title",  # job titles: machine learning engineer
}
GROUP_ORDER: list[ScoreGroupName] = [
    "hard skills",
    "tools",
    "methods",
    "soft skills",
    "education",
    "job title",
]
# Sections whose bullets are achievements (what the recruiter checks read).
ACHIEVEMENT_KINDS: set[SectionKind] = {"experience", "research", "projects", "service", "other"}
# Sections whose dates count as experience, and as experience with research.
WORK_KINDS: set[SectionKind] = {"experience"}
RESEARCH_KINDS: set[SectionKind] = {"research"}
DEGREE_LEVELS: list[tuple[int, str, re.Pattern[str]]] = [
    (
        3,
        "a doctorate",
        re.compile(r"\bph\.?\s?d\b|\bdoctor(?:ate|al)?\b|\bd\.?\s?phil\b|\bdr\.?\s?rer", re.I),
    ),
    (
        2,
        "a master's",
        re.compile(
            r"\bmaster|\bm\.?\s?sc?\b\.?|\bm\.?\s?eng\b|\bm\.?\s?tech\b|\bm\.?\s?phil\b|\bmba\b"
            r"|\bm\.a\.|\bll\.?m\b",
            re.I,
        ),
    ),
    (
        1,
        "a bachelor's",
        re.compile(
            r"\bbachelor|\bb\.?\s?sc?\b\.?|\bb\.?\s?eng\b|\bb\.?\s?tech\b|\bb\.a\.|\bb\.e\.|\bba\b"
            r"|undergraduate",
            re.I,
        ),
    ),
]
ANY_DEGREE = re.compile(r"\bdegree\b", re.I)
FEW_KEYWORDS = 5  # fewer keywords than this, and the match score says little
# What a posting takes in place of a degree: "or equivalent practical experience", "or
# publications at CVPR, ICCV, ECCV or similar venues".
# Not "or a related field": that is another field, not something in place of the degree.
DEGREE_ALTERNATIVE = re.compile(
    r"\bor (?:an? )?([^.;,()]*?\b(?:experience|publications?|track record|portfolio)\b[^.;,()]*)",
    re.I,
)
# A number that is a result: 98%, 10x, 300 fps, $2M, a team of 7; not a year nor part of a name.
NUMBER = re.compile(
    r"[$€£]\d+(?:[.,]\d+)*\s?(?:m|bn|b|k|million|billion)\b"  # money: "£50m", "$2.5bn"
    r"|(?<![\w.+#/-])[$€£]?\d+(?:[.,]\d+)*(?:\s?(?:%|x|×|k|K|M|B|\+))?(?![\w])|\d+(?:\.\d+)?%"
)
YEAR = re.compile(r"^(?:19|20)\d{2}$")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")
LONG_BULLET_WORDS = 30
MEASURABLE_SHARE = 0.4
REPEATED_TIMES = 4
WORDS_PER_PAGE = (250, 750)
HEADING_WORDS: list[tuple[SectionKind, str]] = [
    ("summary", r"summary|profile|objective|about"),
    ("education", r"education|academic|qualification"),
    ("experience", r"experience|employment|work|career|professional"),
    ("research", r"research"),
    ("projects", r"project"),
    ("publications", r"publication|paper|patent"),
    ("skills", r"skill|technolog|competenc|expertise|tools"),
    ("awards", r"award|honou?r|achievement|scholarship|prize"),
    ("service", r"service|volunteer|leadership|activit|community"),
    ("interests", r"interest"),
    # Headings of their own that parsers know: "Certifications", "Licenses", "Languages".
    ("other", r"certific|licen[cs]e|language|training|course"),
]
# The words a standard heading of each kind uses, as résumé parsers look for them.
STANDARD_HEADINGS = {kind: re.compile(pattern, re.I) for kind, pattern in HEADING_WORDS}


# --- the lines a profile shows ------------------------------------------------------------------


def owned_lines(profile: Profile) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Gives every line of text a profile shows, marks removed, with the ids of the items that
    bring it onto a page (none for lines that are always there: name, skills, education ...)."""
    if profile.header.name:
        yield profile.header.name, ()
    for section in profile.sections:
        section_items = tuple(
            item_id for entry in section.entries for item_id in entry_item_ids(section, entry)
        )
        yield section.heading, section_items
        for text in section.lines:
            yield text, section_items
        for group in section.skills:
            yield (
                (
                    ", ".join(group.items)
                    if group.label is None
                    else f"{group.label}: {', '.join(group.items)}"
                ),
                section_items,
            )
        for entry in section.entries:
            owners = entry_item_ids(section, entry)
            for value in (entry.title, entry.subtitle, entry.organization, *entry.details):
                if value:
                    yield strip_inline_marks(value), owners
            for bullet in entry.bullets:
                yield bullet.plain, (bullet.id,)


def entry_item_ids(section: Section, entry: Entry) -> tuple[str, ...]:
    """Gives the ids of an entry's rankable items: its bullets, or the entry of a list."""
    if section.list_like and not entry.bullets:
        return (entry.id,)
    return tuple(bullet.id for bullet in entry.bullets)


def profile_lines(profile: Profile) -> Iterator[str]:
    """Gives every line of text a profile shows, marks removed, in order."""
    for line, _ in owned_lines(profile):
        yield line


def count_literal(term: str, text: str) -> int:
    """Gives how often the exact wording occurs, ignoring case, on word boundaries."""
    pattern = r"(?<![\w+#])" + re.escape(term.lower()) + r"(?![\w+#])"
    return len(re.findall(pattern, text.lower()))


# --- finding the posting's keywords in text -----------------------------------------------------


@dataclass(frozen=True)
class Mention:
    """One place a text shows a posting keyword."""

    keyword: int  # index into the keyword list searched for
    start: int  # character offsets in the text
    end: int
    text: str  # as the text writes it
    literal: bool  # the posting's own words (same lemmas, any case), not an alias
    phrased: bool = False  # found by a phrasing ("train deep learning models")


def wording_key(tokens: Sequence[object]) -> str:
    """Gives the words of tokens as lemmas: 'GPUs' and 'GPU' alike, 'CNN' unlike its name."""
    return " ".join(
        str(getattr(token, "norm_", ""))
        for token in tokens
        if any(ch.isalnum() for ch in str(getattr(token, "text", "")))
    )


def find_mentions(texts: Sequence[str], keywords: Sequence[Keyword]) -> list[list[Mention]]:
    """Gives, for each text, where it shows each keyword, in text order.

    A text shows a keyword exactly when the ranking's ``shows`` says so: a taxonomy keyword by
    a match of its concept (any alias), a phrase by its lemmas in sequence.
    """
    from bisect import bisect_right

    from tailor.analyze import names_others, team_lists
    from tailor.nlp import make_docs
    from tailor.skills import match_skills

    if not texts or not keywords:
        return [[] for _ in texts]
    term_keys = [wording_key(list(doc)) for doc in make_docs(k.term for k in keywords)]
    concepts: dict[str, int] = {}
    for index, keyword in enumerate(keywords):
        if keyword.category != "phrase":
            concepts.setdefault(keyword.canonical, index)
    phrases = [(i, k.canonical) for i, k in enumerate(keywords) if k.category == "phrase"]
    found: list[list[Mention]] = []
    for text, doc in zip(texts, make_docs(texts), strict=True):
        mentions: list[Mention] = []
        teams = team_lists(doc)
        for match in match_skills(doc, nested=True):
            concept = concepts.get(match.skill.name)
            if concept is None or names_others(doc, match, teams):
                continue
            span = doc.char_span(match.start, match.end, alignment_mode="expand")
            key = wording_key(list(span)) if span is not None else ""
            mentions.append(
                Mention(
                    keyword=concept,
                    start=match.start,
                    end=match.end,
                    text=text[match.start : match.end],
                    literal=key == term_keys[concept],
                    phrased=match.phrased,
                )
            )
        if phrases:
            words = [token for token in doc if any(ch.isalnum() for ch in token.text)]
            starts: list[int] = []
            cursor = 1
            for token in words:
                starts.append(cursor)
                cursor += len(token.norm_) + 1
            lemma_text = " " + " ".join(token.norm_ for token in words) + " "
            for index, canonical in phrases:
                needle = f" {canonical} "
                at = lemma_text.find(needle)
                while at != -1 and words:
                    first = max(0, bisect_right(starts, at + 1) - 1)
                    last = max(first, bisect_right(starts, at + len(canonical)) - 1)
                    start = words[first].idx
                    end = words[last].idx + len(words[last].text)
                    mentions.append(
                        Mention(
                            keyword=index,
                            start=start,
                            end=end,
                            text=text[start:end],
                            literal=True,
                        )
                    )
                    at = lemma_text.find(needle, at + 1)
        mentions.sort(key=lambda m: (m.start, -(m.end - m.start), m.keyword))
        found.append(mentions)
    return found


def without_overlaps(mentions: Sequence[Mention]) -> list[Mention]:
    """Gives the mentions to mark in a text: longest first where they overlap, in text order;
    a phrasing only where it hides no keyword named inside it ("train deep learning models"
    keeps deep learning marked)."""
    kept: list[Mention] = []
    order = sorted(mentions, key=lambda m: (m.phrased, -(m.end - m.start), m.start, m.keyword))
    for mention in order:
        if mention.end > mention.start and all(
            mention.end <= other.start or mention.start >= other.end for other in kept
        ):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


# --- coverage -----------------------------------------------------------------------------------


def keyword_group(keyword: Keyword) -> ScoreGroupName:
    """Gives the score group of a keyword (see CATEGORY_GROUP)."""
    return "soft skills" if keyword.kind == "soft" else CATEGORY_GROUP[keyword.category]


def preferred_spelling(mentions: Sequence[Mention]) -> str | None:
    """Gives the commonest spelling of the mentions, the posting's own words first."""
    pool = [m for m in mentions if m.literal] or list(mentions)
    if not pool:
        return None
    counts = Counter(m.text for m in pool)
    # max keeps the first of equals, and a Counter keeps the order spellings were first seen.
    return max(counts, key=counts.__getitem__)


def coverage(
    posting: Posting, master: Profile, resume: Profile, items: list[ScoredItem]
) -> tuple[Score, list[KeywordCoverage]]:
    """Gives the match scores (overall and by group) and the coverage of every posting keyword."""
    keywords = posting.keywords
    master_owned = list(owned_lines(master))
    resume_lines = list(profile_lines(resume))
    mentions = find_mentions([line for line, _ in master_owned] + resume_lines, keywords)
    master_mentions, resume_mentions = mentions[: len(master_owned)], mentions[len(master_owned) :]
    rank = {item.id: index for index, item in enumerate(items)}
    selected = {item.id for item in items if item.selected}
    total = sum(keyword.weight for keyword in keywords) or 1.0

    in_resume: list[list[Mention]] = [[] for _ in keywords]
    for line_mentions in resume_mentions:
        for mention in line_mentions:
            in_resume[mention.keyword].append(mention)
    in_master: list[list[Mention]] = [[] for _ in keywords]
    owners: list[set[str]] = [set() for _ in keywords]
    for (_, line_owners), line_mentions in zip(master_owned, master_mentions, strict=True):
        for mention in line_mentions:
            in_master[mention.keyword].append(mention)
            owners[mention.keyword].update(line_owners)

    kinds_on_resume = kinds_shown(keywords, resume_lines)
    kinds_in_master = kinds_shown(keywords, [line for line, _ in master_owned])
    result: list[KeywordCoverage] = []
    for index, keyword in enumerate(keywords):
        shown, kept = in_resume[index], in_master[index]
        status: Status = "covered" if shown else "available" if kept else "missing"
        literal = any(m.literal for m in shown) or (
            bool(shown) and count_literal(keyword.term, "\n".join(resume_lines)) > 0
        )
        state: KeywordState = ("literal" if literal else "alias") if status == "covered" else status
        spelling = preferred_spelling(shown)
        wording = kind = None
        if state == "alias" and spelling is not None:
            wording = (
                f'the posting says "{keyword.term}", your résumé says "{spelling}": '
                "a screen that looks for the posting's words may miss it"
            )
        elif status != "covered" and (kind := kinds_on_resume[index] or kinds_in_master[index]):
            where = "résumé" if kinds_on_resume[index] else "master CV"
            wording = (
                f'the posting says "{keyword.term}", your {where} names "{kind}", a kind of it: '
                f'a screen that looks for "{keyword.term}" will miss it; name it too if it is true'
            )
        result.append(
            KeywordCoverage(
                term=keyword.term,
                canonical=keyword.canonical,
                category=keyword.category,
                group=keyword_group(keyword),
                importance=keyword.importance,
                weight=keyword.weight,
                points=round(100 * keyword.weight / total, 1),
                status=status,
                state=state,
                literal=literal,
                resume_spelling=spelling,
                master_spelling=preferred_spelling(kept),
                wording=wording,
                kind_named=kind,
                posting_count=keyword.count,
                resume_count=len(shown),
                master_count=len(kept),
                evidence=keyword.evidence,
                available_in=sorted(
                    (o for o in owners[index] if o in rank and o not in selected),
                    key=lambda item_id: rank[item_id],
                )
                if status == "available"
                else [],
            )
        )
    english = written_in_english(line for line, _ in master_owned)
    return score_of(result, total), with_alternatives(
        keywords, result, degrees_of(master), english=english
    )


def written_in_english(lines: Iterable[str]) -> bool:
    """Tells whether a CV is written in English: an eighth of its words or more are English
    function words (terse bullets have fewer than prose), over 50 words at least."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words = [word for line in lines for word in re.findall(r"[a-z]+", line.lower())]
    return len(words) >= 50 and sum(word in STOP_WORDS for word in words) >= len(words) / 8


def with_alternatives(
    keywords: Sequence[Keyword],
    coverage: list[KeywordCoverage],
    degrees: list[tuple[int, str]],
    *,
    english: bool = False,
) -> list[KeywordCoverage]:
    """Gives the coverage with, for each missing keyword, what the posting takes in its place
    that the résumé shows (else the master CV), if anything: an alternative it names ("Python
    or Java"), for a degree a higher one ("Bachelor's degree": the CV's M.Eng), for English
    a CV written in it."""
    by_canonical = {k.canonical: c for k, c in zip(keywords, coverage, strict=True)}
    best_degree = max(degrees, default=None)
    result = []
    for keyword, covered in zip(keywords, coverage, strict=True):
        if covered.status != "missing":
            result.append(covered)
            continue
        shown = [
            by_canonical[name]
            for name in keyword.alternatives
            if name in by_canonical and by_canonical[name].status != "missing"
        ]
        asked = degree_level(keyword.term) if keyword.category == "education" else None
        if shown:
            best = min(shown, key=lambda other: other.status != "covered")
            covered = covered.model_copy(update={"alternative_shown": best.term})
        elif asked and best_degree and best_degree[0] >= asked[0]:
            covered = covered.model_copy(update={"alternative_shown": best_degree[1]})
        elif keyword.canonical == "English language" and english:
            covered = covered.model_copy(update={"alternative_shown": "a CV written in English"})
        result.append(covered)
    return result


def kinds_shown(keywords: Sequence[Keyword], lines: list[str]) -> list[str | None]:
    """Gives, per keyword, a kind of it the lines name (YOLO for object detection), if any: a
    reader sees the keyword in it, a screen searching for the keyword's words does not."""
    from tailor.rank import gather_evidence, kind_shown
    from tailor.skills import load_taxonomy

    if not keywords or not lines:
        return [None] * len(keywords)
    taxonomy = load_taxonomy()
    (evidence,) = gather_evidence(["\n".join(lines)], nested=True)
    return [kind_shown(evidence, keyword, taxonomy) for keyword in keywords]


def score_of(keywords: Sequence[KeywordCoverage], total: float) -> Score:
    """Gives the overall and per-group scores of covered keywords."""

    def share(chosen: Sequence[KeywordCoverage], denominator: float) -> float:
        return round(100 * sum(k.weight for k in chosen) / (denominator or 1.0), 1)

    master = [k for k in keywords if k.status != "missing"]
    tailored = [k for k in keywords if k.status == "covered"]
    groups = []
    for group in GROUP_ORDER:
        members = [k for k in keywords if k.group == group]
        if not members:
            continue
        weight = sum(k.weight for k in members)
        groups.append(
            GroupScore(
                group=group,
                keywords=len(members),
                master=share([k for k in members if k.status != "missing"], weight),
                tailored=share([k for k in members if k.status == "covered"], weight),
                covered=sum(k.status == "covered" for k in members),
                available=sum(k.status == "available" for k in members),
            )
        )
    note = None
    if len(keywords) < FEW_KEYWORDS:
        terms = ", ".join(k.term for k in keywords) or "none"
        note = (
            f"only {len(keywords)} {'keyword' if len(keywords) == 1 else 'keywords'} read from "
            f"the posting ({terms}): the score rests on too little to mean much; read its asks "
            "yourself"
        )
    return Score(
        master=share(master, total), tailored=share(tailored, total), groups=groups, note=note
    )


# --- knock-out facts ----------------------------------------------------------------------------


def month_index(value: str, *, end: bool) -> int:
    """Gives a date as a month count: YYYY-MM exactly, a bare year as January or December."""
    year, _, month = value.partition("-")
    return int(year) * 12 + (int(month) - 1 if month else (11 if end else 0))


def newest_date(profile: Profile) -> int | None:
    """Gives the newest date the CV writes (the 'present' of its dates), as a month count."""
    found = [
        month_index(value, end=True)
        for section in profile.sections
        for entry in section.entries
        for value in (entry.start, entry.end)
        if value and value != "present"
    ]
    return max(found, default=None)


def experience_months(profile: Profile, kinds: set[SectionKind], *, today: int | None) -> int:
    """Gives the months the dated entries of some sections span, overlaps counted once."""
    spans: list[tuple[int, int]] = []
    for section in profile.sections:
        if section.kind not in kinds:
            continue
        for entry in section.entries:
            if not entry.start or entry.start == "present":
                continue
            start = month_index(entry.start, end=False)
            if entry.end == "present":
                if today is None:
                    continue
                finish = today
            else:
                finish = month_index(entry.end or entry.start, end=True)
            if finish >= start:
                spans.append((start, finish))
    months = 0
    current: tuple[int, int] | None = None
    for start, finish in sorted(spans):
        if current is None or start > current[1] + 1:
            if current is not None:
                months += current[1] - current[0] + 1
            current = (start, finish)
        else:
            current = (current[0], max(current[1], finish))
    if current is not None:
        months += current[1] - current[0] + 1
    return months


def month_name(index: int) -> str:
    """Gives a month count as YYYY-MM."""
    return f"{index // 12}-{index % 12 + 1:02d}"


def degree_level(text: str) -> tuple[int, str] | None:
    """Gives the highest degree level a text names (3 doctorate, 2 master's, 1 bachelor's)."""
    for level, name, pattern in DEGREE_LEVELS:
        if pattern.search(text):
            return level, name
    return None


def degrees_of(profile: Profile) -> list[tuple[int, str]]:
    """Gives the level and the line naming it of each degree in the CV's education entries."""
    degrees: list[tuple[int, str]] = []
    for section in profile.sections:
        if section.kind != "education":
            continue
        for entry in section.entries:
            written = strip_inline_marks(" ".join(x for x in (entry.subtitle, entry.title) if x))
            level = degree_level(written)
            if level is not None:
                # The line that names the degree, whichever comes first in the entry.
                lines = [strip_inline_marks(x) for x in (entry.subtitle, entry.title) if x]
                label = next((x for x in lines if degree_level(x) is not None), lines[0])
                degrees.append((level[0], label))
    return degrees


def asked_degree(text: str) -> tuple[int, str] | None:
    """Gives the lowest degree a posting sentence accepts ('BS or MS' asks a bachelor's)."""
    levels = [(level, name) for level, name, pattern in DEGREE_LEVELS if pattern.search(text)]
    if levels:
        return min(levels)
    return (1, "a degree") if ANY_DEGREE.search(text) else None


def is_required(fact: KnockOut, posting: Posting) -> bool:
    """Tells whether the posting asks the fact as a must, not as a plus."""
    from tailor.analyze import says_preferred

    if says_preferred(fact.text):
        return False
    section = next((s for s in posting.sections if fact.text and fact.text in s.text), None)
    return section is None or section.kind != "preferred"


def cv_location(profile: Profile) -> str | None:
    """Gives the location the CV's header gives, if any."""
    return next((c.text for c in profile.header.contacts if c.kind == "location"), None)


def check_knockouts(
    posting: Posting, profile: Profile, *, today: str | None = None
) -> list[KnockOutCheck]:
    """Gives each knock-out fact of the posting checked against the master CV.

    ``today`` (YYYY-MM) is what an ongoing role ('present') runs to; by default the newest date
    the CV writes, so the same CV gives the same years on any day.
    """
    from tailor.analyze import CONSTRAINTS

    facts = list(posting.knockouts)
    kinds: set[str] = {fact.kind for fact in facts}
    # The 'Location:' line of a posting is metadata, not a sentence the analysis reads.
    if posting.location:
        for kind, pattern in CONSTRAINTS:
            if (
                kind in {"onsite", "location"}
                and kind not in kinds
                and pattern.search(posting.location.lower())
            ):
                facts.append(KnockOut(kind=kind, text=f"Location: {posting.location}"))
                kinds.add(kind)
    present = month_index(today, end=True) if today else newest_date(profile)
    checks = []
    for fact in facts:
        required = is_required(fact, posting)
        if fact.kind == "years":
            checks.append(
                check_years(fact, profile, required=required, today=present, given=bool(today))
            )
        elif fact.kind == "degree":
            checks.append(check_degree(fact, profile, required=required))
        else:
            checks.append(check_constraint(fact, posting, profile, required=required))
    return checks


def check_years(
    fact: KnockOut, profile: Profile, *, required: bool, today: int | None, given: bool = False
) -> KnockOutCheck:
    """Gives a years-of-experience fact against the years the CV's dates add up to.

    ``today`` is the month 'present' runs to: the user's (``given``), else the CV's newest date.
    """
    numbers = [int(n) for n in re.findall(r"\d+", fact.value or fact.text)]
    asked = f"{fact.value} years" if fact.value else "years of experience"
    base = {"kind": fact.kind, "text": fact.text, "value": fact.value, "required": required}
    work = experience_months(profile, WORK_KINDS, today=today)
    total = experience_months(profile, WORK_KINDS | RESEARCH_KINDS, today=today)
    if not numbers or not total:
        return KnockOutCheck(
            **base,
            asked=asked,
            shown=None,
            verdict="unknown",
            note="The CV gives no dated experience to count years from.",
        )
    minimum = numbers[0]
    shown = f"{work / 12:.1f} years of work"
    if ongoing(profile, WORK_KINDS) and not given:
        # 'present' counted to the CV's newest date: a floor, the role may have run on since.
        shown = f"at least {shown}"
    if total > work:
        shown += f" ({total / 12:.1f} with research)"
    source = "" if given else ", the CV's newest date"
    # Said only where a role runs to 'present': other dates need no month to run to.
    until = (
        f" ('present' counted to {month_name(today)}{source})"
        if today and ongoing(profile, WORK_KINDS | RESEARCH_KINDS)
        else ""
    )
    verdict: Verdict
    if work >= minimum * 12:
        verdict, note = "meets", f"Your dates reach {asked}{until}."
    elif total >= minimum * 12:
        verdict = "check"
        note = (
            f"Only with research do your dates reach {asked}{until}: "
            "say what the research involved."
        )
    elif ongoing(profile, WORK_KINDS) and today is not None and not given:
        # The CV does not say when it was written: an ongoing role may run well past its
        # newest date, so a shortfall is for the user to judge, not a verdict.
        verdict = "check"
        note = (
            f"Your dates fall short of {asked}{until}; your ongoing role has run longer if "
            "the CV is older than that: count again (--today YYYY-MM)."
        )
    else:
        verdict = "short"
        note = f"Your dates fall short of {asked}{until}."
    return KnockOutCheck(**base, asked=asked, shown=shown, verdict=verdict, note=note)


def ongoing(profile: Profile, kinds: set[SectionKind]) -> bool:
    """Tells whether the CV has an entry of these sections that runs to 'present'."""
    return any(
        entry.end == "present"
        for section in profile.sections
        if section.kind in kinds
        for entry in section.entries
    )


def check_degree(fact: KnockOut, profile: Profile, *, required: bool) -> KnockOutCheck:
    """Gives a degree fact against the degrees of the CV's education entries."""
    base = {"kind": fact.kind, "text": fact.text, "value": fact.value, "required": required}
    wanted = asked_degree(fact.text) or asked_degree(fact.value or "") or (1, "a degree")
    degrees = degrees_of(profile)
    asked = wanted[1] + ("" if required else " (a plus)")
    if not degrees:
        return KnockOutCheck(
            **base,
            asked=asked,
            shown=None,
            verdict="unknown",
            note="No degree found in the CV's education section: name it as the posting does.",
        )
    shown = "; ".join(label for _, label in degrees)
    best = max(level for level, _ in degrees)
    if best >= wanted[0]:
        verdict: Verdict = "meets"
        note = f"Your degrees include {wanted[1]} or higher."
    else:
        verdict = "short"
        asks = "asks for" if required else "would like"
        note = f"The posting {asks} {wanted[1]}; your highest degree is below it."
        if alternative := DEGREE_ALTERNATIVE.search(fact.text):
            # The posting takes something else in its place: only the job seeker can judge it.
            verdict = "check"
            note = (
                f'The posting {asks} {wanted[1]} or "{alternative.group(1)}"; your highest '
                "degree is below it: show the alternative if you have it."
            )
    return KnockOutCheck(**base, asked=asked, shown=shown, verdict=verdict, note=note)


def check_constraint(
    fact: KnockOut, posting: Posting, profile: Profile, *, required: bool
) -> KnockOutCheck:
    """Gives a constraint only the job seeker can judge (visa, clearance, place) as a flag."""
    base = {"kind": fact.kind, "text": fact.text, "value": fact.value, "required": required}
    home = cv_location(profile)
    where = posting.location or "the posting's location"
    asked, shown, note = {
        "visa": (
            "work authorisation",
            None,
            "The posting speaks of work authorisation or sponsorship: make sure you qualify.",
        ),
        "clearance": (
            "a security clearance",
            None,
            "The posting asks for a security clearance, which a CV cannot show: check it.",
        ),
        "location": (
            f"being in {where}",
            home,
            f"The job is tied to {where}" + (f"; your CV gives {home}." if home else "."),
        ),
        "onsite": (
            "working on site",
            home,
            f"The job is on site or hybrid in {where}"
            + (f"; your CV gives {home}." if home else "."),
        ),
    }[fact.kind]
    verdict: Verdict = "check"
    if fact.kind in {"location", "onsite"} and home and same_place(home, f"{where} {fact.text}"):
        # The CV's town is where the job is: nothing left to judge.
        verdict, note = "meets", f"Your CV gives {home}, where the job is."
    return KnockOutCheck(**base, asked=asked, shown=shown, verdict=verdict, note=note)


def same_place(home: str, text: str) -> bool:
    """Tells whether a text names the town of a CV's location ("Birmingham, UK": Birmingham),
    as a whole word."""
    town = home.split(",")[0].strip()
    return len(town) > 2 and re.search(rf"(?<!\w){re.escape(town)}(?!\w)", text, re.I) is not None


# --- recruiter checks ---------------------------------------------------------------------------


def achievement_bullets(resume: Profile) -> list[tuple[str, str]]:
    """Gives (id, text) of the résumé's achievement bullets, in page order."""
    return [
        (bullet.id, bullet.plain)
        for section in resume.sections
        if section.kind in ACHIEVEMENT_KINDS
        for entry in section.entries
        for bullet in entry.bullets
    ]


def is_measurable(text: str) -> bool:
    """Tells whether a bullet shows a number that is a result (not a year, not part of a name)."""
    return any(not YEAR.match(match.group().strip()) for match in NUMBER.finditer(text))


def recruiter_checks(
    posting: Posting, resume: Profile, *, pages: float = 1.0
) -> list[RecruiterCheck]:
    """Gives the checks a recruiter's first skim makes of the tailored résumé."""
    bullets = achievement_bullets(resume)
    return [
        check_measurable(bullets),
        check_word_count(resume, pages=pages),
        check_long_bullets(bullets),
        check_repeated_words(bullets, posting),
        check_contacts(resume),
        check_headings(resume),
        check_title(posting, resume),
    ]


def check_measurable(bullets: Sequence[tuple[str, str]]) -> RecruiterCheck:
    """Gives the share of bullets with a measurable result (a number, a percentage)."""
    without = [item_id for item_id, text in bullets if not is_measurable(text)]
    count = len(bullets) - len(without)
    share = count / len(bullets) if bullets else 0.0
    status: CheckStatus = "ok" if share >= MEASURABLE_SHARE else "warn"
    if not bullets:
        status = "info"
    return RecruiterCheck(
        id="measurable_results",
        label="Measurable results",
        status=status,
        summary=f"{count} of {len(bullets)} bullets ({share:.0%}) show a number or a percentage"
        + ("" if status != "warn" else f"; aim for at least {MEASURABLE_SHARE:.0%}"),
        value=round(share, 3),
        details=without,
    )


def check_word_count(resume: Profile, *, pages: float) -> RecruiterCheck:
    """Gives the résumé's word count against what its pages usually hold."""
    lines = [*profile_lines(resume), *(c.text for c in resume.header.contacts)]
    words = sum(len(line.split()) for line in lines)
    low, high = (round(bound * pages) for bound in WORDS_PER_PAGE)
    status: CheckStatus = "ok" if low <= words <= high else "warn"
    hint = "" if status == "ok" else (" (thin)" if words < low else " (dense)")
    return RecruiterCheck(
        id="word_count",
        label="Word count",
        status=status,
        summary=f"{words} words{hint}; {low}-{high} suit {pages:g} page{'s' if pages > 1 else ''}",
        value=float(words),
    )


def check_long_bullets(bullets: Sequence[tuple[str, str]]) -> RecruiterCheck:
    """Gives the bullets too long to read at a glance."""
    long = [
        (item_id, len(text.split()))
        for item_id, text in bullets
        if len(text.split()) > LONG_BULLET_WORDS
    ]
    return RecruiterCheck(
        id="long_bullets",
        label="Very long bullets",
        status="warn" if long else "ok",
        summary=(
            f"{len(long)} bullet{'s' if len(long) != 1 else ''} over {LONG_BULLET_WORDS} words"
            + (": shorten them in the master CV" if long else "")
        ),
        value=float(len(long)),
        details=[f"{item_id} ({words} words)" for item_id, words in long],
    )


def check_repeated_words(bullets: Sequence[tuple[str, str]], posting: Posting) -> RecruiterCheck:
    """Gives the words the bullets lean on (the posting's keywords aside)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    keyword_words = {
        word.lower()
        for keyword in posting.keywords
        for word in WORD.findall(f"{keyword.term} {keyword.canonical}")
    }
    counts: Counter[str] = Counter()
    for _, text in bullets:
        for word in WORD.findall(text):
            lower = word.lower().replace("’", "'")
            if len(lower) > 3 and lower not in STOP_WORDS and lower not in keyword_words:
                counts[lower] += 1
    repeated = [(word, n) for word, n in counts.most_common() if n >= REPEATED_TIMES]
    return RecruiterCheck(
        id="repeated_words",
        label="Repeated words",
        status="warn" if repeated else "ok",
        summary=(
            ", ".join(f"{word} {n}x" for word, n in repeated[:6]) + ": vary the wording"
            if repeated
            else f"no word other than the posting's keywords is used {REPEATED_TIMES}x or more"
        ),
        value=float(len(repeated)),
        details=[f"{word} {n}x" for word, n in repeated],
    )


def check_contacts(resume: Profile) -> RecruiterCheck:
    """Gives which contact details the résumé's header has, and which it lacks."""
    kinds = {contact.kind for contact in resume.header.contacts}
    missing = [kind for kind in ("email", "phone") if kind not in kinds]
    placeholders = [
        contact.text
        for contact in resume.header.contacts
        if contact.kind == "link" and (contact.url or "").strip() in {"", "#"}
    ]
    present = [kind for kind in ("email", "phone", "location", "link") if kind in kinds]
    problems = [f"no {kind}" for kind in missing] + [
        f"link {text!r} has no address" for text in placeholders
    ]
    if not resume.header.name:
        problems.insert(0, "no name")
    return RecruiterCheck(
        id="contact_details",
        label="Contact details",
        status="warn" if problems else "ok",
        summary=(", ".join(present) or "none") + (f"; {'; '.join(problems)}" if problems else ""),
        value=float(len(present)),
        details=problems,
    )


def check_headings(resume: Profile) -> RecruiterCheck:
    """Gives the section headings an applicant tracking system may not recognise."""
    odd = [
        section.heading
        for section in resume.sections
        if section.kind not in STANDARD_HEADINGS
        or not STANDARD_HEADINGS[section.kind].search(section.heading)
    ]
    has_experience = any(s.kind in {"experience", "research"} for s in resume.sections)
    problems = [f"{heading!r} is not a standard heading" for heading in odd]
    if not has_experience:
        problems.append("no Experience section")
    return RecruiterCheck(
        id="standard_headings",
        label="Standard headings",
        status="warn" if problems else "ok",
        summary="; ".join(problems)
        if problems
        else f"all {len(resume.sections)} section headings are standard",
        value=float(len(problems)),
        details=problems or [strip_inline_marks(s.heading) for s in resume.sections],
    )


def resume_titles(resume: Profile, *, both: bool = False) -> list[str]:
    """Gives the job titles of the résumé's experience entries, in page order.

    The role is the subtitle unless the layout named the organisation; ``both`` gives the title
    and subtitle lines of each entry, for CVs that put the role first ("Data Analyst" then
    "Acme Corp | Boston, MA").
    """
    titles: list[str] = []
    for section in resume.sections:
        if section.kind != "experience":
            continue
        for entry in section.entries:
            title = entry.title if entry.organization else entry.subtitle or entry.title
            lines = [title, entry.title, entry.subtitle or ""] if both else [title]
            titles.extend(strip_inline_marks(line) for line in dict.fromkeys(lines) if line)
    return titles


def check_title(posting: Posting, resume: Profile) -> RecruiterCheck:
    """Gives the posting's title against the titles on the résumé."""
    titles = resume_titles(resume)
    lines = resume_titles(resume, both=True)
    wanted = posting.title or ""
    if not wanted:
        return RecruiterCheck(
            id="job_title", label="Job title", status="info", summary="the posting gives no title"
        )
    roles = [k for k in posting.keywords if k.category == "role"]
    core = re.split(r"\s*(?:,|\(|\s[-–—|]\s)", wanted)[0].strip().lower()
    matching = [t for t in lines if core and core in t.lower()]
    if not matching and roles and lines:
        mentions = find_mentions(lines, roles)
        matching = [t for t, found in zip(lines, mentions, strict=True) if found]
    return RecruiterCheck(
        id="job_title",
        label="Job title",
        status="ok" if matching else "warn",
        summary=f"“{matching[0]}” on your résumé matches the posting's “{wanted}”"
        if matching
        else f"none of your titles ({', '.join(titles) or 'none'}) matches the posting's "
        f"“{wanted}”, and recruiters search by title",
        details=matching or titles,
    )


# --- the JSON Schema of result.json -------------------------------------------------------------


def result_schema() -> str:
    """Gives the JSON Schema of result.json (the Result model), as stable, indented JSON."""
    import json

    from tailor.model import Result

    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **Result.model_json_schema(mode="serialization"),
    }
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
