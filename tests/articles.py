"""Article texts made up for tests: distinct, realistic enough for the NLP model."""

from __future__ import annotations

from pathlib import Path

TOWNS = ["Basra", "Mosul", "Tyre", "Sidon", "Irbid", "Zarqa", "Homs", "Latakia", "Aswan", "Tanta"]
PEOPLE = ["Samira Al-Jubouri", "Omar Haddad", "Leila Nassar", "Yusuf Karimi", "Hana Mansour"]
OUTLETS = ["Harbour Ledger", "Desert Courier", "Coastal Times", "River Post"]


def article_text(number: int) -> str:
    town = TOWNS[number % len(TOWNS)]
    person = PEOPLE[number % len(PEOPLE)]
    outlet = OUTLETS[number % len(OUTLETS)]
    return (
        f"Water Shortage Hits {town} for Day {number}\n\n"
        f"Residents of {town} queued for drinking water on Monday after the main pumping "
        f"station failed for the {number}th time this year, local officials said.\n\n"
        f"“We are doing everything we can,” said {person}, the head of the municipal water "
        f"board, adding that {number + 3} tanker trucks had been sent to the worst-hit "
        "districts.\n\n"
        f"The ministry of water resources said repairs would take at least {number % 5 + 2} "
        "days.\n\n"
        f"Source : {outlet}\n"
    )


def write_articles(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"article_{number:03d}.txt"
        path.write_text(article_text(number), encoding="utf-8")
        paths.append(path)
    return paths


# A conflict report for the extraction tests: quotes with a pronoun and a role as
# attribution, casualty figures, relative dates, a denial.
CONFLICT_TITLE = "Drone Strike Kills Four Near Port of Aden, Officials Say"
CONFLICT_TEXT = (
    "A drone strike killed four people in the coastal village of Ras Imran on Tuesday, "
    "local officials said.\n\n"
    "Interior Minister Salem Bakhit told Aden Radio that at least 11 others were wounded. "
    "“We will find those responsible,” he said.\n\n"
    "The minister added that there was no mobilization of troops in the city.\n\n"
    "On Monday, about 2,000 protesters marched through the capital to demand pay rises."
)


def write_conflict_feed(path: Path) -> Path:
    """The conflict report as one JSONL record, published 2025-03-12 (a Wednesday)."""
    import json

    record = {
        "title": CONFLICT_TITLE,
        "text": CONFLICT_TEXT,
        "source": "Gulf Ledger",
        "published": "2025-03-12",
        "url": "https://gulf-ledger.example/aden-strike",
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path
