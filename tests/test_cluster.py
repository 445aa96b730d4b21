"""Story clustering with made-up articles: features from stored annotations, streaming
assignment, copies, merges, restore and the JSON round trip (no model, no shared data)."""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from dataclasses import replace
from datetime import date

import pytest

from rashomon.clean.titles import lede_title
from rashomon.cluster import Assignment, StoryFeatures, StoryIndex, stories, story_features
from rashomon.cluster.features import cluster_lexicon, lead_person, terms
from rashomon.cluster.minhash import jaccard, signature
from rashomon.cluster.signals import cast_conflict, same_lead
from rashomon.cluster.similarity import Similarity, similarity_params
from rashomon.cluster.stories import RENORM_GROWTH
from rashomon.cluster.timeline import date_agreement
from rashomon.records import (
    Annotation,
    Article,
    EntityMention,
    Mention,
    Published,
    TimeExpr,
)
from rashomon.resolve.names import name_key


def _features(
    article_id: str,
    text: str,
    *,
    names: dict[str, str],
    dates: dict[str, str] | None = None,
    published: str | None = None,
    source: str | None = None,
    title: str | None = None,
) -> StoryFeatures:
    """Features of an article whose annotation names ``names`` (text -> label) and the
    DATE expressions ``dates`` (text -> TIMEX3 value)."""
    mentions = []
    for name, label in names.items():
        start = text.index(name)
        end = start + len(name)
        mentions.append(
            Mention(article_id=article_id, start=start, end=end, text=name, label=label)
        )
    times = []
    for phrase, value in (dates or {}).items():
        start = text.index(phrase)
        times.append(
            TimeExpr(
                article_id=article_id,
                start=start,
                end=start + len(phrase),
                text=phrase,
                type="DATE",
                value=value,
                granularity="day",
                anchor=published,
                resolved=True,
            )
        )
    article = Article(
        id=article_id,
        document_id=article_id,
        position=0,
        text=text,
        title=title,
        source=source,
        published=Published(date=date.fromisoformat(published), precision="day", evidence="feed")
        if published
        else None,
    )
    annotation = Annotation(
        article_id=article_id,
        model="test",
        sentences=(),
        mentions=tuple(mentions),
        times=tuple(times),
    )
    return story_features(article, annotation)


BASRA_A = (
    "Dock workers at the port of Umm Qasr near Basra walked out on Tuesday, halting "
    "container traffic, the Iraqi Ports Workers Union said.\n\n"
    "The strikers demand unpaid wages for three months and safer cranes, union leader "
    "Khalid Al-Yaqoubi told reporters outside the terminal gates."
)
BASRA_B = (
    "A strike by port workers shut the Umm Qasr terminal outside Basra on Tuesday as "
    "dockers demanded months of unpaid wages.\n\n"
    "Union head Khaled al Yaqobi said the walkout would continue until the ports company "
    "paid the wages and repaired unsafe cranes at the container terminal."
)
CASABLANCA = (
    "Bus drivers in Casablanca stopped work on Monday over a new shift schedule, leaving "
    "commuters stranded across the Moroccan city.\n\n"
    "The transport union of Morocco said drivers would stay off the roads for two days "
    "while talks with the municipal operator Alsa City Bus resume."
)


def _basra_a() -> StoryFeatures:
    return _features(
        "basra-a",
        BASRA_A,
        names={
            "Umm Qasr": "GPE",
            "Basra": "GPE",
            "Iraqi Ports Workers Union": "ORG",
            "Khalid Al-Yaqoubi": "PERSON",
        },
        dates={"Tuesday": "2025-03-11"},
        published="2025-03-11",
        source="Gulf Ledger",
        title="Dock workers strike at Umm Qasr",
    )


def _basra_b() -> StoryFeatures:
    return _features(
        "basra-b",
        BASRA_B,
        names={"Umm Qasr": "GPE", "Basra": "GPE", "Khaled al Yaqobi": "PERSON"},
        dates={"Tuesday": "2025-03-11"},
        published="2025-03-12",
        source="Desert Courier",
    )


def _casablanca() -> StoryFeatures:
    return _features(
        "casablanca",
        CASABLANCA,
        names={"Casablanca": "GPE", "Morocco": "GPE", "Alsa City Bus": "ORG"},
        dates={"Monday": "2025-04-14"},
        published="2025-04-14",
        source="Atlas Post",
    )


