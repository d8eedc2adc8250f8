"""The pydantic models every stage passes on: profile, posting, scores, the tailored result."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

SectionKind = Literal[
    "summary",
    "education",
    "experience",
    "research",
    "projects",
    "publications",
    "skills",
    "awards",
    "service",
    "interests",
    "other",
]
PostingSectionKind = Literal[
    "title",
    "about",
    "responsibilities",
    "requirements",
    "preferred",
    "benefits",
    "legal",
    "apply",
    "other",
]
Importance = Literal["required", "preferred"]
Status = Literal["covered", "available", "missing"]
ItemKind = Literal["bullet", "entry"]
Category = Literal[
    "language", "tool", "method", "concept", "domain", "education", "role", "soft", "phrase"
]


class Model(BaseModel):
    """The base of every model: unknown fields are errors and values never change."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --- the master CV -----------------------------------------------------------------------------


class Contact(Model):
    kind: Literal["email", "phone", "location", "link", "other"]
    text: str = Field(description="The contact item as written, without decoration.")
    url: str | None = Field(default=None, description="The link target, where one is given.")


class Header(Model):
    name: str | None = None
    contacts: list[Contact] = []


class Bullet(Model):
    id: str = Field(description="Stable id, e.g. 'experience-1.2' (section, entry, bullet).")
    text: str = Field(description="The bullet as written, inline Markdown marks kept.")
    plain: str = Field(description="The bullet with inline marks removed: what is matched.")
    line: int = Field(description="1-based line in the master CV.")


class Entry(Model):
    id: str
    title: str = Field(description="The entry's first line as written (organisation, project ...).")
    subtitle: str | None = Field(default=None, description="Role, degree or second line.")
    organization: str | None = Field(
        default=None,
        description="For a further role at the organisation of the entry before it: that name.",
    )
    location: str | None = None
    dates: str | None = Field(default=None, description="The dates as written.")
    start: str | None = Field(default=None, description="YYYY-MM or YYYY.")
    end: str | None = Field(default=None, description="YYYY-MM, YYYY or 'present'.")
    details: list[str] = Field(default=[], description="Further lines: authors, venue, advisor.")
    bullets: list[Bullet] = []
    line: int = 0


class SkillGroup(Model):
    label: str | None = Field(description="The group's label, e.g. 'Deep Learning Tools'.")
    items: list[str] = Field(description="The skills as written, in the CV's order.")
    text: str = Field(description="The whole line as written.")
    line: int = 0


class Section(Model):
    id: str
    kind: SectionKind
    heading: str = Field(description="The heading as written.")
    entries: list[Entry] = []
    skills: list[SkillGroup] = []
    lines: list[str] = Field(default=[], description="Free text lines (summary, interests).")
    list_like: bool = Field(
        default=False, description="Each entry is one item (publications, awards), ranked whole."
    )
    line: int = 0


class Unplaced(Model):
    line: int
    text: str
    reason: str


class Profile(Model):
    source: str | None = Field(default=None, description="The file the CV was read from.")
    header: Header = Header()
    sections: list[Section] = []
    unplaced: list[Unplaced] = Field(
        default=[], description="Lines the parser could not place; reported, never dropped."
    )

    def section(self, kind: SectionKind) -> Section | None:
        """Gives the first section of a kind, or None."""
        return next((s for s in self.sections if s.kind == kind), None)

    def items(self) -> Iterator[Item]:
        """Gives every rankable item in CV order: bullets, and entries of list-like sections."""
        for section in self.sections:
            for entry in section.entries:
                if section.list_like and not entry.bullets:
                    yield Item(
                        id=entry.id,
                        kind="entry",
                        section=section.heading,
                        section_kind=section.kind,
                        entry=strip_marks(entry.title),
                        text=strip_marks(entry.title),
                        context=strip_marks(" ".join([entry.subtitle or "", *entry.details])),
                    )
                for bullet in entry.bullets:
                    yield Item(
                        id=bullet.id,
                        kind="bullet",
                        section=section.heading,
                        section_kind=section.kind,
                        entry=strip_marks(entry.title),
                        text=bullet.plain,
                        context=strip_marks(
                            " ".join(
                                x for x in [entry.title, entry.subtitle, entry.organization] if x
                            )
                        ),
                    )


