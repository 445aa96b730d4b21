"""Quotes as wire and newspaper coverage of Syria and Iraq writes them: a speaker carried
over consecutive paragraphs, leaflets and state TV passing on someone's words, a quote
inside a quote, the writer's own words in quotation marks, anonymous sources. The
paragraphs are our own, written in the style of such reports."""

from __future__ import annotations

from typing import Any

import pytest

from rashomon.annotate import load_model
from rashomon.records import Quote

from .test_extract_quotes import quote_with, quotes_of

# -- (1) a speaker carried over consecutive paragraphs ---------------------------------

HAMA = (
    "The governor of Hama, Mohammad Tareq Kreishati, said government forces had retaken "
    "the village of Souran after two days of fighting.\n\n"
    '"The terrorists fled towards Idlib, leaving their weapons behind," he told reporters '
    "in the city.\n\n"
    '"We will not stop until every village in the province is liberated."'
)

DOUMA = (
    "Abu Mohammad, a 43-year-old father of four, said he had left Douma with nothing but "
    'the clothes he wore. "We slept in the fields for three nights."\n\n'
    "The Syrian Observatory for Human Rights, a Britain-based monitoring group, said at "
    "least 30 civilians had been killed in the strikes on Tuesday.\n\n"
    '"The regime is using barrel bombs on residential areas again."'
)


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_model(None)


def speaker_of(quotes: tuple[Quote, ...], words: str) -> str | None:
    return quote_with(quotes, words).speaker


def test_quotes_bare_paragraph_continues_the_last_speaker(nlp: Any) -> None:
    quotes = quotes_of(nlp, HAMA)
    quote = quote_with(quotes, "every village")
    assert quote.kind == "direct"
    assert quote.text == "We will not stop until every village in the province is liberated."
    assert quote.speaker == "Mohammad Tareq Kreishati"  # the governor, named in apposition
    assert speaker_of(quotes, "fled towards Idlib") == "Mohammad Tareq Kreishati"  # "he told"


def test_quotes_bare_paragraph_after_a_new_speaker_goes_to_the_new_one(nlp: Any) -> None:
    quotes = quotes_of(nlp, DOUMA)
    assert speaker_of(quotes, "We slept in the fields") == "Abu Mohammad"
    assert speaker_of(quotes, "barrel bombs") == "Syrian Observatory for Human Rights"


@pytest.mark.parametrize(
    "text",
    [
        # a scare quote inside the writer's sentence is no continuation
        'Abu Mohammad said he had left Douma. The "humanitarian corridor" was closed.',
        # a quotation with its attribution after a dash is not carried over
        'Abu Mohammad said he had left Douma.\n\n"Nobody came to help us." ― a Douma resident',
    ],
)
def test_quotes_continuation_needs_a_quotation_of_its_own(nlp: Any, text: str) -> None:
    quotes = quotes_of(nlp, text)
    assert all(q.speaker != "Abu Mohammad" or "Douma" in q.text for q in quotes)


# -- (2) leaflets carry their author's words -------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "speaker", "medium"),
    [
        (
            'Leaflets dropped over the town by the Syrian army read: "Surrender or face '
            'death. This is your last chance."',
            "This is your last chance",
            "Syrian army",
            "Leaflets",
        ),
        (  # "the leaflets": whoever dropped them
            "Government helicopters dropped leaflets over eastern Ghouta on Monday. "
            '"The regime\'s forces are coming. Leave now through the safe corridors," the '
            "leaflets read.",
            "safe corridors",
            "Government helicopters",
            "the leaflets",
        ),
    ],
)
def test_quotes_leaflets_speak_for_their_author(
    nlp: Any, text: str, words: str, speaker: str, medium: str
) -> None:
    quote = quote_with(quotes_of(nlp, text), words)
    assert quote.speaker is not None and quote.speaker.endswith(speaker)
    assert quote.medium is not None and quote.medium.text == medium


@pytest.mark.parametrize(
    ("text", "words", "speaker", "medium"),
    [
        (
            "The Syrian defence ministry said in a statement that its air defences had "
            "intercepted several missiles. The statement added that the attack had caused "
            "only material damage.",
            "only material damage",
            "Syrian defence ministry",
            "The statement",
        ),
        (
            "A report by Amnesty International said thousands of detainees had been "
            "executed at Saydnaya prison.",
            "thousands of detainees",
            "Amnesty International",
            "A report by Amnesty International",
        ),
    ],
)
def test_quotes_statements_speak_for_their_author(
    nlp: Any, text: str, words: str, speaker: str, medium: str
) -> None:
    quote = quote_with(quotes_of(nlp, text), words)
    assert quote.speaker is not None and quote.speaker.endswith(speaker)
    assert quote.medium is not None and quote.medium.text == medium