def test_cluster_features_read_the_stored_annotation() -> None:
    item, other = _basra_a(), _basra_b()
    assert item.places == {name_key("Basra", "GPE"), name_key("Umm Qasr", "GPE")}
    assert name_key("Iraqi Ports Workers Union", "ORG") in item.entities - item.places
    # the same name in another spelling gives the same entity key
    assert name_key("Khalid Al-Yaqoubi", "PERSON") in item.entities & other.entities
    assert item.dates == frozenset({"2025-03-11"})
    assert item.published == date(2025, 3, 11)
    terms = dict(item.terms)
    # twice in the lede, which counts twice, once in the title, which counts twice, and
    # once in a name ("Iraqi Ports Workers Union"), whose words count twice
    assert terms["worker"] == 7
    assert "said" not in terms and "the" not in terms
    assert item.names[name_key("Khalid Al-Yaqoubi", "PERSON")] == "Khalid Al-Yaqoubi"


def test_cluster_two_outlets_report_one_strike_as_one_story() -> None:
    index = StoryIndex()
    first = index.add(_basra_a())
    second = index.add(_basra_b())
    assert first.story_id == "basra-a"
    assert second.story_id == first.story_id
    assert second.duplicate_of is None
    story = index.story(first.story_id)
    assert story.sources == ("Desert Courier", "Gulf Ledger")
    assert story.title == "Dock workers strike at Umm Qasr"
    assert (story.first, story.last) == (date(2025, 3, 11), date(2025, 3, 12))


def test_cluster_a_strike_elsewhere_a_month_later_opens_a_story() -> None:
    index = StoryIndex()
    index.add(_basra_a())
    index.add(_basra_b())
    other = index.add(_casablanca())
    assert other.story_id == "casablanca"
    assert len(index.all_stories()) == 2


def test_cluster_syndicated_copy_links_to_its_original() -> None:
    index = StoryIndex()
    original = index.add(_basra_a())
    copy_text = "Iraq port strike\n\n" + BASRA_A + "\n\nReporting by the Gulf Ledger desk."
    copy = index.add(
        _features(
            "basra-copy",
            copy_text,
            names={"Basra": "GPE", "Umm Qasr": "GPE"},
            published="2025-03-11",
            source="Wire Reprints",
        )
    )
    assert copy.duplicate_of == "basra-a"
    assert copy.story_id == original.story_id
    story = index.story(original.story_id)
    assert story.article_ids == ("basra-a",)
    assert story.copies == ("basra-copy",)
    assert story.sources == ("Gulf Ledger",)  # a copy is not another account


def test_cluster_add_after_restore_assigns_as_before() -> None:
    index = StoryIndex()
    entries = [(item, index.add(item)) for item in (_basra_a(), _casablanca())]
    expected = index.add(_basra_b())
    restored = StoryIndex.restore(entries)
    assert restored.add(_basra_b()) == expected


def test_cluster_bridging_article_merges_two_stories() -> None:
    a, b = _basra_a(), _basra_b()
    # two stories about one strike, as an earlier, stricter index left them
    index = StoryIndex.restore(
        [
            (a, Assignment(article_id=a.article_id, story_id=a.article_id)),
            (b, Assignment(article_id=b.article_id, story_id=b.article_id)),
        ]
    )
    bridge = _features(
        "basra-bridge",
        "Dockers at Umm Qasr near Basra kept up their strike over unpaid wages and unsafe "
        "cranes on Wednesday, union leader Khalid Al-Yaqoubi said, as the ports company "
        "offered to pay the wages of the container terminal workers.",
        names={"Umm Qasr": "GPE", "Basra": "GPE", "Khalid Al-Yaqoubi": "PERSON"},
        dates={"Wednesday": "2025-03-12"},
        published="2025-03-12",
    )
    assignment = index.add(bridge)
    assert assignment.merged == ("basra-b",) or assignment.merged == ("basra-a",)
    assert len(index.all_stories()) == 1
    assert set(index.story(assignment.story_id).article_ids) == {
        "basra-a",
        "basra-b",
        "basra-bridge",
    }


def test_cluster_refine_splits_a_story_that_does_not_cohere() -> None:
    a, b, c = _basra_a(), _basra_b(), _casablanca()
    index = StoryIndex.restore(
        [(item, Assignment(article_id=item.article_id, story_id="mixed")) for item in (a, b, c)]
    )
    moved = index.refine("mixed")
    assert [m.article_id for m in moved] == ["casablanca"]
    assert moved[0].story_id == "casablanca"
    assert set(index.story("mixed").article_ids) == {"basra-a", "basra-b"}