class Item(Model):
    """One rankable piece of the master CV, flattened for scoring."""

    id: str
    kind: ItemKind
    section: str = Field(description="The section heading as written.")
    section_kind: SectionKind
    entry: str = Field(description="The entry's title, marks removed.")
    text: str = Field(description="Master CV text with inline marks removed.")
    context: str = Field(default="", description="The entry's title and subtitle, for context.")


def strip_marks(text: str) -> str:
    """Gives the text with inline Markdown marks removed: links to their text, no ** or *."""
    from tailor.text import strip_inline_marks

    return strip_inline_marks(text)


# --- the posting ---------------------------------------------------------------------------------


class PostingSection(Model):
    kind: PostingSectionKind
    heading: str | None = None
    text: str
    line: int = 0


class Keyword(Model):
    term: str = Field(description="The keyword as the posting spells it.")
    canonical: str = Field(description="The taxonomy's name for it, or the normalised phrase.")
    category: Category = Field(description="Taxonomy category; 'phrase' for terms outside it.")
    kind: Literal["hard", "soft"] = "hard"
    importance: Importance
    weight: float = Field(description="Importance x section x frequency, in (0, 1].")
    count: int = Field(description="How often the posting uses it (any spelling).")
    evidence: str = Field(description="The posting sentence it came from.")
    broader: list[str] = Field(default=[], description="Broader taxonomy terms, nearest first.")
    alternatives: list[str] = Field(
        default=[],
        description="The canonical names of keywords the posting takes in its place wherever it "
        "asks for it ('Python or Java', 'Terraform, Ansible or Pulumi'); empty if it is asked "
        "for on its own anywhere.",
    )


class KnockOut(Model):
    """A fact the posting states that can rule a candidate out before anyone reads on."""

    kind: Literal["years", "degree", "visa", "clearance", "location", "onsite"] = Field(
        description="What the fact is about: years of experience, a degree, work authorisation, "
        "a security clearance, where the job is, working on site."
    )
    text: str = Field(description="The posting sentence that states it.")
    value: str | None = Field(default=None, description="What is asked: '3+', 'Master's' ...")


class Posting(Model):
    source: str | None = None
    title: str | None = None
    company: str | None = None
    location: str | None = None
    sections: list[PostingSection] = []
    keywords: list[Keyword] = []
    knockouts: list[KnockOut] = []


# --- scores and the result -----------------------------------------------------------------------


class ScoreParts(Model):
    """The named parts a score is the weighted sum of."""

    tfidf: float = Field(description="Cosine similarity of TF-IDF vectors, bullet vs posting.")
    keywords: float = Field(description="Weighted share of posting keywords the item shows.")
    related: float = Field(description="Credit through broader or related taxonomy terms.")
    topic: float = Field(description="How well the item's technical areas match the posting's.")
    context: float = Field(description="Keywords shown by the item's entry title and section.")
    priors: float = Field(description="Measurable results, ownership verbs, recency.")


class ScoredItem(Model):
    """One master CV item with its relevance to the posting and what became of it."""

    id: str = Field(description="The item's id: 'section.entry.bullet' or 'section.entry'.")
    kind: ItemKind = Field(description="bullet, or entry for a publication or an award.")
    section: str = Field(description="The section heading as written.")
    entry: str = Field(description="The entry's title, marks removed.")
    text: str = Field(description="Master CV text with inline marks removed.")
    score: float = Field(description="Relevance to the posting, 0-1: the weighted sum of parts.")
    parts: ScoreParts = Field(description="The named parts the score is made of, each 0-1.")
    matched: list[str] = Field(
        description="Posting terms that earned the score; '(via X)' when through the taxonomy, "
        "'(partly)' when only the term's distinctive words show."
    )
    covers: list[str] = Field(
        default_factory=list,
        description="The posting keywords the item shows itself, by name or through a kind of "
        "it one step down the taxonomy (YOLO for object detection): what coverage counts.",
    )
    selected: bool = Field(description="On the tailored résumé.")
    reason: str | None = Field(
        default=None, description="Why a dropped item was dropped; null for selected items."
    )
    kept: str | None = Field(
        default=None,
        description="Why a selected item that was not chosen on its own evidence is on the page, "
        "as 'kept ...' reads on: 'for the work history' (each job keeps its best bullet while "
        "the page has room), 'with EDUCATION' (a section always kept whole), 'to fill the "
        "page' (--fill, or a CV that shows no posting keyword); null otherwise.",
    )