def test_quotes_statement_without_an_author_stays_the_speaker(nlp: Any) -> None:
    quote = quote_with(quotes_of(nlp, "The report said the strike had killed 20 people."), "20")
    assert quote.speaker == "The report" and quote.medium is None


def test_quotes_leaflets_without_an_author_have_no_speaker(nlp: Any) -> None:
    text = (
        "Leaflets dropped over the town on Tuesday read: "
        '"Surrender or face death. This is your last chance."'
    )
    quote = quote_with(quotes_of(nlp, text), "last chance")
    assert quote.speaker is None and quote.speaker_ref is None
    assert quote.medium is not None and quote.medium.text == "Leaflets"


# -- (3) television and agencies passing on an official's words ------------------------


@pytest.mark.parametrize(
    ("text", "words", "speaker", "medium"),
    [
        (
            'Syrian state TV quoted the governor of Homs as saying "the city is now '
            'completely free of terrorists".',
            "completely free of terrorists",
            "the governor of Homs",
            "Syrian state TV",
        ),
        (
            "State television quoted Interior Minister Mohammad al-Shaar as saying that the "
            "bombers had been trained abroad.",
            "trained abroad",
            "Mohammad al-Shaar",
            "State television",
        ),
        (
            "The governor was quoted by the state news agency Sana as saying that the "
            "water supply to Aleppo had been restored.",
            "water supply to Aleppo",
            "The governor",
            "the state news agency Sana",
        ),
        (
            "The Syrian foreign ministry, quoted by the state news agency Sana, said the "
            "strikes had targeted only terrorist positions.",
            "only terrorist positions",
            "The Syrian foreign ministry",
            "the state news agency Sana",
        ),
        (
            '"We have identified the men who carried out the attack and they will be '
            'punished," a senior Iraqi security official told Al-Arabiya.',
            "will be punished",
            "a senior Iraqi security official",
            "Al-Arabiya",
        ),
    ],
)
def test_quotes_a_channel_quoting_an_official_is_the_medium(
    nlp: Any, text: str, words: str, speaker: str, medium: str
) -> None:
    quotes = quotes_of(nlp, text)
    quote = quote_with(quotes, words)
    assert quote.speaker == speaker
    assert quote.medium is not None and quote.medium.text == medium
    assert all(q.speaker != medium for q in quotes)  # the channel said nothing itself
    assert len(quotes) == 1


# -- (4) a quote inside a quote counts once --------------------------------------------


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            'Hassan al-Hajji, a local council member, said: "The fighters kept shouting '
            '"we will come back for you" as they left the village."',
            'The fighters kept shouting "we will come back for you" as they left the village.',
        ),
        (
            "Hassan al-Hajji, a local council member, said: “The fighters told us ‘leave "
            "now or die with them’, and then the shelling began.”",
            "The fighters told us ‘leave now or die with them’, and then the shelling began.",
        ),
    ],
)
def test_quotes_quotation_inside_a_quotation_counts_once(nlp: Any, text: str, content: str) -> None:
    quotes = quotes_of(nlp, text)
    assert [(q.text, q.kind, q.speaker) for q in quotes] == [(content, "direct", "Hassan al-Hajji")]


@pytest.mark.parametrize(
    ("text", "outer", "speaker"),
    [
        (  # the same speaker reported again inside
            "Residents said they had warned officials for years that the dam was leaking.",
            "they had warned officials",
            "Residents",
        ),
        (  # "described" borrows its subject from inside the army's words
            "The army said its forces had retaken the town and described the operation as "
            '"a great victory over terrorism".',
            "its forces had retaken",
            "The army",
        ),
        (  # a parenthetical inside the faction's own claim
            "The Iran-backed militia Kataib Hezbollah on Sunday claimed a drone attack on a "
            "depot near Kirkuk which, it says, was being used to supply US troops.",
            "a drone attack on a depot",
            "Kataib Hezbollah",
        ),
    ],
)
def test_quotes_nested_duplicates_count_once(nlp: Any, text: str, outer: str, speaker: str) -> None:
    quotes = quotes_of(nlp, text)
    assert len(quotes) == 1
    assert outer in quotes[0].text and quotes[0].speaker == speaker


def test_quotes_nested_report_of_another_speaker_stays(nlp: Any) -> None:
    text = "Iraqi officials said Turkey had agreed to increase the flow of the Tigris."
    quotes = quotes_of(nlp, text)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("Turkey had agreed to increase the flow of the Tigris", "Iraqi officials"),
        ("to increase the flow of the Tigris", "Turkey"),
    ]


