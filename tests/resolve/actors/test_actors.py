"""The actor knowledge base: our data files, user folders layered over them, Phoenix input."""

from __future__ import annotations

from pathlib import Path

import pytest

from polemos.errors import KnowledgeError
from polemos.resolve.actors.index import key_of
from polemos.resolve.actors.kb import DATA_DIR, ActorKB

KB_FIXTURES = Path(__file__).parents[2] / "fixtures" / "kb"


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return ActorKB.load()


@pytest.fixture(scope="module")
def user_kb() -> ActorKB:
    return ActorKB.load([KB_FIXTURES / "user"])


@pytest.mark.parametrize("phrase, date, country, sector, patron", [
    ("Iran-backed militias", "2020-01-05", None, "UAF", "IRN"),
    ("senior Polish officials", "2016-05-02", "POL", "GOV", None),
    ("Russian troops", "2022-03-01", "RUS", "MIL", None),
    ("the Iraqi prime minister", "2019-01-01", "IRQ", "GOV", None),
    ("Kataib Hezbollah", "2019-12-29", "IRQ", "UAF", "IRN"),
    ("Kata'ib Hizballah", "2019-12-29", "IRQ", "UAF", "IRN"),
    ("KATAIB-HEZBOLLAH", "2019-12-29", "IRQ", "UAF", "IRN"),
    ("Hamas", "2023-10-07", "PSE", "REB", "IRN"),
    ("Vladimir Putin", "2022-02-24", "RUS", "GOV", None),
    ("the United Nations", None, None, "IGO", None),
    ("U.S.-backed Syrian Democratic Forces", "2019-03-23", "SYR", "REB", "USA"),
    ("Turkish-backed fighters", "2019-10-10", None, "UAF", "TUR"),
    ("protesters", "2019-10-01", None, "PRO", None),
    ("NATO-member Norway", "2020-01-01", "NOR", None, None),
    ("the Defence Minister of Israel", "2021-01-01", "ISR", "GOV", None),
])
def test_resolve_noun_phrases(kb: ActorKB, phrase: str, date: str | None, country: str | None,
                              sector: str | None, patron: str | None) -> None:
    actor = kb.resolve(phrase, date)
    assert actor is not None
    assert (actor.text, actor.country, actor.sector, actor.patron) == (phrase, country, sector,
                                                                       patron)


@pytest.mark.parametrize("phrase, date, sector", [
    ("Taliban fighters", "2019-06-01", "REB"),  # before they took Kabul
    ("the Taliban", "2023-06-01", "GOV"),  # after
    ("Hayat Tahrir al-Sham", "2020-01-01", "REB"),
    ("Hayat Tahrir al-Sham", "2025-01-15", "GOV"),
])
def test_organisation_roles_change_with_the_date(kb: ActorKB, phrase: str, date: str,
                                                 sector: str) -> None:
    actor = kb.resolve(phrase, date)
    assert actor is not None and actor.sector == sector


def test_a_person_is_coded_by_the_office_held_on_the_date(kb: ActorKB) -> None:
    in_office = kb.resolve("President Trump", "2018-03-01")
    assert in_office is not None and (in_office.country, in_office.sector) == ("USA", "GOV")
    assert in_office.name == "Donald Trump"
    ex_president = kb.resolve("Barack Obama", "2019-05-01")
    assert ex_president is not None and ex_president.country == "USA"
    assert ex_president.sector != "GOV"  # Phoenix's open-ended role is superseded by Wikidata
    minister = kb.resolve("Boris Johnson", "2017-05-01")
    premier = kb.resolve("Boris Johnson", "2020-05-01")
    assert minister is not None and premier is not None
    assert minister.id != premier.id  # foreign secretary (our file), then prime minister


def test_a_named_country_picks_among_a_persons_offices(kb: ActorKB) -> None:
    # Jacques Chirac was also co-prince of Andorra while French president
    actor = kb.resolve("French President Jacques Chirac", "2000-06-01")
    assert actor is not None and actor.country == "FRA"


@pytest.mark.parametrize("text, iso3", [
    ("Tehran", "IRN"), ("Washington", "USA"), ("Iranian", "IRN"), ("Kyiv", "UKR"),
    ("Ukrainians", "UKR"), ("the United States", "USA"), ("US", "USA"),
    ("São Tomé and Príncipe", "STP"),
])
def test_country_of_names_demonyms_and_capitals(kb: ActorKB, text: str, iso3: str) -> None:
    assert kb.country_of(text) == iso3


