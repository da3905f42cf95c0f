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
