"""Posting analysis: the keywords a recruiter and an ATS look for, with importance and evidence."""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from tailor.model import Category, Importance, Keyword, KnockOut, Posting, PostingSectionKind
from tailor.nlp import norm_key, span_text
from tailor.parse.posting import parse_posting
from tailor.skills import US_STATES, VERBS
from tailor.text import LINK, long_form

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from tailor.skills import SkillMatch

SECTION_WEIGHT: dict[PostingSectionKind, float] = {
    "title": 1.0,
    "requirements": 1.0,
    "responsibilities": 0.8,
    "preferred": 0.7,
    "other": 0.7,
}
# Company description, benefits, legal text and how to apply say nothing about the candidate.
BOILERPLATE: set[PostingSectionKind] = {"about", "benefits", "legal", "apply"}
# Cue patterns are written in lower case and searched in lower-cased text: re.IGNORECASE makes
# Python's regex engine six times slower on alternations like these, run on every line.
BOILERPLATE_LINE = re.compile(
    r"equal (employment )?opportunit|regardless of (race|age|gender|sex)|without regard to"
    r"|protected (veteran|characteristic|class)|reasonable accommodation|disabilities act"
    r"|401\(?k\)?|paid time off|health insurance|medical, dental|dental,? and vision"
    r"|private (healthcare|health care|medical)|(life|medical) (insurance|assurance)"
    r"|healthcare and insurance|pension (plan|scheme)|days annual leave"
    r"|parental leave|employee benefits|benefits (include|including|package)"
    r"|e-verify|privacy (policy|notice)|genetic information|stipend"
    r"|(connect|follow) (with )?us on|all rights reserved|export (control|administration)"
    r"|originally posted (as|on|at)|part of the recruitment process|^keyword search\b",
)
# A job board's labels: "Category: IT Jobs", "Date posted: 2021-02-22", "Salary: ...".
BOARD_LABEL = re.compile(
    r"\W*(category|industry|date posted|posted on|job types?|salary|contract length"
    r"|company size|employment type)\s*:"
)
# A substring of every BOILERPLATE_LINE alternative: most lines are ruled out at a fraction of
# the regex's cost.
BOILERPLATE_LINE_HINTS = (
    "equal", "regardless of", "without regard", "protected", "accommodation", "disabilities",
    "401", "paid time off", "insurance", "assurance", "private", "pension", "dental", "leave",
    "benefits", "e-verify", "privacy", "genetic", "stipend", "us on", "rights reserved", "export",
    "originally posted", "recruitment process", "keyword search",
)  # fmt: skip
LIST_REACH = 20  # tokens back from a list member to the bracket that opens its list
# What may stand between a product and the bracket listing its parts: "Hugging Face ecosystem (".
PRODUCT_FAMILIES = {
    "ecosystem", "suite", "stack", "libraries", "library", "family", "platform", "toolkit",
}  # fmt: skip
WRAPPED_LINE = 60  # a line this long that stops mid-sentence may go on on the next line
PARAGRAPH = 150  # a line this long is a paragraph's, wrapped if it stops mid-sentence
FLATTENED = 1200  # a line this long holds a whole posting: its perks are read sentence by sentence
FUNCTION_WORDS = {
    "a", "an", "the", "and", "or", "of", "in", "on", "with", "to", "for", "as", "such", "from",
    "by", "at", "e.g.", "including", "like",
}  # fmt: skip
IMPORTANCE_WEIGHT: dict[Importance, float] = {"required": 1.0, "preferred": 0.6}
PREFERRED_CUE = re.compile(
    r"nice[- ]to[- ]have|\ba plus\b|\bplus\b|\bbonus\b|\bpreferred\b|\bpreferably\b|desirable"
    r"|\bideally\b|advantage|good to have|not required|would be great|is welcome",
)
# A word of every PREFERRED_CUE alternative: substring tests rule out most sentences at a tenth
# of the regex's cost.
PREFERRED_WORDS = (
    "nice", "plus", "bonus", "prefer", "desirab", "ideal", "advantage", "good to", "not req",
    "would be", "welcome",
)  # fmt: skip
ADDING_PLUS = re.compile(r"\bplus\s+(?:\d|at least|a minimum|minimum|experience|years)")
ROLE_SECTIONS: set[PostingSectionKind] = {"title", "requirements", "preferred"}
# An unheaded paragraph where the company speaks of itself ("We empower ...", "Our history
# spans ...", or how it places itself in its market) asks nothing of the candidate, unless it
# says so (CANDIDATE_WORDS: "you", "experience", the tools "we use", the work "we build").
COMPANY_SUBJECT = re.compile(
    r"^(?:(?:at|here at) [^,]{1,40}, )?(?:we|our|they|their|it|its)\b", re.I
)
ADDRESSES_CANDIDATE = re.compile(r"\b(?:you|your|candidates?)\b", re.I)
THIRD_PARTY_SUBJECT = re.compile(
    r"(?:our|the) client\b|their (?:team|culture|mission|company|clients?|customers?)\b"
    r"|the (?:company|firm)\b",
    re.I,
)
# How a company places itself in its market: "is the first vendor to", "founded in 2018".
MARKET_FRAME = re.compile(
    r"\b(is|are|was) (the|a|an) (world's |first |leading |largest |fastest[- ]growing |global "
    r"|premier |only |top |pioneer)|\bfounded in\b|\bbacked by\b|\bheadquartered in\b",
    re.I,
)
MARKET_HINTS = ("is ", "are ", "was ", "founded", "backed", "headquartered")
CANDIDATE_WORDS = re.compile(
    r"\b(you|your|candidates?|applicants?|experience|skills?|ideal|looking for|seeking|hire"
    r"|hiring|join|role|position|responsib|requir|use|uses|using|utili[sz]e|leverage|stack"
    r"|tools|technologies|built (on|with)|work with|work on|build|develop|train|deploy|design"
    r"|solve|research)\b",
    re.I,
)
# What the job offers rather than asks ("the opportunity to gain experience with Kubeflow and
# Docker", "get exposure to large-scale ML infra") and who the team already has ("a team which
# consists of researchers and engineers in Computer Vision ... and Robotics").
OFFERED = re.compile(
    r"\b(?:opportunit(?:y|ies) to (?:gain|learn|get|grow|explore|publish|expand|deepen|visit)"
    r"|(?:get|gain) exposure to|team (?:which |that )?(?:consists of|includes|is made up of"
    r"|comprises))\b([^.;]{1,200})",
    re.I,
)
# What the posting suggests reading ("you may want to take a look at the recent announcement
# about the collaboration with GraphCore on IPUs"): no ask.
READING = re.compile(
    r"\b(?:(?:take|have) a look at|check out|read more about|learn more about)\b([^.;]{1,200})",
    re.I,
)
# A label naming the company's team ("**Algorithms Team:**"): no skill asked for.
TEAM_LABEL = re.compile(
    r"^[*_\s]*(?:our |the )?[A-Za-z][\w &/+-]{0,40}? teams?[*_\s]*:[*_\s]*$", re.I
)
# A company's boast of its popularity ("320K+ stars on GitHub"): no tool asked for.
BOAST = re.compile(r"\bstars on ([A-Z]\w+)|\b([A-Z]\w+) stars\b")
# A list item that can only finish the one before: "is a plus", "and unsupervised learning".
LIST_ITEM_GOES_ON = re.compile(r"(?:is|are|would be|will be|and|or)\b(?! [A-Z])")
ACRONYM_IN_PARENTHESES = re.compile(r"\(([A-Z][A-Za-z0-9]{1,7})\)")
# What the job is not: "this is not a data cleansing or data structuring position".
NOT_THE_JOB = re.compile(r"\b(?:is not|isn't|is no|not) an? ([^.;]{1,80}?) (?:position|role|job)\b")
# Organisations named as customers, employers or investors ("companies such as Meta, Uber and
# Netflix", "organizations such as Google, Elastic, Salesforce"): no skill.
ORGANIZATION_NOUNS = (
    "organiz", "organis", "compan", "customer", "client", "brand", "enterprise", "investor",
    "employer",
)  # fmt: skip
ORGANIZATIONS = re.compile(
    r"\b(?:organi[sz]ations|companies|customers|clients|brands|enterprises|investors"
    r"|employers),? (?:such as|like|including) ([^.;:()]{1,160})",
    re.I,
)
# A company's legal form, left out of its initials ("Aptonet Inc" is not "AI").
LEGAL_FORMS = {
    "inc", "llc", "ltd", "limited", "corp", "corporation", "co", "gmbh", "plc", "ag", "sa",
}  # fmt: skip
# "Collaborate with DevOps, platform and Frontend teams" names the teams the candidate works
# with, not skills asked of them: the words between such a cue and "team(s)".
TEAM_CUES = {"with", "alongside", "across", "between", "among"}
# People are named by more cues than teams: "a team of engineers and UX designers", "shared by
# all data scientists" ("part of the Search ML team" is the candidate's own team).
COLLEAGUE_CUES = TEAM_CUES | {"of", "by"}
TEAM_WORD = re.compile(r"\b[Tt]eams?\b")
TEAM_LIST_GLUE = {
    "and", "or", "&", "/", "-", ",", "the", "our", "other", "various", "internal", "all",
}  # fmt: skip
TEAM_LIST_WORDS = 12
PHRASE_WEIGHT = 0.6
# Skills that, right after another skill, are only its head noun ("NLP algorithms").
HEAD_SKILLS = {"algorithms"}
SALIENT_SECTIONS: set[PostingSectionKind] = {"requirements", "preferred"}
SALIENT_DF = 1  # a pair in at most this many background postings is rare enough
LIST_SEPARATORS = {",", ";", "/", "(", ")", ":", "&", "|"}
LIST_LEAD_WORDS = {
    "experience", "knowledge", "familiarity", "proficiency", "expertise", "skills", "strong",
    "solid", "deep", "good", "excellent", "hands", "on", "working", "including", "like", "e.g.",
    "eg", "i.e.", "such", "especially", "particularly", "preferably", "ideally", "using",
}  # fmt: skip
GENERIC_ITEMS = {
    "similar", "other", "others", "related", "equivalent", "relevant", "etc", "tools", "tool",
    "frameworks", "framework", "languages", "language", "technologies", "technology", "libraries",
    "platforms", "systems", "methods", "techniques", "experience", "years", "year", "degree",
    "field", "fields", "ability", "skills", "skill", "knowledge", "understanding", "plus",
    "preferred", "required", "including", "e.g.", "i.e.", "like", "more", "modern", "various",
    "strong", "solid", "good", "excellent", "best", "practices", "concepts", "background",
    "vendor", "vendors", "partner", "partners", "customer", "customers", "stakeholder",
    "stakeholders", "colleague", "colleagues", "team", "teams",
    # People a posting lists: "work with customers, product leaders, subject matter experts".
    "leaders", "experts", "engineers", "researchers", "scientists", "managers", "designers",
    "analysts", "executives", "users", "clients", "members", "people", "developers", "officers",
    "directors", "specialists", "clinicians", "founders", "investors", "term",
}  # fmt: skip
ADJECTIVE_END = re.compile(r"(ed|ize|ise|ly|ive|ent|ful|able|ible|al|ous|ic)$")
# Adjectives that praise or place rather than name a field ("emerging domain", "technological
# advancements", "historical matchups"): a pair led by one is no term.
PARTICIPLES = {
    "emerging", "growing", "evolving", "exciting", "leading", "existing", "upcoming", "ongoing",
    "challenging", "interesting", "demanding", "rewarding", "thriving", "amazing", "booming",
}  # fmt: skip
EVALUATIVE = re.compile(r"(logical|rical|ous|ive|ful)$")
PRAISE = {
    "efficient", "scalable", "commercial", "proven", "historical", "robust", "reliable",
    "relevant", "novel", "various", "strong", "excellent", "great", "good", "solid", "practical",
}  # fmt: skip
LY_NOUNS = {"family", "supply", "assembly", "anomaly", "monopoly", "ally"}
TOOL_WORD = re.compile(r"(?<![\w.+#-])[A-Za-z][\w+#.-]*[\w+#](?![\w+#-])")
TOOL_SHAPE = re.compile(r"\b[A-Z][a-z]+[A-Z]|\b[A-Z][A-Za-z]*\d|\b[A-Z]{2,5}s?\b")
BULLET_MARK = re.compile(r"^\s*(?:[-*•–·▪]|\d{1,2}[.)])\s+")
TOOL_LIKE = re.compile(
    r"^(?:[A-Z][a-z]+[A-Z][A-Za-z]*\d*|[A-Z][A-Za-z]*\d+[A-Za-z\d]*|[A-Z]{2,5}s?)$"
)
NOT_TOOLS = {
    "US", "USA", "UK", "EU", "EEO", "HR", "PTO", "CEO", "CTO", "VP", "LLC", "INC", "OK", "IT",
    "TBD", "FAQ", "ETA", "II", "III", "IV", "NYC", "SF", "LA", "EST", "PST", "CET", "UTC",
    "USD", "EUR", "GBP", "ID", "WFH", "KPIs", "KPI", "OKRs", "YOE", "AND", "OR", "THE", "FOR",
    "WITH", "YOU", "OUR", "WE", "LI", "NO", "NOT", "ALL", "ANY",
    # Everyday words a posting shouts: "If the answer is YES!", "Apply NOW".
    "YES", "NOW", "NEW", "FREE", "URGENT", "ASAP", "APPLY", "HIRING", "JOIN", "NOTE", "WOW",
    # The résumé itself: "send your CV" (computer vision is the taxonomy's, read apart).
    "CV", "CVs",
}  # fmt: skip
YEARS = re.compile(
    r"(?P<value>\d{1,2}\s*\+?(?:\s*(?:-|–|to)\s*\d{1,2})?\s*\+?)\s*(?:or more\s*)?years?", re.I
)
# A bare "master" is a degree only before degree/of/in ("master diverse web technologies" is a
# verb), and MS/MA only when not Microsoft's ("MS Excel").
DEGREE = re.compile(
    r"\b(?P<value>ph\.?\s?d\.?|doctorate|master(?:'s|’s|s)|master(?=\s+(?:degree|of|in)\b)"
    r"|m\.?s\.?c?\b(?!\s*(?:excel|office|word|access|project|teams|sql|dynamics|visio|outlook"
    r"|powerpoint|azure))|bachelor'?s?|b\.?s\.?c?\b|b\.?a\.?\b|m\.?eng|b\.?eng|degree)\b",
    re.IGNORECASE,
)
# What may join the members of one list of skills, and what may follow its last member after
# "or": "Computer Science, Electrical Engineering or a related field".
LIST_JOINS = frozenset({",", "or", "and"})
JOIN_WORDS = re.compile(r"\w+|[^\w\s]")
OR_SIMILAR = frozenset({"a", "an", "another", "other", "similar", "equivalent", "related", "any"})
# A sentence that states what a candidate must be or have.
STATED_MUST = re.compile(
    r"\b(?:candidates?|applicants?|you) must (?:be|have|possess|hold|live|reside)"
)
# "total work: 2 years (Required)": a job board's experience field.
YEARS_CONTEXT = re.compile(r"experience|industry|professional|working|total work")
DEGREE_CONTEXT = re.compile(r"degree|ph\.?d|master|bachelor|b\.?s|m\.?s")
# Searched in lower-cased text, like the cue patterns above.
CONSTRAINTS: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile(pattern))
    for kind, pattern in [
        (
            "visa",
            r"visa|sponsorship|authori[sz]ed to work|work authori[sz]ation|right to work"
            r"|eligib\w* to (live and )?work",
        ),
        # A clearance with its kind or its need, not "clearance of invoices".
        (
            "clearance",
            r"(security|secret|government|federal|dod|active|public trust|sc|dv|nv1)"
            r" clearance|clearance (required|level|eligib)|(obtain|hold|maintain)( an?)? clearance"
            r"|\bts/sci\b|polygraph",
        ),
        # Hybrid work, not "hybrid search" or "hybrid cloud".
        (
            "onsite",
            r"\bon[- ]?site\b|in[- ]office|in the office|relocat|\bhybrid\b(?![- ](?:search"
            r"|cloud|retrieval|architectures?|systems?|vehicles?|apps?|approach|methods?|ranking"
            r"|recommend|algorithms?|quantum|neural|infrastructure|deployments?|integration"
            r"|solutions?|models|engines?|networks?|storage|computing|data\b|ai\b|ml\b|rag\b))",
        ),
        ("location", r"must (be|reside|live) (located |based )?in|based in|within commuting"),
    ]
]
SENTENCE_BREAK = re.compile(r"(?<=[.!?;])\s+(?=[A-Z])|\s*[·•]\s*")
# The sentences of a flattened posting, each with the break after it: a run of spaces stood
# for a line break before the text was flattened.
SENTENCE_PIECES = re.compile(rf"({SENTENCE_BREAK.pattern}|\s{{2,}})")
SENTENCES = re.compile(rf"{SENTENCE_BREAK.pattern}|\s{{2,}}")
KNOCKOUT_HINT = re.compile(
    r"year|degree|ph\.?d|master|bachelor|b\.?s|m\.?s|visa|sponsor|authori|clearance|polygraph"
    r"|site|office|hybrid|relocat|based|reside|commut|eligib",
)


