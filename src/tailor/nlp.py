"""The only module that imports spaCy: the pipeline, normalisation and sentence splitting.

tailor uses ``spacy.blank("en")`` (no model download) with three changes:
- tokenizer special cases keep technical names whole (``C++``, ``C#``, ``CI/CD``, ``scikit-learn``);
- each word's NORM is the lookup lemma of its lower-cased text (the lookup table is
  case-sensitive, so case is folded first), with a plural rule for words the table lacks
  (``LLMs`` -> ``llm``); acronyms are matched on ORTH, as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

# Names whose punctuation is part of them; the taxonomy adds its own on top of these.
PROTECTED_TERMS = ("C++", "C#", "F#", ".NET", "CI/CD", "Node.js", "scikit-learn", "A/B", "R&D")
NOT_INITIALS = ("C.", "R.")
# Words spaCy's exceptions split as contractions written without the apostrophe (I'd, we'd);
# in postings they are an identifier ("Entra ID", "user id") and a weekday.
NOT_CONTRACTIONS = ("id", "Id", "wed", "Wed")
ING_FIELDS = {
    "accounting", "advertising", "auditing", "banking", "bookkeeping", "budgeting", "catering",
    "clustering", "coaching", "computing", "consulting", "engineering", "forecasting",
    "fundraising", "lending", "manufacturing", "marketing", "merchandising", "networking",
    "nursing", "plumbing", "printing", "programming", "publishing", "purchasing", "recruiting",
    "scheduling", "shipping", "staffing", "trading", "tutoring", "underwriting", "warehousing",
    "welding", "housekeeping", "landscaping", "mentoring", "modeling", "modelling", "routing",
    "parsing", "hashing", "caching", "sampling", "labeling", "labelling", "tracking",
}  # fmt: skip
KEEP_S = re.compile(r"(ss|us|is|ics|ous|sis|xis|ies|as)$")
WORD = re.compile(r"[a-z0-9]")
STOP_EXTRA = {
    "experience", "strong", "ability", "work", "working", "team", "year", "years", "role",
    "including", "etc", "e.g.", "i.e.", "new", "using", "use", "well", "plus",
}  # fmt: skip


@cache
def lemma_table() -> dict[str, str]:
    """Gives spaCy's English lookup lemmas (spacy-lookups-data) as a plain dict.

    Read straight from the package's file: spaCy's load_lookups builds a Table hashing all
    41,000 keys, three times slower, for the same lookups.
    """
    import gzip
    import json
    from importlib import resources

    data = resources.files("spacy_lookups_data").joinpath("data/en_lemma_lookup.json.gz")
    table: dict[str, str] = json.loads(gzip.decompress(data.read_bytes()))
    return table


@cache
def lemmatize(lower: str) -> str:
    """Gives the lemma of a lower-cased word: the lookup table's, else a careful de-plural.

    Fields named by an -ing noun keep their form (accounting, marketing, banking, engineering,
    clustering): folding them into account, market, bank, engineer, cluster would make a field
    match a role, or a skill an everyday word. Other -ing forms fold (developing -> develop).
    """
    if lower in ING_FIELDS:
        return lower
    found = lemma_table().get(lower)
    if found is not None:
        return found.lower()
    if len(lower) > 3 and lower.endswith("s") and lower[:-1].isalnum() and not KEEP_S.search(lower):
        return lower[:-1]
    return lower


def norm_key(text: str) -> str:
    """Gives the matching key of a word: its lemma, and 'GPUs' keyed as 'gpu'."""
    if len(text) >= 3 and text.endswith("s") and text[:-1].isupper() and text[:-1].isalnum():
        return lemmatize(text[:-1].lower())
    return lemmatize(text.lower())


@cache
def get_nlp() -> Language:
    """Gives the shared pipeline: blank English, protected terms, lookup lemmas, sentencizer."""
    from spacy.attrs import NORM, ORTH
    from spacy.lang.en import English

    exceptions = dict(English.Defaults.tokenizer_exceptions)
    for term in [*PROTECTED_TERMS, *protected_terms()]:
        for variant in {term, term.lower(), term.upper(), term.title(), term.capitalize()}:
            exceptions[variant] = [{ORTH: variant}]
    for initial in NOT_INITIALS:
        exceptions[initial] = [{ORTH: initial[0]}, {ORTH: "."}]
    for word in NOT_CONTRACTIONS:
        exceptions[word] = [{ORTH: word}]

    class TailorDefaults(English.Defaults):  # type: ignore[misc,valid-type]
        tokenizer_exceptions = exceptions
        # A slash or comma right after C++ or C# splits as it does after letters ("C++/Java",
        # "C#,.NET"); spaCy's infixes only split between letters and digits. So does a bracket
        # written against a word ("environment(Grafana", "RNN(LSTM"), and a comma after one
        # ("Machine(SVM),Logistic").
        infixes = (
            *English.Defaults.infixes,
            r"(?<=[+#])[/,](?=\S)",
            r"(?<=\w)/(?=\.\w)",
            r"(?<=[A-Za-z])\((?=[A-Za-z])",
            r"(?<=\))[,;](?=\S)",
        )

    class TailorEnglish(English):  # type: ignore[no-untyped-call]
        """English with tailor's tokenizer rules, built in one pass: setting a tokenizer's
        infixes or adding special cases afterwards recompiles and reloads them all (40 ms)."""

        Defaults = TailorDefaults

    nlp = TailorEnglish()

    # NORM is a lexeme attribute: computed once per word type (in C for known ones), so every
    # token of "Pipelines" carries "pipeline" at no per-token cost.
    vocab: Any = nlp.vocab
    vocab.lex_attr_getters[NORM] = norm_key
    for lexeme in list(nlp.vocab):
        lexeme.norm_ = norm_key(lexeme.orth_)
    nlp.add_pipe("sentencizer")
    return nlp


def protected_terms() -> list[str]:
    """Gives the taxonomy's single-word names that carry punctuation (kept as one token)."""
    from tailor.skills import load_taxonomy

    terms = []
    for skill in load_taxonomy().skills:
        for term in [skill.name, *skill.aliases, *skill.acronyms]:
            # Only names with + # . / & are kept whole; hyphenated ones split the same way in
            # postings and patterns, so they match in any casing.
            if " " not in term and re.search(r"[+#./&]", term) and len(term) > 1:
                terms.append(term)
    return sorted(set(terms))


