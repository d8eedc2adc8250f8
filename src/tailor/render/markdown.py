"""The tailored résumé and the coverage report as Markdown, through jinja2 templates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tailor.model import Entry, Profile, Tailored
from tailor.render.templates import render_template


def section_title(heading: str) -> str:
    """Gives a standard-looking section title: 'COMMUNITY SERVICE' -> 'Community Service'."""
    if heading.isupper():
        small = {"and", "of", "in", "on", "the", "for", "to", "&"}
        return " ".join(
            word if word.lower() in small and i else word.capitalize()
            for i, word in enumerate(heading.lower().split())
        )
    return heading


def contact_text(profile: Profile) -> list[str]:
    """Gives the contact items as Markdown: links with a real target as links."""
    items = []
    for contact in profile.header.contacts:
        if contact.kind == "link" and contact.url and contact.url not in {"#", contact.text}:
            items.append(f"[{contact.text}]({contact.url})")
        else:
            items.append(contact.text)
    return items


def entry_heading(entry: Entry) -> str:
    return entry.title


def resume_context(tailored: Tailored) -> dict[str, Any]:
    resume = tailored.resume
    return {
        "name": resume.header.name,
        "contacts": contact_text(resume),
        "sections": [
            {"title": section_title(section.heading), "section": section}
            for section in resume.sections
        ],
        "result": tailored.result,
        "posting": tailored.posting,
    }


def render_resume_markdown(tailored: Tailored, *, template: Path | None = None) -> str:
    """Gives the tailored résumé as Markdown."""
    return render_template("resume.md.j2", resume_context(tailored), template=template)


def render_report_markdown(tailored: Tailored, *, template: Path | None = None) -> str:
    """Gives the keyword coverage report as Markdown."""
    result = tailored.result
    by_status = {
        status: [k for k in result.keywords if k.status == status]
        for status in ("covered", "available", "missing")
    }
    context = {
        "result": result,
        "posting": tailored.posting,
        "by_status": by_status,
        "selected": [item for item in result.items if item.selected],
        "dropped": [item for item in result.items if not item.selected],
    }
    return render_template("report.md.j2", context, template=template)