@dataclass
class Tally:
    """What the posting says about one keyword, gathered sentence by sentence."""

    term: str  # the keyword's name where the posting spells it nowhere (found by phrasings)
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
    listed: bool = False
    partners: set[str] = field(default_factory=set)  # skills asked as its alternatives
    alone: bool = False  # asked for on its own somewhere, not only as one of alternatives


def counted_units(posting: Posting) -> list[tuple[str, PostingSectionKind]]:
    """Gives the lines that count for keywords, each with its section kind."""
    units: list[tuple[str, PostingSectionKind]] = []
    if posting.title:
        units.append((posting.title, "title"))
    for section in posting.sections:
        if section.kind not in BOILERPLATE:
            units.extend((line, section.kind) for line in counted_lines(section.text))
    return units


def counted_lines(text: str) -> list[str]:
    """Gives the lines of a section that count, hard-wrapped paragraphs joined again.

    List marks go, and link addresses ("[computer vision](https://...)" counts as its text);
    benefits and legal lines, which also sit unheaded under counted sections, are left out.
    A list item goes on from the one before when a scraper broke a sentence into items ("*
    Experience with TensorFlow or PyTorch" + "* is a plus"). A line goes on from the one before
    when that one is long enough to have wrapped and stops mid-sentence, and the line is no list
    item and either starts in lower case, or follows a comma or a function word ("such as",
    "and"), or goes on with a name the break cut in two ("... machine learning, deep learning,
    Natural" + "Language Processing ..."); a skill's name cut in two joins even across a list
    mark ("... Machine" + "* Learning, or a related field").
    """
    lines: list[str] = []
    joinable = False  # the last line kept may go on: no blank or left-out line came since
    for raw in text.split("\n"):
        mark = BULLET_MARK.match(raw)
        line = (raw[mark.end() :] if mark else raw).strip()
        if "](" in line:
            line = LINK.sub(r"\1", line)
        if len(line) > FLATTENED:
            line = without_boilerplate(line)
        if not line or is_boilerplate(line.lower()):
            joinable = False
            continue
        if (
            joinable
            and line[0].isalpha()
            and (
                (not mark and goes_on(lines[-1], line))
                or cuts_a_name(lines[-1], line)
                or (lines[-1][-1] not in ".!?:;" and LIST_ITEM_GOES_ON.match(line))
            )
        ):
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
        joinable = True
    return lines