KeywordState = Literal["literal", "alias", "available", "missing"]
ScoreGroupName = Literal["hard skills", "tools", "methods", "soft skills", "education", "job title"]
Verdict = Literal["meets", "short", "check", "unknown"]
CheckStatus = Literal["ok", "warn", "info"]


class KeywordCoverage(Model):
    """One posting keyword: how much it counts, and where the résumé and the master CV show it."""

    term: str = Field(description="The keyword as the posting spells it.")
    canonical: str = Field(description="The taxonomy's name for it, or the normalised phrase.")
    category: Category = Field(description="Taxonomy category; 'phrase' for terms outside it.")
    group: ScoreGroupName = Field(
        description="The score group the category belongs to (see docs/report.md)."
    )
    importance: Importance = Field(description="required, or preferred (nice to have, a plus).")
    weight: float = Field(description="Importance x section x frequency, in (0, 1].")
    points: float = Field(
        description="The keyword's share of the 0-100 score: what covering it adds."
    )
    status: Status = Field(
        description="covered: on the tailored résumé; available: in the master CV but left out; "
        "missing: not in the master CV."
    )
    state: KeywordState = Field(
        description="literal: covered in the posting's own words; alias: covered only in other "
        "words (an abbreviation, a synonym); available and missing as in status."
    )
    literal: bool = Field(description="The posting's own wording appears (not only an alias).")
    resume_spelling: str | None = Field(
        default=None,
        description="How the tailored résumé spells it (its own words, not the posting's), "
        "where it shows it.",
    )
    master_spelling: str | None = Field(
        default=None, description="How the master CV spells it, where it shows it."
    )
    wording: str | None = Field(
        default=None,
        description="A wording warning where the résumé shows the keyword only in other words, "
        "or (for a keyword not on it) names only a kind of it: YOLO for object detection.",
    )
    kind_named: str | None = Field(
        default=None,
        description="For a keyword not on the résumé: a kind of it that the résumé, else the "
        "master CV, names (YOLO for object detection). A reader sees the keyword in it; a "
        "screen that looks for the keyword's words does not, so the status stays as it is.",
    )
    alternative_shown: str | None = Field(
        default=None,
        description="For a keyword the master CV lacks: what the posting takes in its place "
        "that the résumé, else the master CV, shows: a keyword it names as an alternative "
        "('Python or Java'), or for a degree a higher one (a master's for a bachelor's). The "
        "ask is met; the status stays missing, as a screen for this keyword's words still "
        "misses it.",
    )
    posting_count: int = Field(description="How often the posting uses it (any spelling).")
    resume_count: int = Field(description="Occurrences on the tailored résumé.")
    master_count: int = Field(default=0, description="Occurrences in the master CV.")
    evidence: str = Field(description="The posting sentence it came from.")
    available_in: list[str] = Field(
        default=[],
        description="For an available keyword: ids of the master CV items that would bring it "
        "onto the page, best scored first.",
    )


class GroupScore(Model):
    """The match score within one group of keywords (hard skills, tools ...)."""

    group: ScoreGroupName = Field(description="The group (see docs/report.md).")
    keywords: int = Field(description="How many of the posting's keywords are in the group.")
    master: float = Field(description="Weighted share of the group the master CV shows, 0-100.")
    tailored: float = Field(description="Weighted share the tailored résumé shows, 0-100.")
    covered: int = Field(description="Keywords of the group on the tailored résumé.")
    available: int = Field(description="Keywords of the group only in the master CV.")


class Score(Model):
    """The match scores: the share of the posting's weighted keywords a document shows."""

    master: float = Field(description="Weighted share of posting keywords the master CV covers.")
    tailored: float = Field(description="Weighted share the tailored résumé covers, 0-100.")
    groups: list[GroupScore] = Field(
        default=[], description="The same scores by keyword group, for the groups the posting has."
    )
    note: str | None = Field(
        default=None,
        description="A caution where the posting gave too few keywords for the score to mean "
        "much (a chef's posting read as one job title scores 100 on it).",
    )


