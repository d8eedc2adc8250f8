"""The tailored résumé and the coverage report as Markdown, through jinja2 templates."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tailor.model import Profile, Tailored
from tailor.render.templates import render_template
from tailor.text import strip_inline_marks

URL_SCHEME = re.compile(r"(?i)^(?:https?|mailto|ftp):")
BARE_ADDRESS = re.compile(r"(?i)^(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?$")
PLACEHOLDER_LINK = re.compile(r"\[([^\[\]]*)\]\(#?\)")
# A backslash before a letter is a LaTeX-style escape in the CV (\LaTeX); Markdown would print it.
LETTER_ESCAPE = re.compile(r"\\(?=[A-Za-z])")


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
        target = link_target(contact.url) if contact.kind == "link" else None
        if target and target != contact.text:
            items.append(f"[{contact.text}]({target})")
        else:
            items.append(contact.text)
    return items


def link_target(url: str | None) -> str | None:
    """Gives the address a link points to, with https:// for a bare domain; None for '#'."""
    if not url:
        return None
    if URL_SCHEME.match(url):
        return url
    return f"https://{url}" if BARE_ADDRESS.match(url) else None


def inline_markdown(text: str) -> str:
    """Gives CV text as Markdown to print: placeholder links '[t](#)' become their text t."""
    return LETTER_ESCAPE.sub("", PLACEHOLDER_LINK.sub(r"\1", text))


def full_stop(text: str) -> str:
    """Gives '.' where the text does not already end a sentence, else ''."""
    return "" if strip_inline_marks(text).endswith((".", "?", "!")) else "."


def resume_context(tailored: Tailored) -> dict[str, Any]:
    """Gives what the résumé template sees: name, contacts, titled sections, result, posting."""
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
    return render_template(
        "resume.md.j2",
        resume_context(tailored),
        template=template,
        filters={"inline": inline_markdown, "full_stop": full_stop},
    )


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