def without_boilerplate(paragraph: str) -> str:
    """Gives a paragraph without its benefits and legal sentences: a posting flattened to one
    line keeps its asks and loses its perks ("... benefits: private healthcare, life assurance,
    pension plan ...")."""
    lowered = paragraph.lower()
    if not any(hint in lowered for hint in BOILERPLATE_LINE_HINTS):
        return paragraph
    pieces = SENTENCE_PIECES.split(paragraph)  # sentences, each followed by its break
    kept = [
        sentence + brk
        for sentence, brk in zip(pieces[::2], [*pieces[1::2], ""], strict=True)
        if not is_boilerplate(sentence.lower())
    ]
    return "".join(kept).strip()


def is_boilerplate(lowered: str) -> bool:
    """Tells whether a lower-cased line is benefits or legal text, or a job board's label."""
    if ":" in lowered[:20] and BOARD_LABEL.match(lowered):
        return True
    return any(hint in lowered for hint in BOILERPLATE_LINE_HINTS) and bool(
        BOILERPLATE_LINE.search(lowered)
    )


def cuts_a_name(previous: str, line: str) -> bool:
    """Tells whether a line break cut a skill's name in two, even before a list mark a scraper
    added: "... Artificial Intelligence, Machine" + "* Learning, or a related field"."""
    if previous[-1] in ".!?:;,":
        return False
    last = previous.rsplit(None, 1)[-1].lower()
    first = line.split(None, 1)[0].lower().rstrip(",;:.")
    return (last, first) in name_pairs()


