"""The comparison stage on hand-built stories: sentence alignment, items (agreed,
conflicting, unique) and sentence flags, and its views. Texts are written for these
tests."""

from __future__ import annotations

import json
import re

import pytest

import rashomon
from rashomon.analyze import AnalyzeReport
from rashomon.compare import Account, StoryMaterial, compare
from rashomon.compare import story as story_module
from rashomon.compare.align import align
from rashomon.compare.story import flag_rules, informational, selection_flags
from rashomon.errors import NotFoundError
from rashomon.records import (
    Article,
    EntityMention,
    Event,
    Quantity,
    Quote,
    Ref,
    Sentence,
    TimeExpr,
)
from rashomon.render_compare import render

_SENTENCE = re.compile(r"[^.!?]+[.!?]")


def _account(
    outlet: str | None,
    text: str,
    *,
    names: dict[str, tuple[str, int]] | None = None,
    quotes: tuple[Quote, ...] = (),
    quantities: tuple[Quantity, ...] = (),
    events: tuple[Event, ...] = (),
    times: tuple[TimeExpr, ...] = (),
    key: str | None = None,
) -> Account:
    article_id = key or f"{(outlet or 'none').lower().replace(' ', '')[:8]:0<16}"
    sentences = tuple(
        Sentence(
            article_id=article_id,
            start=m.start() + (len(m.group()) - len(m.group().lstrip())),
            end=m.end(),
        )
        for m in _SENTENCE.finditer(text)
    )
    mentions = []
    ids = {}
    for name, (label, entity) in (names or {}).items():
        for m in re.finditer(re.escape(name), text):
            mentions.append(
                EntityMention(
                    article_id=article_id,
                    start=m.start(),
                    end=m.end(),
                    text=name,
                    label=label,
                    name=name,
                )
            )
            ids[(m.start(), m.end())] = entity
    return Account(
        article=Article(
            id=article_id, document_id=article_id, position=0, text=text, source=outlet
        ),
        sentences=sentences,
        entity_mentions=tuple(mentions),
        quotes=tuple(q for q in quotes),
        quantities=quantities,
        events=events,
        times=times,
        entity_ids=ids,
    )


def _quote(article_id: str, text: str, said: str, speaker: str, medium: str | None = None) -> Quote:
    start = text.index(said)
    medium_ref = None
    if medium is not None:
        at = text.index(medium)
        medium_ref = Ref(text=medium, start=at, end=at + len(medium))
    at = text.index(speaker.split()[-1])
    return Quote(
        article_id=article_id,
        start=start,
        end=start + len(said),
        text=said,
        kind="direct",
        speaker=speaker,
        speaker_ref=Ref(text=speaker.split()[-1], start=at, end=at + len(speaker.split()[-1])),
        cue=None,
        medium=medium_ref,
    )


def _count(
    article_id: str, text: str, said: str, value: float, category: str, low: float | None = None
) -> Quantity:
    start = text.index(said)
    return Quantity(
        article_id=article_id,
        start=start,
        end=start + len(said),
        text=said,
        value=value,
        low=low,
        category=category,
        counted="people",
    )


def _story(*accounts: Account) -> StoryMaterial:
    return StoryMaterial(story_id="s1", title="Test story", accounts=accounts)


PORT_A = (
    "Flooding closed the port of Velmora on Tuesday after the river burst its banks. "
    "Harbour master Ilse Brandt said the quays would reopen within a week. "
    "The town council has long been accused of neglecting the flood walls."
)
PORT_B = (
    "The river burst its banks on Tuesday and flooding closed the port of Velmora. "
    "Ilse Brandt, the harbour master, expects the quays to reopen within a week. "
    "Fishermen moved their boats upstream to the old mill."
)
NAMES = {"Velmora": ("GPE", 1), "Ilse Brandt": ("PERSON", 2), "Brandt": ("PERSON", 2)}


def test_compare_align_finds_the_counterpart_in_the_other_outlet() -> None:
    a = _account("North Star", PORT_A, names=NAMES)
    b = _account("South Wind", PORT_B, names=NAMES)
    alignment = align([a, b])
    first = alignment.counterparts[0]
    assert [(c.outlet, c.start) for c in first] == [("South Wind", 0)]
    # the council sentence has nothing like it in the other outlet
    council = next(
        i for i, u in enumerate(alignment.units) if PORT_A[u.start :].startswith("The town")
    )
    assert alignment.counterparts[council] == ()


