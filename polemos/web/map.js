// The map: country outlines (countries.geojson, Natural Earth 1:110m, public domain) in an
// equirectangular SVG, one circle per located incident, sized by its dead (else its mentions).

const SVG = "http://www.w3.org/2000/svg";
let outlines = null; // the <g> of countries, drawn once

const x = (lon) => lon + 180;
const y = (lat) => 90 - lat;

function ringPath(ring) {
  return ring.map(([lon, lat], i) => `${i ? "L" : "M"}${x(lon).toFixed(2)} ${y(lat).toFixed(2)}`).join("") + "Z";
}

/** Draw the outlines once (a missing file leaves the points on a blank sea, with a note). */
export async function drawOutlines(svg, note) {
  if (outlines) return;
  outlines = document.createElementNS(SVG, "g");
  svg.prepend(outlines);
  try {
    const response = await fetch(new URL("countries.geojson", document.baseURI),
      { headers: authHeader() });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const world = await response.json();
    for (const feature of world.features) {
      const path = document.createElementNS(SVG, "path");
      path.setAttribute("class", "country");
      path.setAttribute("d", feature.geometry.coordinates.map((poly) => poly.map(ringPath).join("")).join(""));
      const title = document.createElementNS(SVG, "title");
      title.textContent = feature.properties.name;
      path.append(title);
      outlines.append(path);
    }
  } catch (err) {
    note.textContent = `country outlines unavailable (${err.message})`;
  }
}

function authHeader() {
  const token = sessionStorage.getItem("polemos-token");
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** The located incidents as circles; `onPick(id)` on click or Enter. Returns how many were drawn. */
export function drawPoints(svg, incidents, selectedId, onPick) {
  svg.querySelectorAll(".points").forEach((g) => g.remove());
  const layer = document.createElementNS(SVG, "g");
  layer.setAttribute("class", "points");
  const located = incidents.filter((i) => i.location && i.location.lat != null && i.location.lon != null);
  // biggest first, so small circles stay on top and clickable
  located.sort((a, b) => weight(b) - weight(a));
  for (const incident of located) {
    const circle = document.createElementNS(SVG, "circle");
    circle.setAttribute("class", incident.id === selectedId ? "point selected" : "point");
    circle.setAttribute("cx", x(incident.location.lon).toFixed(3));
    circle.setAttribute("cy", y(incident.location.lat).toFixed(3));
    circle.dataset.weight = String(weight(incident));
    circle.setAttribute("tabindex", "0");
    circle.setAttribute("role", "button");
    circle.dataset.id = incident.id;
    const title = document.createElementNS(SVG, "title");
    title.textContent = `${incident.date || "undated"} ${incident.event_type} in ${incident.location.name}` +
      (incident.dead ? `, ${incident.dead} dead` : "") + ` (${incident.n_mentions} mentions)`;
    circle.append(title);
    circle.addEventListener("click", () => onPick(incident.id));
    circle.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); onPick(incident.id); } });
    layer.append(circle);
  }
  svg.append(layer);
  fit(svg, located, layer);
  return located.length;
}

function weight(incident) {
  return incident.dead || incident.n_mentions || 1;
}

/** Zoom to the points (at least 40 by 20 degrees), or the world when there are none; circles keep
 * their size on screen whatever the zoom. */
function fit(svg, located, layer) {
  if (!located.length) {
    svg.setAttribute("viewBox", "0 0 360 180");
    return;
  }
  const xs = located.map((i) => x(i.location.lon));
  const ys = located.map((i) => y(i.location.lat));
  let [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const width = Math.max(40, (x1 - x0) * 1.3);
  const height = Math.max(width / 2, (y1 - y0) * 1.3);
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  x0 = Math.max(0, Math.min(360 - width, cx - width / 2));
  y0 = Math.max(0, Math.min(180 - height, cy - height / 2));
  svg.setAttribute("viewBox", `${x0.toFixed(2)} ${y0.toFixed(2)} ${width.toFixed(2)} ${Math.min(height, 180).toFixed(2)}`);
  sizeCircles(layer, width);
}

/** Radii in map units that come out at 3 to about 20 pixels on a map about 580 pixels wide. */
function sizeCircles(layer, width) {
  for (const circle of layer.children) {
    const pixels = Math.min(20, 3 + 2 * Math.sqrt(Number(circle.dataset.weight)));
    circle.setAttribute("r", ((pixels * width) / 580).toFixed(3));
  }
}