@cache
def name_pairs() -> frozenset[tuple[str, str]]:
    """Gives the first two words of every taxonomy name and alias of two words or more."""
    from tailor.skills import load_taxonomy

    return frozenset(
        (words[0], words[1])
        for skill in load_taxonomy().skills
        for term in (skill.name, *skill.aliases)
        if len(words := term.lower().split()) >= 2
    )


def goes_on(previous: str, line: str) -> bool:
    """Tells whether a line continues a wrapped one (see counted_lines)."""
    if len(previous) < WRAPPED_LINE or previous[-1] in ".!?:;":
        return False
    last = previous.rsplit(None, 1)[-1]
    return (
        line[0].islower()
        or last.endswith(",")
        or last.lower() in FUNCTION_WORDS
        or (len(previous) >= PARAGRAPH and last.istitle() and line[0].isupper())
    )


def analyze_posting(text: str, *, source: str | None = None) -> Posting:
    """Gives the Posting of a posting's text with its keywords and knock-out facts."""
    from tailor.nlp import make_docs
    from tailor.skills import load_taxonomy, match_skills

    posting = parse_posting(text, source=source)
    units = counted_units(posting)
    taxonomy = load_taxonomy()
    tallies: dict[str, Tally] = {}
    salient: set[str] = set()
    company_words = set((posting.company or "").split())
    # An acronym the posting defines ("autonomous vehicle (AV)") is its long form's wherever
    # it comes again ("AV requirements"): no outside term of its own.
    company_words |= defined_acronyms(text for text, _ in units)
    for order, (doc, (line, kind)) in enumerate(
        zip(make_docs(u for u, _ in units), units, strict=True)
    ):
        section_weight = SECTION_WEIGHT.get(kind, 0.5)
        covered: set[int] = set()
        cues: dict[str, bool] = {}
        ends: set[int] = set()
        # Teams the candidate works with name no skill asked (team_lists); nor do the lines of
        # quiet_ranges (the company naming or speaking of itself; its customers; what the job
        # offers or is not) ask any, soft skills included ("We value creativity"); an acronym
        # after the words it abbreviates adds no outside term of its own. No keyword, outside
        # term or pair comes of them.
        teams = team_lists(doc)
        kept: list[SkillMatch] = []
        quiet = quiet_ranges(doc, posting.company, unheaded=kind == "other")
        for start, end in teams + quiet + abbreviations(span_text(doc[:])):
            covered.update(range(start, end))
        for match in match_skills(doc):
            skill = match.skill
            covered.update(range(*match.own))
            ends.add(match.end)
            if (skill.category == "role" and kind not in ROLE_SECTIONS) or names_others(
                doc, match, teams
            ):
                # "work closely with data scientists" names colleagues, not the candidate.
                continue
            if (
                skill.category == "role"
                and "certif" in line[max(0, match.start - 40) : match.start].lower()
            ):
                # "AWS certifications (e.g. Solutions Architect, ...)": a certificate's name.
                continue
            if any(a <= match.start and match.end <= b for a, b in quiet):
                continue
            if heads_a_skill(match, ends):
                # "NLP algorithms" asks for NLP: the head noun is no keyword of its own.
                continue
            if match.sentence not in cues:
                cues[match.sentence] = says_preferred(match.sentence)
            preferred = kind == "preferred" or cues[match.sentence]
            # A phrasing ("Deploying these models") is no spelling of the skill: the posting's
            # own spellings name the keyword, else the skill's name does.
            spelling = None if match.phrased else match.text
            tally = tallies.get(skill.name)
            if tally is None:
                tally = tallies[skill.name] = Tally(
                    term=skill.name,
                    canonical=skill.name,
                    category=skill.category,  # type: ignore[arg-type]
                    kind=skill.kind,
                    broader=taxonomy.broader_chain(skill.name),
                    order=order,
                )
            record(tally, spelling, match.sentence, preferred=preferred, weight=section_weight)
            kept.append(match)
        # Alternatives need "or" and two skills: most lines have neither.
        partners = alternatives(doc, kept) if len(kept) > 1 and " or " in line else {}
        for match in kept:
            tally = tallies[match.skill.name]
            tally.partners |= partners.get(match.start, set())
            tally.alone = tally.alone or match.start not in partners
        if kind == "title":
            continue
        for sentence in doc.sents:
            listed = outside_terms(sentence, covered, company_words)
            found = list(listed)
            if kind in SALIENT_SECTIONS:
                pairs = [pair for pair in salient_pairs(sentence, covered) if pair not in found]
                salient.update(key for _, key in pairs)
                found += pairs
            if not found:
                continue
            sentence_text = span_text(sentence)
            preferred = kind == "preferred" or says_preferred(sentence_text)
            for term, key in found:
                tally = tallies.get(f"phrase:{key}")
                if tally is None:
                    tally = tallies[f"phrase:{key}"] = Tally(
                        term=term,
                        canonical=key,
                        category="phrase",
                        kind="hard",
                        broader=[],
                        order=order,
                    )
                tally.listed = tally.listed or (term, key) in listed
                record(
                    tally,
                    term,
                    sentence_text.strip(),
                    preferred=preferred,
                    weight=section_weight * PHRASE_WEIGHT,
                )
    # A rare pair said once may be chance wording; said twice, the posting means it.
    for key in salient:
        pair = tallies.get(f"phrase:{key}")
        if pair is not None and pair.count < 2 and not pair.listed:
            del tallies[f"phrase:{key}"]
    top = max(map(raw_weight, tallies.values()), default=1.0) or 1.0
    keywords = [to_keyword(tally, top) for tally in tallies.values()]
    keywords.sort(key=lambda keyword: (-keyword.weight, tallies_order(tallies, keyword)))
    return posting.model_copy(
        update={"keywords": keywords, "knockouts": find_knockouts(units + stated_musts(posting))}
    )