def test_compare_statements_agreed_and_unique_keep_every_span() -> None:
    a = _account("North Star", PORT_A, names=NAMES)
    b = _account("South Wind", PORT_B, names=NAMES)
    comparison = compare(_story(a, b))
    statements = [i for i in comparison.items if i.kind == "statement"]
    agreed = [i for i in statements if i.status == "agreed"]
    unique = {i.accounts[0].text for i in statements if i.status == "unique"}
    assert any({x.outlet for x in i.accounts} == {"North Star", "South Wind"} for i in agreed)
    assert "The town council has long been accused of neglecting the flood walls." in unique
    assert "Fishermen moved their boats upstream to the old mill." in unique
    for item in comparison.items:
        for account in item.accounts:
            text = PORT_A if account.outlet == "North Star" else PORT_B
            assert text[account.start : account.end] == account.text


def test_compare_sentence_flags_mark_unique_sentences_only_with_two_outlets() -> None:
    a = _account("North Star", PORT_A, names=NAMES)
    b = _account("South Wind", PORT_B, names=NAMES)
    flags = {
        PORT_A[s.start : s.end]: s.flags
        for s in compare(_story(a, b)).sentences
        if s.outlet == "North Star"
    }
    assert (
        "unique" in flags["The town council has long been accused of neglecting the flood walls."]
    )
    assert (
        "unique"
        not in flags[
            "Flooding closed the port of Velmora on Tuesday after the river burst its banks."
        ]
    )
    alone = compare(_story(_account("North Star", PORT_A, names=NAMES)))
    assert all(not s.flags for s in alone.sentences)


# written for these tests: a story of a mayor under investigation, told by two outlets
HARBOUR_A = (
    "Mayor Oskar Lind opened the new ferry terminal in Velmora on Monday. "
    "Lind had dodged questions about the terminal's cost for months. "
    '"This terminal is a monument to waste," said councillor Mira Holt of Lind. '
    "The ferries will run every hour from June. "
    "Critics called the ceremony a shameless, disgraceful stunt."
)
HARBOUR_B = (
    "Velmora's new ferry terminal opened on Monday with Mayor Oskar Lind cutting the ribbon. "
    "Ferries are to sail every hour from June, the port said. "
    "Lind thanked the builders."
)
HARBOUR_NAMES = {
    "Oskar Lind": ("PERSON", 5),
    "Lind": ("PERSON", 5),
    "Velmora": ("GPE", 1),
}


def _harbour_flags() -> dict[str, tuple[str, ...]]:
    a = _account("North Star", HARBOUR_A, names=HARBOUR_NAMES)
    b = _account("South Wind", HARBOUR_B, names=HARBOUR_NAMES)
    return {
        HARBOUR_A[s.start : s.end]: s.flags
        for s in compare(_story(a, b)).sentences
        if s.outlet == "North Star"
    }


def test_compare_background_flag_marks_a_main_actors_past_in_the_perfect_tense() -> None:
    flags = _harbour_flags()
    assert "background" in flags["Lind had dodged questions about the terminal's cost for months."]
    assert "background" not in flags["The ferries will run every hour from June."]
    assert (
        "background"
        not in flags["Mayor Oskar Lind opened the new ferry terminal in Velmora on Monday."]
    )


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("The minister has long been accused of favouring his cousins.", True),
        ("The minister had repeatedly ignored the auditors.", True),
        ("The minister have not spoken since.", True),
        ("The minister has a dog and two cats.", False),
        ("The minister will speak on Friday.", False),
    ],
)
def test_compare_background_flag_reads_the_perfect_tense(sentence: str, found: bool) -> None:
    assert ("background" in selection_flags(sentence, names_actor=True)) is found
    assert "background" not in selection_flags(sentence, names_actor=False)


def test_compare_negative_flag_marks_negative_wording_whoever_speaks() -> None:
    flags = _harbour_flags()
    assert "negative" in flags["Critics called the ceremony a shameless, disgraceful stunt."]
    assert "negative" not in flags["The ferries will run every hour from June."]


def test_compare_quoted_flag_needs_a_quotation_and_a_main_actor() -> None:
    flags = _harbour_flags()
    quoted = '"This terminal is a monument to waste," said councillor Mira Holt of Lind.'
    assert "quoted" in flags[quoted]
    assert "quoted" not in flags["The ferries will run every hour from June."]
    assert "quoted" not in selection_flags('"Ferries sail hourly," the port said.', False)


def test_compare_informational_flags_are_the_listed_ones() -> None:
    assert set(flag_rules().informational) == {"background", "negative", "quoted"}
    assert informational(("unique", "background"))
    assert not informational(("unique", "framed", "conflict"))


