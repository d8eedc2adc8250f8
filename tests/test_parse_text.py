"""The master CV parses exactly as its author means it; other text layouts parse sensibly."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tailor.model import Profile
from tailor.parse.text import parse_text


def test_header(master: Profile) -> None:
    assert master.header.name == "ZIXIN LIU"
    contacts = {(c.kind, c.text) for c in master.header.contacts}
    assert contacts == {
        ("location", "Shenzhen, China"),
        ("phone", "(+86)158-2909-9162"),
        ("email", "liuzixin1126@gmail.com"),
        ("link", "Personal website"),
    }


def test_sections_in_order(master: Profile) -> None:
    assert [(s.heading, s.kind) for s in master.sections] == [
        ("EDUCATION", "education"),
        ("RESEARCH INTERESTS", "interests"),
        ("TECHNICAL SKILLS", "skills"),
        ("PUBLICATIONS", "publications"),
        ("RESEARCH", "research"),
        ("EXPERIENCE", "experience"),
        ("PROJECTS", "projects"),
        ("COMMUNITY SERVICE", "service"),
        ("AWARDS", "awards"),
    ]


def test_education(master: Profile) -> None:
    education = master.sections[0]
    first, second = education.entries
    assert (first.title, first.subtitle, first.location, first.start, first.end) == (
        "Shandong University",
        "M.Eng, Computer Technology",
        "Qingdao, China",
        "2019-09",
        "2022-06",
    )
    assert [b.plain for b in first.bullets] == [
        "Advised by Dr. Xuemeng Song and Prof. Liqiang Nie",
        "GPA 3.35/4",
    ]
    assert (second.title, second.subtitle, second.location, second.start, second.end) == (
        "Xi'an University of Posts and Telecommunications",
        "B.S, Computer Science and Technology",
        "Xi'an, China",
        "2014-09",
        "2018-06",
    )
    assert len(second.bullets) == 1


def test_interests_and_skills(master: Profile) -> None:
    assert master.sections[1].lines == [
        "Multi-modal Learning, Computer Vision, Knowledge Distillation"
    ]
    groups = master.sections[2].skills
    assert [(g.label, len(g.items)) for g in groups] == [
        ("Computational", 6),
        ("Deep Learning Tools", 4),
    ]
    assert groups[0].items[:3] == ["Python", "C++", "C"]


def test_publications_are_ranked_whole(master: Profile) -> None:
    publications = master.sections[3]
    assert publications.list_like
    assert len(publications.entries) == 6
    for entry in publications.entries:
        assert entry.title and len(entry.details) == 2  # authors, venue
    assert sum("Patent" in e.details[1] for e in publications.entries) == 3


def test_research_entries(master: Profile) -> None:
    research = master.sections[4]
    assert [len(e.bullets) for e in research.entries] == [3, 3, 3]
    first = research.entries[0]
    assert first.subtitle is not None and first.subtitle.startswith("Advised by")
    assert (first.location, first.start, first.end) == ("Shenzhen, China", "2023-08", "2024-01")


def test_experience_second_role_at_same_organisation(master: Profile) -> None:
    lab, lead = master.sections[5].entries
    assert (lab.title, lab.subtitle, lab.location, lab.start, lab.end) == (
        "Peng Cheng National Laboratory",
        "Machine Learning Engineer",
        "Shenzhen, China",
        "2022-07",
        "present",
    )
    assert (lead.title, lead.organization, lead.start, lead.end) == (
        "Team Leader",
        "Peng Cheng National Laboratory",
        "2023-03",
        "present",
    )
    assert [len(lab.bullets), len(lead.bullets)] == [3, 2]


def test_projects_service_awards(master: Profile) -> None:
    projects, service, awards = master.sections[6:9]
    assert [len(e.bullets) for e in projects.entries] == [6, 4, 3]
    assert [(e.start, e.end) for e in projects.entries] == [
        ("2023-04", "present"),
        ("2022-07", "2023-06"),
        ("2019-09", "2020-12"),
    ]
    assert [len(e.bullets) for e in service.entries] == [2, 4]
    assert [e.subtitle for e in service.entries] == [
        "Volunteer, Yanta Community",
        "Volunteer, Speed Restaurant",
    ]
    assert awards.list_like and len(awards.entries) == 5


def strings(value: object) -> list[str]:
    """Gives every string inside a dumped model."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return []


def test_every_line_is_placed(master: Profile) -> None:
    assert master.unplaced == []
    text = "\n".join(strings(master.model_dump()))
    source = (master.source or "").strip()
    assert source.endswith("master_cv.txt")
    with Path(source).open(encoding="utf-8") as stream:
        lines = [line.strip() for line in stream if line.strip()]
    missing = [
        line
        for line in lines
        if line.lstrip("-• ").replace('"', '\\"') not in text
        and line not in {"ZIXIN LIU"}
        and "📍" not in line
    ]
    assert missing == []


def test_markdown_headings_and_inline_dates() -> None:
    profile = parse_text(
        "# Jane Doe\njane@example.com | +1 555 123 4567\n\n## Experience\n\n"
        "**Acme Corp** | Jan 2020 - Present\nSenior Engineer\n"
        "* Built a thing\n  that wraps\n* Shipped another\n\n## Skills\n\nPython, SQL; Go\n"
    )
    assert profile.header.name == "Jane Doe"
    experience = profile.sections[0]
    entry = experience.entries[0]
    assert (entry.title, entry.subtitle, entry.start, entry.end) == (
        "**Acme Corp**",
        "Senior Engineer",
        "2020-01",
        "present",
    )
    assert [b.plain for b in entry.bullets] == ["Built a thing that wraps", "Shipped another"]
    assert profile.sections[1].skills[0].items == ["Python", "SQL", "Go"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_parser_never_crashes(text: str) -> None:
    profile = parse_text(text)
    for section in profile.sections:
        for entry in section.entries:
            for bullet in entry.bullets:
                assert bullet.text.strip()
