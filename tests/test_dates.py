from __future__ import annotations

import pytest

from tailor.parse.dates import is_date_line, parse_range


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Sept. 2019 to June 2022", "2019-09", "2022-06"),
        ("Aug. 2023 - Jan. 2024", "2023-08", "2024-01"),
        ("July 2022 - Present", "2022-07", "present"),
        ("Apr. 2023 to Present", "2023-04", "present"),
        ("2019 – 2022", "2019", "2022"),
        ("03/2021 – present", "2021-03", "present"),
        ("2020-01", "2020-01", "2020-01"),
        ("Summer 2017", "2017-06", "2017-06"),
        ("2017", "2017", "2017"),
    ],
)
def test_date_formats(text: str, start: str, end: str) -> None:
    assert is_date_line(text)
    assert parse_range(text) == (start, end)


@pytest.mark.parametrize("text", ["GPA 3.35/4", "Patent, China, 2024", "Led a team of 7"])
def test_not_date_lines(text: str) -> None:
    assert not is_date_line(text)
