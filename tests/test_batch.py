"""Many postings at once: ranking by fit, the shared gaps, and the rank command."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tailor.batch import GapTally, Matcher, Missing, fit_posting, posting_paths, rank_postings
from tailor.cli import app
from tailor.model import Profile
from tailor.workflow import load_posting

from .conftest import JOB_POSTS, MASTER_CV, SHARED, needs_shared

runner = CliRunner()


def test_fit_counts_required_keywords(master: Profile) -> None:
    posting = load_posting(JOB_POSTS / "ml-engineer-vision.txt")
    fit = fit_posting(Matcher(master), posting)
    required = [k for k in posting.keywords if k.importance == "required"]
    assert fit.required_total == len(required)
    assert 0 < fit.required_covered < fit.required_total
    assert 0 < fit.score < 100
    assert "TensorRT" in fit.missing or len(fit.missing) == 5


def test_vision_posting_fits_better_than_nlp(master: Profile) -> None:
    fits = {
        Path(fit.source).stem: fit.score
        for fit in rank_postings(master, posting_paths([JOB_POSTS]))
    }
    assert set(fits) == {"ml-engineer-vision", "mlops-engineer", "nlp-llm-engineer"}
    assert fits["ml-engineer-vision"] > fits["nlp-llm-engineer"]
    assert fits["ml-engineer-vision"] > fits["mlops-engineer"]


def test_gap_tally_counts_postings_not_mentions(master: Profile) -> None:
    tally = GapTally()
    list(rank_postings(master, posting_paths([JOB_POSTS]), gaps=tally))
    gaps = {gap.term.lower(): gap for gap in tally.top(100)}
    assert tally.seen == 3
    assert all(1 <= gap.postings <= 3 and gap.required <= gap.postings for gap in gaps.values())
    assert "kubernetes" in gaps or "k8s" in gaps
    assert "pytorch" not in gaps  # the master CV has it


def test_a_gap_the_cv_names_a_kind_of_says_so(tmp_path: Path) -> None:
    from tailor.parse import load_profile

    cv = tmp_path / "cv" / "cv.md"
    cv.parent.mkdir()
    cv.write_text(
        "# Ada\n\n## Experience\n\n### Engineer, Acme\n\n2020 - 2023\n\n"
        "- Trained detectors in PyTorch and wrote Terraform modules.\n",
        encoding="utf-8",
    )
    postings = tmp_path / "postings"
    postings.mkdir()
    for name in ("a", "b"):
        (postings / f"{name}.txt").write_text(
            "ML Engineer\n\nRequirements\n- A deep learning framework\n- Kubernetes\n"
            "- Terraform or Ansible\n",
            encoding="utf-8",
        )
    tally = GapTally()
    list(rank_postings(load_profile(cv), posting_paths([postings]), gaps=tally))
    gaps = {gap.term: gap for gap in tally.top()}
    assert "Kubernetes" in gaps and "Ansible" not in gaps  # "Terraform or Ansible": met
    assert gaps["deep learning framework"].kind_named == "PyTorch"
    assert gaps["Kubernetes"].kind_named is None
    result = runner.invoke(app, ["rank", str(postings), "--profile", str(cv)])
    assert "deep learning framework: 2 of 2 postings, 2 as required (your CV names “PyTorch”" in (
        result.output
    )


def test_gap_tally_shows_the_spelling_most_postings_use() -> None:
    tally = GapTally()
    tally.add([Missing("sql", "sql", True, None)])
    tally.add([Missing("sql", "SQL", True, None)])
    tally.add([Missing("sql", "SQL", False, None)])
    (gap,) = tally.top()
    assert (gap.term, gap.postings, gap.required) == ("SQL", 3, 2)


def test_rank_command_formats(tmp_path: Path) -> None:
    args = ["rank", str(JOB_POSTS), "--profile", str(MASTER_CV)]
    table = runner.invoke(app, args)
    assert table.exit_code == 0, table.output
    assert "Northwind Robotics" in table.output and "postings ask" in table.output
    as_json = json.loads(runner.invoke(app, [*args, "--format", "json"]).output)
    scores = [row["score"] for row in as_json["postings"]]
    assert scores == sorted(scores, reverse=True) and len(scores) == 3
    rows = list(csv.reader(io.StringIO(runner.invoke(app, [*args, "--format", "csv"]).output)))
    assert rows[0][:3] == ["rank", "score", "title"] and len(rows) == 4


def test_rank_skips_bad_postings_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "good.txt").write_text(
        (JOB_POSTS / "mlops-engineer.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = runner.invoke(app, ["rank", str(tmp_path), "--profile", str(MASTER_CV)])
    assert result.exit_code == 0
    assert "skipped" in result.output and "empty.txt" in result.output
    assert "Bluefin Analytics" in result.output


@needs_shared
def test_rank_the_real_corpus_puts_ml_roles_first(master: Profile) -> None:
    paths = posting_paths([SHARED / "corpus" / "postings"])
    fits = sorted(rank_postings(master, paths), key=lambda fit: -fit.score)
    top = [Path(fit.source).name for fit in fits[:10]]
    unrelated = {"nurse", "accountant", "chef", "teacher", "hr_assistant", "sales"}
    assert not any(word in name for name in top for word in unrelated)


def test_parallel_workers_give_the_same_result(master: Profile, tmp_path: Path) -> None:
    from tailor import batch

    for index in range(batch.PARALLEL_FROM):
        source = sorted(JOB_POSTS.glob("*.txt"))[index % 3]
        (tmp_path / f"p{index:03d}.txt").write_text(source.read_text(encoding="utf-8"), "utf-8")
    (tmp_path / "p999.txt").write_text("", encoding="utf-8")
    paths = posting_paths([tmp_path])
    errors: list[str] = []
    one, two = GapTally(), GapTally()
    serial = list(
        rank_postings(master, paths, gaps=one, on_error=lambda p, e: errors.append(p.name))
    )
    parallel = list(rank_postings(master, paths, gaps=two, on_error=lambda p, e: None, jobs=2))
    assert serial == parallel and len(serial) == batch.PARALLEL_FROM
    assert one.top(50) == two.top(50) and errors == ["p999.txt"]


def test_match_many_writes_a_folder_each_and_an_index(tmp_path: Path) -> None:
    bad = tmp_path / "in" / "empty.txt"
    bad.parent.mkdir()
    bad.write_text("", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["match", str(JOB_POSTS), str(bad), "--profile", str(MASTER_CV), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    folders = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert folders == ["ml-engineer-vision", "mlops-engineer", "nlp-llm-engineer"]
    for folder in folders:
        assert (out / folder / "resume.md").is_file() and (out / folder / "result.json").is_file()
    index = (out / "index.md").read_text(encoding="utf-8")
    assert index.count("[résumé](") == 3 and "Northwind Robotics" in index
    scores = [float(json.loads((out / f / "result.json").read_text())["score"]["tailored"])
              for f in folders]  # fmt: skip
    rows = [line for line in index.splitlines() if line.startswith("| 1 ")]
    assert rows and str(round(max(scores))) in rows[0]
    assert "skipped" in result.output and "empty.txt" in result.output


def test_match_many_fails_when_nothing_can_be_tailored(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("", encoding="utf-8")
    (tmp_path / "b.txt").write_text("   ", encoding="utf-8")
    result = runner.invoke(
        app, ["match", str(tmp_path), "--profile", str(MASTER_CV), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    assert "none of the 2 postings" in result.output


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_progress_goes_to_a_terminal_stderr_and_stdout_stays_clean(tmp_path: Path) -> None:
    import os
    import pty

    postings = sorted(JOB_POSTS.glob("*.txt"))
    for index in range(21):  # enough for the bar to show
        shutil.copy(postings[index % len(postings)], tmp_path / f"posting_{index:02d}.txt")
    leader, follower = pty.openpty()
    done = subprocess.run(
        [sys.executable, "-m", "tailor", "rank", str(tmp_path), "--format", "csv",
         "--profile", str(MASTER_CV), "--jobs", "1"],
        stdout=subprocess.PIPE, stderr=follower, check=False, timeout=120,
    )  # fmt: skip
    os.close(follower)
    shown = b""
    try:
        while chunk := os.read(leader, 65536):
            shown += chunk
    except OSError:  # the terminal is closed once read to the end
        pass
    os.close(leader)
    assert done.returncode == 0
    assert done.stdout.decode().startswith("rank,score,title")
    assert b"analysing postings" in shown


def test_rank_says_stdin_is_for_one_posting() -> None:
    result = runner.invoke(app, ["rank", "-", "--profile", str(MASTER_CV)])
    assert result.exit_code == 2
    assert "standard input (-) is for one posting" in result.output


def test_match_of_a_folder_with_one_posting_says_one(tmp_path: Path) -> None:
    folder = tmp_path / "postings"
    folder.mkdir()
    shutil.copy(JOB_POSTS / "mlops-engineer.txt", folder)
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["match", str(folder), "--profile", str(MASTER_CV), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "wrote 1 tailored résumé and" in result.output


def test_the_batch_index_puts_gaps_of_experience_before_gaps_of_wording() -> None:
    from tailor.analyze import analyze_posting
    from tailor.batch import index_row
    from tailor.parse import parse_profile_text
    from tailor.pipeline import tailor

    master = parse_profile_text(
        "JANE DOE\njane@example.com\n\nEXPERIENCE\n\nVision Engineer\nAcme\n2020 - 2023\n\n"
        "- Trained YOLO models for defect inspection on factory lines.\n"
    )
    posting = analyze_posting(
        "Vision Engineer\n\nRequirements:\n- Object detection\n- Kubernetes\n- Terraform\n"
    )
    row = index_row("vision", tailor(master, posting).result)
    assert row.missing_required == ["Kubernetes", "Terraform", "Object detection (you name “YOLO”)"]
