"""Event extraction: triggers, who did it to whom, frames, and the lexicon files."""

from __future__ import annotations

from pathlib import Path

import pytest

from polemos.errors import KnowledgeError
from polemos.extract.events import extract_mentions
from polemos.extract.triggers import TriggerLexicon
from polemos.model import Article, mention_id


def code(text: str, knowledge) -> list:
    article = Article(id="t", text=text, date="2021-06-01")
    return extract_mentions(knowledge.nlp(text), article, knowledge)


def top(text: str, knowledge):
    ms = code(text, knowledge)
    assert ms, f"no mention for {text!r}"
    return max(ms, key=lambda m: m.confidence)


def countries(parties) -> list[str | None]:
    return [p.country for p in parties]


def test_events_subject_and_object(knowledge) -> None:
    m = top("Chadian troops shelled rebel camps near Bol on Monday.", knowledge)
    assert (m.event_type, m.cameo, m.mode) == ("ASSAULT", "194", "heavy-weapons")
    assert countries(m.actors) == ["TCD"]


def test_events_fields_and_offsets(knowledge) -> None:
    text = "Brazil praised Argentina for its new trade policy."
    m = top(text, knowledge)
    assert m.event_type == "SUPPORT" and m.quad_class == 1 and m.intensity > 0
    assert text[m.trigger.start:m.trigger.end] == m.trigger.text == "praised"
    assert m.id == mention_id("t", 0, m.trigger, "SUPPORT")
    assert m.published == "2021-06-01" and 0 < m.confidence <= 1
    assert text[m.actors[0].start:m.actors[0].end] == "Brazil"
    assert countries(m.recipients) == ["ARG"]


def test_events_nominal_with_light_verb_and_target_preposition(knowledge) -> None:
    m = top("Israeli warplanes carried out airstrikes against Gaza on Sunday.", knowledge)
    assert (m.event_type, m.cameo) == ("ASSAULT", "195")
    assert m.trigger.text == "carried out airstrikes"
    assert countries(m.actors) == ["ISR"]
    assert "PSE" in countries(m.recipients)


def test_events_imposed_sanctions_on(knowledge) -> None:
    m = top("Canada imposed sanctions on Venezuela last week.", knowledge)
    assert m.event_type == "SANCTION"
    assert countries(m.actors) == ["CAN"] and countries(m.recipients) == ["VEN"]


def test_events_held_talks_with_coordinated_adjectives(knowledge) -> None:
    m = top("Greek and Turkish diplomats held talks in Athens.", knowledge)
    assert m.event_type == "CONSULT"
    assert countries(m.actors) == ["GRC", "TUR"]


def test_events_passive_with_agent(knowledge) -> None:
    m = top("Four Malian soldiers were killed by Islamist militants.", knowledge)
    assert m.event_type == "ASSAULT"
    assert [a.text for a in m.actors] == ["Islamist militants"]
    assert countries(m.recipients) == ["MLI"]


def test_events_passive_without_agent_has_no_actor(knowledge) -> None:
    m = top("Two Nigerian journalists were arrested in Abuja.", knowledge)
    assert m.event_type == "COERCE"
    assert m.actors == ()
    assert "NGA" in countries(m.recipients)


def test_events_coordinated_subjects_are_two_actors(knowledge) -> None:
    m = top("Sudan and Egypt agreed to share intelligence on smugglers.", knowledge)
    assert m.event_type == "AGREE"
    assert countries(m.actors) == ["SDN", "EGY"]


def test_events_accusation_yields_accuse_and_reported_act(knowledge) -> None:
    ms = code("Armenia accused Azerbaijan of shelling Armenian villages.", knowledge)
    accuse = [m for m in ms if m.event_type == "ACCUSE"]
    assault = [m for m in ms if m.event_type == "ASSAULT"]
    assert accuse and assault
    assert countries(accuse[0].actors) == ["ARM"] and countries(accuse[0].recipients) == ["AZE"]
    assert assault[0].modality == "reported"
    assert countries(assault[0].actors) == ["AZE"]
    assert accuse[0].confidence > assault[0].confidence


