"""The coverage report: keyword states, knock-outs, recruiter checks, Markdown, HTML, schema."""

from __future__ import annotations

import html
import itertools
import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tailor.analyze import analyze_posting
from tailor.cli import app
from tailor.model import (
    Bullet,
    Contact,
    Entry,
    Header,
    KnockOut,
    Posting,
    PostingSection,
    Profile,
    Section,
    Tailored,
)
from tailor.pipeline import tailor
from tailor.rank import gather_evidence, shows
from tailor.render.html import render_report_html
from tailor.render.markdown import render_report_markdown, table_cell
from tailor.report import (
    CATEGORY_GROUP,
    GROUP_ORDER,
    check_knockouts,
    find_mentions,
    profile_lines,
    recruiter_checks,
    result_schema,
    without_overlaps,
)
from tailor.show import render_text, report_summary

from .conftest import JOB_POSTS, MASTER_CV, ROOT

SCHEMA = ROOT / "docs" / "result.schema.json"
CHROMIUM = Path("/usr/bin/chromium")
runner = CliRunner()


@pytest.fixture(scope="module")
def vision(master: Profile, vision_posting: Posting) -> Tailored:
    return tailor(master, vision_posting)


# --- coverage -----------------------------------------------------------------------------------


def test_every_category_has_a_group() -> None:
    from typing import get_args

    from tailor.model import Category, ScoreGroupName

    assert set(CATEGORY_GROUP) == set(get_args(Category))
    assert set(GROUP_ORDER) == set(get_args(ScoreGroupName))


def test_states_agree_with_the_ranking_matcher(vision: Tailored, master: Profile) -> None:
    # A recruiter's search finds a skill inside a longer term: the report counts nested matches.
    resume_evidence = gather_evidence(profile_lines(vision.resume), nested=True)
    master_evidence = gather_evidence(profile_lines(master), nested=True)
    by_term = {k.term: k for k in vision.posting.keywords}
    for coverage in vision.result.keywords:
        keyword = by_term[coverage.term]
        on_page = any(shows(e, keyword) for e in resume_evidence)
        in_master = any(shows(e, keyword) for e in master_evidence)
        expected = "covered" if on_page else "available" if in_master else "missing"
        assert coverage.status == expected, coverage.term
        assert coverage.state in (
            {"literal", "alias"} if expected == "covered" else {coverage.status}
        )
        assert (coverage.resume_count > 0) == on_page
        assert (coverage.master_count > 0) == in_master


def test_resume_spelling_is_the_resumes_own_text(vision: Tailored) -> None:
    text = "\n".join(profile_lines(vision.resume))
    for coverage in vision.result.keywords:
        if coverage.status == "covered":
            assert coverage.resume_spelling and coverage.resume_spelling in text, coverage.term
        else:
            assert coverage.resume_spelling is None


def test_wording_warnings_name_both_spellings(vision: Tailored) -> None:
    by_term = {k.term: k for k in vision.result.keywords}
    cnn = by_term["convolutional neural networks"]
    assert (cnn.state, cnn.literal, cnn.resume_spelling) == ("alias", False, "CNN")
    assert (
        cnn.wording and '"convolutional neural networks"' in cnn.wording and '"CNN"' in cnn.wording
    )
    # A plural is the same word, not another wording.
    gpus = by_term["GPUs"]
    assert (gpus.state, gpus.resume_spelling, gpus.wording) == ("literal", "GPU", None)
    for coverage in vision.result.keywords:
        if coverage.status == "covered":
            assert (coverage.wording is not None) == (coverage.state == "alias")
        elif coverage.wording is not None:
            assert re.search(r'names "[^"]+", a kind of it', coverage.wording)


def test_points_and_group_scores_add_up(vision: Tailored) -> None:
    result = vision.result
    assert sum(k.points for k in result.keywords) == pytest.approx(
        100, abs=0.1 * len(result.keywords)
    )
    covered = sum(k.weight for k in result.keywords if k.status == "covered")
    total = sum(k.weight for k in result.keywords)
    assert result.score.tailored == round(100 * covered / total, 1)
    weighted = sum(
        g.tailored * sum(k.weight for k in result.keywords if k.group == g.group)
        for g in result.score.groups
    )
    assert weighted / total == pytest.approx(result.score.tailored, abs=0.2)
    assert [g.group for g in result.score.groups] == [
        name for name in GROUP_ORDER if any(k.group == name for k in result.keywords)
    ]
    for group in result.score.groups:
        members = [k for k in result.keywords if k.group == group.group]
        assert group.keywords == len(members)
        assert group.covered == sum(k.status == "covered" for k in members)
        assert 0 <= group.tailored <= group.master <= 100


