"""Many postings against one CV: fit of each, streamed, and the gaps most postings share."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tailor.errors import TailorError
from tailor.model import Model, Posting, Profile

POSTING_SUFFIXES = {".txt", ".md", ".markdown", ".text"}


class PostingFit(Model):
    """How well the master CV fits one posting."""

    source: str
    title: str | None
    company: str | None
    score: float
    required_covered: int
    required_total: int
    missing: list[str]


class Gap(Model):
    """A keyword the master CV lacks, with how many postings ask for it."""

    term: str
    postings: int
    required: int


def posting_paths(inputs: Iterable[Path]) -> list[Path]:
    """Gives the posting files named or found in the folders named, sorted within each folder."""
    from tailor.errors import InputError

    found: list[Path] = []
    for path in inputs:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.iterdir()
                    if p.is_file() and p.suffix.lower() in POSTING_SUFFIXES
                )
            )
        elif path.exists():
            found.append(path)
        else:
            raise InputError("no such posting", path=path, hint="check the path and try again")
    return found


@dataclass
class Matcher:
    """The master CV's evidence, computed once and reused for every posting."""

    profile: Profile
    skills: set[str] = field(default_factory=set)
    lemma_text: str = ""

    def __post_init__(self) -> None:
        from tailor.rank import gather_evidence
        from tailor.report import profile_lines

        evidence = gather_evidence(profile_lines(self.profile))
        self.skills = {name for e in evidence for name in e.skills}
        self.lemma_text = " ".join(e.lemma_text for e in evidence)

    def shows(self, canonical: str, category: str) -> bool:
        if category == "phrase":
            return f" {canonical} " in self.lemma_text
        return canonical in self.skills


def fit_posting(matcher: Matcher, posting: Posting, *, top_missing: int = 5) -> PostingFit:
    """Gives the fit of the master CV to one analysed posting."""
    total = sum(k.weight for k in posting.keywords) or 1.0
    shown = [matcher.shows(k.canonical, k.category) for k in posting.keywords]
    covered = [k for k, yes in zip(posting.keywords, shown, strict=True) if yes]
    required = [
        yes for k, yes in zip(posting.keywords, shown, strict=True) if k.importance == "required"
    ]
    missing = [k.term for k, yes in zip(posting.keywords, shown, strict=True) if not yes]
    return PostingFit(
        source=posting.source or "",
        title=posting.title,
        company=posting.company,
        score=round(100 * sum(k.weight for k in covered) / total, 1),
        required_covered=sum(required),
        required_total=len(required),
        missing=missing[:top_missing],
    )


@dataclass
class GapTally:
    """Counts, over a stream of postings, the keywords the master CV lacks."""

    postings: dict[str, int] = field(default_factory=dict)
    required: dict[str, int] = field(default_factory=dict)
    spelling: dict[str, str] = field(default_factory=dict)
    seen: int = 0

    def add(self, matcher: Matcher, posting: Posting) -> None:
        self.seen += 1
        for keyword in posting.keywords:
            if matcher.shows(keyword.canonical, keyword.category) or keyword.kind == "soft":
                continue
            key = keyword.canonical.lower()
            self.spelling.setdefault(key, keyword.term)
            self.postings[key] = self.postings.get(key, 0) + 1
            if keyword.importance == "required":
                self.required[key] = self.required.get(key, 0) + 1

    def top(self, count: int = 15) -> list[Gap]:
        ranked = sorted(
            self.postings, key=lambda key: (-self.postings[key], -self.required.get(key, 0), key)
        )
        return [
            Gap(
                term=self.spelling[key],
                postings=self.postings[key],
                required=self.required.get(key, 0),
            )
            for key in ranked[:count]
        ]


def rank_postings(
    profile: Profile,
    paths: Iterable[Path],
    *,
    gaps: GapTally | None = None,
    on_error: Callable[[Path, TailorError], None] | None = None,
) -> Iterator[PostingFit]:
    """Gives the fit of the CV to each posting file, one at a time (memory stays flat).

    A posting that cannot be read goes to ``on_error`` and is skipped; without it, it raises.
    """
    from tailor.workflow import load_posting

    matcher = Matcher(profile)
    for path in paths:
        try:
            posting = load_posting(path)
        except TailorError as error:
            if on_error is None:
                raise
            on_error(path, error)
            continue
        if gaps is not None:
            gaps.add(matcher, posting)
        yield fit_posting(matcher, posting)
