"""The ontology tables: every PLOVER type reachable, codes fall back to parents, bad rows named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from polemos.errors import KnowledgeError
from polemos.model import EVENT_TYPES
from polemos.ontology import DATA, Ontology


@pytest.fixture(scope="module")
def ontology() -> Ontology:
    return Ontology.load()


def test_ontology_covers_all_plover_types(ontology: Ontology) -> None:
    assert all(ontology.codes_for(t) for t in EVENT_TYPES)


@pytest.mark.parametrize(("code", "etype", "quad"), [
    ("195", "ASSAULT", 4), ("046", "CONSULT", 1), ("0871", "RETREAT", 2), ("163", "SANCTION", 4),
    ("112", "ACCUSE", 3), ("1384", "THREATEN", 3), ("173", "COERCE", 4), ("141", "PROTEST", 4),
])
def test_ontology_code_maps_to_type_and_quad_class(ontology: Ontology, code: str, etype: str,
                                                   quad: int) -> None:
    entry = ontology[code]
    assert (entry.event_type, entry.quad_class) == (etype, quad)
    assert -10 <= entry.intensity <= 10


def test_ontology_intensity_orders_cooperation_above_force(ontology: Ontology) -> None:
    assert ontology["057"].intensity > ontology["040"].intensity > ontology["112"].intensity
    assert ontology["112"].intensity > ontology["190"].intensity == -10


def test_ontology_unknown_subcode_falls_back_to_parent(ontology: Ontology) -> None:
    assert ontology.get("1959") == ontology["195"]
    assert ontology.get("999") is None
    assert "999" not in ontology


def test_ontology_statement_codes_are_no_event(ontology: Ontology) -> None:
    assert ontology["010"].event_type is None


def test_ontology_bad_row_names_file_and_line(tmp_path: Path) -> None:
    for name in ("cameo_plover.tsv", "cameo_extra.tsv", "intensity.tsv"):
        shutil.copy(DATA / name, tmp_path / name)
    path = tmp_path / "cameo_extra.tsv"
    lines = path.read_text().splitlines()
    lines.append("777\tBOMBARD\t\t\tnot a PLOVER type")
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(KnowledgeError) as err:
        Ontology.load(tmp_path)
    assert f"cameo_extra.tsv:{len(lines)}: event_type" in str(err.value)