def test_available_keywords_name_items_that_bring_them(
    master: Profile, vision_posting: Posting
) -> None:
    vision = tailor(master, vision_posting, max_bullets=4)
    items = {item.id: item for item in vision.result.items}
    available = [k for k in vision.result.keywords if k.status == "available"]
    assert available, "four bullets leave out a keyword the master CV shows"
    keywords = {k.term: k for k in vision.posting.keywords}
    for coverage in available:
        assert coverage.available_in
        assert all(not items[item_id].selected for item_id in coverage.available_in)
        scores = [items[item_id].score for item_id in coverage.available_in]
        assert scores == sorted(scores, reverse=True)
        assert coverage.points > 0
        keyword = keywords[coverage.term]
        # The first item, or its entry's title lines, shows the keyword.
        assert find_mentions([items[coverage.available_in[0]].text], [keyword])[0] or (
            coverage.master_spelling
        )
    for coverage in vision.result.keywords:
        if coverage.status != "available":
            assert coverage.available_in == []


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.text(max_size=80), min_size=1, max_size=4))
def test_mentions_are_exact_spans_and_agree_with_shows(
    vision_posting: Posting, texts: list[str]
) -> None:
    keywords = vision_posting.keywords
    mentions = find_mentions(texts, keywords)
    for text, found, evidence in zip(texts, mentions, gather_evidence(texts), strict=True):
        assert {m.keyword for m in found} == {
            index for index, keyword in enumerate(keywords) if shows(evidence, keyword)
        }
        for mention in found:
            assert 0 <= mention.start < mention.end <= len(text)
            assert text[mention.start : mention.end] == mention.text
        kept = without_overlaps(found)
        assert all(a.end <= b.start for a, b in itertools.pairwise(kept))


def test_mentions_in_known_text(vision_posting: Posting) -> None:
    keywords = vision_posting.keywords
    text = "Trained CNNs in PyTorch and C++ on GPUs for object detection."
    found = find_mentions([text], keywords)[0]
    terms = {keywords[m.keyword].term: m for m in found}
    assert {"PyTorch", "C++", "GPUs", "object detection"} <= set(terms)
    assert terms["PyTorch"].literal and terms["GPUs"].literal
    assert not terms["convolutional neural networks"].literal
    assert terms["convolutional neural networks"].text == "CNNs"


def test_a_keyword_shown_through_a_coordination_is_other_wording() -> None:
    posting = analyze_posting(
        "Data Scientist\n\nRequirements\n- Statistical models\n- Written communication\n"
    )
    text = "Built statistical and econometric models; strong written and verbal communication."
    found = find_mentions([text], posting.keywords)[0]
    terms = {posting.keywords[m.keyword].term: m for m in found}
    # Shown (a recruiter reading it sees the skill), but not in the posting's own words (a
    # literal screen for "statistical models" misses it): other wording, spelled as written.
    assert terms["Statistical models"].text == "statistical and econometric models"
    assert not terms["Statistical models"].literal
    assert terms["Written communication"].text == "written and verbal communication"
    assert not terms["Written communication"].literal


# --- knock-out facts ----------------------------------------------------------------------------


def entry(entry_id: str, start: str | None, end: str | None, subtitle: str | None = None) -> Entry:
    return Entry(id=entry_id, title=f"Org {entry_id}", subtitle=subtitle, start=start, end=end)


def cv(*sections: Section, location: str | None = "Berlin, Germany") -> Profile:
    contacts = [Contact(kind="email", text="a@b.example"), Contact(kind="phone", text="+1 555")]
    if location:
        contacts.append(Contact(kind="location", text=location))
    return Profile(header=Header(name="Ada", contacts=contacts), sections=list(sections))


