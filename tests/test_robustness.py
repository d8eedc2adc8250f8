"""Bad input, hostile input and nothing lost, through the real command line.

Every bad input gets one line naming the file with a hint, exit code 2 and no traceback; the
encodings people's files come in parse as if they were UTF-8; outputs appear whole or not at all;
inputs are never changed; text from the inputs is shown literally and never run as a template.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import io
import json
import os
import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from tailor.cli import app
from tailor.errors import OutputError, TailorError
from tailor.model import Posting, Profile

from .conftest import JOB_POSTS, MASTER_CV, SHARED, needs_shared

runner = CliRunner()
POSTING = JOB_POSTS / "ml-engineer-vision.txt"
COMMANDS = {
    command.name or getattr(command.callback, "__name__", "") for command in app.registered_commands
}
OUTPUTS = ("resume.docx", "resume.md", "report.md", "result.json")

# A CV in characters that cp1252 (and, without the quotes, dashes and bullet, Latin-1) can hold.
LATIN_CV = """Zoë Müller
zoe@example.com | Zürich

EXPERIENCE

Café Analytics, Data Scientist (2019 – 2023)
- Built Python pipelines for Zürich’s “smart city” data – 40% faster
- Trained PyTorch models for résumé parsing • à la carte

EDUCATION

Université de Genève, MSc Computer Science (2017 – 2019)
- Thesis on naïve Bayes
"""
LATIN1_CV = (
    LATIN_CV.replace("–", "-").replace("’", "'").replace("“", '"').replace("”", '"')
    .replace(" • à la carte", " à la carte")
)  # fmt: skip


def invoke(*args: str | Path, stdin: str | None = None) -> Result:
    """Gives the result of running tailor with the arguments."""
    return runner.invoke(app, [str(arg) for arg in args], input=stdin)


def assert_one_clear_error(result: Result, path: Path | str, fragment: str) -> str:
    """Checks exit code 2, no traceback, and one error line naming the file, with a hint."""
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    errors = [line for line in lines if line.startswith("error: ")]
    assert len(errors) == 1, result.output
    assert str(path) in errors[0] and fragment in result.output, result.output
    assert [line for line in lines if line not in errors] == [lines[-1]], result.output
    assert lines[-1].startswith("  hint: "), result.output
    return errors[0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def digests(folder: Path) -> dict[str, tuple[str, int]]:
    """Gives the hash and modification time of every file under a folder."""
    return {
        str(path.relative_to(folder)): (digest(path), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def zipped(members: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)
    return buffer.getvalue()


def yaml_alias_bomb() -> bytes:
    levels = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    levels += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 9)]
    return ("\n".join(levels) + "\n").encode()


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"


# --- inputs that get one clear message -----------------------------------------------------------


@dataclass(frozen=True)
class Bad:
    """A bad input file: its name, its bytes, and the words the error must hold."""

    name: str
    data: bytes
    says: str


BAD_EITHER = [
    Bad("empty.txt", b"", "is empty"),
    Bad("blank.txt", b"  \n\r\n\t \f\n", "is empty"),
    Bad("binary.txt", bytes(range(256)) * 8, "looks binary, not text"),
    Bad("word.txt", zipped({"word/document.xml": "<w:document/>"}), "a DOCX or other zip file"),
    Bad("scan.md", PDF, "is a PDF, not text"),
    Bad("long.txt", b"EXPERIENCE\n- " + b"word " * 40_001 + b"\n", "characters, over the 100,000"),
]
BAD_CVS = [
    *BAD_EITHER,
    Bad("cv.pdf", PDF, "is a PDF, which tailor cannot read"),
    Bad("cv.doc", OLE + bytes(600), "old-style Word (.doc) file, which tailor cannot read"),
    Bad("cv.xyz", b"Jane Doe\nEXPERIENCE\n- Built things\n", "unknown file type '.xyz'"),
    Bad(
        "notes.txt",
        b"Some thoughts about work\nand more thoughts\n",
        "found no entries or bullets in the CV: ",
    ),
    Bad("cv.docx", b"Jane Doe\nEXPERIENCE\n- Built things\n", "is not a valid DOCX"),
    Bad(
        "bomb.docx",
        zipped({"[Content_Types].xml": "<Types/>", "word/document.xml": " " * 5_000_000}),
        "zip bomb",
    ),
    Bad("locked.docx", OLE + bytes(504) + "EncryptedPackage".encode("utf-16-le"), "encrypted"),
    Bad("legacy.docx", OLE + bytes(504), "old-style Word (.doc) file"),
    Bad("bomb.yaml", yaml_alias_bomb(), "expands to more than"),
    Bad("loop.yaml", b"a: &a [*a]\n", "refers to itself"),
    Bad(
        "code.yaml",
        b"cv: !!python/object/apply:os.system ['echo unsafe']\n",
        "unsupported YAML tag",
    ),
    Bad("list.json", b"[1, 2, 3]\n", "holds a list, not a CV"),
    Bad("other.json", b'{"colour": "blue", "size": 3}\n', "found no CV sections"),
    Bad("broken.json", b'{\n  "basics": {\n    "name": "x",\n  }\n}\n', "cannot read the JSON"),
    Bad(
        "main.tex",
        b"\\documentclass{article}\n\\begin{document}\n\\input{experience}\n"
        b"\\include{education}\n\\end{document}\n",
        "takes its text from other files (\\input{experience}, \\include{education})",
    ),
]
BAD_POSTINGS = [
    *BAD_EITHER,
    Bad("job.pdf", PDF, "is a PDF, not text"),
    Bad("job.docx", zipped({"word/document.xml": "<w:document/>"}), "a DOCX or other zip file"),
    Bad("job.doc", OLE + bytes(600), "old-style or password-protected Word file"),
    Bad("job.rtf", b"{\\rtf1\\ansi Machine Learning Engineer}", "an RTF file"),
    Bad("thanks.txt", b"Thank you for applying.\nWe will be in touch soon.\n", "found no keywords"),
]


@pytest.mark.parametrize("bad", BAD_CVS, ids=lambda bad: bad.name)
def test_a_bad_cv_is_one_clear_line(tmp_path: Path, bad: Bad) -> None:
    cv = tmp_path / bad.name
    cv.write_bytes(bad.data)
    assert_one_clear_error(invoke("parse", cv), cv, bad.says)
    out = tmp_path / "out"
    assert_one_clear_error(invoke("match", POSTING, "--profile", cv, "--out", out), cv, bad.says)
    assert_one_clear_error(invoke("rank", POSTING, "--profile", cv), cv, bad.says)
    assert not out.exists()


@pytest.mark.parametrize("bad", BAD_POSTINGS, ids=lambda bad: bad.name)
def test_a_bad_posting_is_one_clear_line(tmp_path: Path, bad: Bad) -> None:
    posting = tmp_path / bad.name
    posting.write_bytes(bad.data)
    out = tmp_path / "out"
    result = invoke("match", posting, "--profile", MASTER_CV, "--out", out)
    assert_one_clear_error(result, posting, bad.says)
    assert_one_clear_error(invoke("rank", posting, "--profile", MASTER_CV), posting, bad.says)
    assert not out.exists()


def test_rank_skips_bad_postings_and_fails_when_none_is_left(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    shutil.copy(POSTING, tmp_path / "good.txt")
    result = invoke("rank", tmp_path, "--profile", MASTER_CV, "--format", "json")
    assert result.exit_code == 0, result.output
    assert (
        "warning: skipped:" in result.output and "empty.txt: the posting is empty" in result.output
    )
    (tmp_path / "good.txt").unlink()
    (tmp_path / "blank.md").write_bytes(b"\n\n")
    result = invoke("rank", tmp_path, "--profile", MASTER_CV)
    assert result.exit_code == 2
    assert "error: none of the 2 postings could be read" in result.output
    assert "Traceback" not in result.output
    empty = tmp_path / "nothing"
    empty.mkdir()
    assert_one_clear_error(invoke("rank", empty, "--profile", MASTER_CV), empty, "no posting files")


def test_over_the_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"Python engineer wanted.\n" * 460_000)  # 11 MB
    result = invoke("match", big, "--profile", MASTER_CV, "--out", tmp_path / "out")
    assert_one_clear_error(result, big, "the posting is 10.5 MB, over the 10 MB limit")
    assert "--max-size" in result.output
    # --max-size moves the limit, on every command that reads inputs; this one is not a posting.
    result = invoke(
        "match", big, "--profile", MASTER_CV, "--out", tmp_path / "o", "--max-size", "12"
    )
    assert_one_clear_error(result, big, "11,040,000 characters long, over the 1,000,000")
    commands: list[list[str | Path]] = [
        ["parse", MASTER_CV],
        ["match", POSTING, "--profile", MASTER_CV, "--out", tmp_path / "out"],
        ["rank", POSTING, "--profile", MASTER_CV],
    ]
    for args in commands:
        result = invoke(*args, "--max-size", "0.001")
        assert_one_clear_error(result, MASTER_CV, "over the 0.001 MB limit")
    small = "--max-size", "0.05"
    result = invoke(
        "match", "-", "--profile", MASTER_CV, "--out", tmp_path / "o2", *small, stdin="x" * 60_000
    )
    assert_one_clear_error(result, "-", "the posting on standard input is over the 0.05 MB limit")
    assert not (tmp_path / "out").exists() and not (tmp_path / "o2").exists()


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_an_endless_device_is_read_no_further_than_the_limit(tmp_path: Path) -> None:
    result = invoke("match", "/dev/zero", "--profile", MASTER_CV, "--out", tmp_path / "o")
    assert_one_clear_error(result, "/dev/zero", "over the 10 MB limit")


def test_folders_and_missing_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    # A folder is a batch of postings: an empty one is an error naming it.
    assert_one_clear_error(
        invoke("match", tmp_path, "--profile", MASTER_CV, "--out", out),
        tmp_path,
        "found no posting files",
    )
    missing = tmp_path / "nope.txt"
    assert_one_clear_error(
        invoke("match", POSTING, "--profile", missing, "--out", out), missing, "no such CV"
    )
    assert_one_clear_error(invoke("parse", missing), missing, "no such CV")
    empty = tmp_path / "profile"
    empty.mkdir()
    assert_one_clear_error(invoke("parse", empty), empty, "no CV file in the profile folder")
    # A folder with one CV in it stands for that CV.
    shutil.copy(MASTER_CV, empty / "cv.txt")
    assert invoke("parse", empty).exit_code == 0
    result = invoke("match", POSTING, "--profile", empty, "--out", out)
    assert result.exit_code == 0, result.output
    assert not any(path.name.endswith(".tmp") for path in out.iterdir())


def test_an_unreadable_cv_and_an_unwritable_output_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests run as root, who may read and write anything: the system's refusals are simulated.
    cv = tmp_path / "cv.txt"
    shutil.copy(MASTER_CV, cv)
    real_open = Path.open

    def locked(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == cv:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real_open(self, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(Path, "open", locked)
        result = invoke("parse", cv)
    assert_one_clear_error(result, cv, "cannot read the CV: Permission denied")

    def refused(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr("tempfile.mkstemp", refused)
    out = tmp_path / "out"
    result = invoke("match", POSTING, "--profile", cv, "--out", out)
    assert_one_clear_error(result, out, "cannot write the outputs: Permission denied")
    assert list(out.iterdir()) == []


def test_a_latex_cv_that_inputs_other_files_is_tailored_with_a_warning(tmp_path: Path) -> None:
    cv = write(
        tmp_path / "cv.tex",
        "\\documentclass{article}\n\\begin{document}\n\\section{Experience}\n"
        "\\subsection{Acme}\n\\begin{itemize}\n  \\item Built computer vision models in PyTorch\n"
        "\\end{itemize}\n\\input{publications}\n\\end{document}\n",
    )
    result = invoke("match", POSTING, "--profile", cv, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert f"warning: {cv}:8: not followed: \\input{{publications}}" in result.output


# --- encodings and line endings that must parse ---------------------------------------------------


def c1_as_latin1(error: UnicodeError) -> tuple[str, int]:
    """Decodes a byte cp1252 leaves undefined as the C1 character Windows gives it."""
    assert isinstance(error, UnicodeDecodeError)
    return chr(error.object[error.start]), error.start + 1


codecs.register_error("tailor-test-c1", c1_as_latin1)

ENCODINGS: dict[str, Callable[[str], bytes]] = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8 with BOM": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf-16 with BOM (Notepad)": lambda text: text.encode("utf-16"),
    "utf-16-be with BOM": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-16 without BOM": lambda text: text.encode("utf-16-le"),
    "cp1252": lambda text: text.encode("cp1252"),
    "CRLF": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    "lone CR": lambda text: text.replace("\n", "\r").encode("utf-8"),
    "page break and vertical tab": lambda text: (
        text.replace("\n\nEDUCATION", "\n\fEDUCATION")
        .replace("\n\nEXPERIENCE", "\n\vEXPERIENCE")
        .encode("utf-8")
    ),
    "mojibake (UTF-8 read as cp1252, saved as UTF-8)": lambda text: (
        text.encode("utf-8").decode("cp1252", errors="tailor-test-c1").encode("utf-8")
    ),
}


def parsed(result: Result) -> dict[str, Any]:
    """Gives the profile `tailor parse --format json` printed, without its source path."""
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    data.pop("source")
    return data


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_encodings_parse_like_utf8(tmp_path: Path, encoding: str) -> None:
    expected = parsed(invoke("parse", "--format", "json", write(tmp_path / "u.txt", LATIN_CV)))
    cv = tmp_path / "cv.txt"
    cv.write_bytes(ENCODINGS[encoding](LATIN_CV))
    assert parsed(invoke("parse", "--format", "json", cv)) == expected


def test_latin1_parses_like_utf8(tmp_path: Path) -> None:
    expected = parsed(invoke("parse", "--format", "json", write(tmp_path / "u.txt", LATIN1_CV)))
    cv = tmp_path / "cv.txt"
    cv.write_bytes(LATIN1_CV.encode("latin-1"))
    assert parsed(invoke("parse", "--format", "json", cv)) == expected


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def posting_keywords(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Gives the keywords match finds in the UTF-8 posting."""
    return keywords_of(POSTING, tmp_path_factory.mktemp("baseline"))


