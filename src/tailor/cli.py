"""The command line: each command converts its arguments and calls one library function."""

from __future__ import annotations

import gc
import math
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from tailor import __version__
from tailor.errors import TailorError

if TYPE_CHECKING:
    from tailor.batch import PostingFit
    from tailor.model import Profile, Result
    from tailor.pipeline import Options

app = typer.Typer(
    name="tailor",
    help="Tailor your master CV to one job posting: truthful, explainable, offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class ParseFormat(StrEnum):
    tree = "tree"
    yaml = "yaml"
    json = "json"


def show_version(value: bool) -> None:
    if value:
        typer.echo(f"tailor {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=show_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Tailor your master CV to one job posting: truthful, explainable, offline."""


# Inputs over this many MB are refused before they are read (--max-size).
MaxSize = Annotated[
    float,
    typer.Option(
        "--max-size", min=0.001, metavar="MB", help="Refuse input files larger than this."
    ),
]
DEFAULT_MAX_SIZE = 10.0
# Options that several commands share, defined once.
ProfileOption = Annotated[
    Path | None,
    typer.Option("--profile", help="Your master CV (default: the one in profile/)."),
]
PagesOption = Annotated[float, typer.Option("--pages", min=0.5, max=5, help="Page budget.")]
MaxBulletsOption = Annotated[
    int | None, typer.Option("--max-bullets", min=1, help="At most this many items.")
]
FillOption = Annotated[
    bool,
    typer.Option(
        "--fill",
        help="Fill the page's spare lines with the best remaining items, even ones that show "
        "no posting keyword (by default a weak fit gets a shorter page).",
    ),
]


def max_bytes_of(megabytes: float) -> int:
    """Gives the byte limit of --max-size."""
    from tailor.load import MB

    return int(megabytes * MB)


def fail(error: TailorError) -> NoReturn:
    typer.echo(f"error: {error}", err=True)
    raise typer.Exit(code=2)


def check_today(value: str | None) -> str | None:
    """Gives --today as YYYY-MM, or refuses it."""
    if value is not None and not re.fullmatch(r"(19|20)\d\d-(0[1-9]|1[0-2])", value):
        raise typer.BadParameter("give a month as YYYY-MM, such as 2026-11")
    return value


TodayOption = Annotated[
    str | None,
    typer.Option(
        "--today",
        metavar="YYYY-MM",
        callback=check_today,
        help="The month an ongoing role ('present') runs to, for the years of experience "
        "(default: the newest date your CV gives, so the same CV gives the same years).",
    ),
]


def check_formats(values: list[str] | None) -> list[str] | None:
    """Gives the résumé formats of --format (repeated or comma-separated), each known, once."""
    from tailor.workflow import RESUME_FILES

    if not values:
        return None
    formats: list[str] = []
    for value in values:
        for name in value.split(","):
            name = name.strip().lower()
            if name not in RESUME_FILES:
                raise typer.BadParameter(f"{name!r}: choose from {', '.join(RESUME_FILES)}")
            if name not in formats:
                formats.append(name)
    return formats


@app.command()
def match(
    postings: Annotated[
        list[Path],
        typer.Argument(
            metavar="POSTING",
            help="The job posting (.txt or .md), - for stdin, or several postings or folders "
            "of them (one output folder each, and an index).",
        ),
    ],
    profile: ProfileOption = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Output folder (default: out/<posting name>/).")
    ] = None,
    pages: PagesOption = 1.0,
    max_bullets: MaxBulletsOption = None,
    fill: FillOption = False,
    today: TodayOption = None,
    formats: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            metavar="FORMAT",
            callback=check_formats,
            help="Résumé format to write: docx, md, pdf (needs LibreOffice), jsonresume, "
            "rendercv; repeat it or separate with commas (default: docx,md). "
            "report.md, report.html and result.json are always written.",
        ),
    ] = None,
    reference_docx: Annotated[
        Path | None,
        typer.Option(
            "--reference-docx",
            help="A Word .docx whose styles, page size and margins the DOCX résumé takes "
            "(default: templates/reference.docx).",
        ),
    ] = None,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template", help="The jinja2 template of resume.md (default: resume.md.j2)."
        ),
    ] = None,
    max_size: MaxSize = DEFAULT_MAX_SIZE,
) -> None:
    """Tailor the master CV to POSTING: writes the résumé, report.md, report.html, result.json."""
    from tailor.pipeline import Options

    options = Options(pages=pages, max_bullets=max_bullets, fill=fill, today=today)
    if len(postings) > 1 or postings[0].is_dir():
        match_many(
            postings,
            profile=profile,
            out=out,
            options=options,
            formats=formats,
            reference_docx=reference_docx,
            template=template,
            max_size=max_size,
        )
        return
    posting = postings[0]
    from tailor.pipeline import tailor
    from tailor.workflow import (
        DEFAULT_FORMATS,
        check_out_dir,
        default_out,
        load_posting,
        resolve_profile,
        write_outputs,
    )

    try:
        profile_path = resolve_profile(profile)
        out_dir = out or default_out(posting)
        inputs = {
            "posting": posting,
            "CV": profile_path,
            "reference DOCX": reference_docx,
            "template": template,
        }
        check_out_dir(out_dir, inputs)
        master = load_master(profile_path, max_size)
        analysed = load_posting(posting, max_bytes=max_bytes_of(max_size))
        tailored = tailor(master, analysed, **options)
        outputs = write_outputs(
            tailored,
            out_dir,
            formats=formats or DEFAULT_FORMATS,
            reference_docx=reference_docx,
            template=template,
        )
    except TailorError as error:
        fail(error)
    print_report(tailored.result)
    budget = tailored.result.budget
    if budget.lines_used > budget.lines_available:
        typer.echo(
            f"warning: the résumé takes about {budget.lines_used} lines, more than --pages "
            f"{pages:g} holds ({budget.lines_available}): the header, education, skills and "
            "summary are always kept; try a larger --pages",
            err=True,
        )
    typer.echo(f"wrote {', '.join(str(p) for p in outputs.files.values())}")
    if outputs.pdf_pages is not None:
        typer.echo(f"resume.pdf: {outputs.pdf_pages} page{'s' if outputs.pdf_pages > 1 else ''}")
        if outputs.pdf_pages > math.ceil(pages):
            typer.echo(
                f"warning: the PDF has {outputs.pdf_pages} pages for --pages {pages:g}: "
                "try a smaller --pages or --max-bullets",
                err=True,
            )