def test_cluster_features_round_trip_through_json() -> None:
    item = _basra_a()
    assert StoryFeatures.from_dict(json.loads(json.dumps(item.to_dict()))) == item
    # features stored before the opening was counted still load (and have no opening)
    older = {k: v for k, v in item.to_dict().items() if k != "lede_terms"}
    assert StoryFeatures.from_dict(older).lede_terms == ()
    assignment = Assignment(
        article_id="x", story_id="s", duplicate_of="y", score=0.5, merged=("t",)
    )
    assert Assignment.from_dict(json.loads(json.dumps(assignment.to_dict()))) == assignment


def test_cluster_minhash_estimates_jaccard() -> None:
    same = signature(BASRA_A)
    assert jaccard(same, signature(BASRA_A)) == 1.0
    assert jaccard(same, signature(BASRA_B)) < 0.2


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (("2025-03-11",), ("2025-03-11", "2024"), 1),
        (("2025-03-11",), ("2025-03",), 0),
        (("2025-03-11",), ("2025-06-01",), -1),
        (("2019",), ("2025-03-11",), -1),
        ((), ("2025-03-11",), 0),
        # a day or month named without a year: near in some year, or not
        (("XXXX-12-09",), ("2013-09-18",), -1),
        (("XXXX-12",), ("2008-12-17",), 0),
        (("XXXX-12-17",), ("2008-12-17",), 1),
        (("XXXX-12-17",), ("XXXX-12-17", "2001"), 1),
        (("XXXX-01-03",), ("2008-12-25",), 0),
        (("XXXX-07",), ("XXXX-01",), -1),
        # a year says nothing of a yearless month
        (("XXXX-12",), ("2008",), 0),
    ],
)
def test_cluster_dates_agree_or_conflict(
    first: tuple[str, ...], second: tuple[str, ...], expected: int
) -> None:
    assert date_agreement(first, second, conflict_days=45) == expected


def test_cluster_lexicon_parses() -> None:
    lexicon = cluster_lexicon()
    assert lexicon.place_labels <= lexicon.entity_labels
    assert "said" in lexicon.ignored and "the" in lexicon.ignored


def test_cluster_similarity_parameters_parse() -> None:
    params = similarity_params()
    assert 0 < params.threshold < params.text_weight + params.lede_weight + params.entity_weight
    assert StoryIndex().params == params


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"threshold": -0.1}, "similarity.threshold"),
        ({"threshold": "high"}, "similarity.threshold must be a number"),
        ({"date_conflict_days": 4.5}, "whole number"),
        ({"lede_weights": 0.1}, "unknown keys ['lede_weights']"),
    ],
)
def test_cluster_similarity_parameters_say_what_is_wrong(
    change: dict[str, object], message: str
) -> None:
    raw: dict[str, object] = {
        name: getattr(similarity_params(), name) for name in Similarity.__dataclass_fields__
    }
    raw.update(change)
    with pytest.raises(ValueError, match=re.escape(message)):
        Similarity.from_dict(raw)


def _invented(count: int) -> list[StoryFeatures]:
    """Articles of a few invented stories: each story has its words and actors."""
    rng = random.Random(5)
    items = []
    for number in range(count):
        story = rng.randrange(6)
        words = [f"s{story}w{rng.randrange(12)}" for _ in range(25)]
        words += [f"common{rng.randrange(40)}" for _ in range(25)]
        items.append(
            StoryFeatures(
                article_id=f"a{number}",
                source=f"outlet{number % 5}",
                published=date(2025, 1, 1 + story * 3 + rng.randrange(2)),
                title=None,
                terms=tuple(sorted(Counter(words).items())),
                entities=frozenset({f"s{story}n{rng.randrange(4)}", f"x{rng.randrange(30)}"}),
                places=frozenset(),
                dates=frozenset(),
                signature=tuple(rng.randrange(1 << 32) for _ in range(64)),
            )
        )
    return items


def test_cluster_restored_index_continues_a_stream_exactly() -> None:
    items = _invented(60)
    index = StoryIndex()
    entries = [(item, index.add(item)) for item in items[:45]]
    restored = StoryIndex.restore(entries)
    assert [restored.add(item) for item in items[45:]] == [index.add(item) for item in items[45:]]
    assert len(index.all_stories()) < 20


