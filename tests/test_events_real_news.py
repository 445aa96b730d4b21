"""Facts on sentences of real news (issue 12): who acted and where it happened,
regions placed as regions, figures written as figures. The phrases the issue quotes
from Guardian reports on Syria (which no rule here was written from) are kept in each
sentence."""

from __future__ import annotations

from datetime import date

import pytest

from rashomon.annotate import load_model
from rashomon.extract.quantities import find_quantities
from rashomon.extract.times import find_times
from rashomon.figures import figure
from rashomon.geocode import geocode
from rashomon.records import Event, Quantity
from rashomon.render import number_line

from . import test_extract_events
from .test_extract_events import Run
from .test_geocode import mentions

run = test_extract_events.run  # the same fixture: events of a sentence, with the model


def _by_trigger(events: tuple[Event, ...], trigger: str) -> Event:
    found = [e for e in events if e.trigger.casefold() == trigger]
    assert len(found) == 1, [(e.trigger, e.plover_type) for e in events]
    return found[0]


def _text(ref: object) -> str | None:
    return getattr(ref, "text", None)


def test_events_real_news_the_actors_country_is_not_where_it_happened(run: Run) -> None:
    event = _by_trigger(run("Turkey launches assault on Kurdish-held town"), "assault")
    assert _text(event.actor) == "Turkey"
    assert _text(event.location) != "Turkey"


def test_events_real_news_a_possessive_actor_is_not_the_place(run: Run) -> None:
    text = "Turkey's offensive against the Kurdish militia began on Saturday."
    event = _by_trigger(run(text), "offensive")
    assert _text(event.actor) == "Turkey"
    assert event.location is None


def test_events_real_news_the_place_in_the_clause_is_where_it_happened(run: Run) -> None:
    text = "Turkey's offensive against Kurdish fighters in Afrin has forced thousands to flee."
    event = _by_trigger(run(text), "offensive")
    assert _text(event.actor) == "Turkey"
    assert _text(event.location) == "Afrin"


def test_events_real_news_the_subject_of_a_support_verb_is_the_actor(run: Run) -> None:
    text = "Turkish forces launched an assault on the town of Manbij on Sunday."
    event = _by_trigger(run(text), "assault")
    assert _text(event.actor) == "Turkish forces"
    assert _text(event.location) == "Manbij"


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The bombing in Kabul was claimed by Islamic State.", "bombing"),
        ("Islamic State claimed responsibility for the bombing in Kabul.", "bombing"),
    ],
)
def test_events_real_news_the_claimant_is_the_actor(run: Run, text: str, trigger: str) -> None:
    event = _by_trigger(run(text), trigger)
    assert _text(event.actor) == "Islamic State"
    assert _text(event.location) == "Kabul"


def test_events_real_news_a_relative_pronoun_is_never_the_actor(run: Run) -> None:
    event = _by_trigger(run("Residents fled the fighters who stormed the village."), "stormed")
    assert _text(event.actor) == "the fighters"


def _numbers(text: str) -> tuple[Quantity, ...]:
    doc = next(iter(load_model(None).pipe([text], 8)))
    return find_quantities(doc, article_id="t")


@pytest.mark.parametrize(
    ("text", "period"),
    [
        (
            "The war in Congo killed 5 million people between 1997 and 2003, aid groups say.",
            "between 1997 and 2003",
        ),
        (
            "Attacks have killed at least 3,287 people since hostilities erupted a year ago.",
            "since hostilities erupted a year ago",
        ),
        ("Protesters denounced a leader who has killed nearly one million of his citizens.", None),
        ("At least 707 people have been killed by police so far this year.", "so far"),
        ("Over the last year, the militia has killed 200 civilians in the province.", None),
    ],
)
def test_events_real_news_cumulative_figures_are_no_incident(
    run: Run, text: str, period: str | None
) -> None:
    events = run(text)
    assert all(e.fatalities is None for e in events), [(e.trigger, e.fatalities) for e in events]
    killed = [q for q in _numbers(text) if q.category == "killed"]
    assert killed, "the figure is kept as a number"
    if period is not None:  # the number keeps the period it sums up, with its span
        found = killed[0].period
        assert found is not None and found.text == period
        assert text[found.start : found.end] == period


def test_events_real_news_a_figure_of_one_day_has_no_period() -> None:
    text = "Airstrikes killed 12 people in the town of Manbij on Sunday, monitors said."
    (killed,) = [q for q in _numbers(text) if q.category == "killed"]
    assert killed.value == 12 and killed.period is None


@pytest.mark.parametrize(
    ("text", "written", "ends"),
    [
        ("Over the last year, the militia has killed 200 civilians.", "the last year", None),
        ("The past year has been the deadliest of the war.", "The past year", None),
        ("Fighting over the past two years displaced 1.2 million.", "the past two years", 2),
    ],
)
def test_events_real_news_the_last_year_is_the_year_before_publication(
    text: str, written: str, ends: int | None
) -> None:
    (found,) = [
        t for t in find_times(text, date(2024, 11, 12), article_id="t") if t.text == written
    ]
    assert found.type == "DURATION" and found.value == f"P{ends or 1}Y"
    assert (found.begins, found.ends) == (f"{2024 - (ends or 1)}-11-12", "2024-11-12")


def test_events_real_news_last_year_alone_is_still_the_calendar_year() -> None:
    (found,) = find_times("The ceasefire collapsed last year.", date(2024, 11, 12), article_id="t")
    assert (found.type, found.value, found.begins) == ("DATE", "2023", None)