def test_events_reported_speech_keeps_the_act_and_its_source(knowledge) -> None:
    m = top("Ethiopian forces attacked Tigrayan rebels, a regional official said.", knowledge)
    assert m.event_type == "ASSAULT"
    assert countries(m.actors) == ["ETH"]


def test_events_said_it_would_resolves_the_pronoun_to_the_speaker(knowledge) -> None:
    m = top("Qatar said it would send food aid to Yemen.", knowledge)
    assert m.event_type == "AGREE"
    assert countries(m.actors) == ["QAT"]


def test_events_possessive_actor_of_a_nominal_event(knowledge) -> None:
    m = top("Russia's airstrikes on Idlib continued for a third day.", knowledge)
    assert m.event_type == "ASSAULT"
    assert countries(m.actors) == ["RUS"]


def test_events_relative_clause_subject_is_its_head(knowledge) -> None:
    ms = code("The Somali police, who arrested the smugglers, denied any abuse.", knowledge)
    coerce = [m for m in ms if m.event_type == "COERCE"]
    assert coerce and countries(coerce[0].actors) == ["SOM"]


def test_events_apposition_names_the_country(knowledge) -> None:
    m = top("Jan Novak, a Czech minister, criticized the Hungarian government.", knowledge)
    assert m.event_type == "ACCUSE"
    assert countries(m.actors) == ["CZE"]


def test_events_plain_statement_is_no_event(knowledge) -> None:
    assert code("The minister said the weather was fine on Tuesday.", knowledge) == []


def test_events_one_mention_per_clause(knowledge) -> None:
    ms = code("Kenyan police opened fire on protesters, killing two people.", knowledge)
    assert [m.event_type for m in ms] == ["ASSAULT"]


def test_lexicon_user_file_layers_over_ours(tmp_path: Path, knowledge) -> None:
    (tmp_path / "mine.yaml").write_text(
        "origin: test\nlicence: CC0\nverbs:\n  harass: \"1721\"\n  attack: {code: \"193\"}\n")
    lex = TriggerLexicon.load(knowledge.ontology, [tmp_path])
    assert lex.verbs["harass"].code == "1721"
    assert lex.verbs["attack"].code == "193"
    assert lex.verbs["shell"].code == "194"


def test_lexicon_bad_entries_name_file_and_line(tmp_path: Path, knowledge) -> None:
    (tmp_path / "bad.yaml").write_text(
        "origin: test\nlicence: CC0\nverbs:\n  harass: \"999\"\n  nag: {frame: pester}\n")
    with pytest.raises(KnowledgeError) as err:
        TriggerLexicon.load(knowledge.ontology, [tmp_path])
    text = str(err.value)
    assert "bad.yaml:4: verbs.harass.code" in text and "bad.yaml:5: verbs.nag.frame" in text


def test_events_group_noun_from_coordinated_countries_gives_each(knowledge) -> None:
    m = top("Envoys from Armenia and Azerbaijan met in Moscow on Friday.", knowledge)
    assert m.event_type == "CONSULT"
    assert countries(m.actors) == ["ARM", "AZE"]
    assert [a.text for a in m.actors] == ["Envoys from Armenia", "Envoys from Azerbaijan"]


def test_events_group_noun_from_an_organisation_takes_its_codes(knowledge) -> None:
    m = top("Fighters from Hezbollah attacked an Israeli patrol.", knowledge)
    assert m.actors[0].text == "Fighters from Hezbollah"
    assert m.actors[0].country == "LBN" and m.actors[0].id is not None
    assert countries(m.recipients) == ["ISR"]


def test_events_reported_passive_without_agent_has_no_actor(knowledge) -> None:
    m = top("Three soldiers were killed in the ambush, the army said.", knowledge)
    assert m.event_type == "ASSAULT" and m.modality == "reported"
    assert m.actors == () and m.source_said == "army"
    assert [a.sector for a in m.recipients] == ["MIL"]


def test_events_site_target_keeps_words_not_bogus_codes(knowledge) -> None:
    m = top("Syria fired rockets at the Tiyas air base.", knowledge)
    assert m.event_type == "ASSAULT" and m.mode == "heavy-weapons"
    [site] = m.recipients
    assert site.text == "Tiyas air base" and site.sector is None and site.id is None