def _worded(article_id: str, words: str, names: str) -> StoryFeatures:
    return StoryFeatures(
        article_id=article_id,
        source=None,
        published=None,
        title=None,
        terms=tuple(sorted(Counter(words.split()).items())),
        entities=frozenset(names.split()),
        places=frozenset(),
        dates=frozenset(),
        signature=tuple(hash((article_id, k)) & 0xFFFFFFFF for k in range(64)),
    )


def test_cluster_local_reclustering_moves_a_misplaced_article() -> None:
    red = "flood river levee rain evacuation dam town water rescue boat"
    blue = "election ballot vote candidate campaign poll result count party seat"
    entries = [
        (_worded("r1", red, "riverton mayor"), "red"),
        (_worded("r2", red + " flood", "riverton"), "red"),
        (_worded("b1", blue, "senate"), "blue"),
        # an earlier, weaker index left a flood report in the election story
        (_worded("r3", red + " levee", "riverton mayor"), "blue"),
    ]
    index = StoryIndex.restore(
        (item, Assignment(article_id=item.article_id, story_id=story)) for item, story in entries
    )
    assignment = index.add(_worded("r4", red + " rain", "riverton"))
    assert assignment.story_id == "red"
    assert assignment.moved == (("r3", "red"),)
    assert set(index.story("red").article_ids) == {"r1", "r2", "r3", "r4"}
    assert index.story("blue").article_ids == ("b1",)
    assert Assignment.from_dict(json.loads(json.dumps(assignment.to_dict()))) == assignment
    # replaying the stored assignment, moves included, gives the same index
    restored = StoryIndex.restore(
        [(item, Assignment(article_id=item.article_id, story_id=story)) for item, story in entries]
        + [(index.features["r4"], assignment)]
    )
    assert restored.story_of == index.story_of
    probe = _worded("r5", red, "riverton")
    assert restored.add(probe) == index.add(probe)


def _people(text: str, names: list[str]) -> Annotation:
    """An annotation whose PERSON mentions are ``names``, found in order in ``text``."""
    mentions, at = [], 0
    for name in names:
        start = text.index(name, at)
        at = start + len(name)
        mentions.append(Mention(article_id="p", start=start, end=at, text=name, label="PERSON"))
    return Annotation(article_id="p", model="test", sentences=(), mentions=tuple(mentions))


COACH = (
    "Coach Dale Brennan was fired on Monday. Brennan led the team for three seasons. "
    "Owner Rita Vance said Brennan would be paid in full. Brennan declined to comment."
)


def test_cluster_lead_is_the_person_the_article_is_about() -> None:
    names = ["Dale Brennan", "Brennan", "Rita Vance", "Brennan", "Brennan"]
    assert lead_person(_people(COACH, names)) == "Dale Brennan"
    # two people as prominent as each other: no lead
    assert lead_person(_people(COACH, ["Dale Brennan", "Brennan", "Rita Vance"])) is None


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("Dale Brennan", "Brennan", True),
        ("Brian G. Nichols", "Brian Nichols", True),
        ("Khalid Al-Yaqoubi", "Khaled al Yaqobi", True),
        ("Dale Brennan", "Dale Morris", False),
        ("Vincent Jackson", "Jamal Williams", False),
    ],
)
def test_cluster_same_lead_person(first: str, second: str, same: bool) -> None:
    assert same_lead(first, second) is same
    assert same_lead(second, first) is same


def test_cluster_two_people_of_one_kind_of_story_pull_apart() -> None:
    words = "coach fired team season owner contract losing streak replacement"
    index = StoryIndex()
    for number in range(3):
        index.add(replace(_worded(f"b{number}", words, "club"), lead="Dale Brennan"))
    story = index.story_of["b0"]
    assert {index.story_of[f"b{n}"] for n in range(3)} == {story}
    same = replace(_worded("b3", words, "club"), lead="Brennan")
    other = replace(_worded("m1", words, "club"), lead="Rita Morris")
    profile = index._story_profile(story)
    gap = index.similarity(index._article_profile(same), profile) - index.similarity(
        index._article_profile(other), profile
    )
    assert gap == pytest.approx(similarity_params().lead_conflict)