def posting_with(*facts: KnockOut, location: str | None = None) -> Posting:
    return Posting(
        title="Engineer",
        location=location,
        sections=[
            PostingSection(kind="requirements", text="\n".join(f"- {f.text}" for f in facts))
        ],
        knockouts=list(facts),
    )


def test_years_count_overlaps_once_and_present_is_the_newest_date() -> None:
    profile = cv(
        Section(
            id="experience",
            kind="experience",
            heading="Experience",
            entries=[
                entry("experience.1", "2020-01", "present"),
                entry("experience.2", "2020-06", "2021-06"),  # inside the first: counted once
            ],
        ),
        Section(
            id="research",
            kind="research",
            heading="Research",
            entries=[entry("research.1", "2018-01", "2019-12")],
        ),
        Section(
            id="education",
            kind="education",
            heading="Education",
            entries=[entry("education.1", "2014", "2022", subtitle="BSc Physics")],
        ),
    )
    fact = KnockOut(kind="years", text="3+ years of professional experience", value="3+")
    # 'present' is December 2022, the newest date the CV writes (the year 2022 of education).
    (check,) = check_knockouts(posting_with(fact), profile)
    # The ongoing role may have run on since the CV's newest date: the years are a floor.
    assert (check.verdict, check.shown) == (
        "meets",
        "at least 3.0 years of work (5.0 with research)",
    )
    assert "2022-12" in check.note
    six = posting_with(fact.model_copy(update={"value": "6+"}))
    (later,) = check_knockouts(six, profile)
    # Short of 6 years as far as the CV's dates go, but the ongoing role may have run on.
    assert later.verdict == "check" and "count again" in later.note
    ended = profile.model_copy(
        update={
            "sections": [
                section.model_copy(
                    update={
                        "entries": [
                            e.model_copy(update={"end": "2022-12"}) if e.end == "present" else e
                            for e in section.entries
                        ]
                    }
                )
                for section in profile.sections
            ]
        }
    )
    (closed,) = check_knockouts(six, ended)
    assert closed.verdict == "short"
    assert "present" not in closed.note  # no role runs to 'present': no month to count it to
    # A month the user gives is what the role runs to: the shortfall is then a verdict.
    (given,) = check_knockouts(six, profile, today="2022-12")
    assert given.verdict == "short" and "newest date" not in given.note
    assert not (given.shown or "").startswith("at least")  # the month given is the count
    (research,) = check_knockouts(posting_with(fact.model_copy(update={"value": "4"})), profile)
    assert research.verdict == "check"
    (today,) = check_knockouts(
        posting_with(fact.model_copy(update={"value": "4"})), profile, today="2024-12"
    )
    assert today.verdict == "meets" and "2024-12" in today.note
    (none,) = check_knockouts(posting_with(fact), cv())
    assert none.verdict == "unknown"


def test_degrees_take_the_lowest_accepted_and_know_a_plus() -> None:
    profile = cv(
        Section(
            id="education",
            kind="education",
            heading="Education",
            entries=[
                entry("education.1", "2019", "2022", subtitle="M.Eng, Computer Technology"),
                entry("education.2", "2014", "2018", subtitle="B.S, Computer Science"),
            ],
        )
    )
    either = KnockOut(kind="degree", text="BS or MS in Computer Science", value="BS")
    phd = KnockOut(kind="degree", text="A PhD is a plus but not required", value="PhD")
    masters = KnockOut(kind="degree", text="Master's degree in a related field", value="Master's")
    published = KnockOut(
        kind="degree",
        text="A PhD in computer vision, or publications at CVPR, ICCV or similar venues, is a "
        "plus but not required",
        value="PhD",
    )
    checks = check_knockouts(posting_with(either, phd, masters, published), profile)
    assert [(c.asked, c.verdict, c.required) for c in checks] == [
        ("a bachelor's", "meets", True),
        ("a doctorate (a plus)", "short", False),
        ("a master's", "meets", True),
        ("a doctorate (a plus)", "check", False),  # publications may stand in for it
    ]
    assert '"publications at CVPR"' in checks[3].note
    field = KnockOut(kind="degree", text="A PhD in Physics or a related field", value="PhD")
    assert check_knockouts(posting_with(field), profile)[0].verdict == "short"
    assert checks[0].shown == "M.Eng, Computer Technology; B.S, Computer Science"
    (unknown,) = check_knockouts(posting_with(either), cv())
    assert unknown.verdict == "unknown"


