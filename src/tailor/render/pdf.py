"""The résumé as PDF, converted from its DOCX by LibreOffice, and the pages of a PDF counted.

LibreOffice is an optional, external program: where it is missing, asking for a PDF is a
TailorError with an install hint, and everything else works without it.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from tailor.errors import TailorError

PROGRAMS = ("soffice", "libreoffice")
# Where the macOS and Windows installers put it, which is not on the PATH.
INSTALLED = (
    Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
    Path("C:/Program Files/LibreOffice/program/soffice.exe"),
)
INSTALL_HINT = (
    "install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer; "
    "macOS: brew install --cask libreoffice), or print resume.docx to PDF from Word"
)
TIMEOUT_SECONDS = 180
PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
PDF_DATE = re.compile(rb"(/(?:CreationDate|ModDate)\s*\(D:)(\d{14})")
PDF_ID = re.compile(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]{32})(>\s*<)([0-9A-Fa-f]{32})(>)")
PDF_CHECKSUM = re.compile(rb"(/DocChecksum\s*/)([0-9A-Fa-f]{32})")


def find_soffice() -> str | None:
    """Gives the path of LibreOffice's soffice program, or None where it is not installed."""
    for name in PROGRAMS:
        found = shutil.which(name)
        if found:
            return found
    return next((str(path) for path in INSTALLED if path.is_file()), None)


def convert_docx_to_pdf(
    data: bytes, *, soffice: str | None = None, timeout: float = TIMEOUT_SECONDS
) -> bytes:
    """Gives the PDF of a DOCX as LibreOffice prints it, with fixed dates and ids."""
    program = soffice or find_soffice()
    if program is None:
        raise TailorError("LibreOffice (soffice) is not installed: no PDF", hint=INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="tailor-pdf-") as folder:
        work = Path(folder)
        source = work / "resume.docx"
        source.write_bytes(data)
        command = [
            program,
            # A private profile: a LibreOffice the user has open would otherwise take the job
            # and return without converting anything.
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as error:
            raise TailorError(
                f"LibreOffice took longer than {timeout:.0f} s to convert the résumé to PDF",
                hint="close other LibreOffice windows and try again, or skip --format pdf",
            ) from error
        except OSError as error:
            raise TailorError(
                f"cannot run LibreOffice: {error.strerror}", path=program, hint=INSTALL_HINT
            ) from error
        target = work / "resume.pdf"
        if done.returncode != 0 or not target.is_file():
            message = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise TailorError(
                "LibreOffice could not convert the résumé to PDF"
                + (f": {message[-1]}" if message else ""),
                hint="check that 'soffice --headless --convert-to pdf' works on this machine",
            )
        return fix_pdf_metadata(target.read_bytes(), seed=data)


def fix_pdf_metadata(pdf: bytes, *, seed: bytes) -> bytes:
    """Gives the PDF with its dates, id and checksum fixed, so the same DOCX gives the same bytes.

    Every replacement has the length of what it replaces, so the cross-reference offsets stay.
    """
    digest = hashlib.md5(seed, usedforsecurity=False).hexdigest().upper().encode()
    pdf = PDF_DATE.sub(rb"\g<1>20000101000000", pdf)
    pdf = PDF_ID.sub(rb"\g<1>" + digest + rb"\g<3>" + digest + rb"\g<5>", pdf)
    return PDF_CHECKSUM.sub(rb"\g<1>" + digest, pdf)


def count_pdf_pages(pdf: bytes) -> int:
    """Gives the number of pages of a PDF written without object streams (as LibreOffice does)."""
    pages = len(PAGE.findall(pdf))
    if pages == 0:
        raise TailorError(
            "cannot count the pages of the PDF", hint="open it in a PDF viewer to count them"
        )
    return pages