def stated_musts(posting: Posting) -> list[tuple[str, PostingSectionKind]]:
    """Gives the sentences of uncounted sections (the company's profile, benefits, how to
    apply) that state a must: a note at the end of the perks, "Candidates must possess a valid
    EU visa and be based in Portugal", is a knock-out fact all the same."""
    return [
        (sentence, section.kind)
        for section in posting.sections
        if section.kind in BOILERPLATE - {"legal"} and "must" in section.text
        for line in section.text.split("\n")
        for sentence in SENTENCES.split(line)
        if STATED_MUST.search(sentence.lower())
    ]


def names_of(company: str | None, text: str) -> list[tuple[int, int]]:
    """Gives the character ranges where a text names the company: as the posting's byline
    spells it, or by its initials ("HF" for Hugging Face, "MERL"), on word boundaries."""
    if not company:
        return []
    names, pattern = company_names(company)
    if not any(name in text for name in names):
        return []
    return [match.span() for match in pattern.finditer(text)]


@cache
def company_names(company: str) -> tuple[tuple[str, ...], re.Pattern[str]]:
    """Gives a company's names (as written, and its initials if it has several words, its
    legal form aside) and the pattern that finds them as whole words."""
    words = [word for word in company.split() if word.lower().strip(".,") not in LEGAL_FORMS]
    names = (
        company,
        *([" ".join(words)] if words and len(words) < len(company.split()) else []),
        *(["".join(word[0] for word in words).upper()] if len(words) > 1 else []),
        # A name led by its acronym goes by it: "CMC Consulting Limited" is CMC (not a skill's
        # name: "NLP Logix" is no reason to hear NLP as the company).
        *(
            [words[0]]
            if len(words) > 1
            and words[0].isupper()
            and len(words[0]) > 2
            and words[0] not in skill_acronyms()
            else []
        ),
    )
    alternatives = "|".join(re.escape(name) for name in names)
    return names, re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


@cache
def skill_acronyms() -> frozenset[str]:
    """Gives every name, alias and acronym of the taxonomy written in capitals."""
    from tailor.skills import load_taxonomy

    return frozenset(
        term
        for skill in load_taxonomy().skills
        for term in (skill.name, *skill.aliases, *skill.acronyms)
        if term.isupper()
    )