@pytest.mark.parametrize("phrase", ["us", "is", "the weather", "a blue car", ""])
def test_unknown_and_lower_case_acronym_words_resolve_to_nothing(kb: ActorKB, phrase: str) -> None:
    assert kb.resolve(phrase, "2020-01-01") is None


@pytest.mark.parametrize("noun, sector", [
    ("troops", "MIL"), ("militia", "UAF"), ("rebels", "REB"), ("protesters", "PRO"),
    ("civilians", "CVL"), ("prime minister", "GOV"), ("police", "COP"), ("journalists", "JRN"),
    ("spaceship", None),
])
def test_sector_of_role_nouns(kb: ActorKB, noun: str, sector: str | None) -> None:
    assert kb.sector_of(noun) == sector


def test_head_noun_decides_the_sector(kb: ActorKB) -> None:
    actor = kb.resolve("Russian military police", "2020-01-01", head="police")
    assert actor is not None and actor.sector == "COP"


def test_user_folder_layers_over_ours(user_kb: ActorKB, kb: ActorKB) -> None:
    lions = user_kb.resolve("the River Lions", "2021-01-01")
    assert lions is not None and (lions.id, lions.country, lions.patron) == ("river_lions", "IRQ",
                                                                           "IRN")
    assert kb.resolve("River Lions", "2021-01-01") is None  # only in the user's folder
    overridden = user_kb.resolve("Hamas", "2021-01-01")
    assert overridden is not None and (overridden.country, overridden.sector) == ("EGY", "PTY")
    assert user_kb.sector_of("river raiders") == "UAF"


def test_user_person_roles_follow_dates(user_kb: ActorKB) -> None:
    early = user_kb.resolve("Mara Vell", "2016-01-01")
    late = user_kb.resolve("Mara Vell", "2023-01-01")
    before = user_kb.resolve("Mara Vell", "2010-01-01")
    assert early is not None and early.sector == "MIL"
    assert late is not None and late.sector == "GOV"
    assert before is not None and (before.country, before.sector) == ("NOR", None)


def test_broken_user_files_report_every_problem_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "people.yaml").write_text(
        "origin: test\n"
        "licence: MIT\n"
        "people:\n"
        "  - id: a\n"
        "    names: [A Person]\n"
        "    roles:\n"
        "      - {country: NOR, sector: GOV, from: 2019-05-01, until: 2018-01-01}\n"
        "      - {country: NOR, sector: ARMY, from: 2019-13-01}\n"
        "  - id: b\n"
        "    names: []\n"
        "    roles: [{country: NOR, sector: GOV}]\n", encoding="utf-8")
    (tmp_path / "syntax.yaml").write_text("origin: x\nlicence: y\npeople:\n  - [\n",
                                          encoding="utf-8")
    with pytest.raises(KnowledgeError) as err:
        ActorKB.load([tmp_path])
    problems = err.value.problems
    people = str(tmp_path / "people.yaml")
    assert f"{people}:7: people[0].roles[0].until: 2018-01-01 precedes from 2019-05-01 " \
           "(expected until on or after from)" in problems
    assert any(p.startswith(f"{people}:8: people[0].roles[1].sector: 'ARMY'") for p in problems)
    assert any(p.startswith(f"{people}:8: people[0].roles[1].from: '2019-13-01'")
               for p in problems)
    assert any(p.startswith(f"{people}:10: people[1].names:") for p in problems)
    assert any(p.startswith(f"{tmp_path / 'syntax.yaml'}:") for p in problems)
    assert len(problems) == 5


def test_from_phoenix_reads_dictionaries_and_skips_bad_dates() -> None:
    kb = ActorKB.from_phoenix([KB_FIXTURES / "phoenix" / "test.actors.txt"],
                              [KB_FIXTURES / "phoenix" / "test.agents.txt"])
    assert kb.country_of("Nordic Kingdom") == "NOR"
    in_office = kb.resolve("President Trygg", "2012-01-01")
    retired = kb.resolve("Olaf Trygg", "2016-01-01")
    assert in_office is not None and in_office.sector == "GOV"
    assert retired is not None and retired.sector == "ELI"
    wolves = kb.resolve("the Grey Wolves of the North", None)
    assert wolves is not None and (wolves.country, wolves.sector) == (None, "REB")
    assert kb.sector_of("harbourmen") == "CVL" and kb.sector_of("partisans") == "REB"
    # the 7-digit date and the backwards range are reported, never misread
    assert len(kb.problems) == 2
    assert any("'2004017' is not a date (7 digits)" in p for p in kb.problems)
    assert kb.resolve("Bad Dates Person", "2005-01-01") is None


