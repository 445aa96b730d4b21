"""Titles and outlets as cleaning sets them: page titles without the outlet around the
headline, a lede title for an article without one, the outlet from the page's declared
site name or its domain (never a title fragment or a URL), and from the text ("told X")
only when nothing else names it. Pages and texts are written for these tests."""

from __future__ import annotations

import pytest

from rashomon.clean import clean_document
from rashomon.clean.outlets import outlet_table, text_outlet
from rashomon.clean.titles import lede_title, title_lexicon, without_outlet
from rashomon.options import Options
from rashomon.records import Article, Document, FeedFields, content_hash

BODY = (
    "<p>Rescue teams in the northern town of Kafr Sabt pulled survivors from the rubble on "
    "Tuesday after an overnight strike flattened a three-storey building, local officials "
    "said.</p><p>At least nine people were killed and 14 wounded, according to the town's "
    "civil defence chief, who said the search would continue through the night.</p>"
    "<p>Residents said they had heard drones circling for an hour before the blast.</p>"
)


def _page(head: str, h1: str = "") -> str:
    return f"<html><head>{head}</head><body><article>{h1}{BODY}</article></body></html>"


def _clean(
    text: str, *, media: str = "text/html", fields: FeedFields | None = None
) -> list[Article]:
    document = Document(
        id=content_hash(text.encode()),
        origin="test",
        media_type="text/html" if media == "text/html" else "text/plain",
        text=text,
        encoding="utf-8",
        size=len(text),
        fields=fields or FeedFields(),
    )
    return clean_document(document, Options())


@pytest.mark.parametrize(
    ("head", "title"),
    [
        (
            "<title>Syria war: nine killed in Kafr Sabt strike | The Guardian</title>",
            "Syria war: nine killed in Kafr Sabt strike",
        ),
        (
            "<title>Syria war: nine killed in Kafr Sabt | World news | The Guardian</title>",
            "Syria war: nine killed in Kafr Sabt",
        ),
        (
            "<title>Reuters - Nine killed in Kafr Sabt strike</title>",
            "Nine killed in Kafr Sabt strike",
        ),
        (
            "<title>U.S. drones hit Kafr Sabt, nine dead | Reuters</title>",
            "U.S. drones hit Kafr Sabt, nine dead",
        ),
        (
            "<title>Nine dead in Kafr Sabt strike - Valley Sentinel</title>"
            '<meta property="og:site_name" content="Valley Sentinel">',
            "Nine dead in Kafr Sabt strike",
        ),
        (
            '<meta property="og:title" content="Nine dead in Kafr Sabt strike | Al Jazeera">',
            "Nine dead in Kafr Sabt strike",
        ),
        (
            "<title>Iran-Iraq border talks - a new start in Basra</title>",
            "Iran-Iraq border talks - a new start in Basra",
        ),
    ],
)
def test_titles_outlets_page_title_loses_the_outlet_around_the_headline(
    head: str, title: str
) -> None:
    (article,) = _clean(_page(head))
    assert article.title == title


def test_titles_outlets_outlet_is_the_declared_site_name_in_the_tables_spelling() -> None:
    head = (
        "<title>Nine dead | the Guardian</title>"
        '<meta property="og:site_name" content="the Guardian">'
    )
    (article,) = _clean(_page(head))
    assert article.source == "The Guardian"


def test_titles_outlets_outlet_is_the_domain_not_a_title_fragment() -> None:
    head = (
        "<title>U.S. drones hit Kafr Sabt, nine dead | Valley Sentinel</title>"
        '<link rel="canonical" href="https://www.valleysentinel.example/world/kafr-sabt">'
    )
    (article,) = _clean(_page(head))
    assert article.source == "valleysentinel.example"
    assert article.title == "U.S. drones hit Kafr Sabt, nine dead"
    head = (
        '<title>Kafr Sabt strike</title><link rel="canonical" href="https://english.aawsat.com/x">'
    )
    (known,) = _clean(_page(head))
    assert known.source == "Asharq Al-Awsat"


def test_titles_outlets_a_url_or_handle_is_never_the_site_name() -> None:
    head = (
        '<title>Kafr Sabt strike</title><meta property="og:site_name" content="@valleysentinel">'
        '<meta name="application-name" content="https://valleysentinel.example/">'
    )
    (article,) = _clean(_page(head))
    assert article.source is None


