"""The CAMEO verb dictionary's converter (tools/kb/cameo_verbs.py) and how the lexicon reads its
blocks (issue 14): synonym verbs share patterns; a preposition, an object or a synonym set makes
the code; our curated verbs are sharpened by it under their CAMEO root, never overruled."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from coding import code

from polemos.errors import KnowledgeError
from polemos.extract.triggers import TriggerLexicon
from polemos.knowledge import Knowledge
from polemos.ontology import Ontology

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools" / "kb"))

import cameo_verbs  # noqa: E402

TINY = Path(__file__).parent / "fixtures" / "kb" / "cameo_verbs_tiny.txt"


@pytest.fixture(scope="module")
def blocks() -> list:
    return cameo_verbs.convert(TINY.read_text(encoding="utf-8"), Ontology.load())


def test_kb_cameo_verbs_blocks_keep_their_verbs_and_codes(blocks) -> None:
    summon, condemn = blocks
    # a null block gives its verbs no code of their own; a verb line's own code beats the block's
    assert summon.verbs == {"summon": None, "call in": None}
    assert condemn.verbs == {"condemn": "111", "decry": "1121"}


def test_kb_cameo_verbs_patterns_by_preposition_object_and_set(blocks) -> None:
    patterns = blocks[0].patterns
    assert patterns[""]["ambassador"] == "1011" and patterns[""]["charge d'affaires"] == "1011"
    assert patterns[""]["trade delegation"] == "036"
    assert patterns["for"]["talks"] == "036" and patterns["for"]["talk"] == "036"
    assert patterns["to"][""] == "042"  # [042:043]: the source's code


def test_kb_cameo_verbs_leaves_out_what_would_over_reach(blocks) -> None:
    patterns = blocks[0].patterns
    assert "aircraft" not in patterns[""]  # a null code: the noun/verb leftovers
    assert "police" not in patterns[""]  # an object with a qualifier: not the object alone
    assert "envoy" in patterns[""] and "witness" not in patterns[""]  # [999]: no such code


def _dictionary_kb(tmp_path: Path, text: str) -> Path:
    """A --kb folder with one dictionary file, under triggers/ where trigger files go."""
    (tmp_path / "triggers").mkdir()
    (tmp_path / "triggers" / "dictionary.yaml").write_text(
        "origin: test\nlicence: CC0\nconfidence: 0.45\ndictionary:\n" + text, encoding="utf-8")
    return tmp_path


def test_kb_cameo_verbs_the_lexicon_expands_blocks(tmp_path: Path) -> None:
    kb = _dictionary_kb(tmp_path, '  - block: "SUMMON"\n    verbs: {"summon": null, '
                        '"convene": "040"}\n    patterns:\n      "": {"ambassador": "1011"}\n'
                        '      "for": {"": "036", "talks": "036"}\n')
    lexicon = TriggerLexicon.load(Ontology.load(), [kb])
    assert lexicon.dictionary["convene"].code == "040"
    assert lexicon.dictionary["summon"].code is None
    assert dict(lexicon.dictionary["summon"].objects) == {"ambassador": "1011"}
    assert lexicon.dictionary["convene for"].code == "036"
    assert lexicon.dictionary["summon"].fallback


def test_kb_cameo_verbs_a_bad_block_is_reported_with_file_and_line(tmp_path: Path) -> None:
    kb = _dictionary_kb(tmp_path, '  - block: "X"\n    verbs: {"summon": "999"}\n')
    with pytest.raises(KnowledgeError) as err:
        TriggerLexicon.load(Ontology.load(), [kb])
    assert "triggers/dictionary.yaml:5: dictionary: unknown CAMEO code(s) ['999']" in str(err.value)


def test_kb_cameo_verbs_sharpen_a_curated_verb_under_its_root(tmp_path: Path) -> None:
    # our own block: "shell" (curated 194) with a target sharpens the curated verb's code only
    # where the dictionary's code stays under the same root: not ACCUSE 111, not ASSAULT 183
    kb = _dictionary_kb(tmp_path, '  - block: "SHELL"\n    verbs: {"shell": null}\n'
                        '    patterns:\n      "": {"convoy": "195", "talk": "111", '
                        '"market": "183"}\n  - block: "SEIZE"\n    verbs: {"seize": null}\n'
                        '    patterns:\n      "": {"tanker": "1712", "asset": "1711"}\n')
    knowledge = Knowledge(kb_dirs=(kb,))
    same = code("Rebels shelled a convoy near Gao.", knowledge)
    assert any(m.cameo == "195" and "dictionary 'shell' + object 'convoy'" in m.rule
               for m in same), [m.rule for m in same]
    for text in ("Rebels shelled the talks venue near Gao.", "Rebels shelled a market in Gao."):
        other = code(text, knowledge)
        assert other and all(m.cameo == "194" for m in other), [m.rule for m in other]
    # root 17 holds COERCE 171/1711 and ASSAULT 1712: the type must stay too (curated 171)
    kept = code("Troops seized a tanker off the coast of Libya.", knowledge)
    assert kept and all(m.cameo == "171" for m in kept), [m.rule for m in kept]
    sharper = code("Troops seized the assets of a bank in Tripoli.", knowledge)
    assert any(m.cameo == "1711" for m in sharper), [m.rule for m in sharper]


def test_kb_cameo_verbs_the_shipped_file_is_our_converters_output() -> None:
    shipped = (ROOT / "polemos" / "data" / "triggers" / "cameo_verbs.yaml").read_text("utf-8")
    assert "converted by tools/kb/cameo_verbs.py" in shipped and "licence: MIT" in shipped
    lexicon = TriggerLexicon.load(Ontology.load())
    # the dictionary's verbs beyond our curated ones, each with its patterns
    assert len(lexicon.dictionary) > 3000
    assert lexicon.dictionary["accuse"].object_code(["aggression"]) == ("aggression", "1123")


def test_kb_cameo_verbs_never_swallow_our_nominal_event(tmp_path: Path) -> None:
    # a dictionary verb (no curated entry) whose object pattern names our own nominal event
    # leaves the noun its candidate: "recounted the bombing" is the bombing, not a 051
    kb = _dictionary_kb(tmp_path, '  - block: "RECOUNT"\n    verbs: {"recount": null}\n'
                        '    patterns:\n      "": {"bombing": "051"}\n')
    knowledge = Knowledge(kb_dirs=(kb,))
    found = code("Witnesses recounted the bombing of a market in Gao by militants.", knowledge)
    assert found and all(m.cameo == "183" for m in found), [m.rule for m in found]
