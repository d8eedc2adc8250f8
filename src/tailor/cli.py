"""The command line: each command converts its arguments and calls one library function."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from tailor import __version__
from tailor.errors import TailorError

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


def fail(error: TailorError) -> NoReturn:
    typer.echo(f"error: {error}", err=True)
    raise typer.Exit(code=2)


@app.command()
def match(
    posting: Annotated[Path, typer.Argument(help="The job posting (.txt or .md), or - for stdin.")],
    profile: Annotated[
        Path | None,
        typer.Option("--profile", help="Your master CV (default: the one in profile/)."),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Output folder (default: out/<posting name>/).")
    ] = None,
    pages: Annotated[float, typer.Option("--pages", min=0.5, max=5, help="Page budget.")] = 1.0,
    max_bullets: Annotated[
        int | None, typer.Option("--max-bullets", min=1, help="At most this many items.")
    ] = None,
) -> None:
    """Tailor the master CV to POSTING: writes resume.docx, resume.md, report.md, result.json."""
    from tailor.parse import load_profile
    from tailor.pipeline import tailor
    from tailor.workflow import (
        check_out_dir,
        default_out,
        find_profile,
        load_posting,
        write_outputs,
    )

    try:
        profile_path = profile or find_profile()
        out_dir = out or default_out(posting)
        check_out_dir(out_dir, [posting, profile_path])
        master = load_profile(profile_path)
        analysed = load_posting(posting)
        tailored = tailor(master, analysed, pages=pages, max_bullets=max_bullets)
        outputs = write_outputs(tailored, out_dir)
    except TailorError as error:
        fail(error)
    result = tailored.result
    title = " at ".join(x for x in (result.posting.title, result.posting.company) if x)
    typer.echo(f"{title or 'posting'}")
    typer.echo(
        f"  match score: master CV {result.score.master:.0f}/100, "
        f"tailored résumé {result.score.tailored:.0f}/100"
    )
    covered = [k.term for k in result.keywords if k.status == "covered"]
    missing = [k.term for k in result.keywords if k.status == "missing"]
    available = [k.term for k in result.keywords if k.status == "available"]
    selected = sum(1 for item in result.items if item.selected)
    typer.echo(f"  covered ({len(covered)}): {', '.join(covered[:8]) or '-'}")
    if available:
        typer.echo(f"  in the CV, not on the page ({len(available)}): {', '.join(available[:8])}")
    typer.echo(f"  missing ({len(missing)}): {', '.join(missing[:8]) or '-'}")
    typer.echo(
        f"  {selected} of {len(result.items)} items on the page, "
        f"about {result.budget.lines_used} of {result.budget.lines_available} lines"
    )
    typer.echo(f"  wrote {', '.join(str(p) for p in outputs.files.values())}")


@app.command()
def parse(
    cv: Annotated[Path, typer.Argument(help="The CV to read.")],
    format: Annotated[
        ParseFormat, typer.Option("--format", help="tree, yaml or json.")
    ] = ParseFormat.tree,
) -> None:
    """Show what tailor understood of a CV: sections, entries, dates, bullets, warnings."""
    from tailor.parse import load_profile
    from tailor.show import profile_tree

    try:
        profile = load_profile(cv)
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


def main() -> None:
    """Runs the CLI; a TailorError anywhere becomes one line and exit code 2."""
    try:
        app()
    except TailorError as error:
        typer.echo(f"error: {error}", err=True)
        sys.exit(2)