def test_events_frame_verb_object_receives_the_governed_act(knowledge) -> None:
    m = top("Moscow warned Kyiv that it would respond.", knowledge)
    assert m.event_type == "THREATEN"
    assert countries(m.actors) == ["RUS"] and countries(m.recipients) == ["UKR"]
    m = top("Japan pledged humanitarian aid to Turkey.", knowledge)
    assert m.event_type == "AGREE" and countries(m.recipients) == ["TUR"]


def test_events_time_phrase_is_not_a_framed_act(knowledge) -> None:
    m = top("Cairo warned Addis Ababa days before the airstrikes.", knowledge)
    assert (m.event_type, m.cameo) == ("THREATEN", "130")
    assert countries(m.recipients) == ["ETH"]


def test_events_rejected_someones_proposal_targets_the_proposer(knowledge) -> None:
    m = top("Turkey rejected Greece's proposal for talks.", knowledge)
    assert m.event_type == "REJECT"
    assert countries(m.actors) == ["TUR"] and countries(m.recipients) == ["GRC"]


def test_events_announced_deployment_of_ships_is_mobilize(knowledge) -> None:
    m = top("France announced it had sent a frigate to the Red Sea.", knowledge)
    assert m.event_type == "MOBILIZE"
    assert countries(m.actors) == ["FRA"]
    # a deployment for later is no force posture yet (issue 14, docs/schema.md)
    assert code("France announced it would send a frigate to the Red Sea.", knowledge) == []


def test_events_clause_describing_a_site_is_no_event(knowledge) -> None:
    ms = code("Rebels shelled the town and the camps that host refugees.", knowledge)
    assert [m.event_type for m in ms] == ["ASSAULT"]
    assert code("The delegation visited bases hosting Italian troops.", knowledge)[0].event_type \
        == "CONSULT"


def test_events_killed_and_wounded_by_one_attack_is_one_event(knowledge) -> None:
    ms = code("A mortar attack on the army post killed a soldier and wounded three civilians.",
              knowledge)
    [m] = [m for m in ms if m.event_type == "ASSAULT"]
    assert m.mode == "heavy-weapons" and m.actors == ()
    assert [a.sector for a in m.recipients] == ["MIL", "CVL"]


def test_events_two_different_acts_of_one_doer_stay_two(knowledge) -> None:
    ms = code("Militants attacked a checkpoint and took four policemen hostage.", knowledge)
    assert sorted(m.cameo for m in ms) == ["181", "190"]


@pytest.mark.parametrize(("text", "assault"), [
    ("A teenager was shot and killed in Akron on Saturday.", True),
    ("A 30-year-old man died after being shot in the back.", True),
    ("A gunman opened fire on shoppers at a mall in Omaha.", True),
    ("Two women were wounded in a drive-by shooting on Elm Street.", True),
    ("Deputies arrested a suspect on Sunday in connection with the shooting.", False),
    ("Neighbours held a vigil for the victims on Sunday night.", False),
    ("The suspect appeared in court on Monday.", False),
])
def test_events_crime_news_shootings_are_firearm_assaults(text: str, assault: bool,
                                                          knowledge) -> None:
    got = [m for m in code(text, knowledge) if m.event_type == "ASSAULT"]
    assert len(got) == (1 if assault else 0)
    if assault:
        assert got[0].mode == "firearms"


def test_events_victim_of_a_passive_after_clause_is_the_recipient(knowledge) -> None:
    m = top("A Kenyan farmer died after being shot by poachers.", knowledge)
    assert m.event_type == "ASSAULT"
    assert [a.text for a in m.actors] == ["poachers"]
    assert countries(m.recipients) == ["KEN"]


def test_events_investigated_attack_is_an_event_without_the_investigators(knowledge) -> None:
    ms = code("Police in Tulsa are investigating a fatal shooting near a gas station.", knowledge)
    assert [m.event_type for m in ms] == ["ACCUSE", "ASSAULT"]
    shooting = ms[1]
    assert shooting.actors == () and shooting.mode == "firearms"
    assert "referenced" in shooting.flags


