"""The whole way through: profile and posting in, the tailored résumé and its result out."""

from __future__ import annotations

from typing import TypedDict

from tailor import __version__
from tailor.errors import TruthfulnessError
from tailor.model import Budget, Posting, PostingInfo, Profile, Result, Tailored


class Options(TypedDict):
    """The user's choices for tailor() (``tailor(profile, posting, **options)``): the page
    budget, filling spare lines, and the month an ongoing role runs to."""

    pages: float
    max_bullets: int | None
    fill: bool
    today: str | None


def tailor(
    profile: Profile,
    posting: Posting,
    *,
    pages: float = 1.0,
    max_bullets: int | None = None,
    fill: bool = False,
    today: str | None = None,
) -> Tailored:
    """Gives the tailored résumé of a profile for an analysed posting, with its result.

    ``fill`` fills the page's spare lines with the best remaining items, evidence or not;
    ``today`` (YYYY-MM) is what an ongoing role runs to, by default the CV's newest date.
    """
    from tailor.rank import rank_items
    from tailor.report import check_knockouts, coverage, recruiter_checks
    from tailor.select import select_items

    ranked = rank_items(profile, posting)
    selection = select_items(
        profile, posting, ranked, pages=pages, max_bullets=max_bullets, fill=fill
    )
    check_truthful(profile, selection.resume)
    score, keywords = coverage(posting, profile, selection.resume, selection.items)
    result = Result(
        tailor_version=__version__,
        posting=PostingInfo(
            title=posting.title, company=posting.company, location=posting.location
        ),
        score=score,
        keywords=keywords,
        knockouts=check_knockouts(posting, profile, today=today),
        checks=recruiter_checks(posting, selection.resume, pages=pages),
        items=selection.items,
        budget=Budget(
            pages=pages,
            max_bullets=max_bullets,
            fill=fill,
            lines_available=selection.lines_available,
            lines_used=selection.lines_used,
            note=selection.note,
        ),
    )
    return Tailored(resume=selection.resume, result=result, posting=posting)


def check_truthful(master: Profile, resume: Profile) -> None:
    """Raises TruthfulnessError unless every entry and bullet of the résumé is master CV text."""
    entries = {entry.id: entry for section in master.sections for entry in section.entries}
    bullets = {
        bullet.id: bullet
        for section in master.sections
        for entry in section.entries
        for bullet in entry.bullets
    }
    skills = {
        item for section in master.sections for group in section.skills for item in group.items
    }
    for section in resume.sections:
        for group in section.skills:
            for item in group.items:
                if item not in skills:
                    raise TruthfulnessError(f"skill {item!r} is not in the master CV")
        for entry in section.entries:
            original = entries.get(entry.id)
            fields = ("title", "subtitle", "organization", "location", "dates", "details")
            if original is None or any(
                getattr(entry, name) != getattr(original, name) for name in fields
            ):
                raise TruthfulnessError(
                    f"entry {entry.id} ({entry.title!r}) differs from the master CV"
                )
            for bullet in entry.bullets:
                source = bullets.get(bullet.id)
                if source is None or source.text != bullet.text or source.plain != bullet.plain:
                    raise TruthfulnessError(
                        f"bullet {bullet.id} is not verbatim master CV text: {bullet.plain!r}"
                    )