def test_compare_figures_flag_marks_a_record_of_fact_that_is_not_informational() -> None:
    flags = selection_flags('"We counted 40 empty berths," the mayor said of the port.', True)
    assert "quoted" in flags and "figures" in flags
    assert not informational(flags)
    assert "figures" not in selection_flags('"We counted the empty berths," he said.', True)
    assert informational(selection_flags('"We counted the empty berths," he said.', True))


def test_compare_selection_flags_need_two_outlets() -> None:
    alone = compare(_story(_account("North Star", HARBOUR_A, names=HARBOUR_NAMES)))
    assert all(not s.flags for s in alone.sentences)


def test_compare_bad_flag_rule_says_what_to_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    text = story_module.read_data("compare.toml").replace(
        'informational = ["background", "negative", "quoted"]',
        'informational = ["background", "slanted"]',
    )
    monkeypatch.setattr(story_module, "read_data", lambda name: text)
    flag_rules.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"flags\.informational names \['slanted'\]"):
            flag_rules()
    finally:
        flag_rules.cache_clear()


def test_compare_same_statement_to_two_media_conflicts_on_medium() -> None:
    text_a = 'Governor Anouk Tessel told Radio Velmora: "The dam will hold through the storm."'
    text_b = (
        'Speaking to the Coastal Gazette, Anouk Tessel said "the dam will hold through the night."'
    )
    names = {"Anouk Tessel": ("PERSON", 7), "Tessel": ("PERSON", 7)}
    a = _account("North Star", text_a, names=names)
    b = _account("South Wind", text_b, names=names)
    a = _with(
        a,
        quotes=(
            _quote(
                a.id,
                text_a,
                "The dam will hold through the storm.",
                "Anouk Tessel",
                "Radio Velmora",
            ),
        ),
    )
    b = _with(
        b,
        quotes=(
            _quote(
                b.id,
                text_b,
                "the dam will hold through the night.",
                "Anouk Tessel",
                "the Coastal Gazette",
            ),
        ),
    )
    (quote,) = [i for i in compare(_story(a, b)).items if i.kind == "quote"]
    assert quote.status == "conflicting" and quote.conflict == "medium"
    assert {x.value for x in quote.accounts} == {
        "Anouk Tessel (to Radio Velmora)",
        "Anouk Tessel (to the Coastal Gazette)",
    }


def test_compare_nested_quote_counts_once() -> None:
    text = 'Tessel said the dam would hold, insisting "no village is at risk" tonight.'
    names = {"Tessel": ("PERSON", 7)}
    a = _account("North Star", text, names=names)
    outer = _quote(a.id, text, 'the dam would hold, insisting "no village is at risk"', "Tessel")
    inner = _quote(a.id, text, "no village is at risk", "Tessel")
    a = _with(a, quotes=(outer, inner))
    quotes = [i for i in compare(_story(a)).items if i.kind == "quote"]
    assert len(quotes) == 1 and quotes[0].accounts[0].text == outer.text


def test_compare_figures_conflict_beyond_rounding_and_agree_within_a_range() -> None:
    text_a = "At least seven people were killed when the bridge at Velmora collapsed on Tuesday."
    text_b = "Nine people were killed when the Velmora bridge collapsed on Tuesday."
    text_c = "Eight people were killed as the bridge in Velmora collapsed on Tuesday."
    a = _account("North Star", text_a, names=NAMES)
    b = _account("South Wind", text_b, names=NAMES)
    c = _account("East Post", text_c, names=NAMES)
    a = _with(a, quantities=(_count(a.id, text_a, "At least seven", 7, "killed", low=7),))
    b = _with(b, quantities=(_count(b.id, text_b, "Nine", 9, "killed"),))
    (clash,) = [i for i in compare(_story(a, b)).items if i.kind == "figure"]
    assert clash.status == "conflicting" and clash.conflict == "figure"
    c = _with(c, quantities=(_count(c.id, text_c, "Eight", 8, "killed"),))
    b_close = _with(b, quantities=(_count(b.id, text_b, "Nine", 9, "killed"),))
    exact = _with(c, quantities=(_count(c.id, text_c, "Eight", 9, "killed"),))
    (agreed,) = [i for i in compare(_story(b_close, exact)).items if i.kind == "figure"]
    assert agreed.status == "agreed"


def test_compare_asserted_and_denied_event_conflict_on_modality() -> None:
    text_a = "Soldiers shelled the village of Karst on Monday, residents said."
    text_b = "The army denied that soldiers shelled the village of Karst on Monday."
    names = {"Karst": ("GPE", 3)}
    a = _account("North Star", text_a, names=names)
    b = _account("South Wind", text_b, names=names)
    a = _with(a, events=(_event(a.id, text_a, "shelled", "asserted"),))
    b = _with(b, events=(_event(b.id, text_b, "shelled", "denied"),))
    conflicts = [i for i in compare(_story(a, b)).items if i.conflict == "modality"]
    assert len(conflicts) == 1
    assert {x.value for x in conflicts[0].accounts} == {"asserted", "denied"}