def test_events_condemned_attack_targets_its_doers(knowledge) -> None:
    ms = code("The African Union condemned the Sudanese air strikes on Darfur.", knowledge)
    accuse = next(m for m in ms if m.event_type == "ACCUSE")
    assert countries(accuse.recipients) == ["SDN"]
    attack = next(m for m in ms if m.event_type == "ASSAULT")
    assert countries(attack.actors) == ["SDN"]


@pytest.mark.parametrize(("text", "event_type", "cameo"), [
    ("The two militias violated the truce on Tuesday.", "ASSAULT", "196"),
    ("The Iranian navy held a naval exercise in the Gulf.", "MOBILIZE", "150"),
    ("Armenian and Russian troops held joint exercises.", "COOPERATE", "062"),
    ("The government allowed foreign inspectors to visit the site.", "RETREAT", "0862"),
    ("Norway brokered a truce between the rebels and the army.", "CONSULT", "045"),
    ("Kuwait gave 20 million dollars to Jordan.", "AID", "071"),
])
def test_events_codebook_verbs_and_objects(text: str, event_type: str, cameo: str,
                                           knowledge) -> None:
    m = top(text, knowledge)
    assert (m.event_type, m.cameo) == (event_type, cameo)


def test_events_sentence_opening_name_read_as_adverb_is_still_the_subject(knowledge) -> None:
    m = top("Turkey massed troops along the Syrian border.", knowledge)
    assert m.event_type == "MOBILIZE" and countries(m.actors) == ["TUR"]


def test_events_dative_to_phrase_is_the_recipient(knowledge) -> None:
    m = top("Egypt sent troops to Libya.", knowledge)
    assert m.event_type == "MOBILIZE" and countries(m.recipients) == ["LBY"]


@pytest.mark.parametrize("text, want", [
    # an accord with a purpose is a pledge of that purpose; a bare treaty is the signing
    ("Laos and Cambodia signed an accord to build a bridge across the Mekong.", ("AGREE", "03")),
    ("Laos and Cambodia signed a friendship treaty on Monday.", ("SUPPORT", "057")),
])
def test_events_accord_with_purpose_is_a_pledge(knowledge, text, want) -> None:
    m = top(text, knowledge)
    assert (m.event_type, m.cameo[:len(want[1])]) == want
    assert sorted(countries(m.actors)) == ["KHM", "LAO"]


@pytest.mark.parametrize("text, want", [
    ("Uruguay and Paraguay conducted joint naval patrols on the river.", "COOPERATE"),
    ("Bolivian teachers went on strike in La Paz.", "PROTEST"),
    ("The Bolivian teachers went on strike to demand better pay.", "PROTEST"),
    ("Police in Ghana worked together with Togolese officers.", "COOPERATE"),
    ("Mongolia moved troops to its southern border.", "MOBILIZE"),
    ("Sri Lanka expelled hundreds of Tamil families from the town.", "COERCE"),
    ("Sri Lanka expelled the Norwegian ambassador.", "SANCTION"),
    ("The Nepali rebels handed over their weapons to the army.", "RETREAT"),
    ("The Peruvian government bowed to the demands of the miners.", "CONCEDE"),
    ("Jordan lifted the curfew in Maan.", "CONCEDE"),
    ("Chilean dockworkers staged a sit-in at the port of Valparaiso.", "PROTEST"),
    ("Beijing protested to Manila over the arrest of its fishermen.", "ACCUSE"),
    ("Moldova banned imports of Russian fuel.", "SANCTION"),
    ("Georgia put its border guards on high alert.", "MOBILIZE"),
    ("Italian volunteers distributed blankets to refugees in Lampedusa.", "AID"),
    ("The unions agreed to postpone the general strike in Lagos.", "AGREE"),
    ("Syrian forces prepared to storm the rebel-held town.", "MOBILIZE"),
    ("Syria said it was prepared to hold talks with the opposition.", "AGREE"),
    ("Farmers blocked the motorway near Lyon to protest fuel taxes.", "PROTEST"),
    ("Miners occupied the company offices in Potosi to protest the layoffs.", "PROTEST"),
    ("The Zambian government ordered the radio station to suspend its broadcasts.", "COERCE"),
    ("Armenia ordered Azerbaijan to release the prisoners.", "REQUEST"),
    ("The Ecuadorian president commuted the sentence of a jailed journalist.", "CONCEDE"),
    ("Hundreds of tonnes of rice were shipped to Haiti by Japan.", "AID"),
    ("Poland blocked the proposal at the European Council.", "REJECT"),
    ("The Kuwaiti emir dismissed the cabinet after a month of protests.", "CONCEDE"),
    ("Kenya dismissed the allegations as baseless.", "REJECT"),
    ("Tens of thousands of Serbs took to the streets of Novi Sad.", "PROTEST"),
    ("Sweden summoned the Iranian ambassador to protest the executions.", "ACCUSE"),
])
def test_events_codebook_frames(knowledge, text, want) -> None:
    ms = code(text, knowledge)
    assert ms and max(ms, key=lambda m: m.confidence).event_type == want
    if "to demand" in text:  # a protest's aim is its content, not a second event
        assert [m.event_type for m in ms] == ["PROTEST"]


