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