@pytest.mark.parametrize(
    ("text", "written", "low", "high"),
    [
        (
            "Turkey's offensive against Kurdish fighters in Afrin has forced thousands to flee.",
            "thousands",
            2_000,
            9_000,
        ),
        ("Billions of dollars in aid were pledged for the reconstruction.", "Billions", 2e9, 9e9),
        ("Several hundred families fled the shelling overnight.", "Several hundred", 300, 900),
    ],
)
def test_events_real_news_vague_amounts_keep_bounds_and_no_point_value(
    text: str, written: str, low: float, high: float
) -> None:
    (found,) = [q for q in _numbers(text) if q.text == written]
    assert found.value is None
    assert (found.low, found.high) == (low, high)
    assert number_line(found).startswith(f"≥{figure(low)}")


def test_events_real_news_a_vague_toll_counts_at_its_low_bound(run: Run) -> None:
    text = "Dozens of people were killed in airstrikes on Eastern Ghouta on Tuesday."
    assert any(e.fatalities == 24 for e in run(text)), [
        (e.trigger, e.fatalities) for e in run(text)
    ]


def test_events_real_news_a_toll_since_a_recent_day_is_an_incident(run: Run) -> None:
    text = "Israeli strikes have killed 12 people since Sunday, the ministry said."
    assert any(e.fatalities == 12 for e in run(text))


def test_events_real_news_a_weekday_is_never_the_actor(run: Run) -> None:
    text = "Monday's attack on the convoy killed five soldiers near Idlib."
    event = _by_trigger(run(text), "attack")
    assert event.actor is None or "Monday" not in event.actor.text


def test_events_real_news_a_share_of_a_group_names_the_group(run: Run) -> None:
    event = _by_trigger(run("Three of the rebels shelled the village on Sunday."), "shelled")
    assert _text(event.actor) == "the rebels"


def test_events_real_news_a_place_that_suffers_stays_the_place(run: Run) -> None:
    text = "Charlotte experienced two nights of unrest after the police shooting."
    event = _by_trigger(run(text), "unrest")
    assert _text(event.location) == "Charlotte"


@pytest.mark.parametrize(
    ("text", "name", "country", "precision"),
    [
        ("Iran has spread its influence across West Asia.", "West Asia", "XX", "region"),
        ("Kurdish-led forces hold much of Rojava.", "Rojava", "SY", "region"),
        ("Shelling hit Eastern Ghouta again on Tuesday.", "Eastern Ghouta", "SY", "district"),
    ],
)
def test_events_real_news_regions_are_regions(
    text: str, name: str, country: str, precision: str
) -> None:
    (found,) = geocode(text, mentions(text, (name, "LOC")), article_id="a")
    assert (found.place.country, found.place.precision) == (country, precision)
    assert found.place.note is None


def test_events_real_news_a_part_of_a_continent_is_never_its_point() -> None:
    text = "Protests spread across Southern Europe."
    found = geocode(text, mentions(text, ("Southern Europe", "LOC")), article_id="a")
    assert all(p.place.name != "Europe" for p in found)


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("The war killed 5 million people between 1997 and 2003.", "5,000,000"),
        ("Billions of dollars in aid were pledged for the reconstruction.", ".."),
    ],
)
def test_events_real_news_figures_are_never_in_scientific_notation(text: str, written: str) -> None:
    doc = next(iter(load_model(None).pipe([text], 8)))
    lines = [number_line(q) for q in find_quantities(doc, article_id="t")]
    assert lines and all("e+" not in line for line in lines)
    assert any(written in line for line in lines)


# -- modality (class 4) -------------------------------------------------------------------


def _modality(events: tuple[Event, ...], trigger: str) -> str:
    return _by_trigger(events, trigger).modality


@pytest.mark.parametrize(
    ("text", "trigger", "modality"),
    [
        (
            "If the Turks attack Manbij, we will fight them, the commander said.",
            "fight",
            "conditional",
        ),
        # the negation belongs to the condition, not to a denial
        (
            "Turkey threatened to attack Kurdish fighters if they did not withdraw.",
            "withdraw",
            "conditional",
        ),
        # advice against, asked for
        (
            "The US advised Turkey against launching an offensive on Manbij.",
            "offensive",
            "hypothetical",
        ),
        (
            "Washington has urged Ankara not to attack the Kurdish forces in northern Syria.",
            "attack",
            "hypothetical",
        ),
        # talked about
        ("Officials discussed a possible offensive on Idlib.", "offensive", "hypothetical"),
        (
            "The two leaders talked about an offensive on Idlib during the call.",
            "offensive",
            "hypothetical",
        ),
        # a denial stays a denial; an event that happened stays asserted
        (
            "Russia denied that its jets had bombed the hospital in Maarat al-Numan.",
            "jets",
            "denied",
        ),
        (
            "The opposition called for an end to the bombardment of Eastern Ghouta.",
            "bombardment",
            "asserted",
        ),
    ],
)
def test_events_real_news_modality(run: Run, text: str, trigger: str, modality: str) -> None:
    assert _modality(run(text), trigger) == modality


@pytest.mark.parametrize(
    "text",
    [
        "Syrian warplanes dropped leaflets over Idlib on Tuesday.",
        "Regime aircraft dropped leaflets on the town urging fighters to surrender.",
    ],
)
def test_events_real_news_leaflets_are_no_aerial_assault(run: Run, text: str) -> None:
    assert not [e for e in run(text) if e.plover_type == "ASSAULT"]