def keywords_of(posting: Path, out: Path) -> list[str]:
    result = invoke("match", posting, "--profile", MASTER_CV, "--out", out)
    assert result.exit_code == 0, result.output
    data = json.loads((out / "result.json").read_text(encoding="utf-8"))
    return [keyword["term"] for keyword in data["keywords"]]


@pytest.mark.parametrize("encoding", ["utf-16 with BOM (Notepad)", "cp1252", "CRLF", "lone CR"])
def test_postings_in_any_encoding_give_the_same_keywords(
    tmp_path: Path, encoding: str, posting_keywords: list[str]
) -> None:
    text = POSTING.read_text(encoding="utf-8")
    posting = tmp_path / "posting"  # no suffix: read as text
    posting.write_bytes(ENCODINGS[encoding](text))
    assert keywords_of(posting, tmp_path / "out") == posting_keywords


def test_a_cv_without_suffix_and_with_control_characters_is_tailored(tmp_path: Path) -> None:
    text = MASTER_CV.read_text(encoding="utf-8")
    cv = tmp_path / "cv"
    # Word's manual line break (\v), a stray escape and a NUL-free bell from copy and paste.
    cv.write_text(text.replace("- Developed", "- Developed\x1b[0m\x07", 2), encoding="utf-8")
    result = invoke("match", POSTING, "--profile", cv, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    structured = tmp_path / "cv.json"
    structured.write_text(
        '{"basics": {"name": "Jane\\u000bDoe\\ud800"}, "work": [{"name": "Acme\\u0001", '
        '"position": "ML Engineer", "highlights": ["Built Python\\u000b pipelines\\u000c in '
        'PyTorch for computer vision"]}]}',
        encoding="utf-8",
    )
    result = invoke("match", POSTING, "--profile", structured, "--out", tmp_path / "out2")
    assert result.exit_code == 0, result.output
    markdown = (tmp_path / "out2" / "resume.md").read_text(encoding="utf-8")
    assert "# Jane Doe" in markdown and "Built Python pipelines in PyTorch" in markdown


# --- templates and the output folder ------------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "line", "says"),
    [("# {{ name }}\n{% for s in sections %}\n{{ s.title }\n{% endfor %}\n", 3, "syntax error"),
     ("# {{ name }}\n\n{{ no_such_value }}\n", 3, "'no_such_value' is undefined"),
     ("# {{ name }}\n{% for s in sections %}\n{{ s.no_such_field.x }}\n{% endfor %}\n", 3,
      "undefined value"),
     ("# {{ name }}\n\n{{ 1 / 0 }}\n", 3, "ZeroDivisionError")],
)  # fmt: skip
def test_a_broken_template_names_its_file_and_line(
    tmp_path: Path, template: str, line: int, says: str
) -> None:
    path = write(tmp_path / "mine.md.j2", template)
    out = tmp_path / "out"
    result = invoke("match", POSTING, "--profile", MASTER_CV, "--out", out, "--template", path)
    assert_one_clear_error(result, f"{path}:{line}:", says)
    assert not out.exists()


