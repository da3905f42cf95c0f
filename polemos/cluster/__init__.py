"""Cluster event mentions into incidents, within an article and across articles (issue 15).

``cluster_mentions`` is a pure function of the mention records (schema v1 dicts, as the store and
``polemos code --format jsonl`` give them) and each article's source: the same mentions give the
same incidents and ids whatever order they come in. docs/incidents.md says how.
"""

from polemos.cluster.build import LINK_DAYS as LINK_DAYS
from polemos.cluster.build import cluster_mentions as cluster_mentions

__all__ = ["LINK_DAYS", "cluster_mentions"]
