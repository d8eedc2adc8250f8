"""The skills taxonomy (data/skills.yaml beside this module) and its matcher."""

from __future__ import annotations

import hashlib
import json
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal

from tailor.errors import TailorError
from tailor.nlp import TEXT as TEXT_KEY
from tailor.nlp import norm_key, span_text
from tailor.text import long_form

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Span

SkillKind = Literal["hard", "soft"]

PERCEIVERS = {
    "brand", "customer", "public", "consumer", "market", "user", "social", "self", "client",
    "employee", "risk", "price", "value", "their", "his", "her", "people's", "patient",
}  # fmt: skip
# Words before a name that give it its other meaning ("send your CV").
# What follows "core ML" when it means the basics of machine learning.
ML_BASICS = {
    "tooling", "tools", "skills", "concepts", "fundamentals", "knowledge", "libraries",
    "techniques", "methods", "principles", "algorithms", "models", "stack", "competencies",
}  # fmt: skip
GUARD_BEFORE: dict[str, set[str]] = {
    "CV": {"your", "a", "the", "our", "send", "submit", "upload", "attach", "updated", "my"},
    "Excel": {"to", "will", "you", "who", "must", "should", "can"},
    # "brand perception", "customer perception" are not a robot's.
    **dict.fromkeys(("perception", "Perception"), PERCEIVERS),
    "team work": set(),
    "team working": set(),
    "open source": set(),
    "API": set(),
    "sale": {"after"},  # "after sales service"
    # A word before that makes the name part of another term ("thought leadership",
    # "automated decision making", "next-gen AI", "data pruning", "success probability") or
    # a verb ("to build tools").
    "leadership": {"thought"},
    "decision making": {"automated", "automatic", "algorithmic", "autonomous"},
    "gen AI": {"next"},
    "pruning": {"data"},
    "build tool": {"to"},
    "probability": {"success", "failure", "win", "conversion", "click", "default"},
    # "into existing data structures": a company's data stores, not the CS topic.
    "data structure": {"existing", "our", "their", "its", "legacy", "internal"},
    # "core ML tooling such as scikit-learn": the basics of ML, not Apple's Core ML.
    "core ML": set(),
    "core ml": set(),
    # "network communication", "customer and prospect communications": a system's or a
    # marketing team's, not a person's skill.
    "communication": {
        "network", "inter-process", "interprocess", "wireless", "serial", "gpu", "device",
        "customer", "prospect", "marketing", "email", "brand",
    },
}  # fmt: skip
# Words after one that give it its other meaning ("Excel at working with others").
GUARD_AFTER: dict[str, set[str]] = {
    "CV": {"and", "&", "to", "or"},
    "Excel": {"at", "in", "as", "when", "under"},
    # "the team works on", "the team work with": a verb, not teamwork.
    "team work": {"on", "with", "in", "together", "closely", "to", "for", "across", "hard"},
    # "the RnD team working in computer vision": a team at work, not teamwork.
    "team working": {"on", "with", "in", "together", "closely", "to", "for", "across", "at"},
    "communication": {
        "framework", "frameworks", "protocol", "protocols", "stack", "stacks", "layer", "bus",
        "channel", "channels", "library", "libraries", "overhead", "latency", "backend",
    },
    # "open source data" is public data, not open-source software.
    "open source": {"data", "dataset", "datasets", "intelligence"},
    # "2M+ monthly API requests", "optimized API calls": using an API, not building one.
    "API": {"request", "requests", "call", "calls", "gateway", "key", "keys", "limits", "usage"},
    "core ML": ML_BASICS,
    "core ml": ML_BASICS,
}  # fmt: skip
# Acronyms two skills share, with the cue words that make the sentence the named skill's: "Deep
# knowledge of GCPs governing the conduct of clinical trials" is good clinical practice; GCP
# elsewhere Google Cloud Platform.
SHARED_ACRONYMS: dict[str, tuple[re.Pattern[str], str]] = {
    "GCP": (
        re.compile(r"clinical|trials?\b|\bich\b|\bfda\b|gxp|pharma|patient"),
        "good clinical practice",
    ),
}
COUNT_PREFIXES = {"multi", "single", "dual", "quad", "many", "cross", "inter", "intra"}
# US state codes: "Boston, MA" is a place, not a Master of Arts; "AZ, CA, CO" a list of states.
US_STATES = frozenset({
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN",
    "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH",
    "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT",
    "VT", "VA", "WA", "WV", "WI", "WY",
})  # fmt: skip
# An ambiguous name (Go, R, C, Swift, Spark ...) counts only next to other technical terms.
AMBIGUOUS_WINDOW = 4
SKILL_CUES = {
    "experience with", "experience in", "familiarity with", "familiar with", "knowledge of",
    "proficiency in", "proficient in", "expertise in", "skilled in", "fluent in",
    "programming in", "coding in", "written in", "developing in", "development in",
}  # fmt: skip
PLAIN = re.compile(r"[A-Za-z0-9]+(?: [A-Za-z0-9]+)*")


