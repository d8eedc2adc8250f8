"""The tailored selection as JSON Resume and as rendercv YAML, for those projects' themes.

Both carry exactly what the tailored résumé shows, in its order: every bullet is master CV text
(plain text for JSON Resume, whose themes print strings as they are; Markdown with placeholder
links removed for rendercv, which reads **bold**, *italic* and [links](url)). Where a format
needs a field the CV does not separate (a degree apart from its subject), the split is made only
at the first comma and the whole line is kept otherwise. JSON Resume has no research section:
research entries go to its projects, with the section's title as their type; free text other
than a summary goes to its interests, one keyword per comma-separated item.

JSON Resume: https://jsonresume.org/schema (v1.0.0). rendercv: https://docs.rendercv.com (v2).
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlparse

from tailor.model import Entry, Section, Tailored
from tailor.render.markdown import inline_markdown, link_target, section_title
from tailor.text import strip_inline_marks

JSON_RESUME_SCHEMA = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
RENDERCV_SCHEMA = "https://raw.githubusercontent.com/rendercv/rendercv/refs/tags/v2.8/schema.json"
EXACT_DATE = re.compile(r"^\d{4}(?:-\d{2}){0,2}$")
# rendercv knows these networks by name and builds the link from the user name.
NETWORKS = {
    "linkedin.com": ("LinkedIn", re.compile(r"^/in/([^/]+)")),
    "github.com": ("GitHub", re.compile(r"^/([^/]+)")),
    "gitlab.com": ("GitLab", re.compile(r"^/([^/]+)")),
}
# JSON Resume's top-level lists for each kind of CV section; the rest become projects.
JSON_RESUME_LIST = {
    "experience": "work",
    "education": "education",
    "service": "volunteer",
    "publications": "publications",
    "awards": "awards",
}


def render_json_resume(tailored: Tailored) -> str:
    """Gives the tailored résumé as a JSON Resume document (resume.json)."""
    resume = tailored.resume
    document: dict[str, Any] = {"$schema": JSON_RESUME_SCHEMA, "basics": json_basics(tailored)}
    for section in resume.sections:
        if section.kind == "summary" and section.lines:
            summary = " ".join(strip_inline_marks(line) for line in section.lines)
            document["basics"]["summary"] = summary
            continue
        if section.skills:
            document.setdefault("skills", []).extend(
                drop_empty(
                    {
                        "name": strip_inline_marks(group.label or section_title(section.heading)),
                        "keywords": [strip_inline_marks(item) for item in group.items],
                    }
                )
                for group in section.skills
            )
        if section.lines:
            # Interests, and any other free text JSON Resume has no place for: its items.
            document.setdefault("interests", []).append(
                {
                    "name": section_title(section.heading),
                    "keywords": [
                        part.strip()
                        for line in section.lines
                        for part in re.split(r"[,;]", strip_inline_marks(line))
                        if part.strip()
                    ],
                }
            )
        if section.entries:
            key = JSON_RESUME_LIST.get(section.kind, "projects")
            document.setdefault(key, []).extend(
                json_entry(key, entry, section) for entry in section.entries
            )
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def json_basics(tailored: Tailored) -> dict[str, Any]:
    """Gives JSON Resume's basics: name, e-mail, phone, website, location and profiles."""
    header = tailored.resume.header
    basics: dict[str, Any] = {"name": header.name or ""}
    profiles = []
    for contact in header.contacts:
        text = strip_inline_marks(contact.text)
        if contact.kind == "email":
            basics.setdefault("email", text)
        elif contact.kind == "phone":
            basics.setdefault("phone", text)
        elif contact.kind == "location":
            city, _, region = text.partition(",")
            location = {"city": city.strip(), "region": region.strip()}
            basics.setdefault("location", drop_empty(location))
        elif contact.kind == "link" and (target := link_target(contact.url)):
            network = social_network(target)
            if network:
                profiles.append({"network": network[0], "username": network[1], "url": target})
            else:
                basics.setdefault("url", target)
    if profiles:
        basics["profiles"] = profiles
    return basics