def test_constraints_are_flagged_and_the_location_line_is_read() -> None:
    visa = KnockOut(kind="visa", text="You must be authorized to work in the US")
    checks = check_knockouts(
        posting_with(visa, location="Pittsburgh, PA (hybrid, 3 days on site)"), cv()
    )
    assert [(c.kind, c.verdict) for c in checks] == [("visa", "check"), ("onsite", "check")]
    assert "Berlin, Germany" in checks[1].note and "Pittsburgh" in checks[1].note
    assert check_knockouts(posting_with(location="Remote (EU)"), cv()) == []
    # The CV's town is where the job is: met (the test CV gives Berlin, Germany).
    local = KnockOut(kind="location", text="You must be based in or around the Berlin area")
    checks = check_knockouts(posting_with(local, location="Berlin (hybrid, 2 days on site)"), cv())
    assert [(c.kind, c.verdict) for c in checks] == [("location", "meets"), ("onsite", "meets")]
    assert "Berlin, Germany, where the job is" in checks[0].note


# --- recruiter checks ---------------------------------------------------------------------------


def resume_of(
    bullets: list[str], *, heading: str = "Experience", role: str = "Data Analyst"
) -> Profile:
    return cv(
        Section(
            id="experience",
            kind="experience",
            heading=heading,
            entries=[
                Entry(
                    id="experience.1",
                    title="Acme",
                    subtitle=role,
                    bullets=[
                        Bullet(id=f"experience.1.{i}", text=text, plain=text, line=i)
                        for i, text in enumerate(bullets, start=1)
                    ],
                )
            ],
        )
    )


def test_recruiter_checks() -> None:
    posting = analyze_posting("# Machine Learning Engineer\n\nRequirements\n- Python and SQL\n")
    bullets = [
        "Developed a churn model in Python that cut churn by 12%.",
        "Developed dashboards for the sales team in 2021.",  # a year is no result
        "Developed a pipeline serving 3 teams.",
        "Developed " + " ".join(["reports"] * 31) + ".",
        "Closed the books of a £50m turnover business.",  # money with its scale is a result
    ]
    checks = {c.id: c for c in recruiter_checks(posting, resume_of(bullets))}
    assert set(checks) == {
        "measurable_results", "word_count", "long_bullets", "repeated_words",
        "contact_details", "standard_headings", "job_title",
    }  # fmt: skip
    assert checks["measurable_results"].value == 0.6
    assert checks["measurable_results"].details == ["experience.1.2", "experience.1.4"]
    assert checks["long_bullets"].details == ["experience.1.4 (32 words)"]
    assert "developed 4x" in checks["repeated_words"].details
    assert not any(d.startswith("python") for d in checks["repeated_words"].details)
    assert checks["contact_details"].status == "ok"
    assert checks["standard_headings"].status == "ok"
    assert checks["job_title"].status == "warn"
    titled = {c.id: c for c in recruiter_checks(posting, resume_of(bullets, role="ML Engineer"))}
    assert titled["job_title"].status == "ok"
    odd = {c.id: c for c in recruiter_checks(posting, resume_of(bullets, heading="Where I Was"))}
    assert odd["standard_headings"].status == "warn"
    languages = resume_of(bullets)
    languages.sections.append(Section(id="other", kind="other", heading="Languages"))
    certified = {c.id: c for c in recruiter_checks(posting, languages)}
    assert certified["standard_headings"].status == "ok"  # parsers know "Languages"
    bare = resume_of(bullets).model_copy(update={"header": Header(name="Ada")})
    contacts = {c.id: c for c in recruiter_checks(posting, bare)}["contact_details"]
    assert contacts.status == "warn" and contacts.details == ["no email", "no phone"]


# --- Markdown -----------------------------------------------------------------------------------


def test_table_cells_escape_pipes() -> None:
    assert table_cell("a | b\nc") == "a \\| b c"
    assert table_cell("already \\| escaped") == "already \\| escaped"


