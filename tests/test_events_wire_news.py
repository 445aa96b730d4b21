"""Events on wire and newspaper reports of 1989-1998 (the fourth reading of issue 12,
on the TempEval-3 articles no rule had been written from): business senses of conflict
words, bombs planted rather than dropped, what a negative subject or a negated remark
says of an event, a past clause under a plan or a warning. The sentences are written
here in the manner of the reports read, keeping the phrase each error turned on."""

from __future__ import annotations

import pytest

from rashomon.records import Event

from . import test_extract_events
from .test_extract_events import Run

run = test_extract_events.run  # the same fixture: events of a sentence, with the model


def _by_trigger(events: tuple[Event, ...], trigger: str) -> Event:
    found = [e for e in events if e.trigger.casefold() == trigger]
    assert len(found) == 1, [(e.trigger, e.plover_type) for e in events]
    return found[0]


def _triggers(events: tuple[Event, ...]) -> set[str]:
    return {e.trigger.casefold() for e in events}


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # a court or a government seizing money is no territory taken
        (
            "If prosecutors succeed in seizing the executive's assets, he could lose his lawyers.",
            "seizing",
        ),
        ("Defense lawyers fear the government can seize attorneys' fees in drug cases.", "seize"),
        (
            "The rejection of the peace effort allowed the president to seize the initiative.",
            "seize",
        ),
        # a market's tremors, a war spilling over, withdrawals from a fund
        ("Analysts say tremors are likely in the junk-bond market.", "tremors"),
        ("Ankara fears the civil war in Kosovo spilling over into the whole Balkans.", "spilling"),
        (
            "Those withdrawals, most of which were moved to other funds, followed a slow quarter.",
            "withdrawals",
        ),
        # what a treaty calls for is its content, not a demand made
        (
            "A treaty calling for border demarcation was signed by the two presidents last May.",
            "calling for",
        ),
    ],
)
def test_events_wire_news_other_senses_are_no_events(run: Run, text: str, trigger: str) -> None:
    assert trigger not in _triggers(run(text))


@pytest.mark.parametrize(
    ("text", "trigger", "plover_type", "mode"),
    [
        ("Rebels seized the town of Kalemie on Sunday.", "seized", "FIGHT", "occupy-nonstate"),
        ("Militants seized two soldiers near the border.", "seized", "ASSAULT", "abduct"),
        ("A strong tremor shook the city of Izmir on Friday.", "tremor", "DISASTER", "natural"),
        (
            "Thousands of gallons of oil spilled into the bay after the tanker ran aground.",
            "spilled",
            "DISASTER",
            "man-made",
        ),
        (
            "The withdrawal of Israeli troops from southern Lebanon was completed in May.",
            "withdrawal",
            "RETREAT",
            "withdraw",
        ),
    ],
)
def test_events_wire_news_the_event_senses_stay(
    run: Run, text: str, trigger: str, plover_type: str, mode: str
) -> None:
    event = _by_trigger(run(text), trigger)
    assert (event.plover_type, event.plover_mode) == (plover_type, mode)


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        # planted: no aircraft in the sentence, no state force acting
        (
            "Extremists have bombed two Protestant towns and fired mortars at a police station.",
            "explosives",
        ),
        ("She laid flowers at the bombed embassy in Nairobi.", "explosives"),
        ("The embassy was bombed by a truck packed with explosives.", "explosives"),
        # dropped: an aircraft, or a state force acting
        ("Government forces bombed rebel positions near Aleppo.", "aerial"),
        ("The bridge was bombed by coalition aircraft at dawn.", "aerial"),
    ],
)
def test_events_wire_news_a_bomb_is_planted_unless_an_aircraft_or_a_state_drops_it(
    run: Run, text: str, mode: str
) -> None:
    event = next(e for e in run(text) if e.trigger.casefold() == "bombed")
    assert (event.plover_type, event.plover_mode) == ("ASSAULT", mode)


