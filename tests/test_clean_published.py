from __future__ import annotations

from datetime import date

import pytest

from rashomon.clean.published import find_date, parse_published


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Smoke rises over the port, Tuesday, Nov. 12, 2024. (AP)", date(2024, 11, 12)),
        ("Published 4 March 2025, 14:20 GMT", date(2025, 3, 4)),
        ("Updated: 2025-03-05T10:00:00+03:00", date(2025, 3, 5)),
        ("on the 1st of September 2023 the talks began", date(2023, 9, 1)),
        ("Sept. 30 2022", date(2022, 9, 30)),
    ],
)
def test_published_find_date_reads_written_dates(text: str, expected: date) -> None:
    found = find_date(text, "test")
    assert found is not None and found.date == expected and found.precision == "day"


@pytest.mark.parametrize(
    "text",
    ["on 23 August", "on Sunday", "Feb. 30, 2024", "in the year 12", "version 2.1.3"],
)
def test_published_find_date_never_invents_a_year_or_a_day(text: str) -> None:
    assert find_date(text, "test") is None


@pytest.mark.parametrize(
    ("value", "expected", "precision"),
    [
        ("2025-03-05", date(2025, 3, 5), "day"),
        ("2025-03", date(2025, 3, 1), "month"),
        ("March 2025", date(2025, 3, 1), "month"),
        ("2025", date(2025, 1, 1), "year"),
    ],
)
def test_published_parse_published_keeps_precision(
    value: str, expected: date, precision: str
) -> None:
    found = parse_published(value, "feed field")
    assert found is not None and (found.date, found.precision) == (expected, precision)
    assert found.evidence == "feed field"


def test_published_parse_published_rejects_noise() -> None:
    assert parse_published("yesterday", "feed field") is None
