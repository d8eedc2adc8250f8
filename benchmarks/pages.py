"""How well tailor's page estimate holds: its DOCX printed by LibreOffice, pages counted.

    python benchmarks/pages.py [--pages 1 2] [--postings DIR] [--profiles CV|DIR ...] [--fill]
                               [--reference-docx FILE]

For each master CV (profile/master_cv.txt, or each CV given, e.g. ../shared/corpus/resumes),
each example posting in job_posts/ (or each posting in DIR, e.g. ../shared/corpus/postings) and
each page budget (with --fill: pages filled as full as the estimate allows), tailor selects
under its line estimate (result.budget: lines used of lines available, LINES_PER_PAGE lines a
page), writes the DOCX with the default reference document, and LibreOffice (soffice) converts
it to PDF. The table
gives the estimate in pages (lines used / LINES_PER_PAGE), the pages of the PDF, and, where
poppler's pdftotext is installed, how far down the last page the text reaches (the printed length
in pages, e.g. 1.93 = the second page 93 % full), so the error of the estimate is measurable
before it costs a page.

Needs LibreOffice: apt-get install libreoffice-writer poppler-utils (Debian/Ubuntu). The fonts
matter: without Calibri, LibreOffice uses the metric-compatible Carlito (fonts-crosextra-carlito);
without either, lines break elsewhere and the figures mean little.
"""

from __future__ import annotations

import argparse
import io
import itertools
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORD_BOX = re.compile(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)"')
PAGE_BOX = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


def printed_length(pdf: bytes, *, top: float, bottom: float) -> float | None:
    """Gives the printed length in pages: full pages plus how far down the last page text goes.

    ``top`` and ``bottom`` are the page margins in points; None where pdftotext is missing.
    """
    program = shutil.which("pdftotext")
    if program is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "resume.pdf"
        source.write_bytes(pdf)
        done = subprocess.run(
            [program, "-bbox", str(source), "-"], capture_output=True, text=True, check=True
        )
    pages = PAGE_BOX.findall(done.stdout)
    if not pages:
        return None
    _, height, words = pages[-1]
    lowest = max((float(y) for y in WORD_BOX.findall(words)), default=top)
    fill = (lowest - top) / (float(height) - top - bottom)
    return len(pages) - 1 + max(0.0, min(1.0, fill))


def main() -> int:
    """Prints the table of estimated and printed pages; gives the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=float, nargs="+", default=[1.0, 2.0])
    parser.add_argument("--postings", type=Path, default=ROOT / "job_posts")
    parser.add_argument(
        "--profiles", type=Path, nargs="+", default=[ROOT / "profile" / "master_cv.txt"]
    )
    parser.add_argument("--fill", action="store_true")
    parser.add_argument("--reference-docx", type=Path, default=None)
    args = parser.parse_args()
    profiles = sorted(
        path
        for given in args.profiles
        for path in (given.iterdir() if given.is_dir() else [given])
        if path.is_file() and not path.name.startswith(".")
    )

    import docx
    from docx.shared import Length

    from tailor.parse import load_profile
    from tailor.pipeline import tailor
    from tailor.render.docx import render_resume_docx
    from tailor.render.pdf import convert_docx_to_pdf, count_pdf_pages, find_soffice
    from tailor.select import LINES_PER_PAGE
    from tailor.workflow import load_posting

    if find_soffice() is None:
        print("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer")
        return 2
    print(f"LINES_PER_PAGE = {LINES_PER_PAGE}")
    print()
    print(
        "| master CV | posting | --pages | lines used / available | estimate (pages) "
        "| PDF pages | printed |"
    )
    print("|---|---|---|---|---|---|---|")
    over = 0
    rows = 0
    errors: list[float] = []
    started = time.perf_counter()
    postings = sorted(p for p in args.postings.iterdir() if p.suffix in {".txt", ".md"})
    for cv, path, pages in itertools.product(profiles, postings, args.pages):
        master, posting = load_profile(cv), load_posting(path)
        tailored = tailor(master, posting, pages=pages, fill=args.fill)
        budget = tailored.result.budget
        data = render_resume_docx(tailored, reference=args.reference_docx)
        pdf = convert_docx_to_pdf(data)
        printed_pages = count_pdf_pages(pdf)
        section = docx.Document(io.BytesIO(data)).sections[-1]
        top, bottom = Length(section.top_margin or 0).pt, Length(section.bottom_margin or 0).pt
        length = printed_length(pdf, top=top, bottom=bottom)
        estimate = budget.lines_used / LINES_PER_PAGE
        if length is not None:
            errors.append(length - estimate)
        rows += 1
        over += printed_pages > pages
        print(
            f"| {cv.stem} | {path.stem} | {pages:g} "
            f"| {budget.lines_used} / {budget.lines_available} | {estimate:.2f} | {printed_pages} "
            f"| {'-' if length is None else f'{length:.2f}'} |"
        )
    print()
    print(f"{rows - over} of {rows} résumés print within their page budget")
    if errors:
        mean = sum(errors) / len(errors)
        worst = max(errors, key=abs)
        print(f"printed minus estimated length: mean {mean:+.2f} pages, worst {worst:+.2f}")
    print(f"{time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