@pytest.mark.parametrize(
    ("text", "trigger", "modality"),
    [
        # a negative subject: nobody did it
        ("No one has claimed responsibility for the blast.", "claimed responsibility", "denied"),
        ("No one has claimed responsibility for the blast.", "blast", "asserted"),
        # the topic of a decision still to come
        ("There was no decision on a meeting between the two leaders.", "meeting", "hypothetical"),
        # a negated remark about an event is no denial of it; a negated happening is
        (
            "The FBI director said the U.S. air raid on Sudan is not directly linked with"
            " the bombing probe.",
            "air raid",
            "asserted",
        ),
        ("The meeting between the two ministers did not take place.", "meeting", "denied"),
        # a past clause tells its own fact under a warning or a plan
        (
            "The report warns that such groups grew rapidly last year, mostly by recruiting"
            " younger members.",
            "recruiting",
            "asserted",
        ),
        (
            "The report warns that such groups will try recruiting younger members.",
            "recruiting",
            "threatened",
        ),
        (
            "The boy was one of 13 people trying to cross to Florida on a small boat when it"
            " capsized.",
            "capsized",
            "asserted",
        ),
    ],
)
def test_events_wire_news_what_the_sentence_says_of_the_event(
    run: Run, text: str, trigger: str, modality: str
) -> None:
    assert _by_trigger(run(text), trigger).modality == modality


def test_events_wire_news_no_one_is_no_actor(run: Run) -> None:
    event = _by_trigger(run("No one has claimed responsibility for the blast."), "blast")
    assert event.actor is None


def test_events_wire_news_the_place_an_event_noun_is_named_after(run: Run) -> None:
    event = _by_trigger(run("Americans were killed in the Kenya embassy bombing."), "bombing")
    assert event.location is not None and event.location.text == "Kenya"


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        # a statement is placed by its own words, never by what it is about
        (
            "President Clinton condemned the bomb attacks at U.S. embassies in Kenya and"
            " Tanzania on Thursday.",
            "condemned",
            None,
        ),
        (
            "In the United Nations, Libya called for the replacement of U.S. forces in the Gulf"
            " with Arab troops.",
            "called for",
            None,
        ),
        ("Protesters in Cairo called for the release of the detainees.", "called for", "Cairo"),
        # the attack itself keeps its place
        (
            "President Clinton condemned the bomb attacks at U.S. embassies in Kenya and"
            " Tanzania on Thursday.",
            "bomb",
            "Kenya",
        ),
    ],
)
def test_events_wire_news_a_statement_is_not_where_its_topic_happened(
    run: Run, text: str, trigger: str, place: str | None
) -> None:
    event = _by_trigger(run(text), trigger)
    assert (event.location.text if event.location else None) == place


@pytest.mark.parametrize(
    ("text", "trigger", "modality"),
    [
        # a modal on the telling hedges the telling
        (
            '"I can confirm that a man was arrested in connection with the bombings," a'
            " police spokesman said.",
            "arrested",
            "asserted",
        ),
        # "not only" is no negation
        (
            '"We are worried not only about his prolonged detention," the father wrote.',
            "detention",
            "asserted",
        ),
        # the object of an infinitive is as yet to happen as the infinitive
        (
            "The leader, in a move designed to rally public opinion as much as to launch real"
            " negotiations, announced he would withdraw.",
            "negotiations",
            "hypothetical",
        ),
        (
            "Police said the gunmen managed to launch an attack on the checkpoint.",
            "attack",
            "asserted",
        ),
        # a gerund after "on" is a topic
        (
            "The president says he and the prime minister stand together not just on trade but"
            " also on arresting the suspects.",
            "arresting",
            "hypothetical",
        ),
        ("Police arrested two men after raiding a house in Leeds.", "arrested", "asserted"),
    ],
)
def test_events_wire_news_hedges_topics_and_aims(
    run: Run, text: str, trigger: str, modality: str
) -> None:
    assert _by_trigger(run(text), trigger).modality == modality


def test_events_wire_news_a_death_prayed_for_is_no_happening(run: Run) -> None:
    events = run("She said she prayed for him to have a heart attack and die.")
    assert all(e.modality != "asserted" for e in events if e.trigger == "die")


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("The Iraqis also possess chemical weapons.", False),
        ("The army used chemical weapons against the village in 1988.", True),
        ("The bank was reeling from the recent collapse of the junk-bond market.", False),
    ],
)
def test_events_wire_news_weapons_held_and_markets_collapsing(
    run: Run, text: str, present: bool
) -> None:
    assert bool(run(text)) == present


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        (
            "Activists said the government has launched an attack with suspected poisonous gas"
            " last week.",
            "chemical",
        ),
        ("Police attacked the marchers with tear gas and batons.", None),
    ],
)
def test_events_wire_news_an_attack_with_gas(run: Run, text: str, mode: str | None) -> None:
    attacks = [e for e in run(text) if e.trigger.casefold() in ("attack", "attacked")]
    assert attacks and all(e.plover_mode != "chemical" for e in attacks) == (mode is None)
    if mode is not None:
        assert attacks[0].plover_mode == mode


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        (
            "The board isn't aware of any attempts to take over Philip Morris, the company said.",
            "take over",
        ),
        (
            "The Justice Department wants the appeals court to suspend the temporary injunction.",
            "suspend",
        ),
        ("The strike hit the economy hard.", "strike"),
        ("The teachers' strike hit schools across the state.", "strike"),
        ("The talks blew up over the weekend.", "blew up"),
    ],
)
def test_events_wire_news_business_courts_and_stoppages(run: Run, text: str, trigger: str) -> None:
    assert trigger not in _triggers(run(text))