def test_events_main_verb_hung_off_its_subject(knowledge) -> None:
    # the small parser makes "militia" the root and "handed" its acl: the militia still acts
    m = top("The Kurdish militia handed over its heavy weapons to the Iraqi army.", knowledge)
    assert m.event_type == "RETREAT"
    assert [a.text for a in m.actors] == ["Kurdish militia"]
    assert countries(m.recipients) == ["IRQ"]


def test_events_things_and_times_are_no_parties(knowledge) -> None:
    [m] = code("Yellow tape surrounded the house after a shooting.", knowledge)
    assert (m.event_type, m.trigger.text, m.actors) == ("ASSAULT", "shooting", ())


def test_events_a_named_attack_is_not_done_by_who_reports_it(knowledge) -> None:
    [m] = code("The stabbing remains under investigation, detectives said.", knowledge)
    assert m.event_type == "ASSAULT" and m.actors == ()
    assert m.source_said == "detectives"


def test_events_one_incident_per_sentence_keeps_the_sharpest_code(knowledge) -> None:
    [m] = code("Police said a man shot a clerk, and investigators said the shooting followed a "
               "robbery.", knowledge)
    assert (m.trigger.text, m.cameo) == ("shot", "193")
    assert [a.text for a in m.actors] == ["a man"]
    [m] = code("A gunman opened fire on a bus in Denver, shooting three passengers.", knowledge)
    assert [a.text for a in m.actors] == ["A gunman"]


def test_events_two_kinds_of_attack_stay_two(knowledge) -> None:
    ms = code("Rebels kidnapped two engineers and bombed a bridge in Kivu.", knowledge)
    assert [(m.trigger.text, m.cameo[:3]) for m in ms] == [("kidnapped", "181"), ("bombed", "195")]


def test_events_hyphened_adjective_is_no_act(knowledge) -> None:
    assert code("The doctor said the wounds were not life-threatening.", knowledge) == []


def test_lexicon_bad_furniture_pattern_names_file_and_line(tmp_path: Path, knowledge) -> None:
    (tmp_path / "furniture.yaml").write_text(
        "origin: test\nlicence: CC0\nboilerplate:\n  - '^Posted:'\n  - '(unclosed'\n")
    with pytest.raises(KnowledgeError) as err:
        TriggerLexicon.load(knowledge.ontology, [tmp_path])
    assert "furniture.yaml:5: boilerplate" in str(err.value)
    lexicon = TriggerLexicon.load(knowledge.ontology)
    assert lexicon.is_boilerplate("Shots fired Posted: Monday") == 12
    assert lexicon.is_boilerplate("Police shot a man.") is None


def test_events_attribution_and_errands_are_no_acts(knowledge) -> None:
    [m] = code("Two men were shot on Elm Street, according to police.", knowledge)
    assert (m.event_type, m.trigger.text) == ("ASSAULT", "shot")
    # a converted dictionary verb needs a known party on the other side
    assert code("Officers went to the house and found a wounded man.", knowledge) == []
    [m] = code("The ambassador went to Moscow.", knowledge)
    assert m.event_type == "CONSULT" and countries(m.recipients) == ["RUS"]