# -- (5) the writer's words are not quotes ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        'Described as "a catastrophe" by aid agencies, the siege of Madaya has left '
        "thousands of people on the brink of starvation.",
        "Footage broadcast by opposition activists showed bodies lying in a street in Khan "
        "Sheikhoun, some of them children.",
        "Video posted online by the Aleppo Media Centre showed rescue workers pulling a "
        "child from the rubble of a building.",
        'The so-called "safe zones" have been violated repeatedly, and the "ceasefire" '
        "existed only on paper.",
        'Rebels said the city had fallen.\n\n"Liberated" districts were still without power.',
        # who is named is not who named him (a wire report on a court filing, 1989)
        "Rebels said the city had fallen. Mr. Keller was described in the court filing as "
        "an adviser to the company.",
    ],
)
def test_quotes_writers_words_are_not_quotes(nlp: Any, text: str) -> None:
    quotes = quotes_of(nlp, text)
    assert all(q.kind == "indirect" and q.text == "the city had fallen" for q in quotes)


# -- (6) anonymous sources -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "A senior security official in Kirkuk, who asked not to be named, said the "
            "attackers had used a car packed with explosives.",
            "car packed with explosives",
            "A senior security official in Kirkuk",
        ),
        (
            '"The situation in the hospitals is very bad," said a doctor in Aleppo, who '
            "asked not to be identified for fear of reprisals.",
            "hospitals is very bad",
            "a doctor in Aleppo",
        ),
        (
            "A Kurdish commander in Kobani, speaking on condition of anonymity, said the "
            "militants had been pushed back to the edge of the town.",
            "militants had been pushed back",
            "A Kurdish commander in Kobani",
        ),
    ],
)
def test_quotes_anonymous_source_is_the_speaker_never_a_place(
    nlp: Any, text: str, words: str, speaker: str
) -> None:
    quotes = quotes_of(nlp, text)
    assert [q.speaker for q in quotes] == [speaker]  # "asked not to be named" is no quote
    assert quote_with(quotes, words).speaker == speaker


def test_quotes_who_after_a_place_is_the_person(nlp: Any) -> None:
    text = (
        "A doctor in Aleppo, who said the hospital had been hit twice, described "
        'the conditions as "worse than anything we have seen".'
    )
    quote = quote_with(quotes_of(nlp, text), "hospital had been hit")
    assert quote.speaker == "A doctor in Aleppo"


def test_quotes_he_after_an_unnamed_official_is_that_official(nlp: Any) -> None:
    text = (
        "A senior Iraqi security official said the attackers had crossed from Syria.\n\n"
        '"They knew exactly where the guards would be," he added.'
    )
    assert speaker_of(quotes_of(nlp, text), "knew exactly") == "A senior Iraqi security official"


def test_quotes_a_published_story_is_no_quote(nlp: Any) -> None:
    found = quotes_of(nlp, "BuzzFeed published the story on Thursday.")
    assert not found, found
    (quote,) = quotes_of(nlp, "The newspaper published that the minister had resigned.")
    assert quote.text == "that the minister had resigned"


def test_quotes_a_cited_source_is_no_quote(nlp: Any) -> None:
    text = "BuzzFeed published the story on Thursday, citing two law enforcement officials."
    assert not quotes_of(nlp, text)
    (quote,) = quotes_of(nlp, "The school closed its doors, citing a threat to public health.")
    assert quote.text == "a threat to public health"


def test_quotes_being_asked_to_do_something_is_no_quote(nlp: Any) -> None:
    text = "A few years ago, I was honored to be asked to speak twice at a blogging conference."
    assert not quotes_of(nlp, text)
    # asking someone to do something still says what was asked
    asked = quotes_of(nlp, "The minister asked the court to release the prisoners.")
    assert quote_with(asked, "release the prisoners").speaker is not None


def test_quotes_a_colon_after_no_words_of_speech_opens_no_quote(nlp: Any) -> None:
    text = (
        "Each group of teams below will play a semifinal and a final, with each path "
        "having one berth:\n\nPath A: Iceland, Bulgaria, Hungary or Romania"
    )
    assert not [q for q in quotes_of(nlp, text) if "Path A" in q.text]
    said = quotes_of(nlp, "The senator made the following comment:\n\nWe will not back down.")
    assert quote_with(said, "back down").speaker == "The senator"


def test_quotes_a_title_of_the_other_gender_keeps_a_namesake_apart(nlp: Any) -> None:
    text = (
        "First lady Melania Trump visited a hospital in Ohio on Monday.\n\n"
        'Mr. Trump wrote that it was all part of a "witch hunt" against him.'
    )
    assert speaker_of(quotes_of(nlp, text), "witch hunt") != "Melania Trump"


def test_quotes_refusing_a_bodily_act_is_no_quote(nlp: Any) -> None:
    assert not quotes_of(nlp, "He then grabs the man's wrist and refuses to let go.")
    refused = quotes_of(nlp, "The ministry refused to comment on the report.")
    assert quote_with(refused, "comment").speaker is not None
