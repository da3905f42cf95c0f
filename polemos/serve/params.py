"""Query parameters of the HTTP API, checked and turned into the library's own filter records.

Dates, event type, actor, recipient and place go into ``IncidentFilter`` (the filter of
``polemos incidents``), so the API and the CLI select the same rows; the few conditions only
the API has (country, province, quad class, bounding box, text search) are added here, always
as bound parameters. Every bad value is an InputError naming the parameter: a 400, never a 500.
DOCS: docs/serve.md
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from polemos.analyse.filters import country_code
from polemos.errors import InputError
from polemos.incident_query import IncidentFilter

MAX_LIMIT = 500  # rows in one page: a bigger export is `polemos export`'s job
DEFAULT_LIMIT = 50
MAX_OFFSET = 10_000_000
MAX_WORDS = 200  # characters in one text parameter

LIST_PARAMS = frozenset({"since", "until", "actor", "recipient", "dyad", "type", "quad_class",
                         "country", "province", "place", "bbox", "q", "limit", "offset"})
TREND_PARAMS = frozenset({"since", "until", "actor", "recipient", "dyad", "place", "by"})
ALERT_PARAMS = TREND_PARAMS | {"window", "threshold", "min_count", "stale_days"}
CODE_PARAMS = frozenset({"date", "store", "id"})


@dataclass(frozen=True, slots=True)
class ListQuery:
    """One page of events or incidents: the shared filter, the API's own conditions, the page."""

    where: IncidentFilter
    country: str | None = None  # ISO3
    province: str | None = None
    quad_class: int | None = None
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    text: str | None = None
    limit: int = DEFAULT_LIMIT
    offset: int = 0

    def condition(self, table: str) -> tuple[str, list[object]]:
        """The SQL condition on ``table`` (incidents or mentions) and its parameters."""
        sql, params = self.where.where(table)
        conditions = [sql]
        if self.country:
            conditions.append("upper(location.country) = ?")
            params.append(self.country)
        if self.province:
            conditions.append("lower(location.admin1) = ?")
            params.append(self.province.lower())
        if self.quad_class is not None:
            conditions.append("quad_class = ?")
            params.append(self.quad_class)
        if self.bbox:
            conditions.append("location.lon BETWEEN ? AND ? AND location.lat BETWEEN ? AND ?")
            west, south, east, north = self.bbox
            params += [west, east, south, north]
        if self.text:
            conditions.append("contains(lower(text), ?)")
            params.append(self.text.lower())
        return " AND ".join(conditions), params


def check_known(given: Iterable[str], known: frozenset[str]) -> None:
    """Raise InputError for a query parameter the endpoint does not take (a typo would
    otherwise be ignored silently and the answer look filtered when it is not)."""
    for name in given:
        if name not in known:
            raise InputError(f"unknown parameter {_shown(name)} (expected one of "
                             f"{', '.join(sorted(known)) or 'none'})", field=name[:40])


def words(value: str | None, name: str) -> str | None:
    """A text parameter, stripped; None when empty. Raises InputError when too long or when it
    holds control characters."""
    if value is None or not value.strip():
        return None
    if len(value) > MAX_WORDS:
        raise InputError(f"{len(value)} characters is too long (expected at most {MAX_WORDS})",
                         field=name)
    if any(ord(c) < 32 or 0xD800 <= ord(c) <= 0xDFFF for c in value):
        raise InputError(f"{_shown(value)} holds a control character (expected plain text)",
                         field=name)
    return value.strip()


def dyad_pair(dyad: str | None) -> tuple[str, str] | None:
    """``ACTOR,RECIPIENT`` (or ``ACTOR-RECIPIENT``) as a pair; raises InputError otherwise."""
    text = words(dyad, "dyad")
    if text is None:
        return None
    sep = "," if "," in text else "-"
    parts = [p.strip() for p in text.split(sep)]
    if len(parts) != 2 or not all(parts):
        raise InputError(f"{_shown(text)} is not a dyad (expected ACTOR,RECIPIENT, e.g. RUS,UKR)",
                         field="dyad")
    return parts[0], parts[1]


def list_query(raw: Mapping[str, str | None], *, quad_class: int | None, limit: int,
               offset: int) -> ListQuery:
    """The ListQuery of one request's text parameters; raises InputError naming the bad one."""
    text = {name: words(raw.get(name), name) for name in
            ("since", "until", "actor", "recipient", "type", "country", "province", "place",
             "bbox", "q")}
    actor, recipient = text["actor"], text["recipient"]
    pair = dyad_pair(raw.get("dyad"))
    if pair and (actor or recipient):
        raise InputError("give dyad or actor/recipient, not both", field="dyad")
    if pair:
        actor, recipient = pair
    where = IncidentFilter(since=text["since"], until=text["until"], event_type=text["type"],
                           actor=actor, recipient=recipient, place=text["place"])
    where.where()  # checks dates and type now, naming the parameter
    return ListQuery(where, country=_country(text["country"]), province=text["province"],
                     quad_class=quad_class, bbox=_bbox(text["bbox"]), text=text["q"],
                     limit=limit, offset=offset)


def _country(value: str | None) -> str | None:
    if value is None:
        return None
    code = country_code(value)
    if code is None:
        raise InputError(f"{_shown(value)} is no country (expected an ISO3 code such as SYR, or "
                         "a country's name)", field="country")
    return code


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``west,south,east,north`` in degrees; raises InputError for anything else."""
    if value is None:
        return None
    expected = "expected west,south,east,north in degrees, e.g. 35.5,32.0,42.5,37.5"
    try:
        west, south, east, north = (float(p) for p in value.split(","))
    except ValueError:
        raise InputError(f"{_shown(value)} is not a bounding box ({expected})",
                         field="bbox") from None
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise InputError(f"{_shown(value)} is not a bounding box ({expected}, west <= east, "
                         "south <= north)", field="bbox")
    return west, south, east, north


def _shown(value: str, width: int = 60) -> str:
    """A value quoted for a message, cut short and with control characters escaped."""
    text = value if len(value) <= width else value[:width] + "…"
    return repr(text)
