"""Parsing robustness: every résumé of the Kaggle résumé dataset through the text reader.

    python benchmarks/parsing.py [--shared ../shared] [--flattened]

Reads UpdatedResumeDataSet.csv (962 rows: 'Category', 'Resume'), parses each 'Resume' with
`tailor.parse.parse_profile_text(text, fmt="text")` and prints a Markdown table per category:
exceptions (must be 0), résumés with at least one section and one bullet, with entries, with
skills, unplaced lines, and the time taken. `--flattened` also parses each résumé with its line
breaks removed (one long line), the harshest form of flattened text. Exits 1 on any exception.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tailor.model import Profile
from tailor.parse import parse_profile_text

ROOT = Path(__file__).resolve().parents[1]
DATASET = Path("benchmarks/kaggle_updated_resume_dataset_categories/UpdatedResumeDataSet.csv")


@dataclass
class Tally:
    """What the parses of one category (or of all) came to."""

    resumes: int = 0
    errors: int = 0
    useful: int = 0  # at least one section and one bullet
    with_entries: int = 0
    with_skills: int = 0
    sections: int = 0
    bullets: int = 0
    unplaced: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)

    def add(self, profile: Profile | None, seconds: float) -> None:
        """Counts one parse (None: it raised)."""
        self.resumes += 1
        self.seconds += seconds
        if profile is None:
            self.errors += 1
            return
        bullets = sum(len(e.bullets) for s in profile.sections for e in s.entries)
        self.useful += bool(profile.sections and bullets)
        self.with_entries += any(s.entries for s in profile.sections)
        self.with_skills += any(s.skills for s in profile.sections)
        self.sections += len(profile.sections)
        self.bullets += bullets
        self.unplaced += len(profile.unplaced)


def read_rows(path: Path) -> list[tuple[str, str]]:
    """Gives the (category, résumé text) rows of the dataset."""
    with path.open(encoding="utf-8", newline="") as stream:
        return [(row["Category"], row["Resume"]) for row in csv.DictReader(stream)]


def parse_all(rows: Iterable[tuple[str, str]]) -> dict[str, Tally]:
    """Gives the tally per category of parsing every résumé, and the total under ''."""
    tallies: dict[str, Tally] = {"": Tally()}
    for index, (category, text) in enumerate(rows):
        start = time.perf_counter()
        try:
            profile: Profile | None = parse_profile_text(text, fmt="text")
        except Exception:
            profile = None
            tallies[""].failures.append(f"row {index} ({category}):\n{traceback.format_exc()}")
        seconds = time.perf_counter() - start
        for key in ("", category):
            tallies.setdefault(key, Tally()).add(profile, seconds)
    return tallies


def percent(part: int, whole: int) -> str:
    """Gives part of whole as a percentage for the table."""
    return f"{100 * part / whole:.1f}%" if whole else "-"


def table(tallies: dict[str, Tally]) -> str:
    """Gives the tallies as a Markdown table, categories by name, the total last."""
    lines = [
        "| category | résumés | exceptions | section + bullet | with entries | with skills "
        "| bullets / résumé | unplaced / résumé | ms / résumé |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for name in [*sorted(key for key in tallies if key), ""]:
        tally = tallies[name]
        count = tally.resumes
        lines.append(
            f"| {name or '**all**'} | {count} | {tally.errors} "
            f"| {tally.useful} ({percent(tally.useful, count)}) "
            f"| {percent(tally.with_entries, count)} | {percent(tally.with_skills, count)} "
            f"| {tally.bullets / count:.1f} | {tally.unplaced / count:.1f} "
            f"| {1000 * tally.seconds / count:.1f} |"
        )
    return "\n".join(lines)


def main() -> int:
    """Runs the benchmark; gives the exit code (1 if any résumé raised)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--flattened", action="store_true", help="also parse one-line versions")
    args = parser.parse_args()
    rows = read_rows(args.shared / DATASET)
    start = time.perf_counter()
    tallies = parse_all(rows)
    elapsed = time.perf_counter() - start
    unique = len({text for _, text in rows})
    print(f"## Kaggle résumé dataset: {len(rows)} résumés ({unique} distinct texts)\n")
    print(table(tallies))
    print(f"\nTotal {elapsed:.2f} s.")
    failures = tallies[""].failures
    if args.flattened:
        flat = [(category, " ".join(text.split())) for category, text in rows]
        flat_tallies = parse_all(flat)
        total = flat_tallies[""]
        print("\n## The same résumés flattened to one line\n")
        print(table({"": total}))
        failures += total.failures
    for failure in failures[:5]:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