def match_many(
    postings: list[Path],
    *,
    profile: Path | None,
    out: Path | None,
    options: Options,
    formats: list[str] | None,
    reference_docx: Path | None,
    template: Path | None,
    max_size: float,
) -> None:
    """Tailors the CV to each posting: a folder each under OUT (default out/) and an index.md."""
    from tailor.batch import IndexRow, index_row, posting_paths, render_index
    from tailor.pipeline import tailor
    from tailor.workflow import (
        DEFAULT_FORMATS,
        check_out_dir,
        load_posting,
        resolve_profile,
        write_atomic,
        write_outputs,
    )

    if any(str(path) == "-" for path in postings):
        fail(TailorError("standard input (-) can only be the one posting", hint="give files"))
    root = out or Path("out")
    try:
        profile_path = resolve_profile(profile)
        paths = posting_paths(postings)
        check_out_dir(root, {"CV": profile_path, "reference DOCX": reference_docx})
        master = load_master(profile_path, max_size)
    except TailorError as error:
        fail(error)
    rows: list[IndexRow] = []
    used: set[str] = set()
    for path in paths:
        # Two postings named alike in different folders get folders of their own.
        folder = path.stem
        while folder in used:
            folder = f"{folder}-{len(used)}"
        used.add(folder)
        try:
            check_out_dir(root / folder, {"posting": path})
            analysed = load_posting(path, max_bytes=max_bytes_of(max_size))
            tailored = tailor(master, analysed, **options)
            write_outputs(
                tailored,
                root / folder,
                formats=formats or DEFAULT_FORMATS,
                reference_docx=reference_docx,
                template=template,
            )
        except TailorError as error:
            typer.echo(f"warning: skipped: {error}", err=True)
            continue
        rows.append(index_row(folder, tailored.result))
        result = tailored.result
        title = " at ".join(x for x in (result.posting.title, result.posting.company) if x)
        typer.echo(f"{result.score.tailored:5.1f}  {title or path.name}  -> {root / folder}")
    if not rows:
        fail(TailorError(f"none of the {len(paths)} postings could be tailored", hint="see above"))
    try:
        write_atomic(root / "index.md", render_index(rows).encode("utf-8"))
    except OSError as error:
        fail(TailorError(f"cannot write the index: {error.strerror}", path=root / "index.md"))
    count = f"{len(rows)} tailored résumé{'' if len(rows) == 1 else 's'}"
    typer.echo(f"wrote {count} and {root / 'index.md'}")