def test_report_markdown_sections_and_pipes(master: Profile) -> None:
    text = (JOB_POSTS / "ml-engineer-vision.txt").read_text(encoding="utf-8")
    text = text.replace("Familiarity with OpenCV, NumPy", "Familiarity with OpenCV | NumPy")
    tailored = tailor(master, analyze_posting(text))
    report = render_report_markdown(tailored)
    for heading in (
        "## Knock-out facts", "## Recruiter checks", "## Covered on the page",
        "## Wording warnings", "## In the master CV but not on the page",
        "## Missing from the master CV", "### On the page", "### Left out",
    ):  # fmt: skip
        assert heading in report
    assert "OpenCV \\| NumPy" in report
    # Every table row has as many unescaped cell separators as its header.
    for block in re.findall(r"(?:^\|.*\n)+", report, flags=re.M):
        rows = block.splitlines()
        widths = {len(re.findall(r"(?<!\\)\|", row)) for row in rows}
        assert len(widths) == 1, rows[0]
    assert 'the posting says "convolutional neural networks", your résumé says "CNN"' in report


# --- HTML ---------------------------------------------------------------------------------------


class Marks(HTMLParser):
    """Collects the marks of a page by the column they are in, and every tag name."""

    def __init__(self) -> None:
        super().__init__()
        self.column: list[str] = []
        self.marks: list[tuple[str, str, str]] = []  # (column, class, text)
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str | None]] = []
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.extend(attrs)
        found = dict(attrs)
        if tag == "article":
            self.column.append(found.get("id") or "")
        if tag == "mark":
            self._open = found.get("class") or ""
            self.marks.append((self.column[-1] if self.column else "", self._open, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.column:
            self.column.pop()
        if tag == "mark":
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            column, classes, text = self.marks[-1]
            self.marks[-1] = (column, classes, text + data)


def page_marks(page: str) -> Marks:
    parser = Marks()
    parser.feed(page)
    return parser


def test_html_marks_the_posting_by_state_and_the_resume_by_wording(
    master: Profile, vision_posting: Posting
) -> None:
    page = render_report_html(tailor(master, vision_posting, max_bullets=4))
    parsed = page_marks(page)
    posting = [(c, t) for column, c, t in parsed.marks if column == "posting"]
    resume = [(c, t) for column, c, t in parsed.marks if column == "resume"]
    states = {classes.split()[1] for classes, _ in posting}
    assert states == {"literal", "alias", "available", "missing"}
    assert ("kw literal required", "PyTorch") in posting
    assert ("kw alias required", "convolutional neural networks") in posting
    assert ("kw available required", "YOLO") in posting
    assert ("kw missing required", "TensorRT") in posting
    assert {classes.split()[1] for classes, _ in resume} == {"literal", "alias"}
    assert ("kw alias required", "CNN") in resume
    assert ("kw literal required", "PyTorch") in resume
    # Boilerplate (about us, benefits) is shown, unmarked.
    assert "Relocation support for candidates" in page
    assert "Northwind <mark" not in page


def test_html_is_self_contained_and_escaped(master: Profile) -> None:
    text = (JOB_POSTS / "ml-engineer-vision.txt").read_text(encoding="utf-8")
    text = text.replace(
        "Strong Python skills", 'Strong <script>alert("x")</script> <img src=x onerror=y> Python'
    )
    page = render_report_html(tailor(master, analyze_posting(text)))
    parsed = page_marks(page)
    assert "script" not in parsed.tags and "img" not in parsed.tags and "link" not in parsed.tags
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert not [value for name, value in parsed.attributes if name in {"src", "href"}]
    assert not re.search(r"url\(|@import|https?://(?!json-schema)", page)
    assert "default-src 'none'" in page
    assert page.startswith("<!DOCTYPE html>")


def test_report_html_is_deterministic(master: Profile, vision_posting: Posting) -> None:
    first = render_report_html(tailor(master, vision_posting))
    assert first == render_report_html(tailor(master, vision_posting))


needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Chromium is not installed (scripts/install-test-browsers.sh installs it)",
)


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", "--hide-scrollbars", f"--user-data-dir={profile}", *args,
        ],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip


