"""The master CV parses exactly as its author means it; other text layouts parse sensibly."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tailor.load import repair_mojibake
from tailor.model import Profile
from tailor.parse.text import parse_text

from .conftest import strings


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


def entries(profile: Profile, kind: str) -> list[tuple[object, ...]]:
    """Gives (title, subtitle, location, start, end, organization) of a section's entries."""
    section = next(s for s in profile.sections if s.kind == kind)
    return [
        (e.title, e.subtitle, e.location, e.start, e.end, e.organization) for e in section.entries
    ]


def bullet_texts(profile: Profile) -> list[str]:
    """Gives the plain text of every bullet."""
    return [b.plain for s in profile.sections for e in s.entries for b in e.bullets]


def test_title_case_headings_of_heading_words_only() -> None:
    profile = parse_text(
        "Jane Doe\njane@example.com\nProfessional Summary\nBuilds data tools.\n"
        "Work Experience\nAcme Corp\n- Built a thing\nMy Cool Side Project\n- Built another\n"
        "Skills\nPython, SQL\n"
    )
    assert [(s.heading, s.kind) for s in profile.sections] == [
        ("Professional Summary", "summary"),
        ("Work Experience", "experience"),
        ("Skills", "skills"),
    ]
    # "My Cool Side Project" has words that are not heading words: an entry, not a section.
    assert [e.title for e in profile.sections[1].entries] == ["Acme Corp", "My Cool Side Project"]


def test_a_heading_word_right_under_an_entry_title_is_its_subtitle() -> None:
    profile = parse_text(
        "JANE DOE\njane@example.com\n\nCOMMUNITY SERVICE\n\nSpeed Restaurant\nVolunteer\n"
        "2016 - 2017\n\n- Served meals.\n\nProjects\nRobot arm\n- Built it.\n"
    )
    assert [(s.heading, s.kind) for s in profile.sections] == [
        ("COMMUNITY SERVICE", "service"),
        ("Projects", "projects"),
    ]
    (entry,) = profile.sections[0].entries
    assert (entry.title, entry.subtitle, [b.text for b in entry.bullets]) == (
        "Speed Restaurant",
        "Volunteer",
        ["Served meals."],
    )


def test_a_heading_at_the_top_of_a_page_is_a_heading() -> None:
    # Text from a PDF: the page number between an entry and "Projects" breaks the entry off.
    profile = parse_text(
        "JANE DOE\njane@example.com\n\nEducation\n"
        "2003 – 2007 Bachelor of Science in Computer Science, UC San Diego, San Diego, USA\n"
        "1/2\nProjects\nGotham Event Planner\n- Built a web application for events.\n"
    )
    assert [(s.heading, s.kind) for s in profile.sections] == [
        ("Education", "education"),
        ("Projects", "projects"),
    ]
    assert "Projects" not in (profile.sections[0].entries[0].details or [])


def test_dates_before_the_title_and_one_line_entries() -> None:
    profile = parse_text(
        "Experience\n2021 –\nPresent\nMachine Learning Engineer, OpenAI, San Francisco, USA\n"
        "Leading a team of AI engineers. Designed deep learning models for natural\n"
        "language processing tasks.\n"
        "2018 – 2021 Data Scientist, Uber, Seattle, WA, USA\n"
        "Developed ride allocation models.\n"
        "Education\n"
        "2014 – 2016 Master of Science in Computer Science, MIT, Cambridge,\nUSA\n"
        "Master of Science in Physics, XYZ University, 2012\n"
    )
    assert entries(profile, "experience") == [
        ("Machine Learning Engineer", "OpenAI", "San Francisco, USA", "2021", "present", None),
        ("Data Scientist", "Uber", "Seattle, WA, USA", "2018", "2021", None),
    ]
    assert bullet_texts(profile) == [
        "Leading a team of AI engineers. Designed deep learning models for natural language "
        "processing tasks.",
        "Developed ride allocation models.",
    ]
    assert entries(profile, "education") == [
        ("Master of Science in Computer Science", "MIT", "Cambridge, USA", "2014", "2016", None),
        ("Master of Science in Physics", "XYZ University", None, "2012", "2012", None),
    ]


def test_title_company_dates_on_one_line() -> None:
    profile = parse_text(
        "EXPERIENCE\n\nData Scientist | Uber | San Francisco, CA | Jan 2019 – Mar 2021\n"
        "- Priced rides\n\nAcme — Senior Engineer (2016–2018)\n- Shipped things\n\n"
        "2015 – 2016: Initech (Austin, USA) – Developer\n- Wrote TPS reports\n"
    )
    assert entries(profile, "experience") == [
        ("Data Scientist", "Uber", "San Francisco, CA", "2019-01", "2021-03", None),
        ("Acme", "Senior Engineer", None, "2016", "2018", None),
        ("Initech (Austin, USA)", "Developer", None, "2015", "2016", None),
    ]


