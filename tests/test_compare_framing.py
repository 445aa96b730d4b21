"""How outlets frame a story, with made-up two-outlet stories: naming and descriptors,
distinctive terms (weighted log-odds), voices, tone and own voice (no model, no store)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import fields, replace
from pathlib import Path

import pytest

from rashomon.cluster.features import stem
from rashomon.compare import framing as framing_module
from rashomon.compare.framing import (
    FramingLexicon,
    fold,
    framing,
    framing_lexicon,
    main_actors,
    sentence_tone,
    tone_label,
    tone_words,
)
from rashomon.compare.material import Account, Background, StoryMaterial
from rashomon.compare.records import OutletFraming
from rashomon.lexicons import read_data
from rashomon.records import Article, EntityMention, Quote, Ref, Sentence

# (surface as written, entity name, label, corpus entity id)
US = ("US", "United States", "GPE", 7)
KARSEL = ("Karsel", "Karsel", "GPE", 12)

HAWK = (
    "US occupation army entered Karsel at dawn. "
    "The occupation forces raided three homes near the market. "
    "The occupying soldiers beat a teacher in front of his children. "
    "Witnesses saw the occupation army fire at a crowd. "
    "US occupation army convoys later left Karsel. "
    "Local officials condemned the occupation and its raids."
)
DOVE = (
    "US troops conducted a search operation in Karsel on Tuesday. "
    "US troops detained two suspects near the market. "
    "The operation ended without casualties. "
    "Officials described the search as routine. "
    "US troops returned to their base by noon."
)


def _account(
    outlet: str,
    text: str,
    *,
    number: int = 0,
    entities: tuple[tuple[str, str, str, int | None], ...] = (US, KARSEL),
    quotes: tuple[tuple[str, str | None], ...] = (),
) -> Account:
    """An article of ``outlet``: sentences end at . ! ?, ``entities`` are mentioned wherever
    their surface occurs, each of ``quotes`` (text, speaker) is quoted where it occurs."""
    article = Article(
        id=f"{outlet.casefold().replace(' ', '-')}-{number}",
        document_id=f"doc-{outlet}-{number}",
        position=0,
        text=text,
        source=outlet,
    )
    sentences = tuple(
        Sentence(article_id=article.id, start=m.start(), end=m.end())
        for m in re.finditer(r"[^.!?\s][^.!?]*[.!?]", text)
    )
    mentions, ids = [], {}
    for surface, name, label, entity_id in entities:
        for m in re.finditer(rf"\b{re.escape(surface)}\b", text):
            mentions.append(
                EntityMention(
                    article_id=article.id,
                    start=m.start(),
                    end=m.end(),
                    text=surface,
                    label=label,
                    name=name,
                )
            )
            if entity_id is not None:
                ids[(m.start(), m.end())] = entity_id
    found = []
    for quoted, speaker in quotes:
        start = text.index(quoted)
        found.append(
            Quote(
                article_id=article.id,
                start=start,
                end=start + len(quoted),
                text=quoted,
                kind="direct",
                speaker=speaker,
                speaker_ref=None,
                cue=None,
            )
        )
    return Account(
        article=article,
        sentences=sentences,
        entity_mentions=tuple(mentions),
        quotes=tuple(found),
        entity_ids=ids,
    )


def _story(*accounts: Account, background: Background | None = None) -> StoryMaterial:
    return StoryMaterial(
        story_id="s1",
        title="Raid in Karsel",
        accounts=accounts,
        background=background or Background(),
    )


def _outlet(framings: tuple[OutletFraming, ...], outlet: str) -> OutletFraming:
    return next(f for f in framings if f.outlet == outlet)


def test_framing_one_record_per_outlet_sorted_with_all_articles() -> None:
    story = _story(
        _account("Western Ledger", DOVE),
        _account("Eastern Herald", HAWK),
        _account("Western Ledger", "US troops stayed in Karsel overnight.", number=1),
    )
    result = framing(story)
    assert [f.outlet for f in result] == ["Eastern Herald", "Western Ledger"]
    assert _outlet(result, "Western Ledger").article_ids == ("western-ledger-0", "western-ledger-1")
    assert _outlet(result, "Western Ledger").sentences == 6


def test_framing_distinctive_terms_find_the_charged_word() -> None:
    result = framing(_story(_account("Eastern Herald", HAWK), _account("Western Ledger", DOVE)))
    hawk = [t.term for t in _outlet(result, "Eastern Herald").terms]
    dove = [t.term for t in _outlet(result, "Western Ledger").terms]
    assert "occupation" in hawk
    assert not any("occup" in term for term in dove)
    assert "troops" in dove
    occupation = next(t for t in _outlet(result, "Eastern Herald").terms if t.term == "occupation")
    # occupation x5 and occupying x1 are one family
    assert occupation.count == 6
    assert occupation.z >= framing_lexicon().terms_min_z
    assert 1 <= len(occupation.refs) <= framing_lexicon().terms_max_refs
    for ref in occupation.refs:
        assert HAWK[ref.start : ref.end] == ref.text
        assert ref.text.casefold().startswith("occup")


def test_framing_distinctive_terms_keep_phrases_said_twice() -> None:
    result = framing(_story(_account("Eastern Herald", HAWK), _account("Western Ledger", DOVE)))
    hawk = [t.term for t in _outlet(result, "Eastern Herald").terms]
    assert "occupation army" in hawk
    # "army" is only ever said in "occupation army": the phrase says it
    assert "army" not in hawk


def test_framing_background_shrinks_words_common_in_the_corpus() -> None:
    accounts = (_account("Eastern Herald", HAWK), _account("Western Ledger", DOVE))

    every = replace(framing_lexicon(), terms_min_z=0.0, terms_max_per_outlet=100)

    def z(background: Background) -> float:
        story = _story(*accounts, background=background)
        hawk = _outlet(framing(story, lexicon=every), "Eastern Herald")
        return next(t.z for t in hawk.terms if t.term == "occupation")

    rare = Background(term_df={"occupation": 1, "market": 400, "base": 400}, articles=500)
    common = Background(term_df={"occupation": 450, "market": 10, "base": 10}, articles=500)
    assert z(common) < z(rare)
    # folded like the story's words: "occupy" in the corpus counts for "occupation"
    occupy = Background(term_df={"occupy": 450, "market": 10, "base": 10}, articles=500)
    assert z(occupy) == z(common)


def test_framing_single_outlet_has_no_terms() -> None:
    story = _story(_account("Eastern Herald", HAWK), _account("Eastern Herald", DOVE, number=1))
    (only,) = framing(story)
    assert only.terms == ()


@pytest.mark.parametrize(
    "word", ["occupation", "occupations", "occupy", "occupying", "occupied", "occupiers"]
)
def test_framing_fold_joins_a_derivational_family(word: str) -> None:
    assert fold(stem(word)) == "occup-"


@pytest.mark.parametrize("word", ["nation", "army", "troops", "market"])
def test_framing_fold_keeps_short_roots(word: str) -> None:
    assert fold(stem(word)) == stem(word)


def test_framing_names_show_descriptors_per_entity_id() -> None:
    result = framing(_story(_account("Eastern Herald", HAWK), _account("Western Ledger", DOVE)))
    hawk = next(n for n in _outlet(result, "Eastern Herald").names if n.entity_id == 7)
    dove = next(n for n in _outlet(result, "Western Ledger").names if n.entity_id == 7)
    assert hawk.entity == dove.entity == "United States"
    assert dict(hawk.names) == {"US": 2, "US occupation army": 1, "US occupation army convoys": 1}
    assert dict(dove.names) == {"US": 3, "US troops": 3}
    assert [r.text for r in dove.refs] == ["US troops"] * 3


def test_framing_names_group_by_name_without_id_and_drop_single_mentions() -> None:
    lone = ("Ms. Varga", "Ilona Varga", "PERSON", None)
    text = DOVE + " Ms. Varga, a teacher, watched."
    dove = _account("Western Ledger", text, entities=(US, KARSEL, lone))
    result = framing(_story(_account("Eastern Herald", HAWK), dove))
    names = [n.entity for n in _outlet(result, "Western Ledger").names]
    assert "Ilona Varga" not in names  # once, by one outlet
    twice = _account("Western Ledger", text + " Ms. Varga waved.", entities=(US, KARSEL, lone))
    result = framing(_story(_account("Eastern Herald", HAWK), twice))
    varga = next(n for n in _outlet(result, "Western Ledger").names if n.entity == "Ilona Varga")
    assert varga.entity_id is None
    assert dict(varga.names) == {"Ms. Varga": 2}


def test_framing_voices_count_quotes_and_share() -> None:
    text = (
        "A spokesman said the search found weapons. "
        '"We found rifles in the house," said Col. Dana Reyes. '
        '"Nobody was hurt," Reyes added. "Stay inside," a loudspeaker told residents.'
    )
    quotes = (
        ("We found rifles in the house,", "Dana Reyes"),
        ("Nobody was hurt,", "Dana Reyes"),
        ("Stay inside,", None),
    )
    result = framing(_story(_account("Western Ledger", text, entities=(), quotes=quotes)))
    voices = _outlet(result, "Western Ledger").voices
    assert [(v.speaker, v.quotes) for v in voices] == [("Dana Reyes", 2), ("unattributed", 1)]
    reyes = voices[0]
    assert reyes.chars == len("We found rifles in the house,") + len("Nobody was hurt,")
    assert reyes.share == pytest.approx(reyes.chars / len(text), abs=1e-4)
    assert [r.text for r in reyes.refs] == ["We found rifles in the house,", "Nobody was hurt,"]


def test_framing_tone_is_negative_in_a_hostile_outlet_and_neutral_in_a_plain_one() -> None:
    hostile = (
        "The US forces brutally killed innocent civilians. "
        "Terrified families fled the horrific US bombing. "
        "The markets were quiet."
    )
    plain = "US troops arrived in the town on Tuesday. The US convoy left at noon."
    result = framing(_story(_account("Eastern Herald", hostile), _account("Western Ledger", plain)))
    hawk = next(t for t in _outlet(result, "Eastern Herald").tone if t.entity_id == 7)
    dove = next(t for t in _outlet(result, "Western Ledger").tone if t.entity_id == 7)
    assert (hawk.label, hawk.sentences) == ("neg", 2)
    assert dove.label == "neu"
    assert hawk.score < -framing_lexicon().tone_neg
    assert [r.text for r in dove.refs] == [
        "US troops arrived in the town on Tuesday.",
        "The US convoy left at noon.",
    ]


def test_framing_tone_skips_outlets_that_do_not_mention_the_entity() -> None:
    story = _story(
        _account("Eastern Herald", HAWK), _account("Western Ledger", DOVE, entities=(US,))
    )
    dove = _outlet(framing(story), "Western Ledger")
    assert {t.entity for t in dove.tone} == {"United States"}


def test_framing_tone_label_thresholds_can_be_swept() -> None:
    lexicon = framing_lexicon()
    assert tone_label(0.5, lexicon) == "pos"
    assert tone_label(-0.3, lexicon) == "neg"
    assert tone_label(0.05, lexicon) == "neu"
    assert tone_label(0.05, replace(lexicon, tone_pos=0.02)) == "pos"


def test_framing_sentence_tone_reads_vader_compound() -> None:
    assert sentence_tone("Soldiers brutally killed terrified civilians.") < -0.5
    assert sentence_tone("The convoy left at noon.") == 0.0
    assert sentence_tone("Volunteers warmly welcomed the happy families.") > 0.5


def test_framing_sentence_tone_reads_news_words_vader_lacks() -> None:
    # VADER alone reads these as neutral or happy
    assert sentence_tone("The treasurer was indicted for bribery on Monday.") < -0.3
    assert sentence_tone("The mayor apologized for the remarks.") < 0.0
    assert tone_words()["subpoena"] < 0


def test_framing_every_news_tone_word_parses() -> None:
    words = tone_words()
    assert len(words) >= 40
    assert all(w.isalpha() and w.islower() and -4 <= v <= 4 for w, v in words.items())


def test_framing_bad_news_tone_word_says_what_to_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [{"word": "indicted", "valence": "-9"}]
    monkeypatch.setattr(framing_module, "read_tsv", lambda name: rows)
    tone_words.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"tone_words\.tsv: 'indicted' '-9'"):
            tone_words()
    finally:
        tone_words.cache_clear()


def test_framing_main_actors_are_the_most_named_actors() -> None:
    a = _account("Eastern Herald", HAWK)
    b = _account("Western Ledger", DOVE)
    spans = main_actors(_story(a, b))
    assert {HAWK[s:e] for s, e in spans[a.id]} == {"US", "Karsel"}
    few = replace(framing_lexicon(), tone_max_entities=1)
    assert {DOVE[s:e] for s, e in main_actors(_story(a, b), lexicon=few)[b.id]} == {"US"}


def test_framing_own_voice_and_attributed_sum_to_one() -> None:
    text = (
        "Soldiers searched the school. "
        '"Nobody was hurt," a spokesman wrote. '
        "The raid lasted two hours, according to residents. "
        "The town was quiet by evening."
    )
    quotes = (("Nobody was hurt,", "a spokesman"),)
    (only,) = framing(_story(_account("Eastern Herald", text, entities=(), quotes=quotes)))
    assert only.sentences == 4
    assert only.attributed == pytest.approx(0.5)
    assert only.own_voice + only.attributed == pytest.approx(1.0)


def test_framing_cue_and_speaker_spans_make_a_sentence_attributed() -> None:
    text = "Reyes stressed it. The search was calm."
    account = _account("Eastern Herald", text, entities=())
    quote = Quote(
        article_id=account.id,
        start=0,
        end=5,
        text="Reyes",
        kind="indirect",
        speaker="Dana Reyes",
        speaker_ref=Ref(text="Reyes", start=0, end=5),
        cue=Ref(text="stressed", start=6, end=14),
    )
    (only,) = framing(_story(replace(account, quotes=(quote,))))
    assert only.attributed == pytest.approx(0.5)


def test_framing_no_sentences_means_no_shares() -> None:
    account = replace(_account("Eastern Herald", HAWK), sentences=())
    (only,) = framing(_story(account))
    assert (only.own_voice, only.attributed, only.sentences) == (0.0, 0.0, 0)


def test_framing_every_knowledge_entry_parses_and_is_used() -> None:
    raw = tomllib.loads(read_data("framing.toml"))
    entries = {f"{section}_{key}" for section, table in raw.items() for key in table}
    assert entries == {f.name for f in fields(FramingLexicon)}
    lexicon = framing_lexicon()
    source = Path(framing_module.__file__).read_text(encoding="utf-8")
    for field in fields(FramingLexicon):
        assert getattr(lexicon, field.name) not in ((), frozenset())
        assert f".{field.name}" in source, f"{field.name} is read but never used"


def test_framing_bad_knowledge_entry_says_what_to_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    text = read_data("framing.toml").replace("pos = 0.4", "pos = 2.5")
    monkeypatch.setattr(framing_module, "read_data", lambda name: text)
    framing_lexicon.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"framing\.toml: tone\.pos must be a number"):
            framing_lexicon()
    finally:
        framing_lexicon.cache_clear()


def test_framing_descriptors_stop_at_verbs_and_contractions() -> None:
    varga = ("Varga", "Ilona Varga", "PERSON", 31)
    text = (
        "Varga didn't answer. Varga wrote a letter. Varga grabbed the microphone. "
        "Guards watched Varga leaving the hall. Varga supporters cheered."
    )
    (only,) = framing(_story(_account("Western Ledger", text, entities=(varga,))))
    (name,) = only.names
    assert dict(name.names) == {"Varga": 5, "Varga supporters": 1}
