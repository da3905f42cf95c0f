"""US counties and parishes for the place index, placed at the centre of their ZIP code points.

Local US news locates crimes by county ("the Lincoln County Sheriff's Office"), which neither
cities500 nor ISO 3166-2 holds. The ``zipcodes`` package lists every ZIP code with its county,
state and a point; a county sits at the middle of its ZIP points, and the number of its ZIP
codes stands in for its population when namesake counties are ranked.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator

# Words that end a US county-level name in the ZIP data ("Orleans Parish", "Kenai Borough").
_UNITS = ("County", "Parish", "Borough")
# One ZIP code serves about this many people (US population / ZIP codes): a size proxy only.
PEOPLE_PER_ZIP = 8000


def county_places(state_names: dict[str, str],
                  centre: Callable[[list[tuple[float, float]]], tuple[float, float]],
                  ) -> Iterator[tuple[str, str, float, float, int]]:
    """(name, state name, lat, lon, population estimate) of every US county, sorted by state, name.

    ``state_names`` maps USPS codes ("VA") to the index's admin1 names; counties of states it
    lacks are left out. Yields nothing when the ``zipcodes`` package is not installed.
    """
    try:
        import zipcodes
    except ImportError:
        return
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for record in zipcodes.list_all():
        county = " ".join((record.get("county") or "").split())
        if record.get("country") != "US" or not county.endswith(_UNITS):
            continue
        try:
            point = (float(record["lat"]), float(record["long"]))
        except (KeyError, TypeError, ValueError):
            continue
        points[(record["state"], county.replace("St ", "St. "))].append(point)
    for (state, county), found in sorted(points.items()):
        if state in state_names:
            lat, lon = centre(found)
            yield county, state_names[state], lat, lon, PEOPLE_PER_ZIP * len(found)