def test_events_real_news_a_protest_does_not_borrow_force_from_a_relative_clause(run: Run) -> None:
    text = "Thousands protested in Idlib against the regime that has killed their relatives."
    event = _by_trigger(run(text), "protested")
    assert (event.plover_type, event.plover_mode) == ("PROTEST", "demo")
    assert _text(event.actor) != "the regime"


def test_events_real_news_force_in_the_protests_own_sentence_counts(run: Run) -> None:
    text = "Thousands of people protested in Daraa after police shot dead two demonstrators."
    assert _by_trigger(run(text), "protested").plover_mode == "demo-force"


def test_events_real_news_met_with_tear_gas_is_no_meeting(run: Run) -> None:
    text = "The protesters, who were met with tear gas, marched through Daraa."
    assert not [e for e in run(text) if e.plover_type == "CONSULT"]
    text = "The foreign minister met with his Russian counterpart in Moscow."
    assert [e.plover_type for e in run(text)] == ["CONSULT"]


@pytest.mark.parametrize(
    ("text", "trigger", "modality"),
    [
        # a happening the sentence takes as given is not made possible by the verb above
        (
            "Boehner wanted Netanyahu to speak amid ongoing negotiations with Tehran.",
            "negotiations",
            "asserted",
        ),
        (
            "Mr. Cantor had sought to counter Mr. Brat's accusations that he was too willing.",
            "accusations",
            "asserted",
        ),
        # a condition headed by a verb
        (
            "Presuming the meeting takes place as scheduled, Helsinki will be the final stop.",
            "meeting",
            "conditional",
        ),
        # an infinitive is yet to happen, unless the verb above says it happened
        (
            "Foreign Minister Chrystia Freeland left for Washington to meet with her counterparts.",
            "meet with",
            "hypothetical",
        ),
        ("The rebels agreed to withdraw from the town.", "withdraw", "hypothetical"),
        ("Government troops managed to recapture the town of Palmyra.", "recapture", "asserted"),
        # a risk or a threat of something is no report that it happened
        (
            "Guhdar and his family now face the threat of detention in Greece.",
            "detention",
            "hypothetical",
        ),
        (
            "Take the package now or risk being blamed for an economic downturn.",
            "blamed",
            "hypothetical",
        ),
    ],
)
def test_events_real_news_modality_from_the_words_above(
    run: Run, text: str, trigger: str, modality: str
) -> None:
    assert _modality(run(text), trigger) == modality


@pytest.mark.parametrize(
    "text",
    [
        "The White House released the emails on Wednesday.",
        "The photos were released by the gossip site last week.",
        "She withdrew $1,200 from her bank account before leaving.",
        "The senator withdrew from the race on Tuesday.",
        "Please join me for a conference call tomorrow.",
        "He could beat the incumbent in the primary next year.",
        "The minister beat up on her own department in a speech.",
        "Congress will battle over every detail of the budget.",
        "The senator has fought corruption for decades.",
        "The couple are locked in a legal battle over custody.",
        "The report demonstrated a lack of leadership at the agency.",
        "Catholic teaching calls for the government to protect the poor.",
        "More than 100 priests signed a letter criticizing the budget.",
        "Clinton appeared to agree with Pelosi.",
        "The team assisted drug investigations across the state.",
    ],
)
def test_events_real_news_a_word_in_another_sense_is_no_event(run: Run, text: str) -> None:
    assert not run(text), [(e.trigger, e.plover_type, e.plover_mode) for e in run(text)]


@pytest.mark.parametrize(
    ("text", "trigger", "plover_type"),
    [
        ("The militants freed 20 villagers from the school in Kafr Nabl.", "freed", "RETREAT"),
        ("Russia withdrew its troops from the Syrian town of Palmyra.", "withdrew", "RETREAT"),
        ("Hundreds of young men joined the Islamic State in 2014.", "joined", "GROUP_CHANGE"),
        (
            "Rebels battled government troops for control of the airport in Aleppo.",
            "battled",
            "FIGHT",
        ),
        (
            "Thousands demonstrated in Cairo against the new constitution.",
            "demonstrated",
            "PROTEST",
        ),
        (
            "The opposition called for an end to the bombardment of Eastern Ghouta.",
            "called for",
            "DEMAND",
        ),
        ("The two sides signed a ceasefire agreement in Astana.", "ceasefire", "AGREE"),
    ],
)
def test_events_real_news_the_event_sense_stays(
    run: Run, text: str, trigger: str, plover_type: str
) -> None:
    assert _by_trigger(run(text), trigger).plover_type == plover_type


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # where someone is from or whom they represent
        (
            "Former Rep. John Delaney of Maryland called for the report to be made public.",
            "called for",
        ),
        (
            "Abo Arab, a 28-year-old from Damascus who survived detention, now lives on Samos.",
            "detention",
        ),
        # the sides of a negotiation
        ("Officials held negotiations between Washington and Tehran on Monday.", "negotiations"),
        # a place elsewhere in the sentence, inside another noun
        (
            "Biden criticized Romney for his criticism of the U.S. Embassy in Cairo's response.",
            "criticized",
        ),
    ],
)
def test_events_real_news_a_place_that_is_not_where_it_happened(
    run: Run, text: str, trigger: str
) -> None:
    assert _by_trigger(run(text), trigger).location is None


def test_events_real_news_a_place_on_the_verb_above_is_where_it_happened(run: Run) -> None:
    text = "In Aleppo, rebels said government forces attacked their positions overnight."
    assert _text(_by_trigger(run(text), "attacked").location) == "Aleppo"


