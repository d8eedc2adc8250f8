"""Ranking and selection (issue #5): how every CV item is scored and what makes the page.

Most tests build a small CV and posting inline, so each is about one behaviour and asserts a
relation ("A ranks above B", "the reason starts with 'over budget:'"), never an exact score;
a few run on the real master CV where that is the point.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from tailor.analyze import analyze_posting
from tailor.model import Posting, Profile, ScoredItem, ScoreParts, Section, Tailored
from tailor.parse import parse_profile_text
from tailor.pipeline import tailor
from tailor.rank import WEIGHTS, rank_items
from tailor.render.markdown import render_report_markdown
from tailor.workflow import load_posting

from .conftest import JOB_POSTS

REASON_FAMILIES = ("over budget:", "redundant with ", "no evidence:", "weak evidence:")
ALWAYS_KEPT = {"education", "skills", "interests", "summary"}
MAIN_KINDS = {"experience", "research", "projects", "publications", "service", "other"}
TAIL_KINDS = {"skills", "education", "awards", "interests"}
POSTINGS = sorted(p.name for p in JOB_POSTS.glob("*.txt"))
ML = ["Experience with object detection", "Experience with Docker", "Experience with PyTorch"]

# --- building CVs and postings -------------------------------------------------------------------


def entry(title: str, subtitle: str, dates: str, *bullets: str) -> str:
    """Gives the text of one CV entry: title, subtitle, dates, then its bullets."""
    return "\n".join([title, subtitle, dates, "", *(f"- {bullet}" for bullet in bullets)])


def section(heading: str, *blocks: str) -> str:
    """Gives the text of one CV section: its heading, then its entries or lines."""
    return "\n\n".join([heading, *blocks])


EDUCATION = section(
    "EDUCATION", entry("Example University", "M.S., Computer Science", "2016 - 2018", "GPA 3.9/4")
)


def cv(*sections: str) -> Profile:
    """Gives the parsed profile of a CV: a header, an education section, then the sections."""
    return parse_profile_text("\n\n".join(["JANE DOE", "jane@example.com", EDUCATION, *sections]))


def one_job(company: str, role: str, dates: str, *bullets: str) -> Profile:
    """Gives the parsed profile of a CV whose experience is one job with its bullets."""
    return cv(section("EXPERIENCE", entry(company, role, dates, *bullets)))


def posting(
    required: Sequence[str],
    preferred: Sequence[str] = (),
    *,
    title: str = "Machine Learning Engineer",
) -> Posting:
    """Gives the analysed posting of a title, its requirements and its nice-to-haves."""
    lines = [title, "", "Requirements:", *(f"- {line}" for line in required)]
    if preferred:
        lines += ["", "Nice to have:", *(f"- {line}" for line in preferred)]
    return analyze_posting("\n".join(lines) + "\n")


def find(items: Sequence[ScoredItem], fragment: str) -> ScoredItem:
    """Gives the one item whose text contains a fragment."""
    found = [item for item in items if fragment in item.text]
    assert len(found) == 1, (fragment, [item.text for item in items])
    return found[0]


def on_page(tailored: Tailored) -> list[ScoredItem]:
    """Gives the items selected outside the always-kept sections (education, skills ...)."""
    kept = {s.heading for s in tailored.resume.sections if s.kind in ALWAYS_KEPT}
    return [item for item in tailored.result.items if item.selected and item.section not in kept]


def dropped(tailored: Tailored) -> list[ScoredItem]:
    return [item for item in tailored.result.items if not item.selected]


def main_sections(resume: Profile) -> list[Section]:
    return [s for s in resume.sections if s.kind not in ALWAYS_KEPT | TAIL_KINDS]


def cv_order(profile: Profile) -> dict[str, int]:
    """Gives the position in the CV of every section, entry and bullet id."""
    ids: list[str] = []
    for s in profile.sections:
        ids.append(s.id)
        for e in s.entries:
            ids.append(e.id)
            ids.extend(b.id for b in e.bullets)
    return {id_: index for index, id_ in enumerate(ids)}


def other_parts(parts: ScoreParts, *names: str) -> dict[str, float]:
    """Gives the parts of a score leaving out the named ones."""
    return {name: value for name, value in parts.model_dump().items() if name not in names}


@pytest.fixture(scope="module")
def job_postings() -> dict[str, Posting]:
    return {name: load_posting(JOB_POSTS / name) for name in POSTINGS}


# --- scoring -------------------------------------------------------------------------------------


def test_weights_name_every_part_and_sum_to_one() -> None:
    assert set(WEIGHTS) == set(ScoreParts.model_fields)
    assert sum(WEIGHTS.values()) == pytest.approx(1.0)
    assert all(weight > 0 for weight in WEIGHTS.values())


@pytest.mark.parametrize("name", POSTINGS)
def test_score_is_the_weighted_sum_of_its_parts(
    master: Profile, job_postings: dict[str, Posting], name: str
) -> None:
    items = rank_items(master, job_postings[name])
    assert items
    for item in items:
        parts = item.parts.model_dump()
        assert all(0.0 <= value <= 1.0 for value in parts.values()), item.id
        expected = sum(WEIGHTS[part] * value for part, value in parts.items())
        assert item.score == pytest.approx(expected, abs=1e-3), item.id


@pytest.mark.parametrize("name", POSTINGS)
def test_matched_terms_explain_the_score(
    master: Profile, job_postings: dict[str, Posting], name: str
) -> None:
    items = rank_items(master, job_postings[name])
    assert any(item.parts.keywords > 0 for item in items)
    for item in items:
        if item.parts.keywords > 0:
            # Keyword credit comes from terms the item shows, named or through a narrower term.
            assert [t for t in item.matched if not t.endswith(" (partly)")], item.id
        if item.parts.related > 0:
            assert item.matched, item.id
        if not item.matched:
            assert item.parts.keywords == item.parts.related == 0, item.id


@pytest.mark.parametrize(
    ("bullet", "asked", "via"),
    [
        ("Trained YOLO models to find parcels on conveyor belts.", "object detection", "YOLO"),
        ("Wrote the training loop in PyTorch.", "deep learning frameworks", "PyTorch"),
    ],
)
def test_a_narrower_term_earns_the_broader_keyword(bullet: str, asked: str, via: str) -> None:
    profile = one_job("Acme", "Engineer", "2020 - Present", bullet, "Organised the team offsite.")
    job = posting([f"Experience with {asked}", "Experience with Docker"])
    items = rank_items(profile, job)
    credited, control = find(items, bullet), find(items, "offsite")
    assert f"{asked} (via {via})" in credited.matched
    assert asked not in credited.text.lower()  # the credit comes from the taxonomy alone
    assert credited.parts.keywords > 0
    assert control.parts.keywords == 0
    assert items.index(credited) < items.index(control)


@pytest.mark.parametrize(
    ("bullet", "asked"),
    [
        ("Built computer vision models for parcel sorting.", "artificial intelligence"),
        ("Wrote backend development tooling for the parcel service.", "software engineering"),
    ],
)
def test_a_kind_of_an_umbrella_field_earns_related_credit_only(bullet: str, asked: str) -> None:
    # A posting that asks for AI names its field: computer vision is a kind of AI, but a bullet
    # on it shows no more of what the posting asks than any other ML bullet would.
    item = find(rank_items(one_job("Acme", "Engineer", "2020 - Present", bullet),
                           posting([f"Experience with {asked}"])), "parcel")  # fmt: skip
    assert item.parts.keywords == 0 and item.covers == []
    assert item.parts.related > 0


def test_a_kind_two_steps_down_shows_the_postings_main_field_only() -> None:
    # YOLO is an object detection method, object detection a computer vision task: a bullet on
    # YOLO shows the main field of a vision posting, but covers not its words and shows no
    # minor keyword two steps up.
    profile = one_job(
        "Acme", "Engineer", "2020 - Present",
        "Trained YOLO detectors for leak inspection.", "Organised the team offsite.",
    )  # fmt: skip
    vision = rank_items(profile, posting(["Computer vision research", "Docker"]))
    shown = find(vision, "YOLO")
    assert "Computer vision (via YOLO)" in shown.matched
    assert shown.parts.keywords > 0 and shown.covers == []
    platform = rank_items(profile, posting(["Kubernetes", "Docker"], ["Computer vision"]))
    assert find(platform, "YOLO").parts.keywords == 0


def test_a_degree_word_earns_no_partial_credit() -> None:
    # "enhanced CRB" is a background check: "Enhanced the model" shows none of it.
    profile = one_job("Acme", "Engineer", "2020 - Present", "Enhanced the model's accuracy.")
    item = find(rank_items(profile, posting(["An enhanced CRB check"])), "Enhanced")
    assert item.matched == [] and item.parts.related == 0


def test_algorithms_after_a_skill_is_its_head_noun_in_a_cv_too() -> None:
    # As in postings: "NLP algorithms" shows NLP; the head noun claims no algorithms knowledge.
    profile = one_job(
        "Acme", "Engineer", "2020 - Present",
        "Developed NLP algorithms for search.", "Implemented graph algorithms for routing.",
    )  # fmt: skip
    ranked = rank_items(profile, posting(["Strong knowledge of data structures and algorithms"]))
    assert "algorithms" not in find(ranked, "NLP").covers
    assert "algorithms" in find(ranked, "graph").covers


def test_the_people_a_bullet_works_with_are_not_its_claim() -> None:
    profile = one_job(
        "Acme", "Engineer", "2020 - Present",
        "Worked closely with product managers and UX designers on the roadmap.",
        "Owned the roadmap as the product manager of the checkout app.",
    )  # fmt: skip
    items = rank_items(profile, posting(["Experience as a Product Manager"], title="PM"))
    assert find(items, "Worked closely").parts.keywords == 0
    assert find(items, "Owned the roadmap").parts.keywords > 0


def test_a_sibling_tool_earns_related_credit_only() -> None:
    profile = one_job("Acme", "Engineer", "2020 - Present", "Wrote TensorFlow code.")
    item = find(rank_items(profile, posting(["Experience with PyTorch"])), "TensorFlow")
    assert any(term.startswith("PyTorch (via ") for term in item.matched)
    assert item.parts.keywords == 0
    assert item.parts.related > 0


def test_porting_models_to_heterogeneous_platforms_is_deployment_on_embedded_hardware() -> None:
    # The issue's own example: related links reach across one broader step on either side
    # (model porting ~ embedded systems, of which embedded hardware is a kind).
    profile = one_job(
        "Acme",
        "Engineer",
        "2020 - Present",
        "Worked on porting models to heterogeneous platforms.",
        "Organised the office party.",
    )
    items = rank_items(profile, posting(["Experience with deployment on embedded hardware"]))
    porting = find(items, "porting models")
    assert any(term.startswith("embedded hardware (via ") for term in porting.matched)
    assert porting.parts.related > 0
    assert items.index(porting) < items.index(find(items, "office party"))


def test_a_required_keyword_counts_more_than_a_preferred_one() -> None:
    profile = one_job(
        "Acme Cloud",
        "Platform Engineer",
        "2020 - Present",
        "Packaged the inference service in Docker images.",
        "Wrote Python scripts for the nightly reports.",
    )
    required = posting(["Experience with Python", "Experience with Docker"])
    preferred = posting(["Experience with Python"], ["Experience with Docker"])
    importance = {k.term: k.importance for k in preferred.keywords}
    assert importance["Docker"] == "preferred" and importance["Python"] == "required"
    as_required = find(rank_items(profile, required), "Docker")
    as_preferred = find(rank_items(profile, preferred), "Docker")
    assert as_preferred.parts.keywords < as_required.parts.keywords
    assert as_preferred.score < as_required.score
    # Only Docker moved: the Python bullet keeps its keyword credit.
    assert (
        find(rank_items(profile, preferred), "Python").parts.keywords
        == find(rank_items(profile, required), "Python").parts.keywords
    )


def test_a_bullet_inherits_evidence_from_its_entry_title() -> None:
    bullet = "Wrote the evaluation scripts and dashboards."
    profile = cv(
        section(
            "PROJECTS",
            entry("Payroll tools", "Side project", "2021 - 2022", bullet),
            entry("Object detection benchmark", "Side project", "2021 - 2022", bullet),
        )
    )
    items = rank_items(profile, posting(ML))
    by_entry = {item.entry: item for item in items if item.text == bullet}
    relevant, plain = by_entry["Object detection benchmark"], by_entry["Payroll tools"]
    assert relevant.parts.context > plain.parts.context
    assert relevant.score > plain.score
    assert items.index(relevant) < items.index(plain)


@pytest.mark.parametrize(
    ("strong", "weak"),
    [
        (
            "YOLO detector latency on edge devices cut by 40%.",
            "YOLO detector latency on edge devices.",
        ),
        (
            "Led the YOLO detector rollout to edge devices.",
            "Helped with the YOLO detector rollout to edge devices.",
        ),
        (
            "Designed the YOLO detector rollout to edge devices.",
            "Helped with the YOLO detector rollout to edge devices.",
        ),
        (
            "Led the YOLO detector rollout to edge devices.",
            "Worked on the YOLO detector rollout to edge devices.",
        ),
    ],
    ids=["measurable result", "led vs helped", "designed vs helped", "led vs worked on"],
)
def test_priors_favour_results_and_ownership(strong: str, weak: str) -> None:
    profile = one_job("Acme", "Engineer", "2020 - Present", strong, weak)
    items = rank_items(profile, posting(ML))
    better, worse = find(items, strong), find(items, weak)
    assert better.parts.priors > worse.parts.priors
    assert better.parts.keywords == worse.parts.keywords
    assert better.score > worse.score


def test_recency_favours_the_newer_entry() -> None:
    bullet = "Trained YOLO detectors for parcels."
    profile = cv(
        section(
            "EXPERIENCE",
            entry("Acme Vision", "Engineer", "2012 - 2014", bullet),
            entry("Acme Vision", "Engineer", "2022 - Present", bullet),
        )
    )
    items = rank_items(profile, posting(ML))
    newer = next(item for item in items if item.id == "experience.2.1")
    older = next(item for item in items if item.id == "experience.1.1")
    assert newer.parts.priors > older.parts.priors
    assert other_parts(newer.parts, "priors") == other_parts(older.parts, "priors")
    assert items.index(newer) < items.index(older)


# --- selection -----------------------------------------------------------------------------------

SIX = [
    "Trained YOLO models to find parcels on conveyor belts.",
    "Packaged the inference service in Docker images.",
    "Wrote the training loop in PyTorch.",
    "Ran nightly Kubernetes jobs for batch scoring.",
    "Wrote SQL queries for the label audit.",
    "Tracked experiments with MLflow.",
]
SIX_ASKED = [
    "Experience with object detection",
    "Experience with Docker",
    "Experience with PyTorch",
    "Experience with Kubernetes",
    "Experience with SQL",
    "Experience with MLflow",
]


def test_the_page_budget_is_respected() -> None:
    profile = one_job("Acme", "Engineer", "2020 - Present", *SIX)
    job = posting(SIX_ASKED)
    short, full = tailor(profile, job, pages=0.3), tailor(profile, job, pages=1.0)
    for tailored in (short, full):
        assert tailored.result.budget.lines_used <= tailored.result.budget.lines_available
    assert 0 < len(on_page(short)) < len(on_page(full)) == len(SIX)
    reasons = [item.reason or "" for item in dropped(short) if item.section == "EXPERIENCE"]
    assert reasons and all(reason.startswith("over budget: needs ") for reason in reasons)


@pytest.mark.parametrize("limit", [1, 2, 4])
def test_max_bullets_is_respected(limit: int) -> None:
    profile = one_job("Acme", "Engineer", "2020 - Present", *SIX)
    tailored = tailor(profile, posting(SIX_ASKED), max_bullets=limit)
    assert len(on_page(tailored)) == limit
    shown = sum(len(e.bullets) for s in main_sections(tailored.resume) for e in s.entries)
    assert shown == limit
    for item in dropped(tailored):
        assert item.reason == f"over budget: --max-bullets {limit} reached"


@pytest.mark.parametrize("pages", [0.5, 1.0, 2.0])
def test_the_master_cv_fits_every_page_budget(
    master: Profile, vision_posting: Posting, pages: float
) -> None:
    budget = tailor(master, vision_posting, pages=pages).result.budget
    assert budget.lines_used <= budget.lines_available


def test_entries_and_bullets_keep_their_cv_order() -> None:
    profile = cv(
        section(
            "EXPERIENCE",
            entry(
                "Acme",
                "Engineer",
                "2022 - Present",
                "Organised the team offsite.",
                "Wrote SQL queries for the label audit.",
                "Trained YOLO models to find parcels, raising recall from 80% to 95%.",
            ),
            entry("Beta", "Engineer", "2020 - 2022", "Packaged the service in Docker images."),
            entry(
                "Gamma",
                "Engineer",
                "2018 - 2020",
                "Led the PyTorch object detection rewrite, cutting latency by 40%.",
            ),
        )
    )
    tailored = tailor(profile, posting([*ML, "Experience with SQL"]))
    ranked = [item.id for item in tailored.result.items if item.section == "EXPERIENCE"]
    assert ranked[0] == "experience.3.1"  # the best bullet sits in the last entry
    experience = tailored.resume.section("experience")
    assert experience is not None
    assert [e.title for e in experience.entries] == ["Acme", "Beta", "Gamma"]
    acme = [b.id for b in experience.entries[0].bullets]
    assert acme == ["experience.1.2", "experience.1.3"]


@pytest.mark.parametrize("name", POSTINGS)
def test_the_master_cv_keeps_its_order(
    master: Profile, job_postings: dict[str, Posting], name: str
) -> None:
    resume = tailor(master, job_postings[name], pages=2).resume
    order = cv_order(master)
    for s in resume.sections:
        entries = [order[e.id] for e in s.entries]
        assert entries == sorted(entries), s.heading
        for e in s.entries:
            bullets = [order[b.id] for b in e.bullets]
            assert bullets == sorted(bullets), e.title


@pytest.mark.parametrize("name", POSTINGS)
def test_every_kept_entry_has_a_bullet(
    master: Profile, job_postings: dict[str, Posting], name: str
) -> None:
    for pages in (0.5, 1.0):
        resume = tailor(master, job_postings[name], pages=pages).resume
        for s in main_sections(resume):
            if not s.list_like:
                assert all(e.bullets for e in s.entries), s.heading


def test_an_irrelevant_entry_is_dropped_with_a_reason() -> None:
    profile = cv(
        section("EXPERIENCE", entry("Acme", "Engineer", "2020 - Present", *SIX[:3])),
        section(
            "VOLUNTEERING",
            entry(
                "Waiter at a restaurant",
                "Volunteer, Speed Restaurant",
                "2012 - 2013",
                "Served food and drinks to guests.",
                "Cleaned tables after service.",
            ),
        ),
    )
    tailored = tailor(profile, posting(ML), pages=2)
    titles = [e.title for s in tailored.resume.sections for e in s.entries]
    assert "Waiter at a restaurant" not in titles
    assert "Acme" in titles
    waiter = [i for i in tailored.result.items if i.entry == "Waiter at a restaurant"]
    assert len(waiter) == 2
    for item in waiter:
        assert not item.selected
        assert (item.reason or "").startswith("no evidence:")


def test_the_restaurant_in_the_master_cv_is_dropped(
    master: Profile, job_postings: dict[str, Posting]
) -> None:
    restaurant = "Summer Social Practice in Restaurant"
    for name, job in job_postings.items():
        tailored = tailor(master, job, pages=2)
        assert restaurant not in [e.title for s in tailored.resume.sections for e in s.entries]
        items = [i for i in tailored.result.items if i.entry == restaurant]
        assert items, name
        # Dropped for showing nothing the posting asks ("serving" is only partly model serving),
        # not for want of room: two pages leave room to spare.
        for item in items:
            assert (item.reason or "").startswith(("no evidence:", "weak evidence:")), name


def test_education_is_always_kept() -> None:
    profile = one_job("Acme", "Engineer", "2020 - Present", *SIX)
    master_education = profile.section("education")
    assert master_education is not None
    job = posting(SIX_ASKED)
    unrelated = posting(["Experience with Salesforce", "Experience with payroll"])
    for tailored in (
        tailor(profile, job, max_bullets=1),
        tailor(profile, job, pages=0.3),
        tailor(profile, unrelated),
    ):
        assert tailored.resume.section("education") == master_education
        education = [i for i in tailored.result.items if i.section == "EDUCATION"]
        assert education and all(i.selected and i.reason is None for i in education)


def test_the_master_cv_keeps_its_education(
    master: Profile, job_postings: dict[str, Posting]
) -> None:
    for job in job_postings.values():
        resume = tailor(master, job, max_bullets=1).resume
        assert resume.section("education") == master.section("education")


def three_sections(*, research_first: bool) -> Profile:
    """Gives a CV with experience, projects and research, research first or last."""
    research = section(
        "RESEARCH",
        entry("Vision Lab", "Research Assistant", "2018 - 2020", "Wrote PyTorch experiment code."),
    )
    rest = [
        section(
            "EXPERIENCE",
            entry(
                "Acme Vision",
                "Machine Learning Engineer",
                "2020 - Present",
                "Trained YOLO models to find parcels on conveyor belts.",
                "Packaged the detection service in Docker images.",
            ),
        ),
        section(
            "PROJECTS",
            entry(
                "Parcel counter", "Side project", "2021 - 2022", "Built a PyTorch object detector."
            ),
        ),
    ]
    return cv(research, *rest) if research_first else cv(*rest, research)


def test_a_research_posting_puts_research_first() -> None:
    profile = three_sections(research_first=False)
    job = posting(ML, title="Research Scientist, Computer Vision")
    tailored = tailor(profile, job)
    # Research is the least relevant section and comes last in the CV, yet leads the page.
    relevance = {
        heading: sum(i.score for i in on_page(tailored) if i.section == heading)
        for heading in ("RESEARCH", "EXPERIENCE", "PROJECTS")
    }
    assert 0 < relevance["RESEARCH"] < min(relevance["EXPERIENCE"], relevance["PROJECTS"])
    assert tailored.resume.sections[0].kind == "research"


def test_other_postings_put_experience_first() -> None:
    profile = three_sections(research_first=True)
    tailored = tailor(profile, posting(ML, title="Machine Learning Engineer"))
    assert tailored.resume.sections[0].kind == "experience"


def test_sections_after_the_lead_follow_relevance_and_tail_sections_close() -> None:
    profile = cv(
        section(
            "EXPERIENCE",
            entry("Acme", "Engineer", "2020 - Present", "Packaged the service in Docker images."),
        ),
        section(
            "RESEARCH",
            entry("Vision Lab", "Research Assistant", "2018 - 2020", "Wrote SQL queries."),
        ),
        section(
            "PROJECTS",
            entry(
                "Parcel counter",
                "Side project",
                "2021 - 2022",
                "Trained YOLO models to find parcels on conveyor belts.",
                "Built a PyTorch object detector.",
            ),
        ),
        section("AWARDS", "- Best paper award, 2021"),
    )
    tailored = tailor(profile, posting([*ML, "Experience with SQL"]))
    kinds = [s.kind for s in tailored.resume.sections]
    assert kinds[0] == "experience"
    # Projects show more of the posting than research, though the CV lists research first.
    assert kinds.index("projects") < kinds.index("research")
    last_main = max(i for i, kind in enumerate(kinds) if kind in MAIN_KINDS)
    assert all(i > last_main for i, kind in enumerate(kinds) if kind in TAIL_KINDS)
    assert "education" in kinds


def test_section_order_on_the_master_cv(master: Profile, vision_posting: Posting) -> None:
    research_posting = analyze_posting(
        "Research Scientist, Multimodal Learning\n\nRequirements:\n"
        "- PhD or Master's in Computer Science\n"
        "- Publications in computer vision or multimodal learning\n"
        "- Experience with knowledge distillation and PyTorch\n"
    )
    research = tailor(master, research_posting).resume
    engineering = tailor(master, vision_posting).resume
    assert research.sections[0].kind == "research"
    assert engineering.sections[0].kind == "experience"
    for resume in (research, engineering):
        kinds = [s.kind for s in resume.sections]
        last_main = max(i for i, kind in enumerate(kinds) if kind in MAIN_KINDS)
        assert all(i > last_main for i, kind in enumerate(kinds) if kind in TAIL_KINDS)


def test_skills_put_the_matched_ones_first_and_add_nothing() -> None:
    profile = cv(
        section("SKILLS", "- **Tools:** Excel, Python, Photoshop, Docker, Figma"),
        section(
            "EXPERIENCE",
            entry("Acme", "Engineer", "2020 - Present", "Packaged the service in Docker images."),
        ),
    )
    job = posting(
        ["Experience with Docker", "Experience with Python", "Experience with Kubernetes"]
    )
    resume = tailor(profile, job).resume
    skills = resume.section("skills")
    assert skills is not None
    (group,) = skills.skills
    assert group.items[:2] == ["Python", "Docker"]  # matched first, in CV order
    assert sorted(group.items) == sorted(["Excel", "Python", "Photoshop", "Docker", "Figma"])
    assert group.items[2:] == ["Excel", "Photoshop", "Figma"]  # the rest in CV order
    assert "Kubernetes" not in group.items  # asked for, but not in the CV


def test_skills_shown_through_the_taxonomy_come_first() -> None:
    profile = cv(
        section("SKILLS", "- **Tools:** Excel, Photoshop, PyTorch, YOLO"),
        section(
            "EXPERIENCE", entry("Acme", "Engineer", "2020 - Present", "Trained YOLO in PyTorch.")
        ),
    )
    job = posting(["Experience with object detection", "Experience with deep learning frameworks"])
    skills = tailor(profile, job).resume.section("skills")
    assert skills is not None
    assert skills.skills[0].items == ["PyTorch", "YOLO", "Excel", "Photoshop"]


def test_the_master_cv_skills_are_reordered_not_changed(
    master: Profile, job_postings: dict[str, Posting]
) -> None:
    original = master.section("skills")
    assert original is not None
    for job in job_postings.values():
        skills = tailor(master, job).resume.section("skills")
        assert skills is not None
        assert [g.label for g in skills.skills] == [g.label for g in original.skills]
        for new, old in zip(skills.skills, original.skills, strict=True):
            assert sorted(new.items) == sorted(old.items)
            assert new.text == old.text


def test_coverage_beats_a_second_bullet_on_the_same_keyword() -> None:
    profile = one_job(
        "Acme Vision",
        "Machine Learning Engineer",
        "2020 - Present",
        "Packaged the detection service in Docker images for every release.",
        "Trained YOLO models to find parcels on conveyor belts.",
        "Cut Docker image sizes by 60% with multi-stage builds.",
    )
    tailored = tailor(
        profile,
        posting(["Experience with Docker", "Experience with object detection"]),
        max_bullets=2,
    )
    items = tailored.result.items
    docker, yolo, second_docker = (find(items, t) for t in ("every release", "YOLO", "60%"))
    # By score alone the page would show Docker twice ...
    assert items.index(second_docker) < items.index(yolo)
    # ... but it shows each keyword once.
    assert docker.selected and yolo.selected and not second_docker.selected
    assert (second_docker.reason or "").startswith("over budget:")


def test_near_duplicates_are_dropped_as_redundant() -> None:
    twin = "Packaged the detection service in Docker images for every release."
    profile = one_job(
        "Acme Vision",
        "Machine Learning Engineer",
        "2020 - Present",
        twin,
        twin.replace("every", "each"),
        "Trained YOLO models to find parcels on conveyor belts.",
    )
    job = posting(["Experience with Docker", "Experience with object detection"])
    for limit in (2, None):
        items = tailor(profile, job, max_bullets=limit).result.items
        first, second = items[0], items[1]
        assert {first.id, second.id} == {"experience.1.1", "experience.1.2"}  # the twins lead
        assert first.selected and not second.selected
        assert find(items, "YOLO").selected
        if limit is None:  # room for all three: only redundancy keeps the twin off
            assert second.reason == f"redundant with {first.id}: says mostly the same"


def test_a_related_term_does_not_cover_a_keyword() -> None:
    profile = one_job(
        "Acme Cloud",
        "Platform Engineer",
        "2020 - Present",
        "Led the migration of 40 services to Kubernetes, cutting deploy time by 70%.",
        "Packaged the inference service in Docker images for every release.",
        "Wrote scripts for the nightly reports in Python.",
    )
    job = posting(
        ["Experience with Kubernetes", "Experience with Docker", "Experience with Python"]
    )
    tailored = tailor(profile, job, max_bullets=2)
    items = tailored.result.items
    kubernetes, docker, python = (find(items, t) for t in ("Kubernetes", "Docker", "Python"))
    # The Kubernetes bullet earns Docker only as related credit, not as a keyword it shows.
    assert "Docker" not in kubernetes.text
    assert docker.score > python.score  # each adds one new keyword: the better one should win
    assert kubernetes.selected and docker.selected
    statuses = {k.term: k.status for k in tailored.result.keywords}
    assert statuses["Docker"] == "covered"


def test_every_reason_family_is_given_where_it_applies() -> None:
    twin = "Packaged the detection service in Docker images for every release."
    profile = cv(
        section(
            "EXPERIENCE",
            entry(
                "Acme Vision",
                "Machine Learning Engineer",
                "2020 - Present",
                twin,
                twin.replace("every", "each"),
                "Trained YOLO models to find parcels on conveyor belts.",
                "Wrote TensorFlow input pipelines.",
            ),
        ),
        section(
            "VOLUNTEERING",
            entry(
                "Waiter at a restaurant",
                "Volunteer, Speed Restaurant",
                "2012 - 2013",
                "Served food to guests.",
            ),
        ),
    )
    job = posting(ML)
    items = tailor(profile, job).result.items
    assert (find(items, "each release").reason or "").startswith("redundant with experience.1.1")
    assert (find(items, "TensorFlow").reason or "").startswith("weak evidence:")
    assert (find(items, "Served food").reason or "").startswith("no evidence:")
    tight = tailor(profile, job, pages=0.25).result.items
    assert (find(tight, "YOLO").reason or "").startswith("over budget:")


def test_a_score_under_the_minimum_never_reads_as_equal_to_it() -> None:
    from tailor.select import select_items

    # Projects, not work history (its best bullet would come all the same), and one item that
    # earns its place (with none, the page is filled by score).
    bullets = ("Built Docker images.", "Ran Kafka.", "Ran Docker and Kafka clusters.")
    profile = cv(section("PROJECTS", entry("Home Lab", "Maintainer", "2020", *bullets)))
    job = posting(["Docker", "Kafka"])
    scores = {"Built Docker images.": 0.1996, "Ran Kafka.": 0.1234}
    ranked = [
        item.model_copy(update={"score": scores.get(item.text, item.score)})
        for item in rank_items(profile, job)
    ]
    reasons = {item.score: item.reason for item in select_items(profile, job, ranked).items}
    assert reasons[0.1996] == "weak evidence: score 0.1996 is under 0.20"
    assert reasons[0.1234] == "weak evidence: score 0.12 is under 0.20"


@pytest.mark.parametrize("name", POSTINGS)
def test_every_dropped_item_has_a_reason(
    master: Profile, job_postings: dict[str, Posting], name: str
) -> None:
    job = job_postings[name]
    for items in (
        tailor(master, job).result.items,
        tailor(master, job, max_bullets=3).result.items,
    ):
        assert any(not item.selected for item in items)
        for item in items:
            if item.selected:
                assert item.reason is None, item.id
            else:
                assert item.reason and item.reason.startswith(REASON_FAMILIES), item.id


def test_the_same_inputs_give_the_same_result(
    master: Profile, job_postings: dict[str, Posting]
) -> None:
    profile = one_job("Acme", "Engineer", "2020 - Present", *SIX)
    job = posting(SIX_ASKED)
    first = tailor(profile, job, pages=0.3)
    again = tailor(
        one_job("Acme", "Engineer", "2020 - Present", *SIX),
        posting(SIX_ASKED),
        pages=0.3,
    )
    assert first.model_dump() == again.model_dump()
    for shipped in job_postings.values():
        assert tailor(master, shipped).model_dump() == tailor(master, shipped).model_dump()


# One bullet shows object detection; the other two show nothing a vision posting asks for.
WEAK_FIT = one_job(
    "Acme Vision",
    "Machine Learning Engineer",
    "2020 - Present",
    "Trained YOLO models to find parcels on conveyor belts.",
    "Mentored two interns through their first code reviews.",
    "Organised the team's weekly reading group on robotics papers.",
)


def test_fill_takes_the_spare_lines_with_the_best_remaining_items() -> None:
    profile = WEAK_FIT
    job = posting(["Experience with object detection"])
    lean = tailor(profile, job)
    full = tailor(profile, job, fill=True)
    lean_ids = {item.id for item in on_page(lean)}
    full_ids = {item.id for item in on_page(full)}
    assert lean_ids < full_ids  # everything evidenced stays, and more comes
    assert find(lean.result.items, "interns").reason is not None
    assert find(full.result.items, "interns").selected
    assert full.result.budget.fill and not lean.result.budget.fill
    assert full.result.budget.lines_used <= full.result.budget.lines_available
    # A tight budget still binds.
    tight = tailor(profile, job, fill=True, max_bullets=1)
    assert [item.text for item in on_page(tight)] == [find(tight.result.items, "YOLO").text]


def test_a_short_page_says_why_and_what_fills_it() -> None:
    profile = WEAK_FIT
    job = posting(["Experience with object detection"])
    note = tailor(profile, job).result.budget.note
    assert note is not None and "2 other items show" in note and "--fill" in note
    assert tailor(profile, job, fill=True).result.budget.note is None
    # A page the budget filled, or one with no room left, needs no note.
    assert tailor(profile, job, max_bullets=1).result.budget.note is None
    full = one_job(
        "Acme", "Engineer", "2020 - Present", *SIX, "Mentored two interns through code reviews."
    )
    filled = tailor(full, posting(SIX_ASKED), pages=0.3)
    assert any((item.reason or "").startswith("over budget:") for item in dropped(filled))
    assert filled.result.budget.note is None


def test_an_empty_kept_section_prints_no_heading() -> None:
    profile = parse_profile_text(
        "JANE DOE\njane@example.com\n\nSUMMARY\n\nEXPERIENCE\n\nData Analyst\nAcme Corp\n"
        "Jan 2019 - Dec 2023\n- Built SQL reports for 12 units.\n\nEDUCATION\n\n"
        "B.A., Economics\nBoston University\n2014 - 2018\n"
    )
    assert "summary" in [s.kind for s in profile.sections]
    tailored = tailor(profile, posting(["Experience with SQL"]))
    assert "summary" not in [s.kind for s in tailored.resume.sections]
    assert "education" in [s.kind for s in tailored.resume.sections]


def test_work_history_stays_on_the_page_of_a_weak_fit() -> None:
    profile = cv(
        section(
            "EXPERIENCE",
            entry(
                "Acme Retail", "Store Manager", "2019 - Present",
                "Ran a team of 12 and cut stock losses by 30%.",
            ),
        ),
        section(
            "PROJECTS",
            entry("Shelf vision", "Side project", "2022", "Trained YOLO models to count stock."),
        ),
    )  # fmt: skip
    tailored = tailor(profile, posting(["Experience with object detection"]))
    assert "experience" in [s.kind for s in tailored.resume.sections]
    assert find(tailored.result.items, "YOLO").selected
    # A page with room for one bullet keeps the evidence, not the history.
    tight = tailor(profile, posting(["Experience with object detection"]), max_bullets=1)
    assert [item.text for item in on_page(tight)] == [find(tight.result.items, "YOLO").text]


def test_every_job_keeps_a_bullet_while_the_page_has_room() -> None:
    # A job missing from the work history reads as a gap; it goes only when space is short.
    profile = cv(
        section(
            "EXPERIENCE",
            entry("Vision Co", "ML Engineer", "2021 - Present",
                  "Trained YOLO models for shelf counting.", "Wrote YOLO export scripts."),
            entry("Acme Retail", "Store Manager", "2018 - 2021",
                  "Ran a team of 12 and cut stock losses by 30%.", "Opened the store daily."),
            entry("Cafe Nero", "Barista", "2016 - 2018", "Served 300 customers a day."),
        ),
    )  # fmt: skip
    tailored = tailor(profile, posting(["Experience with object detection"]))
    kept = {item.text: item.kept for item in on_page(tailored) if item.section == "EXPERIENCE"}
    assert kept == {
        "Trained YOLO models for shelf counting.": None,  # on its evidence
        "Wrote YOLO export scripts.": None,
        "Ran a team of 12 and cut stock losses by 30%.": "for the work history",
        "Served 300 customers a day.": "for the work history",
    }
    assert find(tailored.result.items, "Opened the store").reason  # one bullet a job, no more
    assert "kept for the work history" in render_report_markdown(tailored)
    short = tailor(profile, posting(["Experience with object detection"]), pages=0.3)
    assert not find(short.result.items, "Served 300").selected  # no room: the evidence first


def test_line_estimate_counts_wrapped_headings_details_and_contacts() -> None:
    from tailor.model import Contact, Entry, Header
    from tailor.select import entry_lines, header_lines

    short = Entry(id="e.1", title="Acme", subtitle="Engineer", dates="2020 - 2023")
    assert entry_lines(short) == 2
    title = "Graduate Research Assistant in Geoscience, " * 3
    long_title = short.model_copy(update={"title": title})
    assert entry_lines(long_title) == 3  # the title wraps before its right-aligned dates
    detailed = short.model_copy(update={"details": ["Duties included:", "x " * 60]})
    assert entry_lines(detailed) == 2 + 1 + 2
    contacts = [Contact(kind="link", text="https://example.org/" + "a" * 40) for _ in range(3)]
    assert header_lines(Profile(header=Header(name="A", contacts=contacts[:1]))) == 3
    assert header_lines(Profile(header=Header(name="A", contacts=contacts))) == 4