@pytest.mark.parametrize(
    ("text", "trigger", "plover_type", "mode", "place"),
    [
        (
            "Islamic State fighters took over the town of Hit in October.",
            "took over",
            "FIGHT",
            "occupy-nonstate",
            "Hit",
        ),
        (
            "The European Union suspended aid to the military government.",
            "suspended",
            "SANCTION",
            "sever",
            None,
        ),
        # two weak words of one act, aimed at a place
        ("Israeli strikes hit Gaza overnight.", "strikes", "ASSAULT", None, "Gaza"),
        (
            "Militants blew up a gas pipeline in Sinai on Monday.",
            "blew up",
            "ASSAULT",
            "explosives",
            "Sinai",
        ),
        # a town before an event noun is where it happened, not who did it
        (
            "Some Kenyans complained that after the Nairobi bombing, rescuers gave priority to"
            " American victims.",
            "bombing",
            "ASSAULT",
            "explosives",
            "Nairobi",
        ),
        (
            "NATO decided at last year's Madrid summit to invite the three countries.",
            "summit",
            "CONSULT",
            "multilateral",
            "Madrid",
        ),
    ],
)
def test_events_wire_news_kinds_and_places(
    run: Run, text: str, trigger: str, plover_type: str, mode: str | None, place: str | None
) -> None:
    event = _by_trigger(run(text), trigger)
    assert (event.plover_type, event.plover_mode) == (plover_type, mode)
    assert (event.location.text if event.location else None) == place


def test_events_wire_news_a_country_before_an_event_noun_acts(run: Run) -> None:
    event = _by_trigger(run("U.S. airstrikes killed 12 fighters on Monday."), "airstrikes")
    assert event.actor is not None and event.actor.text == "U.S."


@pytest.mark.parametrize(
    ("text", "trigger", "modality"),
    [
        (
            "The operations are designed to isolate Iraq until it retreats from Kuwait.",
            "retreats",
            "hypothetical",
        ),
        ("Troops stayed in the town until the army retreated in March.", "retreated", "asserted"),
        (
            "The general picked Saturday night as the optimal time to start the offensive.",
            "offensive",
            "hypothetical",
        ),
        ("The army launched the offensive on Saturday night.", "offensive", "asserted"),
    ],
)
def test_events_wire_news_what_is_yet_to_come(
    run: Run, text: str, trigger: str, modality: str
) -> None:
    assert _by_trigger(run(text), trigger).modality == modality


def test_events_wire_news_an_aircraft_blown_up_is_the_target(run: Run) -> None:
    text = (
        "The court blocked the trial of two men suspected of blowing up a jumbo jet over"
        " Scotland in 1988."
    )
    events = run(text)
    assert "jet" not in _triggers(events)
    event = _by_trigger(events, "blowing up")
    assert (event.plover_type, event.plover_mode) == ("ASSAULT", "explosives")


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("A memorial service was canceled after security plans were leaked.", "leaked"),
        ("The official agrees that program trading is hurting the market.", "agrees"),
    ],
)
def test_events_wire_news_leaked_plans_and_views_are_no_events(
    run: Run, text: str, trigger: str
) -> None:
    assert trigger not in _triggers(run(text))


def test_events_wire_news_an_agreement_reached_stays(run: Run) -> None:
    text = "The two sides agreed on Monday that talks would resume next week."
    assert _by_trigger(run(text), "agreed").plover_type == "AGREE"


@pytest.mark.parametrize(
    ("text", "trigger", "modality"),
    [
        # what is expected of a toll is not expected of the deaths
        (
            "Dozens of people were still missing, and the death toll was expected to rise,"
            " officials said.",
            "death",
            "asserted",
        ),
        ("The attack is expected to take place on Monday.", "attack", "hypothetical"),
        # calling a murder wrong is naming it, not calling for it
        ("The cardinal called the murder wrong but urged calm.", "murder", "asserted"),
    ],
)
def test_events_wire_news_expected_and_named(
    run: Run, text: str, trigger: str, modality: str
) -> None:
    assert _by_trigger(run(text), trigger).modality == modality


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        # riot police are no riot; what they do to the protesters is the intervention
        (
            "Riot police deployed in Lagos to break up a protest rally called by the opposition.",
            "demo-intervention",
        ),
        (
            "Riot police officers beat a protester during a protest near the parliament.",
            "demo-force",
        ),
        ("The protest turned into a riot when demonstrators threw stones.", "riot"),
    ],
)
def test_events_wire_news_riot_police_and_riots(run: Run, text: str, mode: str) -> None:
    event = _by_trigger(run(text), "protest")
    assert (event.plover_type, event.plover_mode) == ("PROTEST", mode)