@pytest.mark.parametrize(
    "text",
    [
        # words of political fights
        "The campaign's assault on the senator's voting record continued on Tuesday.",
        "Putin is overseeing an all-out attack on American democracy, the congressman said.",
        "Trump attacked the Justice Department as a deep state.",
        "The scandal is threatening his dream of becoming mayor.",
        "He received death threats after the photo was published.",
        "Workers want to join together in a single lawsuit against the company.",
        # published, not set free
        "Economic data released during the first quarter was disappointing.",
    ],
)
def test_events_real_news_figures_of_speech_are_no_violence(run: Run, text: str) -> None:
    found = [(e.trigger, e.plover_type) for e in run(text)]
    assert not [
        t for t in found if t[1] in ("ASSAULT", "FIGHT", "THREATEN", "GROUP_CHANGE", "RETREAT")
    ], found


def test_events_real_news_records_released_are_no_release_but_their_attacks_count(run: Run) -> None:
    text = "Records released by the committee documented more than 200 attacks in Libya."
    assert [e.plover_type for e in run(text)] == ["ASSAULT"]


@pytest.mark.parametrize(
    ("text", "trigger", "modality"),
    [
        (
            "He joked on Twitter, asking whether his blender would attack him next.",
            "attack",
            "hypothetical",
        ),
        ("The children should not be deported, the governor said.", "deported", "hypothetical"),
        (
            "A deal announced Thursday by the city also calls for the city to pay damages.",
            "deal",
            "asserted",
        ),
        (
            "Democrats will skip the speech as the administration negotiates with Iran.",
            "negotiates",
            "asserted",
        ),
        (
            "The committee asked for talking points to use in discussing the attack on Benghazi.",
            "attack",
            "asserted",
        ),
        ("Protesters were killed after police opened fire in Daraa.", "protesters", "asserted"),
        ("Russia denied that its jets had bombed the hospital.", "jets", "denied"),
    ],
)
def test_events_real_news_questions_advice_and_given_events(
    run: Run, text: str, trigger: str, modality: str
) -> None:
    assert _modality(run(text), trigger) == modality


def test_events_real_news_the_other_side_of_a_negotiation_is_not_its_place(run: Run) -> None:
    text = "Democrats will skip the speech as the administration negotiates with Iran."
    assert _by_trigger(run(text), "negotiates").location is None


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # inside a relative clause that describes something else
        (
            "The chiefs agreed to lobby for a strategy that will support jobs across Europe.",
            "agreed",
        ),
        (
            "Mr. Farenthold, who represented the 27th District of Texas, faced accusations.",
            "accusations",
        ),
        # the topic, not the place
        (
            "Mueller's team continues its investigation into Trump's ties to Russia.",
            "investigation",
        ),
    ],
)
def test_events_real_news_a_place_in_a_description_or_topic_is_not_where(
    run: Run, text: str, trigger: str
) -> None:
    assert _by_trigger(run(text), trigger).location is None


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        (
            "Turkish forces launched an assault on the town of Manbij on Sunday.",
            "assault",
            "Manbij",
        ),
        ("Government forces fought rebels in the suburbs of Damascus.", "fought", "Damascus"),
        # a relative clause on the event itself, or telling its toll
        (
            "The largest protest took place in the city of Omdurman on Wednesday.",
            "protest",
            "Omdurman",
        ),
        (
            "The group claimed responsibility for a car bomb in the city of Diyarbakir.",
            "claimed responsibility",
            "Diyarbakir",
        ),
    ],
)
def test_events_real_news_a_place_on_a_place_noun_stays(
    run: Run, text: str, trigger: str, place: str
) -> None:
    assert _text(_by_trigger(run(text), trigger).location) == place


@pytest.mark.parametrize(
    "text",
    [
        "The ruling could unleash a flood of lawsuits against employers.",
        "Republicans accused Democrats of raiding Medicare to pay for the law.",
        "Congress held the economy hostage over the debt ceiling.",
        "The IRS targeted conservative groups for extra scrutiny.",
        "She took over as presenter of the evening news in 2015.",
    ],
)
def test_events_real_news_idioms_of_politics_are_no_violence(run: Run, text: str) -> None:
    found = [(e.trigger, e.plover_type) for e in run(text)]
    assert not [t for t in found if t[1] in ("ASSAULT", "FIGHT", "DISASTER")], found


@pytest.mark.parametrize(
    ("text", "trigger", "plover_type"),
    [
        ("Floods swept through villages in Akkar after the dam gave way.", "floods", "DISASTER"),
        ("Police raided a house in Raqqa on Tuesday.", "raided", "ASSAULT"),
        ("Gunmen held three aid workers hostage in Mali.", "hostage", "ASSAULT"),
        ("Rebels took over the town of Maarat al-Numan.", "took over", "FIGHT"),
    ],
)
def test_events_real_news_the_literal_sense_stays(
    run: Run, text: str, trigger: str, plover_type: str
) -> None:
    assert _by_trigger(run(text), trigger).plover_type == plover_type


@pytest.mark.parametrize(
    "text",
    [
        "He played the Hungarian Rhapsody No 2 by Liszt on the main stage.",
        "The prime minister lives at No. 10 Downing Street.",
    ],
)
def test_events_real_news_a_numbered_item_is_no_count(text: str) -> None:
    assert not _numbers(text)


