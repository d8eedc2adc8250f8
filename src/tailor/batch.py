"""Many postings against one CV: fit of each, streamed, and the gaps most postings share."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from pydantic import Field

from tailor.errors import TailorError
from tailor.load import MAX_BYTES
from tailor.model import Keyword, Model, Posting, Profile, Result

PARALLEL_FROM = 64  # below this, starting workers costs more than it saves
CHUNK = 16
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
    kind_named: str | None = Field(
        default=None,
        description="A kind of the keyword the master CV names (PyTorch for deep learning "
        "framework): the gap is one of wording, which a literal screen still misses.",
    )


def posting_paths(inputs: Sequence[Path]) -> list[Path]:
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
        elif str(path) == "-":
            raise InputError(
                "standard input (-) is for one posting",
                hint="use 'tailor match -' or 'tailor report -', or give files or folders here",
            )
        else:
            raise InputError("no such posting", path=path, hint="check the path and try again")
    if not found:
        raise InputError(
            "found no posting files (.txt, .md)",
            path=", ".join(str(path) for path in inputs),
            hint="give posting files, or folders that hold them",
        )
    return found


@dataclass
class Matcher:
    """The master CV's evidence, computed once and reused for every posting."""

    profile: Profile
    skills: set[str] = field(default_factory=set)
    lemma_text: str = ""
    kinds: dict[str, str] = field(default_factory=dict)  # keyword -> a kind of it the CV names

    def __post_init__(self) -> None:
        from tailor.rank import gather_evidence
        from tailor.report import profile_lines
        from tailor.skills import load_taxonomy

        evidence = gather_evidence(profile_lines(self.profile), nested=True)
        self.skills = {name for e in evidence for name in e.skills}
        self.lemma_text = " ".join(e.lemma_text for e in evidence)
        ancestors = load_taxonomy().ancestors
        for name in sorted(self.skills):
            for parent, steps in ancestors.get(name, {}).items():
                if steps == 1:
                    self.kinds.setdefault(parent, name)

    def shows(self, canonical: str, category: str) -> bool:
        if category == "phrase":
            return f" {canonical} " in self.lemma_text
        return canonical in self.skills

    def met_otherwise(self, keyword: Keyword) -> bool:
        """Tells whether the CV shows an alternative the posting takes in the keyword's place
        ("Python or Java")."""
        return any(name in self.skills for name in keyword.alternatives)


def fit_posting(
    matcher: Matcher,
    posting: Posting,
    *,
    top_missing: int = 5,
    shown: list[bool] | None = None,
) -> PostingFit:
    """Gives the fit of the master CV to one analysed posting (``shown``: whether the CV shows
    each keyword, where the caller has it already)."""
    total = sum(k.weight for k in posting.keywords) or 1.0
    if shown is None:
        shown = [matcher.shows(k.canonical, k.category) for k in posting.keywords]
    covered = [k for k, yes in zip(posting.keywords, shown, strict=True) if yes]
    required = [
        yes for k, yes in zip(posting.keywords, shown, strict=True) if k.importance == "required"
    ]
    missing = [
        k.term
        for k, yes in zip(posting.keywords, shown, strict=True)
        if not yes and not matcher.met_otherwise(k)
    ]
    return PostingFit(
        source=posting.source or "",
        title=posting.title,
        company=posting.company,
        score=round(100 * sum(k.weight for k in covered) / total, 1),
        required_covered=sum(required),
        required_total=len(required),
        missing=missing[:top_missing],
    )


class Missing(NamedTuple):
    """A posting keyword the master CV lacks."""

    key: str  # what postings are counted by: the canonical name, lower-cased
    term: str  # as this posting spells it
    required: bool
    kind: str | None  # a kind of it the master CV names, if any


@dataclass
class GapTally:
    """Counts, over a stream of postings, the keywords the master CV lacks."""

    postings: dict[str, int] = field(default_factory=dict)
    required: dict[str, int] = field(default_factory=dict)
    spellings: dict[str, Counter[str]] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    seen: int = 0

    def add(self, missing: list[Missing]) -> None:
        """Counts one posting's missing keywords."""
        self.seen += 1
        for key, term, required, kind in missing:
            self.spellings.setdefault(key, Counter())[term] += 1
            if kind is not None:
                self.kinds[key] = kind
            self.postings[key] = self.postings.get(key, 0) + 1
            if required:
                self.required[key] = self.required.get(key, 0) + 1

    def top(self, count: int = 15) -> list[Gap]:
        ranked = sorted(
            self.postings, key=lambda key: (-self.postings[key], -self.required.get(key, 0), key)
        )
        return [
            Gap(
                # The spelling most postings use ("SQL" over one posting's "sql"), ties by order.
                term=self.spellings[key].most_common(1)[0][0],
                postings=self.postings[key],
                required=self.required.get(key, 0),
                kind_named=self.kinds.get(key),
            )
            for key in ranked[:count]
        ]


