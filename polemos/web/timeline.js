// The timeline: incidents per period from /trends (one bar each), alert periods from /alerts
// marked with a red triangle above their period's bar (alerts count by first report: docs/alerts.md).

const SVG = "http://www.w3.org/2000/svg";
const W = 600, H = 120, TOP = 14, BOTTOM = 16;

function el(name, attrs, text) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Draw `periods` (trend rows) with `alerts` marked; returns the number of bars drawn. */
export function drawTimeline(svg, periods, alerts) {
  svg.replaceChildren();
  if (!periods.length) return 0;
  const most = Math.max(1, ...periods.map((p) => p.incidents));
  const step = W / periods.length;
  const alerted = new Map(); // period → its alerts (one per series)
  for (const a of alerts) alerted.set(a.period, [...(alerted.get(a.period) || []), a]);
  periods.forEach((p, i) => {
    const h = ((H - TOP - BOTTOM) * p.incidents) / most;
    const bar = el("rect", { class: "bar", x: (i * step + step * 0.1).toFixed(2), y: (H - BOTTOM - h).toFixed(2),
      width: Math.max(step * 0.8, 0.5).toFixed(2), height: h.toFixed(2) });
    bar.append(el("title", {}, `${p.period}: ${p.incidents} incidents, ${p.dead} dead`));
    svg.append(bar);
    const found = alerted.get(p.period);
    if (found) {
      svg.prepend(el("rect", { class: "alert-band", x: (i * step).toFixed(2), y: TOP, width: step.toFixed(2),
        height: H - TOP - BOTTOM })); // the period's whole height, so an alert over few bars still shows
      const cx = i * step + step / 2, top = H - BOTTOM - h - 2;
      const mark = el("path", { class: "alert-mark", d: `M${cx - 4} ${top - 7}L${cx + 4} ${top - 7}L${cx} ${top}Z` });
      mark.append(el("title", {}, `${p.period}: alert for ` + found.map((a) => `${a.series} ` +
        `(${a.observed} conflict incidents first reported, ${Number(a.expected).toFixed(1)} expected, ` +
        `surprise ${Number(a.surprise).toFixed(1)})`).join("; ")));
      svg.append(mark);
    }
  });
  svg.append(el("text", { class: "axis", x: 2, y: H - 4 }, periods[0].period));
  svg.append(el("text", { class: "axis", x: W - 2, y: H - 4, "text-anchor": "end" }, periods[periods.length - 1].period));
  svg.append(el("text", { class: "axis", x: 2, y: 10 }, `${most} incident${most === 1 ? "" : "s"}`));
  return periods.length;
}
