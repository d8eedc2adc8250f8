"""Speed: cold start of one match against the import floor, and throughput of tailor rank.

    python benchmarks/speed.py [--postings 10000] [--shared ../shared] [--repeat 3]

1. Cold `tailor match` on the shipped example vs the floor, a bare
   `python -c "import spacy, sklearn.feature_extraction.text, docx"`, in the same run (medians),
   with tailor's bytecode compiled first (as pip installs it).
2. `tailor --help` (median).
3. `tailor rank` over N postings made by recombining sentences of ../shared/corpus/postings,
   in a child process: postings per second and peak memory (max RSS), against a plain
   scikit-learn TfidfVectorizer + cosine script over the same texts in the same run.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

BASELINE = r"""
import sys, time, resource
from pathlib import Path
start = time.perf_counter()
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import linear_kernel
cv = Path(sys.argv[1]).read_text(encoding="utf-8")
paths = sorted(Path(sys.argv[2]).iterdir())
texts = (p.read_text(encoding="utf-8") for p in paths)
vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english")
matrix = vectorizer.fit_transform([cv, *texts])
scores = linear_kernel(matrix[1:], matrix[0])[:, 0]
order = scores.argsort()[::-1]
elapsed = time.perf_counter() - start
print(len(paths), elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

TAILOR = r"""
import sys, time, resource
from pathlib import Path
start = time.perf_counter()
from tailor.batch import GapTally, posting_paths, rank_postings
from tailor.parse import load_profile
master = load_profile(Path(sys.argv[1]))
tally = GapTally()
fits = sorted(rank_postings(master, posting_paths([Path(sys.argv[2])]), gaps=tally,
              on_error=lambda path, error: None, jobs=int(sys.argv[3])),
              key=lambda fit: -fit.score)
elapsed = time.perf_counter() - start
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
           resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(len(fits), elapsed, peak)
"""


def timed(command: list[str], repeat: int, cwd: Path = ROOT) -> float:
    """Gives the median wall time of a command, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def make_postings(shared: Path, folder: Path, count: int, seed: int = 7) -> None:
    """Writes count postings, each a random recombination of real postings' lines."""
    sources = sorted((shared / "corpus" / "postings").glob("*.txt"))
    lines = []
    for path in sources:
        for line in path.read_text(encoding="utf-8").split("\n"):
            if line.strip() and not line.startswith("# source"):
                lines.append(line)
    headings = [line for line in lines if re.match(r"^(#+|\*\*)", line)]
    body = [line for line in lines if line not in headings]
    rng = random.Random(seed)
    for index in range(count):
        parts = [f"# Posting {index}"]
        for _ in range(rng.randint(4, 7)):
            parts.append(rng.choice(headings))
            parts.extend(rng.sample(body, rng.randint(3, 9)))
        (folder / f"posting_{index:05d}.txt").write_text("\n\n".join(parts) + "\n", "utf-8")


def run_child(code: str, cv: Path, folder: Path, jobs: int = 1) -> tuple[int, float, float]:
    done = subprocess.run(
        [sys.executable, "-c", code, str(cv), str(folder), str(jobs)],
        check=True, capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    count, seconds, max_rss_kb = done.stdout.split()
    return int(count), float(seconds), float(max_rss_kb) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--postings", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    # tailor's own bytecode compiled, as a pip install leaves it and as the floor's packages
    # have theirs: an editable install under PYTHONDONTWRITEBYTECODE=1 otherwise compiles
    # tailor's 29 modules from source on every run (45 ms).
    import tailor

    package = Path(tailor.__file__).parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)
    floor = timed(
        [sys.executable, "-c", "import spacy, sklearn.feature_extraction.text, docx"], args.repeat
    )
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "out"
        match = timed(
            [str(BIN / "tailor"), "match", "job_posts/ml-engineer-vision.txt", "--out", str(out)],
            args.repeat,
        )
        shutil.rmtree(out, ignore_errors=True)
    help_time = timed([str(BIN / "tailor"), "--help"], max(args.repeat, 5))
    print("| cold start | seconds |")
    print("|---|---|")
    print(f"| import floor (spacy, sklearn, docx) | {floor:.2f} |")
    print(f"| tailor match, shipped example | {match:.2f} ({match / floor:.2f}x the floor) |")
    print(f"| tailor --help | {help_time:.3f} |")

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        make_postings(args.shared, folder, args.postings)
        cv = ROOT / "profile" / "master_cv.txt"
        count, base_seconds, base_rss = run_child(BASELINE, cv, folder)
        count, tailor_seconds, tailor_rss = run_child(TAILOR, cv, folder, 1)
        _, parallel_seconds, parallel_rss = run_child(TAILOR, cv, folder, os.cpu_count() or 1)
    print(f"\n| {count} postings | seconds | postings/s | peak memory (MiB) |")
    print("|---|---|---|---|")
    print(f"| TfidfVectorizer + cosine | {base_seconds:.1f} | {count / base_seconds:.0f} "
          f"| {base_rss:.0f} |")  # fmt: skip
    print(f"| tailor rank (full keyword analysis) | {tailor_seconds:.1f} "
          f"| {count / tailor_seconds:.0f} | {tailor_rss:.0f} |")  # fmt: skip
    print(f"| tailor rank --jobs {os.cpu_count()} | {parallel_seconds:.1f} "
          f"| {count / parallel_seconds:.0f} | {parallel_rss:.0f} (largest process) |")  # fmt: skip
    print(
        f"\nthroughput ratio tailor / baseline: {base_seconds / tailor_seconds:.2f} "
        f"(one process), {base_seconds / parallel_seconds:.2f} (--jobs {os.cpu_count()})"
    )


if __name__ == "__main__":
    main()