def test_ruler_patterns_cover_groups_people_and_countries(kb: ActorKB) -> None:
    patterns = kb.ruler_patterns()
    by_text = {(p["label"], p["pattern"]) for p in patterns}
    assert ("ORG", "Kataib Hezbollah") in by_text
    assert ("ORG", "Hayat Tahrir al-Sham") in by_text
    assert ("PERSON", "Sergey Lavrov") in by_text
    assert {p["label"] for p in patterns} == {"ORG", "PERSON", "GPE"}
    assert all(" " in key_of(p["pattern"]) for p in patterns)  # single words stay with NER
    assert len(patterns) < 30_000  # keeps the pipeline's load time near three seconds


def test_every_data_file_states_origin_and_licence() -> None:
    files = sorted(DATA_DIR.glob("*.tsv")) + sorted(DATA_DIR.glob("*.yaml"))
    assert files
    for path in files:
        head = path.read_text(encoding="utf-8")[:2000]
        assert "origin:" in head and "licence:" in head, path


def test_hand_written_entries_name_their_source() -> None:
    from polemos.datafiles import read_yaml

    for name in ("90_polemos_groups.yaml", "90_polemos_ministers.yaml"):
        data, _ = read_yaml(DATA_DIR / name)
        for section in ("organisations", "people"):
            for entry in data.get(section, []):
                assert entry.get("source"), (name, entry.get("id"))


# ---- words that are not names (issue 3: resolution errors) ------------------------------------
@pytest.mark.parametrize("phrase, date", [
    ("Young Kenyans", "2000-06-01"),        # "Young" is Belize's governor-general's surname
    ("Christian aid workers", "2002-01-01"),  # "Christian" a Pitcairn leader's surname
])
def test_a_surname_that_is_an_ordinary_word_does_not_name_its_bearer(kb, phrase, date):
    got = kb.resolve(phrase, date)
    assert got is None or got.id is None or not got.id.startswith(("phx:", "wd:"))
    assert got is None or got.country != "BLZ" and got.country != "PCN"


def test_a_surname_still_names_a_person_at_the_end_of_the_phrase_or_before_a_role_noun(kb):
    assert kb.resolve("President Young", "2000-06-01").country == "BLZ"
    bush = kb.resolve("the Bush administration", "2005-06-01")
    assert (bush.country, bush.sector) == ("USA", "GOV")


@pytest.mark.parametrize("phrase", ["the Shining Tigers", "Tigers", "the Base", "The Nation"])
def test_generated_aliases_that_are_ordinary_english_words_are_gone(kb, phrase):
    got = kb.resolve(phrase, "2010-01-01")
    assert got is None or got.id is None


def test_ordinary_word_filter_rule_used_by_the_converters(monkeypatch):
    monkeypatch.syspath_prepend(str(Path(__file__).parents[3] / "tools" / "kb"))
    import common

    words = common.EnglishWords()
    assert [words.is_common_alias(n) for n in ("Tigers", "The Base", "Young", "Falcons")] == [
        True, True, True, True]
    assert not any(words.is_common_alias(n) for n in (
        "Hamas", "Taliban", "Hezbollah", "ISIS", "HuM", "Peshmerga", "Knesset", "Night Avengers"))


@pytest.mark.parametrize("phrase, country", [
    ("the Bagram air base", "AFG"),  # a base the KB knows
    ("the Ain al-Asad airbase", "IRQ"),  # a base our gazetteer additions place in Iraq
    ("Kandahar airport", "AFG"),
    ("a refugee camp", None),
    ("the Moscow embassy", "RUS"),
])
def test_a_facility_is_a_place_never_a_person_or_group(kb, phrase, country):
    got = kb.resolve(phrase, "2020-01-08")
    assert (got.country if got else None) == country
    assert got is None or (got.sector is None and (got.id or "country:").startswith(
        ("country:", "phx:")))


def test_a_peoples_plural_after_a_country_is_an_ethnic_group_of_that_country(kb):
    assert kb.resolve("Kosovo Serbs", "2008-03-01").country == "XKX"
    assert kb.resolve("Bosnian Croats", "1995-03-01").country == "BIH"
    assert kb.resolve("Serbs", "1995-03-01").country == "SRB"


