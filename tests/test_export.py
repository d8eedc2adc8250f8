"""JSON Resume and rendercv exports: valid by each format's rules, verbatim master CV text."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import yaml

from tailor.model import Contact, Entry, Posting, Profile, Tailored
from tailor.pipeline import tailor
from tailor.render.export import (
    render_json_resume,
    render_rendercv_yaml,
    social_network,
    split_degree,
)
from tailor.render.markdown import section_title
from tailor.text import strip_inline_marks
from tailor.workflow import load_posting

from .conftest import JOB_POSTS

# JSON Resume v1.0.0: the top-level keys, and the date pattern of its 'iso8601' definition.
JSON_RESUME_KEYS = {
    "$schema", "basics", "work", "volunteer", "education", "awards", "certificates",
    "publications", "skills", "languages", "interests", "references", "projects", "meta",
}  # fmt: skip
ISO8601 = re.compile(
    r"^([1-2][0-9]{3}-[0-1][0-9]-[0-3][0-9]|[1-2][0-9]{3}-[0-1][0-9]|[1-2][0-9]{3})$"
)
# rendercv v2: the fields that tell its entry types apart, and the keys its 'cv' accepts.
RENDERCV_TYPES = {
    "education": {"institution", "area"},
    "experience": {"company", "position"},
    "publication": {"title", "authors"},
    "normal": {"name"},
    "one_line": {"label", "details"},
    "bullet": {"bullet"},
}
RENDERCV_CV_KEYS = {
    "name", "location", "email", "photo", "phone", "website", "social_networks", "sections",
}  # fmt: skip


@pytest.fixture(scope="module", params=["ml-engineer-vision", "nlp-llm-engineer"])
def tailored(request: pytest.FixtureRequest, master: Profile) -> Tailored:
    # Three pages: publications, awards and service come along, so every mapping is exercised.
    return tailor(master, load_posting(JOB_POSTS / f"{request.param}.txt"), pages=3)


def selected_entries(tailored: Tailored) -> list[tuple[str, Entry]]:
    return [(s.kind, e) for s in tailored.resume.sections for e in s.entries]


def walk(value: Any) -> list[Any]:
    """Gives every value nested in a JSON-like structure."""
    if isinstance(value, dict):
        return [value, *(x for v in value.values() for x in walk(v))]
    if isinstance(value, list):
        return [value, *(x for v in value for x in walk(v))]
    return [value]


# --- JSON Resume -----------------------------------------------------------------------------


def test_json_resume_shape(tailored: Tailored) -> None:
    document = json.loads(render_json_resume(tailored))
    assert set(document) <= JSON_RESUME_KEYS
    assert document["$schema"].endswith("/v1.0.0/schema.json")
    basics = document["basics"]
    assert basics["name"] == "ZIXIN LIU" and basics["email"] == "liuzixin1126@gmail.com"
    assert basics["location"] == {"city": "Shenzhen", "region": "China"}
    for key in set(document) - {"$schema", "basics"}:
        assert isinstance(document[key], list) and document[key]
        assert all(isinstance(item, dict) for item in document[key])
    # Every value is a string, a list or an object; nothing empty, nothing null.
    for value in walk(document):
        assert value not in (None, "", [], {})
        assert isinstance(value, str | list | dict)
    for item in (x for key in document if key != "basics" for x in walk(document[key])):
        if isinstance(item, dict):
            for name in ("startDate", "endDate", "date", "releaseDate"):
                if name in item:
                    assert ISO8601.match(item[name]), item


def test_json_resume_highlights_are_the_selected_bullets(tailored: Tailored) -> None:
    document = json.loads(render_json_resume(tailored))
    exported = [
        item.get("highlights", [])
        for key in ("work", "projects", "education", "volunteer")
        for item in document.get(key, [])
    ]
    expected = [
        [bullet.plain for bullet in entry.bullets]
        for kind, entry in selected_entries(tailored)
        if kind not in {"publications", "awards"}
    ]
    assert sorted(map(tuple, exported)) == sorted(map(tuple, expected))
    # Two roles at one employer share its name ("Team Leader" at Peng Cheng National Laboratory).
    by_name: dict[str, list[list[str]]] = {}
    for key in ("work", "projects", "education", "volunteer"):
        for item in document.get(key, []):
            name = item.get("name") or item.get("institution") or item.get("organization")
            by_name.setdefault(name, []).append(item.get("highlights"))
    for _, entry in selected_entries(tailored):
        if entry.bullets and not entry.organization:
            assert [b.plain for b in entry.bullets] in by_name[entry.title]


def test_json_resume_sections(tailored: Tailored) -> None:
    document = json.loads(render_json_resume(tailored))
    assert document["education"][0] == {
        "institution": "Shandong University",
        "area": "Computer Technology",
        "studyType": "M.Eng",
        "location": "Qingdao, China",
        "startDate": "2019-09",
        "endDate": "2022-06",
        "highlights": ["Advised by Dr. Xuemeng Song and Prof. Liqiang Nie", "GPA 3.35/4"],
    }
    assert [s["name"] for s in document["skills"]] == ["Computational", "Deep Learning Tools"]
    assert "LaTeX" in document["skills"][0]["keywords"]
    work = document["work"][0]
    assert work["name"] == "Peng Cheng National Laboratory" and "endDate" not in work
    for publication in document.get("publications", []):
        assert "Zixin Liu" in publication["summary"] and "**" not in publication["summary"]


# --- rendercv --------------------------------------------------------------------------------


def test_rendercv_yaml_loads_with_the_selected_bullets_verbatim(tailored: Tailored) -> None:
    text = render_rendercv_yaml(tailored)
    assert text.startswith("# yaml-language-server: $schema=")
    data = yaml.safe_load(text)
    assert set(data) == {"cv", "design"} and data["design"] == {"theme": "classic"}
    cv = data["cv"]
    assert set(cv) <= RENDERCV_CV_KEYS
    assert cv["name"] == "ZIXIN LIU" and cv["phone"] == "(+86)158-2909-9162"
    sections = cv["sections"]
    assert list(sections) == [section_title(s.heading) for s in tailored.resume.sections]
    for section in tailored.resume.sections:
        entries = sections[section_title(section.heading)]
        bulleted = [e for e in section.entries if e.bullets]
        highlights = [entry["highlights"] for entry in entries if "highlights" in entry]
        assert len(highlights) == len(bulleted)
        for exported, entry in zip(highlights, bulleted, strict=True):
            # Verbatim: the text is the master CV's, with only placeholder links unwrapped.
            assert [strip_inline_marks(h) for h in exported] == [b.plain for b in entry.bullets]


def test_rendercv_sections_have_one_entry_type_each(tailored: Tailored) -> None:
    cv = yaml.safe_load(render_rendercv_yaml(tailored))["cv"]
    for title, entries in cv["sections"].items():
        assert entries, title
        if all(isinstance(entry, str) for entry in entries):
            continue
        kinds = set()
        for entry in entries:
            found = [name for name, keys in RENDERCV_TYPES.items() if keys <= set(entry)]
            assert found, entry
            kinds.add(found[0])
            assert all(value not in (None, "", []) for value in entry.values()), entry
            if "start_date" in entry:
                assert re.fullmatch(r"\d{4}(-\d{2})?", str(entry["start_date"]))
                assert re.fullmatch(r"\d{4}(-\d{2})?|present", str(entry["end_date"]))
        assert len(kinds) == 1, (title, kinds)
    assert cv["sections"]["Experience"][0]["company"] == "Peng Cheng National Laboratory"
    education = cv["sections"]["Education"][0]
    assert (education["degree"], education["area"]) == ("M.Eng", "Computer Technology")


def test_rendercv_keeps_bold_from_the_cv(master: Profile, vision_posting: Posting) -> None:
    cv = yaml.safe_load(render_rendercv_yaml(tailor(master, vision_posting)))["cv"]
    experience = cv["sections"]["Experience"][0]["highlights"]
    assert "*computer vision*" in experience[0]
    assert not any("](#)" in h for s in cv["sections"].values() for e in s for h in walk(e))


def test_contacts_become_profiles_and_networks(tailored: Tailored) -> None:
    contacts = [
        Contact(kind="email", text="me@example.com"),
        Contact(kind="phone", text="(555) 010-0100"),
        Contact(kind="link", text="GitHub", url="https://github.com/someone"),
        Contact(kind="link", text="linkedin.com/in/some-one", url="linkedin.com/in/some-one"),
        Contact(kind="link", text="Site", url="https://someone.dev"),
        Contact(kind="link", text="Placeholder", url="#"),
    ]
    header = tailored.resume.header.model_copy(update={"contacts": contacts})
    resume = tailored.resume.model_copy(update={"header": header})
    changed = tailored.model_copy(update={"resume": resume})
    basics = json.loads(render_json_resume(changed))["basics"]
    assert basics["url"] == "https://someone.dev"
    assert basics["profiles"] == [
        {"network": "GitHub", "username": "someone", "url": "https://github.com/someone"},
        {"network": "LinkedIn", "username": "some-one", "url": "https://linkedin.com/in/some-one"},
    ]
    text = render_rendercv_yaml(changed)
    cv = yaml.safe_load(text)["cv"]
    assert cv["website"] == "https://someone.dev"
    assert cv["social_networks"] == [
        {"network": "GitHub", "username": "someone"},
        {"network": "LinkedIn", "username": "some-one"},
    ]
    # rendercv rejects a phone number without its country code: left out, and said so.
    assert "phone" not in cv and "# Note: phone '(555) 010-0100' left out" in text


@pytest.mark.parametrize(
    ("subtitle", "parts"),
    [("M.Eng, Computer Technology", ("M.Eng", "Computer Technology")),
     ("Computer Science", ("", "Computer Science")), ("BSc,", ("", "BSc,"))],
)  # fmt: skip
def test_split_degree(subtitle: str, parts: tuple[str, str]) -> None:
    assert split_degree(subtitle) == parts


@pytest.mark.parametrize(
    ("url", "network"),
    [("https://www.linkedin.com/in/x-y/", ("LinkedIn", "x-y")),
     ("https://github.com/abc", ("GitHub", "abc")), ("https://example.com/abc", None),
     ("https://linkedin.com/company/x", None)],
)  # fmt: skip
def test_social_network(url: str, network: tuple[str, str] | None) -> None:
    assert social_network(url) == network


def test_exports_are_deterministic(tailored: Tailored) -> None:
    assert render_json_resume(tailored) == render_json_resume(tailored)
    assert render_rendercv_yaml(tailored) == render_rendercv_yaml(tailored)


def test_free_text_sections(tailored: Tailored) -> None:
    from tailor.model import Section

    extra = [
        Section(id="summary", kind="summary", heading="SUMMARY", lines=["ML engineer, *vision*."]),
        Section(id="other", kind="other", heading="LANGUAGES", lines=["English; Chinese"]),
    ]
    resume = tailored.resume.model_copy(update={"sections": [*tailored.resume.sections, *extra]})
    changed = tailored.model_copy(update={"resume": resume})
    document = json.loads(render_json_resume(changed))
    assert document["basics"]["summary"] == "ML engineer, vision."
    assert {"name": "Languages", "keywords": ["English", "Chinese"]} in document["interests"]
    sections = yaml.safe_load(render_rendercv_yaml(changed))["cv"]["sections"]
    assert sections["Summary"] == ["ML engineer, *vision*."]
    assert sections["Languages"] == ["English; Chinese"]
