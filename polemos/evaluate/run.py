"""Dispatch ``polemos evaluate --kind K --gold PATH`` to the scorer for that gold format."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from polemos.model import Article, Mention, Place, TextSpan, mention_record

if TYPE_CHECKING:
    from polemos.evaluate.event_location import Link
    from polemos.knowledge import Knowledge

KINDS = ("plover-gsr", "petrarch", "geoparsing", "timeml", "gva", "event-location", "gva-clusters")


def run_evaluation(kind: str, gold: Path, *, knowledge: Knowledge,
                   limit: int | None = None, half: str | None = None,
                   ) -> tuple[dict[str, Any], str]:
    """The metrics of one evaluation as a dict, and a readable report; ``half`` (tune|blind)
    scores one half of the gold (gva-clusters only)."""
    from polemos.pipeline import code_article

    def code(articles: list[Article]) -> list[Mention]:
        return [m for a in articles for m in code_article(a, knowledge)]

    if kind == "plover-gsr":
        from polemos.evaluate.plover_gsr import evaluate_plover_gsr, format_plover_gsr

        report = evaluate_plover_gsr(gold, code, limit=limit)
        return report, format_plover_gsr(report)
    if kind == "petrarch":
        from polemos.evaluate.petrarch import evaluate_petrarch, format_petrarch

        report = evaluate_petrarch(gold, limit=limit)
        return report, format_petrarch(report)
    if kind == "geoparsing":
        from polemos.evaluate.geoparsing import evaluate_geoparsing, format_geoparsing
        from polemos.pipeline import geoparse_article

        report = evaluate_geoparsing(
            gold, lambda doc_id, text: geoparse_article(Article(doc_id, text), knowledge), limit=limit)
        return report, format_geoparsing(report)
    if kind == "timeml":
        from polemos.evaluate.timeml import evaluate_timeml, format_timeml

        report = evaluate_timeml(gold)
        return report, format_timeml(report)
    if kind == "gva":
        from polemos.evaluate.gva import evaluate_gva, format_gva

        report = evaluate_gva(
            gold, lambda arts: [mention_record(m) for a in arts for m in code_article(a, knowledge)],
            limit=limit)
        return report, format_gva(report)
    if kind == "event-location":
        from polemos.evaluate.event_location import evaluate_event_location, format_event_location

        report = evaluate_event_location(gold, code, _oracle_linker(knowledge), limit=limit)
        return report, format_event_location(report)
    if kind == "gva-clusters":
        from polemos.evaluate.gva_clusters import evaluate_gva_clusters, format_gva_clusters

        report = evaluate_gva_clusters(
            gold, lambda arts: [mention_record(m) for a in arts for m in code_article(a, knowledge)],
            half=half, limit=limit)
        return report, format_gva_clusters(report)
    raise ValueError(f"unknown evaluation kind {kind!r} (expected one of {', '.join(KINDS)})")


def _oracle_linker(knowledge: Knowledge) -> Link:
    """Link a gold trigger to our toponyms in its sentence, bypassing our event coder."""
    from polemos.extract.article_reading import read_place_names
    from polemos.extract.place_attachment import place_links
    from polemos.resolve.places.event_places import event_location
    from polemos.resolve.places.toponyms import find_toponyms

    def link(text: str, trigger: TextSpan) -> tuple[Place | None, list[TextSpan]]:
        doc = knowledge.nlp(text)
        names = read_place_names(doc, text, knowledge)
        toponyms = find_toponyms(text, names)
        whole = TextSpan(text, 0, len(text))
        place = event_location(whole, trigger, toponyms, None,
                               links=place_links(doc, whole, trigger, names))
        return place, [t.span for t in toponyms if t.place is not None and t.place.lat is not None]

    return link