def test_an_ethnic_groups_name_before_a_role_noun_gives_way_to_the_head(kb):
    got = kb.resolve("the largest Tutsi militia", "1996-01-01")
    assert got.sector == "UAF" and got.country is None  # UCDP places Tutsi in three countries
    got = kb.resolve("a Hutu rebel faction", "1996-01-01")
    assert got.sector == "REB"


def test_an_igo_takes_the_sector_of_its_role_noun(kb):
    assert kb.resolve("UN peacekeeping troops", "2004-01-01").sector == "MIL"
    assert kb.resolve("the United Nations", "2004-01-01").sector == "IGO"


def test_a_title_or_former_sets_a_persons_sector(kb):
    assert kb.resolve("former President Vladimir Putin", "2022-01-01").sector == "ELI"
    assert kb.resolve("ex-president Vladimir Putin", "2022-01-01").sector == "ELI"
    assert kb.resolve("President Vladimir Putin", "2022-01-01").sector == "GOV"


def test_a_plural_demonym_names_the_people_and_anti_names_an_opponent(kb):
    got = kb.resolve("angry Kenyans", "2010-01-01")
    assert (got.country, got.sector) == ("KEN", "CVL")
    got = kb.resolve("an anti-Iranian cleric", "2010-01-01")
    assert (got.country, got.sector) == (None, "REL")


def test_the_liberation_tigers_are_sri_lankan_rebels(kb):
    got = kb.resolve("the Liberation Tigers", "2001-05-01")
    assert (got.country, got.sector) == ("LKA", "REB")