def quiet_ranges(doc: Doc, company: str | None, *, unheaded: bool) -> list[tuple[int, int]]:
    """Gives the character ranges of a line that ask nothing of the candidate: the company
    naming itself, its team's label, the customers or investors it names, its boasts, what the
    job offers, what it suggests reading, what the job is not, and the company speaking of
    itself (company_talk). Cheap substring tests first: most lines have none of these."""
    text = span_text(doc[:])  # the kept text: Doc.text joins the tokens anew each time
    lowered = text.lower()
    found = names_of(company, text)
    if any(cue in lowered for cue in (" such as ", " like ", " including ")) and any(
        noun in lowered for noun in ORGANIZATION_NOUNS
    ):
        found += [match.span(1) for match in ORGANIZATIONS.finditer(text)]
    if "opportunit" in lowered or "exposure" in lowered or "team" in lowered:
        found += [match.span(1) for match in OFFERED.finditer(text)]
    if "team" in lowered and ":" in text and TEAM_LABEL.match(text):
        found.append((0, len(text)))
    if "stars" in lowered:
        found += [match.span(match.lastindex or 0) for match in BOAST.finditer(text)]
    if any(cue in lowered for cue in ("look at", "check out", "more about")):
        found += [match.span(1) for match in READING.finditer(text)]
    if any(cue in lowered for cue in (" not a", "n't a", " no a")) and any(
        word in lowered for word in ("position", "role", "job")
    ):
        found += [match.span(1) for match in NOT_THE_JOB.finditer(text)]
    if unheaded or "client" in lowered or "their" in lowered or "the company" in lowered:
        found += company_talk(doc, company, unheaded=unheaded)
    return found


def team_lists(doc: Doc) -> list[tuple[int, int]]:
    """Gives the character ranges of the teams a posting says the candidate works with: the
    words between a cue ("with", "alongside", "across" ...) and "team(s)", when nothing but
    names and list glue stand between ("along with ML Platform, Embedded, and Frontend teams";
    not "experience with Python and working in agile teams")."""
    found: list[tuple[int, int]] = []
    for word in TEAM_WORD.finditer(span_text(doc[:])):
        team = doc.char_span(*word.span())
        if team is None:
            continue
        cue = cue_before(doc, team.start)
        if cue is not None and cue + 1 < team.start:
            found.append((doc[cue + 1].idx, word.start()))
    return found


def company_talk(doc: Doc, company: str | None, *, unheaded: bool) -> list[tuple[int, int]]:
    """Gives the character ranges of the sentences where the company speaks of itself, not of
    the candidate or of the tools the job uses. In an unheaded paragraph: "We empower the
    people who run physical operations", "Mist is the first vendor to ..."; under any heading,
    only sentences about the client or "their" team or culture ("Our client is pioneering
    personalized wellness ..."), unless they address the candidate."""
    found = []
    for sentence in doc.sents:
        text = span_text(sentence).strip()
        if unheaded:
            lowered = text.lower()
            own = (
                COMPANY_SUBJECT.match(text)
                or (company and text.startswith(company))
                or (any(hint in lowered for hint in MARKET_HINTS) and MARKET_FRAME.search(text))
            )
            quiet = own and not CANDIDATE_WORDS.search(text)
        else:
            quiet = THIRD_PARTY_SUBJECT.match(text) and not ADDRESSES_CANDIDATE.search(text)
        if quiet:
            found.append((sentence.start_char, sentence.end_char))
    return found


def names_others(doc: Doc, match: SkillMatch, teams: list[tuple[int, int]]) -> bool:
    """Tells whether a match names the people or teams the candidate works with, not what the
    candidate does or is asked for: a role in a list of colleagues ("communicate with data
    scientists and product managers", "a team of engineers and UX designers"), a skill in a
    team's name (``teams``, from team_lists: "along with the Backend and Frontend teams"). A
    soft skill stays: "work with cross-functional teams" asks for one. Postings and CVs alike."""
    if match.skill.category == "role":
        return names_colleagues(doc, match.start)
    return match.skill.kind == "hard" and any(a <= match.start and match.end <= b for a, b in teams)


def names_colleagues(doc: Doc, start: int) -> bool:
    """Tells whether a role's name at character ``start`` is in a list of the people the
    candidate works with ("communicate with applied scientists, engineers and product
    managers"), not the candidate's own role ("experience as a Data Scientist")."""
    token = doc.char_span(start, start + 1, alignment_mode="expand")
    return token is not None and cue_before(doc, token.start, people=True) is not None


def cue_before(doc: Doc, index: int, *, people: bool = False) -> int | None:
    """Gives the index of the cue ("with", "alongside" ...; for ``people`` also "of", "by")
    that opens the list of names the token at ``index`` ends or belongs to, if nothing but names
    and list glue stand between."""
    team_cues, people_cues, glue = list_words()
    cues = people_cues if people else team_cues
    at = index - 1
    while at >= 0 and index - at <= TEAM_LIST_WORDS:
        word = doc[at]
        if word.lower in cues:  # hashes: no string made for each word walked over
            return at
        if word.lower not in glue and (word.is_stop or not word.is_alpha):
            return None
        at -= 1
    return None


@cache
def list_words() -> tuple[frozenset[int], frozenset[int], frozenset[int]]:
    """Gives the hashes of TEAM_CUES, COLLEAGUE_CUES and TEAM_LIST_GLUE, as a token's
    ``lower`` holds them."""
    from tailor.nlp import get_nlp

    add = get_nlp().vocab.strings.add
    return (
        frozenset(add(word) for word in TEAM_CUES),
        frozenset(add(word) for word in COLLEAGUE_CUES),
        frozenset(add(word) for word in TEAM_LIST_GLUE),
    )


def says_preferred(text: str) -> bool:
    """Tells whether a sentence marks what it asks as a plus ("nice to have", "preferred").

    An adding "plus" ("a degree, plus 5 years of experience") is not one.
    """
    lowered = ADDING_PLUS.sub("", text.lower())
    return (
        any(word in lowered for word in PREFERRED_WORDS)
        and PREFERRED_CUE.search(lowered) is not None
    )


def phrase_key(tokens: Sequence[Token]) -> str:
    """Gives the matching key of a phrase: its word lemmas joined by spaces."""
    return " ".join(t.norm_ for t in tokens if any(ch.isalnum() for ch in t.text))


