"""Entity resolution: spellings, label corrections, links within an article and across
articles (in memory and in the store)."""

from __future__ import annotations

import re

import pytest

from rashomon.records import EntityMention, Mention
from rashomon.resolve.chains import link_mentions
from rashomon.resolve.labels import NOT_A_NAME, corrected_label, is_name
from rashomon.resolve.lexicon import entity_lexicon
from rashomon.resolve.linker import MemoryIndex, link_chains
from rashomon.resolve.names import is_short_form, name_key, same_name, transliteration


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Khalid Al-Yaqobi", "Khaled al-Yaqoubi"),
        ("Kataeb Hezbollah", "Kataib Hezbollah"),
        ("Kata'ib Hizbullah", "Kataeb Hezbollah"),
        ("Khaled Al-Rudaini", "Khalid Al-Rudainy"),
        ("Abou Mohammed", "Abu Muhammad"),
        ("Mt Cook", "Mount Cook"),
        ("Ft. Worth", "Fort Worth"),
        ("Qassem Soleimani", "Kassem Suleimani"),
    ],
)
def test_resolve_names_transliterations_are_one_name(a: str, b: str) -> None:
    assert same_name(a, b)
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hassan Nasrallah", "Hussein Nasrallah"),
        ("Ahmed Hassan", "Mohamed Hassan"),
        ("Khalid Al-Yaqobi", "Yaqobi"),
        ("Iraq", "Iran"),
    ],
)
def test_resolve_names_different_names_stay_apart(a: str, b: str) -> None:
    assert not same_name(a, b)


def test_resolve_names_short_form_is_the_last_word() -> None:
    assert is_short_form("Al-Yaqoubi", "Khalid Al-Yaqobi")
    assert not is_short_form("Khalid", "Khalid Al-Yaqobi")


def test_resolve_knowledge_files_parse() -> None:
    lexicon = entity_lexicon()
    assert lexicon.aliases and lexicon.role_nouns and lexicon.org_words
    assert all(alias.name for alias in lexicon.aliases.values())
    assert transliteration().vowel_classes


def _mentions(text: str, spans: list[tuple[str, str]]) -> list[Mention]:
    """Mentions for the first occurrence of each (text, label) after the previous one."""
    out, cursor = [], 0
    for surface, label in spans:
        start = text.index(surface, cursor)
        cursor = start + len(surface)
        out.append(Mention(article_id="a", start=start, end=cursor, text=surface, label=label))
    return out


def test_resolve_labels_fix_systematic_model_errors() -> None:
    text = (
        "Kataeb Hezbollah fired. Ambassador Romanowski said. In the village of Hermel, Gulf Horizon"
    )
    cases = [("Kataeb Hezbollah", "PERSON", "ORG"), ("Romanowski", "ORG", "PERSON")]
    cases += [("Hermel", "PERSON", "GPE"), ("Gulf Horizon", "PERSON", "ORG")]
    for surface, model_label, fixed in cases:
        (mention,) = _mentions(text, [(surface, model_label)])
        assert corrected_label(mention, text, source="Gulf Horizon") == fixed, surface


def test_resolve_labels_what_cannot_be_a_name_is_no_entity() -> None:
    text = "Polls opened at 0300 GMT, the U . S . monitors said on nydailynews and Reuters."
    spans = [("GMT", "ORG"), ("U", "GPE"), ("nydailynews", "ORG"), ("Reuters", "ORG")]
    mentions = _mentions(text, spans)
    assert [corrected_label(m, text) for m in mentions] == [NOT_A_NAME] * 3 + ["ORG"]
    assert [m.name for m in link_mentions(text, mentions, article_id="a")] == ["Reuters"]
    assert is_name("iPhone") and is_name("Al-Yaqoubi") and is_name("K-1")
    assert not is_name("die") and not is_name("W.")


ARTICLE = (
    "US Ambassador to Iraq Alina Romanowski denied the reports on Monday. "
    "Romanowski said the moves were routine, and the Popular Mobilization Units (PMU) "
    "were not targeted. The US ambassador added that Washington wants calm. "
    "Israeli jets struck Beirut's southern suburbs."
)