@pytest.mark.parametrize(("text", "event_type", "cameo"), [
    # evacuating one's own positions is a retreat; evacuating people stays an aid act
    ("Armenian forces evacuated their positions near the lake.", "RETREAT", "0874"),
    ("The Red Cross evacuated wounded civilians from the town.", "AID", "073"),
    # lowering or cutting trade penalties eases them
    ("Japan lowered tariffs on Thai rice.", "CONCEDE", "085"),
    ("Jordan cut duties on Syrian goods.", "CONCEDE", "085"),
    # handing power to others accedes to a change in leadership
    ("The army council handed power back to a civilian cabinet.", "CONCEDE", "0831"),
    # returning captured people releases them
    ("Iran returned the detained sailors to Britain.", "CONCEDE", "0841"),
    # joining an alliance is diplomatic cooperation; promising to join is a pledge
    ("Montenegro joined the alliance in June.", "SUPPORT", "050"),
    ("Bosnia said it would join the customs union.", "AGREE", "032"),
    # recognition as a nominal event
    ("Senegal announced its recognition of the new government in Bamako.", "SUPPORT", "054"),
])
def test_events_round2_codebook_objects_and_nouns(text: str, event_type: str, cameo: str,
                                                  knowledge) -> None:
    m = top(text, knowledge)
    assert (m.event_type, m.cameo) == (event_type, cameo)


@pytest.mark.parametrize(("text", "actor"), [
    # a by-agent that is itself an act names its doer by its modifier
    ("Three fishermen were killed by Turkish airstrikes near Dohuk.", "TUR"),
    ("A border guard was wounded by Iranian shelling on Tuesday.", "IRN"),
])
def test_events_act_as_by_agent_gives_its_doer(knowledge, text: str, actor: str) -> None:
    m = top(text, knowledge)
    assert m.event_type == "ASSAULT" and countries(m.actors) == [actor]


def test_events_force_put_on_alert_in_passive_is_the_mobilizer(knowledge) -> None:
    m = top("Pakistani troops were placed on alert along the frontier.", knowledge)
    assert m.event_type == "MOBILIZE" and countries(m.actors) == ["PAK"]
    assert countries(m.recipients) == []


@pytest.mark.parametrize("text, recipient", [
    # an act aimed at another's act is aimed at its doer: the owner of the act noun, named by a
    # possessive, a demonym or "from" (issue 14)
    ("Egypt turned down Ethiopia's offer of talks on the dam.", "ETH"),
    ("The opposition dismissed an appeal from President Museveni to end the boycott.", "UGA"),
    ("Kenya welcomed a request from Somalia for more troops.", "SOM"),
    ("Thailand accepted an offer from Malaysia to mediate the dispute.", "MYS"),
])
def test_events_recipient_is_the_owner_of_an_act_noun(knowledge, text: str,
                                                      recipient: str) -> None:
    m = top(text, knowledge)
    assert recipient in countries(m.recipients)
    assert recipient not in countries(m.actors)


def test_events_act_noun_from_an_organisation_names_it(knowledge) -> None:
    m = top("The rebels ignored a call from the African Union to lay down their arms.", knowledge)
    assert [r.sector for r in m.recipients] == ["IGO"]


@pytest.mark.parametrize("text, country, sector", [
    # a protest is against what "in protest against/over/at/of" names; an act there is aimed
    # at its doer (issue 14)
    ("Farmers blocked the highway in protest against the arrest of their leader by Indian "
     "police.", "IND", "COP"),
    ("Lawyers in Lahore staged a walkout in protest over Pakistan's detention of a judge.",
     "PAK", None),
    ("Students marched in Kampala in protest at the Ugandan government's decision to raise "
     "fees.", "UGA", "GOV"),
    # the phrase on the event noun of a light verb ("began a hunger strike in protest of")
    ("Dozens of prisoners began a hunger strike in protest of the Egyptian authorities' "
     "refusal to allow family visits.", "EGY", "GOV"),
    ("Teachers went on strike in protest against the detention of union leaders by Iranian "
     "security forces.", "IRN", "COP"),
])
def test_events_protest_is_against_what_in_protest_names(knowledge, text: str, country: str,
                                                          sector: str | None) -> None:
    m = top(text, knowledge)
    assert m.event_type == "PROTEST"
    assert (country, sector) in [(r.country, r.sector) for r in m.recipients]