def test_user_facility_nouns_make_places_and_bad_ones_are_reported(tmp_path: Path) -> None:
    (tmp_path / "places.yaml").write_text(
        "origin: test\nlicence: MIT\nfacility_nouns: [depot]\n", encoding="utf-8")
    kb = ActorKB.load([tmp_path])
    assert kb.resolve("the Hamas depot", "2014-07-01") is None
    assert ActorKB.load().resolve("the Hamas depot", "2014-07-01").country == "PSE"
    (tmp_path / "places.yaml").write_text(
        "origin: test\nlicence: MIT\nfacility_nouns: depot\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as err:
        ActorKB.load([tmp_path])
    assert "places.yaml:3" in str(err.value) and "facility_nouns" in str(err.value)


def test_a_group_without_a_country_takes_the_one_its_phrase_names(kb):
    got = kb.resolve("a Tutsi militia in Rwanda", "1994-05-01")
    assert (got.country, got.sector) == ("RWA", "UAF")
    assert kb.resolve("UN observers in Georgia", "2008-08-10").country is None  # IGOs stay


@pytest.mark.parametrize("phrase, head, sector", [
    ("three deputies", "deputies", "COP"),  # a sheriff's deputies: the commonest news sense
    ("the county sheriff's deputies", "deputies", "COP"),
    ("deputies of the national assembly", "deputies", "LEG"),
    ("Rada deputies", "deputies", "LEG"),
    ("opposition deputies", "deputies", "LEG"),
    ("two officers", "officers", "COP"),
    ("army officers", None, "MIL"),
    ("federal agents", "agents", "COP"),
    ("intelligence agents", "agents", "SPY"),
    ("guards", "guards", "COP"),
    ("a police spokeswoman", "spokeswoman", "COP"),
    ("a rebel spokesman", "spokesman", "REB"),
    ("the spokesman", "spokesman", "GOV"),
    ("rebel leaders", "leaders", "REB"),
    ("members of a drug cartel", "members", "CRM"),
    ("military authorities", "authorities", "MIL"),
    ("rebel forces", None, "REB"),
    ("government forces", "forces", "MIL"),
    ("the deputy commander", "commander", "MIL"),  # another ambiguous noun is no cue
])
def test_an_ambiguous_role_noun_takes_its_commonest_sense_unless_its_phrase_cues_another(
        kb: ActorKB, phrase: str, head: str | None, sector: str) -> None:
    got = kb.resolve(phrase, "2023-04-02", head=head)
    assert got is not None and got.sector == sector


def test_a_bare_member_names_no_sector(kb: ActorKB) -> None:
    assert kb.resolve("two members", "2023-04-02", head="members") is None


@pytest.mark.parametrize("phrase, sector", [
    ("a teenager", "CVL"), ("two teens", "CVL"), ("the victims", "CVL"), ("a young boy", "CVL"),
    ("four others", "CVL"), ("an elderly man", "CVL"), ("passersby", "CVL"),
    ("the suspect", "CRM"), ("a lone shooter", "CRM"), ("a gunman", "UAF"),
])
def test_people_named_by_age_sex_or_fate_are_civilians_and_suspects_criminals(
        kb: ActorKB, phrase: str, sector: str) -> None:
    got = kb.resolve(phrase, "2023-04-02")
    assert got is not None and (got.country, got.sector) == (None, sector)


def test_a_capital_names_its_country_not_an_igo_seated_there(kb: ActorKB) -> None:
    assert kb.resolve("Brussels", "2022-05-01").country == "BEL"
    assert kb.resolve("Brussels", "2022-05-01").sector != "IGO"
    assert kb.resolve("the European Commission", "2022-05-01").sector == "IGO"


@pytest.mark.parametrize("phrase, country", [
    ("Islamic State", None),
    ("al-Qaeda militants", None),
    ("Islamic State fighters in Niger", "NER"),
    ("the Somali branch of the Islamic State", "SOM"),
    ("al-Qaeda's Yemeni affiliate", "YEM"),
    ("ISWAP", "NGA"),  # a regional province keeps its country
])
def test_a_transnational_group_takes_only_the_country_its_phrase_names(
        kb: ActorKB, phrase: str, country: str | None) -> None:
    got = kb.resolve(phrase, "2021-06-01")
    assert got is not None and got.sector == "INS" and got.country == country


def test_bad_senses_and_transnational_flags_are_reported(tmp_path: Path) -> None:
    (tmp_path / "senses.yaml").write_text(
        "origin: test\nlicence: MIT\n"
        "organisations:\n  - {id: g, names: [Grey Band], sector: INS, transnational: maybe}\n"
        "agent_senses:\n  - {nouns: [wardens], default: COPS, cues: any}\n"
        "  - {nouns: [keepers], default: COP, cues: [MIL]}\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as err:
        ActorKB.load([tmp_path])
    text = str(err.value)
    assert "senses.yaml:4" in text and "transnational" in text
    assert "agent_senses[0].default" in text and "agent_senses[1].cues" in text


@pytest.mark.parametrize("phrase, country, sector", [
    # South Asian and popular English names of the police and the central armed police forces,
    # as lower-cased news writes them (issue 14)
    ("two cops", None, "COP"),
    ("a head constable", None, "COP"),
    ("the sub-inspector", None, "COP"),
    ("home guards", None, "COP"),
    ("three jawans", None, "MIL"),
    ("crpf jawans", "IND", "MIL"),
    ("the Border Security Force", "IND", "MIL"),
    ("cisf personnel", "IND", "MIL"),
    ("itbp troopers", "IND", "MIL"),
    ("armed naxals", "IND", "REB"),
    ("five maoists", None, "REB"),
    ("an angry mob", None, "CVL"),
    ("a lynch mob", None, "CVL"),
    ("villagers", None, "CVL"),
])
def test_resolve_police_and_forces_in_lower_case_news(kb: ActorKB, phrase: str,
                                                      country: str | None, sector: str) -> None:
    got = kb.resolve(phrase, "2021-03-04")
    assert got is not None and (got.country, got.sector) == (country, sector)


def test_resolve_three_letter_force_acronyms_only_in_capitals(kb: ActorKB) -> None:
    assert kb.resolve("the BSF", "2021-03-04").country == "IND"
    assert kb.resolve("the bsf", "2021-03-04") is None  # "ssb", "bsf": acronyms, as "us" and "is"


def test_local_sectors_are_read_layered_and_checked(tmp_path: Path, kb: ActorKB) -> None:
    assert {"COP", "MIL", "UAF", "CVL"} <= kb.local_sectors and "IGO" not in kb.local_sectors
    (tmp_path / "local.yaml").write_text(
        "origin: test\nlicence: MIT\nlocal_sectors: [BUS]\n", encoding="utf-8")
    assert "BUS" in ActorKB.load([tmp_path]).local_sectors
    (tmp_path / "local.yaml").write_text(
        "origin: test\nlicence: MIT\nlocal_sectors: [COP, police]\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as err:
        ActorKB.load([tmp_path])
    assert "local.yaml:3: local_sectors: 'police' is not a sector" in str(err.value)
