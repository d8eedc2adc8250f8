"""The tailored résumé and the coverage report as Markdown, through jinja2 templates."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tailor.model import Profile, ScoredItem, ScoreParts, Tailored
from tailor.render.templates import render_template
from tailor.text import LINK, strip_inline_marks

URL_SCHEME = re.compile(r"(?i)^(?:https?|mailto|ftp):")
BARE_ADDRESS = re.compile(r"(?i)^(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?$")
PLACEHOLDER_LINK = re.compile(r"\[([^\[\]]*)\]\(#?\)")
# A backslash before a letter is a LaTeX-style escape in the CV (\LaTeX); Markdown would print it.
LETTER_ESCAPE = re.compile(r"\\(?=[A-Za-z])")

# Hostile content. CV and posting text reaches the Markdown outputs as written, keeping only the
# inline marks tailor itself reads (**bold**, *italic*, [text](url)). A Markdown viewer would also
# act on raw HTML, autolinks, character references and links to any scheme in that text, so every
# value a Markdown template prints is escaped once (the environment's finalize: {{ ... }} only,
# the template's own text never):
#   '<' that could open a tag, a comment or an autolink ('<' + letter, '/', '!', '?') -> '&lt;'
#   '&' that starts a character reference ('&lt;', '&#60;') -> '&amp;', so it shows as written
#   a link [text](url) keeps its target only where link_target accepts it (http, https, mailto,
#     ftp or a bare domain) and is never an image ('!' before it -> '&#33;'); any other link
#     (javascript:, data:, '#') prints its text, as the DOCX does
#   ']' that would close a link, a reference or a definition ('](', '][', ']:') -> '\]'
# Text with none of these prints unchanged. unescape_markdown undoes exactly this for the
# read-back check. (Nothing from an input is ever a template: values are printed, not parsed.)
MARKUP_OPEN = re.compile(r"<(?=[A-Za-z/!?])")
CHARACTER_REFERENCE = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};|[A-Za-z][A-Za-z0-9]*;)")
LINK_CLOSE = re.compile(r"(?<!\\)((?:\\\\)*)\](?=[(\[:])")
IMAGE_MARK = re.compile(r"(?<!\\)!$")
ESCAPED = re.compile(r"&(lt|amp|#33);")
UNESCAPED = {"lt": "<", "amp": "&", "#33": "!"}


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
            # A link's address cannot hold spaces or parentheses in Markdown: percent-encoded.
            address = target.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
            items.append(f"[{contact.text}]({address})")
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


def escape_text(text: str) -> str:
    """Gives text with no link in it as Markdown that shows it as written (see above)."""
    text = MARKUP_OPEN.sub("&lt;", CHARACTER_REFERENCE.sub("&amp;", text))
    return LINK_CLOSE.sub(r"\1\\]", text)


def escape_markdown(value: object) -> object:
    """Gives a value a Markdown template prints, escaped if it is text (see above)."""
    if not isinstance(value, str):
        return value
    parts: list[str] = []
    position = 0
    for link in LINK.finditer(value):
        parts.append(escape_text(value[position : link.start()]))
        text, url = escape_text(link.group(1)), link.group(2)
        if link_target(url) is None:
            parts.append(text)
        else:
            parts[-1] = IMAGE_MARK.sub("&#33;", parts[-1])
            parts.append(f"[{text}]({url})")
        position = link.end()
    parts.append(escape_text(value[position:]))
    return "".join(parts)


def unescape_markdown(text: str) -> str:
    """Gives Markdown written by escape_markdown with its '&lt;', '&amp;' and '&#33;' undone."""
    return ESCAPED.sub(lambda match: UNESCAPED[match.group(1)], text)


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
        finalize=escape_markdown,
    )


# A term the ranking credited through the taxonomy or in part: 'YOLO (via object detection)'.
RELATED_TERM = re.compile(r"\s\((?:via .+|partly)\)$")
PART_NAMES = ("tfidf", "keywords", "related", "topic", "context", "priors")


def table_cell(value: object) -> str:
    """Gives a value fit for one Markdown table cell: '|' escaped, lines joined."""
    return " ".join(str(value).replace("\\|", "|").replace("|", "\\|").split())


def excerpt(text: str, limit: int = 90) -> str:
    """Gives the text cut at a word boundary to about ``limit`` characters, with '...'."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + " ..."


def earned_terms(item: ScoredItem) -> tuple[list[str], list[str]]:
    """Gives (terms the item shows itself, terms credited through related terms or in part)."""
    direct = [term for term in item.matched if not RELATED_TERM.search(term)]
    related = [term for term in item.matched if RELATED_TERM.search(term)]
    return direct, related


def listing(values: list[str], limit: int = 6) -> str:
    """Gives at most ``limit`` values joined by commas, and how many more there are."""
    shown = ", ".join(values[:limit])
    return f"{shown} and {len(values) - limit} more" if len(values) > limit else shown


def parts_text(parts: ScoreParts) -> str:
    """Gives the named parts of a score on one line: 'tfidf 0.61, keywords 0.78 ...'."""
    return ", ".join(f"{name} {getattr(parts, name):.2f}" for name in PART_NAMES)


def report_context(tailored: Tailored) -> dict[str, Any]:
    """Gives what the report templates see: the result, keywords by status and by state,
    items by id, the selected and dropped items, and the wording warnings."""
    result = tailored.result
    keywords = result.keywords
    gaps = result.gaps()
    return {
        "result": result,
        "posting": tailored.posting,
        "title": " at ".join(x for x in (result.posting.title, result.posting.company) if x)
        or "the posting",
        "by_status": {
            status: [k for k in keywords if k.status == status]
            for status in ("covered", "available", "missing")
        },
        "by_state": {
            state: [k for k in keywords if k.state == state]
            for state in ("literal", "alias", "available", "missing")
        },
        "wording": [k for k in keywords if k.wording],
        # Missing outright; met by an alternative the posting takes ("Python or Java"); and
        # missing in the posting's words only, as the CV names a kind of it.
        "missing": gaps.outright,
        "alternative_shown": gaps.met,
        "kind_named": gaps.kinds,
        "items": {item.id: item for item in result.items},
        "selected": [item for item in result.items if item.selected],
        "dropped": [item for item in result.items if not item.selected],
    }


REPORT_FILTERS: dict[str, Callable[..., Any]] = {
    "cell": table_cell,
    "excerpt": excerpt,
    "earned": earned_terms,
    "parts": parts_text,
    "listing": listing,
}


def render_report_markdown(tailored: Tailored, *, template: Path | None = None) -> str:
    """Gives the keyword coverage report as Markdown."""
    return render_template(
        "report.md.j2",
        report_context(tailored),
        template=template,
        filters=REPORT_FILTERS,
        finalize=escape_markdown,
    )
