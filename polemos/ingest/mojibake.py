"""Text decoded twice: UTF-8 read as Windows-1252 ("mojibake") repaired before anything reads it.

News scraped from Indian, African and older Western sites often carries UTF-8 bytes that some
earlier step decoded as Windows-1252: "the district’s police" arrives as "the districtâ€™s
police", and a no-break space as "Â ". The parser then splits words in the middle ("districtâ",
"€", "™s") and the actor and trigger words around them are lost. The repair is ftfy's
``fix_encoding`` (Apache-2.0, pure Python): it undoes a wrong decoding only where the result is
less "bad" than the input by its measures, so correct accented text ("São Paulo", "naïve") is
left alone. Only the encoding is touched: quotes stay curly, HTML entities and line breaks stay
as written.

A no-break space (U+00A0), which the repair yields for "Â ", is made a plain space: spaCy makes a
token of it, which cuts a clause in two ("booked", "\\xa0", "under section 302").
"""

from __future__ import annotations

import re

import ftfy

# fix_encoding alone; every other ftfy fix (uncurling quotes, HTML entities, line breaks, Unicode
# normalisation) is off, so a text without mojibake comes back unchanged.
_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False, remove_terminal_escapes=False, fix_latin_ligatures=False,
    fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False,
    remove_control_chars=False, fix_c1_controls=False, normalization=None, explain=False)
# A C1 control between ASCII characters ("three\x85four": U+0085 is a line break that
# docs/input.md keeps as text) is no part of a mis-decoded sequence, whose every character after
# the first byte follows another non-ASCII one; fix_encoding would still read it as Windows-1252
# ("…"), so the text is repaired in the pieces between such controls.
_LONE_C1 = re.compile("(?<![\u0080-\U0010ffff])[\u0080-\u009f](?![\u0080-\U0010ffff])")


def repair(text: str) -> str:
    """``text`` with mojibake undone and no-break spaces made spaces; a clean text is returned
    as it is. Example: ``repair("the districtâ€™s police")`` -> ``"the district’s police"``."""
    if text.isascii():  # the common case: nothing to repair
        return text
    pieces = _LONE_C1.split(text)
    controls = _LONE_C1.findall(text)
    out = [ftfy.fix_text(pieces[0], _CONFIG)]
    for control, piece in zip(controls, pieces[1:], strict=True):
        out += [control, ftfy.fix_text(piece, _CONFIG)]
    return "".join(out).replace("\u00a0", " ")