@needs_chromium
def test_chromium_shows_the_marks_and_takes_a_screenshot(vision: Tailored, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(render_report_html(vision), encoding="utf-8")
    dom = chromium("--dump-dom", page.as_uri(), profile=tmp_path / "profile").stdout
    parsed = page_marks(dom)
    classes = {classes for _, classes, _ in parsed.marks}
    for state in ("literal", "alias", "available", "missing"):
        assert f"kw {state} required" in classes, state
    texts = {html.unescape(text) for _, _, text in parsed.marks}
    assert {"PyTorch", "CNN", "machine learning", "TensorRT"} <= texts
    shot = tmp_path / "report.png"
    chromium(
        "--window-size=1400,2000", f"--screenshot={shot}", page.as_uri(), profile=tmp_path / "p2"
    )
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1400, 2000)
    assert len(data) > 50_000  # a page of text and colour, not a blank one


# --- the terminal, the command, the schema ------------------------------------------------------


def test_a_phrasing_hides_no_keyword_marked_inside_it() -> None:
    posting = analyze_posting(
        "Requirements\n- Experience with deep learning\n- You will train deep learning models\n"
    )
    line = "You will train deep learning models"
    (mentions,) = find_mentions([line], posting.keywords)
    marked = [line[m.start : m.end] for m in without_overlaps(mentions)]
    assert "deep learning" in marked
    assert any(m.phrased for m in mentions)  # the phrasing is found, only not marked over it


def test_terminal_summary(vision: Tailored) -> None:
    text = render_text(report_summary(vision.result), width=100)
    for expected in (
        "match score", "overall", "hard skills", "covered (", "other wording (", "“CNN”",
        "missing (", "knock-out", "a doctorate (a plus)", "recruiter check", "Measurable results",
    ):  # fmt: skip
        assert expected in text, expected
    assert text == render_text(report_summary(vision.result), width=100)


def test_every_report_says_why_a_short_page_is_short(master: Profile) -> None:
    # Two items of the master CV show YOLO or object detection; nothing else is asked.
    asked = "Perception Engineer\n\nRequirements:\n- Experience with object detection\n"
    tailored = tailor(master, analyze_posting(asked))
    note = tailored.result.budget.note
    assert note is not None and "--fill" in note
    assert note in " ".join(render_text(report_summary(tailored.result), width=200).split())
    assert note in render_report_markdown(tailored)
    assert note in render_report_html(tailored)
    assert json.loads(tailored.result.model_dump_json())["budget"]["note"] == note


def test_terminal_summary_prints_the_words_as_written(vision: Tailored) -> None:
    # A BBCode posting's "[/b]" is no rich markup (it raised an error), ":rocket:" no emoji.
    keywords = list(vision.result.keywords)
    keywords[0] = keywords[0].model_copy(update={"term": "[/b]Go:rocket:"})
    result = vision.result.model_copy(update={"keywords": keywords})
    assert "[/b]Go:rocket:" in render_text(report_summary(result), width=200)


def test_report_command_prints_without_writing(tmp_path: Path) -> None:
    posting = str(JOB_POSTS / "ml-engineer-vision.txt")
    base = ["report", posting, "--profile", str(MASTER_CV)]
    table = runner.invoke(app, base)
    assert table.exit_code == 0, table.output
    assert "match score" in table.output and "recruiter check" in table.output
    as_json = runner.invoke(app, [*base, "--format", "json"])
    assert json.loads(as_json.output)["score"]["groups"]
    assert runner.invoke(app, [*base, "--format", "md"]).output.startswith("# Keyword coverage")
    assert runner.invoke(app, [*base, "--format", "html"]).output.startswith("<!DOCTYPE html>")
    missing = runner.invoke(
        app, ["report", str(tmp_path / "nope.txt"), "--profile", str(MASTER_CV)]
    )
    assert missing.exit_code == 2 and "no such posting" in missing.output


def test_result_schema_is_current(update_golden: bool) -> None:
    schema = result_schema()
    if update_golden:
        SCHEMA.parent.mkdir(exist_ok=True)
        SCHEMA.write_text(schema, encoding="utf-8")
    assert SCHEMA.read_text(encoding="utf-8") == schema, "run pytest --update-golden and review"