def test_events_wire_news_a_country_discussing_is_not_the_place(run: Run) -> None:
    text = "Asked whether he was glad Iraq is discussing negotiations, the president replied no."
    assert _by_trigger(run(text), "negotiations").location is None


# -- the fresh reading (web pages of 2019: sport, science, entertainment, politics) -------


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # one person's death is no attack without a sign of one
        (
            "Federal prison suicides were quietly rising before Jeffrey Epstein's death in a"
            " New York detention center.",
            "death",
        ),
        (
            "Martha added that shortly before their father's death, he and Mike had corresponded.",
            "death",
        ),
        # games, stars, wills, moods
        (
            "The images revealed how stellar explosions and black holes triggered galactic"
            " evolution.",
            "explosions",
        ),
        (
            "Herbert and Mahut rallied to defeat the Japanese pair in the deciding doubles match.",
            "rallied",
        ),
        ("The league decided to suspend Garrett for the remainder of the season.", "suspend"),
        ("Although he had written a will, it was neither witnessed nor executed.", "executed"),
        (
            "We will interpret the comment to refer to the amount being seized at the border.",
            "seized",
        ),
        (
            "The song hits the chorus with the sweet relief of someone who has tunneled to"
            " freedom.",
            "relief",
        ),
    ],
)
def test_events_wire_news_fresh_pages_other_senses(run: Run, text: str, trigger: str) -> None:
    assert trigger not in _triggers(run(text))


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("A loud explosion was heard in the capital on Monday.", "explosion"),
        ("Thousands rallied in the capital to demand the president's resignation.", "rallied"),
        ("Two prisoners were executed at dawn.", "executed"),
        ("Activists said his death in an airstrike on Idlib was confirmed.", "airstrike"),
    ],
)
def test_events_wire_news_fresh_pages_events_stay(run: Run, text: str, trigger: str) -> None:
    assert trigger in _triggers(run(text))


@pytest.mark.parametrize(
    ("text", "trigger", "modality"),
    [
        # a perfect infinitive was done
        (
            "The only two Arab states to have signed peace treaties with Israel also criticised"
            " the shift.",
            "signed",
            "asserted",
        ),
        (
            "Any final agreement on this matter needs to be made with her management team.",
            "agreement",
            "hypothetical",
        ),
        ("The spokesman denied any attack on the village.", "attack", "denied"),
        # a warning about what is so states it
        (
            "His friendship with the financier is under investigation by the FBI, the expert"
            " warned.",
            "investigation",
            "asserted",
        ),
        # denied accusations were made
        ("The city's police deny accusations of brutality.", "accusations", "asserted"),
        (
            "The minister denied the accusation that troops had opened fire.",
            "opened fire",
            "denied",
        ),
    ],
)
def test_events_wire_news_fresh_pages_modality(
    run: Run, text: str, trigger: str, modality: str
) -> None:
    assert _by_trigger(run(text), trigger).modality == modality


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        (
            "This week, he launched a tour of early-voting states, visiting Nevada and Iowa"
            " before South Carolina.",
            "visiting",
            "Nevada",
        ),
        (
            "He pleaded guilty to threatening to assault and murder a United States official.",
            "murder",
            None,
        ),
    ],
)
def test_events_wire_news_fresh_pages_places(
    run: Run, text: str, trigger: str, place: str | None
) -> None:
    event = _by_trigger(run(text), trigger)
    assert (event.location.text if event.location else None) == place


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Undiagnosed, it can lead to permanent lung scarring, and even death.", "death"),
        (
            "From 2010 to 2015 there were 3248 cases reported worldwide, including 584 deaths.",
            "deaths",
        ),
        ("The outbreak of cholera killed 30 people in the camp.", "killed"),
        ("South Korea is seeing stronger than ever solar project deployment.", "deployment"),
        ("Some of the poorer residents are burning fires for cooking and heating.", "fires"),
        (
            "This alarming mortality rate constitutes an emergency which threatens the safety"
            " of human lives.",
            "threatens",
        ),
        (
            "Now ESA has investigated how crew hibernation would impact space mission design.",
            "investigated",
        ),
        (
            "The company announced it was withdrawing its S-1 filing for an initial public"
            " offering.",
            "withdrawing",
        ),
    ],
)
def test_events_wire_news_illness_research_and_filings_are_no_events(
    run: Run, text: str, trigger: str
) -> None:
    assert trigger not in _triggers(run(text))


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The deployment of 3,000 troops to the border began on Monday.", "deployment"),
        ("Gunmen who threatened the villagers fled.", "threatened"),
        ("Police are investigating a shooting in Leeds.", "investigating"),
        ("At least 40 people died in the attack.", "attack"),
    ],
)
def test_events_wire_news_troops_threats_and_inquiries_stay(
    run: Run, text: str, trigger: str
) -> None:
    assert trigger in _triggers(run(text))