class KnockOutCheck(KnockOut):
    """A knock-out fact of the posting set against what the master CV shows."""

    required: bool = Field(
        default=True, description="False where the posting calls it a plus, not a must."
    )
    asked: str = Field(description="What the posting asks, in words: '3+ years', 'a bachelor's'.")
    shown: str | None = Field(
        default=None,
        description="What the CV shows: years its dates add up to, its degrees, its location.",
    )
    verdict: Verdict = Field(
        description="meets: the CV shows it; short: the CV shows less; check: for you to judge "
        "(visa, clearance, location, or years counted only with research); unknown: the CV "
        "does not say."
    )
    note: str = Field(description="One sentence for the job seeker.")


class RecruiterCheck(Model):
    """One of the checks a recruiter's first skim makes of the tailored résumé."""

    id: Literal[
        "measurable_results",
        "word_count",
        "long_bullets",
        "repeated_words",
        "contact_details",
        "standard_headings",
        "job_title",
    ] = Field(description="Which check it is.")
    label: str = Field(description="The check's name for people.")
    status: CheckStatus = Field(description="ok, warn (worth fixing), or info.")
    summary: str = Field(description="The finding in one line.")
    value: float | None = Field(
        default=None, description="The measured number: a share, a word count, a count."
    )
    details: list[str] = Field(
        default=[], description="The bullets, words or headings the finding is about."
    )


class PostingInfo(Model):
    title: str | None = Field(description="The job title the posting gives.")
    company: str | None = Field(description="The company, where the posting names it.")
    location: str | None = Field(default=None, description="Where the job is, as written.")


class Budget(Model):
    pages: float = Field(description="The page budget asked for.")
    max_bullets: int | None = Field(default=None, description="The item limit asked for.")
    fill: bool = Field(
        default=False,
        description="Whether the spare lines were filled with the best remaining items, "
        "evidence or not (--fill).",
    )
    lines_available: int = Field(description="Estimated lines the page budget holds.")
    lines_used: int = Field(description="Estimated lines the tailored résumé takes.")
    note: str | None = Field(
        default=None,
        description="Why lines of the budget are left free, when many are: the other items "
        "show too little of the posting (no keyword of their own, or a score under the "
        "minimum); --fill fills the page with the best of them.",
    )


class Gaps(NamedTuple):
    """The posting keywords the master CV lacks, by what the job seeker can do about them."""

    outright: list[KeywordCoverage]  # not in the CV in any form: gaps of experience
    met: list[KeywordCoverage]  # met by what the posting takes in their place: no gap
    kinds: list[KeywordCoverage]  # named only by a kind of them: gaps of wording


class Result(Model):
    """The machine-readable result written as result.json."""

    tailor_version: str = Field(description="The tailor version that wrote it.")
    posting: PostingInfo = Field(description="The posting the résumé was tailored to.")
    score: Score = Field(description="The match scores of the master CV and the tailored résumé.")
    keywords: list[KeywordCoverage] = Field(
        description="Every posting keyword, heaviest first, with its coverage."
    )
    knockouts: list[KnockOutCheck] = Field(
        default=[], description="The posting's knock-out facts, each checked against the CV."
    )
    checks: list[RecruiterCheck] = Field(
        default=[], description="Recruiter checks of the tailored résumé."
    )
    items: list[ScoredItem] = Field(description="Every rankable master CV item, best first.")
    budget: Budget = Field(description="The page budget and what the résumé uses of it.")

    def gaps(self) -> Gaps:
        """Gives the missing keywords apart: outright, met by an alternative (or a higher
        degree), and named only by a kind of them; one rule for every report."""
        missing = [k for k in self.keywords if k.status == "missing"]
        return Gaps(
            outright=[k for k in missing if not (k.kind_named or k.alternative_shown)],
            met=[k for k in missing if k.alternative_shown],
            kinds=[k for k in missing if k.kind_named and not k.alternative_shown],
        )


class Tailored(Model):
    """What one run gives: the tailored résumé (a selection of the profile) and the result."""

    resume: Profile
    result: Result
    posting: Posting
