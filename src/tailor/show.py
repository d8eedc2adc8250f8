"""Readable views of models for the terminal."""

from __future__ import annotations

from tailor.batch import Gap, PostingFit
from tailor.model import Profile
from tailor.text import strip_inline_marks


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
            lines.append(
                f"  {gap.term}: {gap.postings} of {seen} postings, {gap.required} as required"
            )
    return "\n".join(lines)