@pytest.mark.parametrize(
    ("text", "trigger", "modality"),
    [
        ("The organization believes the real death toll may be much higher.", "death", "asserted"),
        (
            "Propaganda efforts to persuade protesters to fall in love with the party have failed.",
            "protesters",
            "asserted",
        ),
        (
            "The Palestinian Authority, which considers the US biased and has rejected the"
            " administration as a mediator if peace talks are ever revived, called for a"
            " meeting.",
            "rejected",
            "asserted",
        ),
    ],
)
def test_events_wire_news_counts_people_and_coordinated_statements(
    run: Run, text: str, trigger: str, modality: str
) -> None:
    assert _by_trigger(run(text), trigger).modality == modality


def test_events_wire_news_a_place_in_the_place_of_the_verb_above(run: Run) -> None:
    event = _by_trigger(run("Fire broke out in a market in Lagos, killing five."), "fire")
    assert event.location is not None and event.location.text == "Lagos"


# -- the unseen set (BASIL and GeoWebNews), seed 71 ---------------------------------------


@pytest.mark.parametrize(
    ("text", "trigger", "modality"),
    [
        # a second act joined to a call is no thing called for
        (
            "Former Rep. John Delaney of Maryland called for the report to be made public, but"
            " also urged that it was time to move on.",
            "urged",
            "asserted",
        ),
        # forcing is as unreal as the purpose it serves
        (
            "It was the first time that the federal government has filed suit to force a law"
            " enforcement agency to cooperate with such an investigation.",
            "cooperate",
            "hypothetical",
        ),
        ("Rebels managed to force the soldiers to retreat.", "retreat", "asserted"),
        # a past clause beside a call is no thing called for
        (
            "Senators called on the president to cancel his meeting after indictments were"
            " announced Friday accusing a dozen intelligence officers of hacking party emails.",
            "accusing",
            "asserted",
        ),
    ],
)
def test_events_wire_news_unseen_modality(run: Run, text: str, trigger: str, modality: str) -> None:
    assert _by_trigger(run(text), trigger).modality == modality


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        # not across a coordination
        (
            "Officials in Hawaii have certified his citizenship, but a segment of society have"
            " demanded additional proof.",
            "demanded",
            None,
        ),
        # a news conference is not where the trafficking was
        (
            '"This contraband has been heavily trafficked into our state," the attorney general'
            " said at a news conference in Lincoln.",
            "trafficked",
            None,
        ),
        ("In Aleppo, rebels said government forces attacked the district.", "attacked", "Aleppo"),
    ],
)
def test_events_wire_news_unseen_places(
    run: Run, text: str, trigger: str, place: str | None
) -> None:
    event = _by_trigger(run(text), trigger)
    assert (event.location.text if event.location else None) == place


def test_events_wire_news_support_rounded_up_is_no_arrest(run: Run) -> None:
    assert not run("Mr. Brat spoke of the difficulty he had in rounding up conservative support.")
    event = _by_trigger(run("Police rounded up dozens of protesters in the capital."), "rounded up")
    assert event.plover_type == "COERCE"


@pytest.mark.parametrize(
    ("text", "trigger", "modality"),
    [
        (
            "Opponents said the school might be a target for terrorist attacks.",
            "attacks",
            "hypothetical",
        ),
        (
            "He returned to Cuba later that year, only to be jailed for several months.",
            "jailed",
            "asserted",
        ),
        ("The school was targeted in the attack.", "targeted", "asserted"),
    ],
)
def test_events_wire_news_targets_and_only_to_be(
    run: Run, text: str, trigger: str, modality: str
) -> None:
    assert _by_trigger(run(text), trigger).modality == modality