def json_entry(key: str, entry: Entry, section: Section) -> dict[str, Any]:
    """Gives one entry of a JSON Resume list (work, education, projects ...)."""
    title = strip_inline_marks(entry.title)
    subtitle = strip_inline_marks(entry.subtitle) if entry.subtitle else ""
    highlights = [bullet.plain for bullet in entry.bullets]
    details = " ".join(strip_inline_marks(detail) for detail in entry.details)
    dates = json_dates(entry)
    location = strip_inline_marks(entry.location) if entry.location else ""
    if key == "work":
        organization = strip_inline_marks(entry.organization) if entry.organization else ""
        fields: dict[str, Any] = {
            "name": organization or title,
            "position": title if organization else subtitle,
            "location": location,
            **dates,
            "summary": details,
            "highlights": highlights,
        }
    elif key == "education":
        degree, area = split_degree(subtitle)
        fields = {
            "institution": title,
            "area": area,
            "studyType": degree,
            "location": location,
            **dates,
            "highlights": highlights,
        }
    elif key == "volunteer":
        fields = {
            "organization": title,
            "position": subtitle,
            "location": location,
            **dates,
            "summary": details,
            "highlights": highlights,
        }
    elif key == "publications":
        fields = {"name": title, "summary": details or subtitle}
        fields["releaseDate"] = dates.get("startDate")
    elif key == "awards":
        fields = {"title": title, "summary": details or subtitle, "date": dates.get("startDate")}
    else:
        description = "; ".join(x for x in (subtitle, details) if x)
        fields = {
            "name": title,
            "description": description,
            **dates,
            "highlights": highlights,
            # Research and other sections become projects: say which kind.
            "type": "" if section.kind == "projects" else section_title(section.heading),
        }
    return drop_empty(fields)


def render_rendercv_yaml(tailored: Tailored) -> str:
    """Gives the tailored résumé as a rendercv input file (YAML), theme 'classic'."""
    import yaml

    header = tailored.resume.header
    cv: dict[str, Any] = {"name": header.name or ""}
    notes = []
    networks = []
    for contact in header.contacts:
        text = strip_inline_marks(contact.text)
        if contact.kind == "location":
            cv.setdefault("location", text)
        elif contact.kind == "email":
            cv.setdefault("email", text)
        elif contact.kind == "phone":
            # rendercv checks phone numbers and wants the country code: '(+86)158...' is fine.
            if "+" in text:
                cv.setdefault("phone", text)
            else:
                notes.append(f"phone {text!r} left out: rendercv needs it with a country code")
        elif contact.kind == "link" and (target := link_target(contact.url)):
            network = social_network(target)
            if network:
                networks.append({"network": network[0], "username": network[1]})
            elif target.startswith(("http://", "https://")):
                cv.setdefault("website", target)
    if networks:
        cv["social_networks"] = networks
    cv["sections"] = {
        section_title(section.heading): rendercv_entries(section)
        for section in tailored.resume.sections
    }
    cv["sections"] = {title: entries for title, entries in cv["sections"].items() if entries}
    head = [
        f"# yaml-language-server: $schema={RENDERCV_SCHEMA}",
        f"# The résumé tailor {tailored.result.tailor_version} selected, for rendercv:",
        "#   rendercv render resume.rendercv.yaml",
        *(f"# Note: {note}" for note in notes),
    ]
    body = yaml.safe_dump(
        {"cv": cv, "design": {"theme": "classic"}},
        sort_keys=False,
        allow_unicode=True,
        width=1000,
    )
    return "\n".join(head) + "\n" + body


def rendercv_entries(section: Section) -> list[Any]:
    """Gives a section's entries as rendercv entries, all of one type as rendercv requires."""
    if section.skills:
        labelled = all(group.label for group in section.skills)
        if labelled:
            return [
                {
                    "label": strip_inline_marks(group.label or ""),
                    "details": ", ".join(strip_inline_marks(item) for item in group.items),
                }
                for group in section.skills
            ]
        return [
            ", ".join(strip_inline_marks(item) for item in group.items) for group in section.skills
        ]
    if section.lines and not section.entries:
        return [inline_markdown(line) for line in section.lines]
    entries = section.entries
    if section.list_like and all(not entry.details and not entry.bullets for entry in entries):
        return [{"bullet": inline_markdown(entry.title)} for entry in entries]
    if section.kind == "education" and all(entry.subtitle for entry in entries):
        return [rendercv_education(entry) for entry in entries]
    roles = all(entry.subtitle or entry.organization for entry in entries)
    if section.kind == "experience" and roles:
        return [rendercv_experience(entry) for entry in entries]
    return [rendercv_normal(entry) for entry in entries]


