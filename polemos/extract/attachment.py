"""Which time expressions the parse places under an event's trigger, and how deep.

Character distance cannot tell "held a vigil Thursday night for a boy who was shot Monday
night" apart: both days sit near "shot". The dependency tree can: "Monday night" hangs under
the clause of "shot", "Thursday night" under "held". A time under the trigger dates it; the
fewer clauses between them, the more surely ("was shot Sunday and died Monday": Sunday).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from sys import maxsize

from spacy.tokens import Doc, Token

from polemos.model import TextSpan, TimeExpr

# Dependencies that open a new clause: each one crossed on the way up is one step further away.
_CLAUSES = frozenset({"conj", "advcl", "relcl", "ccomp", "xcomp", "acl", "pcomp", "parataxis"})
# Parts of speech passed over on the way from a time up to the word it dates ("on", "about", "10").
_PASSED = frozenset({"ADP", "NUM", "PUNCT", "CCONJ", "DET", "PART", "SPACE"})


def attached_times(doc: Doc, trigger: TextSpan, times: Sequence[TimeExpr],
                   starts: Sequence[int] | None = None) -> dict[int, int]:
    """Start offsets of the times that hang under the trigger, each with its clause distance.

    Offsets are in the document's text (as ``TimeExpr.span`` is); ``times`` are in text order,
    as ``find_time_expressions`` gives them. A time outside the trigger's subtree is absent from
    the result: the parse ties it to another verb ("said Friday", "sentenced Tuesday").
    ``starts`` (``token_starts(doc)``), given once per document, keeps each call to the
    trigger's sentence: a long article has many triggers and many tokens.
    """
    starts = token_starts(doc) if starts is None else starts
    head = _root(doc, starts, trigger.start, trigger.end)
    if head is None:
        return {}
    sent = head.sent
    first = bisect_left(times, sent.start_char, key=lambda t: t.span.start)
    last = bisect_left(times, sent.end_char, key=lambda t: t.span.start)
    found: dict[int, int] = {}
    for t in times[first:last]:
        root = _root(doc, starts, t.span.start, t.span.end)
        if root is None:
            continue
        steps = _clauses_between(root, head)
        if steps is not None:
            found[t.span.start] = steps
    return found


def time_heads(doc: Doc, times: Sequence[TimeExpr]) -> dict[int, tuple[str, ...]]:
    """The words each time expression dates, by the parse: start offset -> lower-case lemmas.

    The content words above the time, nearest first, up to the verb of its clause and the verbs
    that verb is coordinated with, passing over prepositions, numbers and times ("shot on
    Friday" -> (shoot,), "killed two and sent three to hospital Friday" -> (send, kill), "a vigil
    Thursday night" -> (vigil, hold)). Verbs further up are left out: "police said Tuesday the
    man opened fire" may hang Tuesday under "said". A time at a sentence's root has no entry.
    """
    starts = token_starts(doc)
    inside = sorted((t.span.start, t.span.end) for t in times)
    found: dict[int, tuple[str, ...]] = {}
    for t in times:
        node = _root(doc, starts, t.span.start, t.span.end)
        lemmas: list[str] = []
        verb = None
        while node is not None and node.head.i != node.i and (verb is None or verb.dep_ == "conj"):
            node = node.head
            if not (node.pos_ in _PASSED or node.ent_type_ in ("DATE", "TIME")
                    or _within(inside, node.idx)):
                lemmas.append(node.lemma_.lower())
                if node.pos_ in ("VERB", "AUX"):
                    verb = node
        if lemmas:
            found[t.span.start] = tuple(lemmas)
    return found


def token_starts(doc: Doc) -> list[int]:
    """The character offset of each token, for finding tokens by offset with ``bisect``."""
    return [t.idx for t in doc]


def _within(spans: Sequence[tuple[int, int]], offset: int) -> bool:
    """Whether an offset lies inside one of the sorted (start, end) spans."""
    k = bisect_right(spans, (offset, maxsize)) - 1
    return k >= 0 and spans[k][0] <= offset < spans[k][1]


def _root(doc: Doc, starts: Sequence[int], start: int, end: int) -> Token | None:
    """The head word of the tokens overlapping [start, end) (offsets may fall in spaces)."""
    tokens = []
    for i in range(max(bisect_right(starts, start) - 1, 0), len(doc)):
        token = doc[i]
        if token.idx >= end:
            break
        if token.idx + len(token) > start and not token.is_space:
            tokens.append(token)
    if not tokens:
        return None
    return doc[tokens[0].i:tokens[-1].i + 1].root


def _clauses_between(token: Token, head: Token) -> int | None:
    """How many clause boundaries lie between a token and its ancestor ``head``; None if not one."""
    if token.i == head.i:
        return 0
    steps = 0
    node = token
    while node.head.i != node.i:
        if node.dep_ in _CLAUSES:
            steps += 1
        node = node.head
        if node.i == head.i:
            return steps
    return None