@dataclass(frozen=True)
class Skill:
    name: str
    aliases: tuple[str, ...]
    acronyms: tuple[str, ...]
    category: str
    area: str
    kind: SkillKind
    broader: tuple[str, ...]
    ambiguous: bool
    related: tuple[str, ...] = ()
    umbrella: bool = False
    phrasings: tuple[str, ...] = ()


@dataclass(frozen=True)
class SkillMatch:
    skill: Skill
    text: str
    start: int
    end: int
    sentence: str
    # The characters the match accounts for: all of it, or of a coordination ("canary and
    # shadow deployments") only its own word (canary), the rest being the other conjuncts'.
    own: tuple[int, int] = (0, 0)
    # Found by a phrasing ("Conducted extensive experiments"): the text is no name of the skill.
    phrased: bool = False


class Taxonomy:
    """The skills, indexed by name, with their broader terms precomputed."""

    def __init__(self, skills: tuple[Skill, ...]) -> None:
        self.skills = skills
        self.by_name = {skill.name: skill for skill in skills}
        self.chains = {skill.name: self._chain(skill.name) for skill in skills}
        self.ancestors = {skill.name: self._distances(skill.name) for skill in skills}
        related: dict[str, set[str]] = {skill.name: set() for skill in skills}
        for skill in skills:
            for other in skill.related:
                if other in related:
                    related[skill.name].add(other)
                    related[other].add(skill.name)
        self.related = related

    def _distances(self, name: str) -> dict[str, int]:
        """Gives every broader term of a skill with its shortest distance (1 = parent)."""
        found: dict[str, int] = {}
        frontier = [(parent, 1) for parent in self.by_name[name].broader]
        while frontier:
            current, depth = frontier.pop(0)
            if current in found or current == name or current not in self.by_name:
                continue
            found[current] = depth
            frontier.extend((parent, depth + 1) for parent in self.by_name[current].broader)
        return found

    def _chain(self, name: str) -> list[str]:
        chain: list[str] = []
        frontier = list(self.by_name[name].broader)
        while frontier:
            current = frontier.pop(0)
            if current not in chain and current != name and current in self.by_name:
                chain.append(current)
                frontier.extend(self.by_name[current].broader)
        return chain

    def broader_chain(self, name: str) -> list[str]:
        """Gives the broader terms of a skill, nearest first, without repeats."""
        return self.chains.get(name, [])


TAXONOMY = "data/skills.yaml"
# The taxonomy compiled to JSON, stamped with the YAML's hash: reading it takes 2 ms where
# parsing the YAML takes 80 to 170. A stale file (YAML edited, not recompiled) is ignored, so
# editing the YAML always counts; a test fails until `python scripts/compile_taxonomy.py` is run.
COMPILED = "data/skills.json"


def taxonomy_data() -> Any:
    """Gives the taxonomy's parsed entries: the compiled file's if current, else the YAML's."""
    package = resources.files("tailor")
    try:
        compiled: bytes | None = package.joinpath(COMPILED).read_bytes()
    except FileNotFoundError:
        compiled = None
    return decode_taxonomy(package.joinpath(TAXONOMY).read_bytes(), compiled)


def decode_taxonomy(source: bytes, compiled: bytes | None) -> Any:
    """Gives the entries of the YAML source, taken from its compiled JSON when that is current."""
    try:
        data = json.loads(compiled) if compiled is not None else None
    except ValueError:
        data = None
    if isinstance(data, dict) and data.get("source_sha256") == source_hash(source):
        return data
    return parse_taxonomy_yaml(source)