def test_sentences_on_their_own_lines_become_bullets() -> None:
    # PDF text: a line that ends a sentence early is a hard break; one cut at the margin wraps.
    profile = parse_text(
        "Professional Experience\nABC Company\nSenior Python Developer, 2021 - Present\n\n"
        "Developed and maintained a scalable and secure API for a leading platform using Python,\n"
        "Django, and AWS.\n"
        "Built a real-time recommendation system using collaborative filtering and matrix\n"
        "factorization. Improved fraud detection by 20% with XGBoost and Random Forest, Scikit-\n"
        "Learn and end-to-\nend tests. Devel-\noped the CI.\n"
        "Technologies: Python, Django, AWS\n"
    )
    job = profile.sections[0].entries[0]
    assert (job.title, job.subtitle, job.start, job.end) == (
        "ABC Company",
        "Senior Python Developer",
        "2021",
        "present",
    )
    assert [b.plain for b in job.bullets] == [
        "Developed and maintained a scalable and secure API for a leading platform using Python, "
        "Django, and AWS.",
        "Built a real-time recommendation system using collaborative filtering and matrix "
        "factorization. Improved fraud detection by 20% with XGBoost and Random Forest, "
        "Scikit-Learn and end-to-end tests. Developed the CI.",
    ]
    assert job.details == ["Technologies: Python, Django, AWS"]


def test_titles_are_not_sentences() -> None:
    profile = parse_text(
        "EXPERIENCE\n\nAcme Holdings Co. Ltd.\nSenior Engineer\n- Led the platform team.\n"
    )
    job = profile.sections[0].entries[0]
    assert (job.title, job.subtitle, [b.plain for b in job.bullets]) == (
        "Acme Holdings Co. Ltd.",
        "Senior Engineer",
        ["Led the platform team."],
    )


def test_repair_mojibake() -> None:
    assert repair_mojibake("â€¢ NaÃ¯ve Bayes, cafÃ©, Wiproâ€™s") == "• Naïve Bayes, café, Wipro’s"
    # UTF-8 read as Latin-1 (C1 controls instead of cp1252 punctuation), as in the Kaggle set.
    assert repair_mojibake("â\x80¢ SQL â\x9e¢ Go") == "• SQL ➢ Go"
    # Text that only looks like it stays as it is.
    for text in ("café, naïve, Ü", "Â alone", "Ã© but é°x", "€100 — “quoted”"):
        assert repair_mojibake(text) == text.replace("Ã©", "é")


def test_glued_bullets_headings_and_mojibake_of_flattened_text() -> None:
    profile = parse_text(
        "TECHNICAL SKILLS â€¢ Typewriting â€¢ TORA â€¢ SPSS\n"
        "SKILLS 1. MS-Office 2. Good communication 3. Sales management\n"
        "WORK EXPERIENCE\nAcme\n"
        "â€¢ Provide applications support to sales, and selection of valves. â€¢ Assist Brand "
        "Managers as needed. â€¢ Travel as required to support the field sales channel and "
        "promote products.\n"
    )
    skills = [s for s in profile.sections if s.kind == "skills"]
    assert [[g.items for g in s.skills] for s in skills] == [
        [["Typewriting", "TORA", "SPSS"]],
        [["MS-Office", "Good communication", "Sales management"]],
    ]
    assert bullet_texts(profile) == [
        "Provide applications support to sales, and selection of valves.",
        "Assist Brand Managers as needed.",
        "Travel as required to support the field sales channel and promote products.",
    ]


def test_indeed_export_fields_and_headline() -> None:
    # The Kaggle résumés: Indeed's fixed headings, glued to the text before them, and fields.
    text = (
        "Skills * Programming Languages: Python, Java. * Machine learning: SVM, KNN."
        "Education Details \n"
        "January 2017 MBA  Chidambaram, Tamil Nadu SNS College of Engineering\n"
        " BE   Anna University\n"
        "Data Scientist \n\nData Scientist - Acme\n"
        "Skill Details \nPython- Experience - 24 months\n"
        "Human resource, Finance- Experience - Less than 1 year monthsCompany Details \n"
        "company - Acme Analytics\ndescription - Built churn models for telecom clients.\n"
        "company - \ndescription - \n"
    )
    profile = parse_text(text)
    assert [(s.heading, s.kind) for s in profile.sections] == [
        ("Skills", "skills"),
        ("Education Details", "education"),
        ("Skill Details", "skills"),
        ("Company Details", "experience"),
    ]
    assert [(g.label, g.items) for g in profile.sections[0].skills] == [
        ("Programming Languages", ["Python", "Java"]),
        ("Machine learning", ["SVM", "KNN"]),
    ]
    assert entries(profile, "education") == [
        ("MBA  Chidambaram, Tamil Nadu SNS College of Engineering", None, None, "2017-01",
         "2017-01", None),
        ("BE   Anna University", None, None, None, None, None),
    ]  # fmt: skip
    assert [g.items for g in profile.sections[2].skills] == [
        ["Python"],
        ["Human resource", "Finance"],
    ]
    job = profile.sections[3].entries[0]
    assert (job.title, [b.plain for b in job.bullets]) == (
        "Acme Analytics",
        ["Built churn models for telecom clients."],
    )
    assert [(u.line, u.reason) for u in profile.unplaced] == [
        (4, "headline: the job title the résumé is for"),
        (6, "headline: the job title the résumé is for"),
        (12, "empty company field"),
        (13, "empty description"),
    ]