def test_cluster_members_stay_unit_length_as_the_corpus_grows() -> None:
    index = StoryIndex()
    for item in _invented(80):
        index.add(item)
    assert index._scale.originals * RENORM_GROWTH >= index.originals
    for article_id, member in index._members.items():
        norm = sum((v * index._scale.term_idf(t)) ** 2 for t, v in member.text.items())
        assert norm == pytest.approx(1.0), article_id


def test_cluster_terms_drop_possessives_and_contraction_pieces() -> None:
    ignored = cluster_lexicon().ignored
    assert list(terms("Microsoft's patch", ignored)) == ["microsoft", "patch"]
    assert list(terms("Microsoft’s patch", ignored)) == ["microsoft", "patch"]
    assert "n't" not in list(terms("they do n't know", ignored))


def test_cluster_terms_keep_figures() -> None:
    ignored = cluster_lexicon().ignored
    found = list(terms("Colts win 31-24 before 10,000 fans; a 5.4 quake, 12 hurt", ignored))
    assert found == ["colt", "win", "31-24", "10000", "fans", "5.4", "quak", "hurt"]


def test_cluster_features_key_people_by_surname_too_and_keep_yearless_dates() -> None:
    item = _features(
        "y1",
        "Khalid Al-Yaqoubi spoke on Dec. 9, a Wednesday.",
        names={"Khalid Al-Yaqoubi": "PERSON"},
        dates={"Dec. 9": "XXXX-12-09", "Wednesday": "XXXX-WXX-3"},
    )
    assert name_key("Yaqoubi") in item.entities
    assert name_key("Khalid Al-Yaqoubi") in item.entities
    assert item.dates == frozenset({"XXXX-12-09"})