def source_hash(source: bytes) -> str:
    return hashlib.sha256(source).hexdigest()


def parse_taxonomy_yaml(source: bytes) -> Any:
    import yaml

    # libyaml's safe loader when PyYAML has it: ten times faster on this file, equally safe.
    return yaml.load(source.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def compile_taxonomy() -> bytes:
    """Gives the compiled JSON of the shipped YAML (what data/skills.json must hold)."""
    source = resources.files("tailor").joinpath(TAXONOMY).read_bytes()
    data = parse_taxonomy_yaml(source)
    compiled = {"source_sha256": source_hash(source), "skills": data["skills"]}
    return (json.dumps(compiled, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


@cache
def load_taxonomy() -> Taxonomy:
    """Gives the shipped skills taxonomy."""
    data = taxonomy_data()
    try:
        skills = tuple(
            Skill(
                name=str(entry["name"]),
                aliases=tuple(str(alias) for alias in entry.get("aliases") or ()),
                acronyms=tuple(str(acronym) for acronym in entry.get("acronyms") or ()),
                category=str(entry["category"]),
                area=str(entry.get("area", "general")),
                kind="soft" if entry.get("kind") == "soft" else "hard",
                broader=tuple(str(name) for name in entry.get("broader") or ()),
                ambiguous=bool(entry.get("ambiguous", False)),
                umbrella=bool(entry.get("umbrella", False)),
                related=tuple(str(name) for name in entry.get("related") or ()),
                phrasings=tuple(str(text) for text in entry.get("phrasings") or ()),
            )
            for entry in data["skills"]
        )
    except (KeyError, TypeError) as error:
        raise TailorError(f"the skills taxonomy is malformed: {error}") from error
    return Taxonomy(skills=skills)


def variants(term: str) -> set[str]:
    """Gives the spellings a term is matched in: as written, hyphens as spaces or dropped."""
    found = {term}
    if "-" in term and not re.search(r"[+#./]", term):
        found |= {term.replace("-", " "), term.replace("-", "")}
    return found


def skill_key(index: int) -> str:
    """Gives the matcher key (span label) of the skill at an index of the taxonomy."""
    return f"skill {index}"


def skill_index(label: str) -> int:
    """Gives the taxonomy index of the skill a matcher key (span label) names."""
    return int(label.rpartition(" ")[2])


def get_matchers() -> tuple[PhraseMatcher, PhraseMatcher]:
    """Gives (lemma matcher for names and aliases, case-sensitive matcher for acronyms)."""
    lenient, exact, _ = compiled_matchers()
    return lenient, exact


GAP = "..."
GAP_WORDS = 4
DETERMINERS = ("a", "an", "the", "our", "their", "its", "his", "her", "these", "those", "this")
# Describing words that give a phrasing's object another sense than the skill's: "validated
# financial models" evaluates no ML model, "authored white papers" publishes no research.
OTHER_SENSES = {
    "model": (
        "financial", "business", "pricing", "revenue", "cost", "operating", "delivery", "cad",
        "engagement", "care", "role", "data", "budget", "staffing", "fashion",
    ),
    "paper": ("white", "position", "term"),
}  # fmt: skip


@dataclass(frozen=True)
class Phrasing:
    """A phrasing of a skill, as the hashes of its words' norms before and after its gap."""

    index: int  # the skill's, in the taxonomy
    before: tuple[int, ...]
    after: tuple[int, ...]
    determiner: bool  # whether "a", "the" ... may follow `before` ("conducted the ... tests")


@dataclass(frozen=True)
class Phrasings:
    """The taxonomy's phrasings by their first word, and the hashes matching reads."""

    by_first: dict[int, tuple[Phrasing, ...]]
    lasts: frozenset[int]
    determiners: frozenset[int]  # as LOWER hashes
    hyphen: int
    other_senses: dict[int, frozenset[int]]  # object norm -> describing norms (OTHER_SENSES)
    coordinators: frozenset[int]  # as LOWER hashes: "and", "or", "&", ","


@cache
def phrasings() -> Phrasings:
    """Gives the taxonomy's phrasings, read for phrasing_spans."""
    from spacy.attrs import NORM

    from tailor.nlp import get_nlp

    nlp = get_nlp()
    strings = nlp.vocab.strings
    by_first: dict[int, list[Phrasing]] = {}
    for index, skill in enumerate(load_taxonomy().skills):
        for phrasing in skill.phrasings:
            before, _, after = (nlp.tokenizer(part.strip()) for part in phrasing.partition(GAP))
            found = Phrasing(
                index=index,
                before=tuple(token.norm for token in before),
                after=tuple(token.norm for token in after),
                determiner=before[-1].lower_ not in DETERMINERS,
            )
            by_first.setdefault(found.before[0], []).append(found)
    return Phrasings(
        by_first={first: tuple(found) for first, found in by_first.items()},
        lasts=frozenset(found.after[-1] for group in by_first.values() for found in group),
        determiners=frozenset(strings.add(word) for word in DETERMINERS),
        hyphen=strings.add("-"),
        coordinators=frozenset(strings.add(word) for word in ("and", "or", "&", ",")),
        other_senses={
            nlp.tokenizer(word)[0].norm: frozenset(
                int(norm) for norm in nlp.tokenizer(" ".join(others)).to_array(NORM)
            )
            for word, others in OTHER_SENSES.items()
        },
    )


def phrasing_spans(doc: Doc) -> list[tuple[int, int, int]]:
    """Gives (skill index, start, end) of the taxonomy's phrasings in a doc: verb phrases whose
    object carries up to four describing words where the phrasing writes "..." ("conduct ...
    experiments" finds "conducted extensive experiments", "conducted large-scale ablation
    experiments"). A describing word is no stop word or punctuation (a hyphen aside), so the
    gap never runs across a clause or a list: "conducted interviews and experiments" has none.
    Nor does a phrasing start or end inside a hyphenated word: "industry-leading data team"
    leads no team, "pre-trained models" trains none, "led cross-team initiatives" no team; nor
    when a describing word gives the object another sense ("validated financial models").

    Verbs joined before one share its object: "train and deploy models" trains models too.

    Read from the doc's arrays rather than with spaCy's Matcher, which took 90 microseconds a
    line with a gap in its patterns (a sixth of reading a posting); this takes a few.
    """
    from spacy.attrs import IS_PUNCT, IS_STOP, LOWER, NORM

    index = phrasings()
    norm = doc.to_array(NORM).tolist()
    if index.by_first.keys().isdisjoint(norm) or index.lasts.isdisjoint(norm):
        return []
    lower, stop, punct = doc.to_array([LOWER, IS_STOP, IS_PUNCT]).T.tolist()
    size = len(norm)
    hyphen = index.hyphen

    def describing(at: int) -> bool:
        return not stop[at] and (not punct[at] or lower[at] == hyphen)

    def conjuncts(phrasing: Phrasing, start: int, end: int) -> Iterator[tuple[int, int, int]]:
        """Gives the phrasings whose first word comes before this one's, joined by "and", "or"
        or commas, sharing its object: "train and deploy models", "training and evaluation of
        NLP models"."""
        at = start - 1
        while at >= 1 and lower[at] in index.coordinators:
            if lower[at - 1] in index.coordinators:  # "design, train, and evaluate"
                at -= 1
            first = norm[at - 1]
            words = (first, *phrasing.before[1:])
            other = next(
                (
                    candidate
                    for candidate in index.by_first.get(first, ())
                    if candidate.before == words and candidate.after == phrasing.after
                ),
                None,
            )
            if other is None:
                return
            yield other.index, at - 1, end
            at -= 2

    found = []
    for start, first in enumerate(norm):
        if start and lower[start - 1] == hyphen:  # "industry-leading", "pre-trained"
            continue
        for phrasing in index.by_first.get(first, ()):
            at = start + len(phrasing.before)
            if tuple(norm[start:at]) != phrasing.before:
                continue
            if phrasing.determiner and at < size and lower[at] in index.determiners:
                at += 1
            gap = at
            for _ in range(GAP_WORDS + 1):
                end = at + len(phrasing.after)
                if tuple(norm[at:end]) == phrasing.after:
                    # Not the half of a hyphenated word: "cross-team", "data-driven".
                    inside = lower[at - 1] == hyphen or (end < size and lower[end] == hyphen)
                    others = index.other_senses.get(norm[end - 1])
                    if not inside and not (others and not others.isdisjoint(norm[gap:at])):
                        found.append((phrasing.index, start, end))
                        found.extend(conjuncts(phrasing, start, end))
                    break
                if at >= size or not describing(at):
                    break
                at += 1
    return found


def phrase_index() -> dict[tuple[int, ...], int]:
    """Gives the skill index of every name and alias of two or more words, keyed by the hashes
    of its words' norms (what the lenient matcher compares)."""
    return compiled_matchers()[2]


@cache
def compiled_matchers() -> tuple[PhraseMatcher, PhraseMatcher, dict[tuple[int, ...], int]]:
    """Gives the two matchers of get_matchers and the index of phrase_index, built together
    from the same patterns."""
    from spacy.matcher import PhraseMatcher

    from tailor.nlp import get_nlp

    nlp = get_nlp()
    tokenizer: Any = nlp.tokenizer
    add_string = nlp.vocab.strings.add

    def patterns(terms: set[str], attr: str) -> list[tuple[int, ...]]:
        # A pattern is the sequence of its tokens' attribute values, the form PhraseMatcher
        # keeps (and unpickles from). Plain words are keyed without a Doc, which would make a
        # lexeme with every lexical attribute for each of the taxonomy's ~5,300 words (50 ms
        # of a cold start): a word's NORM is norm_key of its text (get_nlp sets it so), its
        # ORTH the text. tests/test_skills.py checks every term is found as a posting writes it.
        keyed = []
        for term in sorted(terms):
            if PLAIN.fullmatch(term):
                words = term.split()
                keyed.append(tuple(add_string(norm_key(w) if attr == "NORM" else w) for w in words))
            else:
                doc = tokenizer(term)
                keyed.append(tuple(int(value) for value in doc.to_array(attr)))
        return keyed

    lenient = PhraseMatcher(nlp.vocab, attr="NORM")
    exact = PhraseMatcher(nlp.vocab, attr="ORTH")
    rules: list[tuple[PhraseMatcher, str, list[tuple[int, ...]]]] = []
    phrases: dict[tuple[int, ...], int] = {}
    for index, skill in enumerate(load_taxonomy().skills):
        key = skill_key(index)
        words = {v for term in (skill.name, *skill.aliases) for v in variants(term)}
        case_kept = set(skill.acronyms)
        if skill.ambiguous:
            # Ambiguous short names are matched as written (Go, not go).
            case_kept |= {w for w in words if len(w) <= 6 and " " not in w}
            words -= case_kept
        if words:
            keyed = patterns(words, "NORM")
            rules.append((lenient, key, keyed))
            for pattern in keyed:
                if len(pattern) >= 2:
                    phrases.setdefault(pattern, index)
        if case_kept:
            # Acronyms in the plural as well: LLMs, GPUs, CNNs.
            plurals = {
                f"{term}s" for term in skill.acronyms if term[-1:].isupper() and len(term) > 1
            }
            # Dotted ones without their last period too, as CVs write them: "B.S, Physics".
            undotted = {
                term[:-1] for term in skill.acronyms if term.endswith(".") and "." in term[:-1]
            }
            keyed = patterns(case_kept | plurals | (undotted - case_kept), "ORTH")
            rules.append((exact, key, keyed))
    # PhraseMatcher.add makes a lexeme of each key, every lexical attribute computed (28 ms for
    # 2,200 keys; 16 without). No key can be a token (it holds a space): it needs none of them.
    vocab: Any = nlp.vocab
    getters = vocab.lex_attr_getters
    vocab.lex_attr_getters = {}
    try:
        for matcher, key, keyed in rules:
            matcher.add(key, keyed)  # type: ignore[arg-type]  # (see patterns)
    finally:
        vocab.lex_attr_getters = getters
    return lenient, exact, phrases


CONJUNCTIONS = ("and", "or", "&", "/")
# Verbs job ads lead with, as lemmas: no skill name is shared with one ("build and improve
# tools" names no build tool), and no list item or word pair led by one is a term.
VERBS = {
    "use", "build", "develop", "design", "create", "work", "manage", "drive", "lead", "support",
    "ensure", "help", "make", "write", "deploy", "maintain", "improve", "analyze", "analyse",
    "collaborate", "implement", "own", "define", "deliver", "communicate", "partner", "apply",
    "understand", "identify", "provide", "conduct", "perform", "run", "ship", "scale", "train",
    "profile", "compress", "optimize", "optimise", "convert", "tune", "benchmark", "debug",
    "monitor", "evaluate", "validate", "prototype", "integrate", "automate", "mentor", "measure",
    "curate", "annotate", "refactor", "explore",
}  # fmt: skip


@cache
def word_hashes() -> tuple[frozenset[int], frozenset[int], frozenset[int], list[int | str]]:
    """Gives the hashes of the conjunctions, of them and the comma, and of VERBS (spaCy's
    string hashes, as doc arrays hold them), and the attributes coordinated() reads."""
    from spacy.attrs import IS_ALPHA, LOWER, NORM

    from tailor.nlp import get_nlp

    strings = get_nlp().vocab.strings
    conjunctions = frozenset(strings[word] for word in CONJUNCTIONS)
    verbs = frozenset(strings[verb] for verb in VERBS)
    return conjunctions, conjunctions | {strings[","]}, verbs, [LOWER, NORM, IS_ALPHA]


def coordinated(doc: Doc, spans: list[Span]) -> list[tuple[Span, str, int]]:
    """Gives (span, spelling, word) for skills a coordination names with a shared word.

    "statistical and econometric models" names statistical models (the last words are
    shared), "model training and deployment" model deployment (the first are), and so do lists
    ("A, B and C models"). The span runs from the word to the shared words; the spelling is the
    term meant ("statistical models"); the word is the index of the conjunct's own token.
    Skills already matched in the text are left alone. A word inside a longer match modifies
    nothing: not "processing" of "natural language processing, and statistical modeling", nor
    "version" of "version control"; nor do verbs: "build and improve tools" is no build tool.
    """
    from spacy.tokens import Span

    text = doc.user_data.get(TEXT_KEY) or doc.text
    lowered = text.lower()
    if not (" and " in lowered or " or " in lowered or "&" in text or "/" in text):
        return []
    conjunctions, coordinators, verbs, attributes = word_hashes()
    # Plain ints from one array: spaCy's Token objects cost a microsecond each.
    lower, norm, alpha = doc.to_array(attributes).T.tolist()
    size_of_doc = len(lower)
    # Commas only in a list that ends in a conjunction: "Physics, Chemistry" is a list.
    places = [i for i in range(1, size_of_doc - 1) if lower[i] in conjunctions]
    if not places:
        return []
    strings = doc.vocab.strings
    index = phrase_index()
    inside = {
        token: span.start
        for span in spans
        if len(span) > 1
        for token in range(span.start, span.end)
    }
    found: list[tuple[Span, str, int]] = []

    def verb(token: int) -> bool:
        """Tells whether a token is a verb's bare or -ing form ("improve", "designing"); a
        participle is an adjective here ("written and verbal communication")."""
        return lower[token] in verbs or (
            norm[token] in verbs and strings[lower[token]].endswith("ing")
        )

    named = {span.label for span in spans}
    taken: set[tuple[int, int]] = set()  # (word, label) of the coordinations found

    def add(start: int, end: int, key: tuple[int, ...], spelling: str, at: int) -> None:
        label = strings.add(skill_key(index[key]))
        # A skill the text also names in full is that mention's: "Containers and Container
        # orchestration tools" names container orchestration once, as written.
        if label not in named and (at, label) not in taken:
            taken.add((at, label))
            found.append((Span(doc, start, end, label=label), spelling, at))

    for i in places:
        if not alpha[i + 1] or verb(i + 1):
            continue
        for size in (1, 2):
            # Shared last words after the next conjunct: "statistical and econometric models".
            end = i + 2 + size
            if end <= size_of_doc and all(alpha[i + 2 : end]):
                head = tuple(norm[i + 2 : end])
                position = i
                while position >= 1 and lower[position] in coordinators:
                    word = position - 1
                    if lower[word] in coordinators:  # "statistical, and ..."
                        position -= 1
                        continue
                    if word in inside:
                        # A conjunct of several words ("statistical, machine learning, and
                        # econometric models"): passed over, the list goes on before it.
                        position = inside[word] - 1
                        continue
                    key = (norm[word], *head)
                    if not alpha[word] or verb(word) or key not in index:
                        break
                    spelling = f"{doc[word].text} {span_text(doc[i + 2 : end]).strip()}"
                    add(word, end, key, spelling, word)
                    position -= 2
            # Shared first words before the last conjunct: "model training and deployment";
            # not where the conjunct opens a name of its own ("data sheets and Engineering
            # Drawing" names no data engineering).
            start = i - 1 - size
            if (
                start >= 0
                and i + 1 not in inside
                and all(alpha[start:i])
                and not (doc[i - 1].is_lower and doc[i + 1].is_title)
            ):
                key = (*norm[start : i - 1], norm[i + 1])
                if key in index:
                    first = span_text(doc[start : i - 1]).strip()
                    add(start, i + 2, key, f"{first} {doc[i + 1].text}", i + 1)
    return found


def guarded(doc: Doc, span: Span, text: str, skill: Skill, spans: list[Span]) -> bool:
    """Tells whether a match (``text``, as the doc writes it) is an ambiguous word in its
    everyday sense and must be dropped."""
    if text in US_STATES and is_place(doc, span.start):
        return True
    if text.isupper() and defines_another(doc, span, skill):
        return True
    if (sense := SHARED_ACRONYMS.get(text.removesuffix("s"))) is not None:
        # One skill's in a sentence with its cue words, the other's elsewhere.
        cue, cued_skill = sense
        return (cue.search(span.sent.text.lower()) is not None) != (skill.name == cued_skill)
    if text == "R" and [t.lower_ for t in doc[span.end : span.end + 2]] in (
        ["&", "d"],
        ["and", "d"],
    ):
        return True  # "R & D" is research and development
    if len(text) <= 4 and " " not in text and glued_after_hyphen(doc, span.start):
        return True  # "llama-cpp" is a tool, not C++; "non-NLP" no NLP; "multi-GPU" is GPUs
    base = text.rstrip("s")
    if base in GUARD_BEFORE:
        before = {token.lower_ for token in doc[max(0, span.start - 3) : span.start]}
        after = doc[span.end].lower_ if span.end < len(doc) else ""
        if before & GUARD_BEFORE[base] or after in GUARD_AFTER.get(base, ()):
            return True
    if skill.ambiguous and text not in skill.acronyms and " " not in text and len(text) <= 6:
        neighbours = [
            other
            for other in spans
            if other is not span
            and abs(other.start - span.start) <= AMBIGUOUS_WINDOW
            and not load_taxonomy().skills[skill_index(other.label_)].ambiguous
        ]
        # In a list: "Python, R and SQL", "Python or R."
        near_list = any(
            token.text in {",", "/", "(", ")", "or", "and", "&"}
            for token in doc[max(0, span.start - 1) : span.end + 1]
        )
        # "familiarity with Elixir", "proficient in Go": a skill cue right before the name.
        cued = " ".join(t.lower_ for t in doc[max(0, span.start - 2) : span.start]) in SKILL_CUES
        return not ((neighbours and near_list) or cued)
    return False


def defines_another(doc: Doc, span: Span, skill: Skill) -> bool:
    """Tells whether an acronym in parentheses is the one the words before it define, and
    they name something else: "Certified Payroll Professional (CPP)" is no C++ (while
    "Natural Language Processing (NLP)" is NLP)."""
    text = doc.user_data.get(TEXT_KEY) or doc.text
    words = long_form(text, span.start_char, span.end_char)
    if words is None:
        return False

    def plain(words: list[str]) -> str:  # "Large Language Model" is "large language models"
        return " ".join(word.lower().rstrip("s") for word in words)

    names = {plain(name.replace("-", " ").split()) for name in (skill.name, *skill.aliases)}
    return plain(words) not in names


def glued_after_hyphen(doc: Doc, start: int) -> bool:
    """Tells whether the token at ``start`` ends a hyphenated word ("llama-cpp", "non-NLP"),
    other than a count of it ("multi-GPU", "dual-GPU")."""
    return (
        start >= 2
        and doc[start - 1].text == "-"
        and not doc[start - 1].whitespace_
        and not doc[start - 2].whitespace_
        and doc[start - 2].lower_ not in COUNT_PREFIXES
    )


def is_place(doc: Doc, start: int) -> bool:
    """Tells whether a state code at ``start`` follows a place: "Boston, MA", "AZ, CA"."""
    if start < 2 or doc[start - 1].text != ",":
        return False
    before = doc[start - 2].text
    return before in US_STATES or (before.istitle() and before.isalpha())


def match_skills(doc: Doc, *, nested: bool = False) -> list[SkillMatch]:
    """Gives the taxonomy matches in a doc, longest first where they overlap, in text order.

    With ``nested``, a skill inside a longer match counts too: "Machine Learning Engineer"
    also shows machine learning, "video question answering" question answering (what a
    recruiter's search finds in a CV). Without, only the longest match of a stretch counts.
    Skills a coordination names with shared words count too ("statistical and econometric
    models": statistical models), spelled as meant; their start and end take in the whole
    coordination, so the text there is as written (what a literal screen would look for).
    So do the taxonomy's phrasings, over the skills inside them ("converted PyTorch models":
    model format conversion and PyTorch).
    """
    from spacy.tokens import Span
    from spacy.util import filter_spans

    lenient, exact = get_matchers()
    raw = [
        Span(doc, start, end, label=match_id)
        for matcher in (lenient, exact)
        for match_id, start, end in matcher(doc)
    ]
    skills = load_taxonomy().skills

    def unguarded(spans: list[Span]) -> list[Span]:
        return [
            span
            for span in spans
            if not guarded(doc, span, span_text(span), skills[skill_index(span.label_)], spans)
        ]

    found = filter_spans(raw)
    kept = unguarded(found)
    while len(kept) < len(found):
        # A longer name that is a word in its everyday sense or part of another term ("next-gen
        # AI") leaves its place to a shorter one inside it (AI). Rare: most docs pass once.
        dropped = {(span.start, span.end, span.label) for span in found}
        dropped -= {(span.start, span.end, span.label) for span in kept}
        raw = [span for span in raw if (span.start, span.end, span.label) not in dropped]
        found = filter_spans(raw)
        kept = unguarded(found)
    if nested:
        inner = {
            (span.start, span.end, span.label): span
            for span in raw
            for outer in kept
            if outer.start <= span.start
            and span.end <= outer.end
            and span.label != outer.label
            and (span.start, span.end) != (outer.start, outer.end)
        }
        kept = kept + list(inner.values())
    spellings: dict[tuple[int, int, int], tuple[str, int]] = {}
    for span, spelling, word in coordinated(doc, kept):
        spellings[span.start, span.end, span.label] = spelling, word
        kept.append(span)
    # Phrasings ("conducted extensive experiments") come on top of the rest: their describing
    # words may be skills of their own ("converted PyTorch models"), which they do not hide.
    strings = doc.vocab.strings
    phrased: set[tuple[int, int, int]] = set()
    for index, start, end in phrasing_spans(doc):
        label = strings.add(skill_key(index))
        if not any(o.label == label and o.start < end and start < o.end for o in kept):
            kept.append(Span(doc, start, end, label=label))
            phrased.add((start, end, label))
    if not kept:
        return []
    spans = sorted(kept, key=lambda span: (span.start, -span.end))
    # Sentence boundaries once per doc: Span.sent walks the tokens for every match.
    sentences = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    starts = [sentence.start for sentence in sentences]
    texts: dict[int, str] = {}
    matches = []
    for span in spans:
        skill = skills[skill_index(span.label_)]
        meant = spellings.get((span.start, span.end, span.label))
        text = meant[0] if meant else span_text(span)
        own = (span.start_char, span.end_char)
        if meant is not None:
            conjunct = doc[meant[1]]
            own = (conjunct.idx, conjunct.idx + len(conjunct.text))
        position = bisect_right(starts, span.start) - 1
        if position not in texts:
            # Each sentence's text once, shared by the matches in it.
            texts[position] = span_text(sentences[position]).strip()
        matches.append(
            SkillMatch(
                skill=skill,
                text=text,
                start=span.start_char,
                end=span.end_char,
                sentence=texts[position],
                own=own,
                phrased=(span.start, span.end, span.label) in phrased,
            )
        )
    return matches
