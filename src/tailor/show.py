"""Readable views of models for the terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tailor.text import strip_inline_marks

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from tailor.batch import Gap, PostingFit
    from tailor.model import KeywordCoverage, Profile, Result


def profile_tree(profile: Profile) -> str:
    """Gives a readable tree of a parsed CV: sections, entries with dates, bullet counts."""
    lines = [f"{profile.header.name or '(no name)'}"]
    for contact in profile.header.contacts:
        lines.append(f"  {contact.kind}: {contact.text}")
    for section in profile.sections:
        lines.append(f"{section.heading}  [{section.kind}]")
        for text in section.lines:
            lines.append(f"  {text}")
        for group in section.skills:
            label = f"{group.label}: " if group.label else ""
            lines.append(f"  {label}{len(group.items)} skills ({', '.join(group.items[:4])} ...)")
        for entry in section.entries:
            when = f"  {entry.start} to {entry.end}" if entry.start else ""
            where = f"  @ {entry.location}" if entry.location else ""
            role = f"  (role at {entry.organization})" if entry.organization else ""
            lines.append(f"  - {strip_inline_marks(entry.title)}{role}{where}{when}")
            if entry.subtitle:
                lines.append(f"      {strip_inline_marks(entry.subtitle)}")
            for detail in entry.details:
                lines.append(f"      {strip_inline_marks(detail)}")
            for bullet in entry.bullets:
                words = " ".join(bullet.plain.split()[:8])
                lines.append(f"      * {words} ...")
    if profile.unplaced:
        lines.append(f"{len(profile.unplaced)} unplaced lines (see warnings)")
    return "\n".join(lines)


def fits_table(fits: list[PostingFit], gaps: list[Gap], seen: int) -> str:
    """Gives the ranked postings and the shared gaps as a plain-text table."""
    lines = [f"{'rank':>4}  {'score':>5}  {'required':>8}  posting"]
    for index, fit in enumerate(fits, start=1):
        title = " at ".join(x for x in (fit.title, fit.company) if x) or fit.source
        required = f"{fit.required_covered}/{fit.required_total}"
        lines.append(f"{index:>4}  {fit.score:>5.1f}  {required:>8}  {title}")
        if fit.missing:
            lines.append(f"{'':>23}missing: {', '.join(fit.missing)}")
    if gaps:
        lines.append("")
        lines.append(f"Keywords the master CV lacks, by how many of the {seen} postings ask:")
        for gap in gaps:
            kind = f" (your CV names “{gap.kind_named}”, a kind of it)" if gap.kind_named else ""
            lines.append(
                f"  {gap.term}: {gap.postings} of {seen} postings, {gap.required} as required"
                + kind
            )
    return "\n".join(lines)


# --- the coverage report in the terminal -------------------------------------------------------

STATE_STYLE = {
    "literal": "green",
    "alias": "yellow",
    "available": "cyan",
    "missing": "red",
    "ok": "green",
    "warn": "yellow",
    "info": "cyan",
    "meets": "green",
    "check": "yellow",
    "unknown": "cyan",
    "short": "red",
}
TERMS_SHOWN = 10


def alternatives_met(keywords: list[KeywordCoverage]) -> list[str]:
    """Gives missing keywords grouped by the alternative the CV shows in their place: "DevOps,
    data engineering (you show machine learning)"."""
    groups: dict[str, list[str]] = {}
    for keyword in keywords:
        groups.setdefault(keyword.alternative_shown or "", []).append(keyword.term)
    # In the order of what is shown, as report.md groups them.
    return [
        f"{', '.join(terms)} (you show {shown})"
        for shown, terms in sorted(groups.items(), key=lambda group: group[0].lower())
    ]