def test_resolve_chains_link_short_forms_roles_acronyms_and_metonyms() -> None:
    spans = [
        ("US", "GPE"),
        ("Alina Romanowski", "PERSON"),
        ("Romanowski", "ORG"),
        ("Popular Mobilization Units", "ORG"),
        ("PMU", "ORG"),
        ("Washington", "GPE"),
        ("Beirut", "GPE"),
    ]
    linked = link_mentions(ARTICLE, _mentions(ARTICLE, spans), article_id="a")
    names = {(m.text, m.name, m.how) for m in linked}
    assert ("Romanowski", "Alina Romanowski", "short") in names
    assert ("The US ambassador", "Alina Romanowski", "role") in names
    assert ("PMU", "Popular Mobilization Units", "acronym") in names
    assert ("Washington", "United States", "metonym") in names
    assert ("Beirut", "Beirut", "name") in names  # a place here, not the government
    for mention in linked:
        assert ARTICLE[mention.start : mention.end] == mention.text


def test_resolve_chains_two_holders_of_a_role_make_it_ambiguous() -> None:
    text = (
        "Foreign Minister Ali Karimi met Foreign Minister John Doe in Rome. "
        "The foreign minister said little."
    )
    spans = [("Ali Karimi", "PERSON"), ("John Doe", "PERSON")]
    linked = link_mentions(text, _mentions(text, spans), article_id="a")
    assert not [m for m in linked if m.how == "role"]


def test_resolve_chains_shared_surname_is_not_linked() -> None:
    text = "Ahmed Hassan and Mohamed Hassan met. Hassan left early."
    spans = [("Ahmed Hassan", "PERSON"), ("Mohamed Hassan", "PERSON"), ("Hassan", "PERSON")]
    linked = link_mentions(text, _mentions(text, spans), article_id="a")
    assert [m.name for m in linked if m.text == "Hassan"] == ["Hassan"]


def _article(text: str, spans: list[tuple[str, str]], article_id: str) -> list[EntityMention]:
    mentions = [
        Mention(article_id=article_id, start=m.start, end=m.end, text=m.text, label=m.label)
        for m in _mentions(text, spans)
    ]
    return list(link_mentions(text, mentions, article_id=article_id))


def test_resolve_linker_merges_spellings_across_articles_and_keeps_namesakes_apart() -> None:
    index = MemoryIndex()
    first = "Khaled Al-Rudaini spoke. Kataeb Hezbollah denied it. Ahmed Hassan agreed."
    second = "Khalid Al-Rudainy spoke. Kataib Hezbollah denied. Mohamed Hassan disagreed."
    third = "Rudainy repeated it."
    a = link_chains(
        _article(
            first,
            [
                ("Khaled Al-Rudaini", "PERSON"),
                ("Kataeb Hezbollah", "PERSON"),
                ("Ahmed Hassan", "PERSON"),
            ],
            "1",
        ),
        index,
    )
    b = link_chains(
        _article(
            second,
            [
                ("Khalid Al-Rudainy", "PERSON"),
                ("Kataib Hezbollah", "ORG"),
                ("Mohamed Hassan", "PERSON"),
            ],
            "2",
        ),
        index,
    )
    c = link_chains(_article(third, [("Rudainy", "PERSON")], "3"), index)
    assert a["Khaled Al-Rudaini"] == b["Khalid Al-Rudainy"] == c["Rudainy"]
    assert a["Kataeb Hezbollah"] == b["Kataib Hezbollah"]
    assert a["Ahmed Hassan"] != b["Mohamed Hassan"]
    assert index.labels[a["Kataeb Hezbollah"]] == "ORG"


def test_resolve_linker_bare_surname_of_two_people_links_to_neither() -> None:
    index = MemoryIndex()
    link_chains(_article("Ahmed Hassan spoke.", [("Ahmed Hassan", "PERSON")], "1"), index)
    link_chains(_article("Mohamed Hassan spoke.", [("Mohamed Hassan", "PERSON")], "2"), index)
    bare = link_chains(_article("Hassan spoke.", [("Hassan", "PERSON")], "3"), index)
    assert bare["Hassan"] not in (1, 2)
    assert re.fullmatch(r"\d+", str(bare["Hassan"]))
