"""Section headings -> section kinds, shared by every CV reader."""

from __future__ import annotations

import re

from tailor.model import SectionKind

# Checked in order: the first pattern found in the lower-cased heading wins, so the more
# specific headings ("research interests", "research experience") come before the general ones.
SECTION_PATTERNS: list[tuple[str, SectionKind]] = [
    (r"\binterests?\b|\bhobbies\b", "interests"),
    (r"\bpublications?\b|\bpapers?\b|\bpatents?\b|\bpresentations?\b|\btalks\b", "publications"),
    (r"\beducation\b|\bacademic\b|\bqualifications?\b|\bdegrees?\b|\bcertifications?\b",
     "education"),
    (r"\bskills?\b|\btechnolog(y|ies)\b|\bcompetenc(e|ies|y)\b|\btool(s|kit)?\b|\bexpertise\b"
     r"|\blanguages?\b|\bstack\b", "skills"),
    (r"\bawards?\b|\bhono(u)?rs?\b|\bachievements?\b|\bscholarships?\b|\bprizes?\b"
     r"|\baccomplishments?\b|\bgrants?\b", "awards"),
    (r"\bservice\b|\bvolunteer(ing)?\b|\bcommunity\b|\bactivities\b|\bextracurricular\b"
     r"|\boutreach\b", "service"),
    (r"\bprojects?\b|\bportfolio\b", "projects"),
    (r"\bresearch\b|\bthesis\b|\blab\b", "research"),
    (r"\bexperience\b|\bemployment\b|\bwork\b|\bcareer\b|\bpositions?\b|\bjobs?\b"
     r"|\binternships?\b|\bappointments?\b", "experience"),
    (r"\bsummary\b|\bprofile\b|\bobjective\b|\babout\b|\boverview\b|\bintroduction\b", "summary"),
]  # fmt: skip


def classify_heading(heading: str) -> SectionKind | None:
    """Gives the section kind a heading names, or None when it names none we know."""
    lowered = heading.lower().strip(" :#*_")
    for pattern, kind in SECTION_PATTERNS:
        if re.search(pattern, lowered):
            return kind
    return None