def test_a_broken_template_in_the_templates_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "templates").mkdir()
    report = write(tmp_path / "templates" / "report.md.j2", "# Report\n\n{{ result.nothing }}\n")
    monkeypatch.chdir(tmp_path)
    result = invoke("match", POSTING, "--profile", MASTER_CV, "--out", tmp_path / "out")
    assert_one_clear_error(result, f"{report}:3:", "undefined value")


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """Gives a folder with a copy of the posting (posting.txt) and of the CV (profile/cv.txt)."""
    shutil.copy(POSTING, tmp_path / "posting.txt")
    (tmp_path / "profile").mkdir()
    shutil.copy(MASTER_CV, tmp_path / "profile" / "cv.txt")
    write(tmp_path / "file.txt", "not a folder")
    return tmp_path


@pytest.mark.parametrize(
    ("out", "says"),
    [("file.txt/out", "cannot make the output folder: "),
     ("file.txt", "cannot make the output folder: the output path is a file"),
     ("posting.txt", "the output folder is the posting file"),
     (".", "the output folder is the posting's folder"),
     ("profile", "the output folder is the profile folder"),
     ("profile/cv.txt", "the output folder is the CV file")],
)  # fmt: skip
def test_an_output_folder_that_cannot_be_used(inputs: Path, out: str, says: str) -> None:
    before = digests(inputs)
    result = invoke(
        "match", inputs / "posting.txt", "--profile", inputs / "profile" / "cv.txt",
        "--out", inputs / out,
    )  # fmt: skip
    assert_one_clear_error(result, inputs / out, says)
    assert digests(inputs) == before