def test_indeed_export_flattened_to_one_line() -> None:
    profile = parse_text(
        "Education Details B.Tech Anna University Data Scientist Skill Details "
        "Python- Experience - 24 months SQL- Experience - 12 months Company Details "
        "company - Acme description - Built churn models for telecom clients. "
        "company - Initech description - Wrote reports for the finance team."
    )
    assert [s.heading for s in profile.sections] == [
        "Education Details",
        "Skill Details",
        "Company Details",
    ]
    assert profile.sections[1].skills[0].items == ["Python", "SQL"]
    assert [e.title for e in profile.sections[2].entries] == ["Acme", "Initech"]
    assert len(bullet_texts(profile)) == 2


def test_nested_markdown_lists_give_organisations_and_roles() -> None:
    profile = parse_text(
        "Work experience\n======\n"
        "* **North Carolina A&T State University**\n"
        "  * **Fall 2025 - Spring 2026: Graduate Research Assistant**\n"
        "    * Laboratory: Remote Sensing Lab.\n"
        "    * Duties include:\n"
        "      - Implement CNN models for flood depth prediction.\n"
        "  * **Summer 2025: Data Science Research**\n"
        "    * Led a 3-person team.\n\n"
        "Skills\n======\n"
        "* **Geospatial Tools:**\n  * ArcGIS Suite\n  * QGIS\n"
        "* **Libraries:**\n  * Python - Tensorflow, Pytorch\n  * R - Dplyr, Tidyr\n"
    )
    assert entries(profile, "experience") == [
        ("North Carolina A&T State University", "Graduate Research Assistant", None, "2025-09",
         "2026-03", None),
        ("Data Science Research", None, None, "2025-06", "2025-06",
         "North Carolina A&T State University"),
    ]  # fmt: skip
    first, second = profile.sections[0].entries
    assert first.details == ["Duties include:"]
    assert [b.plain for b in first.bullets] == [
        "Laboratory: Remote Sensing Lab.",
        "Implement CNN models for flood depth prediction.",
    ]
    assert [b.plain for b in second.bullets] == ["Led a 3-person team."]
    assert [(g.label, g.items) for g in profile.sections[1].skills] == [
        ("Geospatial Tools", ["ArcGIS Suite", "QGIS"]),
        ("Libraries (Python)", ["Tensorflow", "Pytorch"]),
        ("Libraries (R)", ["Dplyr", "Tidyr"]),
    ]


def test_markdown_markup_is_set_aside_with_a_reason() -> None:
    profile = parse_text(
        "<!-- generated -->\n---\nlayout: archive\ntitle: CV\n---\n{% include base %}\n"
        "# Ada Lovelace\n\n## EXPERIENCE\n\n---\n\n"
        "### Data Scientist | May 2023 - Present\n\n> TrendPlus AB, Stockholm, Sweden\n\n"
        "- Trained forecasting models\n\n### Engineer | 2020 - 2023\n\n- Built pipelines\n"
        "<ul>{% for post in site.talks %}</ul>\n1/2\n"
    )
    assert profile.header.name == "Ada Lovelace"
    assert entries(profile, "experience") == [
        ("Data Scientist", "TrendPlus AB", "Stockholm, Sweden", "2023-05", "present", None),
        ("Engineer", None, None, "2020", "2023", None),
    ]
    assert [(u.line, u.reason) for u in profile.unplaced] == [
        (1, "HTML comment"),
        *[(line, "front matter") for line in range(2, 6)],
        (6, "HTML or template markup, no CV text"),
        (11, "horizontal rule, no CV text"),
        (22, "HTML or template markup, no CV text"),
        (23, "page number"),
    ]