def test_result_json_follows_the_schema(vision: Tailored) -> None:
    from tailor.model import Result

    schema = json.loads(result_schema())
    data = json.loads(vision.result.model_dump_json())
    assert set(schema["required"]) <= set(data)
    assert Result.model_validate(data) == vision.result
    described = schema["$defs"]["KeywordCoverage"]["properties"]
    assert all("description" in field for field in described.values())


def test_an_ask_met_by_an_alternative_is_no_gap() -> None:
    from tailor.batch import index_row
    from tailor.parse import parse_profile_text

    master = parse_profile_text(
        "JANE DOE\njane@example.com\n\nEXPERIENCE\n\nPlatform Engineer\nAcme\n2020 - 2023\n\n"
        "- Wrote Terraform modules for 40 services in Python.\n"
    )
    posting = analyze_posting(
        "Platform Engineer\n\nRequirements:\n- Terraform, Ansible or Pulumi\n- Python or Java\n"
        "- Kubernetes\n"
    )
    tailored = tailor(master, posting)
    keywords = {k.canonical: k for k in tailored.result.keywords}
    assert keywords["Ansible"].status == "missing"  # a screen for "Ansible" still misses it
    assert keywords["Ansible"].alternative_shown == "Terraform"
    assert keywords["Java"].alternative_shown == "Python"
    assert keywords["Kubernetes"].alternative_shown is None
    report = render_report_markdown(tailored)
    missing = report.split("## Missing from the master CV (1)", 1)[1].split("## Why", 1)[0]
    assert (
        "met by the one you show: Java (you show Python); Ansible, Pulumi (you show Terraform)"
        in (" ".join(missing.split()))
    )
    assert "| Kubernetes |" in missing and "| Ansible |" not in missing
    terminal = " ".join(render_text(report_summary(tailored.result), width=200).split())
    assert (
        "met by an alternative (3) Java (you show Python), Ansible, Pulumi (you show Terraform)"
        in (terminal)
    )
    assert "missing (1) Kubernetes" in terminal
    assert "met by Terraform, which the posting takes in its place" in render_report_html(tailored)
    assert index_row("platform", tailored.result).missing_required == ["Kubernetes"]


def test_a_score_on_too_few_keywords_says_so(vision: Tailored) -> None:
    from tailor.parse import parse_profile_text

    master = parse_profile_text(
        "JANE DOE\njane@example.com\n\nEXPERIENCE\n\nChef de Partie\nThe Ivy\n2018 - 2023\n\n"
        "- Ran the fish section for 120 covers.\n"
    )
    chef = tailor(master, analyze_posting("Chef de Partie\n\nRequirements:\n- Fresh food\n"))
    note = chef.result.score.note
    assert note is not None and note.startswith("only 1 keyword read from the posting")
    assert f"**Note:** {note}." in render_report_markdown(chef)
    assert note in " ".join(render_text(report_summary(chef.result), width=300).split())
    assert note in render_report_html(chef)
    assert vision.result.score.note is None


def test_english_is_met_by_a_cv_written_in_it(master: Profile) -> None:
    from tailor.parse import parse_profile_text

    posting = analyze_posting("ML Engineer\n\nRequirements:\n- Fluent English\n- PyTorch\n")
    english = next(k for k in tailor(master, posting).result.keywords if "nglish" in k.term)
    assert english.status == "missing" and english.alternative_shown == "a CV written in English"
    german = parse_profile_text(
        "JANA DOE\njana@example.com\n\nBERUFSERFAHRUNG\n\nAcme\nIngenieurin\n2020 - 2023\n\n"
        + "".join(f"- Entwicklung der Modelle für die Bildverarbeitung mit PyTorch, Teil {n}.\n"
                  for n in range(8))
    )  # fmt: skip
    keyword = next(k for k in tailor(german, posting).result.keywords if "nglish" in k.term)
    assert keyword.alternative_shown is None


