"""Write polemos/web/countries.geojson, the dashboard's map, from Natural Earth 1:110m countries.

Origin: Natural Earth "Admin 0 - Countries" at 1:110m (naturalearthdata.com; public domain), as
shipped in the geopandas 0.14.4 wheel (PyPI, BSD-3-Clause) at
geopandas/datasets/naturalearth_lowres/naturalearth_lowres.{shp,dbf} (removed from geopandas 1.0):

    pip download --no-deps "geopandas==0.14.4" -d /tmp/geo
    unzip -o /tmp/geo/geopandas-0.14.4-py3-none-any.whl 'geopandas/datasets/*' -d /tmp/geo
    python tools/natural_earth_outlines.py /tmp/geo/geopandas/datasets/naturalearth_lowres

The shapefile is read with the standard library (polygon records and the dBASE table), each ring
simplified (Douglas-Peucker, TOLERANCE degrees) and rounded to 0.01 degree, so the file stays
small enough to send with the page; nothing is fetched at run time.
"""

from __future__ import annotations

import json
import struct
import sys
from pathlib import Path

TOLERANCE = 0.08  # degrees: invisible on a world map a thousand pixels wide
OUT = Path(__file__).resolve().parent.parent / "polemos" / "web" / "countries.geojson"
Point = tuple[float, float]


def read_polygons(shp: Path) -> list[list[list[Point]]]:
    """Each record's rings (shape type 5, Polygon), in file order."""
    data = shp.read_bytes()
    at, shapes = 100, []  # after the 100-byte file header
    while at < len(data):
        _, words = struct.unpack(">ii", data[at:at + 8])
        body = data[at + 8:at + 8 + words * 2]
        at += 8 + words * 2
        kind = struct.unpack("<i", body[:4])[0]
        if kind != 5:
            raise ValueError(f"{shp}: record at byte {at}: shape type {kind}, expected 5 (polygon)")
        n_parts, n_points = struct.unpack("<ii", body[36:44])
        parts = list(struct.unpack(f"<{n_parts}i", body[44:44 + 4 * n_parts])) + [n_points]
        start = 44 + 4 * n_parts
        points = [struct.unpack("<dd", body[start + 16 * i:start + 16 * i + 16])
                  for i in range(n_points)]
        shapes.append([points[parts[i]:parts[i + 1]] for i in range(n_parts)])
    return shapes


def read_table(dbf: Path) -> list[dict[str, str]]:
    """The dBASE III rows as text, stripped."""
    data = dbf.read_bytes()
    n_rows, header_len, row_len = struct.unpack("<IHH", data[4:12])
    fields, at = [], 32
    while data[at] != 0x0D:
        name = data[at:at + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[at + 16]))
        at += 32
    rows = []
    for r in range(n_rows):
        row, pos = {}, header_len + r * row_len + 1  # a leading deletion flag
        for name, width in fields:
            row[name] = data[pos:pos + width].decode("utf-8", "replace").strip()
            pos += width
        rows.append(row)
    return rows


def simplify(ring: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker on one closed ring, keeping its first and last point."""
    if len(ring) < 5:
        return ring
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = ring[first], ring[last]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        far, far_at = 0.0, -1
        for i in range(first + 1, last):
            x, y = ring[i]
            d = abs(dy * (x - x1) - dx * (y - y1)) / norm if norm else abs(x - x1) + abs(y - y1)
            if d > far:
                far, far_at = d, i
        if far > tolerance:
            keep[far_at] = True
            stack += [(first, far_at), (far_at, last)]
    return [p for p, k in zip(ring, keep, strict=True) if k]


def feature(rings: list[list[Point]], row: dict[str, str]) -> dict[str, object] | None:
    """One country as a GeoJSON MultiPolygon of its simplified rings (holes drawn as rings too:
    the map fills with the even-odd rule); None when nothing is left of it."""
    kept = []
    for ring in rings:
        small = [(round(x, 2), round(y, 2)) for x, y in simplify(ring, TOLERANCE)]
        if len(small) >= 4:
            kept.append([[list(p) for p in small]])
    if not kept:
        return None
    return {"type": "Feature", "properties": {"iso_a3": row["iso_a3"], "name": row["name"]},
            "geometry": {"type": "MultiPolygon", "coordinates": kept}}


def main(folder: str) -> None:
    base = Path(folder) / "naturalearth_lowres"
    shapes, rows = read_polygons(base.with_suffix(".shp")), read_table(base.with_suffix(".dbf"))
    if len(shapes) != len(rows):
        raise SystemExit(f"{base}: {len(shapes)} shapes but {len(rows)} rows")
    features = [f for s, r in zip(shapes, rows, strict=True) if (f := feature(s, r))]
    collection = {
        "type": "FeatureCollection",
        "origin": "Natural Earth 1:110m Admin 0 - Countries (naturalearthdata.com), as shipped "
                  "in geopandas 0.14.4 (datasets/naturalearth_lowres); simplified by "
                  "tools/natural_earth_outlines.py",
        "licence": "public domain (Natural Earth terms of use: naturalearthdata.com/about/terms-of-use)",
        "features": features,
    }
    OUT.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(features)} countries, {OUT.stat().st_size:,} bytes", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/geo/geopandas/datasets/naturalearth_lowres")
