"""COERCE vs ASSAULT (issue 14): raids, searches, sweeps and crackdowns are coercion unless the
sentence tells killing or wounding in that act; arrests, charges, bans, shutdowns, house arrest
and expulsions of people are coercion. Our own sentences, one construction each."""

from __future__ import annotations

import pytest
from coding import code, top


@pytest.mark.parametrize("text", [
    "Police raided the offices of an opposition newspaper in Harare on Tuesday.",
    "Security forces raided several homes in Bamako overnight and detained 14 people.",
    "Agents searched the home of the former finance minister.",
    "Police searched the headquarters of the main opposition party on Friday.",
    "A police raid on the union's offices in Dhaka ended with no arrests.",
    "Police cracked down on opposition supporters in Kampala, arresting more than 200.",
    "Police raided the house in Lahore and no one was hurt.",
    # the toll belongs to another attack of the sentence, not to the raid
    "The army raided the village a day after clashes killed five soldiers.",
])
def test_coercion_raids_and_searches_without_harm_are_coerce(knowledge, text: str) -> None:
    m = top(text, knowledge)
    assert m.event_type == "COERCE", m.rule
    assert all(x.event_type != "ASSAULT" for x in code(text, knowledge))


@pytest.mark.parametrize("text, word", [
    ("Indian troops raided a militant hideout in Kupwara, killing three militants.", "killing"),
    ("A police raid on the party headquarters left two people dead.", "dead"),
    ("Police cracked down on protesters in Khartoum, killing four.", "killing"),
    ("Soldiers raided a camp near Gao and wounded six herders.", "wounded"),
])
def test_coercion_a_raid_that_kills_or_wounds_is_assault(knowledge, text: str, word: str) -> None:
    m = top(text, knowledge)
    assert m.event_type == "ASSAULT"
    assert f"harm told ('{word}')" in " ".join(x.rule for x in code(text, knowledge))


@pytest.mark.parametrize("text, cameo", [
    ("The government shut down the internet across the Tigray region.", "1721"),
    ("Authorities cut mobile internet access in Manipur after the clashes.", "1721"),
    ("The junta declared the opposition party illegal.", "1722"),
    ("Prosecutors charged the journalist with sedition.", "173"),
    ("The activist was charged with inciting violence.", "173"),
    ("A court in Minsk sentenced the blogger to five years in prison.", "173"),
    ("Police put the former president under house arrest on Sunday.", "173"),
    ("Burkina Faso expelled two French nationals on Monday.", "174"),
])
def test_coercion_legal_and_administrative_acts_are_coerce(knowledge, text: str,
                                                          cameo: str) -> None:
    m = top(text, knowledge)
    assert (m.event_type, m.cameo) == ("COERCE", cameo), m.rule


def test_coercion_house_arrest_in_the_passive_holds_its_subject(knowledge) -> None:
    m = top("The opposition leader was placed under house arrest.", knowledge)
    assert m.event_type == "COERCE" and m.actors == ()
    assert [a.text for a in m.recipients] == ["opposition leader"]


def test_coercion_an_accusation_is_still_accuse(knowledge) -> None:
    # "charged that", "accused ... of": statements, not legal action
    m = top("The opposition accused the government of rigging the vote.", knowledge)
    assert m.event_type == "ACCUSE"


def test_coercion_rescuers_searching_is_no_event(knowledge) -> None:
    assert code("Rescuers searched the rubble for survivors.", knowledge) == []


def test_coercion_lexicon_checks_harmed_and_clauses_codes(tmp_path, knowledge) -> None:
    from polemos.errors import KnowledgeError
    from polemos.extract.triggers import TriggerLexicon

    (tmp_path / "mine.yaml").write_text(
        "origin: test\nlicence: CC0\nverbs:\n  sweep: {code: '173', harmed: '999'}\n"
        "  expel: {clauses: {leave: 'x'}}\n")
    with pytest.raises(KnowledgeError) as err:
        TriggerLexicon.load(knowledge.ontology, [tmp_path])
    problems = err.value.problems
    assert any("mine.yaml:4: verbs.sweep.harmed: unknown CAMEO code '999'" in p for p in problems)
    assert any("mine.yaml:5: verbs.expel.clauses.leave: unknown CAMEO code 'x'" in p
               for p in problems)


@pytest.mark.parametrize("text", [
    "Gunmen raided a village in Zamfara state on Sunday night.",
    "Al-Shabaab militants raided a police station in Mandera.",
    "Bandits raided a farming community in Katsina.",
])
def test_coercion_a_raid_by_an_armed_group_is_assault(knowledge, text: str) -> None:
    m = top(text, knowledge)
    assert m.event_type == "ASSAULT" and "by an armed group" in m.rule
