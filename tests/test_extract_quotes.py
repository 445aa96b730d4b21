"""Quotes with the real spaCy model: direct, indirect and mixed speech, speakers resolved
to names, the medium, and the lexicon in data/quote_cues.toml."""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any

import pytest

from rashomon.annotate import load_model
from rashomon.extract.quote_words import parse_quote_words, quote_words
from rashomon.extract.quotes import find_quotes, quoted_spans
from rashomon.records import Quote

# Our own sample reports, written for these tests.
BAGHDAD = (
    "Khalid Al-Yaqobi, the security affairs adviser to the Iraqi prime minister, met US "
    "Ambassador to Iraq Alina Romanowski and Israel's new defense minister Israel Katz in "
    "Baghdad on Sunday.\n\n"
    '"There will be no new American bases on Iraqi soil," Yaqobi told Al-Iraqiya News on '
    'Sunday. "Our position has not changed."\n\n'
    "The US ambassador said that the convoys were part of a routine rotation. “Nothing "
    "about our mission has changed,” she added.\n\n"
    "In statements to the official Iraqi News Agency, the adviser denied that any "
    "additional troops had crossed the border from Syria.\n\n"
    "The Israeli defense minister told reporters that the army was ready."
)

BEIRUT = (
    "Lebanon's health ministry said the strike killed 12 people. According to the Israeli "
    "military, 40 rockets were fired from Lebanon on Monday.\n\n"
    '"The situation on the ground is extremely dangerous," said Najib Mikati, Lebanon\'s '
    "caretaker prime minister.\n\n"
    "Mikati accused Israel of targeting civilian neighborhoods. He warned that the war could "
    "spread to the whole region.\n\n"
    "The Israeli army refuted claims that its jets had struck a hospital. A senior officer "
    "affirmed that the target was a weapons depot.\n\n"
    "The military said it had destroyed two rocket launchers. It added that the operation "
    "was over.\n\n"
    "Speaking at a news conference in Beirut, the foreign minister said:\n\n"
    '"We have asked our partners to act. We cannot wait any longer.\n\n'
    '"Every day of delay costs lives."'
)


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_model(None)


def quotes_of(nlp: Any, text: str) -> tuple[Quote, ...]:
    (doc,) = nlp.pipe([text], 4)
    return find_quotes(doc, article_id="a1")


def quote_with(quotes: tuple[Quote, ...], words: str) -> Quote:
    found = [q for q in quotes if words in q.text]
    assert found, f"no quote contains {words!r}: {[q.text for q in quotes]}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "content", "kind", "cue", "speaker"),
    [
        (  # speaker before, colon
            'The governor said: "The dam will hold through the winter."',
            "The dam will hold through the winter.",
            "direct",
            "said",
            "The governor",
        ),
        (  # speaker after
            '"We were never consulted," Maria Costa said on Tuesday.',
            "We were never consulted",
            "direct",
            "said",
            "Maria Costa",
        ),
        (  # inverted after
            "“The bridge is closed until further notice,” said Tomas Reyes, the city engineer.",
            "The bridge is closed until further notice",
            "direct",
            "said",
            "Tomas Reyes",
        ),
        (  # several sentences in one quotation
            '"Prices doubled in a week. Families cannot cope," said Amal Haddad.',
            "Prices doubled in a week. Families cannot cope",
            "direct",
            "said",
            "Amal Haddad",
        ),
        (  # a partial quotation inside reported speech
            "The militia rejected the statement, calling the convoys "
            '"a provocation aimed at the resistance".',
            'the convoys "a provocation aimed at the resistance"',
            "mixed",
            "calling",
            "The militia",
        ),
        (  # an epigraph attribution after a dash
            "“Nobody listened to us until the water came.” ― Rosa Delgado",
            "Nobody listened to us until the water came.",
            "direct",
            "―",
            "Rosa Delgado",
        ),
    ],
)
def test_quotes_direct_shapes(
    nlp: Any, text: str, content: str, kind: str, cue: str, speaker: str
) -> None:
    quote = quote_with(quotes_of(nlp, text), content.split()[1])
    assert (quote.text, quote.kind) == (content, kind)
    assert quote.cue is not None and quote.cue.text == cue
    assert quote.speaker == speaker