# Typographic quotes and dashes as their ASCII forms, one character for one, so "Master’s"
# matches "Master's" and character offsets stay valid in the original text.
TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "‐": "-", "‑": "-"})


def make_docs(texts: Iterable[str]) -> Iterator[Doc]:
    """Gives processed docs for texts, in order."""
    pairs = ((text, text) for text in (text.translate(TYPOGRAPHY) for text in texts))
    for doc, text in get_nlp().pipe(pairs, batch_size=256, as_tuples=True):
        doc.user_data[TEXT] = text
        yield doc


def make_doc(text: str) -> Doc:
    """Gives one processed doc."""
    text = text.translate(TYPOGRAPHY)
    doc = get_nlp()(text)
    doc.user_data[TEXT] = text
    return doc


TEXT = "tailor.text"  # the doc's text, kept: Span.text and Doc.text join their tokens anew


def span_text(span: Span) -> str:
    """Gives a span's text, sliced from its doc's kept text (Span.text is built token by token)."""
    text = span.doc.user_data.get(TEXT)
    if text is None:
        return str(span.text)
    return str(text[span.start_char : span.end_char])


def is_content(token: Any) -> bool:
    """Tells whether a token carries meaning for TF-IDF: no stop word, punctuation or number."""
    lower = token.lower_
    return (
        not token.is_stop
        and not token.is_punct
        and not token.like_num
        and bool(WORD.search(lower))
        and lower not in STOP_EXTRA
        and (len(lower) > 1 or token.text in {"C", "R"})
    )


def content_lemmas(doc: Doc) -> list[str]:
    """Gives the lemmas of a doc's content tokens, in order."""
    return [token.norm_ for token in doc if is_content(token)]


def split_sentences(text: str) -> list[str]:
    """Gives the sentences of a text: each line on its own, then spaCy's sentencizer."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    sentences: list[str] = []
    for doc in make_docs(lines):
        sentences.extend(sent.text.strip() for sent in doc.sents if sent.text.strip())
    return sentences