def test_a_degree_asked_is_met_by_a_higher_one() -> None:
    from tailor.parse import parse_profile_text

    master = parse_profile_text(
        "JANE DOE\njane@example.com\n\nEDUCATION\n\nState University\nMBA, Finance\n"
        "2015 - 2017\n\nEXPERIENCE\n\nHR Officer\nAcme\n2018 - 2023\n\n- Ran payroll for 300.\n"
    )
    posting = analyze_posting("HR Assistant\n\nRequirements:\n- Bachelor's degree\n- Payroll\n")
    degree = next(k for k in tailor(master, posting).result.keywords if "achelor" in k.term)
    assert degree.status == "missing" and degree.alternative_shown == "MBA, Finance"


def test_a_keyword_shown_only_as_a_kind_of_it_gets_a_wording_warning() -> None:
    from tailor.parse import parse_profile_text

    master = parse_profile_text(
        "JANE DOE\njane@example.com\n\nEXPERIENCE\n\nVision Engineer\nAcme\n2020 - 2023\n\n"
        "- Trained YOLO models for defect inspection on factory lines.\n"
        "- Wrote the team's Python tooling.\n"
    )
    posting = analyze_posting(
        "Vision Engineer\n\nRequirements:\n- Object detection\n- Python\n- Kubernetes\n"
    )
    tailored = tailor(master, posting)
    keywords = {k.canonical: k for k in tailored.result.keywords}
    detection = keywords["object detection"]
    assert detection.status == "missing"  # no screen finds the words "object detection"
    assert detection.wording is not None and "YOLO" in detection.wording
    assert detection.kind_named == "YOLO"
    assert keywords["Kubernetes"].wording is None and keywords["Kubernetes"].kind_named is None
    assert keywords["Python"].status == "covered"
    # Every report tells a gap of wording from a gap of experience: the CV has done detection.
    report = render_report_markdown(tailored)
    missing = report.split("## Missing from the master CV (1)", 1)[1].split("## Why", 1)[0]
    assert "names a kind of 1 more" in missing and "Object detection as “YOLO”" in missing
    assert "| Kubernetes |" in missing and "| Object detection |" not in missing
    terminal = " ".join(render_text(report_summary(tailored.result), width=200).split())
    assert "a kind of it (1) Object detection as “YOLO”" in terminal
    assert "missing (1) Kubernetes" in terminal
    assert "your CV names “YOLO”, a kind of it" in render_report_html(tailored)


def test_a_keyword_inside_a_longer_term_is_covered() -> None:
    from tailor.parse import parse_profile_text

    master = parse_profile_text(
        "JANE DOE\njane@example.com\n\nEXPERIENCE\n\nMachine Learning Engineer\nAcme\n"
        "2020 - 2023\n\n- Built video question answering models in Python.\n"
    )
    posting = analyze_posting(
        "Research Engineer\n\nRequirements:\n- Experience with question answering systems\n"
        "- Experience with machine learning\n- Python\n"
    )
    keywords = {k.canonical: k for k in tailor(master, posting).result.keywords}
    assert keywords["question answering"].status == "covered"
    assert keywords["machine learning"].status == "covered"


def test_job_title_found_when_the_cv_puts_the_role_first() -> None:
    from tailor.parse import parse_profile_text

    master = parse_profile_text(
        "JANE DOE\njane@example.com\n\nEXPERIENCE\n\nData Analyst\nAcme Corp | Boston, MA\n"
        "Jan 2019 - Dec 2023\n- Built SQL reports for 12 units.\n"
    )
    posting = analyze_posting("Data Analyst\n\nRequirements:\n- SQL\n")
    checks = {c.id: c for c in tailor(master, posting).result.checks}
    assert checks["job_title"].status == "ok"
    assert "Data Analyst" in checks["job_title"].summary


def test_degree_shown_is_the_line_naming_it_whichever_comes_first() -> None:
    from tailor.parse import parse_profile_text

    master = parse_profile_text(
        "JANE DOE\njane@example.com\n\nEXPERIENCE\n\nData Analyst\nAcme Corp\n2019 - 2023\n"
        "- Built SQL reports.\n\nEDUCATION\n\nB.A., Economics\nBoston University\n2014 - 2018\n"
    )
    posting = analyze_posting("Data Analyst\n\nRequirements:\n- Bachelor's degree\n- SQL\n")
    (degree,) = [c for c in tailor(master, posting).result.knockouts if c.kind == "degree"]
    assert (degree.verdict, degree.shown) == ("meets", "B.A., Economics")