def test_compare_dates_of_aligned_sentences_conflict() -> None:
    text_a = "The ferry Aurora sank off Velmora on 3 May, the coastguard said."
    text_b = "The ferry Aurora sank off Velmora on 5 May, according to the coastguard."
    names = {"Velmora": ("GPE", 1), "Aurora": ("PRODUCT", 4)}
    a = _account("North Star", text_a, names=names)
    b = _account("South Wind", text_b, names=names)
    a = _with(a, times=(_date(a.id, text_a, "3 May", "2025-05-03"),))
    b = _with(b, times=(_date(b.id, text_b, "5 May", "2025-05-05"),))
    (dated,) = [i for i in compare(_story(a, b)).items if i.kind == "date"]
    assert dated.status == "conflicting" and dated.conflict == "date"


def test_compare_unnamed_outlets_are_separate_accounts() -> None:
    a = _account(None, PORT_A, names=NAMES, key="a" * 16)
    b = _account(None, PORT_B, names=NAMES, key="b" * 16)
    assert a.outlet != b.outlet
    assert len(compare(_story(a, b)).outlets) == 2


def test_compare_json_and_html_views() -> None:
    hostile = PORT_A + ' <script>alert(1)</script> <img src=x onerror="alert(2)">.'
    a = _account("North <b>Star</b>", hostile, names=NAMES)
    b = _account("South Wind", PORT_B, names=NAMES)
    comparison = compare(_story(a, b))
    data = json.loads(render(comparison, "json", {}))
    assert data["counts"] == comparison.counts()
    assert all(
        {"article_id", "start", "end", "outlet"} <= set(x)
        for i in data["items"]
        for x in i["accounts"]
    )
    page = render(comparison, "html", {a.id: hostile, b.id: PORT_B})
    assert "<script>" not in page and "<b>Star</b>" not in page and 'onerror="' not in page
    assert "&lt;script&gt;" in page
    text = render(comparison, "text", {})
    assert "WHAT ONLY ONE OUTLET CARRIES" in text and f"[{a.id}:" in text
    assert "may sway the reader about an actor: " in text


def test_compare_text_view_counts_each_outlets_flagged_sentences() -> None:
    a = _account("North Star", HARBOUR_A, names=HARBOUR_NAMES)
    b = _account("South Wind", HARBOUR_B, names=HARBOUR_NAMES)
    text = render(compare(_story(a, b)), "text", {})
    north = text[text.index("HOW NORTH STAR TELLS IT") :]
    assert "sentences flagged: " in north and "(of 5)" in north
    line = next(x for x in north.splitlines() if "may sway the reader" in x)
    assert "1 background" in line and "1 quoted" in line


def _with(account: Account, **changes: object) -> Account:
    from dataclasses import replace

    return replace(account, **changes)  # type: ignore[arg-type]


def _event(article_id: str, text: str, trigger: str, modality: str) -> Event:
    start = text.index(trigger)
    return Event(
        article_id=article_id,
        start=start,
        end=start + len(trigger),
        trigger=trigger,
        sentence=Ref(text=text, start=0, end=len(text)),
        plover_type="ASSAULT",
        plover_mode=None,
        acled_type=None,
        acled_subtype=None,
        modality=modality,  # type: ignore[arg-type]
    )


def _date(article_id: str, text: str, said: str, value: str) -> TimeExpr:
    start = text.index(said)
    return TimeExpr(
        article_id=article_id,
        start=start,
        end=start + len(said),
        text=said,
        type="DATE",
        value=value,
        granularity="day",
        anchor="2025-05-06",
        resolved=True,
    )


def test_compare_sample_corpus_kirkuk_tolls_conflict(
    sample_corpus: tuple[rashomon.Corpus, AnalyzeReport],
) -> None:
    corpus, _ = sample_corpus
    (kirkuk,) = [s for s in corpus.stories() if "Kirkuk" in s.title]
    comparison = corpus.compare(kirkuk.story_id[:6])
    killed = [i for i in comparison.items if i.kind == "figure" and i.about.startswith("killed")]
    clash = [i for i in killed if i.status == "conflicting"]
    assert clash and len(clash[0].outlets) >= 2
    for item in comparison.items:
        for account in item.accounts:
            assert corpus.article(account.article_id).text[account.start : account.end] == (
                account.text
            )
    with pytest.raises(NotFoundError, match="rashomon stories"):
        corpus.compare("ffffffffffff")