def test_setext_headings() -> None:
    profile = parse_text("Jane Doe\n========\n\nEducation\n---------\n\n- BSc, 2019\n")
    assert profile.header.name == "Jane Doe"
    assert [(s.heading, s.kind) for s in profile.sections] == [("Education", "education")]
    assert profile.unplaced == []


def test_header_labels_and_icon_names_are_dropped() -> None:
    profile = parse_text(
        "# source: somewhere/resume.pdf\nHarvey Dent\nMachine Learning Engineer\nGotham, USA\n"
        "\u2642\u00b6obile-alt (123) 456-7891\n\u2709 hdent@email.com\n"
        "Email: h.dent@example.com\nLinkedIn: linkedin.com/in/hdent\nProfessional Summary\nx\n"
    )
    assert profile.header.name == "Harvey Dent"
    assert [(c.kind, c.text, c.url) for c in profile.header.contacts] == [
        ("location", "Gotham, USA", None),
        ("phone", "(123) 456-7891", None),
        ("email", "hdent@email.com", None),
        ("email", "h.dent@example.com", None),
        ("link", "LinkedIn: linkedin.com/in/hdent", "linkedin.com/in/hdent"),
    ]
    assert [(u.line, u.reason) for u in profile.unplaced] == [
        (1, "text above the first heading"),
        (3, "text above the first heading"),
    ]


def test_a_section_of_labelled_lists_is_skills() -> None:
    profile = parse_text(
        "JANE DOE\njane@example.com\n\nEXPERIENCE SUMMARY\n\n"
        "- Programming languages: Java, Go, TypeScript\n- Databases: MySQL, PostgreSQL\n\n"
        "EXPERIENCE\n\nAcme\nJava Developer\n2019 - 2020\n\n- Built a billing service.\n"
    )
    summary, work = profile.sections
    assert summary.kind == "skills" and not summary.entries
    assert [(g.label, g.items) for g in summary.skills] == [
        ("Programming languages", ["Java", "Go", "TypeScript"]),
        ("Databases", ["MySQL", "PostgreSQL"]),
    ]
    assert work.kind == "experience" and work.entries[0].title == "Acme"


def test_a_labelled_place_is_the_location() -> None:
    from tailor.parse.text import parse_contacts

    def contacts(line: str) -> list[tuple[str, str]]:
        return [(c.kind, c.text) for c in parse_contacts(line)]

    assert contacts("Residence:\tPetah Tikva") == [("location", "Petah Tikva")]
    assert contacts("location Bat Yam     \temail") == [("location", "Bat Yam")]  # empty label
    assert contacts("Phone: 555 123 4567 | City: Boston") == [
        ("phone", "555 123 4567"),
        ("location", "Boston"),
    ]
    assert contacts("City University London") == [("other", "City University London")]


def test_unknown_uppercase_lines_inside_entries_title_entries() -> None:
    profile = parse_text(
        "EXPERIENCE\nAcme Corp\nConsultant\n- Led the audit\n"
        "FRAUD ANALYTIC PLATFORM\n- Built the case manager\nLANGUAGES\nEnglish, Hindi\n"
    )
    assert [s.heading for s in profile.sections] == ["EXPERIENCE", "LANGUAGES"]
    assert [e.title for e in profile.sections[0].entries] == [
        "Acme Corp",
        "FRAUD ANALYTIC PLATFORM",
    ]


CV_FRAGMENTS = [
    "EXPERIENCE", "Work Experience", "Skill Details", "Company Details", "Education Details",
    "company - Acme", "description - ", "description - Built things.", "Acme Corp",
    "2019 – 2021", "2021 –", "Present", "Senior Engineer, Acme, Austin, TX", "- did x",
    "  * **Bold org**", "    * Duties:", "      - nested", "• a • b • c", "â€¢ x", "Ã©",
    "Python- Experience - 24 months", "a wrapped line of running text that goes on and on and,",
    "continues here in lower case", "Devel-", "1/2", "---", "===", "<!-- c", "-->", "{% x %}",
    "### Role | 2020 - 2022", "> quote", ":   definition", "SKILLS 1. a 2. b", "Skills: a, b",
    "**Skills:**", "Label:", "x" * 200, "",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_parser_never_crashes(text: str) -> None:
    profile = parse_text(text)
    for section in profile.sections:
        for entry in section.entries:
            for bullet in entry.bullets:
                assert bullet.text.strip()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(CV_FRAGMENTS) | st.text(max_size=30), max_size=40))
def test_parser_never_crashes_on_cv_like_lines(lines: list[str]) -> None:
    text = "\n".join(lines)
    profile = parse_text(text)
    for section in profile.sections:
        for entry in section.entries:
            assert all(bullet.text.strip() for bullet in entry.bullets)
    numbers = {u.line for u in profile.unplaced}
    assert all(1 <= number <= len(text.split("\n")) for number in numbers)