def print_report(result: Result) -> None:
    """Prints the coverage report's compact tables to standard output."""
    from tailor.show import plain_console, report_summary

    plain_console().print(report_summary(result))


class ReportFormat(StrEnum):
    table = "table"
    md = "md"
    html = "html"
    json = "json"


@app.command()
def report(
    posting: Annotated[Path, typer.Argument(help="The job posting (.txt or .md), or - for stdin.")],
    profile: ProfileOption = None,
    pages: PagesOption = 1.0,
    max_bullets: MaxBulletsOption = None,
    fill: FillOption = False,
    today: TodayOption = None,
    format: Annotated[
        ReportFormat,
        typer.Option("--format", help="table (the terminal view), md, html or json."),
    ] = ReportFormat.table,
    max_size: MaxSize = DEFAULT_MAX_SIZE,
) -> None:
    """Show how well the master CV and the tailored résumé match POSTING; writes no file."""
    from tailor.pipeline import Options, tailor
    from tailor.workflow import load_posting, resolve_profile

    options = Options(pages=pages, max_bullets=max_bullets, fill=fill, today=today)
    try:
        profile_path = resolve_profile(profile)
        master = load_master(profile_path, max_size)
        analysed = load_posting(posting, max_bytes=max_bytes_of(max_size))
        tailored = tailor(master, analysed, **options)
        if format is ReportFormat.md:
            from tailor.render.markdown import render_report_markdown

            typer.echo(render_report_markdown(tailored), nl=False)
        elif format is ReportFormat.html:
            from tailor.render.html import render_report_html

            typer.echo(render_report_html(tailored), nl=False)
        elif format is ReportFormat.json:
            typer.echo(tailored.result.model_dump_json(indent=2))
        else:
            print_report(tailored.result)
    except TailorError as error:
        fail(error)


@app.command()
def init(
    folder: Annotated[
        Path, typer.Argument(help="Where to copy them; match reads ./templates/.")
    ] = Path("templates"),
) -> None:
    """Copy the default templates (resume.md.j2, report.md.j2, reference.docx) out for editing."""
    from tailor.render.templates import copy_templates

    try:
        done = copy_templates(folder)
    except TailorError as error:
        fail(error)
    for path, written in done:
        typer.echo(f"wrote {path}" if written else f"kept {path}: it exists, init never overwrites")
    typer.echo(
        "tailor match uses ./templates/ first: edit the .j2 files, and the styles of "
        "reference.docx in Word"
    )


@app.command()
def parse(
    cv: Annotated[Path, typer.Argument(help="The CV to read (or a folder holding one).")],
    format: Annotated[
        ParseFormat, typer.Option("--format", help="tree, yaml or json.")
    ] = ParseFormat.tree,
    max_size: MaxSize = DEFAULT_MAX_SIZE,
) -> None:
    """Show what tailor understood of a CV: sections, entries, dates, bullets, warnings."""
    from tailor.parse import load_profile
    from tailor.show import profile_tree
    from tailor.workflow import resolve_profile

    try:
        cv = resolve_profile(cv)
        profile = load_profile(cv, max_bytes=max_bytes_of(max_size))
    except TailorError as error:
        fail(error)
    if format is ParseFormat.json:
        typer.echo(profile.model_dump_json(indent=2))
    elif format is ParseFormat.yaml:
        import yaml

        typer.echo(
            yaml.safe_dump(profile.model_dump(mode="json"), sort_keys=False, allow_unicode=True)
        )
    else:
        typer.echo(profile_tree(profile))
    for unplaced in profile.unplaced:
        typer.echo(f"warning: {cv}:{unplaced.line}: {unplaced.reason}: {unplaced.text}", err=True)


class RankFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