def test_events_real_news_agreeing_alone_is_an_opinion(run: Run) -> None:
    assert not run("Aliki Meirmaridou, the psychologist in Samos, agrees.")
    assert _by_trigger(run("The rebels agreed to a ceasefire in Aleppo."), "ceasefire").location


def test_events_real_news_what_an_agreement_is_for_is_not_where_it_was_made(run: Run) -> None:
    text = "Venezuela signed an agreement with South Africa to mine diamonds in South Venezuela."
    assert _by_trigger(run(text), "agreement").location is None


def test_events_real_news_an_assault_is_no_beating(run: Run) -> None:
    event = _by_trigger(
        run("The assault on the consulate in Benghazi killed four Americans."), "assault"
    )
    assert (event.plover_type, event.plover_mode, _text(event.location)) == (
        "ASSAULT",
        None,
        "Benghazi",
    )


def test_events_real_news_two_ages_after_people_are_ages() -> None:
    found = _numbers("The women, 21 and 26, told police he threatened to stab them.")
    assert [(q.text, q.category) for q in found] == [("21", "age"), ("26", "age")]
    found = _numbers("The shelling killed 21 and wounded 26, medics said.")
    assert [q.category for q in found] == ["killed", "injured"]


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Talk-show host Ellen Park launched a campaign to protect elephants.", "talk"),
        ("Police issued an arrest warrant for the former finance minister.", "arrest"),
        ("The murder trial of the former officer opened on Monday in Basra.", "murder"),
        ("The protest leader was detained at his home on Sunday.", "protest"),
        ("The senator's loss recalled the defeat of a former speaker in 1994.", "recalled"),
        ("The ad is classic campaign fare, targeted to an audience wary of imports.", "targeted"),
        ("The White House public relations offensive has not won over the base.", "offensive"),
        ("'I do not know if he is alive or dead,' his mother said.", "dead"),
        ("The plan was met with public expressions of outrage from the party's base.", "met with"),
        ("The killing followed years of violence between two rival gangs.", "gangs"),
    ],
)
def test_events_real_news_a_trigger_word_naming_no_happening_is_no_event(
    run: Run, text: str, gone: str
) -> None:
    found = [e.trigger.casefold() for e in run(text)]
    assert gone not in found, found


@pytest.mark.parametrize(
    ("text", "trigger", "plover_type"),
    [
        ("The protest leader was detained at his home on Sunday.", "detained", "COERCE"),
        ("The bomb attack killed five people at a market in Kabul.", "bomb", "ASSAULT"),
        ("Vigilante groups repelled an attack by gunmen on the village.", "vigilante", "PROTEST"),
        ("The country recalled its ambassador from Ankara on Friday.", "recalled", "SANCTION"),
        ("The earthquake death toll rose to 300 on Tuesday.", "earthquake", "DISASTER"),
    ],
)
def test_events_real_news_the_happening_stays_beside_its_modifiers(
    run: Run, text: str, trigger: str, plover_type: str
) -> None:
    assert _by_trigger(run(text), trigger).plover_type == plover_type


@pytest.mark.parametrize(
    ("text", "trigger", "modality"),
    [
        # a relative clause in the past states its own fact inside a condition
        (
            "The measure could pass if it wins the votes of the six senators who have "
            "criticized the declaration.",
            "criticized",
            "asserted",
        ),
        # held back from: no call made, no attack, no warning
        (
            "He said he would support letting them stay, but stopped short of calling for "
            "a path to citizenship.",
            "calling for",
            "denied",
        ),
        ("The rebels refrained from attacking the convoy.", "attacking", "denied"),
        ("The talks ended without an agreement.", "agreement", "denied"),
        # as future as the verb it is said of
        (
            "The committee will elect a chairman during its meeting in January.",
            "meeting",
            "hypothetical",
        ),
        # a verb far above does not make it an attempt
        (
            "The vice president wasted no time trying to do what others had failed to, "
            "going on offense with a disdainful attack on Paul Hale.",
            "attack",
            "asserted",
        ),
    ],
)
def test_events_real_news_modality_of_clauses_held_back_and_future(
    run: Run, text: str, trigger: str, modality: str
) -> None:
    assert _by_trigger(run(text), trigger).modality == modality


def test_events_real_news_a_meeting_held_in_a_city_is_there(run: Run) -> None:
    text = (
        "The delegations attending the meeting of the Joint Commission held in Caracas "
        "discussed mining rights."
    )
    assert _text(_by_trigger(run(text), "meeting").location) == "Caracas"


@pytest.mark.parametrize(
    "text",
    [
        "It will deter talk of Medicare reform, out of a concern that it invites future attacks.",
        "The bill's new limits make it more likely to be dead on arrival in the Senate.",
        "That widens the field of Republican-held seats being seriously targeted by Democrats.",
        "'Too many voices are being destroyed, some good and some bad,' he tweeted.",
        "A ten-month-old French bulldog died after its carrier was put in an overhead bin.",
    ],
)
def test_events_real_news_violence_without_a_victim_or_weapon_is_a_figure_of_speech(
    run: Run, text: str
) -> None:
    found = [(e.trigger, e.plover_type) for e in run(text)]
    assert not [t for t in found if t[1] in ("ASSAULT", "FIGHT")], found


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("A mosque was attacked on Friday.", "attacked"),
        ("Two people were killed and five wounded.", "killed"),
        ("The attack left the village in ruins.", "attack"),
        ("They attacked us with knives.", "attacked"),
        ("Militants stormed the building overnight.", "stormed"),
        ("The murder of 21 Coptic Christians shocked Egypt.", "murder"),
    ],
)
def test_events_real_news_violence_against_someone_stays(run: Run, text: str, trigger: str) -> None:
    assert _by_trigger(run(text), trigger).plover_type in ("ASSAULT", "FIGHT")