@pytest.mark.parametrize(
    ("text", "content", "cue", "speaker"),
    [
        (
            "The mayor said that the curfew would be lifted on Friday.",
            "that the curfew would be lifted on Friday",
            "said",
            "The mayor",
        ),
        (
            "The ministry denied that any prisoners had been moved.",
            "that any prisoners had been moved",
            "denied",
            "The ministry",
        ),
        (
            "Opposition leader Samir Aziz claimed that the vote had been rigged.",
            "that the vote had been rigged",
            "claimed",
            "Samir Aziz",
        ),
        (
            "The company insisted that its drivers were safe.",
            "that its drivers were safe",
            "insisted",
            "The company",
        ),
        (
            "The general stressed that no civilians were in the area.",
            "that no civilians were in the area",
            "stressed",
            "The general",
        ),
        (
            "According to the Red Cross, 300 families fled the village.",
            "300 families fled the village",
            "According to",
            "Red Cross",  # a name, written without its article
        ),
        (
            "The envoy told the council that the talks had stalled.",
            "that the talks had stalled",
            "told",
            "The envoy",
        ),
        (
            "A police spokesman affirmed that the suspect had been released.",
            "that the suspect had been released",
            "affirmed",
            "A police spokesman",
        ),
        (
            "The army refuted claims that its soldiers had fired first.",
            "claims that its soldiers had fired first",
            "refuted",
            "The army",
        ),
        (
            "The union warned that the strike would spread to the ports.",
            "that the strike would spread to the ports",
            "warned",
            "The union",
        ),
        (
            "Mikati accused Israel of targeting civilian neighborhoods.",
            "Israel of targeting civilian neighborhoods",
            "accused",
            "Mikati",
        ),
        (
            "The government rejects any foreign interference in the election.",
            "any foreign interference in the election",
            "rejects",
            "The government",
        ),
    ],
)
def test_quotes_indirect_speech(nlp: Any, text: str, content: str, cue: str, speaker: str) -> None:
    quote = quote_with(quotes_of(nlp, text), content)
    assert quote.text == content and quote.kind == "indirect"
    assert quote.cue is not None and quote.cue.text == cue
    assert quote.speaker_ref is not None and quote.speaker == speaker


def test_quotes_denial_is_indirect_with_its_cue(nlp: Any) -> None:
    quote = quote_with(quotes_of(nlp, BAGHDAD), "additional troops")
    assert quote.kind == "indirect"
    assert quote.cue is not None and quote.cue.text == "denied"
    assert quote.text == "that any additional troops had crossed the border from Syria"


@pytest.mark.parametrize(
    ("words", "ref", "speaker"),
    [
        ("no new American bases", "Yaqobi", "Khalid Al-Yaqobi"),  # short name -> full name
        ("Our position", "Yaqobi", "Khalid Al-Yaqobi"),  # the quotation that follows
        ("routine rotation", "The US ambassador", "Alina Romanowski"),  # role -> title
        ("Nothing about our mission", "she", "Alina Romanowski"),  # pronoun
        ("additional troops", "the adviser", "Khalid Al-Yaqobi"),  # role -> appositive
        ("the army was ready", "The Israeli defense minister", "Israel Katz"),
    ],
)
def test_quotes_speakers_resolve_to_names(nlp: Any, words: str, ref: str, speaker: str) -> None:
    quote = quote_with(quotes_of(nlp, BAGHDAD), words)
    assert quote.speaker_ref is not None and quote.speaker_ref.text == ref
    assert quote.speaker == speaker


@pytest.mark.parametrize(
    ("text", "words", "medium"),
    [
        (BAGHDAD, "no new American bases", "Al-Iraqiya News"),
        (BAGHDAD, "additional troops", "the official Iraqi News Agency"),
        (BAGHDAD, "the army was ready", "reporters"),
        (
            "The minister told Gulf Radio during an interview on Sunday that the talks had failed.",
            "talks had failed",
            "Gulf Radio",
        ),
        (
            "In an interview with Reuters, the governor said the dam would hold.",
            "the dam would hold",
            "Reuters",
        ),
    ],
)
def test_quotes_medium(nlp: Any, text: str, words: str, medium: str) -> None:
    quote = quote_with(quotes_of(nlp, text), words)
    assert quote.medium is not None and quote.medium.text == medium


def test_quotes_run_over_paragraphs_after_a_colon(nlp: Any) -> None:
    quotes = quotes_of(nlp, BEIRUT)
    quote = quote_with(quotes, "our partners")
    assert quote.kind == "direct"
    assert quote.text.startswith("We have asked") and quote.text.endswith("costs lives.")
    assert "\n\n" in quote.text
    assert quote.cue is not None and quote.cue.text == "said"
    assert quote.speaker == "the foreign minister"  # no foreign minister was named before


