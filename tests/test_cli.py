"""The command line: exit codes, files written, one-line errors, instant --help."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tailor.cli import app

from .conftest import JOB_POSTS, MASTER_CV, ROOT

runner = CliRunner()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_match_writes_five_files(tmp_path: Path) -> None:
    before = digest(MASTER_CV), digest(JOB_POSTS / "mlops-engineer.txt")
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        [
            "match",
            str(JOB_POSTS / "mlops-engineer.txt"),
            "--profile",
            str(MASTER_CV),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "report.html", "report.md", "result.json", "resume.docx", "resume.md"
    ]  # fmt: skip
    assert "match score" in result.output and str(out) in result.output
    data = json.loads((out / "result.json").read_text(encoding="utf-8"))
    assert {"posting", "score", "keywords", "items"} <= set(data)
    assert data["posting"]["company"] == "Bluefin Analytics"
    assert (digest(MASTER_CV), digest(JOB_POSTS / "mlops-engineer.txt")) == before


def test_match_defaults_profile_and_out_and_reads_stdin(tmp_path: Path) -> None:
    (tmp_path / "profile").mkdir()
    shutil.copy(MASTER_CV, tmp_path / "profile" / "master_cv.txt")
    text = (JOB_POSTS / "nlp-llm-engineer.txt").read_text(encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = runner.invoke(app, ["match", "-"], input=text)
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "stdin" / "resume.md").is_file()


def test_several_profiles_are_listed(tmp_path: Path) -> None:
    (tmp_path / "profile").mkdir()
    for name in ("a.txt", "b.md"):
        shutil.copy(MASTER_CV, tmp_path / "profile" / name)
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = runner.invoke(app, ["match", str(JOB_POSTS / "mlops-engineer.txt")])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 2
    assert "a.txt, b.md" in result.output and "--profile" in result.output
    parsed = runner.invoke(app, ["parse", str(tmp_path / "profile")])
    assert parsed.exit_code == 2 and f"tailor parse {tmp_path / 'profile' / 'a.txt'}" in " ".join(
        parsed.output.split()
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"   \n\t\n", "empty"), (b"\x00\x01binary\x00", "binary")],
)
def test_bad_posting_is_one_clear_line(tmp_path: Path, content: bytes, message: str) -> None:
    posting = tmp_path / "posting.txt"
    posting.write_bytes(content)
    result = runner.invoke(
        app, ["match", str(posting), "--profile", str(MASTER_CV), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    assert message in result.output and str(posting) in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "o").exists()


def test_missing_posting(tmp_path: Path) -> None:
    result = runner.invoke(app, ["match", str(tmp_path / "nope.txt"), "--profile", str(MASTER_CV)])
    assert result.exit_code == 2
    assert "no such posting" in result.output


def test_out_may_not_be_the_profile_folder(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["match", str(JOB_POSTS / "mlops-engineer.txt"), "--profile", str(MASTER_CV),
         "--out", str(MASTER_CV.parent)],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "profile folder" in result.output


def test_parse_shows_the_tree() -> None:
    result = runner.invoke(app, ["parse", str(MASTER_CV)])
    assert result.exit_code == 0
    assert "Team Leader  (role at Peng Cheng National Laboratory)" in result.output
    as_json = runner.invoke(app, ["parse", str(MASTER_CV), "--format", "json"])
    assert json.loads(as_json.output)["header"]["name"] == "ZIXIN LIU"


def test_help_and_version_import_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "from tailor.cli import main\n"
        "for args in (['tailor', '--help'], ['tailor', '--version']):\n"
        "    sys.argv = args\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = sorted(m for m in ('spacy', 'sklearn', 'docx', 'numpy') if m in sys.modules)\n"
        "print('HEAVY', heavy)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert "HEAVY []" in done.stdout
    assert "tailor 0." in done.stdout


def test_python_dash_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tailor", "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout.startswith("tailor ")


def test_the_fast_exit_keeps_exit_codes_and_flushes_the_output(tmp_path: Path) -> None:
    # run() leaves by os._exit: the output must still come out whole, the exit codes the same.
    tailor = [sys.executable, "-m", "tailor"]
    buffered = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    posting = str(JOB_POSTS / "mlops-engineer.txt")
    out = tmp_path / "out"
    done = subprocess.run(
        [*tailor, "match", posting, "--profile", str(MASTER_CV), "--out", str(out)],
        capture_output=True, text=True, cwd=ROOT, env=buffered,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "match score" in done.stdout and done.stdout.rstrip().endswith("result.json")
    assert (out / "result.json").is_file()
    bad = subprocess.run(
        [*tailor, "match", str(tmp_path / "missing.txt")], capture_output=True, text=True
    )
    assert bad.returncode == 2 and "no such posting" in bad.stderr
    usage = subprocess.run([*tailor, "match"], capture_output=True, text=True)
    assert usage.returncode == 2 and "Missing argument" in usage.stderr


def test_fill_fills_the_page_of_a_weak_fit(tmp_path: Path) -> None:
    posting = str(tmp_path / "platform.txt")
    Path(posting).write_text(
        "Platform Engineer\n\nRequirements:\n- Kubernetes and Terraform\n- Some PyTorch\n",
        encoding="utf-8",
    )
    results = {}
    for flag in ([], ["--fill"]):
        out = tmp_path / ("filled" if flag else "lean")
        result = runner.invoke(
            app, ["match", posting, "--profile", str(MASTER_CV), "--out", str(out), *flag]
        )
        assert result.exit_code == 0, result.output
        results[bool(flag)] = json.loads((out / "result.json").read_text(encoding="utf-8"))
    lean, filled = results[False], results[True]
    assert filled["budget"]["fill"] and not lean["budget"]["fill"]
    assert filled["budget"]["lines_used"] > lean["budget"]["lines_used"]
    assert filled["budget"]["lines_used"] <= filled["budget"]["lines_available"]
    assert sum(i["selected"] for i in filled["items"]) > sum(i["selected"] for i in lean["items"])


def test_a_budget_the_kept_sections_overflow_is_warned(tmp_path: Path) -> None:
    summary = "\n".join(f"- Point {i} about building data tools at scale." for i in range(40))
    cv = tmp_path / "cv.txt"
    cv.write_text(
        f"JANE DOE\njane@example.com\n\nSUMMARY\n\n{summary}\n\nEXPERIENCE\n\nData Analyst\n"
        "Acme Corp\nJan 2019 - Dec 2023\n- Built SQL reports in Python.\n\nEDUCATION\n\n"
        "B.A., Economics\nBoston University\n2014 - 2018\n",
        encoding="utf-8",
    )
    posting = str(JOB_POSTS / "mlops-engineer.txt")
    args = ["match", posting, "--profile", str(cv), "--out", str(tmp_path / "o"), "--pages", "0.5"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "warning: the résumé takes about" in result.output
    roomy = runner.invoke(app, [*args[:-1], "2", "--out", str(tmp_path / "o2")])
    assert "warning: the résumé takes about" not in roomy.output


def test_today_counts_an_ongoing_role_to_the_month_given(tmp_path: Path) -> None:
    posting = str(JOB_POSTS / "ml-engineer-vision.txt")
    base = ["report", posting, "--profile", str(MASTER_CV), "--format", "json"]
    default = json.loads(runner.invoke(app, base).output)
    later = json.loads(runner.invoke(app, [*base, "--today", "2026-11"]).output)

    def years(result: dict[str, list[dict[str, str]]]) -> dict[str, str]:
        return next(check for check in result["knockouts"] if check["kind"] == "years")

    assert years(default)["verdict"] == "check" and "newest date" in years(default)["note"]
    assert years(later)["verdict"] == "meets" and "2026-11" in years(later)["note"]
    bad = runner.invoke(app, [*base, "--today", "November"])
    assert bad.exit_code == 2 and "YYYY-MM" in bad.output