def report_summary(result: Result) -> RenderableType:
    """Gives the compact terminal view of a result: scores by group, keywords by state,
    knock-out facts and recruiter checks, as rich tables."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    title = " at ".join(x for x in (result.posting.title, result.posting.company) if x)
    parts: list[RenderableType] = [Text(title or "posting", style="bold")]

    scores = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    scores.add_column("match score")
    scores.add_column("master CV", justify="right")
    scores.add_column("tailored résumé", justify="right")
    scores.add_column("on the page", justify="right")
    covered = sum(k.status == "covered" for k in result.keywords)
    scores.add_row(
        Text("overall", style="bold"),
        f"{result.score.master:.1f}",
        Text(f"{result.score.tailored:.1f}", style="bold"),
        f"{covered} of {len(result.keywords)}",
    )
    for group in result.score.groups:
        scores.add_row(
            group.group,
            f"{group.master:.1f}",
            f"{group.tailored:.1f}",
            f"{group.covered} of {group.keywords}",
        )
    parts.append(scores)
    if result.score.note:
        parts.append(Text(f"Note: {result.score.note}.", style="yellow"))

    keywords = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    keywords.add_column("keywords", no_wrap=True)
    keywords.add_column("", overflow="fold")
    by_state = {
        state: [k for k in result.keywords if k.state == state]
        for state in ("literal", "alias", "available")
    }
    # A missing keyword met by an alternative the posting takes ("Python or Java") is no gap;
    # one the CV names a kind of is a gap of wording, not of experience.
    gaps = result.gaps()
    # (label, style, the keywords, the terms shown: one a keyword, but one a group of those
    # met by the same alternative)
    rows = [
        ("covered", "literal", by_state["literal"], [k.term for k in by_state["literal"]]),
        (
            "other wording",
            "alias",
            by_state["alias"],
            [f"{k.term} as “{k.resume_spelling}”" for k in by_state["alias"]],
        ),
        (
            "a kind of it",
            "alias",
            gaps.kinds,
            [f"{k.term} as “{k.kind_named}”" for k in gaps.kinds],
        ),
        ("met by an alternative", "literal", gaps.met, alternatives_met(gaps.met)),
        (
            "in the CV, not on the page",
            "available",
            by_state["available"],
            [
                f"{k.term} (+{k.points:g}{', ' + k.available_in[0] if k.available_in else ''})"
                for k in by_state["available"]
            ],
        ),
        ("missing", "missing", gaps.outright, [k.term for k in gaps.outright]),
    ]
    for label, style, members, terms in rows:
        if not terms and label not in {"covered", "missing"}:
            continue
        shown = ", ".join(terms[:TERMS_SHOWN]) or "-"
        if len(terms) > TERMS_SHOWN:
            shown += f" (+{len(terms) - TERMS_SHOWN} more)"
        keywords.add_row(Text(f"{label} ({len(members)})", style=STATE_STYLE[style]), shown)
    parts.append(keywords)

    if result.knockouts:
        facts = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
        facts.add_column("knock-out", no_wrap=True)
        facts.add_column("asked")
        facts.add_column("your CV shows")
        facts.add_column("verdict", no_wrap=True)
        for fact in result.knockouts:
            facts.add_row(
                fact.kind,
                fact.asked,
                fact.shown or "-",
                Text(fact.verdict, style=STATE_STYLE[fact.verdict]),
            )
        parts.append(facts)

    if result.checks:
        checks = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
        checks.add_column("recruiter check", no_wrap=True)
        checks.add_column("", no_wrap=True)
        checks.add_column("finding")
        for check in result.checks:
            checks.add_row(
                check.label, Text(check.status, style=STATE_STYLE[check.status]), check.summary
            )
        parts.append(checks)

    selected = sum(item.selected for item in result.items)
    parts.append(
        Text(
            f"{selected} of {len(result.items)} items on the page, "
            f"about {result.budget.lines_used} of {result.budget.lines_available} lines"
            + (f"; {result.budget.note}" if result.budget.note else "")
        )
    )
    # One blank line between the title and each table, and before the closing line.
    spaced: list[RenderableType] = []
    for part in parts:
        if spaced:
            spaced.append(Text(""))
        spaced.append(part)
    return Group(*spaced)


def plain_console(**options: Any) -> Console:
    """Gives a rich console that prints text as written: the postings' and CVs' words may hold
    what rich would read as markup ("[/b]" from a BBCode posting raised an error) or emoji
    codes (":rocket:")."""
    from rich.console import Console

    return Console(markup=False, emoji=False, highlight=False, **options)


def render_text(renderable: RenderableType, *, width: int = 100) -> str:
    """Gives a rich renderable as plain text of a fixed width (no colour), for files and tests."""
    from io import StringIO

    stream = StringIO()
    plain_console(file=stream, width=width, color_system=None, legacy_windows=False).print(
        renderable
    )
    return stream.getvalue()