def assess(
    matcher: Matcher, path: Path, max_bytes: int = MAX_BYTES
) -> tuple[PostingFit, list[Missing]]:
    """Gives the fit to one posting file and its missing hard keywords."""
    from tailor.workflow import load_posting

    posting = load_posting(path, max_bytes=max_bytes)
    shown = [matcher.shows(k.canonical, k.category) for k in posting.keywords]
    missing = [
        Missing(
            k.canonical.lower(),
            k.term,
            k.importance == "required",
            None if k.category == "phrase" else matcher.kinds.get(k.canonical),
        )
        for k, yes in zip(posting.keywords, shown, strict=True)
        if k.kind != "soft" and not yes and not matcher.met_otherwise(k)
    ]
    return fit_posting(matcher, posting, shown=shown), missing


@dataclass(frozen=True)
class Failure:
    """A TailorError carried back from a worker process (exceptions pickle poorly)."""

    message: str
    hint: str | None
    path: str | None
    line: int | None = None

    def error(self) -> TailorError:
        return TailorError(self.message, hint=self.hint, path=self.path, line=self.line)


Outcome = tuple[PostingFit, list[Missing]] | Failure
_worker: Matcher | None = None


def _start_worker(profile_json: str) -> None:
    """Builds the master CV's evidence once in each worker process."""
    global _worker
    _worker = Matcher(Profile.model_validate_json(profile_json))


def _assess_in_worker(path: Path, max_bytes: int = MAX_BYTES) -> Outcome:
    """Gives the assessment of one posting, or the error's (message, hint, path) to re-raise."""
    assert _worker is not None
    try:
        return assess(_worker, path, max_bytes)
    except TailorError as error:
        return Failure(error.message, error.hint, error.path, error.line)


def rank_postings(
    profile: Profile,
    paths: Iterable[Path],
    *,
    gaps: GapTally | None = None,
    on_error: Callable[[Path, TailorError], None] | None = None,
    jobs: int = 1,
    max_bytes: int = MAX_BYTES,
) -> Iterator[PostingFit]:
    """Gives the fit of the CV to each posting file, in input order, one at a time.

    Memory stays flat however many postings there are. With ``jobs`` > 1, worker processes
    analyse postings in parallel; the results and their order are the same. A posting that
    cannot be read goes to ``on_error`` and is skipped; without it, it raises.
    """
    paths = list(paths)
    outcomes: Iterable[Outcome]
    if jobs > 1 and len(paths) >= PARALLEL_FROM:
        from concurrent.futures import ProcessPoolExecutor

        executor = ProcessPoolExecutor(
            max_workers=jobs, initializer=_start_worker, initargs=(profile.model_dump_json(),)
        )
        outcomes = executor.map(_assess_in_worker, paths, [max_bytes] * len(paths), chunksize=CHUNK)
    else:
        executor = None
        matcher = Matcher(profile)

        def local() -> Iterator[Outcome]:
            for path in paths:
                try:
                    yield assess(matcher, path, max_bytes)
                except TailorError as error:
                    yield Failure(error.message, error.hint, error.path, error.line)

        outcomes = local()
    try:
        for path, outcome in zip(paths, outcomes, strict=True):
            if isinstance(outcome, Failure):
                if on_error is None:
                    raise outcome.error()
                on_error(path, outcome.error())
                continue
            fit, missing = outcome
            if gaps is not None:
                gaps.add(missing)
            yield fit
    finally:
        if executor is not None:
            executor.shutdown(cancel_futures=True)


class IndexRow(Model):
    """One tailored posting in a batch's index."""

    folder: str = Field(description="The posting's output folder, relative to the index.")
    title: str | None
    company: str | None
    master: float
    tailored: float
    missing_required: list[str]


def index_row(folder: str, result: Result) -> IndexRow:
    """Gives the index row of one posting's result."""
    return IndexRow(
        folder=folder,
        title=result.posting.title,
        company=result.posting.company,
        master=result.score.master,
        tailored=result.score.tailored,
        # Gaps first; then keywords the CV names only by a kind of them (a gap of wording). An
        # ask met by an alternative the posting takes ("Python or Java") is no gap.
        missing_required=[
            f"{k.term} (you name “{k.kind_named}”)" if k.kind_named else k.term
            for k in (*result.gaps().outright, *result.gaps().kinds)
            if k.importance == "required"
        ][:5],
    )


def render_index(rows: list[IndexRow]) -> str:
    """Gives the Markdown index of a batch: postings by tailored score, linked to their files."""
    ordered = sorted(rows, key=lambda row: (-row.tailored, row.folder))
    lines = [
        "# Tailored résumés",
        "",
        "| # | posting | tailored | master CV | missing (required) | files |",
        "|---|---|---|---|---|---|",
    ]
    for rank, row in enumerate(ordered, start=1):
        title = " at ".join(x for x in (row.title, row.company) if x) or row.folder
        files = f"[résumé]({row.folder}/resume.md), [report]({row.folder}/report.md)"
        missing = ", ".join(row.missing_required) or "-"
        lines.append(
            f"| {rank} | {cell(title)} | {row.tailored:.0f} | {row.master:.0f} "
            f"| {cell(missing)} | {files} |"
        )
    return "\n".join(lines) + "\n"


def cell(text: str) -> str:
    """Gives text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")