def test_an_output_that_is_a_folder_stops_before_any_file_is_written(inputs: Path) -> None:
    out = inputs / "out"
    (out / "resume.md").mkdir(parents=True)
    result = invoke("match", inputs / "posting.txt", "--profile", inputs / "profile", "--out", out)
    assert_one_clear_error(result, out, "resume.md is a folder in the output folder")
    assert [path.name for path in out.iterdir()] == ["resume.md"]


def test_out_may_not_hold_the_template_or_the_reference_docx(inputs: Path) -> None:
    template = write(inputs / "out" / "mine.md.j2", "# {{ name }}\n")
    result = invoke(
        "match", inputs / "posting.txt", "--profile", inputs / "profile",
        "--out", inputs / "out", "--template", template,
    )  # fmt: skip
    assert_one_clear_error(result, inputs / "out", "the output folder is the template's folder")


# --- nothing lost -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tailored_vision(master: Profile, vision_posting: Posting) -> Any:
    from tailor.pipeline import tailor

    return tailor(master, vision_posting)


def no_temporary_files(folder: Path) -> bool:
    return not [path for path in folder.rglob("*") if path.name.startswith(".")]


def test_a_failed_render_writes_nothing(
    tmp_path: Path, tailored_vision: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tailor.workflow import write_outputs

    def broken(*args: object, **kwargs: object) -> str:
        raise TailorError("simulated failure in the middle of rendering")

    # report.md is rendered after the résumé files: they are in memory when it fails.
    monkeypatch.setattr("tailor.render.markdown.render_report_markdown", broken)
    out = tmp_path / "out"
    with pytest.raises(TailorError, match="simulated"):
        write_outputs(tailored_vision, out)
    assert not out.exists()
    # Through the command line, with the outputs of an earlier run in place: they stay as they are.
    out.mkdir()
    (out / "resume.md").write_text("an earlier résumé\n", encoding="utf-8")
    before = digests(out)
    result = invoke("match", POSTING, "--profile", MASTER_CV, "--out", out)
    assert result.exit_code == 2 and "simulated failure" in result.output
    assert digests(out) == before and no_temporary_files(out)


def test_a_failed_write_leaves_no_partial_file_and_the_earlier_outputs(
    tmp_path: Path, tailored_vision: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tailor.workflow import write_outputs

    out = tmp_path / "out"
    written = write_outputs(tailored_vision, out)
    assert set(OUTPUTS) <= set(written.files)
    before = digests(out)
    real_fdopen = os.fdopen
    calls = []

    def disk_full_on_the_third(handle: int, *args: Any, **kwargs: Any) -> Any:
        calls.append(handle)
        stream = real_fdopen(handle, *args, **kwargs)
        if len(calls) == 3:
            stream.write(b"half a file")
            stream.close()
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return stream

    # write_temporary opens each temporary file through os.fdopen.
    monkeypatch.setattr(os, "fdopen", disk_full_on_the_third)
    with pytest.raises(OutputError, match="No space left on device"):
        write_outputs(tailored_vision, out)
    assert digests(out) == before and no_temporary_files(out)
    calls.clear()
    fresh = tmp_path / "fresh"
    with pytest.raises(OutputError):
        write_outputs(tailored_vision, fresh)
    assert list(fresh.iterdir()) == []


def test_write_atomic_leaves_the_old_file_when_the_rename_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tailor.workflow import write_atomic

    target = write(tmp_path / "resume.md", "old\n")

    def refuse(self: Path, target: Path) -> Path:
        raise PermissionError(errno.EACCES, "simulated")

    monkeypatch.setattr(Path, "replace", refuse)
    with pytest.raises(PermissionError):
        write_atomic(target, b"new\n")
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [path.name for path in tmp_path.iterdir()] == ["resume.md"]


def test_no_command_changes_an_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tailor.render.templates import shipped_templates

    inputs = tmp_path / "inputs"
    (inputs / "profile").mkdir(parents=True)
    shutil.copy(MASTER_CV, inputs / "profile" / "cv.txt")
    shutil.copy(POSTING, inputs / "posting.txt")
    shutil.copy(JOB_POSTS / "mlops-engineer.txt", inputs / "second.txt")
    shutil.copy(shipped_templates() / "resume.md.j2", inputs / "mine.md.j2")
    shutil.copy(shipped_templates() / "reference.docx", inputs / "styles.docx")
    (inputs / "templates").mkdir()
    edited = "{# my edits #}\n" + (shipped_templates() / "resume.md.j2").read_text(encoding="utf-8")
    write(inputs / "templates" / "resume.md.j2", edited)
    before = digests(inputs)
    monkeypatch.chdir(inputs)
    profile = ["--profile", "profile/cv.txt"]
    runs: list[list[str | Path]] = [
        ["match", "posting.txt", *profile, "--out", tmp_path / "out1"],
        ["match", "posting.txt", "--out", tmp_path / "out2", "--template", "mine.md.j2",
         "--reference-docx", "styles.docx"],
        ["match", "-", *profile, "--out", tmp_path / "out3"],
        ["parse", "profile/cv.txt"],
        ["parse", "profile", "--format", "yaml"],
        ["rank", ".", *profile, "--format", "csv"],
        ["init", "templates"],
    ]  # fmt: skip
    if "report" in COMMANDS:
        runs.append(["report", "posting.txt", *profile, "--format", "md"])
    for args in runs:
        stdin = POSTING.read_text(encoding="utf-8") if "-" in args else None
        result = invoke(*args, stdin=stdin)
        assert result.exit_code == 0, (args, result.output)
    after = digests(inputs)
    assert {name: after[name] for name in before} == before
    # init added the missing templates beside the edited one, which it kept.
    assert set(after) - set(before) <= {
        f"templates/{path.name}" for path in shipped_templates().iterdir()
    }


# --- hostile content -----------------------------------------------------------------------------

HOSTILE_CV = """# Jane Doe

jane@example.com | [site](javascript:alert('contact'))

## Experience

### Acme <b>Robotics</b>, Machine Learning Engineer (2020 - 2023)

- Built Python <script>alert(1)</script> pipelines for PyTorch model training
- Shipped [click me](javascript:alert(1)) computer vision models with {{ 7*7 }} accuracy gains
- Led {% for x in range(3) %}{{ x }}{% endfor %} Kubernetes deployments of deep learning services
- Kept <img src=x onerror=alert(1)> and &lt;b&gt; text with AT&T data in Python reports

## Skills

- **Languages:** Python, C++, <script>x</script>, {{ 7*7 }}
"""
HOSTILE_POSTING = """Machine Learning Engineer <script>alert('title')</script>
Acme Corp

Requirements
- 3+ years of Python and PyTorch <script>alert(2)</script> experience
- Experience with Kubernetes and [docs](javascript:alert(3)) for {{ 7*7 }} teams
- Knowledge of computer vision, deep learning and Rust <img src=x onerror=alert(4)>
- Familiarity with Scala {% for x in y %} and Haskell {% raw %}
"""
LITERAL = [
    "<script>alert(1)</script>",
    "[click me](javascript:alert(1))",
    "with {{ 7*7 }} accuracy",
    "{% for x in range(3) %}{{ x }}{% endfor %}",
]
EVALUATED = ["with 49 accuracy", "Led 012 Kubernetes", "Led  Kubernetes"]


@pytest.fixture(scope="module")
def hostile_outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Gives the output folder of match on a hostile CV and a hostile posting."""
    folder = tmp_path_factory.mktemp("hostile")
    write(folder / "cv.md", HOSTILE_CV)
    write(folder / "posting.txt", HOSTILE_POSTING)
    out = folder / "out"
    result = invoke("match", folder / "posting.txt", "--profile", folder / "cv.md", "--out", out)
    assert result.exit_code == 0, result.output
    return out


def test_hostile_text_is_literal_in_the_docx_and_json(hostile_outputs: Path) -> None:
    from tailor.render.docx import read_docx_text

    docx_bytes = (hostile_outputs / "resume.docx").read_bytes()
    text = "\n".join(read_docx_text(docx_bytes))
    items = json.loads((hostile_outputs / "result.json").read_text(encoding="utf-8"))["items"]
    shown = "\n".join(item["text"] for item in items)
    for literal in LITERAL:
        assert literal in text and literal in shown
    for evaluated in EVALUATED:
        assert evaluated not in text and evaluated not in shown
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as package:
        relationships = package.read("word/_rels/document.xml.rels").decode()
    assert "javascript" not in relationships.lower()


@pytest.mark.parametrize("name", ["resume.md", "report.md"])
def test_hostile_text_is_literal_and_inert_in_markdown(hostile_outputs: Path, name: str) -> None:
    markdown = (hostile_outputs / name).read_text(encoding="utf-8")
    assert "<script" not in markdown and "<img" not in markdown and "<b>" not in markdown
    assert "{{ 7*7 }}" in markdown
    for evaluated in EVALUATED:
        assert evaluated not in markdown
    markdown_it = pytest.importorskip("markdown_it")
    html = markdown_it.MarkdownIt("commonmark", {"html": True}).render(markdown)
    # As a viewer renders it (raw HTML allowed, as on GitHub before its sanitiser): no tag from
    # the inputs, and every link goes to a web or mail address.
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert all(
        target.startswith(("https://", "http://", "mailto:"))
        for target in re.findall(r'(?:href|src)="([^"]*)"', html)
    )
    if name == "resume.md":
        # Shown as written: the viewer prints what the CV says.
        for literal in ("<script>alert(1)</script>", "{{ 7*7 }}", "<b>Robotics</b>"):
            assert literal.replace("<", "&lt;").replace(">", "&gt;") in html
        assert "[click me](javascript:alert(1))" in html
        assert "&amp;lt;b&amp;gt;" in html and "AT&amp;T" in html


def test_hostile_text_is_inert_in_the_html_report(hostile_outputs: Path) -> None:
    page = hostile_outputs / "report.html"
    if not page.exists():
        pytest.skip("no report.html yet")
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert "{{ 7*7 }}" in html and "with 49 accuracy" not in html


def test_hostile_name_and_skills_from_a_structured_cv(tmp_path: Path) -> None:
    cv = tmp_path / "cv.json"
    cv.write_text(
        json.dumps(
            {
                "basics": {"name": "Jane <script>alert(1)</script> {{ 7*7 }}"},
                "work": [
                    {
                        "name": "Acme",
                        "position": "Machine Learning Engineer",
                        "highlights": ["Built Python and PyTorch <b>vision</b> models {{ 7*7 }}"],
                    }
                ],
                "skills": [{"name": "<i>Languages</i>", "keywords": ["Python", "{{ 7*7 }}"]}],
            }
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = invoke("match", POSTING, "--profile", cv, "--out", out)
    assert result.exit_code == 0, result.output
    markdown = (out / "resume.md").read_text(encoding="utf-8")
    assert "# Jane &lt;script>alert(1)&lt;/script> {{ 7*7 }}" in markdown
    assert "<" not in markdown.replace("&lt;", "")
    assert "{{ 7*7 }}" in markdown and "49" not in markdown


# --- the shared corpus ---------------------------------------------------------------------------

CORPUS = SHARED / "corpus"


def corpus_files(kind: str) -> list[Path]:
    folder = CORPUS / kind
    return sorted(folder.iterdir()) if folder.is_dir() else []


@needs_shared
@pytest.mark.parametrize("path", corpus_files("resumes"), ids=lambda path: path.name)
def test_every_corpus_cv_parses_or_says_why(path: Path) -> None:
    from tailor.errors import InputError
    from tailor.parse import load_profile
    from tailor.show import profile_tree

    try:
        profile = load_profile(path)
    except InputError as error:
        # A layout the text reader cannot split yet: one line that names the file and says why.
        assert error.path == str(path) and "found no entries or bullets" in error.message
        return
    assert profile.source == str(path)
    assert Profile.model_validate_json(profile.model_dump_json()) == profile
    tree = profile_tree(profile)
    for section in profile.sections:
        assert section.heading in tree
    assert any(True for _ in profile.items()) or any(s.skills for s in profile.sections)


@needs_shared
def test_every_corpus_posting_gives_complete_outputs(master: Profile, tmp_path: Path) -> None:
    from tailor.pipeline import tailor
    from tailor.workflow import load_posting, write_outputs

    postings = corpus_files("postings")
    assert len(postings) >= 50
    every_item = sorted(item.id for item in master.items())
    for path in postings:
        tailored = tailor(master, load_posting(path))
        outputs = write_outputs(tailored, tmp_path / path.stem)
        assert set(OUTPUTS) <= set(outputs.files), path.name
        for name, written in outputs.files.items():
            assert written.stat().st_size > 0, (path.name, name)
        result = json.loads((tmp_path / path.stem / "result.json").read_text(encoding="utf-8"))
        assert sorted(item["id"] for item in result["items"]) == every_item, path.name
        assert result["keywords"], path.name
    assert no_temporary_files(tmp_path)


def test_report_takes_the_same_limits_and_profile_folder(tmp_path: Path) -> None:
    folder = tmp_path / "profile"
    folder.mkdir()
    shutil.copy(MASTER_CV, folder / "cv.txt")
    assert invoke("report", POSTING, "--profile", folder, "--format", "json").exit_code == 0
    result = invoke("report", POSTING, "--profile", folder, "--max-size", "0.001")
    assert_one_clear_error(result, folder / "cv.txt", "over the 0.001 MB limit")