@pytest.mark.parametrize(
    ("words", "kind", "speaker"),
    [
        ("the strike killed 12 people", "indirect", "Lebanon's health ministry"),
        ("40 rockets were fired", "indirect", "the Israeli military"),
        ("extremely dangerous", "direct", "Najib Mikati"),
        ("the war could spread", "indirect", "Najib Mikati"),
        ("weapons depot", "indirect", "A senior officer"),
        ("rocket launchers", "indirect", "the Israeli military"),  # the same description
        ("the operation was over", "indirect", "the Israeli military"),  # "it"
    ],
)
def test_quotes_descriptions_and_pronouns(nlp: Any, words: str, kind: str, speaker: str) -> None:
    quote = quote_with(quotes_of(nlp, BEIRUT), words)
    assert quote.kind == kind and quote.speaker == speaker


def test_quotes_interrupted_quotation_shares_its_attribution(nlp: Any) -> None:
    text = '"We tried," the coach said, "but the other team was simply better."'
    quotes = quotes_of(nlp, text)
    assert [q.text for q in quotes] == ["We tried", "but the other team was simply better."]
    assert {(q.cue.text if q.cue else None, q.speaker) for q in quotes} == {("said", "the coach")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He called the plan ‘a disaster for farmers,’ she said.", ["a disaster for farmers"]),
        ("The farmers’ union doesn’t agree.", []),  # apostrophes are not quotation marks
        ('A "so-called" reform', ["so-called"]),
    ],
)
def test_quotes_quotation_marks_pair(text: str, expected: list[str]) -> None:
    spans = quoted_spans(text)
    assert [text[q.inner_start : q.inner_end] for q in spans] == expected


def test_quotes_scare_quotes_are_not_quotes(nlp: Any) -> None:
    text = 'The so-called "peace plan" was published on Monday by the foreign ministry.'
    assert quotes_of(nlp, text) == ()


@pytest.mark.parametrize("text", [BAGHDAD, BEIRUT])
def test_quotes_spans_index_the_text_in_order(nlp: Any, text: str) -> None:
    quotes = quotes_of(nlp, text)
    assert quotes and list(quotes) == sorted(quotes, key=lambda q: (q.start, q.end))
    for quote in quotes:
        assert quote.article_id == "a1" and text[quote.start : quote.end] == quote.text
        for ref in (quote.speaker_ref, quote.cue, quote.medium):
            if ref is not None:
                assert text[ref.start : ref.end] == ref.text and ref.text.strip() == ref.text
        assert quote.kind in ("direct", "indirect", "mixed")


def test_quotes_every_lexicon_entry_parses() -> None:
    text = resources.files("rashomon").joinpath("data", "quote_cues.toml").read_text("utf-8")
    raw = tomllib.loads(text)
    words = quote_words()
    assert words == parse_quote_words(text)
    listed = [lemma for group in raw["verbs"].values() for lemma in group]
    assert len(listed) == len(set(listed)) == len(words.verbs)  # no lemma in two classes
    assert all(lemma == lemma.strip().lower() and " " not in lemma for lemma in listed)
    for table in raw.values():
        for values in table.values():
            assert isinstance(values, list) and values
            assert all(isinstance(v, str) and v == v.strip() and v for v in values)
    assert {"say", "deny", "warn", "accuse", "tell"} <= set(words.verbs)
    assert words.verb_class("deny") == "denial" and words.verb_class("table") is None
    assert ("according", "to") in words.source_phrases
    assert "“" in words.opening_marks and "’" in words.single_marks


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ('speech = ["say", "deny"]', "is in"),
        ('object_classes = ["nonsense"]', "unknown verb classes"),
        ("statement_nouns = []", "non-empty strings"),
    ],
)
def test_quotes_broken_lexicon_is_refused(change: str, message: str) -> None:
    text = resources.files("rashomon").joinpath("data", "quote_cues.toml").read_text("utf-8")
    key = change.split(" = ")[0]
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{key} = "))
    end = start
    while not lines[end].rstrip().endswith("]"):
        end += 1
    broken = "\n".join([*lines[:start], change, *lines[end + 1 :]])
    with pytest.raises(ValueError, match=message):
        parse_quote_words(broken)