def outside_terms(
    sentence: Span, covered: set[int], company_words: set[str]
) -> list[tuple[str, str]]:
    """Gives (term, key) for terms the taxonomy lacks: tool-like names and members of skill lists.

    A tool-like name is CamelCase, has digits or is an acronym (TensorRT, YOLOv8, ROS). A list
    member is a short item of an enumeration in which at least two items are known skills
    ("Hive, Pig, Oozie and Spark"), so a new tool name still shows up.
    """
    found: list[tuple[str, str]] = []
    seen: set[str] = set()

    def add(tokens: Sequence[Token]) -> None:
        text = "".join(t.text_with_ws for t in tokens).strip()
        key = phrase_key(tokens)
        if key and key not in seen:
            seen.add(key)
            found.append((text, key))

    text = span_text(sentence)
    has_tool = TOOL_SHAPE.search(text) is not None
    separators = sum(text.count(ch) for ch in ",;/")
    if not has_tool and separators < 2:
        return found
    if has_tool:
        offset = sentence.start_char
        for shape in TOOL_WORD.finditer(text):
            word = shape.group()
            if (
                offset + shape.start() not in covered
                and TOOL_LIKE.match(word)
                and word not in NOT_TOOLS
                and word not in US_STATES
                and word not in company_words
                and not (word.isupper() and text.isupper())
                and norm_key(word) not in seen
            ):
                seen.add(norm_key(word))
                found.append((word, norm_key(word)))
    if (
        separators < 2
        or sum(1 for i in covered if sentence.start_char <= i < sentence.end_char) < 2
    ):
        return found
    segments: list[list[Token]] = [[]]
    for token in sentence:
        if token.text in LIST_SEPARATORS or token.lower_ in {"and", "or", "etc"}:
            segments.append([])
        else:
            segments[-1].append(token)
    segments = [member(segment) for segment in segments]
    segments = [segment for segment in segments if segment]
    known = [s for s in segments if any(t.idx in covered for t in s)]
    if len(known) < 2 or len(segments) < 3:
        return found
    for segment in segments:
        after = segment[-1].i + 1
        if any(t.idx in covered for t in segment) or (
            after < len(sentence.doc) and sentence.doc[after].text == ":"
        ):
            # A segment before a colon is a label ("Technical Mastery: ..."), not an item.
            continue
        if any(t.text in company_words for t in segment):
            continue
        if (
            1 <= len(segment) <= 3
            and all(any(ch.isalnum() for ch in t.text) for t in segment)
            and not any(t.is_stop or t.lower_ in GENERIC_ITEMS for t in segment)
            and not segment[-1].like_num
            and looks_like_term(segment)
        ):
            add([*parent_product(segment, covered), *segment])
    return found


def parent_product(segment: Sequence[Token], covered: set[int]) -> list[Token]:
    """Gives the product a one-word list member belongs to when it is a common word in title
    case inside the brackets after that product: "Hugging Face ecosystem (Transformers,
    Datasets, PEFT, Accelerate)" names Hugging Face's Datasets, not datasets. None otherwise
    (a name shaped like a tool, "PEFT", is distinctive as it is)."""
    word = segment[0]
    if len(segment) != 1 or not word.is_title or TOOL_LIKE.match(word.text):
        return []
    doc = word.doc
    at = word.i - 1
    while at >= 0 and doc[at].text not in "()" and word.i - at <= LIST_REACH:
        at -= 1
    if at < 0 or doc[at].text != "(":
        return []
    end = at - 1 if at > 0 and doc[at - 1].lower_ in PRODUCT_FAMILIES else at
    product: list[Token] = []
    for i in range(end - 1, max(-1, end - 5), -1):
        if doc[i].idx not in covered:
            break
        product.insert(0, doc[i])
    return product


def abbreviations(text: str) -> list[tuple[int, int]]:
    """Gives the character ranges of the acronyms in parentheses that abbreviate the words
    before them (text.long_form): the long form names the term (or no term), the acronym adds
    none."""
    if "(" not in text:
        return []
    return [
        match.span(1)
        for match in ACRONYM_IN_PARENTHESES.finditer(text)
        if long_form(text, *match.span(1)) is not None
    ]


def defined_acronyms(texts: Iterable[str]) -> set[str]:
    """Gives the acronyms the texts define in parentheses after the words they abbreviate."""
    return {text[start:end] for text in texts for start, end in abbreviations(text)}


def member(segment: list[Token]) -> list[Token]:
    """Gives a list segment without its leading stop and lead words ("and the", "such as")."""
    start = 0
    while start < len(segment) and (
        segment[start].is_stop or segment[start].lower_ in LIST_LEAD_WORDS
    ):
        start += 1
    return segment[start:]


def salient_pairs(sentence: Span, covered: set[int]) -> list[tuple[str, str]]:
    """Gives (term, key) for two-word phrases rare in job ads at large ("camera perception").

    Rarity is the shipped background's document frequency: a pair most postings use
    ("team player") is not a keyword, a pair few use is salient. Only noun-like pairs count:
    no verbs first, no adjective endings last, no stop words, nothing the taxonomy matched.
    """
    from tailor.rank import background

    total, frequency = background()
    found: list[tuple[str, str]] = []
    tokens = [t for t in sentence if t.is_alpha]
    for first, second in itertools.pairwise(tokens):
        if (
            second.i != first.i + 1
            or first.idx in covered
            or second.idx in covered
            or first.is_stop
            or second.is_stop
            or len(first.text) < 3
            or len(second.text) < 3
            or first.norm_ in VERBS
            # An adverb: "rapidly evolving", "relatively young" (not "supply planning").
            or (first.lower_.endswith("ly") and first.lower_ not in LY_NOUNS)
            or first.lower_ in GENERIC_ITEMS
            or second.lower_ in GENERIC_ITEMS
            or first.lower_ in LIST_LEAD_WORDS
            or ADJECTIVE_END.search(second.lower_)
            or first.lower_ in PARTICIPLES
            or first.lower_ in PRAISE
            or EVALUATIVE.search(first.lower_)
            or first.is_sent_start
        ):
            continue
        key = f"{first.norm_} {second.norm_}"
        if frequency.get(key, 0) <= SALIENT_DF and frequency.get(second.norm_, 0) < total / 4:
            found.append((f"{first.text} {second.text}", key))
    return found