@app.command()
def rank(
    postings: Annotated[
        list[Path],
        typer.Argument(metavar="POSTING", help="Posting files, or folders of .txt/.md postings."),
    ],
    profile: ProfileOption = None,
    format: Annotated[
        RankFormat, typer.Option("--format", help="table, csv or json.")
    ] = RankFormat.table,
    gaps: Annotated[int, typer.Option("--gaps", min=0, help="Show the N commonest gaps.")] = 10,
    jobs: Annotated[
        int, typer.Option("--jobs", min=0, help="Worker processes (0: one per core).")
    ] = 0,
    max_size: MaxSize = DEFAULT_MAX_SIZE,
) -> None:
    """Rank postings by how well the master CV fits them, and show the gaps they share."""
    from tailor.batch import GapTally, posting_paths, rank_postings
    from tailor.show import fits_table
    from tailor.workflow import resolve_profile

    try:
        profile_path = resolve_profile(profile)
        master = load_master(profile_path, max_size)
        paths = posting_paths(postings)
    except TailorError as error:
        fail(error)
    tally = GapTally()
    fits: list[PostingFit] = []

    def skip(path: Path, error: TailorError) -> None:
        if len(paths) == 1:
            fail(error)  # the one posting given: its error is the answer, not a warning
        typer.echo(f"warning: skipped: {error}", err=True)

    with progress(len(paths), "analysing postings") as advance:
        workers = jobs or os.cpu_count() or 1
        for fit in rank_postings(
            master,
            paths,
            gaps=tally,
            on_error=skip,
            jobs=workers,
            max_bytes=max_bytes_of(max_size),
        ):
            fits.append(fit)
            advance()
    if not fits:
        fail(
            TailorError(
                f"none of the {len(paths)} postings could be read",
                hint="see the warnings above for each file",
            )
        )
    fits.sort(key=lambda fit: (-fit.score, fit.source))
    if format is RankFormat.json:
        import json

        payload = {
            "postings": [fit.model_dump() for fit in fits],
            "gaps": [gap.model_dump() for gap in tally.top(gaps)],
        }
        typer.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    if format is RankFormat.csv:
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["rank", "score", "title", "company", "required_covered",
                         "required_total", "missing", "source"])  # fmt: skip
        for index, fit in enumerate(fits, start=1):
            writer.writerow([index, fit.score, fit.title or "", fit.company or "",
                             fit.required_covered, fit.required_total, "; ".join(fit.missing),
                             fit.source])  # fmt: skip
        return
    typer.echo(fits_table(fits, tally.top(gaps), tally.seen))


def load_master(path: Path, max_size: float) -> Profile:
    """Gives the master CV at a resolved path, warning of files it names but tailor skips."""
    from tailor.parse import load_profile

    profile = load_profile(path, max_bytes=max_bytes_of(max_size))
    warn_not_followed(path, profile)
    return profile


def warn_not_followed(path: Path, profile: Profile) -> None:
    """Prints a warning for each file the CV takes text from that tailor did not read (\\input)."""
    for unplaced in profile.unplaced:
        if unplaced.reason.startswith("not followed"):
            typer.echo(
                f"warning: {path}:{unplaced.line}: {unplaced.reason}; tailor reads one file only",
                err=True,
            )


@contextmanager
def progress(total: int, label: str) -> Iterator[Callable[[], None]]:
    """Gives a function that advances a progress bar on stderr, shown only for long batches."""
    if total < 20 or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import Progress

    # On stderr: stdout carries the table, CSV or JSON, and must stay clean when redirected.
    with Progress(transient=True, console=Console(stderr=True)) as bar:
        task = bar.add_task(label, total=total)
        yield lambda: bar.advance(task)


# Cyclic garbage collection every 100,000 allocations instead of 700: a run allocates about a
# million long-lived objects (spaCy, scikit-learn, the taxonomy, lexemes) and the default makes
# Python walk them over and over, a sixth of a cold `tailor match`. Memory stays the same:
# nearly everything is freed by reference counting.
GC_THRESHOLDS = (100_000, 50, 1000)


def main() -> None:
    """Runs the CLI; a TailorError anywhere becomes one line and exit code 2."""
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        app()
    except TailorError as error:
        typer.echo(f"error: {error}", err=True)
        sys.exit(2)
    finally:
        # Python's exit collects cycles among every object still alive, those million among
        # them: 0.3 s of a cold match, for memory the process is about to give back. Frozen,
        # they are skipped; exit handlers and finalizers still run.
        gc.freeze()


def run() -> NoReturn:
    """The console script and ``python -m tailor``: main(), then an exit that skips Python's
    teardown of its modules and objects (30 ms after a match). By then all tailor wrote is
    closed and any worker pool shut down; the standard streams are flushed here. An error
    that escapes main() still ends the usual way, with its traceback."""
    try:
        main()
        status = 0
    except SystemExit as done:
        if done.code is None or isinstance(done.code, int):
            status = done.code or 0
        else:  # sys.exit("message"), as Python itself treats it
            print(done.code, file=sys.stderr)
            status = 1
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):
            stream.flush()
    os._exit(status)
