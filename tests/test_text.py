from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tailor.text import inline_runs, strip_inline_marks


@pytest.mark.parametrize(
    ("written", "plain"),
    [
        ("Advised by [Dr. Xuemeng Song](#) and [Prof. Liqiang Nie](#)",
         "Advised by Dr. Xuemeng Song and Prof. Liqiang Nie"),
        ("capabilities[[News!](#)].", "capabilities[News!]."),
        ("in *computer vision* and *knowledge distillation*.",
         "in computer vision and knowledge distillation."),
        ("**Computational:** Python, C++, C, CUDA, Verilog, \\LaTeX",
         "Computational: Python, C++, C, CUDA, Verilog, LaTeX"),
        ("improved 2*3 and 4 * 5", "improved 2*3 and 4 * 5"),
    ],
)  # fmt: skip
def test_strip_inline_marks(written: str, plain: str) -> None:
    assert strip_inline_marks(written) == plain


def test_inline_runs_keep_bold_italic_and_real_links() -> None:
    runs = inline_runs("**Led** a *team* at [Lab](https://lab.example) and [here](#)")
    assert ("Led", True, False, None) in runs
    assert ("team", False, True, None) in runs
    assert ("Lab", False, False, "https://lab.example") in runs
    assert ("here", False, False, None) in runs


@given(st.text(max_size=200))
def test_runs_and_plain_text_agree(text: str) -> None:
    joined = "".join(run[0] for run in inline_runs(text))
    assert " ".join(joined.split()) == " ".join(strip_inline_marks(text).split()) or "_" in text
