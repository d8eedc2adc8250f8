"""The project's own promises: CI runs the README's test command; dependencies are bounded."""

from __future__ import annotations

import re
import tomllib

from .conftest import ROOT


def test_ci_runs_exactly_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^    (.+)$", readme.split("## What it does")[0], re.MULTILINE)
    run, test = commands[0], commands[1]
    assert "tailor match job_posts/" in run and "pip install -e ." in run
    assert test.endswith("python -m pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test in ci.splitlines()


def test_runtime_dependencies_have_lower_bounds_and_reasons() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    project = tomllib.loads(text)["project"]
    names = {re.split(r"[<>=!]", dep)[0] for dep in project["dependencies"]}
    assert {"spacy", "spacy-lookups-data", "scikit-learn", "pydantic", "jinja2", "typer",
            "python-docx"} <= names  # fmt: skip
    assert all(">=" in dep for dep in project["dependencies"])
    # Each dependency line is preceded by a comment saying why it is there.
    lines = text.split("dependencies = [")[1].split("]")[0].strip().splitlines()
    for index, line in enumerate(lines):
        if line.strip().startswith('"'):
            assert lines[index - 1].strip().startswith("#"), line
    assert {"pytest", "hypothesis", "ruff", "mypy"} <= {
        re.split(r"[<>=!]", dep)[0] for dep in project["optional-dependencies"]["test"]
    }