def looks_like_term(tokens: Sequence[Token]) -> bool:
    """Tells whether a list member looks like a skill name rather than a verb or an adjective.

    Without a tagger, shape decides: a name with capitals or digits (Gulp, S3) is a term; a
    lower-case item must be two or three words, not led by a verb, not ending like an adjective.
    """
    if tokens[0].like_num:  # "1 Million+ models": a count, not a name
        return False
    # A capital that only starts the sentence says nothing ("Develop ...").
    shaped = [t.text[1:] if t.is_sent_start else t.text for t in tokens]
    if any(any(ch.isupper() or ch.isdigit() for ch in text) for text in shaped):
        return True
    if len(tokens) < 2 or tokens[0].norm_ in VERBS:
        return False
    # Praise is no name: "efficient search solutions", "commercial implementations".
    if tokens[0].lower_ in PRAISE or EVALUATIVE.search(tokens[0].lower_):
        return False
    return not ADJECTIVE_END.search(tokens[-1].lower_)


def tallies_order(tallies: dict[str, Tally], keyword: Keyword) -> int:
    tally = tallies.get(keyword.canonical) or tallies.get(f"phrase:{keyword.canonical.lower()}")
    return tally.order if tally else 0


def heads_a_skill(match: SkillMatch, ends: set[int]) -> bool:
    """Tells whether a match is only the head noun of the skill before it ("NLP algorithms",
    "detection algorithms"), given where the doc's earlier matches end."""
    return match.skill.name in HEAD_SKILLS and (match.start - 1 in ends or match.start in ends)


def alternatives(doc: Doc, matches: list[SkillMatch]) -> dict[int, set[str]]:
    """Gives, by a match's first character, the other skills a line asks for in its place:
    members of one list joined by "or" ("Python or Java", "Terraform, Ansible, or Pulumi",
    "Computer Science, Electrical Engineering or a related field"). A list with "and" asks for
    each.
    """
    text = span_text(doc[:])
    ordered = sorted(matches, key=lambda match: match.start)
    runs: list[list[SkillMatch]] = []
    joins: list[set[str]] = []
    for previous, match in zip([None, *ordered], ordered, strict=False):
        between = (
            set(JOIN_WORDS.findall(text[previous.end : match.start].lower()))
            if previous is not None
            and previous.end <= match.start
            and previous.sentence == match.sentence
            else None
        )
        if between and between <= LIST_JOINS:
            runs[-1].append(match)
            joins[-1] |= between
        else:
            runs.append([match])
            joins.append(set())
    found: dict[int, set[str]] = {}
    for run, joined in zip(runs, joins, strict=True):
        names = {match.skill.name for match in run}
        if len(names) < 2 or "and" in joined:
            continue
        after = JOIN_WORDS.findall(text[run[-1].end : run[-1].end + 40].lower())[:2]
        if "or" in joined or (after[:1] == ["or"] and after[1:] and after[1] in OR_SIMILAR):
            for match in run:
                found[match.start] = names - {match.skill.name}
    return found


def record(
    tally: Tally, spelling: str | None, sentence: str, *, preferred: bool, weight: float
) -> None:
    """Adds one mention to a tally (its spelling, if it has one): the required mention's
    sentence is the evidence."""
    tally.count += 1
    if spelling is not None:
        tally.spellings[spelling] += 1
    tally.section_weight = max(tally.section_weight, weight)
    if not preferred and not tally.required:
        tally.required = True
        tally.evidence = sentence
    elif not tally.evidence:
        tally.evidence = sentence


def raw_weight(tally: Tally) -> float:
    """Gives a keyword's weight before normalising: importance, section, mentions, hard/soft."""
    importance: Importance = "required" if tally.required else "preferred"
    return (
        IMPORTANCE_WEIGHT[importance]
        * tally.section_weight
        * (1.0 + 0.35 * math.log(tally.count))
        * (0.5 if tally.kind == "soft" else 1.0)
    )


def to_keyword(tally: Tally, top: float) -> Keyword:
    """Gives the Keyword of a tally: the most used spelling (else the tally's term), the weight
    relative to the top."""
    spellings = tally.spellings.items()
    best = max(spellings, key=lambda item: (item[1], len(item[0])))[0] if spellings else tally.term
    importance: Importance = "required" if tally.required else "preferred"
    weight = round(raw_weight(tally) / top, 4)
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
        alternatives=[] if tally.alone else sorted(tally.partners),
    )


def find_knockouts(units: list[tuple[str, PostingSectionKind]]) -> list[KnockOut]:
    """Gives the knock-out facts the posting states: years, degree, visa, clearance, on-site."""
    found: list[KnockOut] = []
    seen: set[tuple[str, str | None]] = set()
    sentences = (
        sentence
        for line, kind in units
        if kind != "title" and KNOCKOUT_HINT.search(line.lower())
        # A fact is read in its sentence: a line may hold a paragraph, where "a master's
        # degree" is required and, three sentences on, "experience with Spark is a plus".
        for sentence in SENTENCES.split(line)
    )
    for line in sentences:
        lowered = line.lower()
        if not KNOCKOUT_HINT.search(lowered):
            continue
        candidates: list[tuple[str, str | None]] = []
        if YEARS_CONTEXT.search(lowered) and (match := YEARS.search(line)):
            candidates.append(("years", re.sub(r"\s+", "", match.group("value"))))
        if DEGREE_CONTEXT.search(lowered) and (match := DEGREE.search(line)):
            candidates.append(("degree", match.group("value")))
        for constraint, pattern in CONSTRAINTS:
            if pattern.search(lowered):
                candidates.append((constraint, None))
        for constraint, value in candidates:
            if (constraint, value) in seen:
                continue
            seen.add((constraint, value))
            found.append(KnockOut(kind=constraint, text=line.strip(" *-•"), value=value))
    return found
