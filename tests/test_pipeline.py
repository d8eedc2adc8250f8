"""The whole way through: truthful, deterministic, every item explained."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tailor.errors import TruthfulnessError
from tailor.model import Bullet, Posting, Profile
from tailor.pipeline import check_truthful, tailor
from tailor.workflow import load_posting, render_outputs

from .conftest import JOB_POSTS


def test_items_cover_every_bullet_and_list_entry(master: Profile, vision_posting: Posting) -> None:
    result = tailor(master, vision_posting).result
    bullets = {b.id for s in master.sections for e in s.entries for b in e.bullets}
    list_entries = {e.id for s in master.sections if s.list_like for e in s.entries}
    assert {item.id for item in result.items} == bullets | list_entries
    assert len(result.items) == len(bullets | list_entries) == 47
    scores = [item.score for item in result.items]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= score <= 1.0 for score in scores)


def test_every_item_is_explained(master: Profile, vision_posting: Posting) -> None:
    result = tailor(master, vision_posting).result
    for item in result.items:
        if item.selected:
            assert item.reason is None
        else:
            assert item.reason
            assert item.reason.startswith(
                ("over budget:", "no evidence:", "weak evidence:", "redundant with ")
            )
    selected = [i for i in result.items if i.selected and i.section not in {"EDUCATION"}]
    assert selected and all(item.matched for item in selected)


def test_result_fields(master: Profile, vision_posting: Posting) -> None:
    result = tailor(master, vision_posting).result
    assert result.posting.title == "Machine Learning Engineer, Computer Vision"
    assert result.posting.company == "Northwind Robotics"
    assert 0 <= result.score.master <= 100 and 0 <= result.score.tailored <= 100
    assert result.score.tailored <= result.score.master
    statuses = {k.status for k in result.keywords}
    assert statuses <= {"covered", "available", "missing"}
    terms = {k.canonical.lower(): k for k in result.keywords}
    assert terms["pytorch"].status == "covered"
    assert terms["knowledge distillation"].status == "covered"
    assert terms["tensorrt"].status == "missing"
    for keyword in result.keywords:
        assert keyword.evidence, keyword.term


def test_resume_is_verbatim_master_text(master: Profile, vision_posting: Posting) -> None:
    resume = tailor(master, vision_posting).resume
    master_bullets = {b.text for s in master.sections for e in s.entries for b in e.bullets}
    for section in resume.sections:
        for entry in section.entries:
            for bullet in entry.bullets:
                assert bullet.text in master_bullets


def test_truthfulness_check_refuses_invented_text(master: Profile, vision_posting: Posting) -> None:
    resume = tailor(master, vision_posting).resume
    section = next(s for s in resume.sections if s.kind == "experience")
    entry = section.entries[0]
    forged = entry.bullets[0].model_copy(
        update={"text": "Led Kubernetes migrations.", "plain": "Led Kubernetes migrations."}
    )
    tampered_entry = entry.model_copy(update={"bullets": [forged, *entry.bullets[1:]]})
    tampered_section = section.model_copy(update={"entries": [tampered_entry]})
    tampered = resume.model_copy(
        update={"sections": [tampered_section if s is section else s for s in resume.sections]}
    )
    with pytest.raises(TruthfulnessError):
        check_truthful(master, tampered)
    invented = Bullet(
        id="experience.1.99", text="Won a Turing Award", plain="Won a Turing Award", line=1
    )
    extra = tampered_entry.model_copy(update={"bullets": [*entry.bullets, invented]})
    with pytest.raises(TruthfulnessError):
        check_truthful(
            master,
            resume.model_copy(
                update={
                    "sections": [
                        section.model_copy(update={"entries": [extra]}) if s is section else s
                        for s in resume.sections
                    ]
                }
            ),
        )


@pytest.mark.parametrize("name", sorted(p.name for p in JOB_POSTS.glob("*.txt")))
def test_outputs_are_deterministic(master: Profile, name: str) -> None:
    posting = load_posting(JOB_POSTS / name)
    first = render_outputs(tailor(master, posting))
    second = render_outputs(tailor(master, load_posting(JOB_POSTS / name)))
    assert set(first) == {"resume.docx", "resume.md", "report.md", "report.html", "result.json"}
    for key in first:
        assert first[key] == second[key], key


def test_budget_is_respected(master: Profile, vision_posting: Posting) -> None:
    short = tailor(master, vision_posting, max_bullets=4).result
    assert sum(1 for i in short.items if i.selected and i.section != "EDUCATION") <= 4
    long = tailor(master, vision_posting, pages=2).result
    assert long.budget.lines_used <= long.budget.lines_available
    assert sum(i.selected for i in long.items) > sum(i.selected for i in short.items)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(min_size=1, max_size=300))
def test_any_posting_text_gives_a_truthful_resume(master: Profile, text: str) -> None:
    from tailor.analyze import analyze_posting

    posting = analyze_posting("Requirements\n" + text)
    tailored = tailor(master, posting)
    check_truthful(master, tailored.resume)
    ids = [item.id for item in tailored.result.items]
    assert sorted(ids) == sorted(i.id for i in master.items())


def test_read_back_of_written_docx(
    master: Profile, vision_posting: Posting, tmp_path: Path
) -> None:
    from tailor.render.docx import read_docx_text

    outputs = render_outputs(tailor(master, vision_posting))
    paragraphs = read_docx_text(outputs["resume.docx"])
    resume = tailor(master, vision_posting).resume
    for section in resume.sections:
        for entry in section.entries:
            for bullet in entry.bullets:
                assert bullet.plain in paragraphs


def test_read_back_accepts_bullets_that_look_like_markers(tmp_path: Path) -> None:
    from tailor.parse.text import parse_text

    profile = parse_text(
        "JANE DOE\njane@example.com\n\nEXPERIENCE\n\nAcme Corp\nEngineer\nJan 2020 - Present\n\n"
        "- - Built things with Python and PyTorch\n- * did **bold** work in computer vision\n\n"
        "PUBLICATIONS\n\nA Paper on Object Detection\n- with a bullet about PyTorch\n"
    )
    posting = load_posting(JOB_POSTS / "ml-engineer-vision.txt")
    outputs = render_outputs(tailor(profile, posting))
    markdown = outputs["resume.md"].decode("utf-8")
    assert "- - Built things with Python and PyTorch" in markdown
    assert "  - with a bullet about PyTorch" in markdown