@pytest.mark.parametrize(
    "text",
    [
        "The firm installed its wave collector on a prototype string deployed off the coast.",
        "Huckabee quit his job hosting his own television show in January.",
        "The jockey said a pre-race pep talk helped him win.",
    ],
)
def test_events_real_news_deploying_hosting_and_a_talk_in_other_senses(run: Run, text: str) -> None:
    assert not [e.trigger for e in run(text) if e.plover_type in ("MOBILIZE", "CONSULT")]


@pytest.mark.parametrize(
    ("text", "trigger", "plover_type"),
    [
        ("The Pentagon deployed 3,000 troops to the region.", "deployed", "MOBILIZE"),
        ("Qatar hosted talks between the two sides.", "hosted", "CONSULT"),
        ("The talks resumed in Geneva.", "talks", "CONSULT"),
    ],
)
def test_events_real_news_deploying_hosting_and_talks_stay(
    run: Run, text: str, trigger: str, plover_type: str
) -> None:
    assert _by_trigger(run(text), trigger).plover_type == plover_type


def test_events_real_news_asked_about_a_known_investigation_is_asserted(run: Run) -> None:
    text = "When he was asked about the federal campaign finance investigation, he walked off."
    assert _by_trigger(run(text), "investigation").modality == "asserted"


@pytest.mark.parametrize(
    "text",
    [
        "His performance did what he set out to do: rallying the Democratic base after a bad week.",
        "The committee's political director resigned in protest last month.",
        "The cache of emails paints a fuller picture than an email leaked earlier this week.",
        "Social media accounts captured video of him acting wildly in a private area of the arena.",
        "Beedle stumbled out of the alley and collapsed at the corner of two streets, police said.",
        "More than 650,000 people signed up to take part.",
        "The chief of staff has also clashed with the president's son-in-law Jared Kushner.",
        "'It would have pushed us to the edge of the cliff,' he warned.",
        "The minister successfully mobilizes both to confront the administrative logjam.",
        "Democrats called on the special counsel to release what his team knows about the deal.",
    ],
)
def test_events_real_news_words_of_politics_and_daily_life_are_no_incident(
    run: Run, text: str
) -> None:
    assert not [(e.trigger, e.plover_type) for e in run(text)]


@pytest.mark.parametrize(
    ("text", "trigger", "plover_type"),
    [
        ("Thousands rallied outside parliament on Sunday.", "rallied", "PROTEST"),
        ("Rebels captured the town of Kafr Nabl.", "captured", "FIGHT"),
        ("A five-storey building collapsed in Lagos.", "collapsed", "DISASTER"),
        ("Iran warned of a crushing military response.", "warned", "THREATEN"),
        ("The army mobilized 10,000 reservists.", "mobilized", "MOBILIZE"),
        ("Israel released 26 Palestinian prisoners on Tuesday.", "released", "RETREAT"),
        ("Police found a cache of weapons in the house.", "cache", "COERCE"),
    ],
)
def test_events_real_news_the_incident_sense_stays(
    run: Run, text: str, trigger: str, plover_type: str
) -> None:
    assert _by_trigger(run(text), trigger).plover_type == plover_type


@pytest.mark.parametrize(
    ("text", "trigger", "modality"),
    [
        (
            "The governor told supporters of his plans in a phone call Tuesday.",
            "phone call",
            "asserted",
        ),
        ("The army has plans to attack the town.", "attack", "hypothetical"),
        (
            "Obama said growth would rise if Congress passes the agreement and urged lawmakers "
            "to get it done.",
            "urged",
            "asserted",
        ),
    ],
)
def test_events_real_news_plans_and_conditions_reach_only_their_own_clause(
    run: Run, text: str, trigger: str, modality: str
) -> None:
    assert _by_trigger(run(text), trigger).modality == modality


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ('Critics accused the president of holding federal workers "hostage."', "hostage"),
        ("In other photos shot by the photographer, the actress poses by the pool.", "shot"),
        ("It is a valuable exercise and an important moment for this Congress.", "exercise"),
        (
            "He could take the chair if his party takes control of the Senate this year.",
            "takes control",
        ),
        ("As president, I will reinforce our alliances.", "reinforce"),
        ("The suit does not seek to overturn the rest of the amendment.", "overturn"),
    ],
)
def test_events_real_news_figures_of_speech_in_politics_are_no_events(
    run: Run, text: str, gone: str
) -> None:
    found = [e.trigger.casefold() for e in run(text)]
    assert gone not in found, found


