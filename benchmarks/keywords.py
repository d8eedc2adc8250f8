"""Keyword extraction quality on ../shared/eval/keywords.tsv and SkillSpan, vs a naive extractor.

    python benchmarks/keywords.py [--shared ../shared] [--per-posting] [--misses]

eval/keywords.tsv: recall against the keywords both reviewers listed, precision against every
listed keyword; a match ignores case and punctuation and is alias-aware (two terms match when
they normalise alike, when the taxonomy gives them the same concept, or when one's words are
all in the other and cover at least two thirds of it). Rows about years of experience are
knock-out facts, not keywords, and are left out.

SkillSpan (dev split): the KNOWLEDGE spans of each posting, matched the same way.

The naive extractor is what several open-source matchers do: lower-cased words of 3+ letters
minus English stop words.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORDS = re.compile(r"[a-z0-9+#]+")


def normalize(term: str) -> str:
    return " ".join(WORDS.findall(term.lower().replace("-", " ")))


def concepts_of(terms: Iterable[str]) -> dict[str, set[str]]:
    """Gives the taxonomy concepts that span each term (alias-aware matching)."""
    from tailor.nlp import make_docs
    from tailor.skills import match_skills

    unique = sorted(set(terms))
    found: dict[str, set[str]] = {}
    for term, doc in zip(unique, make_docs(unique), strict=True):
        covered = sum(m.end - m.start for m in match_skills(doc))
        names = {m.skill.name for m in match_skills(doc)}
        # Only a match that spans most of the term stands for the term.
        found[term] = names if covered >= 0.6 * len(term.replace(" ", "")) else set()
    return found


class Matcher:
    def __init__(self, concepts: dict[str, set[str]]) -> None:
        self.concepts = concepts

    def same(self, a: str, b: str) -> bool:
        na, nb = normalize(a), normalize(b)
        if not na or not nb:
            return False
        if na == nb or na.rstrip("s") == nb.rstrip("s"):
            return True
        if self.concepts.get(a, set()) & self.concepts.get(b, set()):
            return True
        wa, wb = set(na.split()), set(nb.split())
        small, large = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
        return small <= large and len(small) >= 2 / 3 * len(large)


def naive_keywords(text: str) -> list[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    words = re.findall(r"[a-z]{3,}", text.lower())
    return sorted({word for word in words if word not in ENGLISH_STOP_WORDS})


def tailor_keywords(text: str) -> list[str]:
    from tailor.analyze import analyze_posting

    return [keyword.term for keyword in analyze_posting(text).keywords]


Extractor = Callable[[str], list[str]]


def score(
    extracted: dict[str, list[str]],
    gold_recall: dict[str, list[str]],
    gold_precision: dict[str, list[str]],
    matcher: Matcher,
) -> tuple[float, float, list[tuple[str, str]]]:
    """Gives (recall, precision, misses) summed over documents."""
    hits = total = correct = returned = 0
    misses: list[tuple[str, str]] = []
    for doc, terms in extracted.items():
        for gold in gold_recall.get(doc, []):
            total += 1
            if any(matcher.same(term, gold) for term in terms):
                hits += 1
            else:
                misses.append((doc, gold))
        for term in terms:
            returned += 1
            correct += any(matcher.same(term, gold) for gold in gold_precision.get(doc, []))
    return hits / max(total, 1), correct / max(returned, 1), misses


def load_eval(
    shared: Path,
) -> tuple[dict[str, str], dict[str, list[str]], dict[str, list[str]], dict[tuple[str, str], str]]:
    """Gives the judged postings' texts, the keywords both reviewers listed, every keyword
    listed, and the importance of each keyword both listed."""
    texts: dict[str, str] = {}
    importance: dict[tuple[str, str], str] = {}
    both: dict[str, list[str]] = defaultdict(list)
    every: dict[str, list[str]] = defaultdict(list)
    with (shared / "eval" / "keywords.tsv").open(encoding="utf-8") as stream:
        for row in csv.DictReader(stream, delimiter="\t"):
            if re.search(r"\byears?\b", row["keyword"], re.I):
                continue
            name = row["posting"]
            texts[name] = (shared / "corpus" / "postings" / name).read_text(encoding="utf-8")
            every[name].append(row["keyword"])
            if row["listed_by"] == "both":
                both[name].append(row["keyword"])
                importance[name, row["keyword"]] = row["importance"]
    return texts, both, every, importance


def load_skillspan(shared: Path) -> tuple[dict[str, str], dict[str, list[str]]]:
    sentences: dict[str, list[str]] = defaultdict(list)
    spans: dict[str, list[str]] = defaultdict(list)
    path = shared / "benchmarks" / "skillspan" / "dev.json"
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            row = json.loads(line)
            doc = f"{row['source']}-{row['idx']}"
            tokens = row["tokens"]
            sentences[doc].append(" ".join(tokens))
            current: list[str] = []
            for token, tag in zip(tokens, row["tags_knowledge"], strict=True):
                if tag == "B":
                    if current:
                        spans[doc].append(" ".join(current))
                    current = [token]
                elif tag == "I" and current:
                    current.append(token)
                else:
                    if current:
                        spans[doc].append(" ".join(current))
                    current = []
            if current:
                spans[doc].append(" ".join(current))
    texts = {doc: "\n".join(lines) for doc, lines in sentences.items() if spans.get(doc)}
    return texts, {doc: spans[doc] for doc in texts}


def importance_agreement(
    texts: dict[str, str], importance: dict[tuple[str, str], str], matcher: Matcher
) -> tuple[int, int]:
    """Gives (agreeing, compared): of the gold keywords both reviewers listed that tailor finds,
    how many it marks required or preferred as the reviewers did."""
    from tailor.analyze import analyze_posting

    agreeing = compared = 0
    for doc, text in texts.items():
        keywords = analyze_posting(text).keywords
        for (name, gold), wanted in importance.items():
            if name != doc:
                continue
            found = next((k for k in keywords if matcher.same(k.term, gold)), None)
            if found is not None:
                compared += 1
                agreeing += found.importance == wanted
    return agreeing, compared


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--misses", action="store_true", help="list the gold keywords missed")
    parser.add_argument("--skillspan-docs", type=int, default=0, help="limit (0: all)")
    args = parser.parse_args()

    extractors: dict[str, Extractor] = {"tailor": tailor_keywords, "naive": naive_keywords}
    texts, both, every, importance = load_eval(args.shared)
    span_texts, span_gold = load_skillspan(args.shared)
    if args.skillspan_docs:
        span_texts = dict(list(span_texts.items())[: args.skillspan_docs])
    started = time.perf_counter()
    rows = []
    for label, extract in extractors.items():
        extracted = {name: extract(text) for name, text in texts.items()}
        spans_extracted = {doc: extract(text) for doc, text in span_texts.items()}
        terms = [t for ts in extracted.values() for t in ts] + [
            g for gs in every.values() for g in gs
        ]
        terms += [t for ts in spans_extracted.values() for t in ts]
        terms += [g for gs in span_gold.values() for g in gs]
        matcher = Matcher(concepts_of(terms))
        recall, precision, misses = score(extracted, both, every, matcher)
        span_recall, span_precision, _ = score(spans_extracted, span_gold, span_gold, matcher)
        per_doc = sum(map(len, extracted.values())) / len(extracted)
        if label == "tailor":
            agreeing, compared = importance_agreement(texts, importance, matcher)
        rows.append((label, recall, precision, per_doc, span_recall, span_precision))
        if args.misses and label == "tailor":
            for doc, gold in misses:
                print(f"missed  {doc[:40]:40s} {gold}")
    print(
        "\n| extractor | eval recall | eval precision | keywords per posting "
        "| SkillSpan recall | SkillSpan precision |"
    )
    print("|---|---|---|---|---|---|")
    for label, recall, precision, per_doc, span_recall, span_precision in rows:
        print(
            f"| {label} | {recall:.3f} | {precision:.3f} | {per_doc:.1f} "
            f"| {span_recall:.3f} | {span_precision:.3f} |"
        )
    required = sum(value == "required" for value in importance.values())
    print(
        f"\nRequired or preferred: tailor agrees with the reviewers on {agreeing} of the "
        f"{compared} keywords both listed that it finds ({agreeing / max(compared, 1):.3f}; "
        f"calling every keyword required would agree on {required / len(importance):.3f} of all)"
    )
    print(
        f"\n({len(texts)} judged postings, {len(span_texts)} SkillSpan postings, "
        f"{time.perf_counter() - started:.1f} s)"
    )


if __name__ == "__main__":
    main()
