"""Ranking and selection quality on ../shared/eval/relevance.tsv, against plain baselines.

    python benchmarks/relevance.py [--shared ../shared] [--per-posting] [--judgments TSV]

nDCG@10 (gains 2^grade - 1) over each ranking of the 39 judged items per posting, averaged over
the 15 postings; for tailor's selection on the 12 ML postings, the share of selected judged
items graded >= 1.5 (precision) and the share of items graded >= 2.5 that were selected (recall).

--judgments benchmarks/data/relevance_unseen_llm.tsv scores 12 other corpus postings (ML, vision,
MLOps, NLP, data science), judged the same way but by one LLM reviewer (grades 0-3, no
half grades), not by the two human reviewers: a held-out check that tuning on the 15 did not
overfit them; its figures are indicative, not a measure of agreement with people.
--judgments benchmarks/data/relevance_unseen_llm_b.tsv scores 12 more (031-037, 039-043: speech
and multimodal, medical imaging, e-commerce, network data, drones, education NLP, research),
judged later the same way by another LLM reviewer that saw neither tailor's output nor the
other grades; no change to tailor has been made from its misses, so it stays unseen.
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UNRELATED = {
    "025_frontend_developer_react_useinsider.txt",
    "027_associate_medical_policy_development_oscar.txt",
    "054_rgn_registered_nurse_job_southampton.txt",
}
Ranker = Callable[[str, list[dict[str, str]]], list[int]]


def ndcg_at(grades_in_order: list[float], k: int = 10) -> float:
    """Gives nDCG@k of grades in ranked order, with gains 2^grade - 1."""

    def dcg(grades: list[float]) -> float:
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades[:k]))

    ideal = dcg(sorted(grades_in_order, reverse=True))
    return dcg(grades_in_order) / ideal if ideal else 0.0


def load_judgments(path: Path) -> dict[str, list[dict[str, str]]]:
    rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    with path.open(encoding="utf-8") as stream:
        for row in csv.DictReader(stream, delimiter="\t"):
            rows[row["posting"]].append(row)
    return dict(rows)


def tfidf_ranker(**options: object) -> Ranker:
    def rank(posting: str, rows: list[dict[str, str]]) -> list[int]:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.metrics.pairwise import linear_kernel

        texts = [row["text"] for row in rows]
        vectorizer = TfidfVectorizer(**options)
        matrix = vectorizer.fit_transform([*texts, posting])
        scores = linear_kernel(matrix[:-1], matrix[-1])[:, 0]
        return sorted(range(len(rows)), key=lambda i: -scores[i])

    return rank


def bm25_ranker(k1: float = 1.5, b: float = 0.75) -> Ranker:
    """BM25 with the bullet and its entry title as the document, the posting as the query."""

    def tokens(text: str) -> list[str]:
        return re.findall(r"[a-z0-9+#]+", text.lower())

    def rank(posting: str, rows: list[dict[str, str]]) -> list[int]:
        docs = [tokens(f"{row['entry']} {row['text']}") for row in rows]
        average = sum(map(len, docs)) / len(docs)
        frequency: dict[str, int] = defaultdict(int)
        for doc in docs:
            for term in set(doc):
                frequency[term] += 1
        query = tokens(posting)
        scores = []
        for doc in docs:
            counts: dict[str, int] = defaultdict(int)
            for term in doc:
                counts[term] += 1
            score = 0.0
            for term in query:
                if term not in counts:
                    continue
                idf = math.log(1 + (len(docs) - frequency[term] + 0.5) / (frequency[term] + 0.5))
                tf = counts[term]
                score += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len(doc) / average))
            scores.append(score)
        return sorted(range(len(rows)), key=lambda i: -scores[i])

    return rank


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--per-posting", action="store_true")
    parser.add_argument("--judgments", type=Path, default=None, help="default: eval/relevance.tsv")
    args = parser.parse_args()

    from tailor.analyze import analyze_posting
    from tailor.parse import load_profile
    from tailor.pipeline import tailor

    judgments = load_judgments(args.judgments or args.shared / "eval" / "relevance.tsv")
    unrelated = UNRELATED & set(judgments)
    master = load_profile(ROOT / "profile" / "master_cv.txt")
    baselines: dict[str, Ranker] = {
        "TfidfVectorizer, defaults": tfidf_ranker(),
        "BM25 (bullet with its entry title)": bm25_ranker(),
        "TfidfVectorizer, 1-2 grams, sublinear tf, stop words": tfidf_ranker(
            ngram_range=(1, 2), sublinear_tf=True, stop_words="english"
        ),
    }
    results: dict[str, list[float]] = defaultdict(list)
    precision_hits = precision_total = recall_hits = recall_total = 0
    started = time.perf_counter()
    for name, rows in sorted(judgments.items()):
        text = (args.shared / "corpus" / "postings" / name).read_text(encoding="utf-8")
        grade_of = {row["text"]: float(row["grade"]) for row in rows}
        result = tailor(master, analyze_posting(text, source=name)).result
        ordered = [grade_of[item.text] for item in result.items if item.text in grade_of]
        assert len(ordered) == len(rows), f"{name}: {len(ordered)} of {len(rows)} items matched"
        results["tailor"].append(ndcg_at(ordered))
        if name not in unrelated:
            selected = [grade_of[i.text] for i in result.items if i.selected and i.text in grade_of]
            precision_hits += sum(grade >= 1.5 for grade in selected)
            precision_total += len(selected)
            top = [i for i in result.items if i.text in grade_of and grade_of[i.text] >= 2.5]
            recall_hits += sum(item.selected for item in top)
            recall_total += len(top)
        for label, ranker in baselines.items():
            order = ranker(text, rows)
            results[label].append(ndcg_at([float(rows[i]["grade"]) for i in order]))
        if args.per_posting:
            print(f"{name:70s} tailor {results['tailor'][-1]:.3f}")
    elapsed = time.perf_counter() - started
    print(f"\n| ranking | nDCG@10 (mean of {len(judgments)} postings) |")
    print("|---|---|")
    for label in ["tailor", *baselines]:
        print(f"| {label} | {sum(results[label]) / len(results[label]):.3f} |")
    print(
        f"\ntailor's selection on the {len(judgments) - len(unrelated)} ML postings: "
        f"{precision_hits / max(precision_total, 1):.3f} of {precision_total} selected items "
        "graded >= 1.5; "
        f"{recall_hits / max(recall_total, 1):.3f} of {recall_total} items graded >= 2.5 selected"
    )
    print(f"({elapsed:.1f} s for {len(judgments)} postings, baselines included)")


if __name__ == "__main__":
    main()