@pytest.mark.parametrize(
    ("text", "trigger", "plover_type"),
    [
        ('He said the "brutal attack" left five people dead.', "attack", "ASSAULT"),
        ("The navy held a joint military exercise with Japan.", "exercise", "MOBILIZE"),
        ("Rebels took control of the town of Saraqeb.", "took control", "FIGHT"),
        ("A boat overturned off the coast of Libya.", "overturned", "DISASTER"),
    ],
)
def test_events_real_news_the_incident_beside_the_figure_of_speech_stays(
    run: Run, text: str, trigger: str, plover_type: str
) -> None:
    assert _by_trigger(run(text), trigger).plover_type == plover_type


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("A statement about the planned meeting noted the issue.", "hypothetical"),
        ("The congressman called for the cancellation of the meeting.", "denied"),
    ],
)
def test_events_real_news_a_planned_or_cancelled_meeting_did_not_happen(
    run: Run, text: str, modality: str
) -> None:
    assert _by_trigger(run(text), "meeting").modality == modality


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("The governor warns that radical Islam is a grave threat to the United States.", "threat"),
        ('He has vowed to "open up" the libel laws of the nation.', "vowed"),
        ("They play hide and seek, but not cops and robbers: they are refugees.", "robbers"),
        ("They were tricked by a smuggler who told them he was taking them to Italy.", "smuggler"),
        ("The governor denied that the law sanctioned discrimination against gays.", "sanctioned"),
        ("Party leaders will release a statement at their annual retreat in Cambridge.", "retreat"),
        ("He joined conservatives who have seized on the idea of shadow bans.", "seized"),
    ],
)
def test_events_real_news_descriptions_promises_and_games_are_no_events(
    run: Run, text: str, gone: str
) -> None:
    found = [e.trigger.casefold() for e in run(text)]
    assert gone not in found, found


@pytest.mark.parametrize(
    ("text", "trigger", "plover_type"),
    [
        ("The militia vowed revenge for the killing of its commander.", "vowed", "THREATEN"),
        ("Armed robbers stole $2 million from a bank in Lagos.", "robbers", "CRIME"),
        ("The US sanctioned three Russian officials.", "sanctioned", "SANCTION"),
        ("The EU approved new sanctions against the Assad regime.", "sanctions", "SANCTION"),
        ("The army's retreat from the city left it undefended.", "retreat", "RETREAT"),
        ("Coast guards displayed weapons seized on a boat off Bosasso.", "seized", "COERCE"),
    ],
)
def test_events_real_news_threats_crimes_and_sanctions_stay(
    run: Run, text: str, trigger: str, plover_type: str
) -> None:
    assert _by_trigger(run(text), trigger).plover_type == plover_type


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        # the small model tags Aleppo LANGUAGE here; the gazetteer knows the city
        ("An airstrike on a market in Aleppo killed nine people.", "airstrike", "Aleppo"),
        # a town shelled is where the shells fell (the model joins the two names)
        ("Regime forces shelled Douma and Eastern Ghouta overnight.", "shelled", "Douma"),
        ("Israel struck Gaza on Friday.", "struck", "Gaza"),
    ],
)
def test_events_real_news_the_place_attacked_is_where_it_happened(
    run: Run, text: str, trigger: str, place: str
) -> None:
    assert _text(_by_trigger(run(text), trigger).location) == place


@pytest.mark.parametrize(
    "text",
    [
        "The two leaders struck a deal on trade.",
        "The court struck down the law.",
        "His remarks struck a chord with voters.",
        "The statement was written in Kurdish.",
    ],
)
def test_events_real_news_struck_in_other_senses_is_no_attack(run: Run, text: str) -> None:
    assert not [e for e in run(text) if e.plover_type in ("ASSAULT", "FIGHT")]


def test_events_real_news_an_attack_on_candidates_is_criticism(run: Run) -> None:
    text = "The committee uses opposition research to attack Democratic candidates."
    assert _by_trigger(run(text), "attack").plover_type == "DISAPPROVE"


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("He waited a beat to let the moment sink in.", False),
        ("The ferry sank off Bali on Sunday.", True),
    ],
)
def test_events_real_news_only_vessels_sink(run: Run, text: str, present: bool) -> None:
    assert bool([e for e in run(text) if e.plover_type == "DISASTER"]) == present


@pytest.mark.parametrize(
    "text",
    [
        "The First Amendment carries with it the responsibility that people not make threats.",
        "When removing a high-risk inmate from suicide watch, it is critical to go step by step.",
        "For cocaine and heroin, we used data published by the DEA.",
        "Its fleet of roughly 400 737 Max jets has been grounded since March.",
        "The 787-9 jet is a longer-range variant of the Dreamliner.",
        "She said she never visited the loft in her own home.",
        "'I fought to get the full script,' she said.",
    ],
)
def test_events_real_news_general_news_words_in_other_senses_are_no_events(
    run: Run, text: str
) -> None:
    assert not [(e.trigger, e.plover_type) for e in run(text)]


@pytest.mark.parametrize(
    ("text", "trigger", "plover_type"),
    [
        (
            "The Islamic State claimed responsibility for the attack.",
            "claimed responsibility",
            "CLAIM",
        ),
        ("A suicide bomber killed 12 people in Kabul.", "suicide bomber", "ASSAULT"),
        ("Militants detonated a suicide vehicle-borne explosive device.", "suicide", "ASSAULT"),
        ("Police seized 20 kilograms of heroin in Lagos.", "heroin", "CRIME"),
        ("The prime minister visited troops in Helmand.", "visited", "CONSULT"),
        ("Rebels fought government forces in Idlib.", "fought", "FIGHT"),
    ],
)
def test_events_real_news_general_news_incidents_stay(
    run: Run, text: str, trigger: str, plover_type: str
) -> None:
    assert _by_trigger(run(text), trigger).plover_type == plover_type


