"""The place index: run-time lookup (``lookup``) apart from the build (``build``, ``rows``).

Neutral ground: extract recognises place names with its candidates, resolve chooses among them;
both read the index through ``lookup.Gazetteer`` and neither imports the other.
"""