def rendercv_education(entry: Entry) -> dict[str, Any]:
    """Gives an EducationEntry: institution, area and degree (split at the first comma)."""
    degree, area = split_degree(inline_markdown(entry.subtitle or ""))
    return drop_empty(
        {
            "institution": inline_markdown(entry.title),
            "area": area,
            "degree": degree,
            **rendercv_dates(entry),
            "location": inline_markdown(entry.location or ""),
            "highlights": [inline_markdown(bullet.text) for bullet in entry.bullets],
        }
    )


def rendercv_experience(entry: Entry) -> dict[str, Any]:
    """Gives an ExperienceEntry: a further role names its organisation as the company."""
    title = inline_markdown(entry.title)
    return drop_empty(
        {
            "company": inline_markdown(entry.organization) if entry.organization else title,
            "position": title if entry.organization else inline_markdown(entry.subtitle or ""),
            **rendercv_dates(entry),
            "location": inline_markdown(entry.location or ""),
            "summary": " ".join(inline_markdown(detail) for detail in entry.details),
            "highlights": [inline_markdown(bullet.text) for bullet in entry.bullets],
        }
    )


def rendercv_normal(entry: Entry) -> dict[str, Any]:
    """Gives a NormalEntry: name, subtitle and details as its summary, bullets as highlights."""
    summary = [inline_markdown(x) for x in (entry.subtitle, *entry.details) if x]
    return drop_empty(
        {
            "name": inline_markdown(entry.title),
            **rendercv_dates(entry),
            "location": inline_markdown(entry.location or ""),
            "summary": " ".join(summary),
            "highlights": [inline_markdown(bullet.text) for bullet in entry.bullets],
        }
    )


def rendercv_dates(entry: Entry) -> dict[str, str]:
    """Gives rendercv's start and end dates (or one date) where parsed, else the written dates."""
    start, end = parsed_dates(entry)
    if start and end:
        return {"start_date": start, "end_date": end}
    if start:
        return {"date": start}
    return {"date": strip_inline_marks(entry.dates)} if entry.dates else {}


def json_dates(entry: Entry) -> dict[str, str]:
    """Gives JSON Resume's startDate and endDate; no endDate means ongoing, as the schema reads."""
    start, end = parsed_dates(entry)
    if not start:
        return {}
    if end == "present":
        return {"startDate": start}
    return {"startDate": start, "endDate": end or start}


def parsed_dates(entry: Entry) -> tuple[str | None, str | None]:
    """Gives the entry's start and end as YYYY-MM or YYYY ('present' for the end), where parsed."""
    start = entry.start if entry.start and EXACT_DATE.match(entry.start) else None
    if not start or not entry.end:
        return start, None
    return start, entry.end if entry.end == "present" or EXACT_DATE.match(entry.end) else None


def split_degree(subtitle: str) -> tuple[str, str]:
    """Gives (degree, subject) of 'M.Eng, Computer Technology'; ('', line) without a comma."""
    degree, comma, subject = subtitle.partition(",")
    if comma and degree.strip() and subject.strip():
        return degree.strip(), subject.strip()
    return "", subtitle.strip()


def social_network(url: str) -> tuple[str, str] | None:
    """Gives (network, user name) for a LinkedIn, GitHub or GitLab profile address."""
    parsed = urlparse(url)
    host = parsed.netloc.lower().removeprefix("www.")
    if host not in NETWORKS:
        return None
    name, pattern = NETWORKS[host]
    found = pattern.match(parsed.path)
    return (name, found.group(1)) if found else None


def drop_empty(fields: dict[str, Any]) -> dict[str, Any]:
    """Gives the fields without empty values: both formats read a missing key as 'none'."""
    return {key: value for key, value in fields.items() if value not in (None, "", [], {})}