@pytest.mark.parametrize(
    ("text", "trigger", "modality"),
    [
        # the setting of a purpose, not what is called for
        (
            "Teachers surrounded the Statehouse on Tuesday to call for better pay in a "
            "protest that closed half the districts.",
            "protest",
            "asserted",
        ),
        # a past act with an if-clause on it still happened
        (
            "The Authority has rejected the US as a mediator if peace talks are ever revived.",
            "rejected",
            "asserted",
        ),
        ("If the Turks attack, we will fight.", "fight", "conditional"),
    ],
)
def test_events_real_news_settings_and_realis_clauses(
    run: Run, text: str, trigger: str, modality: str
) -> None:
    assert _by_trigger(run(text), trigger).modality == modality


@pytest.mark.parametrize(
    "text",
    [
        "Even for a Congress known to battle over every little detail, it sounded simple.",
        "The pressure was on the vice president to recapture the momentum.",
        "In China, the Bible is distributed by government-sanctioned bodies.",
    ],
)
def test_events_real_news_battles_momentum_and_approval_are_no_conflict(
    run: Run, text: str
) -> None:
    assert not [(e.trigger, e.plover_type) for e in run(text)]


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The army recaptured the town of Palmyra.", "recaptured"),
        ("Government forces battled rebels in Homs.", "battled"),
        ("Al Shabaab fighters regained Marka after the withdrawal.", "regained"),
    ],
)
def test_events_real_news_battles_and_towns_retaken_stay(run: Run, text: str, trigger: str) -> None:
    assert _by_trigger(run(text), trigger).plover_type == "FIGHT"


@pytest.mark.parametrize(
    "text",
    [
        "He died of a heart attack at his home in Ohio.",
        "He died after a long battle with cancer.",
        "Farmers burned crop stubble across Punjab.",
    ],
)
def test_events_real_news_illness_and_farming_are_no_violence(run: Run, text: str) -> None:
    assert not [e for e in run(text) if e.plover_type in ("ASSAULT", "FIGHT")]


def test_events_real_news_fireworks_exploding_are_an_accident(run: Run) -> None:
    text = "Fireworks exploded during the festival, injuring five."
    assert _by_trigger(run(text), "exploded").plover_type == "DISASTER"


@pytest.mark.parametrize(
    "text",
    [
        'The congressman shot back: "They got caught with their hand in the cookie jar."',
        "The hasty retreat by 33 Senate Democrats was humiliating.",
        "She warned that the upcoming address will be a destructive force in relations.",
    ],
)
def test_events_real_news_retorts_and_political_retreats_are_no_incidents(
    run: Run, text: str
) -> None:
    assert not [(e.trigger, e.plover_type) for e in run(text)]


@pytest.mark.parametrize(
    ("text", "trigger", "modality"),
    [
        ("The program is used to prevent terrorist attacks.", "attacks", "denied"),
        (
            "Millions took to the streets over several months to demand her ouster.",
            "demand",
            "asserted",
        ),
        ("The government plans to hold talks to demand compensation.", "demand", "hypothetical"),
    ],
)
def test_events_real_news_prevented_and_expressed_acts(
    run: Run, text: str, trigger: str, modality: str
) -> None:
    assert _by_trigger(run(text), trigger).modality == modality


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("The colt ended Saeed bin Suroor's two-year drought in sensational style.", "drought"),
        ("One bullet hit her in the back, severing her pelvic artery.", "severing"),
        ("The president assailed Democrats in his latest Twitter blasts.", "blasts"),
    ],
)
def test_events_real_news_droughts_blasts_and_severing_in_other_senses(
    run: Run, text: str, gone: str
) -> None:
    assert gone not in [e.trigger.casefold() for e in run(text)]


@pytest.mark.parametrize(
    ("text", "trigger", "modality"),
    [
        (
            "It is too early to say whether the attack was politically motivated.",
            "attack",
            "asserted",
        ),
        (
            "Forecasters predict at least one major hurricane this season.",
            "hurricane",
            "hypothetical",
        ),
        (
            "He said that he had hired a lawyer to look into the matter, but that he did not "
            "believe the episode merited investigation by federal law enforcement.",
            "investigation",
            "hypothetical",
        ),
    ],
)
def test_events_real_news_questions_about_known_happenings_and_forecasts(
    run: Run, text: str, trigger: str, modality: str
) -> None:
    assert _by_trigger(run(text), trigger).modality == modality


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Qatar severed ties with Iran.", "severed"),
        ("A severe drought hit Somalia last year.", "drought"),
        ("A blast at a market in Kabul killed five.", "blast"),
    ],
)
def test_events_real_news_ties_droughts_and_blasts_stay(run: Run, text: str, trigger: str) -> None:
    assert _by_trigger(run(text), trigger)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("A man has been charged with third-degree murder in a hit and run.", "murder"),
        ("He pleaded not guilty to two first-degree murder charges.", "murder"),
        ("A Reuters correspondent heard a large explosion near the airport.", "explosion"),
        ("A government official initially reported deaths in the camp.", "deaths"),
    ],
)
def test_events_real_news_charged_heard_and_reported_violence_stays(
    run: Run, text: str, trigger: str
) -> None:
    assert _by_trigger(run(text), trigger)


@pytest.mark.parametrize(
    "text",
    [
        "A 36-year-old climber is dead after falling 150 metres from the ridge.",
        "A 55-year-old man is dead after his car lost control on an icy road.",
    ],
)
def test_events_real_news_deaths_in_mishaps_are_no_attacks(run: Run, text: str) -> None:
    assert [e.plover_type for e in run(text)] == ["DISASTER"]


def test_events_real_news_a_release_shares_the_subject_of_its_clause(run: Run) -> None:
    text = "He was booked into county jail and later released on bond."
    assert _by_trigger(run(text), "released").plover_type == "RETREAT"
