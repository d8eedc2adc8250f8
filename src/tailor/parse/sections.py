"""Section headings -> section kinds, shared by every CV reader."""

from __future__ import annotations

import re

from tailor.model import SectionKind

# Checked in order: the first pattern found in the lower-cased heading wins, so the more
# specific headings ("research interests", "research experience") come before the general ones.
SECTION_PATTERNS: list[tuple[str, SectionKind]] = [
    (r"\binterests?\b|\bhobbies\b", "interests"),
    (r"\bpublications?\b|\bpapers?\b|\bpatents?\b|\bpresentations?\b|\btalks\b", "publications"),
    (r"\beducation\b|\bacademic\b|\bqualifications?\b|\bdegrees?\b|\bcertifications?\b"
     r"|\bcertificates\b|\bcourses?\b|\bcoursework\b|\btrainings?\b", "education"),
    (r"\bskills?\b|\btechnolog(y|ies)\b|\bcompetenc(e|ies|y)\b|\btool(s|kit)?\b|\bexpertise\b"
     r"|\blanguages?\b|\bstack\b", "skills"),
    (r"\bawards?\b|\bhono(u)?rs?\b|\bachievements?\b|\bscholarships?\b|\bprizes?\b"
     r"|\baccomplishments?\b|\bgrants?\b", "awards"),
    (r"\bservice\b|\bvolunteer(ing)?\b|\bcommunity\b|\bactivities\b|\bextracurricular\b"
     r"|\boutreach\b", "service"),
    (r"\bprojects?\b|\bportfolio\b", "projects"),
    (r"\bresearch\b|\bthesis\b|\blab\b", "research"),
    # "Experince" and the like: misspelt headings are common in the Kaggle résumés.
    (r"\bexper[a-z]{0,4}n[cs]es?\b|\bemployment\b|\bwork\b|\bcareer\b|\bpositions?\b|\bjobs?\b"
     r"|\binternships?\b|\bappointments?\b|\bcompan(y|ies)\b", "experience"),
    (r"\bsummary\b|\bprofile\b|\bobjective\b|\babout\b|\boverview\b|\bintroduction\b", "summary"),
]  # fmt: skip

# Words a heading line is made of ("Work Experience", "Skill Details", "Honors & Awards"): a line
# of these words only is a heading even without capitals, a colon or a '#'. At least one must be
# a noun, so "Technical" or "Work" alone stays text.
HEADING_NOUNS: frozenset[str] = frozenset({
    "about", "accomplishments", "achievements", "activities", "affiliations", "appointments",
    "awards", "career", "certificates", "certification", "certifications", "community",
    "competences", "competencies", "conferences", "contact", "courses", "coursework",
    "declaration", "degrees", "details", "education", "employment", "experience", "experiences",
    "expertise", "exposure", "extracurricular", "grants", "highlights", "history", "hobbies",
    "honors", "honours", "information", "interests", "internships", "introduction", "languages",
    "leadership", "memberships", "objective", "overview", "papers", "patents", "portfolio",
    "positions", "presentations", "prizes", "profile", "project", "projects", "publications",
    "qualifications", "qualification", "references", "research", "responsibilities",
    "scholarships", "service", "skill", "skills", "stack", "strengths", "summary", "talks",
    "teaching", "technologies", "thesis", "toolkit", "tools", "training", "trainings", "volunteer",
    "volunteering"
})  # fmt: skip
HEADING_MODIFIERS: frozenset[str] = frozenset({
    "academic", "additional", "and", "areas", "co-curricular", "company", "computer", "core",
    "curricular", "extra", "hard", "industrial", "industry", "key", "of", "other", "personal",
    "professional", "programming", "recent", "relevant", "selected", "soft", "technical", "work"
})  # fmt: skip
HEADING_SHAPE = re.compile(r"[A-Za-z][A-Za-z\s&/,'’-]*:?")


SECTION_REGEXES = [(re.compile(pattern), kind) for pattern, kind in SECTION_PATTERNS]


def classify_heading(heading: str) -> SectionKind | None:
    """Gives the section kind a heading names, or None when it names none we know."""
    lowered = heading.lower().strip(" :#*_")
    for pattern, kind in SECTION_REGEXES:
        if pattern.search(lowered):
            return kind
    return None


def is_heading_phrase(text: str) -> bool:
    """Tells whether a line is made of heading words only, e.g. 'Work Experience', 'SKILLS'."""
    value = text.strip()
    if not HEADING_SHAPE.fullmatch(value):
        return False
    words = re.findall(r"[a-z][a-z'’-]*", value.lower())
    return (
        1 <= len(words) <= 5
        and all(word in HEADING_NOUNS or word in HEADING_MODIFIERS for word in words)
        and any(word in HEADING_NOUNS for word in words)
    )