def test_cluster_candidates_come_from_the_stories_that_took_a_key_last(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A key held by many stories is looked up in the few that took it last: the cost
    of an add does not grow with the corpus, and what is recent is found."""
    monkeypatch.setattr(stories, "POSTING_DEPTH", 2)
    happenings = [
        "Floodwater cut the railway line to the northern valleys.",
        "Parliament elected a new speaker after weeks of deadlock.",
        "A chemical plant fire sent smoke over the harbour district.",
        "The central bank raised interest rates by half a point.",
        "Striking teachers marched on the education ministry.",
    ]
    index = StoryIndex()
    for number, happening in enumerate(happenings):
        index.add(
            _features(
                f"s{number}",
                f"{happening} Zephyria reported.",
                names={"Zephyria": "GPE"},
                published=f"202{number}-06-01",
            )
        )
    assert len(index.stories) == 5
    probe = _features("probe", "Zephyria reported.", names={"Zephyria": "GPE"})
    assert set(index._candidates(probe)) == {"s3", "s4"}
    # a story that takes the key again comes back to the recent end
    again = _features(
        "again",
        "Zephyria said floodwater had cut the northern valleys railway line again.",
        names={"Zephyria": "GPE"},
        published="2020-06-02",
    )
    index.add(again)
    assert index.story_of["again"] == "s0"
    assert set(index._candidates(probe)) == {"s0", "s4"}


def test_cluster_dates_are_the_ledes() -> None:
    """The happening's date is in the first lines; a date further down is background."""
    lede = (
        "Rescuers pulled two climbers from the north face of Mount Aster on 4 March, "
        "the alpine club said, after a storm pinned them below the summit ridge for "
        "three nights. Both were flown to the valley hospital with frostbite and "
        "exhaustion, and a third climber is still missing on the mountain. The search "
        "resumes at first light."
    )
    background = "The face was first climbed in 1938, and a storm killed four there in 1981."
    features = _features(
        "aster",
        f"{lede}\n\n{background}",
        names={"Mount Aster": "LOC"},
        dates={"4 March": "2025-03-04", "1938": "1938", "1981": "1981"},
    )
    assert features.dates == {"2025-03-04"}
    # the opening: the title and the lede, once each; the background is not in it
    opening = dict(features.lede_terms)
    assert opening["climber"] == 2 and opening["storm"] == 1
    assert "1938" not in opening and "1938" in dict(features.terms)


def test_cluster_shared_opening_pulls_two_reports_together() -> None:
    """Two reports of one kind of happening share the background vocabulary; the
    opening's weight puts what the first lines share ahead of it."""
    background = " ".join(f"background{n}" for n in range(30))
    first = _worded("one", f"climber storm rescue aster {background}", "alpine club")
    second = _worded("two", f"climber storm rescue aster {background}", "alpine club")
    third = _worded("three", f"avalanche skier lift resort {background}", "alpine club")
    openings = {
        "one": (("aster", 1), ("climber", 1), ("rescue", 1), ("storm", 1)),
        "two": (("aster", 1), ("climber", 1), ("rescue", 1), ("storm", 1)),
        "three": (("avalanche", 1), ("lift", 1), ("resort", 1), ("skier", 1)),
    }
    items = [replace(f, lede_terms=openings[f.article_id]) for f in (first, second, third)]
    params = similarity_params()
    plain = StoryIndex(params=replace(params, lede_weight=0.0))
    weighted = StoryIndex(params=replace(params, lede_weight=0.2))
    gaps = []
    for index in (plain, weighted):
        for item in items:
            index.apply(item, Assignment(article_id=item.article_id, story_id=item.article_id))
        same = index.similarity(index._member_profile("one"), index._member_profile("two"))
        other = index.similarity(index._member_profile("one"), index._member_profile("three"))
        gaps.append(same - other)
    assert gaps[1] > gaps[0]


@pytest.mark.parametrize(
    ("published", "together"),
    [
        ((date(2027, 6, 30), date(2027, 6, 30)), True),
        ((date(2027, 6, 30), date(2027, 7, 1)), True),
        ((date(2027, 6, 30), date(2027, 7, 2)), False),
        ((None, None), False),
    ],
)
def test_cluster_lede_dates_of_reports_published_a_day_apart_do_not_conflict(
    published: tuple[date | None, date | None], together: bool
) -> None:
    """One governor's launch told twice: one lede gives the day of the speech, the other
    only the election year the run is for. Published the same or the next day, the
    publication dates say when and the lede dates are no conflict; without publication
    dates, or two days apart, the lede dates are all there is, and they conflict."""
    launch = replace(
        _worded(
            "launch",
            "governor run president bid speech crowd pledge truth school gym",
            "halvorsen vermont",
        ),
        dates=frozenset({"2027-06-30"}),
        published=published[0],
    )
    race = replace(
        _worded(
            "race",
            "governor run president bid field rival poll donor primary debt",
            "halvorsen gop",
        ),
        dates=frozenset({"2028"}),
        published=published[1],
    )
    index = StoryIndex()
    index.add(launch)
    index.add(race)
    assert (index.story_of["race"] == index.story_of["launch"]) is together
    # text and names alone reach the threshold; the conflict, where it counts, does not
    score = index.similarity(index._member_profile("launch"), index._member_profile("race"))
    params = similarity_params()
    alone = score if together else score + params.date_conflict
    assert params.threshold <= alone < params.threshold + params.date_conflict


def test_cluster_a_headline_labels_the_story_before_a_lede_title() -> None:
    # basra-b has no title of its own: the cleaner titles it by its lede; basra-a's
    # headline labels the story even when basra-b names more of the story's entities
    lede = lede_title(BASRA_B)
    assert lede
    index = StoryIndex()
    index.add(replace(_basra_b(), title=lede, headline=False))
    added = index.add(_basra_a())
    assert index.story(added.story_id).title == "Dock workers strike at Umm Qasr"
    assert not _features("x", BASRA_B, names={}, title=lede).headline
    assert _basra_a().headline


BOUT = (
    "Marco Delgado stopped Ivan Petrov in the sixth round on Saturday night to keep his "
    "two heavyweight belts in front of a sold-out crowd. Petrov, the challenger, was cut "
    "over the left eye in the fourth and never found his range, while Delgado worked the "
    "body from the opening bell and landed almost twice as many punches by the end.\n\n"
    "Delgado, who trained in Valencia, has not lost since 2015. His promoter said Delgado "
    "and Petrov may meet again. Referee Tom Hale waved it off. Hale said the cut was deep."
)


def _linked(text: str, names: list[tuple[str, str]]) -> Annotation:
    """An annotation whose PERSON mentions, linked within the article as the entities
    stage links them, are ``names`` (text, full name), found in order in ``text``."""
    mentions, at = [], 0
    for written, name in names:
        start = text.index(written, at)
        at = start + len(written)
        mentions.append(
            EntityMention(
                article_id="p", start=start, end=at, text=written, label="PERSON", name=name
            )
        )
    return Annotation(
        article_id="p", model="test", sentences=(), mentions=(), entity_mentions=tuple(mentions)
    )


def test_cluster_principals_are_the_people_the_lede_names_twice() -> None:
    delgado, petrov, hale = "Marco Delgado", "Ivan Petrov", "Tom Hale"
    names = [(delgado, delgado), (petrov, petrov), ("Petrov", petrov), ("Delgado", delgado)]
    names += [("Delgado", delgado), ("Delgado", delgado), ("Petrov", petrov)]
    names += [(hale, hale), ("Hale", hale)]
    article = Article(id="p", document_id="p", position=0, text=BOUT)
    features = story_features(article, _linked(BOUT, names))
    # the referee is named twice, but only past the lede; the two boxers are principals
    assert features.principals == {name_key(delgado), name_key(petrov)}
    # named once in all, a person in the lede is no principal
    once = _linked(BOUT, [(delgado, delgado), (petrov, petrov)])
    assert story_features(article, once).principals == frozenset()
    assert StoryFeatures.from_dict(json.loads(json.dumps(features.to_dict()))) == features


@pytest.mark.parametrize(
    ("other", "principals", "conflict"),
    [
        # the same boxer, another opponent who does not appear in the first report
        ("delgado okoro", {"delgado", "okoro"}, True),
        # the second report mentions the first one's opponent: no conflict
        ("delgado okoro petrov", {"delgado", "okoro"}, False),
        # the second report names no principal of its own
        ("delgado okoro", set(), False),
    ],
)
def test_cluster_cast_conflict_needs_a_principal_absent_on_each_side(
    other: str, principals: set[str], conflict: bool
) -> None:
    first = (frozenset({"delgado", "petrov"}), frozenset({"delgado", "petrov", "valencia"}))
    second = (frozenset(principals), frozenset(other.split()))
    assert cast_conflict(*first, *second) is conflict
    assert cast_conflict(*second, *first) is conflict


def test_cluster_cast_conflict_knows_a_principal_by_surname() -> None:
    full = frozenset({name_key("Ivan Petrov")})
    entities = frozenset({name_key("Ivan Petrov"), name_key("Petrov"), name_key("Delgado")})
    okoro = frozenset({name_key("Okoro")})
    # the second report mentions only "Petrov", the surname of the first one's principal
    assert not cast_conflict(full, entities, okoro, okoro | {name_key("Petrov")})
    assert cast_conflict(full, entities, okoro, okoro | {name_key("Hale")})


def test_cluster_two_fights_of_one_boxer_pull_apart() -> None:
    words = "boxer stopped round title heavyweight belt arena referee knockout defence"
    index = StoryIndex()
    for number in range(3):
        item = _worded(f"f{number}", words, "delgado petrov arena")
        index.add(replace(item, principals=frozenset({"delgado", "petrov"})))
    story = index.story_of["f0"]
    assert {index.story_of[f"f{n}"] for n in range(3)} == {story}
    same = replace(_worded("f3", words, "delgado petrov arena"), principals=frozenset({"petrov"}))
    other = replace(_worded("g1", words, "delgado okoro arena"), principals=frozenset({"okoro"}))
    profile = index._story_profile(story)
    gap = index.similarity(index._article_profile(same), profile) - index.similarity(
        index._article_profile(other), profile
    )
    # the other fight also differs in one entity key; the cast term adds its weight
    entity_gap = index.similarity(
        index._article_profile(_worded("f4", words, "delgado petrov arena")), profile
    ) - index.similarity(
        index._article_profile(_worded("g2", words, "delgado okoro arena")), profile
    )
    assert gap == pytest.approx(entity_gap + similarity_params().cast_conflict)


def test_cluster_reports_of_one_moment_lead_with_different_people() -> None:
    # two outlets open one tax deal with the people they each blame: published the same
    # day, the cast does not push them apart; published two months apart, it does
    words = "tax cut deal congress vote extension income estate senate"
    first = replace(
        _worded("t1", words, "obama senate"),
        principals=frozenset({"obama"}),
        published=date(2010, 12, 8),
    )
    index = StoryIndex()
    index.add(first)
    profile = index._story_profile(index.story_of["t1"])

    def other(day: date) -> StoryFeatures:
        item = replace(_worded("t2", words, "mcconnell senate"), published=day)
        return replace(item, principals=frozenset({"mcconnell"}))

    same_day = index.similarity(index._article_profile(other(date(2010, 12, 8))), profile)
    later = index.similarity(index._article_profile(other(date(2011, 2, 8))), profile)
    params = similarity_params()
    assert same_day - later == pytest.approx(params.cast_conflict + params.published_penalty)
