"""Analyse incidents: trends per period and escalation alerts (issue 15; docs/alerts.md).

Reads incidents (``model.incident_record`` dicts, or ``model.Incident`` records), never raw
mentions: one attack told by ten outlets counts once. Pure functions: no store, no clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from polemos.analyse.alerts import Alert as Alert
from polemos.analyse.alerts import alerts as alerts
from polemos.analyse.records import Records as Records
from polemos.analyse.series import TrendPoint as TrendPoint
from polemos.analyse.series import trend as trend
from polemos.model import Incident, incident_record

__all__ = ["Alert", "Records", "TrendPoint", "alerts", "incident_dicts", "trend"]


def incident_dicts(items: Iterable[Mapping[str, Any] | Incident]) -> list[Mapping[str, Any]]:
    """Incident records as dicts: an ``Incident`` becomes its ``incident_record``."""
    return [incident_record(i) if isinstance(i, Incident) else i for i in items]
