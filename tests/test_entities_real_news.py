"""Entities on sentences of real news (issue 12, class 6), through the production
stages (``places``, then ``entities``) with the real model and gazetteer: one person
under every form of the name, roles kept to their holder, places the model calls people,
militias and outlets as organizations, a capital as its government only where it acts.
The sentences are written for these tests in the manner of wire and Guardian reports on
Syria, Turkey, Iraq and Lebanon."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from rashomon.annotate import annotate, load_model
from rashomon.options import Options
from rashomon.records import Annotation, Article, EntityMention
from rashomon.resolve.lexicon import entity_lexicon
from rashomon.resolve.linker import MemoryIndex, link_chains
from rashomon.resolve.names import fold, is_part_of

Analyze = Callable[[str], Annotation]


@pytest.fixture(scope="module")
def analyze() -> Analyze:
    model = load_model(None)
    options = Options(stages=("places", "entities"))

    def run(text: str) -> Annotation:
        article = Article(id="t", document_id="t", position=0, text=text, source="The Guardian")
        (annotation,) = annotate([article], model, options)
        return annotation

    return run


def _entity(annotation: Annotation, text: str) -> EntityMention:
    found = [m for m in annotation.entity_mentions if m.text == text]
    assert found, [(m.text, m.label) for m in annotation.entity_mentions]
    return found[0]


def _entities(annotation: Annotation, text: str) -> list[EntityMention]:
    return [m for m in annotation.entity_mentions if m.text == text]


def test_entities_names_fold_letters_and_parts() -> None:
    assert fold("Kılıçdaroğlu") == fold("Kilicdaroglu") == "kilicdaroglu"
    assert is_part_of("Erdoğan", "Recep Tayyip Erdoğan")
    assert is_part_of("Tayyip Erdogan", "Recep Tayyip Erdoğan")
    assert not is_part_of("Recep", "Recep Tayyip Erdoğan")  # a first name alone
    assert not is_part_of("Emine Erdoğan", "Recep Tayyip Erdoğan")
    lexicon = entity_lexicon()
    assert lexicon.outlets and lexicon.outlet_cues and lexicon.person_verbs


def test_entities_real_news_one_person_under_every_form_of_the_name(analyze: Analyze) -> None:
    # the model tags the full name ORG here and the shorter forms PERSON
    text = (
        "Turkey's president, Recep Tayyip Erdoğan, vowed on Sunday to press ahead with the "
        "offensive. Speaking in Istanbul, Tayyip Erdogan said Turkish troops would not "
        "withdraw. Erdoğan also accused European governments of hypocrisy."
    )
    annotation = analyze(text)
    for form in ("Recep Tayyip Erdoğan", "Tayyip Erdogan", "Erdoğan"):
        mention = _entity(annotation, form)
        assert (mention.label, mention.name) == ("PERSON", "Recep Tayyip Erdoğan"), form


@pytest.mark.parametrize("order", [(0, 1, 2, 3), (2, 1, 0, 3), (1, 3, 0, 2)])
def test_entities_real_news_a_part_of_a_name_is_that_person_across_articles(
    analyze: Analyze, order: tuple[int, ...]
) -> None:
    texts = [
        "Turkish President Recep Tayyip Erdogan said the offensive would go on.",
        "Tayyip Erdoğan said on Tuesday that Turkey would not be deterred.",
        "Erdoğan said the operation would continue until the border was secure.",
        "Emine Erdoğan, the president's wife, visited a refugee camp in Gaziantep.",
    ]
    index = MemoryIndex()
    ids: dict[str, int] = {}
    for i in order:
        ids.update(link_chains(analyze(texts[i]).entity_mentions, index))
    assert ids["Recep Tayyip Erdogan"] == ids["Tayyip Erdoğan"]
    assert ids["Emine Erdoğan"] not in (ids["Tayyip Erdoğan"], ids["Erdoğan"])
    if order.index(2) < order.index(3):  # a bare surname known before the wife is him
        assert ids["Erdoğan"] == ids["Tayyip Erdoğan"]


def test_entities_real_news_a_role_is_not_taken_from_another_person(analyze: Analyze) -> None:
    text = (
        "Syrian President Bashar al-Assad met Russian officials on Tuesday. The French "
        "president said on Wednesday that Paris would not restore ties with the Syrian "
        "president."
    )
    annotation = analyze(text)
    roles = {m.text: m.name for m in annotation.entity_mentions if m.how == "role"}
    assert roles == {"the Syrian president": "Bashar al-Assad"}


def test_entities_real_news_a_role_qualifier_may_name_the_country_otherwise(
    analyze: Analyze,
) -> None:
    text = (
        "United States Ambassador to Syria Robert Ford left Damascus on Monday. The US "
        "ambassador said the embassy would stay closed."
    )
    annotation = analyze(text)
    roles = {m.text: m.name for m in annotation.entity_mentions if m.how == "role"}
    assert roles == {"The US ambassador": "Robert Ford"}


def test_entities_real_news_a_role_goes_to_the_holder_its_qualifier_names(
    analyze: Analyze,
) -> None:
    text = (
        "Turkish Foreign Minister Mevlut Cavusoglu met Iraqi Foreign Minister Fuad Hussein "
        "in Ankara. The Turkish foreign minister said the talks had been productive."
    )
    annotation = analyze(text)
    roles = {m.text: m.name for m in annotation.entity_mentions if m.how == "role"}
    assert roles == {"The Turkish foreign minister": "Mevlut Cavusoglu"}


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "Rojava's administration said Turkish shelling had displaced 100,000 people in "
            "north-east Syria.",
            "Rojava",
        ),
        ("The fall of Douma would give Assad control of Eastern Ghouta.", "Douma"),
        (
            "Eastern Ghouta, a rebel enclave on the edge of the capital, has been under "
            "siege since 2013.",
            "Eastern Ghouta",
        ),
        (
            "Umm Qasr, Iraq's main commodities port, was closed after protesters blocked the road.",
            "Umm Qasr",
        ),
        ("Akkar has been hit hardest by the floods in Lebanon, the Red Cross said.", "Akkar"),
        ("Dhi Qar saw the largest protests in Iraq on Friday.", "Dhi Qar"),
    ],
)
def test_entities_real_news_places_the_model_calls_people_are_places(
    analyze: Analyze, text: str, place: str
) -> None:
    annotation = analyze(text)
    mention = _entity(annotation, place)
    assert (mention.label, mention.name) == ("GPE", place)
    assert [p.text for p in annotation.places if p.text == place] == [place]
    assert all(m.label != "PERSON" for m in annotation.entity_mentions if m.name == place)


def test_entities_real_news_a_name_the_article_places_is_a_place_throughout(
    analyze: Analyze,
) -> None:
    # not in the gazetteer; "the village of" makes it a place, and the later mention too
    text = (
        "Floods cut off the village of Machta Hassan on Monday. Machta Hassan was without "
        "power for a third day, the mayor said."
    )
    mentions = _entities(analyze(text), "Machta Hassan")
    assert len(mentions) == 2
    assert {m.label for m in mentions} == {"GPE"}


def test_entities_real_news_a_namesake_town_outside_the_articles_countries_is_no_place(
    analyze: Analyze,
) -> None:
    # Obama is also a town in Japan; the article's countries are the US and Iraq
    text = "Supporters of Obama rallied outside the US embassy in Baghdad on Sunday."
    annotation = analyze(text)
    assert _entity(annotation, "Obama").label == "PERSON"
    assert "Obama" not in [p.text for p in annotation.places]


def test_entities_real_news_a_person_named_as_a_town_stays_a_person(analyze: Analyze) -> None:
    text = (
        "US Defence Secretary Lloyd Austin visited the base on Friday. Austin told "
        "troops the mission in Syria was not over."
    )
    mention = _entity(analyze(text), "Austin")
    assert (mention.label, mention.name) == ("PERSON", "Lloyd Austin")


def test_entities_real_news_militias_and_outlets_are_organizations(analyze: Analyze) -> None:
    text = (
        "Kataeb Hezbollah, an Iran-backed militia, denied involvement in the attack. The "
        "Kurdish broadcaster Rudaw said the SDF had withdrawn, and the pro-government "
        "newspaper Daily Sabah carried the ministry's statement. Hurriyet, Al-Monitor and "
        "Asharq al-Awsat quoted officials."
    )
    annotation = analyze(text)
    for name in ("Kataeb Hezbollah", "Rudaw", "Daily Sabah", "Hurriyet", "Al-Monitor"):
        assert _entity(annotation, name).label == "ORG", name
    assert _entity(annotation, "Asharq al-Awsat").label == "ORG"


def test_entities_real_news_a_capital_is_its_government_only_where_it_acts(
    analyze: Analyze,
) -> None:
    text = (
        "Damascus said the strikes were a flagrant violation of its sovereignty, while "
        "Ankara warned that it would respond. Thousands of people rallied in Damascus on "
        "Friday."
    )
    annotation = analyze(text)
    damascus = _entities(annotation, "Damascus")
    assert [(m.name, m.how) for m in damascus] == [("Syria", "metonym"), ("Damascus", "name")]
    ankara = _entity(annotation, "Ankara")
    assert (ankara.name, ankara.how) == ("Turkey", "metonym")


def test_entities_real_news_a_place_with_an_organization_word_stays_a_place(
    analyze: Analyze,
) -> None:
    text = (
        "Israeli troops raided the West Bank city of Jenin overnight. Settlers in the West "
        "Bank attacked a Palestinian village."
    )
    annotation = analyze(text)
    assert {m.label for m in annotation.entity_mentions if m.name == "West Bank"} == {"GPE"}


def test_entities_real_news_a_company_is_no_namesake_town(analyze: Analyze) -> None:
    # GeoNames knows Topeka, Kansas, by the alternate name "Google"
    text = "Engineers at Google said the flaw had been fixed, while Apple declined to comment."
    assert _entity(analyze(text), "Google").label == "ORG"
