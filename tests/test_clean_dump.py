"""The text-dump cleaner on page dumps written for these tests (the shapes seen in real
scraped input: repeated headlines, captions, logo marks, trailers, appended articles)."""

from __future__ import annotations

from rashomon.clean.dump import is_caption, is_noise, split_dump, trailer_outlet
from rashomon.lexicons import cleaning

HEADLINE = "Port Strike Enters Second Week as Talks Stall in Basra"
CAPTION = "Cranes stand idle at the container terminal in Umm Qasr (File photo: Reuters)"
SECOND_HEADLINE = "Heavy Rain Cuts Power to Thousands Across Northern Cyprus"
SECOND_CAPTION = "A flooded street in Kyrenia, Thursday, Jan. 9, 2025. (AP)"

BODY_ONE = [
    "Dockworkers at Iraq's main port extended their strike on Monday, leaving hundreds of "
    "containers stranded on the quay.",
    "Union leader Samira Al-Jubouri said the workers would not return until unpaid wages "
    "were settled. “We have waited four months,” she said.",
    "The ports authority said talks would resume on Wednesday.",
]
BODY_TWO = [
    "Storms swept across the north of the island overnight, cutting electricity to about "
    "12,000 homes, the power utility said.",
    "Emergency crews cleared fallen trees from the coastal road by midday.",
]


def page_dump() -> str:
    header = [HEADLINE, "", CAPTION, CAPTION, "PW", "", HEADLINE, "", CAPTION, CAPTION, " ", ""]
    second = [
        "",
        "",
        "",
        SECOND_HEADLINE,
        "",
        SECOND_CAPTION,
        SECOND_CAPTION,
        "PW",
        "",
        SECOND_HEADLINE,
        "",
        SECOND_CAPTION,
        "",
    ]
    lines = header + [p + " " for p in BODY_ONE] + ["", "QUAY SIDE", ""] + second
    lines += [p for para in BODY_TWO for p in (para, "")]
    return "\n".join(lines)


def test_dump_splits_appended_article_and_strips_furniture() -> None:
    articles = split_dump(page_dump())
    assert [a.title for a in articles] == [HEADLINE, SECOND_HEADLINE]
    first, second = articles
    assert list(first.paragraphs) == [*BODY_ONE, "QUAY SIDE"]
    assert first.captions == (CAPTION,)
    assert list(second.paragraphs) == BODY_TWO
    assert second.captions == (SECOND_CAPTION,)
    for article in articles:
        body = "\n".join(article.paragraphs)
        assert "PW" not in body.split("\n")
        assert len(article.paragraphs) == len(set(article.paragraphs))


def test_dump_without_title_takes_outlet_from_trailer() -> None:
    text = "\n".join([*BODY_ONE, "Source : The Harbour Ledger"])
    (article,) = split_dump(text)
    assert article.title is None
    assert article.source == "The Harbour Ledger"
    assert list(article.paragraphs) == BODY_ONE


def test_dump_title_byline_and_dated_line_are_metadata() -> None:
    text = "\n".join(
        [
            HEADLINE,
            "By Omar Haddad, Basra Daily Wire",
            "Published 10 March 2025, 09:00 GMT",
            "",
            *BODY_ONE,
        ]
    )
    (article,) = split_dump(text)
    assert article.title == HEADLINE
    assert article.source == "Basra Daily Wire"
    assert article.header_lines[1].startswith("Published")
    assert list(article.paragraphs) == BODY_ONE


def test_dump_copyright_trailer_and_outlet_date_line() -> None:
    text = "\n".join(
        [
            HEADLINE,
            "Gulf Coast Monitor — Monday, 10 March 2025",
            "",
            *BODY_ONE,
            "",
            "© 2025 Gulf Coast Monitor. All rights reserved.",
        ]
    )
    (article,) = split_dump(text)
    assert article.source == "Gulf Coast Monitor"
    assert list(article.paragraphs) == BODY_ONE


def test_dump_joins_hard_wrapped_lines_but_not_paragraphs() -> None:
    text = (
        "Talks on the new port fees resumed on Monday after\n"
        "a two-week pause, officials said.\n\nA second round is due in April."
    )
    (article,) = split_dump(text)
    assert article.paragraphs == (
        "Talks on the new port fees resumed on Monday after a two-week pause, officials said.",
        "A second round is due in April.",
    )


def test_dump_line_shapes() -> None:
    lex = cleaning()
    assert is_caption("Protesters gather outside parliament, Friday. (AP Photo/Jane Roe)", lex)
    assert is_caption("Photo: the damaged bridge near Mosul", lex)
    assert not is_caption("The minister said the bridge would reopen (eventually).", lex)
    assert is_noise("TT", lex) and is_noise("Advertisement", lex) and is_noise("•", lex)
    assert not is_noise("Iraq", lex)
    assert trailer_outlet("Source: Levant Daily", lex) == "Levant Daily"
    assert (
        trailer_outlet(
            "Source: a senior official who asked not to be named said the plan was dropped.", lex
        )
        is None
    )
