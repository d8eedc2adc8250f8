"""Shared fixtures: the repository's paths, ../shared, the master CV and example postings."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from tailor.model import Posting, Profile

# The test command must give the same verdict on every run: property tests draw the same
# examples each time (derandomize). HYPOTHESIS_PROFILE=explore searches afresh, many more.
settings.register_profile("default", derandomize=True, database=None)
settings.register_profile("explore", max_examples=500, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"
MASTER_CV = ROOT / "profile" / "master_cv.txt"
JOB_POSTS = ROOT / "job_posts"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is not beside the repo")


def strings(value: object) -> list[str]:
    """Gives every string inside a dumped model."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return []


@pytest.fixture(scope="session", autouse=True)
def own_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keeps the compiled-template cache ($XDG_CACHE_HOME/tailor) out of the user's home."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite golden files instead of comparing"
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def master() -> Profile:
    from tailor.parse import load_profile

    return load_profile(MASTER_CV)


@pytest.fixture(scope="session")
def vision_posting() -> Posting:
    from tailor.workflow import load_posting

    return load_posting(JOB_POSTS / "ml-engineer-vision.txt")