def test_titles_outlets_feed_title_and_domain_field_are_cleaned_too() -> None:
    text = BODY.replace("<p>", "").replace("</p>", "\n\n")
    fields = FeedFields(title="Nine killed in Kafr Sabt strike - Reuters", source="reuters.com")
    (article,) = _clean(text, media="text/plain", fields=fields)
    assert (article.title, article.source) == ("Nine killed in Kafr Sabt strike", "Reuters")


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "BEIRUT (Wire) - Drones struck a fuel depot outside Zahle on Monday. Firefighters "
            "worked through the night.",
            "Drones struck a fuel depot outside Zahle on Monday",
        ),
        (
            "The country's largest dockworkers' union on 4 May called an open-ended strike at "
            "the southern port of Umm Qasr, which handles most of the grain imports, after "
            "talks over pay collapsed.",
            "The country's largest dockworkers' union on 4 May called an open-ended strike…",
        ),
    ],
)
def test_titles_outlets_an_article_without_title_is_titled_by_its_lede(
    text: str, title: str
) -> None:
    assert lede_title(text) == title
    shortened = lede_title(text) or ""
    assert len(shortened) <= title_lexicon().lede_max_chars + 1
    last = shortened.rstrip("…").split()[-1].casefold()
    assert last not in title_lexicon().trailing_words


def test_titles_outlets_dump_without_headline_gets_its_lede_as_title() -> None:
    text = (
        "Armed men on 3 June seized a convoy of aid trucks on the road between Gao and "
        "Menaka, officials in the region said, the third such attack this month.\n"
        "The drivers were released the next morning.\n"
        "Source : Sahel Bulletin\n"
    )
    (article,) = _clean(text, media="text/plain")
    assert article.title and article.title.startswith("Armed men on 3 June seized a convoy")
    assert article.source == "Sahel Bulletin"


INTERVIEW = (
    "Fighting resumed on the edge of the town on Friday, residents said.\n\n"
    "Dr. Amal Haddad, a lecturer in political science, told {outlet} that the clashes "
    "were a message to the government.\n\n"
    "“Nobody expects the truce to hold,” she said.\n"
)


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        (INTERVIEW.format(outlet="Asharq Al-Awsat"), "Asharq Al-Awsat"),
        (INTERVIEW.format(outlet="the Cedar Ledger"), "Cedar Ledger"),
        # the source spoke on a broadcaster: a third party, not the writer
        (INTERVIEW.format(outlet="Al-Iraqiya News during a televised interview"), None),
        # a person or an assembly is no outlet
        (INTERVIEW.format(outlet="Parliament"), None),
        (INTERVIEW.format(outlet="Macron"), None),
        # an outlet the text cites is a third party
        (INTERVIEW.format(outlet="Reuters") + "According to Reuters, talks stalled.\n", None),
        # two outlets: no telling which wrote it
        (INTERVIEW.format(outlet="Reuters") + "An aide told Al Jazeera it was over.\n", None),
    ],
)
def test_titles_outlets_interviewer_named_in_the_text(text: str, outlet: str | None) -> None:
    assert text_outlet(text) == outlet


def test_titles_outlets_text_evidence_is_only_a_fallback() -> None:
    text = INTERVIEW.format(outlet="Asharq Al-Awsat")
    (unnamed,) = _clean(text, media="text/plain")
    assert unnamed.source == "Asharq Al-Awsat"
    (trailer,) = _clean(text + "Source : Valley Sentinel\n", media="text/plain")
    assert trailer.source == "Valley Sentinel"
    (fed,) = _clean(text, media="text/plain", fields=FeedFields(source="Desert Courier"))
    assert fed.source == "Desert Courier"


def test_titles_outlets_second_article_of_a_dump_takes_the_pages_outlet() -> None:
    first = INTERVIEW.format(outlet="Asharq Al-Awsat")
    second = (
        "Floods cut the coast road south of Tyre after two days of rain, the civil defence "
        "said on Sunday, and crews were clearing mud from the main highway.\n"
    )
    headline = "Coast Road Cut After Floods South Of Tyre"
    text = f"Clashes Resume On Town Edge\n\n{first}\n\n\n{headline}\n\n{headline}\n\n{second}"
    articles = _clean(text, media="text/plain")
    assert len(articles) == 2
    assert {a.source for a in articles} == {"Asharq Al-Awsat"}


def test_titles_outlets_every_outlet_row_parses() -> None:
    table = outlet_table()
    assert len(table.outlets) >= 50
    for outlet in table.outlets:
        assert outlet.name and outlet.domains
        for domain in outlet.domains:
            assert table.for_host(domain) == outlet.name
            assert table.for_host(f"www.{domain}") == outlet.name
        for alias in outlet.aliases:
            assert table.named(alias) == outlet.name, alias
    assert table.named("guardian") == "The Guardian"
    assert without_outlet("A | B") == "A | B"
