"""Builds src/tailor/data/idf.json: document frequencies of lemmas and lemma bigrams in job ads.

    python benchmarks/build_idf.py [--shared ../shared]

The background is SkillSpan's training split (MIT licence; 140 job postings from tech and
general job boards), one document per posting, processed by tailor's own NLP so the keys are
the features rank.py uses. Only counts are shipped, never text. Terms seen in fewer than two
postings are left out (they get the highest IDF anyway).
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()

    from tailor.nlp import content_lemmas, make_docs

    postings: dict[str, list[str]] = defaultdict(list)
    path = args.shared / "benchmarks" / "skillspan" / "train.json"
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            row = json.loads(line)
            tokens = [t for t in row["tokens"] if not t.startswith("<")]
            postings[f"{row['source']}-{row['idx']}"].append(" ".join(tokens))
    frequency: Counter[str] = Counter()
    for doc in make_docs("\n".join(lines) for lines in postings.values()):
        lemmas = content_lemmas(doc)
        terms = set(lemmas) | {f"{a} {b}" for a, b in itertools.pairwise(lemmas)}
        frequency.update(terms)
    kept = {term: count for term, count in sorted(frequency.items()) if count >= 2}
    table = {
        "source": "SkillSpan train split (Zhang et al., NAACL 2022; MIT licence): "
        "document frequencies only",
        "documents": len(postings),
        "df": kept,
    }
    target = ROOT / "src" / "tailor" / "data" / "idf.json"
    target.write_text(json.dumps(table, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"{len(kept)} terms from {len(postings)} postings -> {target}")


if __name__ == "__main__":
    main()
